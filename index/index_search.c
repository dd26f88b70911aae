/*
** index_search.c — from a user's query to ranked, highlighted results.
**
** The query string is folded the same way article text was at indexing
** (typographic quotes, dashes, spaces) and parsed by Xapian's QueryParser
** with the stemmer the index was built with, configured from the field
** table in schema.h.  `outlet:` and `date:` are handled here, in C, through
** field callbacks, so that outlet names are normalised exactly as the
** writer did and dates accept days, months, years and open ranges
** (index_dates.c).
** Facet counts come from match spies run over the whole match set, so they
** are exact.  Every search is held to the query cost budget
** (query_budget.c): the query's length and nesting are checked before it
** is parsed, its expanded terms before it is matched, and its time limit
** covers every stage.  Snippets are cut by Xapian from the full text kept in the
** store, with the query's stemmer so that "negotiations" lights up for
** "negotiation".
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index_internal.h"
#include "query_budget.h"
#include "schema.h"
#include "search_internal.h"

/* Matches counted exactly without --facets (see run_match). */
#define PX_EXACT_COUNT 10000

/* ------------------------------------------------------------------ */
/* Outlets (dates are in index_dates.c)                                 */
/* ------------------------------------------------------------------ */

/* The filter term of one outlet key; *out NULL when the key is empty. */
static px_status outlet_key_term(const char *name, px_xquery **out,
                                 char **key_out, px_err *err)
{
    char *key = px_outlet_key(name);
    if (!key)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    size_t n = strlen(PX_PREFIX_OUTLET) + strlen(key) + 1;
    char *term = malloc(n);
    px_status st = PX_ENOMEM;
    if (term) {
        snprintf(term, n, "%s%s", PX_PREFIX_OUTLET, key);
        st = px_xquery_term(term, 1, 0, out, err);
    } else {
        px_err_set(err, PX_ENOMEM, "out of memory");
    }
    free(term);
    *key_out = key;
    return st;
}

/* An outlet as typed matches the outlet indexing would have stored for
** it: the resolver (aliases, domains, section labels) names it, and the
** name as typed is kept too, for articles indexed before an alias was
** added. */
static px_status outlet_term(const px_search_opts *o, const char *name,
                             px_xquery **out, px_err *err)
{
    char *resolved = o && o->outlet_resolve
        ? o->outlet_resolve(o->outlet_ctx, name) : NULL;
    px_xquery *q[2] = {NULL, NULL};
    char *k0 = NULL, *k1 = NULL;
    px_status st = outlet_key_term(name, &q[0], &k0, err);
    if (st == PX_OK && resolved)
        st = outlet_key_term(resolved, &q[1], &k1, err);
    if (st == PX_OK && q[1] && strcmp(k0, k1) != 0)
        st = px_xquery_combine(PX_XOP_OR, q, 2, 0, out, err);
    else if (st == PX_OK)
        st = px_xquery_combine(PX_XOP_OR, q, 1, 0, out, err);
    px_xquery_free(q[0]);
    px_xquery_free(q[1]);
    free(k0);
    free(k1);
    free(resolved);
    return st;
}

static px_status outlet_field(void *ctx, const char *value, px_xquery **out,
                              px_err *err)
{
    return outlet_term(ctx, value, out, err);
}

/* ------------------------------------------------------------------ */
/* Building the query                                                   */
/* ------------------------------------------------------------------ */

