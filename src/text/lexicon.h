/* lexicon.h — private: the affect lexicon, terms (single lemmas and
 * multi-word expressions, lemmatised and space-joined) with a point in the
 * circumplex and a confidence. The build expands an authored seed through
 * WordNet into data/lexicon.tsv; this module loads and queries it. */
#ifndef MS_TEXT_LEXICON_H
#define MS_TEXT_LEXICON_H

#include <stddef.h>
#include <stdio.h>

#include "moodscape/status.h"

typedef struct ms_lexentry {
    float valence, arousal;
    float confidence;        /* 1 for authored terms, less when inferred */
} ms_lexentry;

typedef struct ms_lexicon ms_lexicon;

/* Reads `term<TAB>valence<TAB>arousal[<TAB>confidence[<TAB>...]]` lines
 * (no header; '#' starts a comment line). A missing confidence is 1. */
ms_status ms_lexicon_open(const char *path, ms_lexicon **out);
ms_status ms_lexicon_new(ms_lexicon **out);     /* an empty lexicon */
void      ms_lexicon_close(ms_lexicon *lex);    /* NULL is fine */

/* Adds or replaces a term. */
ms_status ms_lexicon_put(ms_lexicon *lex, const char *term,
                         const ms_lexentry *e);

/* The entry for a term of n bytes, or NULL. Valid while lex is open. */
const ms_lexentry *ms_lexicon_get(const ms_lexicon *lex, const char *term,
                                  size_t n);

size_t ms_lexicon_count(const ms_lexicon *lex);

/* Longest term, in words, that begins with the word of n bytes; 0 when
 * no term begins with it. */
size_t ms_lexicon_longest_from(const ms_lexicon *lex, const char *word,
                               size_t n);

#endif
