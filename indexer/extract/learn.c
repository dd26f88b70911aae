/*
** learn.c — line frequencies across the pages of one site.
**
** A menu, a sign-up form or a footer looks different on every site, but on
** any one site it is the same on every page.  So instead of recognising
** such lines by their words, the indexer can show this model every page of
** a run first (pxe_learn_file) and the extractor then drops the lines that
** occur on many pages of the same site.
**
** Lines are counted by a 64-bit hash of their matching form (lower case,
** digits as '0', so "© 2024" and "© 2025" count together) salted with the
** site, once per page.  Long lines are not counted: a sentence of the
** story is not chrome even when a follow-up story repeats it.  Memory is
** one hash slot per distinct short line per site, each site's slots in a
** table of their own: extraction asks of every line of a page, and the
** table of one site stays in the cache where that of a whole run would
** not.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* A line is common on a site seen on at least LEARN_MIN_PAGES pages when
** it occurs on LEARN_MIN_HITS pages or more and on LEARN_SHARE percent of
** them. */
#define LEARN_MIN_PAGES 4
#define LEARN_MIN_HITS 3
#define LEARN_SHARE 40
/* Lines longer than this (bytes) or with more words are never counted. */
#define LEARN_MAX_LINE 200
#define LEARN_MAX_WORDS 30

typedef struct {
    uint64_t h;      /* 0: empty slot */
    uint32_t count;
    uint32_t page;   /* the site's page that counted it last (1-based) */
} learn_slot;

typedef struct {
    learn_slot *slots;
    size_t n, cap;            /* cap is a power of two */
} learn_table;

typedef struct {
    char *name;
    uint64_t h;
    size_t pages;
    learn_table t;
} learn_site;

struct pxe_learn {
    learn_site *sites;
    size_t n_sites, cap_sites;
};

static uint64_t learn_hash(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h ? h : 1;
}

/* The line's slot key: the hash of its matching form (pxe_key_hash(),
** which lines keep once asked) mixed with the site's. */
static uint64_t learn_mix(uint64_t site_h, uint64_t key_h)
{
    uint64_t h = (site_h ^ 0x9e3779b97f4a7c15ULL) + key_h;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return h ? h : 1;
}

static uint64_t learn_line_hash(uint64_t site_h, const char *line)
{
    return learn_mix(site_h, pxe_key_hash(line));
}

static int learn_countable(const char *line)
{
    /* strnlen: a long line of the story is not read to its end. */
    size_t n = strnlen(line, LEARN_MAX_LINE + 1);
    return n > 0 && n <= LEARN_MAX_LINE &&
           pxe_word_count_max(line, LEARN_MAX_WORDS) <= LEARN_MAX_WORDS;
}

static learn_slot *learn_slot_find(const learn_table *l, uint64_t h)
{
    if (!l->cap)
        return NULL;
    size_t i = (size_t)h & (l->cap - 1);
    while (l->slots[i].h && l->slots[i].h != h)
        i = (i + 1) & (l->cap - 1);
    return &l->slots[i];
}

static int learn_grow(learn_table *l)
{
    if ((l->n + 1) * 4 < l->cap * 3)
        return 0;
    size_t cap = l->cap ? l->cap * 2 : 1024;
    learn_slot *old = l->slots;
    size_t old_cap = l->cap;
    l->slots = calloc(cap, sizeof *l->slots);
    if (!l->slots) {
        l->slots = old;
        return -1;
    }
    l->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].h)
            *learn_slot_find(l, old[i].h) = old[i];
    free(old);
    return 0;
}

static learn_site *learn_site_get(struct pxe_learn *l, const char *name,
                                  int create)
{
    uint64_t h = learn_hash(0xcbf29ce484222325ULL, name);
    for (size_t i = 0; i < l->n_sites; i++)
        if (l->sites[i].h == h && strcmp(l->sites[i].name, name) == 0)
            return &l->sites[i];
    if (!create)
        return NULL;
    if (l->n_sites == l->cap_sites) {
        size_t cap = l->cap_sites ? l->cap_sites * 2 : 16;
        learn_site *v = realloc(l->sites, cap * sizeof *v);
        if (!v)
            return NULL;
        l->sites = v;
        l->cap_sites = cap;
    }
    learn_site *s = &l->sites[l->n_sites];
    if (!(s->name = pxe_strdup(name)))
        return NULL;
    s->h = h;
    s->pages = 0;
    s->t = (learn_table){NULL, 0, 0};
    l->n_sites++;
    return s;
}

void pxe_learn_free(struct pxe_learn *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n_sites; i++) {
        free(l->sites[i].name);
        free(l->sites[i].t.slots);
    }
    free(l->sites);
    free(l);
}

/* Counts each distinct hash of the page once: a slot remembers the page
** that counted it last (the slot's padding holds it), so the page's
** hashes need no sorting to be told apart. */
static px_status learn_page(learn_site *site, const uint64_t *hs, size_t n,
                            px_err *err)
{
    learn_table *l = &site->t;
    uint32_t page = (uint32_t)site->pages + 1;
    for (size_t i = 0; i < n; i++) {
        if (learn_grow(l))
            return px_err_set(err, PX_ENOMEM, "out of memory");
        learn_slot *s = learn_slot_find(l, hs[i]);
        if (!s->h) {
            s->h = hs[i];
            l->n++;
        } else if (s->page == page) {
            continue;
        }
        s->page = page;
        s->count++;
    }
    site->pages++;
    return PX_OK;
}

