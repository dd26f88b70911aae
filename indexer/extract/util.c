/*
** util.c — small text tools the extraction modules share: a growable
** buffer, white-space collapsing, ASCII case-insensitive matching, word
** and letter counts, URL hosts, and the line list every result is built
** from.
**
** Everything works on UTF-8 bytes.  Letters outside ASCII are counted by
** their lead byte, which is enough for the length and density measures
** the heuristics use; no case folding is attempted beyond ASCII because
** the phrases matched (menus, labels, bylines) are matched in English.
*/
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

static int buf_grow(pxe_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

void pxe_buf_reserve(pxe_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap && !b->oom) {
        char *s = realloc(b->s, b->len + n + 1);
        if (!s) {
            b->oom = 1;
            return;
        }
        if (!b->s)
            s[0] = '\0';
        b->s = s;
        b->cap = b->len + n + 1;
    }
}

void pxe_buf_add(pxe_buf *b, const char *s, size_t n)
{
    if (buf_grow(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void pxe_buf_adds(pxe_buf *b, const char *s)
{
    pxe_buf_add(b, s, strlen(s));
}

void pxe_buf_addc(pxe_buf *b, char c)
{
    if (b->len + 2 > b->cap && buf_grow(b, 1))
        return;
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

/* ASCII case folding and classes without the locale: the C locale's
** answers, which the phrases and measures here are written for, at the
** cost of a compare instead of a call. */
static inline unsigned char util_lower(unsigned char c)
{
    return (unsigned)c - 'A' < 26u ? (unsigned char)(c | 0x20) : c;
}

static inline int util_alnum(unsigned char c)
{
    return (unsigned)c - '0' < 10u || (unsigned)(c | 0x20) - 'a' < 26u;
}

/* Writes s/n to o with every run of white space (a no-break space
** included) turned into one space; space: o follows a space.  Returns the
** bytes written, never more than n, so o may be s itself. */
static size_t util_collapse_to(char *o, const char *s, size_t n, int space)
{
    char *start = o;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* U+00A0 no-break space is a space for our purposes. */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            c = ' ';
        }
        if (pxe_is_space(c)) {
            if (!space)
                *o++ = ' ';
            space = 1;
        } else {
            *o++ = (char)c;
            space = 0;
        }
    }
    return (size_t)(o - start);
}

/* How many leading bytes of s/n util_collapse_to() would copy as they
** are: up to a run of two spaces, a space other than ' ' or a no-break
** space (or a little before: the caller collapses the rest).  Eight
** bytes at a time while none of them is a control byte or 0xC2 and no
** two spaces stand together (the tests may see more than there is, which
** only ends the fast part sooner). */
static size_t util_collapsed_span(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = ones << 7;
    size_t i = 0;
    int space = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w, sp, c2, low;
        memcpy(&w, s + i, 8);
        sp = w ^ (ones * ' ');
        sp = (sp - ones) & ~sp & highs;
        c2 = w ^ (ones * 0xC2);
        c2 = (c2 - ones) & ~c2 & highs;
        low = (w - ones * 0x20) & ~w & highs;
        if (c2 | low | (sp & (sp << 8)) || (space && s[i] == ' '))
            break;
        space = s[i + 7] == ' ';
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            if (space)
                break;
            space = 1;
        } else if (c == 0xC2 || pxe_is_space(c)) {
            break;
        } else {
            space = 0;
        }
    }
    return i;
}

void pxe_buf_add_collapsed(pxe_buf *b, const char *s, size_t n)
{
    /* The output is never longer than the input: room for all of it is
    ** made once, and the bytes written straight in. */
    if (buf_grow(b, n))
        return;
    int space = b->len > 0 && pxe_is_space((unsigned char)b->s[b->len - 1]);
    b->len += util_collapse_to(b->s + b->len, s, n, space);
    b->s[b->len] = '\0';
}

