/* recommend.c — ranking the catalogue for a request in plain words.
 *
 * The Deezer study of text-to-music retrieval over high-level descriptors
 * (genre, mood, instrument, listening context) found plain tf-idf a hard
 * baseline (Recall@10 89.4 on MusicCaps descriptors) that a fine-tuned
 * bi-encoder did not beat (84.8); its misses were vocabulary gaps. So the
 * ranking here keeps exact matching at its core and closes the gaps
 * around it:
 *   1. words are lemmatised on both sides, and each word a person types
 *      also brings the catalogue words it stands for (synonyms.tsv:
 *      "chill" -> relaxing, calm; "keys" -> piano), at a lower weight;
 *   2. FTS5's index lists the tracks that hold each word (in descriptors,
 *      or title, artist and tags, which count 0.3), and every track is
 *      scored by BM25 for a word that occurs once (as words do in
 *      descriptor lists), each typed word counting once: the best of
 *      itself and the words it stands for, which count 0.6. Every match
 *      can then be named in the answer;
 *   3. the emotion the request carries (or wishes for: "cheer me up")
 *      pulls in tracks near it in the circumplex, and scores all;
 *   4. stated constraints (no vocals, slow, 120 bpm) lift tracks that
 *      keep them and push down those that break them;
 *   5. the same artist or the same descriptors twice in the top k cost a
 *      little, for variety. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "store.h"
#include "base/error.h"
#include "postings.h"

#define TERMS_MAX       48
#define TYPED_MAX       32
#define TEXT_CANDIDATES 150
#define TITLE_SHARE     0.3      /* a word in a title, artist or tag */
#define EMO_CANDIDATES  60
#define SYNONYM_WEIGHT  0.6
#define EMO_SPREAD      0.3      /* circumplex distance of half a pull */
#define WHY_MAX         320

typedef struct qterm {
    char   lemma[64];
    char   typed[64];            /* the word that brought it */
    double weight, idf;
    int    synonym;              /* 1: brought by a synonym */
    size_t group;                /* the typed word it comes from */
} qterm;

typedef struct request {
    ms_reading reading;
    ms_emotion target;
    int        for_desired;
    double     emo_weight;
    qterm      terms[TERMS_MAX];
    size_t     n_terms;
    int        vocals;           /* wanted: -1 any, 0 none, 1 some */
    int        tempo_class;      /* -1 any */
    double     bpm;              /* 0 any */
    double     n_docs;           /* tracks in the catalogue, about */
} request;

typedef struct cand {
    sqlite3_int64 rowid;
    char  *id, *title, *artist, *path, *descriptors;
    double valence, arousal, bpm;
    int    vocals, tempo_class;
    double match, emo, adjust, score;
    unsigned long long matched;  /* bit i: terms[i] found */
} cand;

typedef struct pool {
    cand  *items;
    size_t count, cap;
} pool;

/* Per track (by rowid): the worth of the request's words it holds, and
 * which (bit i for terms[i]). */
typedef struct tally {
    float    *score;
    uint64_t *bits;
    size_t    n;
} tally;

/* ---- reading the request ------------------------------------------------ */

/* Words of a request that ask rather than describe. */
static const char *const asking_words[] = {
    "play", "music", "song", "track", "something", "anything", "want",
    "need", "give", "please", "listen", "find", "recommend", "stuff",
    "tune", "playlist", "kind", "sort", "bit", "little", "maybe", "feel",
    "feeling", "mood", "hear", "pls", "plz", "got", "any", "bpm", NULL
};

static int in_list(const char *const *list, const char *w)
{
    for (; *list; list++)
        if (strcmp(*list, w) == 0)
            return 1;
    return 0;
}

static const char *const vocal_lemmas[] = {
    "vocal", "voice", "sing", "singing", "singer", "lyric", "word", "rap",
    "rapper", "choir", NULL
};

