/*
** cgi_params.c — parsing and validating the page's query string, and
** writing a parameter set back out for links (contract in cgi_params.h).
**
** Refusing is preferred to repairing: a request that is not what the page
** itself would ever generate gets a 400 naming the parameter, so a broken
** or malicious link is visible instead of silently searching something
** else.  The one leniency is unknown parameter names, which are ignored so
** that links decorated by mail clients or trackers still work.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi_params.h"

static int bad(char *err, size_t errlen, const char *fmt, const char *name)
{
    if (err && errlen)
        snprintf(err, errlen, fmt, name);
    return CGI_PARAMS_BAD;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0..n) into a new string ('+' is a space, as in HTML
** form submissions).  Returns NULL with *bad_enc set on a malformed escape
** or an encoded NUL, NULL with *bad_enc clear when out of memory. */
static char *decode(const char *s, size_t n, int *bad_enc)
{
    char *out = malloc(n + 1), *o = out;
    *bad_enc = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] != '%') {
            *o++ = s[i];
        } else {
            int hi = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                *bad_enc = 1;
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        }
    }
    *o = '\0';
    return out;
}

/* 1 when s is well-formed UTF-8 (no overlong forms, surrogates or code
** points past U+10FFFF) with no control characters other than tab, CR and
** LF, which are turned into spaces in place. */
static int clean_text(char *s)
{
    unsigned char *p = (unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        if (c < 0x80) {
            if (c == '\t' || c == '\r' || c == '\n')
                *p = ' ';
            else if (c < 0x20 || c == 0x7F)
                return 0;
            p++;
            continue;
        }
        int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (!len || c > 0xF4 || c == 0xC0 || c == 0xC1)
            return 0;
        unsigned cp = c & (0x7F >> len);
        for (int k = 1; k < len; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[k] & 0x3F);
        }
        static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        /* C1 controls (U+0080..U+009F) are as unwelcome as C0 ones. */
        if (cp < 0xA0)
            return 0;
        p += len;
    }
    return 1;
}

/* A decimal number of at most 9 digits, no sign or space. */
static int parse_count(const char *s, size_t max, size_t *out)
{
    size_t v = 0, n = 0;
    for (; s[n]; n++) {
        if (s[n] < '0' || s[n] > '9' || n >= 9)
            return 0;
        v = v * 10 + (size_t)(s[n] - '0');
    }
    if (n == 0 || v > max)
        return 0;
    *out = v;
    return 1;
}

