/*
** cmd_quote.c — `pressdex-search quote`: trace one quote, or a batch of
** them for scripts (one claim per line, or JSON Lines with id and text;
** JSON Lines out, one result per input line, in input order).
**
** Exit status: 0 when every lookup ran (found or not) and at least one
** matched, 1 when none matched, 2 on a usage or index error.  A malformed
** batch line gets an error object on its own output line and a message
** naming the line on stderr; the other lines still run.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_common.h"
#include "quote.h"

static const char quote_usage[] =
"Usage: pressdex-search quote [--db DIR] [OPTIONS] TEXT...\n"
"       pressdex-search quote [--db DIR] [OPTIONS] --batch FILE|-\n"
"\n"
"Finds every article that printed TEXT: first as the exact phrase (quotes,\n"
"apostrophes, dashes, case and punctuation do not matter), then as near\n"
"matches that drop, swap or change a few words.  Reports the first\n"
"appearance, each outlet with its first date and number of articles, and\n"
"the timeline.\n"
"\n"
"Options:\n"
"  --json              one JSON document (schema: docs/json.md)\n"
"  --batch FILE|-      one quote per line, or JSON Lines {\"id\",\"text\"};\n"
"                      writes JSON Lines, one result per input line\n"
"  --min-score X       keep near matches scoring at least X (default 0.75;\n"
"                      1 keeps exact matches only)\n"
"  --candidates N      near-match candidates examined per quote (50)\n"
"  --exact-spelling    do not match spelling variants (Kyiv/Kiev)\n"
"  -h, --help          this text\n"
"\n"
"Exit status: 0 some lookup matched, 1 none matched, 2 usage or index error.\n";

typedef struct {
    const char *db;
    int json;
    const char *batch;
    int exact_spelling;
    px_quote_opts q;
} quote_cli;

static int quote_usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "pressdex-search quote: %s%s\nTry 'pressdex-search "
            "quote --help'.\n", msg, arg ? arg : "");
    return 2;
}

static int parse_quote_args(quote_cli *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'},
        {"batch", required_argument, 0, 'b'},
        {"min-score", required_argument, 0, 'm'},
        {"candidates", required_argument, 0, 'c'},
        {"exact-spelling", no_argument, 0, 'e'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int opt;
    char *end;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': c->db = optarg; break;
        case 'j': c->json = 1; break;
        case 'b': c->batch = optarg; break;
        case 'e': c->exact_spelling = 1; break;
        case 'm':
            c->q.min_score = strtod(optarg, &end);
            if (*end || end == optarg || c->q.min_score < 0 ||
                c->q.min_score > 1)
                return quote_usage_error("--min-score must be between 0 and "
                                         "1, not ", optarg);
            break;
        case 'c':
            c->q.max_candidates = strtoul(optarg, &end, 10);
            if (*end || end == optarg || c->q.max_candidates < 1 ||
                c->q.max_candidates > 10000)
                return quote_usage_error("--candidates must be 1 to 10000, "
                                         "not ", optarg);
            break;
        case 'h':
            fputs(quote_usage, stdout);
            return -1;
        default:
            return quote_usage_error("unknown option or missing value: ",
                                     argv[optind - 1]);
        }
    }
    if (!c->batch && optind >= argc)
        return quote_usage_error("no quote given", NULL);
    if (c->batch && optind < argc)
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
        json_dumpf(doc, stdout, JSON_COMPACT);
    fputc('\n', stdout);
    json_decref(doc);
}

static json_t *error_line(long line, json_t *id, const char *msg)
{
    fprintf(stderr, "pressdex-search quote: line %ld: %s\n", line, msg);
    return json_pack("{si sI so ss}", "schema_version",
                     PX_QUOTE_SCHEMA_VERSION, "line", (json_int_t)line,
                     "id", id ? id : json_null(), "error", msg);
}

/* One batch line: plain text, or a JSON object with "text" and "id". */
static json_t *batch_one(px_index *ix, const px_quote_opts *o, long line,
                         const char *text, int *matched)
{
    json_t *in = NULL, *id = NULL;
    if (text[0] == '{') {
        json_error_t je;
        in = json_loads(text, 0, &je);
        const char *t = in ? json_string_value(json_object_get(in, "text")) : NULL;
        id = in ? json_incref(json_object_get(in, "id")) : NULL;
        if (!t) {
            json_decref(in);
            return error_line(line, id, in ? "no \"text\" string in the object"
                                           : je.text);
        }
        text = t;
    }
    px_err err = {""};
    px_quote_result *r = NULL;
    px_status st = px_quote_trace(ix, text, o, &r, &err);
    json_t *doc = st == PX_OK ? px_quote_json(r) : NULL;
    if (st != PX_OK) {
        doc = error_line(line, id, err.msg);
    } else {
        json_object_set_new(doc, "line", json_integer(line));
        json_object_set_new(doc, "id", id ? id : json_null());
        *matched += r->n_matches > 0;
    }
    px_quote_result_free(r);
    json_decref(in);
    return doc;
}

