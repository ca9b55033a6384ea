/* bench_text.c — how fast the text reader is on one core: time to load
 * the models, sentences read per second, and peak resident memory.
 * usage: bench_text DATA_DIR SENTENCES.tsv [ROUNDS]
 * SENTENCES.tsv is any TSV whose last column is the text (dev.tsv). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "moodscape/text.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads the last column of every line after the header. */
static char **read_texts(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL, **texts = NULL;
    size_t cap = 0, count = 0, room = 0;
    if (!fp)
        return NULL;
    for (int first = 1; getline(&line, &cap, fp) > 0; first = 0) {
        char *tab = strrchr(line, '\t'), *text = tab ? tab + 1 : line;
        text[strcspn(text, "\r\n")] = '\0';
        if (first || !*text)
            continue;
        if (count == room) {
            room = room ? room * 2 : 1024;
            texts = realloc(texts, room * sizeof *texts);
        }
        texts[count++] = strdup(text);
    }
    free(line);
    fclose(fp);
    *n = count;
    return texts;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_text DATA_DIR SENTENCES.tsv [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 3 ? atoi(argv[3]) : 50;
    size_t n = 0;
    char **texts = read_texts(argv[2], &n);
    if (!texts || n == 0) {
        fprintf(stderr, "bench_text: %s: no sentences\n", argv[2]);
        return 1;
    }
    double t0 = now();
    ms_reader *r;
    if (ms_reader_open(argv[1], &r) != MS_OK) {
        fprintf(stderr, "bench_text: %s\n", ms_last_error());
        return 1;
    }
    double load = now() - t0;
    ms_reading out;
    size_t reads = 0, chars = 0;
    double sink = 0;
    t0 = now();
    for (int k = 0; k < rounds; k++)
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(texts[i]);
            if (ms_reader_read(r, texts[i], len, &out) == MS_OK)
                sink += out.emotion.valence;
            reads++;
            chars += len;
        }
    double secs = now() - t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("load_ms\t%.1f\n", load * 1000);
    printf("sentences\t%zu\n", reads);
    printf("mean_chars\t%.1f\n", (double)chars / (double)reads);
    printf("sentences_per_s\t%.0f\n", (double)reads / secs);
    printf("peak_rss_mb\t%.1f\n", ru.ru_maxrss / 1024.0);
    fprintf(stderr, "(checksum %.3f)\n", sink);
    ms_reader_close(r);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    return 0;
}
