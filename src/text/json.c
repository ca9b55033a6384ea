/* json.c — readings as the JSON objects of the command-line contract. */
#include <math.h>

#include "moodscape/json.h"

/* Rounds to 3 decimals so printed numbers stay short and stable. */
static json_t *num(double x)
{
    return json_real(round(x * 1000.0) / 1000.0 + 0.0);
}

static int set(json_t *obj, const char *key, json_t *value)
{
    return json_object_set_new(obj, key, value);
}

static json_t *probs_json(const ms_moods *moods, const ms_emotion *e)
{
    json_t *probs = json_object();
    for (size_t i = 0; probs && i < ms_moods_count(moods); i++)
        set(probs, ms_moods_get(moods, i)->id, num(e->probs[i]));
    return probs;
}

json_t *ms_emotion_json(const ms_moods *moods, const ms_emotion *e)
{
    char hex[8];
    unsigned char rgb[3];
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    ms_moods_colour(moods, e->valence, e->arousal, rgb, hex);
    set(obj, "mood", json_string(ms_moods_get(moods, e->mood)->id));
    set(obj, "confidence", num(e->confidence));
    set(obj, "valence", num(e->valence));
    set(obj, "arousal", num(e->arousal));
    set(obj, "colour", json_string(hex));
    set(obj, "moods", probs_json(moods, e));
    return obj;
}

static json_t *evidence_json(const ms_reading *r)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < r->n_evidence; i++) {
        const ms_evidence *ev = &r->evidence[i];
        json_t *item = json_object();
        if (!item)
            break;
        set(item, "word", json_string(ev->word));
        set(item, "weight", num(ev->weight));
        if (ev->in_lexicon) {
            set(item, "valence", num(ev->valence));
            set(item, "arousal", num(ev->arousal));
        }
        if (ev->negated)
            set(item, "negated", json_true());
        json_array_append_new(list, item);
    }
    return list;
}

json_t *ms_reading_json(const ms_moods *moods, const char *text,
                        const ms_reading *r)
{
    json_t *obj = json_object();
    json_t *emotion = ms_emotion_json(moods, &r->emotion);
    if (!obj || !emotion) {
        json_decref(obj);
        json_decref(emotion);
        return NULL;
    }
    set(obj, "text", json_stringn(text, r->length));
    json_object_update(obj, emotion);
    json_decref(emotion);
    set(obj, "uncertain", json_boolean(r->uncertain));
    set(obj, "evidence", evidence_json(r));
    if (r->has_desired)
        set(obj, "desired", ms_emotion_json(moods, &r->desired));
    if (r->truncated)
        set(obj, "truncated", json_true());
    return obj;
}
