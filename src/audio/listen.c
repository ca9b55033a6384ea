/* listen.c — the emotion of a piece of music from its features: a ridge
 * regression for valence and one for arousal over normalised inputs,
 * small enough to read in a text file and explain input by input. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/tsv.h"
#include "moodscape/data.h"
#include "moodscape/listen.h"

struct ms_listener {
    ms_moods *moods;
    double    mean[MS_LISTEN_INPUTS], spread[MS_LISTEN_INPUTS];
    double    w_valence[MS_LISTEN_INPUTS], w_arousal[MS_LISTEN_INPUTS];
    double    b_valence, b_arousal;
};

static const char *const input_names[MS_LISTEN_INPUTS] = {
    "tempo", "onset_rate", "loudness", "loudness_range", "rms_std",
    "log_centroid", "log_bandwidth", "log_rolloff", "log_flatness", "flux",
    "harmonic_ratio", "roughness", "mode", "key_clarity",
    "chroma_0", "chroma_1", "chroma_2", "chroma_3", "chroma_4", "chroma_5",
    "chroma_6", "chroma_7", "chroma_8", "chroma_9", "chroma_10", "chroma_11",
    "mfcc_0", "mfcc_1", "mfcc_2", "mfcc_3", "mfcc_4", "mfcc_5", "mfcc_6",
    "mfcc_7", "mfcc_8", "mfcc_9", "mfcc_10", "mfcc_11", "mfcc_12",
    "mode_margin",
};

const char *ms_listen_input_name(size_t i)
{
    return i < MS_LISTEN_INPUTS ? input_names[i] : "?";
}

/* The inputs, each on a scale where equal steps sound alike: log
 * frequencies, chroma turned so its first value is the tonic (so "which
 * degrees sound" does not depend on the key), mode as major +1 / minor -1
 * weighted by how clear the key is, and graded by how much better major
 * fits than minor. (The mean RMS level is left out: after mastering it
 * says the same as loudness.) A piece without a beat counts as a
 * moderate 100 bpm rather than as 0. */
void ms_listen_inputs(const ms_features *f, double x[MS_LISTEN_INPUTS])
{
    x[0] = f->tempo_bpm > 0 ? f->tempo_bpm : 100;
    x[1] = f->onset_rate;
    x[2] = f->loudness_lufs;
    x[3] = f->loudness_range_lu;
    x[4] = f->rms_std_db;
    x[5] = log2(f->centroid_hz + 20);
    x[6] = log2(f->bandwidth_hz + 20);
    x[7] = log2(f->rolloff_hz + 20);
    x[8] = log10(f->flatness + 1e-6);
    x[9] = f->flux;
    x[10] = f->harmonic_ratio;
    x[11] = f->roughness;
    x[12] = (f->major ? 1 : -1) * f->key_clarity;
    x[13] = f->key_clarity;
    for (int i = 0; i < 12; i++)
        x[14 + i] = f->chroma[(f->key + i) % 12];
    for (int i = 0; i < MS_MFCCS; i++)
        x[26 + i] = f->mfcc[i];
    x[39] = f->mode_margin;
}

/* ---- the model file ----------------------------------------------------- */

static ms_status parse_row(ms_listener *l, char **f, size_t n,
                           const char *path, int line)
{
    double v[4];
    if (strcmp(f[0], "bias") == 0 && n >= 3) {
        if (ms_parse_double(f[1], &l->b_valence)
            || ms_parse_double(f[2], &l->b_arousal))
            return ms_fail(MS_ERR_FORMAT, "%s:%d: bad bias", path, line);
        return MS_OK;
    }
    size_t i = 0;
    while (i < MS_LISTEN_INPUTS && strcmp(input_names[i], f[0]) != 0)
        i++;
    if (i == MS_LISTEN_INPUTS || n < 5)
        return ms_fail(MS_ERR_FORMAT, "%s:%d: unknown input '%s'", path,
                       line, f[0]);
    for (int k = 0; k < 4; k++)
        if (ms_parse_double(f[k + 1], &v[k]))
            return ms_fail(MS_ERR_FORMAT, "%s:%d: '%s' is not a number",
                           path, line, f[k + 1]);
    if (v[1] <= 0)
        return ms_fail(MS_ERR_FORMAT, "%s:%d: spread must be positive",
                       path, line);
    l->mean[i] = v[0];
    l->spread[i] = v[1];
    l->w_valence[i] = v[2];
    l->w_arousal[i] = v[3];
    return MS_OK;
}

static ms_status read_model(ms_listener *l, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ms_fail(MS_ERR_NOTFOUND, "%s: cannot open (build it with "
                       "'make models')", path);
    char line[1024], *fields[8];
    int lineno = 0;
    ms_status st = MS_OK;
    for (int i = 0; i < MS_LISTEN_INPUTS; i++)
        l->spread[i] = 0;
    while (st == MS_OK && fgets(line, sizeof line, fp)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        size_t n = ms_tsv_split(line, fields, 8);
        if (n < 1 || strcmp(fields[0], "input") == 0)
            continue;
        st = parse_row(l, fields, n, path, lineno);
    }
    fclose(fp);
    for (int i = 0; st == MS_OK && i < MS_LISTEN_INPUTS; i++)
        if (l->spread[i] <= 0)
            st = ms_fail(MS_ERR_FORMAT, "%s: input '%s' is missing", path,
                         input_names[i]);
    return st;
}

ms_status ms_listener_open(const char *data_dir, ms_listener **out)
{
    char path[4096];
    if (!data_dir || !out)
        return ms_fail(MS_ERR_ARG, "no data directory");
    *out = NULL;
    ms_listener *l = calloc(1, sizeof *l);
    if (!l)
        return ms_fail(MS_ERR_NOMEM, "out of memory for the listener");
    ms_status st = ms_data_path(data_dir, "moods.tsv", path, sizeof path);
    if (st == MS_OK)
        st = ms_moods_open(path, &l->moods);
    if (st == MS_OK)
        st = ms_data_path(data_dir, "audio.model", path, sizeof path);
    if (st == MS_OK)
        st = read_model(l, path);
    if (st != MS_OK) {
        ms_listener_close(l);
        return st;
    }
    *out = l;
    return MS_OK;
}

void ms_listener_close(ms_listener *l)
{
    if (!l)
        return;
    ms_moods_close(l->moods);
    free(l);
}

const ms_moods *ms_listener_moods(const ms_listener *l)
{
    return l->moods;
}

static double clamp1(double x)
{
    return x < -1 ? -1 : x > 1 ? 1 : x;
}

void ms_listener_hear(const ms_listener *l, const ms_features *f,
                      ms_emotion *out)
{
    double x[MS_LISTEN_INPUTS], v = l->b_valence, a = l->b_arousal;
    ms_listen_inputs(f, x);
    for (int i = 0; i < MS_LISTEN_INPUTS; i++) {
        double z = (x[i] - l->mean[i]) / l->spread[i];
        if (!isfinite(z))
            z = 0;
        v += l->w_valence[i] * z;
        a += l->w_arousal[i] * z;
    }
    ms_moods_emotion_at(l->moods, clamp1(v), clamp1(a), out);
}
