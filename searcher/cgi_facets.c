/*
** cgi_facets.c — the filter side of the search page: the outlet facet list
** (click to add an outlet filter, click again to remove it; several OR'd),
** the month histogram drawn as inline SVG bars (click a bar to narrow to
** that month), and the chips that show and remove the active filters.
**
** Every control is a plain link to the neighbouring state, built by
** copying the current cgi_params and changing one thing, so the back
** button and shared links work and no script is needed.  Articles with no
** outlet or no date are shown as counts of their own, never dropped.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi_html.h"

#define HIST_MAX_BARS 120     /* ten years of months; beyond, only filled */
#define FACET_MAX_OUTLETS 50  /* the sidebar lists the most frequent only */

int cgi_month_end(const char *ym, char out[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                31};
    char first[11];
    if (!ym || strlen(ym) != 7)
        return 0;
    snprintf(first, sizeof first, "%s-01", ym);
    if (!cgi_valid_date(first))
        return 0;
    int y = atoi(ym), m = atoi(ym + 5);
    int d = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        d = 29;
    snprintf(out, 11, "%.7s-%02d", ym, d);
    return 1;
}

/* The month "YYYY-MM" when the date filter is exactly that whole month. */
static int filter_month(const cgi_params *p, char ym[8])
{
    char end[11];
    if (strlen(p->from) != 10 || strcmp(p->from + 7, "-01") != 0)
        return 0;
    snprintf(ym, 8, "%.7s", p->from);
    return cgi_month_end(ym, end) && strcmp(end, p->to) == 0;
}

/* Index of the active filter matching outlet `name`, or -1.  Filters
** match outlets by key, as the search does ("The Herald" == "herald"). */
static int outlet_filter_index(const cgi_params *p, const char *name)
{
    char *key = px_outlet_key(name);
    int found = -1;
    for (size_t i = 0; key && found < 0 && i < p->n_outlets; i++) {
        char *k = px_outlet_key(p->outlets[i]);
        if (k && strcmp(k, key) == 0)
            found = (int)i;
        free(k);
    }
    free(key);
    return found;
}

/* A link to the state *p with outlet filter `drop` removed (index into
** p->outlets) or outlet `add` added; written as the attribute href="…". */
static void outlet_href(cgi_buf *b, const cgi_params *p, int drop,
                        char *add)
{
    char *list[CGI_MAX_OUTLETS + 1];
    size_t n = 0;
    for (size_t i = 0; i < p->n_outlets; i++)
        if ((int)i != drop)
            list[n++] = p->outlets[i];
    if (add && n < CGI_MAX_OUTLETS)
        list[n++] = add;
    cgi_params t = *p;
    t.outlets = list;
    t.n_outlets = n;
    t.offset = 0;
    cgi_html_href(b, &t);
}

static void chip(cgi_buf *b, const cgi_params *t, const char *kind,
                 const char *label, const char *value)
{
    cgi_buf_printf(b, "<li><a class=\"chip\" data-filter=\"%s\" ", kind);
    cgi_html_href(b, t);
    cgi_buf_puts(b, " aria-label=\"Remove filter ");
    cgi_html_esc(b, label);
    cgi_buf_puts(b, " ");
    cgi_html_esc(b, value);
    cgi_buf_puts(b, "\">");
    cgi_html_esc(b, label);
    cgi_buf_puts(b, ": <span class=\"value\">");
    cgi_html_esc(b, value);
    cgi_buf_puts(b, "</span> <span aria-hidden=\"true\">\xC3\x97</span>"
                    "</a></li>");
}

void cgi_html_chips(cgi_buf *b, const cgi_params *p)
{
    char ym[8];
    if (!p->n_outlets && !p->from[0] && !p->to[0])
        return;
    cgi_buf_puts(b, "<h2 class=\"visually-hidden\">Active filters</h2>"
                    "<ul class=\"chips\" id=\"chips\">");
    for (size_t i = 0; i < p->n_outlets; i++) {
        cgi_buf_puts(b, "<li><a class=\"chip\" data-filter=\"outlet\" ");
        outlet_href(b, p, (int)i, NULL);
        cgi_buf_puts(b, " aria-label=\"Remove filter outlet ");
        cgi_html_esc(b, p->outlets[i]);
        cgi_buf_puts(b, "\">Outlet: <span class=\"value\">");
        cgi_html_esc(b, p->outlets[i]);
        cgi_buf_puts(b, "</span> <span aria-hidden=\"true\">\xC3\x97</span>"
                        "</a></li>");
    }
    cgi_params t = *p;
    t.offset = 0;
    if (filter_month(p, ym)) {
        t.from[0] = t.to[0] = '\0';
        chip(b, &t, "month", "Month", ym);
    } else {
        if (p->from[0]) {
            t.from[0] = '\0';
            chip(b, &t, "from", "From", p->from);
            snprintf(t.from, sizeof t.from, "%s", p->from);
        }
        if (p->to[0]) {
            t.to[0] = '\0';
            chip(b, &t, "to", "To", p->to);
        }
    }
    cgi_buf_puts(b, "</ul>\n");
}

