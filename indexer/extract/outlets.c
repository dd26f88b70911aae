/*
** outlets.c — one facet entry per outlet whatever the spelling, and the
** news agencies whose copy other outlets republish.
**
** The alias table maps a domain or a name to a canonical outlet name.  It
** is data, not code: the shipped data/outlet-aliases.tsv plus a user file
** named by $PRESSDEX_OUTLET_ALIASES, later rows overriding earlier ones,
** so a newsroom can add its own sources without rebuilding.  Domains match
** with or without "www." and for any subdomain (news.examplepost.com is
** examplepost.com); names match the way the index matches outlets (case,
** a leading "The", runs of space).
**
** Wire detection looks for the agency's own attribution shapes only — a
** "(Reuters) -" dateline, a "By AP" byline, an agency copyright line, the
** "Reporting by …; Editing by …" signature — never for a story that merely
** mentions an agency.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

#ifndef PXE_DATADIR
#define PXE_DATADIR "/usr/local/share/pressdex"
#endif
#ifndef PXE_SOURCE_DATADIR
#define PXE_SOURCE_DATADIR ""
#endif

/* The agencies known without any aliases file: spelling -> name. */
static const struct {
    const char *spelling;
    const char *name;
} outlets_wires[] = {
    {"reuters", "Reuters"},           {"thomson reuters", "Reuters"},
    {"associated press", "Associated Press"},
    {"ap", "Associated Press"},       {"the associated press", "Associated Press"},
    {"afp", "AFP"},                   {"agence france-presse", "AFP"},
    {"agence france presse", "AFP"},  {"dpa", "dpa"},
    {"deutsche presse-agentur", "dpa"},
    {"pa media", "PA Media"},         {"press association", "PA Media"},
    {"bloomberg", "Bloomberg"},       {"bloomberg news", "Bloomberg"},
    {"upi", "UPI"},                   {"united press international", "UPI"},
    {"aap", "AAP"},                   {"australian associated press", "AAP"},
    {"the canadian press", "The Canadian Press"},
    {"canadian press", "The Canadian Press"},
    {"efe", "EFE"},                   {"ansa", "ANSA"},
    {"kyodo", "Kyodo News"},          {"kyodo news", "Kyodo News"},
    {"xinhua", "Xinhua"},             {"pti", "PTI"},
};

#define OUTLETS_N_WIRES (sizeof outlets_wires / sizeof *outlets_wires)

/* The matching form of a name: lower case, no leading "the", single
** spaces, no trailing punctuation.  Written into buf. */
static void outlets_name_key(const char *s, char *buf, size_t size)
{
    while (pxe_is_space((unsigned char)*s))
        s++;
    if (strncasecmp(s, "the ", 4) == 0)
        s += 4;
    pxe_line_key(s, buf, size);
    size_t n = strlen(buf);
    while (n > 0 && strchr(".,;:!|-", buf[n - 1]))
        buf[--n] = '\0';
    while (n > 0 && buf[n - 1] == ' ')
        buf[--n] = '\0';
}

static int outlets_is_domain(const char *s)
{
    return strchr(s, '.') && !strchr(s, ' ') && strlen(s) < 254;
}

/* Domain or URL -> lower-case host without www. */
static int outlets_domain(const char *s, char *buf, size_t size)
{
    if (strstr(s, "://"))
        return pxe_url_host(s, buf, size);
    if (!outlets_is_domain(s))
        return 0;
    char tmp[300];
    snprintf(tmp, sizeof tmp, "http://%s", s);
    return pxe_url_host(tmp, buf, size);
}

