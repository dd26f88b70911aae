/*
** index_pipeline.c — the Xapian side of writing, on a thread of its own.
**
** Indexing an article has two halves of similar cost: reading it, storing
** it in SQLite and turning its text into terms (the caller's thread), and
** merging those terms into Xapian's posting, position and term lists and
** committing them (Xapian's writer).  They overlap: while the caller
** stores and tokenises batch k+1, this module's thread applies batch k.
**
** The ordering that makes crashes harmless is kept: a batch is handed
** over only after the store transaction holding its articles committed,
** batches are applied in the order they were handed over, and the synced
** mark a batch carries is written in the same Xapian commit as its
** documents.  So Xapian is never ahead of the store, and a run killed at
** any moment leaves at most the batches in flight for reconcile to redo.
**
** Xapian objects are not shared: the WritableDatabase is used by the
** writer thread while it applies a batch and by the caller only after
** px_index_drain() (or before the thread exists); documents move from the
** caller to the writer whole, with no reference left behind
** (px_xtg_detach), and so do the spelling words of each title, found by
** the caller's thread (px_xtg_spelling_words).  The hand-over is a single slot
** under a mutex: the caller waits while the writer is busy, so at most two
** batches (one being built, one being applied) are in memory.
*/
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "index_internal.h"

struct px_writer {
    px_index *ix;
    px_xdb *db;             /* the database or shard it writes */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    px_batch slot;          /* handed over, not yet taken */
    int full;               /* slot holds a batch */
    px_batch done;          /* applied, for the caller to free: memory goes
                               back to the thread that allocated it, which
                               is cheaper, and off the busier thread */
    int busy;               /* the thread is applying a batch */
    int quit;
    px_status st;           /* first failure, kept */
    px_err err;
};

static void batch_clear(px_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        px_xdoc_free(b->docs[i].doc);
        free(b->docs[i].spell);
        free(b->docs[i].meta);
    }
    b->n = 0;
    b->text_bytes = 0;
}

static void batch_free(px_batch *b)
{
    batch_clear(b);
    free(b->docs);
    memset(b, 0, sizeof *b);
}

px_status px_index_enqueue(px_index *ix, int64_t docid, px_xdoc *doc,
                           char *spell, char *meta, size_t bytes,
                           px_err *err)
{
    px_batch *q = &ix->queue;
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 256;
        px_pending_doc *d = realloc(q->docs, cap * sizeof *d);
        if (!d) {
            px_xdoc_free(doc);
            free(spell);
            free(meta);
            return px_err_set(err, PX_ENOMEM, "out of memory");
        }
        q->docs = d;
        q->cap = cap;
    }
    q->docs[q->n].docid = docid;
    q->docs[q->n].doc = doc;
    q->docs[q->n].spell = spell;
    q->docs[q->n].meta = meta;
    q->n++;
    q->text_bytes += bytes;
    return PX_OK;
}

void px_index_queue_clear(px_index *ix)
{
    batch_clear(&ix->queue);
}

int px_index_queue_full(const px_index *ix)
{
    return ix->queue.n >= ix->batch || ix->queue.text_bytes >= ix->batch_bytes;
}

/* Applies and commits one batch to db (the database or one shard); runs
** on a writer thread, or on the caller's when there is none. */
static px_status batch_apply(px_index *ix, px_xdb *db, px_batch *b,
                             px_err *err)
{
    px_status st = PX_OK;
    for (size_t i = 0; st == PX_OK && i < b->n; i++) {
        px_pending_doc *p = &b->docs[i];
        if (p->spell)
            st = px_xdb_add_spellings(db, p->spell, err);
        if (st == PX_OK && p->meta)
            st = px_xdb_set_metadata(db, p->meta,
                                     p->meta + strlen(p->meta) + 1, err);
        if (st == PX_OK && p->docid)  /* 0: spelling data alone */
            st = p->doc ? px_xdb_replace(db, (unsigned)p->docid, p->doc, err)
                        : px_xdb_delete(db, (unsigned)p->docid, err);
    }
    if (st == PX_OK && b->synced >= 0)
        st = px_index_set_synced(db, b->synced, err);
    if (st == PX_OK)
        st = px_xdb_commit(db, err);
    return px_index_write_failed(ix->dir, st, err);
}

static void *writer_main(void *arg)
{
    px_writer *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->full && !w->quit)
            pthread_cond_wait(&w->cv, &w->mu);
        if (!w->full)
            break;
        px_batch b = w->slot;
        memset(&w->slot, 0, sizeof w->slot);
        w->full = 0;
        w->busy = 1;
        px_status failed = w->st;
        pthread_mutex_unlock(&w->mu);
        px_err err = {""};
        /* After a failure nothing more is applied: the synced mark must
        ** not pass a batch that is missing. */
        px_status st = failed == PX_OK ? batch_apply(w->ix, w->db, &b, &err)
                                       : failed;
        pthread_mutex_lock(&w->mu);
        if (w->done.docs) {       /* not collected yet: free it here */
            pthread_mutex_unlock(&w->mu);
            batch_free(&b);
            pthread_mutex_lock(&w->mu);
        } else {
            w->done = b;
        }
        if (w->st == PX_OK && st != PX_OK) {
            w->st = st;
            w->err = err;
        }
        w->busy = 0;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* Starts the writer thread; NULL when threads are unavailable, in which
