/*
** textnames.c — the names a page gives: who wrote it, and what the site
** calls itself.
**
** Bylines come in many shapes: "By Ana Ruiz | March 3, 2025", "By" on one
** line and the name on the next, "Author: Ana Ruiz", "ANA RUIZ for The
** Example Post", "Tom Krisher, AP Auto Writer", or a name alone on the
** line next to the date, sometimes run into the paper's name ("Ana Ruiz
** Harbor Herald": the paper is cut off the name).  Photo credits ("Ana
** Ruiz | Reuters", "Photo: Ana Ruiz/AP") and desks are not authors.  The
** site names itself in copyright lines and appeals ("Support the Example
** Post"); textoutlet.c weighs those against the page's domain.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* How far above and below the headline a byline is looked for. */
#define TN_BEFORE 6
#define TN_AFTER 12

static const char *const tn_byline_prefixes[] = {
    "by ", "written by ", "words by ", "story by ", "posted by ",
    "author: ", "authors: ", "author : ", "reporter: ", "byline: ",
    "von ", "par ",
};

/* Ends a name inside a byline. */
static size_t tn_name_end(const char *s)
{
    static const char *const stops[] = {
        " | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " published",
        " updated", " posted", " on ", " for ", " at ", " in ", "\xe2\x80\xa2",
        " publiziert", " ver\303\266ffentlicht", " publi\xc3\xa9",
        " publicado", " pubblicato",
        "\xc2\xb7", " last "};
    size_t n = strcspn(s, "|,;(\t");
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
        const char *p = pxe_stristr(s, stops[i]);
        if (p && (size_t)(p - s) < n)
            n = (size_t)(p - s);
    }
    for (size_t i = 0; i < n; i++)   /* a time, a date or a handle */
        if ((isdigit((unsigned char)s[i]) || s[i] == '@') &&
            (i == 0 || s[i - 1] == ' ')) {
            n = i;
            break;
        }
    /* "Megan Rowe meganr@example.com": an address is not the name. */
    const char *at = memchr(s, '@', n);
    if (at) {
        while (at > s && at[-1] != ' ')
            at--;
        n = (size_t)(at - s);
    }
    return n;
}

/* "JANE DOE" -> "Jane Doe"; names already in mixed case stay. */
static void tn_fix_caps(char *s)
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
static int tn_plausible_name(const char *s)
{
    size_t w = pxe_word_count(s);
    unsigned char c = (unsigned char)s[0];
    /* Quotes, questions and exclamations belong to headlines. */
    return w >= 1 && w <= 6 && (isupper(c) || c >= 0xC0) &&
           strlen(s) <= 80 && !pxe_stristr(s, "http") &&
           !strpbrk(s, "@\"?!") && !strstr(s, "\xe2\x80\x9c") &&
           !strstr(s, "\xe2\x80\x9d");
}

int pxe_name_capitalised(const char *s)
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

/* Whether a short line names a writer's role or paper ("… for The
** Example Post", "Staff Writer"); a line lacking a byte pair of a word
** is not searched for it. */
static int tn_credited(const char *line)
{
    static const char *const roles[] = {
        " for ", "correspondent", "writer", "reporter", "editor",
        "contributor", "columnist"};
    pxe_pairs pairs;
    pxe_pairs_of(&pairs, line);
    for (size_t i = 0; i < PXE_COUNT(roles); i++)
        if (pxe_pairs_may_hold(&pairs, roles[i]) &&
            pxe_stristr(line, roles[i]))
            return 1;
    return 0;
}

char *pxe_byline_author(const char *line)
{
    size_t by = pxe_prefix_in(line, tn_byline_prefixes,
                              PXE_COUNT(tn_byline_prefixes));
    const char *s = by ? line + by : NULL;
    /* "ANA RUIZ for The Example Post", "Ana Ruiz, Staff Writer" */
    if (!s && pxe_word_count_max(line, 9) <= 9 && tn_credited(line))
        s = line;
    if (!s)
        return NULL;
    s += strspn(s, " :");
    size_t n = tn_name_end(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ':'))
        n--;
    char *name = pxe_collapse(s, n);
    if (!name)
        return NULL;
    /* Without a "By" the line must look like a name: a few words, each
    ** capitalised ("Council approves new cycle lanes for…" is not). */
    if (s == line && !pxe_name_capitalised(name)) {
        free(name);
        return NULL;
    }
    tn_fix_caps(name);
    if (!tn_plausible_name(name)) {
        free(name);
        return NULL;
    }
    return name;
}