int cgi_valid_date(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

const char *cgi_sort_name(px_sort s)
{
    return s == PX_SORT_NEWEST ? "newest"
         : s == PX_SORT_OLDEST ? "oldest" : "relevance";
}

#define STR_(x) #x
#define STR(x) STR_(x)

enum {
    SEEN_Q = 1, SEEN_FROM = 2, SEEN_TO = 4, SEEN_SORT = 8, SEEN_OFFSET = 16,
    SEEN_LIMIT = 32, SEEN_FORMAT = 64, SEEN_ID = 128
};

static int add_outlet(cgi_params *p, char *val, char *err, size_t errlen)
{
    if (!*val) {           /* an empty filter filters nothing */
        free(val);
        return CGI_PARAMS_OK;
    }
    for (size_t i = 0; i < p->n_outlets; i++)
        if (strcmp(p->outlets[i], val) == 0) {
            free(val);
            return CGI_PARAMS_OK;
        }
    if (p->n_outlets == CGI_MAX_OUTLETS) {
        free(val);
        return bad(err, errlen, "%s: at most " STR(CGI_MAX_OUTLETS)
                   " outlet filters at once", "outlet");
    }
    if (!p->outlets) {
        p->outlets = calloc(CGI_MAX_OUTLETS, sizeof *p->outlets);
        if (!p->outlets) {
            free(val);
            return CGI_PARAMS_NOMEM;
        }
    }
    p->outlets[p->n_outlets++] = val;
    return CGI_PARAMS_OK;
}

/* The text-valued parameters: q and outlet keep their value (ownership
** passes to *p); nothing else is free text. */
static int set_text(cgi_params *p, const char *name, char *val, char *err,
                    size_t errlen)
{
    int is_q = strcmp(name, "q") == 0;
    size_t cap = is_q ? CGI_MAX_QUERY : CGI_MAX_OUTLET_LEN;
    int rc = CGI_PARAMS_OK;
    if (strlen(val) > cap)
        rc = bad(err, errlen, is_q
                 ? "%s: the query is longer than " STR(CGI_MAX_QUERY) " bytes"
                 : "%s: an outlet name is longer than "
                   STR(CGI_MAX_OUTLET_LEN) " bytes", name);
    else if (!clean_text(val))
        rc = bad(err, errlen, "%s: not valid UTF-8 text", name);
    if (rc != CGI_PARAMS_OK) {
        free(val);
        return rc;
    }
    if (!is_q)
        return add_outlet(p, val, err, errlen);
    free(p->q);
    p->q = val;
    return CGI_PARAMS_OK;
}

static int set_sort(cgi_params *p, const char *v)
{
    p->sort_given = *v != '\0';
    if (!*v || strcmp(v, "relevance") == 0)
        p->sort = PX_SORT_RELEVANCE;
    else if (strcmp(v, "newest") == 0)
        p->sort = PX_SORT_NEWEST;
    else if (strcmp(v, "oldest") == 0)
        p->sort = PX_SORT_OLDEST;
    else
        return 0;
    return 1;
}

static int set_id(cgi_params *p, const char *v)
{
    int64_t id = 0;
    size_t n = 0;
    for (; v[n]; n++) {
        if (v[n] < '0' || v[n] > '9' || n >= 15)
            return 0;
        id = id * 10 + (v[n] - '0');
    }
    p->id = id;
    return n > 0 && id > 0;
}

/* Everything but q and outlet: short keywords, numbers and dates.  An
** empty value means "not given", as an untouched form field sends it. */
static int set_other(cgi_params *p, const char *name, const char *v,
                     char *err, size_t errlen)
{
    int ok = 1;
    if (strcmp(name, "from") == 0 || strcmp(name, "to") == 0) {
        char *dst = name[0] == 'f' ? p->from : p->to;
        ok = !*v || cgi_valid_date(v);
        if (ok)
            snprintf(dst, 11, "%s", v);
        if (!ok)
            return bad(err, errlen, "%s: expected a date written YYYY-MM-DD",
                       name);
    } else if (strcmp(name, "sort") == 0) {
        ok = set_sort(p, v);
        if (!ok)
            return bad(err, errlen, "%s: expected relevance, newest or oldest",
                       name);
    } else if (strcmp(name, "offset") == 0) {
        ok = !*v ? (p->offset = 0, 1)
                 : parse_count(v, CGI_MAX_OFFSET, &p->offset);
        if (!ok)
            return bad(err, errlen, "%s: expected a number from 0 to "
                       STR(CGI_MAX_OFFSET), name);
    } else if (strcmp(name, "limit") == 0) {
        ok = !*v ? (p->limit = CGI_DEFAULT_LIMIT, 1)
                 : parse_count(v, CGI_MAX_LIMIT, &p->limit) && p->limit > 0;
        if (!ok)
            return bad(err, errlen, "%s: expected a number from 1 to "
                       STR(CGI_MAX_LIMIT), name);
    } else if (strcmp(name, "format") == 0) {
        ok = !*v || strcmp(v, "html") == 0 || strcmp(v, "json") == 0;
        p->json = strcmp(v, "json") == 0;
        if (!ok)
            return bad(err, errlen, "%s: expected html or json", name);
    } else if (strcmp(name, "id") == 0) {
        if (*v && !set_id(p, v))
            return bad(err, errlen, "%s: expected an article number", name);
    }
    return CGI_PARAMS_OK;
}

static unsigned seen_bit(const char *name)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        {"q", SEEN_Q}, {"from", SEEN_FROM}, {"to", SEEN_TO},
        {"sort", SEEN_SORT}, {"offset", SEEN_OFFSET}, {"limit", SEEN_LIMIT},
        {"format", SEEN_FORMAT}, {"id", SEEN_ID}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].bit;
    return 0;
}

