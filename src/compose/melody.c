/* melody.c — the tune: a one-bar motif, repeated, sequenced and varied
 * through 4- and 8-bar phrases that end in cadences.
 *
 * Pitches are scale degrees counted from the tonic, so the melody never
 * leaves the mode; on strong beats it lands on a tone of the chord below
 * it, and between them it moves mostly by step, as singable melodies do
 * (Huron 2006, "Sweet Anticipation": small intervals dominate melodies,
 * and leaps are followed by a step back). */
#include <stdlib.h>

#include "compose/composer.h"

/* A rhythm cell: up to four notes (onset, length in sixteenths) filling
 * `span` sixteenths. */
typedef struct cell {
    int span, n;
    int onset[4], length[4];
} cell;

static const cell cells[] = {
    {4, 1, {0}, {4}},                    /* quarter */
    {8, 1, {0}, {8}},                    /* half */
    {4, 2, {0, 2}, {2, 2}},              /* two eighths */
    {4, 2, {0, 3}, {3, 1}},              /* dotted eighth, sixteenth */
    {4, 4, {0, 1, 2, 3}, {1, 1, 1, 1}},  /* four sixteenths */
    {4, 3, {0, 2, 3}, {2, 1, 1}},        /* eighth, two sixteenths */
    {8, 3, {0, 2, 6}, {2, 4, 2}},        /* syncopated: eighth-quarter-eighth */
    {4, 0, {0}, {0}},                    /* quarter rest */
};
enum { QUARTER, HALF, EIGHTHS, DOTTED, SIXTEENTHS, EIGHTH_SIX, SYNCO, REST,
       N_CELLS };

/* Weights of the cells: slow values when calm, quick ones as density
 * grows, the syncopated cell as the plan asks (Gabrielsson & Lindström
 * 2010: rhythmic activity and syncopation rise with arousal and joy). */
static int pick_cell(ms_composer *c, const ms_plan *p, int room)
{
    double d = p->density, w[N_CELLS] = {0};
    w[QUARTER] = 0.4;
    w[HALF] = d < 0.9 ? 0.5 : 0.1;
    /* calm music keeps to the beat: a stray eighth at a slow tempo is
     * heard as the pulse itself */
    w[EIGHTHS] = d < 1.0 ? 0 : 0.45;
    w[DOTTED] = d < 1.0 ? 0 : 0.15;
    w[SIXTEENTHS] = d > 1.25 ? 0.25 : 0;
    w[EIGHTH_SIX] = d > 1.1 ? 0.25 : 0;
    w[SYNCO] = 1.2 * p->syncopation;
    w[REST] = d < 0.9 ? 0.12 : 0.05;
    double total = 0;
    for (int i = 0; i < N_CELLS; i++)
        if (cells[i].span <= room)
            total += w[i];
    double r = ms_rng_unit(&c->rng) * total;
    for (int i = 0; i < N_CELLS; i++) {
        if (cells[i].span > room)
            continue;
        if ((r -= w[i]) < 0)
            return i;
    }
    return QUARTER;
}

/* A step between scale degrees: mostly by step, sometimes a skip, rarely
 * a leap; after a leap, a step back the other way. */
static int pick_step(ms_composer *c, int last_step, int at)
{
    if (abs(last_step) >= 3)
        return last_step > 0 ? -1 : 1;
    double r = ms_rng_unit(&c->rng);
    int size = r < 0.10 ? 0 : r < 0.65 ? 1 : r < 0.87 ? 2 : r < 0.95 ? 3 : 4;
    int sign = ms_rng_chance(&c->rng, 0.5) ? 1 : -1;
    if (at + sign * size > 5 || at + sign * size < -4)
        sign = -sign;
    return sign * size;
}

