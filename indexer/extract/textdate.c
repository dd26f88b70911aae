/*
** textdate.c — the publication date of a scraped page, chosen among the
** dates it shows.
**
** A page shows many dates: the byline's, an "Updated" stamp, dates in the
** rails of other stories, in comments, in the story itself.  Each date
** written near the headline or the byline becomes a candidate, scored by
** where it stands (in the byline, right under the headline, before the
** story starts or inside it) and what its line says ("Published" beats
** "Updated"; a copyright year is no date; a date in the future is no
** publication date).  Links whose paths carry a date are evidence for
** the same day.  Only when the page gives no day is a month ("November
** 2019") taken, with that precision.  Relative dates ("2 days ago") have
** no reference and are never turned into a day.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract_int.h"

/* How far around the headline and byline dates are looked for. */
#define TD_BEFORE 6
#define TD_AFTER 20
/* How far below the headline a labelled date ("Published: …") may be. */
#define TD_LABELLED 80
/* A candidate needs at least this score to be taken. */
#define TD_MIN_SCORE 10

typedef struct {
    char date[11];
    px_date_precision prec;
    int score;
    long line;
    const char *how;
} td_best;

/* What the words just before a date say it is: the label nearest the
** date counts ("Updated Nov 19, 9:41 AM;Posted Nov 18" — the second date
** is the posted one). */
static int td_label(const char *line, size_t at)
{
    static const struct {
        const char *word;
        int score;
    } labels[] = {
        {"published", 25}, {"posted", 20}, {"created", 10}, {"date", 5},
        {"updated", -12}, {"modified", -15}, {"edited", -10},
        /* the same in the other languages dates are read in */
        {"publiziert", 25}, {"ver\303\266ffentlicht", 25},
        {"publi\xc3\xa9", 25}, {"publicado", 25}, {"pubblicato", 25},
        {"diterbitkan", 25}, {"aktualisiert", -12}, {"mis \xc3\xa0 jour", -12},
        {"actualizado", -12}, {"atualizado", -12}, {"aggiornato", -12},
        {"comment", -30}, {"reply", -30}, {"correction", -30},
    };
    int best = 0;
    size_t best_gap = 41, from = at > 40 ? at - 40 : 0;
    char win[48];
    snprintf(win, sizeof win, "%.*s", (int)(at - from), line + from);
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        for (const char *p = pxe_stristr(win, labels[i].word); p;
             p = pxe_stristr(p + 1, labels[i].word)) {
            size_t gap = strlen(win) - (size_t)(p - win);
            if (gap < best_gap) {
                best_gap = gap;
                best = labels[i].score;
            }
        }
    return best;
}

/* Whether the date is after now (plus a day for time zones). */
static int td_future(const char *date)
{
    char now[11];
    time_t t = time(NULL) + 86400;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return 0;
    strftime(now, sizeof now, "%Y-%m-%d", &tm);
    return strcmp(date, now) > 0;
}

/* Words with a letter in s[from, to): "at 9:08 GMT" has two. */
static size_t td_letter_words(const char *s, size_t from, size_t to)
{
    size_t n = 0;
    int in = 0, letter = 0;
    for (size_t i = from; i <= to; i++) {
        unsigned char c = i < to ? (unsigned char)s[i] : ' ';
        if (isalnum(c) || c >= 0x80) {
            in = 1;
            letter |= isalpha(c) || c >= 0x80;
        } else if (in) {
            n += letter;
            in = letter = 0;
        }
    }
    return n;
}

