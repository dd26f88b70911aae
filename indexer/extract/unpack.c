/*
** unpack.c — reading a file with the reader of its format, compressed or
** not: the one place that opens input files for indexing.
**
** A compressed file (feed.jsonl.gz, page.html.zst; the table is in
** formats.c) is decompressed by zlib (gzip) or libarchive (zstd).  A
** format read from a descriptor (JSON Lines, whose exports run to
** gigabytes) gets the read end of a pipe that a thread fills with the
** decompressed bytes, so memory stays what the reader's chunks take and
** decompressing runs beside parsing.  A format read whole (one page per
** file) is decompressed into memory.  A format whose reader decompresses
** by itself (WARC) is handed the file as it is.
**
** Damage (a truncated or corrupt stream) is reported as a problem naming
** the file and, for a stream, the line where the damage starts; the
** thread hands the reader whole lines only, so the lines before the
** damage are indexed and the broken one is not mistaken for bad JSON.
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include "extract_int.h"

/* Compressed bytes read from the file at a time, and decompressed bytes
** handed on at a time. */
#define UNPACK_BLOCK (64u << 10)
/* A line longer than this is passed on in pieces rather than held back
** whole: past it, memory matters more than a clean damage report. */
#define UNPACK_HOLD_MAX (8u << 20)

/* A compressed file being decompressed: gzip by zlib, which checks each
** member's CRC and length (libarchive's gzip filter does not, and a
** flipped byte then passes for data), zstd by libarchive, which checks
** the frame's checksum. */
typedef struct {
    const pxe_compression *c;
    int fd;                    /* gzip: the file */
    z_stream z;
    int z_live;                /* z needs inflateEnd */
    int z_end;                 /* the last member ended, nothing follows */
    unsigned char *in;         /* gzip: compressed bytes read */
    struct archive *ar;        /* zstd */
    atomic_ullong consumed;    /* compressed bytes read so far */
    char msg[200];             /* what the damage is */
} unpack_src;

static void src_close(unpack_src *s)
{
    if (s->z_live)
        inflateEnd(&s->z);
    s->z_live = 0;
    free(s->in);
    s->in = NULL;
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    if (s->ar)
        archive_read_free(s->ar);
    s->ar = NULL;
}

/* zstd through libarchive, with only its zstd filter: anything else is
** refused rather than read as something it is not. */
static px_status src_open_zstd(unpack_src *s, const char *path, px_err *err)
{
    struct archive_entry *e;
    if (!(s->ar = archive_read_new()))
        return px_err_set(err, PX_ENOMEM, "out of memory");
    archive_read_support_filter_zstd(s->ar);
    archive_read_support_format_raw(s->ar);
    int rc = archive_read_open_filename(s->ar, path, UNPACK_BLOCK);
    if (rc == ARCHIVE_OK)
        rc = archive_read_next_header(s->ar, &e);
    if (rc != ARCHIVE_OK && rc != ARCHIVE_EOF) {
        int e = archive_errno(s->ar);
        return px_err_set(err, e == ENOENT || e == EACCES ? PX_EIO
                                                          : PX_EINVAL,
                          "%s", archive_error_string(s->ar)
                                    ? archive_error_string(s->ar)
                                    : "cannot be read");
    }
    if (archive_filter_code(s->ar, 0) != ARCHIVE_FILTER_ZSTD)
        return px_err_set(err, PX_EINVAL, "not zstd data, though the name "
                          "ends in .zst");
    return PX_OK;
}

