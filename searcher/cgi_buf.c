/*
** cgi_buf.c — the page's output buffer and its context escapers (see
** cgi_buf.h for why the page is built in memory).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi_buf.h"

void cgi_buf_free(cgi_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void cgi_buf_reset(cgi_buf *b)
{
    b->len = 0;
    b->oom = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Makes room for `n` more bytes plus the terminating NUL. */
static int buf_reserve(cgi_buf *b, size_t n)
{
    if (b->oom)
        return 0;
    if (n >= ((size_t)-1) / 2 - b->len) {
        b->oom = 1;
        return 0;
    }
    if (b->len + n + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void cgi_buf_putn(cgi_buf *b, const char *s, size_t n)
{
    if (!n || !buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cgi_buf_puts(cgi_buf *b, const char *s)
{
    if (s)
        cgi_buf_putn(b, s, strlen(s));
}

void cgi_buf_printf(cgi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0 || !buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void cgi_html_escn(cgi_buf *b, const char *s, size_t n)
{
    size_t run = 0;  /* start of the pending run of bytes needing no escape */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *ent = NULL;
        switch (c) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&#39;"; break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n')
                continue;
            ent = "";  /* a control character: dropped */
        }
        cgi_buf_putn(b, s + run, i - run);
        cgi_buf_puts(b, ent);
        run = i + 1;
    }
    cgi_buf_putn(b, s + run, n - run);
}

void cgi_html_esc(cgi_buf *b, const char *s)
{
    if (s)
        cgi_html_escn(b, s, strlen(s));
}

void cgi_url_esc(cgi_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
            c == '~') {
            cgi_buf_putn(b, (const char *)&c, 1);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            cgi_buf_putn(b, enc, 3);
        }
    }
}
