/* test_audio.c — audio analysis against signals whose answers are known:
 * a sine, click tracks, chord progressions in known keys, pink and white
 * noise, silence; the decoder's resampling and mix-down; WAV, FLAC and
 * Ogg; and files that are empty, not audio, cut short or missing.
 *
 * Every signal is synthesised here with plain arithmetic and a seeded
 * generator, written with ms_pcm_write() and analysed from the file, so
 * the test needs no fixtures and gives the same samples on every machine.
 * Loudness is compared with libebur128 run directly on the samples read
 * back from the file, which is the reference the features claim to follow.
 *
 * usage: test_audio TMP_DIR */
#include <ebur128.h>
#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/peak.h"
#include "base/rng.h"
#include "check.h"
#include "moodscape/audio.h"
#include "moodscape/features.h"

#define TAU 6.283185307179586476925
#define PATH_LEN 4096

static const char *tmp_dir;

/* ---- helpers -------------------------------------------------------------- */

static void in_tmp(char path[PATH_LEN], const char *name)
{
    snprintf(path, PATH_LEN, "%s/%s", tmp_dir, name);
}

/* A silent buffer; the test cannot go on without one. */
static ms_pcm make_pcm(double seconds, int channels, int rate)
{
    ms_pcm p;
    if (ms_pcm_alloc(&p, (size_t)lround(seconds * rate), channels, rate)
        != MS_OK) {
        fprintf(stderr, "test_audio: %s\n", ms_last_error());
        exit(2);
    }
    return p;
}

static double midi_hz(int note)
{
    return 440.0 * pow(2.0, (note - 69) / 12.0);
}

/* Adds a tone of `harmonics` partials at amplitudes amp/k to channel ch
 * (-1: every channel) from `from` for `len` seconds. 10 ms ramps at both
 * ends keep the edges from spraying energy over the spectrum. */
static void add_tone(ms_pcm *p, int ch, double hz, double amp, int harmonics,
                     double from, double len)
{
    size_t a = (size_t)lround(from * p->rate);
    size_t b = (size_t)lround((from + len) * p->rate);
    double ramp = 0.01 * p->rate;
    for (size_t i = a; i < b && i < p->frames; i++) {
        double t = (double)i / p->rate, env = 1, v = 0;
        if (i - a < ramp)
            env = (i - a) / ramp;
        if (b - i < ramp)
            env = fmin(env, (b - i) / ramp);
        for (int k = 1; k <= harmonics; k++)
            v += amp / k * sin(TAU * hz * k * t);
        for (int c = 0; c < p->channels; c++)
            if (ch < 0 || ch == c)
                p->samples[i * p->channels + c] += (float)(env * v);
    }
}

/* Pink noise by Paul Kellett's refined filter of white noise (within
 * 0.05 dB of -3 dB/octave above 9 Hz at 44.1 kHz), one independent stream
 * per channel, scaled so each channel's RMS is rms_db dBFS over the span.
 * pink = 0 gives the white noise itself. */
static void add_noise(ms_pcm *p, ms_rng *r, int pink, double rms_db,
                      double from, double len)
{
    size_t a = (size_t)lround(from * p->rate);
    size_t b = (size_t)lround((from + len) * p->rate);
    if (b > p->frames)
        b = p->frames;
    float *x = malloc((b - a + 1) * sizeof *x);
    if (!x)
        exit(2);
    for (int c = 0; c < p->channels; c++) {
        double s[7] = {0}, sum2 = 0;
        for (size_t i = a; i < b; i++) {
            double w = 2 * ms_rng_unit(r) - 1, v = w;
            if (pink) {
                s[0] = 0.99886 * s[0] + w * 0.0555179;
                s[1] = 0.99332 * s[1] + w * 0.0750759;
                s[2] = 0.96900 * s[2] + w * 0.1538520;
                s[3] = 0.86650 * s[3] + w * 0.3104856;
                s[4] = 0.55000 * s[4] + w * 0.5329522;
                s[5] = -0.7616 * s[5] - w * 0.0168980;
                v = s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6]
                    + w * 0.5362;
                s[6] = w * 0.115926;
            }
            x[i - a] = (float)v;
            sum2 += v * v;
        }
        double gain = pow(10, rms_db / 20) / sqrt(sum2 / (double)(b - a));
        for (size_t i = a; i < b; i++)
            p->samples[i * p->channels + c] += (float)(gain * x[i - a]);
    }
    free(x);
}

/* Writes p to name in the temp dir and analyses the file. 0 when either
 * step fails (already counted as a failed check). */
