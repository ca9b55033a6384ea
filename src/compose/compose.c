/* compose.c — the composer: form, tempo and harmony of a piece, then the
 * melody and accompaniment over them.
 *
 * A piece is bars grouped into phrases of 8 (a 4-bar antecedent ending on
 * a half cadence answered by a 4-bar consequent ending on the tonic) or
 * 4 bars, framed by an intro and an ending when it stands alone. Along a
 * glide every bar has its own point of the circumplex and its own plan;
 * the key, metre and instruments stay, so the music changes character
 * without a seam. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "compose/composer.h"

#define SECONDS_MAX 600.0

void ms_compose_default(ms_compose_opts *o)
{
    memset(o, 0, sizeof *o);
    o->seconds = 30;
    o->standalone = 1;
    ms_hints_default(&o->hints);
}

static int in_range(double x)
{
    return isfinite(x) && fabs(x) <= 1;
}

static ms_status check_opts(const ms_compose_opts *o)
{
    if (!in_range(o->valence) || !in_range(o->arousal)
        || !in_range(o->to_valence) || !in_range(o->to_arousal))
        return ms_fail(MS_ERR_RANGE, "valence and arousal must lie in "
                       "[-1, 1]");
    if (!isfinite(o->seconds) || o->seconds < 1 || o->seconds > SECONDS_MAX)
        return ms_fail(MS_ERR_RANGE, "length must be 1 to %.0f seconds "
                       "(got %g)", SECONDS_MAX, o->seconds);
    return MS_OK;
}

/* ---- plans along the glide ---------------------------------------------- */

static double lerp(double x, double y, double t)
{
    return x + (y - x) * t;
}

/* The point of the circumplex at the middle of bar i. */
static void bar_point(const ms_composer *c, int i, double *v, double *a)
{
    double t = c->n_bars > 1 ? (i + 0.5) / c->n_bars : 0.5;
    *v = lerp(c->o->valence, c->o->to_valence, t);
    *a = lerp(c->o->arousal, c->o->to_arousal, t);
}

/* Plans every bar at its point of the glide, keeping the clip's genre
 * (that of its start, or of the clip it follows). */
static ms_status plan_bars(ms_composer *c)
{
    ms_hints h = c->o->hints;
    ms_status st;
    h.genre = c->s->plan.genre;
    for (int i = 0; i < c->n_bars; i++) {
        double v, a;
        bar_point(c, i, &v, &a);
        if ((st = ms_plan_make(v, a, &h, &c->plans[i])) != MS_OK)
            return st;
    }
    return ms_plan_make(c->o->to_valence, c->o->to_arousal, &h,
                        &c->s->end_plan);
}

/* ---- form ----------------------------------------------------------- */

static double mean_tempo(const ms_composer *c)
{
    ms_plan end;
    ms_hints h = c->o->hints;
    h.genre = c->s->plan.genre;
    if (ms_plan_make(c->o->to_valence, c->o->to_arousal, &h, &end) != MS_OK)
        return c->s->plan.tempo_bpm;
    return (c->s->plan.tempo_bpm + end.tempo_bpm) / 2;
}

/* Seconds of music before the reverb tail of a standalone piece. */
static double music_seconds(const ms_compose_opts *o)
{
    if (!o->standalone)
        return o->seconds;
    return o->seconds - fmin(2.5, 0.12 * o->seconds);
}

/* Bars of each section. Bars that do not fill a 4-bar phrase lengthen
 * the intro (to two bars) and then the ending, a short coda, of a
 * standalone piece, or become link bars (accompaniment alone) in a clip;
 * so the bars fit the length at the planned tempo. */
typedef struct form { int intro, body, link, ending; } form;

static form plan_form(int n, int standalone)
{
    form f = {0, n, 0, 0};
    if (n < 4)
        return f;                            /* a tiny piece: one phrase */
    if (standalone && n >= 6) {
        f.intro = n >= 10 ? 2 : 1;
        f.ending = 1;
    }
    f.body = n - f.intro - f.ending;
    int spare = f.body % 4;
    f.body -= spare;
    if (!standalone) {
        f.link = spare;
    } else {
        if (spare && f.intro < 2) {
            f.intro++;
            spare--;
        }
        f.ending += spare;
    }
    return f;
}

