/*
** ingest.c — what every reader does the same way: reporting, deciding
** whether bytes are text, repairing UTF-8, setting fields and dates, and
** the last steps before an article reaches the index (extraction, the
** --outlet/--date overrides, the check that there is text at all).  Dates
** a file states are checked here too: one that cannot be right is said
** to be wrong and stored as unknown, never silently kept or dropped.
**
** Keeping these here means the readers only parse their format, and a
** user sees the same message for the same fault whatever the format.
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"

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

/* A numeric date with a two-digit year: "7/23/17", "23.07.17", "7-23-17",
** perhaps followed by a time.  Which of 1917 and 2017, and which of the
** first two numbers is the month, the text does not say. */
static int ingest_two_digit_year(const char *s)
{
    size_t i = 0;
    char sep = 0;
    for (int part = 0; part < 3; part++) {
        size_t start = i;
        while (isdigit((unsigned char)s[i]))
            i++;
        if (i == start || i - start > 2)
            return 0;
        if (part == 2)
            break;
        if (!strchr("/.-", s[i]) || !s[i] || (sep && s[i] != sep))
            return 0;
        sep = s[i++];
    }
    return s[i] == '\0' || s[i] == ' ' || s[i] == 'T';
}

/* Sets *year and returns 1 when `s` is a well-formed date but for its
** year (the first run of four to six digits), which px_date_parse's range
** leaves out: "0001-11-30", "1 May 1066", "3000-01-01". */
static int ingest_out_of_range_year(const char *s, long *year)
{
    char buf[128], out[11];
    size_t i = 0, n = 0;
    for (; s[i]; i += n ? n : 1) {
        n = strspn(s + i, "0123456789");
        if (n >= 4)
            break;
    }
    if (!s[i] || n > 6 || strlen(s) >= sizeof buf - 4)
        return 0;
    *year = strtol(s + i, NULL, 10);
    if (*year >= 1800 && *year <= 2199)
        return 0;
    /* The same text with a year in range: does it parse then? */
    snprintf(buf, sizeof buf, "%.*s2000%s", (int)i, s, s + i + n);
    return px_date_parse(buf, out);
}

/* Today + 1 day as "YYYY-MM-DD" (UTC): a later date is in the future
** whatever the time zone of whoever wrote it. */
static void ingest_latest_date(char out[11])
{
    time_t t = time(NULL) + 24 * 60 * 60;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Why a stated date cannot be right, or NULL when nothing says so.
** `parsed` is what px_date_parse made of it ("" when it failed). */
static const char *ingest_date_wrong(const char *text, const char *parsed,
                                     char *why, size_t size)
{
    char latest[11];
    if (!*parsed && ingest_two_digit_year(text))
        return "is ambiguous (two-digit year)";
    long year = 0;
    int out_of_range = !*parsed && ingest_out_of_range_year(text, &year);
    if (out_of_range && year < 1800)
        return "is before 1800";
    ingest_latest_date(latest);
    if (out_of_range || (*parsed && strcmp(parsed, latest) > 0)) {
        snprintf(why, size, "is in the future (after %s)", latest);
        return why;
    }
    return NULL;
}

int px_ingest_set_date(const px_ingest *in, const char *path, long line,
                       px_article *a, const char *text)
{
    char buf[128], parsed[11] = "", why[64];
    size_t n = strlen(text);
    while (n > 0 && ingest_is_space(*text)) {
        text++;
        n--;
    }
    while (n > 0 && ingest_is_space(text[n - 1]))
        n--;
    snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : 0), text);
    if (n > 0 && n < sizeof buf && !px_date_parse(buf, parsed))
        parsed[0] = '\0';
    a->date[0] = '\0';
    a->date_source = PX_DATE_UNKNOWN;
    const char *wrong = n > 0 && n < sizeof buf
                            ? ingest_date_wrong(buf, parsed, why, sizeof why)
                            : NULL;
    int moot = in->opts && in->opts->date;     /* --date replaces it */
    if (wrong) {
        if (!moot)
            px_ingest_warning(in, path, line,
                              "date '%.60s' %s, stored as unknown", buf,
                              wrong);
        return 1;
    }
    if (parsed[0]) {
        memcpy(a->date, parsed, sizeof parsed);
        a->date_source = PX_DATE_HEADER;
    } else if (n > 0 && !moot) {
        px_ingest_note(in, path, line,
                       "date '%.60s' not recognised; the date is unknown",
                       n < sizeof buf ? buf : text);
    }
    return 0;
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
    if (pxe_article_finish(o ? o->extract : NULL, a, &err) != PX_OK) {
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
