/*
** unit_normalize.c — unit tests for the text normalisation in
** index/normalize.c: UTF-8 repair, punctuation folding, outlet keys, date
** parsing and the content hash.
**
** Every check compares exact bytes or exact numbers.  Malformed input
** (overlong forms, surrogates, code points beyond U+10FFFF, stray and
** truncated sequences, impossible dates, text that only looks like a
** date) is exercised as thoroughly as well-formed input, and inputs are
** copied into heap buffers of their exact size so that a read past the end
** is caught by AddressSanitizer or shows up as a wrong answer.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pressdex.h"
#include "index_internal.h"
#include "check.h"

/* A heap copy of exactly `len` bytes (no terminator added). */
static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(p, s, len);
    return p;
}

/* ------------------------------------------------------------------ */
/* UTF-8 repair                                                         */
/* ------------------------------------------------------------------ */

#define FFFD "\xEF\xBF\xBD"

/* Runs px_utf8_repair on `len` bytes of `in` and checks that it reports
** `bad` invalid sequences and produces exactly `want_len` bytes `want`.
** Also checks the count-only form (out == NULL). */
static int repair_is(const char *in, size_t len, size_t bad, const char *want,
                     size_t want_len)
{
    char *buf = exact_copy(in, len);
    char *out = NULL;
    size_t out_len = (size_t)-1;
    size_t n = px_utf8_repair(buf, len, &out, &out_len);
    size_t n_only = px_utf8_repair(buf, len, NULL, NULL);
    int ok = n == bad && n_only == bad && out != NULL && out_len == want_len &&
             memcmp(out, want, want_len) == 0 && out[want_len] == '\0';
    if (!ok) {
        fprintf(stderr, "  repair: got %zu (count-only %zu) invalid, %zu bytes:",
                n, n_only, out ? out_len : 0);
        for (size_t i = 0; out && i < out_len; i++)
            fprintf(stderr, " %02X", (unsigned char)out[i]);
        fprintf(stderr, "\n");
    }
    free(out);
    free(buf);
    return ok;
}

#define REPAIR(in, bad, want) \
    CHECK(repair_is(in, sizeof(in) - 1, bad, want, sizeof(want) - 1))

static void test_utf8(void)
{
    /* Valid text comes back byte for byte with 0 invalid sequences. */
    REPAIR("", 0, "");
    REPAIR("plain ASCII text", 0, "plain ASCII text");
    REPAIR("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\xB0", 0,
           "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\xB0");
    /* Boundaries of each sequence length are valid. */
    REPAIR("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80"
           "\xF4\x8F\xBF\xBF", 0,
           "\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80"
           "\xF4\x8F\xBF\xBF");
    /* U+FFFD itself is valid and kept. */
    REPAIR("a" FFFD "b", 0, "a" FFFD "b");

    /* Overlong encodings. */
    REPAIR("a\xC0\xAF" "b", 1, "a" FFFD "b");
    REPAIR("\xC1\xBF", 1, FFFD);
    REPAIR("\xE0\x80\xAF", 1, FFFD);
    REPAIR("\xF0\x80\x80\xAF", 1, FFFD);
    /* UTF-16 surrogates, high and low. */
    REPAIR("x\xED\xA0\x80y", 1, "x" FFFD "y");
    REPAIR("\xED\xBF\xBF", 1, FFFD);
    /* Beyond U+10FFFF, and bytes that never start a sequence. */
    REPAIR("\xF4\x90\x80\x80", 1, FFFD);
    REPAIR("\xF5\x80\x80\x80", 1, FFFD);
    REPAIR("\xF8\x88\x80\x80\x80", 1, FFFD);
    REPAIR("a\xFF" "b\xFE", 2, "a" FFFD "b" FFFD);
    /* Lone continuation bytes: a run of them is one bad sequence. */
    REPAIR("a\x80" "b", 1, "a" FFFD "b");
    REPAIR("a\x80\xBF\x80" "b", 1, "a" FFFD "b");
    REPAIR("\x80", 1, FFFD);
    /* Truncated sequences: at the end of the buffer, and interrupted. */
    REPAIR("ab\xE2\x82", 1, "ab" FFFD);
    REPAIR("ab\xF0\x9F\x93", 1, "ab" FFFD);
    REPAIR("\xC3", 1, FFFD);
    REPAIR("\xE2\x82" "A", 1, FFFD "A");
    /* A broken lead byte followed by a good sequence keeps the good one. */
    REPAIR("\xC3\xC3\xA9", 1, FFFD "\xC3\xA9");
    /* Several separate errors are counted separately. */
    REPAIR("\xC0" "a\xED\xA0\x80" "b\xE2\x82", 3,
           FFFD "a" FFFD "b" FFFD);

    /* NUL bytes are dropped and do not count as invalid. */
    REPAIR("a\0b", 0, "ab");
    REPAIR("\0\0\0", 0, "");
    REPAIR("\0\xC0\0", 1, FFFD);

    /* The whole worst case: every byte invalid, output 3x the input. */
    {
        char in[64], want[64 * 3];
        for (int i = 0; i < 64; i++) {
            in[i] = (char)0xFF;
            memcpy(want + 3 * i, FFFD, 3);
        }
        CHECK(repair_is(in, sizeof in, 64, want, sizeof want));
    }
    /* A count-only call on a long valid buffer. */
    {
        char big[4096];
        memset(big, 'x', sizeof big);
        CHECK(px_utf8_repair(big, sizeof big, NULL, NULL) == 0);
    }
}

