/*
** walk.h — the list of files one `add` run reads.
**
** The command line names files and folders; folders are walked
** recursively.  The list is built before any file is read so that the
** progress line knows the totals, and sorted so that two runs over the
** same tree read files in the same order.
*/
#ifndef PX_WALK_H
#define PX_WALK_H

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
} px_walk_file;

typedef struct {
    px_walk_file *files;
    size_t n, cap;
    uint64_t bytes;        /* total size of the files */
    px_problem_fn problem; /* told about what cannot be listed */
    px_problem_fn note;    /* told what was skipped (may be NULL) */
    void *ctx;
} px_walk;

/* Adds what `arg` names.  A file must be in a format pressdex reads; in a
** folder, hidden entries and files of other formats are skipped, and a
** folder met again below itself (a symbolic-link loop) is reported.
** Problems go to w->problem and the walk goes on; the return is PX_OK or
** PX_ENOMEM. */
px_status px_walk_add(px_walk *w, const char *arg);

/* Sorts the list by path and drops files listed twice (the same file
** reached through two paths is kept once, under the smaller path). */
void px_walk_finish(px_walk *w);

void px_walk_free(px_walk *w);

#endif /* PX_WALK_H */
