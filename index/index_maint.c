/*
** index_maint.c — whole-index maintenance: dropping articles whose source
** file is gone (prune), rebuilding the Xapian side from the store
** (reindex), and the statistics behind `pressdex-index stats`.
**
** Both writing jobs go through the same path as adding (index_write.c and
** index_pipeline.c), so they keep its ordering guarantees: prune deletes
** in the store first, reindex records the synced mark only in its last
** commit, and builds its database beside the live one (swapped in as
** compaction does, index_compact.c), so searches never see it half-built.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "index_internal.h"
#include "schema.h"

/* ------------------------------------------------------------------ */
/* Prune                                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    int64_t *ids;
    size_t n, cap;
    char *last_source;   /* sources repeat (JSON Lines): stat each once */
    int last_exists;
    px_prune_cb cb;
    void *ctx;
    int oom;
} prune_ctx;

static int prune_check(void *vctx, const px_article *a)
{
    prune_ctx *c = vctx;
    if (!c->last_source || strcmp(c->last_source, a->source) != 0) {
        struct stat sb;
        free(c->last_source);
        c->last_source = strdup(a->source);
        c->last_exists = stat(a->source, &sb) == 0;
        if (!c->last_source)
            return c->oom = 1;
    }
    if (c->last_exists)
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        int64_t *ids = realloc(c->ids, cap * sizeof *ids);
        if (!ids)
            return c->oom = 1;
        c->ids = ids;
        c->cap = cap;
    }
    c->ids[c->n++] = a->docid;
    if (c->cb)
        c->cb(c->ctx, a);
    return 0;
}

px_status px_index_prune(px_index *ix, px_prune_cb cb, void *ctx,
                         size_t *removed, px_err *err)
{
    prune_ctx c = {0};
    c.cb = cb;
    c.ctx = ctx;
    *removed = 0;
    px_status st = px_store_foreach(ix->store, 0, prune_check, &c, err);
    if (st == PX_OK && c.oom)
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    for (size_t i = 0; st == PX_OK && i < c.n; i++)
        st = px_index_delete(ix, c.ids[i], err);
    if (st == PX_OK)
        st = px_index_commit(ix, err);
    if (st == PX_OK)
        *removed = c.n;
    free(c.ids);
    free(c.last_source);
    return st;
}

/* ------------------------------------------------------------------ */
/* Reindex                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    px_index *ix;
    px_err *err;
    px_status st;
    size_t done, total;
    px_progress_cb cb;
    void *ctx;
} rebuild_ctx;

static int rebuild_one(void *vctx, const px_article *a)
{
    rebuild_ctx *c = vctx;
    px_xdoc *doc = NULL;
    char *spell = NULL, *meta = NULL;
    c->st = px_index_build_doc(c->ix, a, &doc, &spell, &meta, c->err);
    if (c->st == PX_OK)
        c->st = px_index_enqueue(c->ix, a->docid, doc, spell, meta,
                                 strlen(a->body ? a->body : ""), c->err);
    /* No synced mark before the end: an interrupted rebuild starts over. */
    if (c->st == PX_OK && px_index_queue_full(c->ix))
        c->st = px_index_submit(c->ix, -1, c->err);
    c->done++;
    if (c->cb && (c->done % 256 == 0 || c->done == c->total))
        c->cb(c->ctx, c->done, c->total);
    return c->st != PX_OK;
}

