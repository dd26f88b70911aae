/*
** output_table.c — search results as a table for spreadsheets and
** scripts: `--format csv` (RFC 4180: fields holding a comma, a quote or a
** line break are quoted, quotes doubled, lines end with CRLF) or
** `--format tsv` (one record per line; a tab, line break or backslash in
** a field is written \t, \n, \r or \\, so no field can break a row).
** Both start with a header row.  The table is the hits, or with --facets
** the outlet and month counts.
*/
#include <string.h>

#include "output.h"

static void put_field(FILE *out, ps_table_format f, const char *s)
{
    if (!s)
        s = "";
    if (f == PS_TABLE_CSV) {
        if (!strpbrk(s, ",\"\r\n")) {
            fputs(s, out);
            return;
        }
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
        return;
    }
    for (; *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\\': fputs("\\\\", out); break;
        default: fputc(*s, out);
        }
    }
}

/* One row of n fields. */
static void put_row(FILE *out, ps_table_format f, const char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(f == PS_TABLE_CSV ? ',' : '\t', out);
        put_field(out, f, v[i]);
    }
    fputs(f == PS_TABLE_CSV ? "\r\n" : "\n", out);
}

static void hit_rows(FILE *out, ps_table_format f, const px_results *r)
{
    static const char *head[] = {"rank", "id", "score", "date",
        "date_precision", "outlet", "title", "author", "url", "source",
        "cluster", "snippet"};
    put_row(out, f, head, sizeof head / sizeof *head);
    for (size_t i = 0; i < r->n_hits; i++) {
        const px_hit *h = &r->hits[i];
        const px_article *a = h->article;
        char rank[24], id[24], score[32], cluster[24], date[11];
        snprintf(rank, sizeof rank, "%zu", h->rank);
        snprintf(id, sizeof id, "%lld", (long long)h->docid);
        snprintf(score, sizeof score, "%.3f", h->score);
        snprintf(cluster, sizeof cluster, "%lld", (long long)a->cluster);
        px_article_date_label(a, date);
        const char *v[] = {rank, id, score, date,
            a->date[0] ? px_date_precision_name(a->date_precision) : "",
            a->outlet, a->title, a->author, a->url, a->source, cluster,
            h->snippet_plain};
        put_row(out, f, v, sizeof v / sizeof *v);
    }
}

static void facet_rows(FILE *out, ps_table_format f, const char *kind,
                       const px_facet *fc, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char count[24];
        snprintf(count, sizeof count, "%zu", fc[i].count);
        const char *v[] = {kind, fc[i].value, count};
        put_row(out, f, v, 3);
    }
}

void ps_table_results(FILE *out, ps_table_format f, const px_results *r,
                      const px_search_opts *o)
{
    if (!o->facets) {
        hit_rows(out, f, r);
        return;
    }
    static const char *head[] = {"facet", "value", "count"};
    put_row(out, f, head, 3);
    facet_rows(out, f, "outlet", r->outlet_facets, r->n_outlet_facets);
    facet_rows(out, f, "month", r->month_facets, r->n_month_facets);
}
