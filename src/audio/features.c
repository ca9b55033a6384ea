/* features.c — music features from audio, in one streaming pass:
 * loudness (libebur128), dynamics, spectral shape, mel bands, chroma,
 * harmonic/percussive balance and roughness (FFTW spectra), key (key
 * profiles), tempo, beat strength and onsets (aubio). */
#include <aubio/aubio.h>
#include <ebur128.h>
#include <fftw3.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "audio/decode.h"
#include "audio/peak.h"
#include "audio/rhythm.h"
#include "base/error.h"
#include "moodscape/features.h"

#define PI 3.14159265358979323846
#define FRAME    2048            /* spectrum window, 93 ms at 22.05 kHz */
#define HOP      512             /* 23 ms */
/* aubio's beat tracker expects the hop of its defaults at 44.1 kHz
 * (512 samples, 11.6 ms): its tempo prior is counted in hops. */
#define RHOP     256
#define RWIN     512
#define BINS     (FRAME / 2 + 1)
#define RMS_LEN  1024            /* dynamics: 46 ms blocks */
#define FLOOR_DB (-120.0)        /* what silence measures */
#define CHROMA_LO 65.0           /* C2: below, bass partials blur pitch */
#define CHROMA_HI 2100.0
#define BEAT_FRAMES 4            /* spectrum frames that cover a beat */
#define IBI_BINS 3000            /* beat periods in 1 ms bins, to 3 s */
#define FLAT_HI  9000.0          /* flatness below here: the resampler
                                    empties the top of the band */
#define MEL_LO   30.0
#define MEL_HI   8000.0
#define HPSS_SPAN 9              /* median filter length, frames and bins */
#define HPSS_BINS 512            /* below 5.5 kHz, where both kinds live */
#define HPSS_EVERY 4             /* frames between two splits */
#define PEAKS    16              /* partials for the roughness estimate */

_Static_assert(sizeof(smpl_t) == sizeof(float), "aubio must take floats");
_Static_assert(HOP % RHOP == 0 && RMS_LEN % RHOP == 0,
               "blocks and hops are whole rhythm hops");

/* Running sums over the analysis frames. */
typedef struct acc {
    double centroid, bandwidth, rolloff, flatness, flux;
    double chroma[12];
    double mel[MS_MEL_BANDS];    /* sums of log energies */
    double harmonic, percussive; /* energies after the HPSS masks */
    double roughness;
    size_t frames;
    double rms_sum, rms_sq;      /* of block levels in dB */
    size_t rms_blocks;
    size_t onsets;
    size_t ibi[IBI_BINS];        /* histogram of beat periods */
    size_t beats;
    double last_beat;            /* seconds, of the latest beat */
    double beat_flux;            /* spectral flux summed at the beats */
    double beat_peak;            /* the most flux since the last beat */
    int    beat_wait;            /* frames still to look at after it */
    double recent[BEAT_FRAMES];  /* the last frames' flux */
    double window_peaks;         /* sum over frames of their max */
} acc;

typedef struct analysis {
    ebur128_state *loud;
    int            loud_failed;
    ms_truepeak   *peak;
    float         *in;           /* FRAME samples, windowed for the FFT */
    fftwf_complex *spec;
    fftwf_plan     plan;
    float          window[FRAME];
    float          mag[BINS], prev[BINS];
    int            pitch_class[BINS];   /* -1 outside the chroma range */
    int            mel_lo[BINS], mel_hi[BINS];  /* bands a bin feeds, -1 */
    float          mel_wlo[BINS], mel_whi[BINS];
    float          history[HPSS_SPAN][HPSS_BINS];   /* recent magnitudes */
    size_t         history_n;
    float          ring[FRAME];  /* the last FRAME samples, oldest first */
    size_t         filled;       /* samples in ring */
    double         block_sq;
    size_t         block_n;
    ms_rhythm     *rhythm;
    fvec_t        *hop_in;
    float          hop_buf[HOP];
    size_t         hop_fill;
    size_t         samples;
    acc            a;
} analysis;

