/* accompany.c — everything under the tune: the accompaniment figure,
 * the bass line, a sustained pad and the drums, each following the chord
 * segments and the plan of its bar. */
#include "compose/composer.h"

#define SIXTEENTH (MS_PPQ / 4)
#define EIGHTH    (MS_PPQ / 2)

static int scale_vel(int v, double f)
{
    return (int)(v * f);
}

/* ---- accompaniment figures ------------------------------------------- */

/* Held chord, softer than the tune. */
static ms_status sustain(ms_composer *c, const ms_seg *sg, const ms_plan *p)
{
    ms_status st = MS_OK;
    for (int i = 0; i < sg->n_voicing && st == MS_OK; i++)
        st = ms_play(c, MS_ROLE_CHORDS, sg->tick, sg->length + 30,
                     sg->voicing[i], scale_vel(p->velocity, 0.6));
    return st;
}

/* Broken chord rising through the voicing and the root an octave up.
 * Slow music moves in quarters, clearly on the beat, so the beat stays
 * the beat (at a slow tempo a soft eighth is heard, by people and by
 * beat trackers, as the pulse itself). Notes ring on like a sustain
 * pedal. */
static ms_status arpeggio(ms_composer *c, const ms_seg *sg, const ms_plan *p)
{
    int step = p->tempo_bpm < 100 ? MS_PPQ : p->density > 1.35 ? SIXTEENTH
                                                               : EIGHTH;
    int keys[5], n = sg->n_voicing;
    for (int i = 0; i < n; i++)
        keys[i] = sg->voicing[i];
    keys[n] = sg->voicing[0] + 12;
    ms_status st = MS_OK;
    int i = 0;
    for (uint32_t t = 0; t < sg->length && st == MS_OK; t += (uint32_t)step) {
        int up = (i / (n + 1)) % 2 == 0;
        int k = up ? i % (n + 1) : n - i % (n + 1);
        double level = step == MS_PPQ ? 1.0 : t % MS_PPQ == 0 ? 0.66 : 0.5;
        st = ms_play(c, MS_ROLE_CHORDS, sg->tick + t, step * 2, keys[k],
                     scale_vel(p->velocity, level));
        i++;
    }
    return st;
}

/* Alberti figure: low, high, middle, high in eighths. */
static ms_status alberti(ms_composer *c, const ms_seg *sg, const ms_plan *p)
{
    static const int order[4] = {0, 2, 1, 2};
    ms_status st = MS_OK;
    int i = 0;
    for (uint32_t t = 0; t < sg->length && st == MS_OK; t += EIGHTH, i++) {
        int k = order[i % 4] < sg->n_voicing ? order[i % 4] : 0;
        st = ms_play(c, MS_ROLE_CHORDS, sg->tick + t, EIGHTH,
                     sg->voicing[k],
                     scale_vel(p->velocity, t % MS_PPQ ? 0.5 : 0.62));
    }
    return st;
}

/* A guitar strum: the voicing spread over a few ticks, downstrokes low to
 * high on the beats, lighter upstrokes high to low between them (the
 * common folk pattern D . D U . U D U). */
static ms_status strum(ms_composer *c, const ms_seg *sg, const ms_plan *p)
{
    static const int pattern4[8] = {1, 0, 1, 2, 0, 2, 1, 2};
    static const int pattern3[6] = {1, 0, 1, 2, 1, 2};
    const int *pat = c->bpb == 3 ? pattern3 : pattern4;
    int slots = (int)(sg->length / EIGHTH);
    ms_status st = MS_OK;
    for (int s = 0; s < slots && st == MS_OK; s++) {
        int kind = pat[s % (c->bpb * 2)];
        if (!kind)
            continue;
        int down = kind == 1;
        int vel = scale_vel(p->velocity, down ? 0.62 : 0.45);
        for (int i = 0; i < sg->n_voicing && st == MS_OK; i++) {
            int k = down ? i : sg->n_voicing - 1 - i;
            st = ms_play(c, MS_ROLE_CHORDS, sg->tick + s * EIGHTH + i * 12,
                         EIGHTH * 2, sg->voicing[k] - 12, vel);
        }
    }
    return st;
}

/* Repeated chords in eighths, short and accented on the beat. */
static ms_status pulse(ms_composer *c, const ms_seg *sg, const ms_plan *p)
{
    ms_status st = MS_OK;
    /* power chords (root, fifth, octave) have no third, so only major
     * music uses them: distortion adds a major third of its own */
    int power = p->genre == MS_GENRE_ROCK && ms_mode_is_major(p->mode);
    int keys[4], n = sg->n_voicing;
    if (power) {
        keys[0] = sg->voicing[0] - 12;
        keys[1] = keys[0] + 7;
        keys[2] = keys[0] + 12;
        n = 3;
    } else {
        for (int i = 0; i < n; i++)
            keys[i] = sg->voicing[i];
    }
    for (uint32_t t = 0; t < sg->length && st == MS_OK; t += EIGHTH) {
        int beat = t % MS_PPQ == 0;
        for (int i = 0; i < n && st == MS_OK; i++)
            st = ms_play(c, MS_ROLE_CHORDS, sg->tick + t,
                         (long)(EIGHTH * p->articulation * 0.9), keys[i],
                         scale_vel(p->velocity, beat ? 0.7 : 0.52));
    }
    return st;
}

