/*
** index_write.c — opening an index and keeping its two halves in step.
**
** The SQLite store is the source of truth; Xapian holds the terms and can
** always be rebuilt from it.  The two cannot share a transaction, so writes
** are ordered: an article goes into the store (inside a batched store
** transaction, which gives it the next change sequence number), its Xapian
** document is built at once and queued, and only after the store commit
** are the queued documents written to Xapian, whose metadata then records
** the highest store sequence it has applied (PX_META_SYNCED).  Xapian
** document ids are store row ids, so applying a change twice is harmless.
** A crash at any point therefore leaves Xapian at most behind the store,
** never ahead; opening for writing replays every change newer than the
** recorded sequence (reconcile) before doing anything else.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <time.h>

#include "index_internal.h"
#include "schema.h"

#define PX_DEFAULT_BATCH 1000
#define PX_STORE_FILE "articles.sqlite"
#define PX_XAPIAN_DIR "xapian"

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* mkdir -p, so that a fresh --db path just works. */
static px_status make_dirs(const char *dir, px_err *err)
{
    char *p = strdup(dir);
    if (!p)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                px_status st = px_err_set(err, PX_EIO,
                    "cannot create index directory %s: %s", p,
                    strerror(errno));
                free(p);
                return st;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    free(p);
    return PX_OK;
}

const char **px_languages(void)
{
    return px_xstem_languages();
}

const char *px_index_language(const px_index *ix)
{
    return ix->language;
}

void px_index_set_batch(px_index *ix, unsigned batch)
{
    ix->batch = batch ? batch : PX_DEFAULT_BATCH;
}

/* ------------------------------------------------------------------ */
/* Documents                                                            */
/* ------------------------------------------------------------------ */

/* Lower-cased copy (ASCII only: Xapian folds the rest itself when it
** tokenises; boolean terms only need a stable form). */
static char *ascii_lower(const char *s)
{
    char *d = strdup(s ? s : "");
    for (char *p = d; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return d;
}

/* Boolean terms longer than Xapian's limit (245 bytes) would make the
** whole document fail, so long values are cut at a UTF-8 boundary. */
static px_status add_boolean(px_xdoc *doc, const char *prefix,
                             const char *value, px_err *err)
{
    char term[240];
    size_t n = (size_t)snprintf(term, sizeof term, "%s%s", prefix, value);
    if (n >= sizeof term) {
        n = sizeof term - 1;
        while (n > 0 && ((unsigned char)term[n] & 0xC0) == 0x80)
            n--;
        term[n] = '\0';
    }
    return px_xdoc_add_term(doc, term, 0, err);
}

/* Indexes one text field after folding typographic punctuation, the same
** folding the query side applies. */
static px_status index_field(px_xtg *tg, const char *text, unsigned wdf,
                             const char *prefix, px_err *err)
{
    if (!text || !*text)
        return PX_OK;
    char *copy = strdup(text);
    if (!copy)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_text_fold_punct(copy);
    px_status st = px_xtg_index_text(tg, copy, strlen(copy), wdf, prefix, err);
    free(copy);
    return st;
}

static px_status add_date_terms(px_xdoc *doc, const px_article *a,
                                px_err *err)
{
    if (!a->date[0]) {
        px_status st = px_xdoc_add_term(doc, PX_PREFIX_UNDATED, 0, err);
        if (st == PX_OK)
            st = px_xdoc_set_value(doc, PX_SLOT_OLDEST, "~", 1, err);
        return st;
    }
    char ymd[9], ym[7], y[5], month[8];
    memcpy(ymd, a->date, 4);
    memcpy(ymd + 4, a->date + 5, 2);
    memcpy(ymd + 6, a->date + 8, 2);
    ymd[8] = '\0';
    memcpy(ym, ymd, 6);
    ym[6] = '\0';
    memcpy(y, ymd, 4);
    y[4] = '\0';
    memcpy(month, a->date, 7);
    month[7] = '\0';
    px_status st = add_boolean(doc, PX_PREFIX_YEAR, y, err);
    if (st == PX_OK) st = add_boolean(doc, PX_PREFIX_MONTH, ym, err);
    if (st == PX_OK) st = add_boolean(doc, PX_PREFIX_DAY, ymd, err);
    if (st == PX_OK) st = px_xdoc_set_value(doc, PX_SLOT_DATE, ymd, 8, err);
    if (st == PX_OK) st = px_xdoc_set_value(doc, PX_SLOT_OLDEST, ymd, 8, err);
    if (st == PX_OK) st = px_xdoc_set_value(doc, PX_SLOT_MONTH, month, 7, err);
    return st;
}

static px_status add_meta_terms(px_xdoc *doc, const px_article *a,
                                px_err *err)
{
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)a->docid);
    px_status st = add_boolean(doc, PX_PREFIX_ID, id, err);
    char *key = px_outlet_key(a->outlet ? a->outlet : "");
    if (!key)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (st == PX_OK && *key) {
        st = add_boolean(doc, PX_PREFIX_OUTLET, key, err);
        if (st == PX_OK)
            st = px_xdoc_set_value(doc, PX_SLOT_OUTLET, key, strlen(key),
                                   err);
    }
    free(key);
    if (st == PX_OK && a->author && *a->author) {
        char *lower = ascii_lower(a->author);
        if (!lower)
            return px_err_set(err, PX_ENOMEM, "out of memory");
        st = add_boolean(doc, PX_PREFIX_AUTHOR_EXACT, lower, err);
        free(lower);
    }
    if (st == PX_OK && a->cluster) {
        snprintf(id, sizeof id, "%lld", (long long)a->cluster);
        st = px_xdoc_set_value(doc, PX_SLOT_CLUSTER, id, strlen(id), err);
    }
    if (st == PX_OK)
        st = add_date_terms(doc, a, err);
    return st;
}

