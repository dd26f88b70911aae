/*
** unit_jsonl_chunks.c — the JSON Lines reader that reads a file a chunk at
** a time (pxe_read_jsonl_fd, used by `add` so that memory does not grow
** with the file) must find exactly what the whole-buffer reader
** (pxe_read_jsonl) finds: the same articles in the same order, the same
** problems with the same line numbers and messages, the same positions.
**
** Every input is read with chunk sizes from 1 byte up, so that chunk ends
** fall inside the BOM, inside CRLF pairs, in the middle of lines and on
** line ends, and lines longer than a chunk make the buffer grow.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "check.h"

/* Everything a read reports, as one text to compare. */
typedef struct {
    char *log;
    size_t len, cap;
    int stop_after;       /* stop the read at this article (0: never) */
    int articles;
} transcript;

static void add_line(transcript *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 2 > t->cap) {
        t->cap = (t->len + n + 2) * 2;
        t->log = realloc(t->log, t->cap);
        if (!t->log)
            exit(2);
    }
    memcpy(t->log + t->len, s, n);
    t->len += n;
    t->log[t->len++] = '\n';
    t->log[t->len] = '\0';
}

static int sink(void *ctx, px_article *a)
{
    transcript *t = ctx;
    char buf[512];
    snprintf(buf, sizeof buf, "article %s title=%s body=%.40s",
             a->ext_id ? a->ext_id : "-", a->title ? a->title : "-",
             a->body ? a->body : "-");
    add_line(t, buf);
    px_article_free(a);
    return t->stop_after && ++t->articles >= t->stop_after;
}

static void report(void *ctx, const char *path, long line, const char *msg)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s:%ld: %s", path, line, msg);
    add_line(ctx, buf);
}

static void position(void *ctx, size_t offset)
{
    char buf[64];
    snprintf(buf, sizeof buf, "at %zu", offset);
    add_line(ctx, buf);
}

static char *read_whole(const char *data, size_t len, int stop_after)
{
    transcript t = {NULL, 0, 0, stop_after, 0};
    px_ingest in = {NULL, sink, report, &t, report, report, position};
    add_line(&t, "start");
    int problems = pxe_read_jsonl(&in, "f.jsonl", data, len);
    char buf[64];
    snprintf(buf, sizeof buf, "problems %d", problems);
    add_line(&t, buf);
    return t.log;
}

static char *read_chunked(const char *path, size_t chunk, int stop_after)
{
    transcript t = {NULL, 0, 0, stop_after, 0};
    px_ingest in = {NULL, sink, report, &t, report, report, position};
    add_line(&t, "start");
    FILE *f = fopen(path, "rb");
    if (!f)
        exit(2);
    int problems = pxe_read_jsonl_fd(&in, "f.jsonl", fileno(f), chunk);
    fclose(f);
    char buf[64];
    snprintf(buf, sizeof buf, "problems %d", problems);
    add_line(&t, buf);
    return t.log;
}

/* Reads `data` both ways with many chunk sizes; returns 1 when all agree. */
static int same_both_ways(const char *data, size_t len, int stop_after)
{
    char path[] = "/tmp/pressdex-jsonl.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, data, len) != (ssize_t)len)
        exit(2);
    close(fd);
    char *want = read_whole(data, len, stop_after);
    static const size_t chunks[] = {1, 2, 3, 4, 5, 7, 16, 31, 64, 100, 4096};
    int ok = 1;
    for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) {
        char *got = read_chunked(path, chunks[i], stop_after);
        if (strcmp(want, got) != 0) {
            fprintf(stderr, "chunk %zu differs:\n--- whole\n%s--- chunked\n%s",
                    chunks[i], want, got);
            ok = 0;
        }
        free(got);
    }
    free(want);
    unlink(path);
    return ok;
}

/* sizeof counts a literal's bytes, embedded NULs included. */
#define SAME(lit) same_both_ways(lit, sizeof(lit) - 1, 0)
#define SAME_STOP(lit, n) same_both_ways(lit, sizeof(lit) - 1, n)

int main(void)
{
    CHECK(SAME("{\"id\":\"a\",\"title\":\"One\",\"text\":\"first body\"}\n"
               "{\"id\":\"b\",\"title\":\"Two\",\"text\":\"second body\"}\n"));
    /* BOM, CRLF, blank and space-only lines, no newline at the end. */
    CHECK(SAME("\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"x\"}\r\n\r\n   \n"
               "{\"id\":\"b\",\"text\":\"y\"}"));
    /* Problems keep their line numbers: bad JSON, not an object, no text,
    ** text of the wrong type, invalid UTF-8 repaired, a long line. */
    CHECK(SAME("{\"id\":\"a\",\"text\":\"ok\"}\n"
               "{\"id\":\"b\",\"text\":\n"
               "[1,2,3]\n"
               "{\"id\":\"c\"}\n"
               "{\"id\":\"d\",\"text\":42}\n"
               "{\"id\":\"e\",\"text\":\"caf\xE9 ok\"}\n"
               "{\"id\":\"f\",\"title\":\"a long line that is longer than "
               "several of the chunk sizes tried here\",\"text\":\"the body "
               "of the long line, long enough to need a bigger buffer\"}\n"
               "\n"));
    /* Empty, blank-only and binary files. */
    CHECK(SAME(""));
    CHECK(SAME("\n\n  \r\n"));
    CHECK(SAME("\xEF\xBB\xBF"));
    CHECK(SAME("{\"id\":\"a\",\"text\":\"x\"}\n\0\n"));
    /* A sink that asks to stop: nothing is read after that article. */
    CHECK(SAME_STOP("{\"id\":\"a\",\"text\":\"x\"}\n"
                    "{\"id\":\"b\",\"text\":\"y\"}\n"
                    "{\"id\":\"c\",\"text\":\"z\"}\n", 2));
    return CHECK_REPORT();
}
