/*
** text.c — extraction for scraped page text: split into lines, mark the
** chrome, read the metadata, join what is left.
**
** Chrome is marked before metadata is read so that the headline search
** skips menus; the metadata step may then claim back a line the chrome
** step dropped (a headline repeated on the page, a byline that looked
** like a time stamp).
*/
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* Lines of the text; a blank line before a line makes it a paragraph. */
static void text_lines(const char *text, size_t len, pxe_lines *ls)
{
    size_t pos = 0;
    int para = 0;
    while (pos < len) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + 1;
        size_t k = 0;
        while (k < n && pxe_is_space((unsigned char)s[k]))
            k++;
        if (k == n) {
            para = 1;
            continue;
        }
        pxe_lines_add(ls, s, n, para || ls->n == 0);
        para = 0;
    }
}

px_status pxe_extract_text(const pxe_ctx *ctx, const pxe_hints *hints,
                           const char *text, size_t len, pxe_result **out,
                           px_err *err)
{
    pxe_lines ls = {0};
    char site[256];
    *out = NULL;
    pxe_result *r = pxe_result_new();
    if (!r)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    text_lines(text, len, &ls);
    if (hints && hints->url)
        pxe_field_set(&r->url, hints->url, "given", 100);
    /* A url header counts for the site key too (first pass does the same
    ** through pxe_learn_file). */
    pxe_site_key(hints ? hints->url : NULL, hints ? hints->path : NULL, site,
                 sizeof site);
    r->site = pxe_strdup(site);
    pxe_chrome_mark(ctx, &ls, site, 0);
    if (!r->site || pxe_textmeta(ctx, &ls, r, hints) ||
        pxe_result_finish(r, &ls)) {
        pxe_lines_free(&ls);
        pxe_result_free(r);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    *out = r;
    return PX_OK;
}

px_status pxe_fill_article(const pxe_ctx *ctx, px_article *a,
                           const char *text, size_t len, char **wire,
                           px_err *err)
{
    pxe_result *r;
    pxe_hints h = {a->source, a->url, NULL};
    if (wire)
        *wire = NULL;
    px_status st = pxe_extract_text(ctx, &h, text, len, &r, err);
    if (st != PX_OK)
        return st;
    st = pxe_result_to_article(r, a, err);
    if (st == PX_OK && wire && r->wire.value &&
        !(*wire = pxe_strdup(r->wire.value)))
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    pxe_result_free(r);
    return st;
}
