/*
** progress.c — drawing the self-overwriting progress line.
**
** The line is redrawn with a carriage return and padded with spaces over
** what the previous one left, rather than with terminal escape codes, so
** it works on any terminal.  It is cut to the terminal's width: a line
** that wraps can no longer be overwritten.
*/
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define PI_PROGRESS_INTERVAL 0.2   /* seconds between redraws */
#define PI_PROGRESS_DELAY 0.3      /* runs shorter than this draw nothing */
#define PI_PROGRESS_ETA_AFTER 1.0  /* earlier estimates are noise */

static double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pi_progress_start(pi_progress *p, int enabled)
{
    memset(p, 0, sizeof *p);
    p->enabled = enabled;
    p->start = progress_now();
}

double pi_progress_elapsed(const pi_progress *p)
{
    return progress_now() - p->start;
}

/* Whether it is time to draw; remembers the time when it is. */
static int progress_due(pi_progress *p)
{
    double now = progress_now();
    if (!p->enabled || now - p->start < PI_PROGRESS_DELAY ||
        now - p->drawn_at < PI_PROGRESS_INTERVAL)
        return 0;
    p->drawn_at = now;
    return 1;
}

static size_t progress_columns(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
        return ws.ws_col;
    return 80;
}

/* "ETA 1:05" / "ETA 1:02:03" from the share of work done so far. */
static void progress_eta(const pi_progress *p, double done, double total,
                         char *buf, size_t size)
{
    double elapsed = pi_progress_elapsed(p);
    if (done <= 0 || total <= done || elapsed < PI_PROGRESS_ETA_AFTER) {
        snprintf(buf, size, "%s", done >= total && total > 0 ? "" :
                                  ", ETA -:--");
        return;
    }
    unsigned long s = (unsigned long)(elapsed * (total - done) / done + 0.5);
    if (s >= 3600)
        snprintf(buf, size, ", ETA %lu:%02lu:%02lu", s / 3600, s / 60 % 60,
                 s % 60);
    else
        snprintf(buf, size, ", ETA %lu:%02lu", s / 60, s % 60);
}

static void progress_draw(pi_progress *p, const char *line)
{
    size_t cols = progress_columns();
    size_t len = strlen(line);
    if (len > cols - 1)
        len = cols - 1;
    fprintf(stderr, "\r%.*s", (int)len, line);
    if (p->width > len)
        fprintf(stderr, "%*s", (int)(p->width - len), "");
    fputc('\r', stderr);
    fflush(stderr);
    p->width = len;
}

static unsigned long progress_rate(const pi_progress *p, size_t n)
{
    double elapsed = pi_progress_elapsed(p);
    return elapsed > 0 ? (unsigned long)((double)n / elapsed) : 0;
}

void pi_progress_files(pi_progress *p, size_t files_done, size_t files_total,
                       size_t articles, uint64_t bytes_done,
                       uint64_t bytes_total)
{
    char line[256], eta[32];
    if (!progress_due(p))
        return;
    double share = bytes_total ? (double)bytes_done / (double)bytes_total : 0;
    progress_eta(p, (double)bytes_done, (double)bytes_total, eta,
                 sizeof eta);
    snprintf(line, sizeof line,
             "[%3d%%] %zu/%zu files, %zu articles, %lu articles/s%s",
             (int)(share * 100), files_done, files_total, articles,
             progress_rate(p, articles), eta);
    progress_draw(p, line);
}

void pi_progress_items(pi_progress *p, const char *what, size_t done,
                       size_t total)
{
    char line[256], eta[32];
    if (!progress_due(p))
        return;
    double share = total ? (double)done / (double)total : 0;
    progress_eta(p, (double)done, (double)total, eta, sizeof eta);
    snprintf(line, sizeof line, "[%3d%%] %zu/%zu %s, %lu/s%s",
             (int)(share * 100), done, total, what, progress_rate(p, done),
             eta);
    progress_draw(p, line);
}

void pi_progress_clear(pi_progress *p)
{
    if (!p->width)
        return;
    fprintf(stderr, "\r%*s\r", (int)p->width, "");
    fflush(stderr);
    p->width = 0;
}