/* Handles one name=value pair of s[0..n). */
static int parse_pair(cgi_params *p, const char *s, size_t n, unsigned *seen,
                      char *err, size_t errlen)
{
    const char *eq = memchr(s, '=', n);
    size_t nlen = eq ? (size_t)(eq - s) : n;
    int bad_enc;
    char *name = decode(s, nlen, &bad_enc);
    if (!name)
        return bad_enc ? bad(err, errlen, "%s: malformed %%-encoding in a "
                             "parameter name", "request")
                       : CGI_PARAMS_NOMEM;
    unsigned bit = seen_bit(name);
    int known = bit || strcmp(name, "outlet") == 0;
    if (!known) {                 /* tolerated, not even decoded */
        free(name);
        return CGI_PARAMS_OK;
    }
    int rc = CGI_PARAMS_OK;
    char *val = eq ? decode(eq + 1, n - nlen - 1, &bad_enc) : strdup("");
    if (!val)
        rc = eq && bad_enc
             ? bad(err, errlen, "%s: malformed %%-encoding", name)
             : CGI_PARAMS_NOMEM;
    else if (bit & *seen)
        rc = bad(err, errlen, "%s: given more than once", name);
    *seen |= bit;
    if (rc == CGI_PARAMS_OK && (bit == SEEN_Q || !bit))
        rc = set_text(p, name, val, err, errlen), val = NULL;
    else if (rc == CGI_PARAMS_OK && !clean_text(val))
        rc = bad(err, errlen, "%s: not valid UTF-8 text", name);
    else if (rc == CGI_PARAMS_OK)
        rc = set_other(p, name, val, err, errlen);
    free(val);
    free(name);
    return rc;
}

int cgi_params_parse(const char *qs, cgi_params *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->limit = CGI_DEFAULT_LIMIT;
    if (err && errlen)
        err[0] = '\0';
    if (!(p->q = strdup("")))
        return CGI_PARAMS_NOMEM;
    if (!qs)
        qs = "";
    if (strlen(qs) > CGI_MAX_QS)
        return bad(err, errlen, "%s is longer than " STR(CGI_MAX_QS)
                   " bytes", "the request");
    unsigned seen = 0;
    size_t pairs = 0;
    for (const char *s = qs;;) {
        const char *amp = strchr(s, '&');
        size_t n = amp ? (size_t)(amp - s) : strlen(s);
        if (n > 0 && ++pairs > CGI_MAX_PARAMS)
            return bad(err, errlen, "%s has more than " STR(CGI_MAX_PARAMS)
                       " parameters", "the request");
        int rc = n > 0 ? parse_pair(p, s, n, &seen, err, errlen)
                       : CGI_PARAMS_OK;
        if (rc != CGI_PARAMS_OK)
            return rc;
        if (!amp)
            break;
        s = amp + 1;
    }
    if (p->from[0] && p->to[0] && strcmp(p->from, p->to) > 0)
        return bad(err, errlen, "%s: the from date is after the to date",
                   "from");
    return CGI_PARAMS_OK;
}

void cgi_params_free(cgi_params *p)
{
    for (size_t i = 0; i < p->n_outlets; i++)
        free(p->outlets[i]);
    free(p->outlets);
    free(p->q);
    memset(p, 0, sizeof *p);
}

static void put_pair(cgi_buf *b, int *first, const char *name,
                     const char *value)
{
    if (!*first)
        cgi_buf_putn(b, "&", 1);
    *first = 0;
    cgi_buf_puts(b, name);
    cgi_buf_putn(b, "=", 1);
    cgi_url_esc(b, value);
}

void cgi_params_query(cgi_buf *b, const cgi_params *p)
{
    int first = 1;
    char num[24];
    if (p->q && *p->q)
        put_pair(b, &first, "q", p->q);
    for (size_t i = 0; i < p->n_outlets; i++)
        put_pair(b, &first, "outlet", p->outlets[i]);
    if (p->from[0])
        put_pair(b, &first, "from", p->from);
    if (p->to[0])
        put_pair(b, &first, "to", p->to);
    if (p->sort_given)
        put_pair(b, &first, "sort", cgi_sort_name(p->sort));
    if (p->limit && p->limit != CGI_DEFAULT_LIMIT) {
        snprintf(num, sizeof num, "%zu", p->limit);
        put_pair(b, &first, "limit", num);
    }
    if (p->offset) {
        snprintf(num, sizeof num, "%zu", p->offset);
        put_pair(b, &first, "offset", num);
    }
}
