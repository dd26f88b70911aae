/*
** extract_int.h — what the modules of indexer/extract/ share and nobody
** else sees: a growable buffer, the line list a result is built from,
** small text predicates, and each module's internal entry points.
*/
#ifndef PXE_EXTRACT_INT_H
#define PXE_EXTRACT_INT_H

#include <stddef.h>

#include "extract.h"

/* ---- the context (outlets.c, learn.c) ------------------------------ */

typedef struct {
    char *key;        /* matching form: domain, or name key */
    char *canon;      /* canonical name */
    int is_domain;
    int wire;         /* the outlet is a news agency */
} pxe_alias;

struct pxe_learn;
struct pxe_layouts;
struct pxe_chrome_scan;

struct pxe_ctx {
    pxe_alias *aliases;
    size_t n_aliases, cap_aliases;
    struct pxe_learn *learn;
    /* Layouts of the first pass kept for extraction (layouts.c), and the
    ** memory they may take. */
    struct pxe_layouts *layouts;
    size_t keep_layouts;
    /* The chrome phrase tables as one automaton (chrome.c); NULL when it
    ** could not be built, and the tables are searched phrase by phrase. */
    struct pxe_chrome_scan *chrome;
};

/* learn.c */
void pxe_learn_free(struct pxe_learn *l);
/* pxe_learn_text() for lines already split and collapsed (a result's,
** or a page's layout). */
px_status pxe_learn_lines(pxe_ctx *ctx, const char *site, pxe_line *v,
                          size_t n_lines, px_err *err);

/* ---- util.c -------------------------------------------------------- */

typedef struct {
    char *s;          /* NUL-terminated when s != NULL */
    size_t len, cap;
    int oom;          /* a failed append sets it; later appends do nothing */
} pxe_buf;

void pxe_buf_add(pxe_buf *b, const char *s, size_t n);
/* Room for n more bytes at once, for a caller that knows how many it
** will add (growing by doubling copies a long line several times). */
void pxe_buf_reserve(pxe_buf *b, size_t n);
void pxe_buf_adds(pxe_buf *b, const char *s);
void pxe_buf_addc(pxe_buf *b, char c);
/* Appends s/n with every run of white space turned into one space. */
void pxe_buf_add_collapsed(pxe_buf *b, const char *s, size_t n);
/* Returns the buffer's string (malloc'd, caller frees; "" when empty) and
** resets the buffer; NULL when memory ran out. */
char *pxe_buf_take(pxe_buf *b);
void pxe_buf_free(pxe_buf *b);

/* A copy of s/n with surrounding space trimmed and inner runs collapsed;
** NULL when out of memory. */
char *pxe_collapse(const char *s, size_t n);
char *pxe_strdup(const char *s);
/* Case-insensitive (ASCII) search; NULL when absent. */
const char *pxe_stristr(const char *hay, const char *needle);
int pxe_starts_with_ci(const char *s, const char *prefix);
/* strlen(prefix) when s starts with prefix ignoring ASCII case, else 0. */
size_t pxe_ci_prefix(const char *s, const char *prefix);
/* Lower-cases the ASCII letters of s in place (pxe_stristr's folding). */
void pxe_ascii_lower(char *s);
/* The byte pairs of a text, ASCII case folded, folded into 4096 bits: a
** phrase with a pair the text lacks cannot occur in it, so most of a
** table of phrases is turned away without searching the text for each.
** pxe_pairs_may_hold() is never wrong when it says no. */
typedef struct {
    unsigned long long bits[64];
} pxe_pairs;
void pxe_pairs_of(pxe_pairs *p, const char *s);
int pxe_pairs_may_hold(const pxe_pairs *p, const char *phrase);
/* The length of the first of `list` (count entries) that s starts with,
** ignoring case; 0 when none. */
size_t pxe_prefix_in(const char *s, const char *const *list, size_t count);
#define PXE_COUNT(a) (sizeof (a) / sizeof *(a))
/* scan.c: every occurrence of many phrases in one pass over a text, ASCII
** case folded as pxe_stristr() folds.  hit() is told each phrase's index
** and where it starts, in the order the occurrences end; a nonzero return
** stops the scan and is returned. */
typedef struct pxe_scan pxe_scan;
typedef int (*pxe_scan_hit)(void *arg, size_t phrase, size_t at);
pxe_scan *pxe_scan_new(const char *const *phrases, size_t n);
void pxe_scan_free(pxe_scan *s);
int pxe_scan_run(const pxe_scan *s, const char *text, pxe_scan_hit hit,
                 void *arg);
