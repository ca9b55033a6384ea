/* test_metrics.c — every metric against small examples worked out by hand
 * (the working is in the comment beside each check), then the edge cases:
 * empty input, ties, perfect and all-wrong predictions, degenerate text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "moodscape/metrics.h"
#include "check.h"

#define EPS 1e-12
#define LEN(a) (sizeof (a) / sizeof *(a))

/* truth 0 1 2 1 0, pred 0 2 2 1 1: the running classification example. */
static const int T5[] = {0, 1, 2, 1, 0};
static const int P5[] = {0, 2, 2, 1, 1};

static void test_accuracy(void)
{
    /* right at positions 0, 2, 3 -> 3/5 */
    CHECK_NEAR(ms_accuracy(T5, P5, 5), 0.6, EPS);
    CHECK_NEAR(ms_accuracy(T5, T5, 5), 1.0, EPS);
    const int a[] = {0, 1}, b[] = {1, 0};
    CHECK_NEAR(ms_accuracy(a, b, 2), 0.0, EPS);          /* all wrong */
    CHECK(isnan(ms_accuracy(T5, P5, 0)));
    CHECK(isnan(ms_accuracy(NULL, P5, 5)));
}

static void test_confusion(void)
{
    /* rows truth, columns pred:
     * t0 -> p0 (item 0), p1 (item 4)   = 1 1 0
     * t1 -> p2 (item 1), p1 (item 3)   = 0 1 1
     * t2 -> p2 (item 2)                = 0 0 1 */
    size_t m[9];
    const size_t want[9] = {1, 1, 0, 0, 1, 1, 0, 0, 1};
    CHECK(ms_confusion(T5, P5, 5, 3, m) == MS_OK);
    CHECK(memcmp(m, want, sizeof m) == 0);

    /* n == 0 is not an error: all zeros */
    CHECK(ms_confusion(NULL, NULL, 0, 3, m) == MS_OK);
    CHECK(m[0] == 0 && m[4] == 0 && m[8] == 0);

    /* a label of 3 with 3 classes, or -1: range error, matrix untouched */
    const int bad_hi[] = {0, 3}, bad_lo[] = {-1, 0}, ok[] = {0, 1};
    for (size_t i = 0; i < 9; i++)
        m[i] = 99;
    CHECK(ms_confusion(ok, bad_hi, 2, 3, m) == MS_ERR_RANGE);
    CHECK(strlen(ms_last_error()) > 0);
    CHECK(ms_confusion(bad_lo, ok, 2, 3, m) == MS_ERR_RANGE);
    CHECK(m[0] == 99 && m[8] == 99);
    CHECK(ms_confusion(ok, ok, 2, 0, m) == MS_ERR_ARG);
    CHECK(ms_confusion(ok, ok, 2, 3, NULL) == MS_ERR_ARG);
}

static void test_class_prf(void)
{
    /* class 0: TP=1 (item 0) FP=0 FN=1 (item 4)
     *   -> P=1/1 R=1/2 F1=2*1/(2+0+1)=2/3 */
    ms_prf c0 = ms_class_prf(T5, P5, 5, 0);
    CHECK(c0.tp == 1 && c0.fp == 0 && c0.fn == 1);
    CHECK_NEAR(c0.precision, 1.0, EPS);
    CHECK_NEAR(c0.recall, 0.5, EPS);
    CHECK_NEAR(c0.f1, 2.0 / 3.0, EPS);
    /* class 1: TP=1 (item 3) FP=1 (item 4) FN=1 (item 1)
     *   -> P=1/2 R=1/2 F1=2/4=1/2 */
    ms_prf c1 = ms_class_prf(T5, P5, 5, 1);
    CHECK_NEAR(c1.precision, 0.5, EPS);
    CHECK_NEAR(c1.recall, 0.5, EPS);
    CHECK_NEAR(c1.f1, 0.5, EPS);
    /* class 2: TP=1 (item 2) FP=1 (item 1) FN=0 -> P=1/2 R=1 F1=2/3 */
    CHECK_NEAR(ms_class_f1(T5, P5, 5, 2), 2.0 / 3.0, EPS);

    /* truth 0 0 1 1, pred 0 0 0 0: class 1 is never predicted.
     * TP=0 FP=0 FN=2 -> P=0/0 (NAN) R=0/2=0 F1=0 */
    const int t[] = {0, 0, 1, 1}, p[] = {0, 0, 0, 0};
    ms_prf c = ms_class_prf(t, p, 4, 1);
    CHECK(isnan(c.precision));
    CHECK_NEAR(c.recall, 0.0, EPS);
    CHECK_NEAR(c.f1, 0.0, EPS);
    /* class 7 occurs nowhere: nothing is defined */
    c = ms_class_prf(t, p, 4, 7);
    CHECK(c.tp == 0 && c.fp == 0 && c.fn == 0);
    CHECK(isnan(c.precision) && isnan(c.recall) && isnan(c.f1));
}

