/*
** test_schema.c — the index schema as written to disk: an article added
** through the public API must produce exactly the terms and values that
** schema.h promises, and the date helpers must accept what the query
** syntax documents.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_internal.h"
#include "schema.h"
#include "check.h"

static unsigned freq(px_xdb *db, const char *term)
{
    unsigned n = 0;
    px_err err;
    if (px_xdb_termfreq(db, term, &n, &err) != PX_OK)
        fprintf(stderr, "termfreq %s: %s\n", term, err.msg);
    return n;
}

static px_article *article(const char *id, const char *outlet,
                           const char *date, const char *title,
                           const char *author, const char *body)
{
    px_article *a = px_article_new();
    px_article_set(&a->ext_id, id, strlen(id));
    px_article_set(&a->source, "/nowhere/test.txt", 17);
    if (outlet)
        px_article_set(&a->outlet, outlet, strlen(outlet));
    if (date) {
        snprintf(a->date, sizeof a->date, "%s", date);
        a->date_source = PX_DATE_HEADER;
    }
    px_article_set(&a->title, title, strlen(title));
    if (author)
        px_article_set(&a->author, author, strlen(author));
    px_article_set(&a->body, body, strlen(body));
    return a;
}

static void test_terms(const char *dir)
{
    px_err err = {""};
    px_index *ix = NULL;
    px_add_result res;
    CHECK(px_index_open(dir, PX_OPEN_WRITE, NULL, &ix, &err) == PX_OK);
    if (!ix) {
        fprintf(stderr, "open: %s\n", err.msg);
        return;
    }
    px_article *a = article("one", "The Example Post", "2025-01-14",
                            "Ferry strike ends", "Ana Ruiz",
                            "Negotiations ended at the harbour.");
    px_article *b = article("two", NULL, NULL, "Storm", NULL,
                            "A storm closed the bridge.");
    CHECK(px_index_add(ix, a, &res, &err) == PX_OK && res == PX_ADD_NEW);
    CHECK(px_index_add(ix, b, &res, &err) == PX_OK && res == PX_ADD_NEW);
    CHECK(px_index_commit(ix, &err) == PX_OK);
    char qterm[32];
    snprintf(qterm, sizeof qterm, "Q%lld", (long long)a->docid);
    px_xdb *db = ix->xdb;
    CHECK(freq(db, qterm) == 1);
    CHECK(freq(db, "XOexample post") == 1);
    CHECK(freq(db, "XAana ruiz") == 1);
    CHECK(freq(db, "Y2025") == 1);
    CHECK(freq(db, "M202501") == 1);
    CHECK(freq(db, "D20250114") == 1);
    CHECK(freq(db, "XU") == 1);            /* b has no date */
    CHECK(freq(db, "Sferry") == 1);        /* title: prefix, unstemmed */
    CHECK(freq(db, "ZSferri") == 1);       /* title: prefix, stemmed */
    CHECK(freq(db, "ferry") == 1);         /* title words in the body field */
    CHECK(freq(db, "negotiations") == 1);  /* unstemmed, for "quotes" */
    CHECK(freq(db, "Znegoti") == 1);       /* stemmed */
    CHECK(freq(db, "Aruiz") == 1);         /* author: */
    /* Adding the same content again is a no-op; a change replaces. */
    CHECK(px_index_add(ix, a, &res, &err) == PX_OK &&
          res == PX_ADD_UNCHANGED);
    px_article_set(&a->body, "Talks resumed.", 14);
    CHECK(px_index_add(ix, a, &res, &err) == PX_OK && res == PX_ADD_UPDATED);
    CHECK(px_index_commit(ix, &err) == PX_OK);
    CHECK(freq(db, "negotiations") == 0);
    CHECK(freq(db, "talks") == 1);
    unsigned count = 0;
    CHECK(px_xdb_doccount(db, &count, &err) == PX_OK && count == 2);
    px_article_free(a);
    px_article_free(b);
    CHECK(px_index_close(ix, &err) == PX_OK);
}

static void test_date_bounds(void)
{
    char lo[9], hi[9];
    CHECK(px_date_bounds("2025", lo, hi) && !strcmp(lo, "20250101") &&
          !strcmp(hi, "20251231"));
    CHECK(px_date_bounds("2025-02", lo, hi) && !strcmp(lo, "20250201") &&
          !strcmp(hi, "20250231"));
    CHECK(px_date_bounds("2025-02-28", lo, hi) && !strcmp(lo, "20250228") &&
          !strcmp(hi, "20250228"));
    CHECK(!px_date_bounds("2025-13", lo, hi));
    CHECK(!px_date_bounds("yesterday", lo, hi));
    CHECK(!px_date_bounds("", lo, hi));
}

int main(void)
{
    char dir[] = "/tmp/pressdex-schema.XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    test_terms(dir);
    test_date_bounds();
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return CHECK_REPORT();
}