/* ASCII letters and digits, as the C locale's isalpha()/isalnum() say,
** inline for the loops that ask it of every byte. */
static inline int pxe_is_alpha(int c)
{
    return (unsigned)(c | 0x20) - 'a' < 26u;
}

static inline int pxe_is_alnum(int c)
{
    return (unsigned)c - '0' < 10u || pxe_is_alpha(c);
}

/* Inline: it is asked of every byte of every page. */
static inline int pxe_is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}
/* 1 for the bytes inside a word as pxe_word_count() counts them (letters,
** digits, the apostrophe and every byte from 0x80), else 0. */
extern const unsigned char pxe_in_word[256];
/* Words (runs of letters/digits, a non-ASCII byte counting as a letter). */
size_t pxe_word_count(const char *s);
/* pxe_word_count(), but stops counting past max (then returns max + 1):
** for comparing a long line's words with a small bound. */
size_t pxe_word_count_max(const char *s, size_t max);
/* Words among the first n bytes of s. */
size_t pxe_word_count_n(const char *s, size_t n);
/* Letters among the characters (non-ASCII lead bytes count as letters). */
size_t pxe_letter_count(const char *s);
/* Ends with sentence punctuation (. ! ? … or a closing quote after one). */
int pxe_ends_sentence(const char *s);
/* The line's matching form for counting: lower-cased, digits as '0',
** white space collapsed.  Writes into buf (truncating). */
void pxe_line_key(const char *s, char *buf, size_t size);
/* A 64-bit hash of pxe_line_key() of s, without writing the key out;
** pxe_line_key_hash() keeps a line's in it (in key_h). */
unsigned long long pxe_key_hash(const char *s);
unsigned long long pxe_line_key_hash(pxe_line *l);
/* A hash of the first max characters of the matching form (spaces aside):
** lines with the same form have the same, and a long line is not read to
** its end.  pxe_key_hash() is this without a bound; both mix the form's
** bytes eight at a time (util.c). */
unsigned long long pxe_key_hash_n(const char *s, size_t max);
/* Sets a field (value copied; NULL clears).  Returns 0, -1 on ENOMEM. */
int pxe_field_set(pxe_field *f, const char *value, const char *source,
                  int confidence);
/* Host of a URL, lower-cased, without "www." (into buf); 0 when none. */
int pxe_url_host(const char *url, char *buf, size_t size);

/* ---- lines of a result --------------------------------------------- */

/* A host the page links to or names, and how often. */
typedef struct {
    char *host;          /* registered domain, lower case */
    unsigned count;
} pxe_host;

typedef struct {
    pxe_line *v;
    size_t n, cap;
    int oom;
    /* The story block [story_from, story_to) found by pxe_story_find();
    ** story_to == 0 when none was looked for (HTML bodies). */
    size_t story_from, story_to;
    /* Hosts of the page's links, images, e-mail addresses and bare
    ** domains: evidence of the site the page belongs to. */
    pxe_host *hosts;
    size_t n_hosts, cap_hosts;
    /* Dates in the paths of the page's links ("YYYY-MM-DD" in .host):
    ** share and comment links repeat the page's own URL. */
    pxe_host *url_dates;
    size_t n_url_dates, cap_url_dates;
    /* The text the lines were read from (borrowed from the caller, alive
    ** while the lines are read; NULL for an HTML body): what the layout
    ** drops, such as a printed URL's path, can be read again there. */
    const char *raw;
    size_t raw_len;
    /* Set by a caller that wants the lines only (learning): the layout
    ** then counts no hosts and no URL dates. */
    int lines_only;
} pxe_lines;

/* Counts one mention of the registered domain of `host`. */
void pxe_lines_host(pxe_lines *ls, const char *host);
/* Counts one more link whose path holds `date`. */
void pxe_lines_url_date(pxe_lines *ls, const char *date);
/* The most frequent entry of a tally and its count (NULL, 0: empty). */
const pxe_host *pxe_tally_top(const pxe_host *v, size_t n);
/* The registered domain of a host ("www.news.example.co.uk" ->
** "example.co.uk"), into buf; 0 when host is not a domain. */
int pxe_registered_domain(const char *host, char *buf, size_t size);

