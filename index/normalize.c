/*
** normalize.c — text normalisation shared by indexing and querying.
**
** UTF-8 validation and repair, folding of typographic punctuation to the
** plain forms the tokenizer knows, outlet matching keys, date parsing and
** the content hash.  Everything here is pure: no allocation beyond the
** documented return values, no state.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "index_internal.h"
#include "pressdex.h"

/* ------------------------------------------------------------------ */
/* UTF-8                                                                */
/* ------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when the
** bytes there are not one (overlong, surrogate, beyond U+10FFFF,
** truncated). */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; c &= 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; c &= 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; c &= 0x07; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

size_t px_utf8_repair(const char *s, size_t len, char **out, size_t *out_len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t bad = 0;
    char *d = NULL;
    size_t j = 0;
    if (out) {
        d = malloc(len * 3 + 1);   /* each bad byte may become 3 bytes */
        *out = d;
        if (!d)
            out = NULL;
    }
    for (size_t i = 0; i < len;) {
        /* A run of ASCII (NUL aside) is valid as it stands: most text is. */
        if (u[i] - 1u < 0x7Fu) {
            size_t k = i + 1;
            while (k < len && u[k] - 1u < 0x7Fu)
                k++;
            if (d) {
                memcpy(d + j, s + i, k - i);
                j += k - i;
            }
            i = k;
            continue;
        }
        unsigned cp;
        size_t n = utf8_seq(u + i, len - i, &cp);
        if (n == 0) {
            bad++;
            if (d) {
                memcpy(d + j, "\xEF\xBF\xBD", 3);
                j += 3;
            }
            i++;
            /* Skip the continuation bytes of the broken sequence so that
            ** one bad sequence gives one replacement character. */
            while (i < len && (u[i] & 0xC0) == 0x80 && utf8_seq(u + i, len - i, &cp) == 0)
                i++;
            continue;
        }
        /* NUL bytes are dropped without counting as invalid. */
        if (cp != 0 && d) {
            memcpy(d + j, s + i, n);
            j += n;
        }
        i += n;
    }
    if (d) {
        d[j] = '\0';
        if (out_len)
            *out_len = j;
    }
    return bad;
}

/* ------------------------------------------------------------------ */
/* Punctuation                                                          */
/* ------------------------------------------------------------------ */

/* What a code point folds to: a replacement string (possibly empty), or
** NULL to keep it. */
static const char *fold_cp(unsigned cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x02BC:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
        return "-";
    case 0x2026:
        return "...";
    case 0x00A0: case 0x202F: case 0x205F: case 0x3000:
        return " ";
    case 0x200B: case 0x200C: case 0x200D: case 0xFEFF:
        return "";
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return " ";
    return NULL;
}

void px_text_fold_punct(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    size_t n = strlen(s);
    const unsigned char *end = r + n;
    while (r < end) {
        unsigned cp;
        size_t len = utf8_seq(r, (size_t)(end - r), &cp);
        const char *rep = len > 1 ? fold_cp(cp) : NULL;
        if (!rep) {
            size_t k = len ? len : 1;
            memmove(w, r, k);
            w += k;
            r += k;
            continue;
        }
        size_t rl = strlen(rep);   /* never longer than the original */
        memcpy(w, rep, rl);
        w += rl;
        r += len;
    }
    *w = '\0';
}

/* ------------------------------------------------------------------ */
/* Outlets                                                              */
/* ------------------------------------------------------------------ */

char *px_outlet_key(const char *name)
{
    const char *s = name ? name : "";
    while (isspace((unsigned char)*s))
        s++;
    if (strncasecmp(s, "the", 3) == 0 && isspace((unsigned char)s[3]))
        for (s += 3; isspace((unsigned char)*s);)
            s++;
    char *key = malloc(strlen(s) + 1), *d = key;
    if (!key)
        return NULL;
    int space = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isspace(c)) {
            space = 1;
            continue;
        }
        if (space && d != key)
            *d++ = ' ';
        space = 0;
        *d++ = (char)tolower(c);
    }
    *d = '\0';
    return key;
}

/* ------------------------------------------------------------------ */
/* Dates                                                                */
/* ------------------------------------------------------------------ */

static const char *const month_names[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

static int emit(int y, int m, int d, char out[11])
{
    if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return 0;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)d % 100u);
    return 1;
}

/* A month name or its 3-letter (or "Sept") abbreviation at s; returns its
** number and the length consumed, 0 when there is none. */
static int month_at(const char *s, size_t *used)
{
    size_t n = 0;
    while (isalpha((unsigned char)s[n]))
        n++;
    for (int i = 0; n >= 3 && i < 12; i++) {
        size_t full = strlen(month_names[i]);
        if ((n == full || n == 3 || (i == 8 && n == 4)) &&
            strncasecmp(s, month_names[i], n) == 0) {
            *used = n + (s[n] == '.');
            return i + 1;
        }
    }
    return 0;
}

static int number_at(const char *s, int digits_min, int digits_max,
                     int *val, size_t *used)
{
    int n = 0, v = 0;
    while (n < digits_max && isdigit((unsigned char)s[n]))
        v = v * 10 + (s[n++] - '0');
    if (n < digits_min || isdigit((unsigned char)s[n]))
        return 0;
    *val = v;
    *used = (size_t)n;
    return 1;
}

