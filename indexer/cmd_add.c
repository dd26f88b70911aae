/*
** cmd_add.c — `pressdex-index add`: read files and folders, index every
** article found.
**
** The run lists its files first (walk.c), then reads them one at a time
** and lets the reader of the file's format (the format table of the
** extract library) hand each article to px_index_add(), which batches and
** commits.  Anything wrong
** with one file or one line is a problem: it is printed with the path (and
** line) at once, the run goes on, and the exit status is 3 at the end.
** Only an index that cannot be opened or written stops the run.
**
** SIGINT/SIGTERM set a flag (main.c) that is checked after every article:
** the run stops there, px_index_close() commits, and the message says that
** running the same command again finishes the work, since unchanged
** articles are recognised by their content hash and skipped.
**
** Memory stays bounded whatever the input: formats that can be read a
** chunk at a time (JSON Lines, whose files can be archives of any size)
** are, compressed ones as they are decompressed, and the index commits
** a batch when it reaches the text --memory allows.  A run that changed a
** good part of the index ends by compacting the Xapian side.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "extract.h"
#include "progress.h"
#include "walk.h"

/* --help is this head, a paragraph per row of the format table, and
** add_help_tail. */
static const char add_help_head[] =
"Usage: pressdex-index [--db DIR] add [OPTIONS] PATH...\n"
"\n"
"Reads articles from files and folders and adds them to the index,\n"
"creating it when needed.  Folders are read recursively; hidden entries\n"
"and files of other formats in them are skipped.  An unchanged article is\n"
"left alone; a changed one replaces what was indexed before.\n"
"\n"
"Formats:\n";

static const char add_help_tail[] =
"\n"
"Options:\n"
"  --outlet NAME      the outlet of every article read, whatever the\n"
"                     files say\n"
"  --date YYYY-MM-DD  the date of every article read\n"
"  --language LANG    stemming language of a new index (default english;\n"
"                     'pressdex-index languages' lists them); an existing\n"
"                     index keeps its own\n"
"  --shards N         split a new index's Xapian side into N shards (1 to\n"
"                     64, default 1), written by one thread each and\n"
"                     searchable together or one per machine through\n"
"                     xapian-tcpsrv (see the README); an existing index\n"
"                     must have N already ('reindex --shards N' changes it)\n"
"  --memory MB        about how much memory indexing may take, from 64\n"
"                     (default 256)\n"
"  --no-clean         index JSON Lines text as it is: no page chrome\n"
"                     dropped, no metadata read out of it (for exports\n"
"                     that are clean already)\n"
"  -h, --help         this text\n"
"\n"
"A run that adds or changes at least a quarter of the index (and 1000\n"
"articles or more) then compacts it ('pressdex-index compact').\n"
"\n"
"A file or line that cannot be read is reported on stderr as\n"
"PATH[:LINE]: message and the rest is indexed.  Invalid UTF-8 is repaired\n"
"(each bad sequence becomes U+FFFD) with a warning.  A stated date that\n"
"cannot be right (more than a day ahead, before 1800, or a two-digit year\n"
"as in 7/23/17) is a warning, and the article is indexed undated.\n"
"Ctrl-C stops after the current article and keeps everything indexed so\n"
"far; running the same command again finishes the work.\n"
"\n"
"Exit status: 0 success, 2 usage or environment error, 3 some file or\n"
"line could not be read, or the run was interrupted.\n";

/* Column where a format's paragraph starts in --help, and the width. */
#define PI_ADD_HELP_INDENT 19
#define PI_ADD_HELP_WIDTH 76

/* One row of the format list: `names` in the first column, `text`
** wrapped beside it. */
static void add_help_row(FILE *out, const char *names, const char *text)
{
    int col = fprintf(out, "  %-*s", PI_ADD_HELP_INDENT - 3, names);
    if (col >= PI_ADD_HELP_INDENT) {
        fputc('\n', out);
        col = 0;
    }
    for (const char *w = text; *w;) {
        size_t n = strcspn(w, " ");
        if (col >= PI_ADD_HELP_INDENT &&
            col + 1 + (int)n > PI_ADD_HELP_WIDTH) {
            fputc('\n', out);
            col = 0;
        }
        col += col < PI_ADD_HELP_INDENT
                   ? fprintf(out, "%*s", PI_ADD_HELP_INDENT - col, "")
                   : fprintf(out, " ");
        col += fprintf(out, "%.*s", (int)n, w);
        w += n;
        w += strspn(w, " ");
    }
    fputc('\n', out);
}

