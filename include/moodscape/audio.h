/* moodscape/audio.h — audio in memory and on disk: interleaved float PCM
 * buffers and writing them as WAV, FLAC or Ogg through libsndfile. */
#ifndef MOODSCAPE_AUDIO_H
#define MOODSCAPE_AUDIO_H

#include <stddef.h>

#include "moodscape/status.h"

#define MS_SAMPLE_RATE 44100

typedef struct ms_pcm {
    float *samples;              /* frames * channels, interleaved; owned */
    size_t frames;
    int    channels;
    int    rate;
} ms_pcm;

/* Allocates a silent buffer. Free with ms_pcm_free(). */
ms_status ms_pcm_alloc(ms_pcm *p, size_t frames, int channels, int rate);
void      ms_pcm_free(ms_pcm *p);                /* leaves *p empty */

/* Largest absolute sample value. */
float     ms_pcm_peak(const ms_pcm *p);

/* Writes p to path in the format its extension names: .wav and .flac as
 * 16-bit PCM, .ogg as Vorbis, .opus as Opus. Samples beyond [-1, 1] are
 * clipped. The file appears whole or not at all: it is written beside
 * the target under a temporary name and renamed when complete.
 * MS_ERR_ARG for an unknown extension, MS_ERR_IO when it cannot be
 * written. */
ms_status ms_pcm_write(const ms_pcm *p, const char *path);

/* 1 when ms_pcm_write() knows the format of path's extension. */
int       ms_pcm_format_known(const char *path);

#endif
