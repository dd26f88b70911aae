/*
** scan.c — many phrases found in one pass over a text.
**
** The chrome tables hold about a hundred phrases asked of every line of
** every page; searching for them one by one reads each line a hundred
** times.  An Aho–Corasick automaton reads it once: a trie of the phrases
** whose every state knows, for each byte, the state of the longest phrase
** prefix the text then ends with.  Bytes are folded as pxe_stristr()
** folds them (ASCII letters only), so a phrase is found exactly where
** pxe_stristr() would find it.  Bytes no phrase holds share one class,
** which keeps the table to a few dozen columns.
*/
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

struct pxe_scan {
    unsigned char cls[256];  /* byte -> column; 0: in no phrase */
    size_t ncls, nstates;
    int *next;               /* nstates x ncls: the state after a byte,
                             ** as a row offset (scan_rows) */
    int *fail;               /* longest proper suffix that is a state */
    int *out;                /* first phrase ending here, or -1 */
    int *dict;               /* nearest suffix state with a phrase, or 0 */
    int *same;               /* next phrase ending at the same state */
    size_t *len;             /* length of each phrase */
};

static unsigned char scan_fold(unsigned char c)
{
    return (unsigned)c - 'A' < 26u ? (unsigned char)(c | 0x20) : c;
}

/* Columns for the bytes the phrases hold, capitals sharing their
** letter's; returns the states the trie may need (1 + all bytes). */
static size_t scan_classes(pxe_scan *s, const char *const *pats, size_t n)
{
    size_t total = 1;
    s->ncls = 1;
    for (size_t i = 0; i < n; i++)
        for (const unsigned char *p = (const unsigned char *)pats[i]; *p;
             p++, total++) {
            unsigned char c = scan_fold(*p);
            if (!s->cls[c])
                s->cls[c] = (unsigned char)s->ncls++;
        }
    for (unsigned c = 'A'; c <= 'Z'; c++)
        s->cls[c] = s->cls[c | 0x20];
    return total;
}

/* The trie of the phrases, state 0 its root; -1 marks a missing edge. */
static void scan_trie(pxe_scan *s, const char *const *pats, size_t n)
{
    s->nstates = 1;
    for (size_t i = 0; i < n; i++) {
        int st = 0;
        const unsigned char *p = (const unsigned char *)pats[i];
        for (; *p; p++) {
            int *e = &s->next[(size_t)st * s->ncls + s->cls[*p]];
            if (*e < 0)
                *e = (int)s->nstates++;
            st = *e;
        }
        s->len[i] = strlen(pats[i]);
        s->same[i] = s->out[st];
        s->out[st] = (int)i;
    }
}

/* Fail links breadth first, filling each missing edge with the fail
** state's: the trie becomes a machine that never backs up. */
static int scan_links(pxe_scan *s)
{
    int *queue = malloc(s->nstates * sizeof *queue);
    if (!queue)
        return -1;
    size_t head = 0, tail = 0;
    for (size_t c = 0; c < s->ncls; c++) {
        int *e = &s->next[c];
        if (*e < 0)
            *e = 0;
        else {
            s->fail[*e] = 0;
            queue[tail++] = *e;
        }
    }
    while (head < tail) {
        int st = queue[head++];
        int f = s->fail[st];
        s->dict[st] = s->out[f] >= 0 ? f : s->dict[f];
        for (size_t c = 0; c < s->ncls; c++) {
            int *e = &s->next[(size_t)st * s->ncls + c];
            int via = s->next[(size_t)f * s->ncls + c];
            if (*e < 0)
                *e = via;
            else {
                s->fail[*e] = via;
                queue[tail++] = *e;
            }
        }
    }
    free(queue);
    return 0;
}

/* Turns next[] into row offsets, each with its low bit set when the
** state ends a phrase (its own or a suffix's): the scan's inner loop is
** then one load and one test per byte. */
static void scan_rows(pxe_scan *s)
{
    for (size_t i = 0; i < s->nstates * s->ncls; i++) {
        int st = s->next[i];
        int ends = st > 0 && (s->out[st] >= 0 || s->dict[st] > 0);
        s->next[i] = (int)((size_t)st * s->ncls) << 1 | ends;
    }
}

void pxe_scan_free(pxe_scan *s)
{
    if (!s)
        return;
    free(s->next);
    free(s->fail);
    free(s->out);
    free(s->dict);
    free(s->same);
    free(s->len);
    free(s);
}

pxe_scan *pxe_scan_new(const char *const *pats, size_t n)
{
    pxe_scan *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    size_t max = scan_classes(s, pats, n);
    s->next = malloc(max * s->ncls * sizeof *s->next);
    s->fail = calloc(max, sizeof *s->fail);
    s->out = malloc(max * sizeof *s->out);
    s->dict = calloc(max, sizeof *s->dict);
    s->same = malloc((n ? n : 1) * sizeof *s->same);
    s->len = malloc((n ? n : 1) * sizeof *s->len);
    if (!s->next || !s->fail || !s->out || !s->dict || !s->same || !s->len) {
        pxe_scan_free(s);
        return NULL;
    }
    memset(s->next, 0xff, max * s->ncls * sizeof *s->next);
    memset(s->out, 0xff, max * sizeof *s->out);
    scan_trie(s, pats, n);
    if (scan_links(s) < 0) {
        pxe_scan_free(s);
        return NULL;
    }
    scan_rows(s);
    return s;
}

int pxe_scan_run(const pxe_scan *s, const char *text, pxe_scan_hit hit,
                 void *arg)
{
    int row = 0;
    for (size_t i = 0; text[i]; i++) {
        int v = s->next[(size_t)row + s->cls[(unsigned char)text[i]]];
        row = v >> 1;
        if (!(v & 1))
            continue;
        int st = (int)((size_t)row / s->ncls);
        for (int t = s->out[st] >= 0 ? st : s->dict[st]; t > 0;
             t = s->dict[t])
            for (int p = s->out[t]; p >= 0; p = s->same[p]) {
                int r = hit(arg, (size_t)p, i + 1 - s->len[p]);
                if (r)
                    return r;
            }
    }
    return 0;
}
