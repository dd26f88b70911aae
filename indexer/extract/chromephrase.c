/*
** chromephrase.c — the phrase tables of chrome.c and the automaton that
** finds them.
**
** Strong phrases mark a line wherever they occur in it, weak ones only
** when they are (nearly) all of it, credits mark a photo caption.  The
** strong phrases and the credits are asked of every line of every page:
** a pxe_ctx holds them as one automaton (scan.c) that reads a line once;
** without it (pxe_chrome_phrase() of a line alone, or out of memory)
** they are searched phrase by phrase, with the same answers.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

typedef struct {
    const char *phrase;
    const char *why;
} chrome_phrase;

/* Phrases that mark a line as chrome wherever they occur in it (lines of
** up to 40 words).  Chosen so that a news sentence is unlikely to carry
** them verbatim. */
static const chrome_phrase chrome_strong[] = {
    {"all rights reserved", "copyright footer"},
    {"read full article at", "read-more link"},
    {"continue reading", "read-more link"},
    {"sign up for our", "newsletter appeal"},
    {"sign up to our", "newsletter appeal"},
    {"subscribe to our", "subscription appeal"},
    {"our newsletter", "newsletter appeal"},
    {"support our journalism", "membership appeal"},
    {"support independent journalism", "membership appeal"},
    {"support quality journalism", "membership appeal"},
    {"become a member", "membership appeal"},
    {"become a subscriber", "subscription appeal"},
    {"already a subscriber", "subscription appeal"},
    {"make a contribution", "membership appeal"},
    {"donate now", "membership appeal"},
    {"indicates required", "form label"},
    {"required field", "form label"},
    {"enter your email", "form label"},
    {"by signing up", "form label"},
    {"by clicking", "form label"},
    {"ad blocker", "ad-blocker notice"},
    {"adblocker", "ad-blocker notice"},
    {"whitelist", "ad-blocker notice"},
    {"we use cookies", "cookie notice"},
    {"uses cookies", "cookie notice"},
    {"cookie policy", "cookie notice"},
    {"accept cookies", "cookie notice"},
    {"enable javascript", "browser notice"},
    {"privacy policy", "footer link"},
    {"terms of use", "footer link"},
    {"terms of service", "footer link"},
    {"reprint policy", "footer link"},
    {"reprints and permissions", "footer link"},
    {"share this article", "share bar"},
    {"share this story", "share bar"},
    {"share this on", "share bar"},
    {"share on facebook", "share bar"},
    {"share on twitter", "share bar"},
    {"share on whatsapp", "share bar"},
    {"follow us on", "social links"},
    {"click here to", "link text"},
    {"skip to content", "skip link"},
    {"skip to main content", "skip link"},
    {"you may also like", "recommendation rail"},
    {"recommended for you", "recommendation rail"},
    {"this article was originally published", "syndication note"},
    {"related coverage", "related link"},
    {"related:", "related link"},
    {"no comments yet", "comments link"},
    {"click to share", "share bar"},
    {"click to email this", "share bar"},
    {"opens in new window", "share bar"},
    {"keep an eye on your inbox", "newsletter appeal"},
    {"thanks for signing up", "newsletter appeal"},
    {"thank you for signing up", "newsletter appeal"},
    {"no spam", "newsletter appeal"},
    {"unsubscribe at any time", "newsletter appeal"},
    {"delivered to your inbox", "newsletter appeal"},
    {"if you buy something through", "affiliate disclosure"},
    {"we may earn a commission", "affiliate disclosure"},
    {"we may earn an affiliate", "affiliate disclosure"},
    {"affiliate commission", "affiliate disclosure"},
    {"affiliate links", "affiliate disclosure"},
    {"have not been evaluated by the", "disclaimer"},
    {"support independent", "membership appeal"},
    {"we want to hear", "feedback appeal"},
    {"send us a tip", "feedback appeal"},
    {"there was a problem subscribing", "form message"},
    {"please try again later", "form message"},
};

