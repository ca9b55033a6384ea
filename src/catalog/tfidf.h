/* tfidf.h — private: the plain tf-idf ranking that `eval reco` reports
 * beside moodscape's own, as the published baseline to beat. */
#ifndef MS_CATALOG_TFIDF_H
#define MS_CATALOG_TFIDF_H

#include <sqlite3.h>
#include <stddef.h>

#include "moodscape/status.h"

typedef struct ms_tfidf ms_tfidf;

/* Reads every track's descriptors and title from db into an inverted
 * index in memory. *out owns it; free it with ms_tfidf_free(). */
ms_status ms_tfidf_build(sqlite3 *db, ms_tfidf **out);
void      ms_tfidf_free(ms_tfidf *t);                   /* NULL is fine */

/* The rowids of the k tracks whose tf-idf vectors have the highest cosine
 * with the query's, best first, into rowids (room for k); *n how many
 * (tracks sharing no word with the query are left out). */
ms_status ms_tfidf_rank(const ms_tfidf *t, const char *query, size_t k,
                        sqlite3_int64 *rowids, double *scores, size_t *n);

#endif
