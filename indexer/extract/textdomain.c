/*
** textdomain.c — the page's own domain, and how the page spells it.
**
** The hosts a page's links, images and e-mail addresses point to name
** its site (its own host dominates, but platforms — social networks,
** CDNs, ad servers — are everywhere), and so do the names that spell a
** host: "The Hill" for thehill.com, "Al Jazeera" for aljazeera.com, "New
** York Post" for nypost.com.  Every span of one to five words of every
** line is a candidate, so a span is squashed as it grows and given up as
** soon as its letters leave the domain's.  textoutlet.c weighs what is
** found here against the page's other names.
*/
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"
#include "textdomain.h"

/* Hosts of platforms, not of any news site: links to them say nothing
** about whose page it is. */
static const char *const dom_platforms[] = {
    "facebook.com", "twitter.com", "t.co", "instagram.com", "youtube.com",
    "youtu.be", "linkedin.com", "pinterest.com", "google.com",
    "googleapis.com", "gstatic.com", "googleusercontent.com",
    "googletagmanager.com", "doubleclick.net", "apple.com", "whatsapp.com",
    "reddit.com", "tumblr.com", "flipboard.com", "amazon.com",
    "amazonaws.com", "cloudfront.net", "akamaized.net", "akamaihd.net",
    "wp.com", "wordpress.com", "wordpress.org", "gravatar.com",
    "disqus.com", "addthis.com", "sharethis.com", "taboola.com",
    "outbrain.com", "bit.ly", "feedburner.com", "w3.org", "schema.org",
    "vimeo.com", "soundcloud.com", "spotify.com", "tiktok.com",
    "snapchat.com", "telegram.me", "t.me", "vk.com", "ok.ru", "mail.ru",
    "yahoo.com", "gmail.com", "outlook.com", "hotmail.com", "bing.com",
    "imgur.com", "flickr.com", "getty.com", "gettyimages.com",
    "shutterstock.com", "cookielaw.org", "onetrust.com", "parsely.com",
    "scorecardresearch.com", "quantserve.com", "chartbeat.com",
    "mozilla.org", "adobe.com", "microsoft.com", "mailchimp.com",
    "list-manage.com", "typekit.net", "jquery.com", "cloudflare.com",
    "medium.com", "github.com", "wikipedia.org", "archive.org",
    "legacy.com", "apnews.com", "ap.org", "reuters.com",
};

int pxe_is_platform(const char *dom)
{
    for (size_t i = 0; i < sizeof dom_platforms / sizeof *dom_platforms; i++)
        if (strcmp(dom, dom_platforms[i]) == 0)
            return 1;
    return 0;
}

/* Letters and digits of s, lower-cased ASCII (other bytes kept). */
static size_t dom_squash(const char *s, size_t n, char *buf, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c >= 0x80)
            buf[k++] = (char)tolower(c);
    }
    buf[k] = '\0';
    return k;
}

/* Whether a name of capitalised words is the label shortened: initials
** of its first words, the last ones whole ("New York Post" ~ nypost,
** "Jerusalem Post" ~ jpost).  Initials alone ("New Jersey" ~ nj) say too
** little. */
static int dom_shortens(const char *name, size_t n, const char *label)
{
    const char *w[6];
    size_t nw = 0;
    if (strncasecmp(name, "the ", 4) == 0 && n > 4) {
        name += 4;
        n -= 4;
    }
    for (size_t i = 0; i < n && nw < 6; i++)
        if ((i == 0 || name[i - 1] == ' ') && name[i] != ' ') {
            if (!isupper((unsigned char)name[i]))
                return 0;
            w[nw++] = name + i;
        }
    for (size_t j = 1; j < nw; j++) {
        char sq[128];
        size_t k = 0;
        for (size_t i = 0; i < j && k + 1 < sizeof sq; i++)
            sq[k++] = (char)tolower((unsigned char)*w[i]);
        size_t rest = dom_squash(w[j], n - (size_t)(w[j] - name), sq + k,
                                sizeof sq - k);
        if (rest >= 3 && strcmp(sq, label) == 0)
            return 1;
    }
    return 0;
}

