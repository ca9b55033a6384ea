/* parse.c — from tokens to words that know their lemma, their lexicon
 * term, whether they are negated or intensified, how much their clause
 * counts and whether they describe the present or a wished-for feeling.
 *
 * The rules follow what sentiment research measured: words after "but"
 * count 1.5x and before it 0.5x, intensifiers scale by roughly a half
 * (Hutto & Gilbert 2014, VADER); negation does not mirror a word but
 * moves it part way across (Kiritchenko & Mohammad 2016, "The effect of
 * negators, modals, and degree adverbs on sentiment composition"). */
#include <math.h>
#include <string.h>
#include <stdlib.h>

#include "parse.h"
#include "base/error.h"

#define NEG_SCOPE     3      /* words a negator reaches */
#define BOOST_UP      1.5f
#define BOOST_DOWN    0.6f
#define BOOST_MAX     2.5f

/* The roles a function word can play; a word may have several. */
enum {
    R_NEGATOR = 1 << 0, R_BREAKER = 1 << 1, R_INTENSIFIER = 1 << 2,
    R_SOFTENER = 1 << 3, R_CONTRAST = 1 << 4, R_CONCESSIVE = 1 << 5,
    R_WISH = 1 << 6, R_REQUEST = 1 << 7, R_HELPER = 1 << 8,
    R_POSSESSIVE = 1 << 9, R_FUNCTION = 1 << 10
};

static const char *const negators[] = {
    "not", "no", "never", "nothing", "nobody", "none", "neither", "nor",
    "without", "hardly", "barely", "nowhere", "nah", "nope", NULL
};
/* Words that end a negation's scope early: "not sad, just tired". */
static const char *const scope_breakers[] = {
    "but", "and", "or", "so", "because", "though", "although", "just",
    "yet", "however", "while", "since", "cause", NULL
};
static const char *const intensifiers[] = {
    "very", "so", "really", "extremely", "super", "totally", "absolutely",
    "completely", "utterly", "incredibly", "too", "deeply", "truly",
    "seriously", "insanely", "hella", "fucking", "freaking", "damn",
    "such", "terribly", "awfully", "unbelievably", "massively", "mega",
    "beyond", "entirely", "highly", "most", "ridiculously", "majorly", NULL
};
static const char *const softeners[] = {
    "slightly", "somewhat", "mildly", "fairly", "lowkey", "marginally",
    "rather", "bit", "little", "kind", "sort", "semi", "partly", "almost",
    "tad", NULL
};
static const char *const contrasts[] = {"but", "however", "yet", NULL};
static const char *const concessives[] = {
    "although", "though", "despite", "even", NULL
};
static const char *const wish_verbs[] = {
    "want", "need", "wish", "hope", "crave", "desire", NULL
};
static const char *const request_nouns[] = {
    "something", "song", "music", "playlist", "track", "tune", "anything",
    NULL
};
static const char *const helper_verbs[] = {
    "help", "make", "get", "let", "cheer", "calm", NULL
};
/* Words that carry grammar, not feeling. They reach WordNet through rare
 * senses ("i" is iodine, "be" a sense of "feel"), so the lexicon must not
 * learn them, and they make poor evidence for a reader. */
static const char *const function_words[] = {
    "a", "about", "above", "after", "again", "all", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "could", "do", "does", "doing",
    "down", "during", "each", "few", "for", "from", "further", "get", "go",
    "have", "having", "he", "her", "here", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "just", "me", "more", "most", "my",
    "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only",
    "or", "other", "our", "out", "over", "own", "same", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "you", "your", "make", "take", "come", "let", "put", "say", "see", "use",
    "thing", "way", "time", "day", "like", "well", "also", "even", "still",
    "much", "many", "really", "feel", "look", "seem", "become", "keep", NULL
};

static const char *const possessives[] = {
    "your", "his", "her", "their", "our", NULL
};

static const struct { const char *const *words; unsigned role; } role_lists[] = {
    {negators, R_NEGATOR}, {scope_breakers, R_BREAKER},
    {intensifiers, R_INTENSIFIER}, {softeners, R_SOFTENER},
    {contrasts, R_CONTRAST}, {concessives, R_CONCESSIVE},
    {wish_verbs, R_WISH}, {request_nouns, R_REQUEST},
    {helper_verbs, R_HELPER}, {possessives, R_POSSESSIVE},
    {function_words, R_FUNCTION},
};

