/* parse.h — private: the linguistic reading of a text that both the
 * trainer and the reader share: normalised words with lemmas, lexicon
 * matches, negation scope, intensity, contrast weights, and which words
 * say how the person feels now versus how they want to feel. */
#ifndef MS_TEXT_PARSE_H
#define MS_TEXT_PARSE_H

#include <stddef.h>

#include "moodscape/status.h"
#include "tokenize.h"
#include "lexicon.h"
#include "lemma.h"
#include "spelling.h"
#include "base/strmap.h"

#define MS_WORD_MAX 64

enum { MS_ROLE_CURRENT = 0, MS_ROLE_DESIRED = 1 };

/* The language resources a parse reads. Borrowed, never freed here. */
typedef struct ms_lang {
    const ms_lemmatizer *lem;
    const ms_lexicon    *lex;
    const ms_spelling   *spell;       /* may be NULL */
    const ms_strmap     *roles;       /* from ms_word_roles_new() */
} ms_lang;

/* The table of function words (negators, intensifiers, wish verbs...)
 * that ms_lang.roles must point to. *out is freed with ms_strmap_free(). */
ms_status ms_word_roles_new(ms_strmap **out);

/* 1 when a lexicon key (lemmas joined by spaces) is grammar rather than
 * feeling: made only of function words ("the", "be", "i"), or holding a
 * negator, whose effect the parser applies itself ("can not"). */
int ms_term_is_grammar(const ms_lang *lang, const char *term);

typedef struct ms_word {
    char  text[MS_WORD_MAX];          /* lowercased, spelling repaired */
    char  lemma[MS_WORD_MAX];
    unsigned char kind, flags;        /* from the tokenizer */
    unsigned char negated;            /* inside a negation's scope */
    unsigned char role;               /* MS_ROLE_* */
    unsigned int   roles;             /* function-word roles, internal */
    unsigned char text_len, lemma_len;
    float weight;                     /* clause weight: contrast, hedges */
    float boost;                      /* intensifier or softener factor */
    const ms_lexentry *lex;           /* lexicon term starting here */
    unsigned char lex_words;          /* its length in words */
    unsigned char covered;            /* inside an earlier multi-word term */
} ms_word;

typedef struct ms_parse {
    ms_word  *words;
    size_t    count, cap;
    int       split;                  /* 1: some words are MS_ROLE_DESIRED */
    ms_tokens toks;                   /* scratch */
} ms_parse;

/* What the lexicon says about the words of one role. */
typedef struct ms_lexsum {
    double valence, arousal;          /* weighted mean of the hits */
    double weight;                    /* total weight of the hits */
    size_t hits;
} ms_lexsum;

/* Parses len bytes of text. *out is reused across calls (start from a
 * zeroed ms_parse) and freed with ms_parse_free(). */
ms_status ms_parse_text(const ms_lang *lang, const char *text, size_t len,
                        ms_parse *out);
void      ms_parse_free(ms_parse *p);

/* The effective point and weight of the lexicon term at word i (negation
 * and intensity applied); 0 when no term starts there. */
int ms_parse_hit(const ms_parse *p, size_t i, double *v, double *a, double *w);

void ms_parse_lexsum(const ms_parse *p, int role, ms_lexsum *sum);

/* 1 when a parsed word is a function word or punctuation. */
int ms_word_is_function(const ms_word *w);

/* The lexicon key of a term as written ("Cried my eyes out" -> "cry my
 * eye out"): the exact form under which ms_parse_text() looks it up, so a
 * lexicon built with this function always matches. Writes into key (size
 * n); MS_ERR_FORMAT when the term holds no word, MS_ERR_RANGE when the key
 * does not fit. */
ms_status ms_parse_key(const ms_lang *lang, const char *term, char *key,
                       size_t n);

#endif
