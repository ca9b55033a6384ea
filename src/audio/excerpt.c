/* excerpt.c — a stretch of an audio file as stereo at a given rate, for
 * mixing: libsndfile reads it, soxr resamples it. (The streaming decoder
 * in decode.c mixes down to mono for analysis; a mix needs both sides.) */
#include <sndfile.h>
#include <soxr.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "moodscape/audio.h"

/* Frames of the file as stereo: mono doubled, more channels mixed into
 * two by taking the first two. */
static float *read_stereo(SNDFILE *f, const SF_INFO *info, sf_count_t n)
{
    int ch = info->channels;
    float *raw = malloc((size_t)n * (size_t)ch * sizeof *raw);
    float *st = malloc((size_t)n * 2 * sizeof *st);
    sf_count_t got = raw && st ? sf_readf_float(f, raw, n) : 0;
    if (!raw || !st || got != n) {
        free(raw);
        free(st);
        return NULL;
    }
    for (sf_count_t i = 0; i < n; i++) {
        st[i * 2] = raw[i * ch];
        st[i * 2 + 1] = raw[i * ch + (ch > 1 ? 1 : 0)];
    }
    free(raw);
    return st;
}

ms_status ms_pcm_read_excerpt(const char *path, int rate, double start_s,
                              double seconds, ms_pcm *out)
{
    SF_INFO info = {0};
    memset(out, 0, sizeof *out);
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    if (!f)
        return ms_fail(MS_ERR_FORMAT, "%s: not audio that can be read (%s)",
                       path, sf_strerror(NULL));
    sf_count_t want = (sf_count_t)(seconds * info.samplerate);
    sf_count_t at = (sf_count_t)(start_s * info.samplerate);
    if (at + want > info.frames)         /* a short file: its end */
        at = info.frames > want ? info.frames - want : 0;
    if (want > info.frames - at)
        want = info.frames - at;
    float *src = want > 0 && sf_seek(f, at, SEEK_SET) == at
               ? read_stereo(f, &info, want) : NULL;
    sf_close(f);
    if (!src)
        return ms_fail(MS_ERR_FORMAT, "%s: cannot read %.1f s from %.1f s",
                       path, seconds, start_s);
    size_t frames = (size_t)((double)want * rate / info.samplerate);
    ms_status st = ms_pcm_alloc(out, frames, 2, rate);
    if (st == MS_OK && info.samplerate == rate) {
        memcpy(out->samples, src, frames * 2 * sizeof *src);
    } else if (st == MS_OK) {
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        size_t done = 0;
        if (soxr_oneshot(info.samplerate, rate, 2, src, (size_t)want, NULL,
                         out->samples, frames, &done, &io, &q, NULL))
            st = ms_fail(MS_ERR_FORMAT, "%s: cannot resample", path);
        out->frames = done;
    }
    free(src);
    if (st != MS_OK)
        ms_pcm_free(out);
    return st;
}
