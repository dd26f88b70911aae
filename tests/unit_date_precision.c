/*
** unit_date_precision.c — dates known only to the month or the year,
** through the library API (index/index_dates.c, store.c, index_search.c).
**
** An index is built in a fresh mkdtemp() directory from five articles: a
** day (2025-03-01), a month (March 2025), a year (2025), another day
** (2025-03-20) and an undated one.  Checked: what date:, year:, --from and
** --to match (an article matches when its whole period is inside the
** asked span); the month facet (the month-precise article in 2025-03, the
** year-precise one in a bucket "2025" of its own); sorting; the stored
** date and precision and their display label; that a rebuild from the
** store (reindex) answers the same; the content hash; bad precisions; and
** that a store from before the precision column (schema version 3) opens
** as day precision: read-only without being touched, and migrated by a
** writer.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "pressdex.h"
#include "store.h"
#include "check.h"

static char tmpdir[256];

static px_article *article(const char *id, const char *date,
                           px_date_precision prec, const char *word)
{
    px_article *a = px_article_new();
    char body[128];
    snprintf(body, sizeof body, "The harbour board met about %s.", word);
    if (!a) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    px_article_set(&a->ext_id, id, strlen(id));
    px_article_set(&a->source, "/fixture.jsonl", 14);
    px_article_set(&a->title, id, strlen(id));
    px_article_set(&a->body, body, strlen(body));
    snprintf(a->date, sizeof a->date, "%s", date);
    a->date_source = *date ? PX_DATE_HEADER : PX_DATE_UNKNOWN;
    a->date_precision = prec;
    return a;
}

static px_status add(px_index *ix, px_article *a, px_add_result *res)
{
    px_err err = {""};
    px_add_result r;
    px_status st = px_index_add(ix, a, res ? res : &r, &err);
    if (st != PX_OK)
        fprintf(stderr, "  add %s: %s\n", a->ext_id, err.msg);
    px_article_free(a);
    return st;
}

/* The fixture's ext_ids are single letters: A day 2025-03-01, B month
** 2025-03, C year 2025, D day 2025-03-20, E undated. */
static void build(px_index *ix)
{
    CHECK(add(ix, article("A", "2025-03-01", PX_PREC_DAY, "alpha"), 0) == PX_OK);
    /* Given a day, but only the month is known: stored as 2025-03-01. */
    CHECK(add(ix, article("B", "2025-03-17", PX_PREC_MONTH, "bravo"), 0) == PX_OK);
    CHECK(add(ix, article("C", "2025-06-15", PX_PREC_YEAR, "charlie"), 0) == PX_OK);
    CHECK(add(ix, article("D", "2025-03-20", PX_PREC_DAY, "delta"), 0) == PX_OK);
    CHECK(add(ix, article("E", "", PX_PREC_MONTH, "echo"), 0) == PX_OK);
    px_err err = {""};
    CHECK(px_index_commit(ix, &err) == PX_OK);
}

/* The matches' ext_ids in sorted order, concatenated ("ABD"), or "error"
** when the search fails.  `from`/`to` may be NULL. */
static const char *matches(px_index *ix, const char *q, const char *from,
                           const char *to)
{
    static char out[32];
    px_search_opts o = {.query = q, .from = from, .to = to, .limit = 20};
    px_results *r = NULL;
    px_err err = {""};
    if (px_search(ix, &o, &r, &err) != PX_OK) {
        fprintf(stderr, "  search %s: %s\n", q, err.msg);
        return "error";
    }
    size_t n = 0;
    for (size_t i = 0; i < r->n_hits && n + 1 < sizeof out; i++)
        out[n++] = r->hits[i].article->ext_id[0];
    out[n] = '\0';
    px_results_free(r);
    for (size_t i = 1; i < n; i++)   /* insertion sort: a handful */
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            char t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return out;
}

#define MATCHES(q, from, to, want)                                        \
    do {                                                                  \
        const char *got_ = matches(ix, q, from, to);                      \
        if (strcmp(got_, want) != 0)                                      \
            fprintf(stderr, "  %s (from %s, to %s): got \"%s\", want "    \
                    "\"%s\"\n", q, from ? from : "-", to ? to : "-", got_, \
                    want);                                                \
        CHECK(strcmp(got_, want) == 0);                                   \
    } while (0)

static void check_queries(px_index *ix)
{
    MATCHES("date:2025-03", NULL, NULL, "ABD");
    MATCHES("date:2025-03-01", NULL, NULL, "A");
    MATCHES("date:2025", NULL, NULL, "ABCD");
    MATCHES("year:2025", NULL, NULL, "ABCD");
    MATCHES("date:2025-01..2025-06", NULL, NULL, "ABD");
    MATCHES("date:2025-03-01..2025-03-31", NULL, NULL, "ABD");
    MATCHES("date:2025-03-10..2025-06-30", NULL, NULL, "D");
    MATCHES("date:..2025-03-15", NULL, NULL, "A");
    MATCHES("date:..2025-03", NULL, NULL, "ABD");
    MATCHES("date:2025-01..", NULL, NULL, "ABCD");
    MATCHES("date:2025-02..", NULL, NULL, "ABD");
    MATCHES("date:unknown", NULL, NULL, "E");
    MATCHES("harbour", "2025-03", "2025-03", "ABD");
    MATCHES("harbour", "2025-01-01", "2025-12-31", "ABCD");
    MATCHES("harbour", NULL, "2025-03-19", "A");
    MATCHES("bravo", "2025-03-02", NULL, "");
    MATCHES("charlie", "2025", "2025", "C");
}

