/* moodscape/audio.h — audio in memory and on disk: interleaved float PCM
 * buffers, writing them as WAV, FLAC or Ogg, and decoding audio files as
 * a stream of mono samples (libsndfile, soxr). */
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

/* What a written file says about itself (WAV INFO chunk, Vorbis
 * comments); any field may be NULL. */
typedef struct ms_audio_tags {
    const char *title, *artist, *genre, *comment;
} ms_audio_tags;

/* ms_pcm_write() with tags; tags may be NULL. */
ms_status ms_pcm_write_tagged(const ms_pcm *p, const char *path,
                              const ms_audio_tags *tags);

/* Writing as a stream, for audio longer than one wants in memory: open,
 * write frames (interleaved, `channels` per frame) any number of times,
 * then commit, which renames the finished file into place, or abort,
 * which leaves nothing. Formats and tags as ms_pcm_write_tagged(). */
typedef struct ms_writer ms_writer;
ms_status ms_writer_open(const char *path, int rate, int channels,
                         const ms_audio_tags *tags, ms_writer **out);
ms_status ms_writer_write(ms_writer *w, const float *frames, size_t n);
ms_status ms_writer_commit(ms_writer *w);    /* frees w */
void      ms_writer_abort(ms_writer *w);     /* frees w; NULL is fine */

/* 1 when ms_pcm_write() knows the format of path's extension. */
int       ms_pcm_format_known(const char *path);

/* Reads `seconds` of the file at path from start_s (moved back when the
 * file ends sooner) as stereo at `rate` Hz into *out (free with
 * ms_pcm_free()). MS_ERR_FORMAT for a file that cannot be read. */
ms_status ms_pcm_read_excerpt(const char *path, int rate, double start_s,
                              double seconds, ms_pcm *out);

/* ---- decoding ------------------------------------------------------------- */

typedef struct ms_decoder ms_decoder;            /* opaque, one thread */

/* Opens any file libsndfile reads (WAV, FLAC, Ogg Vorbis/Opus, MP3, ...)
 * for reading as mono float samples at `rate` Hz: channels are averaged
 * and the audio resampled with soxr as it streams, so memory stays small
 * whatever the file's length. *out owns the decoder; close it with
 * ms_decoder_close(). MS_ERR_NOTFOUND when the file is absent,
 * MS_ERR_FORMAT (with libsndfile's reason) when it is not audio or is
 * damaged beyond reading. */
ms_status ms_decoder_open(const char *path, int rate, ms_decoder **out);
/* The same over audio in memory, which must outlive the decoder. */
ms_status ms_decoder_open_pcm(const ms_pcm *pcm, int rate, ms_decoder **out);
void      ms_decoder_close(ms_decoder *d);       /* NULL is fine */

/* Reads up to n samples into buf; *got is 0 at the end of the file.
 * MS_ERR_FORMAT when the file turns out damaged part way. */
ms_status ms_decoder_read(ms_decoder *d, float *buf, size_t n, size_t *got);

/* The file's own sample rate, channels and length in seconds (from its
 * header; 0 when the format does not say). */
int       ms_decoder_source_rate(const ms_decoder *d);
int       ms_decoder_source_channels(const ms_decoder *d);
double    ms_decoder_seconds(const ms_decoder *d);

#endif
