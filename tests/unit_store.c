/*
** unit_store.c — unit tests for the SQLite article store (index/store.c).
**
** Each test works on a store in a fresh mkdtemp() directory, removed at the
** end.  Covered: docid and change-sequence assignment on insert, update and
** delete; lookups by stable id; the change walk that replays puts and
** tombstones to the Xapian side, which must come in seq order; tombstone
** expiry; walks in docid order; statistics; a reader beside a writer;
** rollback; and hostile files: a schema version from the future, random
** bytes, an empty file and a missing file.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "check.h"

static int streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* ------------------------------------------------------------------ */
/* Fixtures                                                             */
/* ------------------------------------------------------------------ */

static char tmpdir[256];

static void path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmpdir, name);
}

static px_article *article(const char *ext_id, const char *source,
                           const char *outlet, const char *date,
                           const char *title, const char *body)
{
    px_article *a = px_article_new();
    if (!a) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    px_article_set(&a->ext_id, ext_id, strlen(ext_id));
    px_article_set(&a->source, source, strlen(source));
    if (outlet)
        px_article_set(&a->outlet, outlet, strlen(outlet));
    snprintf(a->date, sizeof a->date, "%s", date);
    a->date_source = *date ? PX_DATE_HEADER : PX_DATE_UNKNOWN;
    px_article_set(&a->title, title, strlen(title));
    px_article_set(&a->body, body, strlen(body));
    px_hash_hex(body, strlen(body), a->hash);
    return a;
}

static void set_body(px_article *a, const char *body)
{
    px_article_set(&a->body, body, strlen(body));
    px_hash_hex(body, strlen(body), a->hash);
}

static int64_t max_seq(px_store *s)
{
    int64_t seq = -1;
    px_err err = {""};
    if (px_store_max_seq(s, &seq, &err) != PX_OK)
        fprintf(stderr, "  max_seq: %s\n", err.msg);
    return seq;
}

static size_t count(px_store *s)
{
    size_t n = (size_t)-1;
    px_err err = {""};
    if (px_store_count(s, &n, &err) != PX_OK)
        fprintf(stderr, "  count: %s\n", err.msg);
    return n;
}

static int64_t find(px_store *s, const char *ext_id)
{
    int64_t docid = -1;
    px_err err = {""};
    if (px_store_find(s, ext_id, &docid, NULL, &err) != PX_OK)
        fprintf(stderr, "  find: %s\n", err.msg);
    return docid;
}

static int64_t count_changes(px_store *s, int64_t since)
{
    int64_t n = -1;
    px_err err = {""};
    if (px_store_count_changes(s, since, &n, &err) != PX_OK)
        fprintf(stderr, "  count_changes: %s\n", err.msg);
    return n;
}

/* ------------------------------------------------------------------ */
/* Walk recorders                                                       */
/* ------------------------------------------------------------------ */

typedef struct {
    int64_t seq, docid;
    int deleted;
    int had_body;
    char ext_id[64];
} change;

typedef struct {
    change c[32];
    int n;
    int stop_after;   /* stop the walk after this many; 0 = never */
} changes;

static int record_change(void *ctx, const px_article *a, int64_t deleted,
                         int64_t seq)
{
    changes *ch = ctx;
    if (ch->n < 32) {
        change *c = &ch->c[ch->n];
        c->seq = seq;
        c->deleted = a == NULL;
        c->docid = a ? a->docid : deleted;
        c->had_body = a && a->body != NULL;
        snprintf(c->ext_id, sizeof c->ext_id, "%s", a && a->ext_id ? a->ext_id : "");
    }
    ch->n++;
    return ch->stop_after && ch->n >= ch->stop_after;
}

static void print_changes(const changes *ch)
{
    for (int i = 0; i < ch->n && i < 32; i++)
        fprintf(stderr, "  change %d: seq %lld docid %lld%s\n", i,
                (long long)ch->c[i].seq, (long long)ch->c[i].docid,
                ch->c[i].deleted ? " (deleted)" : "");
}

