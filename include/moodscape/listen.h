/* moodscape/listen.h — how a piece of music feels, from its features:
 * valence and arousal by ridge regression over normalised features,
 * learned from the composer's renders (see `moodscape train audio`). */
#ifndef MOODSCAPE_LISTEN_H
#define MOODSCAPE_LISTEN_H

#include <stddef.h>
#include <stdint.h>

#include "moodscape/status.h"
#include "moodscape/emotion.h"
#include "moodscape/features.h"

#define MS_LISTEN_INPUTS 40      /* model inputs made from ms_features */

typedef struct ms_listener ms_listener;          /* opaque, read-only */

/* The model's inputs for one piece, and their names ("tempo", ...). */
void        ms_listen_inputs(const ms_features *f, double x[MS_LISTEN_INPUTS]);
const char *ms_listen_input_name(size_t i);

/* Loads audio.model (a small text file: per input its name, mean,
 * spread and the weights for valence and arousal) and the mood table
 * from a data directory. *out owns them; close with ms_listener_close().
 * Any number of threads may use one listener at once. */
ms_status ms_listener_open(const char *data_dir, ms_listener **out);
void      ms_listener_close(ms_listener *l);     /* NULL is fine */
const ms_moods *ms_listener_moods(const ms_listener *l);

/* The emotion of a piece: valence and arousal in [-1, 1], the mood
 * probabilities and nearest mood of that point. */
void      ms_listener_hear(const ms_listener *l, const ms_features *f,
                           ms_emotion *out);

/* How the composer's renders are varied for training, so the model
 * learns the cues and not one SoundFont's or mix's fingerprint. */
typedef struct ms_listen_train_opts {
    const char *const *soundfonts;   /* rendered with in turn */
    size_t      n_soundfonts;
    size_t      clips;               /* pieces to render */
    uint64_t    seed;
    double      ridge;               /* L2 penalty on normalised weights */
    int         progress;            /* print progress on stderr */
} ms_listen_train_opts;

/* Renders opts->clips varied pieces at random points of the circumplex,
 * measures them, fits the model and writes it to model_path (the mood
 * table comes from data_dir). Deterministic for given options. */
ms_status ms_listen_train(const char *data_dir,
                          const ms_listen_train_opts *opts,
                          const char *model_path);

#endif
