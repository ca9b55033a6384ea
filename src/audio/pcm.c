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

/* ---- writing, in one go or as a stream --------------------------------- */

struct ms_writer {
    ms_atomic a;
    SNDFILE  *f;
    int       channels;
    int       failed;
};

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

ms_status ms_writer_open(const char *path, int rate, int channels,
                         const ms_audio_tags *tags, ms_writer **out)
{
    *out = NULL;
    int format = path ? format_for(path) : 0;
    if (!format)
        return ms_fail(MS_ERR_ARG, "%s: unknown audio format (use .wav, "
                       ".flac, .ogg or .opus)", path ? path : "(none)");
    SF_INFO info = {.samplerate = rate, .channels = channels,
                    .format = format};
    if (!sf_format_check(&info))
        return ms_fail(MS_ERR_ARG, "%s: %d Hz, %d channels cannot be "
                       "written in this format", path, rate, channels);
    ms_writer *w = calloc(1, sizeof *w);
    if (!w)
        return ms_fail(MS_ERR_NOMEM, "%s: out of memory", path);
    ms_status st = ms_atomic_begin(&w->a, path);
    if (st != MS_OK) {
        free(w);
        return st;
    }
    if (!(w->f = sf_open_fd(w->a.fd, SFM_WRITE, &info, 0))) {
        ms_atomic_abort(&w->a);
        free(w);
        return ms_fail(MS_ERR_IO, "%s: %s", path, sf_strerror(NULL));
    }
    /* clip, do not wrap, anything beyond full scale */
    sf_command(w->f, SFC_SET_CLIPPING, NULL, SF_TRUE);
    if (format == (SF_FORMAT_OGG | SF_FORMAT_VORBIS)) {
        double q = 0.5;
        sf_command(w->f, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof q);
    }
    set_tags(w->f, tags);
    w->channels = channels;
    *out = w;
    return MS_OK;
}

ms_status ms_writer_write(ms_writer *w, const float *frames, size_t n)
{
    const size_t block = 8192;
    for (size_t at = 0; at < n && !w->failed; at += block) {
        size_t k = n - at < block ? n - at : block;
        if (sf_writef_float(w->f, frames + at * (size_t)w->channels,
                            (sf_count_t)k) != (sf_count_t)k)
            w->failed = 1;
    }
    return w->failed ? ms_fail(MS_ERR_IO, "%s: cannot write the audio",
                               w->a.path)
                     : MS_OK;
}

ms_status ms_writer_commit(ms_writer *w)
{
    int bad = sf_close(w->f) != 0 || w->failed;
    ms_status st = MS_OK;
    if (bad) {
        ms_atomic_abort(&w->a);
        st = ms_fail(MS_ERR_IO, "%s: cannot write the audio", w->a.path);
    } else {
        st = ms_atomic_commit(&w->a);
    }
    free(w);
    return st;
}

void ms_writer_abort(ms_writer *w)
{
    if (!w)
        return;
    sf_close(w->f);
    ms_atomic_abort(&w->a);
    free(w);
}

ms_status ms_pcm_write(const ms_pcm *p, const char *path)
{
    return ms_pcm_write_tagged(p, path, NULL);
}

ms_status ms_pcm_write_tagged(const ms_pcm *p, const char *path,
                              const ms_audio_tags *tags)
{
    ms_writer *w;
    ms_status st = ms_writer_open(path, p->rate, p->channels, tags, &w);
    if (st != MS_OK)
        return st;
    st = ms_writer_write(w, p->samples, p->frames);
    if (st != MS_OK) {
        ms_writer_abort(w);
        return st;
    }
    return ms_writer_commit(w);
}
