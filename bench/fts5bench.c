/*
** fts5bench.c — SQLite FTS5 as a peer in the benchmark, through the C API.
**
**   px-fts5bench load DB FILE.jsonl   add the articles to the index (one
**                                     table, below; created when missing)
**   px-fts5bench serve DB             answer queries (see proto.h)
**
** The table is what an FTS5 user would build for the same job: the full
** text stored (an ordinary, not contentless, FTS5 table), the porter
** stemmer over unicode61 tokens, title and body searchable with the title
** weighted 5x in bm25 (as pressdex weights titles), outlet and date kept
** as unindexed columns used for filters and facets.  Loading commits every
** 1000 articles in WAL mode, the batch size pressdex uses, so that both
** pay for durability at the same rate.
**
** Queries use the idioms FTS5's documentation recommends: ORDER BY rank
** (sorted inside FTS5, so snippet() runs only for the rows returned),
** filters as plain SQL on the unindexed columns, facets as one GROUP BY
** over the match set.
*/
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

#define BATCH 1000

/* Each filter is optional: a NULL parameter switches it off. */
#define FILTERS " AND (?2 IS NULL OR outlet = ?2)" \
                " AND (?3 IS NULL OR date >= ?3) AND (?4 IS NULL OR date <= ?4)"

static const char *SQL_SEARCH =
    "SELECT rowid, title, outlet, date,"
    " snippet(articles, 1, '[', ']', '...', 32)"
    " FROM articles WHERE articles MATCH ?1" FILTERS
    " ORDER BY rank LIMIT 10";
static const char *SQL_FACETS =
    "SELECT outlet, substr(date, 1, 7), count(*)"
    " FROM articles WHERE articles MATCH ?1" FILTERS " GROUP BY 1, 2";
static const char *SQL_COUNT =
    "SELECT count(*) FROM articles WHERE articles MATCH ?1" FILTERS;
static const char *SQL_PHRASE =
    "SELECT rowid, outlet, date FROM articles WHERE articles MATCH ?1" FILTERS
    " ORDER BY date";

static int die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "px-fts5bench: %s: %s\n", what,
            db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return 2;
}

static const char *str_field(json_t *o, const char *name)
{
    const char *s = json_string_value(json_object_get(o, name));
    return s ? s : "";
}

static int load(const char *path_db, const char *path_jsonl)
{
    sqlite3 *db = NULL;
    FILE *in = fopen(path_jsonl, "r");
    if (!in) {
        perror(path_jsonl);
        return 2;
    }
    if (sqlite3_open(path_db, &db) != SQLITE_OK)
        return fclose(in), die(db, path_db);
    const char *setup =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles USING fts5("
        " title, body, outlet UNINDEXED, date UNINDEXED,"
        " tokenize='porter unicode61');"
        "INSERT INTO articles(articles, rank) VALUES('rank', 'bm25(5.0, 1.0)');"
        "BEGIN;";
    sqlite3_stmt *ins = NULL;
    if (sqlite3_exec(db, setup, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
            "INSERT INTO articles(title, body, outlet, date) VALUES(?,?,?,?)",
            -1, &ins, NULL) != SQLITE_OK)
        return fclose(in), die(db, "create table");

    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long n = 0, lineno = 0;
    while ((len = getline(&line, &cap, in)) > 0) {
        lineno++;
        json_error_t jerr;
        json_t *o = json_loadb(line, (size_t)len, 0, &jerr);
        if (!json_is_object(o)) {
            fprintf(stderr, "px-fts5bench: %s:%ld: %s\n", path_jsonl, lineno,
                    jerr.text);
            json_decref(o);
            continue;
        }
        sqlite3_bind_text(ins, 1, str_field(o, "title"), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, str_field(o, "text"), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, str_field(o, "outlet"), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, str_field(o, "date"), -1, SQLITE_STATIC);
        int rc = sqlite3_step(ins);
        sqlite3_reset(ins);
        json_decref(o);
        if (rc != SQLITE_DONE)
            return fclose(in), free(line), die(db, "insert");
        if (++n % BATCH == 0 &&
            sqlite3_exec(db, "COMMIT; BEGIN;", NULL, NULL, NULL) != SQLITE_OK)
            return fclose(in), free(line), die(db, "commit");
    }
    free(line);
    fclose(in);
    sqlite3_finalize(ins);
    if (sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);", NULL,
                     NULL, NULL) != SQLITE_OK)
        return die(db, "commit");
    sqlite3_close(db);
    fprintf(stderr, "px-fts5bench: %ld articles loaded\n", n);
    return 0;
}

static void bind_request(sqlite3_stmt *st, const bp_request *rq)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, rq->query, -1, SQLITE_STATIC);
    if (rq->outlet)
        sqlite3_bind_text(st, 2, rq->outlet, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 2);
    if (rq->from)
        sqlite3_bind_text(st, 3, rq->from, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 3);
    if (rq->to)
        sqlite3_bind_text(st, 4, rq->to, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
}

/* Steps through every row, reading each column so that none is skipped;
** with `count_col` >= 0 sums that column instead of counting rows.
** Returns -1 on error. */
static long drain(sqlite3_stmt *st, int count_col)
{
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int cols = sqlite3_column_count(st);
        for (int c = 0; c < cols; c++)
            (void)sqlite3_column_text(st, c);
        n += count_col >= 0 ? sqlite3_column_int64(st, count_col) : 1;
    }
    return rc == SQLITE_DONE ? n : -1;
}

static int serve(const char *path_db)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *search = NULL, *facets = NULL, *phrase = NULL, *count = NULL;
    double t0 = bp_now_us();
    if (sqlite3_open_v2(path_db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL_SEARCH, -1, &search, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL_FACETS, -1, &facets, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL_PHRASE, -1, &phrase, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL_COUNT, -1, &count, NULL) != SQLITE_OK)
        return die(db, path_db);
    printf("ready\t%.1f\n", bp_now_us() - t0);
    fflush(stdout);

    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        bp_request rq;
        if (bp_parse(line, &rq) != 0) {
            bp_error("bad request line");
            continue;
        }
        long hits, total = -1;
        double t = bp_now_us();
        if (rq.kind == BP_PHRASE) {
            bind_request(phrase, &rq);
            hits = total = drain(phrase, -1);
        } else if (rq.kind == BP_COUNT) {
            bind_request(count, &rq);
            hits = total = drain(count, 0);
        } else {
            bind_request(search, &rq);
            hits = drain(search, -1);
            if (rq.kind == BP_FACETS && hits >= 0) {
                bind_request(facets, &rq);
                total = drain(facets, 2);
                if (total < 0)
                    hits = -1;
            }
        }
        double us = bp_now_us() - t;
        if (hits < 0)
            bp_error(sqlite3_errmsg(db));
        else
            bp_answer(us, hits, total);
    }
    free(line);
    sqlite3_finalize(search);
    sqlite3_finalize(facets);
    sqlite3_finalize(phrase);
    sqlite3_finalize(count);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "load") == 0)
        return load(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "serve") == 0)
        return serve(argv[2]);
    fprintf(stderr, "usage: px-fts5bench load DB FILE.jsonl\n"
                    "       px-fts5bench serve DB\n");
    return 2;
}
