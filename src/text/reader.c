/* reader.c — the public face of src/text: load the resources once, then
 * read any number of texts, each into an emotion, the feeling wished for,
 * and the words that led there. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moodscape/text.h"
#include "moodscape/data.h"
#include "base/error.h"
#include "features.h"
#include "model.h"
#include "parse.h"
#include "resources.h"
#include "synonyms.h"

/* A text is uncertain when the model gives "neutral" this much, or when
 * even its best mood is this unlikely. The neutral limit sits below one
 * half because the naive Bayes share of the weights sharpens the mood
 * scores; chosen on the tuning slice of the training split. */
#define NEUTRAL_LIMIT     0.25
#define CONFIDENCE_FLOOR  0.2
/* Weight of the regression head against the point implied by the mood
 * probabilities; the head knows intensity, the classes know direction. */
#define HEAD_SHARE        0.5

struct ms_reader {
    ms_resources   res;
    ms_textmodel  *model;
    ms_synonyms   *synonyms;
};

/* Per-call scratch, so a reader stays shareable between threads. */
typedef struct scratch {
    ms_parse parse;
    ms_feats feats;
} scratch;

static void scratch_free(scratch *s)
{
    ms_parse_free(&s->parse);
    ms_feats_free(&s->feats);
}

/* ---- opening ------------------------------------------------------------ */

ms_status ms_reader_open(const char *dir, ms_reader **out)
{
    char path[4096];
    *out = NULL;
    ms_reader *r = calloc(1, sizeof *r);
    if (!r)
        return ms_fail(MS_ERR_NOMEM, "reader: out of memory");
    ms_status st = ms_resources_load(dir, &r->res);
    if (st == MS_OK) st = ms_data_path(dir, "text.model", path, sizeof path);
    if (st == MS_OK) st = ms_textmodel_open(path, r->res.moods, &r->model);
    if (st == MS_OK) st = ms_data_path(dir, "synonyms.tsv", path, sizeof path);
    if (st == MS_OK) st = ms_synonyms_open(path, &r->res.lang, &r->synonyms);
    if (st != MS_OK) {
        ms_reader_close(r);
        return st;
    }
    *out = r;
    return MS_OK;
}

void ms_reader_close(ms_reader *r)
{
    if (!r)
        return;
    ms_textmodel_close(r->model);
    ms_synonyms_close(r->synonyms);
    ms_resources_free(&r->res);
    free(r);
}

const ms_moods *ms_reader_moods(const ms_reader *r)
{
    return r->res.moods;
}

/* ---- judging one role ------------------------------------------------- */

static void softmax(double *x, size_t n)
{
    double max = x[0], sum = 0;
    for (size_t i = 1; i < n; i++)
        if (x[i] > max)
            max = x[i];
    for (size_t i = 0; i < n; i++)
        sum += x[i] = exp(x[i] - max);
    for (size_t i = 0; i < n; i++)
        x[i] /= sum;
}

static double clamp1(double x)
{
    return x < -1 ? -1 : x > 1 ? 1 : x;
}

/* Turns model outputs into an emotion; returns P(neutral). */
static double to_emotion(const ms_reader *r, double *out, ms_emotion *e)
{
    size_t nm = ms_moods_count(r->res.moods);
    double head_v = out[nm + 1], head_a = out[nm + 2];
    softmax(out, nm + 1);
    double neutral = out[nm], v = 0, a = 0;
    memset(e, 0, sizeof *e);
    for (size_t i = 0; i < nm; i++) {
        const ms_mood *m = ms_moods_get(r->res.moods, i);
        e->probs[i] = out[i] / (1 - neutral + 1e-12);
        v += e->probs[i] * m->valence;
        a += e->probs[i] * m->arousal;
        if (e->probs[i] > e->probs[e->mood])
            e->mood = i;
    }
    /* The less feeling the text holds, the nearer the centre it sits. */
    e->valence = clamp1((HEAD_SHARE * head_v + (1 - HEAD_SHARE) * v) * (1 - neutral));
    e->arousal = clamp1((HEAD_SHARE * head_a + (1 - HEAD_SHARE) * a) * (1 - neutral));
    e->confidence = e->probs[e->mood] * (1 - neutral);
    return neutral;
}

static ms_status judge(const ms_reader *r, scratch *s, int role,
                       ms_emotion *e, double *neutral)
{
    double out[MS_MOODS_MAX + 3];
    ms_status st = ms_features(&s->parse, role, r->res.moods, &s->feats);
    if (st != MS_OK)
        return st;
    ms_textmodel_apply(r->model, &s->feats, out);
    *neutral = to_emotion(r, out, e);
    return MS_OK;
}

/* ---- evidence ----------------------------------------------------------- */

/* The word a feature's credit goes to: the head of its lexicon phrase. */
static size_t phrase_head(const ms_parse *p, size_t i)
{
    while (i > 0 && p->words[i].covered)
        i--;
    return i;
}

static void describe(const ms_parse *p, size_t i, ms_evidence *ev)
{
    const ms_word *w = &p->words[i];
    size_t n = w->lex_words ? w->lex_words : 1, used = 0;
    ev->word[0] = '\0';
    for (size_t k = i; k < i + n && k < p->count; k++)
        used += (size_t)snprintf(ev->word + used, sizeof ev->word - used,
                                 "%s%s", k > i ? " " : "", p->words[k].text);
    ev->negated = w->negated;
    double v, a, wt;
    ev->in_lexicon = ms_parse_hit(p, i, &v, &a, &wt);
    ev->valence = ev->in_lexicon ? v : 0;
    ev->arousal = ev->in_lexicon ? a : 0;
}