static px_status src_open_gzip(unpack_src *s, const char *path, px_err *err)
{
    unsigned char magic[2];
    if ((s->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return px_err_set(err, PX_EIO, "%s", strerror(errno));
    ssize_t got = pread(s->fd, magic, 2, 0);
    if (got != 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        return px_err_set(err, PX_EINVAL, "not gzip data, though the name "
                          "ends in .gz");
    if (!(s->in = malloc(UNPACK_BLOCK)))
        return px_err_set(err, PX_ENOMEM, "out of memory");
    /* 15 + 16: a gzip wrapper, whose CRC and length inflate checks. */
    if (inflateInit2(&s->z, 15 + 16) != Z_OK)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    s->z_live = 1;
    return PX_OK;
}

/* Opens `path` as compressed with c.  PX_EIO when it cannot be opened,
** PX_EINVAL when it is not c's kind of data (a plain file misnamed .gz);
** s is closed again on failure. */
static px_status src_open(unpack_src *s, const char *path,
                          const pxe_compression *c, px_err *err)
{
    memset(s, 0, sizeof *s);
    atomic_init(&s->consumed, 0);
    s->c = c;
    s->fd = -1;
    px_status st = c->kind == PXE_GZIP ? src_open_gzip(s, path, err)
                                       : src_open_zstd(s, path, err);
    if (st != PX_OK)
        src_close(s);
    return st;
}

/* Up to n decompressed gzip bytes.  Members written one after another
** (cat a.gz b.gz) are one stream, as gzip reads them. */
static ssize_t src_read_gzip(unpack_src *s, char *buf, size_t n)
{
    s->z.next_out = (unsigned char *)buf;
    s->z.avail_out = (uInt)n;
    while (s->z.avail_out == n && !s->z_end) {
        if (s->z.avail_in == 0) {
            ssize_t got = read(s->fd, s->in, UNPACK_BLOCK);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                return snprintf(s->msg, sizeof s->msg, "%s",
                                strerror(errno)), -1;
            if (got == 0)
                return snprintf(s->msg, sizeof s->msg,
                                "the file ends before the data does"), -1;
            s->z.next_in = s->in;
            s->z.avail_in = (uInt)got;
            atomic_fetch_add(&s->consumed, (unsigned long long)got);
        }
        int rc = inflate(&s->z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            /* Another member may follow; anything else ends the data. */
            if (s->z.avail_in == 0) {
                ssize_t got = read(s->fd, s->in, UNPACK_BLOCK);
                s->z.next_in = s->in;
                s->z.avail_in = got > 0 ? (uInt)got : 0;
                if (got > 0)
                    atomic_fetch_add(&s->consumed, (unsigned long long)got);
            }
            if (s->z.avail_in == 1) {   /* a magic split by a read */
                s->in[0] = s->z.next_in[0];
                ssize_t got = read(s->fd, s->in + 1, UNPACK_BLOCK - 1);
                s->z.next_in = s->in;
                s->z.avail_in = 1 + (got > 0 ? (uInt)got : 0);
                if (got > 0)
                    atomic_fetch_add(&s->consumed, (unsigned long long)got);
            }
            s->z_end = s->z.avail_in < 2 || s->z.next_in[0] != 0x1f ||
                       s->z.next_in[1] != 0x8b;
            if (!s->z_end)
                inflateReset(&s->z);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return snprintf(s->msg, sizeof s->msg, "%s",
                            s->z.msg ? s->z.msg : "invalid data"), -1;
        }
    }
    return (ssize_t)(n - s->z.avail_out);
}

/* Up to n decompressed bytes: > 0, 0 at the end, -1 when the data is
** damaged (s->msg says how). */
static ssize_t src_read(unpack_src *s, char *buf, size_t n)
{
    if (s->c->kind == PXE_GZIP)
        return src_read_gzip(s, buf, n);
    la_ssize_t got = archive_read_data(s->ar, buf, n);
    atomic_store(&s->consumed,
                 (unsigned long long)archive_filter_bytes(s->ar, -1));
    if (got < 0)
        snprintf(s->msg, sizeof s->msg, "%s",
                 archive_error_string(s->ar) ? archive_error_string(s->ar)
                                             : "invalid data");
    return got < 0 ? -1 : (ssize_t)got;
}

/* A compressed file being decompressed into a pipe by a thread. */
typedef struct {
    unpack_src src;
    pthread_t thread;
    int wfd;                   /* the pipe's write end (the thread's) */
    long lines;                /* whole lines handed on */
    int damaged;               /* the stream broke: src.msg says how */
} unpack_pipe;

/* Writes all of buf to fd; 0, or -1 when the reader has gone (EPIPE) or
** the write failed. */
static int unpack_write(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Hands on the whole lines of hold[0..*n) (everything when `all`), keeps
** the rest at its start; -1 when the reader has gone.  Only the `fresh`
** bytes at the end can hold a newline: the rest was flushed up to its
** last one before. */
static int unpack_flush(unpack_pipe *u, char *hold, size_t *n, size_t fresh,
                        int all)
{
    size_t upto = *n, stop = *n - fresh;
    if (!all) {
        while (upto > stop && hold[upto - 1] != '\n')
            upto--;
        if (upto == stop)   /* no newline in the fresh bytes: none at all */
            upto = 0;
    }
    if (upto == 0 && *n >= UNPACK_HOLD_MAX)
        upto = *n;
    for (size_t i = 0; i < upto; i++)
        u->lines += hold[i] == '\n';
    if (upto && unpack_write(u->wfd, hold, upto) != 0)
        return -1;
    memmove(hold, hold + upto, *n - upto);
    *n -= upto;
    return 0;
}

/* The thread: decompresses into the pipe until the end, the damage, or
** the reader closing its end. */
static void *unpack_thread(void *arg)
{
    unpack_pipe *u = arg;
    sigset_t pipe_sig;
    /* A reader that stops early closes its end: the write then fails with
    ** EPIPE, and the signal must not end the process. */
    sigemptyset(&pipe_sig);
    sigaddset(&pipe_sig, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_sig, NULL);
    size_t cap = 2 * UNPACK_BLOCK, n = 0;
    char *hold = malloc(cap);
    u->damaged = !hold;
    while (hold) {
        if (cap - n < UNPACK_BLOCK) {
            char *grown = realloc(hold, cap * 2);
            if ((u->damaged = !grown))
                break;
            hold = grown;
            cap *= 2;
        }
        ssize_t got = src_read(&u->src, hold + n, UNPACK_BLOCK);
        if ((u->damaged = got < 0))
            break;
        n += (size_t)got;
        if (unpack_flush(u, hold, &n, (size_t)got, got == 0) != 0 ||
            got == 0)
            break;
    }
    if (u->damaged && !u->src.msg[0])
        snprintf(u->src.msg, sizeof u->src.msg, "out of memory");
    free(hold);
    close(u->wfd);
    struct timespec now = {0, 0};
    sigtimedwait(&pipe_sig, NULL, &now);   /* a SIGPIPE left pending */
    return NULL;
}

/* ---- Forwarding a reader's callbacks --------------------------------- */

/* A reader of a pipe reports its offset in decompressed bytes; progress
** is measured against the file's size on disk, so the position passed on
** is the compressed bytes consumed.  The other callbacks go through. */
typedef struct {
    const px_ingest *in;
    unpack_pipe *u;
} unpack_fwd;

static int fwd_sink(void *ctx, px_article *a)
{
    const px_ingest *in = ((unpack_fwd *)ctx)->in;
    return in->sink(in->ctx, a);
}

static void fwd_problem(void *ctx, const char *path, long line,
                        const char *msg)
{
    const px_ingest *in = ((unpack_fwd *)ctx)->in;
    if (in->problem)
        in->problem(in->ctx, path, line, msg);
}

static void fwd_warning(void *ctx, const char *path, long line,
                        const char *msg)
{
    const px_ingest *in = ((unpack_fwd *)ctx)->in;
    in->warning(in->ctx, path, line, msg);
}

static void fwd_note(void *ctx, const char *path, long line,
                     const char *msg)
{
    const px_ingest *in = ((unpack_fwd *)ctx)->in;
    in->note(in->ctx, path, line, msg);
}

static void fwd_position(void *ctx, size_t offset)
{
    unpack_fwd *f = ctx;
    (void)offset;
    f->in->position(f->in->ctx, (size_t)atomic_load(&f->u->src.consumed));
}

/* Runs the descriptor reader of `fmt` on the decompressed stream of
** `path`; returns the problems reported, or -1 when the file could not be
** opened (reported too). */
static int unpack_stream(const px_ingest *in, const char *path,
                         const pxe_format *fmt, const pxe_compression *c,
                         size_t chunk)
{
    unpack_pipe u = {.wfd = -1};
    px_err err = {""};
    int fds[2];
    if (src_open(&u.src, path, c, &err) != PX_OK) {
        px_ingest_problem(in, path, 0, "%s", err.msg);
        return -1;
    }
    if (pipe(fds) != 0) {
        src_close(&u.src);
        px_ingest_problem(in, path, 0, "%s", strerror(errno));
        return -1;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    u.wfd = fds[1];
    if (pthread_create(&u.thread, NULL, unpack_thread, &u) != 0) {
        close(fds[0]);
        close(fds[1]);
        src_close(&u.src);
        px_ingest_problem(in, path, 0, "cannot start decompressing");
        return -1;
    }
    unpack_fwd fwd = {in, &u};
    px_ingest via = {in->opts, fwd_sink, fwd_problem, &fwd,
                     in->warning ? fwd_warning : NULL,
                     in->note ? fwd_note : NULL,
                     in->position ? fwd_position : NULL};
    int problems = fmt->read_fd(&via, path, fds[0], chunk);
    close(fds[0]);    /* a thread still writing gets EPIPE and ends */
    pthread_join(u.thread, NULL);
    src_close(&u.src);
    if (u.damaged)
        problems += px_ingest_problem(in, path, u.lines + 1,
            "damaged %s data (%s); the %ld %s before it %s read", c->name,
            u.src.msg, u.lines, u.lines == 1 ? "line" : "lines",
            u.lines == 1 ? "was" : "were");
    return problems;
}

/* ---- Whole files ----------------------------------------------------- */

/* The whole decompressed content of an open source. */
static px_status unpack_all(unpack_src *src, char **data, size_t *len,
                            px_err *err)
{
    size_t cap = 4 * UNPACK_BLOCK, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (cap - n < UNPACK_BLOCK) {
            char *grown = realloc(buf, cap * 2 + 1);
            if (!grown)
                break;
            buf = grown;
            cap *= 2;
        }
        ssize_t got = src_read(src, buf + n, UNPACK_BLOCK);
        if (got < 0) {
            free(buf);
            return px_err_set(err, PX_EINVAL, "damaged %s data (%s); "
                              "nothing in it was read", src->c->name,
                              src->msg);
        }
        if (got == 0) {
            buf[n] = '\0';
            *data = buf;
            *len = n;
            return PX_OK;
        }
        n += (size_t)got;
    }
    free(buf);
    return px_err_set(err, PX_ENOMEM, "out of memory");
}

/* The whole of an uncompressed file. */
static px_status unpack_plain(const char *path, char **data, size_t *len,
                              px_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return px_err_set(err, PX_EIO, "%s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    int e = buf ? 0 : ENOMEM;
    while (!e) {
        if (n == cap) {
            char *grown = realloc(buf, (cap *= 2) + 1);
            if (!grown) {
                e = ENOMEM;
                break;
            }
            buf = grown;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno != EINTR)
            e = errno;
        else if (got == 0)
            break;
        else if (got > 0)
            n += (size_t)got;
    }
    close(fd);
    if (e) {
        free(buf);
        return px_err_set(err, e == ENOMEM ? PX_ENOMEM : PX_EIO, "%s",
                          strerror(e));
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return PX_OK;
}

px_status pxe_load_file(const char *path, char **data, size_t *len,
                        px_err *err)
{
    const pxe_format *fmt = pxe_format_for(path);
    const pxe_compression *c = pxe_compression_for(path);
    if (!c || (fmt && fmt->unpacks))
        return unpack_plain(path, data, len, err);
    unpack_src src;
    px_status st = src_open(&src, path, c, err);
    if (st != PX_OK)
        return st;
    st = unpack_all(&src, data, len, err);
    src_close(&src);
    return st;
}

int pxe_read_file(const px_ingest *in, const char *path, size_t chunk)
{
    const pxe_format *fmt = pxe_format_for(path);
    const pxe_compression *c = pxe_compression_for(path);
    px_err err = {""};
    if (!fmt) {
        px_ingest_problem(in, path, 0, "not a format pressdex reads");
        return -1;
    }
    if (fmt->read_fd && c && !fmt->unpacks)
        return unpack_stream(in, path, fmt, c, chunk);
    if (fmt->read_fd) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            px_ingest_problem(in, path, 0, "%s", strerror(errno));
            return -1;
        }
        int problems = fmt->read_fd(in, path, fd, chunk);
        close(fd);
        return problems;
    }
    char *data = NULL;
    size_t len = 0;
    if (pxe_load_file(path, &data, &len, &err) != PX_OK) {
        px_ingest_problem(in, path, 0, "%s", err.msg);
        return -1;
    }
    int problems = fmt->read(in, path, data, len);
    free(data);
    return problems;
}