/* Appends a line (text copied, collapsed); returns its index or -1. */
long pxe_lines_add(pxe_lines *ls, const char *s, size_t n, int para);
/* The same for a malloc'd string of n bytes, which is collapsed in place
** and owned by the list from then on (freed here when it cannot be). */
long pxe_lines_add_owned(pxe_lines *ls, char *s, size_t n, int para);
void pxe_lines_free(pxe_lines *ls);
/* Joins the body lines: paragraphs by "\n\n", other lines by "\n". */
char *pxe_lines_body(const pxe_lines *ls);

/* ---- dates.c ------------------------------------------------------- */

/* A date written somewhere in s.  want_year: the year to assume for a
** day-and-month without one (0: such dates are not accepted).  On success
** writes "YYYY-MM-DD", sets *at and *len to where the date text is, and
** returns 1. */
int pxe_date_find(const char *s, int want_year, char out[11], size_t *at,
                  size_t *len);
/* A date in a URL path (/2025/03/04/, /2025-03-04-, /20250304/). */
int pxe_date_from_url(const char *url, char out[11]);
/* A month and year without a day ("November 2019"), as "YYYY-MM-01":
** for a page that gives no more.  Same contract as pxe_date_find. */
int pxe_date_find_month(const char *s, char out[11], size_t *at,
                        size_t *len);
/* A year and month in a URL path (/2025/02/, /2025.02/), "YYYY-MM-01". */
int pxe_date_month_from_url(const char *url, char out[11]);
/* Normalises an ISO-ish or written date (meta tags, JSON-LD). */
int pxe_date_normalise(const char *s, char out[11]);

/* ---- outlets.c ----------------------------------------------------- */

/* Canonical wire name when s names a news agency ("AP", "Reuters", "Agence
** France-Presse"…), else NULL.  Built-in agencies plus alias rows marked
** "wire".  Static or context-owned. */
const char *pxe_wire_name(const pxe_ctx *ctx, const char *s);
/* Finds a wire attribution in a line ("(Reuters) -", "— AFP", "© 2025 The
** Associated Press", "Reporting by … Editing by …").  NULL when none. */
const char *pxe_wire_in_line(const pxe_ctx *ctx, const char *line);
/* Site model: is this line common on the site's pages?  Fills the counts. */
int pxe_learn_is_common(const pxe_ctx *ctx, const char *site,
                        const char *line, size_t *pages, size_t *with_line);
/* The same for many lines of one site: pxe_learn_site() gives the pages
** learnt of the site (0: none) and its key, pxe_learn_common_in() asks of
** one line what pxe_learn_is_common() does. */
size_t pxe_learn_site(const pxe_ctx *ctx, const char *site,
                      unsigned long long *key);
int pxe_learn_common_in(const pxe_ctx *ctx, unsigned long long key,
                        size_t pages, pxe_line *l);
/* Starts loading the slot pxe_learn_common_in() will read for l into the
** cache (the site's table is large, and each line reads one slot), when
** l keeps its hash already. */
void pxe_learn_prefetch(const pxe_ctx *ctx, unsigned long long key,
                        const pxe_line *l);

/* ---- layouts.c ---------------------------------------------------- */

void pxe_layouts_free(struct pxe_layouts *k);
/* Whether the first pass may still keep a layout (then it reads the page's
** layout in full, hosts and all, as extraction would). */
int pxe_layouts_room(const pxe_ctx *ctx);
/* Keeps the layout ls of text (moved out of ls, which is left empty) when
** the budget allows; returns 1 when kept, 0 when ls is still the caller's. */
int pxe_layouts_keep(pxe_ctx *ctx, const char *text, size_t len,
                     pxe_lines *ls);
/* Moves the kept layout of text into ls (empty before); 0 when none is
** kept, and ls is to be read from the text. */
int pxe_layouts_take(const pxe_ctx *ctx, const char *text, size_t len,
                     pxe_lines *ls);

/* ---- text.c -------------------------------------------------------- */

