/*
** textoutlet.c — which site a scraped page belongs to.
**
** A page names its site in several places, none reliable alone: the
** hosts its links, images and e-mail addresses point to (its own host
** dominates, but platforms — social networks, CDNs, ad servers — are
** everywhere), the site's name written as its domain reads ("The Hill"
** for thehill.com, "Al Jazeera" for aljazeera.com), the copyright line
** (often the parent company: "Dow Jones & Company" for the WSJ), appeals
** ("Support the Example Post"), "NAME for OUTLET" bylines and what
** textself.c reads (the address the page prints, the paper a byline
** names, the name the page abbreviates).  So the page's domain is found
** first, from its own address or the host tally and the names that
** spell each host; a name is believed when it spells that domain (whole,
** or shortened: "New York Post" for nypost.com) and is written more than
** once, and a copyright holder only when the page gives no domain to
** check it against, is no company that owns the site, and is not
** outnamed by a name the page gives itself.  The alias table then maps
** whatever was found to its canonical spelling.
*/
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* Hosts of platforms, not of any news site: links to them say nothing
** about whose page it is. */
static const char *const to_platforms[] = {
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

static int to_is_platform(const char *dom)
{
    for (size_t i = 0; i < sizeof to_platforms / sizeof *to_platforms; i++)
        if (strcmp(dom, to_platforms[i]) == 0)
            return 1;
    return 0;
}

/* Letters and digits of s, lower-cased ASCII (other bytes kept). */
static size_t to_squash(const char *s, size_t n, char *buf, size_t size)
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
static int to_shortens(const char *name, size_t n, const char *label)
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
        size_t rest = to_squash(w[j], n - (size_t)(w[j] - name), sq + k,
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
} to_target;

static void to_target_of(const char *dom, to_target *tg)
{
    size_t dl = strcspn(dom, ".");
    tg->ok = dl >= 3 && dl < sizeof tg->label;
    tg->label_n = tg->ok ? dl : 0;
    memcpy(tg->label, dom, tg->label_n);
    tg->label[tg->label_n] = '\0';
    tg->full_n = to_squash(dom, strlen(dom), tg->full, sizeof tg->full);
    tg->the = strncmp(dom, "the", 3) == 0;
    tg->c0 = (unsigned char)dom[0];
    tg->c3 = tg->the ? (unsigned char)dom[3] : 0;
}

/* Whether the squashed span sq/k spells the target itself. */
static int to_target_is(const to_target *tg, const char *sq, size_t k)
{
    return (k == tg->label_n && memcmp(sq, tg->label, k) == 0) ||
           (k == tg->full_n && memcmp(sq, tg->full, k) == 0) ||
           (tg->the && k == tg->label_n - 3 &&
            memcmp(sq, tg->label + 3, k) == 0);
}

/* Whether a longer span starting as sq/k could still spell the target
** itself: sq begins one of its forms. */
static int to_target_may(const to_target *tg, const char *sq, size_t k)
{
    return (k <= tg->label_n && memcmp(sq, tg->label, k) == 0) ||
           (k <= tg->full_n && memcmp(sq, tg->full, k) == 0) ||
           (tg->the && k <= tg->label_n - 3 &&
            memcmp(sq, tg->label + 3, k) == 0);
}

/* Whether a name spells the domain: "The Hill" ~ thehill.com, "CNBC" ~
** cnbc.com, "Al Jazeera Media Network" is not aljazeera.com, but
** "Al Jazeera" is, and so is "New York Post" nypost.com.  sq/k: the
** name squashed (to_squash() into 128 bytes). */
static int to_spells(const char *name, size_t n, const char *sq, size_t k,
                     const to_target *tg)
{
    if (k < 3 || !tg->ok)
        return 0;
    return to_target_is(tg, sq, k) ||
           (memchr(name, ' ', n) && to_shortens(name, n, tg->label));
}

/* Spellings of a name found on the page, and how often each. */
#define TO_SPELLINGS 16
typedef struct {
    char name[TO_SPELLINGS][96];
    int count[TO_SPELLINGS];
    size_t n;
} to_tally;

/* Counts one more showing of s/len (ignored when too long or when the
** tally is full). */
static void to_tally_add(to_tally *t, const char *s, size_t len)
{
    size_t k = 0;
    if (len == 0 || len >= sizeof t->name[0])
        return;
    while (k < t->n &&
           (strlen(t->name[k]) != len || strncmp(t->name[k], s, len) != 0))
        k++;
    if (k == t->n && t->n < TO_SPELLINGS) {
        memcpy(t->name[k], s, len);
        t->name[k][len] = '\0';
        t->count[k] = 0;
        t->n++;
    }
    if (k < t->n)
        t->count[k]++;
}

/* The most frequent spelling (the first of equals); -1 when none. */
static long to_tally_best(const to_tally *t)
{
    long best = t->n ? 0 : -1;
    for (size_t k = 1; k < t->n; k++)
        if (t->count[k] > t->count[best])
            best = (long)k;
    return best;
}

/* How the page spells its domain: the best spelling, how often it is
** written, and how often any spelling without a dot is. */
typedef struct {
    char name[96];
    int count;      /* of that spelling */
    int words;      /* of every spelling without a dot ("Moneycontrol") */
    int trusted;    /* written often enough, or as the domain itself */
} to_spelling;

/* Whether a name that starts as s/n cannot shorten a domain however
** it goes on: to_shortens() wants every word after a leading "the"
** capitalised. */
static int to_never_shortens(const char *s, size_t n)
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
static void to_span_seen(const char *start, size_t len, int whole,
                         to_tally *seen, unsigned char *lone, int outside)
{
    to_tally_add(seen, start, len);
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
static void to_spans(const char *t, const to_target *tg, to_tally *seen,
                     unsigned char *lone, int outside)
{
    const char *starts[64];
    size_t ns = 0;
    for (const char *p = t; *p && ns < 64; p++)
        if ((p == t || p[-1] == ' ') && *p != ' ')
            starts[ns++] = p;
    const char *t_end = ns ? starts[ns - 1] + strlen(starts[ns - 1]) : t;
    for (size_t a = 0; a < ns; a++) {
        /* Cheap test first: the span must start as the domain does
        ** ("thehill" may be "Hill"). */
        unsigned char c0 = (unsigned char)tolower((unsigned char)*starts[a]);
        if (c0 != tg->c0 && !(tg->the && c0 == tg->c3))
            continue;
        char sq[128];
        size_t k = 0, done = 0;
        for (size_t w = 1; w <= 5 && a + w <= ns; w++) {
            const char *end = a + w < ns ? starts[a + w] : t_end;
            size_t len = (size_t)(end - starts[a]);
            /* Squashing ignores the punctuation trimmed here. */
            k += to_squash(starts[a] + done, len - done, sq + k,
                           sizeof sq - k);
            done = len;
            while (len > 0 && strchr(" ,.;:|!?)'\"", starts[a][len - 1]))
                len--;
            if (len > 0 && to_spells(starts[a], len, sq, k, tg))
                to_span_seen(starts[a], len, a == 0 && a + w == ns, seen,
                             lone, outside);
            if (k + 1 < sizeof sq && !to_target_may(tg, sq, k) &&
                to_never_shortens(starts[a], len))
                break;
        }
    }
}

/* Every span of one to five words of the page that spells the domain,
** counted by spelling; the best one is the site's own. */
static void to_find_name(const pxe_lines *ls, const char *dom,
                         to_spelling *out)
{
    to_tally seen = {.n = 0};
    unsigned char lone[TO_SPELLINGS] = {0};
    to_target tg;
    memset(out, 0, sizeof *out);
    to_target_of(dom, &tg);
    for (size_t i = 0; tg.ok && i < ls->n; i++)
        to_spans(ls->v[i].text, &tg, &seen, lone,
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
** TO_FROM_URL), else of the hosts it names that are no platform the one
** named most, with how often it is named.  Names that spell a host count
** for it when its name is long enough not to be a word written by
** chance ("Moneycontrol" for moneycontrol.com, not "News" for
** news.com.au). */
#define TO_FROM_URL 1000000u
#define TO_WORDLIKE 6
static const char *to_domain(const pxe_lines *ls, const char *url,
                             char *buf, size_t size, unsigned *count)
{
    char host[256];
    *count = 0;
    if (url && pxe_url_host(url, host, sizeof host) &&
        pxe_registered_domain(host, buf, size)) {
        *count = TO_FROM_URL;
        return buf;
    }
    const pxe_host *best = NULL;
    unsigned best_score = 0, top = 0;
    for (size_t i = 0; i < ls->n_hosts; i++)
        if (!to_is_platform(ls->hosts[i].host) && ls->hosts[i].count > top)
            top = ls->hosts[i].count;
    for (size_t i = 0; i < ls->n_hosts; i++) {
        const pxe_host *h = &ls->hosts[i];
        if (to_is_platform(h->host))
            continue;
        unsigned score = h->count;
        /* A host named far less than the top one is another site. */
        if (h->count * 4 >= top && strcspn(h->host, ".") >= TO_WORDLIKE) {
            to_spelling sp;
            to_find_name(ls, h->host, &sp);
            score += (unsigned)sp.words;
        }
        if (!best || score > best_score) {
            best = h;
            best_score = score;
        }
    }
    if (!best || strlen(best->host) >= size)
        return NULL;
    strcpy(buf, best->host);
    *count = best->count;
    return buf;
}

/* "CNBC LLC" -> "CNBC": a company's legal suffix is not the site's name.
** Returns whether there was one. */
static int to_strip_company(char *name)
{
    int stripped = 0;
    static const char *const suffixes[] = {
        " llc", " inc", " ltd", " limited", " plc", " gmbh", " corp",
        " corporation", " co", " s.a", " pty", " group", " company",
        " holdings", " network", " media", " publishing", " enterprises"};
    for (int again = 1; again;) {
        again = 0;
        size_t n = strlen(name);
        while (n > 0 && strchr(" .,", name[n - 1]))
            name[--n] = '\0';
        for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
            size_t k = strlen(suffixes[i]);
            if (n > k + 2 && strcasecmp(name + n - k, suffixes[i]) == 0) {
                name[n - k] = '\0';
                again = stripped = 1;
                break;
            }
        }
    }
    return stripped;
}

/* Words that may stand inside a name written with capitals. */
static int to_joiner(const char *w, size_t n)
{
    static const char *const j[] = {"of", "the", "and", "&", "de", "for"};
    for (size_t i = 0; i < sizeof j / sizeof *j; i++)
        if (strlen(j[i]) == n && strncasecmp(w, j[i], n) == 0)
            return 1;
    return 0;
}

/* A capitalised name of up to four words starting at s ("Quanta
** Magazine delivered" -> "Quanta Magazine"); 0 when none. */
static size_t to_name_after(const char *s)
{
    size_t end = 0, words = 0;
    const char *p = s;
    while (*p && words < 4) {
        size_t n = strcspn(p, " ,.;:!?|()\"/");
        if (n == 0)
            break;
        int cap = isupper((unsigned char)*p) || isdigit((unsigned char)*p) ||
                  (words == 0 && islower((unsigned char)*p) &&
                   strpbrk(p, "0123456789") && (size_t)(strpbrk(p, "0123456789") - p) < n);
        if (!cap && !(words > 0 && to_joiner(p, n)))
            break;
        words++;
        if (cap)
            end = (size_t)(p + n - s);
        p += n;
        if (*p != ' ')
            break;
        p++;
    }
    return end;
}

/* The capitalised name of up to four words ending at s+n. */
static size_t to_name_before(const char *line, size_t n, size_t *start)
{
    size_t words = 0, b = n;
    while (b > 0 && words < 4) {
        size_t e = b;
        while (b > 0 && line[b - 1] != ' ')
            b--;
        if (e == b || !(isupper((unsigned char)line[b]) ||
                        isdigit((unsigned char)line[b]))) {
            b = e;
            break;
        }
        words++;
        if (b > 0)
            b--;
        else
            break;
    }
    while (b < n && line[b] == ' ')
        b++;
    /* "Get Quanta Magazine delivered", "Subscribe to X": the verb is not
    ** part of the name. */
    static const char *const verbs[] = {"get ", "subscribe ", "follow ",
                                        "join ", "visit ", "share "};
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (pxe_starts_with_ci(line + b, verbs[i]))
            b += strlen(verbs[i]);
    if (b > n)
        b = n;
    *start = b;
    return n - b;
}

/* Names the page gives itself in the frames sites use for their own name
** ("Subscribe to X", "X on YouTube", "Get X delivered", "X Newsletter"),
** tallied; the most frequent is returned (malloc'd) with its count. */
static int to_mentions(const pxe_lines *ls, const char *name, size_t skip);

static char *to_framed_name(const pxe_lines *ls, int *count)
{
    static const char *const before[] = {
        "subscribe to ", "become a member of ", "read full article at ",
        "more from ",
        "originally published by ", "writer at ", "editor at ",
        "reporter at ", "writer for ", "contributor to ", "welcome to ",
        "sign up to ", "keep up to date with ", "about "};
    /* Not company suffixes ("… Ltd"): they name designers and parents
    ** as often as the site. */
    static const char *const after[] = {" on youtube", " delivered"};
    to_tally names = {.n = 0};
    for (size_t i = 0; i < ls->n; i++) {
        const char *t = ls->v[i].text;
        if (pxe_word_count_max(t, 20) > 20)
            continue;   /* prose names others (tested once, not per frame) */
        pxe_pairs pairs;
        pxe_pairs_of(&pairs, t);
        for (size_t k = 0; k < sizeof before / sizeof *before + sizeof after / sizeof *after; k++) {
            int is_before = k < sizeof before / sizeof *before;
            const char *frame = is_before ? before[k]
                                          : after[k - sizeof before / sizeof *before];
            const char *p = pxe_pairs_may_hold(&pairs, frame)
                                ? pxe_stristr(t, frame) : NULL;
            /* "About X" is a footer link only as the whole line. */
            if (p && strcmp(frame, "about ") == 0 &&
                (p != t || pxe_word_count(t) > 4))
                continue;
            if (!p || (is_before && p > t && isalnum((unsigned char)p[-1])) ||
                (!is_before && isalnum((unsigned char)p[strlen(frame)])))
                continue;   /* "Inc" is no "inch" */
            size_t start, len;
            if (is_before) {
                start = (size_t)(p - t) + strlen(frame);
                len = to_name_after(t + start);
            } else {
                len = to_name_before(t, (size_t)(p - t), &start);
            }
            size_t digits = strspn(t + start, "0123456789");
            if (digits < len && t[start + digits] == ' ') {
                start += digits + 1;   /* "© 2019 CBS Interactive" */
                len -= digits + 1;
            }
            while (len > 0 && strchr(" ,.;:", t[start + len - 1]))
                len--;
            if (len >= 3 && pxe_letter_count(t + start))
                to_tally_add(&names, t + start, len);
        }
    }
    /* Of names framed as often, the one the page mentions most ("About
    ** ZDNet", not "contributor to" a writer's other site). */
    long best = -1;
    int best_m = 0;
    for (size_t k = 0; k < names.n; k++) {
        int m = to_mentions(ls, names.name[k], SIZE_MAX);
        if (best < 0 || names.count[k] > names.count[best] ||
            (names.count[k] == names.count[best] && m > best_m)) {
            best = (long)k;
            best_m = m;
        }
    }
    *count = best < 0 ? 0 : names.count[best];
    if (best < 0)
        return NULL;
    to_strip_company(names.name[best]);
    return pxe_strdup(names.name[best]);
}

/* Lines of the page other than `skip` that contain `name` as words. */
static int to_mentions(const pxe_lines *ls, const char *name, size_t skip)
{
    int n = 0;
    size_t len = strlen(name);
    for (size_t i = 0; i < ls->n; i++) {
        if (i == skip)
            continue;
        for (const char *p = pxe_stristr(ls->v[i].text, name); p;
             p = pxe_stristr(p + 1, name))
            if ((p == ls->v[i].text || !isalnum((unsigned char)p[-1])) &&
                !isalnum((unsigned char)p[len])) {
                n++;
                break;
            }
    }
    return n;
}

/* The logo: sites open with their name ("Rolling Stone", "Live Science",
** "Billboard Billboard") and name themselves again further down.  Only
** the first line that is neither chrome nor a list item is looked at: a
** later one is a menu. */
static char *to_logo(const pxe_lines *ls, int *mentions)
{
    *mentions = 0;
    for (size_t i = 0; i < ls->n && i < 12; i++) {
        const pxe_line *l = &ls->v[i];
        unsigned char c0 = (unsigned char)l->text[0];
        if (l->flags & (PXE_LF_IMAGE | PXE_LF_ITEM) ||
            pxe_chrome_phrase(l->text) || pxe_word_count(l->text) == 0)
            continue;
        /* Symbols (bullets, boxes: U+2000-U+2BFF) or punctuation first. */
        if (pxe_word_count_max(l->text, 4) > 4 || strlen(l->text) >= 64 ||
            c0 == 0xE2 || (c0 < 0x80 && !isalnum(c0)) ||
            pxe_stopword_share(l->text) > 0)
            return NULL;
        char name[64];
        snprintf(name, sizeof name, "%s", l->text);
        size_t half = strlen(name) / 2;   /* a logo and its alt text */
        if (name[half] == ' ' && strncmp(name, name + half + 1, half) == 0)
            name[half] = '\0';
        *mentions = to_mentions(ls, name, i);
        return *mentions >= 2 ? pxe_strdup(name) : NULL;
    }
    return NULL;
}

/* A company's name on a line of its own, again and again ("Example
** GmbH" heading each office's address): the owner, and on a company's
** own site the site.  The most frequent, stripped of its legal suffix,
** when written at least twice; *count says how often. */
static char *to_company_line(const pxe_lines *ls, int *count)
{
    to_tally names = {.n = 0};
    for (size_t i = 0; i < ls->n; i++) {
        const char *t = ls->v[i].text;
        size_t words = pxe_word_count(t);
        char name[96];
        if (words < 2 || words > 4 || strlen(t) >= sizeof name)
            continue;
        /* A legal form, not "Social Media" or "News Network". */
        static const char *const legal[] = {"gmbh", "inc", "llc", "ltd",
                                            "plc", "corp", "limited"};
        const char *last = strrchr(t, ' ');
        if (!last)
            continue;
        last++;
        size_t ll = strcspn(last, ".,");
        int is_legal = 0;
        for (size_t k = 0; k < sizeof legal / sizeof *legal; k++)
            is_legal |= strlen(legal[k]) == ll &&
                        strncasecmp(last, legal[k], ll) == 0;
        strcpy(name, t);
        if (is_legal && to_strip_company(name) && pxe_letter_count(name) >= 3)
            to_tally_add(&names, name, strlen(name));
    }
    long best = to_tally_best(&names);
    *count = best < 0 ? 0 : names.count[best];
    return *count >= 2 ? pxe_strdup(names.name[best]) : NULL;
}

/* A copyright holder names the company ("CBS Interactive"); the site is
** often its first word with another ("CBS News"): the most frequent such
** pair on the page, when it is frequent. */
static char *to_holder_site(const pxe_lines *ls, const char *holder,
                            int *count)
{
    if (strncasecmp(holder, "the ", 4) == 0)
        holder += 4;   /* "The Hearst …": the name's own first word */
    size_t w = strcspn(holder, " ");
    to_tally names = {.n = 0};
    *count = 0;
    if (w < 2 || w > 30 || !holder[w])
        return NULL;
    for (size_t i = 0; i < ls->n; i++) {
        const char *t = ls->v[i].text;
        for (const char *p = t; *p; p++) {
            if ((p != t && p[-1] != ' ') || strncmp(p, holder, w) != 0 ||
                p[w] != ' ')
                continue;
            const char *second = p + w + 1;
            size_t k = strcspn(second, " ,.;:|()");
            /* The holder itself is not the site. */
            if (k >= 2 && isupper((unsigned char)*second) &&
                strncmp(second, holder + w + 1, k) != 0)
                to_tally_add(&names, p, w + 1 + k);
        }
    }
    long best = to_tally_best(&names);
    if (best < 0 || names.count[best] < 3)
        return NULL;
    *count = names.count[best];
    return pxe_strdup(names.name[best]);
}

/* The site's name from the page's domain: an alias of it, or a name the
** page writes that spells it.  Returns the domain (in dom) or NULL, with
** how often it is named in *count. */
static const char *to_by_domain(const pxe_ctx *ctx, const pxe_lines *ls,
                                pxe_result *r, const char *url, char *dom,
                                size_t size, unsigned *count)
{
    const char *d = to_domain(ls, url, dom, size, count);
    if (!d)
        return NULL;
    char seen[48];
    to_spelling sp;
    snprintf(seen, sizeof seen, *count == TO_FROM_URL ? "the page's URL"
                                                      : "%u mentions", *count);
    to_find_name(ls, d, &sp);
    if (*count >= 2 && pxe_outlet_canonical(ctx, d)) {
        pxe_result_cand(r, "outlet", d, 90, "alias of the page's domain");
        pxe_set_outlet(ctx, r, d, "alias of the page's domain", 85);
    } else if (sp.count > 0) {
        pxe_result_cand(r, "outlet", sp.name, sp.trusted ? 80 : 50,
                        "spells the page's domain %s (%s), written so %d "
                        "times", d, seen, sp.count);
        if (sp.trusted)
            pxe_set_outlet(ctx, r, sp.name, "the site's name, spelling "
                           "its domain", 75);
    }
    pxe_result_cand(r, "outlet", d, 60, "the page's domain (%s)", seen);
    return d;
}

/* What the page says of itself besides its domain, for to_by_name(). */
typedef struct {
    char *holder;      /* copyright holder or appeal */
    char *framed;      /* "Subscribe to X", "X Newsletter" */
    int framed_n;
    char *paper;       /* the paper a byline names after the writer */
    char *abbrev;      /* the logo's name the page abbreviates */
    int abbrev_n;
} to_said;

/* Names the page gives itself when its domain did not settle it: the
** logo, a byline's paper, the abbreviated name, the copyright holder and
** its site, framed names, company lines, and the domain again where it
** is the better guess. */
static void to_by_name(const pxe_ctx *ctx, const pxe_lines *ls,
                       pxe_result *r, const char *d, unsigned count,
                       const to_said *s)
{
    char *holder = s->holder, *framed = s->framed;
    int logo_n, hs_n = 0, company = holder ? to_strip_company(holder) : 0;
    char *logo = to_logo(ls, &logo_n);
    char *hsite = holder ? to_holder_site(ls, holder, &hs_n) : NULL;
    if (logo)
        pxe_result_cand(r, "outlet", logo, 40 + logo_n * 3,
                        "opens the page and is named %d times more", logo_n);
    if (hsite)
        pxe_result_cand(r, "outlet", hsite, 45 + hs_n,
                        "the copyright holder's name with another word, %d "
                        "times", hs_n);
    /* A domain seen once may be a link to another site; a name the page
    ** gives itself is then the better guess. */
    if (d && count >= 2)
        pxe_set_outlet(ctx, r, d, "the page's domain", 50);
    if (logo)
        pxe_set_outlet(ctx, r, logo, "the name the page opens with", 55);
    /* The writer's paper, and the name the page abbreviates, are the
    ** site's own; a copyright holder is often the company owning it. */
    pxe_set_outlet(ctx, r, s->paper, "the paper the byline names", 50);
    pxe_set_outlet(ctx, r, s->abbrev, "the opening name the page "
                   "abbreviates", 50);
    if (hsite)
        pxe_set_outlet(ctx, r, hsite, "the copyright holder's site", 50);
    free(logo);
    free(hsite);
    if (framed && s->framed_n >= 2)
        pxe_set_outlet(ctx, r, framed, "how the page names itself", 50);
    /* "© Hearst Corporation": a company owns the site the page names. */
    if (d && company)
        pxe_set_outlet(ctx, r, d, "a domain the page names, not its owner",
                       40);
    /* "© CBS Interactive" on a page that names itself ZDNet throughout:
    ** the holder is the owner, the name the site. */
    if (framed && holder) {
        int fm = to_mentions(ls, framed, SIZE_MAX);
        if (fm >= 3 && fm > 2 * to_mentions(ls, holder, SIZE_MAX))
            pxe_set_outlet(ctx, r, framed, "how the page names itself, "
                           "more often than the copyright holder", 45);
    }
    if (holder)
        pxe_set_outlet(ctx, r, holder, "copyright line or appeal", 45);
    if (d)
        pxe_set_outlet(ctx, r, d, "a domain the page names", 40);
    int co_n;
    char *co = to_company_line(ls, &co_n);
    if (co) {
        pxe_result_cand(r, "outlet", co, 30 + co_n,
                        "a company named on lines of its own, %d times", co_n);
        pxe_set_outlet(ctx, r, co, "a company named on lines of its own", 35);
    }
    free(co);
    if (framed)
        pxe_set_outlet(ctx, r, framed, "how the page names itself", 35);
}

/* The page's own address when no header gave it: the one it prints,
** spelling its headline, unless it is a platform's.  NULL or buf. */
static const char *to_own_url(const pxe_lines *ls, pxe_result *r,
                              long title_at, char *buf, size_t size)
{
    char host[256], dom[256];
    if (title_at < 0 || !pxe_own_url(ls, ls->v[title_at].text, buf, size) ||
        !pxe_url_host(buf, host, sizeof host) ||
        !pxe_registered_domain(host, dom, sizeof dom) || to_is_platform(dom))
        return NULL;
    pxe_result_cand(r, "outlet", dom, 60, "the page prints its own address, "
                    "spelling the headline: %s", buf);
    return buf;
}

/* What the byline says of the site: the writer's paper (not an agency),
** and a brand standing where the writer would. */
static void to_byline(const pxe_ctx *ctx, const pxe_lines *ls,
                      pxe_result *r, long title_at, long byline_at,
                      to_said *s, char **brand)
{
    s->paper = pxe_byline_paper(ls, r->author.value, byline_at);
    if (s->paper && pxe_wire_name(ctx, s->paper)) {
        free(s->paper);
        s->paper = NULL;
    }
    if (s->paper)
        pxe_result_cand(r, "outlet", s->paper, 50, "the paper the byline "
                        "names after the writer, line %ld", byline_at + 1);
    *brand = pxe_byline_brand(ls, title_at);
    if (*brand)
        pxe_result_cand(r, "outlet", *brand, 30, "a brand where the "
                        "writer's name stands, next to a date");
    s->abbrev = pxe_abbreviated_name(ls, &s->abbrev_n);
    if (s->abbrev)
        pxe_result_cand(r, "outlet", s->abbrev, 40 + s->abbrev_n,
                        "opens the page, its capitals written as a word "
                        "on %d lines", s->abbrev_n);
}

void pxe_text_outlet(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                     const pxe_hints *h, long title_at, long byline_at)
{
    char dom[256], own[512];
    unsigned count = 0;
    if (r->outlet.value)
        return;   /* stated by a header or the export */
    const char *url = r->url.value ? r->url.value : (h ? h->url : NULL);
    if (!url)
        url = to_own_url(ls, r, title_at, own, sizeof own);
    const char *d = to_by_domain(ctx, ls, r, url, dom, sizeof dom, &count);
    to_said s = {.holder = pxe_text_named_outlet(ls)};
    if (s.holder) {
        char stripped[256];
        snprintf(stripped, sizeof stripped, "%s", s.holder);
        to_strip_company(stripped);
        pxe_result_cand(r, "outlet", stripped, d ? 20 : 55,
                        d ? "named by the page, but not its domain's name"
                          : "named by the page (copyright or appeal)");
    }
    s.framed = to_framed_name(ls, &s.framed_n);
    if (s.framed)
        pxe_result_cand(r, "outlet", s.framed, 30 + s.framed_n * 5,
                        "how the page names itself (%d times: \"Subscribe "
                        "to …\", \"… Newsletter\", …)", s.framed_n);
    char *brand;
    to_byline(ctx, ls, r, title_at, byline_at, &s, &brand);
    to_by_name(ctx, ls, r, d, count, &s);
    /* "NAME for OUTLET" (an agency is the wire, not the outlet), and a
    ** brand in the byline's place, when nothing else named the site. */
    char *o = byline_at >= 0 ? pxe_byline_for_outlet(ls->v[byline_at].text)
                             : NULL;
    if (o && !pxe_wire_name(ctx, o))
        pxe_set_outlet(ctx, r, o, "byline 'for' an outlet", 55);
    pxe_set_outlet(ctx, r, brand, "a brand where the writer's name stands",
                   30);
    free(o);
    free(brand);
    free(s.paper);
    free(s.abbrev);
    free(s.framed);
    free(s.holder);
}