static int analyse(const ms_pcm *p, const char *name, ms_features *f,
                   char path[PATH_LEN])
{
    in_tmp(path, name);
    ms_status st = ms_pcm_write(p, path);
    CHECK(st == MS_OK);
    if (st != MS_OK) {
        fprintf(stderr, "  write %s: %s\n", name, ms_last_error());
        return 0;
    }
    st = ms_features_of_file(path, f);
    CHECK(st == MS_OK);
    if (st != MS_OK) {
        fprintf(stderr, "  analyse %s: %s\n", name, ms_last_error());
        return 0;
    }
    return 1;
}

/* Every number in f is finite: a feature vector feeds a model, where one
 * NaN or infinity poisons everything downstream. */
static int all_finite(const ms_features *f)
{
    const double v[] = {
        f->seconds, f->loudness_lufs, f->loudness_range_lu, f->true_peak_dbtp,
        f->rms_mean_db, f->rms_std_db, f->centroid_hz, f->bandwidth_hz,
        f->rolloff_hz, f->flatness, f->flux, f->key_clarity, f->tempo_bpm,
        f->onset_rate,
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (!isfinite(v[i]))
            return 0;
    for (int i = 0; i < 12; i++)
        if (!isfinite(f->chroma[i]))
            return 0;
    for (int i = 0; i < MS_MEL_BANDS; i++)
        if (!isfinite(f->mel_db[i]))
            return 0;
    for (int i = 0; i < MS_MFCCS; i++)
        if (!isfinite(f->mfcc[i]))
            return 0;
    return isfinite(f->harmonic_ratio) && isfinite(f->roughness);
}

/* Compared field by field, not with memcmp: padding need not be zero. */
static int all_zero(const ms_features *f)
{
    int zero = f->seconds == 0 && f->loudness_lufs == 0
        && f->loudness_range_lu == 0 && f->true_peak_dbtp == 0
        && f->rms_mean_db == 0 && f->rms_std_db == 0 && f->centroid_hz == 0
        && f->bandwidth_hz == 0 && f->rolloff_hz == 0 && f->flatness == 0
        && f->flux == 0 && f->key == 0 && f->major == 0
        && f->key_clarity == 0 && f->tempo_bpm == 0 && f->onset_rate == 0;
    for (int i = 0; i < 12; i++)
        zero = zero && f->chroma[i] == 0;
    for (int i = 0; i < MS_MEL_BANDS; i++)
        zero = zero && f->mel_db[i] == 0;
    for (int i = 0; i < MS_MFCCS; i++)
        zero = zero && f->mfcc[i] == 0;
    return zero && f->harmonic_ratio == 0 && f->roughness == 0;
}

static int chroma_peak(const ms_features *f)
{
    int best = 0;
    for (int i = 1; i < 12; i++)
        if (f->chroma[i] > f->chroma[best])
            best = i;
    return best;
}

static double chroma_sum(const ms_features *f)
{
    double s = 0;
    for (int i = 0; i < 12; i++)
        s += f->chroma[i];
    return s;
}

/* libebur128's own reading of a file, from the samples libsndfile decodes:
 * exactly what the analysis sees, 16-bit quantisation included. */
typedef struct reference {
    double lufs, lra, true_peak_db;
} reference;

static int ebur128_of_file(const char *path, reference *ref)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf)
        return 0;
    ebur128_state *st = ebur128_init((unsigned)info.channels,
                                     (unsigned long)info.samplerate,
                                     EBUR128_MODE_I | EBUR128_MODE_LRA
                                         | EBUR128_MODE_TRUE_PEAK);
    float buf[4096 * 2];
    size_t per = sizeof buf / sizeof *buf / (size_t)info.channels;
    sf_count_t n;
    while (st && (n = sf_readf_float(sf, buf, (sf_count_t)per)) > 0)
        ebur128_add_frames_float(st, buf, (size_t)n);
    sf_close(sf);
    if (!st)
        return 0;
    double peak = 0, tp;
    for (int c = 0; c < info.channels; c++)
        if (ebur128_true_peak(st, (unsigned)c, &tp) == EBUR128_SUCCESS)
            peak = fmax(peak, tp);
    int ok = ebur128_loudness_global(st, &ref->lufs) == EBUR128_SUCCESS
        && ebur128_loudness_range(st, &ref->lra) == EBUR128_SUCCESS;
    ref->true_peak_db = 20 * log10(peak);
    ebur128_destroy(&st);
    return ok;
}

/* Failures must explain themselves afresh. A known message is left in
 * ms_last_error() first, so a stale one cannot pass for an explanation. */
#define STALE "stale-marker.unknown"

static void plant_stale_error(void)
{
    ms_pcm none = {0};
    (void)ms_pcm_write(&none, STALE);
}

