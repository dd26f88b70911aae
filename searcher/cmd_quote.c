/*
** cmd_quote.c — `pressdex-search quote`: trace one quote, or a batch of
** them for scripts (one claim per line, or JSON Lines with id and text;
** JSON Lines out, one result per input line, in input order).
**
** Exit status: 0 when every lookup ran (found or not) and at least one
** matched, 1 when every lookup ran and none matched, 3 when some batch
** lines failed (the others still ran), 2 on a usage or index error.  A
** malformed batch line gets an error object on its own output line and a
** message naming the file and line on stderr; a blank line gets a
** "skipped" object, so that output line N always answers input line N.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_common.h"
#include "output.h"
#include "quote.h"

static const char quote_usage[] =
"Usage: pressdex-search quote [--db DIR] [OPTIONS] TEXT...\n"
"       pressdex-search quote [--db DIR] [OPTIONS] --batch FILE|-\n"
"\n"
"Finds every article that printed TEXT: first as the exact phrase (quotes,\n"
"apostrophes, dashes, case and punctuation do not matter; \"Court\" also\n"
"finds \"Court's\"), then as near matches that drop, add or change a few\n"
"words.  Reports the first appearance, each outlet with its first date and\n"
"number of articles, and the timeline with each article's id and URL.\n"
"Options may come before or after TEXT; -- ends them.\n"
"\n"
"Options:\n"
"  --json              one JSON document (schema: docs/json.md)\n"
"  --batch FILE|-      one quote per line, or JSON Lines {\"id\",\"text\"};\n"
"                      writes JSON Lines, one result per input line\n"
"  --outlet NAME       only this outlet (any name, alias or domain of it;\n"
"                      repeat for several)\n"
"  --from DATE         only articles dated on or after DATE (YYYY[-MM[-DD]])\n"
"  --to DATE           only articles dated on or before DATE\n"
"  --min-score X       keep near matches scoring at least X (default 0.75;\n"
"                      1 keeps exact matches only)\n"
"  --candidates N      near-match candidates examined per quote (200)\n"
"  --exact-spelling    do not match spelling variants (Kyiv/Kiev)\n"
"  --time-limit S      give each search of a lookup S seconds (0: no\n"
"                      limit; default $PRESSDEX_TIME_LIMIT, else 10)\n"
"  -h, --help          this text\n"
"\n"
"A blank batch line gets a {\"line\": N, \"skipped\": \"blank line\"} line and\n"
"a bad one an {\"line\": N, \"error\": ...} line: output line N answers input\n"
"line N.\n"
"\n"
"Exit status: 0 some lookup matched, 1 none matched, 2 usage or index error,\n"
"3 some batch lines failed (the others ran).\n";

#define QUOTE_MAX_OUTLETS 64

typedef struct {
    const char *db;
    int json;
    const char *batch;
    int exact_spelling;
    double time_limit;
    int no_time_limit;    /* --time-limit 0 */
    ps_quote_opts q;
    px_search_opts search;         /* filters, settings from the env */
    const char *outlets[QUOTE_MAX_OUTLETS];
    char **words;
    int n_words;
} quote_cli;

static int quote_usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "pressdex-search quote: %s%s\nTry 'pressdex-search "
            "quote --help'.\n", msg, arg ? arg : "");
    return 2;
}

static int quote_number(quote_cli *c, int id, const char *arg)
{
    char *end;
    if (id == 'm') {
        c->q.min_score = strtod(arg, &end);
        if (*end || end == arg || c->q.min_score < 0 || c->q.min_score > 1)
            return quote_usage_error("--min-score must be between 0 and 1, "
                                     "not ", arg);
    } else if (id == 'c') {
        c->q.max_candidates = strtoul(arg, &end, 10);
        if (*end || end == arg || c->q.max_candidates < 1 ||
            c->q.max_candidates > 10000)
            return quote_usage_error("--candidates must be 1 to 10000, not ",
                                     arg);
    } else {
        c->time_limit = strtod(arg, &end);
        if (*end || end == arg || !(c->time_limit >= 0) ||
            c->time_limit > 3600)
            return quote_usage_error("--time-limit must be seconds from 0 "
                                     "(no limit) to 3600, not ", arg);
        c->no_time_limit = c->time_limit == 0;
    }
    return 0;
}

