/* model.c — the linear text model: storage, inference and training.
 *
 * Multinomial logistic regression is written here rather than taken from
 * a library: Debian packages liblinear, but it has no joint regression
 * head, needs its own sparse format copied per call, and its solver is
 * slower to reproduce bit for bit than the dozen lines of AdaGrad
 * (Duchi, Hazan & Singer 2011) below. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "base/error.h"

#define MAGIC       "MSTEXT01"
#define ID_LEN      24
#define ENDIAN_MARK 0x01020304u
#define NEUTRAL_ID  "neutral"
#define STRIDE_MAX  32          /* stride_of(MS_MOODS_MAX + 3) */

typedef struct file_header {
    char     magic[8];
    uint32_t bits, dense, classes, outputs;
} file_header;

struct ms_textmodel {
    size_t       classes, outputs;
    size_t       stride;        /* floats per row: outputs padded to 16 */
    const float *bias;          /* [outputs] */
    const float *w;             /* [MS_FEAT_TOTAL][stride] */
    void        *map;           /* the mapped file, or NULL */
    size_t       map_size;
    float       *owned;         /* bias and weights of a trained model */
    char         ids[MS_MOODS_MAX + 1][ID_LEN];
};

/* ---- inference ---------------------------------------------------------- */

void ms_textmodel_apply(const ms_textmodel *m, const ms_feats *f, double *out)
{
    /* Whole padded rows in float: the loop vectorises, and a row is one
     * or two cache lines however it is read. */
    float acc[STRIDE_MAX] = {0};
    size_t stride = m->stride;
    for (size_t i = 0; i < f->count; i++) {
        const float *row = m->w + (size_t)f->items[i].index * stride;
        float x = f->items[i].value;
        for (size_t k = 0; k < stride; k++)
            acc[k] += x * row[k];
    }
    for (size_t k = 0; k < m->outputs; k++)
        out[k] = (double)m->bias[k] + acc[k];
}

float ms_textmodel_pull(const ms_textmodel *m, uint32_t index, size_t k)
{
    const float *row = m->w + (size_t)index * m->stride;
    return row[k] - row[m->outputs];
}

/* ---- files -------------------------------------------------------------- */

/* Rows are padded to 16 floats (64 bytes) and the header to 64 bytes, so
 * in a mapped file every feature's weights fill exactly one cache line.
 * The float after the outputs holds the mean of the row's mood weights,
 * which explaining an answer needs for every feature. */
static size_t stride_of(size_t outputs)
{
    return (outputs + 1 + 15) & ~(size_t)15;
}

static size_t header_size(size_t classes)
{
    size_t n = sizeof(file_header) + classes * ID_LEN + sizeof(uint32_t);
    return (n + 63) & ~(size_t)63;
}

/* The bias row, then one row per feature. */
static size_t weight_count(size_t outputs)
{
    return (1 + (size_t)MS_FEAT_TOTAL) * stride_of(outputs);
}

static void set_ids(ms_textmodel *m, const ms_moods *moods)
{
    for (size_t i = 0; i < ms_moods_count(moods); i++)
        snprintf(m->ids[i], ID_LEN, "%s", ms_moods_get(moods, i)->id);
    snprintf(m->ids[ms_moods_count(moods)], ID_LEN, "%s", NEUTRAL_ID);
}

static ms_status check_header(const ms_textmodel *m, const unsigned char *p,
                              size_t size, const ms_moods *moods,
                              const char *path)
{
    file_header h;
    if (size < sizeof h)
        return ms_fail(MS_ERR_FORMAT, "%s: too short for a text model", path);
    memcpy(&h, p, sizeof h);
    if (memcmp(h.magic, MAGIC, 8) != 0)
        return ms_fail(MS_ERR_FORMAT, "%s: not a moodscape text model", path);
    if (h.bits != MS_FEAT_BITS || h.dense != MS_FEAT_DENSE
        || h.classes != ms_moods_count(moods) + 1 || h.outputs != h.classes + 2)
        return ms_fail(MS_ERR_FORMAT, "%s: trained for another feature "
                       "layout or mood table; rebuild it", path);
    if (size != header_size(h.classes) + weight_count(h.outputs) * sizeof(float))
        return ms_fail(MS_ERR_FORMAT, "%s: truncated", path);
    uint32_t mark;
    memcpy(&mark, p + sizeof h + h.classes * ID_LEN, sizeof mark);
    if (mark != ENDIAN_MARK)
        return ms_fail(MS_ERR_FORMAT, "%s: written on a machine of other "
                       "byte order", path);
    for (size_t i = 0; i < h.classes; i++)
        if (strncmp((const char *)p + sizeof h + i * ID_LEN, m->ids[i], ID_LEN))
            return ms_fail(MS_ERR_FORMAT, "%s: mood %zu is not '%s'; the "
                           "model was trained for another table", path, i,
                           m->ids[i]);
    return MS_OK;
}

