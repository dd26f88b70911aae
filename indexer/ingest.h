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
** leaves the rest for the extraction step to fill.
*/
#ifndef PX_INGEST_H
#define PX_INGEST_H

#include <stddef.h>

#include "pressdex.h"

typedef struct {
    const char *outlet;   /* --outlet: overrides every article's outlet */
    const char *date;     /* --date (YYYY-MM-DD): overrides every date */
} px_ingest_opts;

/* Receives ownership of `a`.  Returns 0 to go on, non-zero to stop. */
typedef int (*px_sink_fn)(void *ctx, px_article *a);
/* A problem in `path` at `line` (0: the file as a whole). */
typedef void (*px_problem_fn)(void *ctx, const char *path, long line,
                              const char *msg);

typedef struct {
    const px_ingest_opts *opts;
    px_sink_fn sink;
    px_problem_fn problem;
    void *ctx;
} px_ingest;

/* A reader: `path` is absolute, data/len the whole file.  Returns the
** number of problems reported (0 when everything was read). */
typedef int (*px_reader_fn)(const px_ingest *in, const char *path,
                            const char *data, size_t len);

/* The reader for a file name (by extension), or NULL when the format is
** not one pressdex reads. */
px_reader_fn px_reader_for(const char *path);

#endif /* PX_INGEST_H */