/* Numeric forms: YYYY-MM-DD[T…], YYYY/MM/DD, YYYYMMDD. */
static int parse_numeric(const char *s, char out[11])
{
    int y, m, d;
    if (strlen(s) >= 8 && isdigit((unsigned char)s[0])) {
        size_t i = 0;
        while (isdigit((unsigned char)s[i]))
            i++;
        if (i == 8 && (s[8] == '\0' || s[8] == 'T' || isspace((unsigned char)s[8])) &&
            sscanf(s, "%4d%2d%2d", &y, &m, &d) == 3)
            return emit(y, m, d, out);
        if (i == 4 && (s[4] == '-' || s[4] == '/') &&
            isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]) &&
            s[7] == s[4] && isdigit((unsigned char)s[8]) &&
            isdigit((unsigned char)s[9]) &&
            (s[10] == '\0' || s[10] == 'T' || s[10] == ' ' || s[10] == 'Z' ||
             s[10] == '+')) {
            y = atoi(s);
            m = (s[5] - '0') * 10 + (s[6] - '0');
            d = (s[8] - '0') * 10 + (s[9] - '0');
            return emit(y, m, d, out);
        }
    }
    return 0;
}

static const char *skip_sep(const char *s)
{
    while (*s == ' ' || *s == ',' || *s == '\t')
        s++;
    return s;
}

/* "1 December 2024", "December 1, 2024", "Dec 1 2024", with an optional
** leading weekday ("Sun, 01 Dec 2024 10:00:00 +0000"). */
static int parse_words(const char *s, char out[11])
{
    size_t used;
    int y, m, d;
    /* A leading weekday name ends with a comma in RFC 2822. */
    if (isalpha((unsigned char)*s) && !month_at(s, &used)) {
        while (isalpha((unsigned char)*s))
            s++;
        s = skip_sep(s);
    }
    if (number_at(s, 1, 2, &d, &used)) {
        s = skip_sep(s + used);
        if (!(m = month_at(s, &used)))
            return 0;
        s = skip_sep(s + used);
        if (!number_at(s, 4, 4, &y, &used))
            return 0;
    } else if ((m = month_at(s, &used))) {
        s = skip_sep(s + used);
        if (!number_at(s, 1, 2, &d, &used))
            return 0;
        s += used;
        if (strncasecmp(s, "st", 2) == 0 || strncasecmp(s, "nd", 2) == 0 ||
            strncasecmp(s, "rd", 2) == 0 || strncasecmp(s, "th", 2) == 0)
            s += 2;   /* 1st, 2nd, 3rd, 4th */
        s = skip_sep(s);
        if (!number_at(s, 4, 4, &y, &used))
            return 0;
    } else {
        return 0;
    }
    return emit(y, m, d, out);
}

int px_date_parse(const char *s, char out[11])
{
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    return parse_numeric(s, out) || parse_words(s, out);
}

/* ------------------------------------------------------------------ */
/* Hash                                                                 */
/* ------------------------------------------------------------------ */

void px_hash_hex(const void *data, size_t len, char out[17])
{
    const unsigned char *p = data;
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    snprintf(out, 17, "%016llx", h);
}

/* ------------------------------------------------------------------ */
/* Query case                                                           */
/* ------------------------------------------------------------------ */

/* The parser's operators, which only count in capitals. */
static int is_operator(const char *w, size_t n)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR",
                                      "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strlen(ops[i]) == n && memcmp(w, ops[i], n) == 0)
            return 1;
    return 0;
}

/* Lowers one word in place: ASCII, Latin-1 capitals (U+00C0-U+00DE but
** the multiplication sign) and basic Cyrillic (U+0410-U+042F); every
** change keeps the length. */
static void lower_word(unsigned char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 'A' && w[i] <= 'Z') {
            w[i] = (unsigned char)(w[i] + 32);
        } else if (i + 1 < n && w[i] == 0xC3 && w[i + 1] >= 0x80 &&
                   w[i + 1] <= 0x9E && w[i + 1] != 0x97) {
            w[++i] += 0x20;
        } else if (i + 1 < n && w[i] == 0xD0 && w[i + 1] >= 0x90 &&
                   w[i + 1] <= 0xAF) {
            if (w[i + 1] <= 0x9F) {
                w[i + 1] += 0x20;
            } else {
                w[i] = 0xD1;
                w[i + 1] -= 0x20;
            }
            i++;
        }
    }
}

void px_query_lower_case(char *q)
{
    int quoted = 0;
    unsigned char *s = (unsigned char *)q;
    for (size_t i = 0; s[i];) {
        if (s[i] == '"') {
            quoted = !quoted;
            i++;
            continue;
        }
        if (!isalnum(s[i]) && s[i] < 0x80) {
            i++;
            continue;
        }
        size_t start = i;
        while (s[i] && (isalnum(s[i]) || s[i] >= 0x80))
            i++;
        if (!quoted && !is_operator(q + start, i - start))
            lower_word(s + start, i - start);
    }
}
