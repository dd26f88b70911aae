/*
** extract_quality_scraped.c — the extract_quality test's third set: real
** news pages as scrapers save them (../shared/scraped-text, see its
** README.md), chrome and all, with labelled title, outlet, date, author
** and the human-extracted body.
**
** The figures are those of the set's own `score` script, which indexes the
** pages with pressdex-index and reads them back with pressdex-search; here
** the pages go through the library directly, as the indexer sends them
** (indexer/cmd_add.c, extract/read_txt.c, extract/ingest.c): one context
** from pxe_ctx_new(NULL), a first pass of pxe_learn_file() over every page
** with its path, then pxe_extract_text() with the path as the only hint,
** and the result made into the article the index would store
** (q_as_indexed).  That takes a second instead of `score`'s minute, and
** -v lists every miss with what was extracted, in `score --verbose`'s
** columns.  When this was written, both printed the same misses and the
** same chrome lines, page by page.
**
** Where this may still differ from `score` (approximations):
**  - norm() there is NFKC, Unicode lower-casing and [\W_]+ -> " ".  Here
**    it is towlower() and iswalnum() in the UTF-8 locale main() sets,
**    minus combining marks (q_is_mark), without NFKC: ligatures,
**    full-width forms and decomposed accents are not folded.
**  - Chrome: `score` searches each sampled chrome line as a quoted phrase
**    in the index.  Here the line's normalised phrase is looked for among
**    the terms of the stored title and, separately, of the body (the index
**    leaves a gap between them), cut into terms as Xapian's term generator
**    does it in the main (q_xap_*: "Boeing's", "100,000", "U.S." are one
**    term each, so "Boeing s" is not found), not its rarer rules (terms
**    over 64 bytes, "C++"), nor the accent folding pressdex does on both
**    sides.
**  - The reader's header block (title:, date: … lines) and its UTF-8
**    repair are skipped: these pages have neither, so extraction sees the
**    same text.
*/
/* wcwidth() */
#define _XOPEN_SOURCE 700

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include <jansson.h>

#include "extract.h"
#include "extract_quality.h"

/* Chrome lines sampled per page, and the words of a line kept for its
** phrase, as in `score`. */
#define Q_CHROME_PER_PAGE 5
#define Q_PHRASE_WORDS 6
#define Q_PHRASE_MIN_WORDS 4

typedef struct {
    char *file, *title;
    char *body;                        /* from bodies.jsonl, or NULL */
    q_strs outlets, dates, authors;    /* the "|"-separated alternatives */
} q_page;

typedef struct {
    q_page *v;
    size_t n;
    char *allbody;   /* " " + every normalised body, " "-joined, + " " */
} q_set;

/* ---- words, as score's norm() and words(), and as Xapian's ---------- */

typedef enum {
    Q_PY,        /* score's words(): runs of [^\W_], case kept */
    Q_PY_LOWER,  /* score's norm(): the same, lower-cased */
    Q_XAPIAN     /* the terms Xapian's term generator makes, lower-cased */
} q_mode;

/* A combining mark: wcwidth() 0 finds the non-spacing ones; the spacing
** vowel signs of the Indic scripts (U+0900..U+0DFF, the same layout in
** each 128-character block) are listed by their offset in the block. */
static int q_is_mark(wchar_t c)
{
    if (c >= 0x300 && wcwidth(c) == 0)
        return 1;
    if (c < 0x900 || c > 0xDFF)
        return 0;
    unsigned off = (unsigned)(c - 0x900) % 0x80;
    return off <= 0x03 || (off >= 0x3A && off <= 0x4F && off != 0x3D) ||
           (off >= 0x51 && off <= 0x57) || off == 0x62 || off == 0x63;
}

/* Python's [^\W_]: a letter or digit, not a combining mark (Python's
** str.isalnum() counts no mark). */
static int q_py_word(wchar_t c)
{
    return iswalnum((wint_t)c) && !q_is_mark(c);
}

/* Xapian's word characters also take "_" and combining marks. */
static int q_xap_word(wchar_t c)
{
    return iswalnum((wint_t)c) || c == L'_' || q_is_mark(c);
}