static int facet_is(const px_facet *f, const char *value, size_t count)
{
    int same = value ? f->value && strcmp(f->value, value) == 0 : !f->value;
    return same && f->count == count;
}

static void check_facets_and_sort(px_index *ix)
{
    px_search_opts o = {.query = "harbour", .facets = 1, .limit = 10,
                        .sort = PX_SORT_OLDEST};
    px_results *r = NULL;
    px_err err = {""};
    REQUIRE(px_search(ix, &o, &r, &err) == PX_OK);
    /* Chronological: the year-only bucket before the year's months. */
    CHECK(r->n_month_facets == 3);
    if (r->n_month_facets == 3) {
        CHECK(facet_is(&r->month_facets[0], "2025", 1));
        CHECK(facet_is(&r->month_facets[1], "2025-03", 3));
        CHECK(facet_is(&r->month_facets[2], NULL, 1));
    }
    /* Oldest first, a period at its first day, undated last. */
    CHECK(r->n_hits == 5);
    if (r->n_hits == 5) {
        CHECK(strcmp(r->hits[0].article->ext_id, "C") == 0);
        CHECK(strcmp(r->hits[3].article->ext_id, "D") == 0);
        CHECK(strcmp(r->hits[4].article->ext_id, "E") == 0);
    }
    px_results_free(r);
}

static void check_stored(px_index *ix)
{
    px_search_opts o = {.query = "bravo OR charlie OR echo", .limit = 10,
                        .sort = PX_SORT_OLDEST};
    px_results *r = NULL;
    px_err err = {""};
    char label[11];
    REQUIRE(px_search(ix, &o, &r, &err) == PX_OK);
    REQUIRE(r->n_hits == 3);
    const px_article *c = r->hits[0].article, *b = r->hits[1].article,
                     *e = r->hits[2].article;
    CHECK(strcmp(b->date, "2025-03-01") == 0);
    CHECK(b->date_precision == PX_PREC_MONTH);
    px_article_date_label(b, label);
    CHECK(strcmp(label, "2025-03") == 0);
    CHECK(strcmp(c->date, "2025-01-01") == 0);
    CHECK(c->date_precision == PX_PREC_YEAR);
    px_article_date_label(c, label);
    CHECK(strcmp(label, "2025") == 0);
    /* Undated: nothing to be precise about. */
    CHECK(e->date[0] == '\0' && e->date_precision == PX_PREC_DAY);
    px_article_date_label(e, label);
    CHECK(label[0] == '\0');
    px_results_free(r);
}

static void check_names(void)
{
    CHECK(strcmp(px_date_precision_name(PX_PREC_DAY), "day") == 0);
    CHECK(strcmp(px_date_precision_name(PX_PREC_MONTH), "month") == 0);
    CHECK(strcmp(px_date_precision_name(PX_PREC_YEAR), "year") == 0);
    CHECK(strcmp(px_date_precision_name((px_date_precision)9), "day") == 0);
    CHECK(px_date_precision_from_name("month") == PX_PREC_MONTH);
    CHECK(px_date_precision_from_name("year") == PX_PREC_YEAR);
    CHECK(px_date_precision_from_name(NULL) == PX_PREC_DAY);
    CHECK(px_date_precision_from_name("fortnight") == PX_PREC_DAY);
}

/* Re-adding: the same precision is unchanged, a new one is an update, a
** precision out of range or a coarse date not written YYYY-MM-DD is
** refused. */
static void check_readd(px_index *ix)
{
    px_add_result res = PX_ADD_NEW;
    CHECK(add(ix, article("B", "2025-03-09", PX_PREC_MONTH, "bravo"), &res)
          == PX_OK);
    CHECK(res == PX_ADD_UNCHANGED);
    CHECK(add(ix, article("A", "2025-03-01", PX_PREC_DAY, "alpha"), &res)
          == PX_OK);
    CHECK(res == PX_ADD_UNCHANGED);
    CHECK(add(ix, article("X", "2025-03-01", (px_date_precision)7, "x"), 0)
          == PX_EINVAL);
    CHECK(add(ix, article("X", "March 2025", PX_PREC_MONTH, "x"), 0)
          == PX_EINVAL);
    CHECK(add(ix, article("B", "2025-03-01", PX_PREC_DAY, "bravo"), &res)
          == PX_OK);
    CHECK(res == PX_ADD_UPDATED);
    px_err err = {""};
    CHECK(px_index_commit(ix, &err) == PX_OK);
    MATCHES("date:2025-03-01", NULL, NULL, "AB");
    CHECK(add(ix, article("B", "2025-03-01", PX_PREC_MONTH, "bravo"), &res)
          == PX_OK);
    CHECK(res == PX_ADD_UPDATED);
    CHECK(px_index_commit(ix, &err) == PX_OK);
    MATCHES("date:2025-03-01", NULL, NULL, "A");
}