/* Scores one date found at `at` in line i; *how says why. */
static int td_score(const pxe_lines *ls, size_t i, size_t at, size_t len,
                    const char *date, long anchor, long byline_at,
                    const char *url_date, const char **how)
{
    const pxe_line *l = &ls->v[i];
    /* Numbers (times, years) do not make a stamp line prose. */
    size_t words = td_letter_words(l->text, 0, strlen(l->text));
    int s = 30, label = td_label(l->text, at);
    long d = (long)i - anchor;
    /* A headline shown twice: the date stands by one of them. */
    for (size_t k = 0; k < ls->n; k++)
        if (ls->v[k].role == PXE_LINE_TITLE && labs((long)i - (long)k) < labs(d))
            d = (long)i - (long)k;
    *how = "date near the headline";
    if (strstr(l->text, "\xc2\xa9") || pxe_stristr(l->text, "copyright") ||
        td_future(date))
        return -100;
    if (words > 14 && (long)i != byline_at) {
        /* In prose only a dateline counts: "PORT AVERY, March 3 (AP) -" */
        const char *after = l->text + at + len;
        after += strspn(after, " ,");
        if (at > 40 || !(*after == '(' || strncmp(after, "- ", 2) == 0 ||
                         strncmp(after, "\xe2\x80\x94", 3) == 0 ||
                         strncmp(after, "\xe2\x80\x93", 3) == 0))
            return -100;
        *how = "dateline";
        s += 5;
    }
    s += label;
    if (label > 0)
        *how = "\"published\" date";
    else if (label < -20)
        return -100;
    else if (label < 0)
        *how = "\"updated\" date";
    if (byline_at >= 0 && labs((long)i - byline_at) <= 1) {
        s += 15;
        if (label >= 0)
            *how = "date in the byline";
    }
    s -= d < 0 ? (int)(-d) * 3 : (int)(d > 40 ? 40 : d);
    if (ls->story_to && i >= ls->story_from && i < ls->story_to &&
        d > 3 && words > 14 && label <= 0)
        s -= 25;   /* a dateline deep in the story: a date it talks about */
    if (url_date && strcmp(url_date, date) == 0)
        s += 20;
    /* A stamp line is mostly its date; a date inside a headline or a
    ** sentence ("… headlines for Nov. 19") is something it talks about. */
    if (label <= 0 && (long)i != byline_at &&
        td_letter_words(l->text, 0, at) +
                td_letter_words(l->text, at + len, strlen(l->text)) > 5)
        s -= 12;
    /* "— Name (@handle) November 18, 2019": an embedded post's date. */
    if (strstr(l->text, "(@"))
        s -= 30;
    return s;
}

static void td_consider(pxe_result *r, td_best *b, const char *date,
                        px_date_precision prec, int score, long line,
                        const char *how)
{
    pxe_result_cand(r, "date", date, score, "%s, line %ld%s", how, line + 1,
                    prec == PX_PREC_MONTH ? ", month only" : "");
    /* Equal scores: the earlier line (a published date comes first). */
    if (score > b->score) {
        memcpy(b->date, date, 11);
        b->prec = prec;
        b->score = score;
        b->line = line;
        b->how = how;
    }
}

/* Every date of lines [from, to), day-precise ones first; then, when the
** page gave no day, month-and-year ones. */
static void td_scan(pxe_lines *ls, pxe_result *r, size_t from, size_t to,
                    long anchor, long byline_at, const char *url_date,
                    int year, td_best *b)
{
    for (int month_only = 0; month_only < 2 && b->score < TD_MIN_SCORE;
         month_only++)
        for (size_t i = from; i < to && i < ls->n; i++) {
            const char *t = ls->v[i].text;
            size_t off = 0, at, n;
            char d[11];
            if (ls->v[i].role == PXE_LINE_TITLE)
                continue;
            int inferred = 0;
            while (t[off] &&
                   (month_only ? pxe_date_find_month(t + off, d, &at, &n)
                    : pxe_date_find(t + off, 0, d, &at, &n) ||
                          /* without a year known, as the call before */
                          (year > 0 &&
                           (inferred = pxe_date_find(t + off, year, d, &at,
                                                     &n))))) {
                const char *how;
                /* A year taken from elsewhere on the page counts less. */
                int s = td_score(ls, i, off + at, n, d, anchor, byline_at,
                                 url_date, &how) - inferred * 8;
                if (s > -100)
                    td_consider(r, b, d, month_only ? PX_PREC_MONTH
                                                    : PX_PREC_DAY,
                                s - month_only * 10, (long)i, how);
                off += at + n;
            }
        }
}

/* The year the page is from, for a "Posted Nov 19, 8:19 PM" that gives
** none: the year most of its dated links carry, else its copyright
** year; 0 when the page shows neither. */
static int td_page_year(const pxe_lines *ls)
{
    int best = 0;
    unsigned best_n = 0;
    for (size_t i = 0; i < ls->n_url_dates; i++) {
        unsigned n = 0;
        int y = atoi(ls->url_dates[i].host);
        for (size_t j = 0; j < ls->n_url_dates; j++)
            if (atoi(ls->url_dates[j].host) == y)
                n += ls->url_dates[j].count;
        if (n > best_n) {
            best_n = n;
            best = y;
        }
    }
    for (size_t i = ls->n; !best && i-- > 0;) {
        const char *c = strstr(ls->v[i].text, "\xc2\xa9");
        if (!c)
            c = pxe_stristr(ls->v[i].text, "copyright");
        for (; c && *c; c++)   /* "© 2014-2019": the latest year */
            if (c[0] >= '1' && c[0] <= '2' && strspn(c, "0123456789") == 4 &&
                (c[4] == '\0' || !isalnum((unsigned char)c[4])) &&
                atoi(c) > best)
                best = atoi(c);
    }
    return best >= 1995 && best <= 2199 ? best : 0;
}

