/* moodscape/synth.h — rendering a score to audio with FluidSynth and a
 * General MIDI SoundFont. */
#ifndef MOODSCAPE_SYNTH_H
#define MOODSCAPE_SYNTH_H

#include <stddef.h>

#include "moodscape/status.h"
#include "moodscape/audio.h"
#include "moodscape/compose.h"

typedef struct ms_synth ms_synth;                /* opaque, one thread */

/* Finds a SoundFont: $MOODSCAPE_SOUNDFONT when set, else the first of
 * Debian's General MIDI SoundFonts that is installed (MuseScore General,
 * FluidR3, TimGM6mb). Writes its path into out (size n).
 * MS_ERR_NOTFOUND with the places tried when there is none. */
ms_status ms_soundfont_default(char *out, size_t n);

/* Opens a synthesizer at 44.1 kHz with the SoundFont at `soundfont`
 * (NULL: ms_soundfont_default()). With preload, every instrument is read
 * and decoded now: opening takes seconds and hundreds of MB for a large
 * SoundFont, and each render is then fast (servers, sessions). Without,
 * a render reads just the instruments it uses (one piece from the
 * command line). *out owns the synth; close it with ms_synth_close().
 * MS_ERR_NOTFOUND when the file is absent, MS_ERR_FORMAT when FluidSynth
 * cannot load it. */
ms_status ms_synth_open(const char *soundfont, int preload, ms_synth **out);
void      ms_synth_close(ms_synth *s);           /* NULL is fine */

/* Renders the score to stereo float PCM at 44.1 kHz, exactly
 * ms_score_seconds() long, with the reverb and chorus its plan asks for.
 * The synth is reset first. Rendering is reproducible: the same scores
 * rendered in the same order on a newly opened synth give the same audio
 * bit for bit. FluidSynth keeps a little state across resets, so one
 * score rendered again later on the same synth may differ slightly.
 * When normalise is set the result peaks at -1 dBFS. *out owns the
 * samples; free them with ms_pcm_free(). */
ms_status ms_synth_render(ms_synth *s, const ms_score *score, int normalise,
                          ms_pcm *out);

#endif
