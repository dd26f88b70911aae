/*
** index_dates.c — publication dates in the Xapian index, written and
** queried: the terms and values a date becomes (index_write.c calls
** px_index_date_terms), and the queries that `date:`, --from and --to
** become (index_search.c calls px_index_date_field and
** px_index_date_filter).
**
** A date has a precision (pressdex.h): a day, or only a month or a year,
** stored as the period's first day.  A query asks for a span of days, and
** an article matches when its whole period lies in the span.  The start
** of the period is in PX_SLOT_DATE, so one value range checks start >= lo
** and, for days, start <= hi.  A month or a year can start before hi and
** still end after it; only the month and the year holding hi itself can,
** and month- and year-precise articles carry a term naming their period
** (PX_PREFIX_MONTH_ONLY, PX_PREFIX_YEAR_ONLY), so those two terms are
** excluded when hi falls inside them.  Day-precise documents are written
** as before precisions existed, and an index built then answers the same.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_internal.h"
#include "schema.h"

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The number written by the n digits at s. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in_month(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return m >= 1 && m <= 12 ? mdays[m - 1] : 31;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */
/* ------------------------------------------------------------------ */

px_status px_index_date_normalize(px_article *a, px_err *err)
{
    if ((unsigned)a->date_precision > PX_PREC_YEAR)
        return px_err_set(err, PX_EINVAL, "%s: date precision %d is not a "
                          "day, month or year", a->ext_id ? a->ext_id : "",
                          (int)a->date_precision);
    if (!a->date[0]) {
        /* Unknown is a value of its own, not a coarse date. */
        a->date_precision = PX_PREC_DAY;
        return PX_OK;
    }
    const char *d = a->date;
    if (strlen(d) != 10 || !all_digits(d, 4) || d[4] != '-' ||
        !all_digits(d + 5, 2) || d[7] != '-' || !all_digits(d + 8, 2))
        return px_err_set(err, PX_EINVAL, "%s: date \"%s\" is not written "
                          "YYYY-MM-DD", a->ext_id ? a->ext_id : "", d);
    /* The day (and month) of a coarse date mean nothing: make them 01 so
    ** that sorting puts the period at its start and equal periods agree. */
    if (a->date_precision == PX_PREC_YEAR)
        memcpy(a->date + 5, "01-01", 5);
    else if (a->date_precision == PX_PREC_MONTH)
        memcpy(a->date + 8, "01", 2);
    return PX_OK;
}

static px_status add_term(px_xdoc *doc, const char *prefix, const char *v,
                          px_err *err)
{
    char term[32];
    snprintf(term, sizeof term, "%s%s", prefix, v);
    return px_xdoc_add_term(doc, term, 0, err);
}

px_status px_index_date_terms(px_xdoc *doc, const px_article *a, px_err *err)
{
    if (!a->date[0]) {
        px_status st = px_xdoc_add_term(doc, PX_PREFIX_UNDATED, 0, err);
        if (st == PX_OK)
            st = px_xdoc_set_value(doc, PX_SLOT_OLDEST, "~", 1, err);
        return st;
    }
    char ymd[9], ym[7], y[5], facet[8];
    snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", a->date, a->date + 5,
             a->date + 8);
    snprintf(ym, sizeof ym, "%.6s", ymd);
    snprintf(y, sizeof y, "%.4s", ymd);
    /* The month facet: "YYYY-MM", or the bare year when no month is known
    ** (its own bucket, sorting before the year's months). */
    px_date_precision p = a->date_precision;
    snprintf(facet, sizeof facet, "%.*s", p == PX_PREC_YEAR ? 4 : 7, a->date);
    px_status st = add_term(doc, PX_PREFIX_YEAR, y, err);
    if (st == PX_OK && p != PX_PREC_YEAR)
        st = add_term(doc, PX_PREFIX_MONTH, ym, err);
    if (st == PX_OK && p == PX_PREC_DAY)
        st = add_term(doc, PX_PREFIX_DAY, ymd, err);
    if (st == PX_OK && p == PX_PREC_MONTH)
        st = add_term(doc, PX_PREFIX_MONTH_ONLY, ym, err);
    if (st == PX_OK && p == PX_PREC_YEAR)
        st = add_term(doc, PX_PREFIX_YEAR_ONLY, y, err);
    if (st == PX_OK) st = px_xdoc_set_value(doc, PX_SLOT_DATE, ymd, 8, err);
    if (st == PX_OK) st = px_xdoc_set_value(doc, PX_SLOT_OLDEST, ymd, 8, err);
    if (st == PX_OK)
        st = px_xdoc_set_value(doc, PX_SLOT_MONTH, facet, strlen(facet), err);
    return st;
}

/* ------------------------------------------------------------------ */
/* Querying                                                             */
/* ------------------------------------------------------------------ */

