/* denoise.c — spectral gating, as the published music-medicine pipeline
 * ends its sessions with: a noise profile is taken from the quietest
 * frames, and every time-frequency bin that does not rise 10 dB above it is
 * turned down by 12 dB. The gain opens at once (a note's attack is never
 * cut) and closes over a few frames (no twittering "musical noise"). The
 * mask comes from the mid signal and is applied to both channels, so the
 * stereo image stays put.
 *
 * Only a noise floor is gated: when the quietest frames are near silence,
 * or their spectrum is not flat (a reverb tail, a held note: music, not
 * noise), the clip is left exactly as it is. Composed clips, which have
 * no noise, pass through untouched.
 *
 * Short-time Fourier transform with FFTW: 2048-sample frames every 512,
 * square-root Hann windows on analysis and synthesis, whose product (a
 * Hann) overlapping by three quarters adds up to a constant 2: with the
 * gate open, the output is the input. */
#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "denoise.h"
#include "base/error.h"

#define PI 3.14159265358979323846
#define N 2048
#define HOP 512
#define BINS (N / 2 + 1)
#define QUIET_SHARE 0.1          /* the quietest tenth of frames */
#define OPEN 3.0                 /* 10 dB above the noise: a noise bin
                                    rarely gets there (0.1 %) */
#define CLOSED 0.25f             /* -12 dB */
#define CLOSING 0.8f             /* per frame, towards closed */
#define FLAT 0.3                 /* spectral flatness of a noise floor */

typedef struct stft {
    float         *in;
    fftwf_complex *spec[2];
    float         *out;
    fftwf_plan     fwd, inv;
    float          window[N];
} stft;

static void stft_free(stft *s)
{
    if (s->fwd) fftwf_destroy_plan(s->fwd);
    if (s->inv) fftwf_destroy_plan(s->inv);
    fftwf_free(s->in);
    fftwf_free(s->out);
    fftwf_free(s->spec[0]);
    fftwf_free(s->spec[1]);
}

static ms_status stft_init(stft *s)
{
    memset(s, 0, sizeof *s);
    s->in = fftwf_alloc_real(N);
    s->out = fftwf_alloc_real(N);
    s->spec[0] = fftwf_alloc_complex(BINS);
    s->spec[1] = fftwf_alloc_complex(BINS);
    if (s->in && s->out && s->spec[0] && s->spec[1]) {
        s->fwd = fftwf_plan_dft_r2c_1d(N, s->in, s->spec[0], FFTW_ESTIMATE);
        s->inv = fftwf_plan_dft_c2r_1d(N, s->spec[0], s->out, FFTW_ESTIMATE);
    }
    if (!s->fwd || !s->inv) {
        stft_free(s);
        return ms_fail(MS_ERR_NOMEM, "denoise: out of memory");
    }
    for (int i = 0; i < N; i++)
        s->window[i] = (float)sqrt(0.5 - 0.5 * cos(2 * PI * i / N));
    return MS_OK;
}

/* The windowed frame of channel c (or the mid, c = 2) starting at
 * `start` (which may lie before 0 or run past the end: zeros there),
 * transformed into spec. */
static void analyse(stft *s, const float *x, size_t frames, long start, int c,
                    fftwf_complex *spec)
{
    for (int i = 0; i < N; i++) {
        long n = start + i;
        float v = 0;
        if (n >= 0 && (size_t)n < frames)
            v = c < 2 ? x[n * 2 + c] : 0.5f * (x[n * 2] + x[n * 2 + 1]);
        s->in[i] = v * s->window[i];
    }
    fftwf_execute_dft_r2c(s->fwd, s->in, spec);
}

