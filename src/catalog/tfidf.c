/* tfidf.c — the baseline: tf-idf vectors over the lowercased words of
 * descriptors and titles, compared by cosine (Salton & Buckley 1988), as
 * the Deezer study ran it. No lemmas, synonyms, emotion or constraints:
 * what it gets right, it gets from shared words alone. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "tfidf.h"
#include "base/error.h"
#include "base/grow.h"
#include "base/strmap.h"

#define WORD_MAX 64
#define QUERY_WORDS 64

typedef struct posting {
    uint32_t doc;
    float    weight;             /* tf-idf, the document's vector unit */
} posting;

typedef struct term {
    posting *items;
    size_t   count, cap;
    double   idf;
} term;

struct ms_tfidf {
    ms_strmap     *vocab;        /* word -> term index */
    term          *terms;
    size_t         n_terms, cap_terms;
    sqlite3_int64 *rowids;       /* per document */
    size_t         n_docs, cap_docs;
};

void ms_tfidf_free(ms_tfidf *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_terms; i++)
        free(t->terms[i].items);
    free(t->terms);
    free(t->rowids);
    ms_strmap_free(t->vocab);
    free(t);
}

/* Calls add(word) for each run of letters and digits, lowercased. */
static ms_status each_word(const char *s,
                           ms_status (*add)(void *, const char *), void *ctx)
{
    char w[WORD_MAX];
    ms_status st = MS_OK;
    while (s && *s && st == MS_OK) {
        size_t n = 0;
        while (*s && !isalnum((unsigned char)*s))
            s++;
        while (*s && isalnum((unsigned char)*s)) {
            if (n < WORD_MAX - 1)
                w[n++] = (char)tolower((unsigned char)*s);
            s++;
        }
        w[n] = '\0';
        if (n)
            st = add(ctx, w);
    }
    return st;
}

typedef struct doc_words {
    ms_tfidf *t;
    uint32_t  doc;
} doc_words;

static ms_status term_of(ms_tfidf *t, const char *w, uint32_t *at)
{
    if (ms_strmap_get(t->vocab, w, strlen(w), at))
        return MS_OK;
    if (ms_grow((void **)&t->terms, &t->cap_terms, t->n_terms,
                sizeof *t->terms))
        return ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
    memset(&t->terms[t->n_terms], 0, sizeof *t->terms);
    *at = (uint32_t)t->n_terms++;
    return ms_strmap_put(t->vocab, w, strlen(w), *at);
}

/* Counts a word for the current document (postings hold counts until
 * weigh() turns them into tf-idf). */
static ms_status count_word(void *ctx, const char *w)
{
    doc_words *d = ctx;
    uint32_t at;
    ms_status st = term_of(d->t, w, &at);
    if (st != MS_OK)
        return st;
    term *tm = &d->t->terms[at];
    if (tm->count && tm->items[tm->count - 1].doc == d->doc) {
        tm->items[tm->count - 1].weight += 1;
        return MS_OK;
    }
    if (ms_grow((void **)&tm->items, &tm->cap, tm->count, sizeof *tm->items))
        return ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
    tm->items[tm->count++] = (posting){d->doc, 1};
    return MS_OK;
}

/* Counts into tf-idf weights, each document's vector scaled to unit
 * length. */
static ms_status weigh(ms_tfidf *t)
{
    double *norm = calloc(t->n_docs ? t->n_docs : 1, sizeof *norm);
    if (!norm)
        return ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
    for (size_t i = 0; i < t->n_terms; i++) {
        term *tm = &t->terms[i];
        tm->idf = log((double)t->n_docs / (double)tm->count);
        for (size_t j = 0; j < tm->count; j++) {
            tm->items[j].weight *= (float)tm->idf;
            norm[tm->items[j].doc] += (double)tm->items[j].weight
                                    * tm->items[j].weight;
        }
    }
    for (size_t i = 0; i < t->n_terms; i++)
        for (size_t j = 0; j < t->terms[i].count; j++) {
            posting *p = &t->terms[i].items[j];
            p->weight = norm[p->doc] > 0
                      ? (float)(p->weight / sqrt(norm[p->doc])) : 0;
        }
    free(norm);
    return MS_OK;
}

static ms_status read_docs(sqlite3 *db, ms_tfidf *t)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT rowid, descriptors, title FROM tracks "
                           "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
        return ms_fail(MS_ERR_IO, "tf-idf: %s", sqlite3_errmsg(db));
    ms_status s = MS_OK;
    int rc;
    while (s == MS_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (ms_grow((void **)&t->rowids, &t->cap_docs, t->n_docs,
                    sizeof *t->rowids)) {
            s = ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
            break;
        }
        doc_words d = {t, (uint32_t)t->n_docs};
        t->rowids[t->n_docs++] = sqlite3_column_int64(st, 0);
        s = each_word((const char *)sqlite3_column_text(st, 1), count_word, &d);
        if (s == MS_OK)
            s = each_word((const char *)sqlite3_column_text(st, 2), count_word,
                          &d);
    }
    if (s == MS_OK && rc != SQLITE_DONE)
        s = ms_fail(MS_ERR_IO, "tf-idf: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return s;
}