static void outlet_item(cgi_buf *b, const cgi_params *p, const px_facet *f)
{
    if (!f->value) {
        cgi_buf_printf(b, "<li><span class=\"facet unknown\"><span "
                       "class=\"name\">Unknown outlet</span> <span "
                       "class=\"count\">%zu</span></span></li>", f->count);
        return;
    }
    int active = outlet_filter_index(p, f->value);
    if (active < 0 && p->n_outlets >= CGI_MAX_OUTLETS) {
        cgi_buf_puts(b, "<li><span class=\"facet\"><span class=\"name\">");
        cgi_html_esc(b, f->value);
        cgi_buf_printf(b, "</span> <span class=\"count\">%zu</span></span>"
                       "</li>", f->count);
        return;
    }
    cgi_buf_printf(b, "<li><a class=\"facet%s\"%s ",
                   active >= 0 ? " active" : "",
                   active >= 0 ? " aria-current=\"true\"" : "");
    outlet_href(b, p, active, active >= 0 ? NULL : f->value);
    cgi_buf_puts(b, " data-outlet=\"");
    cgi_html_esc(b, f->value);
    cgi_buf_puts(b, "\"><span class=\"name\">");
    cgi_html_esc(b, f->value);
    cgi_buf_printf(b, "</span> <span class=\"count\">%zu</span></a></li>",
                   f->count);
}

static void outlet_facets(cgi_buf *b, const cgi_params *p,
                          const px_results *r)
{
    cgi_buf_puts(b, "<section aria-labelledby=\"h-outlets\">"
                    "<h2 id=\"h-outlets\">Outlets</h2>"
                    "<ul class=\"facets\" id=\"outlets\">");
    size_t shown = 0;
    for (size_t i = 0; i < r->n_outlet_facets; i++) {
        const px_facet *f = &r->outlet_facets[i];
        if (f->value && shown++ >= FACET_MAX_OUTLETS)
            continue;
        outlet_item(b, p, f);
    }
    if (!r->n_outlet_facets)
        cgi_buf_puts(b, "<li>None</li>");
    cgi_buf_puts(b, "</ul></section>\n");
}

/* Months since year 0 of a "YYYY-MM" facet value, or -1. */
static long month_index(const char *v)
{
    char end[11];
    if (!cgi_month_end(v, end))
        return -1;
    return atol(v) * 12 + atol(v + 5) - 1;
}

static void bar(cgi_buf *b, const cgi_params *p, const char *ym,
                size_t count, size_t max, size_t slot)
{
    char end[11], active[8];
    unsigned h = count ? (unsigned)(2 + count * 94 / (max ? max : 1)) : 2;
    if (!count) {
        cgi_buf_printf(b, "<rect class=\"empty\" x=\"%zu\" y=\"98\" "
                       "width=\"8\" height=\"2\"><title>%s: no articles"
                       "</title></rect>", slot * 10 + 1, ym);
        return;
    }
    cgi_params t = *p;
    t.offset = 0;
    snprintf(t.from, sizeof t.from, "%.7s-01", ym);
    cgi_month_end(ym, end);
    snprintf(t.to, sizeof t.to, "%s", end);
    int on = filter_month(p, active) && strcmp(active, ym) == 0;
    cgi_buf_printf(b, "<a class=\"bar%s\" data-month=\"%s\" data-count="
                   "\"%zu\" aria-label=\"%s: %zu article%s\" ",
                   on ? " active" : "", ym, count, ym, count,
                   count == 1 ? "" : "s");
    cgi_html_href(b, &t);
    cgi_buf_printf(b, "><rect x=\"%zu\" y=\"%u\" width=\"8\" height=\"%u\">"
                   "<title>%s: %zu article%s</title></rect></a>",
                   slot * 10 + 1, 100 - h, h, ym, count,
                   count == 1 ? "" : "s");
}

