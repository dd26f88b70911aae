/*
** index_internal.h — the px_index handle, shared by the library's index_*.c
** modules and by nothing outside the library.
*/
#ifndef PX_INDEX_INTERNAL_H
#define PX_INDEX_INTERNAL_H

#include "pressdex.h"
#include "store.h"
#include "xapian_wrap.h"

/* A change for the Xapian side: the document built from a stored article,
** or the deletion of one. */
typedef struct {
    int64_t docid;
    px_xdoc *doc;      /* NULL: the article was deleted */
    char *spell;       /* spelling words of the title, one per line
                          (px_xtg_spelling_words), or NULL */
    char *meta;        /* sharded index: "KEY\0VALUE" metadata for the
                          spelling database (the outlet's display name),
                          or NULL */
} px_pending_doc;

/* Changes applied to Xapian together and committed there as one. */
typedef struct {
    px_pending_doc *docs;
    size_t n, cap;
    size_t text_bytes;         /* article text behind the documents */
    int64_t synced;            /* store seq to record as applied once the
                                  batch is committed; < 0: leave the mark */
} px_batch;

typedef struct px_writer px_writer;   /* index_pipeline.c */

struct px_index {
    char *dir;
    char *xapian_path;
    int writable;
    char language[32];
    char *missing;             /* remote shards left out (PX_OPEN_PARTIAL),
                                  "HOST:PORT, ...", or NULL */
    px_store *store;
    px_xdb *xdb;               /* writer: used by one thread at a time, see
                                  index_pipeline.c */
    px_xtg *tg;                /* builds documents, in the caller's thread */
    px_xtg *speller;           /* finds titles' spelling words, in the
                                  caller's thread */
    unsigned batch;            /* articles per store transaction */
    size_t batch_bytes;        /* ... or this much article text */
    int in_txn;                /* a store transaction is open */
    px_batch queue;            /* changes of the open transaction */
    px_writer *writers[PX_MAX_SHARDS + 2]; /* the threads applying
                                  batches: one per database written
                                  (px_xdb_nparts), started with the first
                                  batch; NULL-terminated */
    int stale;                 /* a stored change missed the queue: leave
                                  the synced mark for reconcile to redo */
};

#define PX_STORE_FILE "articles.sqlite"
#define PX_XAPIAN_DIR "xapian"
/* Where reindex builds the new Xapian database before swapping it in. */
#define PX_REINDEX_DIR "xapian.new"

/* "dir/name", malloc'd; NULL when out of memory. */
char *px_path_join(const char *dir, const char *name);

/* The last store change the Xapian side holds (0 when none): for a
** writer of a sharded index, the lowest mark among its shards. */
px_status px_index_get_synced(px_xdb *xdb, int64_t *out, px_err *err);

/* Builds the Xapian document for an article (schema.h decides every term
** and value).  *out is caller-owned, and so are *spell (the title's words
** for the spelling data, added when the document is applied; NULL when
** there is no title) and *meta (px_pending_doc; NULL unless sharded). */
px_status px_index_build_doc(px_index *ix, const px_article *a, px_xdoc **out,
                             char **spell, char **meta, px_err *err);

/* ---- dates (index_dates.c) --------------------------------------- */

/* Lower and upper "YYYYMMDD" bounds for a date written as YYYY, YYYY-MM or
** a full date (px_date_parse forms): the first and last day of the year,
** month or day.  Returns 0 when it is none of those. */
int px_date_bounds(const char *s, char lo[9], char hi[9]);
/* Checks a->date_precision and, for a month or year, sets the unknown
** parts of a->date to 01; an undated article gets PX_PREC_DAY.  PX_EINVAL
** for a precision out of range or a dated article whose date is not
** "YYYY-MM-DD". */
px_status px_index_date_normalize(px_article *a, px_err *err);
/* Adds the date terms and values of a (normalised) article to doc. */
px_status px_index_date_terms(px_xdoc *doc, const px_article *a,
                              px_err *err);
/* The query-parser callback for date:VALUE (px_xqp_field_fn). */
px_status px_index_date_field(void *ctx, const char *value, px_xquery **out,
                              px_err *err);
/* The --from/--to filter (either may be NULL, not both); PX_EINVAL when
** one is not a date. */
px_status px_index_date_filter(const char *from, const char *to,
                               px_xquery **out, px_err *err);

/* ---- query text (normalize.c) ------------------------------------- */

