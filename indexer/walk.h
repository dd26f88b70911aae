/*
** walk.h — the list of files one `add` run reads.
**
** The command line names files and folders; folders are walked
** recursively.  The list is built before any file is read so that the
** progress line knows the totals, and sorted so that two runs over the
** same tree read files in the same order.
*/
#ifndef PI_WALK_H
#define PI_WALK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "extract.h"

typedef struct {
    char *path;            /* absolute */
    uint64_t size;         /* bytes, when listed */
    const pxe_format *format;   /* how to read it (static row) */
    dev_t dev;             /* identity, to list each file once */
    ino_t ino;
} pi_walk_file;

typedef struct {
    pi_walk_file *files;
    size_t n, cap;
    uint64_t bytes;        /* total size of the files */
    px_problem_fn problem; /* told about what cannot be listed */
    px_problem_fn note;    /* told what was skipped (may be NULL) */
    void *ctx;
} pi_walk;

/* Adds what `arg` names.  A file must be in a format pressdex reads; in a
** folder, hidden entries and files of other formats are skipped, and a
** folder met again below itself (a symbolic-link loop) is reported.
** Problems go to w->problem and the walk goes on; the return is PX_OK or
** PX_ENOMEM. */
px_status pi_walk_add(pi_walk *w, const char *arg);

/* Sorts the list by path and drops files listed twice (the same file
** reached through two paths is kept once, under the smaller path). */
void pi_walk_finish(pi_walk *w);

void pi_walk_free(pi_walk *w);

#endif /* PI_WALK_H */
