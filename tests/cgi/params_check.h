/*
** params_check.h — the property both parameter tests assert on every input
** they try: whatever cgi_params_parse() accepts, cgi_params_query() writes
** back as a query string that parses again to the same search state, and
** escaped text never contains a character that could end an HTML context.
*/
#ifndef PX_PARAMS_CHECK_H
#define PX_PARAMS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi_params.h"

static void params_fail(const char *what, const char *input)
{
    fprintf(stderr, "params check failed: %s\n  input: %s\n", what, input);
    abort();
}

/* Checks escaping of s in both contexts. */
static void params_check_escape(const char *s, const char *input)
{
    cgi_buf b = {0};
    cgi_html_esc(&b, s);
    if (b.len && strpbrk(b.data, "<>\"'"))
        params_fail("HTML escaping left a special character", input);
    cgi_buf_reset(&b);
    cgi_url_esc(&b, s);
    for (size_t i = 0; i < b.len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                    "0123456789-._~%", b.data[i]))
            params_fail("URL escaping left a reserved character", input);
    cgi_buf_free(&b);
}

/* Parses `qs`; when accepted, checks the round trip and the escapers.
** Returns the parse result. */
static int params_check(const char *qs)
{
    cgi_params p, again;
    char err[CGI_ERR_MAX];
    int rc = cgi_params_parse(qs, &p, err, sizeof err);
    if (rc == CGI_PARAMS_BAD && !err[0])
        params_fail("a refusal without a reason", qs);
    if (rc == CGI_PARAMS_OK) {
        if (p.limit < 1 || p.limit > CGI_MAX_LIMIT ||
            p.offset > CGI_MAX_OFFSET || strlen(p.q) > CGI_MAX_QUERY ||
            p.n_outlets > CGI_MAX_OUTLETS)
            params_fail("a cap was exceeded", qs);
        cgi_buf b = {0};
        cgi_params_query(&b, &p);
        if (cgi_params_parse(b.data ? b.data : "", &again, err,
                             sizeof err) != CGI_PARAMS_OK)
            params_fail("the written query string does not parse", qs);
        if (strcmp(p.q, again.q) != 0 || p.n_outlets != again.n_outlets ||
            strcmp(p.from, again.from) != 0 || strcmp(p.to, again.to) != 0 ||
            p.sort != again.sort || p.limit != again.limit ||
            p.offset != again.offset)
            params_fail("the round trip changed the search", qs);
        for (size_t i = 0; i < p.n_outlets; i++) {
            if (strcmp(p.outlets[i], again.outlets[i]) != 0)
                params_fail("the round trip changed an outlet", qs);
            params_check_escape(p.outlets[i], qs);
        }
        params_check_escape(p.q, qs);
        cgi_params_free(&again);
        cgi_buf_free(&b);
    }
    cgi_params_free(&p);
    return rc;
}

#endif /* PX_PARAMS_CHECK_H */