/* Checks the walk since `since` against n expected (seq, docid, deleted). */
static int changes_are(px_store *s, int64_t since, const int64_t (*want)[3],
                       int n)
{
    changes ch;
    memset(&ch, 0, sizeof ch);
    px_err err = {""};
    int stopped = -1;
    px_status st = px_store_changes(s, since, record_change, &ch, &stopped, &err);
    int ok = st == PX_OK && stopped == 0 && ch.n == n;
    for (int i = 0; ok && i < n; i++)
        ok = ch.c[i].seq == want[i][0] && ch.c[i].docid == want[i][1] &&
             ch.c[i].deleted == (int)want[i][2] &&
             ch.c[i].had_body == !want[i][2];
    if (!ok) {
        fprintf(stderr, "  changes since %lld: status %d, %d rows:\n",
                (long long)since, (int)st, ch.n);
        print_changes(&ch);
    }
    return ok;
}

typedef struct {
    int64_t docids[32];
    int n;
    int bodies;
    int stop_after;
} visits;

static int record_article(void *ctx, const px_article *a)
{
    visits *v = ctx;
    if (v->n < 32)
        v->docids[v->n] = a->docid;
    v->bodies += a->body != NULL;
    v->n++;
    return v->stop_after && v->n >= v->stop_after;
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

/* Inserts, updates, deletes and the walks over them.  The bodies are
** chosen so that their alphabetical order differs from the seq order. */
static void test_lifecycle(void)
{
    char path[512];
    path_in(path, sizeof path, "articles.sqlite");
    px_err err = {""};
    px_store *s = NULL;
    REQUIRE(px_store_open(path, 1, &s, &err) == PX_OK && s != NULL);

    CHECK(max_seq(s) == 0);
    CHECK(count(s) == 0);
    CHECK(count_changes(s, 0) == 0);

    /* Metadata. */
    char *v = (char *)"unset";
    CHECK(px_store_meta_get(s, "language", &v, &err) == PX_OK && v == NULL);
    CHECK(px_store_meta_set(s, "language", "english", &err) == PX_OK);
    CHECK(px_store_meta_get(s, "language", &v, &err) == PX_OK && streq(v, "english"));
    free(v);
    CHECK(px_store_meta_set(s, "language", "french", &err) == PX_OK);
    CHECK(px_store_meta_get(s, "language", &v, &err) == PX_OK && streq(v, "french"));
    free(v);

    /* Inserts: docids 1, 2, 3, 4 and seqs 1..4. */
    const char *evil_id = "x'); DROP TABLE articles; --\"\xC3\xA9";
    px_article *a1 = article("id-1", "/src/a.txt", "The Example Post",
                             "2024-12-01", "Ferry strike", "Zulu body one");
    px_article *a2 = article("id-2", "/src/a.txt", "Example Post",
                             "2024-11-15", "Second", "Mike body two");
    px_article *a3 = article("id-3", "/src/b.txt", "Guardian", "",
                             "Third", "Mike body three");
    px_article *a4 = article(evil_id, "/src/c.txt", NULL, "2025-01-20",
                             "Fourth", "Bravo body four");
    px_article_set(&a1->url, "https://example.org/1", 21);
    px_article_set(&a1->author, "Ana Ruiz", 8);
    time_t t0 = time(NULL);
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    CHECK(px_store_put(s, a1, &err) == PX_OK && a1->docid == 1);
    CHECK(max_seq(s) == 1);
    CHECK(px_store_put(s, a2, &err) == PX_OK && a2->docid == 2);
    CHECK(max_seq(s) == 2);
    CHECK(px_store_put(s, a3, &err) == PX_OK && a3->docid == 3);
    CHECK(px_store_put(s, a4, &err) == PX_OK && a4->docid == 4);
    CHECK(max_seq(s) == 4);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    time_t t1 = time(NULL);
    CHECK(a1->indexed_at >= (int64_t)t0 && a1->indexed_at <= (int64_t)t1);
    CHECK(count(s) == 4);

    /* Lookups by stable id, with and without the hash. */
    int64_t docid = -1;
    char hash[17] = "";
    CHECK(px_store_find(s, "id-2", &docid, hash, &err) == PX_OK && docid == 2);
    CHECK(strcmp(hash, a2->hash) == 0 && strlen(hash) == 16);
    CHECK(px_store_find(s, evil_id, &docid, NULL, &err) == PX_OK && docid == 4);
    CHECK(px_store_find(s, "id-9", &docid, hash, &err) == PX_OK && docid == 0);
    CHECK(find(s, "") == 0);
    CHECK(find(s, "ID-1") == 0);   /* ids are case-sensitive */

    /* An update keeps the docid and takes a new seq. */
    set_body(a1, "Yankee body one, revised");
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    CHECK(px_store_put(s, a1, &err) == PX_OK && a1->docid == 1);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    CHECK(max_seq(s) == 5);
    CHECK(count(s) == 4);
    CHECK(px_store_find(s, "id-1", &docid, hash, &err) == PX_OK && docid == 1);
    CHECK(strcmp(hash, a1->hash) == 0);

    /* Reading back, with and without the body. */
    px_article *got = NULL;
    CHECK(px_store_get(s, 1, 1, &got, &err) == PX_OK && got != NULL);
    if (got) {
        CHECK(got->docid == 1);
        CHECK(streq(got->ext_id, "id-1"));
        CHECK(streq(got->source, "/src/a.txt"));
        CHECK(streq(got->url, "https://example.org/1"));
        CHECK(streq(got->outlet, "The Example Post"));
        CHECK(strcmp(got->date, "2024-12-01") == 0);
        CHECK(got->date_source == PX_DATE_HEADER);
        CHECK(streq(got->title, "Ferry strike"));
        CHECK(streq(got->author, "Ana Ruiz"));
        CHECK(streq(got->body, "Yankee body one, revised"));
        CHECK(strcmp(got->hash, a1->hash) == 0);
        CHECK(got->indexed_at == a1->indexed_at);
        px_article_free(got);
    }
    got = NULL;
    CHECK(px_store_get(s, 4, 0, &got, &err) == PX_OK && got != NULL);
    if (got) {
        CHECK(got->body == NULL);
        CHECK(streq(got->ext_id, evil_id));
        CHECK(got->outlet == NULL && got->url == NULL && got->author == NULL);
        CHECK(streq(got->title, "Fourth"));
        CHECK(strcmp(got->date, "2025-01-20") == 0);
        px_article_free(got);
    }
    got = NULL;
    CHECK(px_store_get(s, 3, 1, &got, &err) == PX_OK && got != NULL);
    if (got) {
        CHECK(got->date[0] == '\0' && got->date_source == PX_DATE_UNKNOWN);
        px_article_free(got);
    }
    got = NULL;
    err.msg[0] = '\0';
    CHECK(px_store_get(s, 99, 1, &got, &err) == PX_ENOTFOUND && got == NULL);
    CHECK(err.msg[0] != '\0');
    CHECK(px_store_get(s, 0, 1, &got, &err) == PX_ENOTFOUND && got == NULL);
    CHECK(px_store_get(s, -1, 0, &got, &err) == PX_ENOTFOUND && got == NULL);

    /* Delete: a tombstone with seq 6; a second delete changes nothing. */
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    CHECK(px_store_delete(s, 2, &err) == PX_OK);
    CHECK(max_seq(s) == 6);
    CHECK(px_store_delete(s, 2, &err) == PX_ENOTFOUND);
    CHECK(px_store_delete(s, 77, &err) == PX_ENOTFOUND);
    CHECK(max_seq(s) == 6);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    CHECK(px_store_get(s, 2, 1, &got, &err) == PX_ENOTFOUND && got == NULL);
    CHECK(find(s, "id-2") == 0);
    CHECK(count(s) == 3);

    /* Two more: the same outlet key under another spelling, and an outlet
    ** that is only white space (unknown). */
    px_article *a5 = article("id-5", "/src/a.txt", "THE EXAMPLE POST",
                             "2023-06-30", "Fifth", "Echo body five");
    px_article *a6 = article("id-6", "/src/d.txt", "   ", "", "Sixth",
                             "Alpha body six");
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    CHECK(px_store_put(s, a5, &err) == PX_OK && a5->docid == 5);
    CHECK(px_store_put(s, a6, &err) == PX_OK && a6->docid == 6);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    CHECK(max_seq(s) == 8);

    /* The change walk: current puts and tombstones, in seq order. */
    {
        static const int64_t all[][3] = {
            {3, 3, 0}, {4, 4, 0}, {5, 1, 0}, {6, 2, 1}, {7, 5, 0}, {8, 6, 0}};
        CHECK(changes_are(s, 0, all, 6));
        static const int64_t since4[][3] = {
            {5, 1, 0}, {6, 2, 1}, {7, 5, 0}, {8, 6, 0}};
        CHECK(changes_are(s, 4, since4, 4));
        static const int64_t since6[][3] = {{7, 5, 0}, {8, 6, 0}};
        CHECK(changes_are(s, 6, since6, 2));
        CHECK(changes_are(s, 8, NULL, 0));
        CHECK(changes_are(s, 1000, NULL, 0));
    }
    /* Put articles arrive with their body and ext_id. */
    {
        changes ch;
        memset(&ch, 0, sizeof ch);
        CHECK(px_store_changes(s, 6, record_change, &ch, NULL, &err) == PX_OK);
        CHECK(ch.n == 2 && strcmp(ch.c[0].ext_id, "id-5") == 0 &&
              ch.c[0].had_body);
    }
    /* A callback returning non-zero stops the walk. */
    {
        changes ch;
        memset(&ch, 0, sizeof ch);
        ch.stop_after = 2;
        int stopped = 0;
        CHECK(px_store_changes(s, 0, record_change, &ch, &stopped, &err) == PX_OK);
        CHECK(stopped == 1 && ch.n == 2);
    }

    CHECK(count_changes(s, 0) == 6);
    CHECK(count_changes(s, 4) == 4);
    CHECK(count_changes(s, 5) == 3);
    CHECK(count_changes(s, 8) == 0);

    /* Tombstones go only when their seq has been applied. */
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    CHECK(px_store_forget_tombstones(s, 5, &err) == PX_OK);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    CHECK(count_changes(s, 5) == 3);
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    CHECK(px_store_forget_tombstones(s, 6, &err) == PX_OK);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    CHECK(count_changes(s, 5) == 2);
    CHECK(count_changes(s, 0) == 5);
    {
        static const int64_t after[][3] = {{7, 5, 0}, {8, 6, 0}};
        CHECK(changes_are(s, 5, after, 2));
    }
    CHECK(max_seq(s) == 8);

    /* Every article in docid order. */
    {
        visits vis;
        memset(&vis, 0, sizeof vis);
        CHECK(px_store_foreach(s, 1, record_article, &vis, &err) == PX_OK);
        CHECK(vis.n == 5 && vis.bodies == 5);
        CHECK(vis.docids[0] == 1 && vis.docids[1] == 3 && vis.docids[2] == 4 &&
              vis.docids[3] == 5 && vis.docids[4] == 6);
        memset(&vis, 0, sizeof vis);
        CHECK(px_store_foreach(s, 0, record_article, &vis, &err) == PX_OK);
        CHECK(vis.n == 5 && vis.bodies == 0);
        memset(&vis, 0, sizeof vis);
        vis.stop_after = 1;
        CHECK(px_store_foreach(s, 1, record_article, &vis, &err) == PX_OK);
        CHECK(vis.n == 1 && vis.docids[0] == 1);
    }

    /* Statistics. */
    {
        px_stats st;
        memset(&st, 0, sizeof st);
        CHECK(px_store_stats(s, &st, &err) == PX_OK);
        CHECK(st.articles == 5);
        CHECK(st.sources == 4);
        CHECK(st.undated == 2);
        CHECK(strcmp(st.first_date, "2023-06-30") == 0);
        CHECK(strcmp(st.last_date, "2025-01-20") == 0);
        uint64_t text = 0;
        const px_article *live[] = {a1, a3, a4, a5, a6};
        for (int i = 0; i < 5; i++)
            text += strlen(live[i]->body) + strlen(live[i]->title);
        CHECK(st.text_bytes == text);
        CHECK(st.n_outlets == 3);
        if (st.n_outlets == 3) {
            CHECK(streq(st.outlets[0].key, "example post"));
            CHECK(streq(st.outlets[0].name, "The Example Post"));
            CHECK(st.outlets[0].count == 2);
            CHECK(streq(st.outlets[1].key, "guardian"));
            CHECK(streq(st.outlets[1].name, "Guardian"));
            CHECK(st.outlets[1].count == 1);
            CHECK(streq(st.outlets[2].key, ""));
            CHECK(st.outlets[2].name == NULL);
            CHECK(st.outlets[2].count == 2);
        }
        px_stats_free(&st);
    }
    char *name = (char *)"unset";
    CHECK(px_store_outlet_name(s, "example post", &name, &err) == PX_OK &&
          streq(name, "The Example Post"));
    free(name);
    CHECK(px_store_outlet_name(s, "guardian", &name, &err) == PX_OK &&
          streq(name, "Guardian"));
    free(name);
    name = (char *)"unset";
    CHECK(px_store_outlet_name(s, "", &name, &err) == PX_OK && name == NULL);
    name = (char *)"unset";
    CHECK(px_store_outlet_name(s, "the example post", &name, &err) == PX_OK &&
          name == NULL);

    /* Docids are never reused, not even the highest one. */
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    CHECK(px_store_delete(s, 6, &err) == PX_OK);
    px_article *a7 = article("id-7", "/src/e.txt", NULL, "", "Seventh",
                             "Golf body seven");
    CHECK(px_store_put(s, a7, &err) == PX_OK && a7->docid == 7);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    CHECK(max_seq(s) == 10);

    px_store_close(s);

    /* Everything survives closing and reopening. */
    s = NULL;
    REQUIRE(px_store_open(path, 1, &s, &err) == PX_OK);
    CHECK(max_seq(s) == 10);
    CHECK(count(s) == 5);
    CHECK(find(s, evil_id) == 4);
    CHECK(px_store_meta_get(s, "language", &v, &err) == PX_OK && streq(v, "french"));
    free(v);
    px_store_close(s);

    px_article *all[] = {a1, a2, a3, a4, a5, a6, a7};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        px_article_free(all[i]);
}

/* A reader beside the writer sees committed rows only; a rollback
** discards everything since the begin, the seq counter included. */
static void test_reader_and_rollback(void)
{
    char path[512];
    path_in(path, sizeof path, "articles.sqlite");
    px_err err = {""};
    px_store *w = NULL, *r = NULL;
    REQUIRE(px_store_open(path, 1, &w, &err) == PX_OK);
    REQUIRE(px_store_open(path, 0, &r, &err) == PX_OK);
    CHECK(count(r) == 5);

    px_article *a = article("id-new", "/src/new.txt", "Guardian", "2024-01-02",
                            "New", "India body new");
    REQUIRE(px_store_begin(w, &err) == PX_OK);
    CHECK(px_store_put(w, a, &err) == PX_OK && a->docid == 8);
    CHECK(count(w) == 6);
    CHECK(count(r) == 5);          /* not committed yet */
    CHECK(find(r, "id-new") == 0);
    REQUIRE(px_store_commit(w, &err) == PX_OK);
    CHECK(count(r) == 6);
    CHECK(max_seq(r) == 11);
    CHECK(find(r, "id-new") == 8);
    px_article *got = NULL;
    CHECK(px_store_get(r, 8, 1, &got, &err) == PX_OK && got &&
          streq(got->body, "India body new"));
    px_article_free(got);

    /* Having read, the reader still sees the next commit. */
    px_article *a2 = article("id-newer", "/src/new.txt", NULL, "", "Newer",
                             "Kilo body newer");
    REQUIRE(px_store_begin(w, &err) == PX_OK);
    CHECK(px_store_put(w, a2, &err) == PX_OK && a2->docid == 9);
    REQUIRE(px_store_commit(w, &err) == PX_OK);
    CHECK(count(r) == 7);
    CHECK(find(r, "id-newer") == 9);
    CHECK(max_seq(r) == 12);

    /* The reader cannot write. */
    CHECK(px_store_meta_set(r, "language", "german", &err) != PX_OK);
    px_article *b = article("id-reader", "/src/r.txt", NULL, "", "R", "body");
    CHECK(px_store_put(r, b, &err) != PX_OK && b->docid == 0);
    CHECK(find(w, "id-reader") == 0);
    px_article_free(b);

    /* Rollback. */
    px_article *c = article("id-rollback", "/src/rb.txt", "Brand New Outlet",
                            "2024-01-03", "RB", "Juliet body rolled back");
    REQUIRE(px_store_begin(w, &err) == PX_OK);
    CHECK(px_store_put(w, c, &err) == PX_OK);
    CHECK(px_store_delete(w, 8, &err) == PX_OK);
    CHECK(px_store_meta_set(w, "language", "dutch", &err) == PX_OK);
    CHECK(find(w, "id-rollback") == 10);
    CHECK(max_seq(w) == 14);
    REQUIRE(px_store_rollback(w, &err) == PX_OK);
    CHECK(find(w, "id-rollback") == 0);
    CHECK(find(w, "id-new") == 8);
    CHECK(count(w) == 7);
    CHECK(max_seq(w) == 12);
    CHECK(count_changes(w, 12) == 0);
    char *v = NULL;
    CHECK(px_store_meta_get(w, "language", &v, &err) == PX_OK && streq(v, "french"));
    free(v);
    char *name = (char *)"unset";
    CHECK(px_store_outlet_name(w, "brand new outlet", &name, &err) == PX_OK &&
          name == NULL);
    /* A rollback with no transaction open is an error, not a crash. */
    CHECK(px_store_rollback(w, &err) != PX_OK);
    CHECK(px_store_commit(w, &err) != PX_OK);

    px_article_free(a);
    px_article_free(a2);
    px_article_free(c);
    px_store_close(r);
    px_store_close(w);
}

/* Which read calls let a reader go on seeing later commits: each one is
** made on a fresh reader, then the writer commits one more article. */
static void test_reader_snapshots(void)
{
    char path[512];
    path_in(path, sizeof path, "articles.sqlite");
    px_err err = {""};
    px_store *w = NULL;
    REQUIRE(px_store_open(path, 1, &w, &err) == PX_OK);
    static const char *const calls[] = {
        "px_store_count", "px_store_get", "px_store_max_seq",
        "px_store_find", "px_store_meta_get", "px_store_outlet_name"};
    for (int i = 0; i < 6; i++) {
        px_store *r = NULL;
        REQUIRE(px_store_open(path, 0, &r, &err) == PX_OK);
        size_t before = count(r);
        px_article *got = NULL;
        char *str = NULL;
        int64_t n = 0;
        switch (i) {
        case 0: break;
        case 1: CHECK(px_store_get(r, 1, 1, &got, &err) == PX_OK); break;
        case 2: CHECK(px_store_max_seq(r, &n, &err) == PX_OK && n > 0); break;
        case 3: CHECK(px_store_find(r, "id-1", &n, NULL, &err) == PX_OK && n == 1); break;
        case 4: CHECK(px_store_meta_get(r, "language", &str, &err) == PX_OK && str); break;
        case 5: CHECK(px_store_outlet_name(r, "guardian", &str, &err) == PX_OK && str); break;
        }
        px_article_free(got);
        free(str);
        char id[32];
        snprintf(id, sizeof id, "id-snapshot-%d", i);
        px_article *a = article(id, "/src/snap.txt", NULL, "", "Snap", "Lima body");
        REQUIRE(px_store_begin(w, &err) == PX_OK);
        CHECK(px_store_put(w, a, &err) == PX_OK);
        REQUIRE(px_store_commit(w, &err) == PX_OK);
        size_t after = count(r);
        if (after != before + 1)
            fprintf(stderr, "  after %s a reader saw %zu articles, want %zu\n",
                    calls[i], after, before + 1);
        CHECK(after == before + 1);
        CHECK(find(r, id) == a->docid);
        px_article_free(a);
        px_store_close(r);
    }
    px_store_close(w);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* A store stamped with a schema version from a newer pressdex (far beyond
** any number of migration steps this code could have). */
/* An outlet is shown by its most frequent spelling, whatever came first. */
static void test_outlet_spelling(void)
{
    char path[512];
    path_in(path, sizeof path, "spelling.sqlite");
    px_err err = {""};
    px_store *s = NULL;
    char *name = NULL;
    static const char *const spellings[] = {"the harbor herald",
                                            "The Harbor Herald", "HARBOR HERALD",
                                            "The Harbor Herald"};
    REQUIRE(px_store_open(path, 1, &s, &err) == PX_OK);
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    for (size_t i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "sp-%zu", i);
        px_article *a = article(id, "/src/sp.txt", spellings[i], "",
                                "Title", "Body text");
        CHECK(px_store_put(s, a, &err) == PX_OK);
        px_article_free(a);
        if (i == 0) {
            CHECK(px_store_outlet_name(s, "harbor herald", &name, &err) ==
                      PX_OK && name && strcmp(name, "the harbor herald") == 0);
            free(name);
        }
    }
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    CHECK(px_store_outlet_name(s, "harbor herald", &name, &err) == PX_OK &&
          name && strcmp(name, "The Harbor Herald") == 0);
    free(name);
    px_store_close(s);
}

static void test_future_version(void)
{
    char path[512];
    path_in(path, sizeof path, "future.sqlite");
    px_err err = {""};
    px_store *s = NULL;
    REQUIRE(px_store_open(path, 1, &s, &err) == PX_OK);
    px_store_close(s);

    sqlite3 *db = NULL;
    REQUIRE(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA user_version = 1000", NULL, NULL, NULL)
          == SQLITE_OK);
    sqlite3_close(db);

    s = NULL;
    err.msg[0] = '\0';
    CHECK(px_store_open(path, 1, &s, &err) == PX_EVERSION && s == NULL);
    CHECK(strstr(err.msg, "newer") != NULL);
    CHECK(px_store_open(path, 0, &s, &err) == PX_EVERSION && s == NULL);

    REQUIRE(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA user_version = 2000000000", NULL, NULL, NULL)
          == SQLITE_OK);
    sqlite3_close(db);
    CHECK(px_store_open(path, 1, &s, &err) == PX_EVERSION && s == NULL);

    /* The refused open changed nothing: the version is still the planted
    ** one. */
    REQUIRE(sqlite3_open(path, &db) == SQLITE_OK);
    sqlite3_stmt *st = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(version == 2000000000);
}

/* Files that are not stores. */
static void test_hostile_files(void)
{
    px_err err = {""};
    px_store *s = NULL;
    char path[512];

    /* Random bytes. */
    path_in(path, sizeof path, "random.sqlite");
    {
        unsigned char buf[8192];
        unsigned x = 12345u;
        for (size_t i = 0; i < sizeof buf; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)(x >> 16);
        }
        FILE *f = fopen(path, "wb");
        REQUIRE(f != NULL);
        CHECK(fwrite(buf, 1, sizeof buf, f) == sizeof buf);
        fclose(f);
    }
    err.msg[0] = '\0';
    CHECK(px_store_open(path, 1, &s, &err) == PX_ECORRUPT && s == NULL);
    CHECK(err.msg[0] != '\0');
    CHECK(px_store_open(path, 0, &s, &err) == PX_ECORRUPT && s == NULL);
    CHECK(file_size(path) == 8192);

    /* A valid SQLite header over garbage. */
    path_in(path, sizeof path, "header.sqlite");
    {
        unsigned char buf[4096];
        memset(buf, 0xA5, sizeof buf);
        memcpy(buf, "SQLite format 3", 16);
        FILE *f = fopen(path, "wb");
        REQUIRE(f != NULL);
        CHECK(fwrite(buf, 1, sizeof buf, f) == sizeof buf);
        fclose(f);
    }
    CHECK(px_store_open(path, 1, &s, &err) == PX_ECORRUPT && s == NULL);
    CHECK(px_store_open(path, 0, &s, &err) == PX_ECORRUPT && s == NULL);

    /* An empty file is an SQLite database without the schema: a reader
    ** refuses it, a writer creates the schema in it. */
    path_in(path, sizeof path, "empty.sqlite");
    {
        FILE *f = fopen(path, "wb");
        REQUIRE(f != NULL);
        fclose(f);
    }
    CHECK(px_store_open(path, 0, &s, &err) == PX_ECORRUPT && s == NULL);
    CHECK(px_store_open(path, 1, &s, &err) == PX_OK && s != NULL);
    if (s) {
        CHECK(count(s) == 0 && max_seq(s) == 0);
        px_store_close(s);
        s = NULL;
    }

    /* A missing file: a reader gets an error and creates nothing. */
    path_in(path, sizeof path, "missing.sqlite");
    err.msg[0] = '\0';
    CHECK(px_store_open(path, 0, &s, &err) == PX_ENOTFOUND && s == NULL);
    CHECK(err.msg[0] != '\0');
    CHECK(file_size(path) == -1 && errno == ENOENT);

    /* A writer in a directory that does not exist. */
    path_in(path, sizeof path, "no/such/dir/articles.sqlite");
    CHECK(px_store_open(path, 1, &s, &err) != PX_OK && s == NULL);

    /* A directory where the file should be. */
    path_in(path, sizeof path, "adir");
    CHECK(mkdir(path, 0700) == 0);
    CHECK(px_store_open(path, 1, &s, &err) != PX_OK && s == NULL);
    CHECK(px_store_open(path, 0, &s, &err) != PX_OK && s == NULL);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/unit_store.XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    test_lifecycle();
    test_reader_and_rollback();
    test_reader_snapshots();
    test_outlet_spelling();
    test_future_version();
    test_hostile_files();
    check_remove_tree(tmpdir);
    return CHECK_REPORT();
}