/* ---- loudness ---------------------------------------------------------- */

static void loudness_tap(void *ctx, const float *frames, size_t n,
                         int channels)
{
    analysis *an = ctx;
    (void)channels;                      /* the state knows its channels */
    if (ebur128_add_frames_float(an->loud, frames, n) != EBUR128_SUCCESS)
        an->loud_failed = 1;
    ms_truepeak_do(an->peak, frames, n);
}

/* ---- spectrum ---------------------------------------------------------- */

static double hz_to_mel(double hz)
{
    return 2595.0 * log10(1.0 + hz / 700.0);     /* O'Shaughnessy's mel */
}

static void mel_frame(analysis *an)
{
    double e[MS_MEL_BANDS] = {0};
    for (int k = 0; k < BINS; k++) {
        double p = (double)an->mag[k] * an->mag[k];
        if (an->mel_lo[k] >= 0)
            e[an->mel_lo[k]] += an->mel_wlo[k] * p;
        if (an->mel_hi[k] >= 0)
            e[an->mel_hi[k]] += an->mel_whi[k] * p;
    }
    for (int b = 0; b < MS_MEL_BANDS; b++)
        an->a.mel[b] += 10 * log10(e[b] + 1e-10);
}

#define SORT2(a, b) do { if ((a) > (b)) { float t_ = (a); (a) = (b); (b) = t_; } } while (0)

/* Median of nine by a fixed exchange network (Paeth's opt_med9): this
 * runs twice per bin per frame, where qsort would dominate the whole
 * analysis. */
static float median9(float *p)
{
    SORT2(p[1], p[2]); SORT2(p[4], p[5]); SORT2(p[7], p[8]);
    SORT2(p[0], p[1]); SORT2(p[3], p[4]); SORT2(p[6], p[7]);
    SORT2(p[1], p[2]); SORT2(p[4], p[5]); SORT2(p[7], p[8]);
    SORT2(p[0], p[3]); SORT2(p[5], p[8]); SORT2(p[4], p[7]);
    SORT2(p[3], p[6]); SORT2(p[1], p[4]); SORT2(p[2], p[5]);
    SORT2(p[4], p[7]); SORT2(p[4], p[2]); SORT2(p[6], p[4]);
    SORT2(p[4], p[2]);
    return p[4];
}

/* Harmonic/percussive separation by median filtering (Fitzgerald 2010,
 * "Harmonic/percussive separation using median filtering", DAFx-10):
 * along time a sustained tone is the median and a hit an outlier, along
 * frequency the reverse. The frame in the middle of the history is
 * split with soft masks and its two energies summed, below 5.5 kHz and
 * on every fourth frame (ten a second), which measures the balance of a
 * piece as well at an eighth of the cost. */
static void hpss_frame(analysis *an)
{
    memmove(an->history[0], an->history[1],
            (HPSS_SPAN - 1) * sizeof an->history[0]);
    memcpy(an->history[HPSS_SPAN - 1], an->mag, sizeof an->history[0]);
    if (++an->history_n < HPSS_SPAN || an->history_n % HPSS_EVERY)
        return;
    const float *mid = an->history[HPSS_SPAN / 2];
    float v[HPSS_SPAN];
    for (int k = 0; k < HPSS_BINS; k++) {
        for (int t = 0; t < HPSS_SPAN; t++)
            v[t] = an->history[t][k];
        double h = median9(v);
        for (int j = 0; j < HPSS_SPAN; j++) {
            int kk = k + j - HPSS_SPAN / 2;
            v[j] = kk >= 0 && kk < HPSS_BINS ? mid[kk] : 0;
        }
        double p = median9(v), x = (double)mid[k] * mid[k];
        double hh = h * h, pp = p * p;
        if (hh + pp > 0) {
            an->a.harmonic += x * hh / (hh + pp);
            an->a.percussive += x * pp / (hh + pp);
        }
    }
}