/* ------------------------------------------------------------------ */
/* Punctuation                                                          */
/* ------------------------------------------------------------------ */

static int fold_is(const char *in, const char *want)
{
    char *s = exact_copy(in, strlen(in) + 1);
    px_text_fold_punct(s);
    int ok = strcmp(s, want) == 0;
    if (!ok)
        fprintf(stderr, "  fold(\"%s\") gave \"%s\", want \"%s\"\n", in, s, want);
    free(s);
    return ok;
}

static void test_fold(void)
{
    CHECK(fold_is("", ""));
    CHECK(fold_is("nothing to fold here", "nothing to fold here"));
    /* Curly double quotes, guillemets, low-9 quotes. */
    CHECK(fold_is("\xE2\x80\x9CHello\xE2\x80\x9D", "\"Hello\""));
    CHECK(fold_is("\xC2\xAB" "non\xC2\xBB", "\"non\""));
    CHECK(fold_is("\xE2\x80\x9E" "Ja\xE2\x80\x9C", "\"Ja\""));
    /* Apostrophes and single quotes, primes. */
    CHECK(fold_is("it\xE2\x80\x99s", "it's"));
    CHECK(fold_is("\xE2\x80\x98quoted\xE2\x80\x99", "'quoted'"));
    CHECK(fold_is("Hawai\xCA\xBCi", "Hawai'i"));
    CHECK(fold_is("5\xE2\x80\xB2" "11\xE2\x80\xB3", "5'11\""));
    /* Dashes and the minus sign. */
    CHECK(fold_is("1990\xE2\x80\x93" "1995", "1990-1995"));
    CHECK(fold_is("wait\xE2\x80\x94what", "wait-what"));
    CHECK(fold_is("e\xE2\x80\x90mail \xE2\x80\x91 \xE2\x88\x92" "5", "e-mail - -5"));
    /* Ellipsis. */
    CHECK(fold_is("and then\xE2\x80\xA6", "and then..."));
    /* Non-breaking and other Unicode spaces. */
    CHECK(fold_is("10\xC2\xA0km", "10 km"));
    CHECK(fold_is("a\xE2\x80\x89" "b\xE2\x80\xAF" "c\xE3\x80\x80" "d\xE2\x80\x80" "e",
                  "a b c d e"));
    /* Zero-width characters and the BOM disappear. */
    CHECK(fold_is("zero\xE2\x80\x8Bwidth", "zerowidth"));
    CHECK(fold_is("\xEF\xBB\xBFstart", "start"));
    CHECK(fold_is("a\xE2\x80\x8C\xE2\x80\x8D" "b", "ab"));
    CHECK(fold_is("\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B", ""));
    /* Other non-ASCII text is untouched. */
    CHECK(fold_is("na\xC3\xAFve caf\xC3\xA9 \xE2\x82\xAC" "5",
                  "na\xC3\xAFve caf\xC3\xA9 \xE2\x82\xAC" "5"));
    /* Invalid bytes pass through unchanged and do not derail what follows. */
    CHECK(fold_is("a\xFF\xE2\x80\x99" "b", "a\xFF'b"));
    CHECK(fold_is("x\xE2\x80", "x\xE2\x80"));
    CHECK(fold_is("\xED\xA0\x80\xE2\x80\x94", "\xED\xA0\x80-"));
    /* Everything at once. */
    CHECK(fold_is("\xE2\x80\x9CIt\xE2\x80\x99s over\xE2\x80\xA6\xE2\x80\x9D "
                  "\xE2\x80\x94\xC2\xA0the\xE2\x80\x8B end",
                  "\"It's over...\" - the end"));
}

/* ------------------------------------------------------------------ */
/* Outlet keys                                                          */
/* ------------------------------------------------------------------ */

