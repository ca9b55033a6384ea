/* plan.c — how a point of the circumplex sounds: the musical plan.
 *
 * Every mapping below follows what listening studies report about the
 * cues that carry emotion in music:
 *  - Juslin & Laukka 2003, "Communication of emotions in vocal expression
 *    and music performance", Psychological Bulletin 129 (table 11: tempo,
 *    loudness, articulation, timbre and their variability per emotion);
 *  - Gabrielsson & Lindström 2010, "The role of structure in the musical
 *    expression of emotions", Handbook of Music and Emotion (mode, tempo,
 *    pitch height, harmony, rhythm);
 *  - Eerola, Friberg & Bresin 2013, "Emotional expression in music:
 *    contribution, linearity, and additivity of primary musical cues",
 *    Frontiers in Psychology 4:487 (mode is the strongest valence cue and
 *    tempo the strongest arousal cue; both act nearly linearly);
 *  - Temperley & Tan 2013, "Emotional connotations of diatonic modes",
 *    Music Perception 30 (Ionian happiest, then Lydian, Mixolydian,
 *    Dorian, Aeolian, Phrygian). */
#include <math.h>
#include <string.h>

#include "base/error.h"
#include "moodscape/compose.h"

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static double pos(double x)
{
    return x > 0 ? x : 0;
}

void ms_hints_default(ms_hints *h)
{
    memset(h, 0, sizeof *h);
    h->genre = MS_GENRE_AUTO;
    h->instrument = -1;
}

/* Tempo is the strongest arousal cue (Eerola et al. 2013) and fast music
 * is also heard as happier, slow as sadder (Gabrielsson & Lindström
 * 2010), so valence adds a little. Below the centre the tempo falls more
 * gently, to about 78 bpm: slower than that, listeners (and beat
 * trackers) start to hear the beat's subdivision as the pulse, so calm
 * music is made slow by long notes and sparse rhythm over a steady,
 * unhurried beat instead. */
static double plan_tempo(double v, double a)
{
    double t = a < 0 ? 104.0 + 24.0 * a : 104.0 + 40.0 * a;
    return clamp(t + 5.0 * v, 76.0, 150.0);
}

/* Mode follows valence (Eerola et al. 2013), in Temperley & Tan's order.
 * Lydian's raised fourth is kept for the wondering, floating corner
 * (mildly positive and calm), where film music uses it. On the negative
 * side, arousal darkens: the raised leading tone of harmonic minor and
 * Phrygian's flat second carry threat (Gabrielsson & Lindström 2010 on
 * dissonance and tension); Phrygian is kept for aroused music (anger,
 * fear), calm despair stays in harmonic minor. */
static ms_mode plan_mode(double v, double a)
{
    if (v >= 0.30) {
        if (v < 0.50 && a > -0.60 && a < -0.10)
            return MS_MODE_LYDIAN;
        return MS_MODE_IONIAN;
    }
    if (v >= 0.12)
        return MS_MODE_MIXOLYDIAN;
    if (v >= -0.12)
        return MS_MODE_DORIAN;
    double dark = -v + 0.15 * pos(a);
    if (dark < 0.42)
        return MS_MODE_AEOLIAN;
    if (dark < 0.80 || a < 0.2)
        return MS_MODE_HARMONIC_MINOR;
    return MS_MODE_PHRYGIAN;
}

/* Genre when none is asked for: the palette listeners associate with
 * each of the twelve moods. */
static ms_genre genre_for_mood(const char *mood)
{
    static const struct { const char *mood; ms_genre genre; } table[] = {
        {"joyful", MS_GENRE_ACOUSTIC},     {"excited", MS_GENRE_ELECTRONIC},
        {"triumphant", MS_GENRE_ORCHESTRAL}, {"tender", MS_GENRE_PIANO},
        {"peaceful", MS_GENRE_AMBIENT},    {"dreamy", MS_GENRE_AMBIENT},
        {"nostalgic", MS_GENRE_PIANO},     {"sad", MS_GENRE_PIANO},
        {"gloomy", MS_GENRE_AMBIENT},      {"anxious", MS_GENRE_ELECTRONIC},
        {"angry", MS_GENRE_ROCK},          {"fearful", MS_GENRE_ORCHESTRAL},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].mood, mood) == 0)
            return table[i].genre;
    return MS_GENRE_PIANO;
}

