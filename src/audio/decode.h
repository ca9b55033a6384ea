/* decode.h — private: what the feature extractor needs from the decoder
 * beyond the public interface. */
#ifndef MS_AUDIO_DECODE_H
#define MS_AUDIO_DECODE_H

#include "moodscape/audio.h"

/* Called with each block of source frames as decoded (interleaved, at
 * the file's own rate and channels), before they are mixed down and
 * resampled: loudness is measured on the signal as it is. */
typedef void (*ms_decoder_tap)(void *ctx, const float *frames, size_t n,
                               int channels);

void ms_decoder_set_tap(ms_decoder *d, ms_decoder_tap tap, void *ctx);

#endif
