/*
** formats.c — the format table: which reader handles which file, and what
** the indexer needs to know about each format.
**
** One table, so that a new format is one row here plus its reader.  Each
** row carries its traits: whether the file can be read a chunk at a time
** from a descriptor (JSON Lines archives of any size), whether it takes
** part in the first pass that learns each site's repeated lines (scraped
** pages do; JSON Lines and WARC records carry their own article text),
** and the paragraph `pressdex-index add --help` shows.  Matching is on the
** extension, case-insensitive: notes.TXT is read like notes.txt.
**
** Every format may also come compressed (the compression table below):
** the compression suffix is taken off first, so feed.jsonl.gz is JSON
** Lines and page.html.zst a page.  Exports are shipped compressed, and
** reading them as they are spares the disk an uncompressed copy.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

static const char *const formats_txt[] = {".txt", NULL};
static const char *const formats_html[] = {".html", ".htm", NULL};
static const char *const formats_warc[] = {".warc", NULL};
static const char *const formats_jsonl[] = {".jsonl", ".ndjson", NULL};

static const pxe_format formats_table[] = {
    {"txt", formats_txt, pxe_read_txt, NULL, 1,
     "the text of one news page.  Optional header lines first (title:, "
     "outlet:, date:, url:, author:, ended by a blank line) or a 'date "
     "YYYY-MM-DD' line; the rest of the metadata is found in the text, and "
     "page chrome (menus, forms, footers) is dropped", 0},
    {"html", formats_html, pxe_read_html, NULL, 1,
     "one news page; metadata from meta tags, JSON-LD and the markup, the "
     "story from the main content block", 0},
    {"warc", formats_warc, pxe_read_warc, NULL, 0,
     "a web archive: every HTML response is an article, with its URL and "
     "the crawl date as a last-resort date", 1},
    {"jsonl", formats_jsonl, pxe_read_jsonl, pxe_read_jsonl_fd, 0,
     "one JSON object per line: id (or url), outlet, date, title, author "
     "(a string or a list), text (or body).  The text is cleaned like a "
     ".txt page unless --no-clean; the JSON fields win", 0},
};

#define FORMATS_N (sizeof formats_table / sizeof *formats_table)

/* The compressions (unpack.c decompresses them). */
static const pxe_compression compressions[] = {
    {".gz", "gzip", PXE_GZIP},
    {".zst", "zstd", PXE_ZSTD},
};

#define COMPRESSIONS_N (sizeof compressions / sizeof *compressions)

/* Non-zero when base[0..n) ends in `suffix`, case-insensitively, with
** something before it: ".txt" alone is a hidden file's name, not a page. */
static int formats_ends(const char *base, size_t n, const char *suffix)
{
    size_t e = strlen(suffix);
    return n > e && strncasecmp(base + n - e, suffix, e) == 0;
}

const pxe_compression *pxe_compression_at(size_t i)
{
    return i < COMPRESSIONS_N ? &compressions[i] : NULL;
}

const pxe_compression *pxe_compression_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    for (size_t i = 0; i < COMPRESSIONS_N; i++)
        if (formats_ends(base, strlen(base), compressions[i].suffix))
            return &compressions[i];
    return NULL;
}

const pxe_format *pxe_format_at(size_t i)
{
    return i < FORMATS_N ? &formats_table[i] : NULL;
}

const pxe_format *pxe_format_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    const pxe_compression *c = pxe_compression_for(base);
    if (c)
        n -= strlen(c->suffix);
    for (size_t i = 0; i < FORMATS_N; i++)
        for (const char *const *ext = formats_table[i].extensions; *ext;
             ext++)
            if (formats_ends(base, n, *ext))
                return &formats_table[i];
    return NULL;
}

void pxe_format_names(char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < FORMATS_N; i++)
        for (const char *const *ext = formats_table[i].extensions;
             *ext && used < size; ext++) {
            int n = snprintf(buf + used, size - used, "%s%s",
                             used ? ", " : "", *ext);
            if (n < 0)
                return;
            used += (size_t)n;
        }
    for (size_t i = 0; i < COMPRESSIONS_N && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s",
                         i == 0 ? ", each also as " : " or ",
                         compressions[i].suffix);
        if (n < 0)
            return;
        used += (size_t)n;
    }
}
