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
 *   2. BM25 over descriptors and titles (FTS5) picks candidates, which
 *      are scored again term by term so that expansions count less and
 *      every match can be named in the answer;
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

#define TERMS_MAX       48
#define TYPED_MAX       32
#define TEXT_CANDIDATES 300
#define EMO_CANDIDATES  100
#define SYNONYM_WEIGHT  0.6
#define TITLE_WEIGHT    0.3
#define BM25_K1         1.2
#define EMO_SPREAD      0.3      /* circumplex distance of half a pull */
#define WHY_MAX         320

typedef struct qterm {
    char   lemma[64];
    char   typed[64];            /* the word that brought it */
    double weight, idf;
    int    synonym;              /* 1: brought by a synonym */
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
} request;

typedef struct cand {
    sqlite3_int64 rowid;
    char  *id, *title, *artist, *path, *descriptors, *text, *title_text;
    double valence, arousal, bpm;
    int    vocals, tempo_class;
    double match, emo, adjust, score;
    unsigned long long matched;  /* bit i: terms[i] found */
} cand;

typedef struct pool {
    cand  *items;
    size_t count, cap;
} pool;

/* ---- reading the request ------------------------------------------------- */

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
                     double weight, int synonym)
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
}

static void add_synonyms(request *q, const ms_reader *r, const ms_term *t)
{
    const char *syn[16];
    size_t n = ms_reader_synonyms(r, t->lemma, syn, 16);
    if (n == 0 && strcmp(t->text, t->lemma) != 0)
        n = ms_reader_synonyms(r, t->text, syn, 16);
    for (size_t i = 0; i < n; i++)
        add_term(q, syn[i], t->text, SYNONYM_WEIGHT, 1);
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
        /* "so sad, cheer me up" asks for joy: the sad words describe the
         * listener, not the music */
        int listener = q->for_desired && !t->wished && t->affective;
        if (read_constraint(q, t, i + 1 < n ? &typed[i + 1] : NULL)
            || in_list(asking_words, t->lemma) || listener)
            continue;
        add_term(q, t->lemma, t->text, 1.0, 0);
        add_synonyms(q, r, t);
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
        free(c->descriptors); free(c->text); free(c->title_text);
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
                                sqlite3_int64 rowid, pool *p)
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
    c->text = column_dup(row, 10);
    c->title_text = column_dup(row, 11);
    if (!c->id)
        return ms_fail(MS_ERR_NOMEM, "recommend: out of memory");
    return MS_OK;
}

/* The FTS5 query: every term quoted (so no word is read as an operator),
 * joined by OR. Empty when there are no terms. */
static void match_expression(const request *q, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < q->n_terms; i++) {
        int w = snprintf(buf + used, n - used, "%s\"", used ? " OR " : "");
        if (w < 0 || (size_t)w >= n - used)
            break;
        used += (size_t)w;
        for (const char *s = q->terms[i].lemma; *s && used + 3 < n; s++) {
            if (*s == '"')
                buf[used++] = '"';
            buf[used++] = *s;
        }
        buf[used++] = '"';
        buf[used] = '\0';
    }
}

static ms_status gather(ms_catalog *cat, const char *sql, const char *what,
                        void (*bind)(sqlite3_stmt *, const void *),
                        const void *arg, sqlite3_stmt *row, pool *p)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(cat->db, sql, -1, &st, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, what);
    bind(st, arg);
    ms_status s = MS_OK;
    int rc;
    while (s == MS_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        s = load_candidate(cat, row, sqlite3_column_int64(st, 0), p);
    if (s == MS_OK && rc != SQLITE_DONE)
        s = ms_store_fail(cat, MS_ERR_IO, what);
    sqlite3_finalize(st);
    return s;
}

static void bind_match(sqlite3_stmt *st, const void *arg)
{
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, TEXT_CANDIDATES);
}

static void bind_point(sqlite3_stmt *st, const void *arg)
{
    const ms_emotion *e = arg;
    sqlite3_bind_double(st, 1, e->valence);
    sqlite3_bind_double(st, 2, e->arousal);
    sqlite3_bind_int(st, 3, EMO_CANDIDATES);
}

/* The nearest tracks in the circumplex, looked up by the grid cells
 * within 0.2 of the target (25 of them): the index narrows a million
 * tracks to a few thousand before any distance is computed. */
