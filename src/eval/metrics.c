/* metrics.c — evaluation metrics over plain arrays.
 *
 * Definitions follow the papers cited at each function. Two choices run
 * through the file: undefined results are NAN rather than a made-up 0 (an
 * evaluation table should show "nan", not a number nobody measured), and
 * real-valued inputs are rescaled by a power of two before squaring, which
 * is exact and keeps sums of squares of values near DBL_MAX finite. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "moodscape/metrics.h"
#include "base/error.h"

#define BLEU_N 4                /* BLEU-4: n-grams of order 1..4 */

/* ---- shared helpers ------------------------------------------------------ */

/* malloc for count items that records why it failed, so a NAN caused by
 * memory is distinguishable from an undefined metric. Never asks for 0
 * bytes, whose result malloc may legitimately report as NULL. */
static void *alloc_array(size_t count, size_t size)
{
    void *p = NULL;
    if (size == 0 || count <= SIZE_MAX / size) {
        size_t bytes = count * size;
        p = malloc(bytes ? bytes : 1);
    }
    if (!p)
        ms_fail(MS_ERR_NOMEM, "metrics: cannot allocate %zu items of %zu bytes",
                count, size);
    return p;
}

/* A power of two s with |x[i] * s| < 1 for every i, so that squares and
 * sums of n such values stay below 4n. Multiplying by a power of two is
 * exact, so the scaled metric equals the unscaled one. NAN when a value is
 * not finite. The exponent is capped so s itself stays finite when every
 * value is subnormal. */
static double pow2_scale(const double *x, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]))
            return NAN;
        m = fmax(m, fabs(x[i]));
    }
    if (m == 0.0)
        return 1.0;
    int e;
    frexp(m, &e);
    if (e < DBL_MIN_EXP)
        e = DBL_MIN_EXP;
    return ldexp(1.0, -e);
}

/* One scale that suits both arrays, for metrics of their difference. */
static double common_scale(const double *a, const double *b, size_t n)
{
    double sa = pow2_scale(a, n), sb = pow2_scale(b, n);
    return isnan(sa) || isnan(sb) ? NAN : fmin(sa, sb);
}

/* Sums about the means of x * sx and y * sy. */
typedef struct moments {
    double mx, my;              /* means */
    double sxx, syy, sxy;       /* centred sums of squares and products */
} moments;

static moments moments_of(const double *x, double sx, const double *y,
                          double sy, size_t n)
{
    moments m = {0};
    for (size_t i = 0; i < n; i++) {
        m.mx += x[i] * sx;
        m.my += y[i] * sy;
    }
    m.mx /= (double)n;
    m.my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] * sx - m.mx, dy = y[i] * sy - m.my;
        m.sxx += dx * dx;
        m.syy += dy * dy;
        m.sxy += dx * dy;
    }
    return m;
}

/* Sum of (a[i] - b[i])^2 after scaling both by s. */
static double sum_sq_diff(const double *a, const double *b, size_t n, double s)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double d = a[i] * s - b[i] * s;
        sum += d * d;
    }
    return sum;
}

static int cmp_double_desc(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a < b) - (a > b);
}

/* ---- classification -------------------------------------------------------- */

static int label_ok(int label, int nclass)
{
    return label >= 0 && label < nclass;
}

/* Index of the first position whose truth or pred lies outside
 * [0, nclass), or n when all are in range. */
static size_t first_bad_label(const int *truth, const int *pred, size_t n,
                              int nclass)
{
    for (size_t i = 0; i < n; i++)
        if (!label_ok(truth[i], nclass) || !label_ok(pred[i], nclass))
            return i;
    return n;
}

/* F1 = 2TP / (2TP + FP + FN), the harmonic mean of precision and recall
 * written so that it is 0, not 0/0, when TP = 0 but FP or FN is not. */
static double f1_of(size_t tp, size_t fp, size_t fn)
{
    double denom = 2.0 * (double)tp + (double)fp + (double)fn;
    return denom > 0 ? 2.0 * (double)tp / denom : NAN;
}

static double ratio_or_nan(size_t num, size_t den)
{
    return den ? (double)num / (double)den : NAN;
}

