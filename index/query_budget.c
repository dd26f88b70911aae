/*
** query_budget.c — holding each search to its cost budget.
**
** A query is hostile input to the page and costly input to everyone: a
** few hundred wildcards once held a page process for half a minute and a
** quarter of a gigabyte, and deep enough parentheses crashed Xapian's
** parser.  The budget has two kinds of caps.  Caps on the query itself
** (length, nesting, expanded terms) are checked before Xapian does the
** costly part — parsing, opening one posting list per term — and refuse
** the query with a message naming the cap, because only the user can make
** a smaller query.  The time limit instead bounds the whole search: the
** stages check the clock between them, and the match itself is ended at
** the deadline (xapian_search.cc), so that the user gets the best hits
** found in time rather than nothing.
*/
#include <stdio.h>
#include <string.h>

#include "query_budget.h"

void px_budget_start(px_budget *b, double limit)
{
    clock_gettime(CLOCK_MONOTONIC, &b->start);
    b->limit = limit > 0 ? limit : 0;
}

double px_budget_elapsed(const px_budget *b)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - b->start.tv_sec) +
           (now.tv_nsec - b->start.tv_nsec) / 1e9;
}

double px_budget_left(const px_budget *b)
{
    if (b->limit <= 0)
        return 1e9;
    double left = b->limit - px_budget_elapsed(b);
    return left > 0 ? left : 0;
}

int px_budget_spent(const px_budget *b)
{
    return b->limit > 0 && px_budget_left(b) <= 0;
}

/* Each message names its cap in parentheses, where px_err_cap finds it. */
px_status px_budget_check_text(const char *query, px_err *err)
{
    size_t n = query ? strlen(query) : 0;
    if (n > PX_QUERY_MAX_BYTES)
        return px_err_set(err, PX_ELIMIT, "the query is %zu bytes long, over "
                    "the cap of %d bytes on a query (query_bytes): shorten "
                    "it, or split it into several searches", n,
                    PX_QUERY_MAX_BYTES);
    /* Every '(' counts, inside a phrase too: a bound that a real query
    ** never reaches need not follow the parser's grammar exactly. */
    size_t depth = 0, deepest = 0;
    for (size_t i = 0; i < n; i++) {
        if (query[i] == '(' && ++depth > deepest)
            deepest = depth;
        else if (query[i] == ')' && depth > 0)
            depth--;
    }
    if (deepest > PX_QUERY_MAX_DEPTH)
        return px_err_set(err, PX_ELIMIT, "the query nests parentheses %zu deep, "
                    "over the cap of %d levels (nesting): remove some of "
                    "its brackets", deepest, PX_QUERY_MAX_DEPTH);
    return PX_OK;
}

px_status px_budget_check_terms(px_xdb *db, const px_xquery *q, px_err *err)
{
    unsigned terms = 0, wildcards = 0;
    px_status st = px_xquery_cost(db, q, PX_QUERY_MAX_TERMS, &terms,
                                  &wildcards, err);
    if (st != PX_OK || terms <= PX_QUERY_MAX_TERMS)
        return st;
    if (wildcards == 0)
        return px_err_set(err, PX_ELIMIT, "the query has more than %zu terms, over "
                    "the cap of %d terms a query may expand to (terms): "
                    "use fewer words", (size_t)PX_QUERY_MAX_TERMS,
                    PX_QUERY_MAX_TERMS);
    st = px_err_set(err, PX_ELIMIT, "the query's words and wildcards expand to more "
              "than %zu terms, over the cap of %d terms a query may expand "
              "to (terms)", (size_t)PX_QUERY_MAX_TERMS, PX_QUERY_MAX_TERMS);
    size_t len = strlen(err ? err->msg : "");
    if (err)
        snprintf(err->msg + len, sizeof err->msg - len, ": of its %u "
                 "wildcards, use fewer, or longer prefixes (negotia* "
                 "rather than ne*)", wildcards);
    return st;
}
