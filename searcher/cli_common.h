/*
** cli_common.h — what pressdex-search's commands and pressdex.cgi share:
** the search settings (the library's px_search_env with the indexer's
** outlet alias table plugged in) and, for the commands, one way of
** reading the command line.
*/
#ifndef PS_CLI_COMMON_H
#define PS_CLI_COMMON_H

#include <stddef.h>

#include "pressdex.h"

struct pxe_ctx;

/* Seconds a search of pressdex-search may take when neither --time-limit
** nor $PRESSDEX_TIME_LIMIT says: generous for a person at a terminal, and
** still an end to a query that would run for minutes. */
#define PS_CLI_TIME_LIMIT 10.0

/* The settings a program searches with.  Both members are owned. */
typedef struct {
    px_search_env *env;
    struct pxe_ctx *aliases;   /* outlet aliases, as indexing reads them */
} ps_setup;

/* Builds su from s (its outlet resolver is set here: any alias, domain
** or section label that indexing maps to an outlet names that outlet in
** searches too).  On failure su holds nothing.  ps_setup_free releases it. */
px_status ps_setup_init(ps_setup *su, const px_search_setup *s, px_err *err);
void ps_setup_free(ps_setup *su);

/* The outlet indexing would store for `name` (malloc'd), or NULL when it
** stores the name as it is.  A px_outlet_resolver over a pxe_ctx. */
char *ps_setup_resolve_outlet(void *aliases, const char *name);

/* ---- the command line ------------------------------------------- */

typedef struct {
    const char *name;    /* long option without the leading "--" */
    int has_arg;         /* 1: takes a value (--name V or --name=V) */
    int id;              /* passed to the callback */
} ps_cli_opt;

/* Called for each option; returns 0 to go on, 2 after printing a usage
** error, -1 after printing help (the caller then exits with 0). */
typedef int (*ps_cli_opt_fn)(void *ctx, int id, const char *arg);

/* Reads argv[1..argc): options may come before or after the words; "--"
** ends options; an argument starting with "--" is a long option from
** `opts` (a NULL name ends the table) and "-h" is id 'h'; everything else,
** "-word" too (a query's exclusion), is a word.  *words receives a
** malloc'd array of the words (pointers into argv; caller frees the
** array), *n_words their number.  Returns 0, or the callback's non-zero
** result, or 2 after printing a usage error prefixed with `prog`. */
int ps_cli_split(int argc, char **argv, const ps_cli_opt *opts,
                 ps_cli_opt_fn fn, void *ctx, const char *prog,
                 char ***words, int *n_words);

/* The words joined by single spaces; malloc'd, NULL when out of memory. */
char *ps_cli_join(char **words, int n);

#endif /* PS_CLI_COMMON_H */
