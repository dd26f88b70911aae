/*
** extract.h — metadata extraction and page-chrome removal for messy input.
**
** Scraped news pages carry their metadata only in their text or markup
** and wrap the story in menus, forms, appeals and footers.  This component
** turns one page (scraped text, HTML, or each HTML response in a WARC file)
** into a pxe_result: title, outlet, author, publication date and the
** syndicating wire, each with where it was found and a confidence, plus the
** body with the chrome removed and, line by line, what was kept or dropped
** and why.
**
** Rules the whole component keeps:
**  - Unknown is a value.  A field nothing vouches for stays NULL (a date
**    stays "" with PX_DATE_UNKNOWN); nothing is guessed without saying how.
**  - A date mentioned inside the story ("the 1997 treaty", "on Monday") is
**    never taken for the publication date.
**  - Nothing here prints (except pxe_explain*, to the FILE* it is given),
**    exits, or touches the index.
**
** Conventions follow pressdex.h: calls that can fail return a px_status and
** write a message into `err` (may be NULL); each comment says who owns what
** is returned.
*/
#ifndef PXE_EXTRACT_H
#define PXE_EXTRACT_H

#include <stddef.h>
#include <stdio.h>

#include "pressdex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* The context: outlet aliases and what a run has learnt about sites    */
/* ------------------------------------------------------------------ */

/* A context holds the outlet alias table and the cross-page line model.
** One per run of the indexer; not safe to share between threads. */
typedef struct pxe_ctx pxe_ctx;

/* Environment variable naming an extra aliases file, loaded after the
** shipped one so that its entries win. */
#define PXE_ALIASES_ENV "PRESSDEX_OUTLET_ALIASES"

/* Creates a context and loads outlet aliases: first `aliases_path` (NULL:
** the shipped data/outlet-aliases.tsv, searched where it is installed and
** in the source tree; a missing shipped file is not an error), then the
** file named by $PRESSDEX_OUTLET_ALIASES if set (missing or malformed: an
** error naming the file and line).  *out is caller-owned: pxe_ctx_free(). */
px_status pxe_ctx_new(const char *aliases_path, pxe_ctx **out, px_err *err);
void pxe_ctx_free(pxe_ctx *ctx);

/* Loads one more aliases file; its entries override earlier ones.  Format:
** UTF-8 text, one `alias<TAB>canonical name` per line, '#' starts a
** comment line, blank lines ignored.  An alias is a domain
** ("examplepost.com", matched with or without "www." and for any
** subdomain) or a name (matched case-insensitively, ignoring a leading
** "The" and runs of space).  A canonical name may carry a third column
** "wire" to mark a news agency (Reuters, AP, AFP…): wire copy republished
** by other outlets is recognised by those names. */
px_status pxe_ctx_load_aliases(pxe_ctx *ctx, const char *path, px_err *err);

/* The canonical outlet for a name, a domain or a URL, or NULL when no
** alias matches.  The returned string is owned by the context. */
const char *pxe_outlet_canonical(const pxe_ctx *ctx, const char *name);

/* ---- Learning from many pages (first pass) ------------------------- */

/* Chrome that repeats on every page of a site (menus, sign-up forms,
** footers) is best recognised by counting: a line found on many pages of
** the same site is not part of any one story.  The indexer feeds every
** file of a run with pxe_learn_file() in a first pass; afterwards the
** extract calls drop such lines (reason "repeated on N of M pages of
** SITE").  Without a first pass, extraction still works page by page.
**
** A site is the host of the page's URL when known, else the folder that
** holds the file (pxe_site_key()).  Learning never fails on bad input: a
** file that cannot be read as text is simply not counted. */
px_status pxe_learn_file(pxe_ctx *ctx, const char *path, const char *data,
                         size_t len, px_err *err);
/* Reading a scraped page's layout (wrapped lines rejoined, markdown
** reduced) is a good part of extracting it: the first pass keeps the
** layouts it reads, up to about `bytes` of memory, and extracting the same
** text afterwards, in the same order, takes its layout back instead of
** reading it again (freeing it; the pages passed over are freed as well).
** 0 keeps none.  A new context keeps up to PXE_KEEP_LAYOUTS_DEFAULT. */
#define PXE_KEEP_LAYOUTS_DEFAULT ((size_t)32 << 20)
void pxe_ctx_keep_layouts(pxe_ctx *ctx, size_t bytes);
/* Lower level: counts the distinct lines of one page of `site`. */
px_status pxe_learn_text(pxe_ctx *ctx, const char *site, const char *text,
                         size_t len, px_err *err);