/* Sensory dissonance of the strongest partials, with Sethares' fit of
 * the Plomp & Levelt curve (Sethares 1993, "Local consonance and the
 * relationship between timbre and scale", JASA 94): two partials clash
 * most a quarter of a critical band apart. Normalised by the partials'
 * energy, so loudness does not count. */
static void roughness_frame(analysis *an)
{
    double f[PEAKS], amp[PEAKS];
    int n = 0, weakest = 0;
    for (int k = 1; k < BINS - 1; k++) {
        float m = an->mag[k];
        if (m <= an->mag[k - 1] || m < an->mag[k + 1])
            continue;
        if (n == PEAKS && amp[weakest] >= m)
            continue;
        int at = n < PEAKS ? n++ : weakest;   /* else replace the weakest */
        f[at] = (double)k * MS_ANALYSIS_RATE / FRAME;
        amp[at] = m;
        if (n == PEAKS)
            for (int i = 0; i < PEAKS; i++)
                if (amp[i] < amp[weakest])
                    weakest = i;
    }
    double d = 0, e = 0;
    for (int i = 0; i < n; i++) {
        e += amp[i] * amp[i];
        for (int j = i + 1; j < n; j++) {
            double lo = fmin(f[i], f[j]), df = fabs(f[i] - f[j]);
            double s = 0.24 / (0.021 * lo + 19.0);
            d += amp[i] * amp[j] * (exp(-3.5 * s * df) - exp(-5.75 * s * df));
        }
    }
    if (e > 0)
        an->a.roughness += d / e;
}

/* The flux a beat brings: the most in the frames that cover it (a frame
 * spans 93 ms, so the attack shows up a frame or two after the beat). */
static void beat_frame(acc *a, double flux)
{
    double peak = flux;
    for (int i = BEAT_FRAMES - 1; i > 0; i--) {
        a->recent[i] = a->recent[i - 1];
        peak = fmax(peak, a->recent[i]);
    }
    a->recent[0] = flux;
    a->window_peaks += peak;             /* the same measure, anywhere */
    if (a->beat_wait <= 0)
        return;
    a->beat_peak = fmax(a->beat_peak, flux);
    if (--a->beat_wait == 0)
        a->beat_flux += a->beat_peak;
}

static void spectral_frame(analysis *an)
{
    for (int i = 0; i < FRAME; i++)
        an->in[i] = an->ring[i] * an->window[i];
    fftwf_execute(an->plan);
    double total = 0, weighted = 0, log_sum = 0, flux = 0, flat_power = 0;
    int flat_bins = 0;
    for (int k = 0; k < BINS; k++) {
        float re = an->spec[k][0], im = an->spec[k][1];
        float m = sqrtf(re * re + im * im);
        an->mag[k] = m;
        double hz = (double)k * MS_ANALYSIS_RATE / FRAME;
        total += m;
        weighted += m * hz;
        if (hz < FLAT_HI) {
            log_sum += logf(m * m + 1e-12f);
            flat_power += (double)m * m;
            flat_bins++;
        }
        if (m > an->prev[k])
            flux += m - an->prev[k];
        if (an->pitch_class[k] >= 0)
            an->a.chroma[an->pitch_class[k]] += m;
    }
    if (total <= 1e-9) {                 /* silent frame: no timbre */
        memcpy(an->prev, an->mag, sizeof an->mag);
        return;
    }
    double centroid = weighted / total, spread = 0, cum = 0;
    int roll = BINS - 1;
    for (int k = 0; k < BINS; k++) {
        double hz = (double)k * MS_ANALYSIS_RATE / FRAME;
        spread += an->mag[k] * (hz - centroid) * (hz - centroid);
    }
    for (int k = 0; k < BINS; k++) {
        cum += an->mag[k];
        if (cum >= 0.85 * total) {
            roll = k;
            break;
        }
    }
    /* Wiener entropy: geometric over arithmetic mean of the power */
    double flat = exp(log_sum / flat_bins) / (flat_power / flat_bins + 1e-12);
    an->a.centroid += centroid;
    an->a.bandwidth += sqrt(spread / total);
    an->a.rolloff += (double)roll * MS_ANALYSIS_RATE / FRAME;
    an->a.flatness += flat;
    an->a.flux += flux / total;
    beat_frame(&an->a, flux / total);
    an->a.frames++;
    mel_frame(an);
    hpss_frame(an);
    roughness_frame(an);
    memcpy(an->prev, an->mag, sizeof an->mag);
}