static void layout_form(ms_composer *c, form f)
{
    for (int i = 0; i < c->n_bars; i++) {
        ms_section sec = MS_SECTION_BODY;
        if (i < f.intro)
            sec = MS_SECTION_INTRO;
        else if (i >= f.intro + f.body)
            sec = f.link ? MS_SECTION_LINK : MS_SECTION_ENDING;
        c->sections[i] = sec;
    }
    /* phrases: 8 bars while they fit, then 4 (or a tiny piece's all) */
    int bar = f.intro, left = f.body;
    while (left > 0) {
        int len = left >= 8 ? 8 : left;
        for (int k = 0; k < len; k++) {
            c->s->bars[bar + k].phrase_bar = k;
            c->s->bars[bar + k].phrase_length = len;
        }
        bar += len;
        left -= len;
    }
}

/* ---- tempo ------------------------------------------------------------- */

/* Each bar takes its plan's tempo, eased in from the tempo of a clip
 * being continued and slowed at a standalone piece's end (ritardando);
 * then a clip's are scaled together so the music fills its time exactly
 * (a standalone piece keeps its tempo; its last chord rings on). */
static ms_status write_tempo(ms_composer *c)
{
    double *bpm = malloc((size_t)c->n_bars * sizeof *bpm), total = 0;
    if (!bpm)
        return ms_fail(MS_ERR_NOMEM, "out of memory for the tempo map");
    double from = 0;
    if (c->o->follow && c->o->follow->n_tempos)
        from = 6e7 / c->o->follow->tempos[c->o->follow->n_tempos - 1]
                         .usec_per_quarter;
    for (int i = 0; i < c->n_bars; i++) {
        bpm[i] = c->plans[i].tempo_bpm;
        if (from > 0 && i < 4)
            bpm[i] = lerp(from, bpm[i], (i + 1) / 4.0);
        if (c->sections[i] == MS_SECTION_ENDING && i == c->n_bars - 1)
            bpm[i] *= 0.85;
        total += c->bpb * 60.0 / bpm[i];
    }
    double k = c->o->standalone ? 1.0 : total / music_seconds(c->o);
    ms_status st = MS_OK;
    double last = -1;
    for (int i = 0; i < c->n_bars && st == MS_OK; i++) {
        double t = bpm[i] * k;
        if (fabs(t - last) > 0.05)
            st = ms_score_add_tempo(c->s, (uint32_t)i * c->bar_ticks, t);
        last = t;
    }
    free(bpm);
    return st;
}

/* ---- harmony ------------------------------------------------------------ */

/* Progressions as scale degrees, four bars each. Bright ones for major
 * modes; minor ones that return to i often (i-VI-VII-i, i-iv-v-i). All
 * start on the tonic, so the ear takes the key from the first bar and
 * does not hear the relative major or minor instead. */
static const int bright_prog[][4] = {
    {0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 4, 0}, {0, 2, 3, 4}, {0, 3, 0, 4},
};
static const int tender_prog[][4] = {
    {0, 5, 1, 4}, {0, 3, 5, 4}, {0, 3, 1, 4}, {0, 1, 3, 0},
};
static const int minor_prog[][4] = {
    {0, 5, 6, 0}, {0, 3, 4, 0}, {0, 6, 5, 4}, {0, 3, 6, 0}, {0, 5, 3, 4},
};
static const int phrygian_prog[][4] = {
    {0, 1, 0, 6}, {0, 6, 5, 1},
};

#define PICK(rng, table) (table[ms_rng_below(rng, \
                              (int)(sizeof table / sizeof table[0]))])

static const int *pick_progression(ms_composer *c, const ms_plan *p)
{
    if (p->mode == MS_MODE_PHRYGIAN)
        return PICK(&c->rng, phrygian_prog);
    if (!ms_mode_is_major(p->mode))
        return PICK(&c->rng, minor_prog);
    if (p->arousal < 0.1)
        return PICK(&c->rng, tender_prog);
    return PICK(&c->rng, bright_prog);
}

/* The chord that leads home at a cadence in each mode: V where the mode
 * has a leading tone, bVII in Mixolydian and Aeolian, IV in Dorian (its
 * characteristic major IV) and bII in Phrygian. */
