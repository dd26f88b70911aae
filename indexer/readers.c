/*
** readers.c — which reader handles which file, by extension.
**
** One table, so that a new format (.html, .warc) is one line here plus its
** reader.  Matching is on the last extension, case-insensitive: notes.TXT
** is read like notes.txt.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ingest.h"

static const struct {
    const char *ext;      /* with the dot */
    px_reader_fn read;
} px_formats[] = {
    {".txt", px_read_txt},
    {".jsonl", px_read_jsonl},
    {".ndjson", px_read_jsonl},
};

#define PX_N_FORMATS (sizeof px_formats / sizeof *px_formats)

px_reader_fn px_reader_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)     /* ".txt" alone is a hidden file's name */
        return NULL;
    for (size_t i = 0; i < PX_N_FORMATS; i++)
        if (strcasecmp(dot, px_formats[i].ext) == 0)
            return px_formats[i].read;
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