/* Constraints a term states; 1 when the term is only a constraint. */
static int read_constraint(request *q, const ms_term *t, const ms_term *next)
{
    if (in_list(vocal_lemmas, t->lemma)) {
        q->vocals = t->negated ? 0 : 1;
        return t->negated;
    }
    if (strcmp(t->lemma, "instrumental") == 0) {
        q->vocals = t->negated ? 1 : 0;
        return 0;
    }
    static const char *const tempos[] = {"slow", "midtempo", "upbeat", "fast"};
    for (int i = 0; i < 4; i++)
        if (strcmp(t->lemma, tempos[i]) == 0 && !t->negated)
            q->tempo_class = i;
    char *end;
    double x = strtod(t->text, &end);
    if (*end == '\0' && end != t->text && next
        && strcmp(next->lemma, "bpm") == 0 && x >= 30 && x <= 300) {
        q->bpm = x;
        q->tempo_class = ms_tempo_class_of_bpm(x);
        return 1;
    }
    return t->negated;           /* "not sad": no text match wanted */
}

static void add_term(request *q, const char *lemma, const char *typed,
                     double weight, int synonym, size_t group)
{
    for (size_t i = 0; i < q->n_terms; i++)
        if (strcmp(q->terms[i].lemma, lemma) == 0) {
            q->terms[i].weight = fmax(q->terms[i].weight, weight);
            return;
        }
    if (q->n_terms == TERMS_MAX || strlen(lemma) >= 64)
        return;
    qterm *t = &q->terms[q->n_terms++];
    snprintf(t->lemma, sizeof t->lemma, "%s", lemma);
    snprintf(t->typed, sizeof t->typed, "%s", typed);
    t->weight = weight;
    t->synonym = synonym;
    t->group = group;
}

static void add_synonyms(request *q, const ms_reader *r, const ms_term *t,
                         size_t group)
{
    const char *syn[16];
    size_t n = ms_reader_synonyms(r, t->lemma, syn, 16);
    if (n == 0 && strcmp(t->text, t->lemma) != 0)
        n = ms_reader_synonyms(r, t->text, syn, 16);
    for (size_t i = 0; i < n; i++)
        add_term(q, syn[i], t->text, SYNONYM_WEIGHT, 1, group);
}

static ms_status read_request(const ms_reader *r, const char *text,
                              request *q)
{
    ms_term typed[TYPED_MAX];
    size_t n;
    memset(q, 0, sizeof *q);
    q->vocals = q->tempo_class = -1;
    ms_status st = ms_reader_read(r, text, strlen(text), &q->reading);
    if (st == MS_OK)
        st = ms_reader_terms(r, text, strlen(text), typed, TYPED_MAX, &n);
    if (st != MS_OK)
        return st;
    n = n < TYPED_MAX ? n : TYPED_MAX;
    q->for_desired = q->reading.has_desired;
    for (size_t i = 0; i < n; i++) {
        const ms_term *t = &typed[i];
        /* "so sad, cheer me up" asks for joy: "sad" describes the
         * listener, not the music; "soft piano" there still describes
         * the music, being near what is wished for */
        int listener = q->for_desired && !t->wished && t->affective
                    && ms_va_distance(t->valence, t->arousal,
                                      q->reading.desired.valence,
                                      q->reading.desired.arousal) > 0.7;
        if (read_constraint(q, t, i + 1 < n ? &typed[i + 1] : NULL)
            || in_list(asking_words, t->lemma) || listener)
            continue;
        add_term(q, t->lemma, t->text, 1.0, 0, i);
        add_synonyms(q, r, t, i);
    }
    q->target = q->for_desired ? q->reading.desired : q->reading.emotion;
    q->emo_weight = q->reading.uncertain ? 0.15 : 0.5;
    return MS_OK;
}

/* ---- candidates ------------------------------------------------------- */

static void free_pool(pool *p)
{
    for (size_t i = 0; i < p->count; i++) {
        cand *c = &p->items[i];
        free(c->id); free(c->title); free(c->artist); free(c->path);
        free(c->descriptors);
    }
    free(p->items);
    memset(p, 0, sizeof *p);
}

static int in_pool(const pool *p, sqlite3_int64 rowid)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->items[i].rowid == rowid)
            return 1;
    return 0;
}

static char *column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? strdup((const char *)s) : NULL;
}