/* Plays the accompaniment of one segment; the last chord of a
 * standalone piece is held, ringing to the end. */
static ms_status accompany(ms_composer *c, const ms_seg *sg, int last)
{
    const ms_plan *p = &c->plans[sg->bar];
    ms_pattern pat = c->s->plan.pattern;
    if (last && c->o->standalone)
        pat = MS_PATTERN_SUSTAIN;
    switch (pat) {
    case MS_PATTERN_ARPEGGIO: return arpeggio(c, sg, p);
    case MS_PATTERN_ALBERTI:  return alberti(c, sg, p);
    case MS_PATTERN_STRUM:    return strum(c, sg, p);
    case MS_PATTERN_PULSE:    return pulse(c, sg, p);
    default:                  return sustain(c, sg, p);
    }
}

/* ---- bass ------------------------------------------------------------- */

/* The chord's root in the bass register: E1..D#2, or an octave up for
 * piano, whose left hand sits higher, and for the ambient drone, whose
 * pad sound would only rumble lower down. */
static int bass_root(const ms_composer *c, const ms_seg *sg)
{
    ms_genre g = c->s->plan.genre;
    int low = g == MS_GENRE_PIANO || g == MS_GENRE_AMBIENT ? 40 : 28;
    int pcs[4], n;
    ms_chord_build(c->plans[sg->bar].mode, c->root, &sg->chord, pcs, &n);
    return low + ((pcs[0] - low) % 12 + 12) % 12;
}

/* The key one scale step from `key` (a scale tone) in direction dir. */
static int scale_neighbour(const ms_composer *c, const ms_plan *p, int key,
                           int dir)
{
    int d = ms_key_degree(p->mode, c->tonic, key);
    return ms_degree_key(p->mode, c->tonic, d + dir);
}

/* Held roots when calm; root and fifth at a walking pace; driving eighths
 * when aroused, with a passing step into the next chord. */
static ms_status bass(ms_composer *c, const ms_seg *sg, const ms_seg *next)
{
    const ms_plan *p = &c->plans[sg->bar];
    int root = bass_root(c, sg);
    int vel = scale_vel(p->velocity, p->arousal < 0 ? 0.6 : 0.85);
    uint32_t len = sg->length;
    if (c->sections[sg->bar] == MS_SECTION_ENDING || p->arousal < -0.3
        || (!next && c->o->standalone))
        return ms_play(c, MS_ROLE_BASS, sg->tick, len + 20, root, vel);
    if (p->arousal < 0.3) {
        uint32_t half = len >= 2 * MS_PPQ ? len / 2 : len;
        if (c->bpb == 3)
            half = len * 2 / 3;
        ms_status st = ms_play(c, MS_ROLE_BASS, sg->tick, half, root, vel);
        if (st == MS_OK && half < len)
            st = ms_play(c, MS_ROLE_BASS, sg->tick + half, len - half,
                         root + 7, scale_vel(vel, 0.85));
        return st;
    }
    ms_status st = MS_OK;
    int target = next ? bass_root(c, next) : root;
    for (uint32_t t = 0; t < len && st == MS_OK; t += EIGHTH) {
        int key = root;
        if (t + EIGHTH >= len && target != root)   /* lead into the next */
            key = scale_neighbour(c, p, target, target > root ? -1 : 1);
        else if (p->genre == MS_GENRE_ELECTRONIC && (t / EIGHTH) % 2)
            key = root + 12;
        st = ms_play(c, MS_ROLE_BASS, sg->tick + t,
                     (long)(EIGHTH * p->articulation), key,
                     scale_vel(vel, t % MS_PPQ ? 0.8 : 1.0));
    }
    return st;
}

/* ---- pad --------------------------------------------------------------- */

/* The held chord an octave below the accompaniment, in its lowest three
 * voices: a pad's layered, slowly released samples are the costliest
 * sounds to render, and three notes carry the harmony. */
static ms_status pad(ms_composer *c, const ms_seg *sg)
{
    const ms_plan *p = &c->plans[sg->bar];
    ms_status st = MS_OK;
    for (int i = 0; i < sg->n_voicing && i < 3 && st == MS_OK; i++)
        st = ms_play(c, MS_ROLE_PAD, sg->tick, sg->length + 40,
                     sg->voicing[i] - 12, scale_vel(p->velocity, 0.32));
    return st;
}

/* ---- drums ------------------------------------------------------------ */

enum { KICK = 36, SIDE_STICK = 37, SNARE = 38, CLAP = 39, LOW_TOM = 45,
       FLOOR_TOM = 41, HAT = 42, OPEN_HAT = 46, CRASH = 49, RIDE = 51,
       SHAKER = 70 };

static ms_status hit(ms_composer *c, uint32_t tick, int key, int vel)
{
    return ms_play(c, MS_ROLE_DRUMS, tick, SIXTEENTH, key, vel);
}