static void test_macro_f1(void)
{
    /* F1 per class from test_class_prf: 2/3, 1/2, 2/3
     *   -> (4/6 + 3/6 + 4/6) / 3 = 11/18 */
    CHECK_NEAR(ms_macro_f1(T5, P5, 5, 3), 11.0 / 18.0, EPS);
    CHECK_NEAR(ms_macro_f1(T5, T5, 5, 3), 1.0, EPS);      /* perfect */

    /* all wrong: truth 0 1, pred 1 0. Each class TP=0 FP=1 FN=1 -> F1=0 */
    const int a[] = {0, 1}, b[] = {1, 0};
    CHECK_NEAR(ms_macro_f1(a, b, 2, 2), 0.0, EPS);

    /* class 1 absent from pred, class 2 absent everywhere (nclass 3):
     * class 0 TP=2 FP=2 FN=0 -> F1=4/6=2/3; class 1 TP=0 FN=2 -> F1=0;
     * class 2 is left out -> (2/3 + 0) / 2 = 1/3 */
    const int t[] = {0, 0, 1, 1}, p[] = {0, 0, 0, 0};
    CHECK_NEAR(ms_macro_f1(t, p, 4, 3), 1.0 / 3.0, EPS);

    const int bad[] = {0, 5};
    CHECK(isnan(ms_macro_f1(bad, a, 2, 3)));             /* label 5 >= 3 */
    CHECK(strstr(ms_last_error(), "macro F1") != NULL);
    CHECK(isnan(ms_macro_f1(t, p, 0, 3)));
    CHECK(isnan(ms_macro_f1(t, p, 4, 0)));
}

static void test_pearson(void)
{
    /* x 1..5 (mean 3), y 2 4 5 4 5 (mean 4)
     * dx -2 -1 0 1 2, dy -2 0 1 0 1
     * Sxy = 4+0+0+0+2 = 6, Sxx = 10, Syy = 4+0+1+0+1 = 6
     * r = 6 / sqrt(60) = 0.7745966692 */
    const double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5};
    CHECK_NEAR(ms_pearson(x, y, 5), 6.0 / sqrt(60.0), EPS);

    const double up[] = {3, 5, 7, 9, 11};                 /* 2x + 1 */
    const double down[] = {-1, -2, -3, -4, -5};
    CHECK_NEAR(ms_pearson(x, up, 5), 1.0, EPS);
    CHECK_NEAR(ms_pearson(x, down, 5), -1.0, EPS);

    /* r ignores scale: the same data times 1e200 or 1e-200 must neither
     * overflow to inf nor underflow to a zero variance */
    double big[5], tiny[5];
    for (size_t i = 0; i < 5; i++) {
        big[i] = x[i] * 1e200;
        tiny[i] = y[i] * 1e-200;
    }
    CHECK_NEAR(ms_pearson(big, tiny, 5), 6.0 / sqrt(60.0), 1e-9);

    const double flat[] = {2, 2, 2, 2, 2};
    CHECK(isnan(ms_pearson(x, flat, 5)));                /* zero variance */
    CHECK(isnan(ms_pearson(x, y, 1)));                   /* one point */
    CHECK(isnan(ms_pearson(x, y, 0)));
    const double inf[] = {1, 2, INFINITY, 4, 5};
    CHECK(isnan(ms_pearson(inf, y, 5)));
}

