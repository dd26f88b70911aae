/*
** status.c — status codes, error messages and article lifetime helpers.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pressdex.h"

const char *px_status_str(px_status st)
{
    switch (st) {
    case PX_OK: return "success";
    case PX_ENOMEM: return "out of memory";
    case PX_EIO: return "input/output error";
    case PX_EINVAL: return "invalid argument or input";
    case PX_ENOTFOUND: return "not found";
    case PX_ECORRUPT: return "index damaged or not a pressdex index";
    case PX_ELOCKED: return "index locked by another writer";
    case PX_EMODIFIED: return "index modified concurrently";
    case PX_EQUERY: return "query could not be parsed";
    case PX_EUNIMPL: return "query construct not supported";
    case PX_EVERSION: return "index written by a newer pressdex";
    case PX_EBACKEND: return "storage backend error";
    case PX_ELIMIT: return "query over its cost budget";
    }
    return "unknown status";
}

px_status px_err_set(px_err *err, px_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

const char *px_err_cap(const px_err *err)
{
    static const char *const caps[] = {"query_bytes", "nesting", "terms"};
    for (size_t i = 0; err && i < sizeof caps / sizeof *caps; i++) {
        char mark[24];
        snprintf(mark, sizeof mark, "(%s)", caps[i]);
        if (strstr(err->msg, mark))
            return caps[i];
    }
    return NULL;
}

static const char *const date_source_names[] = {
    [PX_DATE_UNKNOWN] = "unknown",   [PX_DATE_HEADER] = "header",
    [PX_DATE_OVERRIDE] = "override", [PX_DATE_BYLINE] = "byline",
    [PX_DATE_META] = "meta",         [PX_DATE_TEXT] = "text",
    [PX_DATE_URL] = "url",           [PX_DATE_ARCHIVE] = "archive",
    [PX_DATE_FILETIME] = "file-time",
};

const char *px_date_source_name(px_date_source ds)
{
    if ((unsigned)ds < sizeof date_source_names / sizeof *date_source_names)
        return date_source_names[ds];
    return "unknown";
}

/* Said for a reader, not a script: the page and `show` both use it. */
const char *px_date_provenance(const px_article *a)
{
    const char *src = a->source ? a->source : "";
    switch (a->date_source) {
    case PX_DATE_HEADER:
        return strstr(src, ".jsonl") || strstr(src, ".ndjson") ||
               strstr(src, ".JSONL")
                   ? "date stated by the export"
                   : "date stated at the top of the file";
    case PX_DATE_OVERRIDE: return "date given when the file was indexed";
    case PX_DATE_BYLINE: return "date from the byline";
    case PX_DATE_META: return "date from the page's publication data";
    case PX_DATE_TEXT: return "date found in the text";
    case PX_DATE_URL: return "date from the URL";
    case PX_DATE_ARCHIVE: return "date the page was archived; the page "
                                 "gives none";
    case PX_DATE_FILETIME: return "date of the file";
    default: return "date of unknown origin";
    }
}

px_date_source px_date_source_from_name(const char *name)
{
    for (unsigned i = 0; name && i < sizeof date_source_names /
                                         sizeof *date_source_names; i++)
        if (strcmp(name, date_source_names[i]) == 0)
            return (px_date_source)i;
    return PX_DATE_UNKNOWN;
}

static const char *const precision_names[] = {
    [PX_PREC_DAY] = "day", [PX_PREC_MONTH] = "month", [PX_PREC_YEAR] = "year",
};

const char *px_date_precision_name(px_date_precision p)
{
    if ((unsigned)p < sizeof precision_names / sizeof *precision_names)
        return precision_names[p];
    return "day";
}

px_date_precision px_date_precision_from_name(const char *name)
{
    for (unsigned i = 0; name && i < sizeof precision_names /
                                         sizeof *precision_names; i++)
        if (strcmp(name, precision_names[i]) == 0)
            return (px_date_precision)i;
    return PX_PREC_DAY;
}

void px_article_date_label(const px_article *a, char out[11])
{
    /* A coarse date is shown without the 01s that only stand for the
    ** unknown parts. */
    int len = a->date_precision == PX_PREC_YEAR    ? 4
              : a->date_precision == PX_PREC_MONTH ? 7 : 10;
    snprintf(out, 11, "%.*s", len, a->date);
}

px_article *px_article_new(void)
{
    return calloc(1, sizeof(px_article));
}

void px_article_free(px_article *a)
{
    if (!a)
        return;
    free(a->ext_id);
    free(a->source);
    free(a->url);
    free(a->outlet);
    free(a->title);
    free(a->author);
    free(a->body);
    free(a);
}

px_status px_article_set(char **field, const char *s, size_t len)
{
    char *copy = NULL;
    if (s) {
        copy = malloc(len + 1);
        if (!copy)
            return PX_ENOMEM;
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    free(*field);
    *field = copy;
    return PX_OK;
}
