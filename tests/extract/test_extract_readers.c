/*
** test_extract_readers.c — the format table and the readers as a user
** meets them: which format each extension is (compressed or not), what
** each row says of it,
** and JSON Lines input (chrome lines cleaned out of the text, or kept
** under --no-clean; outlet labels with a section suffix mapped to one
** outlet; dates that cannot be right reported with file:line and the
** article indexed undated).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "test_extract.h"

static void tr_formats(void)
{
    char names[128];
    const pxe_format *f;
    T(pxe_format_for("/a/b.txt") == pxe_format_at(0));
    EQ("txt", pxe_format_for("/a/NOTES.TXT")->name);
    EQ("html", pxe_format_for("page.htm")->name);
    EQ("html", pxe_format_for("page.HTML")->name);
    EQ("warc", pxe_format_for("crawl.warc")->name);
    EQ("warc", pxe_format_for("crawl.warc.gz")->name);
    EQ("jsonl", pxe_format_for("feed.jsonl")->name);
    EQ("jsonl", pxe_format_for("feed.ndjson")->name);
    T(pxe_format_for("/a/.txt") == NULL);       /* a hidden file's name */
    T(pxe_format_for("archive.gz") == NULL);
    T(pxe_format_for("picture.png") == NULL);
    /* Every format also compressed: the suffix comes off first. */
    EQ("jsonl", pxe_format_for("/x/feed.jsonl.gz")->name);
    EQ("jsonl", pxe_format_for("feed.NDJSON.ZST")->name);
    EQ("html", pxe_format_for("page.htm.gz")->name);
    EQ("txt", pxe_format_for("notes.txt.zst")->name);
    EQ("gzip", pxe_compression_for("feed.jsonl.gz")->name);
    EQ("zstd", pxe_compression_for("page.html.ZST")->name);
    T(pxe_compression_for("feed.jsonl") == NULL);
    T(pxe_format_for("/a/.txt.gz") == NULL);
    T(pxe_format_for("picture.png.gz") == NULL);
    T(pxe_format_for("f.warc.gz")->unpacks);    /* libarchive reads it */
    T(!pxe_format_for("f.jsonl.gz")->unpacks);
    /* The traits cmd_add.c reads instead of comparing readers. */
    T(pxe_format_for("f.jsonl")->read_fd == pxe_read_jsonl_fd);
    T(pxe_format_for("f.txt")->read_fd == NULL);
    T(pxe_format_for("f.html")->read_fd == NULL);
    T(pxe_format_for("f.warc.gz")->read_fd == NULL);
    T(pxe_format_for("f.txt")->learn && pxe_format_for("f.htm")->learn);
    T(!pxe_format_for("f.jsonl")->learn && !pxe_format_for("f.warc")->learn);
    size_t n = 0;
    for (; (f = pxe_format_at(n)); n++)
        T(f->read && f->help && *f->help && f->extensions[0]);
    T(n == 4);
    pxe_format_names(names, sizeof names);
    EQ(".txt, .html, .htm, .warc, .jsonl, .ndjson, each also as .gz or "
       ".zst", names);
    pxe_format_names(names, 8);                 /* truncated, terminated */
    T(strlen(names) < 8);
}

