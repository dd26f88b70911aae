/*
** index_access.c — what the file system allows a program to do with an
** index, and what it tells when it refuses.
**
** Indexes are deployed so that one user writes them and another (the web
** server's) only reads them, or are searched from a read-only mount or a
** snapshot.  A writer therefore checks up front that it may write the
** folder and its files, so that it says "read-only" instead of failing
** later on a lock it could not take; readers never write (store.c).
**
** A write that fails for want of space is reported as that, with the
** path, whichever of SQLite or Xapian noticed it: Xapian's own message
** ("Error writing block 471") does not say what to do.  Nothing is lost
** then: the store commits before Xapian is written, and the next writer
** replays what Xapian missed (index_write.c), which is what "pending"
** counts.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "index_internal.h"

/* Why `path` cannot be written (an errno), or 0 when it can or does not
** exist yet. */
static int unwritable(const char *path)
{
    if (access(path, F_OK) != 0)
        return 0;
    return access(path, W_OK) == 0 ? 0 : errno;
}

px_status px_index_check_writable(const char *dir, px_err *err)
{
    static const char *const parts[] = {
        "", "/" PX_STORE_FILE, "/" PX_STORE_FILE "-wal",
        "/" PX_STORE_FILE "-shm", "/" PX_XAPIAN_DIR};
    char path[4096];
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        snprintf(path, sizeof path, "%s%s", dir, parts[i]);
        int e = unwritable(path);
        if (e == EROFS)
            return px_err_set(err, PX_EIO,
                "index %s is on a read-only file system: it can be "
                "searched, not written", dir);
        if (e)
            return px_err_set(err, PX_EIO,
                "index %s is read-only for this user (%s: %s): it can be "
                "searched, but only its owner can write it", dir, path,
                strerror(e));
    }
    return PX_OK;
}

/* Non-zero when the file system holding `path` has no more than `bytes`
** left for an unprivileged writer. */
static int space_below(const char *path, unsigned long long bytes)
{
    struct statvfs sv;
    if (statvfs(path, &sv) != 0)
        return 0;
    return (unsigned long long)sv.f_bavail * sv.f_frsize <= bytes;
}

/* Whether a failed write ran out of space.  Xapian's message does not
** carry the errno ("Error writing block 471"), and by the time it is
** reported Xapian may have dropped what it had half written; a write
** error on a file system with next to nothing left is taken for one. */
static int out_of_space(const char *path, const px_err *err)
{
    if (err && strstr(err->msg, strerror(ENOSPC)))
        return 1;
    if (err && strstr(err->msg, "Error writing"))
        return space_below(path, 16ull << 20);
    return space_below(path, 64u << 10);
}

px_status px_index_write_failed(const char *path, px_status st,
                                px_err *err)
{
    if (st == PX_OK || st == PX_ENOMEM)
        return st;
    if (!out_of_space(path, err))
        return st;
    if (err) {
        char was[PX_ERR_MAX];
        snprintf(was, sizeof was, "%s", err->msg);
        px_err_set(err, PX_EIO,
            "no space left on device writing %s (%s); free some space and "
            "run pressdex-index again: what was stored is made searchable "
            "then", path, was);
    }
    return PX_EIO;
}

px_status px_index_pending(px_index *ix, size_t *out, px_err *err)
{
    int64_t synced = 0, max_seq = 0, n = 0;
    *out = 0;
    if (!ix->store)      /* a front of remote shards: the writer knows */
        return PX_OK;
    px_status st = ix->writable ? px_index_drain(ix, err) : PX_OK;
    if (st == PX_OK) st = px_index_get_synced(ix->xdb, &synced, err);
    if (st == PX_OK) st = px_store_max_seq(ix->store, &max_seq, err);
    if (st == PX_OK && max_seq > synced)
        st = px_store_count_changes(ix->store, synced, &n, err);
    if (st == PX_OK)
        *out = (size_t)n;
    return st;
}
