/*
** result.c — the pxe_result object: building, freeing, and copying into an
** article.
**
** Copying follows the rule of ingest.h: what a reader set from explicit
** headers or fields wins, so only the article's empty fields are filled;
** the body is always replaced by the cleaned one.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

pxe_result *pxe_result_new(void)
{
    return calloc(1, sizeof(pxe_result));
}

void pxe_result_cand(pxe_result *r, const char *field, const char *value,
                     int score, const char *fmt, ...)
{
    pxe_cand *v = realloc(r->cands, (r->n_cands + 1) * sizeof *v);
    if (!v)
        return;
    r->cands = v;
    pxe_cand *c = &v[r->n_cands];
    if (!(c->value = pxe_strdup(value)))
        return;
    c->field = field;
    c->score = score;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->why, sizeof c->why, fmt, ap);
    va_end(ap);
    r->n_cands++;
}

void pxe_result_free(pxe_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_cands; i++)
        free(r->cands[i].value);
    free(r->cands);
    free(r->title.value);
    free(r->outlet.value);
    free(r->author.value);
    free(r->url.value);
    free(r->wire.value);
    free(r->body);
    free(r->site);
    for (size_t i = 0; i < r->n_lines; i++)
        free(r->lines[i].text);
    free(r->lines);
    free(r);
}

int pxe_result_finish(pxe_result *r, pxe_lines *ls)
{
    if (ls->oom)
        return -1;
    r->body = pxe_lines_body(ls);
    r->lines = ls->v;
    r->n_lines = ls->n;
    ls->v = NULL;
    ls->n = ls->cap = 0;
    if (r->date_source == PX_DATE_UNKNOWN) {
        r->date[0] = '\0';
        r->date_how = NULL;
        r->date_confidence = 0;
    }
    return r->body ? 0 : -1;
}

static px_status result_copy(char **field, const pxe_field *f)
{
    if (*field || !f->value)
        return PX_OK;
    return px_article_set(field, f->value, strlen(f->value));
}

px_status pxe_result_to_article(const pxe_result *r, px_article *a,
                                px_err *err)
{
    px_status st = result_copy(&a->title, &r->title);
    if (st == PX_OK)
        st = result_copy(&a->outlet, &r->outlet);
    if (st == PX_OK)
        st = result_copy(&a->author, &r->author);
    if (st == PX_OK)
        st = result_copy(&a->url, &r->url);
    if (st == PX_OK && r->body)
        st = px_article_set(&a->body, r->body, strlen(r->body));
    if (st != PX_OK)
        return px_err_set(err, st, "out of memory");
    if (a->date_source == PX_DATE_UNKNOWN && r->date[0]) {
        memcpy(a->date, r->date, sizeof a->date);
        a->date_source = r->date_source;
        a->date_precision = r->date_precision;
    }
    return PX_OK;
}