void ms_motif_make(ms_composer *c, const ms_plan *p, ms_motif *m)
{
    int slots = c->bpb * 4, t = 0, at = 0, last = 0;
    m->n = 0;
    while (t < slots && m->n < MS_MOTIF_MAX - 4) {
        const cell *k = &cells[pick_cell(c, p, slots - t)];
        if (t == 0 && k->n == 0)
            k = &cells[QUARTER];             /* a motif starts on the beat */
        for (int i = 0; i < k->n; i++) {
            int step = m->n ? pick_step(c, last, at) : 0;
            at += step;
            last = step;
            m->onset[m->n] = t + k->onset[i];
            m->length[m->n] = k->length[i];
            m->step[m->n] = at;
            m->n++;
        }
        t += k->span;
    }
    int widest = 0;
    for (int i = 0; i < m->n; i++)
        widest = abs(m->step[i]) > widest ? abs(m->step[i]) : widest;
    if (m->n > 1 && widest < 2)              /* a shape, not a wobble */
        m->step[m->n - 1] = m->step[m->n - 1] >= 0 ? 2 : -2;
    if (m->n == 1) {                         /* at least two notes */
        m->length[0] = slots / 2;
        m->onset[1] = slots / 2;
        m->length[1] = slots / 2;
        m->step[1] = 2;
        m->n = 2;
    }
}

/* ---- realising the motif in a bar -------------------------------------- */

/* The chord sounding at `tick` (the segment that contains it). */
static const ms_seg *seg_at(const ms_composer *c, uint32_t tick)
{
    const ms_seg *best = &c->segs[0];
    for (size_t i = 0; i < c->n_segs && c->segs[i].tick <= tick; i++)
        best = &c->segs[i];
    return best;
}

/* 1 when degree d (relative to the tonic) is a tone of chord ch. */
static int is_chord_degree(const ms_chord *ch, int d)
{
    int rel = ((d - ch->degree) % 7 + 7) % 7;
    switch (ch->colour) {
    case MS_CHORD_NEAPOLITAN:                /* the diatonic tones of bII */
        return ((d % 7 + 7) % 7) == 3 || ((d % 7 + 7) % 7) == 5;
    case MS_CHORD_SUS4:  return rel == 0 || rel == 3 || rel == 4;
    case MS_CHORD_SUS2:  return rel == 0 || rel == 1 || rel == 4;
    case MS_CHORD_SEVENTH:
    case MS_CHORD_DIMINISHED:
        return rel == 0 || rel == 2 || rel == 4 || rel == 6;
    default:             return rel == 0 || rel == 2 || rel == 4;
    }
}

/* The chord degree nearest to `target` (ties go down, towards rest). */
static int nearest_chord_degree(const ms_chord *ch, int target)
{
    for (int dist = 0; dist < 7; dist++) {
        if (is_chord_degree(ch, target - dist))
            return target - dist;
        if (is_chord_degree(ch, target + dist))
            return target + dist;
    }
    return target;
}

/* Where a phrase starts: on the chord's third when the mode is minor,
 * the tone that tells minor from major (Krumhansl & Kessler 1982 weigh
 * it next to the tonic in the minor key profile), else on any chord
 * tone. */
static int anchor_degree(const ms_plan *p, const ms_chord *ch, int target)
{
    if (ms_mode_is_major(p->mode) || ch->colour != MS_CHORD_TRIAD)
        return nearest_chord_degree(ch, target);
    int third = ch->degree + 2;
    int d = third + 7 * ((target - third) / 7);
    if (abs(d + 7 - target) < abs(d - target))
        d += 7;
    if (abs(d - 7 - target) < abs(d - target))
        d -= 7;
    return d;
}

/* The chord tone a strong beat lands on; in minor, the tonic chord's
 * root gives way to its third when that is as near (see above). */
static int strong_degree(const ms_plan *p, const ms_chord *ch, int d)
{
    int near = nearest_chord_degree(ch, d);
    if (ms_mode_is_major(p->mode) || ch->degree != 0 || near % 7 != 0)
        return near;
    return abs(anchor_degree(p, ch, d) - d) <= 2 ? anchor_degree(p, ch, d)
                                                : near;
}

/* Where the melody is: the degree of its last note and the centre and
 * range of the current bar. */
typedef struct line {
    int last;                    /* degree of the last note */
    int centre, low, high;       /* degrees */
    int phrase_anchor;           /* first degree of the phrase's bar 0 */
} line;

static void line_bounds(const ms_composer *c, const ms_plan *p, line *l,
                        int lift)
{
    int centre = ms_key_degree(p->mode, c->tonic, p->melody_centre) + lift;
    int span = p->melody_range * 7 / 12 + 1;
    l->centre = centre;
    l->low = centre - span;
    l->high = centre + span;
}

