/*
** test_extract_unit.c — unit tests for indexer/extract/: dates, bylines,
** chrome phrases, outlet aliases and wires, the cross-page model, text and
** HTML extraction, and hostile input (empty, binary, broken markup).
** The WARC tests are in test_extract_warc.c, those of the format table and
** the JSON Lines reader in test_extract_readers.c; all run from main()
** here.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "extract_int.h"
#include "test_extract.h"

int pxe_t_failures;

void pxe_t_check(int ok, const char *what, const char *file, int line)
{
    if (!ok) {
        fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
        pxe_t_failures++;
    }
}

void pxe_t_streq(const char *want, const char *got, const char *file,
                 int line)
{
    int ok = (!want && !got) || (want && got && strcmp(want, got) == 0);
    if (!ok) {
        fprintf(stderr, "%s:%d: FAILED: want '%s', got '%s'\n", file, line,
                want ? want : "(null)", got ? got : "(null)");
        pxe_t_failures++;
    }
}

static void test_dates(void)
{
    char d[11];
    size_t at, n;
    T(pxe_date_find("By Ana Ruiz | March 3, 2025, 9:14 a.m.", 0, d, &at, &n));
    EQ("2025-03-03", d);
    T(pxe_date_find("Published: 3 March 2025", 0, d, &at, &n));
    EQ("2025-03-03", d);
    T(pxe_date_find("Monday 3rd of March 2025", 0, d, &at, &n));
    EQ("2025-03-03", d);
    T(pxe_date_find("Posted 24.12.2024", 0, d, &at, &n));
    EQ("2024-12-24", d);
    T(pxe_date_find("2024-02-29T10:00Z", 0, d, &at, &n));
    EQ("2024-02-29", d);
    T(!pxe_date_find("2023-02-29", 0, d, &at, &n));     /* not a leap year */
    T(!pxe_date_find("on 3/4/2025", 0, d, &at, &n));    /* which order? */
    T(pxe_date_find("on 13/4/2025", 0, d, &at, &n));    /* only one */
    EQ("2025-04-13", d);
    T(!pxe_date_find("PORT AVERY, March 5 (Reuters)", 0, d, &at, &n));
    T(pxe_date_find("PORT AVERY, March 5 (Reuters)", 2025, d, &at, &n));
    EQ("2025-03-05", d);
    T(!pxe_date_find("you may 5 times", 2025, d, &at, &n));
    T(!pxe_date_find("talks on Monday", 2025, d, &at, &n));
    T(pxe_date_from_url("https://x.com/news/2024/11/05/story", d));
    EQ("2024-11-05", d);
    T(pxe_date_from_url("https://x.com/2024-11-05-story.html", d));
    T(!pxe_date_from_url("https://x.com/article/123456789", d));
    T(pxe_date_normalise("2019-11-20T09:29:08+0000", d));
    EQ("2019-11-20", d);
    T(!pxe_date_find("", 0, d, &at, &n));
    /* Shapes met on scraped pages. */
    T(pxe_date_find("Nov 15, 20195:45 AM", 0, d, &at, &n));  /* glued time */
    EQ("2019-11-15", d);
    T(!pxe_date_find("By Tess Bonn - 11/19/19 06:56 AM EST", 0, d, &at, &n));
    T(pxe_date_find("By Tess Bonn - 11/19/19 06:56 AM EST", 2019, d, &at,
                    &n));                                 /* the page's year */
    EQ("2019-11-19", d);
    T(!pxe_date_find("on 11/19/19", 2018, d, &at, &n));  /* not that year */
    T(!pxe_date_find("on 3/4/19", 2019, d, &at, &n));    /* which order? */
    T(pxe_date_find("Posted on Oktober 27, 2015 by Admin", 0, d, &at, &n));
    EQ("2015-10-27", d);
    T(pxe_date_find("publiziert am 30. Juli 2018", 0, d, &at, &n));
    EQ("2018-07-30", d);
    T(pxe_date_find("27 de outubro de 2015", 0, d, &at, &n));
    EQ("2015-10-27", d);
    T(pxe_date_find("le 3 f\xc3\xa9vrier 2025", 0, d, &at, &n));
    EQ("2025-02-03", d);
    /* Month precision: only a month and a year. */
    T(pxe_date_find_month("Posted in November 2019", d, &at, &n));
    EQ("2019-11-01", d);
    T(!pxe_date_find_month("mars 2020", d, &at, &n));
    T(pxe_date_month_from_url("https://x.example/2025.02/story", d));
    EQ("2025-02-01", d);
    T(pxe_date_month_from_url("https://x.example/2019/11/florida-man", d));
    EQ("2019-11-01", d);
    T(!pxe_date_month_from_url("https://x.example/2019/story", d));
}

