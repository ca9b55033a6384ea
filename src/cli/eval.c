/* eval.c — `moodscape eval text` (and the dispatch to eval audio): how well the text model reads labelled
 * sentences, in the metrics of src/eval. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "moodscape/json.h"
#include "moodscape/metrics.h"
#include "base/tsv.h"

static const char help[] =
    "usage: moodscape eval text FILE.tsv [--json] [--data DIR]\n"
    "       moodscape eval audio LABELS.tsv [--json] [--data DIR]\n"
    "       moodscape eval reco QUERIES.tsv [--db PATH] [--json] [--data DIR]\n"
    "\n"
    "Reads every sentence of FILE.tsv, a TSV whose header names the columns\n"
    "'mood' and 'text' and optionally 'valence' and 'arousal', and prints\n"
    "accuracy, macro-F1, circumplex-quadrant accuracy, per-mood precision,\n"
    "recall and F1, a confusion matrix, and, when valence and arousal are\n"
    "given, Pearson, Spearman, CCC, RMSE and R^2 for each axis. Rows whose\n"
    "mood is 'neutral' measure how often text without feeling is flagged\n"
    "uncertain; they are left out of the mood scores.\n"
    "\n"
    "audio: LABELS.tsv names the columns 'file', 'valence', 'arousal' and\n"
    "optionally 'mood'; files are found relative to LABELS.tsv. Prints\n"
    "Pearson r, R^2, RMSE and CCC for each axis and quadrant accuracy.\n"
    "\n"
    "reco: QUERIES.tsv names the columns 'query' and 'target_id' (a track\n"
    "of the catalogue in --db). Prints Recall@1, @5 and @10, MRR and\n"
    "nDCG@10 of moodscape's ranking and, from the same run, of a plain\n"
    "tf-idf ranking over the same descriptors and titles.\n"
    "\n"
    "  --json        print the figures as one JSON object\n"
    "  --data DIR    read models from DIR instead of the default data dir\n";

typedef struct results {
    int    *truth, *pred;
    double *vt, *vp, *at, *ap;       /* valence/arousal, labelled rows */
    size_t  n, n_va, cap;
    size_t  quad_mood, quad_point;   /* quadrant agreements */
    size_t  neutral, neutral_flagged, mood_flagged;
    size_t  bad_rows;
} results;

static int grow(results *r)
{
    if (r->n < r->cap)
        return 0;
    size_t cap = r->cap ? r->cap * 2 : 1024;
    int *t = realloc(r->truth, cap * sizeof *t);
    if (t) r->truth = t;
    int *p = t ? realloc(r->pred, cap * sizeof *p) : NULL;
    if (p) r->pred = p;
    double **d[4] = {&r->vt, &r->vp, &r->at, &r->ap};
    for (int i = 0; i < 4 && p; i++) {
        double *g = realloc(*d[i], cap * sizeof *g);
        if (!g)
            return -1;
        *d[i] = g;
    }
    if (!p)
        return -1;
    r->cap = cap;
    return 0;
}

static int quadrant(double v, double a)
{
    return (v >= 0) * 2 + (a >= 0);
}

typedef struct columns { int mood, text, valence, arousal; } columns;

static void score_row(results *res, const ms_moods *moods, int truth,
                      const ms_reading *rd, const double *va)
{
    const ms_mood *t = ms_moods_get(moods, (size_t)truth);
    const ms_mood *p = ms_moods_get(moods, rd->emotion.mood);
    res->truth[res->n] = truth;
    res->pred[res->n] = (int)rd->emotion.mood;
    res->quad_mood += quadrant(t->valence, t->arousal)
                   == quadrant(p->valence, p->arousal);
    res->quad_point += quadrant(t->valence, t->arousal)
                    == quadrant(rd->emotion.valence, rd->emotion.arousal);
    res->mood_flagged += rd->uncertain != 0;
    if (va) {
        res->vt[res->n_va] = va[0];
        res->at[res->n_va] = va[1];
        res->vp[res->n_va] = rd->emotion.valence;
        res->ap[res->n_va] = rd->emotion.arousal;
        res->n_va++;
    }
    res->n++;
}