static int fold_into(const line *l, int d)
{
    while (d > l->high)
        d -= 2;
    while (d < l->low)
        d += 2;
    return d;
}

/* 1 for the strong beats: the downbeat, and beat 3 of a 4/4 bar. */
static int strong(const ms_composer *c, int onset16)
{
    return onset16 == 0 || (c->bpb == 4 && onset16 == 8);
}

static int note_velocity(ms_composer *c, const ms_plan *p, int onset16,
                         double arc)
{
    int v = p->velocity + (int)(8 * arc);
    if (onset16 == 0)
        v += 7;
    else if (onset16 % 4 == 0)
        v += 3;
    return v + ms_rng_below(&c->rng, 2 * p->velocity_spread + 1)
           - p->velocity_spread;
}

static ms_status play_degree(ms_composer *c, const ms_plan *p, uint32_t bar,
                             int onset16, int len16, int degree, int vel)
{
    long tick = (long)bar + onset16 * (MS_PPQ / 4);
    long length = (long)(len16 * (MS_PPQ / 4) * p->articulation);
    int key = ms_degree_key(p->mode, c->tonic, degree);
    return ms_play(c, MS_ROLE_MELODY, tick, length, key, vel);
}

typedef enum variant { STATE, SEQUENCE, INVERT, FRAGMENT } variant;

/* Plays motif m in bar `bar`, starting from `anchor`, varied. */
static ms_status motif_bar(ms_composer *c, int bar, const ms_motif *m,
                           int anchor, variant how, line *l, double arc)
{
    const ms_plan *p = &c->plans[bar];
    uint32_t start = (uint32_t)bar * c->bar_ticks;
    ms_status st = MS_OK;
    int n = how == FRAGMENT ? (m->n + 1) / 2 : m->n;
    for (int pass = 0; pass < (how == FRAGMENT ? 2 : 1); pass++) {
        int shift = pass * c->bpb * 2;       /* fragment: twice, half a bar */
        for (int i = 0; i < n && st == MS_OK; i++) {
            int onset = m->onset[i] / (how == FRAGMENT ? 2 : 1) + shift;
            int len = m->length[i] / (how == FRAGMENT ? 2 : 1);
            int d = anchor + (how == INVERT ? -m->step[i] : m->step[i]);
            uint32_t tick = start + (uint32_t)onset * (MS_PPQ / 4);
            if (strong(c, onset))
                d = strong_degree(p, &seg_at(c, tick)->chord, d);
            d = fold_into(l, d);
            st = play_degree(c, p, start, onset, len < 1 ? 1 : len, d,
                             note_velocity(c, p, onset, arc));
            l->last = d;
        }
    }
    return st;
}

/* The end of a phrase: a note or two of the motif, then a long note on
 * the arrival tone — the tonic for an authentic cadence, a tone of the
 * dominant for a half cadence. */
static ms_status cadence_bar(ms_composer *c, int bar, const ms_motif *m,
                             int authentic, line *l, double arc)
{
    const ms_plan *p = &c->plans[bar];
    uint32_t start = (uint32_t)bar * c->bar_ticks;
    int slots = c->bpb * 4, arrive = authentic ? 0 : 4;
    ms_status st = MS_OK;
    for (int i = 0; i < m->n && m->onset[i] < arrive && st == MS_OK; i++) {
        int d = fold_into(l, l->last + (m->step[i] > 0 ? 1 : -1));
        st = play_degree(c, p, start, m->onset[i], m->length[i], d,
                         note_velocity(c, p, m->onset[i], arc));
        l->last = d;
    }
    const ms_chord *ch = &seg_at(c, start + (uint32_t)arrive * (MS_PPQ / 4))
                              ->chord;
    int target = authentic ? ((l->last + 3) / 7) * 7 : l->last;
    if (authentic && abs(target - l->last) > 3)
        target = l->last > target ? target + 7 : target - 7;
    int d = authentic ? target : nearest_chord_degree(ch, target);
    d = fold_into(l, d);
    if (authentic && ((d % 7) + 7) % 7 != 0)
        d = ((d + 3) / 7) * 7;               /* keep the tonic */
    if (st == MS_OK)
        st = play_degree(c, p, start, arrive, slots - arrive, d,
                         note_velocity(c, p, arrive, arc) - 4);
    l->last = d;
    return st;
}

