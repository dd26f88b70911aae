/*
** extract.c — the last step every article takes before the command-line
** overrides, whatever its format: the outlet name is mapped to its
** canonical form through the aliases file (examplepost.com, Example Post
** and The Example Post are one outlet), and a date nothing vouches for is
** dropped, so that unknown stays unknown.  Finding metadata and dropping
** chrome in page text happens earlier, in the readers (indexer/extract/).
*/
#include <string.h>

#include "extract.h"
#include "ingest.h"

px_status px_extract_article(const struct pxe_ctx *ctx, px_article *a,
                             px_err *err)
{
    const char *canonical = ctx && a->outlet
                                ? pxe_outlet_canonical(ctx, a->outlet) : NULL;
    if (canonical && strcmp(canonical, a->outlet) != 0 &&
        px_article_set(&a->outlet, canonical, strlen(canonical)) != PX_OK)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (a->date_source == PX_DATE_UNKNOWN)
        a->date[0] = '\0';
    return PX_OK;
}
