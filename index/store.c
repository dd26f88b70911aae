/*
** store.c — the SQLite article store (see store.h for the contract).
**
** One table row per article, a tombstone per deletion not yet applied to
** Xapian, the display name of each outlet key (its most frequent
** spelling, counted per spelling), and a meta table with the schema
** version and the change counter.  The schema grows
** only by appending steps to `migrations`: a store at version N is brought
** to the newest version by running steps N+1.. in one transaction.  A
** reader cannot migrate, but a store from version READABLE_FROM on is read
** as it is, through temporary views that supply what the later steps add
** (legacy_views), so that upgrading pressdex does not take a search page
** down until the next indexing run.  All
** statements used per article are prepared once at open.  Signatures and
** LSH buckets for syndication clusters are in store_cluster.c.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "store_internal.h"

/* Each step takes the schema from version i to i+1. */
static const char *const migrations[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE articles("
    "  docid INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  ext_id TEXT NOT NULL UNIQUE,"
    "  source TEXT NOT NULL,"
    "  url TEXT, outlet TEXT, outlet_key TEXT NOT NULL DEFAULT '',"
    "  date TEXT NOT NULL DEFAULT '',"
    "  date_source TEXT NOT NULL DEFAULT 'unknown',"
    "  title TEXT, author TEXT, body TEXT NOT NULL,"
    "  hash TEXT NOT NULL, indexed_at INTEGER NOT NULL,"
    "  seq INTEGER NOT NULL);"
    "CREATE INDEX articles_seq ON articles(seq);"
    "CREATE INDEX articles_source ON articles(source);"
    "CREATE TABLE tombstones(docid INTEGER PRIMARY KEY, seq INTEGER NOT NULL);"
    "CREATE TABLE outlets(key TEXT PRIMARY KEY, name TEXT NOT NULL);"
    "INSERT INTO meta VALUES('seq', '0');",

    /* 2: syndication clusters */
    "ALTER TABLE articles ADD COLUMN cluster INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE articles ADD COLUMN minhash BLOB;"
    "CREATE INDEX articles_cluster ON articles(cluster);"
    "CREATE TABLE lsh(bucket INTEGER NOT NULL, docid INTEGER NOT NULL,"
    "  PRIMARY KEY(bucket, docid)) WITHOUT ROWID;"
    "CREATE INDEX lsh_docid ON lsh(docid);",

    /* 3: an article's buckets are found again from its stored signature
    ** (lsh_forget), so the index by docid, a third of the store's size
    ** beside the text and as costly to keep up as the table, goes. */
    "DROP INDEX IF EXISTS lsh_docid;",

    /* 4: how much of the date is known (px_date_precision_name); every
    ** date stored before was a full day. */
    "ALTER TABLE articles ADD COLUMN date_precision TEXT NOT NULL "
    "DEFAULT 'day';",

    /* 5: an outlet is shown by its most frequent spelling, not by the
    ** first one seen ("CNN" over "cnn" or "Cnn"). */
    "CREATE TABLE outlet_spellings(key TEXT NOT NULL, name TEXT NOT NULL,"
    "  n INTEGER NOT NULL, PRIMARY KEY(key, name)) WITHOUT ROWID;"
    "INSERT INTO outlet_spellings SELECT outlet_key, outlet, count(*) "
    "  FROM articles WHERE outlet_key != '' AND outlet IS NOT NULL "
    "  GROUP BY outlet_key, outlet;"
    "UPDATE outlets SET name = (SELECT name FROM outlet_spellings sp"
    "  WHERE sp.key = outlets.key ORDER BY n DESC, name LIMIT 1)"
    "  WHERE key IN (SELECT key FROM outlet_spellings);",
};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof *migrations))

/* The oldest schema a read-only handle can read without migrating: every
** step after it only adds a column that legacy_views supplies. */
#define READABLE_FROM 3

/* The LSH statements take all PX_LSH_BANDS buckets of an article at once
** (?1..?32, the docid as ?33): one statement instead of 32 is two to three
** times faster.  A lookup keeps the first 64 candidates of each bucket, in
** band and then docid order. */
_Static_assert(PX_LSH_BANDS == 32, "the LSH statements list 32 buckets");
#define LSH_FIND1(n) "SELECT docid FROM (SELECT docid FROM lsh WHERE " \
                     "bucket = ?" #n " AND docid != ?33 LIMIT 64)"
