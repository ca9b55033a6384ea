/* lexicon.c — affect lexicon storage: a string map onto an entry array. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/tsv.h"

struct ms_lexicon {
    ms_strmap   *index;
    ms_strmap   *starts;     /* first word -> longest term it begins */
    ms_lexentry *entries;
    size_t       count, cap;
};

ms_status ms_lexicon_new(ms_lexicon **out)
{
    ms_lexicon *lex = calloc(1, sizeof *lex);
    *out = NULL;
    if (!lex || ms_strmap_new(&lex->index) != MS_OK
        || ms_strmap_new(&lex->starts) != MS_OK) {
        ms_lexicon_close(lex);
        return ms_fail(MS_ERR_NOMEM, "lexicon: out of memory");
    }
    *out = lex;
    return MS_OK;
}

void ms_lexicon_close(ms_lexicon *lex)
{
    if (!lex)
        return;
    ms_strmap_free(lex->index);
    ms_strmap_free(lex->starts);
    free(lex->entries);
    free(lex);
}

static size_t count_words(const char *term)
{
    size_t n = 1;
    for (; *term; term++)
        n += *term == ' ';
    return n;
}

/* Records that a term of this many words begins with its first word, so
 * matching tries only the lengths that can exist. */
static ms_status note_start(ms_lexicon *lex, const char *term)
{
    size_t words = count_words(term), first = strcspn(term, " ");
    uint32_t longest = 0;
    ms_strmap_get(lex->starts, term, first, &longest);
    if (words <= longest)
        return MS_OK;
    return ms_strmap_put(lex->starts, term, first, (uint32_t)words);
}

ms_status ms_lexicon_put(ms_lexicon *lex, const char *term,
                         const ms_lexentry *e)
{
    size_t n = strlen(term);
    uint32_t at;
    if (n == 0)
        return ms_fail(MS_ERR_ARG, "lexicon: empty term");
    if (ms_strmap_get(lex->index, term, n, &at)) {
        lex->entries[at] = *e;
        return MS_OK;
    }
    if (lex->count == lex->cap) {
        size_t cap = lex->cap ? lex->cap * 2 : 1024;
        ms_lexentry *grown = realloc(lex->entries, cap * sizeof *grown);
        if (!grown)
            return ms_fail(MS_ERR_NOMEM, "lexicon: out of memory");
        lex->entries = grown;
        lex->cap = cap;
    }
    ms_status st = ms_strmap_put(lex->index, term, n, (uint32_t)lex->count);
    if (st != MS_OK)
        return st;
    lex->entries[lex->count++] = *e;
    return note_start(lex, term);
}

static ms_status parse_line(ms_lexicon *lex, char *line, const char *path,
                            size_t lineno)
{
    char *f[5];
    size_t n = ms_tsv_split(line, f, 5);
    double v, a, c = 1;
    if (n < 3 || ms_parse_double(f[1], &v) || ms_parse_double(f[2], &a)
        || (n > 3 && ms_parse_double(f[3], &c)))
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: expected term, valence, "
                       "arousal[, confidence]", path, lineno);
    if (fabs(v) > 1 || fabs(a) > 1 || c < 0 || c > 1)
        return ms_fail(MS_ERR_RANGE, "%s:%zu: value out of range", path,
                       lineno);
    ms_lexentry e = {(float)v, (float)a, (float)c};
    return ms_lexicon_put(lex, f[0], &e);
}

ms_status ms_lexicon_open(const char *path, ms_lexicon **out)
{
    FILE *fp = fopen(path, "r");
    *out = NULL;
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    ms_lexicon *lex;
    ms_status st = ms_lexicon_new(&lex);
    char line[1024];
    size_t lineno = 0;
    while (st == MS_OK && fgets(line, sizeof line, fp)) {
        lineno++;
        if (line[0] != '#' && line[0] != '\n')
            st = parse_line(lex, line, path, lineno);
    }
    fclose(fp);
    if (st != MS_OK) {
        ms_lexicon_close(lex);
        return st;
    }
    *out = lex;
    return MS_OK;
}

const ms_lexentry *ms_lexicon_get(const ms_lexicon *lex, const char *term,
                                  size_t n)
{
    uint32_t at;
    return ms_strmap_get(lex->index, term, n, &at) ? &lex->entries[at] : NULL;
}

size_t ms_lexicon_count(const ms_lexicon *lex)
{
    return lex->count;
}

size_t ms_lexicon_longest_from(const ms_lexicon *lex, const char *word,
                               size_t n)
{
    uint32_t longest = 0;
    ms_strmap_get(lex->starts, word, n, &longest);
    return longest;
}