/* Prints --help: the format paragraphs come from the format table, and the
** compressed forms from its compression table, so that a new format shows
** up here by being in it. */
static void add_print_help(FILE *out)
{
    char names[64], kinds[64], text[512];
    const pxe_format *f;
    const pxe_compression *c;
    fputs(add_help_head, out);
    for (size_t i = 0; (f = pxe_format_at(i)); i++) {
        size_t used = 0;
        names[0] = '\0';
        for (const char *const *e = f->extensions; *e; e++)
            used += (size_t)snprintf(names + used, sizeof names - used,
                                     "%s%s", used ? ", " : "", *e);
        add_help_row(out, names, f->help);
    }
    size_t nu = 0, ku = 0;
    names[0] = kinds[0] = '\0';
    for (size_t i = 0; (c = pxe_compression_at(i)); i++) {
        nu += (size_t)snprintf(names + nu, sizeof names - nu, "%s%s",
                               nu ? ", " : "", c->suffix);
        ku += (size_t)snprintf(kinds + ku, sizeof kinds - ku, "%s%s",
                               ku ? " or " : "", c->name);
    }
    snprintf(text, sizeof text, "any of the above compressed with %s, "
             "named with the suffix after the format's (feed.jsonl.gz, "
             "page.html.zst, crawl.warc.gz).  Read as a stream: a JSON "
             "Lines export is decompressed as it is indexed, and damage is "
             "reported at the line where it starts, the lines before it "
             "indexed", kinds);
    add_help_row(out, names, text);
    fputs(add_help_tail, out);
}

/* Bytes of a file read at a time, for formats that can be read so. */
#define PI_ADD_CHUNK (4u << 20)
/* --memory: the default, what a run takes whatever its batches (MiB), and
** the bytes of memory per byte of article text in a batch.  Measured on
** AllSides articles: peak RSS 79, 130, 231, 430 and 789 MiB for batches
** of 1, 2, 4, 8 and 16 MB of text (Xapian's buffers for the batch being
** written, plus the documents of the batch being built); short articles
** cost more per byte, but then the 1000-article limit comes first.
** Smaller batches are no slower: 2 MB batches indexed Reuters+AllSides
** as fast as 6 MB ones, in 40 % of the memory. */
#define PI_ADD_MEMORY_MB 256
#define PI_ADD_MEMORY_BASE_MB 40
#define PI_ADD_MEMORY_PER_TEXT 64
/* Compaction after a run that changed at least 1/PI_ADD_COMPACT_SHARE of
** the index and PI_ADD_COMPACT_MIN articles. */
#define PI_ADD_COMPACT_SHARE 4
#define PI_ADD_COMPACT_MIN 1000

typedef struct {
    pi_cli *cli;
    px_index *ix;
    pi_progress progress;
    pi_walk walk;
    size_t file;              /* index in walk.files of the file being read */
    uint64_t bytes_done;      /* size of the files finished */
    uint64_t offset;          /* how far into the current file */
    size_t files_read;
    size_t articles;
    size_t counts[3];         /* by px_add_result, whole run */
    size_t file_counts[3];    /* by px_add_result, current file */
    size_t problems, warnings;
    int cut_short;            /* a signal stopped a reader mid-file */
    px_status fatal;          /* an index error that ends the run */
    px_err err;
} add_run;

/* Prints "pressdex-index: PATH[:LINE]: [label]message" below the progress
** line. */
static void add_print(add_run *r, const char *path, long line,
                      const char *label, const char *msg)
{
    pi_progress_clear(&r->progress);
    if (line > 0)
        fprintf(stderr, "pressdex-index: %s:%ld: %s%s\n", path, line, label,
                msg);
    else
        fprintf(stderr, "pressdex-index: %s: %s%s\n", path, label, msg);
}

static void add_problem(void *ctx, const char *path, long line,
                        const char *msg)
{
    add_run *r = ctx;
    r->problems++;
    add_print(r, path, line, "", msg);
}

static void add_warning(void *ctx, const char *path, long line,
                        const char *msg)
{
    add_run *r = ctx;
    r->warnings++;
    if (r->cli->verbosity > PI_QUIET)
        add_print(r, path, line, "warning: ", msg);
}

static void add_note(void *ctx, const char *path, long line,
                     const char *msg)
{
    add_run *r = ctx;
    if (r->cli->verbosity >= PI_VERBOSE)
        add_print(r, path, line, "", msg);
}

static void add_show_progress(add_run *r)
{
    uint64_t size = r->file < r->walk.n ? r->walk.files[r->file].size : 0;
    uint64_t within = r->offset < size ? r->offset : size;
    pi_progress_files(&r->progress, r->file, r->walk.n, r->articles,
                      r->bytes_done + within, r->walk.bytes);
}