static ms_status map_file(const char *path, void **map, size_t *size)
{
    int fd = open(path, O_RDONLY);
    struct stat sb;
    if (fd < 0)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    if (fstat(fd, &sb) != 0 || sb.st_size <= 0) {
        close(fd);
        return ms_fail(MS_ERR_FORMAT, "%s: empty", path);
    }
    *size = (size_t)sb.st_size;
    *map = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (*map == MAP_FAILED)
        return ms_fail(MS_ERR_IO, "%s: cannot map", path);
    return MS_OK;
}

ms_status ms_textmodel_open(const char *path, const ms_moods *moods,
                            ms_textmodel **out)
{
    *out = NULL;
    ms_textmodel *m = calloc(1, sizeof *m);
    if (!m)
        return ms_fail(MS_ERR_NOMEM, "text model: out of memory");
    set_ids(m, moods);
    ms_status st = map_file(path, &m->map, &m->map_size);
    if (st == MS_OK)
        st = check_header(m, m->map, m->map_size, moods, path);
    if (st != MS_OK) {
        ms_textmodel_close(m);
        return st;
    }
    m->classes = ms_moods_count(moods) + 1;
    m->outputs = m->classes + 2;
    m->stride = stride_of(m->outputs);
    m->bias = (const float *)((const char *)m->map + header_size(m->classes));
    m->w = m->bias + m->stride;
    *out = m;
    return MS_OK;
}

void ms_textmodel_close(ms_textmodel *m)
{
    if (!m)
        return;
    if (m->map)
        munmap(m->map, m->map_size);
    free(m->owned);
    free(m);
}

ms_status ms_textmodel_save(const ms_textmodel *m, const char *path)
{
    file_header h = {MAGIC, MS_FEAT_BITS, MS_FEAT_DENSE, (uint32_t)m->classes,
                     (uint32_t)m->outputs};
    uint32_t mark = ENDIAN_MARK;
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot create", path);
    int ok = fwrite(&h, sizeof h, 1, fp) == 1;
    for (size_t i = 0; i < m->classes && ok; i++)
        ok = fwrite(m->ids[i], ID_LEN, 1, fp) == 1;
    ok = ok && fwrite(&mark, sizeof mark, 1, fp) == 1;
    static const char zeros[64];
    size_t pad = header_size(m->classes) - (sizeof h + m->classes * ID_LEN
                                            + sizeof mark);
    ok = ok && fwrite(zeros, 1, pad, fp) == pad
         && fwrite(m->bias, sizeof(float), weight_count(m->outputs), fp)
                == weight_count(m->outputs);
    if (fclose(fp) != 0 || !ok)
        return ms_fail(MS_ERR_IO, "%s: write failed", path);
    return MS_OK;
}

/* ---- training ----------------------------------------------------------- */

typedef struct trainer {
    float  *w;            /* bias then weights, as in the file */
    float  *g2;           /* AdaGrad's sum of squared gradients */
    size_t  classes, outputs, stride;
    double  rate, l2;
} trainer;

/* Deterministic xorshift64*: the shuffle must not depend on libc's rand. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static void shuffle(size_t *order, size_t n, uint64_t *seed)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(next_random(seed) % i);
        size_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

static void adagrad(trainer *t, size_t at, double grad)
{
    grad += t->l2 * t->w[at];
    t->g2[at] += (float)(grad * grad);
    t->w[at] -= (float)(t->rate * grad / sqrt(t->g2[at] + 1e-8));
}

/* Gradients of the output layer for one example: softmax cross-entropy on
 * the classes, half squared error on valence and arousal. */
static void output_gradients(const trainer *t, const ms_example *ex,
                             const double *out, double *grad)
{
    double max = out[0], sum = 0;
    for (size_t k = 1; k < t->classes; k++)
        if (out[k] > max)
            max = out[k];
    for (size_t k = 0; k < t->classes; k++)
        sum += grad[k] = exp(out[k] - max);
    for (size_t k = 0; k < t->classes; k++)
        grad[k] = grad[k] / sum - ((int)k == ex->label);
    grad[t->classes] = ex->has_va ? out[t->classes] - ex->valence : 0;
    grad[t->classes + 1] = ex->has_va ? out[t->classes + 1] - ex->arousal : 0;
}

