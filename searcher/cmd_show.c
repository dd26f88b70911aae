/*
** cmd_show.c — `pressdex-search show ID...`: whole articles as the index
** stores them, for reading what a search found.  Each article is its
** metadata, each item with where it came from (how the date was found and
** how precise it is, the file, the syndication cluster), then the full
** text.  With --query the words that query matches are lit, exactly as a
** search's snippets light them (the library marks them, stem-aware).
**
** Exit status: 0 every article shown, 1 some id is not in the index (the
** others are still shown), 2 usage or index error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli_common.h"
#include "output.h"
#include "pressdex.h"

static const char show_usage[] =
"Usage: pressdex-search show [--db DIR] [OPTIONS] ID...\n"
"\n"
"Prints the articles with these ids (the \"id\" of search hits, the\n"
"\"(id N)\" of cluster lists) as stored: metadata, with where the date\n"
"came from and how precise it is, then the whole text.\n"
"\n"
"Options:\n"
"  --query Q         highlight the words the search Q matches\n"
"  --json            one JSON document (schema: docs/json.md)\n"
"  --exact-spelling  with --query: do not light spelling variants\n"
"  --color WHEN      highlight with bold: auto (default), always, never\n"
"  -h, --help        this text\n"
"\n"
"Exit status: 0 all shown, 1 some id not in the index, 2 usage or index\n"
"error.\n";

typedef struct {
    const char *db;
    const char *query;
    int json;
    int exact_spelling;
    int color;                 /* -1 auto, 0 never, 1 always */
} show_cli;

static int show_error(const char *msg, const char *arg)
{
    fprintf(stderr, "pressdex-search show: %s%s\nTry 'pressdex-search show "
            "--help'.\n", msg, arg ? arg : "");
    return 2;
}

static int show_option(void *ctx, int id, const char *arg)
{
    show_cli *c = ctx;
    switch (id) {
    case 'd':
        if (c->db)
            return show_error("--db given twice: one index, not ", arg);
        c->db = arg;
        return 0;
    case 'q': c->query = arg; return 0;
    case 'j': c->json = 1; return 0;
    case 'e': c->exact_spelling = 1; return 0;
    case 'c':
        if (strcmp(arg, "auto") == 0) c->color = -1;
        else if (strcmp(arg, "always") == 0) c->color = 1;
        else if (strcmp(arg, "never") == 0) c->color = 0;
        else return show_error("--color must be auto, always or never, not ",
                               arg);
        return 0;
    case 'h':
        fputs(show_usage, stdout);
        return -1;
    default:
        return show_error("unknown option", NULL);
    }
}

/* The text and title of one article, marked for the query (or as they
** are without one). */
typedef struct {
    px_marked title, body;
} show_marks;

static px_status mark_article(px_index *ix, const px_search_opts *o,
                              const px_article *a, show_marks *m,
                              px_err *err)
{
    px_status st = px_highlight(ix, o, a->title ? a->title : "", &m->title,
                                err);
    if (st == PX_OK)
        st = px_highlight(ix, o, a->body ? a->body : "", &m->body, err);
    return st;
}

/* "N (one article)" or "N (K articles in M outlets: pressdex-search
** cluster N)", so that the copies are one command away. */
static void cluster_line(px_index *ix, const px_article *a, char *out,
                         size_t cap, size_t *members)
{
    px_article **m = NULL;
    size_t n = 0;
    px_err err = {""};
    *members = 1;
    if (px_index_cluster(ix, a->cluster, &m, &n, &err) == PX_OK && n)
        *members = n;
    size_t outlets = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < i && !(m[j]->outlet && m[i]->outlet &&
                          strcmp(m[j]->outlet, m[i]->outlet) == 0))
            j++;
        outlets += j == i;
    }
    for (size_t i = 0; i < n; i++)
        px_article_free(m[i]);
    free(m);
    if (*members <= 1)
        snprintf(out, cap, "%lld (this article only)", (long long)a->cluster);
    else
        snprintf(out, cap, "%lld (%zu articles in %zu outlet%s: "
                 "pressdex-search cluster %lld)", (long long)a->cluster,
                 *members, outlets, outlets == 1 ? "" : "s",
                 (long long)a->cluster);
}

static const char *or_unknown(const char *s)
{
    return s && *s ? s : "(unknown)";
}

static void print_text(px_index *ix, const px_article *a,
                       const show_marks *m)
{
    char date[11], cluster[160];
    size_t members;
    px_article_date_label(a, date);
    cluster_line(ix, a, cluster, sizeof cluster, &members);
    printf("id:              %lld\n", (long long)a->docid);
    printf("title:           %s\n",
           m->title.marked[0] ? m->title.marked : "(untitled)");
    printf("outlet:          %s\n", or_unknown(a->outlet));
    printf("date:            %s\n", date[0] ? date : "(unknown)");
    printf("date_precision:  %s\n", date[0]
           ? px_date_precision_name(a->date_precision) : "(no date)");
    printf("date_source:     %s (%s)\n", px_date_source_name(a->date_source),
           px_date_provenance(a));
    printf("author:          %s\n", or_unknown(a->author));
    printf("url:             %s\n", or_unknown(a->url));
    printf("source:          %s\n", or_unknown(a->source));
    if (a->ext_id && (!a->source || strcmp(a->ext_id, a->source) != 0))
        printf("ext_id:          %s\n", a->ext_id);
    printf("cluster:         %s\n\n", cluster);
    fputs(m->body.marked, stdout);
    if (!*m->body.marked || m->body.marked[strlen(m->body.marked) - 1] != '\n')
        fputc('\n', stdout);
}

