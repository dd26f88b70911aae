/*
** textmeta.c — title, author, date, outlet and wire read out of page text.
**
** The page's own metadata sits near the headline: a byline in many shapes
** ("By Ana Ruiz | March 3, 2025", "Author: Ana Ruiz", "ANA RUIZ for The
** Example Post", "By Metro Desk"), a dateline ("Published 3 March 2025",
** "PORT AVERY, March 3 (Reuters) -").  So the search is anchored on the
** headline and looks only a few lines around it; a date further down is
** something the story talks about, not when it was published, and is
** never taken.  The outlet is looked for where pages name themselves:
** the URL's host, a copyright line, a "Read Full Article at" line, a
** membership appeal.  Each value records its source and a confidence.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* How far around the headline bylines and datelines are looked for. */
#define TM_BEFORE 4
#define TM_AFTER 8
/* The headline is looked for among this many lines at the top. */
#define TM_TITLE_SCAN 25

static const char *const tm_byline_prefixes[] = {
    "by ", "written by ", "words by ", "story by ", "posted by ",
    "author: ", "authors: ", "author : ", "reporter: ", "byline: ",
    "von ", "par ",
};

/* Ends a name inside a byline. */
static size_t tm_name_end(const char *s)
{
    static const char *const stops[] = {
        " | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " published",
        " updated", " posted", " on ", " for ", " at ", " in ", "\xe2\x80\xa2",
        "\xc2\xb7", " last "};
    size_t n = strcspn(s, "|,;(\t");
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
        const char *p = pxe_stristr(s, stops[i]);
        if (p && (size_t)(p - s) < n)
            n = (size_t)(p - s);
    }
    for (size_t i = 0; i < n; i++)   /* a time or date starts */
        if (isdigit((unsigned char)s[i]) && (i == 0 || s[i - 1] == ' ')) {
            n = i;
            break;
        }
    return n;
}

/* "JANE DOE" -> "Jane Doe"; names already in mixed case stay. */
static void tm_fix_caps(char *s)
{
    int lower = 0;
    for (char *p = s; *p; p++)
        lower |= islower((unsigned char)*p);
    if (lower)
        return;
    for (char *p = s; *p; p++)
        if (p != s && isalpha((unsigned char)p[-1]))
            *p = (char)tolower((unsigned char)*p);
}

/* A plausible name: 1-6 words, starting with a capital letter. */
static int tm_plausible_name(const char *s)
{
    size_t w = pxe_word_count(s);
    unsigned char c = (unsigned char)s[0];
    return w >= 1 && w <= 6 && (isupper(c) || c >= 0xC0) &&
           strlen(s) <= 80 && !pxe_stristr(s, "http") && !strchr(s, '@');
}

static int tm_capitalised(const char *s)
{
    size_t words = 0;
    for (const char *p = s; *p; p++)
        if (p == s || p[-1] == ' ') {
            words++;
            if (!isupper((unsigned char)*p) && (unsigned char)*p < 0xC0)
                return 0;
        }
    return words >= 2 && words <= 4;
}

char *pxe_byline_author(const char *line)
{
    const char *s = NULL;
    for (size_t i = 0; i < sizeof tm_byline_prefixes /
                               sizeof *tm_byline_prefixes; i++)
        if (pxe_starts_with_ci(line, tm_byline_prefixes[i])) {
            s = line + strlen(tm_byline_prefixes[i]);
            break;
        }
    /* "ANA RUIZ for The Example Post", "Ana Ruiz, Staff Writer" */
    if (!s && pxe_word_count(line) <= 9 &&
        (pxe_stristr(line, " for ") || pxe_stristr(line, "correspondent") ||
         pxe_stristr(line, "staff writer") || pxe_stristr(line, "reporter")))
        s = line;
    if (!s)
        return NULL;
    s += strspn(s, " :");
    size_t n = tm_name_end(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ':'))
        n--;
    char *name = pxe_collapse(s, n);
    if (!name)
        return NULL;
    /* Without a "By" the line must look like a name: a few words, each
    ** capitalised ("Council approves new cycle lanes for…" is not). */
    if (s == line && !tm_capitalised(name)) {
        free(name);
        return NULL;
    }
    tm_fix_caps(name);
    if (!tm_plausible_name(name)) {
        free(name);
        return NULL;
    }
    return name;
}