static void test_spearman(void)
{
    /* ties: x 1 2 2 3 -> ranks 1, 2.5, 2.5, 4 (the 2s share ranks 2 and 3)
     *       y 1 3 2 4 -> ranks 1, 3, 2, 4; both means 2.5
     * dx -1.5 0 0 1.5, dy -1.5 .5 -.5 1.5
     * Sxy = 2.25 + 2.25 = 4.5, Sxx = 4.5, Syy = 2.25+.25+.25+2.25 = 5
     * rho = 4.5 / sqrt(22.5) = sqrt(0.9) = 0.9486832981 */
    const double x[] = {1, 2, 2, 3}, y[] = {1, 3, 2, 4};
    CHECK_NEAR(ms_spearman(x, y, 4), sqrt(0.9), EPS);

    /* monotone but not linear: ranks agree exactly -> 1; reversed -> -1 */
    const double a[] = {1, 2, 3, 4}, cube[] = {1, 8, 27, 64};
    const double rev[] = {64, 27, 8, 1};
    CHECK_NEAR(ms_spearman(a, cube, 4), 1.0, EPS);
    CHECK_NEAR(ms_spearman(a, rev, 4), -1.0, EPS);

    /* infinities rank like any value: ranks of (-inf 0 inf 5) are 1 2 4 3
     * against 1 2 3 4: d^2 = 0+0+1+1 = 2, rho = 1 - 6*2/(4*15) = 0.8 */
    const double inf[] = {-INFINITY, 0, INFINITY, 5};
    CHECK_NEAR(ms_spearman(inf, a, 4), 0.8, EPS);

    const double same[] = {7, 7, 7, 7}, nan[] = {1, NAN, 3, 4};
    CHECK(isnan(ms_spearman(a, same, 4)));               /* all tied */
    CHECK(isnan(ms_spearman(a, nan, 4)));
    CHECK(isnan(ms_spearman(a, cube, 0)));
}

static void test_ccc(void)
{
    /* truth 1 2 3 (mean 2), pred 2 3 4 (mean 3)
     * var_t = var_p = (1+0+1)/3 = 2/3, cov = 2/3, (2-3)^2 = 1
     * ccc = 2(2/3) / (2/3 + 2/3 + 1) = (4/3)/(7/3) = 4/7 */
    const double t[] = {1, 2, 3}, p[] = {2, 3, 4};
    CHECK_NEAR(ms_ccc(t, p, 3), 4.0 / 7.0, EPS);
    CHECK_NEAR(ms_ccc(t, t, 3), 1.0, EPS);

    /* constant but apart: cov 0, denominator 0+0+1 -> 0 */
    const double ones[] = {1, 1}, twos[] = {2, 2};
    CHECK_NEAR(ms_ccc(ones, twos, 2), 0.0, EPS);
    CHECK(isnan(ms_ccc(ones, ones, 2)));                 /* 0/0 */
    CHECK(isnan(ms_ccc(t, p, 0)));
}

static void test_rmse_r2(void)
{
    /* truth 1 2 3, pred 2 2 5: errors 1 0 2, squares 1 0 4
     * RMSE = sqrt(5/3) = 1.2909944487
     * SSres = 5, mean truth 2, SStot = 1+0+1 = 2 -> R2 = 1 - 5/2 = -1.5 */
    const double t[] = {1, 2, 3}, p[] = {2, 2, 5};
    CHECK_NEAR(ms_rmse(t, p, 3), sqrt(5.0 / 3.0), EPS);
    CHECK_NEAR(ms_r2(t, p, 3), -1.5, EPS);

    /* truth 1 2 3 4, pred 1 2 3 5: SSres = 1,
     * SStot = 2.25+.25+.25+2.25 = 5 -> R2 = 0.8 */
    const double t4[] = {1, 2, 3, 4}, p4[] = {1, 2, 3, 5};
    CHECK_NEAR(ms_r2(t4, p4, 4), 0.8, EPS);
    CHECK_NEAR(ms_rmse(t4, t4, 4), 0.0, EPS);
    CHECK_NEAR(ms_r2(t4, t4, 4), 1.0, EPS);

    /* the first example times 1e300: squares would overflow unscaled */
    const double tb[] = {1e300, 2e300, 3e300}, pb[] = {2e300, 2e300, 5e300};
    CHECK_NEAR(ms_rmse(tb, pb, 3) / 1e300, sqrt(5.0 / 3.0), 1e-12);
    CHECK_NEAR(ms_r2(tb, pb, 3), -1.5, 1e-12);

    const double flat[] = {2, 2, 2};
    CHECK(isnan(ms_r2(flat, p, 3)));                     /* SStot = 0 */
    CHECK(isnan(ms_rmse(t, p, 0)));
    CHECK(isnan(ms_r2(t, p, 0)));
}

