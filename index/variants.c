/*
** variants.c — spelling variants treated as one word (Kyiv/Kiev,
** Gaddafi/Qaddafi/Kadhafi…), applied by rewriting the query string.
**
** The rewrite happens before parsing, so that it reaches quoted phrases
** too: a word outside quotes becomes (w OR v1 OR …); a phrase containing
** such words becomes an OR of the phrase in each spelling (at most
** PX_VARIANT_MAX_PHRASES of them).  Field-prefixed words, wildcards and
** +/- words are left alone.
*/
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pressdex.h"

#define PX_VARIANT_MAX_PHRASES 16

struct px_variants {
    char **words;      /* all words, lower case */
    int *group;        /* group number of each word */
    size_t n, cap;
    int groups;
    /* Open-addressing index over words: looked up for every word of every
    ** article a quote is aligned with, so it must be cheap. */
    size_t *slots;     /* word index + 1, 0 = empty */
    size_t n_slots;    /* a power of two, at least 2 * n */
};

static uint64_t word_hash(const char *a, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)tolower((unsigned char)a[i]);
        h *= 0x100000001b3ULL;
    }
    return h;
}

static px_status build_slots(px_variants *v)
{
    size_t n_slots = 16;
    while (n_slots < 2 * v->n)
        n_slots *= 2;
    size_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return PX_ENOMEM;
    for (size_t i = 0; i < v->n; i++) {
        size_t k = word_hash(v->words[i], strlen(v->words[i])) & (n_slots - 1);
        while (slots[k])
            k = (k + 1) & (n_slots - 1);
        slots[k] = i + 1;
    }
    free(v->slots);
    v->slots = slots;
    v->n_slots = n_slots;
    return PX_OK;
}

static int lower_eq(const char *a, size_t n, const char *b)
{
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)a[i]) != (unsigned char)b[i])
            return 0;
    return b[n] == '\0';
}

/* Group of the word a[0..n), or -1. */
static int group_of(const px_variants *v, const char *a, size_t n)
{
    if (!v || !v->n_slots)
        return -1;
    size_t mask = v->n_slots - 1, k = word_hash(a, n) & mask;
    for (; v->slots[k]; k = (k + 1) & mask)
        if (lower_eq(a, n, v->words[v->slots[k] - 1]))
            return v->group[v->slots[k] - 1];
    return -1;
}

static px_status add_word(px_variants *v, const char *w, size_t n, int group)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        char **words = realloc(v->words, cap * sizeof *words);
        if (words)
            v->words = words;
        int *groups = words ? realloc(v->group, cap * sizeof *groups) : NULL;
        if (!groups)
            return PX_ENOMEM;
        v->group = groups;
        v->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return PX_ENOMEM;
    for (size_t i = 0; i < n; i++)
        copy[i] = (char)tolower((unsigned char)w[i]);
    copy[n] = '\0';
    v->words[v->n] = copy;
    v->group[v->n++] = group;
    return PX_OK;
}

static px_status load_line(px_variants *v, const char *line)
{
    size_t before = v->n;
    for (const char *p = line; *p && *p != '#';) {
        while (*p && (isspace((unsigned char)*p) || *p == ','))
            p++;
        size_t n = strcspn(p, " \t\r\n,#");
        if (n && add_word(v, p, n, v->groups) != PX_OK)
            return PX_ENOMEM;
        p += n;
    }
    if (v->n - before == 1) {          /* a group of one says nothing */
        free(v->words[--v->n]);
    } else if (v->n > before) {
        v->groups++;
    }
    return PX_OK;
}

px_status px_variants_load(px_variants **vp, const char *path, px_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return px_err_set(err, PX_EIO, "cannot read variants file %s: %s",
                          path, strerror(errno));
    px_variants *v = *vp ? *vp : calloc(1, sizeof *v);
    px_status st = v ? PX_OK : PX_ENOMEM;
    char line[1024];
    while (st == PX_OK && fgets(line, sizeof line, f))
        st = load_line(v, line);
    fclose(f);
    if (st == PX_OK)
        st = build_slots(v);
    if (v)
        *vp = v;
    return st == PX_OK ? PX_OK : px_err_set(err, st, "out of memory");
}

const char *px_variants_canonical(const px_variants *v, const char *word,
                                  size_t len)
{
    int g = group_of(v, word, len);
    for (size_t i = 0; g >= 0 && i < v->n; i++)
        if (v->group[i] == g)
            return v->words[i];
    return NULL;
}

void px_variants_free(px_variants *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->words[i]);
    free(v->words);
    free(v->group);
    free(v->slots);
    free(v);
}

