/* bench_compose.c — how fast the composer writes and renders music:
 * SoundFont load time, composing time, and rendering speed as a multiple
 * of real time, over the 12 moods.
 *
 * usage: bench_compose DATA_DIR SOUNDFONT [SECONDS] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "moodscape/compose.h"
#include "moodscape/data.h"
#include "moodscape/synth.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_compose DATA_DIR SOUNDFONT [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 3 ? atof(argv[3]) : 30;
    int preload = getenv("BENCH_DYNAMIC") == NULL;
    char path[4096];
    ms_moods *moods;
    ms_synth *synth;
    if (ms_data_path(argv[1], "moods.tsv", path, sizeof path) != MS_OK
        || ms_moods_open(path, &moods) != MS_OK) {
        fprintf(stderr, "bench_compose: %s\n", ms_last_error());
        return 1;
    }
    double t0 = now();
    if (ms_synth_open(argv[2], preload, &synth) != MS_OK) {
        fprintf(stderr, "bench_compose: %s\n", ms_last_error());
        return 1;
    }
    double load = now() - t0, first = 0, compose = 0, render = 0, audio = 0;
    /* pass 0 decodes each instrument from the SoundFont as it is first
     * used; pass 1 is the steady state of a long-lived synth */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ms_moods_count(moods); i++) {
            const ms_mood *m = ms_moods_get(moods, i);
            ms_compose_opts o;
            ms_score *score;
            ms_pcm pcm;
            ms_compose_default(&o);
            o.valence = o.to_valence = m->valence;
            o.arousal = o.to_arousal = m->arousal;
            o.seconds = seconds;
            o.seed = i + 1;
            o.hints.moods = moods;
            double a = now();
            if (ms_compose(&o, &score) != MS_OK)
                return 1;
            double b = now();
            if (ms_synth_render(synth, score, 1, &pcm) != MS_OK)
                return 1;
            double c = now();
            if (pass == 0) {
                first += c - a;
            } else {
                if (getenv("BENCH_VERBOSE"))
                    printf("  %-12s %5.0fx\n", m->id,
                           ms_score_seconds(score) / (c - b));
                compose += b - a;
                render += c - b;
                audio += ms_score_seconds(score);
            }
            ms_pcm_free(&pcm);
            ms_score_free(score);
        }
    size_t n = ms_moods_count(moods);
    printf("soundfont       %s\n", argv[2]);
    printf("load            %.0f ms\n", load * 1e3);
    printf("compose         %.2f ms per %.0f s piece\n", compose * 1e3 / n,
           seconds);
    printf("render          %.0fx real time (%.1f s of audio in %.2f s)\n",
           audio / render, audio, render);
    printf("first use       %.0fx real time (instruments decoded as first "
           "used)\n", audio / first);
    printf("one-shot        %.0fx real time (load + first use, one %.0f s "
           "piece)\n", seconds / (load + first / n), seconds);
    ms_synth_close(synth);
    ms_moods_close(moods);
    return 0;
}