char *pxe_buf_take(pxe_buf *b)
{
    if (b->oom) {
        pxe_buf_free(b);
        return NULL;
    }
    char *s = b->s ? b->s : pxe_strdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void pxe_buf_free(pxe_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

char *pxe_strdup(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

char *pxe_collapse(const char *s, size_t n)
{
    pxe_buf b = {0};
    while (n > 0 && pxe_is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && pxe_is_space((unsigned char)s[n - 1]))
        n--;
    pxe_buf_add_collapsed(&b, s, n);
    /* A trailing no-break space survives the trim above. */
    while (b.len > 0 && b.s[b.len - 1] == ' ')
        b.s[--b.len] = '\0';
    return pxe_buf_take(&b);
}

/* The length of prefix when s starts with it, ignoring ASCII case;
** else 0 (and 0 for an empty prefix, which the callers never pass). */
static size_t util_prefix_len(const char *s, const char *prefix)
{
    size_t i = 0;
    for (; prefix[i]; i++)
        if (util_lower((unsigned char)s[i]) !=
            util_lower((unsigned char)prefix[i]))
            return 0;
    return i;
}

const char *pxe_stristr(const char *hay, const char *needle)
{
    if (!*needle)
        return hay;
    /* Jump from one occurrence of the first letter (either case) to the
    ** next with strpbrk (or strchr when it has no case): this runs for
    ** every line against many phrases. */
    unsigned char lo = util_lower((unsigned char)*needle);
    unsigned char up = (unsigned)lo - 'a' < 26u ? (unsigned char)(lo - 0x20)
                                                : lo;
    char first[3] = {(char)lo, (char)up, '\0'};
    if (first[0] == first[1]) {
        for (hay = strchr(hay, lo); hay; hay = strchr(hay + 1, lo))
            if (util_prefix_len(hay + 1, needle + 1) || !needle[1])
                return hay;
        return NULL;
    }
    for (hay = strpbrk(hay, first); hay; hay = strpbrk(hay + 1, first))
        if (util_prefix_len(hay + 1, needle + 1) || !needle[1])
            return hay;
    return NULL;
}

size_t pxe_ci_prefix(const char *s, const char *prefix)
{
    return util_prefix_len(s, prefix);
}

void pxe_ascii_lower(char *s)
{
    for (; *s; s++)
        *s = (char)util_lower((unsigned char)*s);
}

/* Where the pair of bytes a, b falls in a pxe_pairs: six bits of each,
** with the case bit set, so that a letter and its capital fall together
** (as do a few other bytes: a false "maybe" costs only a search). */
static inline unsigned util_pair_bit(unsigned char a, unsigned char b)
{
    return ((a | 0x20u) & 0x3Fu) << 6 | ((b | 0x20u) & 0x3Fu);
}

void pxe_pairs_of(pxe_pairs *p, const char *s)
{
    memset(p->bits, 0, sizeof p->bits);
    if (!*s)
        return;
    for (; s[1]; s++) {
        unsigned b = util_pair_bit((unsigned char)s[0], (unsigned char)s[1]);
        p->bits[b >> 6] |= 1ULL << (b & 63);
    }
}

int pxe_pairs_may_hold(const pxe_pairs *p, const char *phrase)
{
    if (!*phrase)
        return 1;
    for (; phrase[1]; phrase++) {
        unsigned b = util_pair_bit((unsigned char)phrase[0],
                                   (unsigned char)phrase[1]);
        if (!(p->bits[b >> 6] & (1ULL << (b & 63))))
            return 0;
    }
    return 1;
}

int pxe_starts_with_ci(const char *s, const char *prefix)
{
    return !*prefix || util_prefix_len(s, prefix) > 0;
}

size_t pxe_prefix_in(const char *s, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (pxe_starts_with_ci(s, list[i]))
            return strlen(list[i]);
    return 0;
}

static inline int is_wordch(unsigned char c)
{
    return util_alnum(c) || c >= 0x80;
}

/* The bytes pxe_word_count() counts as inside a word: letters, digits,
** non-ASCII bytes and the apostrophe, as a table, since every line is
** counted many times. */
#define UTIL_W(c) ((c) >= 0x80 || (c) == '\'' || \
                   ((c) >= '0' && (c) <= '9') || \
                   (((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z'))
#define UTIL_W4(c) UTIL_W(c), UTIL_W(c + 1), UTIL_W(c + 2), UTIL_W(c + 3)
#define UTIL_W16(c) UTIL_W4(c), UTIL_W4(c + 4), UTIL_W4(c + 8), UTIL_W4(c + 12)
#define UTIL_W64(c) UTIL_W16(c), UTIL_W16(c + 16), UTIL_W16(c + 32), \
                    UTIL_W16(c + 48)
const unsigned char pxe_in_word[256] = {
    UTIL_W64(0), UTIL_W64(64), UTIL_W64(128), UTIL_W64(192)};

size_t pxe_word_count(const char *s)
{
    return pxe_word_count_max(s, (size_t)-2);
}

size_t pxe_word_count_max(const char *s, size_t max)
{
    size_t words = 0;
    unsigned in = 0;
    for (; *s; s++) {
        unsigned w = pxe_in_word[(unsigned char)*s];
        words += w & ~in;
        in = w;
        if (words > max)
            break;
    }
    return words;
}

size_t pxe_word_count_n(const char *s, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n && s[i]; i++)
        if (is_wordch((unsigned char)s[i]) &&
            (i == 0 || !is_wordch((unsigned char)s[i - 1])))
            words++;
    return words;
}

size_t pxe_letter_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        n += (unsigned)(c | 0x20) - 'a' < 26u || c >= 0xC0;
    }
    return n;
}

int pxe_ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\'' ||
                     s[n - 1] == ')'))
        n--;
    /* A closing curly quote (U+201D, U+2019) after the punctuation. */
    while (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
           (unsigned char)s[n - 2] == 0x80 &&
           ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3;
    if (n == 0)
        return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
        return 1;
    if (n < 3)
        return 0;
    const unsigned char *e = (const unsigned char *)s + n - 3;
    /* "…", and the full stops of Chinese and Japanese: "。", "！", "？" */
    return (e[0] == 0xE2 && e[1] == 0x80 && e[2] == 0xA6) ||
           (e[0] == 0xE3 && e[1] == 0x80 && e[2] == 0x82) ||
           (e[0] == 0xEF && e[1] == 0xBC && (e[2] == 0x81 || e[2] == 0x9F));
}

void pxe_line_key(const char *s, char *buf, size_t size)
{
    size_t o = 0;
    int space = 1;
    if (size == 0)
        return;
    for (; *s && o + 1 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (pxe_is_space(c)) {
            if (!space)
                buf[o++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        buf[o++] = (unsigned)c - '0' < 10u ? '0' : (char)util_lower(c);
    }
    while (o > 0 && buf[o - 1] == ' ')
        o--;
    buf[o] = '\0';
}

/* The hash of the first max characters of the matching form of s (a
** space between words, lower case, digits as '0'): the form's bytes are
** gathered eight at a time and each word of them mixed in, which spares
** a multiplication per byte.  Only equal forms need equal hashes. */
static unsigned long long util_key_hash(const char *s, size_t max)
{
    const uint64_t k = 0x9e3779b97f4a7c15ULL;
    uint64_t h = 0xcbf29ce484222325ULL, acc = 0;
    size_t n = 0, bytes = 0;
    int space = 0, any = 0;
    for (; *s && n < max; s++) {
        unsigned char c = (unsigned char)*s;
        if (pxe_is_space(c)) {
            space = any;   /* written only when a character follows */
            continue;
        }
        if (space) {
            acc = acc << 8 | ' ';
            if (++bytes % 8 == 0) {
                h = (h ^ acc) * k;
                h ^= h >> 32;
                acc = 0;
            }
        }
        space = 0;
        any = 1;
        c = (unsigned)c - '0' < 10u ? '0' : util_lower(c);
        acc = acc << 8 | c;
        if (++bytes % 8 == 0) {
            h = (h ^ acc) * k;
            h ^= h >> 32;
            acc = 0;
        }
        n++;
    }
    h = (h ^ acc ^ (uint64_t)bytes << 56) * k;
    h ^= h >> 29;
    h = (h ^ bytes) * 0xbf58476d1ce4e5b9ULL;
    return h ^ h >> 32;
}

unsigned long long pxe_key_hash(const char *s)
{
    return util_key_hash(s, (size_t)-1);
}

unsigned long long pxe_key_hash_n(const char *s, size_t max)
{
    return util_key_hash(s, max);
}

unsigned long long pxe_line_key_hash(pxe_line *l)
{
    if (!l->key_h)
        l->key_h = pxe_key_hash(l->text);
    return l->key_h;
}

int pxe_field_set(pxe_field *f, const char *value, const char *source,
                  int confidence)
{
    char *v = NULL;
    if (value) {
        v = pxe_collapse(value, strlen(value));
        if (!v)
            return -1;
        if (!*v) {
            free(v);
            return 0;
        }
    }
    free(f->value);
    f->value = v;
    f->source = v ? source : NULL;
    f->confidence = v ? confidence : 0;
    return 0;
}

int pxe_url_host(const char *url, char *buf, size_t size)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p || size == 0)
        return 0;
    p += 3;
    const char *at = p + strcspn(p, "/?#");
    const char *cred = memchr(p, '@', (size_t)(at - p));
    if (cred)
        p = cred + 1;
    size_t n = strcspn(p, ":/?#");
    if (n >= 4 && strncasecmp(p, "www.", 4) == 0) {
        p += 4;
        n -= 4;
    }
    if (n == 0 || n >= size)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)tolower((unsigned char)p[i]);
    buf[n] = '\0';
    return 1;
}

