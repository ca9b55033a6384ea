/* train.c — training the text model on the authored corpus, with a fixed
 * held-out split that the model never sees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moodscape/train.h"
#include "moodscape/data.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/tsv.h"
#include "features.h"
#include "model.h"
#include "parse.h"
#include "resources.h"

/* Chosen on a slice of the training split (one sentence in five of what
 * is not dev), never on the dev split. */
static const ms_train_opts OPTS = {
    .epochs = 12, .rate = 0.08, .l2 = 1e-6, .seed = 0x6d6f6f6473636170ULL,
    .nb_alpha = 0.3, .nb_share = 0.1
};

typedef struct corpus {
    ms_example *ex;
    size_t      count, cap;
    FILE       *dev;
    ms_text_report *rep;
    const ms_moods *moods;
    ms_lang     lang;
    ms_parse    parse;
    ms_feats    feats;
} corpus;

/* One sentence in five, by a hash of its text: stable when sentences are
 * added or reordered, and the same on every machine. */
static int held_out(const char *text)
{
    return ms_hash(text, strlen(text)) % 5 == 0;
}

static ms_status add_example(corpus *c, const char *text, int label,
                             int has_va, double v, double a)
{
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        ms_example *ex = realloc(c->ex, cap * sizeof *ex);
        if (!ex)
            return ms_fail(MS_ERR_NOMEM, "training: out of memory");
        c->ex = ex;
        c->cap = cap;
    }
    ms_status st = ms_parse_text(&c->lang, text, strlen(text), &c->parse);
    if (st == MS_OK)
        st = ms_features(&c->parse, MS_ROLE_CURRENT, c->moods, &c->feats);
    if (st != MS_OK)
        return st;
    ms_example *e = &c->ex[c->count];
    e->feats = malloc((c->feats.count ? c->feats.count : 1) * sizeof *e->feats);
    if (!e->feats)
        return ms_fail(MS_ERR_NOMEM, "training: out of memory");
    memcpy(e->feats, c->feats.items, c->feats.count * sizeof *e->feats);
    e->count = c->feats.count;
    e->label = label;
    e->has_va = has_va;
    e->valence = (float)v;
    e->arousal = (float)a;
    c->count++;
    return MS_OK;
}

typedef struct columns { int mood, text, valence, arousal; } columns;

static ms_status read_header(char *line, columns *col, const char *path)
{
    char *f[16];
    size_t n = ms_tsv_split(line, f, 16);
    if (n > 16)
        n = 16;
    col->mood = ms_tsv_column(f, n, "mood");
    col->text = ms_tsv_column(f, n, "text");
    col->valence = ms_tsv_column(f, n, "valence");
    col->arousal = ms_tsv_column(f, n, "arousal");
    if (col->mood < 0 || col->text < 0)
        return ms_fail(MS_ERR_FORMAT, "%s: the header must name the columns "
                       "'mood' and 'text'", path);
    return MS_OK;
}

static ms_status take_row(corpus *c, char **f, size_t n, const columns *col,
                          const char *path, size_t lineno)
{
    int need = col->mood > col->text ? col->mood : col->text;
    if ((int)n <= need)
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: too few columns", path, lineno);
    int mood = ms_moods_find(c->moods, f[col->mood]);
    if (mood < 0)
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: unknown mood '%s'", path,
                       lineno, f[col->mood]);
    double v = 0, a = 0;
    int has_va = col->valence >= 0 && col->arousal >= 0
              && (int)n > col->valence && (int)n > col->arousal
              && !ms_parse_double(f[col->valence], &v)
              && !ms_parse_double(f[col->arousal], &a);
    const char *text = f[col->text];
    if (held_out(text)) {
        c->rep->dev++;
        fprintf(c->dev, "%s\t%.2f\t%.2f\t%s\n",
                ms_moods_get(c->moods, (size_t)mood)->id, v, a, text);
        return MS_OK;
    }
    c->rep->train++;
    return add_example(c, text, mood, has_va, v, a);
}

static ms_status read_corpus(corpus *c, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    char line[8192];
    columns col = {-1, -1, -1, -1};
    size_t lineno = 1;
    ms_status st = fgets(line, sizeof line, fp)
                 ? read_header(line, &col, path)
                 : ms_fail(MS_ERR_FORMAT, "%s: empty", path);
    while (st == MS_OK && fgets(line, sizeof line, fp)) {
        char *f[16];
        lineno++;
        size_t n = ms_tsv_split(line, f, 16);
        if (n == 1 && f[0][0] == '\0')
            continue;
        st = take_row(c, f, n > 16 ? 16 : n, &col, path, lineno);
    }
    fclose(fp);
    return st;
}

static ms_status read_neutral(corpus *c, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    char line[8192];
    ms_status st = MS_OK;
    int label = (int)ms_moods_count(c->moods);
    while (st == MS_OK && fgets(line, sizeof line, fp)) {
        char *f[3];
        if (ms_tsv_split(line, f, 3) != 2 || f[1][0] == '\0')
            continue;
        if (held_out(f[1])) {
            c->rep->neutral_dev++;
            fprintf(c->dev, "neutral\t0.00\t0.00\t%s\n", f[1]);
        } else {
            c->rep->neutral_train++;
            st = add_example(c, f[1], label, 0, 0, 0);
        }
    }
    fclose(fp);
    return st;
}

static void free_corpus(corpus *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->ex[i].feats);
    free(c->ex);
    ms_parse_free(&c->parse);
    ms_feats_free(&c->feats);
}

static ms_status fit_and_save(corpus *c, const char *model_path)
{
    ms_textmodel *m = NULL;
    ms_status st = ms_textmodel_train(c->moods, c->ex, c->count, &OPTS, &m);
    if (st == MS_OK)
        st = ms_textmodel_save(m, model_path);
    ms_textmodel_close(m);
    return st;
}

ms_status ms_train_text(const char *data_dir, const char *corpus_path,
                        const char *neutral, const char *model_path,
                        const char *dev_path, ms_text_report *report)
{
    ms_resources r;
    corpus c = {0};
    memset(report, 0, sizeof *report);
    ms_status st = ms_resources_load(data_dir, &r);
    c.dev = st == MS_OK ? fopen(dev_path, "w") : NULL;
    if (st == MS_OK && !c.dev)
        st = ms_fail(MS_ERR_IO, "%s: cannot create", dev_path);
    c.rep = report;
    c.moods = r.moods;
    c.lang = r.lang;
    if (st == MS_OK) {
        fprintf(c.dev, "mood\tvalence\tarousal\ttext\n");
        st = read_corpus(&c, corpus_path);
    }
    if (st == MS_OK && neutral)
        st = read_neutral(&c, neutral);
    if (c.dev && fclose(c.dev) != 0 && st == MS_OK)
        st = ms_fail(MS_ERR_IO, "%s: write failed", dev_path);
    if (st == MS_OK)
        st = fit_and_save(&c, model_path);
    free_corpus(&c);
    ms_resources_free(&r);
    return st;
}