px_status px_index_build_doc(px_index *ix, const px_article *a, px_xdoc **out,
                             px_err *err)
{
    px_xdoc *doc = NULL;
    px_status st = px_xdoc_new(&doc, err);
    if (st != PX_OK)
        return st;
    st = px_xtg_set_document(ix->tg, doc, err);
    /* Title words count PX_TITLE_WDF times in the general field (the title
    ** boost) and once more under their own prefix for title: searches. */
    /* Spelling suggestions are built from titles only: headlines name the
    ** people, places and topics people search for, and adding every body
    ** word to the spelling table made indexing 1.6 times slower. */
    if (st == PX_OK) st = px_xtg_set_spelling(ix->tg, 1, err);
    if (st == PX_OK) st = index_field(ix->tg, a->title, PX_TITLE_WDF, "", err);
    if (st == PX_OK) st = px_xtg_set_spelling(ix->tg, 0, err);
    if (st == PX_OK) st = px_xtg_increase_termpos(ix->tg, PX_TITLE_GAP, err);
    if (st == PX_OK) st = index_field(ix->tg, a->body, 1, "", err);
    if (st == PX_OK) st = px_xtg_increase_termpos(ix->tg, PX_TITLE_GAP, err);
    if (st == PX_OK) st = index_field(ix->tg, a->title, 1, PX_PREFIX_TITLE, err);
    if (st == PX_OK) st = px_xtg_increase_termpos(ix->tg, PX_TITLE_GAP, err);
    if (st == PX_OK) st = index_field(ix->tg, a->author, 1, PX_PREFIX_AUTHOR, err);
    if (st == PX_OK) st = add_meta_terms(doc, a, err);
    if (st != PX_OK) {
        px_xdoc_free(doc);
        return st;
    }
    *out = doc;
    return PX_OK;
}

/* ------------------------------------------------------------------ */
/* Keeping Xapian in step with the store                                */
/* ------------------------------------------------------------------ */

static px_status set_synced(px_index *ix, int64_t seq, px_err *err)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)seq);
    return px_xdb_set_metadata(ix->xdb, PX_META_SYNCED, buf, err);
}