/* The forms of a domain a name may spell, squashed once for all the
** spans of the page: its first label ("thehill"), the whole domain
** ("thehillcom") and the label without a leading "the" ("hill"). */
typedef struct {
    char label[128], full[128];
    size_t label_n, full_n;
    int the;          /* the label starts with "the" */
    int ok;           /* the label is long enough to be spelt */
    unsigned char c0, c3;   /* the domain's first and fourth bytes */
    char first[16];         /* the bytes a span may start with; "": any */
} dom_target;

static void dom_target_of(const char *dom, dom_target *tg)
{
    size_t dl = strcspn(dom, ".");
    tg->ok = dl >= 3 && dl < sizeof tg->label;
    tg->label_n = tg->ok ? dl : 0;
    memcpy(tg->label, dom, tg->label_n);
    tg->label[tg->label_n] = '\0';
    tg->full_n = dom_squash(dom, strlen(dom), tg->full, sizeof tg->full);
    tg->the = strncmp(dom, "the", 3) == 0;
    tg->c0 = (unsigned char)dom[0];
    tg->c3 = tg->the ? (unsigned char)dom[3] : 0;
    size_t nf = 0;
    for (int c = 1; c < 256 && nf < sizeof tg->first; c++)
        if ((unsigned char)tolower(c) == tg->c0 ||
            (tg->the && (unsigned char)tolower(c) == tg->c3))
            tg->first[nf++] = (char)c;
    if (nf == sizeof tg->first)
        nf = 0;   /* too many to list: every line is looked at */
    tg->first[nf] = '\0';
}

/* Whether the squashed span sq/k spells the target itself. */
static int dom_target_is(const dom_target *tg, const char *sq, size_t k)
{
    return (k == tg->label_n && memcmp(sq, tg->label, k) == 0) ||
           (k == tg->full_n && memcmp(sq, tg->full, k) == 0) ||
           (tg->the && k == tg->label_n - 3 &&
            memcmp(sq, tg->label + 3, k) == 0);
}

/* Whether a longer span starting as sq/k could still spell the target
** itself: sq begins one of its forms. */
static int dom_target_may(const dom_target *tg, const char *sq, size_t k)
{
    return (k <= tg->label_n && memcmp(sq, tg->label, k) == 0) ||
           (k <= tg->full_n && memcmp(sq, tg->full, k) == 0) ||
           (tg->the && k <= tg->label_n - 3 &&
            memcmp(sq, tg->label + 3, k) == 0);
}

/* Whether a name spells the domain: "The Hill" ~ thehill.com, "CNBC" ~
** cnbc.com, "Al Jazeera Media Network" is not aljazeera.com, but
** "Al Jazeera" is, and so is "New York Post" nypost.com.  sq/k: the
** name squashed (dom_squash() into 128 bytes). */
static int dom_spells(const char *name, size_t n, const char *sq, size_t k,
                     const dom_target *tg)
{
    if (k < 3 || !tg->ok)
        return 0;
    return dom_target_is(tg, sq, k) ||
           (memchr(name, ' ', n) && dom_shortens(name, n, tg->label));
}


/* Counts one more showing of s/len (ignored when too long or when the
** tally is full). */
void pxe_names_add(pxe_names *t, const char *s, size_t len)
{
    size_t k = 0;
    if (len == 0 || len >= sizeof t->name[0])
        return;
    while (k < t->n &&
           (strlen(t->name[k]) != len || strncmp(t->name[k], s, len) != 0))
        k++;
    if (k == t->n && t->n < PXE_SPELLINGS) {
        memcpy(t->name[k], s, len);
        t->name[k][len] = '\0';
        t->count[k] = 0;
        t->n++;
    }
    if (k < t->n)
        t->count[k]++;
}

/* The most frequent spelling (the first of equals); -1 when none. */
long pxe_names_best(const pxe_names *t)
{
    long best = t->n ? 0 : -1;
    for (size_t k = 1; k < t->n; k++)
        if (t->count[k] > t->count[best])
            best = (long)k;
    return best;
}