/* The outlet after " for " in a "NAME for OUTLET" byline, or NULL. */
static char *tm_byline_outlet(const char *line)
{
    const char *p = pxe_stristr(line, " for ");
    if (!p || pxe_word_count(line) > 10)
        return NULL;
    p += 5;
    size_t n = strcspn(p, "|,;(");
    char *o = pxe_collapse(p, n);
    if (o && (!isupper((unsigned char)o[0]) || pxe_word_count(o) > 5)) {
        free(o);
        o = NULL;
    }
    return o;
}

int pxe_set_outlet(const pxe_ctx *ctx, pxe_result *r, const char *cand,
                   const char *source, int confidence)
{
    if (r->outlet.value || !cand || !*cand)
        return 0;
    const char *canon = pxe_outlet_canonical(ctx, cand);
    if (canon)
        return pxe_field_set(&r->outlet, canon, source,
                             confidence < 90 ? confidence + 10 : confidence);
    return pxe_field_set(&r->outlet, cand, source, confidence);
}

/* A date written in the line as the page's own (a byline or dateline):
** the line is short, or the date follows a "Published"-like word or
** opens a dateline.  A line naming "Updated" before "Published" yields
** the published one. */
static int tm_line_date(const char *line, int year, char out[11])
{
    size_t at, n;
    const char *pub = pxe_stristr(line, "published");
    if (!pub)
        pub = pxe_stristr(line, "posted");
    if (pub && pxe_date_find(pub, year, out, &at, &n) && at < 30)
        return 1;
    if (!pxe_date_find(line, year, out, &at, &n))
        return 0;
    size_t words = pxe_word_count(line);
    if (words <= 14)
        return 1;
    /* "PORT AVERY, March 3 (Reuters) - …": the date opens the dateline. */
    const char *after = line + at + n;
    after += strspn(after, " ,");
    return at < 40 && (*after == '(' || strncmp(after, "\xe2\x80\x94", 3) == 0 ||
                       strncmp(after, "- ", 2) == 0 ||
                       strncmp(after, "\xe2\x80\x93", 3) == 0);
}

static int tm_headline_like(const char *t)
{
    size_t words = pxe_word_count(t), len = strlen(t);
    if (words < 2 || len > 250 || words > 35 || pxe_letter_count(t) < 10)
        return 0;
    if (len > 0 && t[len - 1] == '.' && words > 12)
        return 0;
    if (pxe_chrome_phrase(t))
        return 0;
    char *by = pxe_byline_author(t);
    int is_byline = by != NULL;
    free(by);
    if (is_byline)
        return 0;
    char d[11];
    size_t at, n;
    if (pxe_date_find(t, 0, d, &at, &n) && words <= n / 3 + 4)
        return 0;
    return 1;
}

/* Scores headline candidates near the top; -1 when there is none. */
static long tm_find_title(pxe_lines *ls)
{
    long best = -1;
    int best_score = -1000;
    size_t scanned = 0;
    for (size_t i = 0; i < ls->n && scanned < TM_TITLE_SCAN; i++) {
        pxe_line *l = &ls->v[i];
        int repeated = l->role == PXE_LINE_CHROME && l->why &&
                       strcmp(l->why, "repeated on this page") == 0;
        if (l->role != PXE_LINE_BODY && !repeated)
            continue;
        scanned++;
        if (!tm_headline_like(l->text))
            continue;
        size_t words = pxe_word_count(l->text);
        /* Position counts most: the headline opens the story. */
        int score = 30 - (int)scanned * 3 + (words >= 4 && words <= 20 ? 3 : 0);
        score += repeated ? 4 : 0;
        if (words > 25 || (pxe_ends_sentence(l->text) &&
                           l->text[strlen(l->text) - 1] != '?'))
            continue;
        for (size_t j = i + 1; j < ls->n && j <= i + 4; j++) {
            char *a = pxe_byline_author(ls->v[j].text);
            char d[11];
            if (a || tm_line_date(ls->v[j].text, 0, d))
                score += 8;
            free(a);
        }
        if (score > best_score) {
            best_score = score;
            best = (long)i;
        }
    }
    return best;
}

