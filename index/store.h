/*
** store.h — the SQLite article store, internal to libpressdex.
**
** The store is the source of truth: full text and metadata of every
** article, its content hash, and a change sequence number (seq) that lets
** the Xapian side be brought up to date after a crash.  Every put or
** delete takes the next seq; a deleted article leaves a tombstone carrying
** its seq until the Xapian side has applied it.  WAL mode; schema version
** in the meta table with forward migrations; prepared statements kept for
** the life of the handle.
**
** Writes happen inside px_store_begin()/px_store_commit(); they are not
** durable before the commit.  A store opened read-only changes nothing in
** it.  WAL readers share the -wal and -shm files: a writer leaves them in
** place for readers of another user, a reader creates them only where it
** may, and one that cannot opens a store without them immutable (store.c,
** store_open_reader), writing nothing at all.
** Articles returned are caller-owned (px_article_free).
*/
#ifndef PX_STORE_H
#define PX_STORE_H

#include "pressdex.h"

typedef struct px_store px_store;

/* Opens (and when writable, creates or migrates) the store at `path`.
** PX_EVERSION when the file was written by a newer schema.  Read-only, a
** store one schema behind (before date precisions) is read as it is, its
** dates as day-precise; older ones give PX_ECORRUPT asking for a writer. */
px_status px_store_open(const char *path, int writable, px_store **out,
                        px_err *err);
void px_store_close(px_store *s);

px_status px_store_begin(px_store *s, px_err *err);
px_status px_store_commit(px_store *s, px_err *err);
px_status px_store_rollback(px_store *s, px_err *err);

/* *out is malloc'd, or NULL when the key is unset. */
px_status px_store_meta_get(px_store *s, const char *key, char **out,
                            px_err *err);
px_status px_store_meta_set(px_store *s, const char *key, const char *value,
                            px_err *err);

/* Looks an article up by its stable id.  *docid = 0 when there is none;
** otherwise *docid and hash (may be NULL) are filled. */
px_status px_store_find(px_store *s, const char *ext_id, int64_t *docid,
                        char hash[17], px_err *err);

/* Inserts the article (a->docid == 0) or overwrites row a->docid.  The
** caller has set a->hash.  Assigns a fresh seq, sets a->docid and
** a->indexed_at, and remembers the outlet's display name for its key when
** the key is new. */
px_status px_store_put(px_store *s, px_article *a, px_err *err);

/* Deletes the article, leaving a tombstone; PX_ENOTFOUND when absent. */
px_status px_store_delete(px_store *s, int64_t docid, px_err *err);

/* Loads one article; the body only when with_body.  PX_ENOTFOUND when
** absent. */
px_status px_store_get(px_store *s, int64_t docid, int with_body,
                       px_article **out, px_err *err);

/* Highest seq ever assigned (0 for a new store). */
px_status px_store_max_seq(px_store *s, int64_t *out, px_err *err);

/* For each change with seq > since, in seq order: an article (with body)
** that was put, or a deleted docid (a == NULL).  A non-zero return from cb
** stops the walk and is returned as PX_EBACKEND-free status PX_OK with
** *stopped = 1 (stopped may be NULL). */
typedef int (*px_store_change_fn)(void *ctx, const px_article *a,
                                  int64_t deleted_docid, int64_t seq);
px_status px_store_changes(px_store *s, int64_t since, px_store_change_fn cb,
                           void *ctx, int *stopped, px_err *err);
/* How many changes have seq > since. */
px_status px_store_count_changes(px_store *s, int64_t since, int64_t *out,
                                 px_err *err);
/* Drops tombstones with seq <= upto (they have been applied). */
px_status px_store_forget_tombstones(px_store *s, int64_t upto, px_err *err);

/* Every article in docid order; stops when cb returns non-zero. */
typedef int (*px_store_article_fn)(void *ctx, const px_article *a);
px_status px_store_foreach(px_store *s, int with_body,
                           px_store_article_fn cb, void *ctx, px_err *err);

px_status px_store_count(px_store *s, size_t *out, px_err *err);

/* Display name first seen for an outlet key; *out NULL when unknown. */
px_status px_store_outlet_name(px_store *s, const char *key, char **out,
                               px_err *err);

/* Computes the MinHash signature of `text` (the article's words), files
** it for similarity lookups, and sets a->cluster (also in the row): the
** cluster of the most similar stored article when the similarity reaches
** PX_CLUSTER_THRESHOLD, else the article's own docid.  a->docid must be
** set (call after px_store_put). */
px_status px_store_set_cluster(px_store *s, px_article *a, const char *text,
                               px_err *err);
/* Members and distinct outlets (unknown counted as one) of a cluster. */
px_status px_store_cluster_size(px_store *s, int64_t cluster, size_t *members,
                                size_t *outlets, px_err *err);
/* The members, without bodies, oldest first, undated last: see
** px_index_cluster in pressdex.h for ownership. */
px_status px_store_cluster_members(px_store *s, int64_t cluster,
                                   px_article ***out, size_t *n, px_err *err);

/* Fills the article-level fields of *st: articles, sources, undated,
** first_date, last_date, outlets (most articles first, unknown last),
** text_bytes.  Sizes, pending and language are left to the caller. */
px_status px_store_stats(px_store *s, px_stats *st, px_err *err);

#endif /* PX_STORE_H */