static int fresh_error(void)
{
    const char *e = ms_last_error();
    return e && e[0] && !strstr(e, STALE);
}

static int write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t put = fwrite(p, 1, n, f);
    return fclose(f) == 0 && put == n ? 0 : -1;
}

/* ---- a sine --------------------------------------------------------------- */

static ms_features sine_features;     /* kept to set the noise against */

/* 440 Hz at half scale, 10 s of 44.1 kHz stereo. */
static void test_sine(void)
{
    ms_pcm p = make_pcm(10, 2, 44100);
    ms_features f;
    char path[PATH_LEN];
    reference ref;
    add_tone(&p, -1, 440, 0.5, 1, 0, 10);
    if (!analyse(&p, "sine440.wav", &f, path)) {
        ms_pcm_free(&p);
        return;
    }
    sine_features = f;
    CHECK(all_finite(&f));
    CHECK_NEAR(f.seconds, 10, 0.01);
    /* all of a pure A sits in one pitch class; a window of ~0.1 s leaks
     * a little into G# and A#, nowhere near half the mass */
    CHECK(chroma_peak(&f) == 9);
    CHECK(f.chroma[9] > 0.5);
    CHECK_NEAR(chroma_sum(&f), 1, 1e-6);
    /* centroid and rolloff of a lone partial are its frequency, give or
     * take the window's main lobe (about +-20 Hz for ~0.1 s) and the
     * 16-bit noise floor, which pulls a magnitude-weighted centroid up
     * by ~1 % */
    CHECK_NEAR(f.centroid_hz, 440, 0.05 * 440);
    CHECK(f.rolloff_hz > 400 && f.rolloff_hz < 600);
    CHECK(f.flatness < 0.05);
    /* RMS of a sine of amplitude a is a/sqrt(2): 20 log10(0.5/sqrt 2) =
     * -9.03 dBFS, the same in every frame; 0.1 dB covers quantisation */
    CHECK_NEAR(f.rms_mean_db, -9.03, 0.1);
    CHECK(f.rms_std_db < 0.1);
    /* a steady tone has no beat, and no onset after the first */
    CHECK(f.tempo_bpm == 0);
    CHECK(f.onset_rate < 0.3);
    if (ebur128_of_file(path, &ref)) {
        CHECK_NEAR(f.loudness_lufs, ref.lufs, 0.1);
        CHECK_NEAR(f.true_peak_dbtp, ref.true_peak_db, 0.01);
    } else {
        CHECK(!"libebur128 read the sine");
    }
    ms_pcm_free(&p);
}

/* ---- true peak ------------------------------------------------------------ */

/* libebur128's true peak of interleaved float frames, in dB. */
static double ebur128_true_peak_db(const float *x, size_t frames,
                                   int channels, long rate)
{
    ebur128_state *st = ebur128_init((unsigned)channels, (unsigned long)rate,
                                     EBUR128_MODE_TRUE_PEAK);
    double peak = 0, p;
    if (!st)
        return NAN;
    ebur128_add_frames_float(st, x, frames);
    for (int c = 0; c < channels; c++)
        if (ebur128_true_peak(st, (unsigned)c, &p) == EBUR128_SUCCESS)
            peak = fmax(peak, p);
    ebur128_destroy(&st);
    return 20 * log10(peak);
}

/* Our meter fed in uneven pieces, so chunk edges fall anywhere. */
static double our_true_peak_db(const float *x, size_t frames, int channels,
                               long rate)
{
    ms_truepeak *tp = NULL;
    if (ms_truepeak_new(channels, rate, &tp) != MS_OK)
        return NAN;
    for (size_t at = 0, piece = 1; at < frames; piece = piece * 3 % 1000 + 1) {
        size_t n = frames - at < piece ? frames - at : piece;
        ms_truepeak_do(tp, x + at * (size_t)channels, n);
        at += n;
    }
    double db = 20 * log10(ms_truepeak_get(tp));
    ms_truepeak_free(tp);
    return db;
}

/* A sine at a quarter of the rate, a quarter-period off the samples,
 * never lands a sample on its crest: every sample reads 0.707 of the
 * amplitude (-3.01 dB), and only oversampling finds the crest. Then the
 * meter must give libebur128's figures, which use the same filter, on
 * noise with bursts (so the skipping of quiet stretches is exercised) at
 * the three oversampling factors, 4x, 2x and none. */
