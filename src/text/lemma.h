/* lemma.h — private: the runtime lemmatizer. It turns a word into the
 * base form under which the affect lexicon files it ("cried" -> "cry"),
 * from the small morphology file ms_wordnet_write_morph() writes, so that
 * `moodscape mood` never reads WordNet itself. Loading the ~1.2 MB file
 * takes under 10 ms and about 2.5 MB. */
#ifndef MS_TEXT_LEMMA_H
#define MS_TEXT_LEMMA_H

#include <stddef.h>

#include "moodscape/status.h"
#include "wordnet.h"

typedef struct ms_lemmatizer ms_lemmatizer;   /* opaque, read-only once open */

/* Reads a morphology file (format in wordnet.h). On success *out owns the
 * lemmatizer; close it with ms_lemmatizer_close(). On failure *out is NULL
 * and ms_last_error() says which line is wrong. */
ms_status ms_lemmatizer_open(const char *path, ms_lemmatizer **out);
void      ms_lemmatizer_close(ms_lemmatizer *lem);    /* NULL is fine */

/* Writes into out (outsz bytes, outsz > 0) the base form of `word`, a
 * lowercase word, for looking it up in the affect lexicon. The first step
 * that yields something decides:
 *
 *  1. Exception lists, for verb, noun, adjective, adverb in that order: the
 *     first base listed for the word that is a lemma of that part of
 *     speech ("was" -> "be", "geese" -> "goose", "better" -> "good",
 *     "worse" -> "bad", "running" -> "run", "felt" -> "feel"). This holds
 *     even when the word is a lemma itself: the lists name it as an
 *     inflected form.
 *  2. A participle in disguise: a word ending in "ed" or "ing" that WordNet
 *     knows as a satellite adjective but never as a noun, a verb or the
 *     head of an adjective cluster becomes its verb when morphy's verb
 *     rules give one ("yelled" -> "yell", "missed" -> "miss", "bored" ->
 *     "bore"). Head adjectives keep their form ("tired", "exhausted",
 *     "excited"), and so do nouns ("feeling", "evening").
 *  3. A plural in disguise: a noun lemma ending in "s" (but not "ss", "us"
 *     or "is") becomes its singular when morphy's noun rules give another
 *     noun lemma of three letters or more ("feelings" -> "feeling",
 *     "tears" -> "tear"; "news" stays).
 *  4. Any other lemma of any part of speech stays as it is.
 *  5. Morphy's detachment rules, for verb, noun, adjective in that order:
 *     the first candidate of three letters or more that is a lemma of that
 *     part of speech ("cries" -> "cry", "hugs" -> "hug"; "his" does not
 *     become "hi").
 *  6. Anything else (unknown words, numbers, non-ASCII, words of 64 bytes
 *     or more, the empty string) is returned unchanged.
 *
 * A result longer than outsz - 1 bytes is cut at a UTF-8 character
 * boundary. MS_ERR_ARG only for NULL pointers or outsz == 0; any string is
 * a valid word. */
ms_status ms_lemmatize(const ms_lemmatizer *lem, const char *word, char *out,
                       size_t outsz);

/* The base form of `word` taken as `pos` alone: its exception list's first
 * base that is a lemma of pos, else the word itself if it is one, else the
 * first rule candidate (three letters or more) that is one, else the word
 * unchanged. Same output and argument rules as ms_lemmatize(). */
ms_status ms_lemmatize_pos(const ms_lemmatizer *lem, const char *word,
                           ms_pos pos, char *out, size_t outsz);

/* 1 if `lemma` is a single-word WordNet lemma in some part of speech, else
 * 0 (also for NULL arguments and multi-word expressions). */
int ms_lemmatizer_knows(const ms_lemmatizer *lem, const char *lemma);

#endif
