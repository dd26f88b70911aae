/*
** output.h — how pressdex-search (and the CGI page's JSON mode) print
** results.  Both printers only read the results; they own nothing.
*/
#ifndef PS_OUTPUT_H
#define PS_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "pressdex.h"

/* Numbers in JSON keep 12 significant digits: a score is a sum whose
** order changes with the shards an index is split into, which moves its
** 16th digit and nothing a reader could use. */
#define PS_JSON_REAL JSON_REAL_PRECISION(12)

/* Version of the JSON document below; bumped on incompatible change. */
#define PS_JSON_SCHEMA_VERSION 1

/* The results as the JSON document described in docs/json.md.  Returns a
** new reference (json_decref it), or NULL when out of memory. */
json_t *ps_json_results(const px_results *r, const px_search_opts *o);

/* A JSON string, or null for NULL and "" (absent fields). */
json_t *ps_json_str(const char *s);

/* The "date_precision" of an article: "day", "month" or "year", or null
** when its date is unknown (then there is nothing to be precise about). */
json_t *ps_json_date_precision(const px_article *a);

/* Spans (byte offsets into `plain`) as [[start, length], …] in Unicode
** code points; a new reference. */
json_t *ps_json_spans(const char *plain, const px_span *spans, size_t n);

/* Human-readable results.  `bold` selects terminal bold for highlights
** (the snippets must then have been built with the bold markers);
** `cwd` shortens sources under it (may be NULL). */
void ps_text_results(FILE *out, const px_results *r, const px_search_opts *o,
                     const char *cwd);

/* Tables for spreadsheets (output_table.c). */
typedef enum { PS_TABLE_NONE = 0, PS_TABLE_TSV, PS_TABLE_CSV } ps_table_format;

/* The hits as a table with a header row, or with o->facets the facet
** counts (facet,value,count; an unknown outlet or date has an empty
** value).  Snippets are plain: a table has no highlighting. */
void ps_table_results(FILE *out, ps_table_format f, const px_results *r,
                      const px_search_opts *o);

#endif /* PS_OUTPUT_H */
