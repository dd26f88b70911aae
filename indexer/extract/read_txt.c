/*
** read_txt.c — the .txt reader: the visible text of a news page.
**
** A file is one article.  It may start with header lines of the form
** `key: value` (title, outlet, date, url, author; keys case-insensitive)
** and/or a `date YYYY-MM-DD …` line; the header block ends at a blank line
** or at the first line that is neither.  Header fields always win; the
** text, headers included, goes to extraction (text.c), which finds the
** headline, byline, dateline and outlet in it and drops the page chrome
** around the story, saying where each field came from.
*/
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

/* A first line longer than this is a paragraph, not a headline. */
#define PX_TXT_TITLE_MAX 250

typedef struct {
    const char *s;
    size_t len;        /* without the newline and a trailing \r */
} txt_line;

/* The header keys, and where each one's value goes (field_off is ignored
** for the date, which is parsed). */
static const struct {
    const char *key;
    size_t field_off;
    int is_date;
} txt_headers[] = {
    {"title", offsetof(px_article, title), 0},
    {"outlet", offsetof(px_article, outlet), 0},
    {"date", 0, 1},
    {"url", offsetof(px_article, url), 0},
    {"author", offsetof(px_article, author), 0},
};

#define TXT_N_HEADERS (sizeof txt_headers / sizeof *txt_headers)

/* Reads the line at *pos and moves *pos past it; 0 at the end. */
static int txt_next_line(const char *text, size_t len, size_t *pos,
                         txt_line *line)
{
    if (*pos >= len)
        return 0;
    const char *start = text + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - start) : len - *pos;
    *pos += n + (nl != NULL);
    if (n > 0 && start[n - 1] == '\r')
        n--;
    line->s = start;
    line->len = n;
    return 1;
}

static int txt_is_blank(const txt_line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (!isspace((unsigned char)l->s[i]))
            return 0;
    return 1;
}

/* Recognises `key: value` for a known key; sets *which and the value. */
static int txt_header(const txt_line *l, size_t *which, const char **value,
                      size_t *vlen)
{
    size_t i = 0;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    for (size_t k = 0; k < TXT_N_HEADERS; k++) {
        size_t klen = strlen(txt_headers[k].key);
        size_t j = i + klen;
        if (j > l->len || strncasecmp(l->s + i, txt_headers[k].key, klen))
            continue;
        while (j < l->len && (l->s[j] == ' ' || l->s[j] == '\t'))
            j++;
        if (j < l->len && l->s[j] == ':') {
            *which = k;
            *value = l->s + j + 1;
            *vlen = l->len - j - 1;
            return 1;
        }
    }
    return 0;
}

/* Recognises a `date 2025-01-14 …` line as scrapers write it: spaces may
** come first, and the page's text may follow the date on the same line.
** Returns how many bytes of the line the word "date" and the date take
** (so that the text after them stays the page's), 0 when it is none. */
static size_t txt_date_line(const txt_line *l, char out[11])
{
    char buf[96];
    size_t i = 0;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    if (l->len < i + 6 || strncasecmp(l->s + i, "date", 4) != 0 ||
        (l->s[i + 4] != ' ' && l->s[i + 4] != '\t'))
        return 0;
    i += 5;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    size_t n = l->len - i < sizeof buf - 1 ? l->len - i : sizeof buf - 1;
    memcpy(buf, l->s + i, n);
    buf[n] = '\0';
    /* "2025-02-14 Harbour board …": the first word is the date (the
    ** parser would also read a timestamp's date off the whole rest). */
    char word[96];
    size_t w = strcspn(buf, " \t");
    memcpy(word, buf, w);
    word[w] = '\0';
    if (px_date_parse(word, out))
        return i + w;
    return px_date_parse(buf, out) ? l->len : 0;   /* "14 February 2025" */
}

