/*
** unit_access.c — the index as deployment meets it (index/index_access.c,
** the reader's opening in store.c, reindex in index_maint.c): how many
** changes are pending, for a writer and for a reader beside it; a write
** failing for want of space is said to be that; the writer leaves -wal and
** -shm behind for readers of another user; a half-built reindex copy is
** removed by the next writer; a reader opens a store without -wal and
** -shm in a folder it cannot write.  Checks needing another user or a
** read-only mount are in tests/e2e/deploy.sh.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index_internal.h"
#include "check.h"

static void add(px_index *ix, unsigned i)
{
    char id[32], body[128];
    px_err err = {""};
    px_add_result res;
    snprintf(id, sizeof id, "a%u", i);
    snprintf(body, sizeof body, "harbour strike day %u", i);
    px_article *a = px_article_new();
    px_article_set(&a->ext_id, id, strlen(id));
    px_article_set(&a->source, "/nowhere/access.jsonl", 21);
    px_article_set(&a->body, body, strlen(body));
    CHECK(px_index_add(ix, a, &res, &err) == PX_OK);
    px_article_free(a);
}

static size_t pending(px_index *ix)
{
    px_err err = {""};
    size_t n = 99;
    CHECK(px_index_pending(ix, &n, &err) == PX_OK);
    return n;
}

static int exists(const char *dir, const char *name)
{
    char path[4096];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0;
}

static void test_pending(const char *dir)
{
    px_err err = {""};
    px_index *w = NULL, *r = NULL;
    REQUIRE(px_index_open(dir, PX_OPEN_WRITE, NULL, &w, &err) == PX_OK);
    px_index_set_batch(w, 100);
    for (unsigned i = 0; i < 5; i++)
        add(w, i);
    CHECK(pending(w) == 5);          /* stored in the open transaction */
    REQUIRE(px_index_commit(w, &err) == PX_OK);
    CHECK(pending(w) == 0);
    REQUIRE(px_index_open(dir, PX_OPEN_READ, NULL, &r, &err) == PX_OK);
    CHECK(pending(r) == 0);
    /* Stored but not searchable: as after a run stopped between its store
    ** commit and Xapian's (killed, out of space). */
    REQUIRE(px_index_set_synced(w->xdb, 2, &err) == PX_OK);
    REQUIRE(px_xdb_commit(w->xdb, &err) == PX_OK);
    CHECK(pending(w) == 3);
    CHECK(px_xdb_reopen(r->xdb, &err) == PX_OK);
    CHECK(pending(r) == 3);
    /* A search says so: its results may miss them. */
    px_search_opts o = {.query = "", .limit = 10};
    px_results *res = NULL;
    REQUIRE(px_search(r, &o, &res, &err) == PX_OK);
    CHECK(res->pending == 3);
    px_results_free(res);
    CHECK(px_index_close(w, &err) == PX_OK);
    /* The writer leaves -wal and -shm for readers that cannot create
    ** them, and the WAL empty. */
    CHECK(exists(dir, PX_STORE_FILE "-wal"));
    CHECK(exists(dir, PX_STORE_FILE "-shm"));
    /* The next writer makes them searchable. */
    REQUIRE(px_index_open(dir, PX_OPEN_WRITE, NULL, &w, &err) == PX_OK);
    CHECK(pending(w) == 0);
    CHECK(px_index_close(w, &err) == PX_OK);
    CHECK(px_xdb_reopen(r->xdb, &err) == PX_OK);
    CHECK(pending(r) == 0);
    px_index_close(r, NULL);
}

static void test_no_space(void)
{
    px_err err;
    snprintf(err.msg, sizeof err.msg, "commit: %s", strerror(ENOSPC));
    CHECK(px_index_write_failed("/tmp", PX_EBACKEND, &err) == PX_EIO);
    CHECK(strncmp(err.msg, "no space left on device writing /tmp (", 38) == 0);
    snprintf(err.msg, sizeof err.msg, "commit: %s", strerror(EACCES));
    CHECK(px_index_write_failed("/", PX_EBACKEND, &err) == PX_EBACKEND ||
          strstr(err.msg, "no space") != NULL);  /* "/" may be full */
    CHECK(px_index_write_failed("/tmp", PX_OK, &err) == PX_OK);
}

/* A reindex killed before its swap leaves xapian.new/; the next writer
** removes it, and a reindex leaves none. */
static void test_reindex_strays(const char *dir)
{
    px_err err = {""};
    char stray[4096], file[4200];
    snprintf(stray, sizeof stray, "%s/" PX_REINDEX_DIR, dir);
    snprintf(file, sizeof file, "%s/postlist.glass", stray);
    CHECK(mkdir(stray, 0755) == 0);
    FILE *f = fopen(file, "w");
    if (f)
        fclose(f);
    px_index *w = NULL;
    REQUIRE(px_index_open(dir, PX_OPEN_WRITE, NULL, &w, &err) == PX_OK);
    CHECK(!exists(dir, PX_REINDEX_DIR));
    unsigned docs = 0;
    CHECK(px_index_reindex(w, NULL, NULL, &err) == PX_OK);
    CHECK(px_xdb_doccount(w->xdb, &docs, &err) == PX_OK && docs == 5);
    CHECK(!exists(dir, PX_REINDEX_DIR));
    add(w, 10);                      /* writing goes on after the swap */
    CHECK(px_index_close(w, &err) == PX_OK);
    px_index *r = NULL;
    REQUIRE(px_index_open(dir, PX_OPEN_READ, NULL, &r, &err) == PX_OK);
    CHECK(px_xdb_doccount(r->xdb, &docs, &err) == PX_OK && docs == 6);
    CHECK(pending(r) == 0);
    px_index_close(r, NULL);
}

/* A store without -wal and -shm (an older writer, a copy) in a folder the
** reader cannot write: opened immutable.  Root writes anywhere, so this
** runs only as another user (deploy.sh covers root through `nobody`). */
static void test_bare_store(const char *dir)
{
    char path[4096];
    if (geteuid() == 0) {
        printf("bare store in a read-only folder: skipped as root\n");
        return;
    }
    snprintf(path, sizeof path, "%s/" PX_STORE_FILE "-wal", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/" PX_STORE_FILE "-shm", dir);
    unlink(path);
    chmod(dir, 0555);
    px_err err = {""};
    px_index *r = NULL;
    CHECK(px_index_open(dir, PX_OPEN_READ, NULL, &r, &err) == PX_OK);
    if (r)
        CHECK(pending(r) == 0);
    px_index_close(r, NULL);
    CHECK(!exists(dir, PX_STORE_FILE "-shm"));
    CHECK(px_index_check_writable(dir, &err) == PX_EIO &&
          strstr(err.msg, "read-only for this user") != NULL);
    chmod(dir, 0755);
}

int main(void)
{
    char tmpl[] = "/tmp/pressdex-access.XXXXXX";
    char *dir = mkdtemp(tmpl);
    px_err err = {""};
    REQUIRE(dir != NULL);
    test_pending(dir);
    test_no_space();
    test_reindex_strays(dir);
    test_bare_store(dir);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return CHECK_REPORT();
}