static int quote_option(void *ctx, int id, const char *arg)
{
    quote_cli *c = ctx;
    switch (id) {
    case 'd':
        if (c->db)
            return quote_usage_error("--db given twice: one index per search, "
                                     "not ", arg);
        c->db = arg;
        return 0;
    case 'j': c->json = 1; return 0;
    case 'b': c->batch = arg; return 0;
    case 'e': c->exact_spelling = 1; return 0;
    case 'f': c->search.from = arg; return 0;
    case 't': c->search.to = arg; return 0;
    case 'o':
        if (c->search.n_outlets == QUOTE_MAX_OUTLETS)
            return quote_usage_error("too many --outlet options (at most 64)",
                                     NULL);
        c->outlets[c->search.n_outlets++] = arg;
        return 0;
    case 'm': case 'c': case 'T':
        return quote_number(c, id, arg);
    case 'h':
        fputs(quote_usage, stdout);
        return -1;
    default:
        return quote_usage_error("unknown option", NULL);
    }
}

static int parse_quote_args(quote_cli *c, int argc, char **argv)
{
    static const ps_cli_opt opts[] = {
        {"db", 1, 'd'}, {"json", 0, 'j'}, {"batch", 1, 'b'},
        {"min-score", 1, 'm'}, {"candidates", 1, 'c'},
        {"exact-spelling", 0, 'e'}, {"from", 1, 'f'}, {"to", 1, 't'},
        {"outlet", 1, 'o'}, {"time-limit", 1, 'T'}, {"help", 0, 'h'},
        {NULL, 0, 0}};
    int rc = ps_cli_split(argc, argv, opts, quote_option, c,
                          "pressdex-search quote", &c->words, &c->n_words);
    if (rc != 0)
        return rc;
    if (!c->batch && c->n_words == 0)
        return quote_usage_error("no quote given", NULL);
    if (c->batch && c->n_words > 0)
        return quote_usage_error("give either --batch or a quote, not both",
                                 NULL);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Batch                                                                */
/* ------------------------------------------------------------------ */

static void print_line(json_t *doc)
{
    if (doc)
        json_dumpf(doc, stdout, JSON_COMPACT | PS_JSON_REAL);
    fputc('\n', stdout);
    json_decref(doc);
}

/* The batch file as messages name it. */
static const char *batch_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "(standard input)" : path;
}

static json_t *error_line(const char *path, long line, json_t *id,
                          const char *msg)
{
    fprintf(stderr, "pressdex-search: %s:%ld: %s\n", batch_name(path), line,
            msg);
    return json_pack("{si sI so ss}", "schema_version",
                     PS_QUOTE_SCHEMA_VERSION, "line", (json_int_t)line,
                     "id", id ? id : json_null(), "error", msg);
}

/* One batch line: plain text, or a JSON object with "text" and "id". */
static json_t *batch_one(px_index *ix, const ps_quote_opts *o,
                         const char *path, long line, const char *text,
                         int *matched, int *failed)
{
    json_t *in = NULL, *id = NULL;
    if (text[0] == '{') {
        json_error_t je;
        in = json_loads(text, 0, &je);
        const char *t = in ? json_string_value(json_object_get(in, "text")) : NULL;
        id = in ? json_incref(json_object_get(in, "id")) : NULL;
        if (!t) {
            json_t *doc = error_line(path, line, id, in
                                     ? "no \"text\" string in the object"
                                     : je.text);
            json_decref(in);
            *failed += 1;
            return doc;
        }
        text = t;
    }
    px_err err = {""};
    ps_quote_result *r = NULL;
    px_status st = ps_quote_trace(ix, text, o, &r, &err);
    json_t *doc = st == PX_OK ? ps_quote_json(r) : NULL;
    if (st != PX_OK) {
        doc = error_line(path, line, id, err.msg);
        *failed += 1;
    } else {
        json_object_set_new(doc, "line", json_integer(line));
        json_object_set_new(doc, "id", id ? id : json_null());
        *matched += r->n_matches > 0;
    }
    ps_quote_result_free(r);
    json_decref(in);
    return doc;
}

