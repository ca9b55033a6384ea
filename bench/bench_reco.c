/* bench_reco.c — recommendation latency: each request of a TSV (column
 * 'query') answered in turn against a catalogue, timed one by one; prints
 * the median, 99th percentile and worst, in milliseconds. Run it pinned
 * to one core (bench/bench_reco.sh does).
 * usage: bench_reco DATA_DIR CATALOG.db QUERIES.tsv [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "moodscape/catalog.h"

#define QUERIES_MAX 4096

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The first column of each row after the header. */
static size_t read_queries(const char *path, char **q)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    size_t n = 0;
    if (!f)
        return 0;
    for (int first = 1; fgets(line, sizeof line, f) && n < QUERIES_MAX; first = 0) {
        line[strcspn(line, "\t\r\n")] = '\0';
        if (!first && *line)
            q[n++] = strdup(line);
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_reco DATA_DIR CATALOG.db QUERIES.tsv [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 4 ? atoi(argv[4]) : 3;
    static char *q[QUERIES_MAX];
    size_t nq = read_queries(argv[3], q);
    ms_reader *r = NULL;
    ms_catalog *cat = NULL;
    if (nq == 0 || ms_reader_open(argv[1], &r) != MS_OK
        || ms_catalog_open(argv[2], 1, &cat) != MS_OK) {
        fprintf(stderr, "bench_reco: %s\n", nq ? ms_last_error() : "no queries");
        return 1;
    }
    double *t = malloc(nq * (size_t)rounds * sizeof *t);
    size_t n = 0;
    for (int round = 0; round < rounds; round++)
        for (size_t i = 0; i < nq; i++) {
            ms_hits h;
            double t0 = now_ms();
            if (ms_catalog_recommend(cat, r, q[i], 10, &h) != MS_OK) {
                fprintf(stderr, "bench_reco: %s\n", ms_last_error());
                return 1;
            }
            t[n++] = now_ms() - t0;
            ms_hits_free(&h);
        }
    qsort(t, n, sizeof *t, by_value);
    printf("%zu requests: p50 %.2f ms, p99 %.2f ms, worst %.2f ms\n", n,
           t[n / 2], t[n * 99 / 100], t[n - 1]);
    free(t);
    for (size_t i = 0; i < nq; i++)
        free(q[i]);
    ms_catalog_close(cat);
    ms_reader_close(r);
    return 0;
}
