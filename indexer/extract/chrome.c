/*
** chrome.c — telling the page around a story from the story.
**
** A line is dropped as chrome for one of these reasons, each named in the
** explain output:
**  - it is common on the pages of its site (learn.c counted it);
**  - it occurs more than once on the page (short lines only: menus and
**    "Sign up" buttons repeat, sentences of a story do not);
**  - its words are those of a form, an appeal, a footer, a notice, a share
**    bar, a "read more" link or a photo credit (the phrase tables of
**    chromephrase.c; weak phrases only count when they are nearly the
**    whole line);
**  - it belongs to a menu run (several short link-like lines in a row, or
**    one line of items split by "|" or "•");
**  - it follows a "Most popular" / "Related" heading as one of the rail's
**    headlines;
**  - it trails the story (short lines after the last paragraph).
** Long lines are only ever dropped for their site count or a strong phrase
** that marks the whole line (a copyright notice): quotes and paragraphs of
** the story survive.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* A line with at most this many words can be a menu item. */
#define CHROME_MENU_WORDS 3
/* Menu runs are at least this many items. */
#define CHROME_MENU_RUN 3
/* Lines repeated on the page are dropped up to this many words. */
#define CHROME_REPEAT_WORDS 25
/* A teaser card's heading and blurb are at most this many words, and the
** next card starts at most this many lines after a blurb. */
#define CHROME_CARD_HEAD 10
#define CHROME_CARD_BLURB 60
#define CHROME_CARD_BLURB_MIN 6
#define CHROME_CARD_GAP 3
/* A credit standing alone is at most this many words; the caption above
** it at most this many. */
#define CHROME_CREDIT_WORDS 8
#define CHROME_CAPTION_WORDS 60
/* An image's title above its caption ("Starship on the moon") is at most
** this many words: a headline above the lead image is longer. */
#define CHROME_IMAGE_TITLE 5

/* How many characters of a line's matching form tell repeats apart. */
#define CHROME_REPEAT_KEY 64
/* How many lines ahead the site's count of a line is fetched. */
#define CHROME_PREFETCH 4

/* Headings of rails of other stories. */
static const char *const chrome_rails[] = {
    "most popular", "most read", "most viewed", "trending", "related",
    "related stories", "related articles", "more from", "more stories",
    "top stories", "latest news", "latest", "editor's picks",
    "popular now", "what to read next", "read next", "more on this story",
    "recommended", "in other news", "also read", "read more",
    /* a bare "Comments" may be a button above the story */
    "comments", "discussion", "responses", "show comments", "view comments",
    "most read in", "more stories from", "related coverage", "popular on",
    "more in", "more news", "top news", "latest stories", "recent posts",
    "related posts", "you might also like", "around the web",
    "from our partners", "sponsored stories", "promoted stories",
    "you may also like", "more from", "you may have missed",
};

/* Headings of a short list of links inside a story ("More:", "See
** also:"): the items under them go, the story goes on after them. */
static const char *const chrome_link_heads[] = {
    "more", "see also", "read also", "also read", "also see",
};

/* Headings where readers' comments start. */
static const char *const chrome_comment_heads[] = {
    "leave a comment", "leave a reply", "join the conversation",
    "join the discussion", "reader comments", "add a comment",
    "post a comment", "no comments yet", "comments are closed",
    "comment from the forums",
};

/* "Published 11:26 pm EST, Tuesday, November 19, 2019": a stamp, read by
** the date step and not part of the story. */
static int chrome_stamp(const char *line, size_t words)
{
    static const char *const starts[] = {"published", "updated", "posted",
                                         "last updated", "first published",
                                         "modified"};
    return words <= 14 && strpbrk(line, "0123456789") &&
           pxe_prefix_in(line, starts, PXE_COUNT(starts));
}

