/*
** main.c — pressdex-search, the command-line searcher.
**
** Parses options, opens the index read-only, runs one search through the
** library and prints it as text or JSON.  Exit status: 0 when something
** matched, 1 when nothing did, 2 for a usage or index error.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "output.h"
#include "pressdex.h"

int px_cmd_quote(int argc, char **argv);
int px_cmd_cluster(int argc, char **argv);

#define EXIT_MATCH 0
#define EXIT_NOMATCH 1
#define EXIT_USAGE 2
#define MAX_OUTLETS 64
#define MAX_LIMIT 10000

static const char usage_text[] =
"Usage: pressdex-search [--db DIR] [OPTIONS] QUERY...\n"
"       pressdex-search quote [OPTIONS] TEXT...   (see quote --help)\n"
"       pressdex-search cluster [--json] ID       members of a cluster\n"
"\n"
"Searches a pressdex index.  Words are joined with AND by default: every\n"
"word must appear (in any form of the word: 'negotiation' also finds\n"
"'negotiations').\n"
"\n"
"Query syntax:\n"
"  \"exact phrase\"          words next to each other, exactly as written\n"
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
"  --outlet NAME     only this outlet (repeat for several: any of them)\n"
"  --from DATE       only articles dated on or after DATE (YYYY[-MM[-DD]])\n"
"  --to DATE         only articles dated on or before DATE\n"
"  --sort ORDER      relevance (default), newest or oldest\n"
"  --limit N         hits to show (default 10)\n"
"  --time-limit S    stop matching after S seconds and show the best hits\n"
"                    found so far (says so); default: no limit\n"
"  --offset N        hits to skip (for paging)\n"
"  --facets          exact counts per outlet and per month over all matches\n"
"  --collapse        one hit per syndication cluster (the same story\n"
"                    republished), with \"+N copies in M outlets\"\n"
"  --json            one JSON document (schema: docs/json.md)\n"
"  --exact-spelling  do not match spelling variants (Kyiv also finds Kiev\n"
"                    unless this is given; list in data/variants.txt)\n"
"  --color WHEN      highlight with bold: auto (default), always, never\n"
"  -h, --help        this text\n"
"\n"
"A query starting with the word quote or cluster is written after --:\n"
"  pressdex-search -- cluster bombs\n"
"\n"
"Exit status: 0 matches found, 1 no match, 2 usage or index error.\n";

typedef struct {
    const char *db;
    int json;
    int color;         /* -1 auto, 0 never, 1 always */
    int exact_spelling;
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