/* Applies one header line; the first occurrence of a key wins.  Sets
** *bad_date when a date header could not be right (reported). */
static px_status txt_apply(const px_ingest *in, const char *path,
                           px_article *a, size_t which, const char *value,
                           size_t vlen, int *bad_date)
{
    if (txt_headers[which].is_date) {
        if (a->date_source != PX_DATE_UNKNOWN)
            return PX_OK;
        char *copy = malloc(vlen + 1);
        if (!copy)
            return PX_ENOMEM;
        memcpy(copy, value, vlen);
        copy[vlen] = '\0';
        *bad_date |= px_ingest_set_date(in, path, 0, a, copy);
        free(copy);
        return PX_OK;
    }
    char **field = (char **)((char *)a + txt_headers[which].field_off);
    return *field ? PX_OK : px_ingest_set_trimmed(field, value, vlen);
}

/* Consumes the header block at the start of text; returns where the rest
** begins, or (size_t)-1 when memory ran out.  Sets *bad_date as
** txt_apply() does. */
static size_t txt_headers_parse(const px_ingest *in, const char *path,
                                const char *text, size_t len, px_article *a,
                                int *bad_date)
{
    char date[11];
    size_t pos = 0, start = 0, which, vlen, used;
    const char *value;
    txt_line l;
    while (txt_next_line(text, len, &pos, &l) && txt_is_blank(&l))
        start = pos;
    pos = start;
    while (txt_next_line(text, len, &pos, &l)) {
        if (txt_header(&l, &which, &value, &vlen)) {
            if (txt_apply(in, path, a, which, value, vlen, bad_date) !=
                PX_OK)
                return (size_t)-1;
        } else if (a->date_source == PX_DATE_UNKNOWN &&
                   (used = txt_date_line(&l, date)) > 0) {
            /* checked as a date header is (a date in the future) */
            *bad_date |= px_ingest_set_date(in, path, 0, a, date);
            if (used < l.len)   /* the page's text goes on after the date */
                return (size_t)(l.s - text) + used;
        } else {
            return txt_is_blank(&l) ? pos : start;
        }
        start = pos;
    }
    return start;
}

static px_status txt_fill(const px_ingest *in, const char *path,
                          const char *text, size_t len, px_article *a)
{
    px_status st = px_article_set(&a->ext_id, path, strlen(path));
    if (st == PX_OK)
        st = px_article_set(&a->source, path, strlen(path));
    if (st != PX_OK)
        return st;
    int bad_date = 0;
    size_t rest = txt_headers_parse(in, path, text, len, a, &bad_date);
    if (rest == (size_t)-1)
        return PX_ENOMEM;
    /* Headers win; extraction finds the rest (title, byline, dateline,
    ** outlet) in the text after them and drops the page chrome around the
    ** story; it is told what the headers stated (a title header: no
    ** headline to look for in the story).  A stated date that cannot be
    ** right leaves the date unknown: a date guessed from the text would
    ** hide that the page's own is wrong. */
    px_err err;
    st = pxe_fill_article(in->opts ? in->opts->extract : NULL, a,
                          text + rest, len - rest, NULL, &err);
    if (bad_date) {
        a->date[0] = '\0';
        a->date_source = PX_DATE_UNKNOWN;
        a->date_precision = PX_PREC_DAY;
    }
    return st;
}

int pxe_read_txt(const px_ingest *in, const char *path, const char *data,
                size_t len)
{
    char *fixed = NULL;
    size_t fixed_len = 0;
    if (px_ingest_is_binary(data, len))
        return px_ingest_problem(in, path, 0,
            "binary file (contains NUL bytes), skipped; text in UTF-16 "
            "must be converted to UTF-8 first");
    if (px_ingest_utf8(in, path, 0, data, len, &fixed, &fixed_len))
        return 1;
    const char *text = fixed ? fixed : data;
    size_t n = fixed ? fixed_len : len;
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        n -= 3;
    }
    px_article *a = px_article_new();
    px_status st = a ? txt_fill(in, path, text, n, a) : PX_ENOMEM;
    free(fixed);
    if (st != PX_OK) {
        px_article_free(a);
        return px_ingest_problem(in, path, 0, "out of memory");
    }
    return px_ingest_emit(in, path, 0, a) == PX_EMIT_PROBLEM;
}
