/*
** story.c — finding the story in a scraped page.
**
** Menus, rails, forms and footers are many short lines, link lines and
** phrases of the page's furniture; a story is a run of long lines of
** prose, full of the small function words every sentence needs.  Each
** line gets a score from those features (positive for prose, negative
** for furniture) and the story is the contiguous block with the largest
** total, so that a caption or a short quote inside the story costs a
** little and does not split it, while a page's rails and footer, however
** long, add nothing.  Lines outside the block are dropped; chrome inside
** it (already marked by chrome.c: captions, "Read more", sign-up forms)
** stays dropped.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* A rail heading ("Most read", "More Washington Examiner") under a story
** of this many words ends it, as a comments heading does. */
#define STORY_RAIL_CUT 400
/* A block of fewer words is no story; the page is then left to the
** chrome rules alone. */
#define STORY_MIN_WORDS 40
/* How far above the block a paragraph is looked for, how much prose it
** must be, and how much chrome may stand between. */
#define STORY_REACH 6
#define STORY_REACH_PROSE 30
#define STORY_REACH_GAP -100
/* A list that ends a story has at least this many lines. */
#define STORY_LIST_MIN 3
/* A table (standings, results) is at least this many rows of as many
** numbers each, and each row adds this much to the block that holds it:
** a little, so that a table joins the prose it stands in, or makes the
** story of a page that has no prose, but does not outweigh a story. */
#define STORY_TABLE_MIN 5
#define STORY_TABLE_NUMBERS 3
#define STORY_TABLE_ROW 5
/* Lines shorter than this that end no sentence score as headlines. */
#define STORY_SENTENCE_WORDS 20
#define STORY_HEADLINE -8
/* What an image costs a block, and a longer line with hardly a
** function word (a list of headlines, a table row). */
#define STORY_IMAGE -100
#define STORY_FEW_STOPWORDS -30
/* What a rail heading costs a block that spans it ("Related" lines also
** stand inside stories), and a comments heading (nothing after it is
** the story's). */
#define STORY_END -100000
#define STORY_BARRIER -100

/* Function words of the languages news is most often scraped in; a
** line of prose has many, a menu or a headline few. */
static const char *const story_stopwords[] = {
    /* English */
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at",
    "for", "with", "from", "by", "as", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "it", "its", "that", "this", "which",
    "who", "he", "she", "they", "we", "his", "her", "their", "not", "will",
    "would", "said", "says", "than", "into", "about", "after", "there",
    /* Spanish, Portuguese, French, Italian */
    "el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una",
    "por", "con", "para", "se", "es", "o", "os", "da", "do", "das", "dos",
    "e", "em", "um", "uma", "le", "les", "des", "du", "et", "est", "il",
    "di", "che", "non", "per", "sono",
    /* German, Dutch */
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "ein",
    "eine", "zu", "het", "een", "van", "zijn",
    /* Indonesian, Malay */
    "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "ke",
    "tidak", "akan", "karena", "jadi", "juga", "sudah", "pada", "adalah",
    "dalam", "atau", "bisa", "kita", "mereka", "oleh", "telah", "ada",
    "tapi", "seperti",
    /* Russian (UTF-8) */
    "\xd0\xb8", "\xd0\xb2", "\xd0\xbd\xd0\xb0", "\xd1\x81",
    "\xd0\xbd\xd0\xb5", "\xd1\x87\xd1\x82\xd0\xbe", "\xd0\xbf\xd0\xbe",
};

#define STORY_N_STOPWORDS (sizeof story_stopwords / sizeof *story_stopwords)

/* The function words chained by their length and first and last bytes:
** built once per page, so that each word of a line is compared with one
** or two of them, and only with those as long as itself. */
typedef struct {
    unsigned short head[256];   /* 1 + the first word's index; 0: none */
    unsigned short next[STORY_N_STOPWORDS];
    unsigned char len[STORY_N_STOPWORDS];
} story_stop_index;

static unsigned story_stop_bucket(const char *w, size_t n)
{
    return ((unsigned char)w[0] * 31u + (unsigned char)w[n - 1] * 7u +
            (unsigned)n) & 0xFFu;
}

