/*
** warc.c — walking the records of a WARC file (.warc or .warc.gz).
**
** libarchive undoes the compression (its gzip filter reads the
** record-per-member gzip files crawlers write) and hands over the WARC
** stream, whose records are parsed here.  libarchive's own "warc" format
** reader is not used for the records because it drops what pressdex needs:
** it reports WARC-Target-URI without its scheme and host (so the article
** URL cannot be rebuilt), skips URIs ending in "/" (the usual shape of a
** news URL), and refuses WARC/1.1 and WARC-Date values with fractions of a
** second.  The record format itself is simple: a version line, header
** fields, a blank line, Content-Length bytes, and two CRLFs.
**
** Memory stays at about one record: the stream is read in blocks and each
** complete record is delivered and discarded.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <archive.h>

#include "extract_int.h"

/* A record's headers must end within this many bytes. */
#define WARC_MAX_HEADER (64 * 1024)
/* Records larger than this are skipped (not articles). */
#define WARC_MAX_RECORD ((size_t)256 * 1024 * 1024)

typedef struct {
    struct archive *ar;
    char *buf;
    size_t len, cap, off;   /* unparsed bytes are buf[off..len) */
    int eof;
} warc_in;

static int warc_fill(warc_in *w, px_err *err)
{
    if (w->off > 0) {
        memmove(w->buf, w->buf + w->off, w->len - w->off);
        w->len -= w->off;
        w->off = 0;
    }
    if (w->cap - w->len < 65536) {
        size_t cap = w->cap ? w->cap * 2 : 1 << 20;
        char *b = realloc(w->buf, cap);
        if (!b)
            return px_err_set(err, PX_ENOMEM, "out of memory"), -1;
        w->buf = b;
        w->cap = cap;
    }
    la_ssize_t n = archive_read_data(w->ar, w->buf + w->len, w->cap - w->len);
    if (n < 0)
        return px_err_set(err, PX_ECORRUPT, "%s",
                          archive_error_string(w->ar)), -1;
    if (n == 0)
        w->eof = 1;
    w->len += (size_t)n;
    return 0;
}

/* The value of header `name` within hdr/len, copied into out. */
static int warc_field(const char *hdr, size_t len, const char *name,
                      char *out, size_t size)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl < len; i++) {
        if ((i == 0 || hdr[i - 1] == '\n') && strncasecmp(hdr + i, name, nl) == 0 &&
            hdr[i + nl] == ':') {
            const char *v = hdr + i + nl + 1;
            const char *end = memchr(v, '\n', len - (size_t)(v - hdr));
            size_t n = end ? (size_t)(end - v) : len - (size_t)(v - hdr);
            while (n > 0 && isspace((unsigned char)*v)) {
                v++;
                n--;
            }
            while (n > 0 && isspace((unsigned char)v[n - 1]))
                n--;
            if (n >= size)
                n = size - 1;
            memcpy(out, v, n);
            out[n] = '\0';
            return 1;
        }
    }
    out[0] = '\0';
    return 0;
}

static const char *warc_find(const char *s, size_t len, const char *pat)
{
    size_t pl = strlen(pat);
    for (size_t i = 0; i + pl <= len; i++)
        if (memcmp(s + i, pat, pl) == 0)
            return s + i;
    return NULL;
}

/* Undoes chunked transfer coding in place; returns the new length. */
static size_t warc_dechunk(char *s, size_t len)
{
    size_t r = 0, w = 0;
    while (r < len) {
        char *end;
        unsigned long n = strtoul(s + r, &end, 16);
        const char *nl = memchr(s + r, '\n', len - r);
        if (!nl || end == s + r)
            break;
        r = (size_t)(nl - s) + 1;
        if (n == 0 || n > len - r)
            break;
        memmove(s + w, s + r, n);
        w += n;
        r += n;
        while (r < len && (s[r] == '\r' || s[r] == '\n'))
            r++;
    }
    return w;
}

/* Splits an HTTP response block into status, Content-Type and payload. */
static void warc_http(pxe_warc_record *rec, char *block, size_t len,
                      char *ctype, size_t ctsize)
{
    rec->body = block;
    rec->body_len = len;
    ctype[0] = '\0';
    if (len < 12 || strncmp(block, "HTTP/", 5) != 0)
        return;
    const char *sp = memchr(block, ' ', len < 16 ? len : 16);
    rec->http_status = sp ? atoi(sp + 1) : 0;
    const char *end = warc_find(block, len, "\r\n\r\n");
    size_t skip = 4;
    if (!end) {
        end = warc_find(block, len, "\n\n");
        skip = 2;
    }
    if (!end)
        return;
    size_t hl = (size_t)(end - block);
    char te[64];
    warc_field(block, hl, "Content-Type", ctype, ctsize);
    rec->content_type = ctype;
    rec->body = block + hl + skip;
    rec->body_len = len - hl - skip;
    if (warc_field(block, hl, "Transfer-Encoding", te, sizeof te) &&
        pxe_stristr(te, "chunked"))
        rec->body_len = warc_dechunk(block + hl + skip, rec->body_len);
}

typedef struct {
    pxe_warc_fn fn;
    pxe_warc_problem_fn problem;
    void *cbctx;
    long no;
} warc_cb;

