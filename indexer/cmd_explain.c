/*
** cmd_explain.c — `pressdex-index explain FILE...`: shows, line by line,
** what extraction keeps and drops from a page and why, and the metadata
** it finds with where each field came from.  Touches no index.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "extract.h"

static const char explain_help[] =
"Usage: pressdex-index explain FILE...\n"
"\n"
"Shows how each file would be read: every line kept or dropped (menus,\n"
"sign-up forms, appeals, footers, repeated lines) with the reason, then\n"
"the title, outlet, author and date found, each with its source and\n"
"confidence.  Lines repeated across the pages given together are learnt\n"
"first, as 'add' does.  Outlet aliases: data/outlet-aliases.tsv, plus\n"
"the file named by $PRESSDEX_OUTLET_ALIASES.\n"
"\n"
"Exit status: 0 success, 2 usage error, 3 a file could not be read.\n";

int pi_cmd_explain(pi_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        PI_CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    int c, rc;
    while ((c = getopt_long(argc, argv, PI_CLI_SHORT, longopts, NULL)) != -1)
        if ((rc = pi_cli_option(cli, "explain", explain_help, c, argv)) >= 0)
            return rc;
    if (optind >= argc)
        return pi_cli_usage("explain", "no file given");
    pxe_ctx *xc = NULL;
    px_err err = {""};
    if (pxe_ctx_new(NULL, &xc, &err) != PX_OK) {
        pi_cli_error("%s", err.msg);
        return PI_EXIT_USAGE;
    }
    char *data;
    size_t len;
    /* Compressed pages are explained as what they hold. */
    for (int i = optind; i < argc; i++)
        if (pxe_load_file(argv[i], &data, &len, NULL) == PX_OK) {
            pxe_learn_file(xc, argv[i], data, len, NULL);
            free(data);
        }
    rc = PI_EXIT_OK;
    for (int i = optind; i < argc; i++) {
        if (pxe_load_file(argv[i], &data, &len, &err) != PX_OK) {
            pi_cli_error("%s: %s", argv[i], err.msg);
            rc = PI_EXIT_PARTIAL;
            continue;
        }
        printf("%s== %s ==\n", i > optind ? "\n" : "", argv[i]);
        if (pxe_explain_file(xc, argv[i], data, len, stdout, &err) != PX_OK) {
            pi_cli_error("%s", err.msg);
            rc = PI_EXIT_PARTIAL;
        }
        free(data);
    }
    pxe_ctx_free(xc);
    return rc;
}
