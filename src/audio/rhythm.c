/* rhythm.c — onsets and beats from one spectrum per hop.
 *
 * aubio's onset and tempo objects each run their own phase vocoder, which
 * computes an arctangent for every bin of every hop, although neither of
 * the descriptors used here ever reads a phase: the two took a fifth of
 * the analysis. Both objects look at the same window (512 samples, a
 * periodic Hann, hop 256), so here one FFTW transform per hop, magnitudes
 * only, feeds aubio's own parts in the arrangement, and with the
 * settings, that aubio 0.4.9 gives them:
 *   onsets: "hfc" on log(1 + |X|), its peak picker at threshold 0.058, a
 *           50 ms minimum gap and a -70 dB silence gate;
 *   beats:  "specflux" on |X|, the peak picker at 0.3, whose thresholded
 *           output fills a window of about 6 s that the beat tracker
 *           (Davies & Plumbley 2007) reads every quarter window, and a
 *           -90 dB silence gate.
 * The peak picker and beat tracker are in aubio's "unstable" API. 0.4.9,
 * Debian's, is aubio's latest release, so they cannot change unseen. */
#define AUBIO_UNSTABLE 1
#include <aubio/aubio.h>
#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rhythm.h"
#include "base/error.h"

#define PI 3.14159265358979323846
#define ONSET_THRESHOLD 0.058
#define ONSET_GAP_S     0.050
#define ONSET_SILENCE   (-70.0)
#define BEAT_THRESHOLD  0.3
#define BEAT_SILENCE    (-90.0)
#define BEAT_WINDOW_S   5.8

struct ms_rhythm {
    unsigned window, hop, rate;
    float   *frame;              /* the last `window` samples */
    float   *taper;              /* the Hann window */
    float   *in;                 /* windowed, for FFTW */
    fftwf_complex *spec;
    fftwf_plan plan;
    cvec_t  *grain;              /* magnitudes, aubio's type */
    fvec_t  *desc, *picked;
    /* onsets */
    aubio_specdesc_t   *hfc;
    aubio_peakpicker_t *onset_picker;
    size_t   gap, last_onset;    /* samples */
    int      any_onset;
    /* beats */
    aubio_specdesc_t     *flux;
    aubio_peakpicker_t   *beat_picker;
    aubio_beattracking_t *tracker;
    fvec_t  *detections;         /* the tracker's window of flux peaks */
    fvec_t  *predicted;          /* its beats for the next stretch */
    unsigned span, step;         /* window and stretch, in hops */
    unsigned slot;               /* this hop's place in the stretch */
    size_t   position;           /* samples before this hop */
};

void ms_rhythm_free(ms_rhythm *r)
{
    if (!r)
        return;
    if (r->plan)
        fftwf_destroy_plan(r->plan);
    fftwf_free(r->in);
    fftwf_free(r->spec);
    free(r->frame);
    free(r->taper);
    if (r->grain) del_cvec(r->grain);
    if (r->desc) del_fvec(r->desc);
    if (r->picked) del_fvec(r->picked);
    if (r->hfc) del_aubio_specdesc(r->hfc);
    if (r->onset_picker) del_aubio_peakpicker(r->onset_picker);
    if (r->flux) del_aubio_specdesc(r->flux);
    if (r->beat_picker) del_aubio_peakpicker(r->beat_picker);
    if (r->tracker) del_aubio_beattracking(r->tracker);
    if (r->detections) del_fvec(r->detections);
    if (r->predicted) del_fvec(r->predicted);
    free(r);
}

static unsigned power_of_two_above(double x)
{
    unsigned n = 4;
    while (n < x)
        n *= 2;
    return n;
}

static int allocate(ms_rhythm *r)
{
    unsigned w = r->window;
    r->frame = calloc(w, sizeof *r->frame);
    r->taper = malloc(w * sizeof *r->taper);
    r->in = fftwf_alloc_real(w);
    r->spec = fftwf_alloc_complex(w / 2 + 1);
    if (r->in && r->spec)
        r->plan = fftwf_plan_dft_r2c_1d((int)w, r->in, r->spec, FFTW_ESTIMATE);
    r->grain = new_cvec(w);
    r->desc = new_fvec(1);
    r->picked = new_fvec(1);
    r->hfc = new_aubio_specdesc("hfc", w);
    r->onset_picker = new_aubio_peakpicker();
    r->flux = new_aubio_specdesc("specflux", w);
    r->beat_picker = new_aubio_peakpicker();
    r->tracker = new_aubio_beattracking(r->span, r->hop, r->rate);
    r->detections = new_fvec(r->span);
    r->predicted = new_fvec(r->step);
    return r->frame && r->taper && r->plan && r->grain && r->desc
        && r->picked && r->hfc && r->onset_picker && r->flux
        && r->beat_picker && r->tracker && r->detections && r->predicted;
}

