/* json.c — the JSON of a recommendation, shared by the CLI and the
 * HTTP API. */
#include "moodscape/json.h"

static json_t *hit_json(const ms_moods *moods, const ms_hit *h)
{
    size_t m = 0;
    ms_moods_nearest(moods, h->valence, h->arousal, &m, 1);
    json_t *o = json_pack("{s:s, s:f, s:s, s:f, s:f, s:s}", "id", h->id,
                          "score", h->score, "why", h->why ? h->why : "",
                          "valence", h->valence, "arousal", h->arousal,
                          "mood", ms_moods_get(moods, m)->id);
    if (o && h->title)
        json_object_set_new(o, "title", json_string(h->title));
    if (o && h->artist)
        json_object_set_new(o, "artist", json_string(h->artist));
    if (o && h->path)
        json_object_set_new(o, "path", json_string(h->path));
    return o;
}

json_t *ms_hits_json(const ms_moods *moods, const char *query,
                     const ms_hits *hits)
{
    json_t *reading = ms_reading_json(moods, query, &hits->query);
    json_t *results = json_array();
    if (!reading || !results) {
        json_decref(reading);
        json_decref(results);
        return NULL;
    }
    json_object_del(reading, "text");
    for (size_t i = 0; i < hits->count; i++)
        json_array_append_new(results, hit_json(moods, &hits->items[i]));
    return json_pack("{s:s, s:o, s:s, s:o}", "query", query, "emotion",
                     reading, "ranked_for",
                     hits->for_desired ? "desired" : "current", "results",
                     results);
}