/* Room for one more line; -1 (and ls->oom) without memory. */
static int util_lines_room(pxe_lines *ls)
{
    if (ls->oom)
        return -1;
    if (ls->n == ls->cap) {
        size_t cap = ls->cap ? ls->cap * 2 : 32;
        pxe_line *v = realloc(ls->v, cap * sizeof *v);
        if (!v) {
            ls->oom = 1;
            return -1;
        }
        ls->v = v;
        ls->cap = cap;
    }
    return 0;
}

long pxe_lines_add(pxe_lines *ls, const char *s, size_t n, int para)
{
    if (util_lines_room(ls))
        return -1;
    char *t = pxe_collapse(s, n);
    if (!t) {
        ls->oom = 1;
        return -1;
    }
    ls->v[ls->n] = (pxe_line){t, PXE_LINE_BODY, NULL, para, 0, 0};
    return (long)ls->n++;
}

long pxe_lines_add_owned(pxe_lines *ls, char *s, size_t n, int para)
{
    if (util_lines_room(ls)) {
        free(s);
        return -1;
    }
    /* As pxe_collapse(): trimmed, runs collapsed, and a trailing space
    ** left by a no-break space dropped. */
    size_t a = 0;
    while (a < n && pxe_is_space((unsigned char)s[a]))
        a++;
    while (n > a && pxe_is_space((unsigned char)s[n - 1]))
        n--;
    if (a == 0) {
        /* Most lines are collapsed already: the bytes up to the first
        ** that would change stay where they are. */
        size_t k = util_collapsed_span(s, n);
        int space = k > 0 && s[k - 1] == ' ';
        n = k + util_collapse_to(s + k, s + k, n - k, space);
    } else {
        n = util_collapse_to(s, s + a, n - a, 0);
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    s[n] = '\0';
    ls->v[ls->n] = (pxe_line){s, PXE_LINE_BODY, NULL, para, 0, 0};
    return (long)ls->n++;
}

void pxe_lines_free(pxe_lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i].text);
    free(ls->v);
    ls->v = NULL;
    ls->n = ls->cap = 0;
    for (size_t i = 0; i < ls->n_hosts; i++)
        free(ls->hosts[i].host);
    free(ls->hosts);
    ls->hosts = NULL;
    ls->n_hosts = ls->cap_hosts = 0;
    for (size_t i = 0; i < ls->n_url_dates; i++)
        free(ls->url_dates[i].host);
    free(ls->url_dates);
    ls->url_dates = NULL;
    ls->n_url_dates = ls->cap_url_dates = 0;
}