/* The site's record and room for the hashes of up to max lines. */
static px_status learn_begin(pxe_ctx *ctx, const char *site, size_t max,
                             learn_site **s, uint64_t **hs, px_err *err)
{
    if (!ctx->learn && !(ctx->learn = calloc(1, sizeof *ctx->learn)))
        return px_err_set(err, PX_ENOMEM, "out of memory");
    *s = learn_site_get(ctx->learn, site ? site : "", 1);
    *hs = malloc((max + 1) * sizeof **hs);
    if (!*s || !*hs) {
        free(*hs);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    return PX_OK;
}

px_status pxe_learn_text(pxe_ctx *ctx, const char *site, const char *text,
                         size_t len, px_err *err)
{
    learn_site *s;
    uint64_t *hs;
    px_status st = learn_begin(ctx, site, len / 2, &s, &hs, err);
    if (st != PX_OK)
        return st;
    size_t n = 0, pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t k = nl ? (size_t)(nl - (text + pos)) : len - pos;
        char *line = pxe_collapse(text + pos, k);
        if (!line) {
            free(hs);
            return px_err_set(err, PX_ENOMEM, "out of memory");
        }
        if (learn_countable(line))
            hs[n++] = learn_line_hash(s->h, line);
        free(line);
        pos += k + 1;
    }
    st = learn_page(s, hs, n, err);
    free(hs);
    return st;
}

px_status pxe_learn_lines(pxe_ctx *ctx, const char *site, pxe_line *v,
                          size_t n_lines, px_err *err)
{
    learn_site *s;
    uint64_t *hs;
    size_t n = 0;
    px_status st = learn_begin(ctx, site, n_lines, &s, &hs, err);
    if (st != PX_OK)
        return st;
    for (size_t i = 0; i < n_lines; i++)
        if (learn_countable(v[i].text))
            hs[n++] = learn_mix(s->h, pxe_line_key_hash(&v[i]));
    st = learn_page(s, hs, n, err);
    free(hs);
    return st;
}

void pxe_learn_count(const pxe_ctx *ctx, const char *site, const char *line,
                     size_t *pages, size_t *with_line)
{
    *pages = *with_line = 0;
    if (!ctx || !ctx->learn)
        return;
    learn_site *s = learn_site_get(ctx->learn, site ? site : "", 0);
    if (!s)
        return;
    *pages = s->pages;
    if (!learn_countable(line))
        return;
    learn_slot *slot = learn_slot_find(&s->t, learn_line_hash(s->h, line));
    *with_line = slot && slot->h ? slot->count : 0;
}

size_t pxe_learn_site(const pxe_ctx *ctx, const char *site,
                      unsigned long long *key)
{
    learn_site *s = ctx && ctx->learn
                        ? learn_site_get(ctx->learn, site ? site : "", 0)
                        : NULL;
    *key = s ? (unsigned long long)(s - ctx->learn->sites) + 1 : 0;
    return s ? s->pages : 0;
}

int pxe_learn_common_in(const pxe_ctx *ctx, unsigned long long key,
                        size_t pages, pxe_line *l)
{
    if (!key || pages < LEARN_MIN_PAGES || !learn_countable(l->text))
        return 0;
    const learn_site *s = &ctx->learn->sites[key - 1];
    learn_slot *slot = learn_slot_find(&s->t,
                                       learn_mix(s->h, pxe_line_key_hash(l)));
    size_t with = slot && slot->h ? slot->count : 0;
    return with >= LEARN_MIN_HITS && with * 100 >= pages * LEARN_SHARE;
}

void pxe_learn_prefetch(const pxe_ctx *ctx, unsigned long long key,
                        const pxe_line *l)
{
#ifdef __GNUC__
    const learn_site *s = key ? &ctx->learn->sites[key - 1] : NULL;
    /* Only for a line whose hash is known: the first pass learnt it, and
    ** a line too long to be counted has none. */
    if (!s || !s->t.cap || !l->key_h)
        return;
    uint64_t h = learn_mix(s->h, l->key_h);
    __builtin_prefetch(&s->t.slots[(size_t)h & (s->t.cap - 1)]);
#else
    (void)ctx;
    (void)key;
    (void)l;
#endif
}

int pxe_learn_is_common(const pxe_ctx *ctx, const char *site,
                        const char *line, size_t *pages, size_t *with_line)
{
    pxe_learn_count(ctx, site, line, pages, with_line);
    return *pages >= LEARN_MIN_PAGES && *with_line >= LEARN_MIN_HITS &&
           *with_line * 100 >= *pages * LEARN_SHARE;
}

void pxe_site_key(const char *url, const char *path, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (url && pxe_url_host(url, buf, size))
        return;
    if (!path)
        return;
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (n >= size)
        n = size - 1;
    memcpy(buf, path, n);
    buf[n] = '\0';
}