static ms_status load_candidate(ms_catalog *cat, sqlite3_stmt *row,
                                const tally *t, sqlite3_int64 rowid, pool *p)
{
    if (in_pool(p, rowid))
        return MS_OK;
    sqlite3_reset(row);
    sqlite3_bind_int64(row, 1, rowid);
    int rc = sqlite3_step(row);
    if (rc == SQLITE_DONE)
        return MS_OK;
    if (rc != SQLITE_ROW)
        return ms_store_fail(cat, MS_ERR_IO, "cannot read a track");
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        cand *items = realloc(p->items, cap * sizeof *items);
        if (!items)
            return ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
        p->items = items;
        p->cap = cap;
    }
    cand *c = memset(&p->items[p->count++], 0, sizeof *c);
    c->rowid = rowid;
    if (rowid >= 0 && (size_t)rowid < t->n) {
        c->match = t->score[rowid];
        c->matched = t->bits[rowid];
    }
    c->id = column_dup(row, 0);
    c->title = column_dup(row, 1);
    c->artist = column_dup(row, 2);
    c->path = column_dup(row, 3);
    c->valence = sqlite3_column_double(row, 4);
    c->arousal = sqlite3_column_double(row, 5);
    c->bpm = sqlite3_column_double(row, 6);
    c->tempo_class = sqlite3_column_int(row, 7);
    c->vocals = sqlite3_column_int(row, 8);
    c->descriptors = column_dup(row, 9);
    if (!c->id)
        return ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
    return MS_OK;
}

/* Adds the tracks an SQL query names (by rowid) to the pool; *rows counts
 * them, whether or not they were there already. */
static ms_status gather(ms_catalog *cat, const char *sql, const char *what,
                        void (*bind)(sqlite3_stmt *, const void *),
                        const void *arg, sqlite3_stmt *row, const tally *t,
                        pool *p, size_t *rows)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(cat->db, sql, -1, &st, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, what);
    bind(st, arg);
    ms_status s = MS_OK;
    int rc;
    while (s == MS_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        s = load_candidate(cat, row, t, sqlite3_column_int64(st, 0), p);
        (*rows)++;
    }
    if (s == MS_OK && rc != SQLITE_DONE)
        s = ms_store_fail(cat, MS_ERR_IO, what);
    sqlite3_finalize(st);
    return s;
}

static void bind_point(sqlite3_stmt *st, const void *arg)
{
    const ms_emotion *e = arg;
    sqlite3_bind_double(st, 1, e->valence);
    sqlite3_bind_double(st, 2, e->arousal);
    sqlite3_bind_int(st, 3, EMO_CANDIDATES);
}

/* The nearest tracks in the circumplex, looked up by the grid cells
 * within `reach` cells (0.1 each) of the target: the index, which holds
 * each track's point, narrows a million tracks to a few thousand and
 * answers without touching the table. */
static void emotion_sql(const ms_emotion *e, int reach, char *sql, size_t n)
{
    int cell = ms_store_cell(e->valence, e->arousal);
    int v0 = cell / 21, a0 = cell % 21;
    size_t used = (size_t)snprintf(sql, n, "SELECT rowid FROM tracks WHERE "
                                   "cell IN (");
    int first = 1;
    for (int v = v0 - reach; v <= v0 + reach; v++)
        for (int a = a0 - reach; a <= a0 + reach; a++)
            if (v >= 0 && v <= 20 && a >= 0 && a <= 20 && used < n) {
                used += (size_t)snprintf(sql + used, n - used, "%s%d",
                                         first ? "" : ",", v * 21 + a);
                first = 0;
            }
    if (used < n)
        snprintf(sql + used, n - used, ") ORDER BY (valence - ?1) * "
                 "(valence - ?1) + (arousal - ?2) * (arousal - ?2) "
                 "LIMIT ?3");
}

/* The nearest tracks in feeling: in the target's cell, else within 0.1,
 * else 0.2, else anywhere (a
 * small or lopsided catalogue may have nothing near). */
static ms_status emotion_candidates(ms_catalog *cat, const request *q,
                                    sqlite3_stmt *row, const tally *t,
                                    pool *p)
{
    char near[1024];
    ms_status st = MS_OK;
    size_t rows = 0;
    for (int reach = 0; reach <= 2 && st == MS_OK && rows < EMO_CANDIDATES;
         reach++) {
        rows = 0;
        emotion_sql(&q->target, reach, near, sizeof near);
        st = gather(cat, near, "cannot search by emotion", bind_point,
                    &q->target, row, t, p, &rows);
    }
    if (st == MS_OK && rows < EMO_CANDIDATES)
        st = gather(cat, "SELECT rowid FROM tracks ORDER BY (valence - ?1) * "
                    "(valence - ?1) + (arousal - ?2) * (arousal - ?2) "
                    "LIMIT ?3", "cannot search by emotion", bind_point,
                    &q->target, row, t, p, &rows);
    return st;
}