/* ---- rhythm -------------------------------------------------------------- */

/* Notes a beat's period. aubio's own figure (aubio_tempo_get_bpm) is its
 * latest estimate, which wanders to half or double at a quiet passage;
 * the median period over the whole piece is what a listener would tap. */
static void count_beat(analysis *an, double t)
{
    acc *a = &an->a;
    if (a->beats++ > 0) {
        long bin = lround((t - a->last_beat) * 1000);
        if (bin > 0 && bin < IBI_BINS)
            a->ibi[bin]++;
    }
    a->last_beat = t;
}

/* The beat period: the mean of the periods within 10 % of the median.
 * aubio predicts a period a little short and now and then corrects its
 * phase with a longer one; the median alone would keep the short ones. */
static double beat_period(const acc *a)
{
    size_t total = 0, seen = 0;
    int median = -1;
    for (int i = 0; i < IBI_BINS; i++)
        total += a->ibi[i];
    for (int i = 0; i < IBI_BINS && total && median < 0; i++)
        if ((seen += a->ibi[i]) * 2 >= total)
            median = i;
    if (median <= 0)
        return 0;
    double sum = 0;
    size_t n = 0;
    for (int i = median * 9 / 10; i <= median * 11 / 10 && i < IBI_BINS; i++) {
        sum += (double)i * a->ibi[i];
        n += a->ibi[i];
    }
    return n ? sum / n / 1000.0 : 0;
}

static void rhythm_hop(analysis *an, const float *x)
{
    ms_rhythm_event ev;
    memcpy(an->hop_in->data, x, RHOP * sizeof *x);
    ms_rhythm_do(an->rhythm, an->hop_in, &ev);
    if (ev.beat) {
        count_beat(an, ev.beat_s);
        an->a.beat_peak = 0;
        an->a.beat_wait = BEAT_FRAMES;
    }
    an->a.onsets += (size_t)ev.onset;
}

/* ---- the stream ------------------------------------------------------------ */

/* Levels of RMS_LEN-sample blocks in dB, for the dynamics. */
static void add_levels(analysis *an, const float *x, size_t n)
{
    float sq = 0;
    for (size_t i = 0; i < n; i++)
        sq += x[i] * x[i];
    an->block_sq += sq;
    an->block_n += n;
    if (an->block_n < RMS_LEN)
        return;
    double db = 10 * log10(an->block_sq / RMS_LEN + 1e-12);
    if (db < FLOOR_DB)
        db = FLOOR_DB;
    an->a.rms_sum += db;
    an->a.rms_sq += db * db;
    an->a.rms_blocks++;
    an->block_sq = 0;
    an->block_n = 0;
}

/* Slides the spectrum window by one hop and analyses it once full. */
static void spectral_hop(analysis *an)
{
    memmove(an->ring, an->ring + HOP, (FRAME - HOP) * sizeof *an->ring);
    memcpy(an->ring + FRAME - HOP, an->hop_buf, HOP * sizeof *an->ring);
    an->filled = an->filled + HOP > FRAME ? FRAME : an->filled + HOP;
    if (an->filled == FRAME)
        spectral_frame(an);
}

/* Takes n samples in pieces that end on rhythm hops; the level blocks
 * and spectrum hops are whole numbers of rhythm hops, so every boundary
 * falls at the end of a piece. */
static void add_samples(analysis *an, const float *x, size_t n)
{
    while (n > 0) {
        size_t k = RHOP - an->hop_fill % RHOP;
        if (k > n)
            k = n;
        add_levels(an, x, k);
        memcpy(an->hop_buf + an->hop_fill, x, k * sizeof *x);
        an->hop_fill += k;
        an->samples += k;
        x += k;
        n -= k;
        if (an->hop_fill % RHOP == 0)
            rhythm_hop(an, an->hop_buf + an->hop_fill - RHOP);
        if (an->hop_fill == HOP) {
            spectral_hop(an);
            an->hop_fill = 0;
        }
    }
}

