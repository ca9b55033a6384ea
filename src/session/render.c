/* render.c — composing a session segment by segment and mixing it as a
 * stream: the whole session never sits in memory, only the clip being
 * mixed and the tail that the next one fades in over.
 *
 * Each clip is a quarter of a segment longer than its segment, and that
 * quarter overlaps the next clip with an equal-power crossfade (the
 * published music-medicine pipeline's choice). Every clip is trimmed of
 * near-silence at its ends, spectrally gated when it carries a noise floor
 * (denoise.c), and brought to the same integrated loudness (libebur128)
 * before mixing; the mix then
 * goes through a high-pass (a 2nd-order Butterworth at 30 Hz: rumble no
 * speaker at rest plays well) and a look-ahead limiter that keeps peaks
 * below -1.5 dBFS, which holds the true peak under -1 dBTP. */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moodscape/audio.h"
#include "moodscape/catalog.h"
#include "moodscape/compose.h"
#include "moodscape/features.h"
#include "moodscape/metrics.h"
#include "moodscape/session.h"
#include "moodscape/synth.h"
#include "base/error.h"
#include "base/rng.h"
#include "denoise.h"

#define PI 3.14159265358979323846
#define CH 2
#define HIGHPASS_HZ 30.0
#define CEILING 0.841            /* -1.5 dBFS */
#define BLOCK 64                 /* limiter gain is set per block */
#define LOOKAHEAD 4              /* blocks (5.8 ms at 44.1 kHz) */
#define RELEASE 0.995            /* per block: about 0.3 s to recover */
#define SILENCE 0.001            /* -60 dBFS: trimmed at clip ends */

typedef struct biquad {
    double b0, b1, b2, a1, a2;
    double x1[CH], x2[CH], y1[CH], y2[CH];
} biquad;

typedef struct limiter {
    float  delay[(LOOKAHEAD + 1) * BLOCK * CH];
    float  need[LOOKAHEAD + 1];  /* gain each delayed block needs */
    size_t filled;               /* blocks in the delay line */
    float  gain;
} limiter;

typedef struct mixer {
    ms_writer *out;
    biquad     hp;
    limiter    lim;
    float      pending[BLOCK * CH];  /* frames waiting for a full block */
    size_t     n_pending;
    float     *tail;             /* the previous clip's last frames */
    size_t     n_tail;
    int        rate;
    /* hearing the output: the frames of the segment being written */
    ms_session_plan *plan;
    const ms_listener *listener;
    ms_pcm     heard;
    size_t     n_heard, segment;
} mixer;

/* ---- filters ------------------------------------------------------------ */

/* RBJ's cookbook high-pass with Q = 1/sqrt(2): Butterworth. */
static void highpass_init(biquad *f, double hz, int rate)
{
    double w = 2 * PI * hz / rate, alpha = sin(w) / (2 * M_SQRT1_2);
    double a0 = 1 + alpha;
    memset(f, 0, sizeof *f);
    f->b0 = (1 + cos(w)) / 2 / a0;
    f->b1 = -(1 + cos(w)) / a0;
    f->b2 = f->b0;
    f->a1 = -2 * cos(w) / a0;
    f->a2 = (1 - alpha) / a0;
}

static void highpass(biquad *f, float *x, size_t frames)
{
    for (size_t i = 0; i < frames; i++)
        for (int c = 0; c < CH; c++) {
            double in = x[i * CH + c];
            double y = f->b0 * in + f->b1 * f->x1[c] + f->b2 * f->x2[c]
                     - f->a1 * f->y1[c] - f->a2 * f->y2[c];
            f->x2[c] = f->x1[c];
            f->x1[c] = in;
            f->y2[c] = f->y1[c];
            f->y1[c] = y;
            x[i * CH + c] = (float)y;
        }
}

/* ---- the limiter -------------------------------------------------------- */

static float block_need(const float *x)
{
    float peak = 0;
    for (size_t i = 0; i < BLOCK * CH; i++) {
        float a = fabsf(x[i]);
        peak = a > peak ? a : peak;
    }
    return peak > CEILING ? CEILING / peak : 1.0f;
}