static int key_is(const char *name, const char *want)
{
    char *k = px_outlet_key(name);
    int ok = k && strcmp(k, want) == 0;
    if (!ok)
        fprintf(stderr, "  outlet_key(\"%s\") gave \"%s\", want \"%s\"\n",
                name ? name : "(null)", k ? k : "(null)", want);
    free(k);
    return ok;
}

static void test_outlet_key(void)
{
    CHECK(key_is("The Example Post ", "example post"));
    CHECK(key_is("THE  GUARDIAN", "guardian"));
    CHECK(key_is("Theater Times", "theater times"));
    CHECK(key_is("", ""));
    CHECK(key_is(NULL, ""));
    CHECK(key_is("   ", ""));
    CHECK(key_is("  the\tDaily\n\n  Planet  ", "daily planet"));
    CHECK(key_is("Example Post", "example post"));
    CHECK(key_is("the example post", "example post"));
    /* Only a leading "The" word is dropped. */
    CHECK(key_is("Them", "them"));
    CHECK(key_is("Le Monde", "le monde"));
    CHECK(key_is("Post The", "post the"));
    CHECK(key_is("The", "the"));
    /* Non-ASCII bytes are kept as they are. */
    CHECK(key_is("S\xC3\xBC" "ddeutsche  Zeitung", "s\xC3\xBC" "ddeutsche zeitung"));
}

/* ------------------------------------------------------------------ */
/* Dates                                                                */
/* ------------------------------------------------------------------ */

static int date_is(const char *in, const char *want)
{
    char *s = exact_copy(in, strlen(in) + 1);
    char out[11] = "";
    int r = px_date_parse(s, out);
    int ok = r == 1 && strcmp(out, want) == 0;
    if (!ok)
        fprintf(stderr, "  date(\"%s\") gave %d \"%s\", want \"%s\"\n", in, r,
                r ? out : "", want);
    free(s);
    return ok;
}

static int date_bad(const char *in)
{
    char *s = exact_copy(in, strlen(in) + 1);
    char out[11] = "";
    int r = px_date_parse(s, out);
    if (r != 0)
        fprintf(stderr, "  date(\"%s\") accepted as \"%s\"\n", in, out);
    free(s);
    return r == 0;
}

static void test_dates(void)
{
    /* Every documented form. */
    CHECK(date_is("2024-12-01", "2024-12-01"));
    CHECK(date_is("2024/12/01", "2024-12-01"));
    CHECK(date_is("20241201", "2024-12-01"));
    CHECK(date_is("2024-12-01T10:00:00Z", "2024-12-01"));
    CHECK(date_is("2024-12-01T10:00:00+02:00", "2024-12-01"));
    CHECK(date_is("2024-12-01 10:00", "2024-12-01"));
    CHECK(date_is("Sun, 01 Dec 2024 10:00:00 +0000", "2024-12-01"));
    CHECK(date_is("December 1, 2024", "2024-12-01"));
    CHECK(date_is("1 December 2024", "2024-12-01"));
    CHECK(date_is("Dec 1 2024", "2024-12-01"));
    CHECK(date_is("Dec. 1, 2024", "2024-12-01"));
    CHECK(date_is("December 1st, 2024", "2024-12-01"));
    CHECK(date_is("Wednesday, 4 December 2024", "2024-12-04"));
    CHECK(date_is("Sept 5, 2024", "2024-09-05"));
    CHECK(date_is("may 5 2024", "2024-05-05"));
    CHECK(date_is("  2024-12-01", "2024-12-01"));
    CHECK(date_is("31 JANUARY 1999", "1999-01-31"));
    /* Leap years and the accepted range. */
    CHECK(date_is("2024-02-29", "2024-02-29"));
    CHECK(date_is("2000-02-29", "2000-02-29"));
    CHECK(date_is("1800-01-01", "1800-01-01"));
    CHECK(date_is("2199-12-31", "2199-12-31"));

    /* Impossible dates. */
    CHECK(date_bad("2023-02-29"));
    CHECK(date_bad("1900-02-29"));
    CHECK(date_bad("2024-02-30"));
    CHECK(date_bad("2024-04-31"));
    CHECK(date_bad("2024-13-01"));
    CHECK(date_bad("2024-00-10"));
    CHECK(date_bad("2024-12-00"));
    CHECK(date_bad("20241301"));
    CHECK(date_bad("32 December 2024"));
    CHECK(date_bad("Feb 30, 2024"));
    CHECK(date_bad("Mon, 29 Feb 2023 10:00:00 +0000"));
    /* Out of range years. */
    CHECK(date_bad("1700-01-01"));
    CHECK(date_bad("1799-12-31"));
    CHECK(date_bad("2200-01-01"));
    CHECK(date_bad("0000-00-00"));
    /* Text that is not (all of) a date. */
    CHECK(date_bad(""));
    CHECK(date_bad("   "));
    CHECK(date_bad("yesterday"));
    CHECK(date_bad("the 1997 treaty"));
    CHECK(date_bad("December 2024"));
    CHECK(date_bad("1 December"));
    CHECK(date_bad("1 December 20245"));
    CHECK(date_bad("Marc 5 2024"));
    CHECK(date_bad("12/01/2024"));
    CHECK(date_bad("2024-1-01"));
    CHECK(date_bad("2024-12-01junk"));
    CHECK(date_bad("2024-12/01"));
    CHECK(date_bad("202412011"));
    CHECK(date_bad("2024120"));
    CHECK(date_bad("Dec 1"));
    CHECK(date_bad("Dec"));
    CHECK(date_bad(","));
    {
        char out[11] = "";
        CHECK(px_date_parse(NULL, out) == 0);
    }
    /* The ordinal suffix check must not step over the end of the text:
    ** "Dec 1s" is not a date, whatever bytes follow its terminator.  The
    ** bytes after it are inside the array, so a read past the terminator
    ** gives a wrong answer here rather than a crash. */
    CHECK(date_bad("Dec 1st"));
    {
        static const char tail[] = "Dec 1s\0 2024";
        char out[11] = "";
        CHECK(px_date_parse(tail, out) == 0);
    }
}