static void emotion_sql(const ms_emotion *e, char *sql, size_t n)
{
    int cell = ms_store_cell(e->valence, e->arousal);
    int v0 = cell / 21, a0 = cell % 21;
    size_t used = (size_t)snprintf(sql, n, "SELECT rowid FROM tracks WHERE "
                                   "cell IN (");
    int first = 1;
    for (int v = v0 - 2; v <= v0 + 2; v++)
        for (int a = a0 - 2; a <= a0 + 2; a++)
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

/* Words first, then the nearest tracks in feeling. */
static ms_status candidates(ms_catalog *cat, const request *q, pool *p)
{
    char match[4096], near[1024];
    sqlite3_stmt *row;
    if (sqlite3_prepare_v2(cat->db,
            "SELECT t.id, t.title, t.artist, t.path, t.valence, t.arousal,"
            " t.tempo_bpm, t.tempo_class, t.vocals, t.descriptors,"
            " s.descriptors, s.title FROM tracks t JOIN search s"
            " ON s.rowid = t.rowid WHERE t.rowid = ?1", -1, &row, NULL)
        != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, "cannot read tracks");
    match_expression(q, match, sizeof match);
    emotion_sql(&q->target, near, sizeof near);
    ms_status st = MS_OK;
    if (match[0])
        st = gather(cat, "SELECT rowid FROM search WHERE search MATCH ?1 "
                    "ORDER BY bm25(search, 1.0, 0.3) LIMIT ?2",
                    "cannot search", bind_match, match, row, p);
    if (st == MS_OK)
        st = gather(cat, near, "cannot search by emotion", bind_point,
                    &q->target, row, p);
    /* a small or lopsided catalogue may have nothing near: then the
     * nearest anywhere */
    if (st == MS_OK && p->count < EMO_CANDIDATES)
        st = gather(cat, "SELECT rowid FROM tracks ORDER BY (valence - ?1) * "
                    "(valence - ?1) + (arousal - ?2) * (arousal - ?2) "
                    "LIMIT ?3", "cannot search by emotion", bind_point,
                    &q->target, row, p);
    sqlite3_finalize(row);
    return st;
}

/* ---- scoring ------------------------------------------------------------ */

static double doc_count(ms_catalog *cat)
{
    sqlite3_stmt *st;
    double n = 1;
    if (sqlite3_prepare_v2(cat->db, "SELECT max(rowid) FROM tracks", -1, &st,
                           NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = fmax(1, sqlite3_column_double(st, 0));
    sqlite3_finalize(st);
    return n;
}

/* Inverse document frequencies from the index's own vocabulary. */
static ms_status term_weights(ms_catalog *cat, request *q)
{
    sqlite3_stmt *st;
    double n = doc_count(cat);
    if (sqlite3_prepare_v2(cat->db, "SELECT doc FROM search_vocab "
                           "WHERE term = ?1", -1, &st, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, "cannot read the vocabulary");
    for (size_t i = 0; i < q->n_terms; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, q->terms[i].lemma, -1, SQLITE_STATIC);
        double df = sqlite3_step(st) == SQLITE_ROW
                  ? sqlite3_column_double(st, 0) : 0;
        q->terms[i].idf = log(1 + (n - df + 0.5) / (df + 0.5));
    }
    sqlite3_finalize(st);
    return MS_OK;
}

/* How often a lemma occurs among the space-separated lemmas of text. */
static int occurrences(const char *text, const char *lemma)
{
    size_t len = strlen(lemma);
    int n = 0;
    for (const char *s = text; s && *s;) {
        size_t w = strcspn(s, " ");
        n += w == len && memcmp(s, lemma, len) == 0;
        s += w + (s[w] == ' ');
    }
    return n;
}

static double saturate(double tf)
{
    return tf * (BM25_K1 + 1) / (tf + BM25_K1);
}

static void score_text(const request *q, cand *c)
{
    for (size_t i = 0; i < q->n_terms; i++) {
        const qterm *t = &q->terms[i];
        double tf = occurrences(c->text, t->lemma)
                  + TITLE_WEIGHT * occurrences(c->title_text, t->lemma);
        if (tf <= 0)
            continue;
        c->match += t->weight * t->idf * saturate(tf);
        if (i < 64)
            c->matched |= 1ULL << i;
    }
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
    for (size_t i = 0; i < p->count; i++) {
        score_text(q, &p->items[i]);
        best = fmax(best, p->items[i].match);
    }
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

/* ---- explaining ---------------------------------------------------------- */

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

/* ---- the whole ------------------------------------------------------------ */

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