/* The line that states a headline already known from a header. */
static long tm_find_known_title(const pxe_lines *ls, const char *title)
{
    for (size_t i = 0; i < ls->n && i < TM_TITLE_SCAN * 2; i++)
        if (strncasecmp(ls->v[i].text, title, strlen(title)) == 0 &&
            ls->v[i].role != PXE_LINE_META)
            return (long)i;
    return -1;
}

static void tm_title(pxe_lines *ls, pxe_result *r, long *title_at)
{
    long t = r->title.value ? tm_find_known_title(ls, r->title.value)
                            : tm_find_title(ls);
    *title_at = t;
    if (t < 0)
        return;
    if (!r->title.value) {
        char *stripped = pxe_title_strip_site(ls->v[t].text, r->outlet.value);
        if (stripped)
            pxe_field_set(&r->title, stripped,
                          "headline-like line near the top", 60);
        free(stripped);
    }
    ls->v[t].role = PXE_LINE_TITLE;
    ls->v[t].why = "headline";
    for (size_t i = 0; i < ls->n; i++) {
        pxe_line *l = &ls->v[i];
        if ((long)i != t && strcmp(l->text, ls->v[t].text) == 0) {
            l->role = PXE_LINE_TITLE;
            l->why = "headline repeated";
        } else if ((long)i < t && l->role == PXE_LINE_BODY &&
                   pxe_word_count(l->text) < 15) {
            l->role = PXE_LINE_CHROME;
            l->why = "above the headline";
        }
    }
}

static void tm_byline(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                      size_t from, size_t to, int year)
{
    for (size_t i = from; i < to && i < ls->n; i++) {
        pxe_line *l = &ls->v[i];
        if (l->role == PXE_LINE_TITLE)
            continue;
        char *a = pxe_byline_author(l->text);
        if (!a)
            continue;
        if (!r->author.value)
            pxe_field_set(&r->author, a, "byline", 70);
        free(a);
        /* "NAME for OUTLET": the outlet the writer files for, or the
        ** agency whose copy this is. */
        char *o = tm_byline_outlet(l->text);
        const char *w = o ? pxe_wire_name(ctx, o) : NULL;
        if (w && !r->wire.value)
            pxe_field_set(&r->wire, w, "byline 'for' an agency", 75);
        else if (o)
            pxe_set_outlet(ctx, r, o, "byline 'for' an outlet", 55);
        free(o);
        l->role = PXE_LINE_META;
        l->why = "byline";
        if (r->date_source == PX_DATE_UNKNOWN &&
            tm_line_date(l->text, year, r->date)) {
            r->date_source = PX_DATE_BYLINE;
            r->date_how = "date in the byline";
            r->date_confidence = 75;
        }
        return;
    }
}

static void tm_dateline(pxe_lines *ls, pxe_result *r, size_t from, size_t to,
                        int year)
{
    for (size_t i = from; i < to && i < ls->n; i++) {
        pxe_line *l = &ls->v[i];
        if (l->role == PXE_LINE_TITLE || l->role == PXE_LINE_META)
            continue;
        char d[11];
        if (!tm_line_date(l->text, year, d))
            continue;
        if (r->date_source == PX_DATE_UNKNOWN) {
            memcpy(r->date, d, 11);
            r->date_source = PX_DATE_BYLINE;
            r->date_how = "dateline near the headline";
            r->date_confidence = 70;
        }
        /* A dateline opening the first paragraph stays in the story. */
        if (pxe_word_count(l->text) <= 14) {
            l->role = PXE_LINE_META;
            l->why = "dateline";
        }
        return;
    }
}

/* "© 2025 The Example Post. All rights reserved." -> "The Example Post" */
static char *tm_copyright_name(const char *line)
{
    const char *p = strstr(line, "\xc2\xa9");
    const char *c = pxe_stristr(line, "copyright ");
    if (p)
        p += 2;
    else if (c)
        p = c + 9;
    else if (pxe_starts_with_ci(line, "(c)"))
        p = line + 3;
    if (!p && pxe_stristr(line, "all rights reserved") &&
        pxe_word_count(line) <= 10)
        p = line;   /* "Northgate Times • All rights reserved" */
    if (!p)
        return NULL;
    p += strspn(p, " \xc2\xa9:");
    while (isdigit((unsigned char)*p) || *p == '-' || *p == ' ' || *p == ',')
        p++;
    size_t n = strcspn(p, ".|;,\xe2");   /* \xe2: a bullet or dash */
    const char *arr = pxe_stristr(p, "all rights");
    if (arr && (size_t)(arr - p) < n)
        n = (size_t)(arr - p);
    while (n > 0 && (p[n - 1] == ' ' || isdigit((unsigned char)p[n - 1]) ||
                     p[n - 1] == '-'))
        n--;   /* "© Valley Ledger 2025" */
    char *name = pxe_collapse(p, n);
    if (name && (pxe_word_count(name) == 0 || pxe_word_count(name) > 6)) {
        free(name);
        return NULL;
    }
    return name;
}

