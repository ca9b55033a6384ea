/* decode.c — audio files as a stream of mono samples at a chosen rate:
 * libsndfile decodes, the channels are averaged, soxr resamples. */
#include <errno.h>
#include <sndfile.h>
#include <soxr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio/decode.h"
#include "base/error.h"

#define CHUNK 4096               /* source frames decoded at a time */

struct ms_decoder {
    SNDFILE  *file;              /* NULL when reading a buffer */
    const ms_pcm *pcm;           /* the buffer, or NULL */
    size_t    pcm_at;            /* frames of it handed on */
    SF_INFO   info;
    soxr_t    soxr;              /* NULL when no resampling is needed */
    int       rate;
    float    *raw;               /* CHUNK interleaved source frames */
    float    *mono;              /* CHUNK mono frames */
    size_t    mono_len, mono_at; /* decoded, not yet handed on */
    int       eof, flushed;
    ms_decoder_tap tap;
    void     *tap_ctx;
    char      path[4096];
};

static ms_status open_file(ms_decoder *d, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return ms_fail(errno == ENOENT ? MS_ERR_NOTFOUND : MS_ERR_IO,
                       "%s: %s", path, strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return ms_fail(MS_ERR_FORMAT, "%s: is a directory", path);
    if (sb.st_size == 0)
        return ms_fail(MS_ERR_FORMAT, "%s: empty file", path);
    d->file = sf_open(path, SFM_READ, &d->info);
    if (!d->file)
        return ms_fail(MS_ERR_FORMAT, "%s: not audio that can be read (%s)",
                       path, sf_strerror(NULL));
    if (d->info.channels < 1 || d->info.samplerate < 1)
        return ms_fail(MS_ERR_FORMAT, "%s: no channels or no sample rate",
                       path);
    return MS_OK;
}

static ms_status open_resampler(ms_decoder *d)
{
    if (d->info.samplerate == d->rate)
        return MS_OK;
    soxr_error_t err;
    soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    d->soxr = soxr_create(d->info.samplerate, d->rate, 1, &err, &io, &q, NULL);
    if (!d->soxr)
        return ms_fail(MS_ERR_NOMEM, "resampler: %s", err ? err : "failed");
    return MS_OK;
}

/* Opens the decoder on a file (path) or a buffer (pcm). */
static ms_status decoder_open(const char *path, const ms_pcm *pcm, int rate,
                              ms_decoder **out)
{
    if (!out || rate < 1000 || rate > 384000)
        return ms_fail(MS_ERR_ARG, "bad decoder arguments");
    *out = NULL;
    ms_decoder *d = calloc(1, sizeof *d);
    if (!d)
        return ms_fail(MS_ERR_NOMEM, "out of memory for a decoder");
    d->rate = rate;
    snprintf(d->path, sizeof d->path, "%s", path ? path : "audio");
    ms_status st = MS_OK;
    if (path) {
        st = open_file(d, path);
    } else {
        d->pcm = pcm;
        d->info.samplerate = pcm->rate;
        d->info.channels = pcm->channels;
        d->info.frames = (sf_count_t)pcm->frames;
        if (pcm->channels < 1 || pcm->rate < 1)
            st = ms_fail(MS_ERR_ARG, "audio without channels or rate");
    }
    if (st == MS_OK)
        st = open_resampler(d);
    if (st == MS_OK) {
        d->raw = malloc((size_t)CHUNK * (size_t)d->info.channels * sizeof(float));
        d->mono = malloc(CHUNK * sizeof(float));
        if (!d->raw || !d->mono)
            st = ms_fail(MS_ERR_NOMEM, "out of memory for decoding");
    }
    if (st != MS_OK) {
        ms_decoder_close(d);
        return st;
    }
    *out = d;
    return MS_OK;
}

ms_status ms_decoder_open(const char *path, int rate, ms_decoder **out)
{
    if (!path)
        return ms_fail(MS_ERR_ARG, "no file named");
    return decoder_open(path, NULL, rate, out);
}

ms_status ms_decoder_open_pcm(const ms_pcm *pcm, int rate, ms_decoder **out)
{
    if (!pcm)
        return ms_fail(MS_ERR_ARG, "no audio");
    return decoder_open(NULL, pcm, rate, out);
}

void ms_decoder_close(ms_decoder *d)
{
    if (!d)
        return;
    if (d->file)
        sf_close(d->file);
    if (d->soxr)
        soxr_delete(d->soxr);
    free(d->raw);
    free(d->mono);
    free(d);
}

void ms_decoder_set_tap(ms_decoder *d, ms_decoder_tap tap, void *ctx)
{
    d->tap = tap;
    d->tap_ctx = ctx;
}

/* The next chunk of source frames, from the file or the buffer. */
static sf_count_t next_frames(ms_decoder *d)
{
    if (d->file)
        return sf_readf_float(d->file, d->raw, CHUNK);
    size_t left = d->pcm->frames - d->pcm_at, n = left < CHUNK ? left : CHUNK;
    memcpy(d->raw, d->pcm->samples + d->pcm_at * (size_t)d->pcm->channels,
           n * (size_t)d->pcm->channels * sizeof(float));
    d->pcm_at += n;
    return (sf_count_t)n;
}

/* Decodes the next chunk of source frames and averages their channels
 * into d->mono. */
static ms_status decode_chunk(ms_decoder *d)
{
    sf_count_t got = next_frames(d);
    if (got < 0 || (d->file && got < CHUNK
                    && sf_error(d->file) != SF_ERR_NO_ERROR))
        return ms_fail(MS_ERR_FORMAT, "%s: damaged audio (%s)", d->path,
                       sf_strerror(d->file));
    if (got < CHUNK)
        d->eof = 1;
    int ch = d->info.channels;
    if (d->tap && got > 0)
        d->tap(d->tap_ctx, d->raw, (size_t)got, ch);
    for (sf_count_t i = 0; i < got; i++) {
        float sum = 0;
        for (int c = 0; c < ch; c++)
            sum += d->raw[i * ch + c];
        d->mono[i] = sum / (float)ch;
    }
    d->mono_len = (size_t)got;
    d->mono_at = 0;
    return MS_OK;
}

ms_status ms_decoder_read(ms_decoder *d, float *buf, size_t n, size_t *got)
{
    *got = 0;
    while (*got < n) {
        if (d->mono_at == d->mono_len && !d->eof) {
            ms_status st = decode_chunk(d);
            if (st != MS_OK)
                return st;
        }
        size_t avail = d->mono_len - d->mono_at;
        if (!d->soxr) {                      /* no resampling */
            size_t take = avail < n - *got ? avail : n - *got;
            memcpy(buf + *got, d->mono + d->mono_at, take * sizeof *buf);
            d->mono_at += take;
            *got += take;
            if (!take && d->eof)
                break;
            continue;
        }
        if (!avail && d->eof && d->flushed)
            break;
        size_t used = 0, made = 0;
        const float *in = avail ? d->mono + d->mono_at : NULL;
        soxr_error_t err = soxr_process(d->soxr, in, avail, &used,
                                        buf + *got, n - *got, &made);
        if (err)
            return ms_fail(MS_ERR_FORMAT, "%s: resampling: %s", d->path, err);
        d->mono_at += used;
        *got += made;
        if (!avail && d->eof && made == 0)
            d->flushed = 1;                  /* soxr has given its tail */
    }
    return MS_OK;
}

int ms_decoder_source_rate(const ms_decoder *d)
{
    return d->info.samplerate;
}

int ms_decoder_source_channels(const ms_decoder *d)
{
    return d->info.channels;
}

double ms_decoder_seconds(const ms_decoder *d)
{
    return d->info.frames > 0 ? (double)d->info.frames / d->info.samplerate
                              : 0;
}
