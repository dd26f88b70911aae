/*
** cgi_html.c — the frame of the search page (head, style, search form),
** the result list with snippets and pagination, the full-article view and
** the error pages.  The facet sidebar and chips live in cgi_facets.c.
**
** Layout: a header with the search form, then a two-column grid (results,
** facets) that collapses to one column on a phone.  Styling is one small
** inline <style>; the Content-Security-Policy sent with the page (see
** cgi_main.c) allows that and forbids every script.
*/
#include <stdio.h>
#include <string.h>

#include "cgi_html.h"
#include "cgi_mark.h"

/* Characters of a story's opening shown as a browsing snippet, and of a
** snippet around the matches. */
#define CGI_OPENING_CHARS 240
/* Bytes asked for as a browsing snippet: the whole of any real story. */
#define CGI_WHOLE_STORY (1u << 20)

static const char page_css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;"
    "background:#fafafa}"
    "a{color:#0b57a4}a:focus,button:focus,input:focus{outline:3px solid "
    "#f5a300;outline-offset:1px}"
    "header{background:#14324f;color:#fff;padding:.8rem 1rem}"
    "header a.brand{color:#fff;font-weight:700;text-decoration:none;"
    "font-size:1.3rem}"
    "form.search{margin-top:.5rem}"
    "form.search label{display:block}"
    ".row{display:flex;gap:.4rem}"
    ".row input{flex:1;min-width:0;font-size:1rem;padding:.4rem}"
    "button{font-size:1rem;padding:.4rem .9rem;cursor:pointer}"
    "fieldset.dates{border:0;padding:0;margin:.4rem 0 0;display:flex;"
    "flex-wrap:wrap;gap:.4rem;align-items:center}"
    "fieldset.dates legend{float:left;margin-right:.4rem}"
    "fieldset.dates label{display:inline}"
    ".layout{display:grid;grid-template-columns:minmax(0,1fr) 18rem;"
    "gap:1.5rem;padding:1rem;max-width:72rem;margin:auto}"
    "@media (max-width:760px){.layout{grid-template-columns:1fr}}"
    "ol.hits{padding-left:1.6rem}li.hit{margin-bottom:1.1rem}"
    "li.hit h3{margin:0;font-size:1.1rem}"
    ".meta{color:#555;margin:.1rem 0;font-size:.9rem}"
    ".snippet{margin:.2rem 0}mark{background:#ffe08a;color:inherit}"
    ".chips{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}"
    ".chip{display:inline-block;border:1px solid #0b57a4;border-radius:1rem;"
    "padding:.1rem .7rem;text-decoration:none}"
    "nav.sort a,nav.sort strong{margin-right:.6rem}"
    "nav.pager{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}"
    "nav.pager a,nav.pager span{padding:.2rem .5rem}"
    "nav.pager [aria-current]{font-weight:700;border:1px solid #999}"
    "aside h2{font-size:1.05rem;margin:.8rem 0 .3rem}"
    "ul.facets{list-style:none;padding:0;margin:0}"
    "ul.facets a,ul.facets span.facet{display:flex;justify-content:"
    "space-between;padding:.15rem .3rem;text-decoration:none}"
    "ul.facets a.active{background:#dbe8f6;font-weight:700}"
    ".count{color:#555}"
    "svg.histogram{width:100%;height:auto;display:block;"
    "font:10.5px system-ui,sans-serif}"
    "svg.histogram rect{fill:#4f7fb4}svg.histogram a.active rect{fill:#14324f}"
    "svg.histogram rect.hit{fill:transparent}"
    "svg.histogram a:hover rect.hit,svg.histogram a:focus rect.hit"
    "{fill:#f5a30033}"
    "svg.histogram a:hover rect:not(.hit),svg.histogram a:focus "
    "rect:not(.hit){fill:#c77d00}"
    "svg.histogram rect.empty{fill:#bbb}"
    "svg.histogram line.grid{stroke:#ddd;stroke-width:.6}"
    "svg.histogram line.tick{stroke:#888;stroke-width:.6}"
    "svg.histogram text{fill:#555}svg.histogram text.ylabel{text-anchor:end}"
    "svg.histogram text.xlabel{text-anchor:start}"
    "svg.histogram text.xlabel.end{text-anchor:end}"
    ".scale{font-size:.8rem;color:#555;margin:.2rem 0}"
    "details.more summary{cursor:pointer;color:#0b57a4;padding:.2rem .3rem}"
    "details.more ul{max-height:24rem;overflow-y:auto;border:1px solid #ddd}"
    ".notice{background:#fff4d6;padding:.4rem .6rem}"
    "article .body p{max-width:42rem}"
    ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0)}";