/* A fresh, empty Xapian database of `shards` shards at `path`, with the
** index's language and schema recorded. */
static px_status reindex_fresh(px_index *ix, const char *path,
                               unsigned shards, px_xdb **out, px_err *err)
{
    px_status st = px_xdb_create_sharded(path, shards, out, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(*out, PX_META_LANGUAGE, ix->language, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(*out, PX_META_SCHEMA, PX_SCHEMA_VERSION,
                                 err);
    return st;
}

/* Fills ix->xdb (the fresh database) from the store through the writing
** pipeline; only its last commit records the synced mark. */
static px_status reindex_fill(px_index *ix, rebuild_ctx *c, int64_t max_seq,
                              px_err *err)
{
    px_status st = px_store_foreach(ix->store, 1, rebuild_one, c, err);
    if (st == PX_OK) st = c->st;
    if (st == PX_OK) st = px_index_submit(ix, max_seq, err);
    px_status drained = px_index_drain(ix, st == PX_OK ? err : NULL);
    /* The writer threads hold the new database's shards: they go before
    ** its handle does. */
    px_index_writer_stop(ix);
    return st != PX_OK ? st : drained;
}

/* Puts the rebuilt database at `fresh` in place of xapian/ and makes
** ix->xdb a writer of it.  `live`, the old database, keeps the writer lock
** until the new one is in place.  Afterwards `fresh` names the old one. */
static px_status reindex_swap(px_index *ix, px_xdb *live, const char *fresh,
                              px_err *err)
{
    /* Xapian writes its version file by path: a handle must not outlive
    ** the rename of its directory. */
    px_xdb_close(ix->xdb);
    ix->xdb = NULL;
    px_status st = px_index_swap_dirs(fresh, ix->xapian_path, err);
    px_xdb_close(live);
    px_status reopened = px_xdb_open_write(ix->xapian_path, &ix->xdb, err);
    if (st == PX_OK && reopened == PX_ELOCKED)
        return px_err_set(err, PX_ELOCKED,
            "index %s was rebuilt, but another pressdex-index has started "
            "writing it since", ix->dir);
    return st != PX_OK ? st : reopened;
}

/* The rebuild happens beside the live database (xapian.new/), which is
** swapped in only once it is complete: searches meanwhile use the old
** database whole, and a rebuild that is interrupted leaves the old one
** serving (the next writer removes the half-built copy).  Building a new
** database rather than emptying the old one is also cheaper: nothing has
** to be deleted first. */
px_status px_index_reindex(px_index *ix, px_progress_cb cb, void *ctx,
                           px_err *err)
{
    return px_index_reshard(ix, 0, cb, ctx, err);
}

px_status px_index_reshard(px_index *ix, unsigned shards, px_progress_cb cb,
                           void *ctx, px_err *err)
{
    if (shards > PX_MAX_SHARDS)
        return px_err_set(err, PX_EINVAL, "%u shards: at most %d", shards,
                          PX_MAX_SHARDS);
    if (!ix->writable)
        return px_err_set(err, PX_EINVAL, "index %s is open read-only",
                          ix->dir);
    /* Nothing may stay pending in the old handle: closing it after the
    ** swap would commit into the directory then holding the new database. */
    px_status st = px_index_commit(ix, err);
    if (st == PX_OK) st = px_xdb_commit(ix->xdb, err);
    px_index_writer_stop(ix);   /* they write the live database */
    if (!shards)
        shards = px_xdb_nshards(ix->xdb);
    int64_t max_seq = 0;
    rebuild_ctx c = {ix, err, PX_OK, 0, 0, cb, ctx};
    if (st == PX_OK) st = px_store_max_seq(ix->store, &max_seq, err);
    if (st == PX_OK) st = px_store_count(ix->store, &c.total, err);
    if (st == PX_OK) st = px_index_compact_cleanup(ix, err);
    char *fresh = st == PX_OK ? px_path_join(ix->dir, PX_REINDEX_DIR) : NULL;
    if (st == PX_OK && !fresh)
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    px_xdb *live = ix->xdb, *built = NULL;
    if (st == PX_OK && (st = reindex_fresh(ix, fresh, shards, &built,
                                         err)) == PX_OK) {
        ix->xdb = built;     /* the pipeline now writes the new database */
        st = reindex_fill(ix, &c, max_seq, err);
        if (st == PX_OK) {
            built = NULL;    /* reindex_swap closes both handles */
            st = reindex_swap(ix, live, fresh, err);
        } else {
            ix->xdb = live;  /* the old database stays, as it was */
        }
    }
    if (st != PX_OK)
        px_xdb_close(built);
    /* The half-built copy, or after the swap the old database. */
    if (fresh) {
        px_status removed = px_index_remove_db_dir(fresh,
                                                   st == PX_OK ? err : NULL);
        if (st == PX_OK)
            st = removed;
    }
    free(fresh);
    return st;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                           */
/* ------------------------------------------------------------------ */

static uint64_t tree_bytes(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return 0;
    if (!S_ISDIR(sb.st_mode))
        return (uint64_t)sb.st_size;
    uint64_t total = 0;
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *child = px_path_join(path, e->d_name);
        if (child)
            total += tree_bytes(child);
        free(child);
    }
    if (d)
        closedir(d);
    return total;
}

uint64_t px_index_xapian_bytes(const px_index *ix)
{
    return tree_bytes(ix->xapian_path);
}

px_status px_index_stats(px_index *ix, px_stats *st, px_err *err)
{
    memset(st, 0, sizeof *st);
    if (!ix->store)
        return px_err_set(err, PX_EINVAL, "%s searches remote shards and "
                          "holds no articles: ask the index they came from",
                          ix->dir);
    px_status rc = px_index_drain(ix, err);
    int64_t synced = 0, max_seq = 0;
    if (rc == PX_OK) rc = px_store_stats(ix->store, st, err);
    if (rc == PX_OK) rc = px_index_get_synced(ix->xdb, &synced, err);
    if (rc == PX_OK) rc = px_store_max_seq(ix->store, &max_seq, err);
    if (rc == PX_OK && max_seq > synced)
        rc = px_store_count_changes(ix->store, synced, &st->pending, err);
    if (rc != PX_OK)
        return rc;
    static const char *const store_files[] = {
        PX_STORE_FILE, PX_STORE_FILE "-wal", PX_STORE_FILE "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char *p = px_path_join(ix->dir, store_files[i]);
        if (p)
            st->store_bytes += tree_bytes(p);
        free(p);
    }
    st->xapian_bytes = tree_bytes(ix->xapian_path);
    st->shards = px_index_shards(ix);
    snprintf(st->language, sizeof st->language, "%s", ix->language);
    return PX_OK;
}

void px_stats_free(px_stats *st)
{
    for (size_t i = 0; i < st->n_outlets; i++) {
        free(st->outlets[i].name);
        free(st->outlets[i].key);
    }
    free(st->outlets);
    st->outlets = NULL;
    st->n_outlets = 0;
}