/* ------------------------------------------------------------------ */
/* Hash                                                                 */
/* ------------------------------------------------------------------ */

static int hash_is(const void *data, size_t len, const char *want)
{
    char out[17];
    memset(out, 'z', sizeof out);
    px_hash_hex(data, len, out);
    int ok = out[16] == '\0' && strcmp(out, want) == 0;
    if (!ok)
        fprintf(stderr, "  hash gave \"%.17s\", want \"%s\"\n", out, want);
    return ok;
}

static void test_hash(void)
{
    /* FNV-1a 64 reference values. */
    CHECK(hash_is("", 0, "cbf29ce484222325"));
    CHECK(hash_is("a", 1, "af63dc4c8601ec8c"));
    CHECK(hash_is("foobar", 6, "85944171f73967e8"));
    /* Embedded NUL bytes are hashed, not treated as the end. */
    {
        char a[17], b[17];
        px_hash_hex("a\0b", 3, a);
        px_hash_hex("a", 1, b);
        CHECK(strcmp(a, b) != 0);
        CHECK(strlen(a) == 16);
    }
    /* Deterministic and sensitive to every byte. */
    {
        char a[17], b[17];
        px_hash_hex("Negotiations ended.", 19, a);
        px_hash_hex("Negotiations ended.", 19, b);
        CHECK(strcmp(a, b) == 0);
        px_hash_hex("Negotiations ended!", 19, b);
        CHECK(strcmp(a, b) != 0);
    }
}

/* Query case (index_search.c parses the lowered copy): words outside
** double quotes lowered, operators and phrases kept, lengths unchanged. */
static void lower_is(const char *in, const char *want)
{
    char *s = strdup(in);
    px_query_lower_case(s);
    if (strcmp(s, want) != 0)
        fprintf(stderr, "  lower '%s': got '%s', want '%s'\n", in, s, want);
    CHECK(strcmp(s, want) == 0);
    free(s);
}

static void test_query_case(void)
{
    lower_is("Negotiation", "negotiation");
    lower_is("NATO summit", "nato summit");
    lower_is("Trump AND NATO OR NOT Iran", "trump AND nato OR NOT iran");
    lower_is("Trump NEAR/5 Putin ADJ Moscow", "trump NEAR/5 putin ADJ moscow");
    lower_is("\"Supreme Court\" Ruling", "\"Supreme Court\" ruling");
    lower_is("title:Brexit outlet:\"New York Times\"",
             "title:brexit outlet:\"New York Times\"");
    lower_is("COVID-19 AT&T R&D", "covid-19 at&t r&d");
    lower_is("\xC3\x89LYS\xC3\x89" "E \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2"
             "\xD0\xB0 \xD0\xAF",
             "\xC3\xA9lys\xC3\xA9" "e \xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2"
             "\xD0\xB0 \xD1\x8F");
    lower_is("Andrew ORwell NOTE", "andrew orwell note");
    lower_is("\"unbalanced Quote", "\"unbalanced Quote");
    lower_is("", "");
}

int main(void)
{
    test_query_case();
    test_utf8();
    test_fold();
    test_outlet_key();
    test_dates();
    test_hash();
    return CHECK_REPORT();
}
