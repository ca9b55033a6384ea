/* denoise.h — private: spectral-gating noise reduction for one clip of
 * interleaved stereo audio. */
#ifndef MS_SESSION_DENOISE_H
#define MS_SESSION_DENOISE_H

#include <stddef.h>

#include "moodscape/status.h"

/* Below this level the quietest stretches count as silence, and a clip
 * that quiet is left as it is: there is no noise to take out. */
#define MS_DENOISE_FLOOR_DB (-60.0)

/* Gates, bin by bin, what does not rise clearly (10 dB) above the noise
 * heard in the clip's quietest tenth, by 12 dB, with a gain that opens at
 * once and closes over a few frames so no "musical noise" twitters. Only
 * a noise floor is gated (the quietest frames louder than the floor and
 * spectrally flat); *gated is 1 when the clip was processed, 0 when it
 * was clean and left unchanged. The clip keeps its length. Caller serialises FFTW planning
 * (this plans and destroys a transform). */
ms_status ms_denoise(float *stereo, size_t frames, int *gated);

#endif
