/* theory.h — private: scales, chords and voicings for the composer. */
#ifndef MS_COMPOSE_THEORY_H
#define MS_COMPOSE_THEORY_H

#include "moodscape/compose.h"

typedef enum ms_chord_colour {
    MS_CHORD_TRIAD,
    MS_CHORD_SEVENTH,            /* diatonic seventh */
    MS_CHORD_SUS4,
    MS_CHORD_SUS2,
    MS_CHORD_DIMINISHED,         /* fully diminished seventh on the root */
    MS_CHORD_NEAPOLITAN          /* bII major, chromatic */
} ms_chord_colour;

typedef struct ms_chord {
    int degree;                  /* 0..6 in the mode */
    ms_chord_colour colour;
} ms_chord;

/* Pitch class (0..11) of a scale degree (any integer; wraps by octave). */
int  ms_degree_pc(ms_mode m, int root, int degree);
/* MIDI key of a scale degree counted from the tonic key `root` (a MIDI
 * key), so degree 7 is the tonic an octave up and -1 the seventh below. */
int  ms_degree_key(ms_mode m, int root, int degree);
/* The scale degree (counted as above) whose key is nearest to `key`. */
int  ms_key_degree(ms_mode m, int root, int key);

/* The chord's pitch classes, root first; *n is 3 or 4. */
void ms_chord_build(ms_mode m, int root, const ms_chord *c, int pcs[4],
                    int *n);
/* 1 when the chord has a note outside the mode. */
int  ms_chord_is_chromatic(ms_mode m, int root, const ms_chord *c);

/* Voices n pitch classes as keys in [low, high] in close position,
 * choosing the inversion that moves least from prev (n_prev keys; NULL
 * for the first chord, which is then centred in the range). out is
 * sorted. */
void ms_voice_chord(const int *pcs, int n, const int *prev, int n_prev,
                    int low, int high, int *out);

#endif