static void story_stop_index_init(story_stop_index *x)
{
    memset(x->head, 0, sizeof x->head);
    for (size_t i = STORY_N_STOPWORDS; i-- > 0;) {
        size_t n = strlen(story_stopwords[i]);
        unsigned b = story_stop_bucket(story_stopwords[i], n);
        x->len[i] = (unsigned char)n;
        x->next[i] = x->head[b];
        x->head[b] = (unsigned short)(i + 1);
    }
}

static int story_is_stopword(const story_stop_index *x, const char *w,
                             size_t n)
{
    char low[8];
    if (n >= sizeof low)
        return 0;   /* function words are short */
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    for (unsigned i = x->head[story_stop_bucket(low, n)]; i;
         i = x->next[i - 1])
        if (x->len[i - 1] == n && memcmp(low, story_stopwords[i - 1], n) == 0)
            return 1;
    return 0;
}

/* The share of function words, with the index built by the caller: a
** page's lines are all measured against the same one. */
static int story_stop_share(const story_stop_index *x, const char *line)
{
    size_t words = 0, stop = 0;
    /* Letters, digits, the apostrophe and every byte from 0x80 (the
    ** locale's isalnum() adds nothing below 0x80). */
    for (const char *p = line; *p;) {
        while (*p && !pxe_in_word[(unsigned char)*p])
            p++;
        const char *w = p;
        while (pxe_in_word[(unsigned char)*p])
            p++;
        if (p > w) {
            words++;
            stop += story_is_stopword(x, w, (size_t)(p - w));
        }
    }
    return words ? (int)(stop * 100 / words) : 0;
}

int pxe_stopword_share(const char *line)
{
    story_stop_index x;
    story_stop_index_init(&x);
    return story_stop_share(&x, line);
}

/* pxe_text_words() of a line of `raw` words (pxe_word_count()) and len
** bytes, for a caller that needs those as well. */
static size_t story_text_words(const char *line, size_t raw, size_t len)
{
    /* Unspaced scripts (Japanese, Chinese): a sentence is one "word" to
    ** the count above; two characters carry about what a word does. */
    if (len > raw * 12) {
        size_t chars = 0;
        for (const char *p = line; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        return chars / 2;
    }
    return raw;
}

size_t pxe_text_words(const char *line)
{
    return story_text_words(line, pxe_word_count(line), strlen(line));
}

/* Digits among the line's characters, in percent: results and tables. */
static int story_digit_share(const char *s)
{
    size_t digits = 0, n = 0;
    for (; *s; s++, n++)
        digits += isdigit((unsigned char)*s) != 0;
    return n ? (int)(digits * 100 / n) : 0;
}

/* How many of the line's words are numbers ("5040", "-12.99", "$3"). */
static size_t story_numbers(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (p > w && (*w == '-' || *w == '+' || *w == '$') && p - w > 1)
            w++;
        n += p > w && (unsigned)*w - '0' < 10u;
    }
    return n;
}

static int story_tail_free(const pxe_line *l);

/* A row of a table: short, several numbers, no links, and kept by the
** chrome rules or dropped only for following the last paragraph. */
static int story_table_row(const pxe_line *l, size_t *numbers)
{
    /* The numbers are only counted (and *numbers only read) for a short
    ** line that may be a row: a paragraph is not read to its end. */
    return story_tail_free(l) &&
           !(l->flags & (PXE_LF_LINKS | PXE_LF_IMAGE | PXE_LF_ALT)) &&
           pxe_word_count_max(l->text, 30) <= 30 &&
           (*numbers = story_numbers(l->text)) >= STORY_TABLE_NUMBERS;
}

/* Rows of a table score as furniture, one by one (few function words);
** a run of STORY_TABLE_MIN rows with about as many numbers each is a
** table, the content of a results or standings page: its rows get
** STORY_TABLE_ROW each instead. */
static void story_tables(const pxe_lines *ls, int *sc)
{
    size_t i = 0, num, prev;
    while (i < ls->n) {
        if (!story_table_row(&ls->v[i], &prev)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < ls->n && story_table_row(&ls->v[j], &num) &&
               num + 1 >= prev && num <= prev + 1) {
            prev = num;
            j++;
        }
        for (size_t k = i; j - i >= STORY_TABLE_MIN && k < j; k++)
            sc[k] = STORY_TABLE_ROW;
        i = j;
    }
}

