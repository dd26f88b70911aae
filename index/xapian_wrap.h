/*
** xapian_wrap.h — a thin C API over Xapian, for use inside libpressdex only.
**
** Each handle is an opaque struct owning one Xapian object.  The wrapper is
** mechanical: it decides nothing about what to index or how to rank; that
** policy lives in the C modules (index_write.c, index_search.c).  Every
** function catches all C++ exceptions and turns them into a px_status plus
** a message in `err`:
**   Xapian::DatabaseModifiedError  -> PX_EMODIFIED (reopen and retry)
**   Xapian::DatabaseLockError      -> PX_ELOCKED
**   Xapian::DatabaseCorruptError, DatabaseVersionError -> PX_ECORRUPT
**   Xapian::DatabaseOpeningError, DatabaseNotFoundError -> PX_ENOTFOUND
**   Xapian::QueryParserError       -> PX_EQUERY
**   Xapian::UnimplementedError     -> PX_EUNIMPL
**   Xapian::DocNotFoundError       -> PX_ENOTFOUND
**   std::bad_alloc                 -> PX_ENOMEM
**   anything else                  -> PX_EBACKEND
** Strings returned through `char **` are malloc'd and owned by the caller.
** Stemming is Snowball through libstemmer, plugged into Xapian as a
** StemImplementation, so every component stems identically.
*/
#ifndef PX_XAPIAN_WRAP_H
#define PX_XAPIAN_WRAP_H

#include "pressdex.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct px_xdb px_xdb;       /* Database or WritableDatabase */
typedef struct px_xdoc px_xdoc;     /* Document */
typedef struct px_xtg px_xtg;       /* TermGenerator */
typedef struct px_xquery px_xquery; /* Query */
typedef struct px_xqp px_xqp;       /* QueryParser */
typedef struct px_xenq px_xenq;     /* Enquire */
typedef struct px_xmset px_xmset;   /* MSet (keeps its Enquire alive) */
typedef struct px_xspy px_xspy;     /* ValueCountMatchSpy */

/* ---- stemming ---------------------------------------------------- */

/* NULL-terminated list from libstemmer's sb_stemmer_list(); static. */
const char **px_xstem_languages(void);
/* 1 when libstemmer knows `lang` (or lang is "none"), else 0. */
int px_xstem_valid(const char *lang);
/* Stems one word with `lang` into a malloc'd string. */
px_status px_xstem_word(const char *lang, const char *word, char **out,
                        px_err *err);

/* ---- databases --------------------------------------------------- */

px_status px_xdb_open_read(const char *path, px_xdb **out, px_err *err);
/* As px_xdb_open_read, but a remote shard of a stub that does not answer
** is left out (an empty database keeps the others' document ids) and
** named in *missing ("HOST:PORT, ...", malloc'd; NULL when none). */
px_status px_xdb_open_partial(const char *path, px_xdb **out, char **missing,
                              px_err *err);
/* Creates the database when missing; takes Xapian's writer lock. */
px_status px_xdb_open_write(const char *path, px_xdb **out, px_err *err);
/* Creates a fresh, empty database, replacing any existing one. */
px_status px_xdb_overwrite(const char *path, px_xdb **out, px_err *err);
/* A fresh, empty database of `n` shards at `path` (see xapian_shards.cc;
** n <= 1: px_xdb_overwrite).  px_xdb_open_write opens such a set again,
** px_xdb_open_read reads it as one database, and px_xdb_compact compacts
** it shard by shard.  On a set, replace and delete route each document
** to its shard, and commit and set_metadata reach every shard. */
px_status px_xdb_create_sharded(const char *path, unsigned n, px_xdb **out,
                                px_err *err);