ms_status ms_word_roles_new(ms_strmap **out)
{
    ms_status st = ms_strmap_new(out);
    for (size_t i = 0; st == MS_OK && i < sizeof role_lists / sizeof role_lists[0]; i++)
        for (const char *const *w = role_lists[i].words; st == MS_OK && *w; w++) {
            uint32_t roles = 0;
            ms_strmap_get(*out, *w, strlen(*w), &roles);
            st = ms_strmap_put(*out, *w, strlen(*w), roles | role_lists[i].role);
        }
    if (st != MS_OK) {
        ms_strmap_free(*out);
        *out = NULL;
    }
    return st;
}

static unsigned roles_of(const ms_lang *lang, const char *word, size_t n)
{
    uint32_t roles = 0;
    ms_strmap_get(lang->roles, word, n, &roles);
    return roles;
}

int ms_term_is_grammar(const ms_lang *lang, const char *term)
{
    int content = 0;
    while (*term) {
        size_t n = strcspn(term, " ");
        unsigned roles = roles_of(lang, term, n);
        if (roles & R_NEGATOR)
            return 1;
        content |= !(roles & R_FUNCTION);
        term += n;
        term += *term == ' ';
    }
    return !content;
}

int ms_word_is_function(const ms_word *w)
{
    return (w->roles & R_FUNCTION) != 0 || w->kind == MS_TOK_PUNCT;
}

static int has_role(const ms_word *w, unsigned role)
{
    return (w->roles & role) != 0;
}

/* ---- words ------------------------------------------------------------- */

static ms_status grow_words(ms_parse *p)
{
    if (p->count < p->cap)
        return MS_OK;
    size_t cap = p->cap ? p->cap * 2 : 64;
    ms_word *words = realloc(p->words, cap * sizeof *words);
    if (!words)
        return ms_fail(MS_ERR_NOMEM, "parse: out of memory");
    p->words = words;
    p->cap = cap;
    return MS_OK;
}

static void copy_word(char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n >= MS_WORD_MAX)
        n = MS_WORD_MAX - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int known(const ms_lang *lang, const char *w)
{
    return ms_lexicon_get(lang->lex, w, strlen(w)) != NULL
        || ms_lemmatizer_knows(lang->lem, w);
}

/* "soo" -> "so", "happyy" -> "happy": the tokenizer cut stretched letters
 * to two; try one letter at each double, then at every double. */
static void unstretch(const ms_lang *lang, char *w)
{
    char cand[MS_WORD_MAX];
    size_t n = strlen(w);
    if (known(lang, w))
        return;
    for (size_t i = 0; i + 1 < n; i++) {
        if (w[i] != w[i + 1])
            continue;
        memcpy(cand, w, i);
        strcpy(cand + i, w + i + 1);
        if (known(lang, cand)) {
            strcpy(w, cand);
            return;
        }
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || w[i] != w[i - 1])
            cand[o++] = w[i];
    cand[o] = '\0';
    if (known(lang, cand))
        strcpy(w, cand);
}

static void normalise(const ms_lang *lang, ms_word *w)
{
    if (w->kind != MS_TOK_WORD) {
        strcpy(w->lemma, w->text);
        w->text_len = w->lemma_len = (unsigned char)strlen(w->text);
        return;
    }
    const char *fix = ms_spelling_fix(lang->spell, w->text);
    if (fix)
        copy_word(w->text, fix);
    if (w->flags & MS_TOKF_ELONGATED)
        unstretch(lang, w->text);
    w->text_len = (unsigned char)strlen(w->text);
    unsigned roles = roles_of(lang, w->text, w->text_len);
    /* Function words are their own lemma for every purpose here, and
     * they are half of all words: skip the lemmatiser for them. */
    if ((roles & R_FUNCTION)
        || ms_lemmatize(lang->lem, w->text, w->lemma, sizeof w->lemma) != MS_OK)
        strcpy(w->lemma, w->text);
    w->lemma_len = (unsigned char)strlen(w->lemma);
    if (!(roles & R_FUNCTION) && strcmp(w->lemma, w->text) != 0)
        roles = roles_of(lang, w->lemma, w->lemma_len);
    w->roles = roles;
}