#define LSH_FIND4(a, b, c, d) LSH_FIND1(a) " UNION ALL " LSH_FIND1(b) \
    " UNION ALL " LSH_FIND1(c) " UNION ALL " LSH_FIND1(d)
#define LSH_ROW4(a, b, c, d) \
    "(?" #a ",?33),(?" #b ",?33),(?" #c ",?33),(?" #d ",?33)"

/* The statements that write; a legacy read-only store leaves them
** unprepared, since they name columns its file does not have. */
static const unsigned char stmt_writes[N_STMTS] = {
    [S_INSERT] = 1, [S_UPDATE] = 1, [S_DELETE] = 1, [S_TOMB] = 1,
    [S_SEQ_SET] = 1, [S_OUTLET_ADD] = 1, [S_OUTLET_SPELLING] = 1,
    [S_OUTLET_BEST] = 1, [S_META_SET] = 1, [S_LSH_DEL] = 1,
    [S_LSH_ADD] = 1, [S_CLUSTER_SET] = 1,
};

static const char *const stmt_sql[N_STMTS] = {
    [S_FIND] = "SELECT docid, hash FROM articles WHERE ext_id = ?1",
    [S_INSERT] = "INSERT INTO articles(ext_id, source, url, outlet, "
                 "outlet_key, date, date_source, title, author, body, hash, "
                 "indexed_at, seq, date_precision) VALUES(?1,?2,?3,?4,?5,?6,"
                 "?7,?8,?9,?10,?11,?12,?13,?15)",
    [S_UPDATE] = "UPDATE articles SET ext_id=?1, source=?2, url=?3, "
                 "outlet=?4, outlet_key=?5, date=?6, date_source=?7, "
                 "title=?8, author=?9, body=?10, hash=?11, indexed_at=?12, "
                 "seq=?13, date_precision=?15 WHERE docid=?14",
    [S_DELETE] = "DELETE FROM articles WHERE docid = ?1",
    [S_TOMB] = "INSERT OR REPLACE INTO tombstones(docid, seq) VALUES(?1,?2)",
    [S_GET] = "SELECT " ARTICLE_COLUMNS ", body, cluster FROM articles "
              "WHERE docid = ?1",
    [S_GET_NOBODY] = "SELECT " ARTICLE_COLUMNS ", NULL, cluster FROM "
                     "articles WHERE docid = ?1",
    [S_SEQ_GET] = "SELECT CAST(value AS INTEGER) FROM meta WHERE key='seq'",
    [S_SEQ_SET] = "UPDATE meta SET value = ?1 WHERE key = 'seq'",
    [S_OUTLET_ADD] = "INSERT OR IGNORE INTO outlets(key, name) VALUES(?1,?2)",
    [S_OUTLET_SPELLING] = "INSERT INTO outlet_spellings(key, name, n) "
                          "VALUES(?1,?2,1) ON CONFLICT(key, name) DO UPDATE "
                          "SET n = n + 1",
    [S_OUTLET_BEST] = "UPDATE outlets SET name = (SELECT name FROM "
                      "outlet_spellings WHERE key = ?1 ORDER BY n DESC, name "
                      "LIMIT 1) WHERE key = ?1",
    [S_OUTLET_NAME] = "SELECT name FROM outlets WHERE key = ?1",
    [S_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [S_META_SET] = "INSERT OR REPLACE INTO meta(key, value) VALUES(?1,?2)",
    [S_LSH_DEL] = "DELETE FROM lsh WHERE docid = ?33 AND bucket IN (?1,?2,?3,"
                  "?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                  "?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32)",
    [S_LSH_ADD] = "INSERT OR IGNORE INTO lsh(bucket, docid) VALUES "
                  LSH_ROW4(1, 2, 3, 4) "," LSH_ROW4(5, 6, 7, 8) ","
                  LSH_ROW4(9, 10, 11, 12) "," LSH_ROW4(13, 14, 15, 16) ","
                  LSH_ROW4(17, 18, 19, 20) "," LSH_ROW4(21, 22, 23, 24) ","
                  LSH_ROW4(25, 26, 27, 28) "," LSH_ROW4(29, 30, 31, 32),
    [S_LSH_FIND] = LSH_FIND4(1, 2, 3, 4) " UNION ALL " LSH_FIND4(5, 6, 7, 8)
        " UNION ALL " LSH_FIND4(9, 10, 11, 12) " UNION ALL "
        LSH_FIND4(13, 14, 15, 16) " UNION ALL " LSH_FIND4(17, 18, 19, 20)
        " UNION ALL " LSH_FIND4(21, 22, 23, 24) " UNION ALL "
        LSH_FIND4(25, 26, 27, 28) " UNION ALL " LSH_FIND4(29, 30, 31, 32),
    [S_SIG_GET] = "SELECT minhash, cluster FROM articles WHERE docid = ?1",
    [S_CLUSTER_SET] = "UPDATE articles SET cluster = ?1, minhash = ?2 "
                      "WHERE docid = ?3",
    [S_CLUSTER_SIZE] = "SELECT count(*), count(DISTINCT outlet_key) FROM "
                       "articles WHERE cluster = ?1",
};

