/*
** unit_pipeline.c — writing through the index's writer thread
** (index/index_pipeline.c) and compaction (index/index_compact.c) must
** give exactly the index that writing in one thread gives.
**
** The same mix of adds, updates and deletes goes into one index in
** batches of 3 articles (so that the writer thread is handed a batch
** after nearly every call, with searches on the writable handle in
** between) and into another in one batch; then both are compared term
** by term, and against the store (synced mark, counts).  Reindexing and
** compacting must not change a term either, and writing must go on after
** a compaction.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_internal.h"
#include "schema.h"
#include "check.h"

#define N_ARTICLES 400

static const char *const words[] = {
    "harbour", "strike", "ferry", "minister", "cranes", "union", "talks",
    "negotiations", "port", "workers", "vote", "pay", "automation", "storm",
    "bridge", "council", "budget", "election", "museum", "broken"};
#define N_WORDS (sizeof words / sizeof *words)

static px_article *make_article(unsigned i, unsigned version)
{
    char id[32], title[128], body[2048], date[11];
    snprintf(id, sizeof id, "art-%u", i);
    snprintf(title, sizeof title, "%s %s number %u", words[i % N_WORDS],
             words[(i * 7 + version) % N_WORDS], i);
    size_t n = 0;
    for (unsigned w = 0; w < 60; w++)
        n += (size_t)snprintf(body + n, sizeof body - n, "%s%u ",
                              words[(i * 13 + w * 3 + version) % N_WORDS],
                              (i + w) % 9);
    snprintf(date, sizeof date, "2025-%02u-%02u", i % 12 + 1, i % 28 + 1);
    px_article *a = px_article_new();
    px_article_set(&a->ext_id, id, strlen(id));
    px_article_set(&a->source, "/nowhere/pipeline.jsonl", 23);
    px_article_set(&a->title, title, strlen(title));
    px_article_set(&a->body, body, strlen(body));
    px_article_set(&a->outlet, i % 3 ? "Harbor Herald" : "Meridian Wire", 13);
    memcpy(a->date, date, sizeof date);
    a->date_source = PX_DATE_HEADER;
    return a;
}

static void add(px_index *ix, unsigned i, unsigned version)
{
    px_err err = {""};
    px_add_result res;
    px_article *a = make_article(i, version);
    if (px_index_add(ix, a, &res, &err) != PX_OK) {
        fprintf(stderr, "add %u: %s\n", i, err.msg);
        CHECK(0);
    }
    px_article_free(a);
}

/* A search on the writable handle while batches are in flight. */
static void search_now(px_index *ix)
{
    px_err err = {""};
    px_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = "harbour";
    o.facets = 1;
    px_results *r = NULL;
    CHECK(px_search(ix, &o, &r, &err) == PX_OK);
    px_results_free(r);
}

/* Builds an index with the same operations whatever the batch size. */
static px_index *build(const char *dir, unsigned batch)
{
    px_err err = {""};
    px_index *ix = NULL;
    REQUIRE(px_index_open(dir, PX_OPEN_WRITE, NULL, &ix, &err) == PX_OK);
    px_index_set_batch(ix, batch);
    for (unsigned i = 0; i < N_ARTICLES; i++) {
        add(ix, i, 0);
        if (i % 10 == 9)
            add(ix, i - 5, 1);                 /* an update */
        if (i % 37 == 36)
            CHECK(px_index_delete(ix, i - 20 + 1, &err) == PX_OK);
        if (i % 50 == 0)
            search_now(ix);
    }
    CHECK(px_index_commit(ix, &err) == PX_OK);
    return ix;
}

static unsigned freq(px_index *ix, const char *term)
{
    unsigned n = 0;
    px_err err = {""};
    CHECK(px_xdb_termfreq(ix->xdb, term, &n, &err) == PX_OK);
    return n;
}

