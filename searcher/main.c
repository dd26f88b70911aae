/*
** main.c — pressdex-search, the command-line searcher.
**
** Parses options, opens the index read-only, runs one search through the
** library and prints it as text, JSON, a CSV/TSV table or just the count.
** Exit status: 0 when something matched, 1 when nothing did, 2 for a usage
** or index error.  The commands (show, quote, cluster) have files of their
** own.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "output.h"
#include "pressdex.h"

#ifndef PS_VERSION
#define PS_VERSION "unknown"
#endif

int ps_cmd_quote(int argc, char **argv);
int ps_cmd_cluster(int argc, char **argv);
int ps_cmd_show(int argc, char **argv);

#define EXIT_MATCH 0
#define EXIT_NOMATCH 1
#define EXIT_USAGE 2
#define MAX_OUTLETS 64
#define MAX_LIMIT 10000

static const char usage_text[] =
"Usage: pressdex-search [--db DIR] [OPTIONS] QUERY...\n"
"       pressdex-search quote [OPTIONS] TEXT...   (see quote --help)\n"
"       pressdex-search show [--query Q] [--json] ID...  whole articles\n"
"       pressdex-search cluster [--json] ID       the copies of a story\n"
"\n"
"Searches a pressdex index.  Words are joined with AND by default: every\n"
"word must appear (in any form and case: 'Negotiation' also finds\n"
"'negotiations').  Options may come before or after the query; -- ends\n"
"them.\n"
"\n"
"Query syntax:\n"
"  \"exact phrase\"          words next to each other, exactly as written\n"
"                          (any case; \"Supreme Court\" finds \"Court's\" too)\n"
"  a OR b, a AND b, NOT a  boolean operators (upper case), ( ) to group\n"
"  -word, +word            exclude / require a word\n"
"  a NEAR/5 b              a within 5 words of b (ADJ/5: in that order)\n"
"  title:word              field searches: title:, author:, outlet:\n"
"  outlet:\"Harbor Herald\"  outlet names match whatever their spelling\n"
"  date:2025-02            a day, month (YYYY-MM) or year (YYYY), a range\n"
"  date:2024-12-01..2025-02-28, open ranges date:..2025-01-31, date:unknown\n"
"                          (an article dated only to a month or year matches\n"
"                          when all of that month or year is inside)\n"
"  negotia*                words starting with negotia\n"
"\n"
"Options:\n"
"  --db DIR          the index (default: $PRESSDEX_DB, else\n"
"                    $XDG_DATA_HOME/pressdex/index or\n"
"                    ~/.local/share/pressdex/index)\n"
"  --outlet NAME     only this outlet, by any name, alias or domain (repeat\n"
"                    for several: any of them)\n"
"  --from DATE       only articles dated on or after DATE (YYYY[-MM[-DD]])\n"
"  --to DATE         only articles dated on or before DATE\n"
"  --sort ORDER      relevance (default), newest or oldest\n"
"  --limit N         hits to show (default 10; 0: only the count, and the\n"
"                    facets with --facets)\n"
"  --time-limit S    give the search S seconds in all, then show the best\n"
"                    hits found so far (says so); 0: no limit; default:\n"
"                    $PRESSDEX_TIME_LIMIT, else 10\n"
"  --offset N        hits to skip (for paging)\n"
"  --facets          exact counts per outlet and per month over all matches\n"
"  --collapse        one hit per syndication cluster (the same story\n"
"                    republished), with \"+N copies in M outlets\"\n"
"  --json            one JSON document (schema: docs/json.md)\n"
"  --count           print only the number of matches, counted exactly\n"
"  --format FORMAT   text (default), csv or tsv: the hits as a table with a\n"
"                    header row, or with --facets the facet counts\n"
"  --exact-spelling  do not match spelling variants (Kyiv also finds Kiev\n"
"                    unless this is given; list in data/variants.txt)\n"
"  --missing-shards  answer from the shards of a front that answer when\n"
"                    some do not (the results say which are missing);\n"
"                    by default such a search fails.  Also\n"
"                    $PRESSDEX_MISSING_SHARDS=answer\n"
"  --color WHEN      highlight with bold: auto (default), always, never\n"
"  --version         the version of pressdex\n"
"  -h, --help        this text\n"
"\n"
"A query starting with the word quote, show or cluster is written after\n"
"--:\n"
"  pressdex-search -- cluster bombs\n"
"\n"
"Exit status: 0 matches found, 1 no match, 2 usage or index error.\n";

typedef struct {
    const char *db;
    int json;
    int count;         /* --count: the number only */
    ps_table_format format;
    int color;         /* -1 auto, 0 never, 1 always */
    int exact_spelling;
    double time_limit; /* --time-limit, 0 when not given */
    int no_time_limit; /* --time-limit 0 */
    int missing_shards_ok;  /* --missing-shards */
    px_search_opts search;
    const char *outlets[MAX_OUTLETS];
    char *query;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("pressdex-search: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'pressdex-search --help'.\n", stderr);
    return EXIT_USAGE;
}