static json_t *article_json(px_index *ix, const px_article *a,
                            const show_marks *m, int query)
{
    char cluster[160];
    size_t members;
    cluster_line(ix, a, cluster, sizeof cluster, &members);
    json_t *hl = query
        ? json_pack("{so so}",
                    "title", ps_json_spans(m->title.plain, m->title.spans,
                                           m->title.n_spans),
                    "body", ps_json_spans(m->body.plain, m->body.spans,
                                          m->body.n_spans))
        : json_null();
    return json_pack("{sI so so so so so ss so so so so sI sI so ss so}",
        "id", (json_int_t)a->docid,
        "title", ps_json_str(m->title.plain),
        "outlet", ps_json_str(a->outlet),
        "date", ps_json_str(a->date),
        "date_precision", ps_json_date_precision(a),
        "author", ps_json_str(a->author),
        "date_source", px_date_source_name(a->date_source),
        "url", ps_json_str(a->url),
        "source", ps_json_str(a->source),
        "ext_id", ps_json_str(a->ext_id),
        "indexed_at", a->indexed_at ? json_integer(a->indexed_at)
                                    : json_null(),
        "cluster", (json_int_t)a->cluster,
        "cluster_size", (json_int_t)members,
        "hash", ps_json_str(a->hash),
        "body", m->body.plain ? m->body.plain : "",
        "highlights", hl);
}

/* Loads, marks and prints (or appends to arr) article `id`.  Returns 0,
** 1 when there is no such article, 2 on an index error. */
static int show_one(px_index *ix, const px_search_opts *o, long long id,
                    json_t *arr, int query)
{
    px_err err = {""};
    px_article *a = NULL;
    show_marks m = {{0}, {0}};
    px_status st = px_index_get(ix, id, &a, &err);
    if (st == PX_ENOTFOUND) {
        fprintf(stderr, "pressdex-search show: no article %lld in this "
                "index\n", id);
        return 1;
    }
    if (st == PX_OK)
        st = mark_article(ix, o, a, &m, &err);
    if (st == PX_OK && arr)
        json_array_append_new(arr, article_json(ix, a, &m, query));
    else if (st == PX_OK)
        print_text(ix, a, &m);
    else
        fprintf(stderr, "pressdex-search show: %s\n", err.msg);
    px_marked_clear(&m.title);
    px_marked_clear(&m.body);
    px_article_free(a);
    return st == PX_OK ? 0 : 2;
}

static int show_all(px_index *ix, const show_cli *c, const px_search_opts *o,
                    const long long *ids, int n)
{
    json_t *arr = c->json ? json_array() : NULL;
    int rc = 0, shown = 0;
    for (int i = 0; i < n && rc < 2; i++) {
        /* A rule between articles: a text has blank lines of its own. */
        if (!c->json && shown)
            printf("\n%.72s\n\n", "==========================================="
                   "=================================");
        int one = show_one(ix, o, ids[i], arr, c->query != NULL);
        shown += one == 0;
        rc = one > rc ? one : rc;
    }
    if (arr && rc < 2) {
        json_t *doc = json_pack("{si so so}", "schema_version", 1,
                                "query", ps_json_str(c->query),
                                "articles", arr);
        json_dumpf(doc, stdout,
                   JSON_INDENT(2) | JSON_PRESERVE_ORDER | PS_JSON_REAL);
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        json_decref(arr);
    }
    return rc;
}

/* The ids, each a positive number; NULL (after a message) otherwise. */
static long long *parse_ids(char **words, int n)
{
    long long *ids = malloc((size_t)(n ? n : 1) * sizeof *ids);
    for (int i = 0; ids && i < n; i++) {
        char *end;
        ids[i] = strtoll(words[i], &end, 10);
        if (ids[i] <= 0 || *end || end == words[i]) {
            show_error("an article id is a positive number, not ", words[i]);
            free(ids);
            return NULL;
        }
    }
    return ids;
}

int ps_cmd_show(int argc, char **argv)
{
    static const ps_cli_opt opts[] = {
        {"db", 1, 'd'}, {"query", 1, 'q'}, {"json", 0, 'j'},
        {"exact-spelling", 0, 'e'}, {"color", 1, 'c'}, {"help", 0, 'h'},
        {NULL, 0, 0}};
    show_cli c = {.color = -1};
    char **words = NULL;
    int n = 0;
    int rc = ps_cli_split(argc, argv, opts, show_option, &c,
                          "pressdex-search show", &words, &n);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    long long *ids = n ? parse_ids(words, n) : NULL;
    free(words);
    if (!ids)
        return n ? 2 : show_error("no article id given", NULL);
    int bold = !c.json && (c.color == 1 || (c.color == -1 && isatty(1)));
    px_search_opts o = {.query = c.query,
                        .hl_start = bold ? "\033[1m" : "[",
                        .hl_end = bold ? "\033[0m" : "]"};
    px_err err = {""};
    px_index *ix = NULL;
    ps_setup su;
    px_search_setup setup = {.db = c.db, .exact_spelling = c.exact_spelling};
    px_status st = ps_setup_init(&su, &setup, &err);
    if (st == PX_OK) {
        px_search_env_apply(su.env, &o);
        st = px_search_env_open(su.env, &ix, &err);
    }
    if (st == PX_OK) {
        rc = show_all(ix, &c, &o, ids, n);
    } else {
        fprintf(stderr, "pressdex-search show: %s\n", err.msg);
        rc = 2;
    }
    px_index_close(ix, NULL);
    ps_setup_free(&su);
    free(ids);
    return rc;
}