static void batch_progress(long done, time_t start)
{
    double secs = difftime(time(NULL), start);
    fprintf(stderr, "\r%ld lookups, %.0f/s ", done,
            secs > 0 ? (double)done / secs : (double)done);
}

static int run_batch(px_index *ix, const px_quote_opts *o, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        perror(path);
        return 2;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long line = 0, done = 0;
    int matched = 0, progress = isatty(2);
    time_t start = time(NULL);
    while ((n = getline(&buf, &cap, f)) != -1) {
        line++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        if (n == 0)
            continue;
        print_line(batch_one(ix, o, line, buf, &matched));
        if (progress && ++done % 50 == 0)
            batch_progress(done, start);
    }
    if (progress)
        fputs("\r\033[K", stderr);
    free(buf);
    if (f != stdin)
        fclose(f);
    return matched ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */
/* ------------------------------------------------------------------ */

static char *join(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n);
    if (s)
        s[0] = '\0';
    for (int i = 0; s && i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

static int run_single(px_index *ix, const quote_cli *c, const char *text)
{
    px_err err = {""};
    px_quote_result *r = NULL;
    if (px_quote_trace(ix, text, &c->q, &r, &err) != PX_OK) {
        fprintf(stderr, "pressdex-search quote: %s\n", err.msg);
        return 2;
    }
    if (c->json) {
        json_t *doc = px_quote_json(r);
        json_dumpf(doc, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        px_quote_text(stdout, r);
    }
    int rc = r->n_matches ? 0 : 1;
    px_quote_result_free(r);
    return rc;
}

int px_cmd_quote(int argc, char **argv)
{
    quote_cli c = {0};
    char dbbuf[4096];
    c.q.min_score = 0.75;
    int rc = parse_quote_args(&c, argc, argv);
    if (rc)
        return rc < 0 ? 0 : rc;
    px_err err = {""};
    px_variants *v = NULL;
    px_index *ix = NULL;
    px_status st = c.exact_spelling ? PX_OK : px_cli_load_variants(&v, &err);
    if (st == PX_OK)
        st = px_index_open(c.db ? c.db : px_cli_default_db(dbbuf, sizeof dbbuf),
                           PX_OPEN_READ, NULL, &ix, &err);
    if (st != PX_OK) {
        fprintf(stderr, "pressdex-search quote: %s\n", err.msg);
        px_variants_free(v);
        return 2;
    }
    c.q.variants = v;
    if (c.batch) {
        rc = run_batch(ix, &c.q, c.batch);
    } else {
        char *text = join(argc - optind, argv + optind);
        rc = text ? run_single(ix, &c, text) : 2;
        free(text);
    }
    px_index_close(ix, NULL);
    px_variants_free(v);
    return rc;
}