/* "2. joetoronto says:": who wrote the comment under it. */
static int chrome_comment_author(const char *line, size_t words)
{
    if (words > 6)
        return 0;
    size_t n = strlen(line);
    return n > 5 &&
           (pxe_stristr(line + (n > 6 ? n - 6 : 0), " says:") ||
            pxe_stristr(line + (n > 7 ? n - 7 : 0), " wrote:"));
}

/* Whether the line holds " ago", "min read" or "minute read", ASCII case
** ignored as pxe_stristr() ignores it: one pass for the three. */
static int chrome_has_age(const char *line)
{
    for (const char *p = line; *p; p++) {
        if (*p == ' ' && pxe_ci_prefix(p + 1, "ago"))
            return 1;
        if ((*p | 0x20) == 'm' && (pxe_ci_prefix(p + 1, "in read") ||
                                   pxe_ci_prefix(p + 1, "inute read")))
            return 1;
    }
    return 0;
}

/* "5 hours ago", "3 min read", "Updated 10:42 GMT": a time stamp line. */
static int chrome_timestamp(const char *line, size_t words)
{
    if (words > 6)
        return 0;
    if (chrome_has_age(line))
        return 1;
    size_t digits = 0, letters = pxe_letter_count(line);
    for (const char *p = line; *p; p++)
        digits += isdigit((unsigned char)*p) != 0;
    return digits >= 2 && letters <= 12 && strchr(line, ':') != NULL;
}

static int chrome_menu_item(const char *line)
{
    if (strnlen(line, 41) > 40)
        return 0;   /* most lines: no word needs counting */
    size_t words = pxe_text_words(line);
    return words >= 1 && words <= CHROME_MENU_WORDS &&
           !pxe_ends_sentence(line) && !strchr(line, ',') &&
           !strstr(line, "\xE3\x80\x81");   /* "、" */
}

/* "Home | News | Sport | Opinion": items split by separators. */
static int chrome_menu_line(const char *line)
{
    size_t items = 1, words_in = 0, max_words = 0;
    for (const char *p = line; *p; p++) {
        /* "|", "•", "·", "»", byte by byte (this runs on every byte) */
        int sep = *p == '|' ||
                  (p[0] == '\xe2' && p[1] == '\x80' && p[2] == '\xa2') ||
                  (p[0] == '\xc2' && (p[1] == '\xb7' || p[1] == '\xbb'));
        if (sep) {
            items++;
            words_in = 0;
        } else if (isalnum((unsigned char)*p) &&
                   (p == line || !isalnum((unsigned char)p[-1]))) {
            if (++words_in > max_words)
                max_words = words_in;
            /* an item too long for a menu: the answer is already no */
            if (max_words > CHROME_MENU_WORDS)
                return 0;
        }
    }
    return items >= 3;
}

/* "Valley Ledger › News": a breadcrumb trail. */
static int chrome_breadcrumb(const char *line, size_t words)
{
    return words <= 10 &&
           (strstr(line, "\xe2\x80\xba") || strstr(line, "\xc2\xbb") ||
            strstr(line, " > ")) &&
           !pxe_ends_sentence(line);
}

static void chrome_drop(pxe_line *l, const char *why)
{
    if (l->role == PXE_LINE_BODY) {
        l->role = PXE_LINE_CHROME;
        l->why = why;
    }
}

static void chrome_menus(pxe_lines *ls)
{
    size_t i = 0;
    while (i < ls->n) {
        size_t j = i;
        /* Items already dropped for their words ("Home", "Sign in") still
        ** belong to the run. */
        while (j < ls->n && (ls->v[j].role == PXE_LINE_BODY ||
                             ls->v[j].role == PXE_LINE_CHROME) &&
               chrome_menu_item(ls->v[j].text))
            j++;
        if (j - i >= CHROME_MENU_RUN)
            for (size_t k = i; k < j; k++)
                chrome_drop(&ls->v[k], "menu run");
        i = j > i ? j : i + 1;
    }
}