px_status px_store_sql_error(px_store *s, px_err *err, const char *what)
{
    int code = sqlite3_extended_errcode(s->db) & 0xFF;
    px_status st = PX_EBACKEND;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        st = PX_ELOCKED;
    else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        st = PX_ECORRUPT;
    else if (code == SQLITE_CANTOPEN)
        st = PX_ENOTFOUND;
    else if (code == SQLITE_NOMEM)
        st = PX_ENOMEM;
    if (code == SQLITE_FULL || sqlite3_system_errno(s->db) == ENOSPC)
        return px_err_set(err, PX_EIO, "no space left on device writing %s "
            "(%s); free some space and run pressdex-index again", s->path,
            what);
    return px_err_set(err, st, "%s: %s: %s", s->path, what,
                      sqlite3_errmsg(s->db));
}

static px_status exec(px_store *s, const char *sql, px_err *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, sql);
    return PX_OK;
}

/* A reset statement, ready to bind.  NULL only for a write on a legacy
** reader, which no read-only caller makes; SQLite then refuses each call
** on it with SQLITE_MISUSE rather than crashing. */
sqlite3_stmt *px_store_stmt(px_store *s, int which)
{
    sqlite3_stmt *st = s->stmt[which];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */
/* ------------------------------------------------------------------ */

/* For a reader of a store at `version` (READABLE_FROM <= version <
** N_MIGRATIONS): a temporary view named articles, which SQLite resolves
** before the table of the same name in the file, with the columns the
** missing steps add at the values they give old rows.  TEMP objects live
** in the connection, so the file is not touched. */
static px_status legacy_views(px_store *s, int version, px_err *err)
{
    _Static_assert(N_MIGRATIONS == 5, "a new migration: say what a reader "
                   "of an older store sees in its place, or raise "
                   "READABLE_FROM");
    s->legacy = 1;
    /* Step 5 adds a table only writers use. */
    if (version >= 4)
        return PX_OK;
    return exec(s, "CREATE TEMP VIEW articles AS SELECT *, 'day' AS "
                   "date_precision FROM main.articles", err);
}

static px_status migrate(px_store *s, px_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, "reading the schema version");
    int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (version < 0)
        return px_store_sql_error(s, err, "reading the schema version");
    if (version > N_MIGRATIONS)
        return px_err_set(err, PX_EVERSION,
            "%s: store schema version %d is newer than this pressdex "
            "understands (%d); use a newer pressdex", s->path, version,
            N_MIGRATIONS);
    if (version == N_MIGRATIONS)
        return PX_OK;
    if (!s->writable && version >= READABLE_FROM)
        return legacy_views(s, version, err);
    if (!s->writable)
        return px_err_set(err, PX_ECORRUPT,
            "%s: store schema version %d needs upgrading; run "
            "pressdex-index on it first", s->path, version);
    px_status rc = exec(s, "BEGIN IMMEDIATE", err);
    for (int v = version; rc == PX_OK && v < N_MIGRATIONS; v++)
        rc = exec(s, migrations[v], err);
    if (rc == PX_OK) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", N_MIGRATIONS);
        rc = exec(s, sql, err);
    }
    if (rc == PX_OK)
        return exec(s, "COMMIT", err);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static px_status configure(px_store *s, px_err *err)
{
    sqlite3_busy_timeout(s->db, 10000);
    /* Reading the schema also checks that the file is an SQLite database. */
    px_status rc = exec(s, "SELECT count(*) FROM sqlite_master", err);
    if (rc == PX_OK && s->writable) {
        rc = exec(s, "PRAGMA journal_mode=WAL", err);
        if (rc == PX_OK)
            rc = exec(s, "PRAGMA synchronous=NORMAL", err);
        /* The -wal and -shm files stay after the writer closes (the WAL
        ** emptied), so that a reader without write access to the folder
        ** (the web server's user) can still open the store: SQLite reads
        ** a WAL database read-only only when those files exist.  The
        ** limit trims the WAL after each checkpoint. */
        int persist = 1;
        sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL,
                             &persist);
        if (rc == PX_OK)
            rc = exec(s, "PRAGMA journal_size_limit=67108864", err);
    }
    if (rc == PX_OK)
        rc = migrate(s, err);
    for (int i = 0; rc == PX_OK && i < N_STMTS; i++)
        if (!(s->legacy && stmt_writes[i]) &&
            sqlite3_prepare_v3(s->db, stmt_sql[i], -1,
                               SQLITE_PREPARE_PERSISTENT, &s->stmt[i],
                               NULL) != SQLITE_OK)
            rc = px_store_sql_error(s, err, "preparing statements");
    return rc;
}