static void test_true_peak(void)
{
    long rates[] = {44100, 96000, 192000};
    size_t n = 44100;
    float *x = malloc(n * 2 * sizeof *x);
    ms_rng r;
    if (!x) {
        CHECK(!"memory for the true peak test");
        return;
    }
    for (size_t i = 0; i < n; i++)
        x[i] = (float)(0.5 * sin(TAU * 0.25 * (double)i + TAU / 8));
    CHECK_NEAR(20 * log10(fabs(x[0])), -9.03, 0.01);
    /* -6.02 dB, read through a filter whose gain rises ~0.1 dB near
     * its band edge, as libebur128's does */
    CHECK_NEAR(our_true_peak_db(x, n, 1, 44100), -6.02, 0.15);
    CHECK_NEAR(our_true_peak_db(x, n, 1, 44100),
               ebur128_true_peak_db(x, n, 1, 44100), 0.001);
    ms_rng_seed(&r, 11);
    for (size_t i = 0; i < n * 2; i++) {
        double burst = (i / 2) % 5000 < 300 ? 1.0 : 0.1;
        x[i] = (float)(burst * 0.8 * (ms_rng_unit(&r) * 2 - 1));
    }
    for (int k = 0; k < 3; k++)
        CHECK_NEAR(our_true_peak_db(x, n, 2, rates[k]),
                   ebur128_true_peak_db(x, n, 2, rates[k]), 0.001);
    free(x);
}

/* ---- rhythm --------------------------------------------------------------- */

/* Clicks: 10 ms of 1 kHz decaying with a 2.5 ms time constant, peak
 * -2 dBFS, every 60/bpm s from 0.25 s on, over pink noise at -50 dBFS.
 * aubio drops beats in digital silence; quiet noise is what a real
 * recording has anyway. */
static ms_pcm click_track(double bpm, double seconds, uint64_t seed)
{
    ms_pcm p = make_pcm(seconds, 2, 44100);
    ms_rng r;
    ms_rng_seed(&r, seed);
    add_noise(&p, &r, 1, -50, 0, seconds);
    size_t len = (size_t)(0.010 * p.rate);
    for (double t = 0.25; t + 0.010 < seconds; t += 60 / bpm) {
        size_t at = (size_t)lround(t * p.rate);
        for (size_t i = 0; i < len && at + i < p.frames; i++) {
            double s = (double)i / p.rate;
            float v = (float)(0.8 * exp(-s / 0.0025) * sin(TAU * 1000 * s));
            p.samples[(at + i) * 2] += v;
            p.samples[(at + i) * 2 + 1] += v;
        }
    }
    return p;
}

/* Tempo within 3 %: 120 bpm is a 0.5 s period, 3 % is 15 ms, a bit more
 * than one 11.6 ms hop of aubio's beat tracker — room for its quantised
 * period, none for double or half time. Onsets within 15 %: one per
 * click, give or take a missed first click or a rare false one in the
 * noise over 30 s. Returns the relative tempo error, signed. */
static double check_clicks(double bpm)
{
    ms_pcm p = click_track(bpm, 30, (uint64_t)bpm);
    ms_features f;
    char path[PATH_LEN], name[64];
    double err = 0;
    snprintf(name, sizeof name, "clicks%.0f.wav", bpm);
    if (analyse(&p, name, &f, path)) {
        CHECK(all_finite(&f));
        CHECK_NEAR(f.tempo_bpm, bpm, 0.03 * bpm);
        CHECK_NEAR(f.onset_rate, bpm / 60, 0.15 * bpm / 60);
        err = f.tempo_bpm / bpm - 1;
    }
    ms_pcm_free(&p);
    return err;
}

/* Click tracks across the range aubio's tracker holds (70-160 bpm). Each
 * reading may be off by a hop's worth, but not always the same way: a
 * tracker that holds the beat has the right period on average, so the
 * mean signed error stays within 1 %. A reading that ignores the
 * tracker's phase corrections (the median of its slightly short
 * predicted periods) comes out 1.5-2.5 % fast at most tempos. */
static void test_rhythm(void)
{
    static const double bpms[] = {80, 100, 120, 140, 160};
    const int n = (int)(sizeof bpms / sizeof *bpms);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += check_clicks(bpms[i]);
    CHECK_NEAR(sum / n, 0, 0.01);
}

/* ---- harmony -------------------------------------------------------------- */

/* Four triads of tones with four harmonics (amplitude 1/k), 2 s each,
 * played twice: 16 s. With ideal chroma these correlate 0.89-0.95 with
 * the right Krumhansl-Kessler profile and at most 0.83 with any other
 * (the dominant's, for the major progressions), so key_clarity > 0.6
 * leaves room for window leakage while an ambiguous estimate fails. */