/* Xapian's infix characters: kept inside a term between word characters
** (between digits , . ; as in "100,000"; else ' ’ & · as in "Boeing's",
** "AT&T").  The character to keep, or 0 when the term ends here. */
static wchar_t q_xap_infix(wchar_t prev, wchar_t c, wchar_t next)
{
    if (!q_xap_word(next))
        return 0;
    if (iswdigit((wint_t)prev) && iswdigit((wint_t)next))
        return c == L',' || c == L'.' || c == L';' ? c : 0;
    if (c == L'\'' || c == L'&' || c == 0xb7 || c == 0x5f4 || c == 0x2027)
        return c;
    return c == 0x2019 || c == 0x201b ? L'\'' : 0;
}

/* Xapian's acronyms: "U.S.A." is the term "usa".  The length of the
** acronym at w[i] (dots included), or 0. */
static size_t q_xap_acronym(const wchar_t *w, size_t i, size_t n)
{
    size_t j = i;
    while (j + 1 < n && iswupper((wint_t)w[j]) && w[j + 1] == L'.')
        j += 2;
    if (j < n && iswupper((wint_t)w[j]) && (j + 1 == n || !q_xap_word(w[j + 1])))
        j++;   /* "U.S" ends on its letter */
    return j - i >= 3 && (j == n || !q_xap_word(w[j])) ? j - i : 0;
}

/* s as wide characters (bytes that are not UTF-8 become U+FFFD). */
static wchar_t *q_wide(const char *s, size_t *n)
{
    size_t left = strlen(s), o = 0;
    wchar_t *w = malloc((left + 1) * sizeof *w);
    mbstate_t ms;
    memset(&ms, 0, sizeof ms);
    if (!w)
        abort();
    while (left) {
        size_t k = mbrtowc(&w[o], s, left, &ms);
        if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
            memset(&ms, 0, sizeof ms);
            w[o] = 0xfffd;
            k = 1;
        }
        o++;
        s += k;
        left -= k;
    }
    *n = o;
    return w;
}

/* The word starting at w[i] in `mode`: its end, with the term written to
** out (*o moved on). */
static size_t q_word(const wchar_t *w, size_t i, size_t n, q_mode mode,
                     char *out, size_t *o)
{
    mbstate_t ms;
    memset(&ms, 0, sizeof ms);
    size_t acro = mode == Q_XAPIAN ? q_xap_acronym(w, i, n) : 0;
    size_t end = i;
    while (end < n) {
        wchar_t c = w[end], keep = c;
        if (acro && end - i < acro && c == L'.') {
            end++;
            continue;
        }
        if (!acro && mode == Q_XAPIAN && !q_xap_word(c))
            keep = end > i && end + 1 < n ? q_xap_infix(w[end - 1], c, w[end + 1])
                                          : 0;
        else if (!acro && mode != Q_XAPIAN && !q_py_word(c))
            keep = 0;
        if (!keep || (acro && end - i >= acro))
            break;
        *o += wcrtomb(out + *o, mode == Q_PY ? keep
                                : (wchar_t)towlower((wint_t)keep), &ms);
        end++;
    }
    return end;
}

/* The words of s in `mode`, joined by one space; at most max_words of
** them when max_words > 0.  *count gets the number of words. */
static char *q_words(const char *s, q_mode mode, size_t max_words,
                     size_t *count)
{
    size_t n, o = 0, words = 0;
    wchar_t *w = q_wide(s ? s : "", &n);
    /* MB_CUR_MAX bytes per character and a space are enough. */
    char *out = malloc(n * ((size_t)MB_CUR_MAX + 1) + 1);
    if (!out)
        abort();
    for (size_t i = 0; i < n && (!max_words || words < max_words);) {
        int starts = mode == Q_XAPIAN ? q_xap_word(w[i]) : q_py_word(w[i]);
        if (!starts) {
            i++;
            continue;
        }
        if (words++)
            out[o++] = ' ';
        i = q_word(w, i, n, mode, out, &o);
    }
    out[o] = '\0';
    free(w);
    if (count)
        *count = words;
    return out;
}

static char *q_norm_words(const char *s)
{
    return q_words(s, Q_PY_LOWER, 0, NULL);
}

/* Is word w (length n) one of the space-separated words of list? */
static int q_has_word(const char *list, const char *w, size_t n)
{
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, " ");
        if (k == n && strncmp(p, w, n) == 0)
            return 1;
        p += k + (p[k] == ' ');
    }
    return 0;
}

