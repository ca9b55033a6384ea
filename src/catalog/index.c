/* index.c — audio files into the catalogue: walk, skip what has not
 * changed, analyse the rest in parallel, store each as it finishes.
 *
 * Worker threads only analyse; the calling thread alone talks to SQLite
 * and TagLib (whose C binding keeps process-wide string state). Every
 * file is stored in its own transaction, so a kill at any moment loses
 * at most the files being analysed, and the next run finds everything
 * committed unchanged and goes on. A track's id is the hash of its
 * file's bytes, so the same audio is one track however often it is
 * found, renamed or copied. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <taglib/tag_c.h>
#include <unistd.h>
#include <xxhash.h>

#include "describe.h"
#include "store.h"
#include "base/error.h"
#include "base/grow.h"
#include "moodscape/json.h"

#define SEARCH_MAX 4096
#define DESCRIBE_MAX 512

static const char *const audio_suffixes[] = {
    "wav", "wave", "flac", "ogg", "oga", "opus", "mp3", "aif", "aiff",
    "aifc", "au", "snd", "w64", "caf", NULL
};

typedef struct item {
    char     *path;
    long long size, mtime;
    /* filled by a worker */
    int        done, ok;
    char       error[256];
    char       hash[17];
    ms_features features;
    ms_emotion  emotion;
} item;

typedef struct walk {
    item  *items;
    size_t count, cap;
} walk;

/* ---- finding files ------------------------------------------------------ */

static int is_audio_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (const char *const *s = audio_suffixes; *s; s++)
        if (strcasecmp(dot + 1, *s) == 0)
            return 1;
    return 0;
}

static ms_status add_file(walk *w, const char *path, const struct stat *sb)
{
    if (ms_grow((void **)&w->items, &w->cap, w->count, sizeof *w->items))
        return ms_fail(MS_ERR_NOMEM, "index: out of memory");
    item *it = memset(&w->items[w->count], 0, sizeof *it);
    if (!(it->path = realpath(path, NULL)) && !(it->path = strdup(path)))
        return ms_fail(MS_ERR_NOMEM, "index: out of memory");
    it->size = (long long)sb->st_size;
    it->mtime = (long long)sb->st_mtime;
    w->count++;
    return MS_OK;
}

/* Folders are walked depth first, in name order so that runs are
 * repeatable; hidden entries and symbolic links to folders (which could
 * loop) are skipped. */
static ms_status walk_dir(walk *w, const char *dir, int depth)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return MS_OK;                    /* unreadable: nothing to index */
    ms_status st = MS_OK;
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat sb, lsb;
        const char *name = names[i]->d_name;
        if (st == MS_OK && name[0] != '.'
            && (size_t)snprintf(path, sizeof path, "%s/%s", dir, name)
               < sizeof path
            && lstat(path, &lsb) == 0 && stat(path, &sb) == 0) {
            if (S_ISDIR(sb.st_mode) && !S_ISLNK(lsb.st_mode) && depth < 64)
                st = walk_dir(w, path, depth + 1);
            else if (S_ISREG(sb.st_mode) && is_audio_name(name))
                st = add_file(w, path, &sb);
        }
        free(names[i]);
    }
    free(names);
    return st;
}

static ms_status walk_paths(walk *w, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            return ms_fail(MS_ERR_NOTFOUND, "%s: %s", paths[i],
                           strerror(errno));
    }
    ms_status st = MS_OK;
    for (size_t i = 0; i < n && st == MS_OK; i++) {
        struct stat sb;
        stat(paths[i], &sb);
        st = S_ISDIR(sb.st_mode) ? walk_dir(w, paths[i], 0)
                                 : add_file(w, paths[i], &sb);
    }
    return st;
}

/* ---- what is already known ---------------------------------------------- */

/* 1 when the catalogue holds this path with the same size and time. */
static int unchanged(ms_catalog *cat, sqlite3_stmt *st, const item *it)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, it->path, -1, SQLITE_STATIC);
    int same = sqlite3_step(st) == SQLITE_ROW
            && sqlite3_column_int64(st, 0) == it->size
            && sqlite3_column_int64(st, 1) == it->mtime;
    sqlite3_reset(st);
    (void)cat;
    return same;
}

