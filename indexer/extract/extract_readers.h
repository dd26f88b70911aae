/*
** extract_readers.h — the .html/.htm and .warc/.warc.gz readers for
** pressdex-index, with the px_reader_fn signature of indexer/ingest.h.
**
** Kept apart from extract.h because these depend on the indexer's ingest
** helpers (px_ingest_emit() and the reporting calls), which live in the
** pressdex-index program rather than in a library.
*/
#ifndef PXE_EXTRACT_READERS_H
#define PXE_EXTRACT_READERS_H

#include "extract.h"
#include "ingest.h"

/* One article per HTML file; ext_id and source are the path, url the
** page's canonical URL when it states one.  Uses in->opts->extract. */
int pxe_read_html(const px_ingest *in, const char *path, const char *data,
                  size_t len);

/* One article per HTML response (or resource) record with status 200 (or
** none): url and ext_id the WARC-Target-URI, source the WARC file, the
** WARC-Date as a last-resort date (PX_DATE_ARCHIVE).  A record whose URL
** or content hash was already seen in this file is skipped with a note.
** A truncated or damaged file is a problem reported with the record
** number; the records before the damage are indexed. */
int pxe_read_warc(const px_ingest *in, const char *path, const char *data,
                  size_t len);

#endif /* PXE_EXTRACT_READERS_H */