void cgi_html_href(cgi_buf *b, const cgi_params *p)
{
    cgi_buf q = {0};
    cgi_params_query(&q, p);
    cgi_buf_puts(b, "href=\"?");
    /* The query is percent-encoded already: only its '&' separators need
    ** escaping for the attribute. */
    if (q.len)
        cgi_html_escn(b, q.data, q.len);
    cgi_buf_puts(b, "\"");
    b->oom |= q.oom;
    cgi_buf_free(&q);
}

/* Hidden inputs that carry the state the visible form fields do not, so a
** new query keeps the outlet filters and the chosen sort and page size. */
static void form_hidden(cgi_buf *b, const cgi_params *p)
{
    for (size_t i = 0; i < p->n_outlets; i++) {
        cgi_buf_puts(b, "<input type=\"hidden\" name=\"outlet\" value=\"");
        cgi_html_esc(b, p->outlets[i]);
        cgi_buf_puts(b, "\">");
    }
    if (p->sort_given)
        cgi_buf_printf(b, "<input type=\"hidden\" name=\"sort\" value=\"%s\">",
                       cgi_sort_name(p->sort));
    if (p->limit != CGI_DEFAULT_LIMIT)
        cgi_buf_printf(b, "<input type=\"hidden\" name=\"limit\" "
                       "value=\"%zu\">", p->limit);
}

static void search_form(cgi_buf *b, const cgi_params *p)
{
    cgi_buf_puts(b, "<form class=\"search\" role=\"search\" method=\"get\">"
        "<label for=\"q\">Search the archive</label><div class=\"row\">"
        "<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"500\" "
        "placeholder=\"&quot;port strike&quot; outlet:herald\" value=\"");
    cgi_html_esc(b, p ? p->q : "");
    cgi_buf_puts(b, "\"><button type=\"submit\">Search</button></div>"
        "<fieldset class=\"dates\"><legend>Published</legend>"
        "<label for=\"from\">from</label>"
        "<input type=\"date\" id=\"from\" name=\"from\" value=\"");
    cgi_html_esc(b, p ? p->from : "");
    cgi_buf_puts(b, "\"><label for=\"to\">to</label>"
        "<input type=\"date\" id=\"to\" name=\"to\" value=\"");
    cgi_html_esc(b, p ? p->to : "");
    cgi_buf_puts(b, "\"></fieldset>");
    if (p)
        form_hidden(b, p);
    cgi_buf_puts(b, "</form>");
}

/* Everything up to the start of the page's own content. */
static void page_open(cgi_buf *b, const char *title, const cgi_params *p)
{
    cgi_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
        "<meta charset=\"utf-8\"><meta name=\"viewport\" "
        "content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        /* An empty icon spares every page view a 404 for /favicon.ico. */
        "<link rel=\"icon\" href=\"data:,\"><title>");
    if (title && *title) {
        cgi_html_esc(b, title);
        cgi_buf_puts(b, " \xE2\x80\x93 ");
    }
    cgi_buf_puts(b, "pressdex</title><style>");
    cgi_buf_puts(b, page_css);
    cgi_buf_puts(b, "</style></head>\n<body><header>"
        "<a class=\"brand\" href=\"?\">pressdex</a>");
    search_form(b, p);
    cgi_buf_puts(b, "</header>\n");
}

static void page_close(cgi_buf *b)
{
    cgi_buf_puts(b, "</body></html>\n");
}

void cgi_html_error(cgi_buf *b, const char *heading, const char *message,
                    const cgi_params *p)
{
    page_open(b, heading, p);
    cgi_buf_puts(b, "<main class=\"layout\"><div><h1>");
    cgi_html_esc(b, heading);
    cgi_buf_puts(b, "</h1><p class=\"notice\" id=\"error\">");
    cgi_html_esc(b, message);
    cgi_buf_puts(b, "</p><p><a href=\"?\">Start a new search</a></p>"
                    "</div></main>\n");
    page_close(b);
}