/* The share of function words a line is scored by: an unspaced script
** has none to count, and is given a middling share. */
static int story_line_stop(const story_stop_index *x, const char *t,
                           int unspaced)
{
    return unspaced ? 30 : story_stop_share(x, t);
}

/* The line's contribution to a story block, in tenths.  The share of
** function words is only measured for the lines whose score needs it. */
static int story_score(const story_stop_index *x, const pxe_line *l,
                       size_t *words_out)
{
    size_t raw = pxe_word_count(l->text), len = strlen(l->text);
    size_t words = story_text_words(l->text, raw, len);
    *words_out = words;   /* pxe_text_words(): the block's size counts it */
    int unspaced = raw * 12 < len;
    if (l->flags & PXE_LF_IMAGE)
        return STORY_IMAGE;
    /* A "Related" or "Comments" heading ends the story: what follows may
    ** be prose, but it is other stories' or readers'. */
    if (l->role == PXE_LINE_CHROME && l->why &&
        strcmp(l->why, "rail heading") == 0)
        return STORY_BARRIER;
    if (l->role == PXE_LINE_CHROME && l->why &&
        strcmp(l->why, "comments heading") == 0)
        return STORY_END;
    /* Chrome and link lines long enough to be prose cost nothing. */
    size_t prose = l->role == PXE_LINE_CHROME ? 25
                   : (l->flags & PXE_LF_LINKS) ? 20 : 0;
    if (prose)
        return words >= prose && story_line_stop(x, l->text, unspaced) >= 25
                   ? 0 : -15;
    if (words < 8)
        return (l->flags & PXE_LF_ITEM) ? -12 : -8;
    int stop = story_line_stop(x, l->text, unspaced);
    /* Few function words: a list of names or headlines, a table row —
    ** unless it runs as long as a paragraph (a language whose function
    ** words the list above lacks). */
    if (stop < 12)
        return words >= 25 && pxe_ends_sentence(l->text) &&
                       story_digit_share(l->text) < 5
                   ? (int)(words > 80 ? 80 : words) / 2
                   : STORY_FEW_STOPWORDS;
    /* A headline-sized line that is no sentence is a link to another
    ** story (a rail), however many of them stand in a row. */
    if (words < STORY_SENTENCE_WORDS && !pxe_ends_sentence(l->text))
        return STORY_HEADLINE;
    int s = (int)(words > 80 ? 80 : words) + stop / 3;
    if (pxe_ends_sentence(l->text))
        s += s / 2;
    if (l->flags & PXE_LF_ITEM)
        s /= 3;
    return s;
}

/* The densest block among lines [0, n) by their scores sc: its bounds
** and its words (wd: each line's, counted as pxe_text_words() counts). */
static size_t story_block(const size_t *wd, const int *sc, size_t n,
                          size_t *from_out, size_t *to_out)
{
    long best = 0, run = 0;
    size_t best_from = 0, best_to = 0, from = 0, words = 0;
    for (size_t i = 0; i < n; i++) {
        if (run <= 0) {
            run = 0;
            from = i;
        }
        run += sc[i];
        if (run > best) {
            best = run;
            best_from = from;
            best_to = i + 1;
        }
    }
    for (size_t i = best_from; i < best_to; i++)
        words += wd[i];
    *from_out = best_from;
    *to_out = best_to;
    return words;
}

/* The story's first paragraph is often cut off from the rest by an
** advert, a video or a "Continue reading" line: a paragraph just above
** the block, across a few chrome lines, belongs to it. */
static size_t story_reach_back(const int *sc, size_t from)
{
    for (int again = 1; again;) {
        int gap = 0;
        again = 0;
        for (size_t k = from; k-- > 0 && from - k <= STORY_REACH;) {
            if (sc[k] >= STORY_REACH_PROSE && gap >= STORY_REACH_GAP) {
                from = k;
                again = 1;
                break;
            }
            gap += sc[k];
        }
    }
    return from;
}

/* Whether a line below the story may still be taken back into it: kept,
** or dropped only for following the story's last paragraph. */
static int story_tail_free(const pxe_line *l)
{
    return l->role == PXE_LINE_BODY ||
           (l->why && strcmp(l->why, "after the story") == 0);
}

