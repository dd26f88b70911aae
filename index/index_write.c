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
** recorded sequence (reconcile) before doing anything else.  Applying the
** queued documents to Xapian happens on a thread of its own
** (index_pipeline.c), overlapping with the next batch.
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
/* Also a batch ends at this much article text: Xapian's buffers for a
** batch take about fifty times the text they index, so long articles
** would otherwise make memory grow with their length. */
#define PX_DEFAULT_BATCH_BYTES (4u << 20)

char *px_path_join(const char *dir, const char *name)
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

void px_index_set_batch_bytes(px_index *ix, size_t bytes)
{
    ix->batch_bytes = bytes ? bytes : PX_DEFAULT_BATCH_BYTES;
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

/* A copy of the text with typographic punctuation folded, the folding the
** query side applies too; *out is NULL when there is no text. */
static px_status fold_copy(const char *text, char **out, px_err *err)
{
    *out = NULL;
    if (!text || !*text)
        return PX_OK;
    if (!(*out = strdup(text)))
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_text_fold_punct(*out);
    return PX_OK;
}

static px_status index_field(px_xtg *tg, const char *text, unsigned wdf,
                             const char *prefix, px_err *err)
{
    if (!text)
        return PX_OK;
    return px_xtg_index_text(tg, text, strlen(text), wdf, prefix, err);
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
        st = px_index_date_terms(doc, a, err);
    return st;
}

/* Runs the term generator over the (folded) fields of an article. */
static px_status index_fields(px_xtg *tg, const char *title, const char *body,
                              const char *author, px_err *err)
{
    /* Title words count PX_TITLE_WDF times in the general field (the title
    ** boost) and once more under their own prefix for title: searches. */
    px_status st = index_field(tg, title, PX_TITLE_WDF, "", err);
    if (st == PX_OK) st = px_xtg_increase_termpos(tg, PX_TITLE_GAP, err);
    if (st == PX_OK) st = index_field(tg, body, 1, "", err);
    if (st == PX_OK) st = px_xtg_increase_termpos(tg, PX_TITLE_GAP, err);
    if (st == PX_OK) st = index_field(tg, title, 1, PX_PREFIX_TITLE, err);
    if (st == PX_OK) st = px_xtg_increase_termpos(tg, PX_TITLE_GAP, err);
    if (st == PX_OK) st = index_field(tg, author, 1, PX_PREFIX_AUTHOR, err);
    return st;
}

/* Possessives: "Court's" (and "Court’s", folded to ') is one term to the
** tokenizer, so the phrase "Supreme Court" would miss "Supreme Court's".
** Each positional term ending in 's therefore gets its base ("court",
** "Scourt") added at the same positions: phrases and quotes without the
** possessive find it, while a phrase or quoted word with it ("Court's")
** still asks for the possessive term.  Stems need nothing: the Snowball
** stemmer already drops the 's.  (docs/stemming.md has the disk cost.) */
typedef struct {
    char *base;
    unsigned *pos;
    size_t n;
} possessive;

typedef struct {
    possessive *p;
    size_t n, cap;
    int oom;
} possessives;

static int collect_possessive(void *ctx, const char *term, const unsigned *pos,
                              size_t n)
{
    possessives *ps = ctx;
    size_t len = strlen(term);
    if (n == 0 || len < 3 || strcmp(term + len - 2, "'s") != 0 ||
        term[len - 3] == '\'')
        return 0;
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 16;
        possessive *more = realloc(ps->p, cap * sizeof *more);
        if (!more)
            return ps->oom = 1;
        ps->p = more;
        ps->cap = cap;
    }
    possessive *p = &ps->p[ps->n];
    p->base = strndup(term, len - 2);
    p->pos = malloc(n * sizeof *pos);
    if (!p->base || !p->pos) {
        free(p->base);
        free(p->pos);
        return ps->oom = 1;
    }
    memcpy(p->pos, pos, n * sizeof *pos);
    p->n = n;
    ps->n++;
    return 0;
}

static px_status add_possessive_bases(px_xdoc *doc, px_err *err)
{
    possessives ps = {0};
    /* Collected first: the document cannot change while it is walked. */
    px_status st = px_xdoc_terms(doc, collect_possessive, &ps, err);
    if (st == PX_OK && ps.oom)
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    for (size_t i = 0; i < ps.n; i++) {
        for (size_t k = 0; st == PX_OK && k < ps.p[i].n; k++)
            st = px_xdoc_add_posting(doc, ps.p[i].base, ps.p[i].pos[k], 1,
                                     err);
        free(ps.p[i].base);
        free(ps.p[i].pos);
    }
    free(ps.p);
    return st;
}

