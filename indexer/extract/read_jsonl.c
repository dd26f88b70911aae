/*
** read_jsonl.c — the JSON Lines reader (.jsonl, .ndjson): one article per
** line, as news exports and scrapers write them.
**
** Fields: id, url, outlet, date, title, author (a string or a list of
** strings), text (or body).  The article's stable id is `id`, else `url`,
** else PATH:LINE.  Each line stands alone: a line that is not valid JSON
** (a raw NUL byte among others), not an object, or has no text is
** reported with its number and the rest of the file is still read.  Blank
** lines are skipped.  Only a file that starts out binary is skipped whole.
**
** Exports carry page chrome in their text too ("All rights reserved",
** "Click here to …"), so unless --no-clean the text is cleaned as a .txt
** page is (text.c): chrome lines are dropped and missing metadata is read
** out of it, while the JSON fields, when present, win.  A stated date that
** cannot be right is reported (ingest.c) and left unknown.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "extract_int.h"

/* Where a JSON Lines file read in parts has got to. */
typedef struct {
    long line;      /* lines read */
    size_t seen;    /* non-blank lines */
} px_jsonl_pos;

/* A string member, or NULL when absent, null or of another type. */
static const char *jsonl_string(json_t *obj, const char *key, size_t *len)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        return NULL;
    *len = json_string_length(v);
    return json_string_value(v);
}

/* Copies a JSON string into a field.  "\u0000" escapes are accepted when
** parsing (exports do contain them) and dropped here, since C strings end
** at a NUL. */
static px_status jsonl_copy(char **field, const char *s, size_t len)
{
    if (!memchr(s, '\0', len))
        return px_ingest_set_trimmed(field, s, len);
    char *clean = malloc(len + 1);
    size_t n = 0;
    if (!clean)
        return PX_ENOMEM;
    for (size_t i = 0; i < len; i++)
        if (s[i])
            clean[n++] = s[i];
    px_status st = px_ingest_set_trimmed(field, clean, n);
    free(clean);
    return st;
}

static px_status jsonl_set(char **field, json_t *obj, const char *key)
{
    size_t len = 0;
    const char *s = jsonl_string(obj, key, &len);
    return s ? jsonl_copy(field, s, len) : PX_OK;
}

/* author: a string, or a list of strings joined with ", ". */
static px_status jsonl_author(px_article *a, json_t *obj)
{
    json_t *v = json_object_get(obj, "author"), *item;
    size_t i, total = 0;
    if (json_is_string(v))
        return jsonl_copy(&a->author, json_string_value(v),
                          json_string_length(v));
    if (!json_is_array(v))
        return PX_OK;
    json_array_foreach(v, i, item)
        if (json_is_string(item))
            total += json_string_length(item) + 2;
    char *joined = malloc(total + 1);
    if (!joined)
        return PX_ENOMEM;
    size_t n = 0;
    json_array_foreach(v, i, item) {
        size_t len = json_is_string(item) ? json_string_length(item) : 0;
        if (len == 0)
            continue;
        if (n > 0) {
            memcpy(joined + n, ", ", 2);
            n += 2;
        }
        memcpy(joined + n, json_string_value(item), len);
        n += len;
    }
    px_status st = jsonl_copy(&a->author, joined, n);
    free(joined);
    return st;
}

/* The stable id: `id` (a string or an integer), else `url`, else where
** the line is. */
static px_status jsonl_ext_id(px_article *a, json_t *obj, const char *path,
                              long line)
{
    char buf[64];
    json_t *id = json_object_get(obj, "id");
    if (json_is_integer(id)) {
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(id));
        return px_article_set(&a->ext_id, buf, strlen(buf));
    }
    px_status st = jsonl_set(&a->ext_id, obj, "id");
    if (st == PX_OK && !a->ext_id && a->url)
        st = px_article_set(&a->ext_id, a->url, strlen(a->url));
    if (st != PX_OK || a->ext_id)
        return st;
    size_t n = strlen(path) + 32;
    char *where = malloc(n);
    if (!where)
        return PX_ENOMEM;
    snprintf(where, n, "%s:%ld", path, line);
    st = px_article_set(&a->ext_id, where, strlen(where));
    free(where);
    return st;
}

/* Non-zero when a line quotes someone at sentence length: story, even
** when its words sound like chrome (“… click here to read …”, a quote
** about terms of service). */
static int jsonl_is_quote(const char *s)
{
    return (strchr(s, '"') || strstr(s, "\xE2\x80\x9C")) &&
           pxe_word_count(s) >= 12;
}

