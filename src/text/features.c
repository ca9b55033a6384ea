/* features.c — turning a parse into the model's sparse input.
 *
 * Feature hashing (Weinberger et al. 2009) keeps the model a fixed-size
 * array with no vocabulary to store; character 3- and 4-grams make it
 * forgiving of typos and unseen inflections ("anxiousss", "stresssed"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "base/error.h"

/* Dense feature slots, after the hashed ones. */
enum {
    D_VALENCE, D_AROUSAL, D_STRENGTH, D_NO_HIT, D_NEGATION, D_EXCLAIM,
    D_QUESTION, D_CAPS, D_EMOJI, D_MOODS          /* + one per mood */
};

static ms_status add(ms_feats *f, uint32_t index, float value, int32_t word)
{
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 256;
        ms_feat *items = realloc(f->items, cap * sizeof *items);
        if (!items)
            return ms_fail(MS_ERR_NOMEM, "features: out of memory");
        f->items = items;
        f->cap = cap;
    }
    f->items[f->count++] = (ms_feat){index, value, word};
    return MS_OK;
}

/* FNV-1a over a kind byte and then the bytes, folded to the hash space. */
static uint32_t bucket(char kind, const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    h = (h ^ (unsigned char)kind) * 1099511628211ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    h ^= h >> 29;
    return (uint32_t)(h & (MS_FEAT_HASHED - 1));
}

static ms_status add_hashed(ms_feats *f, char kind, const char *s, size_t n,
                            float value, int32_t word)
{
    return add(f, bucket(kind, s, n), value, word);
}

/* "<word>" sliced into 3- and 4-grams; a negated word's grams are kept
 * apart, so "not happy" does not lend "happy" its usual pull. */
static ms_status add_char_grams(ms_feats *f, const char *text, int negated,
                                float value, int32_t word)
{
    char buf[MS_WORD_MAX + 2];
    size_t n = strlen(text);
    if (n < 2)
        return MS_OK;
    buf[0] = '<';
    memcpy(buf + 1, text, n);
    buf[n + 1] = '>';
    n += 2;
    ms_status st = MS_OK;
    for (size_t g = 3; g <= 4; g++)
        for (size_t i = 0; i + g <= n && st == MS_OK; i++)
            st = add_hashed(f, (char)((negated ? '5' : '0') + g), buf + i, g,
                            value * 0.5f, word);
    return st;
}

static ms_status add_word(ms_feats *f, const ms_parse *p, size_t i,
                          size_t prev)
{
    const ms_word *w = &p->words[i];
    char key[MS_WORD_MAX * 2 + 2];
    int32_t at = (int32_t)i;
    if (w->kind == MS_TOK_PUNCT)
        return MS_OK;
    size_t len = strlen(w->lemma), n = 0;
    if (w->negated)
        key[n++] = '!';
    memcpy(key + n, w->lemma, len);
    ms_status st = add_hashed(f, 'w', key, n + len, w->weight, at);
    if (st == MS_OK && prev != SIZE_MAX) {
        size_t plen = strlen(p->words[prev].lemma);
        memcpy(key, p->words[prev].lemma, plen);
        key[plen] = ' ';
        memcpy(key + plen + 1, w->lemma, len);
        st = add_hashed(f, 'b', key, plen + 1 + len, w->weight, at);
    }
    if (st == MS_OK && w->kind == MS_TOK_WORD)
        st = add_char_grams(f, w->text, w->negated, w->weight, at);
    return st;
}

static void count_cues(const ms_parse *p, int role, float *dense)
{
    for (size_t i = 0; i < p->count; i++) {
        const ms_word *w = &p->words[i];
        if (w->role != role)
            continue;
        dense[D_NEGATION] += w->negated && w->lex ? 1.0f : 0.0f;
        dense[D_EXCLAIM] += w->kind == MS_TOK_PUNCT && w->text[0] == '!';
        dense[D_QUESTION] += w->kind == MS_TOK_PUNCT && w->text[0] == '?';
        dense[D_CAPS] += (w->flags & MS_TOKF_CAPS) != 0;
        dense[D_EMOJI] += w->kind == MS_TOK_EMOJI || w->kind == MS_TOK_EMOTICON;
    }
    for (int k = D_NEGATION; k <= D_EMOJI; k++)
        dense[k] = dense[k] > 3 ? 1.0f : dense[k] / 3.0f;
}

/* Lexicon summaries: mean point, strength, and how the hits spread over
 * the moods of the table. */
static void lexicon_summary(const ms_parse *p, int role, const ms_moods *moods,
                            float *dense)
{
    ms_lexsum sum;
    ms_parse_lexsum(p, role, &sum);
    dense[D_VALENCE] = (float)sum.valence;
    dense[D_AROUSAL] = (float)sum.arousal;
    dense[D_STRENGTH] = (float)(sum.weight / (1.0 + sum.weight));
    dense[D_NO_HIT] = sum.hits == 0;
    size_t nm = ms_moods_count(moods);
    for (size_t i = 0; i < p->count && sum.weight > 0; i++) {
        double v, a, w;
        ms_emotion e;
        if (p->words[i].role != role || !ms_parse_hit(p, i, &v, &a, &w))
            continue;
        ms_moods_emotion_at(moods, v, a, &e);
        for (size_t m = 0; m < nm && D_MOODS + m < MS_FEAT_DENSE; m++)
            dense[D_MOODS + m] += (float)(w * e.probs[m] / sum.weight);
    }
}

ms_status ms_features(const ms_parse *p, int role, const ms_moods *moods,
                      ms_feats *out)
{
    float dense[MS_FEAT_DENSE] = {0};
    size_t prev = SIZE_MAX;
    ms_status st = MS_OK;
    out->count = 0;
    for (size_t i = 0; i < p->count && st == MS_OK; i++) {
        if (p->words[i].role != role)
            continue;
        st = add_word(out, p, i, prev);
        prev = p->words[i].kind == MS_TOK_PUNCT ? SIZE_MAX : i;
    }
    count_cues(p, role, dense);
    lexicon_summary(p, role, moods, dense);
    for (uint32_t k = 0; k < MS_FEAT_DENSE && st == MS_OK; k++)
        if (dense[k] != 0)
            st = add(out, MS_FEAT_HASHED + k, dense[k], -1);
    return st;
}

void ms_feats_free(ms_feats *f)
{
    free(f->items);
    memset(f, 0, sizeof *f);
}