/* Shards of a writable handle (1 for a plain database or a shard's own
** handle). */
unsigned px_xdb_nshards(const px_xdb *db);
/* Databases a writable handle writes: its shards and spelling database
** (px_xdb_shard), or 1 when it is one database. */
unsigned px_xdb_nparts(const px_xdb *db);
/* Databases a handle reads as one (the shards of a stub, local or
** remote). */
unsigned px_xdb_size(const px_xdb *db);
/* Non-zero when some shard of a read handle is served remotely (a stub's
** "remote HOST:PORT" line): such a shard runs neither spelling data nor
** pressdex's own posting sources. */
int px_xdb_remote(const px_xdb *db);
/* Shard k's own handle, owned by the set (db itself when not a set): for
** one writer thread per shard.  Documents given to it must be its own.
** k == px_xdb_nshards(db) is the set's spelling database, which holds
** no documents: spelling words go there. */
px_xdb *px_xdb_shard(px_xdb *db, unsigned k);
/* Moves a read-only database to its latest revision. */
px_status px_xdb_reopen(px_xdb *db, px_err *err);
/* Frees the handle; a writable database's pending changes are committed
** by Xapian on close, so callers commit (or cancel) first. */
void px_xdb_close(px_xdb *db);

/* Writes a compacted copy of the database at `src` (its last commit) to
** the new directory `dst`, keeping document ids and metadata. */
px_status px_xdb_compact(const char *src, const char *dst, px_err *err);

px_status px_xdb_doccount(px_xdb *db, unsigned *out, px_err *err);
px_status px_xdb_lastdocid(px_xdb *db, unsigned *out, px_err *err);
px_status px_xdb_termfreq(px_xdb *db, const char *term, unsigned *out,
                          px_err *err);
/* Calls cb(ctx, docid) for each document whose docids carry `term`
** (e.g. a unique-id term); stops early when cb returns non-zero. */
px_status px_xdb_postlist(px_xdb *db, const char *term,
                          int (*cb)(void *ctx, unsigned docid), void *ctx,
                          px_err *err);
px_status px_xdb_commit(px_xdb *db, px_err *err);
/* Replaces (or creates) document `docid`. */
px_status px_xdb_replace(px_xdb *db, unsigned docid, px_xdoc *doc,
                         px_err *err);
/* Deletes document `docid`; a missing document is not an error. */
px_status px_xdb_delete(px_xdb *db, unsigned docid, px_err *err);
/* The data of document `docid` (malloc'd, *len bytes, caller frees);
** PX_ENOTFOUND when there is no such document. */
px_status px_xdb_get_data(px_xdb *db, unsigned docid, char **out,
                          size_t *len, px_err *err);
/* Metadata of the spelling database of a sharded index (of db itself
** when it has none); *out = "" when unset. */
px_status px_xdb_get_spelling_metadata(px_xdb *db, const char *key,
                                       char **out, px_err *err);
/* *out = "" when the key is unset. */
px_status px_xdb_get_metadata(px_xdb *db, const char *key, char **out,
                              px_err *err);
px_status px_xdb_set_metadata(px_xdb *db, const char *key, const char *value,
                              px_err *err);
px_status px_xdb_add_synonym(px_xdb *db, const char *term,
                             const char *synonym, px_err *err);
px_status px_xdb_clear_synonyms(px_xdb *db, const char *term, px_err *err);
/* *out = NULL when Xapian has no suggestion. */
px_status px_xdb_spelling_suggestion(px_xdb *db, const char *word,
                                     char **out, px_err *err);

/* ---- documents --------------------------------------------------- */

px_status px_xdoc_new(px_xdoc **out, px_err *err);
void px_xdoc_free(px_xdoc *doc);
/* A term without positions (boolean terms: wdfinc 0). */
px_status px_xdoc_add_term(px_xdoc *doc, const char *term, unsigned wdfinc,
                           px_err *err);
px_status px_xdoc_add_posting(px_xdoc *doc, const char *term, unsigned pos,
                              unsigned wdfinc, px_err *err);
