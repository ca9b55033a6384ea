/* moodscape/json.h — the JSON shapes of the command-line contract, shared
 * by the CLI and the HTTP API so both answer the same (jansson values). */
#ifndef MOODSCAPE_JSON_H
#define MOODSCAPE_JSON_H

#include <jansson.h>

#include "moodscape/emotion.h"
#include "moodscape/text.h"
#include "moodscape/catalog.h"
#include "moodscape/features.h"

/* {"mood":..,"confidence":..,"valence":..,"arousal":..,"colour":..,
 *  "moods":{id: p, ..}} for an emotion. New reference; NULL when out of
 * memory. */
json_t *ms_emotion_json(const ms_moods *moods, const ms_emotion *e);

/* The `moodscape mood` object: {"text":..} plus ms_emotion_json() fields,
 * "uncertain", "evidence":[..], and "desired":{..} when a wish was stated.
 * The part of text that was read (r->length bytes) is echoed. New
 * reference, or NULL when out of memory. */
json_t *ms_reading_json(const ms_moods *moods, const char *text,
                        const ms_reading *r);

/* The `moodscape recommend` object: {"query":.., "emotion":{..} (the
 * reading of the request, as ms_reading_json() minus the text),
 * "ranked_for":"current"|"desired", "results":[{"id", "title", "artist",
 * "score", "why", "valence", "arousal", "mood"}, ..]}. New reference, or
 * NULL when out of memory. */
json_t *ms_hits_json(const ms_moods *moods, const char *query,
                     const ms_hits *hits);

/* The `features` object of `moodscape analyze`: loudness range, true
 * peak, levels, spectral shape, harmonic ratio, roughness, rhythm, key
 * clarity, and the chroma, MFCC and mel arrays. New reference, or NULL
 * when out of memory. */
json_t *ms_features_json(const ms_features *f);

/* Flags for json_dumps that print reals with 4 significant digits. */
#define MS_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(4))

#endif