static int parse_count(const char *s, size_t max, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v > max)
        return 0;
    *out = (size_t)v;
    return 1;
}

static int parse_choice(cli *c, int opt, const char *arg)
{
    if (opt == 's') {
        if (strcmp(arg, "relevance") == 0) c->search.sort = PX_SORT_RELEVANCE;
        else if (strcmp(arg, "newest") == 0) c->search.sort = PX_SORT_NEWEST;
        else if (strcmp(arg, "oldest") == 0) c->search.sort = PX_SORT_OLDEST;
        else return usage_error("--sort must be relevance, newest or oldest, "
                                "not '%s'", arg);
        return 0;
    }
    if (opt == 'm') {
        if (strcmp(arg, "text") == 0) c->format = PS_TABLE_NONE;
        else if (strcmp(arg, "csv") == 0) c->format = PS_TABLE_CSV;
        else if (strcmp(arg, "tsv") == 0) c->format = PS_TABLE_TSV;
        else return usage_error("--format must be text, csv or tsv, not "
                                "'%s'", arg);
        return 0;
    }
    if (strcmp(arg, "auto") == 0) c->color = -1;
    else if (strcmp(arg, "always") == 0) c->color = 1;
    else if (strcmp(arg, "never") == 0) c->color = 0;
    else return usage_error("--color must be auto, always or never, not "
                            "'%s'", arg);
    return 0;
}

static int parse_option(void *ctx, int opt, const char *arg)
{
    cli *c = ctx;
    switch (opt) {
    case 'd':
        /* Until several indexes can be searched together, a second --db
        ** would silently replace the first. */
        if (c->db)
            return usage_error("--db given twice (%s): one index per search",
                               arg);
        c->db = arg;
        return 0;
    case 'j': c->json = 1; return 0;
    case 'N': c->count = 1; return 0;
    case 'F': c->search.facets = 1; return 0;
    case 'e': c->exact_spelling = 1; return 0;
    case 'C': c->search.collapse = 1; return 0;
    case 'M': c->missing_shards_ok = 1; return 0;
    case 'T': {
        char *end;
        c->time_limit = strtod(arg, &end);
        if (*end || end == arg || !(c->time_limit >= 0) ||
            c->time_limit > 3600)
            return usage_error("--time-limit must be seconds from 0 (no "
                               "limit) to 3600, not '%s'", arg);
        c->no_time_limit = c->time_limit == 0;
        return 0;
    }
    case 'f': c->search.from = arg; return 0;
    case 't': c->search.to = arg; return 0;
    case 'o':
        if (c->search.n_outlets == MAX_OUTLETS)
            return usage_error("too many --outlet options (at most %s)", "64");
        c->outlets[c->search.n_outlets++] = arg;
        return 0;
    case 's':
    case 'c':
    case 'm':
        return parse_choice(c, opt, arg);
    case 'l':
        if (!parse_count(arg, MAX_LIMIT, &c->search.limit))
            return usage_error("--limit must be a number from 0 to 10000, "
                               "not '%s'", arg);
        /* The library reads a limit of 0 as its default. */
        c->search.no_hits = c->search.limit == 0;
        return 0;
    case 'O':
        if (!parse_count(arg, 1000000, &c->search.offset))
            return usage_error("--offset must be a number from 0 to "
                               "1000000, not '%s'", arg);
        return 0;
    case 'h':
        fputs(usage_text, stdout);
        return -1;
    case 'V':
        printf("pressdex-search %s\n", PS_VERSION);
        return -1;
    default:
        return usage_error("%s", "unknown option");
    }
}

/* Options may come before or after the query, whose words are joined by
** spaces, so that `pressdex-search port strike`, `pressdex-search "port
** strike"` and `pressdex-search '"R&D"' --limit 1` all work. */
static int parse_args(cli *c, int argc, char **argv)
{
    static const ps_cli_opt opts[] = {
        {"db", 1, 'd'}, {"json", 0, 'j'}, {"facets", 0, 'F'},
        {"from", 1, 'f'}, {"to", 1, 't'}, {"outlet", 1, 'o'},
        {"sort", 1, 's'}, {"limit", 1, 'l'}, {"offset", 1, 'O'},
        {"color", 1, 'c'}, {"exact-spelling", 0, 'e'},
        {"collapse", 0, 'C'}, {"time-limit", 1, 'T'}, {"help", 0, 'h'},
        {"count", 0, 'N'}, {"format", 1, 'm'}, {"version", 0, 'V'},
        {"missing-shards", 0, 'M'}, {NULL, 0, 0}};
    char **words = NULL;
    int n = 0;
    int rc = ps_cli_split(argc, argv, opts, parse_option, c,
                          "pressdex-search", &words, &n);
    if (rc != 0)
        return rc;
    if (c->json + c->count + (c->format != PS_TABLE_NONE) > 1) {
        free(words);
        return usage_error("%s", "give only one of --json, --count and "
                           "--format");
    }
    if (n == 0 && !c->search.n_outlets && !c->search.from && !c->search.to) {
        free(words);
        return usage_error("%s", "no query given");
    }
    c->query = ps_cli_join(words, n);
    free(words);
    if (!c->query)
        return usage_error("%s", "out of memory");
    return 0;
}

