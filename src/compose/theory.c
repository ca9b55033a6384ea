/* theory.c — scales, chords and voicings: the music theory the composer
 * builds on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "compose/theory.h"

/* Semitones above the tonic of each degree. */
static const int mode_steps[MS_MODE_COUNT][7] = {
    [MS_MODE_IONIAN]         = {0, 2, 4, 5, 7, 9, 11},
    [MS_MODE_LYDIAN]         = {0, 2, 4, 6, 7, 9, 11},
    [MS_MODE_MIXOLYDIAN]     = {0, 2, 4, 5, 7, 9, 10},
    [MS_MODE_DORIAN]         = {0, 2, 3, 5, 7, 9, 10},
    [MS_MODE_AEOLIAN]        = {0, 2, 3, 5, 7, 8, 10},
    [MS_MODE_HARMONIC_MINOR] = {0, 2, 3, 5, 7, 8, 11},
    [MS_MODE_PHRYGIAN]       = {0, 1, 3, 5, 7, 8, 10},
};

static const char *const mode_names[MS_MODE_COUNT] = {
    "ionian", "lydian", "mixolydian", "dorian", "aeolian", "harmonic-minor",
    "phrygian",
};

const char *ms_mode_name(ms_mode m)
{
    return (unsigned)m < MS_MODE_COUNT ? mode_names[m] : "?";
}

int ms_mode_is_major(ms_mode m)
{
    return (unsigned)m < MS_MODE_COUNT && mode_steps[m][2] == 4;
}

static int pc_of(int key)
{
    return ((key % 12) + 12) % 12;
}

int ms_mode_contains(ms_mode m, int root, int pc)
{
    if ((unsigned)m >= MS_MODE_COUNT)
        return 0;
    int rel = pc_of(pc - root);
    for (int i = 0; i < 7; i++)
        if (mode_steps[m][i] == rel)
            return 1;
    return 0;
}

int ms_degree_pc(ms_mode m, int root, int degree)
{
    int d = ((degree % 7) + 7) % 7;
    return pc_of(root + mode_steps[m][d]);
}

int ms_degree_key(ms_mode m, int root, int degree)
{
    int octave = degree >= 0 ? degree / 7 : -((6 - degree) / 7);
    int d = degree - octave * 7;
    return root + 12 * octave + mode_steps[m][d];
}

int ms_key_degree(ms_mode m, int root, int key)
{
    int best = 0, best_dist = 1000;
    int base = (key - root) / 12 * 7 - 14;
    for (int d = base; d < base + 35; d++) {
        int dist = abs(ms_degree_key(m, root, d) - key);
        if (dist < best_dist) {
            best_dist = dist;
            best = d;
        }
    }
    return best;
}

/* ---- chords ----------------------------------------------------------- */

void ms_chord_build(ms_mode m, int root, const ms_chord *c, int pcs[4],
                    int *n)
{
    int k = 0;
    pcs[k++] = ms_degree_pc(m, root, c->degree);
    if (c->colour == MS_CHORD_SUS4)
        pcs[k++] = ms_degree_pc(m, root, c->degree + 3);
    else if (c->colour == MS_CHORD_SUS2)
        pcs[k++] = ms_degree_pc(m, root, c->degree + 1);
    else
        pcs[k++] = ms_degree_pc(m, root, c->degree + 2);
    pcs[k++] = ms_degree_pc(m, root, c->degree + 4);
    if (c->colour == MS_CHORD_SEVENTH)
        pcs[k++] = ms_degree_pc(m, root, c->degree + 6);
    else if (c->colour == MS_CHORD_DIMINISHED) {
        /* A fully diminished seventh on the leading tone: stacked minor
         * thirds whatever the mode, the classic sound of suspense. */
        int r = pcs[0];
        k = 0;
        for (int i = 0; i < 4; i++)
            pcs[k++] = pc_of(r + 3 * i);
    } else if (c->colour == MS_CHORD_NEAPOLITAN) {
        /* bII in first inversion's pitch classes: a chromatic darkening
         * before the dominant (flat supertonic major triad). */
        int r = pc_of(root + 1);
        k = 0;
        pcs[k++] = r;
        pcs[k++] = pc_of(r + 4);
        pcs[k++] = pc_of(r + 7);
    }
    *n = k;
}

int ms_chord_is_chromatic(ms_mode m, int root, const ms_chord *c)
{
    int pcs[4], n;
    ms_chord_build(m, root, c, pcs, &n);
    for (int i = 0; i < n; i++)
        if (!ms_mode_contains(m, root, pcs[i]))
            return 1;
    return 0;
}

/* ---- voicings --------------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* How far the voices of b move from those of a: each note of b is led
 * from the nearest note of a, and each note of a to the nearest of b, so
 * chords of three and four notes compare fairly. */
static int movement(const int *a, int na, const int *b, int nb)
{
    int sum = 0;
    for (int pass = 0; pass < 2; pass++) {
        const int *x = pass ? a : b, *y = pass ? b : a;
        int nx = pass ? na : nb, ny = pass ? nb : na;
        for (int i = 0; i < nx; i++) {
            int best = 128;
            for (int j = 0; j < ny; j++)
                if (abs(x[i] - y[j]) < best)
                    best = abs(x[i] - y[j]);
            sum += best;
        }
    }
    return sum;
}

