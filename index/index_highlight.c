/*
** index_highlight.c — marking the words a query matches in a whole text
** (px_highlight), for showing a stored article with the searched words
** lit.  The query is prepared exactly as px_search prepares it and the
** marks come from Xapian's snippet generator with the index's stemmer, so
** that a word lit in a snippet is lit in the article too.
*/
#include <stdlib.h>
#include <string.h>

#include "index_internal.h"
#include "query_budget.h"
#include "search_internal.h"

/* The query as px_search runs it: folded, spelling variants expanded,
** parsed (in its safe form when the parser rejects it). */
static px_status highlight_query(px_index *ix, const px_search_opts *o,
                                 px_xqp **qp, px_xquery **q, px_err *err)
{
    char *text = strdup(o->query ? o->query : "");
    if (!text)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_text_fold_punct(text);
    /* The caps a search has on query text hold here too (the parser's
    ** stack is the same). */
    px_status st = px_budget_check_text(text, err);
    if (st == PX_OK && o->variants) {
        char *expanded = NULL;
        st = px_variants_expand(o->variants, text, &expanded, err);
        free(text);
        text = expanded;
    }
    if (st == PX_OK) st = px_search_make_parser(ix, o, qp, err);
    if (st == PX_OK)
        st = px_search_parse(*qp, text, px_search_parse_flags, q, err);
    if (st == PX_EQUERY || st == PX_EUNIMPL) {
        char *safe = px_search_safe_query(text);
        st = safe ? px_search_parse(*qp, safe, PX_XQP_PHRASE, q, err)
                  : px_err_set(err, PX_ENOMEM, "out of memory");
        free(safe);
    }
    free(text);
    return st;
}

/* Xapian's rendering of a whole text is the text except at its edges (it
** drops trailing punctuation for "...").  So the text shown is the
** original, and only the marks are taken from Xapian's copy: each span is
** moved to the same characters of the original. */
static px_status realign(px_marked *m, const char *text, const char *hl_start,
                         const char *hl_end)
{
    const char *p = m->plain;
    size_t np = strlen(p), nt = strlen(text), k = 0, s = 0, done = 0;
    if (np >= 3 && strncmp(p, "...", 3) == 0 && strncmp(text, "...", 3) != 0)
        k = 3;
    size_t ls = strlen(hl_start), le = strlen(hl_end);
    char *marked = malloc(nt + m->n_spans * (ls + le) + 1), *out = marked;
    char *plain = strdup(text);
    if (!marked || !plain) {
        free(marked);
        free(plain);
        return PX_ENOMEM;
    }
    size_t end = 0;     /* the open span's end in Xapian's copy */
    int open = 0;
    for (size_t j = 0;; j++) {
        if (open && k == end) {
            memcpy(out, hl_end, le);
            out += le;
            m->spans[done].len = j - m->spans[done].start;
            done++;
            open = 0;
        }
        while (!open && s < m->n_spans && m->spans[s].start < k)
            s++;                        /* empty or out of order: dropped */
        if (!open && s < m->n_spans && k == m->spans[s].start &&
            m->spans[s].len > 0 && j < nt && p[k] == text[j]) {
            memcpy(out, hl_start, ls);
            out += ls;
            end = k + m->spans[s].len;
            m->spans[done].start = j;
            s++;
            open = 1;
        }
        if (j == nt)
            break;
        if (k < np && p[k] == text[j])
            k++;
        *out++ = text[j];
    }
    if (open) {
        memcpy(out, hl_end, le);
        out += le;
        m->spans[done].len = nt - m->spans[done].start;
        done++;
    }
    *out = '\0';
    m->n_spans = done;
    free(m->marked);
    free(m->plain);
    m->marked = marked;
    m->plain = plain;
    return PX_OK;
}

static px_status highlight_once(px_index *ix, const px_search_opts *o,
                                const char *text, px_marked *out,
                                px_err *err)
{
    px_xqp *qp = NULL;
    px_xquery *q = NULL;
    px_xenq *enq = NULL;
    px_xmset *ms = NULL;
    char *raw = NULL;
    size_t n = strlen(text);
    px_status st = highlight_query(ix, o, &qp, &q, err);
    /* Snippets need a match set to know the query's terms; no document
    ** of it is needed, so the match asks for none. */
    if (st == PX_OK) st = px_xenq_new(ix->xdb, ix->language, &enq, err);
    if (st == PX_OK) st = px_xenq_set_query(enq, q, err);
    if (st == PX_OK) st = px_xenq_mset(enq, 0, 0, 0, &ms, err);
    /* A snippet longer than the text is the whole text.  Xapian counts
    ** the length after HTML escaping (a quote is six bytes), so the room
    ** asked for is what the most escaped text would take. */
    if (st == PX_OK)
        st = px_xmset_snippet(ms, text, n, 6 * n + 64, HL_OPEN, HL_CLOSE,
                              &raw, err);
    const char *hs = o->hl_start ? o->hl_start : "[";
    const char *he = o->hl_end ? o->hl_end : "]";
    if (st == PX_OK &&
        (px_search_finish_snippet(out, raw, hs, he, 0) != PX_OK ||
         realign(out, text, hs, he) != PX_OK))
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    free(raw);
    px_xmset_free(ms);
    px_xenq_free(enq);
    px_xquery_free(q);
    px_xqp_free(qp);
    return st;
}

px_status px_highlight(px_index *ix, const px_search_opts *o,
                       const char *text, px_marked *out, px_err *err)
{
    memset(out, 0, sizeof *out);
    px_status st = ix->writable ? px_index_drain(ix, err) : PX_OK;
    if (st == PX_OK && px_search_blank(o->query)) {
        /* Nothing to mark: the text as it is. */
        out->plain = strdup(text);
        out->marked = strdup(text);
        if (!out->plain || !out->marked) {
            px_marked_clear(out);
            return px_err_set(err, PX_ENOMEM, "out of memory");
        }
        return PX_OK;
    }
    if (st == PX_OK)
        st = PX_EMODIFIED;
    for (int attempt = 0; st == PX_EMODIFIED && attempt < PX_MAX_RETRIES;
         attempt++) {
        if (attempt > 0 && (st = px_xdb_reopen(ix->xdb, err)) != PX_OK)
            break;
        st = highlight_once(ix, o, text, out, err);
    }
    return st;
}

void px_marked_clear(px_marked *m)
{
    if (!m)
        return;
    free(m->marked);
    free(m->plain);
    free(m->spans);
    memset(m, 0, sizeof *m);
}