/* " needle " occurs in " hay " (both normalised). */
static int q_has_phrase(const char *hay, const char *needle)
{
    size_t a = strlen(hay), b = strlen(needle);
    char *h = malloc(a + 3), *n = malloc(b + 3);
    if (!h || !n)
        abort();
    snprintf(h, a + 3, " %s ", hay);
    snprintf(n, b + 3, " %s ", needle);
    int found = strstr(h, n) != NULL;
    free(h);
    free(n);
    return found;
}

/* ---- reading the set ------------------------------------------------ */

/* Adds the non-empty "|"-separated parts of s (length n) to out. */
static void q_split_alts(const char *s, size_t n, q_strs *out)
{
    while (n > 0) {
        size_t k = 0;
        while (k < n && s[k] != '|')
            k++;
        if (k > 0)
            q_push(out, strndup(s, k));
        s += k + (k < n);
        n -= k + (k < n);
    }
}

/* One labels.tsv row: file, title, outlets, date, author, renderer. */
static void q_label_row(q_set *set, char *line)
{
    char *col[6] = {0};
    for (int i = 0; i < 6; i++) {
        col[i] = line;
        line = line ? strchr(line, '\t') : NULL;
        if (line)
            *line++ = '\0';
    }
    q_page *pg = &set->v[set->n++];
    memset(pg, 0, sizeof *pg);
    pg->file = strdup(col[0]);
    pg->title = strdup(col[1] ? col[1] : "");
    for (int i = 2; i <= 4; i++) {
        q_strs *alts[] = {&pg->outlets, &pg->dates, &pg->authors};
        if (col[i])
            q_split_alts(col[i], strlen(col[i]), alts[i - 2]);
    }
}

static int q_page_cmp(const void *a, const void *b)
{
    return strcmp(((const q_page *)a)->file, ((const q_page *)b)->file);
}

/* labels.tsv into set->v, sorted by file as `score` goes. */
static int q_load_labels(const char *dir, q_set *set)
{
    char path[4096];
    size_t len;
    q_path(path, sizeof path, dir, "labels.tsv");
    char *data = q_read(path, &len);
    if (!data)
        return -1;
    size_t lines = 1;
    for (char *p = data; *p; p++)
        lines += *p == '\n';
    set->v = calloc(lines, sizeof *set->v);
    if (!set->v)
        abort();
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        line[strcspn(line, "\r")] = '\0';
        if (*line && *line != '#')
            q_label_row(set, line);
    }
    free(data);
    qsort(set->v, set->n, sizeof *set->v, q_page_cmp);
    return 0;
}

/* bodies.jsonl: each page's body, and every body normalised and joined in
** the file's order, for telling chrome lines from story lines. */
static int q_load_bodies(const char *dir, q_set *set)
{
    char path[4096];
    size_t len, o = 1;
    q_path(path, sizeof path, dir, "bodies.jsonl");
    char *data = q_read(path, &len);
    if (!data)
        return 1;
    set->allbody = strdup(" ");
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        json_t *obj = json_loads(line, 0, NULL);
        const char *file = json_string_value(json_object_get(obj, "file"));
        const char *body = json_string_value(json_object_get(obj, "body"));
        q_page key = {.file = (char *)file}, *pg = NULL;
        if (file && body)
            pg = bsearch(&key, set->v, set->n, sizeof *set->v, q_page_cmp);
        if (pg && !pg->body)
            pg->body = strdup(body);
        char *nb = q_norm_words(body ? body : "");
        size_t k = strlen(nb);
        set->allbody = realloc(set->allbody, o + k + 2);
        if (!set->allbody)
            abort();
        memcpy(set->allbody + o, nb, k);
        o += k;
        set->allbody[o++] = ' ';
        free(nb);
        json_decref(obj);
    }
    set->allbody[o] = '\0';
    free(data);
    return 0;
}

static void q_set_free(q_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        q_page *pg = &set->v[i];
        free(pg->file);
        free(pg->title);
        free(pg->body);
        q_free(&pg->outlets);
        q_free(&pg->dates);
        q_free(&pg->authors);
    }
    free(set->v);
    free(set->allbody);
}

/* ---- the fields ----------------------------------------------------- */

static void q_miss(const q_page *pg, const char *field, const char *want,
                   const char *got)
{
    if (q_verbose)   /* the same columns as `score --verbose` */
        printf("miss\t%s\t%s\t%s\t%s\n", pg->file, field, want,
               got && *got ? got : "None");
}

