/*
** cli_common.c — defaults shared by pressdex-search's commands.
*/
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli_common.h"

const char *px_cli_default_db(char *buf, size_t n)
{
    const char *env = getenv("PRESSDEX_DB");
    if (env && *env)
        return env;
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg) {
        snprintf(buf, n, "%s/pressdex/index", xdg);
        return buf;
    }
    const char *home = getenv("HOME");
    snprintf(buf, n, "%s/.local/share/pressdex/index", home ? home : ".");
    return buf;
}

px_status px_cli_load_variants(px_variants **out, px_err *err)
{
    const char *dirs[] = {getenv("PRESSDEX_DATA_DIR"), PX_INSTALL_DATA_DIR,
                          PX_SOURCE_DATA_DIR};
    char path[4096];
    *out = NULL;
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