/* Takes one block in and, once the delay line is full, gives the oldest
 * out with a gain that already knows the peaks LOOKAHEAD blocks ahead:
 * it falls in time for them and recovers slowly. Returns 1 when a block
 * was written to out. */
static int limit_block(limiter *l, const float *in, float *out)
{
    size_t slots = LOOKAHEAD + 1;
    memmove(l->delay, l->delay + BLOCK * CH,
            LOOKAHEAD * BLOCK * CH * sizeof *l->delay);
    memcpy(l->delay + LOOKAHEAD * BLOCK * CH, in, BLOCK * CH * sizeof *in);
    memmove(l->need, l->need + 1, LOOKAHEAD * sizeof *l->need);
    l->need[LOOKAHEAD] = block_need(in);
    if (l->filled < slots) {
        l->filled++;
        if (l->filled < slots)
            return 0;
    }
    float target = 1;
    for (size_t b = 0; b < slots; b++)
        target = l->need[b] < target ? l->need[b] : target;
    float from = l->gain;
    float to = target < from ? target
                             : from + (1 - from) * (1 - (float)RELEASE);
    /* the oldest block must itself fit under the ceiling */
    to = to < l->need[0] ? to : l->need[0];
    for (size_t i = 0; i < BLOCK; i++) {
        float g = from + (to - from) * (float)(i + 1) / BLOCK;
        g = g < l->need[0] ? g : l->need[0];
        for (int c = 0; c < CH; c++)
            out[i * CH + c] = l->delay[i * CH + c] * g;
    }
    l->gain = to;
    return 1;
}

/* ---- the stream --------------------------------------------------------- */

/* Analyses the output's frames of the current segment once they are all
 * there, and stores what was heard in the plan. */
static ms_status hear(mixer *m, const float *out, size_t frames)
{
    if (!m->listener || m->segment >= m->plan->count)
        return MS_OK;
    size_t room = m->heard.frames - m->n_heard;
    size_t take = frames < room ? frames : room;
    memcpy(m->heard.samples + m->n_heard * CH, out, take * CH * sizeof *out);
    m->n_heard += take;
    if (m->n_heard < m->heard.frames)
        return MS_OK;
    ms_features f;
    ms_emotion e;
    ms_segment *s = &m->plan->segments[m->segment++];
    ms_status st = ms_features_of_pcm(&m->heard, &f);
    if (st == MS_OK) {
        ms_listener_hear(m->listener, &f, &e);
        s->measured = 1;
        s->heard_valence = e.valence;
        s->heard_arousal = e.arousal;
    }
    m->n_heard = 0;
    return take < frames ? hear(m, out + take * CH, frames - take) : st;
}

static ms_status emit_block(mixer *m, float *block)
{
    float out[BLOCK * CH];
    highpass(&m->hp, block, BLOCK);
    if (!limit_block(&m->lim, block, out))
        return MS_OK;
    ms_status st = ms_writer_write(m->out, out, BLOCK);
    return st == MS_OK ? hear(m, out, BLOCK) : st;
}

static ms_status emit(mixer *m, const float *x, size_t frames)
{
    ms_status st = MS_OK;
    for (size_t i = 0; i < frames && st == MS_OK; i++) {
        memcpy(m->pending + m->n_pending * CH, x + i * CH, CH * sizeof *x);
        if (++m->n_pending == BLOCK) {
            st = emit_block(m, m->pending);
            m->n_pending = 0;
        }
    }
    return st;
}

/* Pads the last block with silence and pushes out what the limiter holds. */
static ms_status drain(mixer *m)
{
    float zero[BLOCK * CH] = {0};
    ms_status st = MS_OK;
    if (m->n_pending) {
        memset(m->pending + m->n_pending * CH, 0,
               (BLOCK - m->n_pending) * CH * sizeof *m->pending);
        st = emit_block(m, m->pending);
    }
    for (size_t b = 0; b < LOOKAHEAD && st == MS_OK; b++)
        st = emit_block(m, zero);
    return st;
}