/* Whether a line of the text is dropped.  The text of an export is the
** story already, cut out of its page by the exporter, so only what the
** line's own words show to be chrome goes (pxe_chrome_phrase: adverts,
** copyright footers, sign-up forms, share bars, "Click here to …"), and
** the headline when it repeats the JSON title.  Lines the page cleaning
** judges by their place (above the headline, after the story, outside
** the story block) or takes for bylines stay: here there is no page
** around the story for that evidence to come from. */
static int jsonl_drop_line(const pxe_line *l, const px_article *a)
{
    if (l->role == PXE_LINE_TITLE)
        return a->title && strcasecmp(l->text, a->title) == 0;
    return l->role == PXE_LINE_CHROME && pxe_chrome_phrase(l->text) &&
           !jsonl_is_quote(l->text);
}

/* Cleans a->body with the .txt page cleaning (text.c), keeping what
** jsonl_drop_line() keeps; fields the JSON left empty are filled from
** what extraction found in the text. */
static px_status jsonl_clean(const px_ingest *in, px_article *a,
                             px_err *err)
{
    pxe_result *r = NULL;
    pxe_hints h = {a->source, a->url, NULL, a->title, a->outlet};
    px_status st = pxe_extract_text(in->opts ? in->opts->extract : NULL, &h,
                                    a->body, strlen(a->body), &r, err);
    if (st != PX_OK)
        return st;
    for (size_t i = 0; i < r->n_lines; i++)
        r->lines[i].role = jsonl_drop_line(&r->lines[i], a)
                               ? PXE_LINE_CHROME : PXE_LINE_BODY;
    pxe_lines ls = {.v = r->lines, .n = r->n_lines, .cap = r->n_lines};
    free(r->body);
    r->body = pxe_lines_body(&ls);
    st = r->body ? pxe_result_to_article(r, a, err)
                 : px_err_set(err, PX_ENOMEM, "out of memory");
    pxe_result_free(r);
    return st;
}

/* The date field; returns 1 when a stated date could not be right. */
static int jsonl_date(const px_ingest *in, const char *path, long line,
                      json_t *obj, px_article *a)
{
    size_t len = 0;
    const char *date = jsonl_string(obj, "date", &len);
    if (date)
        return px_ingest_set_date(in, path, line, a, date);
    if (json_object_get(obj, "date") &&
        !json_is_null(json_object_get(obj, "date")))
        px_ingest_note(in, path, line,
                       "\"date\" is not a string; the date is unknown");
    return 0;
}

/* Fills `a` from one object; returns 1 after reporting a problem. */
static int jsonl_fill(const px_ingest *in, const char *path, long line,
                      json_t *obj, px_article *a)
{
    px_err err = {""};
    json_t *text = json_object_get(obj, "text");
    if (!text || json_is_null(text))
        text = json_object_get(obj, "body");
    if (!text || json_is_null(text))
        return px_ingest_problem(in, path, line,
                                 "no article text (no \"text\" field)");
    if (!json_is_string(text))
        return px_ingest_problem(in, path, line,
                                 "\"text\" is not a string");
    px_status st = jsonl_copy(&a->body, json_string_value(text),
                              json_string_length(text));
    if (st == PX_OK) st = px_article_set(&a->source, path, strlen(path));
    if (st == PX_OK) st = jsonl_set(&a->url, obj, "url");
    if (st == PX_OK) st = jsonl_set(&a->outlet, obj, "outlet");
    if (st == PX_OK) st = jsonl_set(&a->title, obj, "title");
    if (st == PX_OK) st = jsonl_author(a, obj);
    if (st == PX_OK) st = jsonl_ext_id(a, obj, path, line);
    if (st != PX_OK)
        return px_ingest_problem(in, path, line, "out of memory");
    int bad_date = jsonl_date(in, path, line, obj, a);
    if (a->body && !(in->opts && in->opts->no_clean) &&
        jsonl_clean(in, a, &err) != PX_OK)
        return px_ingest_problem(in, path, line, "%s", err.msg);
    if (bad_date) {     /* not one guessed from the text instead */
        a->date[0] = '\0';
        a->date_source = PX_DATE_UNKNOWN;
        a->date_precision = PX_PREC_DAY;
    }
    return 0;
}

