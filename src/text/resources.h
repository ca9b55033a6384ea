/* resources.h — private: the language resources of a data directory
 * (mood table, lemmatiser, lexicon, spelling fixes, function words),
 * loaded and freed together by the reader and the trainer. */
#ifndef MS_TEXT_RESOURCES_H
#define MS_TEXT_RESOURCES_H

#include "moodscape/emotion.h"
#include "parse.h"

typedef struct ms_resources {
    ms_moods      *moods;
    ms_lemmatizer *lem;
    ms_lexicon    *lex;
    ms_spelling   *spell;
    ms_strmap     *roles;
    ms_lang        lang;          /* borrows the above */
} ms_resources;

/* Loads moods.tsv, morph.txt, lexicon.tsv and misspellings.tsv from dir
 * into *res (which it zeroes first). On failure whatever was loaded is
 * freed again and ms_last_error() names the file. */
ms_status ms_resources_load(const char *dir, ms_resources *res);
void      ms_resources_free(ms_resources *res);

#endif