static void tr_sections(void)
{
    static const char *const cases[][2] = {
        {"Newsmax - News", "Newsmax"},
        {"Newsmax (News)", "Newsmax"},
        {"New York Times - Opinion", "New York Times"},
        {"New York Times (Online News)", "New York Times"},
        {"CNN (Web News)", "CNN"},
        {"Fox News (Online)", "Fox News"},
        {"Scriberr Media - Opinion/Editorial", "Scriberr Media"},
        {"The Daily Star \xE2\x80\x93 Sport", "The Daily Star"},
        {"Wall Street Journal - Editorial ", "Wall Street Journal"},
        /* Not sections: kept whole. */
        {"Fox News", NULL},
        {"Allysia Finley (Wall Street Journal)", NULL},
        {"The Observer (New York)", NULL},
        {"Guest Writer - Right", NULL},
        {"The Telegraph - UK", NULL},
        {"PRI (Public Radio International)", NULL},
        {"News - News", "News"},
        {" - News", NULL},
        {"(News)", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *label = cases[i][0], *want = cases[i][1];
        const char *sec = NULL;
        size_t slen = 0, keep = pxe_outlet_strip_section(label, &sec, &slen);
        char got[128], sec_want[128];
        snprintf(got, sizeof got, "%.*s", (int)keep, label);
        EQ(want ? want : label, got);
        snprintf(got, sizeof got, "%s: %s", label,
                 sec && slen ? "section" : "none");
        snprintf(sec_want, sizeof sec_want, "%s: %s", label,
                 want ? "section" : "none");
        EQ(sec_want, got);
    }
    const char *sec = NULL;
    size_t slen = 0;
    pxe_outlet_strip_section("CNN (Web News)", &sec, &slen);
    T(slen == 8 && strncmp(sec, "Web News", 8) == 0);
}

/* Everything a JSON Lines read gives: articles and messages. */
typedef struct {
    int n;
    char outlet[8][64], title[8][128], author[8][64], date[8][11];
    char *body[8];
    px_date_source ds[8];
    char log[2048];
} tr_sink;

static int tr_sink_fn(void *ctx, px_article *a)
{
    tr_sink *s = ctx;
    if (s->n < 8) {
        snprintf(s->outlet[s->n], 64, "%s", a->outlet ? a->outlet : "-");
        snprintf(s->title[s->n], 128, "%s", a->title ? a->title : "-");
        snprintf(s->author[s->n], 64, "%s", a->author ? a->author : "-");
        memcpy(s->date[s->n], a->date, 11);
        s->ds[s->n] = a->date_source;
        s->body[s->n] = a->body;
        a->body = NULL;
        s->n++;
    }
    px_article_free(a);
    return 0;
}

static void tr_log(tr_sink *s, const char *kind, const char *path,
                   long line, const char *msg)
{
    size_t used = strlen(s->log);
    snprintf(s->log + used, sizeof s->log - used, "%s%s:%ld: %s\n", kind,
             path, line, msg);
}

static void tr_problem(void *c, const char *p, long l, const char *m)
{
    tr_log(c, "problem ", p, l, m);
}

static void tr_warning(void *c, const char *p, long l, const char *m)
{
    tr_log(c, "warning ", p, l, m);
}

static int tr_read(const char *jsonl, const px_ingest_opts *opts,
                   tr_sink *s)
{
    px_ingest in = {opts, tr_sink_fn, tr_problem, s, tr_warning, NULL,
                    NULL};
    memset(s, 0, sizeof *s);
    return pxe_read_jsonl(&in, "/in/f.jsonl", jsonl, strlen(jsonl));
}

static void tr_free(tr_sink *s)
{
    for (int i = 0; i < s->n && i < 8; i++)
        free(s->body[i]);
}

#define TR_STORY1 "The harbour board voted on Tuesday to extend the ferry " \
                  "timetable into the winter months."
#define TR_STORY2 "Crews will add two sailings a day from November, the " \
                  "board said."

static void tr_jsonl_clean(void)
{
    const char *line =
        "{\"id\":\"c1\",\"outlet\":\"Harbor Herald\",\"date\":\"2024-11-06\","
        "\"title\":\"Ferry timetable extended\",\"author\":\"Ana Ruiz\","
        "\"text\":\"Ferry timetable extended\\n\\n" TR_STORY1 "\\n\\n"
        "Advertisement\\n\\n" TR_STORY2 "\\n\\nClick here to get the "
        "Harbor Herald app\\n\\nCopyright 2024 Harbor Herald. All rights "
        "reserved.\"}\n";
    px_ingest_opts opts = {NULL, NULL, NULL, 0, 0};
    tr_sink s;
    T(tr_read(line, &opts, &s) == 0);
    T(s.n == 1);
    EQ(TR_STORY1 "\n\n" TR_STORY2, s.body[0]);
    EQ("Ferry timetable extended", s.title[0]);   /* JSON fields win */
    EQ("Harbor Herald", s.outlet[0]);
    EQ("Ana Ruiz", s.author[0]);
    EQ("2024-11-06", s.date[0]);
    EQ("", s.log);
    tr_free(&s);
    /* --no-clean: the text as it is. */
    opts.no_clean = 1;
    T(tr_read(line, &opts, &s) == 0);
    EQ("Ferry timetable extended\n\n" TR_STORY1 "\n\nAdvertisement\n\n"
       TR_STORY2 "\n\nClick here to get the Harbor Herald app\n\n"
       "Copyright 2024 Harbor Herald. All rights reserved.", s.body[0]);
    tr_free(&s);
    /* A quotation that mentions clicking stays: it is the story. */
    opts.no_clean = 0;
    T(tr_read("{\"title\":\"Site rewritten\",\"text\":\"" TR_STORY1 "\\n\\n"
              "The page now reads: \\\"Parents, click here to read the "
              "booklet about being safe online with your children.\\\"\"}",
              &opts, &s) == 0);
    EQ(TR_STORY1 "\n\nThe page now reads: \"Parents, click here to read the "
       "booklet about being safe online with your children.\"", s.body[0]);
    tr_free(&s);
}

static void tr_jsonl_outlets(void)
{
    const char *lines =
        "{\"outlet\":\"Newsmax - News\",\"text\":\"" TR_STORY1 "\"}\n"
        "{\"outlet\":\"Newsmax (News)\",\"text\":\"" TR_STORY2 "\"}\n"
        "{\"outlet\":\"Newsmax - Opinion\",\"text\":\"" TR_STORY1 "\"}\n"
        "{\"outlet\":\"New York Times (Online News)\",\"text\":\"" TR_STORY2
        "\"}\n";
    tr_sink s;
    T(tr_read(lines, NULL, &s) == 0);
    T(s.n == 4);
    EQ("Newsmax", s.outlet[0]);
    EQ("Newsmax", s.outlet[1]);
    EQ("Newsmax", s.outlet[2]);
    EQ("New York Times", s.outlet[3]);
    tr_free(&s);
}

static void tr_jsonl_dates(void)
{
    char want[1024], later[11], tomorrow[11], log[1024];
    time_t now = time(NULL);
    struct tm tm;
    time_t t = now + 3 * 24 * 3600;
    gmtime_r(&t, &tm);
    strftime(later, sizeof later, "%Y-%m-%d", &tm);
    t = now + 24 * 3600;
    gmtime_r(&t, &tm);
    strftime(tomorrow, sizeof tomorrow, "%Y-%m-%d", &tm);
    snprintf(log, sizeof log,
        "{\"date\":\"7/23/17\",\"text\":\"" TR_STORY1 "\"}\n"
        "\n"
        "{\"date\":\"0001-11-30\",\"text\":\"" TR_STORY1 "\"}\n"
        "{\"date\":\"2050-09-30\",\"text\":\"" TR_STORY1 "\"}\n"
        "{\"date\":\"%s\",\"text\":\"" TR_STORY1 "\"}\n"
        "{\"date\":\"1 May 1066\",\"text\":\"" TR_STORY1 "\"}\n"
        "{\"date\":\"12.31.99\",\"text\":\"Published 3 March 2019. "
        TR_STORY2 "\"}\n"
        "{\"date\":\"%s\",\"text\":\"" TR_STORY2 "\"}\n", later, tomorrow);
    tr_sink s;
    T(tr_read(log, NULL, &s) == 0);             /* warnings, not problems */
    T(s.n == 7);                                /* every article indexed */
    for (int i = 0; i < 6; i++) {
        EQ("", s.date[i]);
        T(s.ds[i] == PX_DATE_UNKNOWN);
    }
    EQ(tomorrow, s.date[6]);                    /* a day ahead is allowed */
    snprintf(want, sizeof want,
        "warning /in/f.jsonl:1: date '7/23/17' is ambiguous (two-digit "
        "year), stored as unknown\n"
        "warning /in/f.jsonl:3: date '0001-11-30' is before 1800, stored as "
        "unknown\n"
        "warning /in/f.jsonl:4: date '2050-09-30' is in the future (after "
        "%s), stored as unknown\n"
        "warning /in/f.jsonl:5: date '%s' is in the future (after %s), "
        "stored as unknown\n"
        "warning /in/f.jsonl:6: date '1 May 1066' is before 1800, stored as "
        "unknown\n"
        "warning /in/f.jsonl:7: date '12.31.99' is ambiguous (two-digit "
        "year), stored as unknown\n", tomorrow, later, tomorrow);
    EQ(want, s.log);
    tr_free(&s);
    /* Under --date the stated date is moot: no warning. */
    px_ingest_opts opts = {NULL, "2020-01-01", NULL, 0, 0};
    T(tr_read("{\"date\":\"7/23/17\",\"text\":\"" TR_STORY1 "\"}", &opts,
              &s) == 0);
    EQ("", s.log);
    EQ("2020-01-01", s.date[0]);
    tr_free(&s);
}

/* The `date YYYY-MM-DD` line of a .txt page as scrapers write it: spaces
** before it, the page's text after the date on the same line. */
static void tr_txt_date_line(void)
{
    static const char *const pages[] = {
        "date 2025-02-14\n\nHarbour board extends ferry timetable\n\n"
        TR_STORY1 "\n",
        "   date 2025-02-14\nHarbour board extends ferry timetable\n\n"
        TR_STORY1 "\n",
        "\tdate 2025-02-14 Harbour board extends ferry timetable\n\n"
        TR_STORY1 "\n",
        "date 14 February 2025\n\nHarbour board extends ferry timetable\n\n"
        TR_STORY1,
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        tr_sink s;
        memset(&s, 0, sizeof s);
        px_ingest in = {NULL, tr_sink_fn, tr_problem, &s, tr_warning, NULL,
                        NULL};
        T(pxe_read_txt(&in, "/in/page.txt", pages[i], strlen(pages[i])) ==
          0);
        T(s.n == 1);
        EQ("2025-02-14", s.date[0]);
        T(s.ds[0] == PX_DATE_HEADER);
        EQ("Harbour board extends ferry timetable", s.title[0]);
        EQ(TR_STORY1, s.body[0] ? s.body[0] : "");
        EQ("", s.log);
        tr_free(&s);
    }
}

void pxe_t_readers(void)
{
    tr_txt_date_line();
    tr_formats();
    tr_sections();
    tr_jsonl_clean();
    tr_jsonl_outlets();
    tr_jsonl_dates();
}
