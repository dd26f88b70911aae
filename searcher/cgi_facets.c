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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cgi_html.h"

/* The sidebar lists the most frequent outlets first; the others are one
** click away, in a list of their own (outlet_facets). */
#define FACET_TOP_OUTLETS 30

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

/* When the date filter is exactly one whole month, quarter or year (what
** a histogram bar sets), its name for a chip: returns "month", "quarter"
** or "year" with `label` "2025-01", "2025 Q1" or "2025"; else NULL. */
static const char *filter_period(const cgi_params *p, char label[16])
{
    char ym[24], end[11];
    if (strlen(p->from) != 10 || strcmp(p->from + 7, "-01") != 0 ||
        strlen(p->to) != 10)
        return NULL;
    int y = atoi(p->from) % 10000, m = atoi(p->from + 5) % 100;
    static const struct { int months; const char *kind; } kinds[] = {
        {1, "month"}, {3, "quarter"}, {12, "year"}};
    for (size_t i = 0; i < 3; i++) {
        int last = m + kinds[i].months - 1;
        if ((m - 1) % kinds[i].months || last > 12 ||
            atoi(p->to) != y)
            continue;
        snprintf(ym, sizeof ym, "%04d-%02d", y, last);
        if (!cgi_month_end(ym, end) || strcmp(end, p->to) != 0)
            continue;
        if (i == 0)
            snprintf(label, 16, "%04d-%02d", y, m);
        else if (i == 1)
            snprintf(label, 16, "%04d Q%d", y, (m - 1) / 3 % 4 + 1);
        else
            snprintf(label, 16, "%04d", y);
        return kinds[i].kind;
    }
    return NULL;
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
    char label[16];
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
    const char *period = filter_period(p, label);
    if (period) {
        char name[16];
        snprintf(name, sizeof name, "%c%s", period[0] - 'a' + 'A',
                 period + 1);
        t.from[0] = t.to[0] = '\0';
        chip(b, &t, period, name, label);
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

/* Outlet names in the order a reader looks them up: case-insensitive,
** a leading "The " ignored. */
static const char *outlet_sort_key(const char *name)
{
    return strncasecmp(name, "the ", 4) == 0 ? name + 4 : name;
}

static int outlet_alpha_cmp(const void *a, const void *b)
{
    const px_facet *x = *(const px_facet *const *)a;
    const px_facet *y = *(const px_facet *const *)b;
    int c = strcasecmp(outlet_sort_key(x->value), outlet_sort_key(y->value));
    return c ? c : strcmp(x->value, y->value);
}

/* The outlets past the most frequent ones, A to Z, inside a <details>
** that the browser opens without any script: every outlet is reachable,
** and the sidebar stays short until asked. */
static void outlet_more(cgi_buf *b, const cgi_params *p, const px_results *r,
                        size_t named)
{
    size_t n = 0, seen = 0;
    const px_facet **rest = malloc(named * sizeof *rest);
    if (!rest) {
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i < r->n_outlet_facets; i++)
        if (r->outlet_facets[i].value && seen++ >= FACET_TOP_OUTLETS)
            rest[n++] = &r->outlet_facets[i];
    qsort(rest, n, sizeof *rest, outlet_alpha_cmp);
    /* Open when one of the hidden outlets is an active filter, so that
    ** the reader sees it highlighted. */
    int open = 0;
    for (size_t i = 0; i < n && !open; i++)
        open = outlet_filter_index(p, rest[i]->value) >= 0;
    cgi_buf_printf(b, "<details class=\"more\" id=\"more-outlets\"%s>"
                   "<summary>%zu more outlet%s, A\xE2\x80\x93Z</summary>"
                   "<ul class=\"facets\" id=\"all-outlets\">",
                   open ? " open" : "", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++)
        outlet_item(b, p, rest[i]);
    cgi_buf_puts(b, "</ul></details>");
    free(rest);
}

static void outlet_facets(cgi_buf *b, const cgi_params *p,
                          const px_results *r)
{
    size_t named = 0, shown = 0;
    for (size_t i = 0; i < r->n_outlet_facets; i++)
        named += r->outlet_facets[i].value != NULL;
    cgi_buf_printf(b, "<section aria-labelledby=\"h-outlets\">"
                   "<h2 id=\"h-outlets\">Outlets <span class=\"count\">"
                   "(%zu)</span></h2><ul class=\"facets\" id=\"outlets\">",
                   named);
    for (size_t i = 0; i < r->n_outlet_facets; i++) {
        const px_facet *f = &r->outlet_facets[i];
        if (f->value && shown++ >= FACET_TOP_OUTLETS)
            continue;
        outlet_item(b, p, f);
    }
    if (!r->n_outlet_facets)
        cgi_buf_puts(b, "<li>None</li>");
    cgi_buf_puts(b, "</ul>");
    if (named > FACET_TOP_OUTLETS)
        outlet_more(b, p, r, named);
    cgi_buf_puts(b, "</section>\n");
}

/* Months since year 0 of a "YYYY-MM" facet value, or -1. */
static long month_index(const char *v)
{
    char end[11];
    if (!cgi_month_end(v, end))
        return -1;
    return atol(v) * 12 + atol(v + 5) - 1;
}

/* The histogram is drawn on a true time axis: one slot per month, quarter
** or year from the first dated match to the last, empty ones included, so
** that a gap in the archive shows as a gap.  The slot grows with the span
** so that there are never more than about HIST_MAX_SLOTS of them. */
#define HIST_MAX_SLOTS 72
/* The SVG's coordinate box: plot area inside margins for the axis labels.
** The box keeps its aspect ratio, so the labels are never stretched. */
#define HIST_W 300
#define HIST_H 160
#define HIST_LEFT 30
#define HIST_RIGHT 4
#define HIST_TOP 8
#define HIST_BOTTOM 30
#define HIST_PLOT_H (HIST_H - HIST_TOP - HIST_BOTTOM)

typedef enum { SLOT_MONTH = 1, SLOT_QUARTER = 3, SLOT_YEAR = 12 } slot_kind;

/* One slot: its period and the matches in it. */
typedef struct {
    long first;          /* month index of the slot's first month */
    size_t count;
} hist_slot;

typedef struct {
    slot_kind kind;
    hist_slot *slots;
    size_t n;
    size_t max;
} hist;

static slot_kind hist_kind(long span)
{
    if (span <= HIST_MAX_SLOTS)
        return SLOT_MONTH;
    if (span <= HIST_MAX_SLOTS * 3)
        return SLOT_QUARTER;
    return SLOT_YEAR;
}

/* The slot's period as text ("2025-03", "2025 Q1", "2025") and as the
** value of its data-period attribute ("2025-03", "2025-Q1", "2025"). */
static void slot_label(const hist *h, const hist_slot *s, char *label,
                       size_t size, char *attr, size_t asize)
{
    /* Years have four digits: the facets come from validated dates. */
    int y = (int)(s->first / 12 % 10000), m = (int)(s->first % 12) + 1;
    if (h->kind == SLOT_MONTH) {
        snprintf(label, size, "%04d-%02d", y, m);
        snprintf(attr, asize, "%04d-%02d", y, m);
    } else if (h->kind == SLOT_QUARTER) {
        snprintf(label, size, "%04d Q%d", y, (m - 1) / 3 + 1);
        snprintf(attr, asize, "%04d-Q%d", y, (m - 1) / 3 + 1);
    } else {
        snprintf(label, size, "%04d", y);
        snprintf(attr, asize, "%04d", y);
    }
}

/* Fills the slots from the month facets; returns 0 when nothing is
** dated to a month (or memory ran out).  An article known only to its
** year is counted in its year's slot when slots are years (clicking the
** bar finds it), else listed apart by year_only(). */
static int hist_build(hist *h, const px_results *r)
{
    long lo = -1, hi = -1;
    for (size_t i = 0; i < r->n_month_facets; i++) {
        long k = r->month_facets[i].value
                     ? month_index(r->month_facets[i].value) : -1;
        if (k < 0)
            continue;
        lo = lo < 0 || k < lo ? k : lo;
        hi = k > hi ? k : hi;
    }
    if (lo < 0)
        return 0;
    h->kind = hist_kind(hi - lo + 1);
    lo -= lo % h->kind;
    h->n = (size_t)((hi - lo) / h->kind + 1);
    h->slots = calloc(h->n, sizeof *h->slots);
    if (!h->slots)
        return 0;
    for (size_t i = 0; i < h->n; i++)
        h->slots[i].first = lo + (long)i * h->kind;
    for (size_t i = 0; i < r->n_month_facets; i++) {
        const px_facet *f = &r->month_facets[i];
        long k = f->value ? month_index(f->value) : -1;
        if (k < 0 && f->value && strlen(f->value) == 4 &&
            h->kind == SLOT_YEAR)
            k = atol(f->value) * 12;
        if (k < lo || k > hi)
            continue;
        hist_slot *s = &h->slots[(k - lo) / h->kind];
        s->count += f->count;
        h->max = s->count > h->max ? s->count : h->max;
    }
    return 1;
}

/* Bar height on a square-root scale: a month of 3 beside one of 3000 is
** still a visible bar, and the axis is labelled with counts so the scale
** does not mislead.  At least 3 units for any non-zero count. */
static double bar_height(size_t count, size_t max)
{
    if (!count || !max)
        return 0;
    double h = sqrt((double)count / (double)max) * HIST_PLOT_H;
    return h < 3 ? 3 : h;
}

static void slot_range(const hist *h, const hist_slot *s, char from[11],
                       char to[11])
{
    long last = s->first + h->kind - 1;
    char ym[24];
    snprintf(ym, sizeof ym, "%04d-%02d-01", (int)(s->first / 12 % 10000),
             (int)(s->first % 12) + 1);
    snprintf(from, 11, "%.10s", ym);
    snprintf(ym, sizeof ym, "%04d-%02d", (int)(last / 12 % 10000),
             (int)(last % 12) + 1);
    cgi_month_end(ym, to);
}

static void hist_bar(cgi_buf *b, const cgi_params *p, const hist *h,
                     size_t i, double x, double w)
{
    const hist_slot *s = &h->slots[i];
    char label[24], attr[24], from[11], to[11];
    slot_label(h, s, label, sizeof label, attr, sizeof attr);
    double bh = bar_height(s->count, h->max);
    double base = HIST_TOP + HIST_PLOT_H;
    if (!s->count) {
        cgi_buf_printf(b, "<rect class=\"empty\" x=\"%.2f\" y=\"%.2f\" "
                       "width=\"%.2f\" height=\"1.5\"><title>%s: no "
                       "articles</title></rect>", x, base - 1.5, w, label);
        return;
    }
    cgi_params t = *p;
    t.offset = 0;
    slot_range(h, s, from, to);
    snprintf(t.from, sizeof t.from, "%s", from);
    snprintf(t.to, sizeof t.to, "%s", to);
    int on = strcmp(p->from, from) == 0 && strcmp(p->to, to) == 0;
    cgi_buf_printf(b, "<a class=\"bar%s\"", on ? " active" : "");
    if (h->kind == SLOT_MONTH)
        cgi_buf_printf(b, " data-month=\"%s\"", attr);
    cgi_buf_printf(b, " data-period=\"%s\"", attr);
    cgi_buf_printf(b, " data-count=\"%zu\" aria-label=\"%s: %zu article%s\" ",
                   s->count, label, s->count, s->count == 1 ? "" : "s");
    cgi_html_href(b, &t);
    /* A clear full-height target, so that a short bar is easy to click. */
    cgi_buf_printf(b, "><title>%s: %zu article%s</title><rect class=\"hit\" "
                   "x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\"/>"
                   "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                   "height=\"%.2f\"/></a>", label, s->count,
                   s->count == 1 ? "" : "s", x, HIST_TOP, w, HIST_PLOT_H,
                   x, base - bh, w, bh);
}

/* The count axis: 0, the largest count and one between, placed on the
** square-root scale, with light grid lines. */
static void hist_y_axis(cgi_buf *b, const hist *h)
{
    size_t ticks[3] = {h->max, h->max / 4, 0};
    size_t last = (size_t)-1;
    for (int i = 0; i < 3; i++) {
        if (ticks[i] == last || (i == 1 && h->max < 8))
            continue;
        last = ticks[i];
        double y = HIST_TOP + HIST_PLOT_H - bar_height(ticks[i], h->max);
        if (!ticks[i])
            y = HIST_TOP + HIST_PLOT_H;
        cgi_buf_printf(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" "
                       "y1=\"%.2f\" y2=\"%.2f\"/><text class=\"ylabel\" "
                       "x=\"%d\" y=\"%.2f\">%zu</text>", HIST_LEFT,
                       HIST_W - HIST_RIGHT, y, y, HIST_LEFT - 3, y + 3.5,
                       ticks[i]);
    }
}

/* Width of a year label in the SVG's units, for spacing them. */
#define HIST_LABEL_W 24

/* One label under the time axis, with its tick; a label that would run
** past the right edge ends there instead. */
static void hist_x_label(cgi_buf *b, double x, int row, const char *text)
{
    int y = HIST_TOP + HIST_PLOT_H;
    int end = x + HIST_LABEL_W > HIST_W;
    if (row == 0)
        cgi_buf_printf(b, "<line class=\"tick\" x1=\"%.2f\" x2=\"%.2f\" "
                       "y1=\"%d\" y2=\"%d\"/>", x, x, y, y + 4);
    cgi_buf_printf(b, "<text class=\"xlabel%s\" x=\"%.2f\" y=\"%d\">%s"
                   "</text>", end ? " end" : "",
                   end ? (double)(HIST_W - HIST_RIGHT) : x,
                   y + 13 + row * 11, text);
}

/* Labels under the slots.  A short span of months names each month
** (every one, two or three, as room allows) with the year on a second
** row where it starts; a longer one names the years, every 1, 2, 5,
** 10 … so that labels never run into each other. */
static void hist_x_axis(cgi_buf *b, const hist *h, double slot_w)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
        "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char text[16];
    if (h->kind == SLOT_MONTH && h->n <= 36) {
        size_t every = slot_w >= 26 ? 1 : slot_w >= 13 ? 2
                       : slot_w >= 8 ? 3 : 6;
        for (size_t i = 0; i < h->n; i++) {
            long k = h->slots[i].first;
            double x = HIST_LEFT + (double)i * slot_w;
            if ((size_t)(k % 12) % every == 0)
                hist_x_label(b, x, 0, mon[k % 12]);
            if (i == 0 || k % 12 == 0) {
                snprintf(text, sizeof text, "%04d", (int)(k / 12 % 10000));
                hist_x_label(b, x, 1, text);
            }
        }
        return;
    }
    long y0 = h->slots[0].first / 12;
    long years = h->slots[h->n - 1].first / 12 - y0 + 1, step = 1;
    double per_year = (HIST_W - HIST_LEFT - HIST_RIGHT) / (double)years;
    static const long steps[] = {1, 2, 5, 10, 20, 50, 100};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        step = steps[i];
        if (per_year * (double)step >= 30)
            break;
    }
    /* The first slot's year always, then every step-th year that leaves
    ** room after the label before it. */
    double last = -1000;
    for (size_t i = 0; i < h->n; i++) {
        long y = h->slots[i].first / 12;
        double x = HIST_LEFT + (double)i * slot_w;
        if (i != 0 && (h->slots[i].first % 12 != 0 || y % step != 0))
            continue;
        double at = x + HIST_LABEL_W > HIST_W
                        ? HIST_W - HIST_RIGHT - HIST_LABEL_W : x;
        if (at - last < HIST_LABEL_W + 2)
            continue;
        snprintf(text, sizeof text, "%04d", (int)(y % 10000));
        hist_x_label(b, x, 0, text);
        last = at;
    }
}