/* Lowers the case of a query's words outside double quotes, in place,
** keeping the capitalised operators (AND, OR, NOT, XOR, NEAR, ADJ).  The
** parser stems only words that start in lower case; the writer stemmed
** every word, so a capitalised word must be lowered to match the same
** articles as its lower case (phrases need not: they match exact forms,
** which Xapian folds to lower case itself). */
void px_query_lower_case(char *q);

/* ---- articles carried by the shards (docdata.c) ------------------- */

/* Sets doc's data to article a (every field, the body compressed) and
** adds its cluster term. */
px_status px_docdata_add(px_xdoc *doc, const px_article *a, px_err *err);
/* The article of document `docid`, read from its data (body when
** with_body); *out caller-owned.  PX_ENOTFOUND when there is none. */
px_status px_docdata_get(px_xdb *xdb, int64_t docid, int with_body,
                         px_article **out, px_err *err);
/* As px_store_cluster_size, counted over the shards. */
px_status px_docdata_cluster_size(px_index *ix, int64_t cluster,
                                  size_t *members, size_t *outlets,
                                  px_err *err);
/* As px_store_cluster_members, read from the shards. */
px_status px_docdata_cluster_members(px_index *ix, int64_t cluster,
                                     px_article ***out, size_t *n,
                                     px_err *err);
/* The display name of the outlet with this key, *out NULL when unknown. */
px_status px_docdata_outlet_name(px_xdb *xdb, const char *key, char **out,
                                 px_err *err);

/* ---- suggestions (index_suggest.c) -------------------------------- */

/* The spelling suggestion for the query `typed`, parsed by qp into q, or
** *out = NULL when none would help (malloc'd, caller frees). */
px_status px_index_suggest(px_index *ix, const px_xquery *q, px_xqp *qp,
                           const char *typed, char **out, px_err *err);

/* ---- the Xapian side of writing (index_pipeline.c) ---------------- */

/* Appends a change to ix->queue, taking ownership of doc, spell and meta
** (freed on failure too).  `bytes` is the article text behind it. */
px_status px_index_enqueue(px_index *ix, int64_t docid, px_xdoc *doc,
                           char *spell, char *meta, size_t bytes,
                           px_err *err);
/* Frees the changes in ix->queue (after a failed store commit). */
void px_index_queue_clear(px_index *ix);
/* Non-zero when ix->queue has reached its batch limits. */
int px_index_queue_full(const px_index *ix);
/* Hands ix->queue (with `synced` as its mark) to the writer thread and
** leaves ix->queue empty.  Waits while the writer is still busy with the
** previous batch, so that at most two batches exist at once.  Returns the
** failure of an earlier batch, if any: after one, nothing more is
** applied and the synced mark stays where it was. */
px_status px_index_submit(px_index *ix, int64_t synced, px_err *err);
/* Waits until every submitted batch is applied and committed; returns the
** first failure. */
px_status px_index_drain(px_index *ix, px_err *err);
/* Stops the writer thread (after px_index_drain) and frees the queue. */
void px_index_writer_stop(px_index *ix);
/* Records `seq` as the last store change db (the database, or one shard)
** holds. */
px_status px_index_set_synced(px_xdb *db, int64_t seq, px_err *err);

/* ---- maintenance (index_maint.c, index_compact.c) ---------------- */

/* Bytes the Xapian database takes on disk. */
uint64_t px_index_xapian_bytes(const px_index *ix);
/* Removes what an interrupted compaction left; call holding the writer
** lock. */
px_status px_index_compact_cleanup(px_index *ix, px_err *err);
/* Removes a Xapian database's directory (a sharded one holds a directory
** per shard); a missing one is not an error. */
px_status px_index_remove_db_dir(const char *path, px_err *err);
/* Puts the database at `fresh` in place of the one at `live` (atomically
** where the file system can exchange two names); afterwards `fresh` names
** the old one. */
px_status px_index_swap_dirs(const char *fresh, const char *live,
                             px_err *err);

/* ---- access (index_access.c) -------------------------------------- */

/* PX_EIO, saying so, when this user cannot write the index in `dir` (a
** read-only file system, another user's files); PX_OK when it can or
** the index does not exist yet. */
px_status px_index_check_writable(const char *dir, px_err *err);
/* After a write to `path` failed with `st`: when the cause is a full
** file system, rewrites err to say so (with the path and what to do) and
** returns PX_EIO; otherwise returns st unchanged. */
px_status px_index_write_failed(const char *path, px_status st,
                                px_err *err);

#endif /* PX_INDEX_INTERNAL_H */