/* Reads one non-blank line; returns a PX_EMIT_* code. */
static int jsonl_line(const px_ingest *in, const char *path, long line,
                      const char *s, size_t len)
{
    char *fixed = NULL;
    size_t fixed_len = 0;
    json_error_t jerr;
    /* A raw NUL is never JSON (inside a string it must be \u0000): one
    ** damaged line, which the rest of the file does not share. */
    const char *nul = memchr(s, '\0', len);
    if (nul) {
        px_ingest_problem(in, path, line, "a raw NUL byte (column %zu) is "
                          "not JSON text; line skipped", (size_t)(nul - s) + 1);
        return PX_EMIT_PROBLEM;
    }
    if (px_ingest_utf8(in, path, line, s, len, &fixed, &fixed_len))
        return PX_EMIT_PROBLEM;
    json_t *obj = json_loadb(fixed ? fixed : s, fixed ? fixed_len : len,
                             JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    free(fixed);
    if (!obj) {
        px_ingest_problem(in, path, line, "invalid JSON: %s (column %d)",
                          jerr.text, jerr.column);
        return PX_EMIT_PROBLEM;
    }
    px_article *a = NULL;
    int rc = PX_EMIT_PROBLEM;
    if (!json_is_object(obj))
        px_ingest_problem(in, path, line, "not a JSON object");
    else if (!(a = px_article_new()))
        px_ingest_problem(in, path, line, "out of memory");
    else if (jsonl_fill(in, path, line, obj, a) == 0) {
        rc = px_ingest_emit(in, path, line, a);
        a = NULL;
    }
    px_article_free(a);
    json_decref(obj);
    return rc;
}

/* The longest line worth reading (0: any): one that holds more than an
** article may (px_ingest_opts.max_article), with room for JSON escapes and
** the other fields. */
static size_t jsonl_max_line(const px_ingest *in)
{
    size_t max = in->opts ? in->opts->max_article : 0;
    return max ? 2 * max + (64u << 10) : 0;
}

static int jsonl_too_long(const px_ingest *in, const char *path, long line,
                          size_t len)
{
    return px_ingest_problem(in, path, line,
        "a line of %.1f MB, longer than an article may be within the "
        "memory allowed (add --memory); line skipped", len / 1048576.0);
}

/* Reads the lines of data[0..len), the part of a file starting at byte
** `base` and line pos->line + 1; returns the number of problems.  Sets
** *stopped when the sink asked to stop. */
static int jsonl_lines(const px_ingest *in, const char *path,
                       const char *data, size_t len, size_t base,
                       px_jsonl_pos *pos, int *stopped)
{
    size_t off = 0;
    int problems = 0;
    while (off < len && !*stopped) {
        const char *s = data + off;
        const char *nl = memchr(s, '\n', len - off);
        size_t n = nl ? (size_t)(nl - s) : len - off;
        off += n + (nl != NULL);
        pos->line++;
        while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' ||
                         s[n - 1] == '\t'))
            n--;
        if (n == 0)
            continue;
        size_t max = jsonl_max_line(in);
        int rc = max && n > max ? jsonl_too_long(in, path, pos->line, n)
                                : jsonl_line(in, path, pos->line, s, n);
        pos->seen++;
        if (in->position)
            in->position(in->ctx, base + off);
        *stopped = rc == PX_EMIT_STOP;
        problems += rc == PX_EMIT_PROBLEM;
    }
    return problems;
}

static int jsonl_binary(const px_ingest *in, const char *path)
{
    return px_ingest_problem(in, path, 0,
        "binary file (contains NUL bytes), skipped; JSON Lines must be "
        "UTF-8 text");
}

static int jsonl_empty(const px_ingest *in, const char *path)
{
    return px_ingest_problem(in, path, 0,
                             "no article text (the file is empty)");
}

