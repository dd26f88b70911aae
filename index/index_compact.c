/*
** index_compact.c — rewriting the Xapian side compactly.
**
** Xapian's writer leaves its B-tree blocks partly empty, and after a large
** add the database is about 1.7 times the size of a compacted copy (116 MB
** against 53 MB for Reuters-21578).  Compaction writes that copy next to
** the database (xapian.compact/), then swaps the two directories in one
** rename(2) so that a reader opening the index sees either the old or the
** new database, never neither; the old one is then deleted.  Document ids
** are kept (they are the store's row ids), and so is the metadata, among
** it the synced mark: the copy is of the last commit, taken while this
** handle holds the writer lock, so nothing can differ.
**
** A crash leaves at worst a stray xapian.compact/ (the new copy before the
** swap, the old database after it), removed by the next writer, as is the
** xapian.new/ an interrupted reindex leaves.
*/
#define _GNU_SOURCE   /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index_internal.h"

#define PX_COMPACT_DIR "xapian.compact"

px_status px_index_remove_db_dir(const char *path, px_err *err)
{
    DIR *d = opendir(path);
    if (!d)
        return errno == ENOENT ? PX_OK
                               : px_err_set(err, PX_EIO, "cannot read %s: %s",
                                            path, strerror(errno));
    struct dirent *e;
    px_status st = PX_OK;
    while (st == PX_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *f = px_path_join(path, e->d_name);
        struct stat sb;
        if (!f)
            st = px_err_set(err, PX_ENOMEM, "out of memory");
        else if (lstat(f, &sb) == 0 && S_ISDIR(sb.st_mode))
            st = px_index_remove_db_dir(f, err);   /* a shard */
        else if (unlink(f) != 0 && errno != ENOENT)
            st = px_err_set(err, PX_EIO, "cannot remove %s: %s", f,
                            strerror(errno));
        free(f);
    }
    closedir(d);
    if (st == PX_OK && rmdir(path) != 0 && errno != ENOENT)
        st = px_err_set(err, PX_EIO, "cannot remove %s: %s", path,
                        strerror(errno));
    return st;
}

/* Also what an interrupted reindex left (index_maint.c builds beside the
** live database the same way). */
px_status px_index_compact_cleanup(px_index *ix, px_err *err)
{
    static const char *const strays[] = {PX_COMPACT_DIR, PX_REINDEX_DIR};
    px_status st = PX_OK;
    for (size_t i = 0; st == PX_OK && i < 2; i++) {
        char *tmp = px_path_join(ix->dir, strays[i]);
        if (!tmp)
            return px_err_set(err, PX_ENOMEM, "out of memory");
        st = px_index_remove_db_dir(tmp, err);
        free(tmp);
    }
    return st;
}

/* Atomic where the file system can exchange two names; elsewhere there is
** a moment with no database at `live`. */
px_status px_index_swap_dirs(const char *fresh, const char *live, px_err *err)
{
    if (renameat2(AT_FDCWD, fresh, AT_FDCWD, live, RENAME_EXCHANGE) == 0)
        return PX_OK;
    if (errno != EINVAL && errno != ENOSYS)
        return px_err_set(err, PX_EIO, "cannot replace %s: %s", live,
                          strerror(errno));
    size_t n = strlen(fresh) + 5;
    char *old = malloc(n);
    if (!old)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    snprintf(old, n, "%s.old", fresh);
    px_status st = px_index_remove_db_dir(old, err);
    if (st == PX_OK && rename(live, old) != 0)
        st = px_err_set(err, PX_EIO, "cannot move %s: %s", live,
                        strerror(errno));
    if (st == PX_OK && rename(fresh, live) != 0) {
        st = px_err_set(err, PX_EIO, "cannot move %s: %s", fresh,
                        strerror(errno));
        rename(old, live);
    }
    if (st == PX_OK && rename(old, fresh) != 0)
        st = px_index_remove_db_dir(old, err);
    free(old);
    return st;
}

/* Reopens the (swapped-in) database for writing, which takes its lock. */
static px_status reopen_writer(px_index *ix, px_err *err)
{
    px_xdb_close(ix->xdb);
    ix->xdb = NULL;
    px_status st = px_xdb_open_write(ix->xapian_path, &ix->xdb, err);
    if (st == PX_ELOCKED)
        return px_err_set(err, PX_ELOCKED,
            "index %s was compacted, but another pressdex-index has started "
            "writing it since", ix->dir);
    return st;
}

px_status px_index_compact(px_index *ix, uint64_t *before, uint64_t *after,
                           px_err *err)
{
    if (!ix->writable)
        return px_err_set(err, PX_EINVAL, "index %s is open read-only",
                          ix->dir);
    /* Nothing may be left pending in the old handle: closing it after the
    ** swap would commit into the directory now holding the new database. */
    px_status st = px_index_commit(ix, err);
    if (st == PX_OK)
        st = px_xdb_commit(ix->xdb, err);
    px_index_writer_stop(ix);   /* they hold the handle reopened below */
    if (st == PX_OK)
        st = px_index_compact_cleanup(ix, err);
    if (st != PX_OK)
        return st;
    char *tmp = px_path_join(ix->dir, PX_COMPACT_DIR);
    if (!tmp)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (before)
        *before = px_index_xapian_bytes(ix);
    st = px_xdb_compact(ix->xapian_path, tmp, err);
    if (st == PX_OK)
        st = px_index_swap_dirs(tmp, ix->xapian_path, err);
    if (st == PX_OK)
        st = reopen_writer(ix, err);
    /* Either the failed copy or, after the swap, the old database. */
    px_status removed = px_index_remove_db_dir(tmp, st == PX_OK ? err : NULL);
    if (st == PX_OK)
        st = removed;
    free(tmp);
    if (st == PX_OK && after)
        *after = px_index_xapian_bytes(ix);
    return st;
}
