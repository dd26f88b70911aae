/*
** check.h — the assertions the C unit tests share.  Each test program
** includes it once; CHECK counts and reports a failed condition and goes
** on, REQUIRE stops the program when later checks depend on the step (it
** prints `err.msg`, so a px_err named err must be in scope).  A program
** ends with CHECK_REPORT(), which prints "N passed, M failed" and yields
** the exit status.  check_remove_tree() removes a test's scratch folder.
*/
#ifndef PX_TEST_CHECK_H
#define PX_TEST_CHECK_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Removes a directory tree a test made (inline: not every test uses it). */
static inline void check_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[4096];
            if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >=
                (int)sizeof sub)
                continue;   /* not a path a test makes */
            struct stat st;
            if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
                check_remove_tree(sub);
            else
                unlink(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

#endif /* PX_TEST_CHECK_H */
