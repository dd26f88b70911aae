/*
** test_extract_warc.c — WARC input: records built in memory (plain and
** gzip-compressed per record, as crawlers write them), duplicates by URL
** and by content, non-HTML and error responses, and damaged files
** (truncated, garbage, empty), through pxe_warc_each() and through the
** pressdex-index reader with its ingest callbacks.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "extract.h"
#include "test_extract.h"

typedef struct {
    char *s;
    size_t len;
} tw_buf;

static void tw_add(tw_buf *b, const char *s, size_t n)
{
    b->s = realloc(b->s, b->len + n + 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Appends one response record (version "1.0" or "1.1"). */
static void tw_record(tw_buf *b, const char *version, const char *uri,
                      const char *date, const char *ctype, int status,
                      const char *html)
{
    char http[8192], hdr[1024];
    int hl = snprintf(http, sizeof http, "HTTP/1.1 %d OK\r\nContent-Type: "
                      "%s\r\n\r\n%s", status, ctype, html);
    int n = snprintf(hdr, sizeof hdr, "WARC/%s\r\nWARC-Type: response\r\n"
                     "WARC-Target-URI: %s\r\nWARC-Date: %s\r\n"
                     "WARC-Record-ID: <urn:uuid:%zu>\r\nContent-Type: "
                     "application/http; msgtype=response\r\n"
                     "Content-Length: %d\r\n\r\n", version, uri, date,
                     b->len, hl);
    tw_add(b, hdr, (size_t)n);
    tw_add(b, http, (size_t)hl);
    tw_add(b, "\r\n\r\n", 4);
}

/* gzip, one member (callers concatenate members). */
static void tw_gzip(tw_buf *out, const char *s, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, (uLong)n);
    char *buf = malloc(cap);
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)buf;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    tw_add(out, buf, cap - z.avail_out);
    deflateEnd(&z);
    free(buf);
}

#define TW_PAGE(t, p)                                                     \
    "<html><head><title>" t "</title></head><body><article><p>" p         \
    "</p></article></body></html>"

static tw_buf tw_sample(void)
{
    tw_buf b = {0};
    tw_add(&b, "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\n"
               "x: y\r\n\r\n", 58);
    tw_record(&b, "1.0", "https://harborherald.example/news/ferry/",
              "2024-11-06T08:00:00Z", "text/html; charset=utf-8", 200,
              TW_PAGE("Ferry adds sailings", "The ferry operator will run "
                      "two extra sailings a day from November onwards."));
    tw_record(&b, "1.1", "https://harborherald.example/news/bridge",
              "2024-11-07T08:00:00.123Z", "text/html", 200,
              TW_PAGE("Bridge repairs", "Repairs to the bridge will go on "
                      "until the spring, the engineers said today."));
    /* The same URL again, the same content under another URL, an image,
    ** and a redirect: none is a new article. */
    tw_record(&b, "1.0", "https://harborherald.example/news/ferry/",
              "2024-11-08T08:00:00Z", "text/html", 200,
              TW_PAGE("Ferry adds sailings", "Changed text, same URL."));
    tw_record(&b, "1.0", "https://mirror.example/bridge",
              "2024-11-08T08:00:00Z", "text/html", 200,
              TW_PAGE("Bridge repairs", "Repairs to the bridge will go on "
                      "until the spring, the engineers said today."));
    tw_record(&b, "1.0", "https://harborherald.example/logo.png",
              "2024-11-08T08:00:00Z", "image/png", 200, "PNG");
    tw_record(&b, "1.0", "https://harborherald.example/old",
              "2024-11-08T08:00:00Z", "text/html", 301, "<a>moved</a>");
    return b;
}

typedef struct {
    int articles, problems, notes;
    char urls[8][256];
    char dates[8][11];
    px_date_source ds[8];
    long problem_line;
} tw_sink;