/* A sharded index's documents carry their article, and the spelling
** database the display name of its outlet as it stands now (the most
** frequent spelling, which the store has just counted). */
static px_status shard_extras(px_index *ix, const px_article *a,
                              px_xdoc *doc, char **meta, px_err *err)
{
    *meta = NULL;
    if (px_xdb_nshards(ix->xdb) < 2)
        return PX_OK;
    px_status st = px_docdata_add(doc, a, err);
    char *key = st == PX_OK ? px_outlet_key(a->outlet ? a->outlet : "") : NULL;
    char *name = NULL;
    if (st == PX_OK && !key)
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    if (st == PX_OK && *key)
        st = px_store_outlet_name(ix->store, key, &name, err);
    if (st == PX_OK && name) {
        size_t kn = strlen(PX_META_OUTLET) + strlen(key), vn = strlen(name);
        *meta = malloc(kn + vn + 2);
        if (!*meta) {
            st = px_err_set(err, PX_ENOMEM, "out of memory");
        } else {
            snprintf(*meta, kn + 1, "%s%s", PX_META_OUTLET, key);
            memcpy(*meta + kn + 1, name, vn + 1);
        }
    }
    free(key);
    free(name);
    return st;
}

px_status px_index_build_doc(px_index *ix, const px_article *a, px_xdoc **out,
                             char **spell, char **meta, px_err *err)
{
    char *title = NULL, *body = NULL, *author = NULL;
    px_xdoc *doc = NULL;
    *meta = NULL;
    px_status st = fold_copy(a->title, &title, err);
    if (st == PX_OK) st = fold_copy(a->body, &body, err);
    if (st == PX_OK) st = fold_copy(a->author, &author, err);
    if (st == PX_OK) st = px_xdoc_new(&doc, err);
    if (st == PX_OK) st = px_xtg_set_document(ix->tg, doc, err);
    if (st == PX_OK) st = index_fields(ix->tg, title, body, author, err);
    if (st == PX_OK) st = add_possessive_bases(doc, err);
    if (st == PX_OK) st = add_meta_terms(doc, a, err);
    if (st == PX_OK) st = shard_extras(ix, a, doc, meta, err);
    /* The document may go to the writer thread: no reference stays. */
    px_status detached = px_xtg_detach(ix->tg, st == PX_OK ? err : NULL);
    if (st == PX_OK)
        st = detached;
    /* Spelling suggestions are built from titles only: headlines name the
    ** people, places and topics people search for, and adding every body
    ** word to the spelling table made indexing 1.6 times slower.  The
    ** words are added to the table where the document is applied
    ** (index_pipeline.c), since the table belongs to the Xapian writer. */
    *spell = NULL;
    if (st == PX_OK && title)
        st = px_xtg_spelling_words(ix->speller, title, strlen(title), spell,
                                   err);
    free(title);
    free(body);
    free(author);
    if (st != PX_OK) {
        px_xdoc_free(doc);
        free(*meta);
        *meta = NULL;
        return st;
    }
    *out = doc;
    return PX_OK;
}

/* ------------------------------------------------------------------ */
/* Keeping Xapian in step with the store                                */
/* ------------------------------------------------------------------ */

px_status px_index_set_synced(px_xdb *db, int64_t seq, px_err *err)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)seq);
    return px_xdb_set_metadata(db, PX_META_SYNCED, buf, err);
}

px_status px_index_get_synced(px_xdb *xdb, int64_t *out, px_err *err)
{
    px_status st = PX_OK;
    *out = INT64_MAX;
    for (unsigned k = 0; st == PX_OK && k < px_xdb_nparts(xdb); k++) {
        char *v = NULL;
        st = px_xdb_get_metadata(px_xdb_shard(xdb, k), PX_META_SYNCED, &v,
                                 err);
        int64_t mark = v && *v ? strtoll(v, NULL, 10) : 0;
        if (st == PX_OK && mark < *out)
            *out = mark;
        free(v);
    }
    if (st != PX_OK)
        *out = 0;
    return st;
}

/* Article text behind a document, for the batch limit. */
static size_t text_bytes(const px_article *a)
{
    return (a->body ? strlen(a->body) : 0) + (a->title ? strlen(a->title) : 0);
}