/* Bar k of a phrase of `len` bars: the statement, its sequence, a
 * variation and a cadence; an 8-bar phrase repeats its opening after a
 * half cadence and closes on the tonic. */
static ms_status phrase_bar(ms_composer *c, int bar, int k, int len,
                            const ms_motif *m, line *l)
{
    const ms_plan *p = &c->plans[bar];
    uint32_t tick = (uint32_t)bar * c->bar_ticks;
    const ms_chord *ch = &seg_at(c, tick)->chord;
    double arc = len > 1 ? 1.0 - abs(2 * k - (len - 1)) / (double)len : 0;
    int pos = len == 8 ? k : (k == len - 1 ? 7 : k);
    if (len < 4 && k == len - 1)
        pos = 7;
    switch (pos) {
    case 0:
    case 4:
        if (pos == 0)
            l->phrase_anchor = anchor_degree(p, ch, l->centre);
        return motif_bar(c, bar, m, l->phrase_anchor, STATE, l, arc);
    case 1:
    case 5:
        return motif_bar(c, bar, m, anchor_degree(p, ch, l->last),
                         SEQUENCE, l, arc);
    case 2:
        return motif_bar(c, bar, m, nearest_chord_degree(ch, l->last),
                         p->arousal > 0.3 ? FRAGMENT : INVERT, l, arc);
    case 6:
        return motif_bar(c, bar, m, nearest_chord_degree(ch, l->last),
                         FRAGMENT, l, arc);
    case 3:
        return cadence_bar(c, bar, m, 0, l, arc);
    default:
        return cadence_bar(c, bar, m, 1, l, arc);
    }
}

/* Link and ending bars: the motif's first half echoed softly; the last
 * bar of a standalone piece holds a note of the tonic chord. */
static ms_status echo_bar(ms_composer *c, int bar, const ms_motif *m,
                          line *l)
{
    const ms_plan *p = &c->plans[bar];
    uint32_t start = (uint32_t)bar * c->bar_ticks;
    if (bar == c->n_bars - 1 && c->sections[bar] == MS_SECTION_ENDING) {
        /* the final note: the tonic, or in minor its third, which keeps
         * the minor colour through the last chord's long ring */
        int home = ms_mode_is_major(p->mode) ? 0 : 2;
        int d = fold_into(l, home + ((l->last - home + 3) / 7) * 7);
        uint32_t end = ms_score_tick_at(c->s, c->s->seconds);
        long len = end > start ? (long)(end - start) : (long)c->bar_ticks;
        return ms_play(c, MS_ROLE_MELODY, start, len,
                       ms_degree_key(p->mode, c->tonic, d),
                       p->velocity - 12);
    }
    ms_status st = MS_OK;
    int anchor = anchor_degree(p, &seg_at(c, start)->chord, l->last);
    for (int i = 0; i < m->n && m->onset[i] < c->bpb * 2 && st == MS_OK;
         i++) {
        int d = fold_into(l, anchor + m->step[i]);
        st = play_degree(c, p, start, m->onset[i], m->length[i], d,
                         p->velocity - 14);
        l->last = d;
    }
    return st;
}

ms_status ms_write_melody(ms_composer *c)
{
    line l = {0};
    ms_status st = MS_OK;
    int phrase = -1;
    if (c->motif[0].n == 0)
        ms_motif_make(c, &c->s->plan, &c->motif[0]);
    ms_motif_make(c, &c->s->plan, &c->motif[1]);
    line_bounds(c, &c->plans[0], &l, 0);
    l.last = l.centre;
    for (int i = 0; i < c->n_bars && st == MS_OK; i++) {
        const ms_bar *b = &c->s->bars[i];
        if (c->sections[i] == MS_SECTION_INTRO)
            continue;
        if (c->sections[i] != MS_SECTION_BODY) {
            line_bounds(c, &c->plans[i], &l, 0);
            st = echo_bar(c, i, &c->motif[0], &l);
            continue;
        }
        if (b->phrase_bar == 0)
            phrase++;
        /* B phrases contrast: their own motif, a third higher */
        int is_b = phrase % 2 == 1;
        line_bounds(c, &c->plans[i], &l, is_b ? 2 : 0);
        st = phrase_bar(c, i, b->phrase_bar, b->phrase_length,
                        &c->motif[is_b], &l);
    }
    return st;
}