/* Prints r in the form the options asked for. */
static void print_results(const cli *c, const px_results *r)
{
    char cwd[4096];
    if (c->count) {
        /* Only a time limit can make the count inexact: say so. */
        if (r->notice)
            fprintf(stderr, "pressdex-search: note: %s\n", r->notice);
        printf("%zu\n", r->matches_estimated);
    } else if (c->format) {
        ps_table_results(stdout, c->format, r, &c->search);
    } else if (c->json) {
        json_t *doc = ps_json_results(r, &c->search);
        if (doc)
            json_dumpf(doc, stdout,
                   JSON_INDENT(2) | JSON_PRESERVE_ORDER | PS_JSON_REAL);
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        ps_text_results(stdout, r, &c->search,
                        getcwd(cwd, sizeof cwd) ? cwd : NULL);
    }
}

/* Opens the index the environment names and runs c's search. */
static int run_search(cli *c)
{
    px_err err = {""};
    px_index *ix = NULL;
    px_results *r = NULL;
    ps_setup su;
    px_search_setup setup = {.db = c->db, .exact_spelling = c->exact_spelling,
                             .time_limit = c->time_limit,
                             .no_time_limit = c->no_time_limit,
                             .missing_shards_ok = c->missing_shards_ok,
                             .default_time_limit = PS_CLI_TIME_LIMIT};
    px_status st = ps_setup_init(&su, &setup, &err);
    if (st == PX_OK) {
        if (px_search_env_warning(su.env))
            fprintf(stderr, "pressdex-search: warning: %s\n",
                    px_search_env_warning(su.env));
        px_search_env_apply(su.env, &c->search);
        st = px_search_env_open(su.env, &ix, &err);
    }
    if (st == PX_OK)
        st = px_search(ix, &c->search, &r, &err);
    if (st != PX_OK) {
        fprintf(stderr, "pressdex-search: %s\n", err.msg);
        px_index_close(ix, NULL);
        ps_setup_free(&su);
        return EXIT_USAGE;
    }
    print_results(c, r);
    int rc = r->matches_estimated > 0 ? EXIT_MATCH : EXIT_NOMATCH;
    px_results_free(r);
    px_index_close(ix, NULL);
    ps_setup_free(&su);
    return rc;
}

typedef int (*command_fn)(int, char **);

/* The subcommand named `word`, or NULL for a plain search. */
static command_fn is_command(const char *word)
{
    if (strcmp(word, "quote") == 0)
        return ps_cmd_quote;
    if (strcmp(word, "cluster") == 0)
        return ps_cmd_cluster;
    if (strcmp(word, "show") == 0)
        return ps_cmd_show;
    return NULL;
}

int main(int argc, char **argv)
{
    /* `quote` may follow a leading --db DIR: find it, drop it, and let the
    ** quote command parse the rest (it knows --db too). */
    for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0)
            i++;
        else if (strncmp(argv[i], "--db=", 5) != 0)
            break;
        if (i + 1 < argc && is_command(argv[i + 1])) {
            command_fn cmd = is_command(argv[i + 1]);
            memmove(&argv[i + 1], &argv[i + 2],
                    (size_t)(argc - i - 2) * sizeof *argv);
            argv[argc - 1] = NULL;
            return cmd(argc - 1, argv);
        }
    }
    if (argc > 1 && is_command(argv[1]))
        return is_command(argv[1])(argc - 1, argv + 1);
    cli c = {0};
    c.color = -1;
    int rc = parse_args(&c, argc, argv);
    if (rc != 0)
        return rc < 0 ? EXIT_MATCH : rc;
    int bold = !c.json && !c.format &&
               (c.color == 1 || (c.color == -1 && isatty(1)));
    c.search.query = c.query;
    c.search.outlets = c.outlets;
    c.search.snippets = !c.count;
    c.search.hl_start = bold ? "\033[1m" : "[";
    c.search.hl_end = bold ? "\033[0m" : "]";
    if (c.count) {
        /* The number alone, and exact: no hits, no suggestion. */
        c.search.no_hits = 1;
        c.search.exact_count = 1;
        c.search.no_suggestion = 1;
    }
    rc = run_search(&c);
    free(c.query);
    return rc;
}