/* How many pages of `site` were learnt, and on how many `line` occurs. */
void pxe_learn_count(const pxe_ctx *ctx, const char *site, const char *line,
                     size_t *pages, size_t *with_line);

/* Writes the site key for a page into buf: the lower-cased host of `url`
** without "www." when url is a URL, else the folder part of `path`, else
** "". */
void pxe_site_key(const char *url, const char *path, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Results                                                              */
/* ------------------------------------------------------------------ */

/* One extracted field.  value is NULL when unknown.  source is a static
** string naming where the value came from ("og:title", "byline", "first
** headline-like line", "copyright line", "alias of examplepost.com", …);
** confidence is 0..100 (100: the input states it in a field meant for
** it; 50 or less: a heuristic reading of the text). */
typedef struct {
    char *value;
    const char *source;
    int confidence;
} pxe_field;

/* What happened to one line (scraped text) or block (HTML) of the page. */
typedef enum {
    PXE_LINE_BODY = 0,   /* kept: part of the story */
    PXE_LINE_TITLE,      /* the headline, lifted out of the body */
    PXE_LINE_META,       /* byline, dateline, time stamp: metadata */
    PXE_LINE_CHROME      /* dropped: menus, forms, appeals, footers… */
} pxe_line_role;

typedef struct {
    char *text;          /* the line, white space collapsed */
    pxe_line_role role;
    const char *why;     /* static reason ("menu run", "form label", …) */
    int para;            /* starts a paragraph (blank line before it) */
    unsigned flags;      /* PXE_LF_*: what the page's layout said of it */
    /* Hash of the line's matching form (internal: learning and repeats
    ** ask it of every line, again and again); 0 until asked. */
    unsigned long long key_h;
} pxe_line;

/* What a scraper's layout says of a line (pxe_line.flags). */
enum {
    PXE_LF_HEADING = 1,  /* a markdown "#" heading, or unindented in lynx */
    PXE_LF_ITEM = 2,     /* a list item ("* ", "+ ", "- ")  */
    PXE_LF_LINKS = 4,    /* most of its text is link text */
    PXE_LF_IMAGE = 8,    /* nothing but images (alt text) */
    PXE_LF_ALT = 16,     /* an image's alt text or file name in brackets,
                         ** as w3m and lynx show it: "[photo.jpg]" */
    PXE_LF_H1 = 32       /* a top-level heading (markdown "# ") */
};

/* A value considered for a field, with its score and the evidence that
** made it: what `explain` shows so that a user sees why the winner won. */
typedef struct {
    const char *field;   /* static: "title", "date", "outlet", "author" */
    char *value;
    int score;
    char why[120];
} pxe_cand;

typedef struct {
    pxe_field title, outlet, author, url;
    /* The news agency whose copy this is (canonical name, e.g. "Reuters")
    ** when the text says so: "(Reuters) -" dateline, "By AP", "© 2025 The
    ** Associated Press", … NULL otherwise. */
    pxe_field wire;
    char date[11];                /* "YYYY-MM-DD" or "" */
    px_date_source date_source;   /* PX_DATE_UNKNOWN when date is "" */
    px_date_precision date_precision;  /* day, month or year known */
    const char *date_how;         /* static: "article:published_time", … */
    int date_confidence;
    char *body;                   /* kept lines; paragraphs split by "\n\n";
                                  ** never NULL in a returned result */
    pxe_line *lines;              /* every line, in page order */
    size_t n_lines;
    char *site;                   /* the site key used for learnt chrome */
    pxe_cand *cands;              /* candidates considered, best first per
                                  ** field; n_cands of them */
    size_t n_cands;
} pxe_result;

/* What the caller already knows about a page; every member may be NULL. */
typedef struct {
    const char *path;          /* the file, for the site key */
    const char *url;           /* e.g. WARC-Target-URI */
    const char *archive_date;  /* "YYYY-MM-DD" crawl date (WARC-Date): a
                               ** last-resort date, PX_DATE_ARCHIVE */
    /* Fields an export already states: they are taken as given and not
    ** looked for in the text (which also saves the looking). */
    const char *title, *outlet;
} pxe_hints;

void pxe_result_free(pxe_result *r);

/* ------------------------------------------------------------------ */
/* Extraction                                                           */
/* ------------------------------------------------------------------ */

/* Scraped page text (UTF-8; the caller repairs invalid UTF-8 first).
** Leading `key: value` header lines (title, outlet, date, url, author)
** are honoured as stated, with confidence 100.  *out is caller-owned
** (pxe_result_free).  PX_ENOMEM is the only failure. */
px_status pxe_extract_text(const pxe_ctx *ctx, const pxe_hints *hints,
                           const char *text, size_t len, pxe_result **out,
                           px_err *err);

/* An HTML page (any encoding gumbo accepts: UTF-8 expected).  Metadata
** from og:/article: meta tags, JSON-LD, <h1>, <title>, <time>; body from
** the main content block.  *out is caller-owned (pxe_result_free).
** PX_EINVAL when the bytes are not an HTML document gumbo can parse,
** PX_ENOMEM when memory ran out. */
px_status pxe_extract_html(const pxe_ctx *ctx, const pxe_hints *hints,
                           const char *html, size_t len, pxe_result **out,
                           px_err *err);

/* Copies a result into an article, filling only what the article does not
** already have (fields a reader set from explicit headers win), and
** replacing a->body with the cleaned body.  a->date is set only when the
** article's date is unknown.  Returns PX_ENOMEM on failure (the article
** is then unchanged apart from fields already copied). */
px_status pxe_result_to_article(const pxe_result *r, px_article *a,
                                px_err *err);

/* The hook for the .txt reader: runs pxe_extract_text() on `text` (the
** file's text after its header lines) with the article's url, source,
** title and outlet as hints, then pxe_result_to_article().  `ctx` may be NULL (no aliases,
** nothing learnt).  If `wire` is not NULL it receives the wire's name (a
** malloc'd copy the caller frees) or NULL. */
px_status pxe_fill_article(const pxe_ctx *ctx, px_article *a,
                           const char *text, size_t len, char **wire,
                           px_err *err);

/* ------------------------------------------------------------------ */
/* WARC                                                                 */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *target_uri;   /* WARC-Target-URI, may be NULL */
    const char *warc_date;    /* "YYYY-MM-DD" from WARC-Date, or "" */
    const char *record_id;    /* WARC-Record-ID, may be NULL */
    const char *content_type; /* the HTTP Content-Type, may be NULL */
    int http_status;          /* 0 when the record has no HTTP status */
    const char *body;         /* the HTTP payload, de-chunked */
    size_t body_len;
    long record_no;           /* 1-based record number in the file */
} pxe_warc_record;