/* Second-level labels under which registries sell names ("co.uk",
** "com.br"): the registered domain then has three labels. */
static int util_is_sld(const char *label, size_t n)
{
    static const char *const slds[] = {"co", "com", "net", "org", "ac",
                                       "gov", "edu", "ne", "or", "go"};
    for (size_t i = 0; i < sizeof slds / sizeof *slds; i++)
        if (strlen(slds[i]) == n && strncasecmp(label, slds[i], n) == 0)
            return 1;
    return 0;
}

int pxe_registered_domain(const char *host, char *buf, size_t size)
{
    size_t n = strlen(host);
    if (n == 0 || n >= size || !strchr(host, '.'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)host[i]) && host[i] != '.' &&
            host[i] != '-')
            return 0;
    const char *tld = strrchr(host, '.') + 1;
    if (strlen(tld) < 2 || isdigit((unsigned char)*tld))
        return 0;   /* "3.5", an IP address */
    /* Walk back two labels, three when the second is a registry's. */
    const char *start = tld - 1;
    int labels = 1;
    while (start > host) {
        const char *p = start - 1;
        while (p > host && p[-1] != '.')
            p--;
        labels++;
        size_t len = (size_t)(start - p);
        start = p;
        if (labels == 2 && strlen(tld) == 2 && util_is_sld(p, len))
            continue;
        break;
    }
    for (size_t i = 0; start[i]; i++)
        buf[i] = (char)tolower((unsigned char)start[i]);
    buf[strlen(start)] = '\0';
    return 1;
}