/* Whether a name that starts as s/n cannot shorten a domain however
** it goes on: dom_shortens() wants every word after a leading "the"
** capitalised. */
static int dom_never_shortens(const char *s, size_t n)
{
    size_t from = 0;
    if (n > 4 && strncasecmp(s, "the ", 4) == 0)
        from = 4;
    for (size_t i = from; i < n; i++)
        if ((i == from || s[i - 1] == ' ') && s[i] != ' ' &&
            !isupper((unsigned char)s[i]) &&
            !(i == 0 && strncasecmp(s, "the", 3) == 0 && n <= 4))
            return 1;
    return 0;
}

/* Counts span starts[a]/len, which spells the domain. */
static void dom_span_seen(const char *start, size_t len, int whole,
                         pxe_names *seen, unsigned char *lone, int outside)
{
    pxe_names_add(seen, start, len);
    for (size_t k = 0; outside && k < seen->n; k++)
        if (strlen(seen->name[k]) == len &&
            strncmp(seen->name[k], start, len) == 0 && lone[k] < 1 + whole)
            lone[k] = (unsigned char)(1 + whole);
}

/* Tallies the spans of one to five words of line t that spell the
** domain.  For a line that is no list item (`outside`), lone[k] marks
** the spelling as seen there, 2 when it is the whole line (a logo).  A
** span is squashed as it grows, and stops growing once its letters can
** no longer spell the domain. */
/* Whether a span may start with byte c: as the domain does ("thehill"
** may be "Hill"). */
static int dom_may_start(const dom_target *tg, unsigned char c)
{
    unsigned char c0 = (unsigned char)tolower(c);
    return c0 == tg->c0 || (tg->the && c0 == tg->c3);
}

/* Punctuation a span's end is trimmed of (a switch: asked of every span
** of every line). */
static int dom_trimmed(char c)
{
    switch (c) {
    case ' ': case ',': case '.': case ';': case ':': case '|': case '!':
    case '?': case ')': case '\'': case '"':
        return 1;
    default:
        return 0;
    }
}

static void dom_spans(const char *t, const dom_target *tg, pxe_names *seen,
                     unsigned char *lone, int outside)
{
    const char *starts[64];
    size_t ns = 0;
    int may = 0;   /* some word starts as the domain may */
    if (tg->first[0] && !strpbrk(t, tg->first))
        return;   /* most lines: no byte a span may start with */
    /* Words start at the line's start and after each space: hop from
    ** space to space. */
    for (const char *p = t; p && *p && ns < 64; p = strchr(p, ' ')) {
        if (*p == ' ')
            p++;
        if (*p && *p != ' ') {
            starts[ns++] = p;
            may |= dom_may_start(tg, (unsigned char)*p);
        }
    }
    if (!may)
        return;   /* most lines: no span to squash */
    const char *t_end = ns ? starts[ns - 1] + strlen(starts[ns - 1]) : t;
    for (size_t a = 0; a < ns; a++) {
        /* Cheap test first: the span must start as the domain does. */
        if (!dom_may_start(tg, (unsigned char)*starts[a]))
            continue;
        char sq[128];
        size_t k = 0, done = 0;
        for (size_t w = 1; w <= 5 && a + w <= ns; w++) {
            const char *end = a + w < ns ? starts[a + w] : t_end;
            size_t len = (size_t)(end - starts[a]);
            /* Squashing ignores the punctuation trimmed here. */
            k += dom_squash(starts[a] + done, len - done, sq + k,
                           sizeof sq - k);
            done = len;
            while (len > 0 && dom_trimmed(starts[a][len - 1]))
                len--;
            if (len > 0 && dom_spells(starts[a], len, sq, k, tg))
                dom_span_seen(starts[a], len, a == 0 && a + w == ns, seen,
                             lone, outside);
            if (k + 1 < sizeof sq && !dom_target_may(tg, sq, k) &&
                dom_never_shortens(starts[a], len))
                break;
        }
    }
}

