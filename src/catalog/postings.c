/* postings.c — the FTS5 index's postings, held in memory.
 *
 * FTS5 can rank by BM25 itself, but it does so through an SQL function
 * call per matching track: a request whose words are held by some tens of
 * thousands of tracks of a 100,000-track catalogue took 70 ms, and reading
 * the lists plainly through SQL about 0.2 us per track. Read once through
 * fts5vocab's 'instance' view (term, track, column, in term order) into
 * arrays, a request is scored against every track in well under a
 * millisecond. The lists are read again when the file changes. */
#include <stdlib.h>
#include <string.h>

#include "postings.h"
#include "base/error.h"
#include "base/grow.h"
#include "base/strmap.h"

typedef struct span {
    size_t first, count;
} span;

struct ms_postings {
    ms_strmap  *terms;           /* lemma -> span index */
    span       *spans;
    size_t      n_spans, cap_spans;
    ms_posting *all;
    size_t      n_all, cap_all;
    uint16_t   *length;          /* per rowid: lemmas in the descriptors */
    size_t      n_length;
    double      mean_length;
    size_t      tracks, max_rowid;
    int         data_version;
    int         total_changes;
};

void ms_postings_free(ms_postings *p)
{
    if (!p)
        return;
    ms_strmap_free(p->terms);
    free(p->spans);
    free(p->all);
    free(p->length);
    free(p);
}

static int pragma_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int ms_postings_stale(const ms_postings *p, sqlite3 *db)
{
    return !p || pragma_int(db, "PRAGMA data_version") != p->data_version
        || sqlite3_total_changes(db) != p->total_changes;
}

static ms_status new_term(ms_postings *p, const char *term)
{
    if (ms_grow((void **)&p->spans, &p->cap_spans, p->n_spans,
                sizeof *p->spans))
        return ms_fail(MS_ERR_NOMEM, "postings: out of memory");
    p->spans[p->n_spans] = (span){p->n_all, 0};
    return ms_strmap_put(p->terms, term, strlen(term),
                         (uint32_t)p->n_spans++);
}

/* One instance row: a lemma at an offset of a column of a track. Rows
 * come by term, then track, then column: the first of a track wins, so
 * a word in the descriptors counts as such even if the title has it. */
static ms_status add_row(ms_postings *p, const char *term, const char *prev,
                         sqlite3_int64 track, int column)
{
    ms_status st = MS_OK;
    if (!column && track >= 0 && (size_t)track < p->n_length
        && p->length[track] < UINT16_MAX)
        p->length[track]++;              /* every word of the descriptors */
    if (!prev || strcmp(prev, term) != 0)
        st = new_term(p, term);
    if (st != MS_OK || p->n_spans == 0)
        return st;
    span *s = &p->spans[p->n_spans - 1];
    if (track < 0 || track > UINT32_MAX
        || (s->count && p->all[p->n_all - 1].track == (uint32_t)track))
        return st;
    if (ms_grow((void **)&p->all, &p->cap_all, p->n_all, sizeof *p->all))
        return ms_fail(MS_ERR_NOMEM, "postings: out of memory");
    p->all[p->n_all++] = (ms_posting){(uint32_t)track, column ? 1 : 0};
    s->count++;
    if ((size_t)track > p->max_rowid)
        p->max_rowid = (size_t)track;
    return MS_OK;
}

static ms_status read_rows(ms_postings *p, sqlite3 *db)
{
    sqlite3_stmt *st;
    char prev[256] = "";
    if (sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings "
                     "USING fts5vocab(main, 'search', 'instance')", NULL, NULL,
                     NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, "SELECT term, doc, col = 'title' FROM "
                              "temp.postings", -1, &st, NULL) != SQLITE_OK)
        return ms_fail(MS_ERR_IO, "postings: %s", sqlite3_errmsg(db));
    ms_status s = MS_OK;
    int rc;
    while (s == MS_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(st, 0);
        if (!term || strlen(term) >= sizeof prev)
            continue;
        s = add_row(p, term, prev[0] ? prev : NULL,
                    sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2));
        strcpy(prev, term);
    }
    if (s == MS_OK && rc != SQLITE_DONE)
        s = ms_fail(MS_ERR_IO, "postings: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return s;
}

static double mean_length(const ms_postings *p)
{
    double total = 0;
    size_t docs = 0;
    for (size_t i = 0; i < p->n_length; i++)
        if (p->length[i]) {
            total += p->length[i];
            docs++;
        }
    return docs ? total / (double)docs : 1;
}

size_t ms_postings_length(const ms_postings *p, uint32_t track)
{
    return track < p->n_length ? p->length[track] : 0;
}

double ms_postings_mean_length(const ms_postings *p)
{
    return p->mean_length > 0 ? p->mean_length : 1;
}

ms_status ms_postings_load(sqlite3 *db, ms_postings **out)
{
    *out = NULL;
    ms_postings *p = calloc(1, sizeof *p);
    if (!p)
        return ms_fail(MS_ERR_NOMEM, "postings: out of memory");
    p->tracks = (size_t)pragma_int(db, "SELECT count(*) FROM tracks");
    p->n_length = (size_t)pragma_int(db, "SELECT max(rowid) FROM tracks") + 1;
    p->length = calloc(p->n_length, sizeof *p->length);
    ms_status st = p->length ? ms_strmap_new(&p->terms)
                             : ms_fail(MS_ERR_NOMEM, "postings: out of memory");
    if (st == MS_OK)
        st = read_rows(p, db);
    if (st == MS_OK)
        p->mean_length = mean_length(p);
    p->data_version = pragma_int(db, "PRAGMA data_version");
    p->total_changes = sqlite3_total_changes(db);
    if (st != MS_OK) {
        ms_postings_free(p);
        return st;
    }
    *out = p;
    return MS_OK;
}

const ms_posting *ms_postings_of(const ms_postings *p, const char *lemma,
                                 size_t *n)
{
    uint32_t at;
    *n = 0;
    if (!ms_strmap_get(p->terms, lemma, strlen(lemma), &at))
        return NULL;
    *n = p->spans[at].count;
    return p->all + p->spans[at].first;
}

size_t ms_postings_tracks(const ms_postings *p)
{
    return p->tracks;
}

size_t ms_postings_max_rowid(const ms_postings *p)
{
    return p->max_rowid;
}