static void check_key(const char *name, const int chords[4][3], int key,
                      int major)
{
    ms_pcm p = make_pcm(16, 2, 44100);
    ms_features f;
    char path[PATH_LEN];
    for (int rep = 0; rep < 2; rep++)
        for (int c = 0; c < 4; c++)
            for (int n = 0; n < 3; n++)
                add_tone(&p, -1, midi_hz(chords[c][n]), 0.1, 4,
                         rep * 8 + c * 2, 2);
    if (analyse(&p, name, &f, path)) {
        CHECK(all_finite(&f));
        CHECK(f.key == key);
        CHECK(f.major == major);
        CHECK(f.key_clarity > 0.6 && f.key_clarity <= 1);
        CHECK_NEAR(chroma_sum(&f), 1, 1e-6);
        if (f.key != key || f.major != major || !(f.key_clarity > 0.6))
            fprintf(stderr, "  %s: key %d major %d clarity %.3f\n", name,
                    f.key, f.major, f.key_clarity);
    }
    ms_pcm_free(&p);
}

static void test_keys(void)
{
    /* I IV V I: C E G, F A C, G B D, C E G */
    static const int c_major[4][3] = {
        {60, 64, 67}, {65, 69, 72}, {67, 71, 74}, {60, 64, 67}};
    /* i iv V i: A C E, D F A, E G# B, A C E */
    static const int a_minor[4][3] = {
        {57, 60, 64}, {62, 65, 69}, {64, 68, 71}, {57, 60, 64}};
    int d_major[4][3];
    for (int c = 0; c < 4; c++)
        for (int n = 0; n < 3; n++)
            d_major[c][n] = c_major[c][n] + 2;
    check_key("c_major.wav", c_major, 0, 1);
    check_key("a_minor.wav", a_minor, 9, 0);
    check_key("d_major.wav", (const int (*)[3])d_major, 2, 1);
}

/* ---- noise and loudness --------------------------------------------------- */

/* Pink noise, 20 s of stereo: 10 s at -20 dBFS RMS, then 10 s at -28.
 * A steady noise has a loudness range of ~0 LU, which an LRA stuck at
 * zero would match; the step gives it about 8 LU to measure. Each figure
 * must agree with libebur128 on the same samples: it is the same
 * algorithm, so 0.1 LU (integrated), 0.5 LU (range; its histogram and
 * short-term windows round) and 0.01 dB (true peak: the same filter)
 * allow only for details of feeding it, not for a different measurement. */
static void test_pink_noise(void)
{
    ms_pcm p = make_pcm(20, 2, 44100);
    ms_rng r;
    ms_features f;
    char path[PATH_LEN];
    reference ref;
    ms_rng_seed(&r, 7);
    add_noise(&p, &r, 1, -20, 0, 10);
    add_noise(&p, &r, 1, -28, 10, 10);
    if (!analyse(&p, "pink.wav", &f, path)) {
        ms_pcm_free(&p);
        return;
    }
    CHECK(all_finite(&f));
    CHECK_NEAR(f.seconds, 20, 0.01);
    CHECK(ebur128_of_file(path, &ref));
    CHECK(ref.lra > 4);                  /* the step is there to measure */
    CHECK_NEAR(f.loudness_lufs, ref.lufs, 0.1);
    CHECK_NEAR(f.loudness_range_lu, ref.lra, 0.5);
    CHECK_NEAR(f.true_peak_dbtp, ref.true_peak_db, 0.01);
    /* RMS of short frames: half at -20 dB, half at -28 dB, so a spread
     * of about 4 dB (the noise's own frame-to-frame wobble adds a little).
     * The mean is -24 per channel, or 3 dB lower on the mono mix of two
     * independent channels; the header leaves that choice open. */
    CHECK(f.rms_mean_db > -28.5 && f.rms_mean_db < -22.5);
    CHECK(f.rms_std_db > 3 && f.rms_std_db < 6);
    /* A noise spectrum is far from tonal. Below 9 kHz, where the
     * resampler passes everything, ideal pink noise has a Wiener entropy
     * of about 0.2 on the power spectrum (white noise's 0.56 times ~0.36
     * for the -3 dB/octave tilt) and about 0.39 on magnitudes, so 0.15
     * passes either definition. A measure that also counts the band the
     * resampler emptied, above ~10 kHz, reads 0.05-0.12 here: near the
     * sine's bound, and it must fail. */
    CHECK(f.flatness > 0.15);
    CHECK(f.flatness > 10 * sine_features.flatness);
    CHECK(f.bandwidth_hz > 5 * sine_features.bandwidth_hz);
    /* a pink spectrum to 10 kHz: centroid ~1.5 kHz weighted by power,
     * ~3.4 kHz by magnitude; a sine's is 440 Hz */
    CHECK(f.centroid_hz > 1000);
    if (!(f.flatness > 0.15))
        fprintf(stderr, "  pink noise flatness %.4f (sine %.4f)\n",
                f.flatness, sine_features.flatness);
    ms_pcm_free(&p);
}