static int dominant_degree(ms_mode m)
{
    switch (m) {
    case MS_MODE_MIXOLYDIAN:
    case MS_MODE_AEOLIAN:    return 6;
    case MS_MODE_DORIAN:     return 3;
    case MS_MODE_PHRYGIAN:   return 1;
    default:                 return 4;
    }
}

/* Colours a chord by the plan: sevenths for warm, calm positive music;
 * suspensions in between; for tense music a diminished seventh on the
 * leading tone before the cadence, and the Neapolitan. */
static ms_chord colour_chord(ms_composer *c, const ms_plan *p, int degree,
                             int before_cadence)
{
    ms_chord ch = {degree, MS_CHORD_TRIAD};
    if (before_cadence && p->tension > 0.45
        && ms_rng_chance(&c->rng, p->tension))
        ch = ms_rng_chance(&c->rng, 0.5) && !ms_mode_is_major(p->mode)
                 ? (ms_chord){1, MS_CHORD_NEAPOLITAN}
                 : (ms_chord){6, MS_CHORD_DIMINISHED};
    else if (p->valence > 0.2 && p->arousal < 0.2
             && ms_rng_chance(&c->rng, 0.45))
        ch.colour = MS_CHORD_SEVENTH;
    else if (p->tension > 0.3 && ms_rng_chance(&c->rng, 0.3))
        ch.colour = MS_CHORD_SUS4;
    else if (p->valence > 0 && p->arousal < -0.2
             && ms_rng_chance(&c->rng, 0.2))
        ch.colour = MS_CHORD_SUS2;
    return ch;
}

/* The degree of each bar's chord in one phrase of len bars: the
 * progression, a half cadence at bar 4 of an 8-bar phrase, and the
 * authentic cadence (dominant, tonic) at its end. */
static void phrase_degrees(const int *prog, int len, ms_mode m, int *deg)
{
    int dom = dominant_degree(m);
    for (int k = 0; k < len; k++)
        deg[k] = prog[k % 4];
    if (len == 8)
        deg[3] = dom;
    if (len >= 2) {
        deg[len - 2] = dom;
        deg[len - 1] = 0;
    }
    if (len == 8 && deg[6] == deg[5])
        deg[5] = 3 % 7;
}

/* Appends a chord segment; there is room for two a bar. */
static void add_seg(ms_composer *c, int bar, uint32_t tick, uint32_t length,
                    ms_chord chord)
{
    ms_seg *sg = &c->segs[c->n_segs++];
    memset(sg, 0, sizeof *sg);
    sg->bar = bar;
    sg->tick = tick;
    sg->length = length;
    sg->chord = chord;
}

/* Chords for every bar. A quick harmonic rhythm splits a bar: the second
 * half takes the chord a third below (I-vi, IV-ii), which shares two
 * notes, or resolves a suspension onto the dominant. */
static void write_bar_chords(ms_composer *c, int bar, int degree,
                             int before_cadence)
{
    const ms_plan *p = &c->plans[bar];
    uint32_t tick = (uint32_t)bar * c->bar_ticks;
    ms_chord ch = colour_chord(c, p, degree, before_cadence);
    if (p->chords_per_bar < 2 || c->sections[bar] != MS_SECTION_BODY) {
        add_seg(c, bar, tick, c->bar_ticks, ch);
        return;
    }
    uint32_t half = c->bar_ticks / 2;
    ms_chord second = {(degree + 5) % 7, MS_CHORD_TRIAD};
    if (degree == dominant_degree(p->mode)
        || (degree == 0 && ms_mode_is_major(p->mode))) {
        second = (ms_chord){degree, MS_CHORD_TRIAD};
        ch.colour = MS_CHORD_SUS4;
    }
    add_seg(c, bar, tick, half, ch);
    add_seg(c, bar, tick + half, half, second);
}

/* The chord of a bar outside the phrases: the intro sets out the tonic,
 * so the key is plain from the start; links sway between tonic and
 * dominant; a coda closes IV-V-I. */
static int frame_degree(const ms_composer *c, int i)
{
    ms_mode m = c->plans[i].mode;
    int last = c->n_bars - 1;
    switch (c->sections[i]) {
    case MS_SECTION_INTRO:
        return 0;
    case MS_SECTION_LINK:
        return i % 2 ? dominant_degree(m) : 0;
    case MS_SECTION_ENDING:
        return i == last ? 0 : i == last - 1 ? dominant_degree(m) : 3;
    default:
        return 0;
    }
}

