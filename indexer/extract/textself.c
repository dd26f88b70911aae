/*
** textself.c — where a page gives away whose it is outside the frames
** sites name themselves in (textoutlet.c weighs what is found here).
**
** A page printed for paper often prints its own address ("print header
** logo https://www.example.com/news/cat-found-in-oregon-123.php"): a URL
** whose last words spell the headline is the page's, and its domain the
** site's.  A byline may run the writer's name into the paper's ("Elliot
** Brownstein Florida Today"), or, on a blog that posts as itself, give the
** site's name where a writer's would stand ("LinkNaija August 08, 2018").
** And a site abbreviates its name by the capitals of its logo
** ("ProFootballTalk" -> "PFT"), where the company that owns it does not.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

#define TS_WORD 32
#define TS_MAX_WORDS 48

/* Lower-case ASCII words of s/n (runs of letters and digits), those of
** digits only left out (a slug's story number); returns how many. */
static size_t ts_words(const char *s, size_t n, char w[][TS_WORD], size_t max)
{
    size_t nw = 0;
    for (size_t i = 0; i < n && nw < max;) {
        while (i < n && !pxe_is_alnum((unsigned char)s[i]))
            i++;
        size_t b = i, letters = 0;
        while (i < n && pxe_is_alnum((unsigned char)s[i]))
            letters += pxe_is_alpha((unsigned char)s[i++]);
        if (i == b || letters == 0 || i - b >= TS_WORD)
            continue;
        for (size_t k = b; k < i; k++)
            w[nw][k - b] = (char)tolower((unsigned char)s[k]);
        w[nw++][i - b] = '\0';
    }
    return nw;
}

/* Whether a slug's words spell the headline: at most one of them (an id,
** "amp") missing from it, and they cover half its words or more (slugs
** drop small words and get cut short). */
static int ts_slug_spells(const char *slug, size_t n,
                          char hw[][TS_WORD], size_t nh)
{
    char sw[TS_MAX_WORDS][TS_WORD];
    size_t ns = ts_words(slug, n, sw, TS_MAX_WORDS), matched = 0;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < nh; j++)
            if (strcmp(sw[i], hw[j]) == 0) {
                matched++;
                break;
            }
    return matched >= 3 && matched + 1 >= ns && matched * 2 >= nh;
}

/* Whether the URL's path holds a segment spelling the headline. */
static int ts_url_spells(const char *url, char hw[][TS_WORD], size_t nh)
{
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    while (p && *p == '/') {
        p++;
        size_t n = strcspn(p, "/?#");
        if (ts_slug_spells(p, n, hw, nh))
            return 1;
        p += n;
    }
    return 0;
}

/* The printed URL starting at raw[i] ("http…"), a path a dump wrapped
** onto the next line joined to it, into buf; 0 when it does not fit. */
static int ts_read_url(const char *raw, size_t len, size_t i, char *buf,
                       size_t size)
{
    size_t k = i, n = 0;
    while (k < len && !pxe_is_space((unsigned char)raw[k]) &&
           !strchr(")]\"'<>", raw[k]))
        k++;
    if (k - i >= size)
        return 0;
    memcpy(buf, raw + i, k - i);
    n = k - i;
    /* "…/news/article/" then "Cat-found-in-…-14848175.php" alone on
    ** the next line. */
    if (n && (buf[n - 1] == '/' || buf[n - 1] == '-') && k < len &&
        raw[k] == '\n') {
        size_t b = k + 1;
        while (b < len && raw[b] == ' ')
            b++;
        size_t e = b;
        while (e < len && !pxe_is_space((unsigned char)raw[e]))
            e++;
        if (e > b && (e == len || raw[e] == '\n') && n + (e - b) < size) {
            memcpy(buf + n, raw + b, e - b);
            n += e - b;
        }
    }
    buf[n] = '\0';
    return 1;
}

/* Whether the words before a URL on its line credit another site with the
** story ("Source: https://…", "Read more at https://…"): a reposted
** page prints the original's address, not its own. */
static int ts_credits_other(const char *raw, size_t at)
{
    static const char *const words[] = {"source", "via", "original", "read",
                                        "more at", "from", "credit",
                                        "reprint", "republish", "cited"};
    size_t b = at;
    while (b > 0 && raw[b - 1] != '\n' && at - b < 120)
        b--;
    char before[128];
    snprintf(before, sizeof before, "%.*s", (int)(at - b), raw + b);
    for (size_t i = 0; i < PXE_COUNT(words); i++)
        if (pxe_stristr(before, words[i]))
            return 1;
    return 0;
}

int pxe_own_url(const pxe_lines *ls, const char *headline, char *buf,
                size_t size)
{
    char hw[TS_MAX_WORDS][TS_WORD];
    size_t nh = ts_words(headline, strlen(headline), hw, TS_MAX_WORDS);
    const char *raw = ls->raw;
    if (!raw || nh < 3)
        return 0;
    for (const char *c = memchr(raw, ':', ls->raw_len); c;
         c = memchr(c + 1, ':', ls->raw_len - (size_t)(c + 1 - raw))) {
        size_t at = (size_t)(c - raw);
        if (at + 3 > ls->raw_len || c[1] != '/' || c[2] != '/')
            continue;
        size_t s = at >= 5 && strncmp(c - 5, "https", 5) == 0 ? at - 5
                 : at >= 4 && strncmp(c - 4, "http", 4) == 0  ? at - 4
                                                              : at;
        /* Printed, not a link's target nor a parameter of another URL. */
        if (s == at || (s > 0 && !pxe_is_space((unsigned char)raw[s - 1])))
            continue;
        if (ts_read_url(raw, ls->raw_len, s, buf, size) &&
            ts_url_spells(buf, hw, nh) && !ts_credits_other(raw, s))
            return 1;
    }
    return 0;
}

