/* json.c — the JSON of an analysis's features, shared by `moodscape
 * analyze` and the catalogue, which keeps it per file. */
#include "moodscape/json.h"

static json_t *array_json(const double *x, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_real(x[i]));
    return a;
}

json_t *ms_features_json(const ms_features *f)
{
    json_t *o = json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, "
                          "s:f, s:f, s:f, s:f, s:f, s:f}",
                          "loudness_range_lu", f->loudness_range_lu,
                          "true_peak_dbtp", f->true_peak_dbtp,
                          "rms_mean_db", f->rms_mean_db,
                          "rms_std_db", f->rms_std_db,
                          "centroid_hz", f->centroid_hz,
                          "bandwidth_hz", f->bandwidth_hz,
                          "rolloff_hz", f->rolloff_hz,
                          "flatness", f->flatness, "flux", f->flux,
                          "harmonic_ratio", f->harmonic_ratio,
                          "roughness", f->roughness,
                          "onset_rate", f->onset_rate,
                          "beat_strength", f->beat_strength,
                          "key_clarity", f->key_clarity,
                          "mode_margin", f->mode_margin);
    json_object_set_new(o, "chroma", array_json(f->chroma, 12));
    json_object_set_new(o, "mfcc", array_json(f->mfcc, MS_MFCCS));
    json_object_set_new(o, "mel_db", array_json(f->mel_db, MS_MEL_BANDS));
    return o;
}

