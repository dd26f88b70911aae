/*
** ingest.h — turning input files into articles.
**
** A reader takes one file's bytes and hands each article it finds to a
** sink; problems (a malformed JSON line, invalid UTF-8 that cannot be
** repaired, a file with no text) go to the problem callback with the file
** and, where it applies, the line number, and the reader carries on with
** the rest.  Readers never print and never touch the index.
**
** This is the seam for metadata extraction and page-chrome removal: a
** reader fills what the input states explicitly (headers, JSON fields) and
** leaves the rest for the extraction step to fill (px_extract_article(),
** called for every article by px_ingest_emit()).
*/
#ifndef PX_INGEST_H
#define PX_INGEST_H

#include <stddef.h>

#include "pressdex.h"

typedef struct {
    const char *outlet;   /* --outlet: overrides every article's outlet */
    const char *date;     /* --date (YYYY-MM-DD): overrides every date */
    /* Extraction context (aliases, lines learnt across the run's pages),
    ** or NULL; owned by the caller. */
    const struct pxe_ctx *extract;
} px_ingest_opts;

/* Receives ownership of `a`.  Returns 0 to go on, non-zero to stop. */
typedef int (*px_sink_fn)(void *ctx, px_article *a);
/* A problem in `path` at `line` (0: the file as a whole). */
typedef void (*px_problem_fn)(void *ctx, const char *path, long line,
                              const char *msg);
/* How many bytes of the current file the reader has consumed. */
typedef void (*px_position_fn)(void *ctx, size_t offset);

typedef struct {
    const px_ingest_opts *opts;
    px_sink_fn sink;
    px_problem_fn problem;
    void *ctx;
    /* Optional (NULL: ignored); they come after the fields above so that
    ** initialisers written for those keep working. */
    px_problem_fn warning;    /* input repaired, still indexed */
    px_problem_fn note;       /* detail worth showing with --verbose */
    px_position_fn position;  /* called as the reader moves through a file */
} px_ingest;

/* A reader: `path` is absolute, data/len the whole file.  Returns the
** number of problems reported (0 when everything was read). */
typedef int (*px_reader_fn)(const px_ingest *in, const char *path,
                            const char *data, size_t len);

/* The reader for a file name (by extension, case-insensitive), or NULL
** when the format is not one pressdex reads. */
px_reader_fn px_reader_for(const char *path);

/* Writes the extensions pressdex reads (".txt, .jsonl, …") into buf. */
void px_reader_names(char *buf, size_t size);

/* The readers (read_txt.c, read_jsonl.c); readers.c maps names to them. */
int px_read_txt(const px_ingest *in, const char *path, const char *data,
                size_t len);
int px_read_jsonl(const px_ingest *in, const char *path, const char *data,
                  size_t len);

/* Where a JSON Lines file read in parts has got to. */
typedef struct {
    long line;      /* lines read */
    size_t seen;    /* non-blank lines */
} px_jsonl_pos;

/* Reads a JSON Lines file from `fd` (at its start) `chunk` bytes at a
** time, so that memory does not grow with the file; the same articles,
** problems and messages as px_read_jsonl on the whole file (whose NUL
** check costs one more pass over it). */
int px_read_jsonl_fd(const px_ingest *in, const char *path, int fd,
                     size_t chunk);

/* ------------------------------------------------------------------ */
/* Helpers shared by the readers (ingest.c)                             */
/* ------------------------------------------------------------------ */

/* Report through in->problem / in->warning / in->note, printf-style.
** px_ingest_problem() returns 1 so that readers can count with it. */
int px_ingest_problem(const px_ingest *in, const char *path, long line,
                      const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void px_ingest_warning(const px_ingest *in, const char *path, long line,
                       const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void px_ingest_note(const px_ingest *in, const char *path, long line,
                    const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Non-zero when the bytes contain a NUL: not text pressdex can read. */
int px_ingest_is_binary(const char *data, size_t len);

/* Makes s/len valid UTF-8 for indexing.  Returns 0 and leaves *fixed NULL
** when it already is; returns 0 with *fixed (length *fixed_len) a malloc'd
** repaired copy (the caller frees it) after warning how many sequences
** were replaced; returns 1 after reporting a problem when the text is
** mostly not UTF-8 or memory ran out. */
int px_ingest_utf8(const px_ingest *in, const char *path, long line,
                   const char *s, size_t len, char **fixed,
                   size_t *fixed_len);

/* Replaces *field with a copy of s/len without surrounding white space,
** or NULL when nothing is left. */
px_status px_ingest_set_trimmed(char **field, const char *s, size_t len);

/* Parses a date for a.date; on failure leaves the date unknown and says
** so under --verbose. */
void px_ingest_set_date(const px_ingest *in, const char *path, long line,
                        px_article *a, const char *text);

enum { PX_EMIT_OK = 0, PX_EMIT_PROBLEM, PX_EMIT_STOP };

/* Finishes an article a reader has filled and hands it to the sink: runs
** the extraction step, applies --outlet/--date, and rejects an article
** without text (reporting the problem at path:line).  Takes ownership of
** `a` in every case.  Returns PX_EMIT_OK, PX_EMIT_PROBLEM (reported), or
** PX_EMIT_STOP when the sink asked to stop. */
int px_ingest_emit(const px_ingest *in, const char *path, long line,
                   px_article *a);

/* ------------------------------------------------------------------ */
/* The last step of every article (extract.c)                          */
/* ------------------------------------------------------------------ */

/* Maps the outlet to its canonical name through ctx's aliases (ctx may be
** NULL) and clears a date nothing vouches for.  Called once per article
** after its reader, before the --outlet/--date overrides. */
px_status px_extract_article(const struct pxe_ctx *ctx, px_article *a,
                             px_err *err);

#endif /* PX_INGEST_H */
