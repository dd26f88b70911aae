/*
** readers.c — which reader handles which file, by extension.
**
** One table, so that a new format (.html, .warc) is one line here plus its
** reader.  Matching is on the extension, case-insensitive: notes.TXT is
** read like notes.txt, and .warc.gz counts as one extension.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extract_readers.h"
#include "ingest.h"

static const struct {
    const char *ext;      /* with the dot */
    px_reader_fn read;
} px_formats[] = {
    {".txt", px_read_txt},
    {".jsonl", px_read_jsonl},
    {".ndjson", px_read_jsonl},
    {".html", pxe_read_html},
    {".htm", pxe_read_html},
    {".warc", pxe_read_warc},
    {".warc.gz", pxe_read_warc},
};

#define PX_N_FORMATS (sizeof px_formats / sizeof *px_formats)

px_reader_fn px_reader_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    for (size_t i = 0; i < PX_N_FORMATS; i++) {
        size_t e = strlen(px_formats[i].ext);
        /* n > e: ".txt" alone is a hidden file's name, not a text file */
        if (n > e && strcasecmp(base + n - e, px_formats[i].ext) == 0)
            return px_formats[i].read;
    }
    return NULL;
}

void px_reader_names(char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < PX_N_FORMATS && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                         px_formats[i].ext);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