/* The alternatives joined by "|", into buf. */
static const char *q_join(const q_strs *alts, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < alts->n; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
                 i ? "|" : "", alts->v[i]);
    return buf;
}

/* Equal after normalising to one of the alternatives. */
static int q_norm_in(const char *got, const q_strs *alts)
{
    int ok = 0;
    char *g = q_norm_words(got);
    for (size_t i = 0; i < alts->n && !ok; i++) {
        char *w = q_norm_words(alts->v[i]);
        ok = strcmp(g, w) == 0;
        free(w);
    }
    free(g);
    return ok;
}

/* Author: any label name word of more than one character is among the
** extracted author's words. */
static int q_author_ok(const q_strs *names, const char *got)
{
    int ok = 0;
    char *g = q_norm_words(got);
    for (size_t i = 0; i < names->n && !ok; i++) {
        char *w = q_norm_words(names->v[i]);
        for (const char *p = w; *p && !ok;) {
            size_t k = strcspn(p, " ");
            char word[256];
            snprintf(word, sizeof word, "%.*s", (int)k, p);
            ok = mbstowcs(NULL, word, 0) > 1 && q_has_word(g, p, k);
            p += k + (p[k] == ' ');
        }
        free(w);
    }
    free(g);
    return ok;
}

static void q_check_fields(const q_page *pg, const px_article *a,
                           q_scraped_figures *f)
{
    char want[2048];
    char *wt = q_norm_words(pg->title), *gt = q_norm_words(a->title);
    int ok = *wt && strcmp(wt, gt) == 0;
    free(wt);
    free(gt);
    f->title += ok;
    if (!ok)
        q_miss(pg, "title", pg->title, a->title);
    ok = a->outlet && q_norm_in(a->outlet, &pg->outlets);
    f->outlet += ok;
    if (!ok)
        q_miss(pg, "outlet", q_join(&pg->outlets, want, sizeof want),
               a->outlet);
    ok = 0;   /* an empty label wants the date unknown */
    for (size_t i = 0; i < pg->dates.n; i++)
        ok |= strcmp(pg->dates.v[i], a->date) == 0;
    ok |= pg->dates.n == 0 && !a->date[0];
    f->date += ok;
    if (!ok)
        q_miss(pg, "date", pg->dates.n ? q_join(&pg->dates, want, sizeof want)
                                       : "unknown",
               a->date[0] ? a->date : "unknown");
    if (pg->authors.n) {
        f->author_pages++;
        ok = q_author_ok(&pg->authors, a->author);
        f->author += ok;
        if (!ok)
            q_miss(pg, "author", q_join(&pg->authors, want, sizeof want),
                   a->author);
    }
}

/* ---- chrome --------------------------------------------------------- */

/* score's cleaning of a line: markdown links and images become their
** text, URLs (with an opening parenthesis before them) become a space. */
static regex_t q_re_link, q_re_url;

/* s with every match of re replaced by its group 1 (keep) or a space. */
static char *q_resub(const regex_t *re, const char *s, int keep)
{
    size_t cap = strlen(s) + 2, o = 0;
    char *out = malloc(cap);
    regmatch_t m[2];
    if (!out)
        abort();
    while (*s && regexec(re, s, 2, m, 0) == 0 && m[0].rm_eo > 0) {
        const char *rep = keep ? s + m[1].rm_so : " ";
        size_t rlen = keep ? (size_t)(m[1].rm_eo - m[1].rm_so) : 1;
        /* never longer than s: rep is no longer than the match */
        memcpy(out + o, s, (size_t)m[0].rm_so);
        o += (size_t)m[0].rm_so;
        memcpy(out + o, rep, rlen);
        o += rlen;
        s += m[0].rm_eo;
    }
    memcpy(out + o, s, strlen(s) + 1);
    return out;
}

/* A line's chrome phrase (its first words, case kept) when it has enough
** words, says little of the title or author, and occurs in no body of the
** set; else NULL.  *key gets the phrase normalised. */
static char *q_chrome_phrase(const char *line, const char *meta,
                             const char *allbody, char **key)
{
    char *a = q_resub(&q_re_link, line, 1), *b = q_resub(&q_re_url, a, 0);
    size_t n;
    char *phrase = q_words(b, Q_PY, Q_PHRASE_WORDS, &n);
    char *k = q_norm_words(phrase);
    free(a);
    free(b);
    size_t shared = 0;   /* distinct words of the phrase in the meta words */
    for (const char *p = k; n >= Q_PHRASE_MIN_WORDS && *p;) {
        size_t len = strcspn(p, " ");
        int earlier = 0;
        for (const char *q = k; q < p && !earlier;) {
            size_t l2 = strcspn(q, " ");
            earlier = l2 == len && strncmp(q, p, len) == 0;
            q += l2 + 1;
        }
        shared += !earlier && q_has_word(meta, p, len);
        p += len + (p[len] == ' ');
    }
    if (n < Q_PHRASE_MIN_WORDS || q_has_phrase(allbody, k) ||
        shared * 2 >= n) {
        free(phrase);
        free(k);
        return NULL;
    }
    *key = k;
    return phrase;
}

