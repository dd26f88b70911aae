/*
** quote.h — quote tracing: who printed a sentence, and who printed it
** first.
**
** A quote is looked up twice: as an exact phrase (after the same
** normalisation as indexing: quotes, apostrophes, dashes, case,
** punctuation), and as near matches: candidates are the articles holding
** the most of the quote's runs of two or three consecutive words (any
** article carrying the quote with a word or two changed, dropped or added
** still holds several of them, and ranks by how many), kept when a
** word-level alignment with the article text scores at least
** min_score.  The score is 2·L / (n + s): L words of the quote found
** in order in the article, n words in the quote, s words spanned in the
** article; 1.0 is an exact match, a dropped or changed word in a
** ten-word quote scores about 0.9.
*/
#ifndef PS_QUOTE_H
#define PS_QUOTE_H

#include <stdio.h>

#include <jansson.h>

#include "pressdex.h"

#define PS_QUOTE_SCHEMA_VERSION 1

typedef struct {
    double min_score;              /* near matches below are dropped */
    size_t max_candidates;         /* near-match candidates examined; 0
                                      means PS_QUOTE_CANDIDATES */
    const px_variants *variants;   /* spelling variants, or NULL */
    /* The search settings and filters every lookup runs with: outlets,
    ** from, to, time limit and outlet resolver as in a search (the query,
    ** paging and sorting are the tracer's own).  May be NULL. */
    const px_search_opts *search;
} ps_quote_opts;

/* Near-match candidates examined per quote by default. */
#define PS_QUOTE_CANDIDATES 200

typedef struct {
    int64_t docid;
    double score;
    int exact;                     /* found as the exact phrase */
    px_article *article;           /* without body */
    char *context;                 /* the matched sentence(s) */
} ps_quote_match;

typedef struct {
    char *text;                    /* the quote as normalised */
    size_t n_words;
    ps_quote_match *matches;       /* oldest first, undated last */
    size_t n_matches;
    size_t n_exact;
} ps_quote_result;

/* Traces one quote.  *out is caller-owned (ps_quote_result_free).
** PX_EINVAL when the text holds no words. */
px_status ps_quote_trace(px_index *ix, const char *text,
                         const ps_quote_opts *o, ps_quote_result **out,
                         px_err *err);
void ps_quote_result_free(ps_quote_result *r);

/* The report as JSON (schema in docs/json.md); a new reference. */
json_t *ps_quote_json(const ps_quote_result *r);
/* The report for people. */
void ps_quote_text(FILE *out, const ps_quote_result *r);

#endif /* PS_QUOTE_H */