px_status px_search_make_parser(px_index *ix, const px_search_opts *o,
                             px_xqp **out, px_err *err)
{
    px_xqp *qp = NULL;
    /* STEM_SOME: words outside phrases are stemmed, phrases and quoted
    ** words stay exact in form.  It would leave capitalised words
    ** unstemmed too; px_search_parse() lowers their case first
    ** (docs/stemming.md). */
    px_status st = px_xqp_new(ix->language, PX_XSTEM_SOME, &qp, err);
    if (st == PX_OK) st = px_xqp_set_database(qp, ix->xdb, err);
    if (st == PX_OK)
        st = px_xqp_set_default_op(qp, o->match_any ? PX_XOP_OR : PX_XOP_AND,
                                   err);
    for (unsigned i = 0; st == PX_OK && i < px_schema_n_fields; i++) {
        const px_field *f = &px_schema_fields[i];
        switch (f->kind) {
        case PX_FIELD_TEXT:
            st = px_xqp_add_prefix(qp, f->name, f->prefix, 0, err);
            break;
        case PX_FIELD_BOOLEAN:
            st = px_xqp_add_prefix(qp, f->name, f->prefix, 1, err);
            break;
        case PX_FIELD_OUTLET:
            st = px_xqp_add_field(qp, f->name, 1, outlet_field, (void *)o,
                                  err);
            break;
        case PX_FIELD_DATE:
            st = px_xqp_add_field(qp, f->name, 1, px_index_date_field, NULL,
                                  err);
            break;
        }
    }
    if (st != PX_OK) {
        px_xqp_free(qp);
        return st;
    }
    *out = qp;
    return PX_OK;
}

/* The retry form of a query the parser rejected: words and phrases only.
** Operators become plain words and every other punctuation a space; an
** unbalanced quote is dropped.  Returns a malloc'd string. */
char *px_search_safe_query(const char *q)
{
    size_t n = strlen(q), quotes = 0;
    for (size_t i = 0; i < n; i++)
        quotes += q[i] == '"';
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)q[i];
        if (c == '"')
            s[j++] = quotes % 2 ? ' ' : '"';
        else if (c >= 0x80 || isalnum(c) || c == '\'' || c == '&')
            s[j++] = (char)(isupper(c) ? tolower(c) : c);
        else
            s[j++] = ' ';
    }
    s[j] = '\0';
    return s;
}

int px_search_blank(const char *s)
{
    while (s && isspace((unsigned char)*s))
        s++;
    return !s || !*s;
}

static px_status add_filters(px_index *ix, const px_search_opts *o,
                             px_xquery **q, px_err *err)
{
    (void)ix;
    px_xquery *parts[3] = {*q, NULL, NULL};
    size_t n = 1;
    px_status st = PX_OK;
    if (o->n_outlets) {
        px_xquery **terms = calloc(o->n_outlets, sizeof *terms);
        if (!terms)
            return px_err_set(err, PX_ENOMEM, "out of memory");
        for (size_t i = 0; st == PX_OK && i < o->n_outlets; i++)
            st = outlet_term(o, o->outlets[i], &terms[i], err);
        if (st == PX_OK)
            st = px_xquery_combine(PX_XOP_OR, terms, o->n_outlets, 0,
                                   &parts[n++], err);
        for (size_t i = 0; i < o->n_outlets; i++)
            px_xquery_free(terms[i]);
        free(terms);
    }
    if (st == PX_OK && (o->from || o->to))
        st = px_index_date_filter(o->from, o->to, &parts[n++], err);
    if (st == PX_OK && n > 1) {
        px_xquery *filtered = NULL;
        st = px_xquery_combine(PX_XOP_FILTER, parts, n, 0, &filtered, err);
        if (st == PX_OK) {
            px_xquery_free(*q);
            *q = filtered;
        }
    }
    for (size_t i = 1; i < n; i++)
        px_xquery_free(parts[i]);
    return st;
}

const unsigned px_search_parse_flags =
    PX_XQP_BOOLEAN | PX_XQP_PHRASE | PX_XQP_LOVEHATE | PX_XQP_WILDCARD |
    PX_XQP_PURE_NOT;

