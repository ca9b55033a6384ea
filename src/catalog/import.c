/* import.c — tracks known only by their metadata, from a TSV file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "store.h"
#include "base/error.h"
#include "base/tsv.h"

#define FIELDS_MAX 32
#define SEARCH_MAX 4096

typedef struct columns {
    int id, title, artist, descriptors, valence, arousal, tags;
} columns;

static ms_status read_header(char *line, columns *c, const char *path)
{
    char *f[FIELDS_MAX];
    size_t n = ms_tsv_split(line, f, FIELDS_MAX);
    if (n > FIELDS_MAX)
        n = FIELDS_MAX;
    for (size_t i = 0; i < n; i++)
        f[i] = ms_trim_lower(f[i]);
    *c = (columns){ms_tsv_column(f, n, "id"), ms_tsv_column(f, n, "title"),
                   ms_tsv_column(f, n, "artist"),
                   ms_tsv_column(f, n, "descriptors"),
                   ms_tsv_column(f, n, "valence"),
                   ms_tsv_column(f, n, "arousal"), ms_tsv_column(f, n, "tags")};
    if (c->id < 0 || c->descriptors < 0)
        return ms_fail(MS_ERR_FORMAT, "%s:1: the header must name the "
                       "columns 'id' and 'descriptors' (tab-separated)", path);
    if ((c->valence < 0) != (c->arousal < 0))
        return ms_fail(MS_ERR_FORMAT, "%s:1: 'valence' and 'arousal' go "
                       "together", path);
    return MS_OK;
}

static const char *field(char **f, size_t n, int col)
{
    return col >= 0 && (size_t)col < n && f[col][0] ? f[col] : NULL;
}

/* The emotion a row states, or the one its words carry. */
static ms_status row_emotion(const ms_reader *reader, char **f, size_t n,
                             const columns *c, ms_track_row *t,
                             const char *where)
{
    const char *v = field(f, n, c->valence), *a = field(f, n, c->arousal);
    if (v || a) {
        if (!v || !a || ms_parse_double(v, &t->valence)
            || ms_parse_double(a, &t->arousal))
            return ms_fail(MS_ERR_FORMAT, "%s: valence and arousal must "
                           "both be numbers", where);
        if (t->valence < -1 || t->valence > 1 || t->arousal < -1
            || t->arousal > 1)
            return ms_fail(MS_ERR_RANGE, "%s: valence and arousal must lie "
                           "in [-1, 1]", where);
        return MS_OK;
    }
    ms_reading r;
    ms_status st = ms_reader_read(reader, t->descriptors,
                                  strlen(t->descriptors), &r);
    if (st != MS_OK)
        return ms_fail(st, "%s: descriptors: %s", where, ms_last_error());
    t->valence = r.emotion.valence;
    t->arousal = r.emotion.arousal;
    return MS_OK;
}

static ms_status take_row(ms_catalog *cat, const ms_reader *reader,
                          char *line, const columns *c, const char *where)
{
    char *f[FIELDS_MAX], text[SEARCH_MAX], title_text[SEARCH_MAX], joined[1024];
    size_t n = ms_tsv_split(line, f, FIELDS_MAX);
    if (n > FIELDS_MAX)
        n = FIELDS_MAX;
    ms_track_row t = {0};
    t.id = field(f, n, c->id);
    t.descriptors = field(f, n, c->descriptors);
    if (!t.id || !t.descriptors)
        return ms_fail(MS_ERR_FORMAT, "%s: needs an id and descriptors",
                       where);
    t.title = field(f, n, c->title);
    t.artist = field(f, n, c->artist);
    t.tags = field(f, n, c->tags);
    ms_status st = row_emotion(reader, f, n, c, &t, where);
    if (st != MS_OK)
        return st;
    ms_descriptors_read(t.descriptors, &t.vocals, &t.tempo_bpm,
                        &t.tempo_class);
    snprintf(joined, sizeof joined, "%s %s %s", t.title ? t.title : "",
             t.artist ? t.artist : "", t.tags ? t.tags : "");
    st = ms_search_text(reader, t.descriptors, text, sizeof text);
    if (st == MS_OK)
        st = ms_search_text(reader, joined, title_text, sizeof title_text);
    if (st != MS_OK)
        return ms_fail(st, "%s: %s", where, ms_last_error());
    t.search_text = text;
    t.search_title = title_text;
    return ms_store_put_track(cat, &t);
}

static ms_status read_rows(ms_catalog *cat, const ms_reader *reader, FILE *fp,
                           const char *path, size_t *added)
{
    char *line = NULL, where[4200];
    size_t cap = 0, lineno = 1;
    columns c = {-1, -1, -1, -1, -1, -1, -1};
    ssize_t len = getline(&line, &cap, fp);
    ms_status st = len > 0 ? read_header(line, &c, path)
                           : ms_fail(MS_ERR_FORMAT, "%s: empty file", path);
    while (st == MS_OK && (len = getline(&line, &cap, fp)) > 0) {
        lineno++;
        if (memchr(line, '\0', (size_t)len))
            st = ms_fail(MS_ERR_FORMAT, "%s:%zu: holds a NUL byte", path,
                         lineno);
        else if (strspn(line, " \t\r\n") == (size_t)len)
            continue;
        else {
            snprintf(where, sizeof where, "%s:%zu", path, lineno);
            st = take_row(cat, reader, line, &c, where);
            *added += st == MS_OK;
        }
    }
    free(line);
    return st;
}

ms_status ms_catalog_import(ms_catalog *cat, const ms_reader *reader,
                            const char *tsv_path, size_t *added)
{
    *added = 0;
    FILE *fp = fopen(tsv_path, "r");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open", tsv_path);
    ms_status st = ms_store_begin(cat);
    if (st == MS_OK)
        st = read_rows(cat, reader, fp, tsv_path, added);
    fclose(fp);
    if (st == MS_OK)
        st = ms_store_commit(cat);
    if (st != MS_OK) {
        ms_store_rollback(cat);
        *added = 0;
    }
    return st;
}
