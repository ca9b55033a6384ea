/* check.h — the few assertions moodscape's tests share. Each failed check
 * prints where and why and is counted; a test's main() ends with
 * `return check_report();`, which exits non-zero if anything failed. */
#ifndef MS_TESTS_CHECK_H
#define MS_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                        \
    do {                                                                   \
        check_count++;                                                     \
        if (!(cond)) {                                                     \
            check_failures++;                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                      \
        }                                                                  \
    } while (0)

#define CHECK_NEAR(got, want, eps)                                         \
    do {                                                                   \
        double got_ = (got), want_ = (want);                               \
        check_count++;                                                     \
        if (!(fabs(got_ - want_) <= (eps))) {                              \
            check_failures++;                                              \
            fprintf(stderr, "%s:%d: %s = %.9g, want %.9g (within %g)\n",   \
                    __FILE__, __LINE__, #got, got_, want_, (double)(eps)); \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *got_ = (got), *want_ = (want);                         \
        check_count++;                                                     \
        if (!got_ || strcmp(got_, want_) != 0) {                           \
            check_failures++;                                              \
            fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, \
                    __LINE__, #got, got_ ? got_ : "(null)", want_);        \
        }                                                                  \
    } while (0)

static inline int check_report(void)
{
    fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