double ms_accuracy(const int *truth, const int *pred, size_t n)
{
    if (n == 0 || !truth || !pred)
        return NAN;
    size_t right = 0;
    for (size_t i = 0; i < n; i++)
        right += truth[i] == pred[i];
    return (double)right / (double)n;
}

ms_status ms_confusion(const int *truth, const int *pred, size_t n,
                       int nclass, size_t *matrix)
{
    if (nclass <= 0 || !matrix || (n > 0 && (!truth || !pred)))
        return ms_fail(MS_ERR_ARG, "confusion: nclass %d, or a NULL array",
                       nclass);
    size_t k = (size_t)nclass;
    if (k > SIZE_MAX / sizeof *matrix / k)
        return ms_fail(MS_ERR_RANGE, "confusion: %d classes is too many",
                       nclass);
    size_t bad = first_bad_label(truth, pred, n, nclass);
    if (bad < n)
        return ms_fail(MS_ERR_RANGE,
                       "confusion: item %zu has labels %d/%d outside [0, %d)",
                       bad, truth[bad], pred[bad], nclass);
    memset(matrix, 0, k * k * sizeof *matrix);
    for (size_t i = 0; i < n; i++)
        matrix[(size_t)truth[i] * k + (size_t)pred[i]]++;
    return MS_OK;
}

ms_prf ms_class_prf(const int *truth, const int *pred, size_t n, int cls)
{
    ms_prf r = {0, 0, 0, NAN, NAN, NAN};
    if (!truth || !pred)
        return r;
    for (size_t i = 0; i < n; i++) {
        int t = truth[i] == cls, p = pred[i] == cls;
        r.tp += t && p;
        r.fp += !t && p;
        r.fn += t && !p;
    }
    r.precision = ratio_or_nan(r.tp, r.tp + r.fp);
    r.recall = ratio_or_nan(r.tp, r.tp + r.fn);
    r.f1 = f1_of(r.tp, r.fp, r.fn);
    return r;
}

double ms_class_f1(const int *truth, const int *pred, size_t n, int cls)
{
    return ms_class_prf(truth, pred, n, cls).f1;
}

/* One pass filling per-class TP/FP/FN, rather than one pass per class,
 * so a large nclass costs memory, not time. Labels must be in range. */
static void count_per_class(const int *truth, const int *pred, size_t n,
                            size_t *tp, size_t *fp, size_t *fn)
{
    for (size_t i = 0; i < n; i++) {
        if (truth[i] == pred[i]) {
            tp[truth[i]]++;
        } else {
            fn[truth[i]]++;
            fp[pred[i]]++;
        }
    }
}

static double mean_f1_over_seen(const size_t *tp, const size_t *fp,
                                const size_t *fn, size_t k)
{
    double sum = 0.0;
    size_t seen = 0;
    for (size_t c = 0; c < k; c++) {
        if (tp[c] + fp[c] + fn[c] == 0)
            continue;
        sum += f1_of(tp[c], fp[c], fn[c]);
        seen++;
    }
    return seen ? sum / (double)seen : NAN;
}

double ms_macro_f1(const int *truth, const int *pred, size_t n, int nclass)
{
    if (n == 0 || nclass <= 0 || !truth || !pred)
        return NAN;
    size_t bad = first_bad_label(truth, pred, n, nclass);
    if (bad < n) {
        ms_fail(MS_ERR_RANGE, "macro F1: item %zu has labels %d/%d outside "
                "[0, %d)", bad, truth[bad], pred[bad], nclass);
        return NAN;
    }
    size_t k = (size_t)nclass;
    size_t *counts = alloc_array(k, 3 * sizeof *counts);  /* tp, fp, fn */
    if (!counts)
        return NAN;
    memset(counts, 0, 3 * k * sizeof *counts);
    count_per_class(truth, pred, n, counts, counts + k, counts + 2 * k);
    double f1 = mean_f1_over_seen(counts, counts + k, counts + 2 * k, k);
    free(counts);
    return f1;
}

/* ---- correlation and regression ------------------------------------------- */

