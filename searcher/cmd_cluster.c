/*
** cmd_cluster.c — `pressdex-search cluster ID`: the members of a
** syndication cluster (the same story as printed by several outlets),
** oldest first, so the first to carry it leads the list.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli_common.h"
#include "output.h"
#include "pressdex.h"

static const char cluster_usage[] =
"Usage: pressdex-search cluster [--db DIR] [--json] ID\n"
"\n"
"Lists the articles of a syndication cluster (the same story printed by\n"
"several outlets), oldest first.  ID is any of its articles' ids (as in\n"
"search hits) or the cluster's id (as shown by --collapse or in the\n"
"\"cluster\" field of --json hits).\n"
"Exit status: 0 listed, 1 no such cluster, 2 usage or index error.\n";

static void print_members(px_article **m, size_t n, int json)
{
    if (!json) {
        char date[11];
        for (size_t i = 0; i < n; i++) {
            px_article_date_label(m[i], date);
            printf("%-10s  %-20s  %s  (id %lld)\n", date[0] ? date : "-",
                   m[i]->outlet ? m[i]->outlet : "-",
                   m[i]->title ? m[i]->title : "(untitled)",
                   (long long)m[i]->docid);
        }
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{sI so so so so so so}",
            "id", (json_int_t)m[i]->docid, "date", ps_json_str(m[i]->date),
            "date_precision", ps_json_date_precision(m[i]),
            "outlet", ps_json_str(m[i]->outlet), "title", ps_json_str(m[i]->title),
            "url", ps_json_str(m[i]->url), "source", ps_json_str(m[i]->source)));
    json_t *doc = json_pack("{si sI so}", "schema_version", 1, "cluster",
                            (json_int_t)(n ? m[0]->cluster : 0), "members", arr);
    json_dumpf(doc, stdout, JSON_INDENT(2) | PS_JSON_REAL);
    fputc('\n', stdout);
    json_decref(doc);
}

typedef struct {
    const char *db;
    int json;
} cluster_cli;

static int cluster_option(void *ctx, int id, const char *arg)
{
    cluster_cli *c = ctx;
    if (id == 'd' && c->db) {
        fputs("pressdex-search cluster: --db given twice: one index per "
              "search\n", stderr);
        return 2;
    }
    if (id == 'd')
        c->db = arg;
    else if (id == 'j')
        c->json = 1;
    else if (id == 'h') {
        fputs(cluster_usage, stdout);
        return -1;
    }
    return 0;
}

int ps_cmd_cluster(int argc, char **argv)
{
    static const ps_cli_opt opts[] = {
        {"db", 1, 'd'}, {"json", 0, 'j'}, {"help", 0, 'h'}, {NULL, 0, 0}};
    cluster_cli c = {0};
    char **words = NULL, *end = NULL;
    int n_words = 0;
    int rc = ps_cli_split(argc, argv, opts, cluster_option, &c,
                          "pressdex-search cluster", &words, &n_words);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    long long id = n_words == 1 ? strtoll(words[0], &end, 10) : 0;
    free(words);
    if (id <= 0 || *end) {
        fputs(cluster_usage, stderr);
        return 2;
    }
    int json = c.json;
    px_err err = {""};
    px_index *ix = NULL;
    px_article **m = NULL;
    size_t n = 0;
    char *db = NULL;
    px_status st = c.db ? PX_OK : px_default_index_dir(&db, &err);
    if (st == PX_OK)
        st = px_index_open(c.db ? c.db : db, PX_OPEN_READ, NULL, &ix, &err);
    free(db);
    /* An article id names the article's cluster.  A cluster's id is the
    ** id of its first member, so where both readings exist they agree;
    ** only a cluster whose first member was deleted needs the second. */
    px_article *a = NULL;
    long long cluster = id;
    if (st == PX_OK && px_index_get(ix, id, &a, NULL) == PX_OK && a->cluster)
        cluster = a->cluster;
    px_article_free(a);
    if (st == PX_OK)
        st = px_index_cluster(ix, cluster, &m, &n, &err);
    if (st != PX_OK) {
        fprintf(stderr, "pressdex-search cluster: %s\n", err.msg);
        px_index_close(ix, NULL);
        return 2;
    }
    if (n)
        print_members(m, n, json);
    else
        fprintf(stderr, "pressdex-search cluster: no article or cluster "
                "%lld in this index\n", id);
    for (size_t i = 0; i < n; i++)
        px_article_free(m[i]);
    free(m);
    px_index_close(ix, NULL);
    return n ? 0 : 1;
}