static void take_row(results *res, const ms_reader *rd, char **f, size_t n,
                     const columns *c, size_t lineno)
{
    const ms_moods *moods = ms_reader_moods(rd);
    int need = c->mood > c->text ? c->mood : c->text;
    ms_reading reading;
    char where[64];
    snprintf(where, sizeof where, "line %zu", lineno);
    if ((int)n <= need) {
        ms_cli_error("eval", where, "too few columns");
        res->bad_rows++;
        return;
    }
    int truth = ms_moods_find(moods, f[c->mood]);
    int neutral = strcmp(f[c->mood], "neutral") == 0;
    if (truth < 0 && !neutral) {
        ms_cli_error("eval", where, "unknown mood");
        res->bad_rows++;
        return;
    }
    if (ms_reader_read(rd, f[c->text], strlen(f[c->text]), &reading) != MS_OK) {
        ms_cli_error("eval", where, ms_last_error());
        res->bad_rows++;
        return;
    }
    if (neutral) {
        res->neutral++;
        res->neutral_flagged += reading.uncertain != 0;
        return;
    }
    double va[2];
    int has_va = c->valence >= 0 && c->arousal >= 0 && (int)n > c->valence
              && (int)n > c->arousal && !ms_parse_double(f[c->valence], &va[0])
              && !ms_parse_double(f[c->arousal], &va[1]);
    if (grow(res) == 0)
        score_row(res, moods, truth, &reading, has_va ? va : NULL);
}

static int read_file(results *res, const ms_reader *rd, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        ms_cli_error("eval", path, "cannot open");
        return -1;
    }
    char *line = NULL, *f[16];
    size_t cap = 0, lineno = 1;
    columns c = {-1, -1, -1, -1};
    if (getline(&line, &cap, fp) > 0) {
        size_t n = ms_tsv_split(line, f, 16);
        n = n > 16 ? 16 : n;
        c = (columns){ms_tsv_column(f, n, "mood"), ms_tsv_column(f, n, "text"),
                      ms_tsv_column(f, n, "valence"),
                      ms_tsv_column(f, n, "arousal")};
    }
    if (c.mood < 0 || c.text < 0) {
        ms_cli_error("eval", path, "the header must name 'mood' and 'text'");
        free(line);
        fclose(fp);
        return -1;
    }
    while (getline(&line, &cap, fp) > 0) {
        size_t n = ms_tsv_split(line, f, 16);
        lineno++;
        if (n > 1 || f[0][0])
            take_row(res, rd, f, n > 16 ? 16 : n, &c, lineno);
    }
    free(line);
    fclose(fp);
    return 0;
}

/* ---- report --------------------------------------------------------------- */

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : NAN;
}

/* JSON has no NaN: an undefined figure is null. */
static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *axis_json(const double *t, const double *p, size_t n)
{
    return json_pack("{s:o,s:o,s:o,s:o,s:o}", "pearson", jnum(ms_pearson(t, p, n)),
                     "spearman", jnum(ms_spearman(t, p, n)),
                     "ccc", jnum(ms_ccc(t, p, n)), "rmse", jnum(ms_rmse(t, p, n)),
                     "r2", jnum(ms_r2(t, p, n)));
}

static json_t *report_json(const results *r, const ms_moods *moods)
{
    int nm = (int)ms_moods_count(moods);
    json_t *per = json_object();
    for (int k = 0; k < nm; k++) {
        ms_prf prf = ms_class_prf(r->truth, r->pred, r->n, k);
        json_object_set_new(per, ms_moods_get(moods, (size_t)k)->id,
            json_pack("{s:o,s:o,s:o,s:I}", "precision", jnum(prf.precision),
                      "recall", jnum(prf.recall), "f1", jnum(prf.f1), "n",
                      (json_int_t)(prf.tp + prf.fn)));
    }
    json_t *obj = json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}", "n", (json_int_t)r->n,
        "accuracy", jnum(ms_accuracy(r->truth, r->pred, r->n)),
        "macro_f1", jnum(ms_macro_f1(r->truth, r->pred, r->n, nm)),
        "quadrant_accuracy", jnum(ratio(r->quad_mood, r->n)),
        "quadrant_accuracy_va", jnum(ratio(r->quad_point, r->n)),
        "per_mood", per);
    if (r->n_va) {
        json_object_set_new(obj, "valence", axis_json(r->vt, r->vp, r->n_va));
        json_object_set_new(obj, "arousal", axis_json(r->at, r->ap, r->n_va));
    }
    json_object_set_new(obj, "n_neutral", json_integer((json_int_t)r->neutral));
    if (r->neutral)
        json_object_set_new(obj, "neutral_flagged_uncertain",
                            jnum(ratio(r->neutral_flagged, r->neutral)));
    json_object_set_new(obj, "moods_flagged_uncertain",
                        jnum(ratio(r->mood_flagged, r->n)));
    return obj;
}

