/*
** layouts.c — the layouts of the first pass, kept for the second.
**
** The first pass reads the layout of every scraped page (wrapped lines
** rejoined, markdown reduced) to learn the lines repeated across a site;
** extraction then reads the same pages again, in the same order.  Reading
** a layout is a good part of what extracting a page costs, so the first
** pass keeps what it read, up to a budget of memory, and extraction takes
** a page's layout back instead of reading it again.
**
** A layout is a function of its text alone, so it is only taken back for
** the same text: the same length and hash, leading blank lines aside (the
** reader of text files drops them before extracting; they change nothing
** in a layout).  Pages come back in the order they were kept: a kept page
** that is passed over (its text changed, its headers were taken off) is
** freed as soon as a later one is taken, so the memory only goes down in
** the second pass.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* What malloc adds to each block, for the budget. */
#define LAYOUTS_BLOCK_COST 16
/* How far past the next kept page extraction looks for its own. */
#define LAYOUTS_LOOK_AHEAD 8

typedef struct {
    uint64_t h;       /* hash of the text from its first non-blank line */
    size_t len;       /* its length */
    size_t bytes;     /* memory the layout holds */
    pxe_lines ls;
} layouts_entry;

struct pxe_layouts {
    layouts_entry *v;
    size_t n, cap;
    size_t next;      /* the first entry not yet taken or passed over */
    size_t bytes;     /* memory the entries from next on hold */
};

/* The text a layout is read from (pxe_text_layout() drops a byte order
** mark) without its leading blank lines: only space and tab before a
** newline, as the layout reader counts a line blank. */
static const char *layouts_body(const char *text, size_t *len)
{
    size_t n = *len, skip = 0;
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        n -= 3;
    }
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n')
            skip = i + 1;
        else if (text[i] != ' ' && text[i] != '\t')
            break;
    }
    *len = n - skip;
    return text + skip;
}

/* Eight bytes at a time: the text of every page is hashed twice. */
static uint64_t layouts_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ n, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

/* The memory a layout holds, as the budget counts it. */
static size_t layouts_cost(const pxe_lines *ls)
{
    size_t bytes = ls->cap * sizeof *ls->v + LAYOUTS_BLOCK_COST;
    for (size_t i = 0; i < ls->n; i++)
        bytes += strlen(ls->v[i].text) + 1 + LAYOUTS_BLOCK_COST;
    bytes += ls->cap_hosts * sizeof *ls->hosts +
             ls->cap_url_dates * sizeof *ls->url_dates;
    for (size_t i = 0; i < ls->n_hosts; i++)
        bytes += strlen(ls->hosts[i].host) + 1 + LAYOUTS_BLOCK_COST;
    for (size_t i = 0; i < ls->n_url_dates; i++)
        bytes += strlen(ls->url_dates[i].host) + 1 + LAYOUTS_BLOCK_COST;
    return bytes;
}

void pxe_layouts_free(struct pxe_layouts *k)
{
    if (!k)
        return;
    for (size_t i = k->next; i < k->n; i++)
        pxe_lines_free(&k->v[i].ls);
    free(k->v);
    free(k);
}

int pxe_layouts_room(const pxe_ctx *ctx)
{
    return ctx->keep_layouts > 0 &&
           (!ctx->layouts || ctx->layouts->bytes < ctx->keep_layouts);
}

int pxe_layouts_keep(pxe_ctx *ctx, const char *text, size_t len,
                     pxe_lines *ls)
{
    if (!pxe_layouts_room(ctx) || ls->oom || ls->lines_only)
        return 0;
    if (!ctx->layouts && !(ctx->layouts = calloc(1, sizeof *ctx->layouts)))
        return 0;
    struct pxe_layouts *k = ctx->layouts;
    /* A kept layout grows no more: the room it was given for lines it
    ** did not have goes back, and more layouts fit the budget. */
    if (ls->cap > ls->n && ls->n > 0) {
        pxe_line *v = realloc(ls->v, ls->n * sizeof *v);
        if (v) {
            ls->v = v;
            ls->cap = ls->n;
        }
    }
    size_t bytes = layouts_cost(ls);
    if (k->bytes + bytes > ctx->keep_layouts)
        return 0;
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 64;
        layouts_entry *v = realloc(k->v, cap * sizeof *v);
        if (!v)
            return 0;
        k->v = v;
        k->cap = cap;
    }
    const char *body = layouts_body(text, &len);
    ls->raw = NULL;        /* borrowed from a text about to go */
    ls->raw_len = 0;
    k->v[k->n++] = (layouts_entry){layouts_hash(body, len), len, bytes, *ls};
    k->bytes += bytes;
    *ls = (pxe_lines){0};
    return 1;
}

int pxe_layouts_take(const pxe_ctx *ctx, const char *text, size_t len,
                     pxe_lines *ls)
{
    struct pxe_layouts *k = ctx ? ctx->layouts : NULL;
    if (!k || k->next == k->n)
        return 0;
    const char *body = layouts_body(text, &len);
    uint64_t h = layouts_hash(body, len);
    size_t end = k->n - k->next > LAYOUTS_LOOK_AHEAD
                     ? k->next + LAYOUTS_LOOK_AHEAD : k->n;
    for (size_t i = k->next; i < end; i++) {
        if (k->v[i].h != h || k->v[i].len != len)
            continue;
        /* The pages passed over will not come back. */
        for (size_t j = k->next; j < i; j++) {
            k->bytes -= k->v[j].bytes;
            pxe_lines_free(&k->v[j].ls);
        }
        *ls = k->v[i].ls;
        k->bytes -= k->v[i].bytes;
        k->next = i + 1;
        return 1;
    }
    return 0;
}

void pxe_ctx_keep_layouts(pxe_ctx *ctx, size_t bytes)
{
    ctx->keep_layouts = bytes;
}