/* Matches dated only to a year have a facet bucket "YYYY" of their own
** (pressdex.h): listed under the bars, each a link narrowing to its year,
** rather than drawn into a month they may not belong to. */
static void year_only(cgi_buf *b, const cgi_params *p, const px_results *r)
{
    int any = 0;
    for (size_t i = 0; i < r->n_month_facets; i++) {
        const px_facet *f = &r->month_facets[i];
        if (!f->value || strlen(f->value) != 4)
            continue;
        if (!any++)
            cgi_buf_puts(b, "<p class=\"year-only\" id=\"year-only\">"
                            "Dated to the year only:");
        cgi_params t = *p;
        t.offset = 0;
        snprintf(t.from, sizeof t.from, "%.4s-01-01", f->value);
        snprintf(t.to, sizeof t.to, "%.4s-12-31", f->value);
        cgi_buf_printf(b, " <a data-year=\"%.4s\" ", f->value);
        cgi_html_href(b, &t);
        cgi_buf_printf(b, ">%.4s</a> <span class=\"count\">%zu</span>",
                       f->value, f->count);
    }
    if (any)
        cgi_buf_puts(b, "</p>");
}

/* Bars for every month from the first dated match to the last, empty
** months included so the gaps show; when that span is too long for the
** sidebar only the months with matches are drawn. */
static void histogram(cgi_buf *b, const cgi_params *p, const px_results *r)
{
    const px_facet *m = r->month_facets;
    size_t n = 0, max = 0, undated = 0, years = 0;
    long lo = -1, hi = -1;
    for (size_t i = 0; i < r->n_month_facets; i++) {
        long k = m[i].value ? month_index(m[i].value) : -1;
        if (k < 0) {
            /* A bare year is listed by year_only. */
            undated += m[i].value ? 0 : m[i].count;
            years += m[i].value != NULL;
            continue;
        }
        n++;
        max = m[i].count > max ? m[i].count : max;
        lo = lo < 0 || k < lo ? k : lo;
        hi = k > hi ? k : hi;
    }
    cgi_buf_puts(b, "<section aria-labelledby=\"h-months\">"
                    "<h2 id=\"h-months\">By month</h2>");
    if (n) {
        int dense = hi - lo + 1 <= HIST_MAX_BARS;
        size_t bars = dense ? (size_t)(hi - lo + 1)
                            : (n < HIST_MAX_BARS ? n : HIST_MAX_BARS);
        /* At least a year's width, so that a few bars stay bars. */
        cgi_buf_printf(b, "<svg class=\"histogram\" id=\"histogram\" "
                       "viewBox=\"0 0 %zu 100\" preserveAspectRatio=\"none\" "
                       "role=\"group\" aria-label=\"Matching articles per "
                       "month\">", (bars < 12 ? 12 : bars) * 10);
        size_t slot = 0, j = 0;
        for (long k = lo; k <= hi && slot < bars; k++) {
            char ym[48];
            snprintf(ym, sizeof ym, "%04ld-%02ld", k / 12, k % 12 + 1);
            while (j < r->n_month_facets &&
                   (!m[j].value || month_index(m[j].value) < k))
                j++;
            size_t c = j < r->n_month_facets && m[j].value &&
                       month_index(m[j].value) == k ? m[j].count : 0;
            if (c || dense)
                bar(b, p, ym, c, max, slot++);
        }
        cgi_buf_printf(b, "</svg><div class=\"axis\" aria-hidden=\"true\">"
                       "<span>%04ld-%02ld</span><span>%04ld-%02ld</span></div>",
                       lo / 12, lo % 12 + 1, hi / 12, hi % 12 + 1);
    } else if (!years) {
        cgi_buf_puts(b, "<p>No dated articles.</p>");
    }
    year_only(b, p, r);
    if (undated)
        cgi_buf_printf(b, "<p class=\"undated\" id=\"undated\">Undated: "
                       "<span class=\"count\">%zu</span></p>", undated);
    cgi_buf_puts(b, "</section>\n");
}

void cgi_html_sidebar(cgi_buf *b, const cgi_params *p, const px_results *r,
                      const px_results *outlets)
{
    cgi_buf_puts(b, "<aside id=\"facets\" aria-label=\"Filters\">");
    outlet_facets(b, p, outlets);
    histogram(b, p, r);
    cgi_buf_puts(b, "</aside>\n");
}
