/*
** dates.c — finding a date inside a line of text, a URL or a meta value.
**
** px_date_parse() in the library reads a string that is a date; here the
** date sits somewhere in a byline ("By Ana Ruiz | Updated March 3, 2025,
** 9:14 a.m."), so the scanner tries each word boundary and reports where
** the date text is.  Forms: ISO (2025-03-03, 2025/03/03), month names in
** US and European order with an optional weekday and ordinal suffix,
** numeric D/M/Y only when the order cannot be mistaken (a part over 12,
** or D.M.Y which is European), and day-and-month without a year only when
** the caller knows the year from elsewhere (a URL or crawl date).
** Two-digit years are refused: "3/4/25" is too ambiguous to vouch for.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "extract_int.h"

static const char *const dates_months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

static int dates_valid(int y, int m, int d)
{
    static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > dim[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

static int dates_emit(int y, int m, int d, char out[11])
{
    if (!dates_valid(y, m, d))
        return 0;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)d % 100u);
    return 1;
}

/* Month names of the other languages news is scraped in (French,
** German, Dutch, Spanish, Portuguese, Italian, Indonesian), written in
** full; lower case, UTF-8.  Row i is month i + 1. */
static const char *const dates_months_intl[12][8] = {
    {"janvier", "januar", "januari", "enero", "janeiro", "gennaio"},
    {"f\xc3\xa9vrier", "februar", "februari", "febrero", "fevereiro",
     "febbraio"},
    {"mars", "m\xc3\xa4rz", "maart", "marzo", "mar\xc3\xa7o", "maret"},
    {"avril", "aprile", "abril"},
    {"mai", "mei", "mayo", "maio", "maggio"},
    {"juin", "juni", "junio", "junho", "giugno"},
    {"juillet", "juli", "julio", "julho", "luglio"},
    {"ao\xc3\xbbt", "augustus", "agosto", "agustus"},
    {"septembre", "septiembre", "setiembre", "setembro", "settembre"},
    {"octobre", "oktober", "octubre", "outubro", "ottobre"},
    {"novembre", "noviembre", "novembro"},
    {"d\303\251cembre", "dezember", "december", "diciembre", "dezembro",
     "dicembre", "desember"},
};

/* Whether a month name may start with byte c (either case): a switch,
** not a strchr call, as it is asked of every word. */
static int dates_month_first(unsigned char c)
{
    if (!pxe_is_alpha(c))
        return 0;
    switch (c | 0x20) {
    case 'j': case 'f': case 'm': case 'a': case 's': case 'o': case 'n':
    case 'd': case 'g': case 'l': case 'e':
        return 1;
    default:
        return 0;
    }
}

