/* store.c — the catalogue file: opening, the schema and its migrations,
 * and writing tracks with their search entries.
 *
 * One SQLite file in WAL mode, so readers (the server, `recommend`) go on
 * while an indexer writes. Schema version lives in PRAGMA user_version;
 * each migration takes the file one version up inside a transaction. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"
#include "postings.h"
#include "tfidf.h"
#include "base/error.h"

#define SCHEMA_VERSION 1
#define BUSY_MS 5000             /* wait this long for another writer */

/* Version 1: tracks with their descriptors and emotion, the audio files
 * they came from, and a full-text index over lemmas that shares the
 * track's rowid. (A contentless index would be smaller, but deleting from
 * one needs SQLite 3.43; Debian 12 has 3.40.) */
static const char *const migrations[SCHEMA_VERSION] = {
    "CREATE TABLE tracks ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  title TEXT, artist TEXT, descriptors TEXT NOT NULL DEFAULT '',"
    "  tags TEXT, path TEXT,"
    "  valence REAL NOT NULL, arousal REAL NOT NULL, cell INTEGER NOT NULL,"
    "  tempo_bpm REAL, tempo_class INTEGER NOT NULL DEFAULT -1,"
    "  vocals INTEGER NOT NULL DEFAULT -1);"
    "CREATE INDEX tracks_cell ON tracks(cell, valence, arousal);"
    "CREATE TABLE files ("
    "  path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
    "  hash TEXT, track_id TEXT, error TEXT, features TEXT);"
    "CREATE INDEX files_track ON files(track_id);"
    "CREATE VIRTUAL TABLE search USING fts5(descriptors, title,"
    "  tokenize='unicode61');"
    "CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search, 'row');",
};

ms_status ms_store_fail(ms_catalog *cat, ms_status st, const char *what)
{
    return ms_fail(st, "%s: %s: %s", cat->path, what, sqlite3_errmsg(cat->db));
}

int ms_store_cell(double valence, double arousal)
{
    int v = (int)((valence + 1) * 10 + 0.5);
    int a = (int)((arousal + 1) * 10 + 0.5);
    v = v < 0 ? 0 : v > 20 ? 20 : v;
    a = a < 0 ? 0 : a > 20 ? 20 : a;
    return v * 21 + a;
}

static ms_status exec(ms_catalog *cat, const char *sql, const char *what)
{
    if (sqlite3_exec(cat->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, what);
    return MS_OK;
}

ms_status ms_store_begin(ms_catalog *cat)
{
    return exec(cat, "BEGIN IMMEDIATE", "cannot start a transaction");
}

ms_status ms_store_commit(ms_catalog *cat)
{
    return exec(cat, "COMMIT", "cannot commit");
}

void ms_store_rollback(ms_catalog *cat)
{
    sqlite3_exec(cat->db, "ROLLBACK", NULL, NULL, NULL);
}

static int user_version(ms_catalog *cat)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(cat->db, "PRAGMA user_version", -1, &st, NULL)
        != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A file someone else made, which holds tables but no schema version:
 * refuse it rather than write ours beside theirs. */
static int foreign_file(ms_catalog *cat)
{
    sqlite3_stmt *st;
    int n = 1;
    if (sqlite3_prepare_v2(cat->db, "SELECT count(*) FROM sqlite_master", -1,
                           &st, NULL) != SQLITE_OK)
        return 1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n > 0;
}

static ms_status migrate(ms_catalog *cat, int read_only)
{
    int v = user_version(cat);
    if (v < 0)
        return ms_store_fail(cat, MS_ERR_FORMAT, "not a catalogue");
    if (v > SCHEMA_VERSION)
        return ms_fail(MS_ERR_FORMAT, "%s: made by a newer moodscape "
                       "(schema %d, this one reads up to %d)", cat->path, v,
                       SCHEMA_VERSION);
    if (v == 0 && foreign_file(cat))
        return ms_fail(MS_ERR_FORMAT, "%s: an SQLite file, but not a "
                       "moodscape catalogue", cat->path);
    if (v < SCHEMA_VERSION && read_only)
        return ms_fail(MS_ERR_FORMAT, "%s: %s; open it for writing once "
                       "to set it up", cat->path,
                       v ? "an older catalogue" : "an empty file");
    for (; v < SCHEMA_VERSION; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
        ms_status st = ms_store_begin(cat);
        if (st == MS_OK)
            st = exec(cat, migrations[v], "cannot set up the schema");
        if (st == MS_OK)
            st = exec(cat, bump, "cannot set up the schema");
        if (st == MS_OK)
            st = ms_store_commit(cat);
        if (st != MS_OK) {
            ms_store_rollback(cat);
            return st;
        }
    }
    return MS_OK;
}

/* SQLite opens a read-only file for writing without complaint and fails
 * at the first write; saying so up front is clearer. */
static ms_status check_writable(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return MS_OK;                    /* to be created */
    if (S_ISDIR(sb.st_mode))
        return ms_fail(MS_ERR_IO, "%s: is a folder, not a catalogue file",
                       path);
    FILE *f = fopen(path, "r+");
    if (!f)
        return ms_fail(MS_ERR_IO, "%s: cannot write the catalogue: %s", path,
                       strerror(errno));
    fclose(f);
    return MS_OK;
}

static ms_status configure(ms_catalog *cat, int read_only)
{
    sqlite3_busy_timeout(cat->db, BUSY_MS);
    sqlite3_extended_result_codes(cat->db, 1);
    /* Reading the schema is the first real read: a file that is not a
     * database fails here, with SQLite's own words. */
    if (sqlite3_exec(cat->db, "SELECT count(*) FROM sqlite_master", NULL,
                     NULL, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_FORMAT, "cannot read");
    if (read_only)
        return MS_OK;
    ms_status st = exec(cat, "PRAGMA journal_mode = WAL",
                        "cannot switch to write-ahead logging");
    if (st == MS_OK)
        st = exec(cat, "PRAGMA synchronous = NORMAL", "cannot configure");
    return st;
}

ms_status ms_catalog_open(const char *path, int read_only, ms_catalog **out)
{
    *out = NULL;
    if (!path || !*path)
        return ms_fail(MS_ERR_ARG, "no catalogue path");
    struct stat sb;
    if (read_only && stat(path, &sb) != 0)
        return ms_fail(MS_ERR_NOTFOUND, "%s: no catalogue there yet; fill "
                       "one with 'moodscape index' or 'moodscape import'",
                       path);
    ms_status st = read_only ? MS_OK : check_writable(path);
    if (st != MS_OK)
        return st;
    ms_catalog *cat = calloc(1, sizeof *cat);
    if (!cat || !(cat->path = strdup(path))) {
        free(cat);
        return ms_fail(MS_ERR_NOMEM, "catalogue: out of memory");
    }
    int flags = read_only ? SQLITE_OPEN_READONLY
                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &cat->db, flags, NULL) != SQLITE_OK)
        st = cat->db ? ms_store_fail(cat, MS_ERR_IO, "cannot open")
                     : ms_fail(MS_ERR_NOMEM, "catalogue: out of memory");
    if (st == MS_OK)
        st = configure(cat, read_only);
    if (st == MS_OK)
        st = migrate(cat, read_only);
    if (st != MS_OK) {
        ms_catalog_close(cat);
        return st;
    }
    *out = cat;
    return MS_OK;
}

