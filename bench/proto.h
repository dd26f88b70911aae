/*
** proto.h — the line protocol every query server of the benchmark speaks.
**
** Each tool (pressdex, SQLite FTS5, Xapian over a scriptindex database) has
** a small server that opens its index once and then answers requests read
** from standard input, so that the orchestrator (bench/lib/queries_run.py)
** can interleave the tools query by query and every latency is measured
** inside one long-lived process, never including process start-up:
**
**   after opening:  "ready\t<open µs>\n"
**   request:        "<kind>\t<query>\t<outlet>\t<from>\t<to>\n"
**                   kind: search  top 10 by relevance, each hit's title,
**                                 outlet, date and a highlighted snippet
**                         facets  the same plus exact outlet and month
**                                 counts over the whole match set
**                         phrase  every match (date order) with its outlet
**                                 and date: the exact part of a quote lookup
**                         count   the exact number of matches only (not
**                                 timed by the orchestrator: it checks that
**                                 the engines agree on what matches)
**                   outlet, from, to (YYYY-MM-DD) may be empty
**   answer:         "<µs>\t<hits returned>\t<total matches or -1>\n"
**                   or "error\t<message>\n"
**
** Only the work between reading a request and writing its answer is timed.
** Header-only (static functions) so that the C and the C++ servers share it.
*/
#ifndef BENCH_PROTO_H
#define BENCH_PROTO_H

#include <stdio.h>
#include <string.h>
#include <time.h>

enum { BP_SEARCH, BP_FACETS, BP_PHRASE, BP_COUNT, BP_BAD };

typedef struct {
    int kind;
    const char *query;
    const char *outlet; /* NULL when not filtered */
    const char *from;   /* NULL when open */
    const char *to;
} bp_request;

static double bp_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Splits a request line in place.  Returns 0 on success, -1 when the line
** does not have five tab-separated fields or names an unknown kind. */
static int bp_parse(char *line, bp_request *rq)
{
    char *f[5];
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    f[n++] = line;
    for (char *p = line; *p && n < 5; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    if (n != 5)
        return -1;
    rq->kind = strcmp(f[0], "search") == 0   ? BP_SEARCH
               : strcmp(f[0], "facets") == 0 ? BP_FACETS
               : strcmp(f[0], "phrase") == 0 ? BP_PHRASE
               : strcmp(f[0], "count") == 0  ? BP_COUNT
                                             : BP_BAD;
    rq->query = f[1];
    rq->outlet = *f[2] ? f[2] : NULL;
    rq->from = *f[3] ? f[3] : NULL;
    rq->to = *f[4] ? f[4] : NULL;
    return rq->kind == BP_BAD ? -1 : 0;
}

static void bp_answer(double us, long hits, long total)
{
    printf("%.1f\t%ld\t%ld\n", us, hits, total);
    fflush(stdout);
}

static void bp_error(const char *msg)
{
    printf("error\t");
    for (const char *p = msg; *p; p++)
        putchar(*p == '\n' || *p == '\t' ? ' ' : *p);
    putchar('\n');
    fflush(stdout);
}

#endif /* BENCH_PROTO_H */