/* Phrases that mark a line only when they are (nearly) all of it. */
typedef struct {
    const char *phrase;
    size_t len;       /* strlen(phrase) */
    const char *why;
} chrome_weak_phrase;
#define WEAK(p, why) {p, sizeof p - 1, why}
static const chrome_weak_phrase chrome_weak[] = {
    WEAK("advertisement", "advert"), WEAK("sponsored", "advert"),
    WEAK("sign up", "form button"), WEAK("subscribe", "form button"),
    WEAK("submit", "form button"), WEAK("log in", "account link"),
    WEAK("sign in", "account link"), WEAK("register", "account link"),
    WEAK("required", "form label"), WEAK("email", "form label"),
    WEAK("email address", "form label"), WEAK("first name", "form label"),
    WEAK("last name", "form label"), WEAK("your email", "form label"),
    WEAK("name", "form label"), WEAK("zip code", "form label"),
    WEAK("postcode", "form label"), WEAK("country", "form label"),
    WEAK("share", "share bar"), WEAK("tweet", "share bar"),
    WEAK("facebook", "social links"), WEAK("twitter", "social links"),
    WEAK("instagram", "social links"), WEAK("linkedin", "social links"),
    WEAK("whatsapp", "social links"), WEAK("youtube", "social links"),
    WEAK("print", "share bar"), WEAK("comments", "comments link"),
    WEAK("read more", "read-more link"), WEAK("back to top", "skip link"),
    WEAK("menu", "menu"), WEAK("search", "menu"), WEAK("home", "menu"),
    WEAK("close", "menu"), WEAK("loading", "notice"),
    WEAK("donate", "membership appeal"), WEAK("contact us", "footer link"),
    WEAK("about us", "footer link"), WEAK("advertise", "footer link"),
    WEAK("sitemap", "footer link"), WEAK("site map", "footer link"),
};

#undef WEAK

/* Credits that mark a line as a photo caption, whatever its length:
** captions run long, but carry their photographer's credit. */
static const char *const chrome_credits[] = {
    "(ap photo", "ap photo/", "(photo:", "(photo by", "photo by ",
    "photo courtesy", "getty images", "submitted photo", "image copyright",
    "image caption", "(reuters/", "reuters/", "/ afp", "afp via getty",
    "(file photo", "/shutterstock", "/ shutterstock", "photo credit",
    "(photo credit", "(image:", "(credit:", " via ap)", " via reuters)",
    " via getty", "/ap)", "/reuters)",
};

/* "… under the CLPS program. Credit: SpaceX", "… sought treatmentCredit:
** EPA": a caption that ends with its credit, glued to it or not. */
static int chrome_credit_tail(const char *line)
{
    static const char *const marks[] = {"Credit:", "Photo:", "Photograph:",
                                        "Image:"};
    if (!strchr(line, ':'))
        return 0;   /* every mark has one; most lines none */
    for (size_t i = 0; i < PXE_COUNT(marks); i++) {
        const char *p = strstr(line, marks[i]);
        if (!p || p == line)
            continue;
        const char *rest = p + strlen(marks[i]);
        unsigned char before = (unsigned char)p[-1];
        if ((before == ' ' || before == ')' || islower(before)) &&
            pxe_word_count(rest) >= 1 && pxe_word_count(rest) <= 6 &&
            !strpbrk(rest, ".!?"))
            return 1;
    }
    return 0;
}

int pxe_chrome_caption(const pxe_chrome_hits *h)
{
    if (h->words > 80)
        return 0;
    return chrome_credit_tail(h->line) || h->credit;
}

/* One occurrence of a phrase (chrome_strong, then chrome_credits) at
** byte `at`.  A long line is a notice when it opens with the strong
** phrase ("This website uses cookies to …"); inside a paragraph it may
** be quoted.  Later occurrences only have more words before them. */
static int chrome_hit(void *arg, size_t phrase, size_t at)
{
    pxe_chrome_hits *h = arg;
    if (phrase >= PXE_COUNT(chrome_strong))
        h->credit = 1;
    else if (phrase < h->strong &&
             (h->words <= 40 || pxe_word_count_n(h->line, at) < 8))
        h->strong = phrase;
    return 0;
}

struct pxe_chrome_scan {
    pxe_scan *scan;   /* chrome_strong's phrases, then chrome_credits */
};

struct pxe_chrome_scan *pxe_chrome_scan_new(void)
{
    enum { NS = PXE_COUNT(chrome_strong), NC = PXE_COUNT(chrome_credits) };
    const char *phrases[NS + NC];
    for (size_t i = 0; i < NS; i++)
        phrases[i] = chrome_strong[i].phrase;
    for (size_t i = 0; i < NC; i++)
        phrases[NS + i] = chrome_credits[i];
    struct pxe_chrome_scan *c = malloc(sizeof *c);
    if (c && !(c->scan = pxe_scan_new(phrases, NS + NC))) {
        free(c);
        c = NULL;
    }
    return c;
}

void pxe_chrome_scan_free(struct pxe_chrome_scan *c)
{
    if (c)
        pxe_scan_free(c->scan);
    free(c);
}

