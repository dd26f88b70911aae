/*
** search_internal.h — what the search (index_search.c) shares with the
** highlighting of whole texts (index_highlight.c): the query parser as
** searches configure it, and the reading of Xapian's marked snippets.
** Private to the library.
*/
#ifndef PX_SEARCH_INTERNAL_H
#define PX_SEARCH_INTERNAL_H

#include "pressdex.h"
#include "xapian_wrap.h"

/* Tries of a search a concurrent writer interrupts (PX_EMODIFIED). */
#define PX_MAX_RETRIES 3
/* Marks around matched words in Xapian's snippets (bytes no text holds). */
#define HL_OPEN "\x01"
#define HL_CLOSE "\x02"

/* The parser flags of a search. */
extern const unsigned px_search_parse_flags;

/* A query parser with the index's stemmer and the field table; *out is
** caller-owned. */
px_status px_search_make_parser(px_index *ix, const px_search_opts *o,
                                px_xqp **out, px_err *err);
/* Parses folded query text (blank: match everything); *q caller-owned. */
px_status px_search_parse(px_xqp *qp, const char *text, unsigned flags,
                          px_xquery **q, px_err *err);
/* The retry form of a rejected query (words and phrases); malloc'd. */
char *px_search_safe_query(const char *q);
/* Whether s is NULL, empty or only white space. */
int px_search_blank(const char *s);
/* Reads Xapian's snippet `raw` into *h (owned members); `collapse` makes
** white space one space.  PX_ENOMEM only. */
px_status px_search_finish_snippet(px_marked *h, const char *raw,
                                   const char *hl_start, const char *hl_end,
                                   int collapse);

#endif /* PX_SEARCH_INTERNAL_H */