/* Every span of one to five words of the page that spells the domain,
** counted by spelling; the best one is the site's own. */
void pxe_domain_spelling(const pxe_lines *ls, const char *dom,
                         pxe_spelling *out)
{
    pxe_names seen = {.n = 0};
    unsigned char lone[PXE_SPELLINGS] = {0};
    dom_target tg;
    memset(out, 0, sizeof *out);
    dom_target_of(dom, &tg);
    for (size_t i = 0; tg.ok && i < ls->n; i++)
        dom_spans(ls->v[i].text, &tg, &seen, lone,
                 i == 0 || !(ls->v[i].flags & PXE_LF_ITEM));
    long best = -1;
    int best_score = 0;
    for (size_t k = 0; k < seen.n; k++) {
        /* A spelling with capitals ("The Hill") reads better than the
        ** lower-case one a URL would give, and one with spaces better
        ** than the words run together ("Houston Chronicle"); the domain
        ** written out ("SpaceNews.com") is how the site names itself,
        ** unless it only stands in a list of sister sites (the page's
        ** first line is its logo, even as a list item); on a line of its
        ** own it is the logo.  Of equals, the longer name is the full
        ** one ("New York Post", not "NY Post"). */
        const char *nm = seen.name[k];
        int tld = strchr(nm, '.') != NULL;
        int score = seen.count[k] * 2 + !islower((unsigned char)nm[0]) +
                    (strchr(nm, ' ') != NULL) + (tld && lone[k]) * 3 +
                    (tld && lone[k] == 2) * 10;
        if (!tld)
            out->words += seen.count[k];
        if (best < 0 || score > best_score ||
            (score == best_score && strlen(nm) > strlen(seen.name[best]))) {
            best = (long)k;
            best_score = score;
        }
    }
    if (best < 0)
        return;
    strcpy(out->name, seen.name[best]);
    out->count = seen.count[best];
    /* A name written once ("Contact CT Post") may be a short form; the
    ** domain itself is then the surer name. */
    out->trusted = out->count >= 2 ||
                   (strchr(out->name, '.') && lone[best]);
}

/* The page's own domain: its URL's when known (*count is then
** PXE_FROM_URL), else of the hosts it names that are no platform the one
** named most, with how often it is named.  Names that spell a host count
** for it when its name is long enough not to be a word written by
** chance ("Moneycontrol" for moneycontrol.com, not "News" for
** news.com.au). */
#define DOM_WORDLIKE 6
const char *pxe_page_domain(const pxe_lines *ls, const char *url,
                             char *buf, size_t size, unsigned *count)
{
    return pxe_page_domain_spelt(ls, url, buf, size, count, NULL);
}

const char *pxe_page_domain_spelt(const pxe_lines *ls, const char *url,
                                  char *buf, size_t size, unsigned *count,
                                  pxe_spelling *spelt)
{
    char host[256];
    *count = 0;
    if (url && pxe_url_host(url, host, sizeof host) &&
        pxe_registered_domain(host, buf, size)) {
        *count = PXE_FROM_URL;
        if (spelt)
            pxe_domain_spelling(ls, buf, spelt);
        return buf;
    }
    /* The best host's spelling, kept when it was read to score it. */
    pxe_spelling sp, best_sp;
    int best_spelt = 0;
    const pxe_host *best = NULL;
    unsigned best_score = 0, top = 0;
    for (size_t i = 0; i < ls->n_hosts; i++)
        if (!pxe_is_platform(ls->hosts[i].host) && ls->hosts[i].count > top)
            top = ls->hosts[i].count;
    for (size_t i = 0; i < ls->n_hosts; i++) {
        const pxe_host *h = &ls->hosts[i];
        if (pxe_is_platform(h->host))
            continue;
        unsigned score = h->count;
        int read = 0;
        /* A host named far less than the top one is another site. */
        if (h->count * 4 >= top && strcspn(h->host, ".") >= DOM_WORDLIKE) {
            pxe_domain_spelling(ls, h->host, &sp);
            score += (unsigned)sp.words;
            read = 1;
        }
        if (!best || score > best_score) {
            best = h;
            best_score = score;
            best_spelt = read;
            if (read && spelt)
                best_sp = sp;
        }
    }
    if (!best || strlen(best->host) >= size)
        return NULL;
    strcpy(buf, best->host);
    *count = best->count;
    if (spelt && best_spelt)
        *spelt = best_sp;
    else if (spelt)
        pxe_domain_spelling(ls, buf, spelt);
    return buf;
}