/* Moves the files that need analysing to the front; returns how many. */
static ms_status select_changed(ms_catalog *cat, walk *w, size_t *todo)
{
    sqlite3_stmt *st;
    *todo = 0;
    if (sqlite3_prepare_v2(cat->db, "SELECT size, mtime FROM files WHERE "
                           "path = ?1", -1, &st, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, "cannot read files");
    for (size_t i = 0; i < w->count; i++) {
        if (unchanged(cat, st, &w->items[i]))
            continue;
        item t = w->items[*todo];
        w->items[*todo] = w->items[i];
        w->items[i] = t;
        (*todo)++;
    }
    sqlite3_finalize(st);
    return MS_OK;
}

/* ---- analysing --------------------------------------------------------- */

typedef struct work {
    item           *items;
    size_t          count, next;
    const ms_listener *listener;
    pthread_mutex_t lock;
    pthread_cond_t  finished;
} work;

/* XXH3 of the file's bytes, as 16 hex digits. */
static int hash_file(const char *path, char out[17])
{
    FILE *f = fopen(path, "rb");
    XXH3_state_t *s = XXH3_createState();
    unsigned char buf[65536];
    size_t n;
    int ok = f && s && XXH3_64bits_reset(s) == XXH_OK;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = XXH3_64bits_update(s, buf, n) == XXH_OK;
    ok = ok && !ferror(f);
    if (ok)
        snprintf(out, 17, "%016llx", (unsigned long long)XXH3_64bits_digest(s));
    XXH3_freeState(s);
    if (f)
        fclose(f);
    return ok;
}

static void analyse(const ms_listener *l, item *it)
{
    if (ms_features_of_file(it->path, &it->features) != MS_OK) {
        snprintf(it->error, sizeof it->error, "%s", ms_last_error());
        return;
    }
    if (!hash_file(it->path, it->hash)) {
        snprintf(it->error, sizeof it->error, "cannot read the file: %s",
                 strerror(errno));
        return;
    }
    ms_listener_hear(l, &it->features, &it->emotion);
    it->ok = 1;
}

static void *worker(void *arg)
{
    work *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        size_t i = w->next < w->count ? w->next++ : w->count;
        pthread_mutex_unlock(&w->lock);
        if (i == w->count)
            return NULL;
        analyse(w->listener, &w->items[i]);
        pthread_mutex_lock(&w->lock);
        w->items[i].done = 1;
        pthread_cond_signal(&w->finished);
        pthread_mutex_unlock(&w->lock);
    }
}

/* ---- storing ------------------------------------------------------------ */

typedef struct file_tags {
    char *title, *artist, *album, *genre, *comment;
} file_tags;

static char *tag_dup(char *s)
{
    char *d = s && *s ? strdup(s) : NULL;
    if (s)
        taglib_free(s);
    return d;
}

static void read_tags(const char *path, file_tags *t)
{
    memset(t, 0, sizeof *t);
    TagLib_File *f = taglib_file_new(path);
    if (!f)
        return;
    TagLib_Tag *tag = taglib_file_is_valid(f) ? taglib_file_tag(f) : NULL;
    if (tag) {
        t->title = tag_dup(taglib_tag_title(tag));
        t->artist = tag_dup(taglib_tag_artist(tag));
        t->album = tag_dup(taglib_tag_album(tag));
        t->genre = tag_dup(taglib_tag_genre(tag));
        t->comment = tag_dup(taglib_tag_comment(tag));
    }
    taglib_file_free(f);
}

static void free_tags(file_tags *t)
{
    free(t->title); free(t->artist); free(t->album); free(t->genre);
    free(t->comment);
}

/* The file name without folder and suffix: the title of an untagged file. */
static void base_name(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t len = dot && dot > name ? (size_t)(dot - name) : strlen(name);
    snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), name);
}

/* The file's row: what it was when analysed, and the analysis (its
 * features as `moodscape analyze` prints them) or why there is none. */
