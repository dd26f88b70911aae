/*
** store_internal.h — what the two halves of the article store share:
** store.c (articles, changes, statistics) and store_cluster.c (MinHash
** signatures and LSH buckets).  Internal to the store.
*/
#ifndef PX_STORE_INTERNAL_H
#define PX_STORE_INTERNAL_H

#include <sqlite3.h>

#include "cluster.h"
#include "store.h"

/* The statements prepared at open (their SQL is in store.c). */
enum {
    S_FIND, S_INSERT, S_UPDATE, S_DELETE, S_TOMB, S_GET, S_GET_NOBODY,
    S_SEQ_GET, S_SEQ_SET, S_OUTLET_ADD, S_OUTLET_SPELLING, S_OUTLET_BEST,
    S_OUTLET_NAME, S_META_GET,
    S_META_SET, S_LSH_DEL, S_LSH_ADD, S_LSH_FIND, S_SIG_GET, S_CLUSTER_SET,
    S_CLUSTER_SIZE, N_STMTS
};

/* Columns of S_GET / S_GET_NOBODY and of the walks in store.c, which follow
** them with the body (or NULL) and the cluster. */
#define ARTICLE_COLUMNS "docid, ext_id, source, url, outlet, date, " \
                        "date_source, title, author, hash, indexed_at, " \
                        "date_precision"

struct px_store {
    sqlite3 *db;
    char *path;
    int writable;
    int legacy;          /* read-only, schema older than this code: read
                            through compatible views, writes unprepared */
    sqlite3_stmt *stmt[N_STMTS];
};

/* Maps the connection's last error to a status and a message naming the
** store file and `what` was being done. */
px_status px_store_sql_error(px_store *s, px_err *err, const char *what);
/* Prepared statement `which`, reset and unbound, ready to bind. */
sqlite3_stmt *px_store_stmt(px_store *s, int which);
/* Builds an article from a row laid out as ARTICLE_COLUMNS, then the body
** (or NULL) and the cluster.  Returns PX_ENOMEM without a message. */
px_status px_store_row_article(sqlite3_stmt *st, int with_body,
                               px_article **out);
/* Removes an article's LSH rows (store_cluster.c). */
px_status px_store_lsh_forget(px_store *s, int64_t docid, px_err *err);

#endif /* PX_STORE_INTERNAL_H */