typedef struct {
    px_index *ix;
    px_err *err;
    px_status st;
} replay_ctx;

static int replay_one(void *vctx, const px_article *a, int64_t deleted,
                      int64_t seq)
{
    replay_ctx *c = vctx;
    px_xdoc *doc = NULL;
    char *spell = NULL, *meta = NULL;
    (void)seq;
    if (a)
        c->st = px_index_build_doc(c->ix, a, &doc, &spell, &meta, c->err);
    if (c->st == PX_OK)
        c->st = px_index_enqueue(c->ix, a ? a->docid : deleted, doc, spell,
                                 meta, a ? text_bytes(a) : 0, c->err);
    /* Only the last batch records the synced mark. */
    if (c->st == PX_OK && px_index_queue_full(c->ix))
        c->st = px_index_submit(c->ix, -1, c->err);
    return c->st != PX_OK;
}

/* Replays every store change newer than what Xapian has recorded.  After a
** clean run there is nothing to do; after a crash this finishes the work
** the crashed run had committed to the store. */
static px_status reconcile(px_index *ix, px_err *err)
{
    int64_t synced = 0, max_seq = 0;
    px_status st = px_index_get_synced(ix->xdb, &synced, err);
    if (st == PX_OK)
        st = px_store_max_seq(ix->store, &max_seq, err);
    if (st != PX_OK || synced >= max_seq)
        return st;
    replay_ctx c = {ix, err, PX_OK};
    st = px_store_changes(ix->store, synced, replay_one, &c, NULL, err);
    if (st == PX_OK)
        st = c.st;
    if (st == PX_OK)
        st = px_index_submit(ix, max_seq, err);
    px_status drained = px_index_drain(ix, st == PX_OK ? err : NULL);
    if (st == PX_OK)
        st = drained;
    if (st == PX_OK && (st = px_store_begin(ix->store, err)) == PX_OK) {
        st = px_store_forget_tombstones(ix->store, max_seq, err);
        px_status st2 = px_store_commit(ix->store, err);
        if (st == PX_OK)
            st = st2;
    }
    return st;
}

/* Commits the open store transaction and hands its changes to the Xapian
** writer without waiting for them to be applied. */
static px_status commit_async(px_index *ix, px_err *err)
{
    if (!ix->in_txn)
        return PX_OK;
    px_status st = px_store_commit(ix->store, err);
    ix->in_txn = 0;
    /* The store now holds the batch durably; Xapian follows.  Should
    ** anything fail there, the next writer's reconcile redoes it. */
    int64_t max_seq = -1;
    if (st == PX_OK && !ix->stale)
        st = px_store_max_seq(ix->store, &max_seq, err);
    if (st != PX_OK) {
        px_index_queue_clear(ix);
        return st;
    }
    return px_index_submit(ix, max_seq, err);
}