/* Whether a line says "published" or "posted" anywhere (either case):
** one pass from one 'p' to the next for both words. */
static int td_published(const char *t)
{
    for (const char *p = strpbrk(t, "pP"); p; p = strpbrk(p + 1, "pP"))
        if (pxe_starts_with_ci(p, "published") ||
            pxe_starts_with_ci(p, "posted"))
            return 1;
    return 0;
}

void pxe_text_date(pxe_lines *ls, pxe_result *r, const pxe_hints *h,
                   long title_at, long byline_at)
{
    td_best b = {"", PX_PREC_DAY, TD_MIN_SCORE - 1, -1, NULL};
    const char *url = r->url.value ? r->url.value : (h ? h->url : NULL);
    char ud[11] = "", d[11];
    const pxe_host *top = pxe_tally_top(ls->url_dates, ls->n_url_dates);
    if (url && pxe_date_from_url(url, d))
        memcpy(ud, d, 11);
    else if (top && top->count >= 3 && strlen(top->host) == 10)
        memcpy(ud, top->host, 11);
    int year = ud[0] ? atoi(ud)
                     : (h && h->archive_date && px_date_parse(h->archive_date,
                                                              d))
                           ? atoi(d) : td_page_year(ls);
    long anchor = title_at >= 0 ? title_at
                  : byline_at >= 0 ? byline_at : (long)ls->story_from;
    long first = anchor;   /* the headline's first showing */
    for (long k = 0; k < anchor; k++)
        if (ls->v[k].role == PXE_LINE_TITLE) {
            first = k;
            break;
        }
    size_t from = first > TD_BEFORE ? (size_t)first - TD_BEFORE : 0;
    size_t to = (size_t)anchor + TD_AFTER;
    /* "Published: …" lines may stand below the story. */
    for (size_t i = to; i < ls->n && i < (size_t)anchor + TD_LABELLED; i++)
        if (pxe_word_count_max(ls->v[i].text, 14) <= 14 &&
            td_published(ls->v[i].text))
            to = i + 1;
    if (ls->story_to && to < ls->story_from + 3)
        to = ls->story_from + 3;
    if (byline_at >= 0 && (size_t)byline_at + 3 > to)
        to = (size_t)byline_at + 3;
    td_scan(ls, r, from, to, anchor, byline_at, ud[0] ? ud : NULL, year, &b);
    if (b.score >= TD_MIN_SCORE) {
        memcpy(r->date, b.date, 11);
        r->date_source = PX_DATE_BYLINE;
        r->date_precision = b.prec;
        r->date_how = b.how;
        r->date_confidence = b.score > 60 ? 80 : 60;
        pxe_line *l = &ls->v[b.line];
        if (pxe_word_count_max(l->text, 14) <= 14 &&
            l->role != PXE_LINE_TITLE &&
            l->role != PXE_LINE_META) {
            l->role = PXE_LINE_META;
            l->why = "date line";
        }
    } else if (url && pxe_date_from_url(url, r->date)) {
        r->date_source = PX_DATE_URL;
        r->date_how = "date in the URL";
        r->date_confidence = 60;
    } else if (ud[0]) {
        memcpy(r->date, ud, 11);
        r->date_source = PX_DATE_URL;
        r->date_how = "date in the path of the page's own links";
        r->date_confidence = 50;
    } else if (url && pxe_date_month_from_url(url, r->date)) {
        r->date_source = PX_DATE_URL;
        r->date_precision = PX_PREC_MONTH;
        r->date_how = "month in the URL";
        r->date_confidence = 50;
    } else if (h && h->archive_date &&
               px_date_parse(h->archive_date, r->date)) {
        r->date_source = PX_DATE_ARCHIVE;
        r->date_how = "crawl date (WARC-Date)";
        r->date_confidence = 20;
    }
}
