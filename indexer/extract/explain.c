/*
** explain.c — showing a user what extraction did with a page, and the
** first pass that teaches the context about sites.
**
** Both dispatch on the file name by the format table, as the readers do
** (.html/.htm, .warc, anything else as scraped text; each also
** compressed), so that what `explain` shows and what the first pass
** learns are what indexing will do.  The callers hand over the bytes
** decompressed (pxe_load_file), except a WARC's, which libarchive
** decompresses as it walks the records.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* By the format table, so that page.html.gz is read as HTML. */
static int ex_is_html(const char *path)
{
    const pxe_format *f = pxe_format_for(path);
    return f && strcmp(f->name, "html") == 0;
}

static int ex_is_warc(const char *path)
{
    const pxe_format *f = pxe_format_for(path);
    return f && strcmp(f->name, "warc") == 0;
}

static const char *ex_role(pxe_line_role r)
{
    switch (r) {
    case PXE_LINE_BODY: return "keep";
    case PXE_LINE_TITLE: return "title";
    case PXE_LINE_META: return "meta";
    default: return "drop";
    }
}

static void ex_field(FILE *out, const char *name, const pxe_field *f)
{
    if (f->value)
        fprintf(out, "%-7s %s  [%s, confidence %d]\n", name, f->value,
                f->source ? f->source : "?", f->confidence);
    else
        fprintf(out, "%-7s unknown\n", name);
}

/* The candidates each field was chosen from, best first, so that a user
** sees what else the page offered and why the winner won. */
static void ex_cands(FILE *out, const pxe_result *r)
{
    static const char *const fields[] = {"title", "date", "author", "outlet"};
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
        int any = 0;
        for (size_t i = 0; i < r->n_cands; i++) {
            const pxe_cand *c = &r->cands[i];
            if (strcmp(c->field, fields[f]) != 0)
                continue;
            if (!any++)
                fprintf(out, "candidates for %s:\n", fields[f]);
            size_t n = strlen(c->value);
            fprintf(out, "  %4d  %.*s%s  (%s)\n", c->score,
                    (int)(n > 90 ? 87 : n), c->value, n > 90 ? "..." : "",
                    c->why);
        }
    }
}

void pxe_explain(const pxe_result *r, FILE *out)
{
    for (size_t i = 0; i < r->n_lines; i++) {
        const pxe_line *l = &r->lines[i];
        size_t n = strlen(l->text);
        fprintf(out, "%-5s %-30s | %.*s%s\n", ex_role(l->role),
                l->why ? l->why : "", (int)(n > 160 ? 157 : n), l->text,
                n > 160 ? "..." : "");
    }
    fprintf(out, "--\n");
    ex_field(out, "title:", &r->title);
    ex_field(out, "outlet:", &r->outlet);
    ex_field(out, "author:", &r->author);
    if (r->date[0])
        fprintf(out, "%-7s %.*s  [%s: %s%s, confidence %d]\n", "date:",
                r->date_precision == PX_PREC_YEAR    ? 4
                : r->date_precision == PX_PREC_MONTH ? 7 : 10, r->date,
                px_date_source_name(r->date_source),
                r->date_how ? r->date_how : "?",
                r->date_precision == PX_PREC_YEAR    ? ", year only"
                : r->date_precision == PX_PREC_MONTH ? ", month only" : "",
                r->date_confidence);
    else
        fprintf(out, "%-7s unknown\n", "date:");
    ex_field(out, "wire:", &r->wire);
    ex_cands(out, r);
    ex_field(out, "url:", &r->url);
    fprintf(out, "%-7s %s\n", "site:", r->site && *r->site ? r->site : "-");
}

/* The value of a leading "url:" header line of scraped text, into buf. */
static const char *ex_text_url(const char *data, size_t len, char *buf,
                               size_t size)
{
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - data - pos) : len - pos;
        const char *l = data + pos;
        if (n == 0 || !memchr(l, ':', n))
            return NULL;
        if (n > 4 && strncasecmp(l, "url:", 4) == 0) {
            char *v = pxe_collapse(l + 4, n - 4);
            if (!v)
                return NULL;
            snprintf(buf, size, "%s", v);
            free(v);
            return buf;
        }
        pos += n + 1;
    }
    return NULL;
}

typedef struct {
    pxe_ctx *ctx;
    const char *path;
    FILE *out;       /* explain: where to write; NULL when learning */
    px_status st;
} ex_run;