/* Fills h from the tables: in one pass with the ctx's automaton, else
** phrase by phrase (turned away by their byte pairs), credits only when
** `credits` asks for them. */
static void chrome_hits_find(const struct pxe_chrome_scan *c,
                             pxe_chrome_hits *h, int credits)
{
    h->strong = PXE_COUNT(chrome_strong);
    h->credit = 0;
    if (c) {
        pxe_scan_run(c->scan, h->line, chrome_hit, h);
        return;
    }
    pxe_pairs pairs;
    pxe_pairs_of(&pairs, h->line);
    for (size_t i = 0; i < PXE_COUNT(chrome_strong) &&
                       h->strong == PXE_COUNT(chrome_strong); i++) {
        const char *p = pxe_pairs_may_hold(&pairs, chrome_strong[i].phrase)
                            ? pxe_stristr(h->line, chrome_strong[i].phrase)
                            : NULL;
        if (p)
            chrome_hit(h, i, (size_t)(p - h->line));
    }
    for (size_t i = 0; credits && !h->credit && i < PXE_COUNT(chrome_credits);
         i++)
        if (pxe_pairs_may_hold(&pairs, chrome_credits[i]) &&
            pxe_stristr(h->line, chrome_credits[i]))
            h->credit = 1;
}

void pxe_chrome_hits_find(const pxe_ctx *ctx, pxe_chrome_hits *h)
{
    chrome_hits_find(ctx ? ctx->chrome : NULL, h, 1);
}

/* "-----", "* * *", "━━━━━━" (box-drawing characters, U+2500..U+257F). */
static int chrome_is_rule(const char *s)
{
    if (!*s)
        return 0;
    while (*s) {
        if (strchr("-_=*~#. ", *s))
            s++;
        else if ((unsigned char)s[0] == 0xE2 &&
                 ((unsigned char)s[1] == 0x94 || (unsigned char)s[1] == 0x95) &&
                 s[2])
            s += 3;
        else
            return 0;
    }
    return 1;
}

/* What may follow a phrase that is all of a line. */
#define CHROME_WHOLE_TAIL " *:.!>»›"

/* The line without a trailing "*" or ":" and surrounding space, compared
** case-insensitively to a phrase. */
int pxe_chrome_whole(const char *line, const char *phrase)
{
    size_t n = pxe_ci_prefix(line, phrase);
    if (n == 0 && *phrase)
        return 0;
    return line[n + strspn(line + n, CHROME_WHOLE_TAIL)] == '\0';
}

const char *pxe_chrome_phrase_of(const pxe_chrome_hits *h)
{
    const char *line = h->line;
    size_t words = h->words, len = strlen(line);
    if (h->strong < PXE_COUNT(chrome_strong))
        return chrome_strong[h->strong].why;
    /* A weak phrase is all of the line but for the marks pxe_chrome_whole()
    ** allows after it, and ends with none of them: only a phrase as long
    ** as the line without its trailing marks can be all of it. */
    size_t core = len;
    while (core > 0 && strchr(CHROME_WHOLE_TAIL, line[core - 1]))
        core--;
    for (size_t i = 0; i < sizeof chrome_weak / sizeof *chrome_weak; i++)
        if (chrome_weak[i].len == core &&
            pxe_chrome_whole(line, chrome_weak[i].phrase))
            return chrome_weak[i].why;
    if (words <= 12 && (pxe_starts_with_ci(line, "photo:") ||
                        pxe_starts_with_ci(line, "image:") ||
                        pxe_starts_with_ci(line, "credit:") ||
                        pxe_starts_with_ci(line, "photograph:") ||
                        pxe_starts_with_ci(line, "picture:") ||
                        pxe_starts_with_ci(line, "file photo") ||
                        pxe_starts_with_ci(line, "courtesy of ") ||
                        pxe_starts_with_ci(line, "courtesy:") ||
                        pxe_stristr(line, "getty images") ||
                        pxe_stristr(line, "/ shutterstock")))
        return "photo credit";
    if (words <= 14 && (pxe_starts_with_ci(line, "\xc2\xa9") ||
                        pxe_starts_with_ci(line, "copyright ") ||
                        pxe_starts_with_ci(line, "(c) ")))
        return "copyright footer";
    if (chrome_is_rule(line))
        return "rule";
    /* "Subscribe to … on YouTube", "Join our forums": an appeal opens
    ** with its verb; a story's sentence seldom does. */
    static const char *const appeals[] = {
        "subscribe to ", "join our ", "follow us ", "get our ",
        "download our ", "like us on "};
    if (words <= 25 && pxe_prefix_in(line, appeals, PXE_COUNT(appeals)))
        return "appeal";
    return NULL;
}

const char *pxe_chrome_phrase(const char *line)
{
    /* Pairs are folded as pxe_ascii_lower() folds: the line's are its
    ** lower-cased copy's. */
    pxe_chrome_hits h = {line, pxe_word_count_max(line, 40), 0, 0};
    chrome_hits_find(NULL, &h, 0);
    return pxe_chrome_phrase_of(&h);
}