/* The chord's pitch classes stacked upwards in close position from
 * inversion `inv`, starting at the first such key at or above low. */
static void close_voicing(const int *pcs, int n, int inv, int low, int *out)
{
    int prev = low - 1;
    for (int i = 0; i < n; i++) {
        int pc = pcs[(inv + i) % n];
        int key = prev + 1 + pc_of(pc - (prev + 1));
        out[i] = key;
        prev = key;
    }
}

void ms_voice_chord(const int *pcs, int n, const int *prev, int n_prev,
                    int low, int high, int *out)
{
    int best[4] = {0}, cand[4], best_cost = -1;
    for (int inv = 0; inv < n; inv++)
        for (int start = low; start < low + 12; start++) {
            close_voicing(pcs, n, inv, start, cand);
            if (cand[0] != start || cand[n - 1] > high)
                continue;
            int cost = prev ? movement(prev, n_prev, cand, n)
                            : abs(cand[0] + cand[n - 1] - low - high);
            if (best_cost < 0 || cost < best_cost) {
                best_cost = cost;
                memcpy(best, cand, sizeof best);
            }
        }
    if (best_cost < 0)                       /* range too narrow */
        close_voicing(pcs, n, 0, low, best);
    memcpy(out, best, (size_t)n * sizeof *out);
    qsort(out, (size_t)n, sizeof *out, cmp_int);
}

/* ---- names ------------------------------------------------------------ */

static const char *const genre_names[MS_GENRE_COUNT] = {
    "piano", "ambient", "orchestral", "acoustic", "electronic", "rock",
};

const char *ms_genre_name(ms_genre g)
{
    if (g == MS_GENRE_AUTO)
        return "auto";
    return (unsigned)g < MS_GENRE_COUNT ? genre_names[g] : "?";
}

ms_status ms_genre_parse(const char *name, ms_genre *out)
{
    if (!name || !out)
        return ms_fail(MS_ERR_ARG, "no genre given");
    if (strcasecmp(name, "auto") == 0) {
        *out = MS_GENRE_AUTO;
        return MS_OK;
    }
    if (strcasecmp(name, "cinematic") == 0) {
        *out = MS_GENRE_ORCHESTRAL;
        return MS_OK;
    }
    for (int g = 0; g < MS_GENRE_COUNT; g++)
        if (strcasecmp(name, genre_names[g]) == 0) {
            *out = (ms_genre)g;
            return MS_OK;
        }
    return ms_fail(MS_ERR_NOTFOUND,
                   "unknown genre '%s' (piano, ambient, orchestral, "
                   "cinematic, acoustic, electronic, rock, auto)", name);
}

typedef struct instrument {
    const char *name;
    int program;                 /* General MIDI, 0-based */
} instrument;

static const instrument instruments[] = {
    {"piano", 0},        {"electric-piano", 4}, {"celesta", 8},
    {"music-box", 10},   {"vibraphone", 11},    {"marimba", 12},
    {"organ", 19},       {"accordion", 21},     {"guitar", 24},
    {"steel-guitar", 25}, {"electric-guitar", 27}, {"distortion-guitar", 30},
    {"bass", 33},        {"violin", 40},        {"cello", 42},
    {"harp", 46},        {"strings", 48},       {"choir", 52},
    {"trumpet", 56},     {"horn", 60},          {"brass", 61},
    {"saxophone", 65},   {"oboe", 68},          {"clarinet", 71},
    {"flute", 73},       {"pan-flute", 75},     {"synth", 81},
    {"pad", 89},
};

/* The sixteen General MIDI families of eight programs each. */
static const char *const families[16] = {
    "piano", "bells", "organ", "guitar", "bass", "strings", "strings",
    "brass", "reeds", "flute", "synth", "synth pads", "synth", "folk",
    "percussion", "effects",
};

const char *ms_instrument_name(int program)
{
    static const char *const spelled[] = {
        "piano", "electric piano", "celesta", "music box", "vibraphone",
        "marimba", "organ", "accordion", "guitar", "steel guitar",
        "electric guitar", "distorted guitar", "bass", "violin", "cello",
        "harp", "strings", "choir", "trumpet", "horn", "brass", "saxophone",
        "oboe", "clarinet", "flute", "pan flute", "synth", "synth pads",
    };
    _Static_assert(sizeof spelled / sizeof *spelled
                   == sizeof instruments / sizeof *instruments,
                   "one spelling per named instrument");
    for (size_t i = 0; i < sizeof instruments / sizeof instruments[0]; i++)
        if (instruments[i].program == program)
            return spelled[i];
    return program >= 0 && program < 128 ? families[program / 8] : "synth";
}

ms_status ms_instrument_parse(const char *name, int *program)
{
    if (!name || !program)
        return ms_fail(MS_ERR_ARG, "no instrument given");
    size_t n = sizeof instruments / sizeof instruments[0];
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(name, instruments[i].name) == 0) {
            *program = instruments[i].program;
            return MS_OK;
        }
    char list[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list - 32; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                 i ? ", " : "", instruments[i].name);
    return ms_fail(MS_ERR_NOTFOUND, "unknown instrument '%s' (%s)", name,
                   list);
}