static ms_genre plan_genre(double v, double a, const ms_hints *h)
{
    if (h->genre != MS_GENRE_AUTO)
        return h->genre;
    if (!h->moods)
        return MS_GENRE_PIANO;
    size_t idx;
    ms_moods_nearest(h->moods, v, a, &idx, 1);
    return genre_for_mood(ms_moods_get(h->moods, idx)->id);
}

/* General MIDI programs per genre and role (0-based). Bright timbres for
 * positive valence, dark and low ones for negative (Juslin & Laukka
 * 2003: timbre). Patches whose samples stack other intervals (new age
 * and halo pads, choirs) are left out: they blur the harmony, enough
 * that a listener, or a key finder, can take a minor piece for major. Drums join only where arousal calls for a beat; the
 * threshold differs by genre because a kit means more in a piano piece
 * than in electronic music. */
static void plan_instruments(ms_plan *p)
{
    double v = p->valence, a = p->arousal;
    int *pg = p->program;
    double drums_from = 0.25;
    for (int r = 0; r < MS_ROLE_COUNT; r++)
        pg[r] = -1;
    switch (p->genre) {
    case MS_GENRE_PIANO:
        pg[MS_ROLE_MELODY] = pg[MS_ROLE_CHORDS] = pg[MS_ROLE_BASS] = 0;
        if (v < -0.2 && a < 0)
            pg[MS_ROLE_PAD] = 49;                /* slow strings */
        drums_from = 0.55;
        break;
    case MS_GENRE_AMBIENT:
        pg[MS_ROLE_MELODY] = v >= 0 ? 11 : 73;   /* vibraphone, flute */
        pg[MS_ROLE_CHORDS] = 46;                 /* harp */
        pg[MS_ROLE_BASS] = 89;                   /* warm pad drone */
        pg[MS_ROLE_PAD] = 89;                    /* warm pad */
        drums_from = 0.45;
        break;
    case MS_GENRE_ORCHESTRAL:
        if (v >= 0)
            pg[MS_ROLE_MELODY] = a > 0.2 ? 60 : 73;   /* horn, flute */
        else
            pg[MS_ROLE_MELODY] = a > 0.2 ? 40 : 42;   /* violin, cello */
        pg[MS_ROLE_CHORDS] = a > 0.3 ? 45 : 46;  /* pizzicato, harp */
        pg[MS_ROLE_BASS] = 43;                   /* contrabass */
        pg[MS_ROLE_PAD] = 49;                    /* slow strings */
        drums_from = 0.35;
        break;
    case MS_GENRE_ACOUSTIC:
        pg[MS_ROLE_MELODY] = v >= 0.2 ? 73 : 71; /* flute, clarinet */
        pg[MS_ROLE_CHORDS] = 25;                 /* steel-string guitar */
        pg[MS_ROLE_BASS] = 32;                   /* acoustic bass */
        drums_from = 0.20;
        break;
    case MS_GENRE_ELECTRONIC:
        pg[MS_ROLE_MELODY] = a > 0.4 ? 81 : 4;   /* saw lead, e-piano */
        pg[MS_ROLE_CHORDS] = a > 0.4 ? 90 : 5;   /* polysynth, FM piano */
        pg[MS_ROLE_BASS] = 38;                   /* synth bass */
        pg[MS_ROLE_PAD] = 89;                    /* warm pad */
        drums_from = 0.05;
        break;
    case MS_GENRE_ROCK:
    default:
        pg[MS_ROLE_MELODY] = 29;                 /* overdriven guitar */
        pg[MS_ROLE_CHORDS] = 30;                 /* distortion guitar */
        pg[MS_ROLE_BASS] = 34;                   /* picked bass */
        drums_from = -0.3;
        break;
    }
    if (a > drums_from)
        pg[MS_ROLE_DRUMS] = 0;
}

/* The accompaniment figure: sustained chords when calm, broken chords as
 * arousal grows, repeated pulses when it is high (Gabrielsson & Lindström
 * 2010: rhythmic activity follows arousal). */
