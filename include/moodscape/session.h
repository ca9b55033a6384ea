/* moodscape/session.h — iso-principle sessions: music that meets the
 * listener where they are and walks them, segment by segment, to where
 * they want to be. */
#ifndef MOODSCAPE_SESSION_H
#define MOODSCAPE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "moodscape/status.h"
#include "moodscape/emotion.h"
#include "moodscape/listen.h"

/* How the path crosses the circumplex between its two holds. */
typedef enum ms_path_shape {
    MS_PATH_DYNAMIC,             /* eased; arousal leads, valence follows */
    MS_PATH_DIRECT,              /* eased, along the straight line */
    MS_PATH_AROUSAL_FIRST,       /* arousal all the way, then valence */
    MS_PATH_VALENCE_FIRST        /* valence all the way, then arousal */
} ms_path_shape;

ms_status   ms_path_shape_parse(const char *name, ms_path_shape *out);
const char *ms_path_shape_name(ms_path_shape s);

/* One segment of a session: where it starts and ends in the circumplex,
 * its nearest mood, and what the music was (filled by rendering). */
typedef struct ms_segment {
    double start_s, seconds;
    double valence0, arousal0, valence1, arousal1;
    size_t mood;                 /* nearest to the segment's middle */
    double tempo_bpm;
    int    key, major;
    char   genre[24];
    char   instruments[96];
    char   track[40];            /* the catalogue track played, or "" */
    int    measured;             /* 1: the two below were heard */
    double heard_valence, heard_arousal;  /* of the output, this stretch */
} ms_segment;

typedef struct ms_session_plan {
    double      from_valence, from_arousal, to_valence, to_arousal;
    ms_path_shape shape;
    double      seconds, segment_seconds;
    ms_segment *segments;        /* owned; free with ms_session_plan_free() */
    size_t      count;
} ms_session_plan;

#define MS_SESSION_MINUTES_MAX 240

/* Plans a session of `minutes` (more than 0, at most
 * MS_SESSION_MINUTES_MAX) in segments of segment_seconds (10..120) from
 * one point to another. The path holds near the start for the first
 * fifth, moves, and holds near the goal for the last fifth. MS_ERR_RANGE
 * for a length out of range or points outside [-1, 1]; MS_ERR_ARG when
 * the goal is the start (closer than 0.05). */
ms_status ms_session_plan_make(const ms_moods *moods, double from_v,
                               double from_a, double to_v, double to_a,
                               double minutes, double segment_seconds,
                               ms_path_shape shape, ms_session_plan *out);
void      ms_session_plan_free(ms_session_plan *p);

/* The point of the path at time t seconds. */
void ms_session_point(const ms_session_plan *p, double t, double *valence,
                      double *arousal);

typedef struct ms_session_opts {
    const char *soundfont;       /* NULL: the default one */
    double      target_lufs;     /* each clip's loudness */
    double      variety;         /* 0..1: how often genre and instruments
                                    change between segments */
    uint64_t    seed;
    /* when set, segments are played from this catalogue's audio files
     * instead of composed */
    struct ms_catalog *catalog;
    /* when set, each segment of the output is analysed as it is written
     * and its emotion stored in the plan (see ms_session_consistency) */
    const ms_listener *listener;
    /* called after each segment; may be NULL */
    void      (*progress)(void *ctx, size_t done, size_t total);
    void       *ctx;
} ms_session_opts;

/* -18 LUFS: quieter than streaming's -14, for listening at rest. */
#define MS_SESSION_LUFS (-18.0)

void ms_session_opts_default(ms_session_opts *o);

/* Composes every segment, each continuing the one before (key, tempo,
 * motif) and gliding across its own stretch of the path, and mixes them
 * as they come: equal-power crossfades over a quarter of a segment, each
 * clip trimmed, spectrally gated if it carries a noise floor and
 * loudness-normalised, a high-pass below 30 Hz, and a limiter that
 * keeps the true peak under -1 dBTP. Writes out_path (.wav, .flac, .ogg)
 * whole or not at all, and fills each segment's music facts. */
ms_status ms_session_render(ms_session_plan *p, const ms_moods *moods,
                            const ms_session_opts *o, const char *out_path);

/* How well the output follows the plan: the mean distance in the
 * circumplex between each segment's planned middle and what was heard,
 * and Spearman's rank correlation of heard against planned valence and
 * arousal over the segments. MS_ERR_ARG when fewer than two segments
 * were heard. */
typedef struct ms_consistency {
    double mean_distance;
    double valence_rho, arousal_rho;
} ms_consistency;

ms_status ms_session_consistency(const ms_session_plan *p,
                                 ms_consistency *out);

#endif