/* Parses `text` (already folded) with its case lowered outside phrases
** (px_query_lower_case): "Negotiation", "NATO" and a sentence start are
** then stemmed like any word, and match what their lower case matches.
** An empty query matches everything so that filters alone can browse the
** archive. */
px_status px_search_parse(px_xqp *qp, const char *text, unsigned flags,
                       px_xquery **q, px_err *err)
{
    if (px_search_blank(text))
        return px_xquery_match_all(q, err);
    char *lowered = strdup(text);
    if (!lowered)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_query_lower_case(lowered);
    px_status st = px_xqp_parse(qp, lowered, flags, q, err);
    free(lowered);
    return st;
}

/* ------------------------------------------------------------------ */
/* Results                                                              */
/* ------------------------------------------------------------------ */

/* Turns Xapian's snippet (HTML-escaped, with HL_OPEN/HL_CLOSE around
** matches) into the plain text, the marked-up text and the spans.  A
** snippet is read as one line, so `collapse` makes every run of space and
** line breaks one space; a whole article shown keeps its paragraphs. */
px_status px_search_finish_snippet(px_marked *h, const char *raw,
                                const char *hl_start, const char *hl_end,
                                int collapse)
{
    size_t n = strlen(raw), cap = 8;
    size_t extra = 0;
    for (size_t i = 0; i < n; i++)
        if (raw[i] == HL_OPEN[0] || raw[i] == HL_CLOSE[0])
            extra++;
    size_t ls = strlen(hl_start), le = strlen(hl_end);
    char *plain = malloc(n + 1);
    char *marked = malloc(n + extra * (ls + le) + 1);
    px_span *spans = malloc(cap * sizeof *spans);
    if (!plain || !marked || !spans) {
        free(plain); free(marked); free(spans);
        return PX_ENOMEM;
    }
    size_t p = 0, m = 0, ns = 0;
    int open = 0;
    for (size_t i = 0; i < n;) {
        static const struct { const char *ent; char c; } ents[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
            {"&#39;", '\''}};
        char c = raw[i];
        size_t adv = 1;
        if (c == HL_OPEN[0]) {
            if (ns == cap) {
                px_span *more = realloc(spans, (cap *= 2) * sizeof *spans);
                if (!more) {
                    free(plain); free(marked); free(spans);
                    return PX_ENOMEM;
                }
                spans = more;
            }
            spans[ns].start = p;
            spans[ns].len = 0;
            open = 1;
            memcpy(marked + m, hl_start, ls);
            m += ls;
            i++;
            continue;
        }
        if (c == HL_CLOSE[0]) {
            if (open) {
                spans[ns].len = p - spans[ns].start;
                ns++;
                open = 0;
            }
            memcpy(marked + m, hl_end, le);
            m += le;
            i++;
            continue;
        }
        if (c == '&')
            for (size_t k = 0; k < sizeof ents / sizeof *ents; k++)
                if (strncmp(raw + i, ents[k].ent, strlen(ents[k].ent)) == 0) {
                    c = ents[k].c;
                    adv = strlen(ents[k].ent);
                    break;
                }
        i += adv;
        if (collapse && (c == '\n' || c == '\r' || c == '\t' || c == ' ')) {
            if (p == 0 || plain[p - 1] == ' ')
                continue;
            c = ' ';
        }
        plain[p++] = c;
        marked[m++] = c;
    }
    plain[p] = '\0';
    marked[m] = '\0';
    h->marked = marked;
    h->plain = plain;
    h->spans = spans;
    h->n_spans = ns;
    return PX_OK;
}

