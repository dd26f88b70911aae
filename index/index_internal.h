/*
** index_internal.h — the px_index handle, shared by index_write.c and
** index_search.c and by nothing outside the library.
*/
#ifndef PX_INDEX_INTERNAL_H
#define PX_INDEX_INTERNAL_H

#include "pressdex.h"
#include "store.h"
#include "xapian_wrap.h"

/* A Xapian document built from a stored article, waiting for the store
** transaction that holds the article to commit. */
typedef struct {
    int64_t docid;
    px_xdoc *doc;      /* NULL: the article was deleted */
} px_pending_doc;

struct px_index {
    char *dir;
    char *xapian_path;
    int writable;
    char language[32];
    px_store *store;
    px_xdb *xdb;
    px_xtg *tg;                /* writer only */
    unsigned batch;            /* articles per store transaction */
    int in_txn;                /* a store transaction is open */
    px_pending_doc *queue;     /* changes of the open transaction */
    size_t n_queue, cap_queue;
    int stale;                 /* a stored change missed the queue: leave
                                  the synced mark for reconcile to redo */
};

/* Builds the Xapian document for an article (schema.h decides every term
** and value).  *out is caller-owned. */
px_status px_index_build_doc(px_index *ix, const px_article *a, px_xdoc **out,
                             px_err *err);

/* Lower and upper "YYYYMMDD" bounds for a date written as YYYY, YYYY-MM or
** a full date (px_date_parse forms).  Returns 0 when it is none of those. */
int px_date_bounds(const char *s, char lo[9], char hi[9]);

#endif /* PX_INDEX_INTERNAL_H */