static void train_step(trainer *t, const ms_textmodel *view,
                       const ms_example *ex)
{
    double out[MS_MOODS_MAX + 3], grad[MS_MOODS_MAX + 3];
    ms_feats f = {ex->feats, ex->count, ex->count};
    ms_textmodel_apply(view, &f, out);
    output_gradients(t, ex, out, grad);
    for (size_t k = 0; k < t->outputs; k++)
        adagrad(t, k, grad[k]);
    for (size_t i = 0; i < ex->count; i++) {
        size_t row = t->stride * (1 + (size_t)ex->feats[i].index);
        for (size_t k = 0; k < t->outputs; k++)
            if (grad[k] != 0)
                adagrad(t, row + k, grad[k] * ex->feats[i].value);
    }
}

/* Naive Bayes (multinomial, Laplace-smoothed) is linear in the features
 * too, so it folds into the same weights: each feature's log-likelihoods,
 * centred across classes (softmax ignores a shift common to all classes),
 * are added with weight nb_share. The blend pairs naive Bayes' strength
 * on short texts with logistic regression's on longer ones (Wang & Manning
 * 2012, "Baselines and bigrams"). Features never seen keep no NB term. */
static ms_status add_naive_bayes(ms_textmodel *m, const ms_example *ex,
                                 size_t n, const ms_train_opts *opts)
{
    size_t nc = m->classes, rows = MS_FEAT_HASHED;
    float *count = calloc(rows * nc, sizeof *count);
    double total[MS_MOODS_MAX + 1] = {0};
    size_t active = 0;
    if (!count)
        return ms_fail(MS_ERR_NOMEM, "training: out of memory");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ex[i].count; j++) {
            const ms_feat *f = &ex[i].feats[j];
            if (f->index >= MS_FEAT_HASHED || f->value <= 0)
                continue;
            count[(size_t)f->index * nc + (size_t)ex[i].label] += f->value;
            total[ex[i].label] += f->value;
        }
    for (size_t r = 0; r < rows; r++)
        for (size_t k = 0; k < nc; k++)
            if (count[r * nc + k] > 0) {
                active++;
                break;
            }
    for (size_t r = 0; r < rows; r++) {
        const float *c = count + r * nc;
        double logp[MS_MOODS_MAX + 1], mean = 0, seen = 0;
        for (size_t k = 0; k < nc; k++) {
            seen += c[k];
            logp[k] = log((c[k] + opts->nb_alpha)
                          / (total[k] + opts->nb_alpha * (double)active));
            mean += logp[k] / (double)nc;
        }
        if (seen <= 0)
            continue;
        float *row = m->owned + m->stride * (1 + r);
        for (size_t k = 0; k < nc; k++)
            row[k] += (float)(opts->nb_share * (logp[k] - mean));
    }
    free(count);
    return MS_OK;
}

static void store_mood_means(ms_textmodel *m)
{
    size_t moods = m->classes - 1;
    for (size_t r = 0; r < 1 + (size_t)MS_FEAT_TOTAL; r++) {
        float *row = m->owned + r * m->stride;
        double sum = 0;
        for (size_t k = 0; k < moods; k++)
            sum += row[k];
        row[m->outputs] = (float)(sum / (double)moods);
    }
}

ms_status ms_textmodel_train(const ms_moods *moods, const ms_example *ex,
                             size_t n, const ms_train_opts *opts,
                             ms_textmodel **out)
{
    *out = NULL;
    ms_textmodel *m = calloc(1, sizeof *m);
    trainer t = {0};
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (m) {
        m->classes = ms_moods_count(moods) + 1;
        m->outputs = m->classes + 2;
        m->stride = stride_of(m->outputs);
        m->owned = calloc(weight_count(m->outputs), sizeof(float));
    }
    t.g2 = calloc(weight_count(m ? m->outputs : 1), sizeof(float));
    if (!m || !m->owned || !t.g2 || !order) {
        ms_textmodel_close(m);
        free(t.g2);
        free(order);
        return ms_fail(MS_ERR_NOMEM, "training: out of memory");
    }
    set_ids(m, moods);
    m->bias = m->owned;
    m->w = m->owned + m->stride;
    t = (trainer){m->owned, t.g2, m->classes, m->outputs, m->stride,
                  opts->rate, opts->l2};
    uint64_t seed = opts->seed ? opts->seed : 1;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (unsigned e = 0; e < opts->epochs; e++) {
        shuffle(order, n, &seed);
        for (size_t i = 0; i < n; i++)
            train_step(&t, m, &ex[order[i]]);
    }
    ms_status st = opts->nb_share > 0 ? add_naive_bayes(m, ex, n, opts) : MS_OK;
    store_mood_means(m);
    free(t.g2);
    free(order);
    if (st != MS_OK) {
        ms_textmodel_close(m);
        return st;
    }
    *out = m;
    return MS_OK;
}