/* A heading that opens readers' comments: "Comments", "12 Comments",
** "34 responses to “…”". */
static int chrome_is_comment_head(const char *line)
{
    if (strnlen(line, 201) > 200)   /* a paragraph is not read to its end */
        return 0;
    for (size_t i = 0;
         i < sizeof chrome_comment_heads / sizeof *chrome_comment_heads; i++)
        if (pxe_chrome_whole(line, chrome_comment_heads[i]))
            return 1;
    size_t d = strspn(line, "0123456789");
    if (d == 0 || line[d] != ' ' || pxe_word_count_max(line, 25) > 25)
        return 0;
    line += d + 1;
    return pxe_starts_with_ci(line, "responses to ") ||
           pxe_starts_with_ci(line, "comments on ") ||
           pxe_starts_with_ci(line, "thoughts on ") ||
           pxe_starts_with_ci(line, "replies to ");
}

/* "More:", "See also:" — with the colon: a bare "More" is a button. */
static int chrome_is_link_head(const char *line)
{
    size_t n = strlen(line);
    if (n < 2 || line[n - 1] != ':')
        return 0;
    for (size_t i = 0; i < PXE_COUNT(chrome_link_heads); i++)
        if (pxe_chrome_whole(line, chrome_link_heads[i]))
            return 1;
    return 0;
}

static int chrome_is_rail_head(const char *line)
{
    if (strnlen(line, 61) > 60)
        return 0;   /* headings are short; most lines are not */
    size_t words = pxe_word_count(line);
    /* "More Washington Examiner", "More In Trading Nation": more of a
    ** section or of the site ("More than …" starts a sentence). */
    if (words >= 2 && words <= 5 && strncmp(line, "More ", 5) == 0 &&
        isupper((unsigned char)line[5]) && !pxe_ends_sentence(line))
        return 1;
    char c0 = (char)tolower((unsigned char)line[0]);
    for (size_t i = 0; i < sizeof chrome_rails / sizeof *chrome_rails; i++) {
        if (chrome_rails[i][0] != c0)   /* the headings are lower case */
            continue;   /* both tests below need the heading's start */
        size_t n = strlen(chrome_rails[i]);
        if (pxe_chrome_whole(line, chrome_rails[i]))
            return 1;
        /* "Most read in world news", "More from The Hill": a rail's
        ** heading names its section; a sentence would run longer. */
        if (words <= 6 && pxe_ci_prefix(line, chrome_rails[i]) == n &&
            line[n] == ' ' && !pxe_ends_sentence(line) &&
            pxe_word_count(chrome_rails[i]) >= 2)
            return 1;
    }
    return 0;
}

static int chrome_paragraph_like(const char *line)
{
    size_t words = pxe_word_count_max(line, 15);
    return words >= 15 || (words >= 6 && pxe_ends_sentence(line));
}

/* "More:" and the list items or links under it. */
static size_t chrome_link_list(pxe_lines *ls, size_t i)
{
    chrome_drop(&ls->v[i], "links heading");
    while (i + 1 < ls->n &&
           (ls->v[i + 1].flags & (PXE_LF_ITEM | PXE_LF_LINKS)) &&
           pxe_word_count(ls->v[i + 1].text) <= 20)
        chrome_drop(&ls->v[++i], "rail of other headlines");
    return i;
}

/* A rail heading and the headlines and time stamps under it. */
static void chrome_rails_mark(pxe_lines *ls)
{
    for (size_t i = 0; i < ls->n; i++) {
        if (chrome_is_link_head(ls->v[i].text)) {
            i = chrome_link_list(ls, i);
            continue;
        }
        int comments = chrome_is_comment_head(ls->v[i].text);
        if (!comments && !chrome_is_rail_head(ls->v[i].text))
            continue;
        ls->v[i].role = PXE_LINE_CHROME;
        ls->v[i].why = comments ? "comments heading" : "rail heading";
        for (size_t j = i + 1; j < ls->n; j++) {
            const char *t = ls->v[j].text;
            if (chrome_paragraph_like(t) && pxe_ends_sentence(t))
                break;
            if (pxe_word_count_max(t, 20) > 20)
                break;
            chrome_drop(&ls->v[j], "rail of other headlines");
            i = j;
        }
    }
}

