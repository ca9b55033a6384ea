/* syngrow.c — growing the music synonyms through WordNet, at build time.
 *
 * The authored table (data/synonyms.tsv) maps how people ask for music
 * to the words catalogues use. WordNet adds what it knows about those
 * catalogue words: for each single-word adjective among them ("calm",
 * "dreamy", "melancholic"), the other words of its two most common senses
 * and of the senses similar to them ("tranquil", "serene", "unagitated",
 * "pensive"), each pointing back to the catalogue word. Only adjectives:
 * the first senses of genre and instrument nouns are rarely musical
 * ("rock" is a stone, "house" a building, "soul" a spirit). Authored
 * lines win over grown ones. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "moodscape/train.h"
#include "base/atomic.h"
#include "base/error.h"
#include "base/grow.h"
#include "base/strmap.h"
#include "base/tsv.h"
#include "wordnet.h"

#define SENSES 2                 /* most common senses followed */
#define TARGETS_PER_WORD 4

typedef struct grown {
    char   word[48];
    char   targets[TARGETS_PER_WORD][48];
    size_t n;
} grown;

typedef struct grower {
    ms_strmap *authored;         /* keys of the authored table, and the
                                    catalogue words themselves */
    ms_strmap *index;            /* grown word -> entry */
    grown     *items;
    size_t     count, cap;
    const char *target;          /* the catalogue word being visited */
    ms_status  st;
} grower;

static int plain_word(const char *s)
{
    if (strlen(s) < 3 || strlen(s) >= 48)
        return 0;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && *s != '-')
            return 0;
    return 1;
}

static void add_link(grower *g, const char *word)
{
    uint32_t at;
    if (g->st != MS_OK || !plain_word(word) || strcmp(word, g->target) == 0
        || ms_strmap_get(g->authored, word, strlen(word), &at))
        return;
    if (!ms_strmap_get(g->index, word, strlen(word), &at)) {
        if (ms_grow((void **)&g->items, &g->cap, g->count, sizeof *g->items)) {
            g->st = ms_fail(MS_ERR_NOMEM, "synonyms: out of memory");
            return;
        }
        at = (uint32_t)g->count++;
        memset(&g->items[at], 0, sizeof g->items[at]);
        snprintf(g->items[at].word, sizeof g->items[at].word, "%s", word);
        g->st = ms_strmap_put(g->index, word, strlen(word), at);
    }
    grown *e = &g->items[at];
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->targets[i], g->target) == 0)
            return;
    if (e->n < TARGETS_PER_WORD)
        snprintf(e->targets[e->n++], sizeof e->targets[0], "%s", g->target);
}

static void visit(void *ctx, const ms_wn_link *l)
{
    if ((l->rel == MS_WN_SYNONYM || l->rel == MS_WN_SIMILAR)
        && l->sense <= SENSES)
        add_link(ctx, l->lemma);
}

/* The catalogue words of one authored line: single words on its right. */
/* Marks the single catalogue words of a line as known, so that none of
 * them is grown into a synonym of another ("dark" stays "dark"). */
static ms_status mark_targets(grower *g, char *means)
{
    ms_status st = MS_OK;
    for (char *save = NULL, *w = strtok_r(means, ",", &save); w && st == MS_OK;
         w = strtok_r(NULL, ",", &save)) {
        w = ms_trim_lower(w);
        st = ms_strmap_put(g->authored, w, strlen(w), 1);
    }
    return st;
}

static ms_status grow_line(grower *g, const ms_wordnet *wn, char *means)
{
    ms_status st = MS_OK;
    for (char *save = NULL, *w = strtok_r(means, ",", &save); w && st == MS_OK;
         w = strtok_r(NULL, ",", &save)) {
        w = ms_trim_lower(w);
        if (strchr(w, ' ') || !plain_word(w))
            continue;
        g->target = w;
        st = ms_wordnet_links(wn, w, MS_POS_ADJ, visit, g);
        if (st == MS_OK)
            st = g->st;
    }
    return st;
}

/* Reads the authored table: its keys, and copies every line to out. */
static ms_status read_seed(grower *g, const ms_wordnet *wn, const char *path,
                           FILE *out)
{
    FILE *f = fopen(path, "r");
    char line[4096], copy[4096];
    ms_status st = f ? MS_OK : ms_fail(MS_ERR_IO, "%s: cannot open", path);
    while (st == MS_OK && f && fgets(line, sizeof line, f)) {
        fputs(line, out);
        char *fields[3];
        snprintf(copy, sizeof copy, "%s", line);
        if (copy[0] == '#' || ms_tsv_split(copy, fields, 3) != 2)
            continue;
        st = ms_strmap_put(g->authored, fields[0], strlen(fields[0]), 1);
        if (st == MS_OK)
            st = mark_targets(g, fields[1]);
    }
    if (f)
        rewind(f);
    while (st == MS_OK && f && fgets(line, sizeof line, f)) {
        char *fields[3];
        if (line[0] != '#' && ms_tsv_split(line, fields, 3) == 2
            && strcmp(fields[0], "word") != 0)
            st = grow_line(g, wn, fields[1]);
    }
    if (f)
        fclose(f);
    return st;
}

static int by_word(const void *a, const void *b)
{
    return strcmp(((const grown *)a)->word, ((const grown *)b)->word);
}

ms_status ms_train_synonyms(const char *wordnet_dir, const char *seed_path,
                            const char *out_path, size_t *added)
{
    grower g = {0};
    ms_wordnet *wn = NULL;
    ms_atomic a;
    *added = 0;
    ms_status st = ms_wordnet_open(wordnet_dir, &wn);
    if (st == MS_OK) st = ms_strmap_new(&g.authored);
    if (st == MS_OK) st = ms_strmap_new(&g.index);
    int begun = st == MS_OK && (st = ms_atomic_begin(&a, out_path)) == MS_OK;
    /* a stream of its own on a copy of the descriptor, so closing it
     * leaves a.fd to ms_atomic_commit() */
    FILE *out = st == MS_OK ? fdopen(dup(a.fd), "w") : NULL;
    if (st == MS_OK && !out)
        st = ms_fail(MS_ERR_IO, "%s: cannot write", out_path);
    if (st == MS_OK)
        st = read_seed(&g, wn, seed_path, out);
    if (st == MS_OK) {
        qsort(g.items, g.count, sizeof *g.items, by_word);
        fputs("# grown through WordNet from the catalogue words above\n", out);
        for (size_t i = 0; i < g.count; i++) {
            fprintf(out, "%s\t", g.items[i].word);
            for (size_t k = 0; k < g.items[i].n; k++)
                fprintf(out, "%s%s", k ? ", " : "", g.items[i].targets[k]);
            fputc('\n', out);
        }
        *added = g.count;
    }
    if (out && fclose(out) != 0 && st == MS_OK)
        st = ms_fail(MS_ERR_IO, "%s: write failed", out_path);
    if (st == MS_OK)
        st = ms_atomic_commit(&a);
    else if (begun)
        ms_atomic_abort(&a);
    free(g.items);
    ms_strmap_free(g.authored);
    ms_strmap_free(g.index);
    ms_wordnet_close(wn);
    return st;
}