/* BM25's weight for a word that occurs once in a track of `len` words
 * (Robertson & Zaragoza 2009, k1 = 1.2, b = 0.75): shorter descriptor
 * lists that hold the word are about it more. */
static float length_factor(size_t len, double avg)
{
    return (float)(2.2 / (1 + 1.2 * (0.25 + 0.75 * (double)len / avg)));
}

/* A typed word's worth in each track that holds it or one of the words it
 * stands for: the best of them, not their sum, so a word with many
 * synonyms does not outweigh one with none. */
static void accumulate(const ms_postings *postings, const request *q,
                       size_t group, tally *tl, float *best,
                       sqlite3_int64 *seen, sqlite3_int64 *touched,
                       size_t *n_touched)
{
    size_t n_seen = 0;
    double avg = ms_postings_mean_length(postings);
    for (size_t k = 0; k < q->n_terms; k++) {
        const qterm *t = &q->terms[k];
        size_t n;
        if (t->group != group)
            continue;
        const ms_posting *list = ms_postings_of(postings, t->lemma, &n);
        float w = (float)(t->weight * t->idf);
        uint64_t mask = k < 64 ? 1ULL << k : 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t id = list[i].track;
            if (id >= tl->n)
                continue;
            float v = list[i].column ? (float)TITLE_SHARE * w
                    : w * length_factor(ms_postings_length(postings, id), avg);
            if (best[id] == 0)
                seen[n_seen++] = id;
            if (v > best[id])
                best[id] = v;
            tl->bits[id] |= mask;
        }
    }
    for (size_t i = 0; i < n_seen; i++) {
        sqlite3_int64 id = seen[i];
        if (tl->score[id] == 0)
            touched[(*n_touched)++] = id;
        tl->score[id] += best[id];
        best[id] = 0;
    }
}

typedef struct scored { sqlite3_int64 id; float score; } scored;

static int by_partial(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The best `keep` of the touched tracks by summed term worth. */
static size_t best_touched(const float *score, const sqlite3_int64 *touched,
                           size_t n, scored *out, size_t keep)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        scored s = {touched[i], score[touched[i]]};
        if (kept == keep && s.score <= out[kept - 1].score)
            continue;
        size_t at = kept < keep ? kept++ : keep - 1;
        while (at > 0 && by_partial(&s, &out[at - 1]) < 0) {
            out[at] = out[at - 1];
            at--;
        }
        out[at] = s;
    }
    return kept;
}

/* Tracks that share words with the request: every track is scored, and
 * the best kept for the full scoring. */
static ms_status text_candidates(ms_catalog *cat, const request *q,
                                 sqlite3_stmt *row, tally *tl, pool *p)
{
    if (q->n_terms == 0)
        return MS_OK;
    sqlite3_int64 *touched = malloc(tl->n * sizeof *touched);
    sqlite3_int64 *seen = malloc(tl->n * sizeof *seen);
    float *group_best = calloc(tl->n, sizeof *group_best);
    scored *best = malloc(TEXT_CANDIDATES * sizeof *best);
    size_t n_touched = 0;
    ms_status s = MS_OK;
    if (!touched || !seen || !group_best || !best)
        s = ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
    for (size_t g = 0; g < TYPED_MAX && s == MS_OK; g++)
        accumulate(cat->postings, q, g, tl, group_best, seen, touched,
                   &n_touched);
    free(seen);
    free(group_best);
    size_t kept = s == MS_OK ? best_touched(tl->score, touched, n_touched,
                                            best, TEXT_CANDIDATES) : 0;
    for (size_t i = 0; i < kept && s == MS_OK; i++)
        s = load_candidate(cat, row, tl, best[i].id, p);
    free(touched);
    free(best);
    return s;
}

