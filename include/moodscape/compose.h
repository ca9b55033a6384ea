/* moodscape/compose.h — composing music for a point of the circumplex:
 * (valence, arousal) -> musical plan -> score -> standard MIDI file. The
 * score is rendered to audio by moodscape/synth.h. */
#ifndef MOODSCAPE_COMPOSE_H
#define MOODSCAPE_COMPOSE_H

#include <stddef.h>
#include <stdint.h>

#include "moodscape/status.h"
#include "moodscape/emotion.h"

/* ---- genres, modes, instruments ----------------------------------------- */

typedef enum ms_genre {
    MS_GENRE_AUTO = -1,          /* chosen from the mood */
    MS_GENRE_PIANO,
    MS_GENRE_AMBIENT,
    MS_GENRE_ORCHESTRAL,         /* also called "cinematic" */
    MS_GENRE_ACOUSTIC,
    MS_GENRE_ELECTRONIC,
    MS_GENRE_ROCK,
    MS_GENRE_COUNT
} ms_genre;

/* "piano", "ambient", ... Never NULL; "auto" for MS_GENRE_AUTO. */
const char *ms_genre_name(ms_genre g);
/* Parses a genre name (case-insensitive; "cinematic" is orchestral).
 * MS_ERR_NOTFOUND with the known names in ms_last_error() otherwise. */
ms_status   ms_genre_parse(const char *name, ms_genre *out);

/* The modes, happiest first (Temperley & Tan 2013 found Ionian heard as
 * happier than Lydian, then Mixolydian, Dorian, Aeolian, Phrygian). */
typedef enum ms_mode {
    MS_MODE_IONIAN,
    MS_MODE_LYDIAN,
    MS_MODE_MIXOLYDIAN,
    MS_MODE_DORIAN,
    MS_MODE_AEOLIAN,
    MS_MODE_HARMONIC_MINOR,
    MS_MODE_PHRYGIAN,
    MS_MODE_COUNT
} ms_mode;

const char *ms_mode_name(ms_mode m);             /* "ionian", ... */
/* 1 when the mode has a major third above its tonic. */
int         ms_mode_is_major(ms_mode m);
/* 1 when pitch class pc (0..11) belongs to the mode on tonic `root`. */
int         ms_mode_contains(ms_mode m, int root, int pc);

/* Finds a General MIDI melody instrument by name ("piano", "strings",
 * "flute", "guitar", "synth", ...) and stores its program (0..127).
 * MS_ERR_NOTFOUND with the known names in ms_last_error() otherwise. */
ms_status   ms_instrument_parse(const char *name, int *program);

/* A plain name for a General MIDI program, for people and descriptors:
 * the instrument's own ("violin", "electric guitar") when it has one of
 * the names above, else its family's ("synth", "bells"). Never NULL. */
const char *ms_instrument_name(int program);

/* ---- the plan: how a point of the circumplex sounds -------------------- */

/* The parts of an arrangement. */
typedef enum ms_role {
    MS_ROLE_MELODY,
    MS_ROLE_CHORDS,              /* accompaniment: arpeggios, strums, pulses */
    MS_ROLE_BASS,
    MS_ROLE_PAD,                 /* sustained harmony */
    MS_ROLE_DRUMS,
    MS_ROLE_COUNT
} ms_role;

typedef enum ms_pattern {        /* how the accompaniment plays a chord */
    MS_PATTERN_SUSTAIN,
    MS_PATTERN_ARPEGGIO,
    MS_PATTERN_ALBERTI,
    MS_PATTERN_STRUM,
    MS_PATTERN_PULSE
} ms_pattern;

typedef struct ms_plan {
    double     valence, arousal;
    ms_genre   genre;
    double     tempo_bpm;
    ms_mode    mode;
    int        beats_per_bar;    /* 3 or 4 */
    double     tension;          /* 0 consonant .. 1 diminished, chromatic */
    int        melody_centre;    /* MIDI key the melody moves around */
    int        melody_range;     /* semitones either side of the centre */
    double     density;          /* melody notes per beat */
    double     syncopation;      /* 0..1, chance of an off-beat accent */
    double     articulation;     /* sounding share of a note: 0.5 staccato
                                    .. 1.0 legato */
    int        velocity;         /* mean MIDI velocity of the melody */
    int        velocity_spread;  /* its random variation */
    int        chords_per_bar;   /* harmonic rhythm: 1 or 2 */
    ms_pattern pattern;          /* accompaniment figure */
    int        program[MS_ROLE_COUNT]; /* GM program; -1 = part is silent;
                                    drums: 0 when a kit plays */
    double     reverb;           /* 0..1 reverb level */
    double     room;             /* 0..1 reverb room size */
    double     chorus;           /* 0..1 chorus level */
} ms_plan;