/* Calls cb(ctx, term, positions, n) for each term of a document being
** built, in term order, with its positions (n = 0 for a term without
** any); stops early when cb returns non-zero.  The document must not be
** changed from inside cb. */
typedef int (*px_xdoc_term_fn)(void *ctx, const char *term,
                               const unsigned *pos, size_t n);
px_status px_xdoc_terms(px_xdoc *doc, px_xdoc_term_fn cb, void *ctx,
                        px_err *err);
px_status px_xdoc_set_value(px_xdoc *doc, unsigned slot, const char *value,
                            size_t len, px_err *err);
px_status px_xdoc_set_data(px_xdoc *doc, const char *data, size_t len,
                           px_err *err);

/* ---- term generator ---------------------------------------------- */

/* `lang` is a libstemmer name or "none".  Stemming strategy STEM_SOME:
** positional unstemmed terms plus Z-prefixed stems. */
px_status px_xtg_new(const char *lang, px_xtg **out, px_err *err);
void px_xtg_free(px_xtg *tg);
/* Subsequent index_text calls add to `doc` (not owned by the tg). */
px_status px_xtg_set_document(px_xtg *tg, px_xdoc *doc, px_err *err);
/* Drops the tg's reference to its document, so that the document can be
** handed to another thread: Xapian counts references without atomics, so
** an object two threads refer to must not be released by either. */
px_status px_xtg_detach(px_xtg *tg, px_err *err);
/* The words of `text` as spelling data takes them from index_text with
** spelling on and no prefix, one per line of the malloc'd *out, a word
** listed as often as it occurs.  For a tg with no stemmer (lang "none");
** the tg is left detached.  Lets the spelling words be found away from
** the thread that owns the database. */
px_status px_xtg_spelling_words(px_xtg *tg, const char *text, size_t len,
                                char **out, px_err *err);
/* Adds each line of `words` (from px_xtg_spelling_words) to the spelling
** data, as index_text with spelling on would have. */
px_status px_xdb_add_spellings(px_xdb *db, const char *words, px_err *err);
/* `prefix` may be NULL or "". */
px_status px_xtg_index_text(px_xtg *tg, const char *text, size_t len,
                            unsigned wdfinc, const char *prefix, px_err *err);
/* Like index_text but adds no positional information. */
px_status px_xtg_index_text_nopos(px_xtg *tg, const char *text, size_t len,
                                  unsigned wdfinc, const char *prefix,
                                  px_err *err);
px_status px_xtg_increase_termpos(px_xtg *tg, unsigned delta, px_err *err);

/* ---- queries ----------------------------------------------------- */

typedef enum {
    PX_XOP_AND = 0,
    PX_XOP_OR,
    PX_XOP_AND_NOT,
    PX_XOP_FILTER,
    PX_XOP_AND_MAYBE,
    PX_XOP_PHRASE,
    PX_XOP_NEAR,
    PX_XOP_SYNONYM
} px_xop;

px_status px_xquery_term(const char *term, unsigned wqf, unsigned pos,
                         px_xquery **out, px_err *err);
px_status px_xquery_match_all(px_xquery **out, px_err *err);
px_status px_xquery_match_nothing(px_xquery **out, px_err *err);
/* Combines n subqueries (not consumed: the caller still frees them).
** `window` is used by PHRASE and NEAR (0 = number of subqueries). */
px_status px_xquery_combine(px_xop op, px_xquery *const *subs, size_t n,
                            unsigned window, px_xquery **out, px_err *err);
/* Values in `slot` between lo and hi inclusive (string order); lo or hi
** NULL makes the range open on that side (both NULL: match all). */
px_status px_xquery_value_range(unsigned slot, const char *lo, const char *hi,
                                px_xquery **out, px_err *err);
/* Multiplies the weight of q by `factor` (OP_SCALE_WEIGHT). */
px_status px_xquery_scale(px_xquery *q, double factor, px_xquery **out,
                          px_err *err);
