/*
** cli.h — what the commands of pressdex-index share: exit codes, the
** global options, messages, and opening the index.
**
** Each command lives in its own file (cmd_*.c) and returns the process
** exit status; nothing below main() calls exit().
*/
#ifndef PX_CLI_H
#define PX_CLI_H

#include <getopt.h>
#include <signal.h>

#include "pressdex.h"

enum {
    PX_EXIT_OK = 0,
    PX_EXIT_USAGE = 2,     /* usage or environment error */
    PX_EXIT_PARTIAL = 3    /* some input not read, or interrupted */
};

enum { PX_QUIET = -1, PX_NORMAL = 0, PX_VERBOSE = 1 };

typedef struct {
    const char *db;                 /* --db, or NULL for the default */
    int verbosity;                  /* PX_QUIET, PX_NORMAL or PX_VERBOSE */
    volatile sig_atomic_t *stop;    /* set on SIGINT/SIGTERM (add only) */
} px_cli;

/* Global options are accepted after the command too, so that
** `pressdex-index add --db DIR …` works; command option tables start with
** these and their short-option strings with PX_CLI_SHORT. */
#define PX_CLI_COMMON_OPTIONS                          \
    {"db", required_argument, NULL, 'D'},              \
    {"quiet", no_argument, NULL, 'q'},                 \
    {"verbose", no_argument, NULL, 'v'},               \
    {"help", no_argument, NULL, 'h'}
#define PX_CLI_SHORT ":hqv"

/* Handles a getopt_long() return a command did not: the common options
** and getopt's error codes.  Returns -1 when parsing goes on, otherwise
** the exit status to return at once (0 after printing `help`, 2 after a
** usage error).  `cmd` names the command in messages. */
int px_cli_option(px_cli *cli, const char *cmd, const char *help, int c,
                  char **argv);

/* "pressdex-index: MESSAGE" on stderr. */
void px_cli_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A usage error: the message, a pointer to --help; returns PX_EXIT_USAGE.
** `cmd` may be NULL for the program as a whole. */
int px_cli_usage(const char *cmd, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The index directory: --db, else $PRESSDEX_DB, else
** $XDG_DATA_HOME/pressdex/index, else ~/.local/share/pressdex/index.
** Returns a malloc'd path, or NULL after saying why there is none. */
char *px_cli_index_dir(const px_cli *cli);

/* Opens the index, or says why not and returns NULL.  With must_exist, a
** directory without an index is an error instead of a new index. */
px_index *px_cli_open(const char *dir, int mode, const char *language,
                      int must_exist);

/* Reads a whole file into a malloc'd NUL-terminated buffer (*data, *len);
** returns 0 or an errno value. */
int px_cli_slurp(const char *path, char **data, size_t *len);

/* "1 article" / "2 articles". */
const char *px_cli_plural(size_t n, const char *one, const char *many);

/* The commands; argv[0] is the command's name. */
int px_cmd_add(px_cli *cli, int argc, char **argv);
int px_cmd_prune(px_cli *cli, int argc, char **argv);
int px_cmd_stats(px_cli *cli, int argc, char **argv);
int px_cmd_reindex(px_cli *cli, int argc, char **argv);
int px_cmd_compact(px_cli *cli, int argc, char **argv);
int px_cmd_languages(px_cli *cli, int argc, char **argv);
int px_cmd_explain(px_cli *cli, int argc, char **argv);

#endif /* PX_CLI_H */
