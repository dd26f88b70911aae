/*
** quote.c — finding the articles that carry a quote (see quote.h).
**
** Exact matches come from a phrase query; near matches from a query for
** the quote's runs of consecutive words (shingle_query), whose candidates
** are aligned word by word with the quote (a longest-common-subsequence
** over words, with spelling variants folded to one form and an article's
** possessive taken as its word) to score them and to cut out the sentence
** that matched.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"

#define MAX_QUOTE_WORDS 64
#define MAX_EXACT 2000
/* Near-match candidates weighing less than this share of the best one are
** not aligned: they hold only common pairs of the quote's words. */
#define NEAR_CUTOFF 0.25

typedef struct {
    const char *s;     /* start in the text */
    size_t len;
    const char *key;   /* canonical spelling when it has variants */
} word;

typedef struct {
    word *w;
    size_t n, cap;
} words;

static int is_word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Splits text into words the way the index does in spirit: runs of
** letters and digits, with an apostrophe or ampersand inside a word kept
** ("it's", "R&D"). */
static int split_words(const char *text, const px_variants *v, words *out)
{
    out->n = 0;
    for (const char *p = text; *p;) {
        if (!is_word_byte((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *start = p;
        /* Infix characters as the indexer's tokenizer keeps them:
        ** "it's", "R&D", "4.5", "1,000". */
        while (is_word_byte((unsigned char)*p) ||
               ((*p == '\'' || *p == '&') && is_word_byte((unsigned char)p[1])) ||
               ((*p == '.' || *p == ',') && p > start &&
                isdigit((unsigned char)p[-1]) && isdigit((unsigned char)p[1])))
            p++;
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 256;
            word *w = realloc(out->w, cap * sizeof *w);
            if (!w)
                return -1;
            out->w = w;
            out->cap = cap;
        }
        word *w = &out->w[out->n++];
        w->s = start;
        w->len = (size_t)(p - start);
        w->key = v ? px_variants_canonical(v, start, w->len) : NULL;
    }
    return 0;
}

/* Quote word a against article word b: the same word in any case, or the
** same spelling group; an article's possessive counts as the word itself
** ("Court" finds "Court's", as phrase searches do), not the reverse. */
static int word_eq(const word *a, const word *b)
{
    if (a->key || b->key)
        return a->key == b->key;
    if (a->len != b->len &&
        !(b->len == a->len + 2 && b->s[a->len] == '\'' &&
          tolower((unsigned char)b->s[a->len + 1]) == 's'))
        return 0;
    for (size_t i = 0; i < a->len; i++)
        if (tolower((unsigned char)a->s[i]) != tolower((unsigned char)b->s[i]))
            return 0;
    return 1;
}

typedef struct {
    double score;
    size_t first, last;   /* matched words in the article */
} alignment;

/* Best alignment of the quote q within the window t[0..m): LCS length L
** and the span it covers give the score 2L / (n + span). */
static alignment align_window(const word *q, size_t n, const word *t,
                              size_t m, unsigned short *dp)
{
    alignment best = {0, 0, 0};
    size_t cols = m + 1;
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= m; j++)
            dp[i * cols + j] = (i == 0 || j == 0) ? 0
                : word_eq(&q[i - 1], &t[j - 1])
                    ? dp[(i - 1) * cols + j - 1] + 1
                    : (dp[(i - 1) * cols + j] > dp[i * cols + j - 1]
                           ? dp[(i - 1) * cols + j] : dp[i * cols + j - 1]);
    size_t L = dp[n * cols + m];
    if (L == 0)
        return best;
    /* Walk back from the first article word by which all L were matched,
    ** not from the window's end: a quote word repeated later in the window
    ** (a "the", a "he") would otherwise stretch the span and sink the
    ** score of a one-word change below the threshold. */
    size_t end = m;
    while (end > 1 && dp[n * cols + end - 1] == L)
        end--;
    size_t i = n, j = end, first = 0, last = 0;
    int seen = 0;
    while (i > 0 && j > 0) {
        if (word_eq(&q[i - 1], &t[j - 1]) &&
            dp[i * cols + j] == dp[(i - 1) * cols + j - 1] + 1) {
            if (!seen)
                last = j - 1;
            seen = 1;
            first = j - 1;
            i--, j--;
        } else if (dp[(i - 1) * cols + j] >= dp[i * cols + j - 1]) {
            i--;
        } else {
            j--;
        }
    }
    best.score = 2.0 * (double)L / (double)(n + (last - first + 1));
    best.first = first;
    best.last = last;
    return best;
}

/* Tries windows of the article starting where one of the quote's first
** three words occurs (so that a dropped first word still aligns). */
static alignment align(const words *q, const words *t, unsigned short *dp)
{
    alignment best = {0, 0, 0};
    size_t n = q->n, wlen = 2 * n;
    for (size_t j = 0; j < t->n; j++) {
        int starts = 0;
        for (size_t k = 0; k < n && k < 3; k++)
            starts |= word_eq(&q->w[k], &t->w[j]);
        if (!starts)
            continue;
        size_t m = t->n - j < wlen ? t->n - j : wlen;
        alignment a = align_window(q->w, n, t->w + j, m, dp);
        if (a.score > best.score) {
            best = a;
            best.first += j;
            best.last += j;
        }
        if (best.score >= 1.0)
            break;
    }
    return best;
}

/* The sentence(s) around article words first..last, whitespace collapsed. */
static char *context(const char *body, const words *t, const alignment *a)
{
    const char *s = t->w[a->first].s, *e = t->w[a->last].s + t->w[a->last].len;
    for (; s > body; s--) {
        char c = s[-1];
        if (c == '\n' || (strchr(".!?", c) && isspace((unsigned char)s[0])))
            break;
    }
    /* A sentence ends at . ! ? followed by space, the end, or a closing
    ** quote (straight, or the curly U+201D / U+2019, E2 80 9D / 99). */
    for (; *e && *e != '\n'; e++)
        if (strchr(".!?", *e) && (!e[1] || isspace((unsigned char)e[1]) ||
                                  strchr("\"'", e[1]) ||
                                  (unsigned char)e[1] == 0xE2)) {
            e++;
            break;
        }
    for (;;) {
        if (*e == '"' || *e == '\'')
            e++;
        else if (strncmp(e, "\xE2\x80\x9D", 3) == 0 ||
                 strncmp(e, "\xE2\x80\x99", 3) == 0)
            e += 3;
        else
            break;
    }
    char *out = malloc((size_t)(e - s) + 1), *d = out;
    if (!out)
        return NULL;
    for (const char *p = s; p < e; p++) {
        if (!isspace((unsigned char)*p))
            *d++ = *p;
        else if (d > out && d[-1] != ' ')
            *d++ = ' ';
    }
    while (d > out && d[-1] == ' ')
        d--;
    *d = '\0';
    return out;
}

/* ------------------------------------------------------------------ */
/* Tracing                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    px_index *ix;
    const ps_quote_opts *o;
    words q;
    words t;
    unsigned short *dp;
    ps_quote_result *r;
    size_t cap;
} tracer;

static int seen(const ps_quote_result *r, int64_t docid)
{
    for (size_t i = 0; i < r->n_matches; i++)
        if (r->matches[i].docid == docid)
            return 1;
    return 0;
}

/* Aligns the quote with article `docid` and records it when it scores at
** least min_score (or always, for exact phrase matches). */
static px_status consider(tracer *tr, int64_t docid, int exact, px_err *err)
{
    px_article *a = NULL;
    px_status st = px_index_get(tr->ix, docid, &a, err);
    if (st == PX_ENOTFOUND)
        return PX_OK;
    if (st != PX_OK)
        return st;
    alignment al = {0, 0, 0};
    /* Same folding as the quote got, so that curly quotes and dashes are
    ** not taken for parts of words. */
    px_text_fold_punct(a->body);
    if (split_words(a->body, tr->o->variants, &tr->t) != 0) {
        px_article_free(a);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    if (tr->t.n)
        al = align(&tr->q, &tr->t, tr->dp);
    if (exact && al.score < 1.0 && al.score > 0)
        al.score = 1.0;   /* phrase found through the title or folding */
    if (!exact && al.score < tr->o->min_score) {
        px_article_free(a);
        return PX_OK;
    }
    if (tr->r->n_matches == tr->cap) {
        size_t cap = tr->cap ? tr->cap * 2 : 32;
        ps_quote_match *m = realloc(tr->r->matches, cap * sizeof *m);
        if (!m) {
            px_article_free(a);
            return px_err_set(err, PX_ENOMEM, "out of memory");
        }
        tr->r->matches = m;
        tr->cap = cap;
    }
    ps_quote_match *m = &tr->r->matches[tr->r->n_matches++];
    m->docid = docid;
    m->score = exact ? 1.0 : al.score;
    m->exact = exact;
    m->context = al.score > 0 ? context(a->body, &tr->t, &al) : NULL;
    free(a->body);
    a->body = NULL;
    m->article = a;
    tr->r->n_exact += exact;
    return PX_OK;
}

/* Runs `query` and considers every hit not already recorded; near-match
** candidates scoring below `cutoff` times the best one are not aligned
** (they share only a common pair of words with the quote). */
static px_status run(tracer *tr, const char *query, int exact, size_t limit,
                     double cutoff, px_err *err)
{
    px_search_opts so = {0};
    if (tr->o->search)
        so = *tr->o->search;
    so.query = query;
    so.offset = 0;
    so.limit = limit;
    so.sort = PX_SORT_RELEVANCE;
    so.facets = so.snippets = so.collapse = 0;
    so.variants = tr->o->variants;
    so.match_any = !exact;
    so.no_suggestion = 1;
    px_results *res = NULL;
    px_status st = px_search(tr->ix, &so, &res, err);
    if (st != PX_OK)
        return st;
    double floor = res->n_hits ? res->hits[0].score * cutoff : 0;
    for (size_t i = 0; st == PX_OK && i < res->n_hits; i++)
        if (res->hits[i].score >= floor && !seen(tr->r, res->hits[i].docid))
            st = consider(tr, res->hits[i].docid, exact, err);
    px_results_free(res);
    return st;
}

/* The near-match candidate query: every run of k consecutive quote words
** as a phrase, any of them matching, so that articles holding most of the
** quote rank first.  k = 3 from 11 words (two edits leave a run of three
** intact), else 2; a quote of under five words is asked by its words. */
static char *shingle_query(const words *q)
{
    size_t k = q->n >= 11 ? 3 : q->n >= 5 ? 2 : 1, n = 1;
    for (size_t i = 0; i < q->n; i++)
        n += (q->w[i].len + 4) * k;
    char *s = malloc(n), *d = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i + k <= q->n; i++) {
        if (i)
            *d++ = ' ';
        *d++ = '"';
        for (size_t j = i; j < i + k; j++) {
            if (j > i)
                *d++ = ' ';
            for (size_t c = 0; c < q->w[j].len; c++)
                *d++ = (char)tolower((unsigned char)q->w[j].s[c]);
        }
        *d++ = '"';
    }
    *d = '\0';
    return s;
}

/* The quote as one line of lower-case words, for the phrase query. */
static char *quote_words(const words *q)
{
    size_t n = 3;
    for (size_t i = 0; i < q->n; i++)
        n += q->w[i].len + 1;
    char *s = malloc(n), *d = s;
    if (!s)
        return NULL;
    *d++ = '"';
    for (size_t i = 0; i < q->n; i++) {
        if (i)
            *d++ = ' ';
        memcpy(d, q->w[i].s, q->w[i].len);
        d += q->w[i].len;
    }
    *d++ = '"';
    *d = '\0';
    return s;
}

/* Oldest first; undated after every dated match; then best score. */
static int by_date(const void *x, const void *y)
{
    const ps_quote_match *a = x, *b = y;
    int ad = a->article->date[0] != 0, bd = b->article->date[0] != 0;
    if (ad != bd)
        return bd - ad;
    int c = strcmp(a->article->date, b->article->date);
    if (c)
        return c;
    if (a->score != b->score)
        return a->score < b->score ? 1 : -1;
    return a->docid < b->docid ? -1 : a->docid > b->docid;
}

static px_status trace(tracer *tr, const char *text, px_err *err)
{
    char *norm = strdup(text);
    if (!norm)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_text_fold_punct(norm);
    tr->r->text = norm;
    if (split_words(norm, tr->o->variants, &tr->q) != 0)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (tr->q.n == 0)
        return px_err_set(err, PX_EINVAL, "the quote holds no words");
    if (tr->q.n > MAX_QUOTE_WORDS)
        tr->q.n = MAX_QUOTE_WORDS;
    tr->r->n_words = tr->q.n;
    tr->dp = malloc((MAX_QUOTE_WORDS + 1) * (2 * MAX_QUOTE_WORDS + 1) *
                    sizeof *tr->dp);
    char *phrase = quote_words(&tr->q);
    if (!tr->dp || !phrase) {
        free(phrase);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    px_status st = run(tr, phrase, 1, MAX_EXACT, 0, err);
    free(phrase);
    /* Near matches need enough words to be meaningful. */
    if (st == PX_OK && tr->q.n >= 3 && tr->o->min_score < 1.0) {
        char *near = shingle_query(&tr->q);
        st = near ? run(tr, near, 0, tr->o->max_candidates
                                         ? tr->o->max_candidates
                                         : PS_QUOTE_CANDIDATES,
                        NEAR_CUTOFF, err)
                  : px_err_set(err, PX_ENOMEM, "out of memory");
        free(near);
    }
    if (st == PX_OK && tr->r->n_matches)
        qsort(tr->r->matches, tr->r->n_matches, sizeof *tr->r->matches,
              by_date);
    return st;
}

px_status ps_quote_trace(px_index *ix, const char *text,
                         const ps_quote_opts *o, ps_quote_result **out,
                         px_err *err)
{
    tracer tr = {0};
    tr.ix = ix;
    tr.o = o;
    tr.r = calloc(1, sizeof *tr.r);
    if (!tr.r)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_status st = trace(&tr, text, err);
    free(tr.q.w);
    free(tr.t.w);
    free(tr.dp);
    if (st != PX_OK) {
        ps_quote_result_free(tr.r);
        return st;
    }
    *out = tr.r;
    return PX_OK;
}

void ps_quote_result_free(ps_quote_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_matches; i++) {
        px_article_free(r->matches[i].article);
        free(r->matches[i].context);
    }
    free(r->matches);
    free(r->text);
    free(r);
}