/* Compares the two indexes on every term the articles can produce. */
static int same_terms(px_index *a, px_index *b)
{
    static const char *const prefixes[] = {"", "Z", "S", "ZS"};
    char term[64];
    int same = 1;
    for (size_t w = 0; w < N_WORDS; w++)
        for (size_t p = 0; p < 4; p++) {
            snprintf(term, sizeof term, "%s%s", prefixes[p], words[w]);
            same &= freq(a, term) == freq(b, term);
            for (unsigned d = 0; d < 9 && p == 0; d++) {
                snprintf(term, sizeof term, "%s%u", words[w], d);
                same &= freq(a, term) == freq(b, term);
            }
        }
    for (unsigned i = 0; i <= N_ARTICLES + 60; i++) {
        snprintf(term, sizeof term, "Q%u", i);
        same &= freq(a, term) == freq(b, term);
    }
    same &= freq(a, "XOharbor herald") == freq(b, "XOharbor herald");
    same &= freq(a, "M202503") == freq(b, "M202503");
    unsigned ca = 0, cb = 0;
    px_err err = {""};
    CHECK(px_xdb_doccount(a->xdb, &ca, &err) == PX_OK);
    CHECK(px_xdb_doccount(b->xdb, &cb, &err) == PX_OK);
    return same && ca == cb && ca > 0;
}

/* The Xapian side holds everything the store holds. */
static int in_step(px_index *ix)
{
    px_err err = {""};
    px_stats st;
    int64_t synced = -1, max_seq = -2;
    unsigned docs = 0;
    if (px_index_stats(ix, &st, &err) != PX_OK)
        return 0;
    int ok = px_index_get_synced(ix->xdb, &synced, &err) == PX_OK;
    ok = ok && px_store_max_seq(ix->store, &max_seq, &err) == PX_OK;
    ok = ok && px_xdb_doccount(ix->xdb, &docs, &err) == PX_OK;
    ok = ok && st.pending == 0 && synced == max_seq && docs == st.articles;
    px_stats_free(&st);
    return ok;
}

static char *spelling(px_index *ix, const char *word)
{
    char *s = NULL;
    px_err err = {""};
    CHECK(px_xdb_spelling_suggestion(ix->xdb, word, &s, &err) == PX_OK);
    return s;
}

static void test_against_one_batch(const char *dir_a, const char *dir_b)
{
    px_err err = {""};
    px_index *a = build(dir_a, 3);
    px_index *b = build(dir_b, 100000);
    CHECK(same_terms(a, b));
    CHECK(in_step(a) && in_step(b));
    char *sa = spelling(a, "harbuor"), *sb = spelling(b, "harbuor");
    CHECK(sa && sb && strcmp(sa, sb) == 0);
    free(sa);
    free(sb);

    /* Rebuilding from the store, in batches, changes nothing. */
    px_index_set_batch(a, 7);
    CHECK(px_index_reindex(a, NULL, NULL, &err) == PX_OK);
    CHECK(same_terms(a, b));
    CHECK(in_step(a));

    /* Nor does compaction; writing goes on afterwards, ids included. */
    uint64_t before = 0, after = 0;
    CHECK(px_index_compact(a, &before, &after, &err) == PX_OK);
    CHECK(after > 0 && before > 0);
    CHECK(same_terms(a, b));
    for (unsigned i = N_ARTICLES; i < N_ARTICLES + 40; i++) {
        add(a, i, 0);
        add(b, i, 0);
    }
    CHECK(px_index_commit(a, &err) == PX_OK);
    CHECK(px_index_commit(b, &err) == PX_OK);
    CHECK(same_terms(a, b));
    CHECK(in_step(a));
    CHECK(px_index_close(a, &err) == PX_OK);
    CHECK(px_index_close(b, &err) == PX_OK);

    /* Reopening finds nothing to reconcile and the same content. */
    REQUIRE(px_index_open(dir_a, PX_OPEN_WRITE, NULL, &a, &err) == PX_OK);
    REQUIRE(px_index_open(dir_b, PX_OPEN_READ, NULL, &b, &err) == PX_OK);
    CHECK(in_step(a));
    CHECK(same_terms(a, b));
    CHECK(px_index_close(a, &err) == PX_OK);
    CHECK(px_index_close(b, &err) == PX_OK);
}

int main(void)
{
    char root[] = "/tmp/pressdex-pipeline.XXXXXX";
    if (!mkdtemp(root))
        return 2;
    char dir_a[64], dir_b[64], cmd[96];
    snprintf(dir_a, sizeof dir_a, "%s/a", root);
    snprintf(dir_b, sizeof dir_b, "%s/b", root);
    test_against_one_batch(dir_a, dir_b);
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    CHECK(system(cmd) == 0);
    return CHECK_REPORT();
}