/* "file:" URI for path with `query` appended; malloc'd. */
static char *store_uri(const char *path, const char *query)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *u = malloc(5 + 3 * n + strlen(query) + 1), *p = u;
    if (!u)
        return NULL;
    p += sprintf(p, "file:");
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
            (*c >= '0' && *c <= '9') || strchr("/._-~", *c)) {
            *p++ = (char)*c;
        } else {
            *p++ = '%';
            *p++ = hex[*c >> 4];
            *p++ = hex[*c & 15];
        }
    }
    strcpy(p, query);
    return u;
}

/* Non-zero when path-wal holds no change (absent or empty), so the
** database file alone is the whole store. */
static int store_wal_empty(const char *path)
{
    char wal[4096];
    struct stat sb;
    if (snprintf(wal, sizeof wal, "%s-wal", path) >= (int)sizeof wal)
        return 0;
    return stat(wal, &sb) != 0 ? errno == ENOENT : sb.st_size == 0;
}

static px_status store_connect(px_store *s, const char *name, int flags,
                               px_err *err)
{
    if (sqlite3_open_v2(name, &s->db, flags, NULL) != SQLITE_OK)
        return s->db ? px_store_sql_error(s, err, "opening")
                     : px_err_set(err, PX_ENOMEM, "out of memory");
    return configure(s, err);
}

/* Opens read-only without writing anything, so that another user's index,
** a read-only mount or a snapshot can be searched.  A WAL database is
** read through its -shm file, which SQLite creates when missing; where it
** cannot (the folder is not ours or not writable) and the WAL is empty,
** the file is complete on its own and is opened immutable: no locks, no
** -shm.  No writer can be running then either, since a writer keeps -wal
** and -shm in place (configure); if one starts later, its -wal changes the
** files a long-lived reader watches, and it reopens.  A non-empty WAL
** without a -shm cannot be read by anyone but a writer. */
static px_status store_open_reader(px_store *s, px_err *err)
{
    px_status rc = store_connect(s, s->path, SQLITE_OPEN_READONLY, err);
    int code = s->db ? sqlite3_extended_errcode(s->db) & 0xFF : SQLITE_OK;
    if (rc == PX_OK || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN))
        return rc;
    if (!store_wal_empty(s->path))
        return px_err_set(err, PX_EIO,
            "%s: its -wal file holds changes, and its -shm file, without "
            "which a reader that cannot write the folder cannot read them, "
            "is missing; run 'pressdex-index compact' on the index once as "
            "its owner", s->path);
    for (int i = 0; i < N_STMTS; i++) {
        sqlite3_finalize(s->stmt[i]);
        s->stmt[i] = NULL;
    }
    sqlite3_close(s->db);
    s->db = NULL;
    s->legacy = 0;
    char *uri = store_uri(s->path, "?immutable=1");
    if (!uri)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    rc = store_connect(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
    free(uri);
    return rc;
}

