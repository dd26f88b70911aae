/*
** fuzz_params.c — libFuzzer target for the search page's parameter parser.
** Each input is taken as a raw QUERY_STRING; the parser must never crash,
** leak or read out of bounds (ASan/UBSan catch that), and everything it
** accepts must survive the round trip checked in params_check.h.
*/
#include <stdint.h>

#include "params_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The server hands the program a C string: stop at the first NUL. */
    char *qs = malloc(size + 1);
    if (!qs)
        return 0;
    memcpy(qs, data, size);
    qs[size] = '\0';
    params_check(qs);
    free(qs);
    return 0;
}