static const char *slot_heading(slot_kind k)
{
    return k == SLOT_MONTH ? "By month" : k == SLOT_QUARTER ? "By quarter"
                                                            : "By year";
}

/* The SVG chart of h. */
static void hist_svg(cgi_buf *b, const cgi_params *p, const hist *h)
{
    double plot_w = HIST_W - HIST_LEFT - HIST_RIGHT;
    /* At least a year of month slots, so that a few bars stay bars. */
    size_t n = h->n < 12 && h->kind == SLOT_MONTH ? 12 : h->n;
    double slot_w = plot_w / (double)n;
    double gap = slot_w >= 4 ? slot_w * 0.15 : 0;
    cgi_buf_printf(b, "<svg class=\"histogram\" id=\"histogram\" "
                   "data-slot=\"%s\" viewBox=\"0 0 %d %d\" role=\"group\" "
                   "aria-label=\"Matching articles per %s\">",
                   h->kind == SLOT_MONTH ? "month" : h->kind == SLOT_QUARTER
                   ? "quarter" : "year", HIST_W, HIST_H,
                   h->kind == SLOT_MONTH ? "month" : h->kind == SLOT_QUARTER
                   ? "quarter" : "year");
    hist_y_axis(b, h);
    for (size_t i = 0; i < h->n; i++)
        hist_bar(b, p, h, i, HIST_LEFT + (double)i * slot_w + gap / 2,
                 slot_w - gap);
    hist_x_axis(b, h, slot_w);
    cgi_buf_puts(b, "</svg>");
}

