/*
** cgi_mark.c — finding the searched words again in a title or a whole
** article, to mark them (see cgi_mark.h for what is marked and why).
**
** The query is read the way a person wrote it, not parsed by Xapian: the
** page only needs to know which words were asked for, and reading them
** here keeps the page's markup independent of the backend.  Stems come
** from libstemmer, the Snowball library the index's own stemmer wraps,
** so "strike" marks what the search matched for it.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libstemmer.h>

#include "cgi_mark.h"

#define MARK_MAX_WORDS 64       /* words of a query looked for */
#define MARK_MAX_WORD 64        /* bytes of one word compared */

typedef enum { MARK_STEM, MARK_EXACT, MARK_PREFIX } mark_kind;

typedef struct {
    char w[MARK_MAX_WORD + 1];  /* lower-cased; the stem for MARK_STEM */
    mark_kind kind;
} mark_word;

struct cgi_marks {
    struct sb_stemmer *stem;    /* NULL: no stemming */
    mark_word words[MARK_MAX_WORDS];
    size_t n;
};

/* Length of the UTF-8 punctuation at s (curly quotes, dashes, no-break
** space, guillemets), 0 when s does not start with one. */
static size_t mark_punct(const unsigned char *s, size_t n)
{
    if (n >= 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81))
        return 3;
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0xAB ||
                                   s[1] == 0xBB))
        return 2;
    return 0;
}

static int mark_apostrophe(const unsigned char *s, size_t n)
{
    if (n >= 1 && s[0] == '\'')
        return 1;
    return n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99 ? 3 : 0;
}

static int mark_is_word_byte(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
        (c >= 'A' && c <= 'Z'))
        return 1;
    return c >= 0x80 && !mark_punct(s, n);
}

/* The length of the word at s[0..n): letters and digits, with an
** apostrophe between letters kept inside ("port's"); 0 when none. */
static size_t mark_word_len(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (mark_is_word_byte(s + i, n - i)) {
            i++;
            continue;
        }
        int a = i > 0 ? mark_apostrophe(s + i, n - i) : 0;
        if (a && i + (size_t)a < n && mark_is_word_byte(s + i + a, n - i - a))
            i += (size_t)a;
        else
            break;
    }
    return i;
}

/* Lower-cases (ASCII) s[0..n) into out, dropping a possessive "'s", as
** the indexer's tokeniser does before stemming; returns the length. */
static size_t mark_fold(const unsigned char *s, size_t n, char *out)
{
    if (n > MARK_MAX_WORD)
        n = MARK_MAX_WORD;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        out[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[k] = '\0';
    if (k > 2 && strcmp(out + k - 2, "'s") == 0)
        out[k -= 2] = '\0';
    else if (k > 4 && strcmp(out + k - 4, "\xE2\x80\x99s") == 0)
        out[k -= 4] = '\0';
    return k;
}

/* The stem of a folded word, into out (MARK_MAX_WORD + 1 bytes). */
static void mark_stem(const cgi_marks *m, const char *w, size_t n, char *out)
{
    const sb_symbol *st = m->stem ? sb_stemmer_stem(m->stem,
                                        (const sb_symbol *)w, (int)n) : NULL;
    size_t len = st ? (size_t)sb_stemmer_length(m->stem) : 0;
    if (!st || len > MARK_MAX_WORD) {
        memcpy(out, w, n + 1);
        return;
    }
    memcpy(out, st, len);
    out[len] = '\0';
}

static void mark_add(cgi_marks *m, const unsigned char *s, size_t n,
                     mark_kind kind)
{
    char folded[MARK_MAX_WORD + 1];
    if (m->n >= MARK_MAX_WORDS || n == 0)
        return;
    size_t k = mark_fold(s, n, folded);
    if (k == 0)
        return;
    mark_word *w = &m->words[m->n++];
    w->kind = kind == MARK_STEM && !m->stem ? MARK_EXACT : kind;
    if (w->kind == MARK_STEM)
        mark_stem(m, folded, k, w->w);
    else
        memcpy(w->w, folded, k + 1);
}

/* Non-zero for the operators of the query syntax (upper case only, as
** the search reads them): AND, OR, NOT, XOR, NEAR[/n], ADJ[/n]. */
static int mark_operator(const char *t, size_t n)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR",
                                      "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        size_t k = strlen(ops[i]);
        if (n >= k && memcmp(t, ops[i], k) == 0 && (n == k || t[k] == '/'))
            return 1;
    }
    return 0;
}

/* Adds the words of one token (a run without space, parenthesis or
** quote), `skip` when the token's words must not be marked. */
static void mark_token(cgi_marks *m, const unsigned char *t, size_t n,
                       mark_kind kind, int skip)
{
    int prefix = n > 1 && t[n - 1] == '*';
    for (size_t i = 0; i < n;) {
        size_t w = mark_is_word_byte(t + i, n - i) ? mark_word_len(t + i,
                                                                    n - i)
                                                   : 0;
        if (w == 0) {   /* step over a whole UTF-8 punctuation mark */
            size_t pl = mark_punct(t + i, n - i);
            i += pl ? pl : 1;
            continue;
        }
        int last = i + w >= n - (size_t)prefix;
        if (!skip)
            mark_add(m, t + i, w, prefix && last ? MARK_PREFIX : kind);
        i += w;
    }
}