/* Called for each response or resource record.  Return 0 to go on,
** non-zero to stop.  The record is valid only during the call. */
typedef int (*pxe_warc_fn)(void *cbctx, const pxe_warc_record *rec);
/* Called for a damaged record or file; reading stops after a fatal one. */
typedef void (*pxe_warc_problem_fn)(void *cbctx, long record_no,
                                    const char *msg);

/* Walks a .warc or .warc.gz held in memory (decompression by libarchive).
** Returns PX_OK when the file was read to its end, PX_ECORRUPT (after
** calling `problem`) when it is truncated or damaged — the records before
** the damage have been delivered — and PX_ENOMEM. */
px_status pxe_warc_each(const char *data, size_t len, pxe_warc_fn fn,
                        pxe_warc_problem_fn problem, void *cbctx,
                        px_err *err);

/* ------------------------------------------------------------------ */
/* Reading files: bytes and a path in, articles and problems out        */
/* ------------------------------------------------------------------ */

/* A reader takes one file's bytes and hands each article it finds to a
** sink; problems (a malformed JSON line, invalid UTF-8 that cannot be
** repaired, a file with no text) go to the problem callback with the file
** and, where it applies, the line number (the record number in a WARC),
** and the reader carries on with the rest.  Readers never print, never
** exit and never touch the index.  A reader fills what the input states
** explicitly (headers, JSON fields), extraction fills the rest, and
** px_ingest_emit() finishes each article (pxe_article_finish(), --outlet,
** --date) before the sink sees it. */

typedef struct {
    const char *outlet;   /* --outlet: overrides every article's outlet */
    const char *date;     /* --date (YYYY-MM-DD): overrides every date */
    /* Extraction context (aliases, lines learnt across the run's pages),
    ** or NULL; owned by the caller. */
    const struct pxe_ctx *extract;
    /* --no-clean: JSON Lines text is indexed as it is, without dropping
    ** page chrome or reading metadata out of it. */
    int no_clean;
    /* The most article text --memory allows (bytes; 0: no limit): a JSON
    ** Lines line too long to hold such an article is skipped unread, as
    ** a problem naming it, rather than held in memory. */
    size_t max_article;
} px_ingest_opts;