/* The lines of scraped page text as extraction sees them (wrapped lines
** rejoined, markdown reduced to text, flags set): what the first pass
** learns, without extracting.  -1 when memory ran out. */
int pxe_text_layout(const char *text, size_t len, pxe_lines *ls);

/* ---- textdomain.c -------------------------------------------------- */

/* Spellings of a name found on the page, and how often each. */
#define PXE_SPELLINGS 16
typedef struct {
    char name[PXE_SPELLINGS][96];
    int count[PXE_SPELLINGS];
    size_t n;
} pxe_names;
/* Counts one more showing of s/len (ignored when too long or when the
** tally is full). */
void pxe_names_add(pxe_names *t, const char *s, size_t len);
/* The most frequent spelling (the first of equals); -1 when none. */
long pxe_names_best(const pxe_names *t);
/* How the page spells its domain: the best spelling, how often it is
** written, and how often any spelling without a dot is. */
typedef struct {
    char name[96];
    int count;      /* of that spelling */
    int words;      /* of every spelling without a dot ("Moneycontrol") */
    int trusted;    /* written often enough, or as the domain itself */
} pxe_spelling;
/* Every span of one to five words of the page that spells the domain
** dom, counted by spelling; the best one is the site's own. */
void pxe_domain_spelling(const pxe_lines *ls, const char *dom,
                         pxe_spelling *out);
/* Whether dom is a platform's (social network, CDN, ad server…). */
int pxe_is_platform(const char *dom);
/* The page's own domain into buf: its URL's when known (*count is then
** PXE_FROM_URL), else the host it names most; NULL when none. */
#define PXE_FROM_URL 1000000u
const char *pxe_page_domain(const pxe_lines *ls, const char *url, char *buf,
                            size_t size, unsigned *count);

/* ---- story.c ------------------------------------------------------- */

/* Finds the story block of a scraped page (sets ls->story_from/to) and
** drops the lines outside it as chrome; lines already given a role keep
** it.  Needs the chrome marks of pxe_chrome_mark() first. */
void pxe_story_find(pxe_lines *ls);
/* Share (0..100) of the line's words that are function words of a
** common language: high in prose, low in menus, names and headlines. */
int pxe_stopword_share(const char *line);
/* Words of the line, counting a long run of unspaced script (Japanese,
** Chinese) as one word per three characters. */
size_t pxe_text_words(const char *line);

/* ---- chrome.c ------------------------------------------------------ */

/* Classifies every line of ls (roles and reasons) for chrome; the lines
** already given a non-body role are left alone.  site may be NULL. */
void pxe_chrome_mark(const pxe_ctx *ctx, pxe_lines *ls, const char *site,
                     int structured);
/* Reasons a single line is chrome by its words alone, or NULL. */
const char *pxe_chrome_phrase(const char *line);

/* ---- chromephrase.c ------------------------------------------------ */

/* The automaton of the phrase tables, for a pxe_ctx; NULL when out of
** memory. */
struct pxe_chrome_scan *pxe_chrome_scan_new(void);
void pxe_chrome_scan_free(struct pxe_chrome_scan *c);
/* What the phrase tables find in a line of `words` words (counted up to
** 81): the strong phrase that marks it, if any, and whether it holds a
** photo credit.  Set line and words; pxe_chrome_hits_find() does the
** rest, in one pass when the ctx has its automaton. */
typedef struct {
    const char *line;
    size_t words;
    size_t strong;    /* index of the strong phrase; past the table: none */
    int credit;
} pxe_chrome_hits;
void pxe_chrome_hits_find(const pxe_ctx *ctx, pxe_chrome_hits *h);
/* pxe_chrome_phrase() of the line of h. */
const char *pxe_chrome_phrase_of(const pxe_chrome_hits *h);
/* Whether the line of h is a photo caption by its credit. */
int pxe_chrome_caption(const pxe_chrome_hits *h);
/* Whether a line is the phrase, ignoring case, but for trailing marks
** (" *:.!>»›"). */
int pxe_chrome_whole(const char *line, const char *phrase);

/* ---- textmeta.c ---------------------------------------------------- */