/* Words first, then the nearest tracks in feeling. */
static ms_status candidates(ms_catalog *cat, const request *q, pool *p)
{
    sqlite3_stmt *row = NULL;
    tally t = {NULL, NULL, ms_postings_max_rowid(cat->postings) + 1};
    ms_status st = MS_OK;
    t.score = calloc(t.n, sizeof *t.score);
    t.bits = calloc(t.n, sizeof *t.bits);
    if (!t.score || !t.bits)
        st = ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
    else if (sqlite3_prepare_v2(cat->db,
            "SELECT id, title, artist, path, valence, arousal, tempo_bpm,"
            " tempo_class, vocals, descriptors FROM tracks WHERE rowid = ?1",
            -1, &row, NULL) != SQLITE_OK)
        st = ms_store_fail(cat, MS_ERR_IO, "cannot read tracks");
    if (st == MS_OK)
        st = text_candidates(cat, q, row, &t, p);
    if (st == MS_OK)
        st = emotion_candidates(cat, q, row, &t, p);
    sqlite3_finalize(row);
    free(t.score);
    free(t.bits);
    return st;
}

/* ---- scoring ------------------------------------------------------------ */

/* The postings, read again when the catalogue has changed. */
static ms_status fresh_postings(ms_catalog *cat)
{
    if (!ms_postings_stale(cat->postings, cat->db))
        return MS_OK;
    ms_postings_free(cat->postings);
    cat->postings = NULL;
    return ms_postings_load(cat->db, &cat->postings);
}

static ms_status term_weights(ms_catalog *cat, request *q)
{
    ms_status st = fresh_postings(cat);
    if (st != MS_OK)
        return st;
    double n = q->n_docs = (double)ms_postings_tracks(cat->postings);
    for (size_t i = 0; i < q->n_terms; i++) {
        size_t df;
        ms_postings_of(cat->postings, q->terms[i].lemma, &df);
        q->terms[i].idf = log(1 + (n - (double)df + 0.5) / ((double)df + 0.5));
    }
    return MS_OK;
}

static void score_constraints(const request *q, cand *c)
{
    if (q->vocals >= 0 && c->vocals >= 0)
        c->adjust += q->vocals == c->vocals ? 0.1 : -0.6;
    if (q->tempo_class >= 0 && c->tempo_class >= 0) {
        int d = abs(q->tempo_class - c->tempo_class);
        c->adjust += d == 0 ? 0.1 : d == 1 ? -0.15 : -0.4;
    }
    if (q->bpm > 0 && c->bpm > 0)
        c->adjust += fabs(q->bpm - c->bpm) <= 8 ? 0.15
                   : fabs(q->bpm - c->bpm) <= 20 ? 0 : -0.2;
}

static void score_all(const request *q, pool *p)
{
    double best = 0;
    for (size_t i = 0; i < p->count; i++)
        best = fmax(best, p->items[i].match);
    for (size_t i = 0; i < p->count; i++) {
        cand *c = &p->items[i];
        double d = ms_va_distance(c->valence, c->arousal, q->target.valence,
                                  q->target.arousal);
        c->emo = exp(-d * d / (2 * EMO_SPREAD * EMO_SPREAD));
        score_constraints(q, c);
        c->score = (best > 0 ? c->match / best : 0) + q->emo_weight * c->emo
                 + c->adjust;
    }
}

