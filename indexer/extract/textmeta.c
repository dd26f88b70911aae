/*
** textmeta.c — title, author, date, outlet and wire read out of page text.
**
** The headline is chosen among scored candidates rather than taken as the
** first line that looks like one: a scraped page opens with menus, logos,
** cookie buttons and corporate lines.  A candidate gains for being shown
** as a heading, for sharing its words with the opening of the story (the
** story block of story.c), for a byline or date right under it and for
** standing close above the story; it loses for being a list item, a link
** or image line, a sentence, a menu word or a copyright line.  The byline
** and the date are then looked for around the chosen headline
** (textnames.c, textdate.c), and the outlet across the whole page
** (textoutlet.c) once the headline and byline are known.  Every value
** records its source and a confidence, and the candidates considered are
** kept for `explain`.
*/
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* Candidates are looked for this many lines above the story block, and
** among the first lines of an HTML body. */
#define TM_ABOVE_STORY 60
#define TM_TITLE_SCAN 25
/* Lines right above the story, where distance says nothing. */
#define TM_NEIGHBOURHOOD 8
/* Weights: a headline shown more than once; sharing the story's words. */
#define TM_REPEATED 15
#define TM_OVERLAP 30
/* Candidates kept for explain. */
#define TM_KEEP 4

/* pxe_chrome_phrase() of a line, with the ctx's automaton when there is
** one: one pass over the line instead of one search per phrase. */
static const char *tm_chrome_phrase(const pxe_ctx *ctx, const char *t)
{
    pxe_chrome_hits h = {t, pxe_word_count_max(t, 40), 0, 0};
    pxe_chrome_hits_find(ctx, &h);
    return pxe_chrome_phrase_of(&h);
}

/* Whether a line of `words` words (pxe_text_words()) could be a
** headline at all. */
static int tm_headline_like(const pxe_ctx *ctx, const pxe_line *l,
                            size_t words)
{
    const char *t = l->text;
    size_t len = strlen(t);
    if (words < 2 || len > 300 || words > 35 || pxe_letter_count(t) < 8)
        return 0;
    if (l->flags & (PXE_LF_IMAGE | PXE_LF_ALT) || l->role == PXE_LINE_META)
        return 0;
    /* Chrome by its words or shape (captions, stamps, menus) is no
    ** headline; chrome by its place (repeated, outside the story) may be. */
    if (l->role == PXE_LINE_CHROME && l->why &&
        (strcmp(l->why, "photo caption") == 0 ||
         strcmp(l->why, "time stamp") == 0 ||
         strcmp(l->why, "breadcrumb") == 0 ||
         strcmp(l->why, "menu line") == 0))
        return 0;
    if (tm_chrome_phrase(ctx, t) || strstr(t, "\xc2\xa9"))
        return 0;
    char *by = pxe_byline_author(t);
    free(by);
    if (by)
        return 0;
    char d[11];
    size_t at, n;
    if (pxe_date_find(t, 0, d, &at, &n) && words <= n / 3 + 4)
        return 0;
    return 1;
}

/* A button's or a greeting's words ("Suggest a Fact Check", "Welcome to
** …", "Sign up"), not a headline's; a colon ("Follow: …") introduces
** one. */
static int tm_ui_words(const char *t)
{
    static const char *const verbs[] = {
        "welcome to ", "suggest ", "sign ", "subscribe", "follow ",
        "share ", "download ", "listen ", "join ", "click ", "learn more",
        "view ", "explore ", "discover ", "search ", "contact ", "log in",
        "send us", "advertise"};
    return pxe_prefix_in(t, verbs, PXE_COUNT(verbs)) && !strchr(t, ':');
}

/* Content words of the title found in the opening of the story, in
** percent: the headline names what the story is about.  The opening is
** in lower case (tm_opening), so that each word is one strstr. */
static int tm_overlap(const char *title, const char *opening)
{
    size_t words = 0, found = 0;
    for (const char *p = title; *p;) {
        while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
            p++;
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            p++;
        size_t n = (size_t)(p - w);
        if (n < 4)
            continue;   /* short words say little */
        char key[8];
        size_t k = n < 6 ? n : 6;   /* a crude stem: "electric(al)" */
        memcpy(key, w, k);
        key[k] = '\0';
        pxe_ascii_lower(key);
        words++;
        found += strstr(opening, key) != NULL;
    }
    /* A share of two words proves less than a share of ten. */
    if (!words)
        return 0;
    return (int)(found * 100 / words) * (int)(found < 5 ? found + 3 : 8) / 8;
}

/* The opening of the story block: its first lines, in lower case, for
** tm_overlap. */
static char *tm_opening(const pxe_lines *ls, size_t from, size_t to)
{
    pxe_buf b = {0};
    for (size_t i = from; i < to && b.len < 1500; i++)
        if (ls->v[i].role == PXE_LINE_BODY) {
            pxe_buf_adds(&b, ls->v[i].text);
            pxe_buf_addc(&b, ' ');
        }
    char *s = pxe_buf_take(&b);
    if (s)
        pxe_ascii_lower(s);
    return s;
}