/* ---- clips -------------------------------------------------------------- */

/* Frames to drop at each end of a clip: near-silence before the first
 * note and after the last has rung out. */
static void trim(const ms_pcm *p, size_t *first, size_t *last)
{
    size_t n = p->frames;
    *first = 0;
    *last = n;
    while (*first < n && fabsf(p->samples[*first * CH]) < SILENCE
           && fabsf(p->samples[*first * CH + 1]) < SILENCE)
        (*first)++;
    while (*last > *first && fabsf(p->samples[(*last - 1) * CH]) < SILENCE
           && fabsf(p->samples[(*last - 1) * CH + 1]) < SILENCE)
        (*last)--;
}

/* Scales a clip to the target integrated loudness. */
static ms_status normalise(ms_pcm *p, size_t first, size_t last, double lufs)
{
    ebur128_state *st = ebur128_init(CH, (unsigned long)p->rate,
                                     EBUR128_MODE_I);
    double measured;
    if (!st)
        return ms_fail(MS_ERR_NOMEM, "session: out of memory");
    ebur128_add_frames_float(st, p->samples + first * CH, last - first);
    int ok = ebur128_loudness_global(st, &measured) == EBUR128_SUCCESS
          && isfinite(measured);
    ebur128_destroy(&st);
    if (!ok)
        return MS_OK;                    /* silence stays silence */
    float g = (float)pow(10, (lufs - measured) / 20);
    for (size_t i = first * CH; i < last * CH; i++)
        p->samples[i] *= g;
    return MS_OK;
}

/* Mixes one clip in: its head over the held tail (equal power), its body
 * straight out, its own tail held for the next clip (or, for the last
 * clip, out too). */
static ms_status mix_clip(mixer *m, const ms_pcm *p, size_t first,
                          size_t last, size_t overlap, int is_last)
{
    size_t len = last - first;
    const float *x = p->samples + first * CH;
    size_t fade = m->n_tail < len ? m->n_tail : len;
    ms_status st = MS_OK;
    for (size_t i = 0; i < fade && st == MS_OK; i++) {
        double t = (i + 0.5) / fade * (PI / 2);
        float f[CH];
        for (int c = 0; c < CH; c++)
            f[c] = (float)(m->tail[i * CH + c] * cos(t)
                           + x[i * CH + c] * sin(t));
        st = emit(m, f, 1);
    }
    size_t keep = is_last || len < fade + overlap ? 0 : overlap;
    if (st == MS_OK)
        st = emit(m, x + fade * CH, len - fade - keep);
    memcpy(m->tail, x + (len - keep) * CH, keep * CH * sizeof *x);
    m->n_tail = keep;
    return st;
}

/* ---- segments ----------------------------------------------------------- */

static void note_facts(ms_segment *s, const ms_score *score)
{
    const ms_plan *p = ms_score_plan(score);
    size_t n;
    const ms_tempo *t = ms_score_tempos(score, &n);
    s->tempo_bpm = n ? 6e7 / t[0].usec_per_quarter : p->tempo_bpm;
    s->key = ms_score_key(score);
    s->major = ms_mode_is_major(p->mode);
    snprintf(s->genre, sizeof s->genre, "%s", ms_genre_name(p->genre));
    s->instruments[0] = '\0';
    for (int r = MS_ROLE_MELODY; r < MS_ROLE_COUNT; r++) {
        const char *name = r == MS_ROLE_DRUMS ? "drums"
                         : ms_instrument_name(p->program[r]);
        size_t used = strlen(s->instruments);
        if (p->program[r] >= 0 && !strstr(s->instruments, name)
            && used + strlen(name) + 3 < sizeof s->instruments)
            snprintf(s->instruments + used, sizeof s->instruments - used,
                     "%s%s", used ? ", " : "", name);
    }
}

/* Composes segment i, continuing `prev` unless variety calls for a change
 * of genre and instruments. *out owns the score. */
