/*
** progress.h — the progress line of long runs.
**
** On a terminal, one line on stderr that rewrites itself (files, articles,
** rate, estimated time left) at most five times a second; nothing at all
** when stderr is a file or a pipe, so logs and scripts see only results.
** Anything else written to the terminal should px_progress_clear() first;
** the next update draws the line again.
*/
#ifndef PX_PROGRESS_H
#define PX_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int enabled;
    double start;        /* monotonic seconds at px_progress_start() */
    double drawn_at;     /* when the line was last drawn */
    size_t width;        /* columns the line covers now; 0 when none */
} px_progress;

/* Starts the clock.  `enabled` is false for --quiet or when stderr is not
** a terminal; the clock runs either way (for summaries). */
void px_progress_start(px_progress *p, int enabled);

/* Seconds since px_progress_start(). */
double px_progress_elapsed(const px_progress *p);

/* The `add` line; the estimate comes from bytes, which track work far
** better than file counts when files differ in size. */
void px_progress_files(px_progress *p, size_t files_done, size_t files_total,
                       size_t articles, uint64_t bytes_done,
                       uint64_t bytes_total);

/* A plain count, e.g. articles rebuilt out of the whole store. */
void px_progress_items(px_progress *p, const char *what, size_t done,
                       size_t total);

/* Erases the line, if one is shown. */
void px_progress_clear(px_progress *p);

#endif /* PX_PROGRESS_H */