/* White noise, 5 s of it, in a file at the analysis rate and in one at
 * 44.1 kHz. Its bin powers are exponentially distributed about a flat
 * mean, which gives a Wiener entropy of e^-gamma = 0.56 on the power
 * spectrum (0.85 on magnitudes): under 0.4 is not measuring the noise.
 * And the file's sample rate is no property of the music: the two files
 * must read alike, flatness within 0.05 and centroid within 10 %. */
static void white_noise(int rate, const char *name, ms_features *f)
{
    ms_pcm p = make_pcm(5, 1, rate);
    ms_rng r;
    char path[PATH_LEN];
    ms_rng_seed(&r, 11);
    add_noise(&p, &r, 0, -20, 0, 5);
    memset(f, 0, sizeof *f);
    if (analyse(&p, name, f, path)) {
        CHECK(all_finite(f));
        CHECK(f->flatness > 0.4 && f->flatness <= 1);
        /* flat to the analysis Nyquist: centroid near 11025 / 2 */
        CHECK_NEAR(f->centroid_hz, 5512, 800);
        if (!(f->flatness > 0.4))
            fprintf(stderr, "  %s: white noise flatness %.4f\n", name,
                    f->flatness);
    }
    ms_pcm_free(&p);
}

static void test_white_noise(void)
{
    ms_features lo, hi;
    white_noise(MS_ANALYSIS_RATE, "white22k.wav", &lo);
    white_noise(44100, "white44k.wav", &hi);
    CHECK_NEAR(hi.flatness, lo.flatness, 0.05);
    CHECK_NEAR(hi.centroid_hz, lo.centroid_hz, 0.1 * lo.centroid_hz);
}

/* ---- silence -------------------------------------------------------------- */

static void test_silence(void)
{
    ms_pcm p = make_pcm(5, 2, 44100);
    ms_features f;
    char path[PATH_LEN];
    if (analyse(&p, "silence.wav", &f, path)) {
        CHECK(all_finite(&f));
        CHECK_NEAR(f.seconds, 5, 0.01);
        /* libebur128 says -HUGE_VAL; the API promises -70 */
        CHECK_NEAR(f.loudness_lufs, -70, 1e-9);
        CHECK(f.loudness_range_lu == 0);
        CHECK(f.true_peak_dbtp < -90);
        /* 16-bit silence is exactly zero: whatever floor stands for
         * -infinity, it must be far below any real signal */
        CHECK(f.rms_mean_db < -90);
        CHECK(f.rms_std_db == 0);
        CHECK(f.tempo_bpm == 0);
        CHECK(f.onset_rate == 0);
        CHECK(f.flux == 0);
    }
    ms_pcm_free(&p);
}

/* ---- bad files ------------------------------------------------------------ */

/* A canonical 44-byte header for 16-bit stereo at 44.1 kHz claiming
 * `data_bytes` of samples. */
static void wav_header(unsigned char h[44], uint32_t data_bytes)
{
    static const unsigned char fixed[36] = {
        'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E',
        'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 2, 0,      /* PCM, 2 ch */
        0x44, 0xAC, 0, 0, 0x10, 0xB1, 0x02, 0,            /* 44100, 176400 */
        4, 0, 16, 0};                                     /* align, bits */
    uint32_t riff = data_bytes + 36;
    memcpy(h, fixed, 36);
    memcpy(h + 36, "data", 4);
    for (int i = 0; i < 4; i++) {
        h[4 + i] = (unsigned char)(riff >> (8 * i));
        h[40 + i] = (unsigned char)(data_bytes >> (8 * i));
    }
}

/* A file that is clearly not audio: fails with the status given, says
 * why afresh, and leaves *out zeroed. */
static void check_rejected(const char *path, ms_status want)
{
    ms_features f;
    memset(&f, 0x5a, sizeof f);
    plant_stale_error();
    ms_status st = ms_features_of_file(path, &f);
    CHECK(st == want);
    CHECK(fresh_error());
    CHECK(all_zero(&f));
    if (st != want)
        fprintf(stderr, "  %s: status %d (%s), want %d\n", path, (int)st,
                ms_last_error(), (int)want);
}