/* ------------------------------------------------------------------ */
/* Rewriting                                                            */
/* ------------------------------------------------------------------ */

typedef struct {
    char *s;
    size_t n, cap;
    int oom;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

/* The word core of token t[0..n): without surrounding punctuation. */
static void word_core(const char *t, size_t n, size_t *start, size_t *len)
{
    size_t a = 0, z = n;
    while (a < z && !isalnum((unsigned char)t[a]) && !((unsigned char)t[a] & 0x80))
        a++;
    while (z > a && !isalnum((unsigned char)t[z - 1]) && !((unsigned char)t[z - 1] & 0x80))
        z--;
    *start = a;
    *len = z - a;
}

/* Emits the phrase text[0..n) once per combination of spellings, as
** `field"…" OR field"…"`, combination `k` choosing spellings by mixed
** radix over the variant words in order. */
static void emit_phrases(const px_variants *v, sbuf *b, const char *field,
                         size_t flen, const char *text, size_t n)
{
    size_t combos = 1;
    for (const char *p = text; p < text + n;) {
        size_t tl = strcspn(p, " "), ws, wl;
        if (tl > (size_t)(text + n - p))
            tl = (size_t)(text + n - p);
        word_core(p, tl, &ws, &wl);
        int g = wl ? group_of(v, p + ws, wl) : -1;
        if (g >= 0) {
            size_t members = 0;
            for (size_t i = 0; i < v->n; i++)
                members += v->group[i] == g;
            if (combos * members <= PX_VARIANT_MAX_PHRASES)
                combos *= members;
        }
        p += tl + (tl < (size_t)(text + n - p));
    }
    puts_(b, combos > 1 ? "(" : "");
    for (size_t k = 0; k < combos; k++) {
        size_t radix = k;
        if (k)
            puts_(b, " OR ");
        put(b, field, flen);
        puts_(b, "\"");
        for (const char *p = text; p < text + n;) {
            size_t rest = (size_t)(text + n - p), tl = strcspn(p, " "), ws, wl;
            if (tl > rest)
                tl = rest;
            word_core(p, tl, &ws, &wl);
            int g = wl && combos > 1 ? group_of(v, p + ws, wl) : -1;
            if (g < 0) {
                put(b, p, tl);
            } else {
                size_t members = 0, pick;
                for (size_t i = 0; i < v->n; i++)
                    members += v->group[i] == g;
                pick = radix % members;
                radix /= members;
                put(b, p, ws);
                for (size_t i = 0, m = 0; i < v->n; i++)
                    if (v->group[i] == g && m++ == pick)
                        puts_(b, v->words[i]);
                put(b, p + ws + wl, tl - ws - wl);
            }
            p += tl;
            if (p < text + n)
                put(b, p++, 1);
        }
        puts_(b, "\"");
    }
    puts_(b, combos > 1 ? ")" : "");
}

static void emit_word(const px_variants *v, sbuf *b, const char *t, size_t n)
{
    size_t ws, wl;
    word_core(t, n, &ws, &wl);
    int g = -1;
    if (wl && !memchr(t, ':', n) && !memchr(t, '*', n) && t[0] != '-' &&
        t[0] != '+')
        g = group_of(v, t + ws, wl);
    if (g < 0) {
        put(b, t, n);
        return;
    }
    put(b, t, ws);
    puts_(b, "(");
    for (size_t i = 0, first = 1; i < v->n; i++)
        if (v->group[i] == g) {
            puts_(b, first ? "" : " OR ");
            puts_(b, v->words[i]);
            first = 0;
        }
    puts_(b, ")");
    put(b, t + ws + wl, n - ws - wl);
}

px_status px_variants_expand(const px_variants *v, const char *q, char **out,
                             px_err *err)
{
    sbuf b = {0};
    puts_(&b, "");
    for (const char *p = q; *p;) {
        if (isspace((unsigned char)*p) || *p == '(' || *p == ')') {
            put(&b, p++, 1);
            continue;
        }
        size_t n = strcspn(p, " \t\r\n()\"");
        const char *quote = p[n] == '"' ? p + n : NULL;
        const char *close = quote ? strchr(quote + 1, '"') : NULL;
        if (close) {   /* field"phrase" or "phrase" */
            emit_phrases(v, &b, p, n, quote + 1, (size_t)(close - quote - 1));
            p = close + 1;
        } else if (quote) {   /* unbalanced quote: leave the rest alone */
            puts_(&b, p);
            break;
        } else {
            emit_word(v, &b, p, n);
            p += n;
        }
    }
    if (b.oom) {
        free(b.s);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    *out = b.s;
    return PX_OK;
}