/* ---- set-up ---------------------------------------------------------------- */

/* Each bin feeds at most two triangular mel bands: the one whose rising
 * edge and the one whose falling edge it lies on. */
static void fill_mel(analysis *an)
{
    double lo = hz_to_mel(MEL_LO), hi = hz_to_mel(MEL_HI);
    double step = (hi - lo) / (MS_MEL_BANDS + 1);
    for (int k = 0; k < BINS; k++) {
        double m = hz_to_mel((double)k * MS_ANALYSIS_RATE / FRAME);
        double pos = (m - lo) / step;    /* 0 .. MS_MEL_BANDS + 1 */
        int below = (int)floor(pos);
        double frac = pos - below;
        an->mel_lo[k] = an->mel_hi[k] = -1;
        if (pos <= 0 || pos >= MS_MEL_BANDS + 1)
            continue;
        if (below >= 1 && below <= MS_MEL_BANDS) {   /* falling edge */
            an->mel_hi[k] = below - 1;
            an->mel_whi[k] = (float)(1 - frac);
        }
        if (below < MS_MEL_BANDS) {                  /* rising edge */
            an->mel_lo[k] = below;
            an->mel_wlo[k] = (float)frac;
        }
    }
}

static void fill_tables(analysis *an)
{
    fill_mel(an);
    for (int i = 0; i < FRAME; i++)
        an->window[i] = (float)(0.5 - 0.5 * cos(2 * PI * i / FRAME));
    for (int k = 0; k < BINS; k++) {
        double hz = (double)k * MS_ANALYSIS_RATE / FRAME;
        an->pitch_class[k] = -1;
        if (hz >= CHROMA_LO && hz <= CHROMA_HI) {
            int midi = (int)lround(69 + 12 * log2(hz / 440.0));
            an->pitch_class[k] = ((midi % 12) + 12) % 12;
        }
    }
}

static ms_status analysis_open(analysis *an, int channels, int rate)
{
    memset(an, 0, sizeof *an);
    fill_tables(an);
    an->loud = ebur128_init((unsigned)channels, (unsigned long)rate,
                            EBUR128_MODE_I | EBUR128_MODE_LRA);
    ms_status st = ms_truepeak_new(channels, rate, &an->peak);
    if (st != MS_OK)
        return st;
    an->in = fftwf_alloc_real(FRAME);
    an->spec = fftwf_alloc_complex(BINS);
    st = ms_rhythm_new(RWIN, RHOP, MS_ANALYSIS_RATE, &an->rhythm);
    if (st != MS_OK)
        return st;
    an->hop_in = new_fvec(RHOP);
    if (!an->loud || !an->in || !an->spec || !an->hop_in)
        return ms_fail(MS_ERR_NOMEM, "out of memory for the analysis");
    an->plan = fftwf_plan_dft_r2c_1d(FRAME, an->in, an->spec, FFTW_ESTIMATE);
    if (!an->plan)
        return ms_fail(MS_ERR_NOMEM, "FFTW could not plan a transform");
    return MS_OK;
}

static void analysis_close(analysis *an)
{
    if (an->loud)
        ebur128_destroy(&an->loud);
    ms_truepeak_free(an->peak);
    if (an->plan)
        fftwf_destroy_plan(an->plan);
    fftwf_free(an->in);
    fftwf_free(an->spec);
    ms_rhythm_free(an->rhythm);
    if (an->hop_in)
        del_fvec(an->hop_in);
}

/* ---- results ---------------------------------------------------------------- */

/* Krumhansl & Kessler 1982, "Tracing the dynamic changes in perceived
 * tonal organization in a spatial representation of musical keys",
 * Psychological Review 89: probe-tone ratings of the 12 pitch classes
 * from the tonic up. */