static void test_bad_files(void)
{
    char path[PATH_LEN];
    unsigned char header[44];

    in_tmp(path, "empty.wav");
    CHECK(write_bytes(path, "", 0) == 0);
    check_rejected(path, MS_ERR_FORMAT);

    in_tmp(path, "x.wav");
    const char *text = "this is a text file, not a RIFF WAVE\n";
    CHECK(write_bytes(path, text, strlen(text)) == 0);
    check_rejected(path, MS_ERR_FORMAT);

    in_tmp(path, "header_only.wav");
    wav_header(header, 44100 * 4 * 10);         /* 10 s that are not there */
    CHECK(write_bytes(path, header, sizeof header) == 0);
    check_rejected(path, MS_ERR_FORMAT);

    in_tmp(path, "no-such-file.wav");
    check_rejected(path, MS_ERR_NOTFOUND);

    /* decoding fails the same way before any analysis */
    ms_decoder *d = NULL;
    in_tmp(path, "x.wav");
    plant_stale_error();
    CHECK(ms_decoder_open(path, MS_ANALYSIS_RATE, &d) == MS_ERR_FORMAT);
    CHECK(fresh_error());
    in_tmp(path, "no-such-file.wav");
    plant_stale_error();
    CHECK(ms_decoder_open(path, MS_ANALYSIS_RATE, &d) == MS_ERR_NOTFOUND);
    CHECK(fresh_error());
    ms_decoder_close(NULL);
}

/* A real WAV cut to half its bytes: the first half of the audio is all
 * there, so reading it is right; failing cleanly is acceptable too.
 * Crashing or inventing the missing half is not. */
static void test_truncated(void)
{
    ms_pcm p = make_pcm(4, 2, 44100);
    ms_features f;
    char path[PATH_LEN];
    struct stat sb;
    add_tone(&p, -1, 440, 0.5, 1, 0, 4);
    in_tmp(path, "truncated.wav");
    CHECK(ms_pcm_write(&p, path) == MS_OK);
    ms_pcm_free(&p);
    CHECK(stat(path, &sb) == 0 && sb.st_size > 44100 * 4 * 4);
    CHECK(truncate(path, sb.st_size / 2) == 0);
    memset(&f, 0x5a, sizeof f);
    plant_stale_error();
    ms_status st = ms_features_of_file(path, &f);
    if (st == MS_OK) {
        CHECK(all_finite(&f));
        CHECK_NEAR(f.seconds, 2, 0.05);
        CHECK_NEAR(f.centroid_hz, 440, 0.05 * 440);
    } else {
        CHECK(st == MS_ERR_FORMAT);
        CHECK(fresh_error());
        CHECK(all_zero(&f));
    }
}

/* ---- the decoder ---------------------------------------------------------- */

/* Reads a whole decoder in blocks of 1000; returns how many samples came
 * and keeps the first `cap` in out. */
static size_t read_all(ms_decoder *d, float *out, size_t cap, ms_status *st)
{
    float block[1000];
    size_t total = 0, got;
    while ((*st = ms_decoder_read(d, block, 1000, &got)) == MS_OK && got) {
        CHECK(got <= 1000);
        for (size_t i = 0; i < got && total + i < cap; i++)
            out[total + i] = block[i];
        total += got;
    }
    return total;
}

/* A 1 kHz sine at 48 kHz, 0.6 on the left and 0.2 on the right: read
 * at 22.05 kHz it must be one channel of 0.4 (the average) that still
 * crosses zero 2000 times a second. */
static void test_decoder_resamples(void)
{
    ms_pcm p = make_pcm(3, 2, 48000);
    char path[PATH_LEN];
    ms_decoder *d = NULL;
    add_tone(&p, 0, 1000, 0.6, 1, 0, 3);
    add_tone(&p, 1, 1000, 0.2, 1, 0, 3);
    in_tmp(path, "tone48k.wav");
    CHECK(ms_pcm_write(&p, path) == MS_OK);
    ms_pcm_free(&p);
    CHECK(ms_decoder_open(path, 22050, &d) == MS_OK);
    if (!d)
        return;
    CHECK(ms_decoder_source_rate(d) == 48000);
    CHECK(ms_decoder_source_channels(d) == 2);
    CHECK_NEAR(ms_decoder_seconds(d), 3, 1e-6);
    size_t cap = 3 * 22050 + 1000;
    float *x = malloc(cap * sizeof *x);
    if (!x)
        exit(2);
    ms_status st;
    size_t n = read_all(d, x, cap, &st);
    CHECK(st == MS_OK);
    /* soxr trims its own delay, so the count is the length times the
     * new rate; 0.1 % (66 samples) allows for rounding at the ends */
    CHECK_NEAR((double)n, 3 * 22050.0, 0.001 * 3 * 22050);
    if (n >= 2 * 22050) {
        /* the middle second, clear of the resampler's edges: 1000
         * cycles are 2000 crossings; +-4 is a partial cycle at each
         * end, a wrong ratio (48000/44100 say) is off by 170 */
        int crossings = 0;
        float peak = 0;
        for (size_t i = 22050; i < 2 * 22050; i++) {
            crossings += (x[i] < 0) != (x[i - 1] < 0);
            peak = fmaxf(peak, fabsf(x[i]));
        }
        CHECK(crossings >= 1996 && crossings <= 2004);
        /* averaged, not summed or one channel; soxr's passband ripple
         * and 16-bit steps are far below 2 % */
        CHECK_NEAR(peak, 0.4, 0.008);
    }
    /* the end stays the end */
    size_t got = 1;
    CHECK(ms_decoder_read(d, x, 1000, &got) == MS_OK && got == 0);
    free(x);
    ms_decoder_close(d);
}