static ms_status put_file_row(ms_catalog *cat, const item *it,
                              const char *track_id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(cat->db, "INSERT OR REPLACE INTO files (path, "
                           "size, mtime, hash, track_id, error, features) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &st,
                           NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, "cannot record a file");
    json_t *f = it->ok ? ms_features_json(&it->features) : NULL;
    char *features = f ? json_dumps(f, MS_JSON_FLAGS) : NULL;
    json_decref(f);
    if (features)
        sqlite3_bind_text(st, 7, features, -1, free);
    sqlite3_bind_text(st, 1, it->path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, it->size);
    sqlite3_bind_int64(st, 3, it->mtime);
    if (it->ok)
        sqlite3_bind_text(st, 4, it->hash, -1, SQLITE_STATIC);
    if (track_id)
        sqlite3_bind_text(st, 5, track_id, -1, SQLITE_STATIC);
    if (!it->ok)
        sqlite3_bind_text(st, 6, it->error, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE
         ? MS_OK : ms_store_fail(cat, MS_ERR_IO, "cannot record a file");
}

/* Deletes a track that no file refers to any more. */
static ms_status drop_orphan(ms_catalog *cat, const char *track_id)
{
    sqlite3_stmt *st;
    int used = 1;
    if (sqlite3_prepare_v2(cat->db, "SELECT count(*) FROM files WHERE "
                           "track_id = ?1", -1, &st, NULL) != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, "cannot read files");
    sqlite3_bind_text(st, 1, track_id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        used = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return used ? MS_OK : ms_store_delete_track(cat, track_id);
}

/* The track the path pointed to before this run, if any (caller frees). */
static char *old_track(ms_catalog *cat, const char *path)
{
    sqlite3_stmt *st;
    char *id = NULL;
    if (sqlite3_prepare_v2(cat->db, "SELECT track_id FROM files WHERE "
                           "path = ?1", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        id = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return id;
}

static void append_descriptor(char *buf, size_t n, const char *more)
{
    size_t used = strlen(buf);
    if (more && *more && used + strlen(more) + 3 < n)
        snprintf(buf + used, n - used, ", %s", more);
}

static ms_status put_track(ms_catalog *cat, const ms_reader *reader,
                           const ms_moods *moods, const item *it,
                           const char *id)
{
    file_tags tags;
    char title[256], described[DESCRIBE_MAX], tag_text[1024];
    char text[SEARCH_MAX], title_text[SEARCH_MAX];
    read_tags(it->path, &tags);
    base_name(it->path, title, sizeof title);
    ms_describe_audio(&it->features, &it->emotion, moods, described,
                      sizeof described);
    /* a file's genre and comment tags are descriptors too: they are how
     * people (and moodscape compose) say what a piece is */
    append_descriptor(described, sizeof described, tags.genre);
    append_descriptor(described, sizeof described, tags.comment);
    snprintf(tag_text, sizeof tag_text, "%s %s %s",
             tags.album ? tags.album : "", tags.genre ? tags.genre : "",
             tags.comment ? tags.comment : "");
    ms_track_row t = {
        .id = id, .title = tags.title ? tags.title : title,
        .artist = tags.artist, .descriptors = described, .tags = tag_text,
        .path = it->path, .valence = it->emotion.valence,
        .arousal = it->emotion.arousal, .tempo_bpm = it->features.tempo_bpm,
        .vocals = -1,
        .tempo_class = it->features.tempo_bpm > 0
                     ? ms_tempo_class_of_bpm(it->features.tempo_bpm) : -1,
    };
    char joined[1600];
    snprintf(joined, sizeof joined, "%s %s %s %s", t.title,
             t.artist ? t.artist : "", tag_text, tags.genre ? tags.genre : "");
    ms_status st = ms_search_text(reader, described, text, sizeof text);
    if (st == MS_OK && ms_search_text(reader, joined, title_text,
                                      sizeof title_text) != MS_OK)
        title_text[0] = '\0';            /* tags that are not UTF-8 */
    t.search_text = text;
    t.search_title = title_text;
    if (st == MS_OK)
        st = ms_store_put_track(cat, &t);
    free_tags(&tags);
    return st;
}

/* One finished file, in its own transaction. */
static ms_status store(ms_catalog *cat, const ms_reader *reader,
                       const ms_moods *moods, const item *it)
{
    char id[20];
    snprintf(id, sizeof id, "h%s", it->hash);
    char *before = old_track(cat, it->path);
    ms_status st = ms_store_begin(cat);
    if (st == MS_OK && it->ok)
        st = put_track(cat, reader, moods, it, id);
    if (st == MS_OK)
        st = put_file_row(cat, it, it->ok ? id : NULL);
    if (st == MS_OK && before && (!it->ok || strcmp(before, id) != 0))
        st = drop_orphan(cat, before);
    if (st == MS_OK)
        st = ms_store_commit(cat);
    else
        ms_store_rollback(cat);
    free(before);
    return st;
}

/* ---- pruning ------------------------------------------------------------ */

static ms_status prune(ms_catalog *cat, size_t *pruned)
{
    sqlite3_stmt *st;
    char **gone = NULL;
    size_t n = 0, cap = 0;
    ms_status s = MS_OK;
    if (sqlite3_prepare_v2(cat->db, "SELECT path FROM files", -1, &st, NULL)
        != SQLITE_OK)
        return ms_store_fail(cat, MS_ERR_IO, "cannot read files");
    while (s == MS_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 0);
        struct stat sb;
        if (!path || stat(path, &sb) == 0 || errno != ENOENT)
            continue;
        if (ms_grow((void **)&gone, &cap, n, sizeof *gone)
            || !(gone[n] = strdup(path)))
            s = ms_fail(MS_ERR_NOMEM, "index: out of memory");
        else
            n++;
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < n && s == MS_OK; i++) {
        char *track = old_track(cat, gone[i]);
        s = ms_store_begin(cat);
        if (s == MS_OK && sqlite3_prepare_v2(cat->db, "DELETE FROM files "
                                             "WHERE path = ?1", -1, &st,
                                             NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, gone[i], -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                s = ms_store_fail(cat, MS_ERR_IO, "cannot forget a file");
            sqlite3_finalize(st);
        }
        if (s == MS_OK && track)
            s = drop_orphan(cat, track);
        if (s == MS_OK)
            s = ms_store_commit(cat);
        else
            ms_store_rollback(cat);
        *pruned += s == MS_OK;
        free(track);
    }
    for (size_t i = 0; i < n; i++)
        free(gone[i]);
    free(gone);
    return s;
}

/* ---- the whole ---------------------------------------------------------- */

/* Stores results as workers finish them, in any order. */
static ms_status collect(ms_catalog *cat, const ms_reader *reader,
                         const ms_moods *moods, work *w,
                         const ms_index_opts *o, ms_index_report *rep)
{
    ms_status st = MS_OK;
    unsigned char *stored = calloc(w->count ? w->count : 1, 1);
    if (!stored)
        return ms_fail(MS_ERR_NOMEM, "index: out of memory");
    for (size_t left = w->count; left > 0 && st == MS_OK;) {
        pthread_mutex_lock(&w->lock);
        size_t i;
        for (;;) {
            for (i = 0; i < w->count && !(w->items[i].done && !stored[i]); i++)
                ;
            if (i < w->count)
                break;
            pthread_cond_wait(&w->finished, &w->lock);
        }
        pthread_mutex_unlock(&w->lock);
        stored[i] = 1;
        left--;
        st = store(cat, reader, moods, &w->items[i]);
        rep->added += st == MS_OK && w->items[i].ok;
        rep->failed += st == MS_OK && !w->items[i].ok;
        if (o && o->progress)
            o->progress(o->ctx, w->count - left, w->count, w->items[i].path);
    }
    free(stored);
    return st;
}

static ms_status analyse_all(ms_catalog *cat, const ms_listener *listener,
                             const ms_reader *reader, item *items, size_t n,
                             const ms_index_opts *o, ms_index_report *rep)
{
    work w = {items, n, 0, listener, PTHREAD_MUTEX_INITIALIZER,
              PTHREAD_COND_INITIALIZER};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = o && o->jobs ? o->jobs : cores > 0 ? (unsigned)cores : 1;
    pthread_t threads[64];
    unsigned started = 0;
    jobs = jobs > 64 ? 64 : jobs;
    for (unsigned t = 0; t < jobs && t < n; t++)
        started += pthread_create(&threads[started], NULL, worker, &w) == 0;
    if (started == 0)
        worker(&w);                      /* no threads: analyse here */
    ms_status st = collect(cat, reader, ms_listener_moods(listener), &w, o,
                           rep);
    if (st != MS_OK) {                   /* let the workers run dry */
        pthread_mutex_lock(&w.lock);
        w.next = w.count;
        pthread_mutex_unlock(&w.lock);
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    return st;
}

ms_status ms_catalog_index(ms_catalog *cat, const ms_listener *listener,
                           const ms_reader *reader, const char *const *paths,
                           size_t n_paths, const ms_index_opts *opts,
                           ms_index_report *report)
{
    walk w = {0};
    size_t todo = 0;
    memset(report, 0, sizeof *report);
    /* TagLib's C binding otherwise keeps every string it returns in one
     * process-wide list until taglib_tag_free_strings(); each is freed
     * with taglib_free() here instead. */
    taglib_set_string_management_enabled(0);
    ms_status st = walk_paths(&w, paths, n_paths);
    if (st == MS_OK)
        st = select_changed(cat, &w, &todo);
    report->found = w.count;
    report->unchanged = w.count - todo;
    if (st == MS_OK)
        st = analyse_all(cat, listener, reader, w.items, todo, opts, report);
    if (st == MS_OK && opts && opts->prune)
        st = prune(cat, &report->pruned);
    for (size_t i = 0; i < w.count; i++)
        free(w.items[i].path);
    free(w.items);
    return st;
}
