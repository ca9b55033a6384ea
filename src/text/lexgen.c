/* lexgen.c — grows the authored affect seed into a lexicon of tens of
 * thousands of lemmas by walking WordNet (Miller 1995) outwards from each
 * seed, in the spirit of SentiWordNet's propagation (Esuli & Sebastiani
 * 2006): each hop keeps less of the seed's confidence, rarer senses keep
 * less still, and antonyms flip valence. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moodscape/train.h"
#include "moodscape/data.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/tsv.h"
#include "lexicon.h"
#include "parse.h"
#include "wordnet.h"

#define HOPS        3
#define CONF_FLOOR  0.25
#define KEY_MAX     256

/* One lemma's accumulated evidence. */
typedef struct acc {
    double sum_v, sum_a, sum_w, conf;
    int    seed;          /* authored: never overwritten by inference */
    int    hop;           /* hop at which it was first reached */
} acc;

typedef struct growth {
    ms_strmap *index;     /* key -> slot in keys/accs */
    char     **keys;
    acc       *accs;
    size_t     count, cap;
    const ms_lang *lang;
    const ms_wordnet *wn;
    /* the link walk's current source */
    double     src_v, src_a, src_conf;
    int        hop;
} growth;

static double relation_factor(ms_wn_rel rel)
{
    switch (rel) {
    case MS_WN_SYNONYM:   return 0.75;
    case MS_WN_SIMILAR:   return 0.65;
    case MS_WN_DERIVED:   return 0.6;
    case MS_WN_ANTONYM:   return 0.6;
    case MS_WN_PERTAINYM: return 0.55;
    case MS_WN_ALSO_SEE:  return 0.5;
    }
    return 0;
}

static ms_status slot_for(growth *g, const char *key, size_t *at)
{
    uint32_t v;
    if (ms_strmap_get(g->index, key, strlen(key), &v)) {
        *at = v;
        return MS_OK;
    }
    if (g->count == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 4096;
        char **keys = realloc(g->keys, cap * sizeof *keys);
        acc *accs = keys ? realloc(g->accs, cap * sizeof *accs) : NULL;
        if (keys)
            g->keys = keys;
        if (!accs)
            return ms_fail(MS_ERR_NOMEM, "lexicon: out of memory");
        g->accs = accs;
        g->cap = cap;
    }
    g->keys[g->count] = strdup(key);
    if (!g->keys[g->count])
        return ms_fail(MS_ERR_NOMEM, "lexicon: out of memory");
    memset(&g->accs[g->count], 0, sizeof(acc));
    g->accs[g->count].hop = HOPS + 1;
    *at = g->count;
    return ms_strmap_put(g->index, key, strlen(key), (uint32_t)g->count++);
}

static void add_evidence(acc *a, double v, double ar, double conf, int hop)
{
    a->sum_v += conf * v;
    a->sum_a += conf * ar;
    a->sum_w += conf;
    if (conf > a->conf)
        a->conf = conf;
    if (hop < a->hop)
        a->hop = hop;
}

/* ---- seeds -------------------------------------------------------------- */

static ms_status add_seed(growth *g, char **f, const char *path, size_t line)
{
    double v, a;
    char key[KEY_MAX];
    if (ms_parse_double(f[1], &v) || ms_parse_double(f[2], &a)
        || fabs(v) > 1 || fabs(a) > 1)
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: valence and arousal must be "
                       "numbers in [-1, 1]", path, line);
    size_t at;
    if (ms_parse_key(g->lang, f[0], key, sizeof key) != MS_OK) {
        /* A term the tokenizer cannot see could never match; say so. */
        fprintf(stderr, "%s:%zu: skipped: %s\n", path, line, ms_last_error());
        return MS_OK;
    }
    ms_status st = slot_for(g, key, &at);
    if (st != MS_OK)
        return st;
    g->accs[at].seed = 1;
    add_evidence(&g->accs[at], v, a, 1.0, 0);
    return MS_OK;
}

static ms_status read_seed(growth *g, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    char line[1024];
    size_t lineno = 0;
    ms_status st = MS_OK;
    while (st == MS_OK && fgets(line, sizeof line, fp)) {
        char *f[4];
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (ms_tsv_split(line, f, 4) != 3)
            st = ms_fail(MS_ERR_FORMAT, "%s:%zu: expected term, valence, "
                         "arousal", path, lineno);
        else
            st = add_seed(g, f, path, lineno);
    }
    fclose(fp);
    return st;
}

/* ---- expansion ---------------------------------------------------------- */

