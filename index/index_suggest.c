/*
** index_suggest.c — "Did you mean": a spelling suggestion only when it
** helps.
**
** Xapian's QueryParser proposes a correction for any word it finds near a
** more frequent word of the spelling table, which is built from titles
** only: "border wall" became "border all", "COVID-19" "could-19", "Obama
** judges" "Obama judge", although every one of those words is in the
** index and the queries match.  A suggestion is therefore offered only
** when the query asks for a term the index does not hold at all, and
** only when every word the correction changes is itself absent from the
** index (its exact and its stemmed form).  The corrected words keep the
** capitalisation the user typed ("Clintn" -> "Clinton", not "clinton").
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "index_internal.h"

typedef struct {
    px_xdb *xdb;
    int missing;
    px_status st;
    px_err *err;
} term_check;

static int check_term(void *ctx, const char *term)
{
    term_check *c = ctx;
    unsigned tf = 0;
    c->st = px_xdb_termfreq(c->xdb, term, &tf, c->err);
    if (c->st != PX_OK)
        return 1;
    if (tf == 0)
        c->missing = 1;
    return c->missing;
}

static int word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* The next word of s at or after *pos (letters, digits, non-ASCII, with
** an apostrophe or ampersand inside kept), as the parser splits words;
** returns its length (0 at the end) and sets *start. */
static size_t next_word(const char *s, size_t *pos, size_t *start)
{
    size_t i = *pos;
    while (s[i] && !word_byte((unsigned char)s[i]))
        i++;
    *start = i;
    while (word_byte((unsigned char)s[i]) ||
           ((s[i] == '\'' || s[i] == '&') && i > *start &&
            word_byte((unsigned char)s[i + 1])))
        i++;
    *pos = i;
    return i - *start;
}

/* Non-zero when the word (either case) is a term of the index, exactly or
** through its stem. */
static int word_indexed(px_index *ix, const char *w, size_t len)
{
    char term[130];
    unsigned tf = 0;
    if (len == 0 || len > 120)
        return 0;
    for (size_t i = 0; i < len; i++)
        term[i] = (char)tolower((unsigned char)w[i]);
    term[len] = '\0';
    if (px_xdb_termfreq(ix->xdb, term, &tf, NULL) == PX_OK && tf > 0)
        return 1;
    char *stem = NULL;
    int found = 0;
    if (px_xstem_word(ix->language, term, &stem, NULL) == PX_OK && stem &&
        strlen(stem) < sizeof term - 1) {
        term[0] = 'Z';
        strcpy(term + 1, stem);
        found = px_xdb_termfreq(ix->xdb, term, &tf, NULL) == PX_OK && tf > 0;
    }
    free(stem);
    return found;
}

/* Gives the corrected word at c[0..clen) the case pattern of the typed
** word t: all capitals stay all capitals, a capital first letter stays. */
static void recase(char *c, size_t clen, const char *t, size_t tlen)
{
    int upper = 0, lower = 0;
    for (size_t i = 0; i < tlen; i++) {
        upper += isupper((unsigned char)t[i]) != 0;
        lower += islower((unsigned char)t[i]) != 0;
    }
    if (upper > 1 && lower == 0) {
        for (size_t i = 0; i < clen; i++)
            c[i] = (char)toupper((unsigned char)c[i]);
    } else if (isupper((unsigned char)t[0])) {
        c[0] = (char)toupper((unsigned char)c[0]);
    }
}

/* Checks the correction word by word against the query as typed; returns
** 0 when it changes a word the index holds, or the two differ in shape
** (then the suggestion is dropped).  Recases corrected words in place. */
static int correction_useful(px_index *ix, const char *typed, char *corr)
{
    size_t tp = 0, cp = 0, ts, cs, changed = 0;
    for (;;) {
        size_t tn = next_word(typed, &tp, &ts);
        size_t cn = next_word(corr, &cp, &cs);
        if (!tn || !cn)
            return !tn && !cn && changed > 0;
        if (tn == cn && strncasecmp(typed + ts, corr + cs, tn) == 0)
            continue;
        if (word_indexed(ix, typed + ts, tn) || !word_indexed(ix, corr + cs, cn))
            return 0;
        recase(corr + cs, cn, typed + ts, tn);
        changed++;
    }
}

px_status px_index_suggest(px_index *ix, const px_xquery *q, px_xqp *qp,
                           const char *typed, char **out, px_err *err)
{
    *out = NULL;
    term_check c = {ix->xdb, 0, PX_OK, err};
    px_status st = px_xquery_terms(q, check_term, &c, err);
    if (st == PX_OK)
        st = c.st;
    /* Every word occurs: whatever the parser thinks, nothing to correct. */
    if (st != PX_OK || !c.missing)
        return st;
    char *corr = NULL;
    st = px_xqp_corrected(qp, &corr, err);
    if (st != PX_OK || !corr)
        return st;
    if (!correction_useful(ix, typed, corr)) {
        free(corr);
        return PX_OK;
    }
    *out = corr;
    return PX_OK;
}
