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
} pxe_line;

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
} pxe_result;

/* What the caller already knows about a page; every member may be NULL. */
typedef struct {
    const char *path;          /* the file, for the site key */
    const char *url;           /* e.g. WARC-Target-URI */
    const char *archive_date;  /* "YYYY-MM-DD" crawl date (WARC-Date): a
                               ** last-resort date, PX_DATE_ARCHIVE */
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
** file's text, headers included or not) with the article's url and source
** as hints, then pxe_result_to_article().  `ctx` may be NULL (no aliases,
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
/* Readers for pressdex-index (see indexer/ingest.h)                    */
/* ------------------------------------------------------------------ */

/* The reader functions themselves (px_reader_fn) are declared in
** extract_readers.h, which needs ingest.h from pressdex-index. */

/* The readers take their context from px_ingest_opts.extract (NULL: no
** aliases and nothing learnt); it stays owned by the caller. */

/* Explain: writes, line by line, each line kept or dropped and why, then
** the metadata found with its source and confidence. */
void pxe_explain(const pxe_result *r, FILE *out);
/* Extracts the file as its reader would (by extension: .html/.htm, .warc,
** .warc.gz, anything else as scraped text) and explains every article in
** it.  Returns PX_EINVAL for a binary or unreadable file (message in
** err), PX_ENOMEM. */
px_status pxe_explain_file(const pxe_ctx *ctx, const char *path,
                           const char *data, size_t len, FILE *out,
                           px_err *err);

#ifdef __cplusplus
}
#endif
#endif /* PXE_EXTRACT_H */