/* Receives ownership of `a`.  Returns 0 to go on, non-zero to stop. */
typedef int (*px_sink_fn)(void *ctx, px_article *a);
/* A problem in `path` at `line` (0: the file as a whole).  The strings
** are valid only during the call. */
typedef void (*px_problem_fn)(void *ctx, const char *path, long line,
                              const char *msg);
/* How many bytes of the current file the reader has consumed. */
typedef void (*px_position_fn)(void *ctx, size_t offset);

typedef struct {
    const px_ingest_opts *opts;   /* may be NULL: no overrides, no context */
    px_sink_fn sink;
    px_problem_fn problem;        /* the line or file was not indexed */
    void *ctx;
    /* Optional (NULL: ignored); they come after the fields above so that
    ** initialisers written for those keep working. */
    px_problem_fn warning;    /* input repaired or doubtful, still indexed */
    px_problem_fn note;       /* detail worth showing with --verbose */
    px_position_fn position;  /* called as the reader moves through a file */
} px_ingest;

/* A reader: `path` is absolute, data/len the whole file (borrowed).
** Returns the number of problems reported (0 when everything was read). */
typedef int (*px_reader_fn)(const px_ingest *in, const char *path,
                            const char *data, size_t len);
/* A reader that reads `fd` (open at the file's start; the caller closes
** it) `chunk` bytes at a time, so that memory does not grow with the
** file.  Same articles, problems and return as its px_reader_fn. */
typedef int (*px_fd_reader_fn)(const px_ingest *in, const char *path,
                               int fd, size_t chunk);

/* ---- The formats ----------------------------------------------------- */

/* One row of the format table: everything the indexer needs to know about
** a format, so that a new format is one row plus its reader. */
typedef struct {
    const char *name;               /* "txt", "html", "warc", "jsonl" */
    const char *const *extensions;  /* with the dot, NULL-terminated;
                                    ** matched case-insensitively */
    px_reader_fn read;              /* the whole file in memory */
    px_fd_reader_fn read_fd;        /* NULL: cannot be read in chunks */
    int learn;                      /* takes part in the first pass that
                                    ** learns each site's repeated lines
                                    ** (pxe_learn_file) */
    const char *help;               /* one paragraph for `add --help` */
    int unpacks;                    /* the reader takes the file's bytes
                                    ** compressed and decompresses them
                                    ** itself (WARC through libarchive) */
} pxe_format;

/* A compression any format may come in: "feed.jsonl.gz" is a .jsonl file
** compressed with gzip.  Compressed files are read as a stream (unpack.c):
** a JSON Lines file is decompressed a chunk at a time, as it is read. */
typedef enum { PXE_GZIP = 1, PXE_ZSTD } pxe_compression_kind;

typedef struct {
    const char *suffix;             /* ".gz", ".zst" */
    const char *name;               /* "gzip", "zstd" */
    pxe_compression_kind kind;
} pxe_compression;

/* The format of a file name by its extension, after a compression suffix
** if there is one ("a.jsonl.gz" is JSON Lines), or NULL when pressdex does
** not read it.  The row is static. */
const pxe_format *pxe_format_for(const char *path);
/* The compression a file name ends in (".gz", ".zst"), or NULL.  The row
** is static. */
const pxe_compression *pxe_compression_for(const char *path);
/* The i-th compression, NULL past the end. */
const pxe_compression *pxe_compression_at(size_t i);
/* The i-th row of the table, NULL past the end: for (i = 0;
** (f = pxe_format_at(i)); i++).  The row is static. */
const pxe_format *pxe_format_at(size_t i);
/* Writes every extension read (".txt, .html, …, each also .gz or .zst")
** into buf, truncating. */
void pxe_format_names(char *buf, size_t size);

/* The readers in the table, for callers that know the format already. */
int pxe_read_txt(const px_ingest *in, const char *path, const char *data,
                 size_t len);
/* One article per line; fields id, url, outlet, date, title, author (a
** string or a list), text (or body).  Unless opts->no_clean, the text is
** cleaned as a .txt page is (chrome lines dropped) and the JSON fields
** win over what extraction finds in it. */
int pxe_read_jsonl(const px_ingest *in, const char *path, const char *data,
                   size_t len);
int pxe_read_jsonl_fd(const px_ingest *in, const char *path, int fd,
                      size_t chunk);
/* One article per HTML file; ext_id and source are the path, url the
** page's canonical URL when it states one. */
int pxe_read_html(const px_ingest *in, const char *path, const char *data,
                  size_t len);