static int parse_option(cli *c, int opt, const char *arg)
{
    switch (opt) {
    case 'd': c->db = arg; return 0;
    case 'j': c->json = 1; return 0;
    case 'F': c->search.facets = 1; return 0;
    case 'e': c->exact_spelling = 1; return 0;
    case 'C': c->search.collapse = 1; return 0;
    case 'T': {
        char *end;
        c->search.time_limit = strtod(arg, &end);
        if (*end || end == arg || c->search.time_limit <= 0 ||
            c->search.time_limit > 3600)
            return usage_error("--time-limit must be seconds between 0 and "
                               "3600, not '%s'", arg);
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
        if (strcmp(arg, "relevance") == 0) c->search.sort = PX_SORT_RELEVANCE;
        else if (strcmp(arg, "newest") == 0) c->search.sort = PX_SORT_NEWEST;
        else if (strcmp(arg, "oldest") == 0) c->search.sort = PX_SORT_OLDEST;
        else return usage_error("--sort must be relevance, newest or oldest, "
                                "not '%s'", arg);
        return 0;
    case 'l':
        if (!parse_count(arg, MAX_LIMIT, &c->search.limit) ||
            c->search.limit == 0)
            return usage_error("--limit must be a number from 1 to 10000, "
                               "not '%s'", arg);
        return 0;
    case 'O':
        if (!parse_count(arg, 1000000, &c->search.offset))
            return usage_error("--offset must be a number from 0 to "
                               "1000000, not '%s'", arg);
        return 0;
    case 'c':
        if (strcmp(arg, "auto") == 0) c->color = -1;
        else if (strcmp(arg, "always") == 0) c->color = 1;
        else if (strcmp(arg, "never") == 0) c->color = 0;
        else return usage_error("--color must be auto, always or never, not "
                                "'%s'", arg);
        return 0;
    case 'h':
        fputs(usage_text, stdout);
        exit(EXIT_MATCH);
    default:
        return usage_error("%s", "unknown option");
    }
}

/* The query is the remaining arguments joined by spaces, so that both
** `pressdex-search port strike` and `pressdex-search "port strike"` work. */
static char *join_args(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *q = malloc(n), *p = q;
    if (!q)
        return NULL;
    *p = '\0';
    for (int i = 0; i < argc; i++)
        p += sprintf(p, "%s%s", i ? " " : "", argv[i]);
    return q;
}

static int parse_args(cli *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'},
        {"facets", no_argument, 0, 'F'},
        {"from", required_argument, 0, 'f'},
        {"to", required_argument, 0, 't'},
        {"outlet", required_argument, 0, 'o'},
        {"sort", required_argument, 0, 's'},
        {"limit", required_argument, 0, 'l'},
        {"offset", required_argument, 0, 'O'},
        {"color", required_argument, 0, 'c'},
        {"exact-spelling", no_argument, 0, 'e'},
        {"collapse", no_argument, 0, 'C'},
        {"time-limit", required_argument, 0, 'T'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
        if (opt == '?')
            return usage_error("unknown option or missing value: %s",
                               argv[optind - 1]);
        if (parse_option(c, opt, optarg) != 0)
            return EXIT_USAGE;
    }
    if (optind >= argc && !c->search.n_outlets && !c->search.from &&
        !c->search.to)
        return usage_error("%s", "no query given");
    c->query = join_args(argc - optind, argv + optind);
    if (!c->query)
        return usage_error("%s", "out of memory");
    return 0;
}

typedef int (*command_fn)(int, char **);

/* The subcommand named `word`, or NULL for a plain search. */
static command_fn is_command(const char *word)
{
    if (strcmp(word, "quote") == 0)
        return px_cmd_quote;
    if (strcmp(word, "cluster") == 0)
        return px_cmd_cluster;
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
    char dbbuf[4096], cwd[4096];
    c.color = -1;
    int rc = parse_args(&c, argc, argv);
    if (rc != 0)
        return rc;
    if (!c.db)
        c.db = px_cli_default_db(dbbuf, sizeof dbbuf);
    int bold = !c.json && (c.color == 1 || (c.color == -1 && isatty(1)));
    c.search.query = c.query;
    c.search.outlets = c.outlets;
    c.search.snippets = 1;
    c.search.hl_start = bold ? "\033[1m" : "[";
    c.search.hl_end = bold ? "\033[0m" : "]";

    px_err err = {""};
    px_index *ix = NULL;
    px_results *r = NULL;
    px_variants *variants = NULL;
    px_status st = c.exact_spelling ? PX_OK
                                    : px_cli_load_variants(&variants, &err);
    c.search.variants = variants;
    if (st == PX_OK)
        st = px_index_open(c.db, PX_OPEN_READ, NULL, &ix, &err);
    if (st == PX_OK)
        st = px_search(ix, &c.search, &r, &err);
    if (st != PX_OK) {
        fprintf(stderr, "pressdex-search: %s\n", err.msg);
        px_index_close(ix, NULL);
        px_variants_free(variants);
        free(c.query);
        return EXIT_USAGE;
    }
    if (c.json) {
        json_t *doc = px_json_results(r, &c.search);
        if (doc)
            json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        px_text_results(stdout, r, &c.search,
                        getcwd(cwd, sizeof cwd) ? cwd : NULL);
    }
    rc = r->matches_estimated > 0 ? EXIT_MATCH : EXIT_NOMATCH;
    px_results_free(r);
    px_index_close(ix, NULL);
    px_variants_free(variants);
    free(c.query);
    return rc;
}