px_status px_index_commit(px_index *ix, px_err *err)
{
    if (!ix->writable)
        return PX_OK;
    px_status st = commit_async(ix, err);
    px_status drained = px_index_drain(ix, st == PX_OK ? err : NULL);
    return st != PX_OK ? st : drained;
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
** changed title or date counts as a change, not only a changed body.  A
** day precision adds nothing, so articles hashed before precisions
** existed still count as unchanged; a month or year joins the date. */
static void article_hash(const px_article *a, char out[17])
{
    char date[24];
    snprintf(date, sizeof date, "%s%s%s", a->date,
             a->date_precision == PX_PREC_DAY ? "" : "/",
             a->date_precision == PX_PREC_DAY
                 ? "" : px_date_precision_name(a->date_precision));
    const char *parts[] = {a->url, a->outlet, date,
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
    /* Xapian takes some fifty times an article's text while it indexes
    ** it: one larger than a whole batch may hold would break the memory
    ** bound the batch size sets. */
    if (text_bytes(a) > ix->batch_bytes)
        return px_err_set(err, PX_EINVAL,
            "%.1f MB of text, more than the %.1f MB an article may have "
            "within the memory allowed (add --memory)",
            text_bytes(a) / 1048576.0, ix->batch_bytes / 1048576.0);
    char old_hash[17] = "";
    int64_t docid = 0;
    px_status st = px_index_date_normalize(a, err);
    if (st != PX_OK)
        return st;
    article_hash(a, a->hash);
    st = ensure_txn(ix, err);
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
    char *spell = NULL, *meta = NULL;
    st = px_index_build_doc(ix, a, &doc, &spell, &meta, err);
    if (st == PX_OK)
        st = px_index_enqueue(ix, a->docid, doc, spell, meta, text_bytes(a),
                              err);
    if (st != PX_OK) {
        ix->stale = 1;
        return st;
    }
    *result = docid ? PX_ADD_UPDATED : PX_ADD_NEW;
    if (px_index_queue_full(ix))
        return commit_async(ix, err);
    return PX_OK;
}

px_status px_index_delete(px_index *ix, int64_t docid, px_err *err)
{
    if (!ix->writable)
        return px_err_set(err, PX_EINVAL, "index %s is open read-only",
                          ix->dir);
    px_status st = ensure_txn(ix, err);
    if (st == PX_OK) st = px_store_delete(ix->store, docid, err);
    if (st == PX_OK &&
        px_index_enqueue(ix, docid, NULL, NULL, NULL, 0, err) != PX_OK) {
        ix->stale = 1;
        return PX_ENOMEM;
    }
    if (st == PX_OK && px_index_queue_full(ix))
        st = commit_async(ix, err);
    return st;
}

px_status px_index_cluster(px_index *ix, int64_t cluster, px_article ***out,
                           size_t *n, px_err *err)
{
    if (!ix->store)
        return px_docdata_cluster_members(ix, cluster, out, n, err);
    return px_store_cluster_members(ix->store, cluster, out, n, err);
}

px_status px_index_get(px_index *ix, int64_t docid, px_article **out,
                       px_err *err)
{
    if (!ix->store)
        return px_docdata_get(ix->xdb, docid, 1, out, err);
    return px_store_get(ix->store, docid, 1, out, err);
}

/* ------------------------------------------------------------------ */
/* Opening and closing                                                  */
/* ------------------------------------------------------------------ */

static void index_free(px_index *ix)
{
    px_index_writer_stop(ix);
    px_xtg_free(ix->tg);
    px_xtg_free(ix->speller);
    px_xdb_close(ix->xdb);
    px_store_close(ix->store);
    free(ix->dir);
    free(ix->xapian_path);
    free(ix->missing);
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
    /* Said first: Xapian would only report a lock it could not take. */
    px_status st = px_index_check_writable(ix->dir, err);
    if (st == PX_OK) st = make_dirs(ix->dir, err);
    /* Xapian's lock is the index's single-writer lock: take it first. */
    if (st == PX_OK) st = px_xdb_open_write(ix->xapian_path, &ix->xdb, err);
    if (st == PX_ELOCKED)
        return px_err_set(err, PX_ELOCKED,
            "index %s is being written by another pressdex-index; wait for "
            "it to finish", ix->dir);
    char *spath = px_path_join(ix->dir, PX_STORE_FILE);
    if (!spath)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (st == PX_OK) st = px_store_open(spath, 1, &ix->store, err);
    free(spath);
    if (st == PX_OK) st = px_index_compact_cleanup(ix, err);
    if (st == PX_OK) st = settle_language(ix, language, err);
    if (st == PX_OK) st = px_xtg_new(ix->language, &ix->tg, err);
    if (st == PX_OK) st = px_xtg_new("none", &ix->speller, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(ix->xdb, PX_META_LANGUAGE, ix->language, err);
    if (st == PX_OK)
        st = px_xdb_set_metadata(ix->xdb, PX_META_SCHEMA, PX_SCHEMA_VERSION,
                                 err);
    if (st == PX_OK) st = reconcile(ix, err);
    return st;
}

/* A directory with a stub of shards in xapian/ and no store: a front that
** searches shards served elsewhere (docdata.c).  The language is the
** one the shards record. */
static px_status open_front(px_index *ix, int partial, px_err *err)
{
    char *lang = NULL;
    px_status st = partial ? px_xdb_open_partial(ix->xapian_path, &ix->xdb,
                                                 &ix->missing, err)
                           : px_xdb_open_read(ix->xapian_path, &ix->xdb, err);
    if (st == PX_OK)
        st = px_xdb_get_metadata(ix->xdb, PX_META_LANGUAGE, &lang, err);
    if (st == PX_OK && (!lang || !*lang))
        st = px_err_set(err, PX_ECORRUPT, "%s: the shards its stub names "
                        "are not a pressdex index's", ix->xapian_path);
    if (st == PX_OK)
        snprintf(ix->language, sizeof ix->language, "%s", lang);
    free(lang);
    return st;
}

static px_status open_reader(px_index *ix, int partial, px_err *err)
{
    char *spath = px_path_join(ix->dir, PX_STORE_FILE);
    char *stub = px_path_join(ix->xapian_path, "XAPIANDB");
    struct stat sb;
    px_status st = spath && stub ? PX_OK
                                 : px_err_set(err, PX_ENOMEM, "out of memory");
    int front = st == PX_OK && stat(spath, &sb) != 0 && stat(stub, &sb) == 0;
    if (st == PX_OK && !front && stat(spath, &sb) != 0)
        st = px_err_set(err, PX_ENOTFOUND,
            "no index at %s (create one with: pressdex-index --db %s add "
            "PATH...)", ix->dir, ix->dir);
    if (st == PX_OK && front)
        st = open_front(ix, partial, err);
    else if (st == PX_OK)
        st = px_store_open(spath, 0, &ix->store, err);
    free(spath);
    free(stub);
    if (st == PX_OK && !front) st = settle_language(ix, NULL, err);
    if (st == PX_OK && !front) {
        st = partial ? px_xdb_open_partial(ix->xapian_path, &ix->xdb,
                                           &ix->missing, err)
                     : px_xdb_open_read(ix->xapian_path, &ix->xdb, err);
        /* A remote shard that is down says so itself. */
        if (st == PX_ENOTFOUND || st == PX_ECORRUPT)
            st = px_err_set(err, PX_ECORRUPT,
                "index %s has no Xapian part; rebuild it with: "
                "pressdex-index --db %s reindex", ix->dir, ix->dir);
    }
    return st;
}

px_status px_index_open(const char *dir, int mode, const char *language,
                        px_index **out, px_err *err)
{
    px_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    ix->dir = strdup(dir);
    ix->xapian_path = px_path_join(dir, PX_XAPIAN_DIR);
    ix->writable = (mode & PX_OPEN_WRITE) != 0;
    ix->batch = PX_DEFAULT_BATCH;
    ix->batch_bytes = PX_DEFAULT_BATCH_BYTES;
    px_status st = ix->dir && ix->xapian_path
                       ? PX_OK
                       : px_err_set(err, PX_ENOMEM, "out of memory");
    if (st == PX_OK)
        st = ix->writable ? open_writer(ix, language, err)
                          : open_reader(ix, (mode & PX_OPEN_PARTIAL) != 0,
                                        err);
    if (st != PX_OK) {
        if (ix->in_txn)
            px_store_rollback(ix->store, NULL);
        index_free(ix);
        return st;
    }
    *out = ix;
    return PX_OK;
}

unsigned px_index_shards(const px_index *ix)
{
    return px_xdb_size(ix->xdb);
}

px_status px_index_create(const char *dir, const char *language,
                          unsigned shards, px_err *err)
{
    if (shards == 0 || shards > PX_MAX_SHARDS)
        return px_err_set(err, PX_EINVAL,
                          "%u shards: an index has 1 to %d", shards,
                          PX_MAX_SHARDS);
    char *xpath = px_path_join(dir, PX_XAPIAN_DIR);
    if (!xpath)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    struct stat sb;
    int exists = stat(xpath, &sb) == 0;
    px_status st = exists ? PX_OK : px_index_check_writable(dir, err);
    if (st == PX_OK && !exists) st = make_dirs(dir, err);
    px_xdb *x = NULL;
    if (st == PX_OK && !exists && shards > 1)
        st = px_xdb_create_sharded(xpath, shards, &x, err);
    px_xdb_close(x);
    free(xpath);
    px_index *ix = NULL;
    if (st == PX_OK)
        st = px_index_open(dir, PX_OPEN_WRITE, language, &ix, err);
    if (st == PX_OK && px_index_shards(ix) != shards)
        st = px_err_set(err, PX_EINVAL,
            "index %s has %u shard%s, not %u (change it with: "
            "pressdex-index --db %s reindex --shards %u)", dir,
            px_index_shards(ix), px_index_shards(ix) == 1 ? "" : "s",
            shards, dir, shards);
    px_status closed = px_index_close(ix, st == PX_OK ? err : NULL);
    return st != PX_OK ? st : closed;
}

px_status px_index_close(px_index *ix, px_err *err)
{
    if (!ix)
        return PX_OK;
    px_status st = px_index_commit(ix, err);
    index_free(ix);
    return st;
}
