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
** extension, case-insensitive: notes.TXT is read like notes.txt, and
** .warc.gz counts as one extension.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

static const char *const formats_txt[] = {".txt", NULL};
static const char *const formats_html[] = {".html", ".htm", NULL};
static const char *const formats_warc[] = {".warc", ".warc.gz", NULL};
static const char *const formats_jsonl[] = {".jsonl", ".ndjson", NULL};

static const pxe_format formats_table[] = {
    {"txt", formats_txt, pxe_read_txt, NULL, 1,
     "the text of one news page.  Optional header lines first (title:, "
     "outlet:, date:, url:, author:, ended by a blank line) or a 'date "
     "YYYY-MM-DD' line; the rest of the metadata is found in the text, and "
     "page chrome (menus, forms, footers) is dropped"},
    {"html", formats_html, pxe_read_html, NULL, 1,
     "one news page; metadata from meta tags, JSON-LD and the markup, the "
     "story from the main content block"},
    {"warc", formats_warc, pxe_read_warc, NULL, 0,
     "a web archive: every HTML response is an article, with its URL and "
     "the crawl date as a last-resort date"},
    {"jsonl", formats_jsonl, pxe_read_jsonl, pxe_read_jsonl_fd, 0,
     "one JSON object per line: id (or url), outlet, date, title, author "
     "(a string or a list), text (or body).  The text is cleaned like a "
     ".txt page unless --no-clean; the JSON fields win"},
};

#define FORMATS_N (sizeof formats_table / sizeof *formats_table)

const pxe_format *pxe_format_at(size_t i)
{
    return i < FORMATS_N ? &formats_table[i] : NULL;
}

const pxe_format *pxe_format_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    for (size_t i = 0; i < FORMATS_N; i++)
        for (const char *const *ext = formats_table[i].extensions; *ext;
             ext++) {
            size_t e = strlen(*ext);
            /* n > e: ".txt" alone is a hidden file's name, not a page */
            if (n > e && strcasecmp(base + n - e, *ext) == 0)
                return &formats_table[i];
        }
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
}