/* Matches dated only to a year have a facet bucket "YYYY" of their own
** (pressdex.h): listed under the bars, each a link narrowing to its year,
** rather than drawn into a month they may not belong to.  When the bars
** are years they are counted in them, and listed here all the same. */
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

static void histogram(cgi_buf *b, const cgi_params *p, const px_results *r)
{
    hist h = {0};
    size_t undated = 0, years = 0;
    for (size_t i = 0; i < r->n_month_facets; i++) {
        undated += r->month_facets[i].value ? 0 : r->month_facets[i].count;
        years += r->month_facets[i].value &&
                 strlen(r->month_facets[i].value) == 4;
    }
    int drawn = hist_build(&h, r);
    cgi_buf_printf(b, "<section aria-labelledby=\"h-months\">"
                   "<h2 id=\"h-months\">%s</h2>",
                   drawn ? slot_heading(h.kind) : "By date");
    if (drawn) {
        hist_svg(b, p, &h);
        cgi_buf_printf(b, "<p class=\"scale\">Bar height: square root of the "
                       "count; empty %ss are gaps.</p>",
                       h.kind == SLOT_MONTH ? "month" : h.kind == SLOT_QUARTER
                       ? "quarter" : "year");
    } else if (!years) {
        cgi_buf_puts(b, "<p>No dated articles.</p>");
    }
    free(h.slots);
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
