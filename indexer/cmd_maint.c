/*
** cmd_maint.c — the maintenance commands: `prune` (drop articles whose
** source file is gone), `reindex` (rebuild the Xapian side from the
** store), `compact` (rewrite the Xapian side compactly) and `languages`
** (the stemmers an index can be built with).
**
** prune, reindex and compact refuse to run on a directory that holds no
** index rather than create an empty one: a mistyped --db should say so.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

static const char prune_help[] =
"Usage: pressdex-index [--db DIR] prune\n"
"\n"
"Removes from the index every article whose source file no longer\n"
"exists.  With --verbose, names each one.\n"
"\n"
"Exit status: 0 success, 2 usage error or no index.\n";

static const char reindex_help[] =
"Usage: pressdex-index [--db DIR] reindex [--shards N]\n"
"\n"
"Rebuilds the Xapian side of the index from the article store, which\n"
"keeps every article's full text.  Needed after a schema change.  The new\n"
"database is built beside the old one and swapped in when complete:\n"
"searches go on meanwhile and see every article, and if the rebuild is\n"
"interrupted the old one stays in use.  It needs room for a second copy\n"
"of xapian/ while it runs.  With --shards N the new database is split\n"
"into N shards (1 to 64) whatever the old one had.\n"
"\n"
"Exit status: 0 success, 2 usage error or no index.\n";

static const char compact_help[] =
"Usage: pressdex-index [--db DIR] compact\n"
"\n"
"Rewrites the Xapian side of the index without the free space that\n"
"writing leaves in it: after a large add it shrinks by about 40 %.\n"
"'add' does this by itself after a run that changed a quarter of the\n"
"index or more, and 'reindex' after rebuilding; run it after many small\n"
"runs.  It needs room for a second copy of xapian/ while it runs.\n"
"Searches may go on meanwhile.\n"
"\n"
"Exit status: 0 success, 2 usage error, no index, or no room.\n";

static const char languages_help[] =
"Usage: pressdex-index languages\n"
"\n"
"Lists the stemming languages, one per line, for 'add --language' when\n"
"an index is created.\n"
"\n"
"Exit status: 0 success, 2 usage error.\n";

/* Parses a command that takes no arguments of its own; returns -1 to go
** on, or the exit status. */
static int maint_parse(pi_cli *cli, const char *cmd, const char *help,
                       int argc, char **argv)
{
    static const struct option longopts[] = {
        PI_CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    int c, rc;
    while ((c = getopt_long(argc, argv, PI_CLI_SHORT, longopts, NULL)) != -1)
        if ((rc = pi_cli_option(cli, cmd, help, c, argv)) >= 0)
            return rc;
    if (optind < argc)
        return pi_cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
    return -1;
}

/* The index named by --db or its defaults, open for writing; NULL (and
** a message said) when there is none or it cannot be opened. */
static px_index *maint_open(pi_cli *cli)
{
    char *dir = pi_cli_index_dir(cli);
    px_index *ix = dir ? pi_cli_open(dir, PX_OPEN_WRITE, NULL, 1) : NULL;
    free(dir);
    return ix;
}

/* Reports a failed command, closes the index without committing more. */
static int maint_fail(px_index *ix, const px_err *err)
{
    pi_cli_error("%s", err->msg);
    px_index_close(ix, NULL);
    return PI_EXIT_USAGE;
}

/* Closes a writable index; its status is the command's. */
static int maint_close(px_index *ix)
{
    px_err err = {""};
    px_status st = px_index_close(ix, &err);
    if (st == PX_OK)
        return PI_EXIT_OK;
    pi_cli_error("%s", err.msg[0] ? err.msg : px_status_str(st));
    return PI_EXIT_USAGE;
}

static void prune_tell(void *ctx, const px_article *a)
{
    (void)ctx;
    if (a->ext_id && a->source && strcmp(a->ext_id, a->source) != 0)
        printf("removed %s (%s)\n", a->source, a->ext_id);
    else
        printf("removed %s\n", a->source ? a->source : "?");
}

int pi_cmd_prune(pi_cli *cli, int argc, char **argv)
{
    int rc = maint_parse(cli, "prune", prune_help, argc, argv);
    if (rc >= 0)
        return rc;
    px_index *ix = maint_open(cli);
    px_err err = {""};
    size_t removed = 0;
    if (!ix)
        return PI_EXIT_USAGE;
    px_prune_cb cb = cli->verbosity >= PI_VERBOSE ? prune_tell : NULL;
    if (px_index_prune(ix, cb, NULL, &removed, &err) != PX_OK) {
        return maint_fail(ix, &err);
    }
    rc = maint_close(ix);
    if (rc == PI_EXIT_OK && cli->verbosity > PI_QUIET)
        printf("%zu %s removed (source file gone)\n", removed,
               pi_cli_plural(removed, "article", "articles"));
    return rc;
}

typedef struct {
    pi_progress progress;
    size_t total;
} reindex_ctx;

static void reindex_tell(void *vctx, size_t done, size_t total)
{
    reindex_ctx *c = vctx;
    c->total = total;
    pi_progress_items(&c->progress, "articles", done, total);
}

/* Parses reindex's options: maint_parse's and --shards. */
static int reindex_parse(pi_cli *cli, int argc, char **argv,
                         unsigned *shards)
{
    static const struct option longopts[] = {
        PI_CLI_COMMON_OPTIONS,
        {"shards", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0}};
    int c, rc;
    while ((c = getopt_long(argc, argv, PI_CLI_SHORT, longopts, NULL)) != -1) {
        if (c == 'S' && !(*shards = pi_cli_shards(optarg)))
            return pi_cli_usage("reindex", "--shards must be a number from "
                                "1 to %d, not '%s'", PX_MAX_SHARDS, optarg);
        if (c != 'S' &&
            (rc = pi_cli_option(cli, "reindex", reindex_help, c, argv)) >= 0)
            return rc;
    }
    if (optind < argc)
        return pi_cli_usage("reindex", "unexpected argument '%s'",
                            argv[optind]);
    return -1;
}

int pi_cmd_reindex(pi_cli *cli, int argc, char **argv)
{
    unsigned shards = 0;
    int rc = reindex_parse(cli, argc, argv, &shards);
    if (rc >= 0)
        return rc;
    px_index *ix = maint_open(cli);
    px_err err = {""};
    reindex_ctx c = {{0}, 0};
    if (!ix)
        return PI_EXIT_USAGE;
    pi_progress_start(&c.progress, cli->verbosity > PI_QUIET &&
                                       isatty(STDERR_FILENO));
    px_status st = px_index_reshard(ix, shards, reindex_tell, &c, &err);
    pi_progress_clear(&c.progress);
    /* A rebuilt database is as loosely packed as a first add. */
    px_err cerr = {""};
    if (st == PX_OK && px_index_compact(ix, NULL, NULL, &cerr) != PX_OK)
        pi_cli_error("warning: the index was not compacted: %s (run "
                     "'pressdex-index compact' later)", cerr.msg);
    if (st != PX_OK) {
        return maint_fail(ix, &err);
    }
    rc = maint_close(ix);
    if (rc == PI_EXIT_OK && cli->verbosity > PI_QUIET)
        printf("Xapian index rebuilt from %zu %s, %.1f s\n", c.total,
               pi_cli_plural(c.total, "article", "articles"),
               pi_progress_elapsed(&c.progress));
    return rc;
}

int pi_cmd_compact(pi_cli *cli, int argc, char **argv)
{
    int rc = maint_parse(cli, "compact", compact_help, argc, argv);
    if (rc >= 0)
        return rc;
    px_index *ix = maint_open(cli);
    px_err err = {""};
    uint64_t before = 0, after = 0;
    if (!ix)
        return PI_EXIT_USAGE;
    pi_progress progress;
    pi_progress_start(&progress, 0);
    if (px_index_compact(ix, &before, &after, &err) != PX_OK) {
        return maint_fail(ix, &err);
    }
    rc = maint_close(ix);
    if (rc == PI_EXIT_OK && cli->verbosity > PI_QUIET)
        printf("Xapian index compacted: %.1f MiB -> %.1f MiB, %.1f s\n",
               before / 1048576.0, after / 1048576.0,
               pi_progress_elapsed(&progress));
    return rc;
}

int pi_cmd_languages(pi_cli *cli, int argc, char **argv)
{
    int rc = maint_parse(cli, "languages", languages_help, argc, argv);
    if (rc >= 0)
        return rc;
    for (const char **l = px_languages(); l && *l; l++)
        printf("%s\n", *l);
    return PI_EXIT_OK;
}
