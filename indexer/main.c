/*
** main.c — pressdex-index: builds and maintains a pressdex index.
**
** Parses the global options, picks the command and runs it; the commands
** live in cmd_*.c.  The one piece of process-wide state is the flag that
** SIGINT and SIGTERM set: `add` checks it after every article, stops,
** commits what it has and says how to finish.
**
** Exit status: 0 success, 2 usage or environment error, 3 partial failure
** (some input could not be read, or the run was interrupted).
*/
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef PI_VERSION
#define PI_VERSION "unknown"
#endif

static volatile sig_atomic_t pi_stop_requested;

static const char pi_usage_text[] =
"Usage: pressdex-index [--db DIR] [--quiet|--verbose] COMMAND [ARGS]\n"
"\n"
"Builds and maintains a pressdex index of news articles.\n"
"\n"
"Commands:\n"
"  add [--outlet NAME] [--date YYYY-MM-DD] [--language LANG]\n"
"      [--memory MB] PATH...\n"
"                 index files and folders (folders recursively)\n"
"  prune          drop articles whose source file is gone\n"
"  stats [--json] articles, sources, outlets, date range, sizes\n"
"  reindex        rebuild the Xapian side from the SQLite store\n"
"  compact        rewrite the Xapian side compactly\n"
"  languages      list the stemming languages\n"
"  explain FILE   show what extraction keeps, drops and finds, the\n"
"                 candidates each field was chosen from, and why\n"
"\n"
"Options (also accepted after the command):\n"
"  --db DIR       the index (default: $PRESSDEX_DB, else\n"
"                 $XDG_DATA_HOME/pressdex/index, else\n"
"                 ~/.local/share/pressdex/index)\n"
"  -q, --quiet    print only problems: no progress line, no summary\n"
"  -v, --verbose  also print a line per file, and what was skipped\n"
"  -h, --help     this text; 'pressdex-index COMMAND --help' for a command\n"
"  --version      the version\n"
"\n"
"Exit status: 0 success, 2 usage or environment error (including an index\n"
"that cannot be opened), 3 some file or line could not be read (the rest\n"
"was indexed) or the run was interrupted.\n";

typedef int (*pi_cmd_fn)(pi_cli *cli, int argc, char **argv);

static const struct {
    const char *name;
    pi_cmd_fn run;
    int interruptible;   /* stops cleanly on SIGINT/SIGTERM */
} pi_commands[] = {
    {"add", pi_cmd_add, 1},
    {"prune", pi_cmd_prune, 0},
    {"stats", pi_cmd_stats, 0},
    {"reindex", pi_cmd_reindex, 0},
    {"compact", pi_cmd_compact, 0},
    {"languages", pi_cmd_languages, 0},
    {"explain", pi_cmd_explain, 0},
};

static void pi_on_signal(int sig)
{
    (void)sig;
    pi_stop_requested = 1;
}

/* The first signal asks for a clean stop; SA_RESETHAND lets a second one
** end the process at once (the index survives that too, see DESIGN.md). */
static void pi_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = pi_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Parses the options before the command; returns -1 to go on, or the exit
** status. */
static int pi_parse_global(pi_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        PI_CLI_COMMON_OPTIONS,
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c, rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+" PI_CLI_SHORT, opts, NULL)) != -1) {
        if (c == 'V') {
            printf("pressdex-index %s\n", PI_VERSION);
            return PI_EXIT_OK;
        }
        if ((rc = pi_cli_option(cli, NULL, pi_usage_text, c, argv)) >= 0)
            return rc;
    }
    return -1;
}

int main(int argc, char **argv)
{
    pi_cli cli = {NULL, PI_NORMAL, &pi_stop_requested};
    int rc = pi_parse_global(&cli, argc, argv);
    if (rc >= 0)
        return rc;
    if (optind >= argc) {
        fputs(pi_usage_text, stderr);
        return PI_EXIT_USAGE;
    }
    int first = optind;
    const char *name = argv[first];
    for (size_t i = 0; i < sizeof pi_commands / sizeof *pi_commands; i++) {
        if (strcmp(name, pi_commands[i].name) != 0)
            continue;
        if (pi_commands[i].interruptible)
            pi_catch_signals();
        optind = 0;   /* restart getopt for the command's own options */
        return pi_commands[i].run(&cli, argc - first, argv + first);
    }
    return pi_cli_usage(NULL, "unknown command '%s'", name);
}