static void test_retrieval_single(void)
{
    /* five queries, their item at ranks 1 3 - 2 6 (0 = not retrieved) */
    const size_t rank[] = {1, 3, 0, 2, 6};
    /* @2: ranks 1 and 2 -> 2/5;  @5: 1, 3, 2 -> 3/5 */
    CHECK_NEAR(ms_recall_at_k(rank, 5, 2), 0.4, EPS);
    CHECK_NEAR(ms_recall_at_k(rank, 5, 5), 0.6, EPS);
    CHECK_NEAR(ms_recall_at_k(rank, 5, 0), 0.0, EPS);
    /* MRR = (1 + 1/3 + 0 + 1/2 + 1/6) / 5 = 2/5 */
    CHECK_NEAR(ms_mrr(rank, 5), 0.4, EPS);
    /* nDCG@3 = (1/log2 2 + 1/log2 4 + 0 + 1/log2 3 + 0) / 5
     *        = (1 + 0.5 + 0.6309297536) / 5 = 0.4261859507 */
    CHECK_NEAR(ms_mean_ndcg_single(rank, 5, 3),
               (1.0 + 0.5 + 1.0 / log2(3.0)) / 5.0, EPS);

    const size_t first[] = {1, 1};
    CHECK_NEAR(ms_mrr(first, 2), 1.0, EPS);
    CHECK_NEAR(ms_mean_ndcg_single(first, 2, 1), 1.0, EPS);
    const size_t missed[] = {0, 0};
    CHECK_NEAR(ms_mrr(missed, 2), 0.0, EPS);
    CHECK(isnan(ms_recall_at_k(rank, 0, 3)));
    CHECK(isnan(ms_mrr(rank, 0)));
    CHECK(isnan(ms_mean_ndcg_single(rank, 0, 3)));
}

static void test_ndcg_graded(void)
{
    /* ranked gains 3 2 3 0 1 2, relevant gains 3 2 3 1 2, k = 3
     * DCG@3  = 3/log2 2 + 2/log2 3 + 3/log2 4 = 3 + 1.2618595 + 1.5
     * ideal: 3 3 2 2 1 -> 3 + 3/log2 3 + 2/2 = 3 + 1.8927893 + 1
     * nDCG@3 = 5.7618595 / 5.8927893 = 0.9777813616 */
    const double ranked[] = {3, 2, 3, 0, 1, 2}, rel[] = {3, 2, 3, 1, 2};
    double dcg = 3.0 + 2.0 / log2(3.0) + 1.5;
    double ideal = 3.0 + 3.0 / log2(3.0) + 1.0;
    CHECK_NEAR(ms_ndcg_at_k(ranked, 6, rel, 5, 3), dcg / ideal, EPS);
    CHECK_NEAR(dcg / ideal, 0.9777813616, 1e-10);

    /* the ideal order itself scores 1 */
    const double best[] = {3, 3, 2};
    CHECK_NEAR(ms_ndcg_at_k(best, 3, rel, 5, 3), 1.0, EPS);
    /* fewer ranked than k: the missing places add nothing
     * DCG@4 of 3 3 2 = 5.8927893; ideal@4 adds 2/log2 5 = 0.8613531 */
    CHECK_NEAR(ms_ndcg_at_k(best, 3, rel, 5, 4),
               ideal / (ideal + 2.0 / log2(5.0)), EPS);
    /* nothing relevant retrieved */
    const double none[] = {0, 0, 0};
    CHECK_NEAR(ms_ndcg_at_k(none, 3, rel, 5, 3), 0.0, EPS);

    CHECK(isnan(ms_ndcg_at_k(ranked, 6, NULL, 0, 3)));   /* no relevant */
    CHECK(isnan(ms_ndcg_at_k(ranked, 6, rel, 5, 0)));    /* k = 0 */
    const double neg[] = {-1, 2};
    CHECK(isnan(ms_ndcg_at_k(neg, 2, rel, 5, 3)));
}