/* At its own rate and with one channel the decoder hands the file's
 * samples over untouched, not one more or fewer. Against the floats that
 * were written they differ by the 16-bit rounding (half a step) plus
 * libsndfile's scale, 0x7FFF one way and 0x8000 the other (under half a
 * step at these levels): one step, 1/32768, bounds both. Peaks stay
 * below full scale so nothing is clipped. */
static void test_decoder_passthrough(void)
{
    ms_pcm p = make_pcm(2, 1, MS_ANALYSIS_RATE);
    char path[PATH_LEN];
    ms_decoder *d = NULL;
    ms_rng r;
    ms_rng_seed(&r, 3);
    add_noise(&p, &r, 1, -20, 0, 2);
    CHECK(ms_pcm_peak(&p) < 0.5);
    in_tmp(path, "mono22k.wav");
    CHECK(ms_pcm_write(&p, path) == MS_OK);
    CHECK(ms_decoder_open(path, MS_ANALYSIS_RATE, &d) == MS_OK);
    if (d) {
        CHECK(ms_decoder_source_channels(d) == 1);
        float *x = malloc((p.frames + 1000) * sizeof *x);
        if (!x)
            exit(2);
        ms_status st;
        size_t n = read_all(d, x, p.frames + 1000, &st);
        CHECK(st == MS_OK && n == p.frames);
        double worst = 0;
        for (size_t i = 0; i < n && i < p.frames; i++)
            worst = fmax(worst, fabs(x[i] - p.samples[i]));
        CHECK(worst <= 1.0 / 32768);
        if (!(worst <= 1.0 / 32768))
            fprintf(stderr, "  passthrough differs by %g\n", worst);
        free(x);
        ms_decoder_close(d);
    }
    ms_pcm_free(&p);
}

/* The same 440 Hz tone with harmonics in memory and as WAV, FLAC and Ogg
 * Vorbis: where the audio comes from must not change the analysis. FLAC is lossless; Vorbis at
 * quality 0.5 keeps every partial below 2 kHz, so its centroid may move
 * by a fraction of a per cent: 3 % catches a wrong rate or a lost channel,
 * which moves it by far more. */
static void test_formats(void)
{
    ms_pcm p = make_pcm(6, 2, 44100);
    ms_features w, f;
    char path[PATH_LEN];
    add_tone(&p, -1, 440, 0.4, 4, 0, 6);
    if (analyse(&p, "tone.wav", &w, path)) {
        /* harmonics at 1/k amplitude: centroid above the fundamental */
        CHECK(w.centroid_hz > 500 && w.centroid_hz < 1000);
        /* the buffer itself, never written, differs from the WAV only
         * by 16-bit rounding, 90 dB below this tone */
        CHECK(ms_features_of_pcm(&p, &f) == MS_OK);
        CHECK_NEAR(f.seconds, w.seconds, 1e-9);
        CHECK_NEAR(f.centroid_hz, w.centroid_hz, 0.01 * w.centroid_hz);
        CHECK_NEAR(f.loudness_lufs, w.loudness_lufs, 0.01);
        CHECK(f.key == w.key && f.major == w.major);
        const char *names[] = {"tone.flac", "tone.ogg"};
        for (int i = 0; i < 2; i++)
            if (analyse(&p, names[i], &f, path)) {
                CHECK(all_finite(&f));
                CHECK_NEAR(f.centroid_hz, w.centroid_hz,
                           0.03 * w.centroid_hz);
                CHECK_NEAR(f.seconds, w.seconds, 0.02);
                CHECK(chroma_peak(&f) == 9);
            }
    }
    ms_pcm_free(&p);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_audio TMP_DIR\n");
        return 2;
    }
    tmp_dir = argv[1];
    if (mkdir(tmp_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "test_audio: %s: %s\n", tmp_dir, strerror(errno));
        return 2;
    }
    test_sine();
    test_true_peak();
    test_rhythm();
    test_keys();
    test_pink_noise();
    test_white_noise();
    test_silence();
    test_bad_files();
    test_truncated();
    test_decoder_resamples();
    test_decoder_passthrough();
    test_formats();
    return check_report();
}