/* One bar of drums at the level arousal calls for: a light pulse, a
 * backbeat, or a driving groove; threatening music gets toms instead of
 * a backbeat. A fill closes each phrase and a crash opens the next. */
static ms_status drum_bar(ms_composer *c, int bar)
{
    const ms_plan *p = &c->plans[bar];
    const ms_bar *b = &c->s->bars[bar];
    uint32_t t0 = b->tick;
    int v = p->velocity, beats = c->bpb;
    int level = p->arousal < 0.45 ? 1 : p->arousal < 0.75 ? 2 : 3;
    int tense = p->valence < -0.3 && p->genre == MS_GENRE_ORCHESTRAL;
    int four_floor = p->genre == MS_GENRE_ELECTRONIC;
    ms_status st = MS_OK;
    if (b->phrase_bar == 0 && level >= 2 && b->phrase_length)
        st = hit(c, t0, CRASH, scale_vel(v, 0.8));
    for (int beat = 0; beat < beats && st == MS_OK; beat++) {
        uint32_t t = t0 + (uint32_t)beat * MS_PPQ;
        int backbeat = beats == 4 ? beat % 2 == 1 : beat == 2;
        if (tense) {
            st = hit(c, t, beat % 2 ? LOW_TOM : FLOOR_TOM,
                     scale_vel(v, beat ? 0.6 : 0.85));
            if (level >= 2 && st == MS_OK)
                st = hit(c, t + EIGHTH + SIXTEENTH, LOW_TOM,
                         scale_vel(v, 0.5));
            continue;
        }
        if (beat == 0 || four_floor || (level >= 2 && !backbeat))
            st = hit(c, t, KICK, scale_vel(v, beat ? 0.8 : 0.95));
        if (level == 3 && !four_floor && beat == beats - 2 && st == MS_OK)
            st = hit(c, t + EIGHTH, KICK, scale_vel(v, 0.7));
        if (backbeat && st == MS_OK)
            st = hit(c, t, level == 1 ? SIDE_STICK : four_floor ? CLAP : SNARE,
                     scale_vel(v, level == 1 ? 0.55 : 0.85));
        int sub = level == 3 ? 4 : level == 2 ? 2 : 1;
        for (int k = 0; k < sub && st == MS_OK; k++) {
            int key = level == 1 ? (p->genre == MS_GENRE_ACOUSTIC ? SHAKER
                                                                  : RIDE)
                                 : HAT;
            if (four_floor && sub >= 2 && k == sub / 2)
                key = OPEN_HAT;
            st = hit(c, t + (uint32_t)(k * MS_PPQ / sub), key,
                     scale_vel(v, k ? 0.38 : 0.5));
        }
    }
    if (b->phrase_length && b->phrase_bar == b->phrase_length - 1
        && level >= 2 && st == MS_OK) {
        uint32_t t = t0 + (uint32_t)(beats - 1) * MS_PPQ;
        for (int k = 0; k < 4 && st == MS_OK; k++)
            st = hit(c, t + (uint32_t)k * SIXTEENTH, k < 2 ? SNARE : LOW_TOM,
                     scale_vel(v, 0.6 + 0.08 * k));
    }
    return st;
}

/* Drums play in a bar whose own plan has them, so a glide from calm to
 * excited brings them in on the way; the last bar of an ending only
 * lands the final beat. */
static ms_status drums(ms_composer *c)
{
    ms_status st = MS_OK;
    for (int i = 0; i < c->n_bars && st == MS_OK; i++) {
        if (c->plans[i].program[MS_ROLE_DRUMS] < 0
            || c->sections[i] == MS_SECTION_INTRO)
            continue;
        if (c->sections[i] == MS_SECTION_ENDING && i == c->n_bars - 1) {
            st = hit(c, c->s->bars[i].tick, KICK, c->plans[i].velocity);
            if (st == MS_OK)
                st = hit(c, c->s->bars[i].tick, CRASH,
                         scale_vel(c->plans[i].velocity, 0.7));
            continue;
        }
        st = drum_bar(c, i);
    }
    return st;
}

/* The last chord of a standalone piece rings until the audio ends. */
static ms_seg ring_out(const ms_composer *c, const ms_seg *sg)
{
    ms_seg last = *sg;
    uint32_t end = ms_score_tick_at(c->s, c->s->seconds);
    if (c->o->standalone && end > sg->tick + sg->length)
        last.length = end - sg->tick;
    return last;
}

ms_status ms_write_accompaniment(ms_composer *c)
{
    ms_status st = MS_OK;
    for (size_t i = 0; i < c->n_segs && st == MS_OK; i++) {
        ms_seg here = i + 1 == c->n_segs ? ring_out(c, &c->segs[i])
                                         : c->segs[i];
        const ms_seg *sg = &here;
        const ms_seg *next = i + 1 < c->n_segs ? &c->segs[i + 1] : NULL;
        st = accompany(c, sg, next == NULL);
        if (st == MS_OK)
            st = bass(c, sg, next);
        if (st == MS_OK && c->plans[sg->bar].program[MS_ROLE_PAD] >= 0)
            st = pad(c, sg);
    }
    return st == MS_OK ? drums(c) : st;
}