static int by_score(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Greedy selection: each pick makes later ones by the same artist, or
 * with the very same descriptors, a little less attractive. */
static size_t diversify(pool *p, size_t k)
{
    size_t chosen = 0;
    while (chosen < k && chosen < p->count) {
        size_t best = chosen;
        double best_score = -1e300;
        for (size_t i = chosen; i < p->count && i < chosen + 64; i++) {
            double s = p->items[i].score;
            for (size_t j = 0; j < chosen; j++)
                s -= 0.1 * same(p->items[i].artist, p->items[j].artist)
                   + 0.2 * same(p->items[i].descriptors,
                                p->items[j].descriptors);
            if (s > best_score) {
                best_score = s;
                best = i;
            }
        }
        cand t = p->items[chosen];
        p->items[chosen] = p->items[best];
        p->items[best] = t;
        chosen++;
    }
    return chosen;
}

/* ---- explaining --------------------------------------------------------- */

static void append(char *buf, size_t *used, const char *fmt, const char *a,
                   const char *b)
{
    if (*used >= WHY_MAX - 1)
        return;
    int w = snprintf(buf + *used, WHY_MAX - *used, fmt, a, b);
    if (w > 0)
        *used = *used + (size_t)w < WHY_MAX ? *used + (size_t)w : WHY_MAX - 1;
}

static char *explain(const request *q, const cand *c, const ms_moods *moods)
{
    char buf[WHY_MAX];
    size_t used = 0, n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < q->n_terms && i < 64; i++) {
        if (!(c->matched >> i & 1))
            continue;
        const qterm *t = &q->terms[i];
        append(buf, &used, n++ ? ", %s" : "matches %s", t->lemma, NULL);
        if (t->synonym)
            append(buf, &used, " (for \"%s\")", t->typed, NULL);
    }
    if (q->vocals >= 0 && c->vocals == q->vocals)
        append(buf, &used, "%s%s", n++ ? "; " : "",
               q->vocals ? "has vocals" : "instrumental");
    if (q->tempo_class >= 0 && c->tempo_class == q->tempo_class) {
        static const char *const names[] = {"slow", "mid-tempo", "upbeat",
                                            "fast"};
        append(buf, &used, "%s%s", n++ ? "; " : "", names[c->tempo_class]);
    }
    size_t m;
    ms_moods_nearest(moods, c->valence, c->arousal, &m, 1);
    const char *mood = ms_moods_get(moods, m)->id;
    if (q->reading.uncertain) {
        if (n == 0)
            append(buf, &used, "no word of the request matched; %s, near the "
                   "middle of the feelings%s", mood, "");
    } else if (c->emo >= 0.5) {
        append(buf, &used, "%sfeels %s", n++ ? "; " : "", mood);
        append(buf, &used, q->for_desired ? ", where you want to be%s%s"
                                          : ", like your mood%s%s", "", "");
    } else if (n == 0) {
        append(buf, &used, "the closest in feeling: %s%s", mood, "");
    }
    return strdup(buf);
}

/* ---- the whole ---------------------------------------------------------- */

static ms_status fill_hits(const request *q, pool *p, size_t k,
                           const ms_moods *moods, ms_hits *hits)
{
    size_t n = diversify(p, k);
    hits->items = calloc(n ? n : 1, sizeof *hits->items);
    if (!hits->items)
        return ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
    for (size_t i = 0; i < n; i++) {
        cand *c = &p->items[i];
        ms_hit *h = &hits->items[hits->count++];
        h->id = c->id;
        h->title = c->title;
        h->artist = c->artist;
        h->path = c->path;
        c->id = c->title = c->artist = c->path = NULL;
        h->score = c->score;
        h->valence = c->valence;
        h->arousal = c->arousal;
        if (!(h->why = explain(q, c, moods)))
            return ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
    }
    return MS_OK;
}

ms_status ms_catalog_recommend(ms_catalog *cat, const ms_reader *reader,
                               const char *request_text, size_t k,
                               ms_hits *hits)
{
    memset(hits, 0, sizeof *hits);
    if (!cat || !reader || !request_text)
        return ms_fail(MS_ERR_ARG, "recommend: no catalogue or request");
    request *q = malloc(sizeof *q);
    pool p = {0};
    if (!q)
        return ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
    ms_status st = read_request(reader, request_text, q);
    if (st == MS_OK)
        st = term_weights(cat, q);
    if (st == MS_OK)
        st = candidates(cat, q, &p);
    if (st == MS_OK) {
        score_all(q, &p);
        qsort(p.items, p.count, sizeof *p.items, by_score);
        hits->query = q->reading;
        hits->target = q->target;
        hits->for_desired = q->for_desired;
        st = fill_hits(q, &p, k, ms_reader_moods(reader), hits);
    }
    free_pool(&p);
    free(q);
    if (st != MS_OK)
        ms_hits_free(hits);
    return st;
}

void ms_hits_free(ms_hits *hits)
{
    for (size_t i = 0; i < hits->count; i++) {
        ms_hit *h = &hits->items[i];
        free(h->id); free(h->title); free(h->artist); free(h->why);
        free(h->path);
    }
    free(hits->items);
    memset(hits, 0, sizeof *hits);
}