static ms_status compose_segment(const ms_session_plan *p, size_t i,
                                 const ms_moods *moods,
                                 const ms_session_opts *o, ms_rng *rng,
                                 const ms_score *prev, ms_score **out)
{
    const ms_segment *s = &p->segments[i];
    ms_compose_opts c;
    ms_compose_default(&c);
    double overlap = s->seconds / 4;
    c.valence = s->valence0;
    c.arousal = s->arousal0;
    ms_session_point(p, s->start_s + s->seconds + overlap, &c.to_valence,
                     &c.to_arousal);
    c.seconds = s->seconds + overlap;
    c.seed = o->seed + i;
    c.standalone = 0;
    c.hints.moods = moods;
    c.follow = prev && ms_rng_unit(rng) >= o->variety ? prev : NULL;
    return ms_compose(&c, out);
}

/* Where a session's clips come from, and what has been used. */
typedef struct source {
    ms_synth  *synth;            /* composing */
    ms_score  *prev;
    ms_rng     rng;
    char     (*used)[40];        /* the catalogue: track ids, in order */
} source;

/* Segment i composed and rendered: a continuation of the one before. */
static ms_status composed_clip(ms_session_plan *p, size_t i,
                               const ms_moods *moods, const ms_session_opts *o,
                               source *src, ms_pcm *pcm)
{
    ms_score *score = NULL;
    ms_status st = compose_segment(p, i, moods, o, &src->rng, src->prev,
                                   &score);
    if (st == MS_OK)
        st = ms_synth_render(src->synth, score, 0, pcm);
    if (st == MS_OK)
        note_facts(&p->segments[i], score);
    ms_score_free(src->prev);
    src->prev = score;
    return st;
}

/* Segment i from the catalogue: the unused track nearest the middle of
 * the segment, read from its ninth beat (past an intro) for whole beats
 * of its tempo, counted from its start. */
static ms_status catalogue_clip(ms_session_plan *p, size_t i,
                                const ms_session_opts *o, source *src,
                                int rate, ms_pcm *pcm)
{
    ms_segment *s = &p->segments[i];
    const char *used[MS_SESSION_MINUTES_MAX * 6];
    ms_track_file t;
    double v, a, len = s->seconds * 1.25, start = 15;
    for (size_t k = 0; k < i && k < sizeof used / sizeof *used; k++)
        used[k] = src->used[k];
    ms_session_point(p, s->start_s + s->seconds / 2, &v, &a);
    ms_status st = ms_catalog_nearest_file(o->catalog, v, a, used, i, &t);
    if (st != MS_OK)
        return st;
    if (t.tempo_bpm > 0) {
        double beat = 60 / t.tempo_bpm;
        len = ceil(len / beat) * beat;
        start = 8 * beat;
    }
    snprintf(src->used[i], sizeof src->used[i], "%s", t.id);
    snprintf(s->track, sizeof s->track, "%s", t.id);
    s->tempo_bpm = t.tempo_bpm;
    s->key = -1;
    snprintf(s->genre, sizeof s->genre, "catalogue");
    return ms_pcm_read_excerpt(t.path, rate, start, len, pcm);
}

static ms_status render_segment(ms_session_plan *p, size_t i,
                                const ms_moods *moods,
                                const ms_session_opts *o, source *src,
                                mixer *m)
{
    ms_pcm pcm = {0};
    size_t first = 0, last = 0;
    ms_status st = o->catalog ? catalogue_clip(p, i, o, src, m->rate, &pcm)
                              : composed_clip(p, i, moods, o, src, &pcm);
    if (st == MS_OK && (pcm.channels != CH || pcm.rate != m->rate))
        st = ms_fail(MS_ERR_FORMAT, "session: a clip came with %d channels "
                     "at %d Hz", pcm.channels, pcm.rate);
    int gated;                           /* the mix need not know */
    if (st == MS_OK) {
        trim(&pcm, &first, &last);
        st = ms_denoise(pcm.samples + first * CH, last - first, &gated);
    }
    if (st == MS_OK)
        st = normalise(&pcm, first, last, o->target_lufs);
    if (st == MS_OK)
        st = mix_clip(m, &pcm, first, last,
                      (size_t)(p->segments[i].seconds / 4 * m->rate),
                      i + 1 == p->count);
    ms_pcm_free(&pcm);
    return st;
}