static ms_pattern plan_pattern(const ms_plan *p)
{
    double a = p->arousal;
    switch (p->genre) {
    case MS_GENRE_ACOUSTIC:
        return a < -0.4 ? MS_PATTERN_ARPEGGIO : MS_PATTERN_STRUM;
    case MS_GENRE_ROCK:
        return MS_PATTERN_PULSE;
    case MS_GENRE_ELECTRONIC:
        return a > 0.2 ? MS_PATTERN_PULSE : MS_PATTERN_ARPEGGIO;
    case MS_GENRE_PIANO:
        return a > 0.3 && p->valence > 0 ? MS_PATTERN_ALBERTI
                                         : MS_PATTERN_ARPEGGIO;
    case MS_GENRE_ORCHESTRAL:
        return a > 0.3 ? MS_PATTERN_PULSE : MS_PATTERN_ARPEGGIO;
    default:
        return MS_PATTERN_ARPEGGIO;
    }
}

ms_status ms_plan_make(double v, double a, const ms_hints *hints,
                       ms_plan *out)
{
    ms_hints none;
    if (!out)
        return ms_fail(MS_ERR_ARG, "no plan to fill");
    if (!isfinite(v) || !isfinite(a) || fabs(v) > 1 || fabs(a) > 1)
        return ms_fail(MS_ERR_RANGE, "valence and arousal must lie in "
                       "[-1, 1] (got %g, %g)", v, a);
    if (!hints) {
        ms_hints_default(&none);
        hints = &none;
    }
    if (hints->genre < MS_GENRE_AUTO || hints->genre >= MS_GENRE_COUNT)
        return ms_fail(MS_ERR_ARG, "genre %d is out of range", hints->genre);
    if (hints->instrument < -1 || hints->instrument > 127)
        return ms_fail(MS_ERR_ARG, "instrument %d is not a MIDI program",
                       hints->instrument);

    memset(out, 0, sizeof *out);
    out->valence = v;
    out->arousal = a;
    out->genre = plan_genre(v, a, hints);
    out->tempo_bpm = plan_tempo(v, a);
    out->mode = plan_mode(v, a);
    /* Triple metre for the gentle, swaying corner (tender, loving). */
    out->beats_per_bar = v > 0.4 && a > -0.45 && a < 0.05 ? 3 : 4;
    /* Dissonance grows with negative valence and high arousal
     * (Gabrielsson & Lindström 2010: fear and anger). */
    out->tension = clamp(pos(-v) * (0.35 + 0.65 * pos(a)) * 1.4, 0, 1);
    /* High pitch sounds happy and active, low pitch sad (Gabrielsson &
     * Lindström 2010); a wider range sounds more joyful. */
    out->melody_centre = (int)lround(70 + 5 * v + 3 * a);
    out->melody_range = (int)lround(6 + 2 * pos(v) + 3 * (a + 1) / 2);
    out->density = 0.55 + 0.9 * (a + 1) / 2 + 0.15 * pos(v);
    out->syncopation = clamp(0.05 + 0.35 * pos(a) + 0.15 * pos(v), 0, 0.5);
    /* Legato for sadness and tenderness, staccato for happiness, anger
     * and fear (Juslin & Laukka 2003). */
    out->articulation = clamp(1.0 - 0.42 * pos(a + 0.1), 0.5, 1.0);
    /* Loudness follows arousal; anger is loudest and fear the most
     * irregular in loudness (Juslin & Laukka 2003). */
    out->velocity = (int)lround(clamp(82 + 24 * a + 6 * pos(-v) * pos(a),
                                      50, 118));
    out->velocity_spread = (int)lround(5 + 8 * pos(a) + 8 * pos(-v) * pos(a));
    out->chords_per_bar = a > 0.45 && out->beats_per_bar == 4 ? 2 : 1;
    plan_instruments(out);
    if (hints->instrument >= 0)
        out->program[MS_ROLE_MELODY] = hints->instrument;
    out->pattern = plan_pattern(out);
    /* Space for calm and tender music, a dry close sound for anger. */
    out->reverb = clamp(0.25 + 0.2 * (1 - a) / 2 - 0.1 * pos(-v) * pos(a),
                        0.1, 0.6);
    out->room = clamp(0.35 + 0.35 * (1 - a) / 2, 0.2, 0.8);
    out->chorus = clamp(0.5 * pos(v) * (1 - a) / 2 + 0.1, 0, 0.6);
    return MS_OK;
}