/* Counts `key` in a tally; evidence only, so a failed allocation just
** loses the count. */
static void util_tally(pxe_host **v, size_t *n, size_t *cap, const char *key)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].host, key) == 0) {
            (*v)[i].count++;
            return;
        }
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        pxe_host *nv = realloc(*v, c * sizeof *nv);
        if (!nv)
            return;
        *v = nv;
        *cap = c;
    }
    if (((*v)[*n].host = pxe_strdup(key)))
        (*v)[(*n)++].count = 1;
}

void pxe_lines_host(pxe_lines *ls, const char *host)
{
    char dom[256];
    if (pxe_registered_domain(host, dom, sizeof dom))
        util_tally(&ls->hosts, &ls->n_hosts, &ls->cap_hosts, dom);
}

void pxe_lines_url_date(pxe_lines *ls, const char *date)
{
    util_tally(&ls->url_dates, &ls->n_url_dates, &ls->cap_url_dates, date);
}

const pxe_host *pxe_tally_top(const pxe_host *v, size_t n)
{
    const pxe_host *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (!best || v[i].count > best->count)
            best = &v[i];
    return best;
}

char *pxe_lines_body(const pxe_lines *ls)
{
    pxe_buf b = {0};
    int first = 1, gap = 0;
    for (size_t i = 0; i < ls->n; i++) {
        const pxe_line *l = &ls->v[i];
        gap |= l->para;
        if (l->role != PXE_LINE_BODY)
            continue;
        if (!first)
            pxe_buf_adds(&b, gap ? "\n\n" : "\n");
        pxe_buf_adds(&b, l->text);
        first = gap = 0;
    }
    return pxe_buf_take(&b);
}