void ms_session_opts_default(ms_session_opts *o)
{
    memset(o, 0, sizeof *o);
    o->target_lufs = MS_SESSION_LUFS;
    o->variety = 0.2;
    o->seed = 1;
}

ms_status ms_session_render(ms_session_plan *p, const ms_moods *moods,
                            const ms_session_opts *o, const char *out_path)
{
    char sf[4096];
    source src = {0};
    mixer m = {0};
    ms_status st = o->soundfont || o->catalog
                 ? MS_OK : ms_soundfont_default(sf, sizeof sf);
    if (!ms_pcm_format_known(out_path))
        return ms_fail(MS_ERR_ARG, "%s: unknown audio format (use .wav, "
                       ".flac or .ogg)", out_path);
    ms_rng_seed(&src.rng, o->seed);
    m.rate = 44100;
    m.plan = p;
    m.listener = o->listener;
    if (st == MS_OK && m.listener)
        st = ms_pcm_alloc(&m.heard, (size_t)(p->segment_seconds * m.rate), CH,
                          m.rate);
    highpass_init(&m.hp, HIGHPASS_HZ, m.rate);
    m.lim.gain = 1;
    size_t most = (size_t)(p->segment_seconds / 4 * m.rate) + 1;
    if (st == MS_OK && !(m.tail = malloc(most * CH * sizeof *m.tail)))
        st = ms_fail(MS_ERR_NOMEM, "session: out of memory");
    if (st == MS_OK && o->catalog
        && !(src.used = calloc(p->count, sizeof *src.used)))
        st = ms_fail(MS_ERR_NOMEM, "session: out of memory");
    if (st == MS_OK && !o->catalog)
        st = ms_synth_open(o->soundfont ? o->soundfont : sf, 1, &src.synth);
    if (st == MS_OK)
        st = ms_writer_open(out_path, m.rate, CH, NULL, &m.out);
    for (size_t i = 0; i < p->count && st == MS_OK; i++) {
        st = render_segment(p, i, moods, o, &src, &m);
        if (st == MS_OK && o->progress)
            o->progress(o->ctx, i + 1, p->count);
    }
    if (st == MS_OK)
        st = drain(&m);
    if (st == MS_OK)
        st = ms_writer_commit(m.out);
    else
        ms_writer_abort(m.out);
    ms_score_free(src.prev);
    ms_synth_close(src.synth);
    free(src.used);
    ms_pcm_free(&m.heard);
    free(m.tail);
    return st;
}

ms_status ms_session_consistency(const ms_session_plan *p,
                                 ms_consistency *out)
{
    double *pv = malloc(p->count * 4 * sizeof *pv), dist = 0;
    size_t n = 0;
    if (!pv)
        return ms_fail(MS_ERR_NOMEM, "session: out of memory");
    double *pa = pv + p->count, *hv = pa + p->count, *ha = hv + p->count;
    for (size_t i = 0; i < p->count; i++) {
        const ms_segment *s = &p->segments[i];
        if (!s->measured)
            continue;
        ms_session_point(p, s->start_s + s->seconds / 2, &pv[n], &pa[n]);
        hv[n] = s->heard_valence;
        ha[n] = s->heard_arousal;
        dist += ms_va_distance(pv[n], pa[n], hv[n], ha[n]);
        n++;
    }
    ms_status st = MS_OK;
    if (n < 2)
        st = ms_fail(MS_ERR_ARG, "fewer than two segments were heard");
    else
        *out = (ms_consistency){dist / (double)n, ms_spearman(pv, hv, n),
                                ms_spearman(pa, ha, n)};
    free(pv);
    return st;
}