/* The snippet of a hit whose text holds no query word (a search by
** outlet or date only, or words found only in the title): the story's
** opening, up to the last word that fits in `len` bytes, as one line.
** Xapian would pick any passage, often the page's closing lines. */
static px_status opening_snippet(px_marked *h, const char *body, size_t len)
{
    size_t n = strlen(body), p = 0, last_space = 0;
    char *plain = malloc((n < len ? n : len) + 4);
    if (!plain)
        return PX_ENOMEM;
    size_t i = 0;
    for (; i < n && p < len; i++) {
        char c = body[i];
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            if (p == 0 || plain[p - 1] == ' ')
                continue;
            c = ' ';
            last_space = p;
        }
        plain[p++] = c;
    }
    /* The last word is whole when the text ends or a space follows. */
    int whole = i >= n || strchr(" \t\r\n", body[i]) != NULL;
    while (i < n && strchr(" \t\r\n", body[i]))
        i++;
    if (i < n) {
        if (!whole && last_space > 0) {
            p = last_space;
        } else if (!whole) {
            /* One word longer than the snippet: cut between characters. */
            while (p > 0 && ((unsigned char)body[i] & 0xC0) == 0x80) {
                p--;
                i--;
            }
        }
        while (p > 0 && plain[p - 1] == ' ')
            p--;
        memcpy(plain + p, "...", 3);
        p += 3;
    }
    plain[p] = '\0';
    h->plain = plain;
    h->marked = strdup(plain);
    h->spans = NULL;
    h->n_spans = 0;
    return h->marked ? PX_OK : PX_ENOMEM;
}

/* One hit with its article and snippet.  `opening` (the search is out of
** time) gives the story's opening as the snippet: Xapian's snippet of a
** long article for a broad query is the costly part. */
static px_status load_hit(px_index *ix, px_xmset *ms, unsigned i,
                          const px_search_opts *o, int opening, px_hit *h,
                          px_err *err)
{
    unsigned docid = 0;
    px_status st = px_xmset_item(ms, i, &docid, &h->score, err);
    if (st != PX_OK)
        return st;
    h->docid = docid;
    h->rank = o->offset + i + 1;
    size_t members = 1, outlets = 1;
    if (ix->store) {
        st = px_store_get(ix->store, docid, o->snippets, &h->article, err);
        if (st == PX_OK)
            st = px_store_cluster_size(ix->store, h->article->cluster,
                                       &members, &outlets, err);
    } else {   /* a front of remote shards: they carry the articles */
        st = px_docdata_get(ix->xdb, docid, o->snippets, &h->article, err);
        if (st == PX_OK)
            st = px_docdata_cluster_size(ix, h->article->cluster, &members,
                                         &outlets, err);
    }
    h->copies = members ? members - 1 : 0;
    h->copy_outlets = outlets;
    if (st != PX_OK || !o->snippets)
        return st;
    char *raw = NULL;
    const char *body = h->article->body ? h->article->body : "";
    size_t len = o->snippet_len ? o->snippet_len : 200;
    px_marked m = {0};
    if (!opening)
        st = px_xmset_snippet(ms, body, strlen(body), len, HL_OPEN, HL_CLOSE,
                              &raw, err);
    if (st == PX_OK && (opening || !strchr(raw, HL_OPEN[0])))
        st = opening_snippet(&m, body, len);
    else if (st == PX_OK)
        st = px_search_finish_snippet(&m, raw, o->hl_start ? o->hl_start : "[",
                            o->hl_end ? o->hl_end : "]", 1);
    if (st == PX_ENOMEM)
        px_err_set(err, PX_ENOMEM, "out of memory");
    h->snippet = m.marked;
    h->snippet_plain = m.plain;
    h->highlights = m.spans;
    h->n_highlights = m.n_spans;
    free(raw);
    /* The body was only needed for the snippet; results stay small. */
    free(h->article->body);
    h->article->body = NULL;
    return st;
}

