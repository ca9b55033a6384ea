/* score.h — private: the score container the composer and the MIDI
 * reader fill, and the motif a clip hands on to the next. */
#ifndef MS_COMPOSE_SCORE_H
#define MS_COMPOSE_SCORE_H

#include "moodscape/compose.h"

#define MS_PARTS_MAX 16
#define MS_MOTIF_MAX 16

/* A one-bar melodic idea: onsets and lengths in sixteenths from the
 * downbeat, pitches as scale steps from the first note. */
typedef struct ms_motif {
    int n;
    int onset[MS_MOTIF_MAX];
    int length[MS_MOTIF_MAX];
    int step[MS_MOTIF_MAX];
} ms_motif;

typedef struct ms_part_buf {
    ms_part  view;               /* what ms_score_parts() shows */
    ms_note *notes;
    size_t   n, cap;
} ms_part_buf;

struct ms_score {
    ms_plan      plan, end_plan;
    int          key;            /* tonic pitch class */
    int          beats_per_bar;
    double       seconds;
    ms_motif     motif;
    ms_part_buf  parts[MS_PARTS_MAX];
    size_t       n_parts;
    ms_part      views[MS_PARTS_MAX];
    ms_tempo    *tempos;
    size_t       n_tempos, cap_tempos;
    ms_bar      *bars;
    size_t       n_bars, cap_bars;
};

/* An empty score; NULL when out of memory. */
ms_score *ms_score_new(void);

/* Adds a part and returns its index, or -1 when there are too many. */
int  ms_score_add_part(ms_score *s, const char *name, ms_role role,
                       int channel, int program);
/* Adds a note, clamping key and velocity into MIDI's range; a zero
 * length becomes one tick. MS_ERR_NOMEM on failure. */
ms_status ms_score_add_note(ms_score *s, int part, long tick, long length,
                            int key, int velocity);
/* Sets the tempo from `tick` on. Replaces one already at that tick. */
ms_status ms_score_add_tempo(ms_score *s, uint32_t tick, double bpm);
ms_status ms_score_add_tempo_raw(ms_score *s, uint32_t tick,
                                 uint32_t usec_per_quarter);
ms_status ms_score_add_bar(ms_score *s, const ms_bar *bar);

/* Sorts each part's notes by tick then key, shortens a note that would
 * still sound when the same key strikes again on its channel (MIDI
 * cannot tell the two apart), and publishes the views. Call once all
 * notes are in. */
void ms_score_finish(ms_score *s);

/* A note-on or note-off, as a player sends it. */
typedef struct ms_event {
    uint32_t tick;
    uint8_t  on;                 /* 1 note-on, 0 note-off */
    uint8_t  channel, key, velocity;
} ms_event;

/* The note-ons and note-offs of part `part`, or of every part when part
 * is negative, in the order a player sends them: by tick, note-offs
 * before note-ons at a tick, then by channel and key. *out is malloc'd;
 * the caller frees it. MS_ERR_NOMEM when out of memory. */
ms_status ms_score_events(const ms_score *s, int part, ms_event **out,
                          size_t *n);

/* The tick at which `seconds` from the start falls. */
uint32_t ms_score_tick_at(const ms_score *s, double seconds);

#endif
