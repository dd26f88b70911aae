/*
** cli_common.h — what pressdex-search's commands share: where the index
** is by default and which spelling-variant files apply.
*/
#ifndef PX_CLI_COMMON_H
#define PX_CLI_COMMON_H

#include <stddef.h>

#include "pressdex.h"

/* $PRESSDEX_DB, else $XDG_DATA_HOME/pressdex/index, else
** ~/.local/share/pressdex/index (written into buf when built). */
const char *px_cli_default_db(char *buf, size_t n);

/* Loads the shipped variants file (from $PRESSDEX_DATA_DIR, the install
** prefix or the source tree) and $PRESSDEX_VARIANTS when set.  *out is
** NULL when no file was found.  Returns PX_OK or a load error. */
px_status px_cli_load_variants(px_variants **out, px_err *err);

#endif /* PX_CLI_COMMON_H */
