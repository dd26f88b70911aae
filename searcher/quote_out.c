/*
** quote_out.c — the quote-tracing report: first appearance (with ties and
** undated matches explained), every outlet with its first date and number
** of articles, and the timeline of appearances; as JSON and as text.
*/
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "quote.h"

typedef struct {
    const char *name;       /* as first written */
    char *key;
    const char *first_date; /* "" when every article is undated */
    char first_label[11];   /* first_date as far as it is known */
    size_t count;
} outlet_row;

/* Outlets in order of first appearance (matches are sorted oldest first,
** so the first time an outlet is met is its first date). */
static outlet_row *outlet_rows(const ps_quote_result *r, size_t *n)
{
    outlet_row *rows = calloc(r->n_matches + 1, sizeof *rows);
    *n = 0;
    for (size_t i = 0; rows && i < r->n_matches; i++) {
        const px_article *a = r->matches[i].article;
        char *key = px_outlet_key(a->outlet);
        size_t k = 0;
        while (key && k < *n && strcmp(rows[k].key, key) != 0)
            k++;
        if (key && k < *n) {
            rows[k].count++;
            free(key);
            continue;
        }
        if (!key)
            continue;
        rows[*n].name = a->outlet;
        rows[*n].key = key;
        rows[*n].first_date = a->date;
        px_article_date_label(a, rows[*n].first_label);
        rows[(*n)++].count = 1;
    }
    return rows;
}

static void free_rows(outlet_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        free(rows[i].key);
    free(rows);
}

/* Matches dated on the earliest date: the first appearance, possibly tied. */
static size_t first_ties(const ps_quote_result *r)
{
    if (!r->n_matches || !r->matches[0].article->date[0])
        return 0;
    size_t n = 1;
    while (n < r->n_matches &&
           strcmp(r->matches[n].article->date, r->matches[0].article->date) == 0)
        n++;
    return n;
}

static size_t undated(const ps_quote_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_matches; i++)
        n += !r->matches[i].article->date[0];
    return n;
}

static json_t *match_json(const ps_quote_match *m)
{
    const px_article *a = m->article;
    return json_pack("{sI sI so so so ss so so so sf ss so}",
        "id", (json_int_t)m->docid,
        "cluster", (json_int_t)a->cluster,
        "date", ps_json_str(a->date),
        "date_precision", ps_json_date_precision(a),
        "outlet", ps_json_str(a->outlet),
        "date_source", px_date_source_name(a->date_source),
        "title", ps_json_str(a->title),
        "url", ps_json_str(a->url),
        "source", ps_json_str(a->source),
        "score", m->score,
        "kind", m->exact ? "exact" : "near",
        "context", ps_json_str(m->context));
}

static const char *first_note(const ps_quote_result *r, size_t ties,
                              size_t nodate)
{
    if (!r->n_matches)
        return "no article carries this quote";
    if (!ties)
        return "every match is undated: no first appearance can be given";
    if (ties > 1 && nodate)
        return "several articles share the earliest date, and undated "
               "matches could be earlier still";
    if (ties > 1)
        return "several articles share the earliest date";
    if (nodate)
        return "undated matches could be earlier";
    /* A month or year sorts as its first day: the others may be earlier. */
    if (r->n_matches > 1 &&
        r->matches[0].article->date_precision == PX_PREC_MONTH)
        return "the earliest date is known only to the month: other "
               "matches from that month could be earlier";
    if (r->n_matches > 1 &&
        r->matches[0].article->date_precision == PX_PREC_YEAR)
        return "the earliest date is known only to the year: other "
               "matches from that year could be earlier";
    return NULL;
}

/* Syndication clusters with several matches: each with its first carrier
** (matches are oldest first, so the first met is the earliest). */
static json_t *clusters_json(const ps_quote_result *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < r->n_matches; i++) {
        const px_article *a = r->matches[i].article;
        size_t members = 0, k;
        for (k = 0; k < i && r->matches[k].article->cluster != a->cluster; k++)
            ;
        if (k < i)
            continue;   /* not the first match of its cluster */
        for (size_t j = i; j < r->n_matches; j++)
            members += r->matches[j].article->cluster == a->cluster;
        if (members > 1)
            json_array_append_new(arr, json_pack("{sI sI so so sI}",
                "cluster", (json_int_t)a->cluster, "first_id",
                (json_int_t)r->matches[i].docid, "first_outlet",
                ps_json_str(a->outlet), "first_date", ps_json_str(a->date),
                "matches", (json_int_t)members));
    }
    return arr;
}