void ms_catalog_close(ms_catalog *cat)
{
    if (!cat)
        return;
    ms_tfidf_free(cat->tfidf);
    ms_postings_free(cat->postings);
    for (int i = 0; i < MS_STMT_COUNT; i++)
        sqlite3_finalize(cat->stmt[i]);
    sqlite3_close_v2(cat->db);
    free(cat->path);
    free(cat);
}

ms_status ms_catalog_default_path(char *buf, size_t n)
{
    const char *env = getenv("MOODSCAPE_DB"), *home = getenv("HOME");
    if (env && *env) {
        if ((size_t)snprintf(buf, n, "%s", env) >= n)
            return ms_fail(MS_ERR_RANGE, "MOODSCAPE_DB is too long");
        return MS_OK;
    }
    if (!home || !*home)
        return ms_fail(MS_ERR_NOTFOUND, "no catalogue: set MOODSCAPE_DB or "
                       "HOME, or pass --db");
    const char *parts[] = {"/.local", "/.local/share",
                           "/.local/share/moodscape"};
    for (size_t i = 0; i < 3; i++) {
        if ((size_t)snprintf(buf, n, "%s%s", home, parts[i]) >= n)
            return ms_fail(MS_ERR_RANGE, "HOME is too long");
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return ms_fail(MS_ERR_IO, "%s: cannot create: %s", buf,
                           strerror(errno));
    }
    if ((size_t)snprintf(buf, n, "%s/.local/share/moodscape/catalog.db",
                         home) >= n)
        return ms_fail(MS_ERR_RANGE, "HOME is too long");
    return MS_OK;
}

