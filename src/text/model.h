/* model.h — private: the text model, a linear layer over hashed features
 * with one softmax head over the moods plus "neutral" (text that carries
 * no feeling), and a regression head for valence and arousal. Trained by
 * the build (ms_textmodel_train), stored as one file that is mapped, not
 * read, so loading it costs next to nothing. */
#ifndef MS_TEXT_MODEL_H
#define MS_TEXT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "moodscape/emotion.h"
#include "features.h"

typedef struct ms_textmodel ms_textmodel;

/* One training example: features, class (mood index, or the table size
 * for neutral), and a valence/arousal target when has_va. */
typedef struct ms_example {
    ms_feat *feats;
    size_t   count;
    int      label;
    int      has_va;
    float    valence, arousal;
} ms_example;

typedef struct ms_train_opts {
    unsigned epochs;
    double   rate;           /* AdaGrad step size */
    double   l2;             /* weight decay on touched weights */
    uint64_t seed;           /* shuffling; fixed for reproducible models */
    double   nb_alpha;       /* naive Bayes smoothing */
    double   nb_share;       /* weight of naive Bayes in the class scores */
} ms_train_opts;

/* Maps a model file and checks that it was trained for this mood table.
 * *out owns the mapping; release it with ms_textmodel_close(). */
ms_status ms_textmodel_open(const char *path, const ms_moods *moods,
                            ms_textmodel **out);
void      ms_textmodel_close(ms_textmodel *m);       /* NULL is fine */

/* Raw outputs for a feature vector: one logit per class (the moods of
 * the table, then neutral), then valence and arousal. out has room for
 * the mood count + 3 values. */
void ms_textmodel_apply(const ms_textmodel *m, const ms_feats *f, double *out);

/* How much feature `index` favours mood k over the average mood: its
 * weight on k minus its mean weight over the moods. */
float ms_textmodel_pull(const ms_textmodel *m, uint32_t index, size_t k);

/* Trains a model on n examples, deterministically: the same examples and
 * options give a bit-identical model. *out is an in-memory model to save
 * with ms_textmodel_save() and close with ms_textmodel_close(). */
ms_status ms_textmodel_train(const ms_moods *moods, const ms_example *ex,
                             size_t n, const ms_train_opts *opts,
                             ms_textmodel **out);
ms_status ms_textmodel_save(const ms_textmodel *m, const char *path);

#endif
