/*
** store_cluster.c — syndication clusters in the article store.
**
** Each stored article keeps its MinHash signature (cluster.c) in its row
** and one row per LSH band in the lsh table, keyed by (bucket, docid):
** articles sharing a bucket are candidates, and a candidate whose
** signature agrees on at least PX_CLUSTER_THRESHOLD of the values lends
** the new article its cluster.  An article's LSH rows are always the
** buckets of the signature in its row, written in the same transaction,
** so they are found again from it when the article changes or goes.
*/
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* Statement `which` with an article's buckets bound as ?1..?32 and its
** docid as ?33. */
static sqlite3_stmt *lsh_bind(px_store *s, int which,
                              const int64_t buckets[PX_LSH_BANDS],
                              int64_t docid)
{
    sqlite3_stmt *st = px_store_stmt(s, which);
    for (int b = 0; b < PX_LSH_BANDS; b++)
        sqlite3_bind_int64(st, b + 1, buckets[b]);
    sqlite3_bind_int64(st, PX_LSH_BANDS + 1, docid);
    return st;
}

/* Removes the article's LSH rows: the buckets of the signature stored in
** its row, which were filed together with it (px_store_set_cluster). */
px_status px_store_lsh_forget(px_store *s, int64_t docid, px_err *err)
{
    sqlite3_stmt *st = px_store_stmt(s, S_SIG_GET);
    sqlite3_bind_int64(st, 1, docid);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return px_store_sql_error(s, err, "clustering");
    if (rc == SQLITE_DONE ||
        sqlite3_column_bytes(st, 0) != PX_MINHASH_SIZE * 4) {
        sqlite3_reset(st);
        return PX_OK;
    }
    uint32_t sig[PX_MINHASH_SIZE];
    int64_t buckets[PX_LSH_BANDS];
    memcpy(sig, sqlite3_column_blob(st, 0), sizeof sig);
    sqlite3_reset(st);
    px_lsh_buckets(sig, buckets);
    st = lsh_bind(s, S_LSH_DEL, buckets, docid);
    return sqlite3_step(st) == SQLITE_DONE
               ? PX_OK : px_store_sql_error(s, err, "clustering");
}

/* ------------------------------------------------------------------ */
/* Syndication clusters                                                 */
/* ------------------------------------------------------------------ */

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The cluster of the stored article most similar to `sig` at or above the
** threshold, or 0 when none is. */
static px_status best_cluster(px_store *s, int64_t docid,
                              const int64_t buckets[PX_LSH_BANDS],
                              const uint32_t *sig, int64_t *out, px_err *err)
{
    int64_t cands[256];
    size_t n = 0;
    double best = PX_CLUSTER_THRESHOLD;
    *out = 0;
    sqlite3_stmt *st = lsh_bind(s, S_LSH_FIND, buckets, docid);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 256) {
        int64_t c = sqlite3_column_int64(st, 0);
        size_t k = 0;
        while (k < n && cands[k] != c)
            k++;
        if (k == n)
            cands[n++] = c;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return px_store_sql_error(s, err, "finding similar articles");
    sqlite3_reset(st);
    qsort(cands, n, sizeof *cands, cmp_int64);
    for (size_t i = 0; i < n; i++) {
        st = px_store_stmt(s, S_SIG_GET);
        sqlite3_bind_int64(st, 1, cands[i]);
        if (sqlite3_step(st) != SQLITE_ROW ||
            sqlite3_column_bytes(st, 0) != PX_MINHASH_SIZE * 4)
            continue;
        uint32_t other[PX_MINHASH_SIZE];
        memcpy(other, sqlite3_column_blob(st, 0), sizeof other);
        int64_t cl = sqlite3_column_int64(st, 1);
        sqlite3_reset(st);
        double sim = px_minhash_similarity(sig, other);
        /* Candidates come in docid order: on a tie the older one wins. */
        if (sim > best || (sim == best && !*out)) {
            best = sim;
            *out = cl ? cl : cands[i];
        }
    }
    return PX_OK;
}

px_status px_store_set_cluster(px_store *s, px_article *a, const char *text,
                               px_err *err)
{
    uint32_t sig[PX_MINHASH_SIZE];
    int64_t buckets[PX_LSH_BANDS], cluster = 0;
    int has_sig = px_minhash(text, sig);
    sqlite3_stmt *st;
    px_status rc = px_store_lsh_forget(s, a->docid, err);
    if (rc == PX_OK && has_sig) {
        px_lsh_buckets(sig, buckets);
        rc = best_cluster(s, a->docid, buckets, sig, &cluster, err);
    }
    if (rc == PX_OK && has_sig &&
        sqlite3_step(lsh_bind(s, S_LSH_ADD, buckets, a->docid)) != SQLITE_DONE)
        rc = px_store_sql_error(s, err, "clustering");
    if (rc != PX_OK)
        return rc;
    a->cluster = cluster ? cluster : a->docid;
    st = px_store_stmt(s, S_CLUSTER_SET);
    sqlite3_bind_int64(st, 1, a->cluster);
    if (has_sig)
        sqlite3_bind_blob(st, 2, sig, sizeof sig, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_int64(st, 3, a->docid);
    return sqlite3_step(st) == SQLITE_DONE ? PX_OK
                                           : px_store_sql_error(s, err, "clustering");
}

px_status px_store_cluster_size(px_store *s, int64_t cluster, size_t *members,
                                size_t *outlets, px_err *err)
{
    sqlite3_stmt *st = px_store_stmt(s, S_CLUSTER_SIZE);
    sqlite3_bind_int64(st, 1, cluster);
    if (sqlite3_step(st) != SQLITE_ROW)
        return px_store_sql_error(s, err, "reading a cluster");
    *members = (size_t)sqlite3_column_int64(st, 0);
    *outlets = (size_t)sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    return PX_OK;
}

px_status px_store_cluster_members(px_store *s, int64_t cluster,
                                   px_article ***out, size_t *n, px_err *err)
{
    sqlite3_stmt *st;
    const char *sql = "SELECT " ARTICLE_COLUMNS ", NULL, cluster FROM articles "
                      "WHERE cluster = ?1 OR (docid = ?1 AND cluster = 0) "
                      "ORDER BY date = '', date, docid";
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, "reading a cluster");
    sqlite3_bind_int64(st, 1, cluster);
    px_status rc = PX_OK;
    size_t cap = 0;
    while (rc == PX_OK && sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            px_article **more = realloc(*out, cap * sizeof *more);
            if (!more) {
                rc = px_err_set(err, PX_ENOMEM, "out of memory");
                break;
            }
            *out = more;
        }
        if (px_store_row_article(st, 0, &(*out)[*n]) != PX_OK)
            rc = px_err_set(err, PX_ENOMEM, "out of memory");
        else
            (*n)++;
    }
    sqlite3_finalize(st);
    return rc;
}
