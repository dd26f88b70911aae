/*
** pressdex.h — the public API of libpressdex, the article index.
**
** An index is one directory holding articles.sqlite (the article store, the
** source of truth) and xapian/ (the inverted index, rebuildable from the
** store).  Programs built on the library (pressdex-index, pressdex-search,
** pressdex.cgi) include only this header; they never see Xapian or SQLite.
**
** Conventions, as in notmuch.h:
**  - every call that can fail returns a px_status and, when `err` is not
**    NULL, writes a human-readable message naming what failed into it;
**  - results come back through out-parameters; each function's comment says
**    who owns what it returns;
**  - no function prints, exits or keeps global mutable state.
*/
#ifndef PRESSDEX_H
#define PRESSDEX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Status codes and error messages                                      */
/* ------------------------------------------------------------------ */

typedef enum {
    PX_OK = 0,
    PX_ENOMEM,     /* out of memory */
    PX_EIO,        /* file or directory could not be read or written */
    PX_EINVAL,     /* bad argument or malformed input */
    PX_ENOTFOUND,  /* no such article, index or key */
    PX_ECORRUPT,   /* the index is damaged or not a pressdex index */
    PX_ELOCKED,    /* another writer holds the index */
    PX_EMODIFIED,  /* a concurrent writer changed the index: reopen, retry */
    PX_EQUERY,     /* the query string could not be parsed */
    PX_EUNIMPL,    /* the query uses a construct the backend cannot run */
    PX_EVERSION,   /* index written by a newer pressdex */
    PX_EBACKEND,   /* any other Xapian or SQLite failure */
    PX_ELIMIT      /* the query is over one of its cost caps
                      (px_err_cap says which; see "The query cost
                      budget") */
} px_status;

#define PX_ERR_MAX 512

/* A caller-owned message buffer; functions fill it on failure only. */
typedef struct {
    char msg[PX_ERR_MAX];
} px_err;

/* A static, never-NULL description of a status code. */
const char *px_status_str(px_status st);

/* After PX_ELIMIT: the name of the cap the query is over, which its
** message gives in parentheses: "query_bytes", "nesting" or "terms"
** (static).  NULL when err holds no such message. */
const char *px_err_cap(const px_err *err);

