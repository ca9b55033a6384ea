/* features.h — private: the sparse feature vector the text model reads,
 * hashed word, bigram and character n-grams plus a few dense lexicon
 * summaries. Each feature remembers the word that produced it, so the
 * reader can say which words drove its answer. */
#ifndef MS_TEXT_FEATURES_H
#define MS_TEXT_FEATURES_H

#include <stdint.h>

#include "moodscape/emotion.h"
#include "parse.h"

#define MS_FEAT_BITS    18
#define MS_FEAT_HASHED  (1u << MS_FEAT_BITS)
#define MS_FEAT_DENSE   32
#define MS_FEAT_TOTAL   (MS_FEAT_HASHED + MS_FEAT_DENSE)

typedef struct ms_feat {
    uint32_t index;          /* < MS_FEAT_TOTAL */
    float    value;
    int32_t  word;           /* index into the parse, -1 for global ones */
} ms_feat;

typedef struct ms_feats {
    ms_feat *items;
    size_t   count, cap;
} ms_feats;

/* Extracts the features of the words of one role (MS_ROLE_*) of a parse.
 * *out is reused across calls and freed with ms_feats_free(). */
ms_status ms_features(const ms_parse *p, int role, const ms_moods *moods,
                      ms_feats *out);
void      ms_feats_free(ms_feats *f);

#endif
