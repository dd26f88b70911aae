/*
** extract_quality.h — what the pieces of the extract_quality test share:
** the benchmark's shingle scoring, file helpers, and the measuring of the
** scraped-text set (extract_quality_scraped.c), whose figures
** test_extract_quality.c holds against its floors.
*/
#ifndef PXE_EXTRACT_QUALITY_H
#define PXE_EXTRACT_QUALITY_H

#include <stddef.h>

/* Set from -v or $PXE_QUALITY_VERBOSE: print every miss. */
extern int q_verbose;

/* A growable list of malloc'd strings. */
typedef struct {
    char **v;
    size_t n, cap;
} q_strs;

void q_push(q_strs *s, char *x);
void q_free(q_strs *s);

/* The benchmark's body measure for one page (see ../shared/extraction):
** 4-token shingles of \w+ tokens, multiset overlap.  A NULL text counts
** as empty. */
void q_score(const char *truth, const char *pred, double *prec, double *rec);

/* dir + "/" + name into buf; 0 (and "") when it does not fit. */
int q_path(char *buf, size_t size, const char *dir, const char *name);
/* The whole file (plain or gzip), NUL-terminated, or NULL. Caller frees. */
char *q_read(const char *path, size_t *len);
int q_has_suffix(const char *s, const char *suf);

/* ---- the scraped-text set ------------------------------------------- */

typedef struct {
    size_t pages;                      /* labelled pages */
    size_t title, outlet, date;        /* right, of `pages` */
    size_t author, author_pages;       /* right, of pages with an author */
    size_t chrome, chrome_lines;       /* chrome lines left, of sampled */
    double recall, precision;          /* body shingles, page mean */
} q_scraped_figures;

/* Indexes nothing: extracts every page of the set in `dir` through the
** library as pressdex-index does and scores it as the set's `score`
** script does.  Returns 0 with *out filled, -1 when the set is not there
** (a message is printed), 1 on a broken set or a failed extraction. */
int q_scraped_measure(const char *dir, q_scraped_figures *out);

#endif