static px_status get_synced(px_xdb *xdb, int64_t *out, px_err *err)
{
    char *v = NULL;
    px_status st = px_xdb_get_metadata(xdb, PX_META_SYNCED, &v, err);
    if (st == PX_OK)
        *out = v && *v ? strtoll(v, NULL, 10) : 0;
    free(v);
    return st;
}

typedef struct {
    px_index *ix;
    px_err *err;
    px_status st;
    size_t applied;
} replay_ctx;

static int replay_one(void *vctx, const px_article *a, int64_t deleted,
                      int64_t seq)
{
    replay_ctx *c = vctx;
    (void)seq;
    if (!a) {
        c->st = px_xdb_delete(c->ix->xdb, (unsigned)deleted, c->err);
    } else {
        px_xdoc *doc = NULL;
        c->st = px_index_build_doc(c->ix, a, &doc, c->err);
        if (c->st == PX_OK)
            c->st = px_xdb_replace(c->ix->xdb, (unsigned)a->docid, doc, c->err);
        px_xdoc_free(doc);
    }
    c->applied++;
    return c->st != PX_OK;
}

/* Replays every store change newer than what Xapian has recorded.  After a
** clean run there is nothing to do; after a crash this finishes the work
** the crashed run had committed to the store. */
static px_status reconcile(px_index *ix, px_err *err)
{
    int64_t synced = 0, max_seq = 0;
    px_status st = get_synced(ix->xdb, &synced, err);
    if (st == PX_OK)
        st = px_store_max_seq(ix->store, &max_seq, err);
    if (st != PX_OK || synced >= max_seq)
        return st;
    replay_ctx c = {ix, err, PX_OK, 0};
    st = px_store_changes(ix->store, synced, replay_one, &c, NULL, err);
    if (st == PX_OK)
        st = c.st;
    if (st == PX_OK)
        st = set_synced(ix, max_seq, err);
    if (st == PX_OK)
        st = px_xdb_commit(ix->xdb, err);
    if (st == PX_OK && (st = px_store_begin(ix->store, err)) == PX_OK) {
        st = px_store_forget_tombstones(ix->store, max_seq, err);
        px_status st2 = px_store_commit(ix->store, err);
        if (st == PX_OK)
            st = st2;
    }
    return st;
}

static void clear_queue(px_index *ix)
{
    for (size_t i = 0; i < ix->n_queue; i++)
        px_xdoc_free(ix->queue[i].doc);
    ix->n_queue = 0;
}

static px_status enqueue(px_index *ix, int64_t docid, px_xdoc *doc,
                         px_err *err)
{
    if (ix->n_queue == ix->cap_queue) {
        size_t cap = ix->cap_queue ? ix->cap_queue * 2 : 256;
        px_pending_doc *q = realloc(ix->queue, cap * sizeof *q);
        if (!q) {
            px_xdoc_free(doc);
            return px_err_set(err, PX_ENOMEM, "out of memory");
        }
        ix->queue = q;
        ix->cap_queue = cap;
    }
    ix->queue[ix->n_queue].docid = docid;
    ix->queue[ix->n_queue].doc = doc;
    ix->n_queue++;
    return PX_OK;
}

px_status px_index_commit(px_index *ix, px_err *err)
{
    if (!ix->writable || !ix->in_txn)
        return PX_OK;
    px_status st = px_store_commit(ix->store, err);
    ix->in_txn = 0;
    if (st != PX_OK) {
        clear_queue(ix);
        return st;
    }
    /* The store now holds the batch durably; Xapian follows.  Should
    ** anything below fail, the next writer's reconcile redoes it. */
    int64_t max_seq = 0;
    for (size_t i = 0; st == PX_OK && i < ix->n_queue; i++) {
        px_pending_doc *p = &ix->queue[i];
        st = p->doc ? px_xdb_replace(ix->xdb, (unsigned)p->docid, p->doc, err)
                    : px_xdb_delete(ix->xdb, (unsigned)p->docid, err);
    }
    clear_queue(ix);
    if (st == PX_OK && !ix->stale) {
        st = px_store_max_seq(ix->store, &max_seq, err);
        if (st == PX_OK)
            st = set_synced(ix, max_seq, err);
    }
    if (st == PX_OK) st = px_xdb_commit(ix->xdb, err);
    return st;
}