/* The title and author words of a page, normalised. */
static char *q_meta_words(const q_page *pg)
{
    size_t size = strlen(pg->title) + 2;
    for (size_t i = 0; i < pg->authors.n; i++)
        size += strlen(pg->authors.v[i]) + 1;
    char *raw = malloc(size);
    if (!raw)
        abort();
    snprintf(raw, size, "%s", pg->title);
    for (size_t i = 0; i < pg->authors.n; i++)
        snprintf(raw + strlen(raw), size - strlen(raw), " %s",
                 pg->authors.v[i]);
    char *meta = q_norm_words(raw);
    free(raw);
    return meta;
}

/* score's sample of a page's chrome lines: of the distinct candidates, 5
** evenly spaced. */
static void q_chrome_sample(const char *text, const q_page *pg,
                            const char *allbody, q_strs *out)
{
    q_strs cands = {0}, keys = {0};
    char *meta = q_meta_words(pg), *copy = strdup(text), *save = NULL, *k;
    for (char *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *phrase = q_chrome_phrase(line, meta, allbody, &k);
        for (size_t i = 0; phrase && i < keys.n; i++)
            if (strcmp(keys.v[i], k) == 0) {
                free(phrase);
                free(k);
                phrase = NULL;
            }
        if (phrase) {
            q_push(&cands, phrase);
            q_push(&keys, k);
        }
    }
    size_t step = cands.n / Q_CHROME_PER_PAGE ? cands.n / Q_CHROME_PER_PAGE : 1;
    for (size_t i = 0; i < cands.n && out->n < Q_CHROME_PER_PAGE; i += step)
        q_push(out, strdup(cands.v[i]));
    q_free(&cands);
    q_free(&keys);
    free(meta);
    free(copy);
}

/* How many sampled chrome lines extraction kept in the title or body: a
** quoted phrase search finds the phrase's words, in order, among the
** terms Xapian made of the title or of the body. */
static size_t q_chrome_left(const q_page *pg, const q_strs *sample,
                            const px_article *a)
{
    char *t = q_words(a->title, Q_XAPIAN, 0, NULL);
    char *b = q_words(a->body, Q_XAPIAN, 0, NULL);
    size_t left = 0;
    for (size_t i = 0; i < sample->n; i++) {
        char *k = q_norm_words(sample->v[i]);
        int kept = q_has_phrase(t, k) || q_has_phrase(b, k);
        left += kept;
        if (kept && q_verbose)
            printf("chrome\t%s\t%s\n", pg->file, sample->v[i]);
        free(k);
    }
    free(t);
    free(b);
    return left;
}

/* ---- the run -------------------------------------------------------- */

/* The article pressdex-index would store for a page: the result copied
** into an article as read_txt.c does, finished as px_ingest_emit() does
** (outlet aliases and sections, a date nothing vouches for dropped), and
** the date as px_index_add() stores it (a month or a year as its first
** day).  An article without text is not indexed: then all fields are
** unknown, as `score` finds no hit for the page. */
static px_article *q_as_indexed(const pxe_ctx *ctx, const char *path,
                                const pxe_result *r)
{
    px_article *a = px_article_new();
    px_err err;
    if (!a || px_article_set(&a->source, path, strlen(path)) != PX_OK ||
        pxe_result_to_article(r, a, &err) != PX_OK ||
        pxe_article_finish(ctx, a, &err) != PX_OK)
        abort();
    if (a->date[0] && a->date_precision == PX_PREC_YEAR)
        memcpy(a->date + 5, "01-01", 5);
    else if (a->date[0] && a->date_precision == PX_PREC_MONTH)
        memcpy(a->date + 8, "01", 2);
    if (!a->body || !a->body[strspn(a->body, " \t\r\n\f\v")]) {
        px_article_free(a);
        a = px_article_new();
        if (!a)
            abort();
    }
    return a;
}