/* Whether line j is a byline, a date or a time stamp, remembered in
** memo (one byte a line: 0 not yet known, 1 no, 2 yes) since each line
** is looked at from the five candidates above it; memo may be NULL. */
static int tm_is_byline(const pxe_lines *ls, size_t j, unsigned char *memo)
{
    if (memo && memo[j])
        return memo[j] == 2;
    char *a = pxe_byline_author(ls->v[j].text);
    char d[11];
    size_t at, n;
    const pxe_line *l = &ls->v[j];
    int hit = a || (pxe_word_count_max(l->text, 14) <= 14 &&
                    pxe_date_find(l->text, 0, d, &at, &n)) ||
              (l->why && strcmp(l->why, "time stamp") == 0);
    free(a);
    if (memo)
        memo[j] = hit ? 2 : 1;
    return hit;
}

/* How close under line i a byline or date stands: 5 right under it, 1
** four lines down, 0 when none is that close. */
static int tm_near_byline(const pxe_lines *ls, size_t i, unsigned char *memo)
{
    for (size_t j = i + 1; j < ls->n && j <= i + 5; j++)
        if (tm_is_byline(ls, j, memo))
            return (int)(i + 6 - j);
    return 0;
}

/* Scores a headline candidate of `words` words; *next_words is set to
** the next line's (its pxe_text_words(), which the next candidate
** needs again). */
static int tm_title_score(const pxe_lines *ls, size_t i, size_t words,
                          size_t story, const char *opening, int *overlap,
                          unsigned char *memo, size_t *next_words)
{
    const pxe_line *l = &ls->v[i];
    int s = 0;
    if (l->flags & PXE_LF_HEADING)
        s += 25;
    if (l->flags & PXE_LF_H1)
        s += 10;   /* the page's own heading; rails use lower levels */
    if (l->flags & PXE_LF_ITEM)
        s -= 30;
    if (l->flags & PXE_LF_LINKS)
        s -= 15;
    s += words >= 4 && words <= 22 ? 10 : words == 3 ? 3 : -8;
    size_t len = strlen(l->text);
    if (l->text[len - 1] == '.' && words > 6)
        s -= 15;
    if (islower((unsigned char)l->text[0]))
        s -= 12;
    if (words <= 8 && tm_ui_words(l->text))
        s -= 20;
    /* A line of the story is not compared with itself. */
    char *own = i >= story ? tm_opening(ls, i + 1, ls->n) : NULL;
    *overlap = tm_overlap(l->text, own ? own : opening);
    free(own);
    s += *overlap * TM_OVERLAP / 100;
    s += tm_near_byline(ls, i, memo) * 3;
    /* A headline is often followed by its standfirst: a longer sentence
    ** that is not itself headline-sized. */
    *next_words = i + 1 < ls->n ? pxe_text_words(ls->v[i + 1].text) : 0;
    if (i + 1 < ls->n && *next_words > words + 5 &&
        pxe_ends_sentence(ls->v[i + 1].text))
        s += 6;
    /* Headline, standfirst, byline, captions: the few lines above the
    ** story are all the headline's neighbourhood; only further up does
    ** distance count against a line. */
    if (i + TM_NEIGHBOURHOOD < story)
        s -= (int)((story - i - TM_NEIGHBOURHOOD) > 40
                       ? 40 : story - i - TM_NEIGHBOURHOOD) / 2;
    else if (i >= story)
        s -= 6 + (int)(i - story) * 6;
    /* Pages repeat their headline (share text, breadcrumbs, rails). */
    if (l->role == PXE_LINE_CHROME && l->why &&
        strcmp(l->why, "repeated on this page") == 0)
        s += words >= 4 ? TM_REPEATED : 6;
    return s;
}