/* The outlet after " for " in a "NAME for OUTLET" byline, or NULL. */
static char *tn_byline_outlet(const char *line)
{
    const char *p = pxe_stristr(line, " for ");
    if (!p || pxe_word_count_max(line, 10) > 10)
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

char *pxe_byline_for_outlet(const char *line)
{
    return tn_byline_outlet(line);
}

/* Whether a word ends a newspaper's or magazine's name the way most do
** ("Florida Today", "Chicago Tribune", "Post-Dispatch"). */
static int tn_masthead_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "today", "times", "post", "news", "herald", "journal", "tribune",
        "gazette", "chronicle", "daily", "press", "register", "observer",
        "telegraph", "guardian", "examiner", "standard", "bulletin",
        "courier", "dispatch", "inquirer", "enquirer", "sentinel",
        "monitor", "magazine", "globe", "star", "sun", "mirror", "express",
        "independent", "record", "review", "leader", "citizen", "weekly",
        "mail", "ledger", "telegram", "advocate"};
    for (size_t i = n; i-- > 0;)
        if (w[i] == '-') {   /* "Post-Dispatch": its last part */
            n -= i + 1;
            w += i + 1;
            break;
        }
    for (size_t i = 0; i < PXE_COUNT(words); i++)
        if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
            return 1;
    return 0;
}

int pxe_masthead_name(const char *name, size_t n)
{
    size_t last = n;
    while (last > 0 && name[last - 1] != ' ')
        last--;
    return last > 0 && tn_masthead_word(name + last, n - last);
}

size_t pxe_byline_org_start(const char *name)
{
    const char *w[8];
    size_t nw = 0;
    for (const char *p = name; *p; p++)
        if ((p == name || p[-1] == ' ') && *p != ' ') {
            if (nw == 8 || !(isupper((unsigned char)*p) ||
                             isdigit((unsigned char)*p)))
                return 0;
            w[nw++] = p;
        }
    if (nw < 4 || !pxe_masthead_name(name, strlen(name)))
        return 0;
    /* Two words of the name and two of the paper, unless "The" says
    ** where the paper starts; a longer byline ends with the paper's two
    ** words ("Michael David Smith Chicago Tribune"). */
    size_t k = nw <= 4 ? 2 : nw - 2;
    for (size_t j = 2; j + 1 < nw; j++)
        if (strncmp(w[j], "The ", 4) == 0) {
            k = j;
            break;
        }
    return k <= 3 ? (size_t)(w[k] - name) : 0;
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

/* Every word of a name starts with a capital or a digit, but for the
** small words names are joined with ("Bank of America", "Hearst & Co"):
** "The Republic unless otherwise noted" is a sentence, not a name. */
static int tn_name_words(const char *s)
{
    static const char *const joiners[] = {"of", "and", "the", "&", "de",
                                          "la", "du", "der", "y", "e"};
    for (const char *p = s; *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        int ok = !islower((unsigned char)*p);
        for (size_t i = 0; !ok && i < sizeof joiners / sizeof *joiners; i++)
            ok = strlen(joiners[i]) == n && strncmp(p, joiners[i], n) == 0;
        if (!ok)
            return 0;
        p += n;
    }
    return 1;
}

/* "© 2025 The Example Post. All rights reserved." -> "The Example Post" */
static char *tn_copyright_name(const char *line)
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
        pxe_word_count_max(line, 10) <= 10)
        p = line;   /* "Northgate Times • All rights reserved" */
    if (!p)
        return NULL;
    p += strspn(p, " \xc2\xa9:");
    while (isdigit((unsigned char)*p) || *p == '-' || *p == ' ' || *p == ',')
        p++;
    if (pxe_starts_with_ci(p, "copyright "))   /* "© Copyright 2019 …" */
        p += 10;
    /* "Copyright 2019. Washington Examiner. All Rights Reserved." */
    while (isdigit((unsigned char)*p) || *p == '-' || *p == ' ' ||
           *p == ',' || (*p == '.' && p[1] == ' '))
        p++;
    size_t n = strcspn(p, ".|;,\xe2");   /* \xe2: a bullet or dash */
    const char *dash = strstr(p, " - "), *slash = strstr(p, " / ");
    if (dash && (size_t)(dash - p) < n)
        n = (size_t)(dash - p);
    if (slash && (size_t)(slash - p) < n)
        n = (size_t)(slash - p);
    const char *arr = pxe_stristr(p, "all rights");
    if (arr && (size_t)(arr - p) < n)
        n = (size_t)(arr - p);
    while (n > 0 && (p[n - 1] == ' ' || isdigit((unsigned char)p[n - 1]) ||
                     p[n - 1] == '-'))
        n--;   /* "© Valley Ledger 2025" */
    char *name = pxe_collapse(p, n);
    if (name && (pxe_word_count(name) == 0 || pxe_word_count(name) > 6 ||
                 !tn_name_words(name))) {
        free(name);
        return NULL;
    }
    return name;
}