static void add_position(void *ctx, size_t offset)
{
    ((add_run *)ctx)->offset = offset;
}

/* The sink: every article a reader finds comes here. */
static int add_sink(void *ctx, px_article *a)
{
    add_run *r = ctx;
    px_add_result res = PX_ADD_NEW;
    px_err err = {""};
    px_status st = px_index_add(r->ix, a, &res, &err);
    if (st == PX_EINVAL) {      /* this article only: the run goes on */
        char msg[PX_ERR_MAX + 128];
        snprintf(msg, sizeof msg, "article %.100s not indexed: %s",
                 a->ext_id ? a->ext_id : "", err.msg);
        add_problem(r, a->source ? a->source : "?", 0, msg);
    } else if (st != PX_OK) {
        r->fatal = st;
        r->err = err;
    } else {
        r->articles++;
        r->counts[res]++;
        r->file_counts[res]++;
    }
    px_article_free(a);
    add_show_progress(r);
    if (*r->cli->stop)
        r->cut_short = 1;
    return r->fatal != PX_OK || *r->cli->stop;
}

/* Non-zero when `f` is a page (one article) too large to be read within
** --memory (max_article bytes of text, 0: no limit): extracting it would
** take more memory than the article could be given, so it is refused
** unread.  An HTML page carries markup: it may be eight times the text.
** Compressed pages are left to the article limit of px_index_add. */
static int add_too_big(const pi_walk_file *f, size_t max_article)
{
    const char *name = f->format->name;
    uint64_t factor = strcmp(name, "txt") == 0    ? 2
                      : strcmp(name, "html") == 0 ? 8 : 0;
    return max_article && factor && !pxe_compression_for(f->path) &&
           f->size > factor * max_article + (64u << 10);
}

/* Reads one file with its format's reader; compressed files are
** decompressed on the way (pxe_read_file), JSON Lines as a stream. */
static void add_file(add_run *r, const pi_walk_file *f, const px_ingest *in)
{
    memset(r->file_counts, 0, sizeof r->file_counts);
    if (add_too_big(f, in->opts ? in->opts->max_article : 0)) {
        char msg[200];
        snprintf(msg, sizeof msg, "a page of %.1f MB, larger than an "
                 "article may be within the memory allowed (add --memory); "
                 "skipped", f->size / 1048576.0);
        add_problem(r, f->path, 0, msg);
        return;
    }
    if (pxe_read_file(in, f->path, PI_ADD_CHUNK) < 0)
        return;     /* not read at all: reported as a problem */
    r->files_read++;
    if (r->cli->verbosity >= PI_VERBOSE) {
        size_t *c = r->file_counts, n = c[0] + c[1] + c[2];
        pi_progress_clear(&r->progress);
        printf("%s: %zu %s (%zu new, %zu updated, %zu unchanged)\n",
               f->path, n, pi_cli_plural(n, "article", "articles"),
               c[PX_ADD_NEW], c[PX_ADD_UPDATED], c[PX_ADD_UNCHANGED]);
        fflush(stdout);
    }
}

/* The first pass of extraction: lines repeated across many scraped pages
** of one site (menus, sign-up forms, footers) are learnt before any page
** is extracted.  Only formats whose row says so take part (scraped pages;
** JSON Lines and WARC records carry their own article text).  A file that
** cannot be read here is reported by the second pass. */
static void add_learn(add_run *r, pxe_ctx *xc, size_t max_article)
{
    for (size_t i = 0; i < r->walk.n && !*r->cli->stop; i++) {
        const pi_walk_file *f = &r->walk.files[i];
        if (!f->format->learn || add_too_big(f, max_article))
            continue;
        char *data = NULL;
        size_t len = 0;
        if (pxe_load_file(f->path, &data, &len, NULL) == PX_OK)
            pxe_learn_file(xc, f->path, data, len, NULL);
        free(data);
    }
}

/* Reads every listed file; returns non-zero when stopped before the end. */
static int add_files(add_run *r, const px_ingest_opts *opts)
{
    px_ingest in = {opts, add_sink, add_problem, r,
                    add_warning, add_note, add_position};
    for (r->file = 0; r->file < r->walk.n; r->file++) {
        if (*r->cli->stop || r->fatal != PX_OK)
            return 1;
        r->offset = 0;
        add_file(r, &r->walk.files[r->file], &in);
        if (r->cut_short || r->fatal != PX_OK)
            return 1;
        r->bytes_done += r->walk.files[r->file].size;
        r->offset = 0;
        add_show_progress(r);
    }
    return 0;
}