static int by_value(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* Wiener entropy of a magnitude spectrum (geometric over arithmetic mean
 * of the power, 1 for white noise, near 0 for tones), up to 3/4 of the
 * band. */
static double flatness(const float *mag)
{
    double logs = 0, sum = 0;
    int n = BINS * 3 / 4;
    for (int b = 1; b < n; b++) {
        double p = (double)mag[b] * mag[b] + 1e-20;
        logs += log(p);
        sum += p;
    }
    return exp(logs / (n - 1)) / (sum / (n - 1));
}

/* The noise's magnitude per bin: the mean over the quietest tenth of the
 * frames that are not digital silence. 0 when they are quieter than the
 * floor or not noise-like (a clean clip); -1 when out of memory. */
static int noise_profile(stft *s, const float *x, size_t frames, float *noise)
{
    size_t n = frames / HOP + 1, k = 0;
    float *level = malloc(n * sizeof *level);
    if (!level)
        return -1;
    for (size_t f = 0; f < n; f++) {
        double e = 0;
        for (size_t i = f * HOP; i < f * HOP + N && i < frames; i++)
            e += 0.25 * (x[i * 2] + x[i * 2 + 1]) * (x[i * 2] + x[i * 2 + 1]);
        if (e > 0)
            level[k++] = (float)sqrt(e / N);
    }
    qsort(level, k, sizeof *level, by_value);
    size_t quiet = (size_t)(k * QUIET_SHARE);
    float edge = quiet ? level[quiet - 1] : 0;
    double mean = 0;
    for (size_t i = 0; i < quiet; i++)
        mean += level[i] / quiet;
    free(level);
    if (quiet == 0 || 20 * log10(mean + 1e-30) < MS_DENOISE_FLOOR_DB)
        return 0;
    memset(noise, 0, BINS * sizeof *noise);
    size_t used = 0;
    for (size_t f = 0; f < n; f++) {
        double e = 0;
        for (size_t i = f * HOP; i < f * HOP + N && i < frames; i++)
            e += 0.25 * (x[i * 2] + x[i * 2 + 1]) * (x[i * 2] + x[i * 2 + 1]);
        if (e <= 0 || sqrt(e / N) > edge)
            continue;
        analyse(s, x, frames, (long)(f * HOP), 2, s->spec[0]);
        for (int b = 0; b < BINS; b++)
            noise[b] += hypotf(s->spec[0][b][0], s->spec[0][b][1]);
        used++;
    }
    for (int b = 0; b < BINS && used; b++)
        noise[b] /= (float)used;
    return used > 0 && flatness(noise) >= FLAT;
}

/* One frame: the mask from the mid, applied to each channel, added into
 * out (frames + N long, offset by N). */
static void gate_frame(stft *s, const float *x, size_t frames, long start,
                       const float *noise, float *gain, float *out)
{
    analyse(s, x, frames, start, 2, s->spec[0]);
    for (int b = 0; b < BINS; b++) {
        float m = hypotf(s->spec[0][b][0], s->spec[0][b][1]);
        float want = m > OPEN * noise[b] ? 1.0f : CLOSED;
        gain[b] = want >= gain[b] ? want
                                  : CLOSING * gain[b] + (1 - CLOSING) * want;
    }
    for (int c = 0; c < 2; c++) {
        analyse(s, x, frames, start, c, s->spec[1]);
        for (int b = 0; b < BINS; b++) {
            s->spec[1][b][0] *= gain[b];
            s->spec[1][b][1] *= gain[b];
        }
        fftwf_execute_dft_c2r(s->inv, s->spec[1], s->out);
        /* FFTW's inverse is N times the true one; the windows add to 2 */
        for (int i = 0; i < N; i++)
            out[(size_t)(start + N + i) * 2 + (size_t)c] +=
                s->out[i] * s->window[i] / (2.0f * N);
    }
}

ms_status ms_denoise(float *stereo, size_t frames, int *gated)
{
    stft s;
    float noise[BINS], gain[BINS];
    *gated = 0;
    ms_status st = stft_init(&s);
    if (st != MS_OK)
        return st;
    int has = noise_profile(&s, stereo, frames, noise);
    float *out = has > 0 ? calloc((frames + 2 * N) * 2, sizeof *out) : NULL;
    if (has < 0 || (has > 0 && !out))
        st = ms_fail(MS_ERR_NOMEM, "denoise: out of memory");
    if (out) {
        for (int b = 0; b < BINS; b++)
            gain[b] = 1;
        for (long start = -(long)(N - HOP); start < (long)frames; start += HOP)
            gate_frame(&s, stereo, frames, start, noise, gain, out);
        memcpy(stereo, out + (size_t)N * 2, frames * 2 * sizeof *stereo);
        *gated = 1;
    }
    free(out);
    stft_free(&s);
    return st;
}
