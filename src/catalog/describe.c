/* describe.c — structured facts from descriptor words, and the lemma
 * text the full-text index holds. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "moodscape/catalog.h"
#include "base/error.h"

#define TERMS_MAX 256

/* Tempo bands of the descriptors: below 85 slow, to 112 mid-tempo, to
 * 132 upbeat, then fast (the usual bands of tempo tags; Moelants 2002
 * puts the preferred tempo near 120 bpm, in the upbeat band). */
int ms_tempo_class_of_bpm(double bpm)
{
    return bpm < 85 ? MS_TEMPO_SLOW : bpm < 112 ? MS_TEMPO_MID
         : bpm < 132 ? MS_TEMPO_UPBEAT : MS_TEMPO_FAST;
}

const char *ms_tempo_word(double bpm)
{
    static const char *const words[] = {"slow", "mid-tempo", "upbeat", "fast"};
    return words[ms_tempo_class_of_bpm(bpm)];
}

static const struct { const char *word; int vocals; } vocal_words[] = {
    {"instrumental", 0}, {"no vocals", 0}, {"vocals", 1},
    {"female vocals", 1}, {"male vocals", 1}, {"rap", 1}, {"choir", 1},
    {"singing", 1}, {"spoken word", 1},
};

static const struct { const char *word; int tempo; } tempo_words[] = {
    {"slow", MS_TEMPO_SLOW}, {"mid-tempo", MS_TEMPO_MID},
    {"midtempo", MS_TEMPO_MID}, {"upbeat", MS_TEMPO_UPBEAT},
    {"fast", MS_TEMPO_FAST},
};

/* One descriptor, trimmed and lowercased into buf. */
static void read_one(const char *d, size_t len, int *vocals, double *bpm,
                     int *tempo_class)
{
    char buf[64];
    while (len && isspace((unsigned char)*d))
        d++, len--;
    while (len && isspace((unsigned char)d[len - 1]))
        len--;
    if (len == 0 || len >= sizeof buf)
        return;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)tolower((unsigned char)d[i]);
    buf[len] = '\0';
    for (size_t i = 0; i < sizeof vocal_words / sizeof *vocal_words; i++)
        if (strcmp(buf, vocal_words[i].word) == 0)
            *vocals = vocal_words[i].vocals;
    for (size_t i = 0; i < sizeof tempo_words / sizeof *tempo_words; i++)
        if (strcmp(buf, tempo_words[i].word) == 0)
            *tempo_class = tempo_words[i].tempo;
    char *end;
    double x = strtod(buf, &end);
    if (end != buf && strcmp(end, " bpm") == 0 && x >= 20 && x <= 400)
        *bpm = x;
}

void ms_descriptors_read(const char *descriptors, int *vocals, double *bpm,
                         int *tempo_class)
{
    *vocals = -1;
    *bpm = 0;
    *tempo_class = -1;
    for (const char *d = descriptors; d && *d;) {
        size_t len = strcspn(d, ",");
        read_one(d, len, vocals, bpm, tempo_class);
        d += len + (d[len] == ',');
    }
    if (*tempo_class < 0 && *bpm > 0)
        *tempo_class = ms_tempo_class_of_bpm(*bpm);
}

ms_status ms_search_text(const ms_reader *r, const char *text, char *buf,
                         size_t n)
{
    ms_term terms[TERMS_MAX];
    size_t count, used = 0;
    buf[0] = '\0';
    if (!text || !*text)
        return MS_OK;
    ms_status st = ms_reader_terms(r, text, strlen(text), terms, TERMS_MAX,
                                   &count);
    if (st != MS_OK)
        return strspn(text, " \t,") == strlen(text) ? MS_OK : st;
    for (size_t i = 0; i < count && i < TERMS_MAX; i++) {
        size_t len = strlen(terms[i].lemma);
        if (used + len + 2 > n)
            break;
        if (used)
            buf[used++] = ' ';
        memcpy(buf + used, terms[i].lemma, len + 1);
        used += len;
    }
    return MS_OK;
}

/* ---- what an analysis heard -------------------------------------------- */

static const char *const note_names[12] = {"c", "c#", "d", "eb", "e", "f",
                                           "f#", "g", "ab", "a", "bb", "b"};

static void add_word(char *buf, size_t n, size_t *used, const char *w)
{
    size_t len = strlen(w), sep = *used ? 2 : 0;
    if (*used + sep + len + 1 > n)
        return;
    if (sep)
        memcpy(buf + *used, ", ", 2);
    memcpy(buf + *used + sep, w, len + 1);
    *used += sep + len;
}

/* Thresholds are the middle of what the composer's renders and the test
 * signals span: a piece below half harmonic energy is mostly drums, a
 * centroid under 1.2 kHz sounds dark, over 3 kHz bright. */
static void texture_words(const ms_features *f, char *buf, size_t n,
                          size_t *used)
{
    if (f->harmonic_ratio > 0 && f->harmonic_ratio < 0.6)
        add_word(buf, n, used, "percussive");
    else if (f->harmonic_ratio >= 0.92)
        add_word(buf, n, used, "sustained");
    if (f->onset_rate > 0 && f->onset_rate < 1.0)
        add_word(buf, n, used, "sparse");
    else if (f->onset_rate > 4.5)
        add_word(buf, n, used, "busy");
    if (f->centroid_hz > 0 && f->centroid_hz < 1200)
        add_word(buf, n, used, "dark");
    else if (f->centroid_hz > 3000)
        add_word(buf, n, used, "bright");
    if (f->beat_strength > 0.45)
        add_word(buf, n, used, "strong beat");
    if (f->loudness_range_lu > 12)
        add_word(buf, n, used, "dynamic");
    if (f->loudness_lufs > -11)
        add_word(buf, n, used, "loud");
    else if (f->loudness_lufs < -26)
        add_word(buf, n, used, "quiet");
}

void ms_describe_audio(const ms_features *f, const ms_emotion *e,
                       const ms_moods *moods, char *buf, size_t n)
{
    char w[48];
    size_t used = 0;
    if (n)
        buf[0] = '\0';
    if (f->tempo_bpm > 0) {
        add_word(buf, n, &used, ms_tempo_word(f->tempo_bpm));
        snprintf(w, sizeof w, "%.0f bpm", f->tempo_bpm);
        add_word(buf, n, &used, w);
    } else {
        add_word(buf, n, &used, "no steady beat");
    }
    snprintf(w, sizeof w, "%s %s", note_names[((f->key % 12) + 12) % 12],
             f->major ? "major" : "minor");
    add_word(buf, n, &used, w);
    if (e->arousal > 0.45)
        add_word(buf, n, &used, "energetic");
    else if (e->arousal < -0.45)
        add_word(buf, n, &used, "calm");
    texture_words(f, buf, n, &used);
    add_word(buf, n, &used, ms_moods_get(moods, e->mood)->id);
    for (size_t j = 0; j < 2 && ms_moods_alias(moods, e->mood, j); j++)
        add_word(buf, n, &used, ms_moods_alias(moods, e->mood, j));
}
