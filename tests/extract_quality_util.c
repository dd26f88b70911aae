/*
** extract_quality_util.c — the helpers the extract_quality test's sets
** share: the public benchmark's body measure and reading files.
**
** Bodies are scored as that benchmark does (../shared/extraction/README.md):
** tokens are runs of word characters (\w+, Unicode, case kept); each text
** is a multiset of 4-token shingles (a text of fewer tokens is one
** shingle); per page TP/FP/FN are the shingle count overlaps normalised to
** sum to 1, so precision = shared/extracted and recall = shared/expected.
** A page with nothing expected and nothing extracted counts 1; a page
** where only one side is empty counts 0 on the measure that is undefined.
** Word characters follow the C library's iswalnum() in the UTF-8 locale
** main() sets.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include <zlib.h>

#include "extract_quality.h"

int q_verbose;

/* ---- shingle scoring ----------------------------------------------- */

void q_push(q_strs *s, char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            abort();
    }
    s->v[s->n++] = x;
}

void q_free(q_strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Unicode word tokens (\w+: letters, digits, underscore). */
static void q_tokens(const char *text, q_strs *out)
{
    mbstate_t ms;
    memset(&ms, 0, sizeof ms);
    const char *p = text, *start = NULL;
    size_t left = strlen(text);
    while (1) {
        wchar_t wc = 0;
        size_t k = left ? mbrtowc(&wc, p, left, &ms) : 0;
        if (k == (size_t)-1 || k == (size_t)-2) {
            memset(&ms, 0, sizeof ms);
            k = 1;
            wc = L' ';
        }
        int w = k > 0 && (iswalnum((wint_t)wc) || wc == L'_');
        if (w && !start)
            start = p;
        if (!w && start) {
            char *t = strndup(start, (size_t)(p - start));
            q_push(out, t);
            start = NULL;
        }
        if (k == 0)
            break;
        p += k;
        left -= k;
    }
}

static int q_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void q_shingles(const char *text, q_strs *out)
{
    q_strs tok = {0};
    q_tokens(text ? text : "", &tok);
    size_t n = tok.n < 4 ? (tok.n ? 1 : 0) : tok.n - 3;
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        for (size_t j = i; j < i + 4 && j < tok.n; j++)
            len += strlen(tok.v[j]) + 1;
        char *s = malloc(len + 1);
        s[0] = '\0';
        for (size_t j = i; j < i + 4 && j < tok.n; j++) {
            if (j > i)
                strcat(s, " ");
            strcat(s, tok.v[j]);
        }
        q_push(out, s);
    }
    q_free(&tok);
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, q_cmp);
}

/* Per-page precision and recall from the shingle overlaps. */
void q_score(const char *truth, const char *pred, double *prec,
                    double *rec)
{
    q_strs t = {0}, p = {0};
    q_shingles(truth, &t);
    q_shingles(pred, &p);
    size_t i = 0, j = 0, tp = 0;
    while (i < t.n && j < p.n) {
        int c = strcmp(t.v[i], p.v[j]);
        if (c == 0) {
            tp++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    double fp = (double)(p.n - tp), fn = (double)(t.n - tp), sum = tp + fp + fn;
    double ntp = sum > 0 ? tp / sum : 0;
    fp = sum > 0 ? fp / sum : 0;
    fn = sum > 0 ? fn / sum : 0;
    *prec = ntp + fp > 0 ? ntp / (ntp + fp) : (fn > 0 ? 0 : 1);
    *rec = ntp + fn > 0 ? ntp / (ntp + fn) : (fp > 0 ? 0 : 1);
    q_free(&t);
    q_free(&p);
}

/* ---- files ---------------------------------------------------------- */

/* dir + "/" + name into buf; 0 when it does not fit. */
int q_path(char *buf, size_t size, const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    if (a + b + 2 > size)
        return buf[0] = '\0', 0;
    memcpy(buf, dir, a);
    buf[a] = '/';
    memcpy(buf + a + 1, name, b + 1);
    return 1;
}

char *q_read(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");   /* reads plain files too */
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int k;
    while (buf && (k = gzread(f, buf + n, (unsigned)(cap - n - 1))) > 0) {
        n += (size_t)k;
        if (cap - n < 4096) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    gzclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

int q_has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcasecmp(s + a - b, suf) == 0;
}
