/*
** cli.h — what the commands of pressdex-index share: exit codes, the
** global options, messages, and opening the index.
**
** Each command lives in its own file (cmd_*.c) and returns the process
** exit status; nothing below main() calls exit().
*/
#ifndef PI_CLI_H
#define PI_CLI_H

#include <getopt.h>
#include <signal.h>

#include "pressdex.h"

enum {
    PI_EXIT_OK = 0,
    PI_EXIT_USAGE = 2,     /* usage or environment error */
    PI_EXIT_PARTIAL = 3    /* some input not read, or interrupted */
};

enum { PI_QUIET = -1, PI_NORMAL = 0, PI_VERBOSE = 1 };

typedef struct {
    const char *db;                 /* --db, or NULL for the default */
    int verbosity;                  /* PI_QUIET, PI_NORMAL or PI_VERBOSE */
    volatile sig_atomic_t *stop;    /* set on SIGINT/SIGTERM (add only) */
} pi_cli;

/* Global options are accepted after the command too, so that
** `pressdex-index add --db DIR …` works; command option tables start with
** these and their short-option strings with PI_CLI_SHORT. */
#define PI_CLI_COMMON_OPTIONS                          \
    {"db", required_argument, NULL, 'D'},              \
    {"quiet", no_argument, NULL, 'q'},                 \
    {"verbose", no_argument, NULL, 'v'},               \
    {"help", no_argument, NULL, 'h'}
#define PI_CLI_SHORT ":hqv"

/* Handles a getopt_long() return a command did not: the common options
** and getopt's error codes.  Returns -1 when parsing goes on, otherwise
** the exit status to return at once (0 after printing `help`, 2 after a
** usage error).  `cmd` names the command in messages. */
int pi_cli_option(pi_cli *cli, const char *cmd, const char *help, int c,
                  char **argv);

/* "pressdex-index: MESSAGE" on stderr. */
void pi_cli_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A usage error: the message, a pointer to --help; returns PI_EXIT_USAGE.
** `cmd` may be NULL for the program as a whole. */
int pi_cli_usage(const char *cmd, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The index directory: --db, else $PRESSDEX_DB, else
** $XDG_DATA_HOME/pressdex/index, else ~/.local/share/pressdex/index.
** Returns a malloc'd path, or NULL after saying why there is none. */
char *pi_cli_index_dir(const pi_cli *cli);

/* Opens the index, or says why not and returns NULL.  With must_exist, a
** directory without an index is an error instead of a new index. */
px_index *pi_cli_open(const char *dir, int mode, const char *language,
                      int must_exist);

/* "1 article" / "2 articles". */
const char *pi_cli_plural(size_t n, const char *one, const char *many);
/* A --shards value: 1 to PX_MAX_SHARDS, or 0 when it is not one. */
unsigned pi_cli_shards(const char *s);

/* The commands; argv[0] is the command's name. */
int pi_cmd_add(pi_cli *cli, int argc, char **argv);
int pi_cmd_prune(pi_cli *cli, int argc, char **argv);
int pi_cmd_stats(pi_cli *cli, int argc, char **argv);
int pi_cmd_reindex(pi_cli *cli, int argc, char **argv);
int pi_cmd_compact(pi_cli *cli, int argc, char **argv);
int pi_cmd_languages(pi_cli *cli, int argc, char **argv);
int pi_cmd_explain(pi_cli *cli, int argc, char **argv);

#endif /* PI_CLI_H */