static void print_confusion(const results *r, const ms_moods *moods)
{
    size_t nm = ms_moods_count(moods);
    size_t *cm = calloc(nm * nm, sizeof *cm);
    if (!cm || ms_confusion(r->truth, r->pred, r->n, (int)nm, cm) != MS_OK) {
        free(cm);
        return;
    }
    printf("\nconfusion (rows: labelled, columns: predicted)\n%-11s", "");
    for (size_t j = 0; j < nm; j++)
        printf(" %4.4s", ms_moods_get(moods, j)->id);
    for (size_t i = 0; i < nm; i++) {
        printf("\n%-11s", ms_moods_get(moods, i)->id);
        for (size_t j = 0; j < nm; j++)
            printf(" %4zu", cm[i * nm + j]);
    }
    printf("\n");
    free(cm);
}

static void print_axis(const char *name, const double *t, const double *p,
                       size_t n)
{
    printf("%-8s pearson %.3f  spearman %.3f  CCC %.3f  RMSE %.3f  R^2 %.3f\n",
           name, ms_pearson(t, p, n), ms_spearman(t, p, n), ms_ccc(t, p, n),
           ms_rmse(t, p, n), ms_r2(t, p, n));
}

static void print_report(const results *r, const ms_moods *moods)
{
    int nm = (int)ms_moods_count(moods);
    printf("sentences           %zu\n", r->n);
    printf("accuracy            %.3f\n", ms_accuracy(r->truth, r->pred, r->n));
    printf("macro-F1            %.3f\n", ms_macro_f1(r->truth, r->pred, r->n, nm));
    printf("quadrant accuracy   %.3f  (of the predicted mood)\n",
           ratio(r->quad_mood, r->n));
    printf("quadrant accuracy   %.3f  (of the predicted valence, arousal)\n",
           ratio(r->quad_point, r->n));
    if (r->n_va) {
        print_axis("valence", r->vt, r->vp, r->n_va);
        print_axis("arousal", r->at, r->ap, r->n_va);
    }
    if (r->neutral)
        printf("neutral sentences flagged uncertain  %.3f  (%zu)\n",
               ratio(r->neutral_flagged, r->neutral), r->neutral);
    printf("mood sentences flagged uncertain     %.3f\n",
           ratio(r->mood_flagged, r->n));
    printf("\n%-11s %9s %6s %6s %5s\n", "mood", "precision", "recall", "F1", "n");
    for (int k = 0; k < nm; k++) {
        ms_prf p = ms_class_prf(r->truth, r->pred, r->n, k);
        printf("%-11s %9.3f %6.3f %6.3f %5zu\n",
               ms_moods_get(moods, (size_t)k)->id, p.precision, p.recall,
               p.f1, p.tp + p.fn);
    }
    print_confusion(r, moods);
}

static void free_results(results *r)
{
    free(r->truth);
    free(r->pred);
    free(r->vt);
    free(r->vp);
    free(r->at);
    free(r->ap);
}

static int eval_text(const char *path, int json, const char *data)
{
    results res = {0};
    ms_reader *rd = ms_cli_reader("eval", data);
    if (!rd)
        return MS_EXIT_FAILED;
    int st = read_file(&res, rd, path);
    if (st == 0 && json) {
        json_t *obj = report_json(&res, ms_reader_moods(rd));
        char *s = json_dumps(obj, MS_JSON_FLAGS);
        puts(s ? s : "{}");
        free(s);
        json_decref(obj);
    } else if (st == 0) {
        print_report(&res, ms_reader_moods(rd));
    }
    int failed = st != 0 || res.bad_rows > 0;
    free_results(&res);
    ms_reader_close(rd);
    return failed ? MS_EXIT_FAILED : MS_EXIT_OK;
}

int ms_cmd_eval(int argc, char **argv)
{
    static const struct option longs[] = {
        {"json", no_argument, NULL, 'j'},
        {"data", required_argument, NULL, 'd'},
        {"db", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, json = 0;
    const char *data = NULL, *db = NULL;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'd': data = optarg; break;
        case 'b': db = optarg; break;
        case 'h': fputs(help, stdout); return MS_EXIT_OK;
        default: return ms_cli_usage("eval", "unknown or incomplete option");
        }
    }
    if (argc - optind != 2)
        return ms_cli_usage("eval", "expected: eval text|audio|reco FILE.tsv");
    if (strcmp(argv[optind], "audio") == 0)
        return ms_eval_audio(argv[optind + 1], json, data);
    if (strcmp(argv[optind], "reco") == 0)
        return ms_eval_reco(argv[optind + 1], json, data, db);
    if (strcmp(argv[optind], "text") != 0)
        return ms_cli_usage("eval", "unknown evaluation; available: text, "
                            "audio, reco");
    return eval_text(argv[optind + 1], json, data);
}
