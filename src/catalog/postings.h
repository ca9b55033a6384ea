/* postings.h — private: the full-text index's lists of tracks per lemma,
 * read once from FTS5 into memory so that a request can be scored
 * against every track that holds any of its words. */
#ifndef MS_CATALOG_POSTINGS_H
#define MS_CATALOG_POSTINGS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "moodscape/status.h"

typedef struct ms_postings ms_postings;

/* One track holding a lemma: its rowid, and 0 when the lemma is in its
 * descriptors, 1 when only in its title, artist or tags. */
typedef struct ms_posting {
    uint32_t track;
    uint8_t  column;
} ms_posting;

/* Reads every posting of the FTS5 table `search` of db. *out owns them;
 * free with ms_postings_free(). */
ms_status ms_postings_load(sqlite3 *db, ms_postings **out);
void      ms_postings_free(ms_postings *p);             /* NULL is fine */

/* The tracks holding lemma, each once, in rowid order (*n of them; NULL
 * and 0 when none). Owned by p. */
const ms_posting *ms_postings_of(const ms_postings *p, const char *lemma,
                                 size_t *n);

/* Tracks counted when the lists were read, and the largest rowid. */
size_t ms_postings_tracks(const ms_postings *p);
size_t ms_postings_max_rowid(const ms_postings *p);

/* How many lemmas a track's descriptors hold, and the mean over tracks. */
size_t ms_postings_length(const ms_postings *p, uint32_t track);
double ms_postings_mean_length(const ms_postings *p);

/* 1 when db has changed since the lists were read (by this connection
 * or another), so they should be read again. */
int ms_postings_stale(const ms_postings *p, sqlite3 *db);

#endif
