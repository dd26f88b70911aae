/*
** cgi_params.h — the search page's request parameters: parsing a CGI
** QUERY_STRING into a validated cgi_params, and writing one back as a
** query string for the page's links.
**
** Every parameter is hostile until it has passed through here.  Values are
** percent-decoded, must be valid UTF-8 without control characters, and are
** capped in length and count; numbers are plain decimal within caps; dates
** are real calendar dates.  Anything else is refused with a message for a
** 400 page rather than guessed at.  Which index is searched is never a
** parameter: it comes from the server's environment (see cgi_main.c).
**
** The parser needs nothing but the C library, so a fuzzer can drive it
** alone (tests/cgi/fuzz_params.c).
*/
#ifndef PS_CGI_PARAMS_H
#define PS_CGI_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "cgi_buf.h"
#include "pressdex.h"

#define CGI_MAX_QS 16384        /* bytes of the raw query string */
#define CGI_MAX_PARAMS 64       /* name=value pairs in one request */
#define CGI_MAX_QUERY 2000      /* bytes of the decoded q (the form
                                ** allows 500 characters, 4 bytes each) */
#define CGI_MAX_OUTLETS 16      /* outlet filters at once */
#define CGI_MAX_OUTLET_LEN 200  /* bytes of one decoded outlet name */
#define CGI_MAX_LIMIT 50        /* hits per page */
#define CGI_MAX_OFFSET 1000     /* deepest first hit one may ask for */
#define CGI_DEFAULT_LIMIT 10
#define CGI_ERR_MAX 256

typedef struct {
    char *q;              /* the query, "" when absent; owned */
    char **outlets;       /* outlet filters, OR'd; owned, with each name */
    size_t n_outlets;
    char from[11];        /* "YYYY-MM-DD" or "" */
    char to[11];
    px_sort sort;
    int sort_given;       /* sort= was in the request */
    size_t offset;
    size_t limit;         /* 1..CGI_MAX_LIMIT */
    int json;             /* format=json */
    int64_t id;           /* full-article view of this docid; 0 = none */
} cgi_params;

enum { CGI_PARAMS_OK = 0, CGI_PARAMS_BAD = -1, CGI_PARAMS_NOMEM = -2 };

/* Parses `qs` (may be NULL, meaning empty) into *p, which the caller then
** owns and releases with cgi_params_free() whatever the result.  Returns
** CGI_PARAMS_OK, or CGI_PARAMS_BAD with a plain-text reason (naming the
** parameter) in err[0..errlen), or CGI_PARAMS_NOMEM. */
int cgi_params_parse(const char *qs, cgi_params *p, char *err, size_t errlen);
void cgi_params_free(cgi_params *p);

/* Writes the search state of *p (q, outlets, from, to, sort, limit and
** offset when not the defaults; never format or id) as an encoded query
** string without the leading '?'.  The caller may pass a modified shallow
** copy of a parsed cgi_params to link to a neighbouring state. */
void cgi_params_query(cgi_buf *b, const cgi_params *p);

/* 1 when `s` is a valid calendar date written YYYY-MM-DD. */
int cgi_valid_date(const char *s);

/* The sort's parameter value ("relevance", "newest", "oldest"). */
const char *cgi_sort_name(px_sort s);

#endif /* PS_CGI_PARAMS_H */
