/*
** story_dump.c — prints, for each line of scraped pages, the features the
** story block is found by and the score it gets now, as tab-separated
** rows, for scripts/train-story to study and fit.  Not a test: a tool
** built beside them.
**
** Usage: story_dump PAGE.txt...   (pages of one folder learnt first, as
** pressdex-index add does)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

static char *dump_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    if (f && fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        rewind(f);
        data = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (data && fread(data, 1, (size_t)n, f) == (size_t)n)
            data[*len = (size_t)n] = '\0';
        else {
            free(data);
            data = NULL;
        }
    }
    if (f)
        fclose(f);
    return data;
}

static void dump_page(const pxe_ctx *ctx, const char *path)
{
    size_t len = 0;
    char *data = dump_read(path, &len), site[256];
    if (!data) {
        fprintf(stderr, "story_dump: %s: cannot read\n", path);
        return;
    }
    pxe_lines ls = {0};
    pxe_hints h = {path, NULL, NULL, NULL, NULL};
    pxe_text_prepare(ctx, &h, data, len, &ls, site, sizeof site);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (size_t i = 0; i < ls.n; i++) {
        double f[PXE_STORY_NF];
        pxe_story_features(&ls, i, f);
        printf("%s\t%zu\t%d", base, i, pxe_story_score(&ls, i));
        for (int k = 0; k < PXE_STORY_NF; k++)
            printf("\t%.4g", f[k]);
        printf("\t%s\n", ls.v[i].text);
    }
    pxe_lines_free(&ls);
    free(data);
}

int main(int argc, char **argv)
{
    pxe_ctx *ctx = NULL;
    px_err err;
    if (pxe_ctx_new(NULL, &ctx, &err) != PX_OK) {
        fprintf(stderr, "story_dump: %s\n", err.msg);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        char *data = dump_read(argv[i], &len);
        if (data)
            pxe_learn_file(ctx, argv[i], data, len, &err);
        free(data);
    }
    for (int i = 1; i < argc; i++)
        dump_page(ctx, argv[i]);
    pxe_ctx_free(ctx);
    return 0;
}
