/*
** cmd_stats.c — `pressdex-index stats`: what an index holds.
**
** Opens the index read-only, so it can run while `add` is writing.  The
** text form is for people (aligned, sizes in KiB/MiB); --json gives the
** same facts as one object with exact byte counts, for scripts.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char stats_help[] =
"Usage: pressdex-index [--db DIR] stats [--json]\n"
"\n"
"Shows what the index holds: articles, source files, the date range and\n"
"how many articles have no known date, articles per outlet (most first;\n"
"no known outlet last), the size of the store, of the Xapian index and of\n"
"the article text, changes the Xapian side has not caught up with yet,\n"
"and the stemming language.\n"
"\n"
"Options:\n"
"  --json      one JSON object: index, language, articles, sources,\n"
"              first_date, last_date (null when nothing is dated),\n"
"              undated, pending, store_bytes, xapian_bytes, shards,\n"
"              text_bytes, outlets [{name (null: unknown), key, count}]\n"
"  -h, --help  this text\n"
"\n"
"Exit status: 0 success, 2 usage error or no index.\n";

static void stats_size(uint64_t bytes, char *buf, size_t size)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double v = (double)bytes;
    int u = -1;
    if (bytes < 1024) {
        snprintf(buf, size, "%llu B", (unsigned long long)bytes);
        return;
    }
    while (v >= 1024 && u < 3) {
        v /= 1024;
        u++;
    }
    snprintf(buf, size, "%.1f %s", v, units[u]);
}

static void stats_text(const char *dir, const px_stats *st)
{
    char store[32], xapian[32], text[32];
    int width = 1;
    stats_size(st->store_bytes, store, sizeof store);
    stats_size(st->xapian_bytes, xapian, sizeof xapian);
    stats_size(st->text_bytes, text, sizeof text);
    printf("index      %s\n", dir);
    printf("language   %s\n", st->language);
    printf("articles   %zu\n", st->articles);
    printf("sources    %zu\n", st->sources);
    if (st->first_date[0])
        printf("dates      %s to %s\n", st->first_date, st->last_date);
    else
        printf("dates      none known\n");
    printf("undated    %zu\n", st->undated);
    printf("pending    %lld\n", (long long)st->pending);
    printf("store      %s\n", store);
    if (st->shards > 1)
        printf("xapian     %s in %u shards\n", xapian, st->shards);
    else
        printf("xapian     %s\n", xapian);
    printf("text       %s\n", text);
    if (st->n_outlets == 0)
        return;
    for (size_t i = 0; i < st->n_outlets; i++) {
        int w = snprintf(NULL, 0, "%zu", st->outlets[i].count);
        if (w > width)
            width = w;
    }
    printf("\narticles per outlet:\n");
    for (size_t i = 0; i < st->n_outlets; i++)
        printf("  %*zu  %s\n", width, st->outlets[i].count,
               st->outlets[i].name ? st->outlets[i].name : "(unknown)");
}

static json_t *stats_date(const char *date)
{
    return date[0] ? json_string(date) : json_null();
}

static json_t *stats_outlets(const px_stats *st)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < st->n_outlets; i++) {
        const px_outlet_count *o = &st->outlets[i];
        json_array_append_new(list, json_pack("{s:o, s:s, s:I}",
            "name", o->name ? json_string(o->name) : json_null(),
            "key", o->key ? o->key : "",
            "count", (json_int_t)o->count));
    }
    return list;
}

static int stats_json(const char *dir, const px_stats *st)
{
    json_t *doc = json_pack(
        "{s:s, s:s, s:I, s:I, s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:o}",
        "index", dir, "language", st->language,
        "articles", (json_int_t)st->articles,
        "sources", (json_int_t)st->sources,
        "first_date", stats_date(st->first_date),
        "last_date", stats_date(st->last_date),
        "undated", (json_int_t)st->undated,
        "pending", (json_int_t)st->pending,
        "store_bytes", (json_int_t)st->store_bytes,
        "xapian_bytes", (json_int_t)st->xapian_bytes,
        "shards", (json_int_t)st->shards,
        "text_bytes", (json_int_t)st->text_bytes,
        "outlets", stats_outlets(st));
    if (!doc || json_dumpf(doc, stdout, JSON_INDENT(2) |
                                        JSON_PRESERVE_ORDER) != 0) {
        json_decref(doc);
        pi_cli_error("cannot write the statistics as JSON");
        return PI_EXIT_USAGE;
    }
    fputc('\n', stdout);
    json_decref(doc);
    return PI_EXIT_OK;
}

int pi_cmd_stats(pi_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        PI_CLI_COMMON_OPTIONS,
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0}};
    int c, rc, json = 0;
    while ((c = getopt_long(argc, argv, PI_CLI_SHORT, longopts, NULL)) != -1)
        if (c == 'j')
            json = 1;
        else if ((rc = pi_cli_option(cli, "stats", stats_help, c, argv)) >= 0)
            return rc;
    if (optind < argc)
        return pi_cli_usage("stats", "unexpected argument '%s'",
                            argv[optind]);
    char *dir = pi_cli_index_dir(cli);
    px_index *ix = dir ? pi_cli_open(dir, PX_OPEN_READ, NULL, 0) : NULL;
    px_stats st;
    px_err err = {""};
    memset(&st, 0, sizeof st);
    rc = PI_EXIT_USAGE;
    if (ix && px_index_stats(ix, &st, &err) != PX_OK)
        pi_cli_error("%s", err.msg);
    else if (ix && json)
        rc = stats_json(dir, &st);
    else if (ix) {
        stats_text(dir, &st);
        rc = PI_EXIT_OK;
    }
    px_stats_free(&st);
    px_index_close(ix, NULL);
    free(dir);
    return rc;
}