/* "Read Full Article at Example Post", "Support the Example Post's
** journalism", "become a member of The Example Post". */
static char *tn_named_in(const char *line)
{
    static const char *const intro[] = {
        "read full article at ", "become a member of ", "subscribe to ",
        "support ", "originally published by ", "originally published on "};
    /* Every line of the page comes here: most lack a byte pair of each
    ** phrase, and are not searched for it. */
    pxe_pairs pairs;
    if (!strchr(line, ' '))
        return NULL;   /* every intro holds a space */
    pxe_pairs_of(&pairs, line);
    for (size_t i = 0; i < sizeof intro / sizeof *intro; i++) {
        const char *p = pxe_pairs_may_hold(&pairs, intro[i])
                            ? pxe_stristr(line, intro[i]) : NULL;
        if (!p || (p > line && isalnum((unsigned char)p[-1])) ||
            pxe_word_count_max(line, 20) > 20)
            continue;   /* in prose, "support …" names someone else */
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

char *pxe_text_named_outlet(const pxe_lines *ls)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = ls->n; i-- > 0;) {
            char *name = pass == 0 ? tn_copyright_name(ls->v[i].text)
                                   : tn_named_in(ls->v[i].text);
            if (name)
                return name;
        }
    return NULL;
}

/* A photo or video credit: "Ana Ruiz | Reuters", "Photo: Ana Ruiz/AP". */
static int tn_credit(const pxe_ctx *ctx, const char *line)
{
    static const char *const starts[] = {"photo", "image", "credit",
                                         "picture", "video", "illustration"};
    if (pxe_prefix_in(line, starts, PXE_COUNT(starts)))
        return 1;
    const char *bar = strrchr(line, '|');
    const char *slash = strrchr(line, '/');
    return (bar && pxe_wire_name(ctx, bar + 1 + strspn(bar + 1, " "))) ||
           (slash && pxe_wire_name(ctx, slash + 1)) ||
           pxe_stristr(line, "getty") || pxe_stristr(line, "shutterstock");
}

/* Words of a time stamp, not of a name: "Published Wed, Nov 20 2019". */
static int tn_stamp_word(const char *name)
{
    static const char *const words[] = {
        "published", "updated", "posted", "modified", "mon", "tue", "wed",
        "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "today", "yesterday"};
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, " ");
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
            if (strlen(words[i]) == n && strncasecmp(p, words[i], n) == 0)
                return 1;
        p += n;
        p += strspn(p, " ");
    }
    return 0;
}

/* "Chris Davies - Nov 19, 2019", "Catherine Shu @catherineshu / 2 days",
** "5:45 AM PST 11/19/2019 by Patrick Shanley": a name next to a date or a
** handle on one short line. */
static char *tn_name_with_stamp(const char *t)
{
    char d[11];
    size_t at, n;
    if (pxe_word_count_max(t, 14) > 14)
        return NULL;
    const char *by = pxe_stristr(t, " by ");
    if (by && pxe_date_find(t, 0, d, &at, &n) && at < (size_t)(by - t)) {
        char buf[200];
        snprintf(buf, sizeof buf, "By %s", by + 4);
        return pxe_byline_author(buf);
    }
    size_t k = tn_name_end(t);
    const char *rest = t + k;
    rest += strspn(rest, " -|/\xe2\x80\x94\x93\xc2\xb7\xa2");
    if (k == 0 || !(*rest == '@' || pxe_date_find(rest, 0, d, &at, &n)) ||
        (*rest != '@' && at > 12))
        return NULL;
    char *name = pxe_collapse(t, k);
    if (name && (!pxe_name_capitalised(name) || !tn_plausible_name(name) ||
                 tn_stamp_word(name))) {
        free(name);
        name = NULL;
    }
    return name;
}

