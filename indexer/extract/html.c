/*
** html.c — extraction for HTML pages: metadata from the markup, the story
** from the densest block, then the text rules for whatever is left.
**
** Markup states metadata more reliably than text, so it comes first, in
** the order the publishing world fills it: Open Graph and article: meta
** tags (what social sites read), JSON-LD (what search engines read), then
** the visible <h1>, <time datetime> and <title>.  Whatever the markup
** leaves unknown is then looked for in the story's text with the same
** rules as scraped text (a byline, a dateline, a copyright line), and the
** URL and crawl date come last.  The HTML5 parsing itself (entities,
** broken markup, implied tags) is gumbo's.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_int.h"

/* A story shorter than this (bytes) makes the content search try again
** less strictly. */
#define HTML_MIN_STORY 500

typedef struct {
    char *og_title, *tw_title, *site_name, *app_name, *pub_time, *meta_date;
    char *author, *og_url, *canonical, *title, *h1, *time_dt, *ip_date;
    pxe_jsonld jl;
} hm_meta;

static const char *hm_attr(const GumboNode *n, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

static void hm_take(char **dst, const char *s)
{
    if (!*dst && s && *s)
        *dst = pxe_collapse(s, strlen(s));
}

/* The text of a subtree (for <title>, <h1>, <script>). */
static void hm_text(const GumboNode *n, pxe_buf *b)
{
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
        pxe_buf_adds(b, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    const GumboVector *k = &n->v.element.children;
    for (unsigned i = 0; i < k->length; i++) {
        hm_text(k->data[i], b);
        pxe_buf_addc(b, ' ');
    }
}

static void hm_take_text(char **dst, const GumboNode *n)
{
    if (*dst)
        return;
    pxe_buf b = {0};
    hm_text(n, &b);
    char *s = pxe_buf_take(&b);
    if (s)
        hm_take(dst, s);
    free(s);
}

static const char *const hm_date_names[] = {
    "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article.published",
    "og:published_time", "datepublished", "original-publish-date",
    "article_date_original", "cxenseparse:recs:publishtime",
};

static void hm_meta_tag(const GumboNode *n, hm_meta *m)
{
    const char *key = hm_attr(n, "property");
    const char *content = hm_attr(n, "content");
    if (!key)
        key = hm_attr(n, "name");
    if (!key)
        key = hm_attr(n, "itemprop");
    if (!key || !content)
        return;
    if (strcasecmp(key, "og:title") == 0)
        hm_take(&m->og_title, content);
    else if (strcasecmp(key, "twitter:title") == 0)
        hm_take(&m->tw_title, content);
    else if (strcasecmp(key, "og:site_name") == 0)
        hm_take(&m->site_name, content);
    else if (strcasecmp(key, "application-name") == 0)
        hm_take(&m->app_name, content);
    else if (strcasecmp(key, "article:published_time") == 0)
        hm_take(&m->pub_time, content);
    else if (strcasecmp(key, "og:url") == 0)
        hm_take(&m->og_url, content);
    else if ((strcasecmp(key, "author") == 0 ||
              strcasecmp(key, "article:author") == 0 ||
              strcasecmp(key, "parsely-author") == 0 ||
              strcasecmp(key, "sailthru.author") == 0 ||
              strcasecmp(key, "dc.creator") == 0 || strcasecmp(key, "byl") == 0) &&
             !strstr(content, "://"))
        hm_take(&m->author, content);
    else
        for (size_t i = 0; i < sizeof hm_date_names / sizeof *hm_date_names; i++)
            if (strcasecmp(key, hm_date_names[i]) == 0)
                hm_take(&m->meta_date, content);
}

static void hm_element(const GumboNode *n, hm_meta *m)
{
    GumboTag t = n->v.element.tag;
    const char *ip = hm_attr(n, "itemprop");
    if (t == GUMBO_TAG_META)
        hm_meta_tag(n, m);
    else if (t == GUMBO_TAG_TITLE)
        hm_take_text(&m->title, n);
    else if (t == GUMBO_TAG_H1)
        hm_take_text(&m->h1, n);
    else if (t == GUMBO_TAG_TIME)
        hm_take(&m->time_dt, hm_attr(n, "datetime"));
    else if (t == GUMBO_TAG_LINK) {
        const char *rel = hm_attr(n, "rel");
        if (rel && strcasecmp(rel, "canonical") == 0)
            hm_take(&m->canonical, hm_attr(n, "href"));
    } else if (t == GUMBO_TAG_SCRIPT) {
        const char *type = hm_attr(n, "type");
        if (type && pxe_stristr(type, "ld+json")) {
            pxe_buf b = {0};
            hm_text(n, &b);
            if (b.s)
                pxe_jsonld_parse(b.s, b.len, &m->jl);
            pxe_buf_free(&b);
        }
    }
    if (ip && strcasecmp(ip, "datePublished") == 0) {
        hm_take(&m->ip_date, hm_attr(n, "datetime"));
        hm_take(&m->ip_date, hm_attr(n, "content"));
    }
}

static void hm_walk(const GumboNode *n, hm_meta *m, int depth)
{
    if (n->type != GUMBO_NODE_ELEMENT || depth > 400)
        return;
    hm_element(n, m);
    GumboTag t = n->v.element.tag;
    if (t == GUMBO_TAG_NAV || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_FOOTER)
        return;   /* their <time>s and <h1>s belong to other stories */
    const GumboVector *k = &n->v.element.children;
    for (unsigned i = 0; i < k->length; i++)
        hm_walk(k->data[i], m, depth + 1);
}

static void hm_free(hm_meta *m)
{
    char **f[] = {&m->og_title, &m->tw_title, &m->site_name, &m->app_name,
                  &m->pub_time, &m->meta_date, &m->author, &m->og_url,
                  &m->canonical, &m->title, &m->h1, &m->time_dt, &m->ip_date};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        free(*f[i]);
    pxe_jsonld_free(&m->jl);
}

static void hm_date(pxe_result *r, const hm_meta *m)
{
    const struct {
        const char *v, *how;
        int conf;
    } c[] = {
        {m->pub_time, "article:published_time", 95},
        {m->jl.date, "JSON-LD datePublished", 95},
        {m->ip_date, "itemprop datePublished", 90},
        {m->meta_date, "date meta tag", 85},
        {m->time_dt, "<time datetime>", 70},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        if (c[i].v && pxe_date_normalise(c[i].v, r->date)) {
            r->date_source = PX_DATE_META;
            r->date_how = c[i].how;
            r->date_confidence = c[i].conf;
            return;
        }
}

/* Fills title, outlet, author, url and date from the markup. */
static int hm_apply(const pxe_ctx *ctx, pxe_result *r, hm_meta *m,
                    const pxe_hints *h)
{
    int rc = 0;
    if (h && h->url)
        rc |= pxe_field_set(&r->url, h->url, "given", 100);
    else if (m->canonical && strstr(m->canonical, "://"))
        rc |= pxe_field_set(&r->url, m->canonical, "link rel=canonical", 90);
    else if (m->og_url && strstr(m->og_url, "://"))
        rc |= pxe_field_set(&r->url, m->og_url, "og:url", 85);
    if (m->site_name)
        rc |= pxe_set_outlet(ctx, r, m->site_name, "og:site_name", 90);
    if (m->jl.publisher)
        rc |= pxe_set_outlet(ctx, r, m->jl.publisher, "JSON-LD publisher", 85);
    if (m->app_name)
        rc |= pxe_set_outlet(ctx, r, m->app_name, "application-name", 60);
    const struct {
        const char *v, *src;
        int conf;
    } t[] = {
        {m->og_title, "og:title", 90}, {m->jl.headline, "JSON-LD headline", 90},
        {m->tw_title, "twitter:title", 85}, {m->h1, "<h1>", 80},
        {m->title, "<title> minus the site name", 60},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t && !r->title.value; i++) {
        if (!t[i].v)
            continue;
        char *s = pxe_title_strip_site(t[i].v, r->outlet.value);
        rc |= s ? pxe_field_set(&r->title, s, t[i].src, t[i].conf) : -1;
        free(s);
    }
    if (m->author && !pxe_outlet_canonical(ctx, m->author) &&
        !(r->outlet.value && strcasecmp(m->author, r->outlet.value) == 0)) {
        char *by = pxe_byline_author(m->author);
        rc |= pxe_field_set(&r->author, by ? by : m->author, "author meta tag",
                            85);
        free(by);
    }
    if (!r->author.value && m->jl.author)
        rc |= pxe_field_set(&r->author, m->jl.author, "JSON-LD author", 85);
    hm_date(r, m);
    return rc;
}

static GumboNode *hm_body(GumboNode *root)
{
    const GumboVector *k = &root->v.element.children;
    for (unsigned i = 0; i < k->length; i++) {
        GumboNode *c = k->data[i];
        if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY)
            return c;
    }
    return root;
}

/* Finds the story's blocks; when skipping what is named like chrome
** leaves too little (a whole page wrapped in class="header-style" or in a
** <form>), tries again skipping only what is never visible text, as
** Readability does, and keeps the longer story. */
static int html_story(GumboNode *body, hc_blocks *bs, pxe_lines *ls)
{
    pxe_html_blocks(body, bs, 1);
    if (bs->oom || pxe_html_content(bs, ls))
        return -1;
    if (pxe_html_story_len(ls) >= HTML_MIN_STORY)
        return 0;
    hc_blocks bs2 = {0};
    pxe_lines ls2 = {0};
    pxe_html_blocks(body, &bs2, 0);
    int rc = bs2.oom ? -1 : pxe_html_content(&bs2, &ls2);
    if (!rc && pxe_html_story_len(&ls2) > pxe_html_story_len(ls)) {
        pxe_lines t = *ls;
        *ls = ls2;
        ls2 = t;
    }
    pxe_lines_free(&ls2);
    pxe_html_blocks_free(&bs2);
    return rc;
}

px_status pxe_extract_html(const pxe_ctx *ctx, const pxe_hints *hints,
                           const char *html, size_t len, pxe_result **out,
                           px_err *err)
{
    *out = NULL;
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
    if (!g || !g->root || g->root->type != GUMBO_NODE_ELEMENT) {
        if (g)
            gumbo_destroy_output(&kGumboDefaultOptions, g);
        return px_err_set(err, PX_EINVAL, "not an HTML document");
    }
    hm_meta m = {0};
    hc_blocks bs = {0};
    pxe_lines ls = {0};
    char site[256];
    pxe_result *r = pxe_result_new();
    int rc = r ? 0 : -1;
    if (r) {
        hm_walk(g->root, &m, 0);
        rc |= hm_apply(ctx, r, &m, hints);
        rc |= html_story(hm_body(g->root), &bs, &ls);
        pxe_site_key(r->url.value, hints ? hints->path : NULL, site,
                     sizeof site);
        rc |= !(r->site = pxe_strdup(site));
    }
    if (!rc) {
        pxe_chrome_mark(ctx, &ls, site, 1);
        rc |= pxe_textmeta(ctx, &ls, r, hints);
        rc |= pxe_result_finish(r, &ls);
    }
    pxe_lines_free(&ls);
    pxe_html_blocks_free(&bs);
    hm_free(&m);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    if (rc) {
        pxe_result_free(r);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    *out = r;
    return PX_OK;
}