static int outlets_add(pxe_ctx *ctx, const char *alias, const char *canon,
                       int wire)
{
    char key[256];
    int dom = outlets_domain(alias, key, sizeof key);
    if (!dom)
        outlets_name_key(alias, key, sizeof key);
    if (!*key)
        return 0;
    if (ctx->n_aliases == ctx->cap_aliases) {
        size_t cap = ctx->cap_aliases ? ctx->cap_aliases * 2 : 64;
        pxe_alias *v = realloc(ctx->aliases, cap * sizeof *v);
        if (!v)
            return -1;
        ctx->aliases = v;
        ctx->cap_aliases = cap;
    }
    pxe_alias *a = &ctx->aliases[ctx->n_aliases];
    a->key = pxe_strdup(key);
    a->canon = pxe_strdup(canon);
    if (!a->key || !a->canon) {
        free(a->key);
        free(a->canon);
        return -1;
    }
    a->is_domain = dom;
    a->wire = wire;
    ctx->n_aliases++;
    return 0;
}

/* Splits one TSV line into up to 3 trimmed columns (in place). */
static int outlets_columns(char *line, char *col[3])
{
    int n = 0;
    char *p = line;
    while (n < 3) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        char *t = p;
        while (pxe_is_space((unsigned char)*t))
            t++;
        size_t k = strlen(t);
        while (k > 0 && pxe_is_space((unsigned char)t[k - 1]))
            t[--k] = '\0';
        col[n++] = t;
        if (!tab)
            break;
        p = tab + 1;
    }
    return n;
}

px_status pxe_ctx_load_aliases(pxe_ctx *ctx, const char *path, px_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return px_err_set(err, PX_EIO, "%s: cannot read outlet aliases: %s",
                          path, strerror(errno));
    char line[1024];
    long no = 0;
    px_status st = PX_OK;
    while (st == PX_OK && fgets(line, sizeof line, f)) {
        no++;
        char *col[3] = {NULL, NULL, NULL};
        line[strcspn(line, "\r\n")] = '\0';
        const char *t = line + strspn(line, " \t");
        if (!*t || *t == '#')
            continue;
        int n = outlets_columns(line, col);
        if (n < 2 || !*col[0] || !*col[1])
            st = px_err_set(err, PX_EINVAL, "%s:%ld: expected 'alias<TAB>"
                            "canonical name', found '%.60s'", path, no, t);
        else if (outlets_add(ctx, col[0], col[1],
                             n == 3 && strcasecmp(col[2], "wire") == 0))
            st = px_err_set(err, PX_ENOMEM, "out of memory");
    }
    fclose(f);
    return st;
}

static int outlets_exists(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f)
        fclose(f);
    return f != NULL;
}

px_status pxe_ctx_new(const char *aliases_path, pxe_ctx **out, px_err *err)
{
    *out = NULL;
    pxe_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx) {
        ctx->keep_layouts = PXE_KEEP_LAYOUTS_DEFAULT;
        ctx->chrome = pxe_chrome_scan_new();
    }
    if (!ctx)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_status st = PX_OK;
    if (aliases_path) {
        st = pxe_ctx_load_aliases(ctx, aliases_path, err);
    } else {
        /* The installed copy first, then the one in the source tree (for
        ** running from a build directory). */
        const char *shipped[] = {PXE_DATADIR "/outlet-aliases.tsv",
                                 PXE_SOURCE_DATADIR "/data/outlet-aliases.tsv"};
        for (size_t i = 0; i < 2; i++)
            if (shipped[i][0] == '/' && outlets_exists(shipped[i])) {
                st = pxe_ctx_load_aliases(ctx, shipped[i], err);
                break;
            }
    }
    const char *user = getenv(PXE_ALIASES_ENV);
    if (st == PX_OK && user && *user)
        st = pxe_ctx_load_aliases(ctx, user, err);
    if (st != PX_OK) {
        pxe_ctx_free(ctx);
        return st;
    }
    *out = ctx;
    return PX_OK;
}

void pxe_ctx_free(pxe_ctx *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->n_aliases; i++) {
        free(ctx->aliases[i].key);
        free(ctx->aliases[i].canon);
    }
    free(ctx->aliases);
    pxe_learn_free(ctx->learn);
    pxe_layouts_free(ctx->layouts);
    pxe_chrome_scan_free(ctx->chrome);
    free(ctx);
}