static px_status ensure_txn(px_index *ix, px_err *err)
{
    if (ix->in_txn)
        return PX_OK;
    px_status st = px_store_begin(ix->store, err);
    if (st == PX_OK)
        ix->in_txn = 1;
    return st;
}

/* The content hash covers everything that ends up in the index, so that a
** changed title or date counts as a change, not only a changed body. */
static void article_hash(const px_article *a, char out[17])
{
    const char *parts[] = {a->url, a->outlet, a->date,
                           px_date_source_name(a->date_source), a->title,
                           a->author, a->body};
    size_t total = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        total += (parts[i] ? strlen(parts[i]) : 0) + 1;
    char *buf = malloc(total ? total : 1), *p = buf;
    if (!buf) {
        px_hash_hex(a->body, strlen(a->body), out);
        return;
    }
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        size_t n = parts[i] ? strlen(parts[i]) : 0;
        memcpy(p, parts[i] ? parts[i] : "", n);
        p[n] = '\x1f';
        p += n + 1;
    }
    px_hash_hex(buf, total, out);
    free(buf);
}

px_status px_index_add(px_index *ix, px_article *a, px_add_result *result,
                       px_err *err)
{
    if (!ix->writable)
        return px_err_set(err, PX_EINVAL, "index %s is open read-only",
                          ix->dir);
    if (!a->ext_id || !a->source || !a->body)
        return px_err_set(err, PX_EINVAL,
                          "article needs an id, a source and a body");
    char old_hash[17] = "";
    int64_t docid = 0;
    article_hash(a, a->hash);
    px_status st = ensure_txn(ix, err);
    if (st == PX_OK)
        st = px_store_find(ix->store, a->ext_id, &docid, old_hash, err);
    if (st != PX_OK)
        return st;
    if (docid && strcmp(old_hash, a->hash) == 0) {
        a->docid = docid;
        *result = PX_ADD_UNCHANGED;
        return PX_OK;
    }
    a->docid = docid;
    st = px_store_put(ix->store, a, err);
    if (st == PX_OK)
        st = px_store_set_cluster(ix->store, a, a->body, err);
    if (st != PX_OK)
        return st;
    px_xdoc *doc = NULL;
    st = px_index_build_doc(ix, a, &doc, err);
    if (st == PX_OK)
        st = enqueue(ix, a->docid, doc, err);
    if (st != PX_OK) {
        ix->stale = 1;
        return st;
    }
    *result = docid ? PX_ADD_UPDATED : PX_ADD_NEW;
    if (ix->n_queue >= ix->batch)
        return px_index_commit(ix, err);
    return PX_OK;
}

px_status px_index_delete(px_index *ix, int64_t docid, px_err *err)
{
    if (!ix->writable)
        return px_err_set(err, PX_EINVAL, "index %s is open read-only",
                          ix->dir);
    px_status st = ensure_txn(ix, err);
    if (st == PX_OK) st = px_store_delete(ix->store, docid, err);
    if (st == PX_OK && enqueue(ix, docid, NULL, err) != PX_OK) {
        ix->stale = 1;
        return PX_ENOMEM;
    }
    if (st == PX_OK && ix->n_queue >= ix->batch)
        st = px_index_commit(ix, err);
    return st;
}

px_status px_index_cluster(px_index *ix, int64_t cluster, px_article ***out,
                           size_t *n, px_err *err)
{
    return px_store_cluster_members(ix->store, cluster, out, n, err);
}

px_status px_index_get(px_index *ix, int64_t docid, px_article **out,
                       px_err *err)
{
    return px_store_get(ix->store, docid, 1, out, err);
}

/* ------------------------------------------------------------------ */
/* Opening and closing                                                  */
/* ------------------------------------------------------------------ */

static void index_free(px_index *ix)
{
    clear_queue(ix);
    free(ix->queue);
    px_xtg_free(ix->tg);
    px_xdb_close(ix->xdb);
    px_store_close(ix->store);
    free(ix->dir);
    free(ix->xapian_path);
    free(ix);
}

