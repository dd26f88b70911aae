/*
** timed.c — runs a command and reports its wall time, CPU time and peak
** resident set size, as /usr/bin/time -v does (which Debian does not
** install by default).
**
**   px-timed REPORT-FILE COMMAND [ARG]...
**
** writes "wall_s user_s sys_s maxrss_kb status" to REPORT-FILE and exits
** with the command's status.  Why not os.wait4() in the Python
** orchestrator: a child forked from a process that holds hundreds of MB
** (the corpus, while inputs are prepared) starts with that resident size,
** and Linux keeps the high-water mark across exec, so ru_maxrss would
** report the parent's memory.  Forked from this small program, the command
** starts from a few hundred KB.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: px-timed REPORT-FILE COMMAND [ARG]...\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("px-timed: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "px-timed: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("px-timed: wait4");
            return 2;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int code = WIFEXITED(status) ? WEXITSTATUS(status)
                                 : 128 + WTERMSIG(status);
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 2;
    }
    fprintf(out, "%.6f %.6f %.6f %ld %d\n",
            (double)(t1.tv_sec - t0.tv_sec) +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
            seconds(ru.ru_utime), seconds(ru.ru_stime), ru.ru_maxrss, code);
    fclose(out);
    return code;
}