static void test_bylines(void)
{
    const char *cases[][2] = {
        {"By Ana Ruiz | March 3, 2025", "Ana Ruiz"},
        {"BY JONAS BERG", "Jonas Berg"},
        {"Author: Priya Natarajan", "Priya Natarajan"},
        {"Tom Okafor for The Example Post", "Tom Okafor"},
        {"By Metro Desk", "Metro Desk"},
        {"By Lena Fischer \xe2\x80\xa2 3 March 2025 at 14:05", "Lena Fischer"},
        {"By Ana Ruiz and Jonas Berg, Staff writers", "Ana Ruiz and Jonas Berg"},
        {"The council voted by a large majority.", NULL},
        {"by the way, nothing here", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *a = pxe_byline_author(cases[i][0]);
        EQ(cases[i][1], a);
        free(a);
    }
}

static void test_chrome_phrases(void)
{
    T(pxe_chrome_phrase("Sign up for our newsletter") != NULL);
    T(pxe_chrome_phrase("Email address*") != NULL);
    T(pxe_chrome_phrase("\xc2\xa9 2025 The Example Post. All rights "
                        "reserved.") != NULL);
    T(pxe_chrome_phrase("Read Full Article at Example Post") != NULL);
    T(pxe_chrome_phrase("Advertisement") != NULL);
    T(pxe_chrome_phrase("The union said it would subscribe to the plan "
                        "once members had voted on it.") == NULL);
    T(pxe_chrome_phrase("\"We will share the costs,\" she said.") == NULL);
    T(pxe_chrome_phrase("Subscribe to Example Post on YouTube for more:") !=
      NULL);
    T(pxe_chrome_phrase("Courtesy of Jane Doe") != NULL);
    T(pxe_chrome_phrase("\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81") != NULL);
}

/* The one-pass scan finds every occurrence, overlapping ones too, folded
** as pxe_stristr() folds; a ctx's automaton answers as the tables do
** phrase by phrase. */
typedef struct {
    size_t n, phrase[8], at[8];
} scan_seen;

static int scan_note(void *arg, size_t phrase, size_t at)
{
    scan_seen *s = arg;
    if (s->n < 8) {
        s->phrase[s->n] = phrase;
        s->at[s->n++] = at;
    }
    return 0;
}

static void test_scan(void)
{
    const char *const phrases[] = {"he", "she", "his", "hers"};
    pxe_scan *sc = pxe_scan_new(phrases, 4);
    T(sc != NULL);
    scan_seen seen = {0};
    T(pxe_scan_run(sc, "uSHErs \xc3\xa9his", scan_note, &seen) == 0);
    T(seen.n == 4);
    T(seen.phrase[0] == 1 && seen.at[0] == 1);   /* SHE */
    T(seen.phrase[1] == 0 && seen.at[1] == 2);   /* HE */
    T(seen.phrase[2] == 3 && seen.at[2] == 2);   /* HErs */
    T(seen.phrase[3] == 2 && seen.at[3] == 9);   /* his */
    pxe_scan_free(sc);

    pxe_ctx *ctx = NULL;
    T(pxe_ctx_new(NULL, &ctx, NULL) == PX_OK);
    const char *lines[] = {
        "Sign up for our newsletter", "Photo by Jane Doe / Getty Images",
        "He said the firm will make a contribution to the fund once the "
        "board has voted on it, and that the rest of the money, which had "
        "been promised by donors over several years, would follow later "
        "in the year as planned.",
        "This website uses cookies to give you the best experience, as "
        "explained in our policy on how we handle the data of readers who "
        "visit the pages of this site every day of the week and more.",
        "A quiet street (AP Photo/John Doe)", "Advertisement", "",
    };
    for (size_t i = 0; i < PXE_COUNT(lines); i++) {
        pxe_chrome_hits a = {lines[i], pxe_word_count_max(lines[i], 80), 0, 0};
        pxe_chrome_hits b = a;
        pxe_chrome_hits_find(ctx, &a);
        pxe_chrome_hits_find(NULL, &b);
        T(a.strong == b.strong && a.credit == b.credit);
        T(pxe_chrome_phrase_of(&a) == pxe_chrome_phrase_of(&b));
    }
    pxe_ctx_free(ctx);
}

/* The fast paths of the text tools give what the plain ones did. */
static void test_text_tools(void)
{
    T(pxe_word_count("It's 3 o'clock, caf\xc3\xa9 -- ok") == 5);
    T(pxe_word_count_max("one two three four five", 2) == 3);
    T(pxe_word_count_max("one two", 5) == 2);
    T(pxe_word_count_max("", 0) == 0);
    const char *hay = "Photo: (AP Photo/Jane Doe) at the GETTY Images desk";
    T(pxe_stristr(hay, "getty images") == strstr(hay, "GETTY"));
    T(pxe_stristr(hay, "(ap photo") == strstr(hay, "(AP"));
    T(pxe_stristr(hay, "/jane") == strstr(hay, "/Jane"));
    T(pxe_stristr(hay, "reuters") == NULL);
    T(pxe_stristr("ab", "abc") == NULL);
    T(pxe_starts_with_ci("Copyright 2019", "copyright "));
    T(!pxe_starts_with_ci("Copy", "copyright"));
    T(pxe_ci_prefix("MENU *", "menu") == 4);
    T(pxe_ci_prefix("Men", "menu") == 0);
    pxe_pairs pairs;
    pxe_pairs_of(&pairs, hay);
    /* Never a wrong "no"; a phrase with a missing pair is a "no". */
    T(pxe_pairs_may_hold(&pairs, "getty images"));
    T(pxe_pairs_may_hold(&pairs, "AP PHOTO/"));
    T(pxe_pairs_may_hold(&pairs, "x"));
    T(!pxe_pairs_may_hold(&pairs, "zq"));
    pxe_lines ls = {0};
    char *owned = pxe_strdup("  one \xc2\xa0 two\t\tthree \xc2\xa0");
    char *copied = pxe_collapse(owned, strlen(owned));
    T(pxe_lines_add_owned(&ls, owned, strlen(owned), 0) == 0);
    EQ(copied, ls.v[0].text);
    EQ("one two three", ls.v[0].text);
    free(copied);
    pxe_lines_free(&ls);
}

static void test_aliases(void)
{
    char path[] = "/tmp/pxe-aliases-XXXXXX";
    int fd = mkstemp(path);
    T(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\n\nexamplepost.com\tThe Example Post\n"
          "Example Post\tThe Example Post\n"
          "Meridian Wire\tMeridian Wire\twire\n", f);
    fclose(f);
    pxe_ctx *ctx;
    px_err err;
    T(pxe_ctx_new(path, &ctx, &err) == PX_OK);
    EQ("The Example Post", pxe_outlet_canonical(ctx, "examplepost.com"));
    EQ("The Example Post", pxe_outlet_canonical(ctx, "www.examplepost.com"));
    EQ("The Example Post", pxe_outlet_canonical(ctx, "news.examplepost.com"));
    EQ("The Example Post",
       pxe_outlet_canonical(ctx, "https://examplepost.com/a/b"));
    EQ("The Example Post", pxe_outlet_canonical(ctx, "the  EXAMPLE post"));
    EQ(NULL, pxe_outlet_canonical(ctx, "notexamplepost.com"));
    EQ(NULL, pxe_outlet_canonical(ctx, "Example Posts"));
    EQ("Meridian Wire", pxe_wire_name(ctx, "Meridian Wire"));
    EQ("Reuters", pxe_wire_in_line(ctx, "PORT AVERY, March 5 (Reuters) - The"));
    EQ("Associated Press", pxe_wire_in_line(ctx, "By The Associated Press"));
    EQ("AFP", pxe_wire_in_line(ctx, "\xc2\xa9 2025 AFP"));
    EQ("Reuters", pxe_wire_in_line(ctx, "Reporting by A; Editing by B"));
    EQ(NULL, pxe_wire_in_line(ctx, "Reuters reported that talks had failed"));
    pxe_ctx_free(ctx);
    /* A malformed file names the file and line. */
    f = fopen(path, "w");
    fputs("ok.com\tOK\nno tab here\n", f);
    fclose(f);
    T(pxe_ctx_new(path, &ctx, &err) == PX_EINVAL);
    T(strstr(err.msg, ":2:") != NULL);
    T(pxe_ctx_new("/nonexistent/aliases.tsv", &ctx, &err) == PX_EIO);
    setenv(PXE_ALIASES_ENV, path, 1);
    T(pxe_ctx_new(NULL, &ctx, &err) == PX_EINVAL);   /* env file is bad */
    unsetenv(PXE_ALIASES_ENV);
    remove(path);
}

static void test_learn(void)
{
    pxe_ctx *ctx;
    px_err err;
    char page[512];
    T(pxe_ctx_new("/dev/null", &ctx, &err) == PX_OK);
    for (int i = 0; i < 6; i++) {
        snprintf(page, sizeof page, "Home\nJoin the Ledger Club today\n"
                 "Story number %c is about something else entirely.\n"
                 "\xc2\xa9 202%d Valley Ledger\n", 'A' + i, i);
        T(pxe_learn_text(ctx, "valleyledger.example", page, strlen(page),
                         &err) == PX_OK);
    }
    size_t pages, with;
    pxe_learn_count(ctx, "valleyledger.example", "Join the Ledger Club today",
                    &pages, &with);
    T(pages == 6 && with == 6);
    pxe_learn_count(ctx, "valleyledger.example", "\xc2\xa9 2031 Valley Ledger",
                    &pages, &with);
    T(with == 6);   /* digits count as one */
    const char *text = "Water rates rise again\n\nJoin the Ledger Club today\n\n"
                       "The water board approved a rise of 11 per cent on "
                       "Thursday after a long meeting.\n";
    pxe_result *r;
    pxe_hints h = {NULL, "https://valleyledger.example/x", NULL, NULL,
                   NULL};
    T(pxe_extract_text(ctx, &h, text, strlen(text), &r, &err) == PX_OK);
    T(strstr(r->body, "Ledger Club") == NULL);
    T(strstr(r->body, "water board approved") != NULL);
    pxe_result_free(r);
    /* Another site has learnt nothing: the line stays. */
    h.url = "https://other.example/x";
    T(pxe_extract_text(ctx, &h, text, strlen(text), &r, &err) == PX_OK);
    T(strstr(r->body, "Ledger Club") != NULL);
    pxe_result_free(r);
    pxe_ctx_free(ctx);
}

static void test_text_hostile(void)
{
    pxe_result *r;
    px_err err;
    T(pxe_extract_text(NULL, NULL, "", 0, &r, &err) == PX_OK);
    EQ("", r->body);
    T(r->title.value == NULL && r->date_source == PX_DATE_UNKNOWN);
    pxe_result_free(r);
    const char junk[] = "\n\n\t \r\n|||\n\xef\xbb\xbf\n---\n";
    T(pxe_extract_text(NULL, NULL, junk, sizeof junk - 1, &r, &err) == PX_OK);
    pxe_result_free(r);
    /* A story with dates only inside it: the date stays unknown. */
    const char *story = "Treaty talks stall again\n\n"
        "Negotiators met on Monday to revisit the 1997 treaty, signed on "
        "12 March 1997 after years of talks, but no agreement was reached "
        "and officials said they would meet again within weeks.\n";
    T(pxe_extract_text(NULL, NULL, story, strlen(story), &r, &err) == PX_OK);
    EQ("", r->date);
    T(r->date_source == PX_DATE_UNKNOWN);
    EQ("Treaty talks stall again", r->title.value);
    pxe_result_free(r);
    /* One very long line without newlines. */
    size_t big = 1 << 20;
    char *s = malloc(big + 1);
    memset(s, 'a', big);
    s[big] = '\0';
    T(pxe_extract_text(NULL, NULL, s, big, &r, &err) == PX_OK);
    pxe_result_free(r);
    free(s);
    /* Markdown nested 60,000 brackets deep: read as text, not recursed
    ** into (which overflowed the stack). */
    const char *md = "[a](http://a.example/)\n[b](http://a.example/)\n"
                     "[c](http://a.example/)\n";
    size_t depth = 60000, mdlen = strlen(md), n = 0;
    s = malloc(mdlen + depth * 23 + 2);
    memcpy(s, md, mdlen);
    n = mdlen;
    memset(s + n, '[', depth);
    n += depth;
    s[n++] = 'x';
    for (size_t i = 0; i < depth; i++, n += 22)
        memcpy(s + n, "](http://b.example/x) ", 22);
    s[n++] = '\n';
    T(pxe_extract_text(NULL, NULL, s, n, &r, &err) == PX_OK);
    pxe_result_free(r);
    free(s);
}

/* The story block: prose kept, the rails and menus around it dropped, a
** schedule that ends the story kept with it. */
static void test_story_block(void)
{
    const char *page =
        "Home\nNews\nSport\nOpinion\nWeather\n\n"
        "Band announces a fiftieth anniversary tour\n\n"
        "The band will reunite with its former singer for a tour of thirty "
        "dates next summer, the first time the four have played together in "
        "nearly a quarter of a century.\n\n"
        "Tickets go on sale on Friday, and the band said it would play its "
        "best known albums in full on the first nights of the tour.\n\n"
        "Tour dates:\n"
        "June 9 - Coral Sky Amphitheatre, West Palm Beach, FL\n"
        "June 10 - Credit Union Amphitheatre, Tampa, FL\n"
        "June 14 - Bank Amphitheatre, Alpharetta, GA\n"
        "June 17 - Bridgestone Arena, Nashville, TN\n\n"
        "Most popular\n"
        "Mayor opens the new harbour bridge to traffic\n"
        "Council approves cycle lanes on the seafront road\n"
        "Storm warning for the weekend across the coast\n";
    pxe_result *r;
    px_err err;
    T(pxe_extract_text(NULL, NULL, page, strlen(page), &r, &err) == PX_OK);
    EQ("Band announces a fiftieth anniversary tour", r->title.value);
    T(strstr(r->body, "Tickets go on sale") != NULL);
    T(strstr(r->body, "June 17 - Bridgestone Arena") != NULL);
    T(strstr(r->body, "harbour bridge") == NULL);
    T(strstr(r->body, "Weather") == NULL);
    pxe_result_free(r);
}

/* A standings page: two sentences and a table are its story; the teaser
** cards beside it (heading, image, blurb) are not, however much prose
** their blurbs are. */
static void test_story_table(void)
{
    const char *page =
        "Home\nNews\nStandings\nCalendar\n\n"
        "Cup standings\n\n"
        "This page always shows the standings after the last race.\n\n"
        "Come back after every race to see the new standings!\n\n"
        "1 Kyle North 5040 5 1 17 27\n"
        "2 Martin South 5035 7 0 15 24\n"
        "3 Kevin East 5033 4 6 15 26\n"
        "4 Denny West 5027 6 3 19 24\n"
        "5 Joey Middle 2380 2 3 12 21\n"
        "6 Ryan Upper 2339 1 1 11 18\n\n"
        "\xc2\xbb Power ranking\n\n"
        "[power-ranking-28.jpg]\n\n"
        "Click the picture above to see how the drivers rank in this "
        "season of the championship so far, race by race and overall.\n\n"
        "\xc2\xbb Race preview\n\n"
        "[preview-brazil-280.jpg]\n\n"
        "Click to see the television times of the race, the track, the "
        "tyres that will be used and the weather for practice and race.\n\n"
        "\xc2\xbb Race times\n\n"
        "[times-2019-135.jpg]\n\n"
        "Click the picture beside to see all the dates, places and times of "
        "every practice and race of the season in one table.\n";
    pxe_result *r;
    px_err err;
    T(pxe_extract_text(NULL, NULL, page, strlen(page), &r, &err) == PX_OK);
    T(strstr(r->body, "3 Kevin East 5033") != NULL);
    T(strstr(r->body, "shows the standings") != NULL);
    T(strstr(r->body, "television times") == NULL);
    T(strstr(r->body, "jpg") == NULL);
    pxe_result_free(r);
}

/* Captions go by their neighbours: the one above a credit standing alone,
** the one shown twice (once with its credit glued on); "More:" and its
** links go, and the story goes on after them. */
static void test_story_captions(void)
{
    const char *page =
        "Cells that taste danger set off immune responses\n\n"
        "Researchers have found that cells with taste receptors appear in "
        "the lungs of mice after an infection, and that they may help the "
        "body to fight off the disease that brought them there.\n\n"
        "Two micrographs of mouse lung tissue, showing the cells in yellow, "
        "the one on the right a closeup of the other.\n\n"
        "Courtesy of Andrew Vaughan\n\n"
        "The team infected the mice with the virus and then searched the "
        "lungs of those with the worst symptoms for signs of the cells.\n\n"
        "More:\n"
        "* Taste cells found in the gut of mice\n"
        "* Why smell receptors turn up in the kidneys\n\n"
        "The researchers do not yet know what the cells are doing in the "
        "lungs, but they believe the cells are sensing the virus itself.\n\n"
        "A mouse in a laboratory cage 6\n\n"
        "A mouse in a laboratory cageCredit: Getty\n\n"
        "Other groups are now looking for the cells in the airways of "
        "people who have had the flu, the team said on Tuesday.\n";
    pxe_result *r;
    px_err err;
    T(pxe_extract_text(NULL, NULL, page, strlen(page), &r, &err) == PX_OK);
    T(strstr(r->body, "Researchers have found") != NULL);
    T(strstr(r->body, "micrographs") == NULL);
    T(strstr(r->body, "Vaughan") == NULL);
    T(strstr(r->body, "kidneys") == NULL);
    T(strstr(r->body, "sensing the virus") != NULL);
    T(strstr(r->body, "laboratory cage") == NULL);
    T(strstr(r->body, "Other groups") != NULL);
    pxe_result_free(r);
}

static void test_html(void)
{
    pxe_result *r;
    px_err err;
    const char *page =
        "<html><head><title>Old title | Site</title>"
        "<meta property=\"og:title\" content=\"Ferry adds sailings &amp; "
        "crews\"><meta property=\"og:site_name\" content=\"Harbor Herald\">"
        "<meta property=\"article:published_time\" content=\"2024-11-05T23:"
        "30:00-05:00\"><meta name=\"author\" content=\"By Marta Ruiz\">"
        "</head><body><nav><a>Home</a><a>News</a></nav><article>"
        "<p>The ferry operator will run two extra sailings a day from "
        "November, after complaints from residents.</p><p>Fares rose by "
        "eight per cent in January, passengers said, and families who travel "
        "every week have felt it most.</p><script>var x = 1;</script></article>"
        "<footer>&copy; 2025 Harbor Herald</footer></body></html>";
    T(pxe_extract_html(NULL, NULL, page, strlen(page), &r, &err) == PX_OK);
    EQ("Ferry adds sailings & crews", r->title.value);
    EQ("Harbor Herald", r->outlet.value);
    EQ("2024-11-05", r->date);
    T(r->date_source == PX_DATE_META);
    EQ("Marta Ruiz", r->author.value);
    T(strstr(r->body, "two extra sailings") != NULL);
    T(strstr(r->body, "\n\nFares rose") != NULL);   /* paragraphs kept */
    T(strstr(r->body, "var x") == NULL && strstr(r->body, "Home") == NULL);
    pxe_result_free(r);
    /* Broken, empty and non-HTML input. */
    const char *broken[] = {"", "<", "<html><body><p>unclosed <b>bold <i>x",
                            "</div></div></p>", "plain text, no tags at all",
                            "<script>never closed", "<!-- comment"};
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        T(pxe_extract_html(NULL, NULL, broken[i], strlen(broken[i]), &r,
                           &err) == PX_OK);
        T(r->body != NULL);
        pxe_result_free(r);
    }
    const char bin[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";
    T(pxe_extract_html(NULL, NULL, bin, sizeof bin - 1, &r, &err) == PX_OK);
    pxe_result_free(r);
    /* Deep nesting must not exhaust the stack of the metadata walk. */
    size_t depth = 20000;
    char *deep = malloc(depth * 5 + 1);
    for (size_t i = 0; i < depth; i++)
        memcpy(deep + i * 5, "<div>", 5);
    deep[depth * 5] = '\0';
    T(pxe_extract_html(NULL, NULL, deep, depth * 5, &r, &err) == PX_OK);
    pxe_result_free(r);
    free(deep);
}

static void test_explain(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    px_err err;
    const char *text = "Home\nNews\nSport\n\nDock strike talks resume\n"
                       "By Ana Ruiz | March 3, 2025\n\nTalks resumed on "
                       "Monday between the union and the port authority, "
                       "two weeks after they broke down.\n\nSubscribe\n";
    T(pxe_explain_file(NULL, "/x/page.txt", text, strlen(text), out,
                       &err) == PX_OK);
    fclose(out);
    T(strstr(buf, "drop  menu run") != NULL);
    T(strstr(buf, "title headline") != NULL);
    T(strstr(buf, "meta  byline") != NULL);
    T(strstr(buf, "keep") != NULL);
    T(strstr(buf, "date:   2025-03-03  [byline:") != NULL);
    T(strstr(buf, "author: Ana Ruiz") != NULL);
    free(buf);
    out = fopen("/dev/null", "w");
    T(pxe_explain_file(NULL, "/x/bin.txt", "a\0b", 3, out, &err) == PX_EINVAL);
    fclose(out);
}

/* The outlet of a text page from what the page says of itself: a name
** that shortens its domain, the domain over a name written once or over
** the company that owns it, a company named on lines of its own. */
static const char *outlet_of(const char *head, const char *foot, char *buf,
                             size_t size)
{
    char page[2048];
    snprintf(page, sizeof page,
             "%s\n\nFerry adds two sailings a day\n\n"
             "The ferry operator will run two extra sailings a day from "
             "November, after complaints from residents about queues.\n\n"
             "Fares rose by eight per cent in January, passengers said, and "
             "families who travel every week have felt it most.\n\n%s\n",
             head, foot);
    pxe_result *r;
    px_err err;
    buf[0] = '\0';
    if (pxe_extract_text(NULL, NULL, page, strlen(page), &r, &err) != PX_OK)
        return buf;
    snprintf(buf, size, "%s", r->outlet.value ? r->outlet.value : "-");
    pxe_result_free(r);
    return buf;
}

static void test_text_outlet(void)
{
    char b[128];
    EQ("Hudson Valley Post",
       outlet_of("Home", "Read the Hudson Valley Post\nHudson Valley Post "
                 "newsroom\nTips: news@hvpost.com", b, sizeof b));
    EQ("hgdaily.com",
       outlet_of("Contact HG Daily", "Tips: news@hgdaily.com\n"
                 "Letters: letters@hgdaily.com", b, sizeof b));
    EQ("harborgazette.com",
       outlet_of("Home", "Letters: letters@harborgazette.com\n"
                 "\xc2\xa9 2024 Harbor Holdings Corporation", b, sizeof b));
    EQ("Brightwave",
       outlet_of("Home", "Brightwave GmbH\nHafenstrasse 1\n\n"
                 "Brightwave GmbH\nBahnhofplatz 2", b, sizeof b));
}

/* A page of the given lines: headline, byline, a story. */
static pxe_result *page_of(const char *top, const char *byline,
                           const char *foot)
{
    char page[2048];
    snprintf(page, sizeof page,
             "%s\nFerry operator adds two sailings a day to island route\n"
             "%s\n\n"
             "The ferry operator will run two extra sailings a day from "
             "November, after complaints from residents about queues.\n\n"
             "Fares rose by eight per cent in January, passengers said, and "
             "families who travel every week have felt it most.\n\n%s\n",
             top, byline, foot);
    pxe_result *r = NULL;
    px_err err;
    if (pxe_extract_text(NULL, NULL, page, strlen(page), &r, &err) != PX_OK)
        return NULL;
    return r;
}

/* The page's own address, printed (and wrapped by the dump), spelling
** its headline: its domain is the site, over a name written elsewhere. */
static void test_outlet_own_url(void)
{
    pxe_result *r = page_of(
        "print header https://www.islandtides.com/local/article/\n"
        "Ferry-operator-adds-two-sailings-a-day-4471.php",
        "By Ana Ruiz | March 3, 2025",
        "Tides Herald\nTides Herald newsroom\nTips: news@tidesherald.com");
    T(r != NULL);
    EQ("islandtides.com", r ? r->outlet.value : NULL);
    pxe_result_free(r);
    /* A URL spelling another headline says nothing. */
    r = page_of("https://www.islandtides.com/local/article/"
                "council-approves-new-cycle-lanes-4470.php",
                "By Ana Ruiz | March 3, 2025",
                "Tips: news@tidesherald.com\nLetters: mail@tidesherald.com");
    EQ("tidesherald.com", r ? r->outlet.value : NULL);
    pxe_result_free(r);
    /* Nor does the address of the story a page reposts. */
    r = page_of("Home", "By Ana Ruiz | March 3, 2025",
                "Source: https://www.islandtides.com/local/"
                "ferry-operator-adds-two-sailings-a-day\n"
                "Tips: news@tidesherald.com\nLetters: mail@tidesherald.com");
    EQ("tidesherald.com", r ? r->outlet.value : NULL);
    pxe_result_free(r);
    /* Addresses cut off at the page's edges. */
    static const char *const edges[] = {
        "://", "https://", "Ferry adds two sailings\nhttps://x.com/ferry-adds-",
        "Ferry adds two sailings\n\nhttp://x.com/ferry-adds-two/\n"};
    for (size_t i = 0; i < PXE_COUNT(edges); i++) {
        px_err err;
        T(pxe_extract_text(NULL, NULL, edges[i], strlen(edges[i]), &r,
                           &err) == PX_OK);
        pxe_result_free(r);
    }
}

/* A byline running the writer's name into the paper's: the paper is the
** outlet (over the company owning it), the writer the author. */
static void test_outlet_byline_paper(void)
{
    pxe_result *r = page_of("Home", "Ana Ruiz Coastline Gazette\n"
                            "Published 2:16 AM EST Nov 20, 2019",
                            "\xc2\xa9 Copyright Harbourside 2019");
    EQ("Coastline Gazette", r ? r->outlet.value : NULL);
    EQ("Ana Ruiz", r ? r->author.value : NULL);
    pxe_result_free(r);
    /* A writer whose name merely has four words keeps it. */
    r = page_of("Home", "Ana Maria Ruiz Lopez\nNov 20, 2019",
                "\xc2\xa9 Copyright Harbourside 2019");
    EQ("Ana Maria Ruiz Lopez", r ? r->author.value : NULL);
    EQ("Harbourside", r ? r->outlet.value : NULL);
    pxe_result_free(r);
}

/* A blog posting as itself: its brand where a writer's name stands. */
static void test_outlet_byline_brand(void)
{
    pxe_result *r = page_of("Home", "IslandWire August 08, 2018", "");
    EQ("IslandWire", r ? r->outlet.value : NULL);
    pxe_result_free(r);
    r = page_of("Home", "Islandwire August 08, 2018", "");
    EQ(NULL, r ? r->outlet.value : "x");
    pxe_result_free(r);
}

/* The opening names the site beside its owner; the page abbreviates the
** site's name, not the owner's. */
static void test_outlet_abbreviated(void)
{
    pxe_result *r = page_of("Harbour Media IslandFerryTalk IFT Live",
                            "By Ana Ruiz | March 3, 2025",
                            "More IFT stories\n\xc2\xa9 2019 Harbour "
                            "Media Group");
    EQ("IslandFerryTalk", r ? r->outlet.value : NULL);
    pxe_result_free(r);
}

int main(void)
{
    test_dates();
    test_bylines();
    test_chrome_phrases();
    test_scan();
    test_text_tools();
    test_aliases();
    test_learn();
    test_text_hostile();
    test_story_block();
    test_story_table();
    test_story_captions();
    test_html();
    test_explain();
    test_text_outlet();
    test_outlet_own_url();
    test_outlet_byline_paper();
    test_outlet_byline_brand();
    test_outlet_abbreviated();
    pxe_t_warc();
    pxe_t_readers();
    if (pxe_t_failures)
        fprintf(stderr, "%d check(s) failed\n", pxe_t_failures);
    else
        printf("ok\n");
    return pxe_t_failures != 0;
}
