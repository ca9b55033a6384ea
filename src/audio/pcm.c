/* pcm.c — float PCM buffers and writing them with libsndfile. */
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/atomic.h"
#include "base/error.h"
#include "moodscape/audio.h"

ms_status ms_pcm_alloc(ms_pcm *p, size_t frames, int channels, int rate)
{
    memset(p, 0, sizeof *p);
    if (channels < 1 || channels > 8 || rate < 1)
        return ms_fail(MS_ERR_ARG, "bad audio shape: %d channels at %d Hz",
                       channels, rate);
    p->samples = calloc(frames ? frames * (size_t)channels : 1,
                        sizeof *p->samples);
    if (!p->samples)
        return ms_fail(MS_ERR_NOMEM, "out of memory for %zu audio frames",
                       frames);
    p->frames = frames;
    p->channels = channels;
    p->rate = rate;
    return MS_OK;
}

void ms_pcm_free(ms_pcm *p)
{
    if (!p)
        return;
    free(p->samples);
    memset(p, 0, sizeof *p);
}

float ms_pcm_peak(const ms_pcm *p)
{
    float peak = 0;
    for (size_t i = 0; i < p->frames * (size_t)p->channels; i++)
        if (fabsf(p->samples[i]) > peak)
            peak = fabsf(p->samples[i]);
    return peak;
}

/* libsndfile's major format and encoding for a file name's extension. */
static int format_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return 0;
    if (strcasecmp(dot, ".wav") == 0)
        return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    if (strcasecmp(dot, ".flac") == 0)
        return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    if (strcasecmp(dot, ".ogg") == 0 || strcasecmp(dot, ".oga") == 0)
        return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    if (strcasecmp(dot, ".opus") == 0)
        return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    return 0;
}

int ms_pcm_format_known(const char *path)
{
    return path && format_for(path) != 0;
}

static ms_status write_frames(SNDFILE *f, const ms_pcm *p)
{
    const size_t block = 8192;
    for (size_t at = 0; at < p->frames; at += block) {
        size_t n = p->frames - at < block ? p->frames - at : block;
        if (sf_writef_float(f, p->samples + at * (size_t)p->channels,
                            (sf_count_t)n) != (sf_count_t)n)
            return MS_ERR_IO;
    }
    return MS_OK;
}

/* Strings go in before any audio: some formats write them up front. */
static void set_tags(SNDFILE *f, const ms_audio_tags *t)
{
    if (!t)
        return;
    if (t->title) sf_set_string(f, SF_STR_TITLE, t->title);
    if (t->artist) sf_set_string(f, SF_STR_ARTIST, t->artist);
    if (t->genre) sf_set_string(f, SF_STR_GENRE, t->genre);
    if (t->comment) sf_set_string(f, SF_STR_COMMENT, t->comment);
}

ms_status ms_pcm_write(const ms_pcm *p, const char *path)
{
    return ms_pcm_write_tagged(p, path, NULL);
}

ms_status ms_pcm_write_tagged(const ms_pcm *p, const char *path,
                              const ms_audio_tags *tags)
{
    int format = path ? format_for(path) : 0;
    if (!format)
        return ms_fail(MS_ERR_ARG, "%s: unknown audio format (use .wav, "
                       ".flac, .ogg or .opus)", path ? path : "(none)");
    SF_INFO info = {.samplerate = p->rate, .channels = p->channels,
                    .format = format};
    if (!sf_format_check(&info))
        return ms_fail(MS_ERR_ARG, "%s: %d Hz, %d channels cannot be "
                       "written in this format", path, p->rate, p->channels);
    ms_atomic a;
    ms_status st = ms_atomic_begin(&a, path);
    if (st != MS_OK)
        return st;
    SNDFILE *f = sf_open_fd(a.fd, SFM_WRITE, &info, 0);
    if (!f) {
        ms_atomic_abort(&a);
        return ms_fail(MS_ERR_IO, "%s: %s", path, sf_strerror(NULL));
    }
    /* clip, do not wrap, anything beyond full scale */
    sf_command(f, SFC_SET_CLIPPING, NULL, SF_TRUE);
    set_tags(f, tags);
    if (format == (SF_FORMAT_OGG | SF_FORMAT_VORBIS)) {
        double q = 0.5;
        sf_command(f, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof q);
    }
    st = write_frames(f, p);
    if (sf_close(f) != 0 || st != MS_OK) {
        ms_atomic_abort(&a);
        return ms_fail(MS_ERR_IO, "%s: cannot write the audio", path);
    }
    return ms_atomic_commit(&a);
}
