/* synonyms.c — the music synonyms table, loaded once per reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synonyms.h"
#include "base/error.h"
#include "base/grow.h"
#include "base/strmap.h"
#include "base/tsv.h"

#define PER_WORD 16              /* lemmas kept per word */

typedef struct entry {
    size_t first, count;         /* into lemmas */
} entry;

struct ms_synonyms {
    ms_strmap *index;            /* word lemma -> entry */
    entry     *entries;
    size_t     n_entries, cap_entries;
    char     **lemmas;
    size_t     n_lemmas, cap_lemmas;
};

void ms_synonyms_close(ms_synonyms *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_lemmas; i++)
        free(s->lemmas[i]);
    free(s->lemmas);
    free(s->entries);
    ms_strmap_free(s->index);
    free(s);
}

/* The content lemmas of a phrase, appended to the current entry, each
 * once. */
static ms_status add_phrase(ms_synonyms *s, const ms_lang *lang,
                            ms_parse *p, const char *phrase, entry *e)
{
    ms_status st = ms_parse_text(lang, phrase, strlen(phrase), p);
    for (size_t i = 0; st == MS_OK && i < p->count; i++) {
        const ms_word *w = &p->words[i];
        int seen = w->kind != MS_TOK_WORD || ms_word_is_function(w)
                || e->count >= PER_WORD;
        for (size_t k = e->first; !seen && k < e->first + e->count; k++)
            seen = strcmp(s->lemmas[k], w->lemma) == 0;
        if (seen)
            continue;
        if (ms_grow((void **)&s->lemmas, &s->cap_lemmas, s->n_lemmas,
                    sizeof *s->lemmas)
            || !(s->lemmas[s->n_lemmas] = strdup(w->lemma)))
            st = ms_fail(MS_ERR_NOMEM, "synonyms: out of memory");
        if (st == MS_OK) {
            s->n_lemmas++;
            e->count++;
        }
    }
    return st;
}

static ms_status add_line(ms_synonyms *s, const ms_lang *lang, ms_parse *p,
                          char *word, char *means)
{
    char key[MS_WORD_MAX];
    ms_status st = ms_parse_text(lang, word, strlen(word), p);
    if (st != MS_OK || p->count != 1)
        return st;                       /* one word per key */
    snprintf(key, sizeof key, "%s", p->words[0].lemma);
    entry e = {s->n_lemmas, 0};
    for (char *tok = strtok(means, ","); tok && st == MS_OK;
         tok = strtok(NULL, ","))
        st = add_phrase(s, lang, p, tok, &e);
    if (st == MS_OK && ms_grow((void **)&s->entries, &s->cap_entries,
                               s->n_entries, sizeof *s->entries))
        st = ms_fail(MS_ERR_NOMEM, "synonyms: out of memory");
    if (st == MS_OK) {
        s->entries[s->n_entries] = e;
        st = ms_strmap_put(s->index, key, strlen(key),
                           (uint32_t)s->n_entries++);
    }
    return st;
}

ms_status ms_synonyms_open(const char *path, const ms_lang *lang,
                           ms_synonyms **out)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    ms_synonyms *s = calloc(1, sizeof *s);
    ms_status st = s ? ms_strmap_new(&s->index)
                     : ms_fail(MS_ERR_NOMEM, "synonyms: out of memory");
    ms_parse p = {0};
    char line[4096];
    size_t lineno = 0;
    int header = 1;
    while (st == MS_OK && fgets(line, sizeof line, f)) {
        char *fields[3];
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (ms_tsv_split(line, fields, 3) != 2)
            st = ms_fail(MS_ERR_FORMAT, "%s:%zu: want two columns", path,
                         lineno);
        else if (header)
            header = 0;
        else
            st = add_line(s, lang, &p, fields[0], fields[1]);
    }
    ms_parse_free(&p);
    fclose(f);
    if (st != MS_OK) {
        ms_synonyms_close(s);
        return st;
    }
    *out = s;
    return MS_OK;
}

size_t ms_synonyms_of(const ms_synonyms *s, const char *lemma,
                      const char **out, size_t cap)
{
    uint32_t at;
    if (!s || !ms_strmap_get(s->index, lemma, strlen(lemma), &at))
        return 0;
    const entry *e = &s->entries[at];
    size_t n = e->count < cap ? e->count : cap;
    for (size_t i = 0; i < n; i++)
        out[i] = s->lemmas[e->first + i];
    return n;
}
