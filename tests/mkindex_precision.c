/*
** mkindex_precision.c — builds the date-precision fixture index for
** tests/e2e/date_precision.sh through the library API, since the JSON
** Lines reader of pressdex-index cannot carry a precision yet.
**
** Usage: mkindex_precision DIR.  Five articles, all mentioning "harbour":
** "Day story" 2025-03-01, "Month story" March 2025 (month precision),
** "Year story" 2025 (year precision), "Later story" 2025-03-20 and
** "Undated story".  Exit status 0 on success, 2 on any failure.
*/
#include <stdio.h>
#include <string.h>

#include "pressdex.h"

static int add(px_index *ix, const char *title, const char *date,
               px_date_precision prec, const char *word)
{
    char body[160];
    snprintf(body, sizeof body, "The harbour board met about the %s "
             "dredging plan on the quay.", word);
    px_article *a = px_article_new();
    px_add_result res;
    px_err err = {""};
    px_status st = a ? PX_OK : PX_ENOMEM;
    if (st == PX_OK) st = px_article_set(&a->ext_id, title, strlen(title));
    if (st == PX_OK) st = px_article_set(&a->source, "/fixture", 8);
    if (st == PX_OK) st = px_article_set(&a->title, title, strlen(title));
    if (st == PX_OK) st = px_article_set(&a->outlet, "Harbor Herald", 13);
    if (st == PX_OK) st = px_article_set(&a->body, body, strlen(body));
    if (st == PX_OK) {
        snprintf(a->date, sizeof a->date, "%s", date);
        a->date_source = *date ? PX_DATE_META : PX_DATE_UNKNOWN;
        a->date_precision = prec;
        st = px_index_add(ix, a, &res, &err);
    }
    if (st != PX_OK)
        fprintf(stderr, "mkindex_precision: %s: %s\n", title,
                err.msg[0] ? err.msg : px_status_str(st));
    px_article_free(a);
    return st == PX_OK;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mkindex_precision DIR\n");
        return 2;
    }
    px_index *ix = NULL;
    px_err err = {""};
    if (px_index_open(argv[1], PX_OPEN_WRITE, NULL, &ix, &err) != PX_OK) {
        fprintf(stderr, "mkindex_precision: %s\n", err.msg);
        return 2;
    }
    int ok = add(ix, "Day story", "2025-03-01", PX_PREC_DAY, "alpha") &&
             add(ix, "Month story", "2025-03-01", PX_PREC_MONTH, "bravo") &&
             add(ix, "Year story", "2025-01-01", PX_PREC_YEAR, "charlie") &&
             add(ix, "Later story", "2025-03-20", PX_PREC_DAY, "delta") &&
             add(ix, "Undated story", "", PX_PREC_DAY, "echo");
    if (px_index_close(ix, &err) != PX_OK) {
        fprintf(stderr, "mkindex_precision: %s\n", err.msg);
        ok = 0;
    }
    return ok ? 0 : 2;
}
