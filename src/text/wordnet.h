/* wordnet.h — private: a reader for the WordNet 3.0 database files
 * (Miller 1995; formats in wndb(5WN), morphology in morphy(7WN)), used at
 * build time to grow the affect lexicon and to write the small morphology
 * file that the runtime lemmatizer (lemma.h) loads.
 *
 * The whole database is read into memory once (about 28 MB, a fraction of
 * a second); lookups then touch no file. We read the files ourselves
 * rather than link wordnet-dev's library because that library keeps its
 * state in globals and exits the process on errors. */
#ifndef MS_TEXT_WORDNET_H
#define MS_TEXT_WORDNET_H

#include <stddef.h>
#include <stdio.h>

#include "moodscape/status.h"

typedef enum ms_pos {
    MS_POS_NOUN, MS_POS_VERB, MS_POS_ADJ, MS_POS_ADV, MS_POS_COUNT
} ms_pos;

typedef struct ms_wordnet ms_wordnet;          /* opaque, read-only once open */

/* Reads index.{noun,verb,adj,adv}, data.* and {noun,verb,adj,adv}.exc from
 * `dir`. On success *out owns the database; close it with
 * ms_wordnet_close(). On failure *out is NULL and ms_last_error() names the
 * file that is missing or malformed. */
ms_status ms_wordnet_open(const char *dir, ms_wordnet **out);
void      ms_wordnet_close(ms_wordnet *wn);    /* NULL is fine */

typedef enum ms_wn_rel {
    MS_WN_SYNONYM,     /* another word of the same synset */
    MS_WN_SIMILAR,     /* '&': a word of a similar-to adjective synset */
    MS_WN_DERIVED,     /* '+': derivationally related form */
    MS_WN_ANTONYM,     /* '!' */
    MS_WN_ALSO_SEE,    /* '^' */
    MS_WN_PERTAINYM    /* '\': pertains to (adjectives), derived from
                          (adverbs) */
} ms_wn_rel;

typedef struct ms_wn_link {
    const char *lemma;   /* lowercase, words joined by spaces; valid only
                            during the visit */
    ms_pos      pos;     /* the part of speech of `lemma` */
    ms_wn_rel   rel;
    unsigned    sense;   /* 1-based rank of the source synset among the
                            source lemma's senses (1 = most frequent) */
} ms_wn_link;

typedef void (*ms_wn_visit)(void *ctx, const ms_wn_link *link);

/* Calls visit() once per link from `lemma` (any case; words joined by
 * spaces or underscores) as `pos`, sense by sense:
 *   - every other word of each of its synsets (SYNONYM);
 *   - every word of the synsets its synsets point to with '&' (SIMILAR) and
 *     '^' (ALSO_SEE);
 *   - for '+' (DERIVED), '!' (ANTONYM) and '\' (PERTAINYM): the target word
 *     of lexical pointers whose source word is `lemma`, and every word of
 *     the target synset of semantic (source/target 0000) ones.
 * An also-see pointer that is lexical follows the same source-word rule.
 * Links to `lemma` itself are skipped; a lemma reached through several
 * synsets or relations is reported each time. Lemmas come lowercased, with
 * spaces for underscores and without adjective markers ("(a)", "(p)",
 * "(ip)"). A lemma that is not in WordNet is not an error: nothing is
 * visited. MS_ERR_FORMAT if the index points outside the data file. */
ms_status ms_wordnet_links(const ms_wordnet *wn, const char *lemma, ms_pos pos,
                           ms_wn_visit visit, void *ctx);

/* Longest base form ms_wordnet_morph() reports, with its NUL. */
#define MS_WN_MORPH_MAX 64

/* Morphy (morphy(7WN)) for a single string: fills out[0..*count) with the
 * base forms of `word` (lowercase) as `pos` that are in the index, in this
 * order and without repeats: the word itself, the bases its exception list
 * gives, then the detachment rules of ms_morph_rules(). Forms are spelled
 * like ms_wn_link lemmas; ones longer than MS_WN_MORPH_MAX - 1 bytes are
 * skipped, and at most `max` are written. No base form is not an error:
 * *count is 0. */
ms_status ms_wordnet_morph(const ms_wordnet *wn, const char *word, ms_pos pos,
                           char out[][MS_WN_MORPH_MAX], size_t max,
                           size_t *count);

/* Writes the morphology file that ms_lemmatizer_open() reads. It is text,
 * one record per line, fields separated by one TAB:
 *
 *   moodscape-morph <TAB> 1                        first line, the version
 *   L <TAB> lemma <TAB> parts                       one per lemma
 *   X <TAB> part <TAB> inflected <TAB> bases        one per exception
 *
 * An L record names a single-word lemma (no underscore) and the parts of
 * speech it has, as letters in the order n v a s r: n noun, v verb, r
 * adverb, a adjective heading at least one adjective cluster (a WordNet
 * "head" synset), s adjective found only in satellite synsets. L records
 * come sorted by byte value. An X record is an exception-list line whose
 * inflected form is a single word: `part` is one of n v a r, and `bases`
 * lists, separated by single spaces and in the list's order, those of its
 * base forms that are single-word lemmas of that part of speech. Entries
 * left with no base are dropped. Lines end with "\n". */
ms_status ms_wordnet_write_morph(const ms_wordnet *wn, FILE *out);

/* ---- morphy's detachment rules, shared with the lemmatizer ------------ */

typedef struct ms_morph_rule {
    const char *suffix;  /* detached from the word ... */
    const char *ending;  /* ... and replaced by this */
} ms_morph_rule;

/* The rules of morphy(7WN) for `pos`, in morphy's order; *count of them
 * (none for adverbs). The array is static. */
const ms_morph_rule *ms_morph_rules(ms_pos pos, size_t *count);

/* Applies `rule` to word[0..n) into out (outsz bytes). Returns 1 when the
 * rule applies and the candidate fits, else 0. Like WordNet's own Morphy,
 * nouns of two letters or fewer or ending in "ss" are never detached
 * ("as" is not the plural of "a", "boss" not of "bos"). */
int ms_morph_detach(const char *word, size_t n, ms_pos pos,
                    const ms_morph_rule *rule, char *out, size_t outsz);

/* The database's letter for a part of speech: n, v, a, r. */
char ms_pos_letter(ms_pos pos);

#endif