static int q_scraped_page(const pxe_ctx *ctx, const char *dir,
                          const q_page *pg, const char *allbody,
                          q_scraped_figures *f, double *psum, double *rsum)
{
    char path[4096], name[1024];
    size_t len;
    pxe_result *r = NULL;
    px_err err;
    snprintf(name, sizeof name, "pages/%.1000s", pg->file);
    q_path(path, sizeof path, dir, name);
    char *data = q_read(path, &len);
    pxe_hints h = {path, NULL, NULL, NULL, NULL};   /* what read_txt.c gives */
    if (!data || pxe_extract_text(ctx, &h, data, len, &r, &err) != PX_OK) {
        printf("FAIL: %s: cannot read or extract\n", path);
        free(data);
        return 1;
    }
    px_article *a = q_as_indexed(ctx, path, r);
    q_check_fields(pg, a, f);
    q_strs sample = {0};
    q_chrome_sample(data, pg, allbody, &sample);
    f->chrome_lines += sample.n;
    f->chrome += q_chrome_left(pg, &sample, a);
    q_free(&sample);
    if (pg->body) {
        double p, rc;
        q_score(pg->body, a->body, &p, &rc);
        *psum += p;
        *rsum += rc;
        if (getenv("PXE_QUALITY_VERBOSE") && (p < 0.8 || rc < 0.8 || getenv("PXE_QUALITY_ALL")))
            printf("body\t%s\trecall %.2f precision %.2f\n", pg->file, rc,
                   p);
    }
    px_article_free(a);
    pxe_result_free(r);
    free(data);
    return 0;
}

/* The indexer's first pass (cmd_add.c, add_learn): every page, raw, with
** its path, so that lines repeated across the folder count as chrome. */
static void q_learn(pxe_ctx *ctx, const char *dir, const q_set *set)
{
    char path[4096], name[1024];
    size_t len;
    for (size_t i = 0; i < set->n; i++) {
        snprintf(name, sizeof name, "pages/%.1000s", set->v[i].file);
        q_path(path, sizeof path, dir, name);
        char *data = q_read(path, &len);
        if (data)
            pxe_learn_file(ctx, path, data, len, NULL);
        free(data);
    }
}

/* score's two patterns, in POSIX ERE: r"!?\[([^\]]*)\]\([^)]*\)" and
** r"\(?https?://\S+". */
static int q_regex_init(void)
{
    if (regcomp(&q_re_link, "!?\\[([^]]*)]\\([^)]*\\)", REG_EXTENDED))
        return 1;
    if (regcomp(&q_re_url, "\\(?https?://[^[:space:]]+", REG_EXTENDED)) {
        regfree(&q_re_link);
        return 1;
    }
    return 0;
}

int q_scraped_measure(const char *dir, q_scraped_figures *f)
{
    q_set set = {0};
    memset(f, 0, sizeof *f);
    if (q_load_labels(dir, &set) != 0) {
        printf("scraped-text: skipped: %s/labels.tsv not found (set "
               "PRESSDEX_SCRAPED_SET to its folder to run it)\n", dir);
        return -1;
    }
    pxe_ctx *ctx = NULL;
    px_err err;
    if (q_load_bodies(dir, &set) != 0 || q_regex_init() != 0) {
        printf("FAIL: scraped-text: cannot read %s/bodies.jsonl\n", dir);
        q_set_free(&set);
        return 1;
    }
    int fail = pxe_ctx_new(NULL, &ctx, &err) != PX_OK;
    if (fail)
        printf("FAIL: scraped-text: %s\n", err.msg);
    else
        q_learn(ctx, dir, &set);
    double psum = 0, rsum = 0;
    size_t bodies = 0;
    for (size_t i = 0; !fail && i < set.n; i++) {
        fail |= q_scraped_page(ctx, dir, &set.v[i], set.allbody, f, &psum,
                               &rsum);
        bodies += set.v[i].body != NULL;
    }
    f->pages = set.n;
    f->precision = bodies ? psum / (double)bodies : 0;
    f->recall = bodies ? rsum / (double)bodies : 0;
    regfree(&q_re_link);
    regfree(&q_re_url);
    pxe_ctx_free(ctx);
    q_set_free(&set);
    return fail || f->pages == 0;
}