/* A line that is only a name ("Chris Davies"), taken as the byline when
** a date stands right next to it. */
static char *tn_name_line(const pxe_lines *ls, size_t i)
{
    const char *t = ls->v[i].text;
    if (!pxe_name_capitalised(t) || strpbrk(t, "0123456789|:@") ||
        pxe_chrome_phrase(t) ||
        ls->v[i].flags & (PXE_LF_ITEM | PXE_LF_HEADING | PXE_LF_LINKS))
        return NULL;
    for (size_t j = i > 2 ? i - 2 : 0; j < ls->n && j <= i + 2; j++) {
        char d[11];
        size_t at, n;
        if (j != i && pxe_word_count_max(ls->v[j].text, 14) <= 14 &&
            pxe_date_find(ls->v[j].text, 0, d, &at, &n))
            return pxe_strdup(t);
    }
    return NULL;
}

/* How sure each way of reading a byline is, strongest first. */
enum { TN_BYLINE, TN_STAMPED, TN_ALONE, TN_PASSES };

static const char *const tn_how[TN_PASSES] = {
    "byline", "a name with a date or handle", "a name alone next to a date"};

/* The author named on line i in the given way: "By NAME", "By" then the
** name on the next line, "NAME, Staff Writer"; "NAME - Nov 19, 2019",
** "NAME @handle"; or a name alone next to a date. */
static char *tn_author_at(const pxe_ctx *ctx, const pxe_lines *ls, size_t i,
                          int pass, size_t *used)
{
    const char *t = ls->v[i].text;
    *used = i;
    if (tn_credit(ctx, t))
        return NULL;
    if (pass == TN_STAMPED)
        return tn_name_with_stamp(t);
    if (pass == TN_ALONE)
        return tn_name_line(ls, i);
    size_t n = strlen(t);
    if ((n == 2 || (n == 3 && t[2] == ':')) && strncasecmp(t, "by", 2) == 0 &&
        i + 1 < ls->n) {
        char buf[300];
        snprintf(buf, sizeof buf, "By %s", ls->v[i + 1].text);
        *used = i + 1;
        return pxe_byline_author(buf);
    }
    return pxe_byline_author(t);
}

/* Records the author found on line i (through `used`) and what its
** byline says of the outlet or the agency. */
static void tn_take_author(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                           size_t i, size_t used, char *a, int pass)
{
    /* "Elliot Brownstein Florida Today": the paper is no part of the
    ** name (textoutlet.c reads it from the line). */
    size_t org = pxe_byline_org_start(a);
    while (org > 0 && strchr(" ,;|-", a[org - 1]))
        a[--org] = '\0';
    pxe_result_cand(r, "author", a, 70 - pass * 15, "%s, line %zu",
                    tn_how[pass], i + 1);
    if (!r->author.value)
        pxe_field_set(&r->author, a, tn_how[pass], 70 - pass * 15);
    /* "NAME for AGENCY": the agency whose copy this is (an outlet named
    ** so is textoutlet.c's to weigh). */
    char *o = tn_byline_outlet(ls->v[i].text);
    const char *w = o ? pxe_wire_name(ctx, o) : NULL;
    if (w && !r->wire.value)
        pxe_field_set(&r->wire, w, "byline 'for' an agency", 75);
    free(o);
    for (size_t k = i; k <= used; k++) {
        ls->v[k].role = PXE_LINE_META;
        ls->v[k].why = "byline";
    }
}

long pxe_text_author(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                     long anchor)
{
    size_t from = anchor > TN_BEFORE ? (size_t)anchor - TN_BEFORE : 0;
    size_t to = (size_t)anchor + TN_AFTER;
    if (ls->story_to && to < ls->story_from + 3)
        to = ls->story_from + 3;
    size_t below = to > (size_t)anchor + 1 ? to - (size_t)anchor - 1 : 0;
    size_t above = (size_t)anchor + 1 - from;
    for (int pass = 0; pass < TN_PASSES; pass++)
        /* Looked for under the headline first, then above it. */
        for (size_t k = 0; k < below + above; k++) {
            size_t i = k < below ? (size_t)anchor + 1 + k
                                 : (size_t)anchor - (k - below);
            size_t used;
            if (i >= ls->n || ls->v[i].role == PXE_LINE_TITLE ||
                ls->v[i].role == PXE_LINE_META)
                continue;   /* the headline, header lines, stamps */
            char *a = tn_author_at(ctx, ls, i, pass, &used);
            if (a) {
                tn_take_author(ctx, ls, r, i, used, a, pass);
                free(a);
                return (long)used;
            }
        }
    return -1;
}