/* A month name or abbreviation ("Sept", "Mar.", "Oktober") at s; *n the
** length. */
static int dates_month(const char *s, size_t *n, int *capital)
{
    /* Every word of every line near a headline comes here: most are
    ** turned away by their first letter. */
    if (!dates_month_first((unsigned char)s[0]))
        return 0;
    /* … and the rest by their second: the second letters of the names
    ** above that start with each letter (0xC3 opens "é", "ä"). */
    static const char *const second[26] = {
        ['a' - 'a'] = "bgopuv", ['d' - 'a'] = "ei\xc3", ['e' - 'a'] = "n",
        ['f' - 'a'] = "e\xc3",  ['g' - 'a'] = "ei",     ['j' - 'a'] = "au",
        ['l' - 'a'] = "u",      ['m' - 'a'] = "ae\xc3", ['n' - 'a'] = "o",
        ['o' - 'a'] = "cktu",   ['s' - 'a'] = "e"};
    const char *next = second[(s[0] | 0x20) - 'a'];
    unsigned char c1 = (unsigned char)s[1];
    c1 = pxe_is_alpha(c1) ? (unsigned char)(c1 | 0x20) : c1;
    if (!c1 || !next || !strchr(next, c1))
        return 0;
    size_t k = 0;
    while (pxe_is_alpha((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80)
        k++;
    if (k > 10 || k < 3)
        return 0;
    /* Every name starts with an ASCII letter: compared first. */
    char c0 = (char)tolower((unsigned char)s[0]);
    for (int i = 0; i < 12; i++) {
        if (dates_months[i][0] == c0 &&
            (k == strlen(dates_months[i]) || k == 3 || (i == 8 && k == 4)) &&
            strncasecmp(s, dates_months[i], k) == 0) {
            *n = k + (s[k] == '.');
            *capital = isupper((unsigned char)s[0]) != 0;
            return i + 1;
        }
        for (int j = 0; j < 8 && dates_months_intl[i][j]; j++)
            if (dates_months_intl[i][j][0] == c0 &&
                strlen(dates_months_intl[i][j]) == k &&
                strncasecmp(s, dates_months_intl[i][j], k) == 0) {
                *n = k;
                /* Many languages write months in lower case; the short
                ** names are words too ("Mars", "mai"). */
                *capital = isupper((unsigned char)s[0]) || k > 4;
                return i + 1;
            }
    }
    return 0;
}

/* "de " or "del " between the parts of a date ("27 de outubro de 2015"). */
static size_t dates_de(const char *s)
{
    if (strncasecmp(s, "de ", 3) == 0)
        return 3;
    return strncasecmp(s, "del ", 4) == 0 ? 4 : 0;
}

/* 1-4 digits at s not followed by a digit; *n the length. */
static int dates_number(const char *s, int maxd, int *v, size_t *n)
{
    int k = 0, val = 0;
    while (k < maxd && isdigit((unsigned char)s[k]))
        val = val * 10 + (s[k++] - '0');
    if (k == 0 || isdigit((unsigned char)s[k]))
        return 0;
    *v = val;
    *n = (size_t)k;
    return 1;
}

static size_t dates_sep(const char *s)
{
    size_t k = 0;
    while (s[k] == ' ' || s[k] == ',' || s[k] == '\t')
        k++;
    return k;
}

/* ISO and numeric forms at s; *n the length matched. */
static int dates_numeric(const char *s, int want_year, char out[11],
                         size_t *n)
{
    int a, b, c;
    size_t la, lb, lc;
    if (!dates_number(s, 4, &a, &la))
        return 0;
    char sep = s[la];
    if (sep != '-' && sep != '/' && sep != '.')
        return 0;
    if (!dates_number(s + la + 1, 2, &b, &lb) || s[la + 1 + lb] != sep ||
        !dates_number(s + la + lb + 2, 4, &c, &lc))
        return 0;
    *n = la + lb + lc + 2;
    if (la == 4 && lc <= 2)
        return dates_emit(a, b, c, out);
    /* "11/19/19": a two-digit year is believed only when it is the year
    ** the page is otherwise known to be from, and the order is certain. */
    if (la <= 2 && lc == 2 && want_year > 2000 && 2000 + c == want_year &&
        sep == '/' && (a > 12) != (b > 12))
        return a > 12 ? dates_emit(want_year, b, a, out)
                      : dates_emit(want_year, a, b, out);
    if (la > 2 || lc != 4)
        return 0;
    if (sep == '.' || a > 12)          /* D.M.Y, or a day first */
        return dates_emit(c, b, a, out);
    if (b > 12 || a == b)              /* M/D/Y */
        return dates_emit(c, a, b, out);
    return 0;                          /* 3/4/2025: which order? */
}

/* "3 March 2025", "March 3, 2025", "3rd of March", "March 3" (year from
** want_year).  Starts at a digit or a month name. */
static int dates_words(const char *s, int want_year, char out[11], size_t *n)
{
    int d, m, y, cap;
    size_t k = 0, u;
    if (dates_number(s, 2, &d, &u)) {
        k = u;
        if (isalpha((unsigned char)s[k]) && isalpha((unsigned char)s[k + 1]) &&
            !isalpha((unsigned char)s[k + 2]))
            k += 2;                             /* 3rd */
        k += (s[k] == '.');                     /* German style "3." */
        k += dates_sep(s + k);
        if (strncasecmp(s + k, "of ", 3) == 0)
            k += 3;
        k += dates_de(s + k);
        if (!(m = dates_month(s + k, &u, &cap)))
            return 0;
        k += u;
    } else if ((m = dates_month(s, &u, &cap))) {
        k = u + dates_sep(s + u);
        if (!dates_number(s + k, 2, &d, &u))
            return 0;
        k += u;
        if (isalpha((unsigned char)s[k]) && isalpha((unsigned char)s[k + 1]) &&
            !isalpha((unsigned char)s[k + 2]))
            k += 2;
    } else {
        return 0;
    }
    size_t after = k + dates_sep(s + k);
    after += dates_de(s + after);
    if (dates_number(s + after, 4, &y, &u) && u == 4) {
        *n = after + u;
        return dates_emit(y, m, d, out);
    }
    /* "Nov 15, 20195:45 AM": a scraper glued the time to the year. */
    const char *g = s + after;
    if (strspn(g, "0123456789") >= 5 && strspn(g, "0123456789") <= 6 &&
        g[strspn(g, "0123456789")] == ':') {
        *n = after + 4;
        return dates_emit((g[0] - '0') * 1000 + (g[1] - '0') * 100 +
                          (g[2] - '0') * 10 + (g[3] - '0'), m, d, out);
    }
    /* No year: only with one known from elsewhere, and only with the
    ** month capitalised ("may 5" is more often a verb than a date). */
    if (want_year <= 0 || !cap || isdigit((unsigned char)s[after]))
        return 0;
    *n = k;
    return dates_emit(want_year, m, d, out);
}

/* Every form read here holds a digit at or after where it starts (the
** day, the year): a line is scanned only up to its last digit, found a
** run at a time with strpbrk, and most lines of a page hold none. */
#define DATES_DIGITS "0123456789"

int pxe_date_find(const char *s, int want_year, char out[11], size_t *at,
                  size_t *len)
{
    const char *digit = strpbrk(s, DATES_DIGITS);
    for (size_t i = 0; digit && s[i]; i++) {
        if (s + i > digit && !(digit = strpbrk(s + i, DATES_DIGITS)))
            break;
        unsigned char c = (unsigned char)s[i];
        if (i > 0 && pxe_is_alnum((unsigned char)s[i - 1]))
            continue;
        if (!pxe_is_alnum(c))
            continue;
        size_t n = 0;
        if ((isdigit(c) && dates_numeric(s + i, want_year, out, &n)) ||
            dates_words(s + i, want_year, out, &n)) {
            *at = i;
            *len = n;
            return 1;
        }
    }
    return 0;
}

/* Whether sscanf's %d could read a number at q (white space, a sign or a
** digit): the scans below are tried at every separator of a URL, and
** most are not followed by one. */
static int dates_may_scan(const char *q)
{
    unsigned char c = (unsigned char)*q;
    return isdigit(c) || isspace(c) || c == '+' || c == '-';
}

/* sscanf's "%Nd" at q, without its cost (URLs of every link of a page
** come here): white space skipped, then a sign and digits, N bytes at
** most; *end is where it stopped.  0 when no digit was read. */
static int dates_scan_int(const char *q, int width, int *v, const char **end)
{
    while (isspace((unsigned char)*q))
        q++;
    int w = 0, neg = 0, val = 0, digits = 0;
    if (*q == '+' || *q == '-') {
        neg = *q++ == '-';
        w++;
    }
    for (; w < width && isdigit((unsigned char)*q); w++, digits++)
        val = val * 10 + (*q++ - '0');
    if (!digits)
        return 0;
    *v = neg ? -val : val;
    *end = q;
    return 1;
}

/* sscanf(q, "%4d" SEP "%2d" SEP "%2d", y, m, d) == 3; sep 0: none. */
static int dates_scan_ymd(const char *q, char sep, int *y, int *m, int *d)
{
    const char *e;
    if (!dates_scan_int(q, 4, y, &e) || (sep && *e++ != sep) ||
        !dates_scan_int(e, 2, m, &e) || (sep && *e++ != sep))
        return 0;
    return dates_scan_int(e, 2, d, &e);
}

int pxe_date_from_url(const char *url, char out[11])
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return 0;
    p = strchr(p + 3, '/');
    for (; p && *p; p++) {
        if (*p != '/' && *p != '-' && *p != '_')
            continue;
        const char *q = p + 1;
        int y, m, d;
        if (!dates_may_scan(q))
            continue;
        /* /2025/03/04/ or /2025-03-04 or /20250304 */
        if (dates_scan_ymd(q, '/', &y, &m, &d) && q[4] == '/' &&
            q[7] == '/' && (q[10] == '/' || q[10] == '-' || !q[10]) &&
            dates_emit(y, m, d, out))
            return 1;
        if (dates_scan_ymd(q, '-', &y, &m, &d) && q[4] == '-' &&
            q[7] == '-' && !isdigit((unsigned char)q[10]) &&
            dates_emit(y, m, d, out))
            return 1;
        size_t k = 0;
        while (isdigit((unsigned char)q[k]))
            k++;
        if (k == 8 && (q[8] == '/' || q[8] == '-' || q[8] == '_') &&
            dates_scan_ymd(q, 0, &y, &m, &d) && dates_emit(y, m, d, out))
            return 1;
    }
    return 0;
}

int pxe_date_normalise(const char *s, char out[11])
{
    size_t at, n;
    if (!s)
        return 0;
    while (pxe_is_space((unsigned char)*s))
        s++;
    if (px_date_parse(s, out))
        return 1;
    /* Unix seconds (some sites put them in meta tags). */
    size_t k = strspn(s, "0123456789");
    if (k >= 9 && k <= 10 && !s[k]) {
        time_t t = (time_t)strtoll(s, NULL, 10);
        struct tm tm;
        if (gmtime_r(&t, &tm))
            return dates_emit(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                              out);
    }
    return pxe_date_find(s, 0, out, &at, &n) && at < 12;
}

int pxe_date_find_month(const char *s, char out[11], size_t *at, size_t *len)
{
    const char *digit = strpbrk(s, DATES_DIGITS);   /* the year's */
    for (size_t i = 0; digit && s[i]; i++) {
        int m, y, cap;
        size_t n, u;
        if (s + i > digit && !(digit = strpbrk(s + i, DATES_DIGITS)))
            break;
        if ((i > 0 && isalnum((unsigned char)s[i - 1])) ||
            !(m = dates_month(s + i, &n, &cap)) || !cap)
            continue;
        size_t k = n + dates_sep(s + i + n);
        if (dates_number(s + i + k, 4, &y, &u) && u == 4 &&
            !isalnum((unsigned char)s[i + k + u]) &&
            dates_emit(y, m, 1, out)) {
            *at = i;
            *len = k + u;
            return 1;
        }
    }
    return 0;
}

int pxe_date_month_from_url(const char *url, char out[11])
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return 0;
    for (p = strchr(p + 3, '/'); p && *p; p = strchr(p + 1, '/')) {
        int y, m;
        const char *q = p + 1;
        /* /2025/02/ or /2025.02/ or /2025-02/ */
        const char *e;
        if (dates_may_scan(q) && dates_scan_int(q, 4, &y, &e) &&
            isdigit((unsigned char)q[3]) &&
            (q[4] == '/' || q[4] == '.' || q[4] == '-') &&
            isdigit((unsigned char)q[5]) && isdigit((unsigned char)q[6]) &&
            (q[7] == '/' || q[7] == '\0') && dates_scan_int(q + 5, 2, &m, &e) &&
            dates_emit(y, m, 1, out))
            return 1;
    }
    return 0;
}