/* One article per HTML response (or resource) record with status 200 (or
** none): url and ext_id the WARC-Target-URI, source the WARC file, the
** WARC-Date as a last-resort date (PX_DATE_ARCHIVE).  A record whose URL
** or content hash was already seen in this file is skipped with a note.
** A truncated or damaged file is a problem reported with the record
** number; the records before the damage are indexed. */
int pxe_read_warc(const px_ingest *in, const char *path, const char *data,
                  size_t len);

/* ---- Opening files (unpack.c) ---------------------------------------- */

/* Reads the file at `path` with the reader of its format (pxe_format_for),
** decompressing it first when its name ends in a compression suffix.  A
** descriptor reader of a compressed file reads the decompressed stream as
** it is produced, `chunk` bytes at a time; damage to the stream is a
** problem at the line where it starts, after the lines before it have
** been read.  Returns the number of problems reported, or -1 when the
** file could not be read at all (reported through in->problem). */
int pxe_read_file(const px_ingest *in, const char *path, size_t chunk);

/* The whole content of the file at `path`, decompressed when its name
** says so (unless its format's reader decompresses: WARC), NUL-terminated
** for convenience.  *data is caller-owned (free).  PX_EIO when the file
** cannot be read, PX_EINVAL when it is not the compressed data its name
** says or is damaged (err says how), PX_ENOMEM. */
px_status pxe_load_file(const char *path, char **data, size_t *len,
                        px_err *err);

/* ---- Helpers shared by the readers (ingest.c) ------------------------ */

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

/* Parses a stated date for a.date.  A date that cannot be right — more
** than a day after now, before 1800, or numeric with a two-digit year
** ("7/23/17") — is reported as a warning at path:line and the date left
** unknown: the function returns 1 and the caller must keep it unknown
** (not let extraction guess one).  Any other unrecognised text leaves the
** date unknown with a note, and returns 0. */
int px_ingest_set_date(const px_ingest *in, const char *path, long line,
                       px_article *a, const char *text);

enum { PX_EMIT_OK = 0, PX_EMIT_PROBLEM, PX_EMIT_STOP };

/* Finishes an article a reader has filled and hands it to the sink: runs
** pxe_article_finish(), applies --outlet/--date, and rejects an article
** without text (reporting the problem at path:line).  Takes ownership of
** `a` in every case.  Returns PX_EMIT_OK, PX_EMIT_PROBLEM (reported), or
** PX_EMIT_STOP when the sink asked to stop. */
int px_ingest_emit(const px_ingest *in, const char *path, long line,
                   px_article *a);

/* ---- The last step of every article (finish.c) ----------------------- */

/* Maps the outlet to one name: an alias match on the label as given
** wins; else a trailing section is dropped ("Newsmax - News", "CNN (Web
** News)", "New York Times - Opinion" -> "Newsmax", "CNN", "New York
** Times") and the rest is looked up.  Clears a date nothing vouches for.
** ctx may be NULL.  Called once per article after its reader, before the
** --outlet/--date overrides. */
px_status pxe_article_finish(const struct pxe_ctx *ctx, px_article *a,
                             px_err *err);

/* The length of `label` without a trailing section suffix — " - X" or
** " (X)" where X is one to three section words (News, Opinion, Politics,
** Online, Web, Sport(s), Business, World, Editorial, Blog, …, joined by
** spaces, "/" or "&") — or strlen(label) when it has none.  When
** `section` is not NULL it receives where X starts (in label) and
** *section_len its length; 0 when there is none. */
size_t pxe_outlet_strip_section(const char *label, const char **section,
                                size_t *section_len);

/* ------------------------------------------------------------------ */
/* Explaining                                                           */
/* ------------------------------------------------------------------ */

/* Explain: writes, line by line, each line kept or dropped and why, then
** the metadata found with its source and confidence. */
void pxe_explain(const pxe_result *r, FILE *out);
/* Extracts the file as its reader would (by the format table: .html/.htm,
** .warc, anything else as scraped text; `data` decompressed already except
** for a WARC, see pxe_load_file) and explains every article in it.  Returns PX_EINVAL for a binary or unreadable file (message in
** err), PX_ENOMEM. */
px_status pxe_explain_file(const pxe_ctx *ctx, const char *path,
                           const char *data, size_t len, FILE *out,
                           px_err *err);

#ifdef __cplusplus
}
#endif
#endif /* PXE_EXTRACT_H */