json_t *ps_quote_json(const ps_quote_result *r)
{
    size_t ties = first_ties(r), nodate = undated(r), n_rows;
    json_t *first = json_array(), *timeline = json_array(),
           *outlets = json_array();
    for (size_t i = 0; i < ties; i++)
        json_array_append_new(first, match_json(&r->matches[i]));
    for (size_t i = 0; i < r->n_matches; i++)
        json_array_append_new(timeline, match_json(&r->matches[i]));
    outlet_row *rows = outlet_rows(r, &n_rows);
    for (size_t i = 0; rows && i < n_rows; i++)
        json_array_append_new(outlets, json_pack("{so so sI}",
            "name", ps_json_str(rows[i].name), "first_date", ps_json_str(rows[i].first_date),
            "count", (json_int_t)rows[i].count));
    free_rows(rows, n_rows);
    const char *note = first_note(r, ties, nodate);
    return json_pack("{si ss sb sI sI sI s{so sI so} so so so so}",
        "schema_version", PS_QUOTE_SCHEMA_VERSION,
        "text", r->text,
        "found", r->n_matches > 0,
        "matches", (json_int_t)r->n_matches,
        "exact", (json_int_t)r->n_exact,
        "near", (json_int_t)(r->n_matches - r->n_exact),
        "first",
            "date", ties ? json_string(r->matches[0].article->date) : json_null(),
            "undated_matches", (json_int_t)nodate,
            "note", note ? json_string(note) : json_null(),
        "first_appearance", first,
        "outlets", outlets,
        "clusters", clusters_json(r),
        "timeline", timeline);
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

void ps_quote_text(FILE *out, const ps_quote_result *r)
{
    size_t ties = first_ties(r), nodate = undated(r), n_rows;
    outlet_row *rows = outlet_rows(r, &n_rows);
    fprintf(out, "\"%s\"\n", r->text);
    fprintf(out, "%zu article%s (%zu exact, %zu near) in %zu outlet%s\n",
            r->n_matches, r->n_matches == 1 ? "" : "s", r->n_exact,
            r->n_matches - r->n_exact, n_rows, n_rows == 1 ? "" : "s");
    const char *note = first_note(r, ties, nodate);
    for (size_t i = 0; i < ties; i++) {
        const ps_quote_match *m = &r->matches[i];
        char date[11];
        px_article_date_label(m->article, date);
        fprintf(out, "%s %s  %s  %s (%s)\n", i ? "             " : "First printed:",
                date, or_dash(m->article->outlet),
                or_dash(m->article->title), m->exact ? "exact" : "near");
    }
    if (note && r->n_matches)
        fprintf(out, "Note: %s.\n", note);
    if (n_rows) {
        fputs("\nOutlets (first date, articles):\n", out);
        for (size_t i = 0; i < n_rows; i++)
            fprintf(out, "  %-10s %4zu  %s\n", or_dash(rows[i].first_label),
                    rows[i].count, or_dash(rows[i].name));
    }
    free_rows(rows, n_rows);
    if (r->n_matches)
        fputs("\nTimeline:\n", out);
    for (size_t i = 0; i < r->n_matches; i++) {
        const ps_quote_match *m = &r->matches[i];
        char date[11];
        px_article_date_label(m->article, date);
        fprintf(out, "  %-10s %-5s %.2f  %s | %s\n", or_dash(date),
                m->exact ? "exact" : "near", m->score,
                or_dash(m->article->outlet), or_dash(m->article->title));
        /* Where to read it: a fact-check cites the article, not the line. */
        fprintf(out, "             id %lld  %s\n", (long long)m->docid,
                m->article->url && *m->article->url
                    ? m->article->url : or_dash(m->article->source));
        if (m->context)
            fprintf(out, "             %s\n", m->context);
    }
}