ms_status ms_rhythm_new(unsigned window, unsigned hop, unsigned rate,
                        ms_rhythm **out)
{
    *out = NULL;
    if (hop == 0 || window < 2 * hop || (window & (window - 1)) || rate == 0)
        return ms_fail(MS_ERR_ARG, "rhythm: bad window, hop or rate");
    ms_rhythm *r = calloc(1, sizeof *r);
    if (!r)
        return ms_fail(MS_ERR_NOMEM, "rhythm: out of memory");
    r->window = window;
    r->hop = hop;
    r->rate = rate;
    r->gap = (size_t)(ONSET_GAP_S * rate);
    r->span = power_of_two_above(BEAT_WINDOW_S * rate / hop);
    r->step = r->span / 4;
    if (!allocate(r)) {
        ms_rhythm_free(r);
        return ms_fail(MS_ERR_NOMEM, "rhythm: out of memory");
    }
    aubio_peakpicker_set_threshold(r->onset_picker, ONSET_THRESHOLD);
    aubio_peakpicker_set_threshold(r->beat_picker, BEAT_THRESHOLD);
    for (unsigned i = 0; i < window; i++)
        r->taper[i] = (float)(0.5 - 0.5 * cos(2 * PI * i / window));
    *out = r;
    return MS_OK;
}

/* |X| of the latest window, into the grain. */
static void spectrum(ms_rhythm *r, const fvec_t *hop)
{
    size_t keep = r->window - r->hop;
    memmove(r->frame, r->frame + r->hop, keep * sizeof *r->frame);
    memcpy(r->frame + keep, hop->data, r->hop * sizeof *r->frame);
    for (unsigned i = 0; i < r->window; i++)
        r->in[i] = r->frame[i] * r->taper[i];
    fftwf_execute(r->plan);
    for (unsigned k = 0; k <= r->window / 2; k++) {
        float re = r->spec[k][0], im = r->spec[k][1];
        r->grain->norm[k] = sqrtf(re * re + im * im);
    }
}

/* Reads flux first, then compresses the grain in place for hfc. */
static int onset_in(ms_rhythm *r, const fvec_t *hop)
{
    for (unsigned k = 0; k <= r->window / 2; k++)
        r->grain->norm[k] = logf(1 + r->grain->norm[k]);
    aubio_specdesc_do(r->hfc, r->grain, r->desc);
    aubio_peakpicker_do(r->onset_picker, r->desc, r->picked);
    if (r->picked->data[0] <= 0
        || aubio_silence_detection(hop, ONSET_SILENCE)
        || (r->any_onset && r->position <= r->last_onset + r->gap))
        return 0;
    r->any_onset = 1;
    r->last_onset = r->position;
    return 1;
}

/* Every quarter window the tracker predicts the beats of the next
 * stretch from the window of flux peaks, which then slides on. */
static void track(ms_rhythm *r)
{
    if (r->slot + 1 == r->step) {
        float *d = r->detections->data;
        aubio_beattracking_do(r->tracker, r->detections, r->predicted);
        memmove(d, d + r->step, (r->span - r->step) * sizeof *d);
        memset(d + r->span - r->step, 0, r->step * sizeof *d);
        r->slot = 0;
    } else {
        r->slot++;
    }
}

static void beat_in(ms_rhythm *r, const fvec_t *hop, ms_rhythm_event *ev)
{
    track(r);
    aubio_specdesc_do(r->flux, r->grain, r->desc);
    aubio_peakpicker_do(r->beat_picker, r->desc, r->picked);
    r->detections->data[r->span - r->step + r->slot] =
        aubio_peakpicker_get_thresholded_input(r->beat_picker)->data[0];
    const float *p = r->predicted->data;
    for (unsigned i = 1; i < p[0] && i < r->step; i++) {
        if (r->slot != (unsigned)floorf(p[i]))
            continue;
        double frac = p[i] - floorf(p[i]);
        if (frac > 0 && !aubio_silence_detection(hop, BEAT_SILENCE)) {
            ev->beat = 1;
            ev->beat_s = (double)(r->position + (size_t)lround(frac * r->hop))
                         / r->rate;
        }
    }
}

void ms_rhythm_do(ms_rhythm *r, const fvec_t *hop, ms_rhythm_event *ev)
{
    memset(ev, 0, sizeof *ev);
    spectrum(r, hop);
    beat_in(r, hop, ev);
    ev->onset = onset_in(r, hop);
    r->position += r->hop;
}
