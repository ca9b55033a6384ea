/* peak.h — private: the true peak of a stream (ITU-R BS.1770-4, Annex 2):
 * the highest magnitude of the signal between its samples, found by
 * oversampling. */
#ifndef MS_AUDIO_PEAK_H
#define MS_AUDIO_PEAK_H

#include <stddef.h>

#include "moodscape/status.h"

typedef struct ms_truepeak ms_truepeak;

/* A meter for interleaved float audio of `channels` at `rate` Hz. *out
 * owns it; free it with ms_truepeak_free(). */
ms_status ms_truepeak_new(int channels, long rate, ms_truepeak **out);
void      ms_truepeak_free(ms_truepeak *tp);            /* NULL is fine */

/* Feeds n interleaved frames. */
void ms_truepeak_do(ms_truepeak *tp, const float *frames, size_t n);

/* The true peak so far over all channels, linear (1.0 is full scale): at
 * least the sample peak, 0 before any audio. */
double ms_truepeak_get(const ms_truepeak *tp);

#endif
