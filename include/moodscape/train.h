/* moodscape/train.h — building moodscape's models from the data in the
 * repository: the affect lexicon (an authored seed expanded through
 * WordNet) and the text model (trained on the authored corpus). Both are
 * deterministic: the same inputs give byte-identical files. */
#ifndef MOODSCAPE_TRAIN_H
#define MOODSCAPE_TRAIN_H

#include <stddef.h>

#include "moodscape/status.h"

typedef struct ms_lexicon_report {
    size_t seed_terms;          /* distinct authored terms */
    size_t total_terms;         /* after expansion */
    size_t single_words;        /* single-word lemmas among them */
} ms_lexicon_report;

/* Writes morph.txt (WordNet morphology for the lemmatiser) and
 * lexicon.tsv into out_dir, from the WordNet database in wordnet_dir and
 * the seed `term valence arousal` TSV at seed_path. Synonyms, similar-to,
 * also-see, derivational and pertainym links carry a seed's point with a
 * confidence that decays with each hop and with the rarity of the sense;
 * antonyms carry it with valence flipped. */
ms_status ms_train_lexicon(const char *wordnet_dir, const char *seed_path,
                           const char *out_dir, ms_lexicon_report *report);

typedef struct ms_text_report {
    size_t train, dev;          /* sentences in each split */
    size_t neutral_train, neutral_dev;
} ms_text_report;

/* Trains the text model from corpus (TSV with a header naming `mood` and
 * `text`, optionally `valence` and `arousal`) and neutral (`neutral
 * <TAB> text` lines, no header; may be NULL), using the lexicon and
 * lemmatiser already in data_dir. One sentence in five, chosen by a hash
 * of its text, is held out: those go to dev_path (same columns, with a
 * header; neutral ones labelled "neutral") and are never trained on.
 * Writes the model to model_path. */
ms_status ms_train_text(const char *data_dir, const char *corpus,
                        const char *neutral, const char *model_path,
                        const char *dev_path, ms_text_report *report);

/* Writes out_path: the authored music synonyms of seed_path, then words
 * WordNet gives for the single-word adjectives among the catalogue words
 * (synonyms and similar-to adjectives of their two most common senses),
 * each pointing back to those words. *added counts the grown lines. */
ms_status ms_train_synonyms(const char *wordnet_dir, const char *seed_path,
                            const char *out_path, size_t *added);

#endif
