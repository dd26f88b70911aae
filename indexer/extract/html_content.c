/*
** html_content.c — finding the story in an HTML page.
**
** The page is flattened into text blocks (paragraphs, headings, list
** items, the direct text of a div), skipping whole subtrees that are never
** the story: scripts and styles, navigation, asides, footers, forms,
** figures, hidden elements, and elements whose class or id says they are
** comments, share bars, related links and the like.  Each block of some
** length scores for the element holding it and, half as much, for that
** element's parent (more text and more commas, more score); an element's
** total is scaled down by the share of its text that is link text.  The
** best-scoring element is the story's container; siblings under the same
** parent that score well join it, since many sites split a story across
** several containers.  The blocks inside become the body's paragraphs,
** except blocks that are mostly links.
**
** This is the text-density approach of Readability and its descendants,
** written against gumbo's tree.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_int.h"

/* Blocks shorter than this (bytes) do not score. */
#define HC_MIN_SCORING 25
/* A sibling joins the story when it scores this share of the best. */
#define HC_SIBLING_SHARE 0.2
/* How many ancestors of a block share its score. */
#define HC_LEVELS 5

static const char *const hc_unlikely[] = {
    "=ad", "=ads", "adbox", "advert", "agegate", "banner",
    "breadcrumb", "byline", "caption", "combx", "comment", "community",
    "cookie", "cover", "credit", "disqus", "extra", "footer", "gdpr",
    "header", "legends", "masthead", "menu", "modal", "popular",
    "nav", "newsletter", "outbrain", "pagination", "pager", "paywall",
    "popular", "popup", "promo", "recommend", "related", "remark",
    "replies", "rss", "share", "shoutbox", "sidebar", "signup",
    "skyscraper", "social", "sponsor", "subscribe", "supplemental",
    "taboola", "tags", "toolbar", "trending", "widget", "bio",
    "hidden", "screen", "=sr",
};

static const char *const hc_likely[] = {
    "=and", "article", "body", "column", "content", "main", "shadow",
    "story", "entry", "post", "text",
};

static const char *const hc_positive[] = {
    "article", "body", "content", "entry", "hentry", "main", "page",
    "post", "text", "blog", "story",
};

/* Class names and ids are matched word by word: "sidebar-left" and
** "SidebarLeft" are the words "sidebar" and "left", and a pattern matches
** a word it begins ("comment" matches "comments").  Plain substring
** matching would read "PageRow" as "pager". */
static int hc_word_match(const char *w, size_t n, const char *pat)
{
    size_t k = strlen(pat);
    if (pat[0] == '=')   /* "=ad": the whole word */
        return n == k - 1 && strncasecmp(w, pat + 1, n) == 0;
    return n >= k && strncasecmp(w, pat, k) == 0;
}

static int hc_any(const char *s, const char *const *list, size_t n)
{
    size_t i = 0;
    while (s[i]) {
        while (s[i] && !isalnum((unsigned char)s[i]))
            i++;
        size_t start = i;
        while (isalnum((unsigned char)s[i]) &&
               !(i > start && isupper((unsigned char)s[i]) &&
                 islower((unsigned char)s[i - 1])))
            i++;
        for (size_t k = 0; i > start && k < n; k++)
            if (hc_word_match(s + start, i - start, list[k]))
                return 1;
    }
    return 0;
}

#define HC_ANY(s, list) hc_any((s), (list), sizeof(list) / sizeof *(list))

static const char *hc_attr(const GumboNode *n, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* class + " " + id, into buf. */
static void hc_class_id(const GumboNode *n, char *buf, size_t size)
{
    const char *c = hc_attr(n, "class"), *i = hc_attr(n, "id");
    snprintf(buf, size, "%s %s", c ? c : "", i ? i : "");
}

static int hc_skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MENU: case GUMBO_TAG_HEAD: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_MATH: case GUMBO_TAG_LABEL:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_TITLE:
        return 1;
    default:
        return 0;
    }
}

int pxe_html_is_block(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_CAPTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_BODY: case GUMBO_TAG_BR:
        return 1;
    default:
        return 0;
    }
}