static void test_auprc(void)
{
    /* scores already descending; positives at ranks 1, 3, 5
     * precision there: 1/1, 2/3, 3/5 -> AP = (15 + 10 + 9)/45 / 3 = 34/45 */
    const double s[] = {0.9, 0.8, 0.7, 0.6, 0.5};
    const int l[] = {1, 0, 1, 0, 1};
    CHECK_NEAR(ms_auprc(s, l, 5), 34.0 / 45.0, EPS);

    /* same data shuffled: order of input must not matter */
    const double s2[] = {0.5, 0.9, 0.6, 0.7, 0.8};
    const int l2[] = {1, 1, 0, 1, 0};
    CHECK_NEAR(ms_auprc(s2, l2, 5), 34.0 / 45.0, EPS);

    /* a tie between a positive and a negative puts the positive second,
     * whatever the input order: precision 1/2 -> AP 1/2 */
    const double tie[] = {0.5, 0.5};
    const int pn[] = {1, 0}, np[] = {0, 1};
    CHECK_NEAR(ms_auprc(tie, pn, 2), 0.5, EPS);
    CHECK_NEAR(ms_auprc(tie, np, 2), 0.5, EPS);

    const int perfect[] = {1, 1, 0, 0, 0};              /* top two positive */
    CHECK_NEAR(ms_auprc(s, perfect, 5), 1.0, EPS);
    /* worst: one positive, ranked last of 5 -> 1/5 */
    const int last[] = {0, 0, 0, 0, 1};
    CHECK_NEAR(ms_auprc(s, last, 5), 0.2, EPS);
    const int no_pos[] = {0, 0, 0, 0, 0};
    CHECK(isnan(ms_auprc(s, no_pos, 5)));
    const double nan[] = {0.1, NAN};
    CHECK(isnan(ms_auprc(nan, pn, 2)));
    CHECK(isnan(ms_auprc(s, l, 0)));
}

static void test_hamming(void)
{
    /* 4 samples x 3 labels
     * T {0,2}  P {0,1,2}: |T&P| = 2, |T|P| = 3 -> 2/3
     * T {1}    P {1}    : 1
     * T {}     P {}     : both empty -> 1
     * T {0,1}  P {2}    : 0/3 -> 0
     * mean = (2/3 + 1 + 1 + 0) / 4 = 2/3 */
    const unsigned char t[] = {1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0};
    const unsigned char p[] = {1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1};
    CHECK_NEAR(ms_hamming_score(t, p, 4, 3), 2.0 / 3.0, EPS);
    CHECK_NEAR(ms_hamming_score(t, t, 4, 3), 1.0, EPS);
    /* nonzero means "on": 2 and 255 are the same as 1 */
    const unsigned char t2[] = {2, 0, 255};
    const unsigned char p2[] = {1, 0, 1};
    CHECK_NEAR(ms_hamming_score(t2, p2, 1, 3), 1.0, EPS);
    CHECK(isnan(ms_hamming_score(t, p, 0, 3)));
    CHECK(isnan(ms_hamming_score(t, p, 4, 0)));
}

static void test_bleu(void)
{
    /* cand "the cat sat on the mat", ref "the cat sat on a mat"
     * 1-grams: the x2 clipped to 1, cat sat on mat      -> 5/6
     * 2-grams: the cat, cat sat, sat on (not on the, the mat) -> 3/5
     * 3-grams: the cat sat, cat sat on                  -> 2/4
     * 4-grams: the cat sat on                           -> 1/3
     * c = r = 6 -> BP = exp(0) = 1
     * BLEU = (5/6 * 3/5 * 2/4 * 1/3)^(1/4) = (1/12)^(1/4) = 0.5372849659 */
    const char *c1[] = {"the cat sat on the mat"};
    const char *r1[] = {"the cat sat on a mat"};
    CHECK_NEAR(ms_bleu4(c1, r1, 1), pow(1.0 / 12.0, 0.25), EPS);

    /* corpus of that pair plus cand "hello world", ref "hello big world":
     * counts are summed before dividing (pair 2 adds: 1-grams 2/2,
     * 2-grams 0/1, no 3- or 4-grams)
     * p1 = 7/8, p2 = 3/6, p3 = 2/4, p4 = 1/3 -> product 7/96
     * c = 8, r = 9 -> BP = exp(1 - 9/8) = exp(-1/8) = 0.8824969026
     * BLEU = exp(-1/8) * (7/96)^(1/4) = 0.4585850489 */
    const char *c2[] = {"the cat sat on the mat", "hello world"};
    const char *r2[] = {"the cat sat on a mat", "hello big world"};
    CHECK_NEAR(ms_bleu4(c2, r2, 2), exp(-0.125) * pow(7.0 / 96.0, 0.25), EPS);

    /* zero 4-gram precision: cand "the cat on the mat" vs
     * ref "the cat sat on the mat": p1 = 5/5, p2 = 3/4, p3 = 1/3 (on the
     * mat), p4 = 0/2 -> BLEU 0 */
    const char *c3[] = {"the cat on the mat"};
    const char *r3[] = {"the cat sat on the mat"};
    CHECK_NEAR(ms_bleu4(c3, r3, 1), 0.0, EPS);

    /* identical, with any whitespace between tokens -> every p = 1, BP 1 */
    const char *c4[] = {"  the\tcat \n sat  on\r"};
    const char *r4[] = {"the cat sat on"};
    CHECK_NEAR(ms_bleu4(c4, r4, 1), 1.0, EPS);

    /* shorter than 4 tokens: no 4-grams at all -> 0 */
    const char *c5[] = {"the cat"};
    CHECK_NEAR(ms_bleu4(c5, c5, 1), 0.0, EPS);
    /* empty candidate against a real reference -> 0 */
    const char *empty[] = {""}, *blank[] = {" \t "};
    CHECK_NEAR(ms_bleu4(empty, r4, 1), 0.0, EPS);
    CHECK(isnan(ms_bleu4(empty, blank, 1)));            /* nothing at all */
    CHECK(isnan(ms_bleu4(c1, r1, 0)));
    const char *null[] = {NULL};
    CHECK(isnan(ms_bleu4(null, r1, 1)));
}