/* Hints that steer a plan; zero them with ms_hints_default(). */
typedef struct ms_hints {
    ms_genre genre;              /* MS_GENRE_AUTO: chosen from the mood */
    int      instrument;         /* GM program of the melody, or -1 */
    const ms_moods *moods;       /* mood table for MS_GENRE_AUTO; NULL
                                    picks piano */
} ms_hints;

void ms_hints_default(ms_hints *h);

/* Plans how (valence, arousal) sounds. MS_ERR_RANGE when v or a is not a
 * number in [-1, 1], MS_ERR_ARG for a genre or instrument out of range. */
ms_status ms_plan_make(double valence, double arousal, const ms_hints *hints,
                       ms_plan *out);

/* ---- the score ----------------------------------------------------------- */

#define MS_PPQ 480               /* ticks per quarter note */

typedef struct ms_note {
    uint32_t tick, length;       /* in ticks; length > 0 */
    uint8_t  key, velocity;      /* MIDI key 0..127, velocity 1..127 */
} ms_note;

typedef struct ms_part {
    char     name[24];
    ms_role  role;
    uint8_t  channel;            /* 9 for drums */
    uint8_t  program;
    uint8_t  volume, pan, reverb, chorus;  /* controllers 7, 10, 91, 93 */
    const ms_note *notes;        /* sorted by tick, then key */
    size_t   n_notes;
} ms_part;

typedef struct ms_tempo {
    uint32_t tick;
    uint32_t usec_per_quarter;   /* as MIDI stores it */
} ms_tempo;

/* What the composer decided for one bar; a glide changes it bar by bar. */
typedef struct ms_bar {
    uint32_t tick;
    double   valence, arousal;
    ms_mode  mode;
    int      chord;              /* scale degree 0..6 of the first chord */
    int      phrase_bar;         /* 0-based position in its phrase */
    int      phrase_length;      /* 4 or 8 bars; 0 in intro and ending */
} ms_bar;

typedef struct ms_score ms_score;                /* opaque */

/* What to compose. Fill with ms_compose_default(), then set the point. */
typedef struct ms_compose_opts {
    double   valence, arousal;       /* where the music starts */
    double   to_valence, to_arousal; /* where it ends: a glide inside the
                                        clip; equal to the start for none */
    double   seconds;                /* length of the audio, 1..600 */
    uint64_t seed;
    int      standalone;             /* 1: intro, ending and a reverb tail;
                                        0: a clip that flows on */
    ms_hints hints;
    const ms_score *follow;          /* continue this clip's key, tempo,
                                        metre, instruments and motif */
} ms_compose_opts;

void ms_compose_default(ms_compose_opts *o);

/* Composes a piece. Deterministic: the same options give the same score.
 * On success *out owns the score; free it with ms_score_free(). */
ms_status ms_compose(const ms_compose_opts *o, ms_score **out);
void      ms_score_free(ms_score *s);            /* NULL is fine */

/* Read-only views; they live as long as the score. */
const ms_part  *ms_score_parts(const ms_score *s, size_t *n);
const ms_tempo *ms_score_tempos(const ms_score *s, size_t *n);
const ms_bar   *ms_score_bars(const ms_score *s, size_t *n);
/* The plan at the start of the piece (for a glide, the end has its own). */
const ms_plan  *ms_score_plan(const ms_score *s);
int             ms_score_key(const ms_score *s);   /* tonic pitch class */
int             ms_score_beats_per_bar(const ms_score *s);
double          ms_score_seconds(const ms_score *s); /* audio length */
/* Seconds from the start at which `tick` sounds. */
double          ms_score_time(const ms_score *s, uint32_t tick);

/* ---- standard MIDI files ------------------------------------------------ */

/* Writes the score as a type 1 standard MIDI file: a conductor track
 * (tempo, metre, key) and one track per part. The file appears whole or
 * not at all. */
ms_status ms_midi_write(const ms_score *s, const char *path);

/* Reads a standard MIDI file (type 0 or 1) into a score: notes, tempos,
 * programs and controllers; the plan and bars are left empty. A file
 * written by ms_midi_write() reads back with identical parts and tempos.
 * MS_ERR_FORMAT with the offset when the file is malformed. */
ms_status ms_midi_read(const char *path, ms_score **out);

#endif
