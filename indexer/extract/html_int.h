/*
** html_int.h — shared between html.c (metadata, the entry point) and
** html_content.c (finding the story's blocks).
*/
#ifndef PXE_HTML_INT_H
#define PXE_HTML_INT_H

#include <gumbo.h>

#include "extract_int.h"

/* A run of text from one block element (paragraph, heading, …). */
typedef struct {
    GumboNode *node;   /* the innermost block element holding the text */
    char *text;        /* white space collapsed */
    size_t len;
    size_t links;      /* bytes of that text inside <a> */
} hc_block;

typedef struct {
    hc_block *v;
    size_t n, cap;
    int oom;
} hc_blocks;

int pxe_html_is_block(GumboTag t);
/* Flattens the visible, possibly-story parts of the tree into blocks.
** strict: also skip elements whose tag, class or id says they are not the
** story (nav bars, sidebars, comments…); not strict: only scripts, styles
** and the like, for pages whose wrappers are named misleadingly. */
void pxe_html_blocks(GumboNode *body, hc_blocks *bs, int strict);
void pxe_html_blocks_free(hc_blocks *bs);
/* Adds every block to ls, the ones outside the story marked as chrome.
** Returns -1 when memory ran out. */
int pxe_html_content(const hc_blocks *bs, pxe_lines *ls);
/* Bytes of story text in ls (lines still marked as body). */
size_t pxe_html_story_len(const pxe_lines *ls);

#endif /* PXE_HTML_INT_H */
