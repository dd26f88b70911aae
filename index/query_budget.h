/*
** query_budget.h — the query cost budget (pressdex.h, "The query cost
** budget"): what one search may cost in text, nesting, terms and time.
** Private to the library; index_search.c and index_highlight.c hold every
** query to it.
*/
#ifndef PX_QUERY_BUDGET_H
#define PX_QUERY_BUDGET_H

#include <time.h>

#include "pressdex.h"
#include "xapian_wrap.h"

/* The clock of one search: started once, read between its stages. */
typedef struct {
    struct timespec start;
    double limit;              /* seconds; 0: no limit */
} px_budget;

void px_budget_start(px_budget *b, double limit);
/* Seconds since the start. */
double px_budget_elapsed(const px_budget *b);
/* Seconds left (0 when spent); a large number when there is no limit. */
double px_budget_left(const px_budget *b);
/* Non-zero when the search has a limit and has used it up. */
int px_budget_spent(const px_budget *b);

/* The caps checked on query text before it is parsed: its length and how
** deep its parentheses nest (Xapian's parser and query tree recurse once
** per level, so a deep enough query would overflow the stack).  PX_OK, or
** PX_ELIMIT naming the cap. */
px_status px_budget_check_text(const char *query, px_err *err);
/* The cap on the terms a parsed query expands to (px_xquery_cost), checked
** before matching: each term costs the matcher a posting list. */
px_status px_budget_check_terms(px_xdb *db, const px_xquery *q, px_err *err);

#endif /* PX_QUERY_BUDGET_H */