/* The language lives in the store (the source of truth); a new index takes
** the one asked for, an existing one keeps its own. */
static px_status settle_language(px_index *ix, const char *wanted,
                                 px_err *err)
{
    char *have = NULL;
    px_status st = px_store_meta_get(ix->store, "language", &have, err);
    if (st != PX_OK)
        return st;
    if (have && wanted && strcmp(have, wanted) != 0) {
        st = px_err_set(err, PX_EINVAL,
            "index %s was built for %s, not %s; the language of an index "
            "cannot change (build a new index with --language %s)",
            ix->dir, have, wanted, wanted);
    } else if (!have && !ix->writable) {
        st = px_err_set(err, PX_ECORRUPT,
                        "%s is not a pressdex index (no language recorded)",
                        ix->dir);
    } else if (!have) {
        const char *lang = wanted ? wanted : "english";
        if (!px_xstem_valid(lang))
            st = px_err_set(err, PX_EINVAL,
                "unknown language '%s' (pressdex-index languages lists them)",
                lang);
        else if ((st = px_store_begin(ix->store, err)) == PX_OK) {
            st = px_store_meta_set(ix->store, "language", lang, err);
            px_status st2 = px_store_commit(ix->store, err);
            if (st == PX_OK)
                st = st2;
        }
        snprintf(ix->language, sizeof ix->language, "%s", lang);
    } else {
        snprintf(ix->language, sizeof ix->language, "%s", have);
    }
    free(have);
    return st;
}