static int facet_by_count(const void *a, const void *b)
{
    const px_facet *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

/* Copies a spy's counts into facets, adding an "unknown" entry for the
** matches that had no value in the slot. */
static px_status spy_facets(px_index *ix, px_xspy *spy, int outlets,
                            px_facet **out, size_t *n_out, px_err *err)
{
    px_xcount *c = NULL;
    size_t n = 0;
    unsigned total = 0;
    px_status st = px_xspy_values(spy, &c, &n, err);
    if (st == PX_OK) st = px_xspy_total(spy, &total, err);
    px_facet *f = st == PX_OK ? calloc(n + 1, sizeof *f) : NULL;
    if (st == PX_OK && !f)
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    size_t counted = 0;
    for (size_t i = 0; st == PX_OK && i < n; i++) {
        f[i].count = c[i].count;
        counted += c[i].count;
        if (outlets && ix->store)
            st = px_store_outlet_name(ix->store, c[i].value, &f[i].value, err);
        else if (outlets)
            st = px_docdata_outlet_name(ix->xdb, c[i].value, &f[i].value,
                                        err);
        if (st == PX_OK && !f[i].value)
            f[i].value = strdup(c[i].value);
    }
    px_xcounts_free(c, n);
    if (st != PX_OK) {
        for (size_t i = 0; f && i < n; i++)
            free(f[i].value);
        free(f);
        return st;
    }
    if (outlets)
        qsort(f, n, sizeof *f, facet_by_count);
    if (total > counted)
        f[n++].count = total - counted;   /* value NULL: unknown */
    *out = f;
    *n_out = n;
    return PX_OK;
}

/* ------------------------------------------------------------------ */
/* The search                                                           */
/* ------------------------------------------------------------------ */

typedef struct {
    px_xqp *qp;
    px_xquery *q;
    px_xenq *enq;
    px_xspy *spy_outlet, *spy_month;
    px_xmset *ms;
    px_xenq *facet_enq;        /* facets counted apart (remote_facets) */
    px_xmset *facet_ms;
    char *parsed;              /* the query as parsed, before wildcards
                                  are expanded for a sharded index */
    int timed_out;
} search_state;

static void state_free(search_state *s)
{
    px_xmset_free(s->ms);
    px_xenq_free(s->enq);
    px_xmset_free(s->facet_ms);
    px_xenq_free(s->facet_enq);
    free(s->parsed);
    px_xspy_free(s->spy_outlet);
    px_xspy_free(s->spy_month);
    px_xquery_free(s->q);
    px_xqp_free(s->qp);
    memset(s, 0, sizeof *s);
}

/* Xapian 1.4 miscounts match spies over two or more remote shards when
** the hits are sorted by a value (a few documents counted twice): facets
** of such a search come from a match of their own, in relevance order,
** which returns no hits and costs one more pass over the matches. */
static int facets_apart(px_index *ix, const px_search_opts *o)
{
    return o->facets && o->sort != PX_SORT_RELEVANCE &&
           px_xdb_remote(ix->xdb) && px_xdb_size(ix->xdb) > 1;
}

static px_status count_facets_apart(px_index *ix, search_state *s,
                                    unsigned doccount, px_err *err)
{
    px_status st = px_xenq_new(ix->xdb, ix->language, &s->facet_enq, err);
    if (st == PX_OK) st = px_xenq_set_query(s->facet_enq, s->q, err);
    if (st == PX_OK) st = px_xenq_add_spy(s->facet_enq, s->spy_outlet, err);
    if (st == PX_OK) st = px_xenq_add_spy(s->facet_enq, s->spy_month, err);
    if (st == PX_OK)
        st = px_xenq_mset(s->facet_enq, 0, 0, doccount, &s->facet_ms, err);
    return st;
}

static px_status run_match(px_index *ix, const px_search_opts *o,
                           const px_budget *b, search_state *s, px_err *err)
{
    int apart = facets_apart(ix, o);
    unsigned doccount = 0;
    /* Each term costs a posting list, opened before Xapian's match loop
    ** and its time limit start: the term cap bounds that part. */
    px_status st = px_budget_check_terms(ix->xdb, s->q, err);
    if (st == PX_OK && !s->parsed) st = px_xquery_describe(s->q, &s->parsed, err);
    if (st == PX_OK) st = px_xquery_expand_wildcards(ix->xdb, s->q, err);
    if (st == PX_OK) st = px_xdb_doccount(ix->xdb, &doccount, err);
    if (st == PX_OK) st = px_xenq_new(ix->xdb, ix->language, &s->enq, err);
    if (st == PX_OK) st = px_xenq_set_query(s->enq, s->q, err);
    if (st == PX_OK && o->sort == PX_SORT_NEWEST)
        st = px_xenq_sort_by_value(s->enq, PX_SLOT_DATE, 1, err);
    if (st == PX_OK && o->sort == PX_SORT_OLDEST)
        st = px_xenq_sort_by_value(s->enq, PX_SLOT_OLDEST, 0, err);
    if (st == PX_OK && o->collapse)
        st = px_xenq_set_collapse(s->enq, PX_SLOT_CLUSTER, 1, err);
    if (st == PX_OK && o->facets) {
        st = px_xspy_new(PX_SLOT_OUTLET, &s->spy_outlet, err);
        if (st == PX_OK) st = px_xspy_new(PX_SLOT_MONTH, &s->spy_month, err);
        if (st == PX_OK && !apart)
            st = px_xenq_add_spy(s->enq, s->spy_outlet, err);
        if (st == PX_OK && !apart)
            st = px_xenq_add_spy(s->enq, s->spy_month, err);
    }
    /* Facets must see every match to be exact.  Without them the count is
    ** still exact up to PX_EXACT_COUNT matches: Xapian then examines every
    ** match, which costs little below that bound, and only a broader
    ** query gets an estimate ("About N"). */
    unsigned limit = o->no_hits ? 0 : (unsigned)(o->limit ? o->limit : 10);
    unsigned check = o->facets || o->exact_count ? doccount : PX_EXACT_COUNT;
    /* Matching gets what the budget has left.  Xapian's time limit ends
    ** exhaustive counting at three quarters of it (the hits are then
    ** still the best ones); the deadline ends the match itself at all of
    ** it, which Xapian's limit does not do for a date sort or a huge OR.
    ** A budget already spent still gets a moment (0 would mean no limit
    ** to both): the first documents, and a notice that it stopped. */
    double left = px_budget_left(b), t0 = px_budget_elapsed(b);
    if (left < 1e-6)
        left = 1e-6;
    if (st == PX_OK && b->limit > 0) {
        st = px_xenq_set_time_limit(s->enq, 0.75 * left, err);
        if (st == PX_OK) st = px_xenq_set_deadline(s->enq, left, err);
    }
    if (st == PX_OK)
        st = px_xenq_mset(s->enq, (unsigned)o->offset, limit, check, &s->ms,
                          err);
    if (st == PX_OK && apart)
        st = count_facets_apart(ix, s, doccount, err);
    /* Xapian does not say whether its limit cut the counting short;
    ** taking at least that long means it may have. */
    s->timed_out = st == PX_OK && b->limit > 0 &&
        (px_xenq_cut(s->enq) || px_budget_elapsed(b) - t0 >= 0.75 * left);
    return st;
}

static px_status collect(px_index *ix, const px_search_opts *o,
                         const px_budget *b, search_state *s, px_results *r,
                         px_err *err)
{
    unsigned lower, est, upper;
    px_xmset_bounds(s->ms, &lower, &est, &upper);
    r->matches_lower = lower;
    r->matches_estimated = est;
    r->matches_upper = upper;
    /* A match cut short by the time limit has seen only some documents:
    ** its bounds may agree and still be wrong. */
    r->exact = lower == upper && !s->timed_out;
    unsigned n = px_xmset_size(s->ms);
    r->hits = calloc(n ? n : 1, sizeof *r->hits);
    if (!r->hits)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_status st = PX_OK;
    for (unsigned i = 0; st == PX_OK && i < n; i++) {
        st = load_hit(ix, s->ms, i, o, px_budget_spent(b),
                      &r->hits[r->n_hits], err);
        if (st == PX_ENOTFOUND) {
            /* Deleted from the store after Xapian matched it. */
            px_article_free(r->hits[r->n_hits].article);
            memset(&r->hits[r->n_hits], 0, sizeof r->hits[0]);
            st = PX_OK;
            continue;
        }
        r->n_hits++;
    }
    if (st == PX_OK && o->facets) {
        st = spy_facets(ix, s->spy_outlet, 1, &r->outlet_facets,
                        &r->n_outlet_facets, err);
        if (st == PX_OK)
            st = spy_facets(ix, s->spy_month, 0, &r->month_facets,
                            &r->n_month_facets, err);
    }
    if (st == PX_OK) {
        r->parsed = s->parsed;
        s->parsed = NULL;
    }
    if (st == PX_OK && !px_search_blank(r->query) && !o->no_suggestion &&
        !px_budget_spent(b))
        st = px_index_suggest(ix, s->q, s->qp, r->query, &r->suggestion, err);
    return st;
}

static char *notice_for(const char *reason, const char *safe)
{
    size_t n = strlen(reason) + strlen(safe) + 96;
    char *msg = malloc(n);
    if (msg)
        snprintf(msg, n,
                 "the query could not be run as written (%s); searched for "
                 "the words instead: %s", reason, safe);
    return msg;
}

/* One attempt: parse (retrying in the safe form once when the parser or
** the matcher rejects the query), match, collect. */
static px_status search_once(px_index *ix, const px_search_opts *o,
                             const px_budget *b, px_results *r, px_err *err)
{
    search_state s = {0};
    px_status st = px_search_make_parser(ix, o, &s.qp, err);
    if (st == PX_OK)
        st = px_search_parse(s.qp, r->query, px_search_parse_flags |
                   (o->no_suggestion ? 0 : PX_XQP_SPELLING), &s.q, err);
    if (st == PX_OK) st = add_filters(ix, o, &s.q, err);
    if (st == PX_OK) st = run_match(ix, o, b, &s, err);
    if (st == PX_EQUERY || st == PX_EUNIMPL) {
        char *safe = px_search_safe_query(r->query);
        char *notice = safe ? notice_for(err ? err->msg : "", safe) : NULL;
        state_free(&s);
        st = safe && notice ? px_search_make_parser(ix, o, &s.qp, err)
                            : PX_ENOMEM;
        if (st == PX_OK)
            st = px_search_parse(s.qp, safe, PX_XQP_PHRASE, &s.q, err);
        if (st == PX_OK) st = add_filters(ix, o, &s.q, err);
        if (st == PX_OK) st = run_match(ix, o, b, &s, err);
        if (st == PX_OK) {
            free(r->query);
            r->query = safe;
            r->notice = notice;
            safe = notice = NULL;
        }
        free(safe);
        free(notice);
    }
    if (st == PX_OK)
        st = collect(ix, o, b, &s, r, err);
    if (st == PX_OK && s.timed_out && !r->notice) {
        char msg[160];
        snprintf(msg, sizeof msg, "the search stopped after its time limit "
                 "of %g s: results are the best found so far and counts "
                 "are estimates", b->limit);
        if (!(r->notice = strdup(msg)))
            st = px_err_set(err, PX_ENOMEM, "out of memory");
    }
    state_free(&s);
    return st;
}

static void results_clear(px_results *r)
{
    for (size_t i = 0; i < r->n_hits; i++) {
        px_hit *h = &r->hits[i];
        px_article_free(h->article);
        free(h->snippet);
        free(h->snippet_plain);
        free(h->highlights);
    }
    free(r->hits);
    for (size_t i = 0; i < r->n_outlet_facets; i++)
        free(r->outlet_facets[i].value);
    free(r->outlet_facets);
    for (size_t i = 0; i < r->n_month_facets; i++)
        free(r->month_facets[i].value);
    free(r->month_facets);
    free(r->parsed);
    free(r->notice);
    free(r->suggestion);
    char *query = r->query;
    memset(r, 0, sizeof *r);
    r->query = query;
}

void px_results_free(px_results *r)
{
    if (!r)
        return;
    results_clear(r);
    free(r->query);
    free(r);
}

/* Opens the index's Xapian side afresh, in place of ix->xdb (kept when
** that fails). */
static px_status reopen_swapped(px_index *ix)
{
    px_xdb *fresh = NULL;
    px_status st = px_xdb_open_read(ix->xapian_path, &fresh, NULL);
    if (st == PX_OK) {
        px_xdb_close(ix->xdb);
        ix->xdb = fresh;
    }
    return st;
}

/* Results from the shards that answered say which did not. */
static px_status missing_notice(px_index *ix, px_results *r, px_err *err)
{
    const char *fmt = "%s%sshards that did not answer are left out (%s): "
                      "counts and hits miss their articles";
    const char *before = r->notice ? r->notice : "";
    size_t n = strlen(fmt) + strlen(before) + strlen(ix->missing) + 4;
    char *msg = malloc(n);
    if (!msg)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    snprintf(msg, n, fmt, before, *before ? "; " : "", ix->missing);
    free(r->notice);
    r->notice = msg;
    r->exact = 0;
    return PX_OK;
}

px_status px_search(px_index *ix, const px_search_opts *o, px_results **out,
                    px_err *err)
{
    px_results *r = calloc(1, sizeof *r);
    if (r)
        r->query = strdup(o->query ? o->query : "");
    if (!r || !r->query) {
        free(r);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    px_text_fold_punct(r->query);
    /* The budget's clock starts here and its text caps are checked on the
    ** query as typed, before spelling variants lengthen it. */
    px_budget b;
    px_budget_start(&b, o->time_limit);
    px_status cst = px_budget_check_text(r->query, err);
    if (cst != PX_OK) {
        px_results_free(r);
        return cst;
    }
    /* On a writable handle the Xapian database may be in the hands of the
    ** writer thread (index_pipeline.c): wait for it to finish. */
    px_status st = ix->writable ? px_index_drain(ix, err) : PX_OK;
    if (st != PX_OK) {
        px_results_free(r);
        return st;
    }
    st = PX_EMODIFIED;
    if (o->variants) {
        char *expanded = NULL;
        if ((st = px_variants_expand(o->variants, r->query, &expanded,
                                     err)) != PX_OK) {
            px_results_free(r);
            return st;
        }
        free(r->query);
        r->query = expanded;
        st = PX_EMODIFIED;
    }
    /* A writer committing while we read invalidates Xapian's view of the
    ** old revision: move to the new one and start over.  `compact` and
    ** `reindex` swapping a new database in while we read can make a read
    ** fail outright: once, the database is opened afresh and the search
    ** run again. */
    int reopened = 0;
    for (int attempt = 0; st == PX_EMODIFIED && attempt < PX_MAX_RETRIES;
         attempt++) {
        if (attempt > 0) {
            results_clear(r);
            if ((st = px_xdb_reopen(ix->xdb, err)) != PX_OK)
                break;
        }
        st = search_once(ix, o, &b, r, err);
        if ((st == PX_EBACKEND || st == PX_ECORRUPT) && !reopened &&
            !ix->writable && reopen_swapped(ix) == PX_OK) {
            reopened = 1;
            st = PX_EMODIFIED;
        }
    }
    if (st != PX_OK) {
        px_results_free(r);
        return st;
    }
    /* Not knowing is no reason to fail the search: 0 then. */
    px_index_pending(ix, &r->pending, NULL);
    if (ix->missing && (st = missing_notice(ix, r, err)) != PX_OK) {
        px_results_free(r);
        return st;
    }
    *out = r;
    return PX_OK;
}