/* Pearson's r from centred sums. Rounding can push |r| an ulp past 1,
 * which would trip callers that take acos() or check the range. */
static double r_of(moments m)
{
    if (m.sxx == 0.0 || m.syy == 0.0)
        return NAN;
    double r = m.sxy / (sqrt(m.sxx) * sqrt(m.syy));
    return fmax(-1.0, fmin(1.0, r));
}

double ms_pearson(const double *x, const double *y, size_t n)
{
    if (n == 0 || !x || !y)
        return NAN;
    double sx = pow2_scale(x, n), sy = pow2_scale(y, n);
    if (isnan(sx) || isnan(sy))
        return NAN;
    return r_of(moments_of(x, sx, y, sy, n));
}

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int cmp_ranked(const void *pa, const void *pb)
{
    double a = ((const ranked *)pa)->v, b = ((const ranked *)pb)->v;
    return (a > b) - (a < b);
}

/* Fills rank[] with 1-based ranks of x, a run of equal values sharing the
 * mean of the ranks it spans (Spearman 1904's treatment of ties). work
 * holds n items. x must hold no NaN, which has no place in an order. */
static void average_ranks(const double *x, size_t n, ranked *work,
                          double *rank)
{
    for (size_t i = 0; i < n; i++)
        work[i] = (ranked){x[i], i};
    qsort(work, n, sizeof *work, cmp_ranked);
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && work[hi].v == work[lo].v; hi++)
            ;
        double mean = ((double)lo + 1.0 + (double)hi) / 2.0;  /* of lo+1..hi */
        for (size_t j = lo; j < hi; j++)
            rank[work[j].i] = mean;
    }
}

static int has_nan(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return 1;
    return 0;
}

double ms_spearman(const double *x, const double *y, size_t n)
{
    if (n == 0 || !x || !y || has_nan(x, n) || has_nan(y, n))
        return NAN;
    double *rank = alloc_array(n, 2 * sizeof *rank);    /* x's, then y's */
    ranked *work = alloc_array(n, sizeof *work);
    double rho = NAN;
    if (rank && work) {
        average_ranks(x, n, work, rank);
        average_ranks(y, n, work, rank + n);
        rho = r_of(moments_of(rank, 1.0, rank + n, 1.0, n));
    }
    free(rank);
    free(work);
    return rho;
}

/* Lin (1989), "A concordance correlation coefficient to evaluate
 * reproducibility", Biometrics 45:255-268, eq. 2 with the sample moments
 * taken over n, as Lin does. Scaling both sides by the same power of two
 * leaves the ratio unchanged. */
double ms_ccc(const double *truth, const double *pred, size_t n)
{
    if (n == 0 || !truth || !pred)
        return NAN;
    double s = common_scale(truth, pred, n);
    if (isnan(s))
        return NAN;
    moments m = moments_of(truth, s, pred, s, n);
    double dm = m.mx - m.my;
    double denom = (m.sxx + m.syy) / (double)n + dm * dm;
    return denom > 0 ? 2.0 * (m.sxy / (double)n) / denom : NAN;
}

double ms_rmse(const double *truth, const double *pred, size_t n)
{
    if (n == 0 || !truth || !pred)
        return NAN;
    double s = common_scale(truth, pred, n);
    if (isnan(s))
        return NAN;
    return sqrt(sum_sq_diff(truth, pred, n, s) / (double)n) / s;
}

double ms_r2(const double *truth, const double *pred, size_t n)
{
    if (n == 0 || !truth || !pred)
        return NAN;
    double s = common_scale(truth, pred, n);
    if (isnan(s))
        return NAN;
    double ss_tot = moments_of(truth, s, truth, s, n).sxx;
    if (ss_tot == 0.0)
        return NAN;
    return 1.0 - sum_sq_diff(truth, pred, n, s) / ss_tot;
}

/* ---- retrieval --------------------------------------------------------- */

double ms_recall_at_k(const size_t *rank, size_t n, size_t k)
{
    if (n == 0 || !rank)
        return NAN;
    size_t hits = 0;
    for (size_t i = 0; i < n; i++)
        hits += rank[i] >= 1 && rank[i] <= k;
    return (double)hits / (double)n;
}

