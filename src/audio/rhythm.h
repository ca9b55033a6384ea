/* rhythm.h — private: note onsets and beats, hop by hop, from one
 * magnitude spectrum per hop, with aubio's own detection parts. */
#ifndef MS_AUDIO_RHYTHM_H
#define MS_AUDIO_RHYTHM_H

#include <aubio/aubio.h>

#include "moodscape/status.h"

typedef struct ms_rhythm ms_rhythm;

/* What one hop held. */
typedef struct ms_rhythm_event {
    int    onset;            /* 1: a note started in this hop */
    int    beat;             /* 1: a beat fell in this hop, at beat_s */
    double beat_s;           /* seconds from the start */
} ms_rhythm_event;

/* A tracker for hops of `hop` samples at `rate` Hz over a window of
 * `window` samples (a power of two, at least 2 * hop). *out owns it; free
 * it with ms_rhythm_free(). Both plan with FFTW, whose planner is not
 * thread-safe: the caller serialises them. */
ms_status ms_rhythm_new(unsigned window, unsigned hop, unsigned rate,
                        ms_rhythm **out);
void      ms_rhythm_free(ms_rhythm *r);                 /* NULL is fine */

/* Feeds the next hop (its length is the hop size). */
void ms_rhythm_do(ms_rhythm *r, const fvec_t *hop, ms_rhythm_event *ev);

#endif