/* "Read Full Article at Example Post", "Support the Example Post's
** journalism", "become a member of The Example Post". */
static char *tm_named_in(const char *line)
{
    static const char *const intro[] = {
        "read full article at ", "become a member of ", "subscribe to ",
        "support ", "originally published by ", "originally published on "};
    for (size_t i = 0; i < sizeof intro / sizeof *intro; i++) {
        const char *p = pxe_stristr(line, intro[i]);
        if (!p)
            continue;
        p += strlen(intro[i]);
        if (pxe_starts_with_ci(p, "our ") || pxe_starts_with_ci(p, "independent"))
            continue;
        size_t n = strcspn(p, ".,;:|!");
        const char *apos = strstr(p, "'s ");
        const char *curly = strstr(p, "\xe2\x80\x99s ");
        if (apos && (size_t)(apos - p) < n)
            n = (size_t)(apos - p);
        if (curly && (size_t)(curly - p) < n)
            n = (size_t)(curly - p);
        char *name = pxe_collapse(p, n);
        if (name && (pxe_word_count(name) == 0 || pxe_word_count(name) > 5 ||
                     !(isupper((unsigned char)name[0]) ||
                       (strncasecmp(name, "the ", 4) == 0 &&
                        isupper((unsigned char)name[4])) ||
                       strchr(name, '.')))) {
            free(name);
            name = NULL;
        }
        if (name && pxe_starts_with_ci(name, "the ") && !isupper((unsigned char)name[0]))
            name[0] = 'T';
        return name;
    }
    return NULL;
}

/* A domain in an image or link URL that the alias table knows. */
static const char *tm_known_domain(const pxe_ctx *ctx, const char *line)
{
    const char *p = strstr(line, "://");
    if (!p)
        return NULL;
    char host[256];
    const char *start = p;
    while (start > line && !pxe_is_space((unsigned char)start[-1]))
        start--;
    char url[512];
    snprintf(url, sizeof url, "%.*s", (int)strcspn(start, " \t"), start);
    if (!pxe_url_host(url, host, sizeof host))
        return NULL;
    return pxe_outlet_canonical(ctx, host);
}

static void tm_outlet(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                      const pxe_hints *h)
{
    char host[256];
    const char *url = r->url.value ? r->url.value : (h ? h->url : NULL);
    if (url && pxe_url_host(url, host, sizeof host) &&
        pxe_outlet_canonical(ctx, host))
        pxe_set_outlet(ctx, r, host, "alias of the URL's host", 85);
    for (int pass = 0; pass < 3 && !r->outlet.value; pass++)
        for (size_t i = ls->n; i-- > 0 && !r->outlet.value;) {
            const char *t = ls->v[i].text;
            char *name = NULL;
            const char *known;
            if (pass == 0 && (name = tm_copyright_name(t)))
                pxe_set_outlet(ctx, r, name, "copyright line", 70);
            else if (pass == 1 && (name = tm_named_in(t)))
                pxe_set_outlet(ctx, r, name, "named in an appeal or link", 60);
            else if (pass == 2 && (known = tm_known_domain(ctx, t)))
                pxe_set_outlet(ctx, r, known, "domain of a link or image", 55);
            free(name);
        }
    if (!r->outlet.value && url && pxe_url_host(url, host, sizeof host))
        pxe_set_outlet(ctx, r, host, "the URL's host", 50);
}

static void tm_wire(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                    size_t from)
{
    const char *w = r->author.value ? pxe_wire_name(ctx, r->author.value) : NULL;
    for (size_t i = from; !w && i < ls->n && i < from + TM_AFTER + 2; i++)
        w = pxe_wire_in_line(ctx, ls->v[i].text);
    for (size_t i = ls->n; !w && i-- > 0 && i + 8 >= ls->n;)
        w = pxe_wire_in_line(ctx, ls->v[i].text);
    if (w && !r->wire.value)
        pxe_field_set(&r->wire, w, "agency attribution in the text", 70);
}