/* Voorhees (1999), "The TREC-8 Question Answering Track Report": the
 * reciprocal of the rank of the first correct answer, 0 if none. */
double ms_mrr(const size_t *rank, size_t n)
{
    if (n == 0 || !rank)
        return NAN;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        if (rank[i] > 0)
            sum += 1.0 / (double)rank[i];
    return sum / (double)n;
}

/* The discount of Jarvelin & Kekalainen (2002), "Cumulated gain-based
 * evaluation of IR techniques", ACM TOIS 20(4), in the log2(i + 1) form of
 * Burges et al. (2005) that discounts from the first position on. i is
 * 1-based; the sum is done in double so i + 1 cannot wrap. */
static double discount(size_t i)
{
    return 1.0 / log2((double)i + 1.0);
}

double ms_mean_ndcg_single(const size_t *rank, size_t n, size_t k)
{
    if (n == 0 || !rank)
        return NAN;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        if (rank[i] >= 1 && rank[i] <= k)
            sum += discount(rank[i]);
    return sum / (double)n;
}

static int gains_ok(const double *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(g[i]) || g[i] < 0.0)
            return 0;
    return 1;
}

/* DCG of the first min(k, n) gains in the order given. */
static double dcg(const double *gains, size_t n, size_t k)
{
    double sum = 0.0;
    for (size_t i = 0; i < n && i < k; i++)
        sum += gains[i] * discount(i + 1);
    return sum;
}

/* DCG of the best possible order: all relevant gains, largest first. */
static double ideal_dcg(const double *gains, size_t n, size_t k)
{
    double *sorted = alloc_array(n, sizeof *sorted);
    if (!sorted)
        return NAN;
    if (n > 0)
        memcpy(sorted, gains, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_double_desc);
    double ideal = dcg(sorted, n, k);
    free(sorted);
    return ideal;
}

double ms_ndcg_at_k(const double *gains_ranked, size_t n_ranked,
                    const double *gains_all_relevant, size_t n_relevant,
                    size_t k)
{
    if ((n_ranked && !gains_ranked) || (n_relevant && !gains_all_relevant)
        || !gains_ok(gains_ranked, n_ranked)
        || !gains_ok(gains_all_relevant, n_relevant))
        return NAN;
    double ideal = ideal_dcg(gains_all_relevant, n_relevant, k);
    if (!(ideal > 0.0))
        return NAN;
    return dcg(gains_ranked, n_ranked, k) / ideal;
}

typedef struct scored {
    double score;
    int positive;
} scored;

/* Descending score; among equal scores negatives come first, so a tie
 * never lifts a positive above a negative it cannot be told apart from. */
static int cmp_scored(const void *pa, const void *pb)
{
    const scored *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score < b->score ? 1 : -1;
    return a->positive - b->positive;
}

/* Mean of precision@i over the positions i of positives, as in TREC's
 * uninterpolated average precision (Voorhees & Harman 2005, ch. 3). */
static double average_precision(const scored *s, size_t n)
{
    double sum = 0.0;
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        if (!s[i].positive)
            continue;
        hits++;
        sum += (double)hits / (double)(i + 1);
    }
    return hits ? sum / (double)hits : NAN;
}

double ms_auprc(const double *score, const int *label, size_t n)
{
    if (n == 0 || !score || !label || has_nan(score, n))
        return NAN;
    scored *s = alloc_array(n, sizeof *s);
    if (!s)
        return NAN;
    for (size_t i = 0; i < n; i++)
        s[i] = (scored){score[i], label[i] != 0};
    qsort(s, n, sizeof *s, cmp_scored);
    double ap = average_precision(s, n);
    free(s);
    return ap;
}

/* ---- multi-label ------------------------------------------------------- */

/* |T & P| / |T | P| for one sample; two empty sets agree perfectly. */
static double jaccard_row(const unsigned char *t, const unsigned char *p,
                          size_t nlabel)
{
    size_t both = 0, either = 0;
    for (size_t j = 0; j < nlabel; j++) {
        both += t[j] && p[j];
        either += t[j] || p[j];
    }
    return either ? (double)both / (double)either : 1.0;
}