px_status px_store_open(const char *path, int writable, px_store **out,
                        px_err *err)
{
    px_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    s->writable = writable;
    px_status rc = writable
        ? store_connect(s, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        err)
        : store_open_reader(s, err);
    if (rc != PX_OK) {
        px_store_close(s);
        return rc;
    }
    *out = s;
    return PX_OK;
}

void px_store_close(px_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < N_STMTS; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

px_status px_store_begin(px_store *s, px_err *err)
{
    return exec(s, "BEGIN IMMEDIATE", err);
}

px_status px_store_commit(px_store *s, px_err *err)
{
    return exec(s, "COMMIT", err);
}

px_status px_store_rollback(px_store *s, px_err *err)
{
    return exec(s, "ROLLBACK", err);
}

/* ------------------------------------------------------------------ */
/* Meta and sequence                                                    */
/* ------------------------------------------------------------------ */

/* One text column of the row `which` finds by `key`; *out NULL when
** there is no such row.  Resets the statement so that a reader's snapshot
** is not held open. */
static px_status lookup_text(px_store *s, int which, const char *key,
                             char **out, const char *what, px_err *err)
{
    sqlite3_stmt *st = px_store_stmt(s, which);
    bind_text(st, 1, key);
    *out = NULL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
        if (!*out)
            return px_err_set(err, PX_ENOMEM, "out of memory");
    } else if (rc != SQLITE_DONE) {
        return px_store_sql_error(s, err, what);
    }
    return PX_OK;
}

px_status px_store_meta_get(px_store *s, const char *key, char **out,
                            px_err *err)
{
    return lookup_text(s, S_META_GET, key, out, "reading metadata", err);
}

px_status px_store_meta_set(px_store *s, const char *key, const char *value,
                            px_err *err)
{
    sqlite3_stmt *st = px_store_stmt(s, S_META_SET);
    bind_text(st, 1, key);
    bind_text(st, 2, value);
    return sqlite3_step(st) == SQLITE_DONE ? PX_OK
                                           : px_store_sql_error(s, err, "writing metadata");
}

px_status px_store_max_seq(px_store *s, int64_t *out, px_err *err)
{
    sqlite3_stmt *st = px_store_stmt(s, S_SEQ_GET);
    if (sqlite3_step(st) != SQLITE_ROW)
        return px_store_sql_error(s, err, "reading the change counter");
    *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return PX_OK;
}

static px_status next_seq(px_store *s, int64_t *out, px_err *err)
{
    px_status rc = px_store_max_seq(s, out, err);
    if (rc != PX_OK)
        return rc;
    ++*out;
    sqlite3_stmt *st = px_store_stmt(s, S_SEQ_SET);
    sqlite3_bind_int64(st, 1, *out);
    return sqlite3_step(st) == SQLITE_DONE
               ? PX_OK : px_store_sql_error(s, err, "updating the change counter");
}

/* ------------------------------------------------------------------ */
/* Articles                                                             */
/* ------------------------------------------------------------------ */

px_status px_store_find(px_store *s, const char *ext_id, int64_t *docid,
                        char hash[17], px_err *err)
{
    sqlite3_stmt *st = px_store_stmt(s, S_FIND);
    bind_text(st, 1, ext_id);
    *docid = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *docid = sqlite3_column_int64(st, 0);
        if (hash)
            snprintf(hash, 17, "%s", (const char *)sqlite3_column_text(st, 1));
        sqlite3_reset(st);   /* an open statement pins the read snapshot */
        return PX_OK;
    }
    return rc == SQLITE_DONE ? PX_OK : px_store_sql_error(s, err, "finding an article");
}

