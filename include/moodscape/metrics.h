/* moodscape/metrics.h — the numbers an evaluation reports: classification,
 * regression and correlation, retrieval, multi-label and text-overlap
 * metrics over plain arrays. */
#ifndef MOODSCAPE_METRICS_H
#define MOODSCAPE_METRICS_H

#include <stddef.h>

#include "moodscape/status.h"

/* Conventions for every function below:
 * - A result that is undefined — n == 0, zero variance, no positives, both
 *   texts empty — is NAN (test it with isnan()), never an error.
 * - NAN is also the answer to invalid input (a NULL array when n > 0, a
 *   label out of range, a NaN where an order is needed) and to a failed
 *   allocation. The last two also set ms_last_error(); an undefined
 *   result leaves it alone.
 * - Inputs are only read; none is kept after the call returns.
 * - Any size is safe: sums are scaled so large finite values do not
 *   overflow, and nothing recurses. */

/* ---- classification (labels are ints in [0, nclass)) ------------------- */

/* Fraction of the n positions where pred equals truth. */
double ms_accuracy(const int *truth, const int *pred, size_t n);

/* Counts into matrix[t * nclass + p] how often true label t was predicted
 * as p. The caller allocates nclass * nclass entries; they are overwritten
 * (n == 0 leaves them all 0). MS_ERR_ARG when nclass <= 0 or an array is
 * NULL, MS_ERR_RANGE when a label lies outside [0, nclass); on failure
 * matrix is left unchanged. */
ms_status ms_confusion(const int *truth, const int *pred, size_t n,
                       int nclass, size_t *matrix);

/* One class scored against the rest. precision = TP/(TP+FP) is NAN when
 * the class is never predicted; recall = TP/(TP+FN) is NAN when it never
 * occurs in truth; f1 = 2TP/(2TP+FP+FN) is 0 when TP = 0 but the class
 * occurs somewhere, NAN when it occurs nowhere. */
typedef struct ms_prf {
    size_t tp, fp, fn;
    double precision, recall, f1;
} ms_prf;

/* Precision, recall and F1 of class `cls`; any int labels are accepted
 * (labels other than cls count as "not cls"). A NULL array gives counts of
 * 0 and NAN scores. */
ms_prf ms_class_prf(const int *truth, const int *pred, size_t n, int cls);
double ms_class_f1(const int *truth, const int *pred, size_t n, int cls);

/* Unweighted mean of the F1 of every class in [0, nclass) that occurs in
 * truth or pred; classes seen nowhere are left out rather than counted as
 * 0. NAN when n == 0, nclass <= 0 or a label is outside [0, nclass). */
double ms_macro_f1(const int *truth, const int *pred, size_t n, int nclass);

/* ---- correlation and regression ---------------------------------------- */

/* Pearson's r. NAN when n == 0 or either side has zero variance, or any
 * value is not finite. */
double ms_pearson(const double *x, const double *y, size_t n);

/* Spearman's rho: Pearson's r of the ranks, tied values sharing the mean
 * of the ranks they span. NAN as for ms_pearson (a side all tied has zero
 * variance); infinities rank normally, a NaN gives NAN. */
double ms_spearman(const double *x, const double *y, size_t n);

/* Lin's concordance correlation coefficient,
 * 2 cov / (var_t + var_p + (mean_t - mean_p)^2), with population (1/n)
 * moments. NAN when the denominator is 0 (both sides the same constant). */
double ms_ccc(const double *truth, const double *pred, size_t n);

/* Root mean squared error. NAN when n == 0. */
double ms_rmse(const double *truth, const double *pred, size_t n);

/* Coefficient of determination 1 - SSres/SStot (SStot about the mean of
 * truth); negative when pred is worse than that mean. NAN when truth is
 * constant. */
double ms_r2(const double *truth, const double *pred, size_t n);

/* ---- retrieval ---------------------------------------------------------- */

/* For the next three, rank[i] is the 1-based position at which query i's
 * single relevant item was retrieved, 0 when it was not retrieved. All
 * are means over the n queries; NAN when n == 0. */

/* Fraction of queries whose item is within the top k (k == 0 gives 0). */
double ms_recall_at_k(const size_t *rank, size_t n, size_t k);

/* Mean reciprocal rank (Voorhees 1999): mean of 1/rank, 0 counting 0. */
double ms_mrr(const size_t *rank, size_t n);

/* Mean nDCG@k with one relevant item: 1/log2(rank + 1) when
 * 1 <= rank <= k, else 0 (the ideal DCG is 1). */
double ms_mean_ndcg_single(const size_t *rank, size_t n, size_t k);

/* nDCG@k of one query with graded relevance (Jarvelin & Kekalainen 2002,
 * linear gain): DCG = sum over the first k ranked items of
 * gain_i / log2(i + 1), i 1-based, divided by the DCG of the best order of
 * gains_all_relevant (every relevant item's gain, retrieved or not).
 * Gains must be finite and >= 0; otherwise NAN. NAN when the ideal DCG is
 * 0 (nothing relevant, or k == 0). */
double ms_ndcg_at_k(const double *gains_ranked, size_t n_ranked,
                    const double *gains_all_relevant, size_t n_relevant,
                    size_t k);

/* Average precision, the usual estimate of the area under the
 * precision-recall curve: rank by descending score and average the
 * precision at the rank of each positive (label != 0). Tied scores are
 * ranked with negatives first, so ties never flatter the score and the
 * result does not depend on input order. NAN when there is no positive or
 * a score is NaN. */
double ms_auprc(const double *score, const int *label, size_t n);

/* ---- multi-label -------------------------------------------------------- */

/* Example-based "Hamming score" (Godbole & Sarawagi 2004): truth and pred
 * are n x nlabel row-major, nonzero meaning the label is on; the mean over
 * samples of |T & P| / |T | P|, a sample with both sets empty scoring 1.
 * NAN when n == 0 or nlabel == 0. */
double ms_hamming_score(const unsigned char *truth, const unsigned char *pred,
                        size_t n, size_t nlabel);

/* ---- text overlap (tokens are runs of non-whitespace, any length) ------- */

/* Corpus BLEU-4 (Papineni et al. 2002) with one reference per candidate:
 * clipped n-gram counts summed over the corpus for n = 1..4, geometric mean
 * of the four precisions with uniform weights, times the brevity penalty
 * exp(1 - r/c) when the candidates' total length c is <= the references'
 * r. No smoothing: 0 when any precision is 0, including when no candidate
 * has 4 tokens. NAN when n == 0, a string is NULL, or every candidate and
 * every reference is empty. */
double ms_bleu4(const char *const *cand, const char *const *ref, size_t n);

/* ROUGE-L F1 (Lin 2004, beta = 1) from the longest common token
 * subsequence: 2 LCS / (|cand| + |ref|). 0 when exactly one text is empty;
 * NAN when both are, or a string is NULL. Time is |cand| x |ref|, memory
 * is linear. */
double ms_rouge_l(const char *cand, const char *ref);

#endif
