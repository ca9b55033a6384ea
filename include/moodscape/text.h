/* moodscape/text.h — understanding how a person feels from what they
 * write: "my boss yelled at me again and I could scream" -> angry. */
#ifndef MOODSCAPE_TEXT_H
#define MOODSCAPE_TEXT_H

#include <stddef.h>

#include "moodscape/status.h"
#include "moodscape/emotion.h"

/* Texts longer than this are read up to here (at a UTF-8 boundary) and
 * the reading says truncated. A mood is stated in a few sentences; reading
 * megabytes would only cost time. */
#define MS_TEXT_MAX      16384
#define MS_EVIDENCE_MAX  6

/* A word or phrase that drove the answer. */
typedef struct ms_evidence {
    char   word[96];            /* as the person wrote it, lowercased */
    double weight;              /* its pull towards the answer (> 0) */
    int    in_lexicon;          /* valence/arousal below are meaningful */
    double valence, arousal;    /* the lexicon's point, negation applied */
    int    negated;
} ms_evidence;

typedef struct ms_reading {
    ms_emotion  emotion;        /* what the text expresses */
    int         uncertain;      /* little or no feeling in the text */
    int         has_desired;    /* a wish for another feeling was stated */
    ms_emotion  desired;        /* valid when has_desired */
    ms_evidence evidence[MS_EVIDENCE_MAX];
    size_t      n_evidence;     /* strongest first */
    int         truncated;      /* only the first MS_TEXT_MAX bytes read */
    size_t      length;         /* bytes of the text that were read */
} ms_reading;

typedef struct ms_reader ms_reader;              /* opaque, thread-safe */

/* Loads the mood table, lemmatiser, lexicon and trained model from a data
 * directory (see moodscape/data.h). *out owns them all; close with
 * ms_reader_close(). A reader is read-only once open: any number of
 * threads may call ms_reader_read() on it at once. */
ms_status ms_reader_open(const char *data_dir, ms_reader **out);
void      ms_reader_close(ms_reader *r);         /* NULL is fine */

/* The mood table the reader answers in; lives as long as the reader. */
const ms_moods *ms_reader_moods(const ms_reader *r);

/* Reads the feeling in len bytes of UTF-8 text. MS_ERR_FORMAT when the
 * text is not UTF-8 or holds nothing but space (ms_last_error() says
 * which); text without feeling is not an error: out->uncertain is set and
 * the emotion sits near the centre of the circumplex. */
ms_status ms_reader_read(const ms_reader *r, const char *text, size_t len,
                         ms_reading *out);

/* A content word of a text, as the reader sees it. */
typedef struct ms_term {
    char text[64];              /* lowercased, spelling repaired */
    char lemma[64];
    int  negated;               /* in a negation's scope: "no vocals" */
    int  wished;                /* says how the person wants to feel */
    int  affective;             /* carries feeling (the affect lexicon) */
    double valence, arousal;    /* its point when affective */
} ms_term;

/* The content words of len bytes of text, in order; function words,
 * punctuation, emoji and emoticons are left out. Fills at most cap terms
 * and sets *n to how many there are (which may exceed cap). Same errors
 * as ms_reader_read(). */
ms_status ms_reader_terms(const ms_reader *r, const char *text, size_t len,
                          ms_term *terms, size_t cap, size_t *n);

/* The catalogue words (lemmas) that a word a person typed stands for in
 * talk about music: "chill" -> "relax", "calm", "chillout"... Writes at
 * most cap pointers, owned by the reader, and returns how many. */
size_t ms_reader_synonyms(const ms_reader *r, const char *lemma,
                          const char **out, size_t cap);

#endif
