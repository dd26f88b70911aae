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
** first (textdomain.c), from its own address or the host tally and the
** names that spell each host; a name is believed when it spells that domain (whole,
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
#include "textdomain.h"

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
        const char *digit = words == 0 && islower((unsigned char)*p)
                                ? strpbrk(p, "0123456789") : NULL;
        int cap = isupper((unsigned char)*p) || isdigit((unsigned char)*p) ||
                  (digit && (size_t)(digit - p) < n);
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
    pxe_names names = {.n = 0};
    for (size_t i = 0; i < ls->n; i++) {
        const char *t = ls->v[i].text;
        /* Every frame holds a space: a one-word line (a menu's) holds
        ** none of them. */
        if (!strchr(t, ' ') || pxe_word_count_max(t, 20) > 20)
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
                pxe_names_add(&names, t + start, len);
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

/* The letter of name least common in English text (its index), which
** to_mentions() looks for rather than the first: a name's capital ("T"
** of "The") stands on most lines, its "k" or "y" on few. */
static size_t to_rare_letter(const char *name)
{
    static const char rank[] = "zqxjkvbpygfwmucldrhsnioate";
    size_t best = 0, best_rank = sizeof rank;
    for (size_t j = 0; name[j]; j++) {
        if (!pxe_is_alpha((unsigned char)name[j]))
            continue;
        size_t r = (size_t)(strchr(rank, name[j] | 0x20) - rank);
        if (r < best_rank) {
            best = j;
            best_rank = r;
        }
    }
    return best;
}

/* Lines of the page other than `skip` that contain `name` as words
** (ignoring ASCII case, as pxe_stristr() does): each showing of the
** name's rarest letter, either case, is tried as the name's. */
static int to_mentions(const pxe_lines *ls, const char *name, size_t skip)
{
    int n = 0;
    size_t len = strlen(name), j = to_rare_letter(name);
    if (!len)
        return 0;
    char set[3] = {name[j], '\0', '\0'};
    if (pxe_is_alpha((unsigned char)name[j])) {
        set[0] = (char)(name[j] | 0x20);
        set[1] = (char)(name[j] & ~0x20);
    }
    for (size_t i = 0; i < ls->n; i++) {
        const char *t = ls->v[i].text;
        if (i == skip)
            continue;
        for (const char *a = strpbrk(t, set); a; a = strpbrk(a + 1, set)) {
            const char *p = a - j;
            if ((size_t)(a - t) < j || !pxe_ci_prefix(p, name))
                continue;
            if ((p == t || !isalnum((unsigned char)p[-1])) &&
                !isalnum((unsigned char)p[len])) {
                n++;
                break;
            }
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
    pxe_names names = {.n = 0};
    for (size_t i = 0; i < ls->n; i++) {
        const char *t = ls->v[i].text;
        /* A legal form, not "Social Media" or "News Network": the last
        ** word tested first, as few lines end with one. */
        static const char *const legal[] = {"gmbh", "inc", "llc", "ltd",
                                            "plc", "corp", "limited"};
        const char *last = strrchr(t, ' ');
        if (!last)
            continue;
        last++;
        size_t ll = strcspn(last, ".,");
        int is_legal = 0;
        for (size_t k = 0; ll >= 3 && ll <= 7 && k < PXE_COUNT(legal); k++)
            is_legal |= strlen(legal[k]) == ll &&
                        strncasecmp(last, legal[k], ll) == 0;
        size_t words = is_legal ? pxe_word_count_max(t, 4) : 0;
        char name[96];
        if (words < 2 || words > 4 || strlen(t) >= sizeof name)
            continue;   /* 5 words: more than 4 */
        strcpy(name, t);
        if (to_strip_company(name) && pxe_letter_count(name) >= 3)
            pxe_names_add(&names, name, strlen(name));
    }
    long best = pxe_names_best(&names);
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
    pxe_names names = {.n = 0};
    *count = 0;
    if (w < 2 || w > 30 || !holder[w])
        return NULL;
    for (size_t i = 0; i < ls->n; i++) {
        const char *t = ls->v[i].text;
        /* From one showing of the name's first byte to the next. */
        for (const char *p = strchr(t, holder[0]); p;
             p = strchr(p + 1, holder[0])) {
            if ((p != t && p[-1] != ' ') || strncmp(p, holder, w) != 0 ||
                p[w] != ' ')
                continue;
            const char *second = p + w + 1;
            size_t k = strcspn(second, " ,.;:|()");
            /* The holder itself is not the site. */
            if (k >= 2 && isupper((unsigned char)*second) &&
                strncmp(second, holder + w + 1, k) != 0)
                pxe_names_add(&names, p, w + 1 + k);
        }
    }
    long best = pxe_names_best(&names);
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
    pxe_spelling sp;
    const char *d = pxe_page_domain_spelt(ls, url, dom, size, count, &sp);
    if (!d)
        return NULL;
    char seen[48];
    snprintf(seen, sizeof seen, *count == PXE_FROM_URL ? "the page's URL"
                                                      : "%u mentions", *count);
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
        !pxe_registered_domain(host, dom, sizeof dom) || pxe_is_platform(dom))
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
