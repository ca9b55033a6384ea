/* test_denoise.c — the session's spectral gate on signals with known
 * answers: a clean piece (a tone with digital silence, and a tone whose
 * quiet stretches are a decaying note, not noise) is left bit for bit as
 * it was; tone bursts in a white-noise floor keep their tone within 1 dB
 * while the noise between them drops by more than 8 dB. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/rng.h"
#include "check.h"
#include "session/denoise.h"

#define RATE 44100
#define TAU 6.283185307179586476925

static double rms_db(const float *x, size_t from, size_t to)
{
    double e = 0;
    for (size_t i = from; i < to; i++)
        e += 0.5 * ((double)x[i * 2] * x[i * 2] + (double)x[i * 2 + 1] * x[i * 2 + 1]);
    return 10 * log10(e / (double)(to - from) + 1e-30);
}

/* A 440 Hz tone of amplitude a in [from, to) seconds, both channels. */
static void tone(float *x, double from, double to, double a, double decay)
{
    for (size_t i = (size_t)(from * RATE); i < (size_t)(to * RATE); i++) {
        double t = (double)i / RATE - from;
        float v = (float)(a * exp(-decay * t) * sin(TAU * 440 * t));
        x[i * 2] += v;
        x[i * 2 + 1] += v;
    }
}

static void test_clean_untouched(void)
{
    size_t n = 10 * RATE;
    float *x = calloc(n * 2, sizeof *x), *copy = malloc(n * 2 * sizeof *x);
    int gated = -1;
    tone(x, 1, 4, 0.1, 0);
    tone(x, 5, 9, 0.1, 1.5);             /* a note ringing away */
    memcpy(copy, x, n * 2 * sizeof *x);
    CHECK(ms_denoise(x, n, &gated) == MS_OK);
    CHECK(gated == 0);
    CHECK(memcmp(x, copy, n * 2 * sizeof *x) == 0);
    free(x);
    free(copy);
}

static void test_noise_floor_gated(void)
{
    size_t n = 10 * RATE;
    float *x = calloc(n * 2, sizeof *x);
    ms_rng r;
    int gated = 0;
    ms_rng_seed(&r, 3);
    for (size_t i = 0; i < n * 2; i++)   /* white noise at -47 dB RMS */
        x[i] = (float)(0.0078 * (ms_rng_unit(&r) * 2 - 1));
    tone(x, 2, 4, 0.1, 0);
    tone(x, 6, 8, 0.1, 0);
    double tone_before = rms_db(x, (size_t)(2.5 * RATE), (size_t)(3.5 * RATE));
    double gap_before = rms_db(x, (size_t)(4.5 * RATE), (size_t)(5.5 * RATE));
    CHECK(ms_denoise(x, n, &gated) == MS_OK);
    CHECK(gated == 1);
    double tone_after = rms_db(x, (size_t)(2.5 * RATE), (size_t)(3.5 * RATE));
    double gap_after = rms_db(x, (size_t)(4.5 * RATE), (size_t)(5.5 * RATE));
    CHECK_NEAR(tone_after, tone_before, 1.0);
    CHECK(gap_before - gap_after > 8);
    free(x);
}

int main(void)
{
    test_clean_untouched();
    test_noise_floor_gated();
    return check_report();
}