px_status px_xquery_describe(const px_xquery *q, char **out, px_err *err);
/* Calls cb(ctx, term) for each distinct term of q (wildcards and value
** ranges have none); stops early when cb returns non-zero. */
px_status px_xquery_terms(const px_xquery *q,
                          int (*cb)(void *ctx, const char *term), void *ctx,
                          px_err *err);
int px_xquery_empty(const px_xquery *q);
/* Terms a query parser keeps of one wildcard (its most frequent). */
#define PX_XWILDCARD_MAX 1000
/* What q costs the matcher: *terms gets the number of its terms, each
** wildcard counted as the index terms it expands to (at most
** PX_XWILDCARD_MAX), and *wildcards the number of wildcards.  The count
** stops soon after *terms passes `cap`, so that it costs little however
** broad the query. */
/* Replaces each wildcard of q by the terms it stands for, each weighted
** on its own (see xapian_search.cc): a wildcard then ranks the same on
** one database and on any number of shards. */
px_status px_xquery_expand_wildcards(px_xdb *db, px_xquery *q, px_err *err);
px_status px_xquery_cost(px_xdb *db, const px_xquery *q, unsigned cap,
                         unsigned *terms, unsigned *wildcards, px_err *err);
void px_xquery_free(px_xquery *q);

/* ---- query parser ------------------------------------------------ */

enum {
    PX_XQP_BOOLEAN = 1,           /* AND OR NOT XOR NEAR ADJ ( ) */
    PX_XQP_PHRASE = 2,            /* "quoted phrases" */
    PX_XQP_LOVEHATE = 4,          /* +term -term */
    PX_XQP_BOOLEAN_ANY_CASE = 8,  /* and/or/not in lower case too */
    PX_XQP_WILDCARD = 16,         /* trailing * (needs a database) */
    PX_XQP_PURE_NOT = 32,         /* NOT x on its own */
    PX_XQP_SPELLING = 64,         /* compute a spelling correction */
    PX_XQP_SYNONYM = 128,         /* ~term expands synonyms */
    PX_XQP_AUTO_SYNONYMS = 256    /* every term expands synonyms */
};

/* Which words the parser stems (Xapian's QueryParser::stem_strategy). */
typedef enum {
    PX_XSTEM_SOME = 0,  /* STEM_SOME: not capitalised words nor phrases */
    PX_XSTEM_ALL_Z      /* STEM_ALL_Z: every word outside a phrase, as a
                           Z-prefixed stem, capitalised or not */
} px_xstem_strategy;

/* `lang` is a libstemmer name or "none". */
px_status px_xqp_new(const char *lang, px_xstem_strategy strategy,
                     px_xqp **out, px_err *err);
void px_xqp_free(px_xqp *qp);
/* Database for wildcards, spelling and synonyms (not owned). */
px_status px_xqp_set_database(px_xqp *qp, px_xdb *db, px_err *err);
/* PX_XOP_AND or PX_XOP_OR. */
px_status px_xqp_set_default_op(px_xqp *qp, px_xop op, px_err *err);
/* field:word maps to prefix+term; boolean fields make filter terms. */
px_status px_xqp_add_prefix(px_xqp *qp, const char *field, const char *prefix,
                            int boolean, px_err *err);

/* A field handled by C code: given the text after "field:", build a query
** into *out.  Return PX_OK, or an error status with a message in err
** (reported to the user as a query error). */
typedef px_status (*px_xqp_field_fn)(void *ctx, const char *value,
                                     px_xquery **out, px_err *err);
/* Registers fn for `field`; ctx must outlive the parser. */
px_status px_xqp_add_field(px_xqp *qp, const char *field, int boolean,
                           px_xqp_field_fn fn, void *ctx, px_err *err);
/* Parses with PX_XQP_* flags.  *out is caller-owned. */
px_status px_xqp_parse(px_xqp *qp, const char *qs, unsigned flags,
                       px_xquery **out, px_err *err);
