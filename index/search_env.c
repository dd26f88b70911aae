/*
** search_env.c — the settings every search runs with, decided in one
** place.
**
** pressdex-search, its quote and batch modes and pressdex.cgi used to
** assemble their searches each in its own way: the page never loaded the
** spelling variants, and the default index location was computed in two
** programs, differently.  A px_search_env holds what the environment
** decides — where the index is, the spelling variants, the time limit,
** and how an outlet as typed maps to the outlet indexing stored — and
** px_search_env_apply() puts it into a search's options, so that every
** surface answers a query the same way.  Only the outlet alias table
** comes from outside (the extraction library owns it): the program plugs
** it in as a resolver.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pressdex.h"

#ifndef PX_INSTALL_DATA_DIR
#define PX_INSTALL_DATA_DIR "/usr/local/share/pressdex"
#endif

/* Longest time limit accepted, from the environment or an option. */
#define PX_TIME_LIMIT_MAX 3600.0

struct px_search_env {
    char *db;
    px_variants *variants;
    double time_limit;
    px_outlet_resolver outlet_resolve;
    void *outlet_ctx;
    int partial;               /* PX_OPEN_PARTIAL */
    char warning[256];
};

static char *join2(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", a, b);
    return p;
}

px_status px_default_index_dir(char **out, px_err *err)
{
    const char *env = getenv("PRESSDEX_DB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    *out = NULL;
    if (env && *env)
        *out = strdup(env);
    else if (xdg && *xdg)
        *out = join2(xdg, "/pressdex/index");
    else if (home && *home)
        *out = join2(home, "/.local/share/pressdex/index");
    else
        return px_err_set(err, PX_ENOTFOUND, "no index location: HOME is "
                          "not set; give one with --db DIR or PRESSDEX_DB");
    return *out ? PX_OK : px_err_set(err, PX_ENOMEM, "out of memory");
}

/* The shipped variants file (from $PRESSDEX_DATA_DIR, the install prefix
** or the source tree, the first found), then $PRESSDEX_VARIANTS. */
static px_status load_variants(px_variants **out, px_err *err)
{
    const char *dirs[] = {getenv("PRESSDEX_DATA_DIR"), PX_INSTALL_DATA_DIR,
#ifdef PX_SOURCE_DATA_DIR
                          PX_SOURCE_DATA_DIR
#else
                          NULL
#endif
    };
    char path[4096];
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        if (!dirs[i] || !*dirs[i])
            continue;
        snprintf(path, sizeof path, "%s/variants.txt", dirs[i]);
        if (access(path, R_OK) == 0) {
            px_status st = px_variants_load(out, path, err);
            if (st != PX_OK)
                return st;
            break;
        }
    }
    const char *user = getenv("PRESSDEX_VARIANTS");
    if (user && *user)
        return px_variants_load(out, user, err);
    return PX_OK;
}

/* $PRESSDEX_TIME_LIMIT when it is a number of seconds in range, else the
** fallback (a malformed value is reported through env->warning). */
static double time_limit_from_env(px_search_env *env, double fallback)
{
    const char *s = getenv("PRESSDEX_TIME_LIMIT");
    if (!s || !*s)
        return fallback;
    char *end = NULL;
    double t = strtod(s, &end);
    if (*end || !(t > 0 && t <= PX_TIME_LIMIT_MAX)) {
        snprintf(env->warning, sizeof env->warning,
                 "PRESSDEX_TIME_LIMIT '%.40s' is not a number of seconds "
                 "above 0 and up to %g; using %g", s, PX_TIME_LIMIT_MAX,
                 fallback);
        return fallback;
    }
    return t;
}

px_status px_search_env_new(const px_search_setup *s, px_search_env **out,
                            px_err *err)
{
    px_search_env *env = calloc(1, sizeof *env);
    if (!env)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    px_status st = PX_OK;
    if (s->db && !(env->db = strdup(s->db)))
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    else if (!s->db)
        st = px_default_index_dir(&env->db, err);
    if (st == PX_OK && !s->exact_spelling)
        st = load_variants(&env->variants, err);
    if (st == PX_OK &&
        (s->time_limit < 0 || s->time_limit > PX_TIME_LIMIT_MAX))
        st = px_err_set(err, PX_EINVAL, "a time limit must be seconds "
                        "between 0 and %g", PX_TIME_LIMIT_MAX);
    if (st != PX_OK) {
        px_search_env_free(env);
        return st;
    }
    env->time_limit = s->no_time_limit ? 0
        : s->time_limit > 0 ? s->time_limit
        : time_limit_from_env(env, s->default_time_limit);
    env->outlet_resolve = s->outlet_resolve;
    env->outlet_ctx = s->outlet_ctx;
    const char *missing = getenv("PRESSDEX_MISSING_SHARDS");
    env->partial = s->missing_shards_ok ||
                   (missing && strcmp(missing, "answer") == 0);
    *out = env;
    return PX_OK;
}

void px_search_env_free(px_search_env *env)
{
    if (!env)
        return;
    px_variants_free(env->variants);
    free(env->db);
    free(env);
}

const char *px_search_env_db(const px_search_env *env)
{
    return env->db;
}

const char *px_search_env_warning(const px_search_env *env)
{
    return env->warning[0] ? env->warning : NULL;
}

double px_search_env_time_limit(const px_search_env *env)
{
    return env->time_limit;
}

void px_search_env_apply(const px_search_env *env, px_search_opts *o)
{
    o->variants = env->variants;
    o->time_limit = env->time_limit;
    o->outlet_resolve = env->outlet_resolve;
    o->outlet_ctx = env->outlet_ctx;
}

px_status px_search_env_open(const px_search_env *env, px_index **out,
                             px_err *err)
{
    return px_index_open(env->db, PX_OPEN_READ |
                         (env->partial ? PX_OPEN_PARTIAL : 0), NULL, out,
                         err);
}
