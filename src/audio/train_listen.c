/* train_listen.c — learning how music feels from the composer's renders.
 *
 * No labelled real-world audio can be downloaded here, so the training
 * set is made: pieces at random points of the circumplex, each rendered
 * with deliberately varied genre, instruments, SoundFont, length, level,
 * brightness, stereo width and background noise (domain randomisation,
 * Tobin et al. 2017), so that what stays constant across them, the cues
 * music psychology names (tempo, mode, loudness, articulation, timbre),
 * is what the model learns. The model is a ridge regression, one for
 * each axis, over normalised inputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic.h"
#include "base/error.h"
#include "base/rng.h"
#include "moodscape/compose.h"
#include "moodscape/data.h"
#include "moodscape/listen.h"
#include "moodscape/synth.h"

#define D MS_LISTEN_INPUTS

/* ---- the varied renders ---------------------------------------------------- */

/* Level, tilt, width and noise: what mixing and recording change. */
static void vary_mix(ms_rng *rng, ms_pcm *p)
{
    double gain = pow(10, (-18 + 18 * ms_rng_unit(rng)) / 20);
    double noise = pow(10, (-75 + 45 * ms_rng_unit(rng)) / 20);
    double tilt = ms_rng_unit(rng) * 0.6 - 0.3;  /* <0 darker, >0 brighter */
    int mono = ms_rng_chance(rng, 0.2);
    double lp[2] = {0, 0}, hum[2] = {0, 0};
    for (size_t i = 0; i < p->frames; i++)
        for (int c = 0; c < p->channels; c++) {
            float *s = &p->samples[i * (size_t)p->channels + (size_t)c];
            double x = *s;
            if (mono && p->channels == 2)
                x = (p->samples[i * 2] + p->samples[i * 2 + 1]) / 2.0;
            lp[c & 1] += 0.35 * (x - lp[c & 1]);          /* one-pole */
            x = tilt < 0 ? x + tilt * 2 * (x - lp[c & 1])  /* less top */
                         : x + tilt * (x - lp[c & 1]);     /* more top */
            /* a floor of soft, low-passed noise, as a room or tape has */
            double white = ms_rng_unit(rng) * 2 - 1;
            hum[c & 1] = 0.97 * hum[c & 1] + 0.03 * white * 8;
            *s = (float)(gain * x + noise * hum[c & 1]);
        }
}

/* One varied piece: its (v, a) target and its inputs. */
static ms_status render_clip(ms_rng *rng, ms_synth *synth,
                             const ms_moods *moods, double *v, double *a,
                             double x[D])
{
    ms_compose_opts o;
    ms_compose_default(&o);
    o.valence = o.to_valence = *v = ms_rng_unit(rng) * 2 - 1;
    o.arousal = o.to_arousal = *a = ms_rng_unit(rng) * 2 - 1;
    o.seconds = 8 + 12 * ms_rng_unit(rng);
    o.seed = ms_rng_next(rng);
    o.standalone = ms_rng_chance(rng, 0.5);
    o.hints.moods = moods;
    if (ms_rng_chance(rng, 0.6))
        o.hints.genre = (ms_genre)ms_rng_below(rng, MS_GENRE_COUNT);
    if (ms_rng_chance(rng, 0.2))
        o.hints.instrument = ms_rng_below(rng, 96);   /* melodic GM */
    ms_score *score = NULL;
    ms_pcm pcm = {0};
    ms_features f;
    ms_status st = ms_compose(&o, &score);
    if (st == MS_OK)
        st = ms_synth_render(synth, score, 1, &pcm);
    if (st == MS_OK) {
        vary_mix(rng, &pcm);
        st = ms_features_of_pcm(&pcm, &f);
    }
    if (st == MS_OK)
        ms_listen_inputs(&f, x);
    ms_pcm_free(&pcm);
    ms_score_free(score);
    return st;
}

/* ---- ridge regression ------------------------------------------------------ */

/* Solves A w = b for a symmetric positive definite D x D matrix by
 * Cholesky decomposition, in place. Written out: a 40 x 40 solve is a
 * few lines, and LAPACK would bring a Fortran runtime for it. */
static int solve_spd(double A[D][D], double *b, double *w)
{
    for (int j = 0; j < D; j++) {
        double s = A[j][j];
        for (int k = 0; k < j; k++)
            s -= A[j][k] * A[j][k];
        if (s <= 0)
            return -1;
        A[j][j] = sqrt(s);
        for (int i = j + 1; i < D; i++) {
            double t = A[i][j];
            for (int k = 0; k < j; k++)
                t -= A[i][k] * A[j][k];
            A[i][j] = t / A[j][j];
        }
    }
    double y[D];
    for (int i = 0; i < D; i++) {
        double t = b[i];
        for (int k = 0; k < i; k++)
            t -= A[i][k] * y[k];
        y[i] = t / A[i][i];
    }
    for (int i = D - 1; i >= 0; i--) {
        double t = y[i];
        for (int k = i + 1; k < D; k++)
            t -= A[k][i] * w[k];
        w[i] = t / A[i][i];
    }
    return 0;
}

typedef struct fit {
    double mean[D], spread[D], wv[D], wa[D], bv, ba;
} fit;

