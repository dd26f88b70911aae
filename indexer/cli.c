/*
** cli.c — helpers every pressdex-index command uses: the options they all
** accept, usage errors, where the index lives, and opening it with a
** message a user can act on.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* The article store's file inside an index directory (the layout is
** fixed: articles.sqlite beside xapian/); its absence means "no index". */
#define PI_CLI_STORE_FILE "articles.sqlite"

void pi_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("pressdex-index: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int pi_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "pressdex-index: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'pressdex-index %s%s--help'.\n", cmd ? cmd : "",
            cmd ? " " : "");
    return PI_EXIT_USAGE;
}

static int cli_set_verbosity(pi_cli *cli, const char *cmd, int level)
{
    if (cli->verbosity != PI_NORMAL && cli->verbosity != level)
        return pi_cli_usage(cmd, "--quiet and --verbose exclude each other");
    cli->verbosity = level;
    return -1;
}

int pi_cli_option(pi_cli *cli, const char *cmd, const char *help, int c,
                  char **argv)
{
    switch (c) {
    case 'D':
        if (!*optarg)
            return pi_cli_usage(cmd, "--db needs a directory");
        cli->db = optarg;
        return -1;
    case 'q':
        return cli_set_verbosity(cli, cmd, PI_QUIET);
    case 'v':
        return cli_set_verbosity(cli, cmd, PI_VERBOSE);
    case 'h':
        fputs(help, stdout);
        return PI_EXIT_OK;
    case ':':
        return pi_cli_usage(cmd, "option '%s' needs a value",
                            argv[optind - 1]);
    default:
        if (optopt)             /* a short option; long ones leave 0 */
            return pi_cli_usage(cmd, "unknown option '-%c'", optopt);
        return pi_cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
    }
}

static char *cli_path(const char *base, const char *rest)
{
    size_t n = strlen(base) + strlen(rest) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", base, rest);
    return p;
}

char *pi_cli_index_dir(const pi_cli *cli)
{
    /* The default is the library's, so that indexing and searching find
    ** the same index without a --db. */
    if (cli->db) {
        char *dir = strdup(cli->db);
        if (!dir)
            pi_cli_error("out of memory");
        return dir;
    }
    char *dir = NULL;
    px_err err = {""};
    if (px_default_index_dir(&dir, &err) != PX_OK) {
        pi_cli_error("%s", err.msg);
        return NULL;
    }
    return dir;
}

px_index *pi_cli_open(const char *dir, int mode, const char *language,
                      int must_exist)
{
    px_err err = {""};
    px_index *ix = NULL;
    if (must_exist) {
        struct stat sb;
        char *store = cli_path(dir, "/" PI_CLI_STORE_FILE);
        int found = store && stat(store, &sb) == 0;
        free(store);
        if (!found) {
            pi_cli_error("no index at %s (create one with: pressdex-index "
                         "--db %s add PATH...)", dir, dir);
            return NULL;
        }
    }
    px_status st = px_index_open(dir, mode, language, &ix, &err);
    if (st != PX_OK) {
        pi_cli_error("%s", err.msg[0] ? err.msg : px_status_str(st));
        return NULL;
    }
    return ix;
}

unsigned pi_cli_shards(const char *s)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || n < 1 || n > PX_MAX_SHARDS)
        return 0;
    return (unsigned)n;
}

const char *pi_cli_plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