/* Leading `key: value` lines state metadata outright. */
static void tm_headers(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r)
{
    static const char *const keys[] = {"title:", "outlet:", "date:", "url:",
                                       "author:", "source:"};
    for (size_t i = 0; i < ls->n; i++) {
        pxe_line *l = &ls->v[i];
        size_t k = 0;
        while (k < 6 && !pxe_starts_with_ci(l->text, keys[k]))
            k++;
        if (k == 6)
            return;
        const char *v = l->text + strlen(keys[k]);
        v += strspn(v, " ");
        l->role = PXE_LINE_META;
        l->why = "header line";
        if (k == 0 && !r->title.value)
            pxe_field_set(&r->title, v, "title header", 100);
        else if ((k == 1 || k == 5) && !r->outlet.value)
            pxe_set_outlet(ctx, r, v, "outlet header", 100);
        else if (k == 3 && !r->url.value)
            pxe_field_set(&r->url, v, "url header", 100);
        else if (k == 4 && !r->author.value)
            pxe_field_set(&r->author, v, "author header", 100);
        else if (k == 2 && r->date_source == PX_DATE_UNKNOWN &&
                 px_date_parse(v, r->date)) {
            r->date_source = PX_DATE_HEADER;
            r->date_how = "date header";
            r->date_confidence = 100;
        }
    }
}

int pxe_textmeta(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                 const pxe_hints *h)
{
    char d[11];
    int year = 0;
    tm_headers(ctx, ls, r);
    if ((r->url.value && pxe_date_from_url(r->url.value, d)) ||
        (h && h->url && pxe_date_from_url(h->url, d)) ||
        (h && h->archive_date && px_date_parse(h->archive_date, d)))
        year = atoi(d);
    long t;
    tm_outlet(ctx, ls, r, h);
    tm_title(ls, r, &t);
    size_t from = t < 0 ? 0 : (size_t)(t > TM_BEFORE ? t - TM_BEFORE : 0);
    size_t to = t < 0 ? TM_TITLE_SCAN : (size_t)t + TM_AFTER;
    tm_byline(ctx, ls, r, from, to, year);
    tm_dateline(ls, r, from, to, year);
    if (r->date_source == PX_DATE_UNKNOWN) {
        const char *url = r->url.value ? r->url.value : (h ? h->url : NULL);
        if (url && pxe_date_from_url(url, r->date)) {
            r->date_source = PX_DATE_URL;
            r->date_how = "date in the URL";
            r->date_confidence = 60;
        } else if (h && h->archive_date && px_date_parse(h->archive_date,
                                                         r->date)) {
            r->date_source = PX_DATE_ARCHIVE;
            r->date_how = "crawl date (WARC-Date)";
            r->date_confidence = 20;
        }
    }
    tm_wire(ctx, ls, r, t < 0 ? 0 : (size_t)t);
    return ls->oom ? -1 : 0;
}

char *pxe_title_strip_site(const char *title, const char *outlet)
{
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x94 ",
                                       " \xe2\x80\x93 ", " :: ", " \xc2\xbb "};
    size_t cut = strlen(title);
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        const char *p = title, *last = NULL;
        while ((p = strstr(p, seps[i])))
            last = p++;
        if (!last)
            continue;
        const char *site = last + strlen(seps[i]);
        size_t site_words = pxe_word_count(site);
        int named = outlet && (pxe_stristr(outlet, site) ||
                               pxe_stristr(site, outlet));
        /* A short, capitalised tail is a site name ("| Harbor Herald");
        ** "— update" or "- live" are part of the title. */
        int site_like = site_words <= 4 &&
                        (tm_capitalised(site) || site_words == 1) &&
                        (isupper((unsigned char)site[0]) ||
                         isdigit((unsigned char)site[0]) ||
                         (unsigned char)site[0] >= 0xC0);
        if ((named || site_like) &&
            pxe_word_count(title) - site_words >= 3 &&
            (size_t)(last - title) < cut)
            cut = (size_t)(last - title);
    }
    return pxe_collapse(title, cut);
}