/* Checks --date: exactly YYYY-MM-DD, and a day that exists. */
static int add_valid_date(const char *s)
{
    char parsed[11];
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return px_date_parse(s, parsed) && strcmp(parsed, s) == 0;
}

static int add_valid_language(const char *lang)
{
    for (const char **l = px_languages(); l && *l; l++)
        if (strcmp(*l, lang) == 0)
            return 1;
    return 0;
}

/* --memory MB: a whole number from 64 to 1048576; returns 0 otherwise. */
static size_t add_memory_mb(const char *s)
{
    char *end = NULL;
    errno = 0;
    unsigned long long mb = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || mb < 64 || mb > 1048576)
        return 0;
    return (size_t)mb;
}

/* Parses the options of `add`; returns -1 to go on, or the exit status. */
static int add_parse(pi_cli *cli, int argc, char **argv,
                     px_ingest_opts *opts, const char **language,
                     size_t *memory_mb, unsigned *shards)
{
    static const struct option longopts[] = {
        PI_CLI_COMMON_OPTIONS,
        {"outlet", required_argument, NULL, 'o'},
        {"date", required_argument, NULL, 'd'},
        {"language", required_argument, NULL, 'l'},
        {"memory", required_argument, NULL, 'm'},
        {"no-clean", no_argument, NULL, 'N'},
        {"shards", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0}};
    int c, rc;
    while ((c = getopt_long(argc, argv, PI_CLI_SHORT, longopts, NULL)) != -1) {
        if (c == 'S' && !(*shards = pi_cli_shards(optarg)))
            return pi_cli_usage("add", "--shards must be a number from 1 "
                                "to %d, not '%s'", PX_MAX_SHARDS, optarg);
        if (c == 'S')
            continue;
        if (c == 'm' && !(*memory_mb = add_memory_mb(optarg)))
            return pi_cli_usage("add", "--memory must be a number of "
                                "megabytes from 64 up, not '%s'", optarg);
        if (c == 'm')
            continue;
        if (c == 'o' && !optarg[strspn(optarg, " \t")])
            return pi_cli_usage("add", "--outlet needs a name");
        else if (c == 'o')
            opts->outlet = optarg;
        else if (c == 'd' && !add_valid_date(optarg))
            return pi_cli_usage("add", "--date must be a real day written "
                                "YYYY-MM-DD, not '%s'", optarg);
        else if (c == 'd')
            opts->date = optarg;
        else if (c == 'l' && !add_valid_language(optarg))
            return pi_cli_usage("add", "unknown language '%s' "
                                "('pressdex-index languages' lists them)",
                                optarg);
        else if (c == 'l')
            *language = optarg;
        else if (c == 'N')
            opts->no_clean = 1;
        else if (c == 'h')
            return add_print_help(stdout), PI_EXIT_OK;
        else if ((rc = pi_cli_option(cli, "add", add_help_head, c, argv)) >=
                 0)
            return rc;
    }
    if (optind >= argc)
        return pi_cli_usage("add", "no file or folder given");
    return -1;
}

static void add_summary(add_run *r)
{
    size_t *c = r->counts;
    char warn[64] = "";
    if (r->warnings)
        snprintf(warn, sizeof warn, ", %zu %s", r->warnings,
                 pi_cli_plural(r->warnings, "warning", "warnings"));
    printf("%zu %s read, %zu %s (%zu new, %zu updated, %zu unchanged), "
           "%zu %s%s, %.1f s\n",
           r->files_read, pi_cli_plural(r->files_read, "file", "files"),
           r->articles, pi_cli_plural(r->articles, "article", "articles"),
           c[PX_ADD_NEW], c[PX_ADD_UPDATED], c[PX_ADD_UNCHANGED],
           r->problems, pi_cli_plural(r->problems, "problem", "problems"),
           warn, pi_progress_elapsed(&r->progress));
    fflush(stdout);
}

/* Lists the files the arguments name; returns PX_OK or PX_ENOMEM. */
static px_status add_list(add_run *r, int argc, char **argv)
{
    r->walk.problem = add_problem;
    r->walk.note = add_note;
    r->walk.ctx = r;
    for (int i = 0; i < argc; i++)
        if (pi_walk_add(&r->walk, argv[i]) != PX_OK)
            return PX_ENOMEM;
    pi_walk_finish(&r->walk);
    return PX_OK;
}