px_status px_store_put(px_store *s, px_article *a, px_err *err)
{
    int64_t seq;
    px_status rc = next_seq(s, &seq, err);
    char *key = px_outlet_key(a->outlet);
    if (!key)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    /* The outlet, its spelling counted, shown by the most frequent. */
    static const int outlet_stmts[] = {S_OUTLET_ADD, S_OUTLET_SPELLING,
                                       S_OUTLET_BEST};
    for (size_t k = 0; rc == PX_OK && *key && a->outlet && k < 3; k++) {
        sqlite3_stmt *st = px_store_stmt(s, outlet_stmts[k]);
        bind_text(st, 1, key);
        if (outlet_stmts[k] != S_OUTLET_BEST)
            bind_text(st, 2, a->outlet);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = px_store_sql_error(s, err, "recording an outlet");
    }
    a->indexed_at = (int64_t)time(NULL);
    sqlite3_stmt *st = px_store_stmt(s, a->docid ? S_UPDATE : S_INSERT);
    bind_text(st, 1, a->ext_id);
    bind_text(st, 2, a->source);
    bind_text(st, 3, a->url);
    bind_text(st, 4, a->outlet);
    bind_text(st, 5, key);
    bind_text(st, 6, a->date);
    bind_text(st, 7, px_date_source_name(a->date_source));
    bind_text(st, 8, a->title);
    bind_text(st, 9, a->author);
    bind_text(st, 10, a->body);
    bind_text(st, 11, a->hash);
    sqlite3_bind_int64(st, 12, a->indexed_at);
    sqlite3_bind_int64(st, 13, seq);
    if (a->docid)
        sqlite3_bind_int64(st, 14, a->docid);
    bind_text(st, 15, px_date_precision_name(a->date_precision));
    if (rc == PX_OK && sqlite3_step(st) != SQLITE_DONE)
        rc = px_store_sql_error(s, err, "storing an article");
    if (rc == PX_OK && !a->docid)
        a->docid = sqlite3_last_insert_rowid(s->db);
    sqlite3_reset(st);   /* release the bound article strings */
    free(key);
    return rc;
}

px_status px_store_delete(px_store *s, int64_t docid, px_err *err)
{
    px_status rc = px_store_lsh_forget(s, docid, err);
    if (rc != PX_OK)
        return rc;
    sqlite3_stmt *st = px_store_stmt(s, S_DELETE);
    sqlite3_bind_int64(st, 1, docid);
    if (sqlite3_step(st) != SQLITE_DONE)
        return px_store_sql_error(s, err, "deleting an article");
    if (sqlite3_changes(s->db) == 0)
        return px_err_set(err, PX_ENOTFOUND, "%s: no article %lld", s->path,
                          (long long)docid);
    int64_t seq;
    rc = next_seq(s, &seq, err);
    if (rc != PX_OK)
        return rc;
    st = px_store_stmt(s, S_TOMB);
    sqlite3_bind_int64(st, 1, docid);
    sqlite3_bind_int64(st, 2, seq);
    return sqlite3_step(st) == SQLITE_DONE ? PX_OK
                                           : px_store_sql_error(s, err, "writing a tombstone");
}

static px_status dup_col(sqlite3_stmt *st, int col, char **out)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    if (!v)
        return PX_OK;
    return px_article_set(out, (const char *)v,
                          (size_t)sqlite3_column_bytes(st, col));
}

/* Builds an article from a row laid out as ARTICLE_COLUMNS[, body]. */
px_status px_store_row_article(sqlite3_stmt *st, int with_body, px_article **out)
{
    px_article *a = px_article_new();
    if (!a)
        return PX_ENOMEM;
    a->docid = sqlite3_column_int64(st, 0);
    px_status rc = dup_col(st, 1, &a->ext_id);
    if (rc == PX_OK) rc = dup_col(st, 2, &a->source);
    if (rc == PX_OK) rc = dup_col(st, 3, &a->url);
    if (rc == PX_OK) rc = dup_col(st, 4, &a->outlet);
    const unsigned char *date = sqlite3_column_text(st, 5);
    snprintf(a->date, sizeof a->date, "%s", date ? (const char *)date : "");
    a->date_source = px_date_source_from_name(
        (const char *)sqlite3_column_text(st, 6));
    if (rc == PX_OK) rc = dup_col(st, 7, &a->title);
    if (rc == PX_OK) rc = dup_col(st, 8, &a->author);
    const unsigned char *hash = sqlite3_column_text(st, 9);
    snprintf(a->hash, sizeof a->hash, "%s", hash ? (const char *)hash : "");
    a->indexed_at = sqlite3_column_int64(st, 10);
    a->date_precision = px_date_precision_from_name(
        (const char *)sqlite3_column_text(st, 11));
    if (rc == PX_OK && with_body) rc = dup_col(st, 12, &a->body);
    /* Stores from before clusters existed hold 0: each its own cluster. */
    a->cluster = sqlite3_column_int64(st, 13);
    if (a->cluster == 0)
        a->cluster = a->docid;
    if (rc != PX_OK) {
        px_article_free(a);
        return rc;
    }
    *out = a;
    return PX_OK;
}

