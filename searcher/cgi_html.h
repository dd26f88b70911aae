/*
** cgi_html.h — the search page's HTML: the page frame and search form,
** the result list, the facet sidebar with its month histogram, the active
** filter chips, the full-article view and the error pages.
**
** Every function appends to a cgi_buf and only reads its arguments.  All
** text that comes from the request or the index is escaped for the context
** it lands in; links are built from a cgi_params through
** cgi_params_query(), never by pasting request text.  The page needs no
** JavaScript: every state is a URL and every control a link or a form.
*/
#ifndef PS_CGI_HTML_H
#define PS_CGI_HTML_H

#include "cgi_buf.h"
#include "cgi_params.h"
#include "pressdex.h"

/* The whole results page for the search described by *p.  The outlet
** list comes from `outlets`: the same search without its outlet filters,
** so that other outlets stay visible and can be added (may be r).
** `language` is the index's stemming language, for marking the query's
** words in the titles (cgi_mark.h; NULL: exact words only).  A search
** without words (browsing) shows each story's opening as its snippet,
** cut from the longer snippet such a search asks for. */
void cgi_html_results(cgi_buf *b, const cgi_params *p, const px_results *r,
                      const px_results *outlets, const char *language);

/* The snippet length to ask the search for.  A search without words to
** mark (browsing, or only filters) gets the whole story, since a snippet
** chosen for no words is any stretch of it (often the footer), and the
** page shows its opening; any other gets a snippet around the matches. */
size_t cgi_html_snippet_len(const cgi_params *p);

/* The full-article page, the query's words marked in its title and text
** (`language` as for cgi_html_results); *p is the search to go back to. */
void cgi_html_article(cgi_buf *b, const cgi_params *p, const px_article *a,
                      const char *language);

/* An error page: `heading` ("Bad request", …) and a plain-text `message`.
** `p` (may be NULL) refills the search form. */
void cgi_html_error(cgi_buf *b, const char *heading, const char *message,
                    const cgi_params *p);

/* --- shared by cgi_html.c and cgi_facets.c ---------------------------- */

/* Writes href="…" for the state *p (a relative "?query" link). */
void cgi_html_href(cgi_buf *b, const cgi_params *p);

/* The removable chips for the active filters (nothing when none). */
void cgi_html_chips(cgi_buf *b, const cgi_params *p);

/* The sidebar: the outlet facet list from `outlets`, the month histogram
** from r (see cgi_html_results). */
void cgi_html_sidebar(cgi_buf *b, const cgi_params *p, const px_results *r,
                      const px_results *outlets);

/* Writes the last day of month `ym` ("YYYY-MM") as "YYYY-MM-DD" into out;
** returns 0 when `ym` is not a month. */
int cgi_month_end(const char *ym, char out[11]);

#endif /* PS_CGI_HTML_H */
