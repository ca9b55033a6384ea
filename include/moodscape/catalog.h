/* moodscape/catalog.h — the music catalogue: tracks, their descriptors,
 * tags and emotions, stored in one SQLite file, and recommendation from a
 * request in plain words ("something to help me focus, soft piano,
 * nothing with words"). */
#ifndef MOODSCAPE_CATALOG_H
#define MOODSCAPE_CATALOG_H

#include <stddef.h>

#include "moodscape/status.h"
#include "moodscape/emotion.h"
#include "moodscape/text.h"
#include "moodscape/features.h"
#include "moodscape/listen.h"

typedef struct ms_catalog ms_catalog;          /* opaque */

/* Opens the catalogue at `path`, creating it (and migrating an older
 * schema) unless read_only. On success *out owns the handle; close it
 * with ms_catalog_close(). On failure *out is NULL and ms_last_error()
 * says why: MS_ERR_IO for a file that cannot be opened or written (a
 * read-only file opened for writing says so), MS_ERR_FORMAT for a file
 * that is not a moodscape catalogue or is from a newer version. A
 * handle is for one thread at a time. */
ms_status ms_catalog_open(const char *path, int read_only, ms_catalog **out);
void      ms_catalog_close(ms_catalog *cat);   /* NULL is fine */

/* The default catalogue path: $MOODSCAPE_DB, else
 * $HOME/.local/share/moodscape/catalog.db (its folder is created). */
ms_status ms_catalog_default_path(char *buf, size_t n);

/* Counts of what the catalogue holds. */
typedef struct ms_catalog_stats {
    size_t tracks;           /* searchable tracks */
    size_t playable;         /* of them, with an audio file */
    size_t files;            /* audio files indexed */
    size_t failed;           /* files that could not be analysed */
} ms_catalog_stats;

ms_status ms_catalog_stats_get(ms_catalog *cat, ms_catalog_stats *out);

/* ---- adding tracks ------------------------------------------------------ */

/* One track known by its metadata. id and descriptors (comma-separated
 * words and phrases) are required; the rest may be NULL. has_emotion
 * says valence and arousal are given; otherwise they are read from the
 * descriptors. */
typedef struct ms_track_info {
    const char *id, *title, *artist, *descriptors, *tags;
    int         has_emotion;
    double      valence, arousal;
} ms_track_info;

/* Reads a TSV whose header names the columns: id and descriptors
 * required; title, artist, valence, arousal optional. Rows replace tracks
 * with the same id. The whole file is one transaction: on any error
 * nothing is added, and ms_last_error() names the line. *added counts
 * the rows. `reader` gives emotions to rows without them. */
ms_status ms_catalog_import(ms_catalog *cat, const ms_reader *reader,
                            const char *tsv_path, size_t *added);

/* The tempo word of a bpm figure, in the bands catalogues use: "slow"
 * below 85, "mid-tempo" to 112, "upbeat" to 132, then "fast". */
const char *ms_tempo_word(double bpm);

/* ---- audio files ---------------------------------------------------------- */

/* Words for what an analysis heard, so a library without tags can still
 * be found by words: tempo ("slow", "72 bpm"), key and mode ("a minor"),
 * level and dynamics, texture where the features can tell (percussive,
 * sparse, bright...), and the mood with its other names. Written
 * comma-separated into buf (size n), truncated at a whole word. */
void ms_describe_audio(const ms_features *f, const ms_emotion *e,
                       const ms_moods *moods, char *buf, size_t n);

typedef struct ms_index_opts {
    unsigned jobs;               /* analyses at once (0: one per core) */
    int      prune;              /* forget files that no longer exist */
    /* called from the calling thread after each file; may be NULL */
    void   (*progress)(void *ctx, size_t done, size_t total,
                       const char *path);
    void    *ctx;
} ms_index_opts;

typedef struct ms_index_report {
    size_t found;                /* audio files under the paths */
    size_t unchanged;            /* skipped: same size and time as before */
    size_t added;                /* analysed and stored */
    size_t failed;               /* could not be analysed (reason stored) */
    size_t pruned;               /* forgotten with --prune */
} ms_index_report;

/* Walks folders and files, analyses every audio file that is new or has
 * changed since it was last indexed, and stores its track: tags, the
 * features, emotion and descriptors the analysis gives. Each file is
 * committed on its own, so an indexer killed at any moment loses at most
 * the files in flight, and run again it goes on where it stopped, with
 * no track twice. A file that cannot be analysed is recorded with the
 * reason and not retried until it changes. A path that does not exist is
 * an error (MS_ERR_NOTFOUND), reported before anything is written. */
ms_status ms_catalog_index(ms_catalog *cat, const ms_listener *listener,
                           const ms_reader *reader, const char *const *paths,
                           size_t n_paths, const ms_index_opts *opts,
                           ms_index_report *report);

/* A track that can be played: it has an audio file. */
typedef struct ms_track_file {
    char   id[40];
    char   path[4096];
    double valence, arousal;
    double tempo_bpm;            /* 0: unknown */
} ms_track_file;

/* The playable track nearest in feeling to (valence, arousal) whose id is
 * none of the n_exclude in `exclude`. MS_ERR_NOTFOUND when there is none
 * left (or none at all). */
ms_status ms_catalog_nearest_file(ms_catalog *cat, double valence,
                                  double arousal,
                                  const char *const *exclude, size_t n_exclude,
                                  ms_track_file *out);

/* ---- recommending ------------------------------------------------------- */

typedef struct ms_hit {
    char   *id, *title, *artist, *why;         /* owned by the ms_hits */
    char   *path;                              /* audio file, or NULL */
    double  score;                             /* higher is better */
    double  valence, arousal;                  /* the track's emotion */
} ms_hit;

typedef struct ms_hits {
    ms_hit     *items;
    size_t      count;
    ms_reading  query;       /* how the request was read */
    ms_emotion  target;      /* the emotion ranked for */
    int         for_desired; /* target is the wished-for feeling */
} ms_hits;

/* Ranks tracks for a request in plain words and fills *hits with at most
 * k results, best first; free them with ms_hits_free(). An empty
 * catalogue, or a request that matches no word, is not an error: the
 * hits are then ranked by emotion alone, or empty. MS_ERR_FORMAT when
 * the request is not UTF-8 or is blank. */
ms_status ms_catalog_recommend(ms_catalog *cat, const ms_reader *reader,
                               const char *request, size_t k, ms_hits *hits);

/* The same request ranked by plain tf-idf cosine over descriptors and
 * titles (no lemmas, no expansion, no emotion): the baseline that
 * `moodscape eval reco` reports beside the ranking above. */
ms_status ms_catalog_tfidf(ms_catalog *cat, const char *request, size_t k,
                           ms_hits *hits);

void ms_hits_free(ms_hits *hits);

#endif