typedef struct {
    unsigned long long h;   /* hash of key: equal keys sort together */
    const char *key;        /* the line's matching form, once h is shared */
    size_t line;
} chrome_key;

static int chrome_key_cmp(const void *a, const void *b)
{
    const chrome_key *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    int c = x->key && y->key ? strcmp(x->key, y->key) : 0;
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* The keys of the lines whose hash another line shares (k sorted by hash
** and line), written one after another into one block (freed by the
** caller), each run of a hash then sorted by key; NULL without memory. */
static char *chrome_shared_keys(const pxe_lines *ls, chrome_key *k, size_t n)
{
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        if ((i > 0 && k[i - 1].h == k[i].h) || (i + 1 < n && k[i + 1].h == k[i].h))
            total += strlen(ls->v[k[i].line].text) + 1;
    char *block = malloc(total), *at = block;
    for (size_t g = 0; block && g < n;) {
        size_t e = g + 1;
        while (e < n && k[e].h == k[g].h)
            e++;
        for (size_t j = g; e - g > 1 && j < e; j++) {
            size_t len = strlen(ls->v[k[j].line].text) + 1;
            pxe_line_key(ls->v[k[j].line].text, at, len);
            k[j].key = at;
            at += strlen(at) + 1;
        }
        if (e - g > 2)
            qsort(k + g, e - g, sizeof *k, chrome_key_cmp);
        g = e;
    }
    return block;
}

typedef struct {
    unsigned long long h;
    size_t count;           /* 0: an empty slot */
} chrome_seen;

/* The hash lines are told apart by: of the opening of their matching form
** (lines with the same form share it; the few that share only their
** opening are told apart by their forms). */
static unsigned long long chrome_repeat_hash(pxe_line *l)
{
    /* A line of no more bytes than that has no more characters: its whole
    ** form's hash, which the line may keep already, is the same. */
    if (strnlen(l->text, CHROME_REPEAT_KEY + 1) <= CHROME_REPEAT_KEY)
        return pxe_line_key_hash(l);
    return pxe_key_hash_n(l->text, CHROME_REPEAT_KEY);
}

/* Keeps, of the keys k[0..n) (hashes set), those whose hash another
** shares, counted in an open table of at least twice as many slots
** (a power of two); returns how many are kept, or n without memory. */
static size_t chrome_keep_shared(chrome_key *k, size_t n)
{
    size_t cap = 64, mask, kept = 0;
    while (cap < 2 * n)
        cap *= 2;
    chrome_seen *t = calloc(cap, sizeof *t);
    if (!t)
        return n;   /* all of them go on to be sorted */
    mask = cap - 1;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            unsigned long long h = k[i].h;
            size_t at = (size_t)(h ^ h >> 29) & mask;
            while (t[at].count && t[at].h != h)
                at = (at + 1) & mask;
            if (pass == 0) {
                t[at].h = h;
                t[at].count++;
            } else if (t[at].count > 1) {
                k[kept++] = k[i];
            }
        }
    free(t);
    return kept;
}