/* Later rows win, so the search runs backwards. */
static const pxe_alias *outlets_find(const pxe_ctx *ctx, const char *name)
{
    char key[256];
    if (!ctx || !name)
        return NULL;
    if (outlets_domain(name, key, sizeof key)) {
        size_t klen = strlen(key);
        for (size_t i = ctx->n_aliases; i-- > 0;) {
            const pxe_alias *a = &ctx->aliases[i];
            size_t alen = strlen(a->key);
            if (a->is_domain &&
                (strcmp(a->key, key) == 0 ||
                 (klen > alen && key[klen - alen - 1] == '.' &&
                  strcmp(key + klen - alen, a->key) == 0)))
                return a;
        }
        return NULL;
    }
    outlets_name_key(name, key, sizeof key);
    for (size_t i = ctx->n_aliases; i-- > 0;)
        if (!ctx->aliases[i].is_domain && strcmp(ctx->aliases[i].key, key) == 0)
            return &ctx->aliases[i];
    return NULL;
}

const char *pxe_outlet_canonical(const pxe_ctx *ctx, const char *name)
{
    const pxe_alias *a = outlets_find(ctx, name);
    return a ? a->canon : NULL;
}

const char *pxe_wire_name(const pxe_ctx *ctx, const char *s)
{
    char key[256];
    const pxe_alias *a = outlets_find(ctx, s);
    if (a && a->wire)
        return a->canon;
    outlets_name_key(s, key, sizeof key);
    for (size_t i = 0; i < OUTLETS_N_WIRES; i++)
        if (strcmp(key, outlets_wires[i].spelling) == 0)
            return outlets_wires[i].name;
    /* "Reuters staff", "AP reporters", "Thomson Reuters Foundation" are
    ** not a match: only the name itself is. */
    return NULL;
}

/* The agency name in parentheses anywhere in the line: "(Reuters) -". */
static const char *outlets_paren_wire(const pxe_ctx *ctx, const char *line)
{
    for (const char *p = strchr(line, '('); p; p = strchr(p + 1, '(')) {
        const char *q = strchr(p, ')');
        if (!q || q - p > 40)
            continue;
        char name[48];
        snprintf(name, sizeof name, "%.*s", (int)(q - p - 1), p + 1);
        const char *w = pxe_wire_name(ctx, name);
        if (w)
            return w;
    }
    return NULL;
}

/* The rest of a line after a prefix, as a wire name ("By AP",
** "© 2025 The Associated Press. All rights reserved."). */
static const char *outlets_after(const pxe_ctx *ctx, const char *rest)
{
    char name[64];
    while (*rest == ' ' || isdigit((unsigned char)*rest))
        rest++;
    size_t n = strcspn(rest, ".,;|\u00a0");
    if (n == 0 || n >= sizeof name)
        return NULL;
    snprintf(name, sizeof name, "%.*s", (int)n, rest);
    return pxe_wire_name(ctx, name);
}

const char *pxe_wire_in_line(const pxe_ctx *ctx, const char *line)
{
    const char *w = outlets_paren_wire(ctx, line);
    if (w)
        return w;
    static const char *const prefixes[] = {
        "by ", "\xc2\xa9", "copyright ", "(c) ", "source: ", "via ",
        "\xe2\x80\x94 ", "- "};
    size_t by = pxe_prefix_in(line, prefixes, PXE_COUNT(prefixes));
    if (by && (w = outlets_after(ctx, line + by)))
        return w;
    if (pxe_starts_with_ci(line, "reporting by ") &&
        pxe_stristr(line, "editing by "))
        return "Reuters";
    if (pxe_word_count(line) <= 4 && (w = pxe_wire_name(ctx, line)))
        return w;
    return NULL;
}
