/*
** walk.c — listing the files an `add` run reads.
**
** A file named on the command line is taken as it is, hidden or not, but
** must be in a format pressdex reads: naming it says the user wants it
** read.  Inside a folder the walk is quieter: hidden entries (".git",
** ".DS_Store") are passed over and files of other formats are skipped,
** since real archives hold images and stylesheets beside their text.
** Symbolic links are followed; a folder that leads back to one of its own
** ancestors is reported instead of walked forever, and so is a link that
** leads nowhere (walk_unreadable).  Entries are sorted
** byte-wise, so the order never depends on the file system.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"

/* The chain of folders from the command-line root down to the one being
** walked, for loop detection; it lives on the recursion's stack. */
typedef struct walk_parent {
    dev_t dev;
    ino_t ino;
    const struct walk_parent *up;
} walk_parent;

static px_status walk_entry(pi_walk *w, const char *path,
                            const walk_parent *up);

static void walk_report(px_problem_fn fn, pi_walk *w, const char *path,
                        const char *msg)
{
    if (fn)
        fn(w->ctx, path, 0, msg);
}

static char *walk_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] == '/';
    char *p = malloc(dl + nl + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    if (!slash)
        p[dl++] = '/';
    memcpy(p + dl, name, nl + 1);
    return p;
}

static px_status walk_push(pi_walk *w, const char *path,
                           const struct stat *sb, const pxe_format *format)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        pi_walk_file *f = realloc(w->files, cap * sizeof *f);
        if (!f)
            return PX_ENOMEM;
        w->files = f;
        w->cap = cap;
    }
    pi_walk_file *f = &w->files[w->n];
    if (!(f->path = strdup(path)))
        return PX_ENOMEM;
    f->size = (uint64_t)sb->st_size;
    f->format = format;
    f->dev = sb->st_dev;
    f->ino = sb->st_ino;
    w->bytes += f->size;
    w->n++;
    return PX_OK;
}

static int walk_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible names in a folder, sorted (the caller frees each and the
** array).  *open_errno is non-zero when the folder cannot be opened. */
static px_status walk_names(const char *path, char ***names, size_t *n,
                            int *open_errno)
{
    size_t cap = 0;
    struct dirent *de;
    DIR *dir = opendir(path);
    *names = NULL;
    *n = 0;
    *open_errno = dir ? 0 : errno;
    if (!dir)
        return PX_OK;
    px_status st = PX_OK;
    while (st == PX_OK && (de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            char **grown = realloc(*names, cap * sizeof *grown);
            if (!grown) {
                st = PX_ENOMEM;
                break;
            }
            *names = grown;
        }
        if (!((*names)[*n] = strdup(de->d_name)))
            st = PX_ENOMEM;
        else
            (*n)++;
    }
    closedir(dir);
    if (*n > 1)
        qsort(*names, *n, sizeof **names, walk_name_cmp);
    return st;
}

static px_status walk_dir(pi_walk *w, const char *path,
                          const struct stat *sb, const walk_parent *up)
{
    for (const walk_parent *p = up; p; p = p->up)
        if (p->dev == sb->st_dev && p->ino == sb->st_ino) {
            walk_report(w->problem, w, path,
                        "folder loop (a symbolic link leads back to a "
                        "folder above it), skipped");
            return PX_OK;
        }
    walk_parent here = {sb->st_dev, sb->st_ino, up};
    char **names = NULL;
    size_t n = 0;
    int open_errno = 0;
    px_status st = walk_names(path, &names, &n, &open_errno);
    if (open_errno)
        walk_report(w->problem, w, path, strerror(open_errno));
    for (size_t i = 0; st == PX_OK && i < n; i++) {
        char *child = walk_join(path, names[i]);
        st = child ? walk_entry(w, child, &here) : PX_ENOMEM;
        free(child);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st;
}

/* An entry that cannot be followed (errno e): a symbolic link to nothing
** is said to be one, with its target.  Whether it is a problem depends on
** what it pointed to: an article (by its name or its target's), or maybe
** a folder of them (a target without an extension), is a loss and makes
** the run's status say so; a link to an image or a stylesheet is a note. */
static void walk_unreadable(pi_walk *w, const char *path, int e,
                            const pxe_format *format)
{
    char target[4096], msg[4300];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0 || e == ELOOP) {
        walk_report(w->problem, w, path, strerror(e));
        return;
    }
    target[n] = '\0';
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    int loss = format || pxe_format_for(target) || !strchr(base, '.');
    snprintf(msg, sizeof msg, "dangling symbolic link to %s (%s), skipped",
             target, strerror(e));
    walk_report(loss ? w->problem : w->note, w, path, msg);
}

/* One entry met while walking a folder. */
static px_status walk_entry(pi_walk *w, const char *path,
                            const walk_parent *up)
{
    struct stat sb;
    const pxe_format *format = pxe_format_for(path);
    if (stat(path, &sb) != 0) {
        walk_unreadable(w, path, errno, format);
        return PX_OK;
    }
    if (S_ISDIR(sb.st_mode))
        return walk_dir(w, path, &sb, up);
    if (!S_ISREG(sb.st_mode))
        return PX_OK;
    if (!format) {
        walk_report(w->note, w, path,
                    "skipped: not a format pressdex reads");
        return PX_OK;
    }
    return walk_push(w, path, &sb, format);
}

px_status pi_walk_add(pi_walk *w, const char *arg)
{
    char names[128], msg[256];
    struct stat sb;
    char *abs = realpath(arg, NULL);
    if (!abs || stat(abs, &sb) != 0) {
        int e = errno;
        walk_report(w->problem, w, arg, strerror(e));
        free(abs);
        return e == ENOMEM ? PX_ENOMEM : PX_OK;
    }
    px_status st = PX_OK;
    const pxe_format *format = pxe_format_for(abs);
    if (S_ISDIR(sb.st_mode)) {
        st = walk_dir(w, abs, &sb, NULL);
    } else if (!S_ISREG(sb.st_mode)) {
        walk_report(w->problem, w, arg, "not a regular file or a folder");
    } else if (!format) {
        pxe_format_names(names, sizeof names);
        snprintf(msg, sizeof msg,
                 "not a format pressdex reads (it reads %s)", names);
        walk_report(w->problem, w, arg, msg);
    } else {
        st = walk_push(w, abs, &sb, format);
    }
    free(abs);
    return st;
}

static int walk_identity_cmp(const void *a, const void *b)
{
    const pi_walk_file *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return strcmp(x->path, y->path);
}

static int walk_path_cmp(const void *a, const void *b)
{
    return strcmp(((const pi_walk_file *)a)->path,
                  ((const pi_walk_file *)b)->path);
}

void pi_walk_finish(pi_walk *w)
{
    size_t kept = 0;
    if (w->n < 2)
        return;
    qsort(w->files, w->n, sizeof *w->files, walk_identity_cmp);
    w->bytes = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (kept > 0 && w->files[kept - 1].dev == w->files[i].dev &&
            w->files[kept - 1].ino == w->files[i].ino) {
            free(w->files[i].path);
            continue;
        }
        w->files[kept++] = w->files[i];
        w->bytes += w->files[i].size;
    }
    w->n = kept;
    qsort(w->files, w->n, sizeof *w->files, walk_path_cmp);
}

void pi_walk_free(pi_walk *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->files[i].path);
    free(w->files);
    w->files = NULL;
    w->n = w->cap = 0;
    w->bytes = 0;
}
