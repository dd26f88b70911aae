/*
** check.h — the assertions the C unit tests share.  Each test program
** includes it once; CHECK counts and reports a failed condition and goes
** on, REQUIRE stops the program when later checks depend on the step (it
** prints `err.msg`, so a px_err named err must be in scope).  A program
** ends with CHECK_REPORT(), which prints "N passed, M failed" and yields
** the exit status.
*/
#ifndef PX_TEST_CHECK_H
#define PX_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int passed, failed;

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (cond) {                                                      \
            passed++;                                                    \
        } else {                                                         \
            failed++;                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,       \
                    __LINE__, #cond);                                    \
        }                                                                \
    } while (0)

#define REQUIRE(cond)                                                    \
    do {                                                                 \
        if (cond) {                                                      \
            passed++;                                                    \
        } else {                                                         \
            failed++;                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n%s:%d: cannot "    \
                    "continue (%s)\n", __FILE__, __LINE__, #cond,        \
                    __FILE__, __LINE__, err.msg);                        \
            exit(1);                                                     \
        }                                                                \
    } while (0)

#define CHECK_REPORT()                                                   \
    (printf("%d passed, %d failed\n", passed, failed), failed != 0)

#endif /* PX_TEST_CHECK_H */