static int warc_deliver(const warc_cb *cb, const char *hdr, size_t hlen,
                        char *block, size_t blen)
{
    char type[32], uri[4096], date[64], id[256], ctype[256];
    pxe_warc_record rec = {0};
    warc_field(hdr, hlen, "WARC-Type", type, sizeof type);
    if (strcasecmp(type, "response") != 0 && strcasecmp(type, "resource") != 0)
        return 0;
    char d[11] = "";
    rec.target_uri = warc_field(hdr, hlen, "WARC-Target-URI", uri, sizeof uri)
                         ? uri : NULL;
    if (rec.target_uri && uri[0] == '<') {   /* WARC/1.0 draft style <uri> */
        memmove(uri, uri + 1, strlen(uri));
        uri[strcspn(uri, ">")] = '\0';
    }
    if (warc_field(hdr, hlen, "WARC-Date", date, sizeof date))
        px_date_parse(date, d);
    rec.warc_date = d;
    rec.record_id = warc_field(hdr, hlen, "WARC-Record-ID", id, sizeof id)
                        ? id : NULL;
    rec.record_no = cb->no;
    if (strcasecmp(type, "response") == 0) {
        warc_http(&rec, block, blen, ctype, sizeof ctype);
    } else {
        rec.body = block;
        rec.body_len = blen;
        rec.content_type = warc_field(hdr, hlen, "Content-Type", ctype,
                                      sizeof ctype) ? ctype : NULL;
    }
    return cb->fn(cb->cbctx, &rec);
}

static px_status warc_bad(const warc_cb *cb, px_err *err, const char *msg)
{
    char copy[PX_ERR_MAX];
    snprintf(copy, sizeof copy, "%s", msg);   /* msg may be err->msg */
    if (cb->problem)
        cb->problem(cb->cbctx, cb->no, copy);
    return px_err_set(err, PX_ECORRUPT, "record %ld: %s", cb->no, copy);
}

/* Reads records until the end; see pxe_warc_each(). */
static px_status warc_loop(warc_in *w, warc_cb *cb, px_err *err)
{
    for (;;) {
        while (w->off < w->len && isspace((unsigned char)w->buf[w->off]))
            w->off++;
        /* No buffer yet (an empty input): no offset from NULL either. */
        const char *start = w->buf ? w->buf + w->off : "";
        size_t avail = w->len - w->off;
        const char *eoh = avail ? warc_find(start, avail, "\r\n\r\n") : NULL;
        if (!eoh) {
            /* Problems here concern the record being started. */
            if (w->eof && !avail)
                return PX_OK;
            if (w->eof)
                return cb->no++, warc_bad(cb, err, "truncated record header");
            if (avail > WARC_MAX_HEADER)
                return cb->no++, warc_bad(cb, err, "record header too long");
            if (warc_fill(w, err))
                return cb->no++, warc_bad(cb, err, err->msg);
            continue;
        }
        cb->no++;
        if (avail < 5 || strncmp(start, "WARC/", 5) != 0)
            return warc_bad(cb, err, "not a WARC record (no WARC/ version line)");
        size_t hlen = (size_t)(eoh - start) + 2;
        char cl[32];
        char *endp;
        if (!warc_field(start, hlen, "Content-Length", cl, sizeof cl))
            return warc_bad(cb, err, "record without Content-Length");
        unsigned long long blen = strtoull(cl, &endp, 10);
        if (*endp || blen > WARC_MAX_RECORD)
            return warc_bad(cb, err, "bad or huge Content-Length");
        size_t need = hlen + 2 + (size_t)blen;
        while (w->len - w->off < need && !w->eof)
            if (warc_fill(w, err))
                return warc_bad(cb, err, err->msg);
        start = w->buf + w->off;
        if (w->len - w->off < need)
            return warc_bad(cb, err, "truncated record (file ends inside it)");
        /* The record is handed over in place: the callback may use it
        ** only during the call, as the next fill moves the buffer. */
        int stop = warc_deliver(cb, start, hlen, (char *)start + hlen + 2,
                                (size_t)blen);
        w->off += need;
        if (stop)
            return PX_OK;
    }
}

px_status pxe_warc_each(const char *data, size_t len, pxe_warc_fn fn,
                        pxe_warc_problem_fn problem, void *cbctx,
                        px_err *err)
{
    warc_in w = {0};
    warc_cb cb = {fn, problem, cbctx, 0};
    px_err local;
    if (!err)
        err = &local;   /* the loop reads messages back from err */
    if (len == 0)
        return PX_OK;
    w.ar = archive_read_new();
    if (!w.ar)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    archive_read_support_filter_all(w.ar);
    archive_read_support_format_raw(w.ar);
    struct archive_entry *e;
    px_status st = PX_OK;
    if (archive_read_open_memory(w.ar, data, len) != ARCHIVE_OK ||
        archive_read_next_header(w.ar, &e) != ARCHIVE_OK) {
        st = px_err_set(err, PX_ECORRUPT, "cannot read: %s",
                        archive_error_string(w.ar));
        if (problem)
            problem(cbctx, 0, err->msg);
    } else {
        st = warc_loop(&w, &cb, err);
    }
    archive_read_free(w.ar);
    free(w.buf);
    return st;
}
