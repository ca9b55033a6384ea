/* store.h — private: the catalogue's SQLite file, shared by the importer,
 * the indexer and the ranker. */
#ifndef MS_CATALOG_STORE_H
#define MS_CATALOG_STORE_H

#include <sqlite3.h>

#include "moodscape/catalog.h"

typedef struct ms_tfidf ms_tfidf;

/* Statements prepared once per handle, for the writes done per track. */
typedef enum ms_stmt {
    MS_STMT_DEL_SEARCH, MS_STMT_DEL_TRACK, MS_STMT_ADD_TRACK,
    MS_STMT_ADD_SEARCH, MS_STMT_COUNT
} ms_stmt;

typedef struct ms_postings ms_postings;

struct ms_catalog {
    sqlite3      *db;
    char         *path;
    ms_tfidf     *tfidf;         /* built on first use, or NULL */
    ms_postings  *postings;      /* read on first use, again when stale */
    sqlite3_stmt *stmt[MS_STMT_COUNT];
};

/* A cached statement, reset and unbound; NULL (error recorded) when it
 * cannot be prepared. */
sqlite3_stmt *ms_store_statement(ms_catalog *cat, ms_stmt which);

/* What a track is, as stored. Fields may be NULL (unknown). */
typedef struct ms_track_row {
    const char *id, *title, *artist, *descriptors, *tags, *path;
    const char *search_text;     /* lemmas of descriptors, for FTS */
    const char *search_title;    /* lemmas of title, artist and tags */
    double valence, arousal;
    double tempo_bpm;            /* 0: unknown */
    int    vocals;               /* -1 unknown, 0 instrumental, 1 vocals */
    int    tempo_class;          /* -1 unknown, 0 slow .. 3 fast */
} ms_track_row;

/* Inserts or replaces a track (by id) and its search entry. Call inside
 * a transaction. */
ms_status ms_store_put_track(ms_catalog *cat, const ms_track_row *t);

/* Removes a track and its search entry; a missing id is fine. */
ms_status ms_store_delete_track(ms_catalog *cat, const char *id);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK, with the error recorded. */
ms_status ms_store_begin(ms_catalog *cat);
ms_status ms_store_commit(ms_catalog *cat);
void      ms_store_rollback(ms_catalog *cat);

/* Records an SQLite failure as a moodscape error and returns `st`. */
ms_status ms_store_fail(ms_catalog *cat, ms_status st, const char *what);

/* The emotion grid cell of a point: 21 x 21 cells of 0.1. */
int ms_store_cell(double valence, double arousal);

#endif