static void write_harmony(ms_composer *c)
{
    int deg[8];
    for (int i = 0; i < c->n_bars;) {
        ms_bar *b = &c->s->bars[i];
        const ms_plan *p = &c->plans[i];
        if (c->sections[i] != MS_SECTION_BODY || b->phrase_length == 0) {
            int d = frame_degree(c, i);
            b->chord = d;
            write_bar_chords(c, i, d, 0);
            i++;
            continue;
        }
        int len = b->phrase_length;
        phrase_degrees(pick_progression(c, p), len, p->mode, deg);
        for (int k = 0; k < len; k++) {
            c->s->bars[i + k].chord = deg[k];
            write_bar_chords(c, i + k, deg[k], k == len - 2);
        }
        i += len;
    }
}

/* Keys for each chord segment, voice-led from the one before. Minor
 * triads double their third: low roots ring with a major third among
 * their overtones (the fifth partial, two octaves and a third up), and
 * the chord's own minor third must outweigh it to be heard as minor. */
static void voice_segments(ms_composer *c)
{
    const int *prev = NULL;
    int n_prev = 0;
    for (size_t i = 0; i < c->n_segs; i++) {
        ms_seg *sg = &c->segs[i];
        int pcs[4], n;
        ms_mode m = c->plans[sg->bar].mode;
        ms_chord_build(m, c->root, &sg->chord, pcs, &n);
        if (!ms_mode_is_major(m) && n == 3)
            pcs[n++] = pcs[1];
        ms_voice_chord(pcs, n, prev, n_prev, 53, 74, sg->voicing);
        sg->n_voicing = n;
        prev = sg->voicing;
        n_prev = n;
    }
}

/* ---- parts -------------------------------------------------------------- */

static const char *const role_names[MS_ROLE_COUNT] = {
    "melody", "chords", "bass", "pad", "drums",
};

/* Program of each role: the clip being continued keeps its instruments;
 * a role silent at the start but needed later (drums entering as arousal
 * rises) takes the end's instrument. */
static int role_program(const ms_composer *c, ms_role r)
{
    if (c->o->follow)
        for (size_t i = 0; i < c->o->follow->n_parts; i++)
            if (c->o->follow->views[i].role == r)
                return c->o->follow->views[i].program;
    if (c->s->plan.program[r] >= 0)
        return c->s->plan.program[r];
    for (int i = 0; i < c->n_bars; i++)
        if (c->plans[i].program[r] >= 0)
            return c->plans[i].program[r];
    return -1;
}

static void add_parts(ms_composer *c)
{
    static const uint8_t volume[MS_ROLE_COUNT] = {104, 100, 90, 64, 88};
    static const uint8_t pan[MS_ROLE_COUNT] = {70, 52, 64, 76, 64};
    const ms_plan *p = &c->s->plan;
    int channel = 0;
    for (int r = 0; r < MS_ROLE_COUNT; r++) {
        int prog = role_program(c, (ms_role)r);
        c->part[r] = -1;
        if (prog < 0)
            continue;
        int ch = r == MS_ROLE_DRUMS ? 9 : channel++;
        int idx = ms_score_add_part(c->s, role_names[r], (ms_role)r, ch, prog);
        ms_part *v = &c->s->parts[idx].view;
        v->volume = volume[r];
        v->pan = pan[r];
        v->reverb = (uint8_t)lround(p->reverb * (r == MS_ROLE_DRUMS ? 60 : 110));
        v->chorus = (uint8_t)lround(p->chorus * (r == MS_ROLE_PAD ? 127 : 80));
        c->part[r] = idx;
    }
}

ms_status ms_play(ms_composer *c, ms_role role, long tick, long length,
                  int key, int velocity)
{
    int part = c->part[role];
    if (part < 0)
        return MS_OK;
    if (c->s->plan.genre != MS_GENRE_ELECTRONIC && tick > 0
        && role != MS_ROLE_DRUMS)
        tick += ms_rng_below(&c->rng, 9) - 4;
    return ms_score_add_note(c->s, part, tick, length, key, velocity);
}