static ms_status add_words(const ms_lang *lang, ms_parse *p)
{
    for (size_t i = 0; i < p->toks.count; i++) {
        ms_status st = grow_words(p);
        if (st != MS_OK)
            return st;
        const ms_token *t = &p->toks.items[i];
        ms_word *w = &p->words[p->count++];
        memset(w, 0, sizeof *w);
        copy_word(w->text, t->text);
        w->kind = t->kind;
        w->flags = t->flags;
        w->weight = 1;
        w->boost = 1;
        normalise(lang, w);
    }
    return MS_OK;
}

/* ---- lexicon terms ------------------------------------------------------ */

/* Possessives fold to "my" so "cry your eyes out" meets "cry my eyes out". */
static const char *lookup_form(const ms_word *w, size_t *len)
{
    int mine = has_role(w, R_POSSESSIVE);
    *len = mine ? 2 : w->lemma_len;
    return mine ? "my" : w->lemma;
}

/* The lexicon term of n words starting at i, or NULL. */
static const ms_lexentry *term_at(const ms_lang *lang, const ms_parse *p,
                                  size_t i, size_t n)
{
    char key[MS_WORD_MAX * 8];
    size_t used = 0;
    for (size_t k = i; k < i + n; k++) {
        const ms_word *w = &p->words[k];
        if (w->kind == MS_TOK_PUNCT)
            return NULL;
        size_t len;
        const char *form = lookup_form(w, &len);
        if (used + len + 2 > sizeof key)
            return NULL;
        if (k > i)
            key[used++] = ' ';
        memcpy(key + used, form, len);
        used += len;
    }
    const ms_lexentry *e = ms_lexicon_get(lang->lex, key, used);
    const ms_word *w = &p->words[i];
    if (!e && n == 1 && strcmp(w->text, w->lemma) != 0)
        e = ms_lexicon_get(lang->lex, w->text, w->text_len); /* lemmatiser overreached */
    return e;
}

/* "kind of", "sort of", "a bit", "a little" hedge; they are not the
 * adjective "kind" or the size "little". */
static int is_hedge_noun(const ms_parse *p, size_t i)
{
    const char *w = p->words[i].lemma;
    int of_next = i + 1 < p->count && strcmp(p->words[i + 1].lemma, "of") == 0;
    int a_before = i > 0 && strcmp(p->words[i - 1].lemma, "a") == 0;
    return ((strcmp(w, "kind") == 0 || strcmp(w, "sort") == 0) && of_next)
        || ((strcmp(w, "bit") == 0 || strcmp(w, "little") == 0) && a_before);
}

static void match_terms(const ms_lang *lang, ms_parse *p)
{
    for (size_t i = 0; i < p->count; i++) {
        size_t len;
        const char *first = lookup_form(&p->words[i], &len);
        size_t longest = ms_lexicon_longest_from(lang->lex, first, len);
        if (longest < 1 && has_role(&p->words[i], R_FUNCTION))
            continue;                      /* grammar, and no phrase starts here */
        if (longest < 1)
            longest = 1;                   /* the surface form may match */
        size_t n = longest < p->count - i ? longest : p->count - i;
        if (n > 8)
            n = 8;
        for (; n > 0; n--) {
            const ms_lexentry *e = term_at(lang, p, i, n);
            if (!e || (n == 1 && is_hedge_noun(p, i)))
                continue;
            p->words[i].lex = e;
            p->words[i].lex_words = (unsigned char)n;
            for (size_t k = i + 1; k < i + n; k++)
                p->words[k].covered = 1;
            i += n - 1;
            break;
        }
    }
}

/* ---- negation, intensity, contrast -------------------------------------- */

static int is_trigger(const ms_word *w, unsigned role)
{
    return w->kind == MS_TOK_WORD && !w->lex && !w->covered
        && has_role(w, role);
}

/* "can't stop smiling", "couldn't help laughing": negating a verb of
 * stopping affirms what follows. */
static int cancels_negation(const ms_parse *p, size_t i)
{
    static const char *const stops[] = {"stop", "help", "quit", NULL};
    if (i >= p->count)
        return 0;
    for (const char *const *w = stops; *w; w++)
        if (strcmp(p->words[i].lemma, *w) == 0)
            return 1;
    return 0;
}