static size_t jsonl_bom(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* How much of the start of a file judges whether it is binary. */
#define JSONL_SNIFF 4096

/* Whether a file starting with data[0..len) is binary (compressed, an
** image, UTF-16) rather than JSON Lines with a stray NUL byte, which is a
** problem of its line only (jsonl_line): NUL bytes early on, with the
** first line not opening an object or NULs all over. */
static int jsonl_is_binary(const char *data, size_t len)
{
    size_t n = len < JSONL_SNIFF ? len : JSONL_SNIFF, nuls = 0;
    for (size_t i = 0; i < n; i++)
        nuls += data[i] == '\0';
    size_t i = jsonl_bom(data, n);
    while (i < n && data[i] && strchr(" \t\r\n", data[i]))
        i++;
    return nuls > 0 && ((i < n && data[i] != '{') || nuls * 16 > n);
}

int pxe_read_jsonl(const px_ingest *in, const char *path, const char *data,
                  size_t len)
{
    if (jsonl_is_binary(data, len))
        return jsonl_binary(in, path);
    px_jsonl_pos pos = {0, 0};
    int stopped = 0;
    size_t bom = jsonl_bom(data, len);
    int problems = jsonl_lines(in, path, data + bom, len - bom, bom, &pos,
                               &stopped);
    if (pos.seen == 0)
        problems += jsonl_empty(in, path);
    return problems;
}

/* Non-zero when the file is binary (jsonl_is_binary on its start); -1
** (errno set) on a read error.  Leaves the offset at the start. */
static int jsonl_fd_binary(int fd, char *buf, size_t size)
{
    ssize_t got;
    size_t have = 0, want = size < JSONL_SNIFF ? size : JSONL_SNIFF;
    /* A pipe (a decompressed stream, unpack.c) cannot be read twice: a
    ** NUL in it is met by the line that holds it. */
    if (lseek(fd, 0, SEEK_CUR) < 0)
        return 0;
    while (have < want && (got = read(fd, buf + have, want - have)) != 0) {
        if (got < 0 && errno != EINTR)
            return -1;
        if (got > 0)
            have += (size_t)got;
    }
    int binary = jsonl_is_binary(buf, have);
    return lseek(fd, 0, SEEK_SET) < 0 ? -1 : binary;
}

/* Fills buf[*have..size) from fd; returns the bytes read (0 at the end)
** or -1. */
static ssize_t jsonl_fill_buf(int fd, char *buf, size_t *have, size_t size)
{
    size_t start = *have;
    while (*have < size) {
        ssize_t got = read(fd, buf + *have, size - *have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        *have += (size_t)got;
    }
    return (ssize_t)(*have - start);
}

/* Reads past the rest of a line too long to hold (buf[0..*have) is its
** start), reporting it, and leaves in buf what follows it.  Returns the
** problems reported (1), with pos and *base moved past the line. */
static int jsonl_skip_line(const px_ingest *in, const char *path, int fd,
                           char *buf, size_t size, size_t *have,
                           size_t *base, px_jsonl_pos *pos)
{
    size_t skipped = 0;
    for (;;) {
        const char *nl = memchr(buf, '\n', *have);
        size_t drop = nl ? (size_t)(nl - buf) + 1 : *have;
        skipped += drop;
        memmove(buf, buf + drop, *have - drop);
        *have -= drop;
        *base += drop;
        if (nl)
            break;
        ssize_t got = jsonl_fill_buf(fd, buf, have, size);
        if (got <= 0)
            break;
    }
    pos->line++;
    pos->seen++;
    return jsonl_too_long(in, path, pos->line, skipped);
}

/* Length of the whole lines at the start of buf[0..len) (0: none). */
static size_t jsonl_whole_lines(const char *buf, size_t len)
{
    while (len > 0 && buf[len - 1] != '\n')
        len--;
    return len;
}

int pxe_read_jsonl_fd(const px_ingest *in, const char *path, int fd,
                     size_t chunk)
{
    size_t size = chunk, have = 0, base = 0;
    char *buf = malloc(size);
    px_jsonl_pos pos = {0, 0};
    int problems = 0, stopped = 0, bin = buf ? jsonl_fd_binary(fd, buf, size)
                                             : -1;
    if (bin != 0) {
        int e = buf ? errno : ENOMEM;
        free(buf);
        return bin > 0 ? jsonl_binary(in, path)
                       : px_ingest_problem(in, path, 0, "%s", strerror(e));
    }
    while (!stopped) {
        ssize_t got = jsonl_fill_buf(fd, buf, &have, size);
        if (got < 0) {
            problems += px_ingest_problem(in, path, pos.line + 1, "%s",
                                          strerror(errno));
            break;
        }
        /* Whole lines, and at the end whatever is left. */
        size_t upto = got > 0 ? jsonl_whole_lines(buf, have) : have;
        size_t max = jsonl_max_line(in);
        if (upto == 0 && got > 0 && have == size && max && size >= max) {
            problems += jsonl_skip_line(in, path, fd, buf, size, &have,
                                        &base, &pos);
            continue;
        }
        if (upto == 0 && got > 0 && have == size) {  /* a very long line */
            char *bigger = realloc(buf, size * 2);
            if (!bigger) {
                problems += px_ingest_problem(in, path, pos.line + 1,
                                              "out of memory");
                break;
            }
            buf = bigger;
            size *= 2;
        }
        if (upto == 0 && got > 0)
            continue;
        size_t skip = base == 0 ? jsonl_bom(buf, upto) : 0;
        problems += jsonl_lines(in, path, buf + skip, upto - skip,
                                base + skip, &pos, &stopped);
        memmove(buf, buf + upto, have - upto);
        have -= upto;
        base += upto;
        if (got == 0) {
            if (pos.seen == 0)
                problems += jsonl_empty(in, path);
            break;
        }
    }
    free(buf);
    return problems;
}
