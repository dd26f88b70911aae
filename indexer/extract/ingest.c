/*
** ingest.c — what every reader does the same way: reporting, deciding
** whether bytes are text, repairing UTF-8, setting fields and dates, and
** the last steps before an article reaches the index (extraction, the
** --outlet/--date overrides, the check that there is text at all).
**
** Keeping these here means the readers only parse their format, and a
** user sees the same message for the same fault whatever the format.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"

/* More invalid sequences than this, and more than one byte in eight,
** means the input is in another encoding or not text at all: repairing it
** would index mostly replacement characters. */
#define PX_UTF8_MAX_BAD 16
#define PX_UTF8_BAD_RATIO 8

static void ingest_vreport(px_problem_fn fn, void *ctx, const char *path,
                           long line, const char *fmt, va_list ap)
{
    char msg[1024];
    if (!fn)
        return;
    vsnprintf(msg, sizeof msg, fmt, ap);
    fn(ctx, path, line, msg);
}

int px_ingest_problem(const px_ingest *in, const char *path, long line,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ingest_vreport(in->problem, in->ctx, path, line, fmt, ap);
    va_end(ap);
    return 1;
}

void px_ingest_warning(const px_ingest *in, const char *path, long line,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ingest_vreport(in->warning, in->ctx, path, line, fmt, ap);
    va_end(ap);
}

void px_ingest_note(const px_ingest *in, const char *path, long line,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ingest_vreport(in->note, in->ctx, path, line, fmt, ap);
    va_end(ap);
}

int px_ingest_is_binary(const char *data, size_t len)
{
    return len > 0 && memchr(data, '\0', len) != NULL;
}

int px_ingest_utf8(const px_ingest *in, const char *path, long line,
                   const char *s, size_t len, char **fixed,
                   size_t *fixed_len)
{
    *fixed = NULL;
    *fixed_len = 0;
    size_t bad = px_utf8_repair(s, len, NULL, NULL);
    if (bad == 0)
        return 0;
    if (bad > PX_UTF8_MAX_BAD && bad > len / PX_UTF8_BAD_RATIO)
        return px_ingest_problem(in, path, line,
            "not UTF-8 text (%zu invalid UTF-8 sequences), skipped; convert "
            "it to UTF-8 (e.g. with iconv) and add it again", bad);
    px_utf8_repair(s, len, fixed, fixed_len);
    if (!*fixed)
        return px_ingest_problem(in, path, line, "out of memory");
    px_ingest_warning(in, path, line,
        "invalid UTF-8: %zu byte sequence%s replaced with U+FFFD (convert "
        "the file to UTF-8 to keep those characters)", bad,
        bad == 1 ? "" : "s");
    return 0;
}

static int ingest_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

px_status px_ingest_set_trimmed(char **field, const char *s, size_t len)
{
    while (len > 0 && ingest_is_space(*s)) {
        s++;
        len--;
    }
    while (len > 0 && ingest_is_space(s[len - 1]))
        len--;
    return px_article_set(field, len ? s : NULL, len);
}

void px_ingest_set_date(const px_ingest *in, const char *path, long line,
                        px_article *a, const char *text)
{
    char buf[128];
    size_t n = strlen(text);
    while (n > 0 && ingest_is_space(*text)) {
        text++;
        n--;
    }
    while (n > 0 && ingest_is_space(text[n - 1]))
        n--;
    snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : 0), text);
    if (n > 0 && n < sizeof buf && px_date_parse(buf, a->date)) {
        a->date_source = PX_DATE_HEADER;
        return;
    }
    a->date[0] = '\0';
    a->date_source = PX_DATE_UNKNOWN;
    if (n > 0 && !(in->opts && in->opts->date))   /* moot under --date */
        px_ingest_note(in, path, line,
                       "date '%.60s' not recognised; the date is unknown",
                       text);
}

static int ingest_has_text(const char *s)
{
    for (; s && *s; s++)
        if (!ingest_is_space(*s))
            return 1;
    return 0;
}

int px_ingest_emit(const px_ingest *in, const char *path, long line,
                   px_article *a)
{
    px_err err = {""};
    const px_ingest_opts *o = in->opts;
    if (px_extract_article(o ? o->extract : NULL, a, &err) != PX_OK) {
        px_article_free(a);
        px_ingest_problem(in, path, line, "%s", err.msg);
        return PX_EMIT_PROBLEM;
    }
    if (o && o->outlet &&
        px_article_set(&a->outlet, o->outlet, strlen(o->outlet)) != PX_OK) {
        px_article_free(a);
        px_ingest_problem(in, path, line, "out of memory");
        return PX_EMIT_PROBLEM;
    }
    if (o && o->date) {
        snprintf(a->date, sizeof a->date, "%s", o->date);
        a->date_source = PX_DATE_OVERRIDE;
    }
    if (!ingest_has_text(a->body)) {
        px_article_free(a);
        px_ingest_problem(in, path, line, "no article text");
        return PX_EMIT_PROBLEM;
    }
    return in->sink(in->ctx, a) ? PX_EMIT_STOP : PX_EMIT_OK;
}