static void test_index(void)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/idx", tmpdir);
    px_index *ix = NULL;
    px_err err = {""};
    REQUIRE(px_index_open(dir, PX_OPEN_WRITE, NULL, &ix, &err) == PX_OK);
    build(ix);
    check_queries(ix);
    check_facets_and_sort(ix);
    check_stored(ix);
    check_readd(ix);
    /* Xapian rebuilt from the store alone must answer the same. */
    REQUIRE(px_index_reindex(ix, NULL, NULL, &err) == PX_OK);
    check_queries(ix);
    check_facets_and_sort(ix);
    REQUIRE(px_index_close(ix, &err) == PX_OK);
    /* And a reader sees what the writer wrote. */
    REQUIRE(px_index_open(dir, PX_OPEN_READ, NULL, &ix, &err) == PX_OK);
    check_queries(ix);
    check_stored(ix);
    px_index_close(ix, &err);
}

static int user_version(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) ==
            SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* Makes a current store look like one written before precisions existed
** (schema version 3: no date_precision column, no outlet spellings). */
static int downgrade(const char *path)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "ALTER TABLE articles DROP COLUMN "
                          "date_precision; DROP TABLE outlet_spellings; "
                          "PRAGMA user_version = 3;",
                          NULL, NULL, NULL);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

static void test_old_store(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/old.sqlite", tmpdir);
    px_store *s = NULL;
    px_err err = {""};
    REQUIRE(px_store_open(path, 1, &s, &err) == PX_OK);
    int version = user_version(path);
    CHECK(version >= 4);
    px_article *a = article("old", "2024-11-05", PX_PREC_DAY, "old");
    px_hash_hex(a->body, strlen(a->body), a->hash);
    REQUIRE(px_store_begin(s, &err) == PX_OK);
    REQUIRE(px_store_put(s, a, &err) == PX_OK);
    REQUIRE(px_store_commit(s, &err) == PX_OK);
    int64_t docid = a->docid;
    px_article_free(a);
    px_store_close(s);
    REQUIRE(downgrade(path));
    CHECK(user_version(path) == 3);
    /* A reader cannot migrate, but reads the old store as it is: every
    ** date in it was a day.  The file stays at version 3. */
    s = NULL;
    REQUIRE(px_store_open(path, 0, &s, &err) == PX_OK);
    a = NULL;
    REQUIRE(px_store_get(s, docid, 0, &a, &err) == PX_OK);
    CHECK(strcmp(a->date, "2024-11-05") == 0);
    CHECK(a->date_precision == PX_PREC_DAY);
    px_article_free(a);
    size_t n = 0;
    CHECK(px_store_count(s, &n, &err) == PX_OK && n == 1);
    px_store_close(s);
    CHECK(user_version(path) == 3);
    /* A writer migrates it. */
    REQUIRE(px_store_open(path, 1, &s, &err) == PX_OK);
    CHECK(user_version(path) == version);
    a = NULL;
    REQUIRE(px_store_get(s, docid, 1, &a, &err) == PX_OK);
    CHECK(strcmp(a->date, "2024-11-05") == 0);
    CHECK(a->date_precision == PX_PREC_DAY);
    px_article_free(a);
    px_store_close(s);
}

/* A whole index whose store predates precisions: searchable read-only
** as it is, and migrated by the next writer. */
static void test_old_index(void)
{
    char dir[300], path[340];
    snprintf(dir, sizeof dir, "%s/oldidx", tmpdir);
    snprintf(path, sizeof path, "%s/articles.sqlite", dir);
    px_index *ix = NULL;
    px_err err = {""};
    REQUIRE(px_index_open(dir, PX_OPEN_WRITE, NULL, &ix, &err) == PX_OK);
    CHECK(add(ix, article("A", "2024-11-05", PX_PREC_DAY, "alpha"), 0) == PX_OK);
    REQUIRE(px_index_close(ix, &err) == PX_OK);
    REQUIRE(downgrade(path));
    REQUIRE(px_index_open(dir, PX_OPEN_READ, NULL, &ix, &err) == PX_OK);
    MATCHES("date:2024-11-05", NULL, NULL, "A");
    MATCHES("date:2024-11", NULL, NULL, "A");
    px_index_close(ix, &err);
    CHECK(user_version(path) == 3);
    REQUIRE(px_index_open(dir, PX_OPEN_WRITE, NULL, &ix, &err) == PX_OK);
    CHECK(user_version(path) > 3);
    MATCHES("date:2024-11-05", NULL, NULL, "A");
    REQUIRE(px_index_close(ix, &err) == PX_OK);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/pressdex-prec.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    check_names();
    test_index();
    test_old_store();
    test_old_index();
    check_remove_tree(tmpdir);
    return CHECK_REPORT();
}
