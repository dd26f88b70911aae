/*
** read_html_warc.c — the .html/.htm and .warc/.warc.gz readers.
**
** They follow the reader contract of extract.h: never print, report each
** problem through the ingest callbacks with the file (and, for WARC, the
** record number in place of a line number), carry on past a bad record,
** and hand each article to px_ingest_emit(), which applies --outlet and
** --date.  The extraction context comes with the run's options
** (px_ingest_opts.extract).
*/
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* Extracts one HTML page into a new article and emits it.  Returns
** PX_EMIT_OK, PX_EMIT_PROBLEM (reported) or PX_EMIT_STOP. */
static int readers_emit_html(const px_ingest *in, const char *path, long line,
                             const char *html, size_t len,
                             const pxe_hints *h, const char *ext_id)
{
    char *fixed = NULL;
    size_t flen = 0;
    if (px_ingest_utf8(in, path, line, html, len, &fixed, &flen))
        return PX_EMIT_PROBLEM;
    pxe_result *r = NULL;
    px_err err = {""};
    px_status st = pxe_extract_html(in->opts ? in->opts->extract : NULL, h,
                                    fixed ? fixed : html, fixed ? flen : len,
                                    &r, &err);
    free(fixed);
    if (st != PX_OK)
        return px_ingest_problem(in, path, line, "%s", err.msg),
               PX_EMIT_PROBLEM;
    px_article *a = px_article_new();
    st = a ? px_article_set(&a->ext_id, ext_id, strlen(ext_id)) : PX_ENOMEM;
    if (st == PX_OK)
        st = px_article_set(&a->source, path, strlen(path));
    if (st == PX_OK)
        st = pxe_result_to_article(r, a, &err);
    if (st == PX_OK && r->wire.value)
        px_ingest_note(in, path, line, "wire copy: %s", r->wire.value);
    pxe_result_free(r);
    if (st != PX_OK) {
        px_article_free(a);
        return px_ingest_problem(in, path, line, "out of memory"),
               PX_EMIT_PROBLEM;
    }
    return px_ingest_emit(in, path, line, a);
}

int pxe_read_html(const px_ingest *in, const char *path, const char *data,
                  size_t len)
{
    if (px_ingest_is_binary(data, len))
        return px_ingest_problem(in, path, 0,
            "binary file (contains NUL bytes), skipped; HTML in UTF-16 "
            "must be converted to UTF-8 first");
    pxe_hints h = {path, NULL, NULL, NULL, NULL};
    return readers_emit_html(in, path, 0, data, len, &h, path) ==
           PX_EMIT_PROBLEM;
}

/* ---- WARC ----------------------------------------------------------- */

/* Hashes seen in one file (URLs, payloads), open addressing. */
typedef struct {
    unsigned long long *v;
    long *rec;
    size_t n, cap;
} readers_seen;

static unsigned long long readers_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h ? h : 1;
}

/* The record that had hash h before, or 0 after remembering it (-1 when
** memory ran out, in which case duplicates just go undetected). */
static long readers_seen_add(readers_seen *s, unsigned long long h, long rec)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        unsigned long long *v = calloc(cap, sizeof *v);
        long *r = calloc(cap, sizeof *r);
        if (!v || !r) {
            free(v);
            free(r);
            return -1;
        }
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i]) {
                size_t j = (size_t)s->v[i] & (cap - 1);
                while (v[j])
                    j = (j + 1) & (cap - 1);
                v[j] = s->v[i];
                r[j] = s->rec[i];
            }
        free(s->v);
        free(s->rec);
        s->v = v;
        s->rec = r;
        s->cap = cap;
    }
    size_t j = (size_t)h & (s->cap - 1);
    while (s->v[j] && s->v[j] != h)
        j = (j + 1) & (s->cap - 1);
    if (s->v[j])
        return s->rec[j];
    s->v[j] = h;
    s->rec[j] = rec;
    s->n++;
    return 0;
}

typedef struct {
    const px_ingest *in;
    const char *path;
    readers_seen urls, bodies;
    int problems;
    int stopped;
} readers_warc;

static int readers_is_html(const pxe_warc_record *rec)
{
    if (rec->content_type)
        return pxe_stristr(rec->content_type, "html") != NULL;
    size_t i = 0;
    while (i < rec->body_len && pxe_is_space((unsigned char)rec->body[i]))
        i++;
    return i < rec->body_len && rec->body[i] == '<';
}

static int readers_warc_record(void *vctx, const pxe_warc_record *rec)
{
    readers_warc *w = vctx;
    const px_ingest *in = w->in;
    long no = rec->record_no;
    if (!readers_is_html(rec) || (rec->http_status && rec->http_status != 200))
        return 0;   /* images, scripts, redirects, errors: not articles */
    if (memchr(rec->body, '\0', rec->body_len)) {
        px_ingest_note(in, w->path, no, "compressed or binary payload of %s "
                       "skipped", rec->target_uri ? rec->target_uri : "?");
        return 0;
    }
    const char *uri = rec->target_uri ? rec->target_uri : "";
    long was = *uri ? readers_seen_add(&w->urls, readers_hash(uri, strlen(uri)),
                                       no) : 0;
    if (was > 0) {
        px_ingest_note(in, w->path, no, "%s already read from record %ld, "
                       "skipped", uri, was);
        return 0;
    }
    was = readers_seen_add(&w->bodies,
                           readers_hash(rec->body, rec->body_len), no);
    if (was > 0) {
        px_ingest_note(in, w->path, no, "same content as record %ld, skipped",
                       was);
        return 0;
    }
    char ext_id[4200];
    if (*uri)
        snprintf(ext_id, sizeof ext_id, "%s", uri);
    else
        snprintf(ext_id, sizeof ext_id, "%s#%ld", w->path, no);
    pxe_hints h = {w->path, *uri ? uri : NULL,
                   rec->warc_date[0] ? rec->warc_date : NULL, NULL, NULL};
    int rc = readers_emit_html(in, w->path, no, rec->body, rec->body_len, &h,
                               ext_id);
    w->problems += rc == PX_EMIT_PROBLEM;
    w->stopped = rc == PX_EMIT_STOP;
    return w->stopped;
}

static void readers_warc_problem(void *vctx, long record_no, const char *msg)
{
    readers_warc *w = vctx;
    w->problems += px_ingest_problem(w->in, w->path, record_no,
        "damaged WARC (%s); the records before it were read", msg);
}

int pxe_read_warc(const px_ingest *in, const char *path, const char *data,
                  size_t len)
{
    readers_warc w = {in, path, {0}, {0}, 0, 0};
    px_err err = {""};
    if (len == 0)
        return px_ingest_problem(in, path, 0, "empty file");
    px_status st = pxe_warc_each(data, len, readers_warc_record,
                                 readers_warc_problem, &w, &err);
    if (st == PX_ENOMEM)
        w.problems += px_ingest_problem(in, path, 0, "out of memory");
    free(w.urls.v);
    free(w.urls.rec);
    free(w.bodies.v);
    free(w.bodies.rec);
    return w.problems;
}
