/*
** output_text.c — search results for a person at a terminal or a pager:
** a count line, numbered hits with title, outlet, date and source, the
** snippet, and with --facets the outlet and month counts.
*/
#include <string.h>

#include "output.h"

static const char *or_unknown(const char *s, const char *unknown)
{
    return s && *s ? s : unknown;
}

/* Paths under the current directory read better relative. */
static const char *short_source(const char *src, const char *cwd)
{
    size_t n = cwd ? strlen(cwd) : 0;
    if (src && n > 1 && strncmp(src, cwd, n) == 0 && src[n] == '/')
        return src + n + 1;
    return src ? src : "";
}

static void print_count(FILE *out, const px_results *r,
                        const px_search_opts *o)
{
    size_t total = r->matches_estimated;
    const char *q = r->query[0] ? r->query : "(all articles)";
    if (total == 0) {
        fprintf(out, "No matches for %s\n", q);
    } else {
        fprintf(out, "%s%zu match%s for %s", r->exact ? "" : "About ",
                total, total == 1 ? "" : "es", q);
        if (r->n_hits)
            fprintf(out, " (showing %zu-%zu)", o->offset + 1,
                    o->offset + r->n_hits);
        fputc('\n', out);
    }
    if (r->notice)
        fprintf(out, "Note: %s\n", r->notice);
    if (r->pending)
        fprintf(out, "Note: %zu %s stored but not searchable yet; the next "
                "pressdex-index run on this index makes %s searchable\n",
                r->pending, r->pending == 1 ? "article is" : "articles are",
                r->pending == 1 ? "it" : "them");
    if (r->suggestion)
        fprintf(out, "Did you mean: %s\n", r->suggestion);
}

static void print_facets(FILE *out, const px_results *r)
{
    fputs("\nOutlets:\n", out);
    for (size_t i = 0; i < r->n_outlet_facets; i++)
        fprintf(out, "  %6zu  %s\n", r->outlet_facets[i].count,
                or_unknown(r->outlet_facets[i].value, "(unknown outlet)"));
    fputs("Months:\n", out);
    for (size_t i = 0; i < r->n_month_facets; i++) {
        const char *v = r->month_facets[i].value;
        /* A bare year counts articles dated to the year only. */
        fprintf(out, "  %6zu  %s%s\n", r->month_facets[i].count,
                or_unknown(v, "(unknown date)"),
                v && strlen(v) == 4 ? " (year only)" : "");
    }
}

void ps_text_results(FILE *out, const px_results *r, const px_search_opts *o,
                     const char *cwd)
{
    print_count(out, r, o);
    for (size_t i = 0; i < r->n_hits; i++) {
        const px_hit *h = &r->hits[i];
        const px_article *a = h->article;
        char date[11];
        px_article_date_label(a, date);
        fprintf(out, "\n%3zu. %s\n", h->rank,
                or_unknown(a->title, "(untitled)"));
        fprintf(out, "     %s | %s | %s\n",
                or_unknown(a->outlet, "unknown outlet"),
                or_unknown(date, "unknown date"),
                a->url && *a->url ? a->url : short_source(a->source, cwd));
        if (h->snippet && *h->snippet)
            fprintf(out, "     %s\n", h->snippet);
        if (o->collapse && h->copies)
            fprintf(out, "     +%zu cop%s in %zu outlet%s (pressdex-search "
                    "cluster %lld)\n", h->copies, h->copies == 1 ? "y" : "ies",
                    h->copy_outlets, h->copy_outlets == 1 ? "" : "s",
                    (long long)a->cluster);
    }
    if (o->facets)
        print_facets(out, r);
}
