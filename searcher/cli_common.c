/*
** cli_common.c — the search settings of pressdex-search and pressdex.cgi,
** and the command-line reader of pressdex-search's commands.
**
** The settings themselves are decided by the library (px_search_env); all
** this adds is the outlet alias table, which belongs to the extraction
** library, so that `--outlet AP`, `outlet:washingtonpost.com` or the
** page's outlet parameter name the outlet that indexing stored.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "extract.h"

char *ps_setup_resolve_outlet(void *aliases, const char *name)
{
    /* The very mapping indexing applies (an alias of the label, else the
    ** label without its section, or an alias of that), run on a scratch
    ** article so that the two cannot drift apart. */
    px_article a = {0};
    if (px_article_set(&a.outlet, name, strlen(name)) != PX_OK)
        return NULL;
    if (pxe_article_finish(aliases, &a, NULL) != PX_OK ||
        strcmp(a.outlet, name) == 0) {
        free(a.outlet);
        return NULL;
    }
    return a.outlet;
}

px_status ps_setup_init(ps_setup *su, const px_search_setup *s, px_err *err)
{
    px_search_setup with = *s;
    memset(su, 0, sizeof *su);
    px_status st = pxe_ctx_new(NULL, &su->aliases, err);
    if (st == PX_OK) {
        with.outlet_resolve = ps_setup_resolve_outlet;
        with.outlet_ctx = su->aliases;
        st = px_search_env_new(&with, &su->env, err);
    }
    if (st != PX_OK)
        ps_setup_free(su);
    return st;
}

void ps_setup_free(ps_setup *su)
{
    px_search_env_free(su->env);
    pxe_ctx_free(su->aliases);
    memset(su, 0, sizeof *su);
}

/* ------------------------------------------------------------------ */
/* The command line                                                     */
/* ------------------------------------------------------------------ */

static int cli_error(const char *prog, const char *msg, const char *arg)
{
    fprintf(stderr, "%s: %s%s\nTry '%s --help'.\n", prog, msg, arg, prog);
    return 2;
}

/* One "--name[=value]" argument at argv[*i]; advances *i past a separate
** value. */
static int long_option(int argc, char **argv, int *i,
                       const ps_cli_opt *opts, ps_cli_opt_fn fn, void *ctx,
                       const char *prog)
{
    const char *name = argv[*i] + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const ps_cli_opt *o = opts;
    while (o->name && (strlen(o->name) != len ||
                       strncmp(o->name, name, len) != 0))
        o++;
    if (!o->name)
        return cli_error(prog, "unknown option: ", argv[*i]);
    const char *arg = NULL;
    if (o->has_arg && eq)
        arg = eq + 1;
    else if (o->has_arg && *i + 1 < argc)
        arg = argv[++*i];
    else if (o->has_arg)
        return cli_error(prog, "missing value for ", argv[*i]);
    else if (eq)
        return cli_error(prog, "no value is taken by --", o->name);
    return fn(ctx, o->id, arg);
}

int ps_cli_split(int argc, char **argv, const ps_cli_opt *opts,
                 ps_cli_opt_fn fn, void *ctx, const char *prog,
                 char ***words, int *n_words)
{
    char **w = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *w);
    int n = 0, rc = 0, options = 1;
    if (!w)
        return cli_error(prog, "out of memory", "");
    for (int i = 1; i < argc && rc == 0; i++) {
        if (options && strcmp(argv[i], "--") == 0)
            options = 0;
        else if (options && strncmp(argv[i], "--", 2) == 0)
            rc = long_option(argc, argv, &i, opts, fn, ctx, prog);
        else if (options && strcmp(argv[i], "-h") == 0)
            rc = fn(ctx, 'h', NULL);
        else
            w[n++] = argv[i];
    }
    if (rc != 0) {
        free(w);
        return rc;
    }
    *words = w;
    *n_words = n;
    return 0;
}

char *ps_cli_join(char **words, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(words[i]) + 1;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    *p = '\0';
    for (int i = 0; i < n; i++) {
        size_t k = strlen(words[i]);
        if (i)
            *p++ = ' ';
        memcpy(p, words[i], k + 1);
        p += k;
    }
    return s;
}