px_status px_store_get(px_store *s, int64_t docid, int with_body,
                       px_article **out, px_err *err)
{
    sqlite3_stmt *st = px_store_stmt(s, with_body ? S_GET : S_GET_NOBODY);
    sqlite3_bind_int64(st, 1, docid);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return px_err_set(err, PX_ENOTFOUND, "%s: no article %lld", s->path,
                          (long long)docid);
    if (rc != SQLITE_ROW)
        return px_store_sql_error(s, err, "reading an article");
    px_status r = px_store_row_article(st, with_body, out);
    sqlite3_reset(st);
    return r == PX_OK ? PX_OK : px_err_set(err, r, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Walks                                                                */
/* ------------------------------------------------------------------ */

px_status px_store_changes(px_store *s, int64_t since, px_store_change_fn cb,
                           void *ctx, int *stopped, px_err *err)
{
    sqlite3_stmt *st;
    const char *sql =
        "SELECT " ARTICLE_COLUMNS ", body, cluster, seq, 0 FROM articles "
        "WHERE seq > ?1 "
        "UNION ALL SELECT docid, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
        "NULL, NULL, 0, NULL, NULL, 0, seq, 1 FROM tombstones WHERE seq > ?1 "
        "ORDER BY 15";
    if (stopped)
        *stopped = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, "reading changes");
    sqlite3_bind_int64(st, 1, since);
    px_status rc = PX_OK;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t seq = sqlite3_column_int64(st, 14);
        int stop;
        if (sqlite3_column_int(st, 15)) {
            stop = cb(ctx, NULL, sqlite3_column_int64(st, 0), seq);
        } else {
            px_article *a = NULL;
            if ((rc = px_store_row_article(st, 1, &a)) != PX_OK)
                break;
            stop = cb(ctx, a, 0, seq);
            px_article_free(a);
        }
        if (stop) {
            if (stopped)
                *stopped = 1;
            break;
        }
    }
    if (rc == PX_OK && r != SQLITE_ROW && r != SQLITE_DONE)
        rc = px_store_sql_error(s, err, "reading changes");
    else if (rc != PX_OK)
        rc = px_err_set(err, rc, "out of memory");
    sqlite3_finalize(st);
    return rc;
}

/* Runs a query returning one integer, with one optional int64 parameter. */
static px_status scalar(px_store *s, const char *sql, int64_t param,
                        int64_t *out, px_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, sql);
    if (sqlite3_bind_parameter_count(st) > 0)
        sqlite3_bind_int64(st, 1, param);
    px_status rc = PX_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        rc = px_store_sql_error(s, err, sql);
    sqlite3_finalize(st);
    return rc;
}

px_status px_store_count_changes(px_store *s, int64_t since, int64_t *out,
                                 px_err *err)
{
    return scalar(s, "SELECT (SELECT count(*) FROM articles WHERE seq > ?1) + "
                     "(SELECT count(*) FROM tombstones WHERE seq > ?1)",
                  since, out, err);
}

px_status px_store_forget_tombstones(px_store *s, int64_t upto, px_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM tombstones WHERE seq <= ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, "dropping tombstones");
    sqlite3_bind_int64(st, 1, upto);
    px_status rc = sqlite3_step(st) == SQLITE_DONE
                       ? PX_OK : px_store_sql_error(s, err, "dropping tombstones");
    sqlite3_finalize(st);
    return rc;
}

