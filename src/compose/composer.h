/* composer.h — private: the state the composer's stages share while one
 * piece is written: form, harmony, melody, accompaniment. */
#ifndef MS_COMPOSE_COMPOSER_H
#define MS_COMPOSE_COMPOSER_H

#include "base/rng.h"
#include "compose/score.h"
#include "compose/theory.h"

/* The span of one chord: a bar, or half of one at a quick harmonic
 * rhythm. */
typedef struct ms_seg {
    uint32_t tick, length;
    int      bar;
    ms_chord chord;
    int      voicing[4];         /* the accompaniment's keys, sorted */
    int      n_voicing;
} ms_seg;

typedef enum ms_section { MS_SECTION_INTRO, MS_SECTION_BODY,
                          MS_SECTION_LINK, MS_SECTION_ENDING } ms_section;

typedef struct ms_composer {
    const ms_compose_opts *o;
    ms_score   *s;
    ms_rng      rng;
    int         root;            /* tonic pitch class */
    int         tonic;           /* tonic key near middle C */
    int         bpb;             /* beats per bar */
    uint32_t    bar_ticks;
    int         n_bars;
    ms_plan    *plans;           /* one per bar */
    ms_section *sections;        /* one per bar */
    ms_seg     *segs;
    size_t      n_segs;
    int         part[MS_ROLE_COUNT];   /* score part per role, or -1 */
    ms_motif    motif[2];        /* A and its contrasting B */
} ms_composer;

/* Adds a note to the part that plays `role` (nothing when it is silent),
 * with a little human timing unless the genre is electronic. */
ms_status ms_play(ms_composer *c, ms_role role, long tick, long length,
                  int key, int velocity);

/* The melody: motifs that repeat and vary through phrases with cadences
 * (melody.c). */
void      ms_motif_make(ms_composer *c, const ms_plan *p, ms_motif *m);
ms_status ms_write_melody(ms_composer *c);

/* Accompaniment, bass, pad and drums over the chord segments
 * (accompany.c). */
ms_status ms_write_accompaniment(ms_composer *c);

#endif