static void mark_negation(ms_parse *p)
{
    for (size_t i = 0; i < p->count; i++) {
        if (!is_trigger(&p->words[i], R_NEGATOR) || cancels_negation(p, i + 1))
            continue;
        size_t reach = 0;
        for (size_t k = i + 1; k < p->count && reach < NEG_SCOPE; k++) {
            ms_word *w = &p->words[k];
            if (w->kind == MS_TOK_PUNCT || has_role(w, R_BREAKER))
                break;
            w->negated = 1;
            if (!w->covered)
                reach++;
        }
    }
}

/* The next lexicon term within two words of i, or NULL. */
static ms_word *next_term(ms_parse *p, size_t i)
{
    for (size_t k = i + 1; k < p->count && k <= i + 3; k++) {
        if (p->words[k].kind == MS_TOK_PUNCT)
            return NULL;
        if (p->words[k].lex)
            return &p->words[k];
    }
    return NULL;
}

static void mark_intensity(ms_parse *p)
{
    for (size_t i = 0; i < p->count; i++) {
        ms_word *w = &p->words[i];
        if (w->lex && (w->flags & (MS_TOKF_CAPS | MS_TOKF_ELONGATED)))
            w->boost *= 1.3f;
        float f = is_trigger(w, R_INTENSIFIER) ? BOOST_UP
                : is_trigger(w, R_SOFTENER) ? BOOST_DOWN : 0;
        ms_word *target = f ? next_term(p, i) : NULL;
        if (target) {
            target->boost *= f;
            if (target->boost > BOOST_MAX)
                target->boost = BOOST_MAX;
        }
    }
}

static int ends_sentence(const ms_word *w)
{
    return w->kind == MS_TOK_PUNCT
        && (w->text[0] == '.' || w->text[0] == '!' || w->text[0] == '?');
}

/* "but" halves what came before it in the sentence and lifts what follows;
 * "although ..." halves its own clause. */
static void mark_contrast(ms_parse *p)
{
    size_t sentence = 0;
    for (size_t i = 0; i < p->count; i++) {
        ms_word *w = &p->words[i];
        if (ends_sentence(w)) {
            sentence = i + 1;
        } else if (is_trigger(w, R_CONTRAST)) {
            for (size_t k = sentence; k < i; k++)
                p->words[k].weight *= 0.5f;
            for (size_t k = i + 1; k < p->count && !ends_sentence(&p->words[k]); k++)
                p->words[k].weight *= 1.5f;
            sentence = i + 1;
        } else if (is_trigger(w, R_CONCESSIVE)) {
            for (size_t k = i + 1; k < p->count && p->words[k].kind != MS_TOK_PUNCT; k++)
                p->words[k].weight *= 0.5f;
        }
    }
}

/* ---- present versus wished-for feeling ---------------------------------- */

static int word_is(const ms_parse *p, size_t i, const char *lemma)
{
    return i < p->count && strcmp(p->words[i].lemma, lemma) == 0;
}

static int clause_start(const ms_parse *p, size_t i)
{
    return i == 0 || p->words[i - 1].kind == MS_TOK_PUNCT
        || word_is(p, i - 1, "and") || word_is(p, i - 1, "please")
        || word_is(p, i - 1, "pls") || word_is(p, i - 1, "just");
}

/* 1 when a wish for another feeling starts at word i: "want to ...",
 * "help me ...", "so i can ...", "something to ...". */
static int wish_at(const ms_parse *p, size_t i)
{
    const ms_word *w = &p->words[i];
    if (w->kind != MS_TOK_WORD || w->negated)
        return 0;
    if (has_role(w, R_WISH))
        return 1;
    if (word_is(p, i, "try") && word_is(p, i + 1, "to"))
        return 1;
    if (has_role(w, R_HELPER) && word_is(p, i + 1, "me")
        && (clause_start(p, i) || word_is(p, i - 1, "to")
            || word_is(p, i - 1, "you")))
        return 1;
    if (word_is(p, i, "so") && word_is(p, i + 1, "i"))
        return 1;
    return i > 0 && word_is(p, i, "to")
        && has_role(&p->words[i - 1], R_REQUEST);
}

