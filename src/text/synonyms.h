/* synonyms.h — private: the music synonyms a data directory holds
 * (synonyms.tsv): for a word a person types, the catalogue words it
 * stands for, all as lemmas. */
#ifndef MS_TEXT_SYNONYMS_H
#define MS_TEXT_SYNONYMS_H

#include <stddef.h>

#include "parse.h"

typedef struct ms_synonyms ms_synonyms;

/* Loads path (lines "word<TAB>w1, w2 phrase, ..."; '#' starts a comment
 * line; the first other line is a header) and lemmatises both sides with
 * lang. *out owns the table; close it with ms_synonyms_close(). */
ms_status ms_synonyms_open(const char *path, const ms_lang *lang,
                           ms_synonyms **out);
void      ms_synonyms_close(ms_synonyms *s);            /* NULL is fine */

/* Writes at most cap lemmas that `lemma` stands for into out (owned by
 * the table) and returns how many were written. */
size_t ms_synonyms_of(const ms_synonyms *s, const char *lemma,
                      const char **out, size_t cap);

#endif