/* After a run that changed a good part of the index, compacts the Xapian
** side: a freshly written one is about 1.7 times its compacted size, and
** compacting costs a few per cent of the time indexing took.  A failure
** leaves the index as it was and is only a warning. */
static void add_compact(add_run *r)
{
    size_t changed = r->counts[PX_ADD_NEW] + r->counts[PX_ADD_UPDATED];
    px_stats st;
    px_err err = {""};
    uint64_t before = 0, after = 0;
    if (changed < PI_ADD_COMPACT_MIN ||
        px_index_stats(r->ix, &st, &err) != PX_OK)
        return;
    size_t total = st.articles;
    px_stats_free(&st);
    if (changed * PI_ADD_COMPACT_SHARE < total)
        return;
    if (px_index_compact(r->ix, &before, &after, &err) != PX_OK) {
        pi_progress_clear(&r->progress);
        pi_cli_error("warning: the index was not compacted: %s (run "
                     "'pressdex-index compact' later)", err.msg);
        return;
    }
    if (r->cli->verbosity >= PI_VERBOSE) {
        pi_progress_clear(&r->progress);
        printf("Xapian index compacted: %.1f MiB -> %.1f MiB\n",
               before / 1048576.0, after / 1048576.0);
        fflush(stdout);
    }
}

/* Commits, reports and picks the exit status. */
static int add_finish(add_run *r, const char *dir, int stopped)
{
    px_err err = {""};
    if (r->fatal == PX_OK && !stopped)
        add_compact(r);
    px_status st = px_index_close(r->ix, &err);
    r->ix = NULL;
    pi_progress_clear(&r->progress);
    if (r->cli->verbosity > PI_QUIET)
        add_summary(r);
    if (r->fatal != PX_OK || st != PX_OK) {
        px_err *e = r->fatal != PX_OK ? &r->err : &err;
        pi_cli_error("%s", e->msg[0] ? e->msg
                                     : px_status_str(r->fatal ? r->fatal : st));
        pi_cli_error("indexing into %s stopped; what was committed is kept",
                     dir);
        return PI_EXIT_USAGE;
    }
    if (stopped) {
        if (r->cut_short && r->file < r->walk.n)
            pi_cli_error("interrupted while reading %s",
                         r->walk.files[r->file].path);
        else
            pi_cli_error("interrupted after %zu of %zu files", r->file,
                         r->walk.n);
        pi_cli_error("the %zu %s read so far are committed; run the same "
                     "command again to finish the work", r->articles,
                     pi_cli_plural(r->articles, "article", "articles"));
        return PI_EXIT_PARTIAL;
    }
    return r->problems ? PI_EXIT_PARTIAL : PI_EXIT_OK;
}

int pi_cmd_add(pi_cli *cli, int argc, char **argv)
{
    px_ingest_opts opts = {NULL, NULL, NULL, 0, 0};
    const char *language = NULL;
    size_t memory_mb = PI_ADD_MEMORY_MB;
    unsigned shards = 0;
    int rc = add_parse(cli, argc, argv, &opts, &language, &memory_mb,
                       &shards);
    if (rc >= 0)
        return rc;
    char *dir = pi_cli_index_dir(cli);
    if (!dir)
        return PI_EXIT_USAGE;
    add_run r;
    memset(&r, 0, sizeof r);
    r.cli = cli;
    pi_progress_start(&r.progress, cli->verbosity > PI_QUIET &&
                                       isatty(STDERR_FILENO));
    rc = PI_EXIT_USAGE;
    pxe_ctx *xc = NULL;
    px_err err = {""};
    if (add_list(&r, argc - optind, argv + optind) != PX_OK) {
        pi_cli_error("out of memory while listing files");
    } else if (pxe_ctx_new(NULL, &xc, &err) != PX_OK) {
        pi_cli_error("%s", err.msg);
    } else if (shards && px_index_create(dir, language, shards, &err) !=
                             PX_OK) {
        pi_cli_error("%s", err.msg);
    } else if ((r.ix = pi_cli_open(dir, PX_OPEN_WRITE, language, 0)) != NULL) {
        size_t batch = (memory_mb - PI_ADD_MEMORY_BASE_MB) *
                       ((size_t)1 << 20) / PI_ADD_MEMORY_PER_TEXT;
        px_index_set_batch_bytes(r.ix, batch);
        opts.max_article = batch;   /* no single article beyond a batch */
        add_learn(&r, xc, batch);
        opts.extract = xc;
        rc = add_finish(&r, dir, add_files(&r, &opts));
    }
    pxe_ctx_free(xc);
    pi_walk_free(&r.walk);
    free(dir);
    return rc;
}