size_t cgi_html_snippet_len(const cgi_params *p)
{
    cgi_marks *words = cgi_marks_new(p->q, NULL);
    cgi_marks_free(words);
    return words ? CGI_OPENING_CHARS : CGI_WHOLE_STORY;
}

/* The snippet with <mark> around the matched words.  Spans are byte
** offsets into the plain snippet; one that is out of order or out of
** range is skipped rather than trusted. */
static void snippet_html(cgi_buf *b, const px_hit *h)
{
    const char *s = h->snippet_plain;
    if (!s || !*s)
        return;
    size_t n = strlen(s), pos = 0, cut = 0;
    /* Browsing asks for a long snippet (cgi_main.c): its opening, to the
    ** last word that fits, is what the reader sees. */
    if (n > CGI_OPENING_CHARS + 60) {
        cut = CGI_OPENING_CHARS;
        while (cut > 0 && s[cut] != ' ')
            cut--;
        n = cut ? cut : CGI_OPENING_CHARS;
        while (n > 0 && (unsigned char)s[n] >= 0x80 &&
               (unsigned char)s[n] < 0xC0)      /* not inside a character */
            n--;
    }
    cgi_buf_puts(b, "<p class=\"snippet\">");
    for (size_t i = 0; i < h->n_highlights; i++) {
        size_t st = h->highlights[i].start, len = h->highlights[i].len;
        if (st < pos || st > n || len > n - st || len == 0)
            continue;
        cgi_html_escn(b, s + pos, st - pos);
        cgi_buf_puts(b, "<mark>");
        cgi_html_escn(b, s + st, len);
        cgi_buf_puts(b, "</mark>");
        pos = st + len;
    }
    cgi_html_escn(b, s + pos, n - pos);
    cgi_buf_puts(b, n < strlen(s) ? "\xE2\x80\xA6</p>" : "</p>");
}

/* Outlet and date of an article, with "unknown" said out loud. */
static void meta_html(cgi_buf *b, const px_article *a, int with_source)
{
    cgi_buf_puts(b, "<p class=\"meta\"><span class=\"outlet\">");
    cgi_html_esc(b, a->outlet && *a->outlet ? a->outlet : "Unknown outlet");
    cgi_buf_puts(b, "</span> \xC2\xB7 ");
    if (a->date[0]) {
        /* "2025-03" and "2025" are valid <time> values too: a month- or
        ** year-precise date is never shown with a day it does not name. */
        char date[11];
        px_article_date_label(a, date);
        cgi_buf_puts(b, "<time datetime=\"");
        cgi_html_esc(b, date);
        cgi_buf_printf(b, "\" data-precision=\"%s\">",
                       px_date_precision_name(a->date_precision));
        cgi_html_esc(b, date);
        cgi_buf_puts(b, "</time>");
    } else {
        cgi_buf_puts(b, "<span class=\"undated\">undated</span>");
    }
    if (with_source && a->date[0])
        cgi_buf_printf(b, " <span class=\"provenance\" data-source=\"%s\">"
                       "(%s)</span>", px_date_source_name(a->date_source),
                       px_date_provenance(a));
    if (a->author && *a->author) {
        cgi_buf_puts(b, " \xC2\xB7 by <span class=\"author\">");
        cgi_html_esc(b, a->author);
        cgi_buf_puts(b, "</span>");
    }
    cgi_buf_puts(b, "</p>");
}

static void hit_html(cgi_buf *b, const cgi_params *p, const px_hit *h,
                     const cgi_marks *marks)
{
    const px_article *a = h->article;
    cgi_buf q = {0};
    cgi_params_query(&q, p);
    cgi_buf_printf(b, "<li class=\"hit\" data-id=\"%lld\"><h3 class=\"title\">"
                   "<a href=\"?id=%lld", (long long)h->docid,
                   (long long)h->docid);
    if (q.len) {
        cgi_buf_puts(b, "&amp;");
        cgi_html_escn(b, q.data, q.len);
    }
    b->oom |= q.oom;
    cgi_buf_free(&q);
    cgi_buf_puts(b, "\">");
    if (a && a->title && *a->title)
        cgi_marks_html(b, marks, a->title, strlen(a->title));
    else
        cgi_buf_puts(b, "(untitled)");
    cgi_buf_puts(b, "</a></h3>");
    if (a)
        meta_html(b, a, 0);
    snippet_html(b, h);
    cgi_buf_puts(b, "</li>\n");
}

