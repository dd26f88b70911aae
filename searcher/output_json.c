/*
** output_json.c — search results as one JSON document (schema in
** docs/json.md).  Highlight offsets are counted in Unicode code points of
** the plain snippet, the unit most scripting languages index strings by.
*/
#include <string.h>

#include "output.h"

/* Code points in the first `bytes` bytes of a UTF-8 string. */
static size_t code_points(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes && s[i]; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

json_t *ps_json_str(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *ps_json_date_precision(const px_article *a)
{
    return a->date[0] ? json_string(px_date_precision_name(a->date_precision))
                      : json_null();
}

json_t *ps_json_spans(const char *plain, const px_span *spans, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && plain && i < n; i++) {
        size_t start = code_points(plain, spans[i].start);
        size_t len = code_points(plain + spans[i].start, spans[i].len);
        json_array_append_new(arr, json_pack("[II]", (json_int_t)start,
                                             (json_int_t)len));
    }
    return arr ? arr : json_null();
}

static json_t *hit_json(const px_hit *h)
{
    const px_article *a = h->article;
    json_t *spans = ps_json_spans(h->snippet_plain, h->highlights,
                                  h->n_highlights);
    return json_pack("{sI sI sf so so so so so ss so so so so so sI sI sI}",
        "rank", (json_int_t)h->rank,
        "id", (json_int_t)h->docid,
        "score", h->score,
        "title", ps_json_str(a->title),
        "outlet", ps_json_str(a->outlet),
        "date", ps_json_str(a->date),
        "date_precision", ps_json_date_precision(a),
        "author", ps_json_str(a->author),
        "date_source", px_date_source_name(a->date_source),
        "source", ps_json_str(a->source),
        "url", ps_json_str(a->url),
        "snippet", ps_json_str(h->snippet_plain),
        "highlights", spans,
        "ext_id", ps_json_str(a->ext_id),
        "cluster", (json_int_t)a->cluster,
        "copies", (json_int_t)h->copies,
        "copy_outlets", (json_int_t)h->copy_outlets);
}

static json_t *facets_json(const px_facet *f, size_t n, const char *key)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        json_array_append_new(arr, json_pack("{so sI}", key,
                              ps_json_str(f[i].value), "count",
                              (json_int_t)f[i].count));
    return arr;
}

json_t *ps_json_results(const px_results *r, const px_search_opts *o)
{
    json_t *hits = json_array();
    for (size_t i = 0; hits && i < r->n_hits; i++)
        json_array_append_new(hits, hit_json(&r->hits[i]));
    json_t *facets = o->facets
        ? json_pack("{so so}",
                    "outlets", facets_json(r->outlet_facets,
                                           r->n_outlet_facets, "name"),
                    "months", facets_json(r->month_facets,
                                          r->n_month_facets, "month"))
        : json_null();
    return json_pack(
        "{si ss so so so s{sI sI sI sb} sI sI sI so so}",
        "schema_version", PS_JSON_SCHEMA_VERSION,
        "query", r->query,
        "parsed", ps_json_str(r->parsed),
        "notice", ps_json_str(r->notice),
        "suggestion", ps_json_str(r->suggestion),
        "total",
        "estimated", (json_int_t)r->matches_estimated,
        "lower", (json_int_t)r->matches_lower,
        "upper", (json_int_t)r->matches_upper,
        "exact", r->exact,
        "offset", (json_int_t)o->offset,
        "limit", (json_int_t)(o->no_hits ? 0 : o->limit ? o->limit : 10),
        "pending", (json_int_t)r->pending,
        "facets", facets,
        "hits", hits);
}