/* After a parse with PX_XQP_SPELLING: the corrected query string, or NULL
** when no correction was found. */
px_status px_xqp_corrected(px_xqp *qp, char **out, px_err *err);

/* ---- enquire, match spies and results ---------------------------- */

/* `stem_lang` is used by snippets on the resulting MSets. */
px_status px_xenq_new(px_xdb *db, const char *stem_lang, px_xenq **out,
                      px_err *err);
void px_xenq_free(px_xenq *enq);
px_status px_xenq_set_query(px_xenq *enq, const px_xquery *q, px_err *err);
/* BM25 with the given parameters (Xapian's defaults: 1, 0, 1, 0.5, 0.5). */
px_status px_xenq_set_bm25(px_xenq *enq, double k1, double k2, double k3,
                           double b, double min_normlen, px_err *err);
/* Sort by the value in `slot`, then by relevance; reverse = descending. */
px_status px_xenq_sort_by_value(px_xenq *enq, unsigned slot, int reverse,
                                px_err *err);
px_status px_xenq_sort_by_relevance(px_xenq *enq, px_err *err);
/* Keeps at most `max` documents per distinct value in `slot`. */
px_status px_xenq_set_collapse(px_xenq *enq, unsigned slot, unsigned max,
                               px_err *err);
/* Stops matching after `seconds` (0 disables); results are then partial. */
px_status px_xenq_set_time_limit(px_xenq *enq, double seconds, px_err *err);
/* Ends the next mset `seconds` after it starts (0: no deadline), keeping
** the best hits found by then; unlike the time limit, which only stops
** exhaustive counting, this bounds the match however it is sorted. */
px_status px_xenq_set_deadline(px_xenq *enq, double seconds, px_err *err);
/* Non-zero when the deadline ended the last mset early. */
int px_xenq_cut(const px_xenq *enq);
/* The spy (not owned) sees every document considered by the next mset. */
px_status px_xenq_add_spy(px_xenq *enq, px_xspy *spy, px_err *err);
/* Runs the match.  check_at_least: documents to examine at least (pass the
** doccount for exact totals and facets). */
px_status px_xenq_mset(px_xenq *enq, unsigned offset, unsigned limit,
                       unsigned check_at_least, px_xmset **out, px_err *err);

px_status px_xspy_new(unsigned slot, px_xspy **out, px_err *err);
void px_xspy_free(px_xspy *spy);
/* Number of documents the spy saw. */
px_status px_xspy_total(px_xspy *spy, unsigned *out, px_err *err);
typedef struct {
    char *value;      /* malloc'd */
    unsigned count;
} px_xcount;
/* All values seen with their counts, in value order; *out is a malloc'd
** array of *n entries; free with px_xcounts_free. */
px_status px_xspy_values(px_xspy *spy, px_xcount **out, size_t *n,
                         px_err *err);
void px_xcounts_free(px_xcount *c, size_t n);

void px_xmset_free(px_xmset *m);
unsigned px_xmset_size(const px_xmset *m);
void px_xmset_bounds(const px_xmset *m, unsigned *lower, unsigned *estimated,
                     unsigned *upper);
px_status px_xmset_item(px_xmset *m, unsigned i, unsigned *docid,
                        double *weight, px_err *err);
/* Xapian's snippet of `text` for this match set: at most `length` bytes,
** query words (and words with the same stem) between hl_start and hl_end,
** "..." where text was omitted.  Xapian HTML-escapes the text (&amp; &lt;
** &gt;); the caller unescapes.  *out is caller-owned. */
px_status px_xmset_snippet(px_xmset *m, const char *text, size_t len,
                           size_t length, const char *hl_start,
                           const char *hl_end, char **out, px_err *err);

#ifdef __cplusplus
}
#endif
#endif /* PX_XAPIAN_WRAP_H */