/* Sort choices as links, so changing the order needs no form submit. */
static void sort_nav(cgi_buf *b, const cgi_params *p)
{
    static const px_sort sorts[] = {PX_SORT_RELEVANCE, PX_SORT_NEWEST,
                                    PX_SORT_OLDEST};
    cgi_buf_puts(b, "<nav class=\"sort\" aria-label=\"Sort results\">"
                    "Sort by: ");
    for (size_t i = 0; i < 3; i++) {
        if (sorts[i] == p->sort) {
            cgi_buf_printf(b, "<strong aria-current=\"true\">%s</strong>",
                           cgi_sort_name(sorts[i]));
            continue;
        }
        cgi_params t = *p;
        t.sort = sorts[i];
        t.sort_given = 1;
        t.offset = 0;
        cgi_buf_puts(b, "<a ");
        cgi_html_href(b, &t);
        cgi_buf_printf(b, ">%s</a>", cgi_sort_name(sorts[i]));
    }
    cgi_buf_puts(b, "</nav>\n");
}

static void pager_link(cgi_buf *b, const cgi_params *p, size_t offset,
                       const char *rel, const char *label)
{
    cgi_params t = *p;
    t.offset = offset;
    cgi_buf_puts(b, "<a ");
    if (rel)
        cgi_buf_printf(b, "rel=\"%s\" ", rel);
    cgi_html_href(b, &t);
    cgi_buf_printf(b, ">%s</a>", label);
}

/* Previous / numbered / next links.  Pages past CGI_MAX_OFFSET are not
** offered: deep paging costs the server and the cap refuses it anyway. */
static void pager(cgi_buf *b, const cgi_params *p, size_t total)
{
    size_t lim = p->limit, cur = p->offset / lim + 1;
    size_t last = (total + lim - 1) / lim, reach = CGI_MAX_OFFSET / lim + 1;
    if (last > reach)
        last = reach;
    if (last <= 1 && p->offset == 0)
        return;
    cgi_buf_puts(b, "<nav class=\"pager\" aria-label=\"Result pages\">");
    if (p->offset > 0)
        pager_link(b, p, p->offset > lim ? p->offset - lim : 0, "prev",
                   "\xE2\x80\xB9 Previous");
    size_t lo = cur > 3 ? cur - 2 : 1, hi = cur + 2 < last ? cur + 2 : last;
    for (size_t k = lo; k <= hi; k++) {
        char label[24];
        snprintf(label, sizeof label, "%zu", k);
        if (k == cur) {
            cgi_buf_printf(b, "<span aria-current=\"page\">%zu</span>", k);
            continue;
        }
        pager_link(b, p, (k - 1) * lim, NULL, label);
    }
    if (p->offset + lim < total && p->offset + lim <= CGI_MAX_OFFSET)
        pager_link(b, p, p->offset + lim, "next", "Next \xE2\x80\xBA");
    cgi_buf_puts(b, "</nav>\n");
}

static void suggestion_html(cgi_buf *b, const cgi_params *p,
                            const px_results *r)
{
    if (!r->suggestion || !*r->suggestion || strcmp(r->suggestion, p->q) == 0)
        return;
    cgi_params t = *p;
    t.q = r->suggestion;
    t.offset = 0;
    cgi_buf_puts(b, "<p class=\"suggest\" id=\"suggestion\">Did you mean "
                    "<a ");
    cgi_html_href(b, &t);
    cgi_buf_puts(b, "><em>");
    cgi_html_esc(b, r->suggestion);
    cgi_buf_puts(b, "</em></a>?</p>\n");
}

static void count_html(cgi_buf *b, const cgi_params *p, const px_results *r)
{
    size_t total = r->matches_estimated;
    cgi_buf_printf(b, "<p class=\"total\" id=\"total\" data-total=\"%zu\">"
                   "%s<strong>%zu</strong> article%s",
                   total, r->exact ? "" : "About ", total,
                   total == 1 ? "" : "s");
    if (r->n_hits)
        cgi_buf_printf(b, " \xC2\xB7 showing %zu\xE2\x80\x93%zu",
                       p->offset + 1, p->offset + r->n_hits);
    cgi_buf_puts(b, "</p>\n");
}