/* How often the line holds sep. */
static size_t story_count(const char *t, const char *sep)
{
    size_t n = 0;
    for (const char *p = strstr(t, sep); p; p = strstr(p + strlen(sep), sep))
        n++;
    return n;
}

/* A line of a schedule or a table of results: a number and a separator
** ("June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre"), no link.
** Two or three such lines may have been joined as one wrapped line: each
** separator allows as many words again. */
static int story_list_line(const pxe_line *l)
{
    static const char *const seps[] = {" \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                       " - ", " -- ", " @ ", ": "};
    const char *t = l->text;
    size_t items = 0;
    for (size_t i = 0; i < PXE_COUNT(seps); i++) {
        size_t n = story_count(t, seps[i]);
        items = n > items ? n : items;
    }
    return items && strpbrk(t, "0123456789") &&
           pxe_word_count_max(t, 25 * items) <= 25 * items &&
           !(l->flags & (PXE_LF_LINKS | PXE_LF_IMAGE)) && story_tail_free(l);
}

/* A story may end with a list (tour dates, results): a run of at least
** STORY_LIST_MIN such lines right after the block, under a short heading
** or none, belongs to it.  Returns the block's new end. */
static size_t story_list_tail(pxe_lines *ls, size_t to)
{
    size_t i = to;
    if (i < ls->n && pxe_word_count_max(ls->v[i].text, 8) <= 8 &&
        !story_list_line(&ls->v[i]) && story_tail_free(&ls->v[i]))
        i++;   /* "The Doobie Brothers Tour Dates" */
    size_t j = i;
    while (j < ls->n && story_list_line(&ls->v[j]))
        j++;
    if (j - i < STORY_LIST_MIN)
        return to;
    for (size_t k = to; k < j; k++) {
        ls->v[k].role = PXE_LINE_BODY;
        ls->v[k].why = NULL;
    }
    return j;
}

void pxe_story_find(pxe_lines *ls)
{
    size_t from, to, n = ls->n;
    /* Every line is scored and its words counted once; the block is
    ** looked for more than once. */
    int *sc = malloc((ls->n ? ls->n : 1) * sizeof *sc);
    size_t *wd = malloc((ls->n ? ls->n : 1) * sizeof *wd);
    if (!sc || !wd) {
        free(sc);
        free(wd);
        return;   /* a heuristic: without memory it is skipped */
    }
    story_stop_index x;
    story_stop_index_init(&x);
    for (size_t i = 0; i < ls->n; i++)
        sc[i] = story_score(&x, &ls->v[i], &wd[i]);
    story_tables(ls, sc);
    /* Readers' comments and the teasers of a rail are prose too, and may
    ** outweigh a short story: once a story stands above a comments
    ** heading (or a long one above a rail's), nothing below is looked at. */
    for (size_t k = 0; k < ls->n; k++) {
        const char *why = ls->v[k].why;
        size_t need = !why ? 0
                      : strcmp(why, "comments heading") == 0 ? STORY_MIN_WORDS
                      : strcmp(why, "rail heading") == 0 ? STORY_RAIL_CUT : 0;
        if (need && story_block(wd, sc, k, &from, &to) >= need) {
            n = k;
            break;
        }
    }
    /* Under STORY_MIN_WORDS there is no prose (a table of results): what
    ** chrome.c kept stays. */
    int found = story_block(wd, sc, n, &from, &to) >= STORY_MIN_WORDS;
    if (found)
        from = story_reach_back(sc, from);
    /* A table the block holds is the story's, though it ends the page. */
    for (size_t i = from; found && i < to; i++)
        if (sc[i] == STORY_TABLE_ROW && ls->v[i].role == PXE_LINE_CHROME) {
            ls->v[i].role = PXE_LINE_BODY;
            ls->v[i].why = NULL;
        }
    free(sc);
    free(wd);
    if (!found)
        return;
    to = story_list_tail(ls, to);
    ls->story_from = from;
    ls->story_to = to;
    for (size_t i = 0; i < ls->n; i++)
        if ((i < from || i >= to) && ls->v[i].role == PXE_LINE_BODY) {
            ls->v[i].role = PXE_LINE_CHROME;
            ls->v[i].why = "outside the story block";
        }
}