/* Hidden, or named like something that is never the story.  Not strict:
** only what can never hold text a reader sees. */
static int hc_skip(const GumboNode *n, int strict)
{
    GumboTag t = n->v.element.tag;
    if (!strict)
        return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE ||
               t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE ||
               t == GUMBO_TAG_HEAD || t == GUMBO_TAG_SVG ||
               t == GUMBO_TAG_NAV || t == GUMBO_TAG_SELECT ||
               t == GUMBO_TAG_BUTTON || t == GUMBO_TAG_IFRAME ||
               t == GUMBO_TAG_TITLE || t == GUMBO_TAG_MATH;
    if (hc_skip_tag(t))
        return 1;
    if (hc_attr(n, "hidden"))
        return 1;
    const char *aria = hc_attr(n, "aria-hidden");
    if (aria && strcmp(aria, "true") == 0)
        return 1;
    const char *style = hc_attr(n, "style");
    if (style && (pxe_stristr(style, "display:none") ||
                  pxe_stristr(style, "display: none")))
        return 1;
    const char *role = hc_attr(n, "role");
    if (role && (strcmp(role, "navigation") == 0 ||
                 strcmp(role, "complementary") == 0 ||
                 strcmp(role, "contentinfo") == 0 || strcmp(role, "banner") == 0))
        return 1;
    if (t == GUMBO_TAG_BODY || t == GUMBO_TAG_A || t == GUMBO_TAG_ARTICLE ||
        t == GUMBO_TAG_MAIN || t == GUMBO_TAG_HTML)
        return 0;
    char ci[512];
    hc_class_id(n, ci, sizeof ci);
    return HC_ANY(ci, hc_unlikely) && !HC_ANY(ci, hc_likely);
}

typedef struct {
    hc_blocks *bs;
    pxe_buf cur;
    size_t cur_links;
    GumboNode *cur_node;   /* innermost block element of cur */
    int strict;
} hc_walk;

static void hc_flush(hc_walk *w)
{
    char *t = pxe_collapse(w->cur.s ? w->cur.s : "", w->cur.len);
    pxe_buf_free(&w->cur);
    if (!t || !*t || !w->cur_node) {
        free(t);
        w->cur_links = 0;
        return;
    }
    hc_blocks *bs = w->bs;
    if (bs->n == bs->cap) {
        size_t cap = bs->cap ? bs->cap * 2 : 64;
        hc_block *v = realloc(bs->v, cap * sizeof *v);
        if (!v) {
            free(t);
            bs->oom = 1;
            return;
        }
        bs->v = v;
        bs->cap = cap;
    }
    size_t len = strlen(t);
    bs->v[bs->n++] = (hc_block){w->cur_node, t, len,
                                w->cur_links < len ? w->cur_links : len};
    w->cur_links = 0;
}

/* Text deeper than this many elements is not collected (recursion). */
#define HC_MAX_DEPTH 1000

static void hc_collect(hc_walk *w, GumboNode *n, int in_link, int depth)
{
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
        const char *s = n->v.text.text;
        size_t k = strlen(s);
        pxe_buf_add(&w->cur, s, k);
        if (in_link)
            w->cur_links += k;
        return;
    }
    if ((n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) ||
        depth > HC_MAX_DEPTH)
        return;
    if (hc_skip(n, w->strict))
        return;
    GumboTag t = n->v.element.tag;
    int block = pxe_html_is_block(t);
    GumboNode *saved = w->cur_node;
    if (block) {
        hc_flush(w);
        if (t != GUMBO_TAG_BR)
            w->cur_node = n;
    } else if (t == GUMBO_TAG_IMG) {
        pxe_buf_addc(&w->cur, ' ');
    }
    GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        hc_collect(w, kids->data[i], in_link || t == GUMBO_TAG_A, depth + 1);
    if (block) {
        hc_flush(w);
        w->cur_node = saved;
    } else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_SPAN) {
        pxe_buf_addc(&w->cur, ' ');
    }
}

void pxe_html_blocks(GumboNode *body, hc_blocks *bs, int strict)
{
    hc_walk w = {bs, {0}, 0, NULL, strict};
    hc_collect(&w, body, 0, 0);
    hc_flush(&w);
    if (w.cur.oom)
        bs->oom = 1;
}

void pxe_html_blocks_free(hc_blocks *bs)
{
    for (size_t i = 0; i < bs->n; i++)
        free(bs->v[i].text);
    free(bs->v);
    memset(bs, 0, sizeof *bs);
}

/* ---- scoring -------------------------------------------------------- */

typedef struct {
    GumboNode *node;
    double score;
    size_t text, links;
} hc_cand;

typedef struct {
    hc_cand *v;
    size_t n, cap;
} hc_cands;

static hc_cand *hc_cand_get(hc_cands *cs, GumboNode *node)
{
    for (size_t i = cs->n; i-- > 0;)
        if (cs->v[i].node == node)
            return &cs->v[i];
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 64;
        hc_cand *v = realloc(cs->v, cap * sizeof *v);
        if (!v)
            return NULL;
        cs->v = v;
        cs->cap = cap;
    }
    cs->v[cs->n] = (hc_cand){node, 0, 0, 0};
    char ci[512];
    if (node->type == GUMBO_NODE_ELEMENT) {
        hc_class_id(node, ci, sizeof ci);
        if (HC_ANY(ci, hc_positive))
            cs->v[cs->n].score += 25;
        if (node->v.element.tag == GUMBO_TAG_ARTICLE ||
            node->v.element.tag == GUMBO_TAG_MAIN)
            cs->v[cs->n].score += 10;
    }
    return &cs->v[cs->n++];
}