/* Four tokens of `len` 'x'-or-'y' characters: long tokens must be
 * compared whole, not truncated. */
static char *long_tokens(size_t len, char last)
{
    char *s = malloc(4 * (len + 1));
    if (!s)
        return NULL;
    for (size_t t = 0; t < 4; t++) {
        memset(s + t * (len + 1), 'x', len);
        s[t * (len + 1) + len] = ' ';
    }
    s[4 * (len + 1) - 2] = last;          /* last char of the last token */
    s[4 * (len + 1) - 1] = '\0';
    return s;
}

static void test_long_tokens(void)
{
    size_t len = 100000;
    char *a = long_tokens(len, 'x'), *b = long_tokens(len, 'y');
    CHECK(a && b);
    if (!a || !b) {
        free(a);
        free(b);
        return;
    }
    const char *ca[] = {a}, *cb[] = {b};
    CHECK_NEAR(ms_bleu4(ca, ca, 1), 1.0, EPS);
    /* differ only in the 100000th byte of token 4: p1 = 3/4, p2 = 2/3,
     * p3 = 1/2, p4 = 0/1 -> 0; LCS = 3 of 4 -> ROUGE-L = 6/8 */
    CHECK_NEAR(ms_bleu4(ca, cb, 1), 0.0, EPS);
    CHECK_NEAR(ms_rouge_l(a, b), 0.75, EPS);
    free(a);
    free(b);
}

static void test_rouge_l(void)
{
    /* cand "the cat sat on the mat", ref "the cat was on the mat"
     * LCS = the cat on the mat = 5; P = R = 5/6 -> F1 = 5/6 */
    CHECK_NEAR(ms_rouge_l("the cat sat on the mat", "the cat was on the mat"),
               5.0 / 6.0, EPS);
    /* unequal lengths: cand "a b c d", ref "b d x": LCS = b d = 2
     * P = 2/4, R = 2/3, F1 = 2PR/(P+R) = (2/3)/(7/6) = 4/7 */
    CHECK_NEAR(ms_rouge_l("a b c d", "b d x"), 4.0 / 7.0, EPS);
    /* the same pair the other way round swaps P and R: F1 unchanged */
    CHECK_NEAR(ms_rouge_l("b d x", "a b c d"), 4.0 / 7.0, EPS);
    /* order matters, unlike unigram overlap: LCS of "a b c" and "c b a" is 1
     * -> 2*1/6 = 1/3 */
    CHECK_NEAR(ms_rouge_l("a b c", "c b a"), 1.0 / 3.0, EPS);
    CHECK_NEAR(ms_rouge_l("same words here", " same  words here "), 1.0, EPS);
    CHECK_NEAR(ms_rouge_l("red green", "blue yellow"), 0.0, EPS); /* none */
    CHECK_NEAR(ms_rouge_l("", "blue yellow"), 0.0, EPS);
    CHECK_NEAR(ms_rouge_l("red", "  "), 0.0, EPS);
    CHECK(isnan(ms_rouge_l("", " \n")));
    CHECK(isnan(ms_rouge_l(NULL, "x")));
}

int main(void)
{
    test_accuracy();
    test_confusion();
    test_class_prf();
    test_macro_f1();
    test_pearson();
    test_spearman();
    test_ccc();
    test_rmse_r2();
    test_retrieval_single();
    test_ndcg_graded();
    test_auprc();
    test_hamming();
    test_bleu();
    test_long_tokens();
    test_rouge_l();
    return check_report();
}