void cgi_html_results(cgi_buf *b, const cgi_params *p, const px_results *r,
                      const px_results *outlets, const char *language)
{
    cgi_marks *marks = cgi_marks_new(p->q, language);
    page_open(b, *p->q ? p->q : "Search", p);
    cgi_buf_puts(b, "<div class=\"layout\"><main id=\"results\">"
                    "<h1 class=\"visually-hidden\">Results</h1>");
    cgi_html_chips(b, p);
    if (r->notice && *r->notice) {
        cgi_buf_puts(b, "<p class=\"notice\" id=\"notice\">");
        cgi_html_esc(b, r->notice);
        cgi_buf_puts(b, "</p>\n");
    }
    if (r->pending)
        cgi_buf_printf(b, "<p class=\"notice\" id=\"pending\">%zu %s "
                       "stored but not searchable yet; the results may miss "
                       "%s until the index is next updated.</p>\n",
                       r->pending, r->pending == 1 ? "article is"
                                                   : "articles are",
                       r->pending == 1 ? "it" : "them");
    suggestion_html(b, p, r);
    count_html(b, p, r);
    if (r->n_hits) {
        sort_nav(b, p);
        cgi_buf_printf(b, "<ol class=\"hits\" start=\"%zu\">\n",
                       p->offset + 1);
        for (size_t i = 0; i < r->n_hits; i++)
            hit_html(b, p, &r->hits[i], marks);
        cgi_buf_puts(b, "</ol>\n");
    } else if (r->matches_estimated > 0) {
        cgi_buf_puts(b, "<p id=\"nothing\">This page is past the last "
                        "result.</p>\n");
    } else {
        cgi_buf_puts(b, "<p id=\"nothing\">No article matches. Try fewer "
            "words, remove a filter, or check the spelling.</p>\n");
    }
    pager(b, p, r->matches_estimated);
    cgi_buf_puts(b, "</main>\n");
    cgi_html_sidebar(b, p, r, outlets);
    cgi_buf_puts(b, "</div>\n");
    page_close(b);
    cgi_marks_free(marks);
}

/* The stored text, one <p> per paragraph (blank-line separated), the
** query's words marked. */
static void body_html(cgi_buf *b, const char *s, const cgi_marks *marks)
{
    cgi_buf_puts(b, "<div class=\"body\">");
    while (s && *s) {
        while (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        const char *end = strstr(s, "\n\n");
        size_t n = end ? (size_t)(end - s) : strlen(s);
        cgi_buf_puts(b, "<p>");
        cgi_marks_html(b, marks, s, n);
        cgi_buf_puts(b, "</p>\n");
        s += n;
    }
    cgi_buf_puts(b, "</div>");
}

/* Only web addresses become links: a stored javascript: or data: URL is
** shown as text. */
static void url_html(cgi_buf *b, const char *url)
{
    if (!url || !*url)
        return;
    int web = strncmp(url, "http://", 7) == 0 ||
              strncmp(url, "https://", 8) == 0;
    cgi_buf_puts(b, "<p class=\"url\">");
    if (web) {
        cgi_buf_puts(b, "<a rel=\"noopener noreferrer nofollow\" href=\"");
        cgi_html_esc(b, url);
        cgi_buf_puts(b, "\">");
    }
    cgi_html_esc(b, url);
    cgi_buf_puts(b, web ? "</a></p>" : "</p>");
}

void cgi_html_article(cgi_buf *b, const cgi_params *p, const px_article *a,
                      const char *language)
{
    const char *title = a->title && *a->title ? a->title : "(untitled)";
    cgi_marks *marks = cgi_marks_new(p->q, language);
    page_open(b, title, p);
    cgi_params back = *p;
    back.id = 0;
    cgi_buf_puts(b, "<div class=\"layout\"><main id=\"article\">"
                    "<p><a id=\"back\" ");
    cgi_html_href(b, &back);
    cgi_buf_puts(b, ">\xE2\x86\x90 Back to the results</a></p><article><h1>");
    cgi_marks_html(b, marks, title, strlen(title));
    cgi_buf_puts(b, "</h1>");
    meta_html(b, a, 1);
    url_html(b, a->url);
    body_html(b, a->body, marks);
    cgi_buf_puts(b, "</article></main></div>\n");
    page_close(b);
    cgi_marks_free(marks);
}
