/*
** cgi_buf.h — a growable output buffer and the escaping functions the
** search page writes through.
**
** The page is built in memory before anything is sent, so that a failure
** half-way (an index error, out of memory) can still become a clean error
** response with the right status, and so that every response carries a
** Content-Length.  Every byte that did not come from a literal in the
** program goes through one of the escapers below, chosen by context: HTML
** text, a double-quoted HTML attribute, or a URL query component.
*/
#ifndef PS_CGI_BUF_H
#define PS_CGI_BUF_H

#include <stddef.h>

typedef struct {
    char *data;      /* NUL-terminated when len > 0; owned by the buffer */
    size_t len, cap;
    int oom;         /* set once an allocation failed; writes then no-op */
} cgi_buf;

/* Releases the memory and resets the buffer to empty. */
void cgi_buf_free(cgi_buf *b);
/* Forgets the contents but keeps the memory for reuse. */
void cgi_buf_reset(cgi_buf *b);

void cgi_buf_putn(cgi_buf *b, const char *s, size_t n);
void cgi_buf_puts(cgi_buf *b, const char *s);
void cgi_buf_printf(cgi_buf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Text escaped for HTML element content and for double-quoted attribute
** values alike: & < > " ' are written as entities.  Bytes below 0x20
** other than tab and newline are dropped, as they are not allowed in
** HTML.  `n` bytes of `s`; cgi_html_esc takes a NUL-terminated string
** (NULL writes nothing). */
void cgi_html_escn(cgi_buf *b, const char *s, size_t n);
void cgi_html_esc(cgi_buf *b, const char *s);

/* A query-string component: every byte outside RFC 3986's unreserved set
** is percent-encoded, so the result is safe in a URL and, containing no
** & or quote, also in an HTML attribute once '&' separators are escaped. */
void cgi_url_esc(cgi_buf *b, const char *s);

#endif /* PS_CGI_BUF_H */