/* Godbole & Sarawagi (2004), "Discriminative methods for multi-labeled
 * classification", PAKDD, the "accuracy" of section 5. */
double ms_hamming_score(const unsigned char *truth, const unsigned char *pred,
                        size_t n, size_t nlabel)
{
    if (n == 0 || nlabel == 0 || !truth || !pred || nlabel > SIZE_MAX / n)
        return NAN;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += jaccard_row(truth + i * nlabel, pred + i * nlabel, nlabel);
    return sum / (double)n;
}

/* ---- tokens ------------------------------------------------------------- */

/* A token is a view into the caller's string, so tokens of any length cost
 * nothing to hold and are never truncated. */
typedef struct span {
    const char *s;
    size_t len;
} span;

/* ASCII whitespace, fixed rather than isspace() so the split does not
 * depend on the process locale. */
static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
        || c == '\f';
}

/* Writes the tokens of s to out (when not NULL) and returns their count. */
static size_t split(const char *s, span *out)
{
    size_t count = 0;
    while (*s) {
        while (is_space(*s))
            s++;
        if (!*s)
            break;
        const char *start = s;
        while (*s && !is_space(*s))
            s++;
        if (out)
            out[count] = (span){start, (size_t)(s - start)};
        count++;
    }
    return count;
}

/* The tokens of s in a new array (free it), their count in *count. */
static span *tokenize(const char *s, size_t *count)
{
    *count = split(s, NULL);
    span *t = alloc_array(*count, sizeof *t);
    if (t)
        split(s, t);
    return t;
}

/* Any total order will do for matching; this one is bytewise. */
static int span_cmp(span a, span b)
{
    int c = memcmp(a.s, b.s, a.len < b.len ? a.len : b.len);
    if (c)
        return c;
    return (a.len > b.len) - (a.len < b.len);
}

