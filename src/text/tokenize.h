/* tokenize.h — private: split text as people type it into tokens: words
 * (lowercased, contractions and chat spellings expanded), emoji, emoticons
 * and clause punctuation. Pure and dictionary-free, so it can be fuzzed;
 * dictionary-aware repairs (misspellings, elongations) happen later. */
#ifndef MS_TEXT_TOKENIZE_H
#define MS_TEXT_TOKENIZE_H

#include <stddef.h>

#include "moodscape/status.h"

typedef enum ms_tok_kind {
    MS_TOK_WORD,
    MS_TOK_EMOJI,      /* one emoji, modifiers and variation selectors dropped */
    MS_TOK_EMOTICON,   /* ":)", "<3", "xd", lowercased */
    MS_TOK_PUNCT       /* clause punctuation: . , ; : ! ? ( ) and dashes */
} ms_tok_kind;

enum {
    MS_TOKF_CAPS      = 1,   /* typed in capitals: "SO ANGRY" */
    MS_TOKF_ELONGATED = 2,   /* letters were stretched: "soooo" */
    MS_TOKF_HASHTAG   = 4,   /* came from a #hashtag */
    MS_TOKF_REPEATED  = 8    /* punctuation repeated: "!!!" */
};

typedef struct ms_token {
    const char   *text;      /* NUL-terminated, owned by the ms_tokens */
    unsigned char kind;      /* ms_tok_kind */
    unsigned char flags;     /* MS_TOKF_* */
    size_t        off;       /* internal: offset of text in the arena */
} ms_token;

typedef struct ms_tokens {
    ms_token *items;
    size_t    count, cap;
    char     *arena;         /* token texts; internal */
    size_t    used, size;
} ms_tokens;

/* Tokenizes len bytes of text (NUL bytes and invalid UTF-8 sequences are
 * skipped, never trusted). Replaces whatever *out held; free it with
 * ms_tokens_free(). Start from a zeroed ms_tokens. Fails only when memory
 * runs out. Runs of 3+ equal letters are shortened to 2 and flagged. */
ms_status ms_tokenize(const char *text, size_t len, ms_tokens *out);
void      ms_tokens_free(ms_tokens *toks);

/* 1 when the bytes are well-formed UTF-8 (no overlongs, no surrogates);
 * otherwise 0 and *bad is the offset of the first bad byte. */
int ms_utf8_valid(const char *s, size_t len, size_t *bad);

#endif