static void batch_progress(long done, time_t start)
{
    double secs = difftime(time(NULL), start);
    fprintf(stderr, "\r%ld lookups, %.0f/s ", done,
            secs > 0 ? (double)done / secs : (double)done);
}

/* The line a blank input line gets. */
static json_t *skipped_line(long line)
{
    return json_pack("{si sI sn ss}", "schema_version",
                     PS_QUOTE_SCHEMA_VERSION, "line", (json_int_t)line,
                     "id", "skipped", "blank line");
}

static int blank_line(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

/* Runs every line of the batch file; returns the exit status (see the
** file's head). */
static int run_batch(px_index *ix, const ps_quote_opts *o, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "pressdex-search: %s: %s\n", path, strerror(errno));
        return 2;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long line = 0, done = 0;
    int matched = 0, failed = 0, progress = isatty(2);
    time_t start = time(NULL);
    while ((n = getline(&buf, &cap, f)) != -1) {
        line++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        if (blank_line(buf)) {
            print_line(skipped_line(line));
            continue;
        }
        print_line(batch_one(ix, o, path, line, buf, &matched, &failed));
        if (progress && ++done % 50 == 0)
            batch_progress(done, start);
    }
    if (progress)
        fputs("\r\033[K", stderr);
    free(buf);
    int read_error = ferror(f);
    if (read_error)
        fprintf(stderr, "pressdex-search: %s: %s\n", batch_name(path),
                strerror(errno));
    if (f != stdin)
        fclose(f);
    if (read_error)
        return 2;
    return failed ? 3 : matched ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */
/* ------------------------------------------------------------------ */

static int run_single(px_index *ix, const quote_cli *c, const char *text)
{
    px_err err = {""};
    ps_quote_result *r = NULL;
    if (ps_quote_trace(ix, text, &c->q, &r, &err) != PX_OK) {
        fprintf(stderr, "pressdex-search quote: %s\n", err.msg);
        return 2;
    }
    if (c->json) {
        json_t *doc = ps_quote_json(r);
        json_dumpf(doc, stdout, JSON_INDENT(2) | PS_JSON_REAL);
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        ps_quote_text(stdout, r);
    }
    int rc = r->n_matches ? 0 : 1;
    ps_quote_result_free(r);
    return rc;
}

int ps_cmd_quote(int argc, char **argv)
{
    quote_cli c = {0};
    c.q.min_score = 0.75;
    int rc = parse_quote_args(&c, argc, argv);
    if (rc) {
        free(c.words);
        return rc < 0 ? 0 : rc;
    }
    px_err err = {""};
    px_index *ix = NULL;
    ps_setup su;
    px_search_setup setup = {.db = c.db, .exact_spelling = c.exact_spelling,
                             .time_limit = c.time_limit,
                             .no_time_limit = c.no_time_limit,
                             .default_time_limit = PS_CLI_TIME_LIMIT};
    px_status st = ps_setup_init(&su, &setup, &err);
    if (st == PX_OK) {
        if (px_search_env_warning(su.env))
            fprintf(stderr, "pressdex-search quote: warning: %s\n",
                    px_search_env_warning(su.env));
        c.search.outlets = c.outlets;
        px_search_env_apply(su.env, &c.search);
        st = px_search_env_open(su.env, &ix, &err);
    }
    if (st != PX_OK) {
        fprintf(stderr, "pressdex-search quote: %s\n", err.msg);
        ps_setup_free(&su);
        free(c.words);
        return 2;
    }
    c.q.variants = c.search.variants;
    c.q.search = &c.search;
    if (c.batch) {
        rc = run_batch(ix, &c.q, c.batch);
    } else {
        char *text = ps_cli_join(c.words, c.n_words);
        rc = text ? run_single(ix, &c, text) : 2;
        free(text);
    }
    px_index_close(ix, NULL);
    ps_setup_free(&su);
    free(c.words);
    return rc;
}