static int tw_sink_fn(void *ctx, px_article *a)
{
    tw_sink *s = ctx;
    if (s->articles < 8) {
        snprintf(s->urls[s->articles], 256, "%s", a->url ? a->url : "");
        memcpy(s->dates[s->articles], a->date, 11);
        s->ds[s->articles] = a->date_source;
    }
    s->articles++;
    px_article_free(a);
    return 0;
}

static void tw_problem(void *ctx, const char *path, long line, const char *m)
{
    tw_sink *s = ctx;
    (void)path;
    (void)m;
    s->problems++;
    s->problem_line = line;
}

static void tw_note(void *ctx, const char *path, long line, const char *m)
{
    tw_sink *s = ctx;
    (void)path;
    (void)line;
    (void)m;
    s->notes++;
}

static int tw_read(const char *data, size_t len, tw_sink *s)
{
    px_ingest_opts opts = {NULL, NULL, NULL, 0, 0};
    px_ingest in = {&opts, tw_sink_fn, tw_problem, s, tw_problem, tw_note,
                    NULL};
    memset(s, 0, sizeof *s);
    return pxe_read_warc(&in, "/archive/crawl.warc.gz", data, len);
}

static void tw_reader(void)
{
    tw_buf b = tw_sample();
    tw_sink s;
    T(tw_read(b.s, b.len, &s) == 0);
    T(s.articles == 2);
    EQ("https://harborherald.example/news/ferry/", s.urls[0]);
    EQ("https://harborherald.example/news/bridge", s.urls[1]);
    EQ("2024-11-06", s.dates[0]);           /* WARC-Date, last resort */
    T(s.ds[0] == PX_DATE_ARCHIVE);
    T(s.notes == 2);                        /* duplicate URL, same content */
    /* Compressed record by record, as crawlers write .warc.gz. */
    tw_buf gz = {0};
    const char *p = b.s;
    while (p < b.s + b.len) {
        const char *next = strstr(p + 1, "WARC/1.");
        size_t n = next ? (size_t)(next - p) : (size_t)(b.s + b.len - p);
        tw_gzip(&gz, p, n);
        p += n;
    }
    T(tw_read(gz.s, gz.len, &s) == 0);
    T(s.articles == 2);
    /* Truncated inside the second record: the first is still read. */
    const char *second = strstr(b.s, "WARC-Target-URI: https://harborherald."
                                     "example/news/bridge");
    T(tw_read(b.s, (size_t)(second - b.s) + 200, &s) == 1);
    T(s.articles == 1);
    T(s.problem_line == 3);
    /* Truncated gzip. */
    T(tw_read(gz.s, gz.len / 2, &s) >= 1);
    T(s.articles <= 2);
    /* Garbage, empty and binary. */
    T(tw_read("this is not a warc file at all\r\n\r\n", 34, &s) == 1);
    T(s.articles == 0);
    T(tw_read("", 0, &s) == 1);
    T(tw_read("\x1f\x8b\x08\0\0\0\0\0\0\3garbage", 18, &s) >= 1);
    T(s.articles == 0);
    free(gz.s);
    free(b.s);
}

static int tw_count(void *ctx, const pxe_warc_record *rec)
{
    (void)rec;
    ++*(int *)ctx;
    return 0;
}

static void tw_each(void)
{
    tw_buf b = tw_sample();
    int n = 0;
    px_err err;
    T(pxe_warc_each(b.s, b.len, tw_count, NULL, &n, &err) == PX_OK);
    T(n == 6);   /* every response record, warcinfo skipped */
    n = 0;
    T(pxe_warc_each(b.s, b.len - 10, tw_count, NULL, &n, NULL) ==
      PX_ECORRUPT);
    T(n == 5);
    /* A huge Content-Length is refused, not allocated. */
    const char *huge = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: "
                       "99999999999999\r\n\r\n";
    T(pxe_warc_each(huge, strlen(huge), tw_count, NULL, &n, &err) ==
      PX_ECORRUPT);
    free(b.s);
}

void pxe_t_warc(void)
{
    tw_each();
    tw_reader();
}
