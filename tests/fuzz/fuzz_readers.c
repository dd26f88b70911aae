/*
** fuzz_readers.c — libFuzzer target for one reader of the extraction
** library, chosen when it is built (PX_FUZZ_READER: pxe_read_txt,
** pxe_read_html, pxe_read_warc or pxe_read_jsonl; PX_FUZZ_PATH names the
** file as its extension would).  Each input is a whole file, handed over as
** pxe_load_file hands it (NUL-terminated), through the ingest callbacks
** pressdex-index uses.  A reader must never crash, hang, leak or read out
** of bounds (ASan/UBSan and libFuzzer catch that), and every article it
** emits must carry what px_index_add requires: an id, a source, a body.
** tests/fuzz.cmake builds it; tests/fuzz/run.sh and scripts/fuzz run it.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#ifndef PX_FUZZ_READER
#error "PX_FUZZ_READER must name the reader to fuzz"
#endif

static int fuzz_sink(void *ctx, px_article *a)
{
    /* What px_index_add refuses as PX_EINVAL; abort() makes it a finding. */
    if (!a || !a->ext_id || !a->source || !a->body)
        abort();
    px_article_free(a);
    ++*(size_t *)ctx;
    return 0;
}

static void fuzz_report(void *ctx, const char *path, long line,
                        const char *msg)
{
    (void)ctx;
    /* Every report names the file and says something. */
    if (!path || !msg || !*msg || line < 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *file = malloc(size + 1);
    if (!file)
        return 0;
    memcpy(file, data, size);
    file[size] = '\0';
    size_t articles = 0;
    px_ingest_opts opts;
    memset(&opts, 0, sizeof opts);
    px_ingest in = {&opts, fuzz_sink, fuzz_report, &articles,
                    fuzz_report, fuzz_report, NULL};
    PX_FUZZ_READER(&in, PX_FUZZ_PATH, file, size);
    free(file);
    return 0;
}
