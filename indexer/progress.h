/*
** progress.h — the progress line of long runs.
**
** On a terminal, one line on stderr that rewrites itself (files, articles,
** rate, estimated time left) at most five times a second; nothing at all
** when stderr is a file or a pipe, so logs and scripts see only results.
** Anything else written to the terminal should pi_progress_clear() first;
** the next update draws the line again.
*/
#ifndef PI_PROGRESS_H
#define PI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int enabled;
    double start;        /* monotonic seconds at pi_progress_start() */
    double drawn_at;     /* when the line was last drawn */
    size_t width;        /* columns the line covers now; 0 when none */
} pi_progress;

/* Starts the clock.  `enabled` is false for --quiet or when stderr is not
** a terminal; the clock runs either way (for summaries). */
void pi_progress_start(pi_progress *p, int enabled);

/* Seconds since pi_progress_start(). */
double pi_progress_elapsed(const pi_progress *p);

/* The `add` line; the estimate comes from bytes, which track work far
** better than file counts when files differ in size. */
void pi_progress_files(pi_progress *p, size_t files_done, size_t files_total,
                       size_t articles, uint64_t bytes_done,
                       uint64_t bytes_total);

/* A plain count, e.g. articles rebuilt out of the whole store. */
void pi_progress_items(pi_progress *p, const char *what, size_t done,
                       size_t total);

/* Erases the line, if one is shown. */
void pi_progress_clear(pi_progress *p);

#endif /* PI_PROGRESS_H */