static int hc_is_ancestor(const GumboNode *anc, const GumboNode *n)
{
    for (; n; n = n->parent)
        if (n == anc)
            return 1;
    return 0;
}

static double hc_block_score(const hc_block *b)
{
    size_t commas = 0;
    for (const char *p = b->text; *p; p++)
        commas += *p == ',';
    double s = 1.0 + (double)commas + (double)(b->len / 100 < 3 ? b->len / 100 : 3);
    return s;
}

/* The element holding the story, or NULL when no block scores. */
static GumboNode *hc_best(const hc_blocks *bs, hc_cands *cs)
{
    for (size_t i = 0; i < bs->n; i++) {
        const hc_block *b = &bs->v[i];
        if (b->len < HC_MIN_SCORING || b->links * 2 > b->len)
            continue;
        GumboNode *p = b->node->type == GUMBO_NODE_ELEMENT &&
                       b->node->v.element.tag == GUMBO_TAG_DIV
                           ? b->node : b->node->parent;
        double s = hc_block_score(b);
        /* Ancestors share the score, less the further up they are, so a
        ** story split into many small containers still has one winner. */
        for (int level = 0; p && level < HC_LEVELS; level++, p = p->parent) {
            if (p->type != GUMBO_NODE_ELEMENT)
                break;
            hc_cand *c = hc_cand_get(cs, p);
            if (!c)
                return NULL;
            c->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
        }
    }
    GumboNode *best = NULL;
    double best_score = 0;
    for (size_t i = 0; i < cs->n; i++) {
        hc_cand *c = &cs->v[i];
        for (size_t k = 0; k < bs->n; k++)
            if (hc_is_ancestor(c->node, bs->v[k].node)) {
                c->text += bs->v[k].len;
                c->links += bs->v[k].links;
            }
        c->score *= 1.0 - (c->text ? (double)c->links / (double)c->text : 0);
        if (c->score > best_score) {
            best_score = c->score;
            best = c->node;
        }
    }
    return best;
}

/* Marks in keep[] the blocks of the story: inside the best element or a
** sibling of it that scores well. */
static void hc_select(const hc_blocks *bs, const hc_cands *cs,
                      GumboNode *best, char *keep)
{
    double best_score = 0;
    for (size_t i = 0; i < cs->n; i++)
        if (cs->v[i].node == best)
            best_score = cs->v[i].score;
    double bar = best_score * HC_SIBLING_SHARE > 10 ? best_score * HC_SIBLING_SHARE : 10;
    for (size_t k = 0; k < bs->n; k++) {
        const hc_block *b = &bs->v[k];
        if (hc_is_ancestor(best, b->node)) {
            keep[k] = 1;
            continue;
        }
        for (size_t i = 0; i < cs->n; i++) {
            const hc_cand *c = &cs->v[i];
            if (c->node->parent == best->parent && c->node != best &&
                c->score >= bar && hc_is_ancestor(c->node, b->node))
                keep[k] = 1;
        }
        /* A lone paragraph next to the story (a sibling <p>). */
        if (!keep[k] && b->node->parent == best->parent &&
            b->node->type == GUMBO_NODE_ELEMENT &&
            b->node->v.element.tag == GUMBO_TAG_P && b->len > 80 &&
            b->links * 4 < b->len)
            keep[k] = 1;
    }
}

int pxe_html_content(const hc_blocks *bs, pxe_lines *ls)
{
    hc_cands cs = {0};
    char *keep = calloc(bs->n ? bs->n : 1, 1);
    if (!keep)
        return -1;
    GumboNode *best = hc_best(bs, &cs);
    if (best)
        hc_select(bs, &cs, best, keep);
    for (size_t k = 0; k < bs->n; k++) {
        const hc_block *b = &bs->v[k];
        long i = pxe_lines_add(ls, b->text, b->len, 1);
        if (i < 0)
            break;
        /* Mostly links: a list of other stories, tags, a share bar. */
        const char *why = !keep[k] ? "outside the story's container"
                          : b->links * 2 > b->len && b->len < 300
                              ? "mostly links" : NULL;
        if (why) {
            ls->v[i].role = PXE_LINE_CHROME;
            ls->v[i].why = why;
        }
    }
    free(keep);
    free(cs.v);
    return ls->oom ? -1 : 0;
}

size_t pxe_html_story_len(const pxe_lines *ls)
{
    size_t n = 0;
    for (size_t i = 0; i < ls->n; i++)
        if (ls->v[i].role == PXE_LINE_BODY)
            n += strlen(ls->v[i].text);
    return n;
}