static px_status open_writer(px_index *ix, const char *language, px_err *err)
{
    px_status st = make_dirs(ix->dir, err);
    /* Xapian's lock is the index's single-writer lock: take it first. */
    if (st == PX_OK) st = px_xdb_open_write(ix->xapian_path, &ix->xdb, err);
    if (st == PX_ELOCKED)
        return px_err_set(err, PX_ELOCKED,
            "index %s is being written by another pressdex-index; wait for "
            "it to finish", ix->dir);
    char *spath = path_join(ix->dir, PX_STORE_FILE);
    if (!spath)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (st == PX_OK) st = px_store_open(spath, 1, &ix->store, err);
    free(spath);
    if (st == PX_OK) st = settle_language(ix, language, err);
    if (st == PX_OK) st = px_xtg_new(ix->language, &ix->tg, err);
    if (st == PX_OK) st = px_xtg_set_spelling_db(ix->tg, ix->xdb, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(ix->xdb, PX_META_LANGUAGE, ix->language, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(ix->xdb, PX_META_SCHEMA, PX_SCHEMA_VERSION,
                                 err);
    if (st == PX_OK) st = reconcile(ix, err);
    return st;
}

static px_status open_reader(px_index *ix, px_err *err)
{
    char *spath = path_join(ix->dir, PX_STORE_FILE);
    if (!spath)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    struct stat sb;
    px_status st = PX_OK;
    if (stat(spath, &sb) != 0)
        st = px_err_set(err, PX_ENOTFOUND,
            "no index at %s (create one with: pressdex-index --db %s add "
            "PATH...)", ix->dir, ix->dir);
    if (st == PX_OK) st = px_store_open(spath, 0, &ix->store, err);
    free(spath);
    if (st == PX_OK) st = settle_language(ix, NULL, err);
    if (st == PX_OK &&
        px_xdb_open_read(ix->xapian_path, &ix->xdb, err) != PX_OK)
        st = px_err_set(err, PX_ECORRUPT,
            "index %s has no Xapian part; rebuild it with: pressdex-index "
            "--db %s reindex", ix->dir, ix->dir);
    return st;
}

px_status px_index_open(const char *dir, int mode, const char *language,
                        px_index **out, px_err *err)
{
    px_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    ix->dir = strdup(dir);
    ix->xapian_path = path_join(dir, PX_XAPIAN_DIR);
    ix->writable = mode == PX_OPEN_WRITE;
    ix->batch = PX_DEFAULT_BATCH;
    px_status st = ix->dir && ix->xapian_path
                       ? PX_OK
                       : px_err_set(err, PX_ENOMEM, "out of memory");
    if (st == PX_OK)
        st = ix->writable ? open_writer(ix, language, err)
                          : open_reader(ix, err);
    if (st != PX_OK) {
        if (ix->in_txn)
            px_store_rollback(ix->store, NULL);
        index_free(ix);
        return st;
    }
    *out = ix;
    return PX_OK;
}

px_status px_index_close(px_index *ix, px_err *err)
{
    if (!ix)
        return PX_OK;
    px_status st = px_index_commit(ix, err);
    index_free(ix);
    return st;
}

/* ------------------------------------------------------------------ */
/* Prune and reindex                                                    */
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
    c->st = px_index_build_doc(c->ix, a, &doc, c->err);
    if (c->st == PX_OK)
        c->st = px_xdb_replace(c->ix->xdb, (unsigned)a->docid, doc, c->err);
    px_xdoc_free(doc);
    c->done++;
    if (c->st == PX_OK && c->done % c->ix->batch == 0)
        c->st = px_xdb_commit(c->ix->xdb, c->err);
    if (c->cb && (c->done % 256 == 0 || c->done == c->total))
        c->cb(c->ctx, c->done, c->total);
    return c->st != PX_OK;
}

px_status px_index_reindex(px_index *ix, px_progress_cb cb, void *ctx,
                           px_err *err)
{
    if (!ix->writable)
        return px_err_set(err, PX_EINVAL, "index %s is open read-only",
                          ix->dir);
    px_status st = px_index_commit(ix, err);
    int64_t max_seq = 0;
    rebuild_ctx c = {ix, err, PX_OK, 0, 0, cb, ctx};
    if (st == PX_OK) st = px_store_max_seq(ix->store, &max_seq, err);
    if (st == PX_OK) st = px_store_count(ix->store, &c.total, err);
    if (st != PX_OK)
        return st;
    /* Start from an empty Xapian database; until the final commit records
    ** the synced sequence, an interruption leaves it at 0 so that the next
    ** writer rebuilds everything again. */
    px_xdb_close(ix->xdb);
    ix->xdb = NULL;
    st = px_xdb_overwrite(ix->xapian_path, &ix->xdb, err);
    if (st == PX_OK) st = px_xtg_set_spelling_db(ix->tg, ix->xdb, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(ix->xdb, PX_META_LANGUAGE, ix->language, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(ix->xdb, PX_META_SCHEMA, PX_SCHEMA_VERSION,
                                 err);
    if (st == PX_OK) st = px_store_foreach(ix->store, 1, rebuild_one, &c, err);
    if (st == PX_OK) st = c.st;
    if (st == PX_OK) st = set_synced(ix, max_seq, err);
    if (st == PX_OK) st = px_xdb_commit(ix->xdb, err);
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
        char *child = path_join(path, e->d_name);
        if (child)
            total += tree_bytes(child);
        free(child);
    }
    if (d)
        closedir(d);
    return total;
}

px_status px_index_stats(px_index *ix, px_stats *st, px_err *err)
{
    memset(st, 0, sizeof *st);
    px_status rc = px_store_stats(ix->store, st, err);
    int64_t synced = 0, max_seq = 0;
    if (rc == PX_OK) rc = get_synced(ix->xdb, &synced, err);
    if (rc == PX_OK) rc = px_store_max_seq(ix->store, &max_seq, err);
    if (rc == PX_OK && max_seq > synced)
        rc = px_store_count_changes(ix->store, synced, &st->pending, err);
    if (rc != PX_OK)
        return rc;
    static const char *const store_files[] = {
        PX_STORE_FILE, PX_STORE_FILE "-wal", PX_STORE_FILE "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char *p = path_join(ix->dir, store_files[i]);
        if (p)
            st->store_bytes += tree_bytes(p);
        free(p);
    }
    st->xapian_bytes = tree_bytes(ix->xapian_path);
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
