/*
** qbench.c — pressdex's query server for the benchmark (see proto.h).
**
** Links libpressdex from the build and calls px_search() exactly as
** pressdex-search does (snippets from the stored text, spelling variants
** loaded from data/variants.txt, 10 hits), so that the figures are those of
** the library, inside one process, without the CLI's start-up and output
** formatting.  The spelling suggestion is switched off by default because
** no peer computes one; --suggest turns it on to measure its cost.
**
**   px-qbench --db DIR [--variants FILE] [--suggest]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pressdex.h"
#include "proto.h"

/* A quote lookup's exact part returns every match; this bounds it. */
#define PHRASE_LIMIT 100000

static void run(px_index *ix, const px_variants *variants, int suggest,
                const bp_request *rq)
{
    px_search_opts o = {0};
    const char *outlets[1] = {rq->outlet};
    o.query = rq->query;
    o.outlets = rq->outlet ? outlets : NULL;
    o.n_outlets = rq->outlet ? 1 : 0;
    o.from = rq->from;
    o.to = rq->to;
    o.variants = variants;
    o.no_suggestion = !suggest;
    if (rq->kind == BP_PHRASE) {
        o.sort = PX_SORT_OLDEST;
        o.limit = PHRASE_LIMIT;
    } else if (rq->kind == BP_COUNT) {
        o.limit = 1;
        o.facets = 1; /* counts the whole match set, hence exactly */
    } else {
        o.limit = 10;
        o.snippets = 1;
        o.facets = rq->kind == BP_FACETS;
    }

    px_err err = {""};
    px_results *r = NULL;
    double t0 = bp_now_us();
    px_status st = px_search(ix, &o, &r, &err);
    double us = bp_now_us() - t0;
    if (st != PX_OK) {
        bp_error(err.msg);
        return;
    }
    long total = (long)r->matches_estimated;
    if (rq->kind == BP_FACETS || rq->kind == BP_COUNT) {
        /* The facet counts cover the whole match set: their sum is the
        ** exact number of matches, a check that they really were made. */
        total = 0;
        for (size_t i = 0; i < r->n_outlet_facets; i++)
            total += (long)r->outlet_facets[i].count;
    }
    bp_answer(us, (long)r->n_hits, total);
    px_results_free(r);
}

int main(int argc, char **argv)
{
    const char *db = NULL, *variants_path = NULL;
    int suggest = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--variants") == 0 && i + 1 < argc)
            variants_path = argv[++i];
        else if (strcmp(argv[i], "--suggest") == 0)
            suggest = 1;
        else {
            fprintf(stderr, "usage: px-qbench --db DIR [--variants FILE] "
                            "[--suggest]\n");
            return 2;
        }
    }
    if (!db) {
        fprintf(stderr, "px-qbench: --db is required\n");
        return 2;
    }

    px_err err = {""};
    px_index *ix = NULL;
    px_variants *variants = NULL;
    double t0 = bp_now_us();
    px_status st = PX_OK;
    if (variants_path)
        st = px_variants_load(&variants, variants_path, &err);
    if (st == PX_OK)
        st = px_index_open(db, PX_OPEN_READ, NULL, &ix, &err);
    if (st != PX_OK) {
        fprintf(stderr, "px-qbench: %s\n", err.msg);
        px_variants_free(variants);
        return 2;
    }
    printf("ready\t%.1f\n", bp_now_us() - t0);
    fflush(stdout);

    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        bp_request rq;
        if (bp_parse(line, &rq) != 0)
            bp_error("bad request line");
        else
            run(ix, variants, suggest, &rq);
    }
    free(line);
    px_index_close(ix, NULL);
    px_variants_free(variants);
    return 0;
}