static void visit_link(void *ctx, const ms_wn_link *link)
{
    growth *g = ctx;
    char key[KEY_MAX];
    double conf = g->src_conf * relation_factor(link->rel)
                / (1.0 + 0.25 * (link->sense > 0 ? link->sense - 1 : 0));
    size_t at;
    if (conf < CONF_FLOOR || ms_parse_key(g->lang, link->lemma, key, sizeof key)
        || ms_term_is_grammar(g->lang, key) || slot_for(g, key, &at) != MS_OK
        || g->accs[at].seed)
        return;
    int flip = link->rel == MS_WN_ANTONYM;
    add_evidence(&g->accs[at], flip ? -g->src_v : g->src_v,
                 flip ? 0.5 * g->src_a : g->src_a, conf, g->hop);
}

/* Spreads every lemma first reached at hop-1 to its WordNet neighbours. */
static void spread(growth *g, int hop)
{
    size_t frontier = g->count;       /* lemmas added now wait a hop */
    g->hop = hop;
    for (size_t i = 0; i < frontier; i++) {
        acc *a = &g->accs[i];
        if (a->hop != hop - 1 || strchr(g->keys[i], ' ') || a->sum_w <= 0)
            continue;
        g->src_v = a->sum_v / a->sum_w;
        g->src_a = a->sum_a / a->sum_w;
        g->src_conf = a->conf;
        char word[KEY_MAX];
        strcpy(word, g->keys[i]);
        for (int pos = 0; pos < MS_POS_COUNT; pos++)
            ms_wordnet_links(g->wn, word, (ms_pos)pos, visit_link, g);
    }
}

/* ---- output ------------------------------------------------------------- */

static int compare_keys(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static ms_status write_lexicon(growth *g, const char *path,
                               ms_lexicon_report *rep)
{
    char **sorted = malloc((g->count ? g->count : 1) * sizeof *sorted);
    FILE *fp = sorted ? fopen(path, "w") : NULL;
    if (!fp) {
        free(sorted);
        return ms_fail(MS_ERR_IO, "%s: cannot create", path);
    }
    memcpy(sorted, g->keys, g->count * sizeof *sorted);
    qsort(sorted, g->count, sizeof *sorted, compare_keys);
    memset(rep, 0, sizeof *rep);
    for (size_t i = 0; i < g->count; i++) {
        uint32_t at;
        ms_strmap_get(g->index, sorted[i], strlen(sorted[i]), &at);
        const acc *a = &g->accs[at];
        if (a->sum_w <= 0)
            continue;
        fprintf(fp, "%s\t%.3f\t%.3f\t%.3f\t%s\n", sorted[i], a->sum_v / a->sum_w,
                a->sum_a / a->sum_w, a->seed ? 1.0 : a->conf,
                a->seed ? "seed" : "wordnet");
        rep->total_terms++;
        rep->seed_terms += a->seed != 0;
        rep->single_words += strchr(sorted[i], ' ') == NULL;
    }
    free(sorted);
    return fclose(fp) == 0 ? MS_OK : ms_fail(MS_ERR_IO, "%s: write failed", path);
}

static ms_status write_morph(const ms_wordnet *wn, const char *path)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot create", path);
    ms_status st = ms_wordnet_write_morph(wn, fp);
    if (fclose(fp) != 0 && st == MS_OK)
        st = ms_fail(MS_ERR_IO, "%s: write failed", path);
    return st;
}

static void growth_free(growth *g)
{
    for (size_t i = 0; i < g->count; i++)
        free(g->keys[i]);
    free(g->keys);
    free(g->accs);
    ms_strmap_free(g->index);
}

ms_status ms_train_lexicon(const char *wordnet_dir, const char *seed_path,
                           const char *out_dir, ms_lexicon_report *report)
{
    char morph[4096], out[4096];
    ms_wordnet *wn = NULL;
    ms_lemmatizer *lem = NULL;
    ms_lexicon *empty = NULL;
    ms_strmap *roles = NULL;
    growth g = {0};
    ms_status st = ms_data_path(out_dir, "morph.txt", morph, sizeof morph);
    if (st == MS_OK) st = ms_data_path(out_dir, "lexicon.tsv", out, sizeof out);
    if (st == MS_OK) st = ms_wordnet_open(wordnet_dir, &wn);
    if (st == MS_OK) st = write_morph(wn, morph);
    if (st == MS_OK) st = ms_lemmatizer_open(morph, &lem);
    if (st == MS_OK) st = ms_lexicon_new(&empty);
    if (st == MS_OK) st = ms_strmap_new(&g.index);
    if (st == MS_OK) st = ms_word_roles_new(&roles);
    ms_lang lang = {lem, empty, NULL, roles};
    g.lang = &lang;
    g.wn = wn;
    if (st == MS_OK) st = read_seed(&g, seed_path);
    for (int hop = 1; hop <= HOPS && st == MS_OK; hop++)
        spread(&g, hop);
    if (st == MS_OK) st = write_lexicon(&g, out, report);
    growth_free(&g);
    ms_strmap_free(roles);
    ms_lexicon_close(empty);
    ms_lemmatizer_close(lem);
    ms_wordnet_close(wn);
    return st;
}