static int span_eq(span a, span b)
{
    return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

/* ---- BLEU -------------------------------------------------------------- */

/* An n-gram is the run of `order` tokens starting at t. qsort passes no
 * context, so each item carries its own order. */
typedef struct gram {
    const span *t;
    size_t order;
} gram;

static int cmp_gram(const void *pa, const void *pb)
{
    const gram *a = pa, *b = pb;
    for (size_t i = 0; i < a->order; i++) {
        int c = span_cmp(a->t[i], b->t[i]);
        if (c)
            return c;
    }
    return 0;
}

/* The n-grams of order `order` in t[0..n), sorted; returns their count. */
static size_t sorted_grams(const span *t, size_t n, size_t order, gram *out)
{
    if (n < order)
        return 0;
    size_t count = n - order + 1;
    for (size_t i = 0; i < count; i++)
        out[i] = (gram){t + i, order};
    qsort(out, count, sizeof *out, cmp_gram);
    return count;
}

/* Walking two sorted multisets in step pairs each candidate n-gram with at
 * most one equal reference n-gram, which is Papineni et al.'s clipping:
 * sum over distinct n-grams of min(count in cand, count in ref). */
static size_t clipped_matches(const gram *c, size_t nc, const gram *r,
                              size_t nr)
{
    size_t i = 0, j = 0, matches = 0;
    while (i < nc && j < nr) {
        int d = cmp_gram(&c[i], &r[j]);
        if (d == 0)
            matches++;
        i += d <= 0;
        j += d >= 0;
    }
    return matches;
}

/* Corpus-level totals: BLEU sums counts over sentences before dividing. */
typedef struct bleu_tally {
    size_t match[BLEU_N], total[BLEU_N];
    size_t cand_len, ref_len;
} bleu_tally;

static void tally_tokens(const span *c, size_t nc, const span *r, size_t nr,
                         gram *work, bleu_tally *t)
{
    gram *gc = work, *gr = work + nc;
    for (size_t order = 1; order <= BLEU_N; order++) {
        size_t kc = sorted_grams(c, nc, order, gc);
        size_t kr = sorted_grams(r, nr, order, gr);
        t->match[order - 1] += clipped_matches(gc, kc, gr, kr);
        t->total[order - 1] += kc;
    }
    t->cand_len += nc;
    t->ref_len += nr;
}

/* Adds one candidate/reference pair to the tally; -1 when out of memory. */
static int tally_pair(const char *cand, const char *ref, bleu_tally *t)
{
    size_t nc, nr;
    span *c = tokenize(cand, &nc);
    span *r = c ? tokenize(ref, &nr) : NULL;
    gram *work = r ? alloc_array(nc + nr, sizeof *work) : NULL;
    int ok = work != NULL;
    if (ok)
        tally_tokens(c, nc, r, nr, work, t);
    free(c);
    free(r);
    free(work);
    return ok ? 0 : -1;
}

/* Papineni, Roukos, Ward & Zhu (2002), "BLEU: a method for automatic
 * evaluation of machine translation", ACL, section 2.3: BP * exp(sum of
 * w_n log p_n) with w_n = 1/4, BP = 1 if c > r else exp(1 - r/c). */
static double bleu_of(const bleu_tally *t)
{
    if (t->cand_len == 0 && t->ref_len == 0)
        return NAN;
    double log_sum = 0.0;
    for (size_t k = 0; k < BLEU_N; k++) {
        if (t->match[k] == 0)
            return 0.0;        /* log 0: the geometric mean is 0 */
        log_sum += log((double)t->match[k] / (double)t->total[k]) / BLEU_N;
    }
    double c = (double)t->cand_len, r = (double)t->ref_len;
    double bp = t->cand_len > t->ref_len ? 1.0 : exp(1.0 - r / c);
    return bp * exp(log_sum);
}

double ms_bleu4(const char *const *cand, const char *const *ref, size_t n)
{
    if (n == 0 || !cand || !ref)
        return NAN;
    bleu_tally t = {{0}, {0}, 0, 0};
    for (size_t i = 0; i < n; i++) {
        if (!cand[i] || !ref[i] || tally_pair(cand[i], ref[i], &t) != 0)
            return NAN;
    }
    return bleu_of(&t);
}

/* ---- ROUGE-L ----------------------------------------------------------- */

/* Length of the longest common subsequence of a and b by the classic
 * dynamic programme, keeping one row of length nb + 1 (pass the shorter
 * sequence as b). prev_diag carries the cell above-left, overwritten as
 * the row advances. Returns SIZE_MAX when out of memory. */
static size_t lcs_length(const span *a, size_t na, const span *b, size_t nb)
{
    size_t *row = alloc_array(nb + 1, sizeof *row);
    if (!row)
        return SIZE_MAX;
    memset(row, 0, (nb + 1) * sizeof *row);
    for (size_t i = 0; i < na; i++) {
        size_t prev_diag = 0;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            if (span_eq(a[i], b[j - 1]))
                row[j] = prev_diag + 1;
            else if (row[j - 1] > up)
                row[j] = row[j - 1];
            prev_diag = up;
        }
    }
    size_t len = row[nb];
    free(row);
    return len;
}

/* Lin (2004), "ROUGE: a package for automatic evaluation of summaries",
 * section 3.1: R = LCS/m, P = LCS/n, F = (1 + b^2) R P / (R + b^2 P); with
 * b = 1 that is 2 LCS / (m + n), which also avoids 0/0 when one side is
 * empty. */
static double rouge_l_of(const span *c, size_t nc, const span *r, size_t nr)
{
    if (nc == 0 && nr == 0)
        return NAN;
    size_t lcs = nc >= nr ? lcs_length(c, nc, r, nr)
                          : lcs_length(r, nr, c, nc);
    if (lcs == SIZE_MAX)
        return NAN;
    return 2.0 * (double)lcs / ((double)nc + (double)nr);
}

double ms_rouge_l(const char *cand, const char *ref)
{
    if (!cand || !ref)
        return NAN;
    size_t nc, nr;
    span *c = tokenize(cand, &nc);
    span *r = c ? tokenize(ref, &nr) : NULL;
    double f = r ? rouge_l_of(c, nc, r, nr) : NAN;
    free(c);
    free(r);
    return f;
}