/* Lines shown more than once on the page: the lines whose hash another
** line shares (a table of hashes finds them: a page may have tens of
** thousands of lines, few of them repeated) are sorted by hash and
** compared by their keys. */
static void chrome_repeats(pxe_lines *ls)
{
    chrome_key *k = calloc(ls->n ? ls->n : 1, sizeof *k);
    size_t n = 0;
    for (size_t i = 0; k && i < ls->n; i++) {
        const char *t = ls->v[i].text;
        if (t[strspn(t, " \t\n\v\f\r")])   /* an empty key is no line */
            k[n++] = (chrome_key){chrome_repeat_hash(&ls->v[i]), NULL, i};
    }
    n = k ? chrome_keep_shared(k, n) : 0;
    if (k)
        qsort(k, n, sizeof *k, chrome_key_cmp);
    char *block = k ? chrome_shared_keys(ls, k, n) : NULL;
    if (!block) {
        free(k);
        return;   /* a heuristic: without memory it is skipped */
    }
    for (size_t g = 0; g < n;) {
        size_t e = g + 1;
        while (e < n && k[g].h == k[e].h && strcmp(k[g].key, k[e].key) == 0)
            e++;
        /* A long line or a sentence shown twice (a notice; a summary and
        ** the paragraph it repeats) loses its later showings only: the
        ** first may be the story's. */
        const char *t = ls->v[k[g].line].text;
        size_t words = pxe_word_count_max(t, CHROME_REPEAT_WORDS);
        int long_line = words > CHROME_REPEAT_WORDS ||
                        (words >= 12 && pxe_ends_sentence(t));
        for (size_t j = g; e - g > 1 && j < e; j++)
            if (j > g || !long_line)
                chrome_drop(&ls->v[k[j].line], "repeated on this page");
        g = e;
    }
    free(block);
    free(k);
}

/* A teaser card of another story: a short heading, its image and a
** blurb of one line ("» Preview – GP do Brasil", "[f1-brasil.jpg]",
** "Clique e saiba os horários…").  Returns the blurb's index, or 0. */
static size_t chrome_card(const pxe_lines *ls, size_t i)
{
    if (i == 0 || i + 1 >= ls->n ||
        !(ls->v[i].flags & (PXE_LF_IMAGE | PXE_LF_ALT)))
        return 0;
    const pxe_line *head = &ls->v[i - 1], *blurb = &ls->v[i + 1];
    size_t words = pxe_word_count(blurb->text);
    /* The heading is a headline, or a link or rail line the rules above
    ** dropped for its shape, not a stamp or a share button. */
    int headline = head->role == PXE_LINE_BODY
                       ? !pxe_ends_sentence(head->text)
                       : head->role == PXE_LINE_CHROME && head->why &&
                             (strcmp(head->why, "breadcrumb") == 0 ||
                              strcmp(head->why, "rail of other headlines") ==
                                  0);
    if (!headline || pxe_word_count(head->text) > CHROME_CARD_HEAD ||
        blurb->role != PXE_LINE_BODY ||
        (blurb->flags & (PXE_LF_IMAGE | PXE_LF_ALT)) ||
        words < CHROME_CARD_BLURB_MIN || words > CHROME_CARD_BLURB)
        return 0;
    return i + 1;
}

/* A rail of teaser cards: two or more cards in a row, each next one
** within a few lines of the last blurb.  A story's own image stands
** between paragraphs, not between a heading and one short line, and not
** again and again. */
static void chrome_teasers(pxe_lines *ls)
{
    size_t first = 0, last = 0, cards = 0;
    for (size_t i = 1; i <= ls->n; i++) {
        size_t b = i < ls->n ? chrome_card(ls, i) : 0;
        if (b && cards && i - 1 <= last + CHROME_CARD_GAP) {
            cards++;
            last = b;
            continue;
        }
        if (i == ls->n || b) {
            for (size_t k = first; cards >= 2 && k <= last; k++)
                chrome_drop(&ls->v[k], "teaser of another story");
            first = i - 1;
            last = b;
            cards = b != 0;
        }
    }
}

/* Whether two lines open with the same six words: a caption shown twice,
** once with its credit glued on. */
static int chrome_same_opening(const char *a, const char *b)
{
    char ka[128], kb[128];
    pxe_line_key(a, ka, sizeof ka);
    pxe_line_key(b, kb, sizeof kb);
    size_t n = 0, words = 0;
    while (ka[n] && ka[n] == kb[n] && words < 6)
        words += ka[n++] == ' ';
    return words >= 6 || (ka[n] == '\0' && kb[n] == '\0' && n > 0);
}