ms_status ms_tfidf_build(sqlite3 *db, ms_tfidf **out)
{
    *out = NULL;
    ms_tfidf *t = calloc(1, sizeof *t);
    ms_status st = t ? ms_strmap_new(&t->vocab)
                     : ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
    if (st == MS_OK)
        st = read_docs(db, t);
    if (st == MS_OK)
        st = weigh(t);
    if (st != MS_OK) {
        ms_tfidf_free(t);
        return st;
    }
    *out = t;
    return MS_OK;
}

typedef struct query_words {
    const ms_tfidf *t;
    uint32_t terms[QUERY_WORDS];
    double   count[QUERY_WORDS];
    size_t   n;
} query_words;

static ms_status query_word(void *ctx, const char *w)
{
    query_words *q = ctx;
    uint32_t at;
    if (!ms_strmap_get(q->t->vocab, w, strlen(w), &at))
        return MS_OK;
    for (size_t i = 0; i < q->n; i++)
        if (q->terms[i] == at) {
            q->count[i] += 1;
            return MS_OK;
        }
    if (q->n < QUERY_WORDS) {
        q->terms[q->n] = at;
        q->count[q->n++] = 1;
    }
    return MS_OK;
}

ms_status ms_tfidf_rank(const ms_tfidf *t, const char *query, size_t k,
                        sqlite3_int64 *rowids, double *scores, size_t *n)
{
    query_words q = {.t = t};
    *n = 0;
    each_word(query, query_word, &q);
    double *acc = calloc(t->n_docs ? t->n_docs : 1, sizeof *acc);
    if (!acc)
        return ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
    /* the query's norm scales every cosine alike: ranking ignores it */
    for (size_t i = 0; i < q.n; i++) {
        const term *tm = &t->terms[q.terms[i]];
        double w = q.count[i] * tm->idf;
        for (size_t j = 0; j < tm->count; j++)
            acc[tm->items[j].doc] += w * tm->items[j].weight;
    }
    /* top k by insertion: k is small */
    for (size_t d = 0; d < t->n_docs; d++) {
        if (acc[d] <= 0)
            continue;
        size_t at = *n < k ? (*n)++ : k;
        while (at > 0 && scores[at - 1] < acc[d]) {
            if (at < k) {
                scores[at] = scores[at - 1];
                rowids[at] = rowids[at - 1];
            }
            at--;
        }
        if (at < k) {
            scores[at] = acc[d];
            rowids[at] = t->rowids[d];
        }
    }
    free(acc);
    return MS_OK;
}

ms_status ms_catalog_tfidf(ms_catalog *cat, const char *request, size_t k,
                           ms_hits *hits)
{
    memset(hits, 0, sizeof *hits);
    ms_status st = cat->tfidf ? MS_OK : ms_tfidf_build(cat->db, &cat->tfidf);
    sqlite3_int64 *rowids = calloc(k ? k : 1, sizeof *rowids);
    double *scores = calloc(k ? k : 1, sizeof *scores);
    hits->items = calloc(k ? k : 1, sizeof *hits->items);
    sqlite3_stmt *row = NULL;
    size_t n = 0;
    if (st == MS_OK && (!rowids || !scores || !hits->items))
        st = ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
    if (st == MS_OK)
        st = ms_tfidf_rank(cat->tfidf, request, k, rowids, scores, &n);
    if (st == MS_OK && sqlite3_prepare_v2(cat->db, "SELECT id, title FROM "
                                          "tracks WHERE rowid = ?1", -1, &row,
                                          NULL) != SQLITE_OK)
        st = ms_store_fail(cat, MS_ERR_IO, "cannot read tracks");
    for (size_t i = 0; st == MS_OK && i < n; i++) {
        sqlite3_reset(row);
        sqlite3_bind_int64(row, 1, rowids[i]);
        if (sqlite3_step(row) != SQLITE_ROW)
            continue;
        ms_hit *h = &hits->items[hits->count++];
        const char *id = (const char *)sqlite3_column_text(row, 0);
        const char *title = (const char *)sqlite3_column_text(row, 1);
        h->id = strdup(id ? id : "");
        h->title = title ? strdup(title) : NULL;
        h->why = strdup("tf-idf");
        h->score = scores[i];
        if (!h->id || !h->why)
            st = ms_fail(MS_ERR_NOMEM, "tf-idf: out of memory");
    }
    sqlite3_finalize(row);
    free(rowids);
    free(scores);
    if (st != MS_OK)
        ms_hits_free(hits);
    return st;
}