/* Scores headline candidates above and at the top of the story; -1 when
** there is none. */
static long tm_find_title(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r)
{
    size_t story = ls->story_to ? ls->story_from : 0;
    size_t from = story > TM_ABOVE_STORY ? story - TM_ABOVE_STORY : 0;
    size_t to = ls->story_to ? story + 4 : TM_TITLE_SCAN;
    char *opening = tm_opening(ls, story, ls->story_to ? ls->story_to
                                                       : ls->n);
    long best = -1;
    int best_score = -1000, scores[TM_KEEP], overlaps[TM_KEEP];
    long keep[TM_KEEP];
    size_t kept = 0;
    unsigned char *memo = calloc(ls->n ? ls->n : 1, 1);   /* NULL: slower */
    size_t known = SIZE_MAX, known_words = 0;   /* a line's words, kept */
    for (size_t i = from; opening && i < to && i < ls->n; i++) {
        int overlap;
        size_t words = i == known ? known_words
                                  : pxe_text_words(ls->v[i].text);
        if (!tm_headline_like(ctx, &ls->v[i], words))
            continue;
        int s = tm_title_score(ls, i, words, story, opening, &overlap, memo,
                               &known_words);
        known = i + 1;
        if (s > best_score) {
            best_score = s;
            best = (long)i;
        }
        /* The best few, for explain. */
        size_t k;
        if (kept < TM_KEEP)
            k = kept++;
        else if (s > scores[TM_KEEP - 1])
            k = TM_KEEP - 1;
        else
            continue;
        while (k > 0 && scores[k - 1] < s) {
            scores[k] = scores[k - 1];
            overlaps[k] = overlaps[k - 1];
            keep[k] = keep[k - 1];
            k--;
        }
        scores[k] = s;
        overlaps[k] = overlap;
        keep[k] = (long)i;
    }
    for (size_t k = 0; k < kept; k++)
        pxe_result_cand(r, "title", ls->v[keep[k]].text, scores[k],
                        "line %ld%s%s, its words open the story: %d%%",
                        keep[k] + 1,
                        ls->v[keep[k]].flags & PXE_LF_HEADING
                            ? ", a heading" : "",
                        ls->v[keep[k]].flags & PXE_LF_ITEM
                            ? ", a list item" : "",
                        overlaps[k]);
    free(memo);
    free(opening);
    return best_score > 0 ? best : -1;
}

/* The line that states a headline already known from a header. */
static long tm_find_known_title(const pxe_lines *ls, const char *title)
{
    for (size_t i = 0; i < ls->n && i < TM_TITLE_SCAN * 4; i++)
        if (strncasecmp(ls->v[i].text, title, strlen(title)) == 0 &&
            ls->v[i].role != PXE_LINE_META)
            return (long)i;
    return -1;
}

/* Finds the headline's line (-1 when none) and marks it and the short
** lines above it; the title itself is set by tm_title_set() once the
** outlet is known, whose name a " | Site" tail may repeat. */
static long tm_title(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r)
{
    long t = r->title.value ? tm_find_known_title(ls, r->title.value)
                            : tm_find_title(ctx, ls, r);
    if (t < 0)
        return t;
    ls->v[t].role = PXE_LINE_TITLE;
    ls->v[t].why = "headline";
    for (size_t i = 0; i < ls->n; i++) {
        pxe_line *l = &ls->v[i];
        if ((long)i != t && strcmp(l->text, ls->v[t].text) == 0) {
            l->role = PXE_LINE_TITLE;
            l->why = "headline repeated";
        } else if ((long)i < t && l->role == PXE_LINE_BODY &&
                   pxe_word_count_max(l->text, 15) < 15) {
            l->role = PXE_LINE_CHROME;
            l->why = "above the headline";
        }
    }
    return t;
}

/* The headline on line t, without a " | Site" tail, as the title (unless
** a header gave one). */
static void tm_title_set(const pxe_lines *ls, pxe_result *r, long t)
{
    if (t < 0 || r->title.value)
        return;
    char *stripped = pxe_title_strip_site(ls->v[t].text, r->outlet.value);
    if (stripped)
        pxe_field_set(&r->title, stripped, "best-scored headline", 60);
    free(stripped);
}

static void tm_wire(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                    size_t from)
{
    const char *w = r->author.value ? pxe_wire_name(ctx, r->author.value) : NULL;
    for (size_t i = from; !w && i < ls->n && i < from + 10; i++)
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
        char word[32];
        if (k == 6 && pxe_starts_with_ci(l->text, "date ")) {
            /* "date 2025-02-14 …": the .txt reader's date line */
            snprintf(word, sizeof word, "%.*s",
                     (int)strcspn(l->text + 5, " "), l->text + 5);
            if (r->date_source == PX_DATE_UNKNOWN &&
                px_date_parse(word, r->date)) {
                r->date_source = PX_DATE_HEADER;
                r->date_how = "date line";
                r->date_confidence = 100;
                l->role = PXE_LINE_META;
                l->why = "header line";
                continue;
            }
        }
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
    tm_headers(ctx, ls, r);
    /* The headline and the byline first: the outlet reads the page's
    ** own address by the headline's words and the organisation a byline
    ** names after the writer. */
    long t = tm_title(ctx, ls, r);
    long anchor = t >= 0 ? t : (long)ls->story_from;
    long by = pxe_text_author(ctx, ls, r, anchor);
    pxe_text_outlet(ctx, ls, r, h, t, by);
    tm_title_set(ls, r, t);
    if (r->date_source == PX_DATE_UNKNOWN)
        pxe_text_date(ls, r, h, t, by);
    tm_wire(ctx, ls, r, (size_t)anchor);
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
                        (pxe_name_capitalised(site) || site_words == 1) &&
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