/* How a token of the query is read: its words marked, skipped (an
** exclusion or a filter), or a field prefix whose value follows. */
static int mark_field_skips(const unsigned char *t, size_t n, size_t *colon)
{
    const unsigned char *c = memchr(t, ':', n);
    if (!c)
        return 0;
    *colon = (size_t)(c - t);
    size_t f = *colon;
    /* title: and author: search words; every other field filters. */
    return !((f == 5 && strncasecmp((const char *)t, "title", 5) == 0) ||
             (f == 6 && strncasecmp((const char *)t, "author", 6) == 0));
}

cgi_marks *cgi_marks_new(const char *query, const char *language)
{
    cgi_marks *m = calloc(1, sizeof *m);
    if (!m || !query)
        return free(m), NULL;
    m->stem = language && *language ? sb_stemmer_new(language, "UTF_8")
                                    : NULL;
    const unsigned char *q = (const unsigned char *)query;
    size_t len = strlen(query), i = 0;
    int quoted = 0, skip_next = 0, skip_quote = 0;
    while (i < len) {
        size_t pl = mark_punct(q + i, len - i);
        int is_quote = q[i] == '"' ||
                       (pl == 3 && q[i + 1] == 0x80 &&
                        (q[i + 2] == 0x9C || q[i + 2] == 0x9D));
        if (is_quote) {
            quoted = !quoted;
            skip_quote = quoted && skip_next;
            skip_next = 0;
            i += q[i] == '"' ? 1 : 3;
            continue;
        }
        if (q[i] == ' ' || q[i] == '\t' || q[i] == '(' || q[i] == ')') {
            i++;
            continue;
        }
        size_t n = 0;
        while (i + n < len && q[i + n] != ' ' && q[i + n] != '\t' &&
               q[i + n] != '(' && q[i + n] != ')' && q[i + n] != '"' &&
               !(mark_punct(q + i + n, len - i - n) == 3 &&
                 q[i + n + 1] == 0x80 && (q[i + n + 2] == 0x9C ||
                                          q[i + n + 2] == 0x9D)))
            n++;
        const unsigned char *t = q + i;
        i += n;
        if (quoted) {
            mark_token(m, t, n, MARK_EXACT, skip_quote);
            continue;
        }
        size_t colon = 0;
        int skip = skip_next;
        skip_next = 0;
        if (mark_operator((const char *)t, n)) {
            skip_next = n == 3 && memcmp(t, "NOT", 3) == 0;
            continue;
        }
        if (*t == '-' || *t == '+') {
            skip |= *t == '-';
            t++;
            n--;
        }
        if (n && mark_field_skips(t, n, &colon)) {
            skip = 1;
        } else if (n && memchr(t, ':', n)) {
            t += colon + 1;
            n -= colon + 1;
        }
        /* A field or exclusion followed by a quote covers the phrase. */
        if (n == 0 || t[n - 1] == ':')
            skip_next = skip;
        mark_token(m, t, n, MARK_STEM, skip);
    }
    if (m->n == 0) {
        cgi_marks_free(m);
        return NULL;
    }
    return m;
}

void cgi_marks_free(cgi_marks *m)
{
    if (!m)
        return;
    if (m->stem)
        sb_stemmer_delete(m->stem);
    free(m);
}

/* Non-zero when the word s[0..n) of a text is one m marks. */
static int mark_matches(const cgi_marks *m, const unsigned char *s, size_t n)
{
    char folded[MARK_MAX_WORD + 1], stem[MARK_MAX_WORD + 1];
    size_t k = mark_fold(s, n, folded);
    int stemmed = 0;
    for (size_t i = 0; i < m->n; i++) {
        const mark_word *w = &m->words[i];
        if (w->kind == MARK_EXACT && strcmp(folded, w->w) == 0)
            return 1;
        if (w->kind == MARK_PREFIX && strncmp(folded, w->w,
                                              strlen(w->w)) == 0)
            return 1;
        if (w->kind == MARK_STEM) {
            if (!stemmed++)
                mark_stem(m, folded, k, stem);
            if (strcmp(stem, w->w) == 0)
                return 1;
        }
    }
    return 0;
}

void cgi_marks_html(cgi_buf *b, const cgi_marks *m, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t done = 0, i = 0;
    if (!m) {
        cgi_html_escn(b, s, n);
        return;
    }
    while (i < n) {
        size_t w = mark_is_word_byte(u + i, n - i) ? mark_word_len(u + i,
                                                                   n - i)
                                                   : 0;
        if (w == 0) {
            size_t pl = mark_punct(u + i, n - i);
            i += pl ? pl : 1;
            continue;
        }
        if (mark_matches(m, u + i, w)) {
            cgi_html_escn(b, s + done, i - done);
            cgi_buf_puts(b, "<mark>");
            cgi_html_escn(b, s + i, w);
            cgi_buf_puts(b, "</mark>");
            done = i + w;
        }
        i += w;
    }
    cgi_html_escn(b, s + done, n - done);
}