/* Learns the lines of one extracted page. */
static px_status ex_learn_result(pxe_ctx *ctx, const pxe_result *r)
{
    return pxe_learn_lines(ctx, r->site, r->lines, r->n_lines, NULL);
}

/* Learns the lines of scraped text: only its layout is read, as the
** extraction of the second pass will read it, so that the lines match. */
static px_status ex_learn_text(pxe_ctx *ctx, const char *path,
                               const char *data, size_t len, const char *url)
{
    pxe_lines ls = {.lines_only = !pxe_layouts_room(ctx)};
    char site[256];
    pxe_site_key(url, path, site, sizeof site);
    px_status st = pxe_text_layout(data, len, &ls)
                       ? PX_ENOMEM
                       : pxe_learn_lines(ctx, site, ls.v, ls.n, NULL);
    if (st != PX_OK || !pxe_layouts_keep(ctx, data, len, &ls))
        pxe_lines_free(&ls);
    return st;
}

static int ex_warc_record(void *vctx, const pxe_warc_record *rec)
{
    ex_run *run = vctx;
    if (rec->content_type && !pxe_stristr(rec->content_type, "html"))
        return 0;
    if (rec->http_status && rec->http_status != 200)
        return 0;
    pxe_hints h = {run->path, rec->target_uri, rec->warc_date, NULL, NULL};
    pxe_result *r;
    if (pxe_extract_html(run->ctx, &h, rec->body, rec->body_len, &r, NULL))
        return 0;
    if (run->out) {
        fprintf(run->out, "== record %ld: %s\n", rec->record_no,
                rec->target_uri ? rec->target_uri : "(no URI)");
        pxe_explain(r, run->out);
    } else if (ex_learn_result(run->ctx, r) != PX_OK) {
        run->st = PX_ENOMEM;
    }
    pxe_result_free(r);
    return run->st != PX_OK;
}

static void ex_warc_problem(void *vctx, long record_no, const char *msg)
{
    ex_run *run = vctx;
    if (run->out)
        fprintf(run->out, "== record %ld: damaged: %s\n", record_no, msg);
}

/* Runs extraction on one file for explain (out set) or learning. */
static px_status ex_file(ex_run *run, const char *data, size_t len,
                         px_err *err)
{
    const char *path = run->path;
    if (ex_is_warc(path)) {
        px_status st = pxe_warc_each(data, len, ex_warc_record,
                                     ex_warc_problem, run, err);
        return run->st != PX_OK ? run->st
               : st == PX_ECORRUPT ? PX_OK : st;   /* reported above */
    }
    if (len > 0 && memchr(data, '\0', len))
        return px_err_set(err, PX_EINVAL, "%s: binary file (contains NUL "
                          "bytes)", path);
    char *fixed = NULL;
    size_t flen = 0;
    if (px_utf8_repair(data, len, &fixed, &flen) > 0) {
        data = fixed;
        len = flen;
    }
    char urlbuf[2048];
    if (!run->out && !ex_is_html(path)) {
        px_status st = ex_learn_text(run->ctx, path, data, len,
                                     ex_text_url(data, len, urlbuf,
                                                 sizeof urlbuf));
        free(fixed);
        return st;
    }
    pxe_hints h = {path, ex_is_html(path) ? NULL
                         : ex_text_url(data, len, urlbuf, sizeof urlbuf), NULL,
                   NULL, NULL};
    pxe_result *r;
    px_status st = ex_is_html(path)
                       ? pxe_extract_html(run->ctx, &h, data, len, &r, err)
                       : pxe_extract_text(run->ctx, &h, data, len, &r, err);
    free(fixed);
    if (st != PX_OK)
        return st;
    if (run->out)
        pxe_explain(r, run->out);
    else
        st = ex_learn_result(run->ctx, r);
    pxe_result_free(r);
    return st;
}

px_status pxe_explain_file(const pxe_ctx *ctx, const char *path,
                           const char *data, size_t len, FILE *out,
                           px_err *err)
{
    ex_run run = {(pxe_ctx *)ctx, path, out, PX_OK};
    return ex_file(&run, data, len, err);
}

px_status pxe_learn_file(pxe_ctx *ctx, const char *path, const char *data,
                         size_t len, px_err *err)
{
    ex_run run = {ctx, path, NULL, PX_OK};
    px_status st = ex_file(&run, data, len, err);
    /* Bad input is simply not counted; only memory matters here. */
    return st == PX_ENOMEM ? px_err_set(err, st, "out of memory") : PX_OK;
}
