/*
** read_jsonl.c — the JSON Lines reader (.jsonl, .ndjson): one article per
** line, as news exports and scrapers write them.
**
** Fields: id, url, outlet, date, title, author (a string or a list of
** strings), text (or body).  The article's stable id is `id`, else `url`,
** else PATH:LINE.  Each line stands alone: a line that is not valid JSON,
** not an object, or has no text is reported with its number and the rest
** of the file is still read.  Blank lines are skipped.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ingest.h"

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

/* Fills `a` from one object; returns 1 after reporting a problem. */
static int jsonl_fill(const px_ingest *in, const char *path, long line,
                      json_t *obj, px_article *a)
{
    size_t len = 0;
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
    const char *date = jsonl_string(obj, "date", &len);
    if (date)
        px_ingest_set_date(in, path, line, a, date);
    else if (json_object_get(obj, "date") &&
             !json_is_null(json_object_get(obj, "date")))
        px_ingest_note(in, path, line,
                       "\"date\" is not a string; the date is unknown");
    return 0;
}

/* Reads one non-blank line; returns a PX_EMIT_* code. */
static int jsonl_line(const px_ingest *in, const char *path, long line,
                      const char *s, size_t len)
{
    char *fixed = NULL;
    size_t fixed_len = 0;
    json_error_t jerr;
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

int px_read_jsonl(const px_ingest *in, const char *path, const char *data,
                  size_t len)
{
    size_t pos = 0, seen = 0;
    long line = 0;
    int problems = 0;
    if (px_ingest_is_binary(data, len))
        return px_ingest_problem(in, path, 0,
            "binary file (contains NUL bytes), skipped; JSON Lines must be "
            "UTF-8 text");
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *s = data + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl != NULL);
        line++;
        while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' ||
                         s[n - 1] == '\t'))
            n--;
        if (n == 0)
            continue;
        int rc = jsonl_line(in, path, line, s, n);
        seen++;
        if (in->position)
            in->position(in->ctx, pos);
        if (rc == PX_EMIT_STOP)
            break;
        problems += rc == PX_EMIT_PROBLEM;
    }
    if (seen == 0)
        problems += px_ingest_problem(in, path, 0,
                                      "no article text (the file is empty)");
    return problems;
}
