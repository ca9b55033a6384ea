/* eval_audio.c — `moodscape eval audio`: how well the music emotion
 * model hears labelled audio files. */
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/tsv.h"
#include "cli.h"
#include "moodscape/json.h"
#include "moodscape/listen.h"
#include "moodscape/metrics.h"

typedef struct labels {
    double *vt, *vp, *at, *ap;
    int    *mt, *mp;             /* moods, when labelled */
    size_t  n, cap, n_mood, failed;
} labels;

static int grow(labels *l)
{
    if (l->n < l->cap)
        return 0;
    size_t cap = l->cap ? l->cap * 2 : 256;
    double **d[4] = {&l->vt, &l->vp, &l->at, &l->ap};
    for (int i = 0; i < 4; i++) {
        double *g = realloc(*d[i], cap * sizeof *g);
        if (!g)
            return -1;
        *d[i] = g;
    }
    int **m[2] = {&l->mt, &l->mp};
    for (int i = 0; i < 2; i++) {
        int *g = realloc(*m[i], cap * sizeof *g);
        if (!g)
            return -1;
        *m[i] = g;
    }
    l->cap = cap;
    return 0;
}

/* A path in the labels file, taken relative to the file's folder. */
static void resolve(const char *labels_path, const char *file, char *out,
                    size_t n)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", labels_path);
    if (file[0] == '/')
        snprintf(out, n, "%s", file);
    else
        snprintf(out, n, "%s/%s", dirname(dir), file);
}

typedef struct columns { int file, valence, arousal, mood; } columns;

static void take_row(labels *l, const ms_listener *ls, const char *path,
                     char **f, size_t nf, const columns *c, size_t line)
{
    double v, a;
    char audio[8192];
    ms_features feat;
    ms_emotion e;
    int max = c->file > c->valence ? c->file : c->valence;
    max = max > c->arousal ? max : c->arousal;
    if ((int)nf <= max || ms_parse_double(f[c->valence], &v)
        || ms_parse_double(f[c->arousal], &a)) {
        fprintf(stderr, "moodscape: eval: %s:%zu: bad row\n", path, line);
        l->failed++;
        return;
    }
    resolve(path, f[c->file], audio, sizeof audio);
    if (ms_features_of_file(audio, &feat) != MS_OK) {
        ms_cli_error("eval", audio, ms_last_error());
        l->failed++;
        return;
    }
    if (grow(l))
        return;
    ms_listener_hear(ls, &feat, &e);
    l->vt[l->n] = v;
    l->vp[l->n] = e.valence;
    l->at[l->n] = a;
    l->ap[l->n] = e.arousal;
    l->mt[l->n] = c->mood >= 0 && (int)nf > c->mood
                      ? ms_moods_find(ms_listener_moods(ls), f[c->mood]) : -1;
    l->mp[l->n] = (int)e.mood;
    l->n_mood += l->mt[l->n] >= 0;
    l->n++;
}

static int read_labels(labels *l, const ms_listener *ls, const char *path)
{
    FILE *fp = fopen(path, "r");
    char line[8192], *f[16];
    columns c;
    size_t lineno = 1;
    if (!fp) {
        ms_cli_error("eval", path, "cannot open");
        return -1;
    }
    if (!fgets(line, sizeof line, fp)) {
        fclose(fp);
        ms_cli_error("eval", path, "empty file");
        return -1;
    }
    size_t n = ms_tsv_split(line, f, 16);
    for (size_t i = 0; i < n && i < 16; i++)
        ms_trim_lower(f[i]);
    c.file = ms_tsv_column(f, n, "file");
    c.valence = ms_tsv_column(f, n, "valence");
    c.arousal = ms_tsv_column(f, n, "arousal");
    c.mood = ms_tsv_column(f, n, "mood");
    if (c.file < 0 || c.valence < 0 || c.arousal < 0) {
        fclose(fp);
        ms_cli_error("eval", path, "the header must name file, valence "
                     "and arousal");
        return -1;
    }
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        if (line[0] == '\n' || line[0] == '#')
            continue;
        n = ms_tsv_split(line, f, 16);
        take_row(l, ls, path, f, n, &c, lineno);
    }
    fclose(fp);
    return 0;
}

static int quadrant(double v, double a)
{
    return (v >= 0 ? 0 : 2) + (a >= 0 ? 0 : 1);
}

static double quadrant_accuracy(const labels *l)
{
    size_t hit = 0;
    for (size_t i = 0; i < l->n; i++)
        hit += quadrant(l->vt[i], l->at[i]) == quadrant(l->vp[i], l->ap[i]);
    return l->n ? (double)hit / l->n : NAN;
}

static double mood_accuracy(const labels *l)
{
    size_t hit = 0;
    for (size_t i = 0; i < l->n; i++)
        hit += l->mt[i] >= 0 && l->mt[i] == l->mp[i];
    return l->n_mood ? (double)hit / l->n_mood : NAN;
}

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *axis_json(const double *t, const double *p, size_t n)
{
    return json_pack("{s:o,s:o,s:o,s:o}", "pearson", jnum(ms_pearson(t, p, n)),
                     "r2", jnum(ms_r2(t, p, n)), "rmse", jnum(ms_rmse(t, p, n)),
                     "ccc", jnum(ms_ccc(t, p, n)));
}

static void print_report(const labels *l, int json)
{
    if (json) {
        json_t *o = json_pack("{s:I,s:I,s:o,s:o,s:o,s:o}", "n",
                              (json_int_t)l->n, "failed",
                              (json_int_t)l->failed, "valence",
                              axis_json(l->vt, l->vp, l->n), "arousal",
                              axis_json(l->at, l->ap, l->n),
                              "quadrant_accuracy", jnum(quadrant_accuracy(l)),
                              "mood_accuracy", jnum(mood_accuracy(l)));
        char *s = o ? json_dumps(o, MS_JSON_FLAGS) : NULL;
        puts(s ? s : "{}");
        free(s);
        json_decref(o);
        return;
    }
    printf("files               %zu  (%zu could not be read)\n", l->n,
           l->failed);
    const char *names[2] = {"valence", "arousal"};
    const double *t[2] = {l->vt, l->at}, *p[2] = {l->vp, l->ap};
    for (int k = 0; k < 2; k++)
        printf("%-8s pearson %.3f  R^2 %.3f  RMSE %.3f  CCC %.3f\n", names[k],
               ms_pearson(t[k], p[k], l->n), ms_r2(t[k], p[k], l->n),
               ms_rmse(t[k], p[k], l->n), ms_ccc(t[k], p[k], l->n));
    printf("quadrant accuracy   %.3f\n", quadrant_accuracy(l));
    if (l->n_mood)
        printf("mood accuracy       %.3f  (%zu labelled)\n", mood_accuracy(l),
               l->n_mood);
}

int ms_eval_audio(const char *path, int json, const char *data)
{
    char dir[4096];
    ms_listener *ls = NULL;
    labels l = {0};
    if (!(data = ms_cli_data("eval", data, dir, sizeof dir)))
        return MS_EXIT_FAILED;
    if (ms_listener_open(data, &ls) != MS_OK) {
        ms_cli_error("eval", "audio model", ms_last_error());
        return MS_EXIT_FAILED;
    }
    int st = read_labels(&l, ls, path);
    if (st == 0)
        print_report(&l, json);
    int failed = st != 0 || l.failed > 0;
    free(l.vt);
    free(l.vp);
    free(l.at);
    free(l.ap);
    free(l.mt);
    free(l.mp);
    ms_listener_close(ls);
    return failed ? MS_EXIT_FAILED : MS_EXIT_OK;
}