static void mark_wishes(ms_parse *p)
{
    for (size_t i = 0; i < p->count; i++) {
        if (!wish_at(p, i))
            continue;
        for (; i < p->count; i++) {
            ms_word *w = &p->words[i];
            if (w->kind == MS_TOK_PUNCT || is_trigger(w, R_CONTRAST))
                break;
            w->role = MS_ROLE_DESIRED;
        }
    }
}

static int has_signal(const ms_parse *p, int role)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->words[i].role == role
            && (p->words[i].lex || p->words[i].kind == MS_TOK_EMOJI
                || p->words[i].kind == MS_TOK_EMOTICON))
            return 1;
    return 0;
}

/* Keeps the split only when both halves carry feeling and the wish points
 * somewhere more pleasant, or to another pace that is not unpleasant
 * ("happy, but want to slow down"): "I want to scream" states anger, it
 * does not wish for it. Otherwise every word describes the present. */
static void settle_roles(ms_parse *p)
{
    ms_lexsum now, wish;
    ms_parse_lexsum(p, MS_ROLE_CURRENT, &now);
    ms_parse_lexsum(p, MS_ROLE_DESIRED, &wish);
    int brighter = wish.valence > now.valence + 0.2 || wish.valence > 0.2;
    int pace = fabs(wish.arousal - now.arousal) > 0.4 && wish.valence > -0.2;
    p->split = has_signal(p, MS_ROLE_CURRENT) && wish.hits > 0
            && (brighter || pace);
    if (!p->split)
        for (size_t i = 0; i < p->count; i++)
            p->words[i].role = MS_ROLE_CURRENT;
}

/* ---- public ------------------------------------------------------------- */

int ms_parse_hit(const ms_parse *p, size_t i, double *v, double *a, double *w)
{
    const ms_word *wd = &p->words[i];
    if (!wd->lex)
        return 0;
    *v = wd->lex->valence;
    *a = wd->lex->arousal;
    if (wd->negated) {
        *v *= -0.5;
        *a *= -0.3;
    }
    *w = wd->lex->confidence * wd->weight * wd->boost;
    return 1;
}

void ms_parse_lexsum(const ms_parse *p, int role, ms_lexsum *sum)
{
    memset(sum, 0, sizeof *sum);
    for (size_t i = 0; i < p->count; i++) {
        double v, a, w;
        if (p->words[i].role != role || !ms_parse_hit(p, i, &v, &a, &w))
            continue;
        sum->valence += w * v;
        sum->arousal += w * a;
        sum->weight += w;
        sum->hits++;
    }
    if (sum->weight > 0) {
        sum->valence /= sum->weight;
        sum->arousal /= sum->weight;
    }
}

ms_status ms_parse_text(const ms_lang *lang, const char *text, size_t len,
                        ms_parse *out)
{
    out->count = 0;
    out->split = 0;
    ms_status st = ms_tokenize(text, len, &out->toks);
    if (st == MS_OK)
        st = add_words(lang, out);
    if (st != MS_OK)
        return st;
    match_terms(lang, out);
    mark_negation(out);
    mark_intensity(out);
    mark_contrast(out);
    mark_wishes(out);
    settle_roles(out);
    return MS_OK;
}

ms_status ms_parse_key(const ms_lang *lang, const char *term, char *key,
                       size_t n)
{
    ms_parse p = {0};
    ms_status st = ms_tokenize(term, strlen(term), &p.toks);
    if (st == MS_OK)
        st = add_words(lang, &p);
    size_t used = 0;
    for (size_t i = 0; i < p.count && st == MS_OK; i++) {
        if (p.words[i].kind == MS_TOK_PUNCT)
            continue;
        size_t len;
        const char *form = lookup_form(&p.words[i], &len);
        if (used + len + 2 > n)
            st = ms_fail(MS_ERR_RANGE, "lexicon term '%.40s' is too long", term);
        else {
            if (used)
                key[used++] = ' ';
            memcpy(key + used, form, len + 1);
            used += len;
        }
    }
    ms_parse_free(&p);
    if (st == MS_OK && used == 0)
        st = ms_fail(MS_ERR_FORMAT, "lexicon term '%.40s' holds no word", term);
    return st;
}

void ms_parse_free(ms_parse *p)
{
    ms_tokens_free(&p->toks);
    free(p->words);
    memset(p, 0, sizeof *p);
}