/* A word run together of capitalised parts ("ProFootballTalk"): its
** capitals into caps; 0 when it is no such word or has fewer than three. */
static size_t ts_camel_caps(const char *w, size_t n, char *caps, size_t size)
{
    size_t k = 0;
    if (n < 6 || !isupper((unsigned char)w[0]))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (!pxe_is_alpha(c))
            return 0;
        if (isupper(c)) {
            /* Each capital opens a part of small letters ("NBCSN" is an
            ** abbreviation already). */
            if (i + 1 >= n || !islower((unsigned char)w[i + 1]) ||
                k + 1 >= size)
                return 0;
            caps[k++] = (char)c;
        }
    }
    caps[k] = '\0';
    return k >= 3 ? k : 0;
}

/* Lines of the page holding `word` as a word of its own, in its case. */
static int ts_word_lines(const pxe_lines *ls, const char *word)
{
    int lines = 0;
    size_t n = strlen(word);
    for (size_t i = 0; i < ls->n; i++)
        for (const char *p = strstr(ls->v[i].text, word); p;
             p = strstr(p + 1, word))
            if ((p == ls->v[i].text || !pxe_is_alnum((unsigned char)p[-1])) &&
                !pxe_is_alnum((unsigned char)p[n])) {
                lines++;
                break;
            }
    return lines;
}

/* How many of the page's first lines a logo stands among. */
#define TS_OPENING 5

char *pxe_abbreviated_name(const pxe_lines *ls, int *count)
{
    *count = 0;
    for (size_t i = 0; i < ls->n && i < TS_OPENING; i++) {
        const char *t = ls->v[i].text;
        for (const char *p = t; *p;) {
            size_t n = strcspn(p, " ,.;:|/()");
            char caps[16];
            if (ts_camel_caps(p, n, caps, sizeof caps)) {
                int lines = ts_word_lines(ls, caps);
                if (lines >= 2) {
                    *count = lines;
                    char *name = malloc(n + 1);
                    if (name) {
                        memcpy(name, p, n);
                        name[n] = '\0';
                    }
                    return name;
                }
            }
            p += n;
            p += strspn(p, " ,.;:|/()");
        }
    }
    return NULL;
}

/* The capitalised words at s ("Florida Today", "The Sun"), with the
** small words names are joined with; their length. */
static size_t ts_caps_run(const char *s)
{
    size_t end = 0;
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, " ,;:|()");
        int cap = isupper((unsigned char)*p);
        int joiner = (n == 2 && strncmp(p, "of", 2) == 0) ||
                     (n == 1 && *p == '&');
        if (!n || !(cap || (end && joiner)))
            break;
        if (cap)
            end = (size_t)(p + n - s);
        p += n;
        if (*p != ' ')
            break;
        p++;
    }
    return end;
}

char *pxe_byline_paper(const pxe_lines *ls, const char *author, long at)
{
    if (at < 0 || (size_t)at >= ls->n || !author)
        return NULL;
    const char *t = ls->v[at].text;
    const char *p = pxe_stristr(t, author);
    if (!p)
        return NULL;
    p += strlen(author);
    p += strspn(p, " ,|/-");
    size_t n = ts_caps_run(p);
    if (pxe_word_count_n(p, n) < 2 || !pxe_masthead_name(p, n))
        return NULL;
    char *o = malloc(n + 1);
    if (o) {
        memcpy(o, p, n);
        o[n] = '\0';
    }
    return o;
}

/* Whether a word reads as a brand run together ("LinkNaija"): a capital,
** small letters, then another capital; letters only. */
static int ts_brand_word(const char *w, size_t n)
{
    int inner = 0;
    if (n < 5 || !isupper((unsigned char)w[0]))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!pxe_is_alpha((unsigned char)w[i]))
            return 0;
        inner |= i > 0 && isupper((unsigned char)w[i]) &&
                 islower((unsigned char)w[i - 1]);
    }
    return inner;
}

/* Lines under the headline a byline stands on. */
#define TS_BYLINE_SLOT 3

char *pxe_byline_brand(const pxe_lines *ls, long title_at)
{
    if (title_at < 0)
        return NULL;
    for (size_t i = (size_t)title_at + 1;
         i < ls->n && i <= (size_t)title_at + TS_BYLINE_SLOT; i++) {
        const char *t = ls->v[i].text;
        size_t n = strcspn(t, " ");
        const char *rest = t + n;
        rest += strspn(rest, " |-/");
        char d[11];
        size_t dat, dlen;
        if (!ts_brand_word(t, n) || !*rest ||
            pxe_word_count_max(t, 8) > 8 ||
            !pxe_date_find(rest, 0, d, &dat, &dlen) || dat > 0)
            continue;
        char *o = malloc(n + 1);
        if (o) {
            memcpy(o, t, n);
            o[n] = '\0';
        }
        return o;
    }
    return NULL;
}