static void insert_ranked(ms_reading *out, const ms_evidence *ev)
{
    size_t at = out->n_evidence;
    while (at > 0 && out->evidence[at - 1].weight < ev->weight)
        at--;
    if (at >= MS_EVIDENCE_MAX)
        return;
    size_t last = out->n_evidence < MS_EVIDENCE_MAX ? out->n_evidence
                                                    : MS_EVIDENCE_MAX - 1;
    memmove(&out->evidence[at + 1], &out->evidence[at],
            (last - at) * sizeof *ev);
    out->evidence[at] = *ev;
    if (out->n_evidence < MS_EVIDENCE_MAX)
        out->n_evidence++;
}

static ms_status gather_evidence(const ms_reader *r, scratch *s, size_t m,
                                 ms_reading *out)
{
    const ms_parse *p = &s->parse;
    double *credit = calloc(p->count ? p->count : 1, sizeof *credit);
    if (!credit)
        return ms_fail(MS_ERR_NOMEM, "reader: out of memory");
    for (size_t i = 0; i < s->feats.count; i++) {
        const ms_feat *f = &s->feats.items[i];
        if (f->word >= 0)
            credit[phrase_head(p, (size_t)f->word)]
                += f->value * ms_textmodel_pull(r->model, f->index, m);
    }
    for (size_t i = 0; i < p->count; i++) {
        const ms_word *w = &p->words[i];
        if (credit[i] <= 0.05 || w->role != MS_ROLE_CURRENT
            || (ms_word_is_function(w) && !w->lex))
            continue;
        ms_evidence ev = {.weight = credit[i]};
        describe(p, i, &ev);
        insert_ranked(out, &ev);
    }
    free(credit);
    return MS_OK;
}

/* ---- reading ------------------------------------------------------------ */

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r'
            && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

/* Cuts len to MS_TEXT_MAX without splitting a UTF-8 sequence. */
static size_t cut_length(const char *text, size_t len)
{
    if (len <= MS_TEXT_MAX)
        return len;
    len = MS_TEXT_MAX;
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--;
    return len;
}

static ms_status check_text(const char *text, size_t len)
{
    size_t bad;
    if (!ms_utf8_valid(text, len, &bad))
        return ms_fail(MS_ERR_FORMAT, "not valid UTF-8 (byte %zu)", bad);
    if (memchr(text, '\0', len))
        return ms_fail(MS_ERR_FORMAT, "contains a NUL byte");
    if (is_blank(text, len))
        return ms_fail(MS_ERR_FORMAT, "empty text");
    return MS_OK;
}

static ms_status read_parsed(const ms_reader *r, scratch *s, ms_reading *out)
{
    double neutral = 1, wish_neutral = 1;
    ms_status st = judge(r, s, MS_ROLE_CURRENT, &out->emotion, &neutral);
    if (st == MS_OK)
        st = gather_evidence(r, s, out->emotion.mood, out);
    out->uncertain = neutral >= NEUTRAL_LIMIT
                  || out->emotion.confidence < CONFIDENCE_FLOOR;
    if (st != MS_OK || !s->parse.split)
        return st;
    st = judge(r, s, MS_ROLE_DESIRED, &out->desired, &wish_neutral);
    out->has_desired = st == MS_OK && wish_neutral < NEUTRAL_LIMIT
                    && out->desired.mood != out->emotion.mood;
    return st;
}

ms_status ms_reader_read(const ms_reader *r, const char *text, size_t len,
                         ms_reading *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return ms_fail(MS_ERR_ARG, "no text");
    size_t cut = cut_length(text, len);
    ms_status st = check_text(text, cut);
    if (st != MS_OK)
        return st;
    out->truncated = cut < len;
    out->length = cut;
    scratch s = {0};
    st = ms_parse_text(&r->res.lang, text, cut, &s.parse);
    if (st == MS_OK)
        st = read_parsed(r, &s, out);
    scratch_free(&s);
    return st;
}

ms_status ms_reader_terms(const ms_reader *r, const char *text, size_t len,
                          ms_term *terms, size_t cap, size_t *n)
{
    *n = 0;
    if (!text)
        return ms_fail(MS_ERR_ARG, "no text");
    size_t cut = cut_length(text, len);
    ms_status st = check_text(text, cut);
    ms_parse p = {0};
    if (st == MS_OK)
        st = ms_parse_text(&r->res.lang, text, cut, &p);
    for (size_t i = 0; st == MS_OK && i < p.count; i++) {
        const ms_word *w = &p.words[i];
        if (w->kind != MS_TOK_WORD || ms_word_is_function(w))
            continue;
        if (*n < cap) {
            ms_term *t = &terms[*n];
            snprintf(t->text, sizeof t->text, "%s", w->text);
            snprintf(t->lemma, sizeof t->lemma, "%s", w->lemma);
            t->negated = w->negated;
            double v = 0, a = 0, wt;
            t->wished = w->role == MS_ROLE_DESIRED;
            t->affective = ms_parse_hit(&p, phrase_head(&p, i), &v, &a, &wt);
            t->valence = v;
            t->arousal = a;
        }
        (*n)++;
    }
    ms_parse_free(&p);
    return st;
}

size_t ms_reader_synonyms(const ms_reader *r, const char *lemma,
                          const char **out, size_t cap)
{
    return ms_synonyms_of(r->synonyms, lemma, out, cap);
}