static size_t count_of(ms_catalog *cat, const char *sql)
{
    sqlite3_stmt *st;
    size_t n = 0;
    if (sqlite3_prepare_v2(cat->db, sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

ms_status ms_catalog_stats_get(ms_catalog *cat, ms_catalog_stats *out)
{
    out->tracks = count_of(cat, "SELECT count(*) FROM tracks");
    out->playable = count_of(cat, "SELECT count(*) FROM tracks "
                                  "WHERE path IS NOT NULL");
    out->files = count_of(cat, "SELECT count(*) FROM files");
    out->failed = count_of(cat, "SELECT count(*) FROM files "
                                "WHERE error IS NOT NULL");
    return MS_OK;
}

/* ---- writing tracks ----------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static const char *const statement_sql[MS_STMT_COUNT] = {
    [MS_STMT_DEL_SEARCH] =
        "DELETE FROM search WHERE rowid = (SELECT rowid FROM tracks "
        "WHERE id = ?1)",
    [MS_STMT_DEL_TRACK] = "DELETE FROM tracks WHERE id = ?1",
    [MS_STMT_ADD_TRACK] =
        "INSERT INTO tracks (id, title, artist, descriptors, tags, path,"
        " valence, arousal, cell, tempo_bpm, tempo_class, vocals)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [MS_STMT_ADD_SEARCH] =
        "INSERT INTO search (rowid, descriptors, title) VALUES "
        "(last_insert_rowid(), ?1, ?2)",
};

sqlite3_stmt *ms_store_statement(ms_catalog *cat, ms_stmt which)
{
    sqlite3_stmt **st = &cat->stmt[which];
    if (*st) {
        sqlite3_reset(*st);
        sqlite3_clear_bindings(*st);
    } else if (sqlite3_prepare_v3(cat->db, statement_sql[which], -1,
                                  SQLITE_PREPARE_PERSISTENT, st, NULL)
               != SQLITE_OK) {
        ms_store_fail(cat, MS_ERR_IO, "cannot prepare a statement");
        *st = NULL;
    }
    return *st;
}

static ms_status step(ms_catalog *cat, sqlite3_stmt *st, const char *what)
{
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (st)
        sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return st ? ms_store_fail(cat, MS_ERR_IO, what) : MS_ERR_IO;
    return MS_OK;
}

ms_status ms_store_delete_track(ms_catalog *cat, const char *id)
{
    sqlite3_stmt *st = ms_store_statement(cat, MS_STMT_DEL_SEARCH);
    if (st)
        bind_text(st, 1, id);
    ms_status s = step(cat, st, "cannot delete a track");
    if (s != MS_OK)
        return s;
    st = ms_store_statement(cat, MS_STMT_DEL_TRACK);
    if (st)
        bind_text(st, 1, id);
    return step(cat, st, "cannot delete a track");
}

static ms_status insert_track(ms_catalog *cat, const ms_track_row *t)
{
    sqlite3_stmt *st = ms_store_statement(cat, MS_STMT_ADD_TRACK);
    if (!st)
        return MS_ERR_IO;
    bind_text(st, 1, t->id);
    bind_text(st, 2, t->title);
    bind_text(st, 3, t->artist);
    bind_text(st, 4, t->descriptors ? t->descriptors : "");
    bind_text(st, 5, t->tags);
    bind_text(st, 6, t->path);
    sqlite3_bind_double(st, 7, t->valence);
    sqlite3_bind_double(st, 8, t->arousal);
    sqlite3_bind_int(st, 9, ms_store_cell(t->valence, t->arousal));
    if (t->tempo_bpm > 0)
        sqlite3_bind_double(st, 10, t->tempo_bpm);
    sqlite3_bind_int(st, 11, t->tempo_class);
    sqlite3_bind_int(st, 12, t->vocals);
    return step(cat, st, "cannot add a track");
}

/* Right after insert_track(): the search row takes the track's rowid. */
static ms_status insert_search(ms_catalog *cat, const ms_track_row *t)
{
    sqlite3_stmt *st = ms_store_statement(cat, MS_STMT_ADD_SEARCH);
    if (!st)
        return MS_ERR_IO;
    bind_text(st, 1, t->search_text ? t->search_text : "");
    bind_text(st, 2, t->search_title ? t->search_title : "");
    return step(cat, st, "cannot index a track");
}

ms_status ms_store_put_track(ms_catalog *cat, const ms_track_row *t)
{
    ms_status st = ms_store_delete_track(cat, t->id);
    if (st == MS_OK)
        st = insert_track(cat, t);
    if (st == MS_OK)
        st = insert_search(cat, t);
    return st;
}

static int excluded(const char *id, const char *const *exclude, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(exclude[i], id) == 0)
            return 1;
    return 0;
}

/* Nearest first; after n_exclude + 1 rows one of them is not excluded. */
ms_status ms_catalog_nearest_file(ms_catalog *cat, double valence,
                                  double arousal,
                                  const char *const *exclude, size_t n_exclude,
                                  ms_track_file *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(cat->db, "SELECT id, path, valence, arousal, "
                           "tempo_bpm FROM tracks WHERE path IS NOT NULL "
                           "ORDER BY (valence - ?1) * (valence - ?1) + "
                           "(arousal - ?2) * (arousal - ?2) LIMIT ?3", -1,
                           &st, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, "cannot read tracks");
    sqlite3_bind_double(st, 1, valence);
    sqlite3_bind_double(st, 2, arousal);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)n_exclude + 1);
    ms_status s = ms_fail(MS_ERR_NOTFOUND, "%s: no playable track left in "
                          "the catalogue", cat->path);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *path = (const char *)sqlite3_column_text(st, 1);
        if (!id || !path || excluded(id, exclude, n_exclude))
            continue;
        snprintf(out->id, sizeof out->id, "%s", id);
        snprintf(out->path, sizeof out->path, "%s", path);
        out->valence = sqlite3_column_double(st, 2);
        out->arousal = sqlite3_column_double(st, 3);
        out->tempo_bpm = sqlite3_column_double(st, 4);
        s = MS_OK;
        break;
    }
    sqlite3_finalize(st);
    return s;
}