int px_date_bounds(const char *s, char lo[9], char hi[9])
{
    size_t n = strlen(s);
    char full[11];
    if (n == 4 && all_digits(s, 4)) {
        snprintf(lo, 9, "%.4s0101", s);
        snprintf(hi, 9, "%.4s1231", s);
        return 1;
    }
    if (n == 7 && all_digits(s, 4) && (s[4] == '-' || s[4] == '/') &&
        all_digits(s + 5, 2)) {
        int m = digits(s + 5, 2);
        if (m < 1 || m > 12)
            return 0;
        /* Day 31 for every month: a bound, not a date, and no day sorts
        ** after it. */
        snprintf(lo, 9, "%.4s%.2s01", s, s + 5);
        snprintf(hi, 9, "%.4s%.2s31", s, s + 5);
        return 1;
    }
    if (!px_date_parse(s, full))
        return 0;
    snprintf(lo, 9, "%.4s%.2s%.2s", full, full + 5, full + 8);
    memcpy(hi, lo, 9);
    return 1;
}

/* The terms of the coarse periods that start on or before `hi` but end
** after it: the month holding hi unless hi is its last day (or the 31st
** that px_date_bounds gives every month), the year holding hi unless hi
** is 31 December.  *n receives how many (0-2). */
static px_status overhanging(const char *hi, px_xquery *terms[2], size_t *n,
                             px_err *err)
{
    char term[32];
    int y = digits(hi, 4), m = digits(hi + 4, 2), d = digits(hi + 6, 2);
    px_status st = PX_OK;
    *n = 0;
    if (d < days_in_month(y, m)) {
        snprintf(term, sizeof term, "%s%.6s", PX_PREFIX_MONTH_ONLY, hi);
        st = px_xquery_term(term, 1, 0, &terms[(*n)++], err);
    }
    if (st == PX_OK && strcmp(hi + 4, "1231") < 0) {
        snprintf(term, sizeof term, "%s%.4s", PX_PREFIX_YEAR_ONLY, hi);
        st = px_xquery_term(term, 1, 0, &terms[(*n)++], err);
    }
    return st;
}

/* Articles whose whole period lies in [lo, hi] ("YYYYMMDD", either NULL
** for an open side). */
static px_status span_query(const char *lo, const char *hi, px_xquery **out,
                            px_err *err)
{
    px_xquery *range = NULL, *terms[2] = {NULL, NULL}, *parts[2];
    size_t n = 0;
    px_status st = px_xquery_value_range(PX_SLOT_DATE, lo, hi, &range, err);
    if (st == PX_OK && hi)
        st = overhanging(hi, terms, &n, err);
    if (st == PX_OK && n == 0) {
        *out = range;
        return PX_OK;
    }
    parts[0] = range;
    if (st == PX_OK)
        st = px_xquery_combine(PX_XOP_OR, terms, n, 0, &parts[1], err);
    if (st == PX_OK) {
        st = px_xquery_combine(PX_XOP_AND_NOT, parts, 2, 0, out, err);
        px_xquery_free(parts[1]);
    }
    px_xquery_free(range);
    for (size_t i = 0; i < n; i++)
        px_xquery_free(terms[i]);
    return st;
}

/* date:VALUE where VALUE is a day, month or year, "A..B", "..B", "A..",
** or "unknown". */
px_status px_index_date_field(void *ctx, const char *value, px_xquery **out,
                              px_err *err)
{
    (void)ctx;
    char lo[9] = "", hi[9] = "", tmp[9];
    if (strcmp(value, "unknown") == 0)
        return px_xquery_term(PX_PREFIX_UNDATED, 1, 0, out, err);
    const char *dots = strstr(value, "..");
    if (!dots) {
        if (!px_date_bounds(value, lo, hi))
            goto bad;
        return span_query(lo, hi, out, err);
    }
    char left[64], right[64];
    size_t ln = (size_t)(dots - value);
    if (ln >= sizeof left || strlen(dots + 2) >= sizeof right)
        goto bad;
    memcpy(left, value, ln);
    left[ln] = '\0';
    strcpy(right, dots + 2);
    if ((!*left && !*right) || (*left && !px_date_bounds(left, lo, tmp)) ||
        (*right && !px_date_bounds(right, tmp, hi)))
        goto bad;
    return span_query(*left ? lo : NULL, *right ? hi : NULL, out, err);
bad:
    return px_err_set(err, PX_EQUERY,
        "date:%s is not a date: use date:YYYY, date:YYYY-MM, "
        "date:YYYY-MM-DD, a range date:FROM..TO (either side may be left "
        "open) or date:unknown", value);
}

px_status px_index_date_filter(const char *from, const char *to,
                               px_xquery **out, px_err *err)
{
    char lo[9], hi[9], tmp[9];
    if (from && !px_date_bounds(from, lo, tmp))
        return px_err_set(err, PX_EINVAL, "--from %s is not a date", from);
    if (to && !px_date_bounds(to, tmp, hi))
        return px_err_set(err, PX_EINVAL, "--to %s is not a date", to);
    return span_query(from ? lo : NULL, to ? hi : NULL, out, err);
}