static void standardise(const double *X, size_t n, fit *m)
{
    for (int j = 0; j < D; j++) {
        double s = 0, ss = 0;
        for (size_t i = 0; i < n; i++)
            s += X[i * D + j];
        m->mean[j] = s / n;
        for (size_t i = 0; i < n; i++)
            ss += (X[i * D + j] - m->mean[j]) * (X[i * D + j] - m->mean[j]);
        m->spread[j] = sqrt(ss / n) > 1e-9 ? sqrt(ss / n) : 1;
    }
}

/* Fits weights w and bias for targets y on standardised X. */
static ms_status ridge(const double *X, const double *y, size_t n,
                       double lambda, const fit *m, double *w, double *bias)
{
    double (*A)[D] = calloc(D, sizeof *A);
    double b[D] = {0}, ym = 0;
    if (!A)
        return ms_fail(MS_ERR_NOMEM, "out of memory for the fit");
    for (size_t i = 0; i < n; i++)
        ym += y[i] / n;
    for (size_t i = 0; i < n; i++) {
        double z[D];
        for (int j = 0; j < D; j++)
            z[j] = (X[i * D + j] - m->mean[j]) / m->spread[j];
        for (int j = 0; j < D; j++) {
            b[j] += z[j] * (y[i] - ym);
            for (int k = 0; k <= j; k++)
                A[j][k] += z[j] * z[k];
        }
    }
    for (int j = 0; j < D; j++) {
        A[j][j] += lambda * n;
        for (int k = 0; k < j; k++)
            A[k][j] = A[j][k];
    }
    int failed = solve_spd(A, b, w);
    free(A);
    if (failed)
        return ms_fail(MS_ERR_RANGE, "the training inputs are degenerate");
    *bias = ym;
    return MS_OK;
}

/* ---- writing ------------------------------------------------------------- */

static ms_status write_model(const fit *m, size_t n, const char *path)
{
    ms_atomic at;
    ms_status st = ms_atomic_begin(&at, path);
    if (st != MS_OK)
        return st;
    FILE *fp = fdopen(at.fd, "w");
    if (!fp) {
        ms_atomic_abort(&at);
        return ms_fail(MS_ERR_IO, "%s: cannot write", path);
    }
    fprintf(fp, "# moodscape audio model: ridge regression of valence and "
            "arousal on %d inputs,\n# each standardised by its mean and "
            "spread; learned from %zu varied renders.\n", D, n);
    fprintf(fp, "bias\t%.6f\t%.6f\n", m->bv, m->ba);
    fprintf(fp, "input\tmean\tspread\tvalence\tarousal\n");
    for (int j = 0; j < D; j++)
        fprintf(fp, "%s\t%.6g\t%.6g\t%.6f\t%.6f\n", ms_listen_input_name((size_t)j),
                m->mean[j], m->spread[j], m->wv[j], m->wa[j]);
    at.fd = -1;                          /* fclose closes it */
    int bad = fflush(fp) != 0 || ferror(fp);
    if (fclose(fp) != 0 || bad) {
        ms_atomic_abort(&at);
        return ms_fail(MS_ERR_IO, "%s: cannot write", path);
    }
    return ms_atomic_commit(&at);
}

/* ---- the whole ------------------------------------------------------------- */

static ms_status render_all(const char *data_dir,
                            const ms_listen_train_opts *o, double *X,
                            double *yv, double *ya)
{
    char path[4096];
    ms_moods *moods = NULL;
    ms_status st = ms_data_path(data_dir, "moods.tsv", path, sizeof path);
    if (st == MS_OK)
        st = ms_moods_open(path, &moods);
    ms_rng rng;
    ms_rng_seed(&rng, o->seed);
    for (size_t sf = 0; sf < o->n_soundfonts && st == MS_OK; sf++) {
        ms_synth *synth = NULL;
        if ((st = ms_synth_open(o->soundfonts[sf], 1, &synth)) != MS_OK)
            break;
        for (size_t i = sf; i < o->clips && st == MS_OK;
             i += o->n_soundfonts) {
            st = render_clip(&rng, synth, moods, &yv[i], &ya[i], &X[i * D]);
            if (o->progress && i % 50 == 0)
                fprintf(stderr, "\rtrain audio: %zu of %zu renders", i,
                        o->clips);
        }
        ms_synth_close(synth);
    }
    if (o->progress)
        fprintf(stderr, "\n");
    ms_moods_close(moods);
    return st;
}

ms_status ms_listen_train(const char *data_dir,
                          const ms_listen_train_opts *o,
                          const char *model_path)
{
    if (!data_dir || !o || !model_path || !o->n_soundfonts || o->clips < D)
        return ms_fail(MS_ERR_ARG, "training needs a SoundFont and at "
                       "least %d clips", D);
    double *X = malloc(o->clips * D * sizeof *X);
    double *yv = malloc(o->clips * sizeof *yv);
    double *ya = malloc(o->clips * sizeof *ya);
    fit m;
    ms_status st = X && yv && ya ? MS_OK
                 : ms_fail(MS_ERR_NOMEM, "out of memory for %zu clips",
                           o->clips);
    if (st == MS_OK)
        st = render_all(data_dir, o, X, yv, ya);
    if (st == MS_OK) {
        standardise(X, o->clips, &m);
        st = ridge(X, yv, o->clips, o->ridge, &m, m.wv, &m.bv);
    }
    if (st == MS_OK)
        st = ridge(X, ya, o->clips, o->ridge, &m, m.wa, &m.ba);
    if (st == MS_OK)
        st = write_model(&m, o->clips, model_path);
    free(X);
    free(yv);
    free(ya);
    return st;
}