** case batches are applied on the caller's thread. */
static px_writer *writer_start(px_index *ix, px_xdb *db)
{
    px_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ix = ix;
    w->db = db;
    if (pthread_mutex_init(&w->mu, NULL) != 0) {
        free(w);
        return NULL;
    }
    if (pthread_cond_init(&w->cv, NULL) != 0) {
        pthread_mutex_destroy(&w->mu);
        free(w);
        return NULL;
    }
    /* Signals (Ctrl-C asking for a clean stop) are for the caller's
    ** thread, which checks for them between articles. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&w->thread, NULL, writer_main, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        free(w);
        return NULL;
    }
    return w;
}

/* Waits, holding w->mu, until the writer has no batch in hand; takes the
** batch it last applied (for the caller to free after unlocking) and
** returns its first failure, copied into err. */
static px_status writer_idle(px_writer *w, px_batch *done, px_err *err)
{
    while (w->full || w->busy)
        pthread_cond_wait(&w->cv, &w->mu);
    *done = w->done;
    memset(&w->done, 0, sizeof w->done);
    if (w->st != PX_OK && err)
        *err = w->err;
    return w->st;
}

/* Hands batch b to writer w (taking its array), waiting while w is busy;
** on a failure of an earlier batch b is left to the caller. */
static px_status writer_hand(px_writer *w, px_batch *b, px_err *err)
{
    pthread_mutex_lock(&w->mu);
    px_batch done;
    px_status st = writer_idle(w, &done, err);
    if (st == PX_OK) {
        w->slot = *b;
        w->full = 1;
        memset(b, 0, sizeof *b);
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    batch_free(&done);
    return st;
}

static px_status part_push(px_batch *p, px_pending_doc d, px_err *err)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        px_pending_doc *a = realloc(p->docs, cap * sizeof *a);
        if (!a)
            return px_err_set(err, PX_ENOMEM, "out of memory");
        p->docs = a;
        p->cap = cap;
    }
    p->docs[p->n++] = d;
    return PX_OK;
}

/* Moves each change of q to the part of its shard, and its spelling words
** and metadata to parts[n] (the spelling database's); parts get q's
** mark. */
static px_status batch_split(px_batch *q, px_batch *parts, unsigned n,
                             px_err *err)
{
    for (unsigned k = 0; k <= n; k++)
        parts[k].synced = q->synced;
    for (size_t i = 0; i < q->n; i++) {
        px_pending_doc d = q->docs[i], words = {0, NULL, d.spell, d.meta};
        memset(&q->docs[i], 0, sizeof q->docs[i]);   /* moved */
        d.spell = d.meta = NULL;
        px_status st = part_push(&parts[(d.docid - 1) % n], d, err);
        if (st != PX_OK)
            px_xdoc_free(d.doc);
        if (st == PX_OK && (words.spell || words.meta))
            st = part_push(&parts[n], words, err);
        if (st != PX_OK) {
            free(words.spell);
            free(words.meta);
            return st;
        }
    }
    q->n = 0;
    q->text_bytes = 0;
    return PX_OK;
}

px_status px_index_submit(px_index *ix, int64_t synced, px_err *err)
{
    ix->queue.synced = synced;
    unsigned n = px_xdb_nparts(ix->xdb);
    for (unsigned k = 0; k < n && !ix->writers[k]; k++)
        ix->writers[k] = writer_start(ix, px_xdb_shard(ix->xdb, k));
    /* Without threads (or not all of them), each part is applied here,
    ** in turn, once any thread that started is idle. */
    int threads = ix->writers[n - 1] != NULL;
    px_status st = threads ? PX_OK : px_index_drain(ix, err);
    if (n == 1) {
        if (st == PX_OK)
            st = threads ? writer_hand(ix->writers[0], &ix->queue, err)
                         : batch_apply(ix, ix->xdb, &ix->queue, err);
        batch_clear(&ix->queue);
        return st;
    }
    px_batch parts[PX_MAX_SHARDS + 1];
    memset(parts, 0, n * sizeof parts[0]);
    if (st == PX_OK)
        st = batch_split(&ix->queue, parts, n - 1, err);
    for (unsigned k = 0; st == PX_OK && k < n; k++)
        st = threads ? writer_hand(ix->writers[k], &parts[k], err)
                     : batch_apply(ix, px_xdb_shard(ix->xdb, k), &parts[k],
                                   err);
    for (unsigned k = 0; k < n; k++)
        batch_free(&parts[k]);
    batch_clear(&ix->queue);
    return st;
}

px_status px_index_drain(px_index *ix, px_err *err)
{
    px_status first = PX_OK;
    for (unsigned k = 0; k <= PX_MAX_SHARDS && ix->writers[k]; k++) {
        px_writer *w = ix->writers[k];
        pthread_mutex_lock(&w->mu);
        px_batch done;
        px_status st = writer_idle(w, &done, first == PX_OK ? err : NULL);
        pthread_mutex_unlock(&w->mu);
        batch_free(&done);
        if (first == PX_OK)
            first = st;
    }
    return first;
}

void px_index_writer_stop(px_index *ix)
{
    for (unsigned k = 0; k <= PX_MAX_SHARDS && ix->writers[k]; k++) {
        px_writer *w = ix->writers[k];
        pthread_mutex_lock(&w->mu);
        w->quit = 1;
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
        batch_free(&w->slot);
        batch_free(&w->done);
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        free(w);
        ix->writers[k] = NULL;
    }
    batch_free(&ix->queue);
}