/* Formats a message into `err` (no-op when err is NULL); returns `st` so
** callers can write `return px_err_set(err, PX_EIO, "…", …);`. */
px_status px_err_set(px_err *err, px_status st, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ------------------------------------------------------------------ */
/* Articles                                                             */
/* ------------------------------------------------------------------ */

/* Where an article's publication date came from.  "Unknown is a value":
** an article without a date keeps PX_DATE_UNKNOWN and an empty date. */
typedef enum {
    PX_DATE_UNKNOWN = 0,
    PX_DATE_HEADER,    /* explicit header or JSON field in the input */
    PX_DATE_OVERRIDE,  /* --date given for the whole run */
    PX_DATE_BYLINE,    /* byline or dateline near the top of the text */
    PX_DATE_META,      /* HTML meta / JSON-LD */
    PX_DATE_TEXT,      /* a date mentioned in the text */
    PX_DATE_URL,       /* a date in the article's URL */
    PX_DATE_ARCHIVE,   /* a crawl or archive date (e.g. WARC-Date) */
    PX_DATE_FILETIME   /* the file's modification time */
} px_date_source;

/* How much of a date is known.  A page may give only the month ("March
** 2025") or the year; such a date is stored with the unknown parts as 01
** ("2025-03-01") and its precision, so that it is counted in its month or
** year and never shown as a day it does not name.
**
** How the index honours it (schema.h has the terms):
**  - a date query or filter matches an article when the article's whole
**    period lies inside the asked span: "March 2025" is matched by
**    date:2025-03, date:2025 and date:2025-01..2025-06, not by
**    date:2025-03-01 nor date:2025-03-10..2025-06-30;
**  - the month facet counts a month-precise article in its month, and a
**    year-precise one in a bucket of its own named "YYYY" (no month),
**    which sorts just before that year's months: putting it in January
**    would invent a month;
**  - sorting by date treats a period as its first day.
** px_index_add stores a month date as YYYY-MM-01 and a year date as
** YYYY-01-01 whatever day it was given. */
typedef enum {
    PX_PREC_DAY = 0,
    PX_PREC_MONTH,
    PX_PREC_YEAR
} px_date_precision;

/* Stable name of a precision: "day", "month" or "year"; never NULL (an
** out-of-range value reads as "day"). */
const char *px_date_precision_name(px_date_precision p);
/* Inverse of px_date_precision_name; NULL and unknown names map to
** PX_PREC_DAY, the precision of every date stored before precisions. */
px_date_precision px_date_precision_from_name(const char *name);

/* Stable name of a date source ("header", "unknown", …); never NULL. */
const char *px_date_source_name(px_date_source ds);
/* Inverse of px_date_source_name; unknown names map to PX_DATE_UNKNOWN. */
px_date_source px_date_source_from_name(const char *name);

/* One article.  All strings are NUL-terminated UTF-8, heap-allocated and
** owned by the article (NULL means absent, except body which is never NULL
** in a stored article).  px_article_free() releases them all. */
typedef struct {
    int64_t docid;        /* store row id == Xapian docid; 0 until stored */
    char *ext_id;         /* stable identity: JSON id/url or source path */
    char *source;         /* absolute path of the input file */
    char *url;            /* the article's URL, when known */
    char *outlet;         /* outlet as written, NULL if unknown */
    char date[11];        /* "YYYY-MM-DD", or "" if unknown */
    px_date_source date_source;
    px_date_precision date_precision;   /* of date; PX_PREC_DAY when "" */
    char *title;
    char *author;
    char *body;
    char hash[17];        /* content hash, 16 hex digits (set by the store) */
    int64_t indexed_at;   /* unix time the article was stored */
    int64_t cluster;      /* syndication cluster: docid of its first
                             member (set by the index; 0 until stored) */
} px_article;

/* Where an article's date came from, in words a reader understands ("date
** from the byline", "date stated by the export"); a static string. */
const char *px_date_provenance(const px_article *a);

/* Returns a zeroed article, or NULL when out of memory. */
px_article *px_article_new(void);
/* The article's date as far as it is known, for showing to a person:
** "YYYY-MM-DD", "YYYY-MM" (month precision) or "YYYY" (year precision);
** "" when the date is unknown.  Writes at most 11 bytes into out. */
void px_article_date_label(const px_article *a, char out[11]);
/* Frees the article and every string it owns; NULL is a no-op. */
void px_article_free(px_article *a);
/* Replaces *field with a copy of the first `len` bytes of `s` (s may be
** NULL, which clears the field).  Returns PX_ENOMEM on failure. */
px_status px_article_set(char **field, const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* Text normalisation shared by indexing and querying                   */
/* ------------------------------------------------------------------ */

/* Checks UTF-8.  Returns the number of invalid sequences found (0 when
** valid).  When `out` is not NULL, *out receives a malloc'd copy with each
** invalid sequence replaced by U+FFFD and NUL bytes removed, and *out_len
** its length; the caller frees it. */
size_t px_utf8_repair(const char *s, size_t len, char **out, size_t *out_len);

/* Rewrites typographic punctuation to the plain forms the tokenizer knows
** (curly quotes, primes, dashes, ellipsis, non-breaking and other Unicode
** spaces), in place; the string can only shrink.  Used on article text and
** query text alike so that what a user pastes matches what was indexed. */
void px_text_fold_punct(char *s);

/* The matching key of an outlet name: case-folded, surrounding space and a
** leading "The " dropped, inner runs of space collapsed ("The  Example
** Post " -> "example post").  Returns a malloc'd string (caller frees), or
** NULL when out of memory.  An empty key means "no outlet". */
char *px_outlet_key(const char *name);

/* Parses a date written as YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, an ISO 8601
** timestamp (date part used), "D Month YYYY", "Month D, YYYY" or an
** RFC 2822 date.  On success writes "YYYY-MM-DD" into out (11 bytes) and
** returns 1; returns 0 when the text is not a complete, valid date. */
int px_date_parse(const char *s, char out[11]);

/* A 64-bit FNV-1a hash of the bytes as 16 lowercase hex digits + NUL. */
void px_hash_hex(const void *data, size_t len, char out[17]);

/* ------------------------------------------------------------------ */
/* Spelling variants                                                    */
/* ------------------------------------------------------------------ */

/* Groups of spellings that name the same thing (Kyiv/Kiev,
** Gaddafi/Qaddafi/Kadhafi).  Files hold one group per line, words
** separated by spaces, '#' starting a comment. */
typedef struct px_variants px_variants;

/* Adds the groups in `path` to *v, creating it when *v is NULL; on
** success *v is caller-owned (px_variants_free). */
px_status px_variants_load(px_variants **v, const char *path, px_err *err);
void px_variants_free(px_variants *v);
/* The first spelling of the group holding word[0..len) (case-insensitive),
** or NULL when the word has no variants; owned by v. */
const char *px_variants_canonical(const px_variants *v, const char *word,
                                  size_t len);
/* Rewrites a query string so that each word with variants matches every
** spelling, in phrases too; *out is malloc'd.  v may be NULL (copy). */
px_status px_variants_expand(const px_variants *v, const char *query,
                             char **out, px_err *err);

/* ------------------------------------------------------------------ */
/* The index                                                            */
/* ------------------------------------------------------------------ */

typedef struct px_index px_index;

enum {
    PX_OPEN_READ = 0,
    PX_OPEN_WRITE = 1,
    /* With PX_OPEN_READ: remote shards that do not answer are left out
    ** instead of failing the open; searches then say which
    ** (px_results.notice) and their counts are not exact. */
    PX_OPEN_PARTIAL = 2
};

/* Opens the index in directory `dir`.  PX_OPEN_WRITE creates the directory
** and the index when missing and takes the single-writer lock; `language`
** (a libstemmer name, NULL for "english") is only used when creating, and an
** existing index always keeps the language it was built with.  Opening for
** writing also reconciles the Xapian side with the store (finishing work an
** interrupted run left).  PX_OPEN_READ never modifies anything.
** On success *out is owned by the caller: px_index_close() it.  A
** directory holding only xapian/ with a stub of remote shards (no store)
** opens as a front of a sharded index (see px_index_create). */
px_status px_index_open(const char *dir, int mode, const char *language,
                        px_index **out, px_err *err);
/* Most shards an index's Xapian side may be split into. */
#define PX_MAX_SHARDS 64

/* Creates an empty index in `dir` whose Xapian side is split into
** `shards` shards (1: one database, the default layout), each written by
** a thread of its own so that indexing uses that many cores; document ids
** interleave the shards so that a stub listing them (on this machine or
** served by xapian-tcpsrv) reads as the whole index.  The count is fixed
** at creation (px_index_reshard changes it).  PX_OK when `dir` already
** holds an index of that many shards; PX_EINVAL when it has another
** count or `shards` is 0 or over PX_MAX_SHARDS. */
px_status px_index_create(const char *dir, const char *language,
                          unsigned shards, px_err *err);
/* Shards of the index's Xapian side (1 when it is one database). */
unsigned px_index_shards(const px_index *ix);

/* Commits pending writes (for a writable index) and frees the handle.
** Returns the commit's status; the handle is freed in every case. */
px_status px_index_close(px_index *ix, px_err *err);

/* The stemming language the index was built with; owned by the index. */
const char *px_index_language(const px_index *ix);

/* NULL-terminated list of the stemming languages libstemmer offers; static,
** not to be freed. */
const char **px_languages(void);

typedef enum {
    PX_ADD_NEW = 0,      /* the article was not in the index */
    PX_ADD_UPDATED,      /* an article with the same ext_id was replaced */
    PX_ADD_UNCHANGED     /* same ext_id and same content: nothing done */
} px_add_result;

/* Adds or replaces an article, identified by a->ext_id (required, as are
** a->source and a->body).  Computes a->hash and sets a->docid; sets the
** unknown parts of a month- or year-precise a->date to 01 (PX_EINVAL for
** a precision out of range or a date not written YYYY-MM-DD).  Writes are
** batched: they become durable at the next px_index_commit() or
** px_index_close().  Every `batch` articles (px_index_set_batch, or
** px_index_set_batch_bytes of text, whichever comes first) the store
** commits on its own and the batch is applied to Xapian by a thread of the
** index while the caller goes on; an error from that thread is returned
** by a later px_index_add, px_index_commit or px_index_close.  An article
** whose title and body alone exceed the batch's text (its memory bound)
** is refused with PX_EINVAL. */
px_status px_index_add(px_index *ix, px_article *a, px_add_result *result,
                       px_err *err);
/* Removes the article with this docid; PX_ENOTFOUND when there is none. */
px_status px_index_delete(px_index *ix, int64_t docid, px_err *err);
/* Makes every write so far durable in the store and the Xapian index;
** waits for the index's writer thread. */
px_status px_index_commit(px_index *ix, px_err *err);
/* Articles per store transaction (default 1000; 0 restores it). */
void px_index_set_batch(px_index *ix, unsigned batch);
/* Bytes of article text per store transaction (default 4 MB; 0 restores
** it).  Xapian's buffers for a batch take roughly fifty times the text
** they hold, and two batches are in memory at once (one being built, one
** being written), so this bounds the memory indexing takes. */
void px_index_set_batch_bytes(px_index *ix, size_t bytes);

/* Rewrites the Xapian side compactly (after a large add it shrinks by
** about 40 %: a freshly written index leaves its blocks partly empty),
** keeping document ids and metadata.  Commits first.  Searches already
** running finish on the old files; readers opening afterwards see the
** compacted copy.  *before and *after (either may be NULL) receive the
** sizes in bytes. */
px_status px_index_compact(px_index *ix, uint64_t *before, uint64_t *after,
                           px_err *err);

/* Called by prune for each article whose source file is gone. */
typedef void (*px_prune_cb)(void *ctx, const px_article *a);
/* Deletes every article whose source file no longer exists; *removed gets
** the count.  `cb` (may be NULL) is told about each one. */
px_status px_index_prune(px_index *ix, px_prune_cb cb, void *ctx,
                         size_t *removed, px_err *err);

/* Progress callback for long operations: done so far out of total. */
typedef void (*px_progress_cb)(void *ctx, size_t done, size_t total);
/* Rebuilds the Xapian side from the store, beside the live database, and
** swaps the new one in once complete: readers meanwhile see the old one
** whole, and an interruption leaves it in place (the next writer removes
** the half-built copy).  Needs room for a second copy of xapian/. */
px_status px_index_reindex(px_index *ix, px_progress_cb cb, void *ctx,
                           px_err *err);

/* As px_index_reindex, into `shards` shards (0: as many as now). */
px_status px_index_reshard(px_index *ix, unsigned shards, px_progress_cb cb,
                           void *ctx, px_err *err);

/* The members of syndication cluster `cluster` (without bodies), oldest
** first, undated last.  *out is a malloc'd array of *n caller-owned
** articles: free each with px_article_free and the array with free(). */
px_status px_index_cluster(px_index *ix, int64_t cluster, px_article ***out,
                           size_t *n, px_err *err);

/* Loads the stored article `docid`; *out is caller-owned
** (px_article_free).  PX_ENOTFOUND when there is no such article. */
px_status px_index_get(px_index *ix, int64_t docid, px_article **out,
                       px_err *err);

typedef struct {
    char *name;          /* outlet as first written, or NULL for unknown */
    char *key;           /* matching key, "" for unknown */
    size_t count;
} px_outlet_count;

typedef struct {
    size_t articles;
    size_t sources;            /* distinct source files */
    size_t undated;
    char first_date[11];       /* "" when no dated article */
    char last_date[11];
    px_outlet_count *outlets;  /* most articles first */
    size_t n_outlets;
    uint64_t store_bytes;      /* articles.sqlite (+ WAL) */
    uint64_t xapian_bytes;     /* xapian/ */
    unsigned shards;           /* of the Xapian side (px_index_shards) */
    uint64_t text_bytes;       /* total body + title bytes */
    int64_t pending;           /* store changes not yet in Xapian */
    char language[32];
} px_stats;

/* Fills *st; free with px_stats_free(). */
px_status px_index_stats(px_index *ix, px_stats *st, px_err *err);
void px_stats_free(px_stats *st);

/* How many article changes (new, changed or deleted articles) the store
** holds that searches do not see yet: 0 once a writer has finished.  More
** while `add` runs, or after a run stopped before it was done (killed,
** out of disk space), until the next pressdex-index run on the index
** makes them searchable.  Cheap (two lookups and an indexed count), for
** a search to tell its user that results may be incomplete. */
px_status px_index_pending(px_index *ix, size_t *out, px_err *err);

/* ------------------------------------------------------------------ */
/* Search                                                               */
/* ------------------------------------------------------------------ */

typedef enum {
    PX_SORT_RELEVANCE = 0,
    PX_SORT_NEWEST,
    PX_SORT_OLDEST
} px_sort;

/* Maps an outlet as a user typed it (a name, an alias, a domain, a label
** with a section such as "Newsmax - News") to the outlet name indexing
** stores for it.  Returns a malloc'd name (the caller frees it), or NULL
** when it knows no other name. */
typedef char *(*px_outlet_resolver)(void *ctx, const char *name);

typedef struct {
    const char *query;         /* user query string (UTF-8) */
    const char **outlets;      /* outlet filters, OR'd; may be NULL */
    size_t n_outlets;
    const char *from;          /* "YYYY[-MM[-DD]]" lower bound or NULL */
    const char *to;            /* "YYYY[-MM[-DD]]" upper bound or NULL;
                                  an article dated to a month or year
                                  passes when its whole period is inside */
    px_sort sort;
    size_t offset;
    size_t limit;              /* 0 means 10 */
    int facets;                /* count outlets and months over all matches */
    int snippets;              /* build snippets from the stored text */
    size_t snippet_len;        /* characters; 0 means 200 */
    const char *hl_start;      /* highlight markers; NULL means "[" */
    const char *hl_end;        /* NULL means "]" */
    const px_variants *variants; /* spelling variants to match, or NULL */
    int match_any;             /* default operator OR instead of AND */
    int collapse;              /* one hit per syndication cluster */
    int no_suggestion;         /* skip the spelling suggestion */
    double time_limit;         /* seconds the whole search may take (parse,
                                  matching, facets, snippets): matching
                                  stops then with the best hits found so
                                  far (notice says so); 0 = no limit */
    px_outlet_resolver outlet_resolve; /* for outlets and outlet:, or NULL */
    void *outlet_ctx;          /* passed to outlet_resolve */
    int no_hits;               /* return no hits, only the counts (and
                                  facets): limit is then ignored */
    int exact_count;           /* count every match exactly, however many
                                  (as facets do); costs a full match */
} px_search_opts;

typedef struct {
    size_t start, len;         /* byte offsets into the plain snippet */
} px_span;

typedef struct {
    int64_t docid;
    size_t rank;               /* 1-based, counting from offset 0 */
    double score;
    px_article *article;       /* owned by the result set; body is NULL */
    char *snippet;             /* with hl markers around matched words */
    char *snippet_plain;       /* the same text without markers */
    px_span *highlights;       /* spans of matched words in snippet_plain */
    size_t n_highlights;
    size_t copies;             /* other members of the article's cluster */
    size_t copy_outlets;       /* distinct outlets among those copies */
} px_hit;

typedef struct {
    char *value;               /* outlet name; for months "YYYY-MM", or
                                  "YYYY" for articles dated to the year
                                  only; NULL = unknown */
    size_t count;
} px_facet;

typedef struct {
    char *query;               /* the query as run (after any retry) */
    char *parsed;              /* the backend's description of it */
    char *notice;              /* message for the user (retry, time), or NULL */
    char *suggestion;          /* spelling suggestion, or NULL */
    size_t matches_lower, matches_estimated, matches_upper;
    int exact;                 /* the count is exact: lower == upper and
                                  the match ran to its end (no time
                                  limit cut it short) */
    px_hit *hits;
    size_t n_hits;
    px_facet *outlet_facets;   /* most frequent first; unknown last */
    size_t n_outlet_facets;
    px_facet *month_facets;    /* chronological ("YYYY" before "YYYY-01");
                                  unknown last */
    size_t n_month_facets;
    size_t pending;            /* articles stored but not searchable yet
                                  (an interrupted or failed run): the
                                  results may miss them */
} px_results;

/* The query cost budget.  Every search (the command line, batch mode,
** the page) is held to these caps, checked before Xapian sees the query
** so that no query can exhaust the stack or the memory:
**  - PX_QUERY_MAX_BYTES of query text, as typed (cap "query_bytes");
**  - PX_QUERY_MAX_DEPTH levels of nested parentheses (cap "nesting");
**  - PX_QUERY_MAX_TERMS terms once its wildcards are expanded, each
**    wildcard to at most its 1000 most frequent words (cap "terms");
**  - and o->time_limit for the whole search: past it, matching stops with
**    the best hits found so far and the remaining snippets are the
**    stories' openings (a notice says so; the search does not fail).
** A query over a cap fails with PX_ELIMIT and a message naming the cap
** (px_err_cap) and what to do. */
#define PX_QUERY_MAX_BYTES 16384
#define PX_QUERY_MAX_DEPTH 64
#define PX_QUERY_MAX_TERMS 10000

/* Runs a search.  *out is caller-owned (px_results_free).  A query the
** parser rejects is retried once in a safe form (operators and punctuation
** dropped) and (*out)->notice says so; PX_EQUERY only when even that fails.
** Retries transparently when a concurrent writer modifies the index. */
px_status px_search(px_index *ix, const px_search_opts *opts,
                    px_results **out, px_err *err);
void px_results_free(px_results *r);

/* A text with the words a query matches marked.  Members are owned by the
** struct: px_marked_clear frees them (and zeroes it). */
typedef struct {
    char *marked;              /* with hl markers around matched words */
    char *plain;               /* the same text without markers */
    px_span *spans;            /* the matched words in plain */
    size_t n_spans;
} px_marked;

/* Marks in `text` the words that o->query matches, as a search's snippets
** do (stem-aware, spelling variants, o->hl_start / o->hl_end), keeping the
** whole text and its line breaks: for showing a stored article with the
** searched words lit.  Only o->query, o->variants and the markers are
** read; a query the parser rejects is marked in its safe form, as
** px_search runs it.  *out is filled on PX_OK only. */
px_status px_highlight(px_index *ix, const px_search_opts *o,
                       const char *text, px_marked *out, px_err *err);
void px_marked_clear(px_marked *m);

/* ------------------------------------------------------------------ */
/* Search settings shared by every program                              */
/* ------------------------------------------------------------------ */

/* The default index directory: $PRESSDEX_DB, else
** $XDG_DATA_HOME/pressdex/index, else ~/.local/share/pressdex/index.
** *out is malloc'd (caller frees); PX_ENOTFOUND when not even HOME is
** set.  Every program that opens an index by default uses this. */
px_status px_default_index_dir(char **out, px_err *err);

/* What the environment decides about a search, built once per program
** and applied to every search it runs, so that pressdex-search, its quote
** and batch modes and pressdex.cgi answer a query the same way. */
typedef struct px_search_env px_search_env;

typedef struct {
    const char *db;            /* the index; NULL: px_default_index_dir() */
    int exact_spelling;        /* do not load the spelling variants */
    double time_limit;         /* seconds; 0: $PRESSDEX_TIME_LIMIT when set
                                  and valid, else default_time_limit */
    int no_time_limit;         /* no limit at all (--time-limit 0) */
    int missing_shards_ok;     /* answer from the shards that answer
                                  (PX_OPEN_PARTIAL); also when
                                  $PRESSDEX_MISSING_SHARDS is "answer" */
    double default_time_limit; /* the program's own default (0: none) */
    px_outlet_resolver outlet_resolve;  /* outlet aliases, or NULL */
    void *outlet_ctx;          /* must outlive the env */
} px_search_setup;

/* Loads the shipped spelling variants (data/variants.txt, from
** $PRESSDEX_DATA_DIR, the install prefix or the source tree) and
** $PRESSDEX_VARIANTS, settles the index directory and the time limit.
** *out is caller-owned (px_search_env_free).  PX_EINVAL for a time limit
** out of range; a malformed $PRESSDEX_TIME_LIMIT is not an error but a
** warning (px_search_env_warning). */
px_status px_search_env_new(const px_search_setup *s, px_search_env **out,
                            px_err *err);
void px_search_env_free(px_search_env *env);
/* The index directory; owned by env. */
const char *px_search_env_db(const px_search_env *env);
/* Seconds each search may take (0: no limit). */
double px_search_env_time_limit(const px_search_env *env);
/* A message about the environment worth logging, or NULL; owned by env. */
const char *px_search_env_warning(const px_search_env *env);
/* Sets the variants, time limit and outlet resolver of *o from env (they
** point into env, which must outlive the search). */
void px_search_env_apply(const px_search_env *env, px_search_opts *o);
/* Opens env's index read-only; *out is caller-owned (px_index_close). */
px_status px_search_env_open(const px_search_env *env, px_index **out,
                             px_err *err);

#ifdef __cplusplus
}
#endif
#endif /* PRESSDEX_H */