static const double kk_major[12] = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09,
                                    2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
static const double kk_minor[12] = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53,
                                    2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

static double correlate(const double *chroma, const double *profile, int key)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < 12; i++) {
        mx += chroma[i] / 12;
        my += profile[i] / 12;
    }
    for (int i = 0; i < 12; i++) {
        double x = chroma[(i + key) % 12] - mx, y = profile[i] - my;
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

/* The best key, and how much better the best major key fits than the
 * best minor one: a graded mode, where a piece can be a little major. */
static void estimate_key(ms_features *f)
{
    double best = -2, best_of[2] = {-2, -2};
    for (int key = 0; key < 12; key++)
        for (int major = 1; major >= 0; major--) {
            double r = correlate(f->chroma, major ? kk_major : kk_minor, key);
            if (r > best_of[major])
                best_of[major] = r;
            if (r > best) {
                best = r;
                f->key = key;
                f->major = major;
            }
        }
    f->key_clarity = best > 0 ? best : 0;
    f->mode_margin = best_of[1] - best_of[0];
}

static double db_or_floor(double x)
{
    return isfinite(x) && x > FLOOR_DB ? x : FLOOR_DB;
}

static void loudness_results(analysis *an, ms_features *f)
{
    double lufs = -HUGE_VAL, lra = 0, peak = ms_truepeak_get(an->peak);
    if (an->loud && !an->loud_failed) {
        ebur128_loudness_global(an->loud, &lufs);
        ebur128_loudness_range(an->loud, &lra);
    }
    /* libebur128 calls silence -inf; -70 LUFS is its gating floor */
    f->loudness_lufs = isfinite(lufs) && lufs > -70 ? lufs : -70;
    f->loudness_range_lu = isfinite(lra) ? lra : 0;
    f->true_peak_dbtp = db_or_floor(20 * log10(peak + 1e-30));
}

/* Mean log mel energies, and their cepstrum: a DCT-II of 40 values,
 * written out because a transform this small gains nothing from FFTW.
 * The cepstrum of the mean equals the mean cepstrum (the DCT is
 * linear). */
static void mel_results(const acc *a, ms_features *f, double n)
{
    for (int b = 0; b < MS_MEL_BANDS; b++)
        f->mel_db[b] = a->frames ? a->mel[b] / n : FLOOR_DB;
    for (int c = 0; c < MS_MFCCS; c++) {
        double sum = 0;
        for (int b = 0; b < MS_MEL_BANDS; b++)
            sum += f->mel_db[b] / 10 * log(10)   /* dB to natural log */
                   * cos(PI * c * (b + 0.5) / MS_MEL_BANDS);
        f->mfcc[c] = sum;
    }
}

static void finish(analysis *an, ms_features *f)
{
    acc *a = &an->a;
    double n = a->frames ? (double)a->frames : 1;
    f->seconds = (double)an->samples / MS_ANALYSIS_RATE;
    loudness_results(an, f);
    if (a->rms_blocks) {
        double mean = a->rms_sum / a->rms_blocks;
        f->rms_mean_db = mean;
        f->rms_std_db = sqrt(fmax(0, a->rms_sq / a->rms_blocks - mean * mean));
    } else {
        f->rms_mean_db = FLOOR_DB;
    }
    f->centroid_hz = a->centroid / n;
    f->bandwidth_hz = a->bandwidth / n;
    f->rolloff_hz = a->rolloff / n;
    f->flatness = a->flatness / n;
    f->flux = a->flux / n;
    mel_results(a, f, n);
    f->harmonic_ratio = a->harmonic + a->percussive > 0
        ? a->harmonic / (a->harmonic + a->percussive) : 0;
    f->roughness = a->roughness / n;
    double total = 0;
    for (int i = 0; i < 12; i++)
        total += a->chroma[i];
    for (int i = 0; i < 12; i++)
        f->chroma[i] = total > 0 ? a->chroma[i] / total : 0;
    if (total > 0)
        estimate_key(f);
    f->onset_rate = f->seconds > 0 ? a->onsets / f->seconds : 0;
    /* a steady tone or a drone has beats in aubio's eyes but no onsets
     * to carry them: no tempo without at least one onset in 4 s */
    double period = beat_period(a);
    f->tempo_bpm = a->beats >= 4 && period > 0 && f->onset_rate >= 0.25
                       ? 60.0 / period : 0;
    /* beat strength: how much more the spectrum changes on the beats
     * than anywhere (both as the peak of four frames), r, mapped to 0..1
     * as (r - 1) / (r + 1) */
    double mean_flux = a->window_peaks / n;
    double at_beats = a->beats ? a->beat_flux / a->beats : 0;
    if (f->tempo_bpm > 0 && mean_flux > 0) {
        double r = at_beats / mean_flux;
        f->beat_strength = r > 1 ? (r - 1) / (r + 1) : 0;
    }
}

/* FFTW's planner, which aubio also calls, is not thread-safe: making and
 * destroying plans must not overlap. This lock is the one piece of
 * process-wide state, and only orders those calls. */
static pthread_mutex_t planner = PTHREAD_MUTEX_INITIALIZER;

/* A fresh analysis for audio of `channels` at `rate` Hz; NULL (with the
 * error recorded) when out of memory. */
static analysis *analysis_new(int channels, int rate)
{
    analysis *an = malloc(sizeof *an);
    if (!an) {
        ms_fail(MS_ERR_NOMEM, "out of memory for the analysis");
        return NULL;
    }
    pthread_mutex_lock(&planner);
    ms_status st = analysis_open(an, channels, rate);
    if (st != MS_OK)
        analysis_close(an);
    pthread_mutex_unlock(&planner);
    if (st != MS_OK) {
        free(an);
        return NULL;
    }
    return an;
}

static void analysis_free(analysis *an)
{
    if (an) {
        pthread_mutex_lock(&planner);
        analysis_close(an);
        pthread_mutex_unlock(&planner);
    }
    free(an);
}

/* Streams samples at MS_ANALYSIS_RATE from the decoder through the
 * analysis; the decoder's tap feeds the loudness meter. */
static ms_status run(analysis *an, ms_decoder *d, const char *name)
{
    float buf[4096];
    size_t got;
    ms_status st;
    ms_decoder_set_tap(d, loudness_tap, an);
    while ((st = ms_decoder_read(d, buf, 4096, &got)) == MS_OK && got)
        add_samples(an, buf, got);
    if (st == MS_OK && an->samples == 0)
        st = ms_fail(MS_ERR_FORMAT, "%s: no audio in the file", name);
    return st;
}

ms_status ms_features_of_file(const char *path, ms_features *out)
{
    ms_decoder *d = NULL;
    if (!out)
        return ms_fail(MS_ERR_ARG, "no place for the features");
    memset(out, 0, sizeof *out);
    ms_status st = ms_decoder_open(path, MS_ANALYSIS_RATE, &d);
    if (st != MS_OK)
        return st;
    int channels = ms_decoder_source_channels(d);
    analysis *an = analysis_new(channels, ms_decoder_source_rate(d));
    st = an ? run(an, d, path) : MS_ERR_NOMEM;
    if (st == MS_OK)
        finish(an, out);
    analysis_free(an);
    ms_decoder_close(d);
    return st;
}

ms_status ms_features_of_pcm(const ms_pcm *pcm, ms_features *out)
{
    ms_decoder *d = NULL;
    if (!pcm || !out)
        return ms_fail(MS_ERR_ARG, "no audio or no place for the features");
    memset(out, 0, sizeof *out);
    ms_status st = ms_decoder_open_pcm(pcm, MS_ANALYSIS_RATE, &d);
    if (st != MS_OK)
        return st;
    analysis *an = analysis_new(pcm->channels, pcm->rate);
    st = an ? run(an, d, "audio") : MS_ERR_NOMEM;
    if (st == MS_OK)
        finish(an, out);
    analysis_free(an);
    ms_decoder_close(d);
    return st;
}
