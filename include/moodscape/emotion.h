/* moodscape/emotion.h — the emotion space: Russell's valence/arousal
 * circumplex and the table of named moods that sit in it (data/moods.tsv). */
#ifndef MOODSCAPE_EMOTION_H
#define MOODSCAPE_EMOTION_H

#include <stddef.h>

#include "moodscape/status.h"

/* Upper bound on moods in a table; the shipped table has 12. */
#define MS_MOODS_MAX 16

/* One named mood: its point in the circumplex and its lighting colour. */
typedef struct ms_mood {
    char          id[24];        /* "sad" */
    double        valence;       /* -1 unpleasant .. +1 pleasant */
    double        arousal;       /* -1 calm .. +1 energetic */
    char          colour[8];     /* "#2F5DA8" */
    unsigned char rgb[3];
} ms_mood;

/* An emotion as every stage reports it: a point plus how likely each mood
 * of the table is. `mood` indexes the table; `confidence` is probs[mood]. */
typedef struct ms_emotion {
    double valence, arousal;
    double probs[MS_MOODS_MAX];
    size_t mood;
    double confidence;
} ms_emotion;

typedef struct ms_moods ms_moods;            /* opaque, immutable once open */

/* Reads a mood table: a header row, then `id valence arousal colour
 * also_called` tab-separated, also_called a comma-separated synonym list.
 * On success *out owns the table; free it with ms_moods_close(). */
ms_status ms_moods_open(const char *path, ms_moods **out);
void      ms_moods_close(ms_moods *moods);   /* NULL is fine */

size_t         ms_moods_count(const ms_moods *moods);
/* The i-th mood, in table order; NULL when i is out of range. The pointer
 * lives as long as the table. */
const ms_mood *ms_moods_get(const ms_moods *moods, size_t i);

/* The j-th other name of mood i ("melancholic" for sad), in the order
 * of the table; NULL past the last. Lives as long as the table. */
const char *ms_moods_alias(const ms_moods *moods, size_t i, size_t j);

/* Index of the mood whose id or synonym is `name` (case and surrounding
 * space ignored), or -1 when none is. */
int ms_moods_find(const ms_moods *moods, const char *name);

/* Euclidean distance between two points of the circumplex. */
double ms_va_distance(double v1, double a1, double v2, double a2);

/* Writes the indices of the k moods nearest to (v, a), nearest first, into
 * idx and returns how many were written (min(k, count)). */
size_t ms_moods_nearest(const ms_moods *moods, double v, double a,
                        size_t *idx, size_t k);

/* Fills e from a point alone: probs from a Gaussian kernel on the distance
 * to each mood (moods near the point are likely, far ones are not), mood
 * and confidence from the most likely. (v, a) is clamped to [-1, 1]. */
void ms_moods_emotion_at(const ms_moods *moods, double v, double a,
                         ms_emotion *e);

/* The lighting colour of a point: the colours of the nearby moods blended
 * in linear light, weighted by closeness, so the light glides smoothly as
 * the point moves. Writes "#RRGGBB" into hex (8 bytes) when hex != NULL. */
void ms_moods_colour(const ms_moods *moods, double v, double a,
                     unsigned char rgb[3], char hex[8]);

/* Parses "v,a" (two numbers in [-1, 1], spaces allowed) into *v, *a.
 * MS_ERR_FORMAT when it is not two numbers, MS_ERR_RANGE when outside. */
ms_status ms_parse_va(const char *s, double *v, double *a);

/* Parses a point given as "v,a" or as a mood id or synonym. *mood gets the
 * table index when a mood was named, else the nearest mood. */
ms_status ms_moods_parse_point(const ms_moods *moods, const char *s,
                               double *v, double *a, size_t *mood);

#endif
