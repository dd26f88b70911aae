/*
** textdomain.h — the page's domain together with how the page spells it.
*/
#ifndef PXE_TEXTDOMAIN_H
#define PXE_TEXTDOMAIN_H

#include "extract_int.h"

/* pxe_page_domain(), and when spelt is not NULL pxe_domain_spelling() of
** the domain found: the host tally reads the spellings of the hosts it
** weighs, so the chosen one's is kept rather than read again. */
const char *pxe_page_domain_spelt(const pxe_lines *ls, const char *url,
                                  char *buf, size_t size, unsigned *count,
                                  pxe_spelling *spelt);

#endif