/* ---- the whole piece ------------------------------------------------------ */

static ms_status setup(ms_composer *c, const ms_compose_opts *o, form *f)
{
    memset(c, 0, sizeof *c);
    c->o = o;
    ms_rng_seed(&c->rng, o->seed);
    if (!(c->s = ms_score_new()))
        return ms_fail(MS_ERR_NOMEM, "out of memory for a score");
    ms_status st = ms_plan_make(o->valence, o->arousal, &o->hints,
                                &c->s->plan);
    if (st != MS_OK)
        return st;
    if (o->follow && o->hints.genre == MS_GENRE_AUTO)
        c->s->plan.genre = o->follow->plan.genre;
    c->root = o->follow ? o->follow->key : ms_rng_below(&c->rng, 12);
    c->tonic = 60 + c->root;
    c->bpb = o->follow ? o->follow->beats_per_bar : c->s->plan.beats_per_bar;
    c->bar_ticks = (uint32_t)(c->bpb * MS_PPQ);
    double bar_seconds = c->bpb * 60.0 / mean_tempo(c);
    /* A clip fills its time exactly, its tempo nudged to fit whole bars;
     * a standalone piece keeps its tempo and lets the final chord ring
     * through the time left over (up to a bar, a fermata). */
    double bars = music_seconds(o) / bar_seconds;
    int n = (int)(o->standalone ? floor(bars) : lround(bars));
    *f = plan_form(n < 1 ? 1 : n, o->standalone);
    c->n_bars = f->intro + f->body + f->link + f->ending;
    c->s->key = c->root;
    c->s->beats_per_bar = c->bpb;
    c->s->seconds = o->seconds;

    size_t nb = (size_t)c->n_bars;
    c->plans = calloc(nb, sizeof *c->plans);
    c->sections = calloc(nb, sizeof *c->sections);
    c->segs = calloc(nb * 2, sizeof *c->segs);
    c->s->bars = calloc(nb, sizeof *c->s->bars);
    if (!c->plans || !c->sections || !c->segs || !c->s->bars)
        return ms_fail(MS_ERR_NOMEM, "out of memory for %zu bars", nb);
    c->s->n_bars = c->s->cap_bars = nb;
    return plan_bars(c);
}

static void fill_bars(ms_composer *c)
{
    for (int i = 0; i < c->n_bars; i++) {
        ms_bar *b = &c->s->bars[i];
        b->tick = (uint32_t)i * c->bar_ticks;
        b->mode = c->plans[i].mode;
        bar_point(c, i, &b->valence, &b->arousal);
    }
}

/* A phrase keeps one mode, that of its first bar, so a glide changes mode
 * only at a phrase boundary, where the ear expects a new start. */
static void settle_modes(ms_composer *c)
{
    for (int i = 0; i < c->n_bars; i++) {
        const ms_bar *b = &c->s->bars[i];
        if (b->phrase_length && b->phrase_bar > 0) {
            c->plans[i].mode = c->plans[i - 1].mode;
            c->s->bars[i].mode = c->plans[i].mode;
        }
    }
}

static void teardown(ms_composer *c)
{
    free(c->plans);
    free(c->sections);
    free(c->segs);
}

ms_status ms_compose(const ms_compose_opts *o, ms_score **out)
{
    ms_composer c;
    form f = {0, 0, 0, 0};
    ms_status st;
    if (!o || !out)
        return ms_fail(MS_ERR_ARG, "no options or no place for the score");
    *out = NULL;
    if ((st = check_opts(o)) != MS_OK)
        return st;
    st = setup(&c, o, &f);
    if (st == MS_OK) {
        layout_form(&c, f);
        fill_bars(&c);
        settle_modes(&c);
        add_parts(&c);
        st = write_tempo(&c);
    }
    if (st == MS_OK) {
        write_harmony(&c);
        voice_segments(&c);
        if (o->follow)
            c.motif[0] = o->follow->motif;
        st = ms_write_melody(&c);
    }
    if (st == MS_OK)
        st = ms_write_accompaniment(&c);
    teardown(&c);
    if (st != MS_OK) {
        ms_score_free(c.s);
        return st;
    }
    c.s->motif = c.motif[0];
    ms_score_finish(c.s);
    *out = c.s;
    return MS_OK;
}