/* Reads title, author, date, outlet and wire out of the lines (a scraped
** page or the text of an HTML body), filling only fields r does not have
** yet and marking the lines it used as title/meta. */
int pxe_textmeta(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                 const pxe_hints *h);
/* Strips " | Site" / " - Site" from a title when the suffix is the outlet
** or a short name; returns a malloc'd copy (NULL on ENOMEM). */
char *pxe_title_strip_site(const char *title, const char *outlet);
/* Canonical outlet for a candidate (alias match), or the candidate. */
int pxe_set_outlet(const pxe_ctx *ctx, pxe_result *r, const char *cand,
                   const char *source, int confidence);
/* The name a page gives itself in a copyright line, an appeal or a "Read
** Full Article at" link, looking from the bottom; malloc'd or NULL. */
char *pxe_text_named_outlet(const pxe_lines *ls);
/* Finds the byline around line `anchor` (the headline, or the story's
** start), sets r->author when unset, marks the line; returns the line's
** index or -1. */
long pxe_text_author(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                     long anchor);
/* The outlet of a "NAME for OUTLET" byline (malloc'd), or NULL. */
char *pxe_byline_for_outlet(const char *line);
/* Whether the name's last word is how newspapers' and magazines' names
** end ("Today", "Tribune", "Post-Dispatch"); n: the name's length. */
int pxe_masthead_name(const char *name, size_t n);
/* Where a paper's name starts in a byline that runs a writer's name into
** it ("Elliot Brownstein Florida Today" -> 18); 0 when it names none. */
size_t pxe_byline_org_start(const char *name);
/* Two to four words, each capitalised: how names are written. */
int pxe_name_capitalised(const char *s);
/* Parses "By NAME …" shapes; returns a malloc'd author or NULL. */
char *pxe_byline_author(const char *line);

/* ---- textdate.c, textoutlet.c ------------------------------------- */

/* Chooses the publication date among the dates written near the headline
** and byline (title_at, byline_at: their lines, -1 when none), scoring
** each by where it stands and what the line says; records candidates. */
void pxe_text_date(pxe_lines *ls, pxe_result *r, const pxe_hints *h,
                   long title_at, long byline_at);
/* Chooses the outlet from the hosts the page names and the names it
** gives itself (copyright, appeals, its own name written like its
** domain); records candidates. */
void pxe_text_outlet(const pxe_ctx *ctx, pxe_lines *ls, pxe_result *r,
                     const pxe_hints *h, long title_at, long byline_at);

/* ---- textself.c ---------------------------------------------------- */

/* The page's own address as it prints it: an absolute URL in the text
** (wrapped onto the next line or not) whose path spells the headline;
** into buf, 1 when found. */
int pxe_own_url(const pxe_lines *ls, const char *headline, char *buf,
                size_t size);
/* A name run together of capitals in the page's first lines
** ("ProFootballTalk") whose capitals the page writes as a word ("PFT");
** malloc'd or NULL, with the lines that abbreviation stands on. */
char *pxe_abbreviated_name(const pxe_lines *ls, int *count);
/* The paper named after the writer on byline line `at` ("Elliot
** Brownstein Florida Today", "Jane Doe, Chicago Tribune"): capitalised
** words ending as papers' names do; malloc'd or NULL. */
char *pxe_byline_paper(const pxe_lines *ls, const char *author, long at);
/* A brand written where a writer's name would stand, right under the
** headline and before a date ("LinkNaija August 08, 2018"); malloc'd or
** NULL. */
char *pxe_byline_brand(const pxe_lines *ls, long title_at);

/* ---- result.c ------------------------------------------------------ */

pxe_result *pxe_result_new(void);
/* Records a candidate for explain (value copied; why printf-style).  Out
** of memory only loses the record. */
void pxe_result_cand(pxe_result *r, const char *field, const char *value,
                     int score, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Moves the lines into r and builds r->body; -1 on ENOMEM. */
int pxe_result_finish(pxe_result *r, pxe_lines *ls);

/* ---- jsonld.c ------------------------------------------------------ */

typedef struct {
    char *headline, *author, *publisher, *date, *url, *body;
} pxe_jsonld;

/* Merges what one JSON-LD script says about an article into j (first
** value wins).  Malformed JSON is ignored. */
void pxe_jsonld_parse(const char *json, size_t len, pxe_jsonld *j);
void pxe_jsonld_free(pxe_jsonld *j);

#endif /* PXE_EXTRACT_INT_H */