/* The lines a caption or a credit makes captions of: a standalone credit
** ("Courtesy of Andrew Vaughan", "(Image: © TNG)") follows its caption,
** however long; a caption follows its image's short title ("Starship on
** the moon") or its own copy without the credit. */
static void chrome_captions_near(pxe_lines *ls)
{
    for (size_t i = 1; i < ls->n; i++) {
        const pxe_line *c = &ls->v[i];
        pxe_line *p = &ls->v[i - 1];
        if (c->role != PXE_LINE_CHROME || !c->why || p->role != PXE_LINE_BODY ||
            (strcmp(c->why, "photo caption") != 0 &&
             strcmp(c->why, "photo credit") != 0))
            continue;
        size_t words = pxe_word_count(p->text);
        /* A credit alone, not a short caption with its credit ("WeWork
        ** chairman Marcelo Claure (Credit: Getty Images)"). */
        int credit = pxe_word_count(c->text) <= CHROME_CREDIT_WORDS &&
                     !strchr(c->text + 1, '(') &&
                     !pxe_stristr(c->text, "image copyright");
        if (credit && words <= CHROME_CAPTION_WORDS)
            chrome_drop(p, "photo caption");
        else if (words <= CHROME_IMAGE_TITLE && !pxe_ends_sentence(p->text))
            chrome_drop(p, "photo caption");
        else if (chrome_same_opening(p->text, c->text))
            chrome_drop(p, "photo caption");
    }
}

/* Short lines after the story's last paragraph. */
static void chrome_trailing(pxe_lines *ls)
{
    size_t last = ls->n;
    for (size_t i = ls->n; i-- > 0;)
        if (ls->v[i].role == PXE_LINE_BODY &&
            chrome_paragraph_like(ls->v[i].text)) {
            last = i;
            break;
        }
    if (last == ls->n)
        return;
    for (size_t i = last + 1; i < ls->n; i++)
        if (pxe_word_count_max(ls->v[i].text, 12) < 12 &&
            !pxe_ends_sentence(ls->v[i].text))
            chrome_drop(&ls->v[i], "after the story");
}

/* Why a line is chrome by its own words and shape, or NULL.  Its words
** (up to 81) and phrases are found once for all the tests. */
static const char *chrome_line_why(const pxe_ctx *ctx, const pxe_line *l,
                                   int structured)
{
    const char *t = l->text, *why;
    size_t words = pxe_word_count_max(t, 80);
    pxe_chrome_hits h = {t, words, 0, 0};
    pxe_chrome_hits_find(ctx, &h);
    if ((why = pxe_chrome_phrase_of(&h)))
        return why;
    if (chrome_timestamp(t, words) || chrome_stamp(t, words))
        return "time stamp";
    if (pxe_chrome_caption(&h))
        return "photo caption";
    if (chrome_comment_author(t, words))
        return "comment author";
    if (!structured && chrome_menu_line(t))
        return "menu line";
    if (chrome_breadcrumb(t, words))
        return "breadcrumb";
    return (l->flags & PXE_LF_ALT) ? "image name" : NULL;
}

void pxe_chrome_mark(const pxe_ctx *ctx, pxe_lines *ls, const char *site,
                     int structured)
{
    /* The site is looked up once for all its lines. */
    unsigned long long key = 0;
    size_t pages = site ? pxe_learn_site(ctx, site, &key) : 0;
    for (size_t i = 0; i < ls->n; i++) {
        pxe_line *l = &ls->v[i];
        const char *why;
        if (pages && i + CHROME_PREFETCH < ls->n)
            pxe_learn_prefetch(ctx, key, &ls->v[i + CHROME_PREFETCH]);
        if (l->role != PXE_LINE_BODY)
            continue;
        if (pages && pxe_learn_common_in(ctx, key, pages, l))
            chrome_drop(l, "common on this site's pages");
        else if ((why = chrome_line_why(ctx, l, structured)))
            chrome_drop(l, why);
    }
    chrome_repeats(ls);
    chrome_rails_mark(ls);
    chrome_teasers(ls);
    if (!structured) {
        chrome_captions_near(ls);
        chrome_menus(ls);
        chrome_trailing(ls);
    }
}
