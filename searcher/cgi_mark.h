/*
** cgi_mark.h — marking the searched words in a text the page shows whole
** (a result's title, the full article), as <mark> elements.
**
** The snippet's highlights come from the search itself; a title or a
** whole article has none, so the words are found again here: each word
** of the query outside operators and filters (outlet:, date:), matched by
** its Snowball stem in the index's language as the search matches it
** ("strike" marks "strikes"), a quoted word or phrase word exactly, and
** "negotia*" by its start.  A word the query excludes (-word, NOT word)
** is not marked.
*/
#ifndef PS_CGI_MARK_H
#define PS_CGI_MARK_H

#include <stddef.h>

#include "cgi_buf.h"

typedef struct cgi_marks cgi_marks;

/* The words of `query` to mark, stemmed for `language` (a libstemmer
** name such as "english"; NULL or unknown: no stemming, words then match
** exactly).  Returns NULL when the query has no word to mark or memory
** ran out: cgi_marks_html() then marks nothing.  Caller-owned. */
cgi_marks *cgi_marks_new(const char *query, const char *language);
void cgi_marks_free(cgi_marks *m);

/* Appends s[0..n) HTML-escaped, with <mark>…</mark> around each word m
** matches.  m may be NULL. */
void cgi_marks_html(cgi_buf *b, const cgi_marks *m, const char *s, size_t n);

#endif /* PS_CGI_MARK_H */