px_status px_store_count(px_store *s, size_t *out, px_err *err)
{
    int64_t n = 0;
    px_status rc = scalar(s, "SELECT count(*) FROM articles", 0, &n, err);
    *out = (size_t)n;
    return rc;
}

px_status px_store_foreach(px_store *s, int with_body,
                           px_store_article_fn cb, void *ctx, px_err *err)
{
    sqlite3_stmt *st;
    const char *sql = with_body
        ? "SELECT " ARTICLE_COLUMNS ", body, cluster FROM articles "
          "ORDER BY docid"
        : "SELECT " ARTICLE_COLUMNS ", NULL, cluster FROM articles "
          "ORDER BY docid";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, "reading articles");
    px_status rc = PX_OK;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        px_article *a = NULL;
        if ((rc = px_store_row_article(st, with_body, &a)) != PX_OK)
            break;
        int stop = cb(ctx, a);
        px_article_free(a);
        if (stop)
            break;
    }
    if (rc == PX_OK && r != SQLITE_ROW && r != SQLITE_DONE)
        rc = px_store_sql_error(s, err, "reading articles");
    else if (rc != PX_OK)
        rc = px_err_set(err, rc, "out of memory");
    sqlite3_finalize(st);
    return rc;
}

px_status px_store_outlet_name(px_store *s, const char *key, char **out,
                               px_err *err)
{
    return lookup_text(s, S_OUTLET_NAME, key, out, "reading an outlet", err);
}

/* ------------------------------------------------------------------ */
/* Statistics                                                           */
/* ------------------------------------------------------------------ */

static px_status stats_outlets(px_store *s, px_stats *out, px_err *err)
{
    sqlite3_stmt *st;
    const char *sql =
        "SELECT a.outlet_key, o.name, count(*) AS n FROM articles a "
        "LEFT JOIN outlets o ON o.key = a.outlet_key GROUP BY a.outlet_key "
        "ORDER BY a.outlet_key = '', n DESC, o.name";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, "counting outlets");
    px_status rc = PX_OK;
    size_t cap = 0;
    while (rc == PX_OK && sqlite3_step(st) == SQLITE_ROW) {
        if (out->n_outlets == cap) {
            cap = cap ? cap * 2 : 16;
            px_outlet_count *m = realloc(out->outlets, cap * sizeof *m);
            if (!m) {
                rc = px_err_set(err, PX_ENOMEM, "out of memory");
                break;
            }
            out->outlets = m;
        }
        px_outlet_count *o = &out->outlets[out->n_outlets++];
        memset(o, 0, sizeof *o);
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        o->key = strdup(key ? key : "");
        o->name = key && *key && name ? strdup(name) : NULL;
        o->count = (size_t)sqlite3_column_int64(st, 2);
        if (!o->key)
            rc = px_err_set(err, PX_ENOMEM, "out of memory");
    }
    sqlite3_finalize(st);
    return rc;
}

px_status px_store_stats(px_store *s, px_stats *out, px_err *err)
{
    sqlite3_stmt *st;
    const char *sql =
        "SELECT count(*), count(DISTINCT source), "
        "sum(date = ''), min(NULLIF(date, '')), max(NULLIF(date, '')), "
        "coalesce(sum(length(CAST(body AS BLOB)) + "
        "coalesce(length(CAST(title AS BLOB)), 0)), 0) FROM articles";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return px_store_sql_error(s, err, "computing statistics");
    if (sqlite3_step(st) == SQLITE_ROW) {
        out->articles = (size_t)sqlite3_column_int64(st, 0);
        out->sources = (size_t)sqlite3_column_int64(st, 1);
        out->undated = (size_t)sqlite3_column_int64(st, 2);
        const unsigned char *first = sqlite3_column_text(st, 3);
        const unsigned char *last = sqlite3_column_text(st, 4);
        snprintf(out->first_date, sizeof out->first_date, "%s",
                 first ? (const char *)first : "");
        snprintf(out->last_date, sizeof out->last_date, "%s",
                 last ? (const char *)last : "");
        out->text_bytes = (uint64_t)sqlite3_column_int64(st, 5);
    }
    sqlite3_finalize(st);
    return stats_outlets(s, out, err);
}
