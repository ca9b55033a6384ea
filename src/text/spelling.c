/* spelling.c — the misspelling table: a string map onto offsets of the
 * corrections in one arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spelling.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/tsv.h"

struct ms_spelling {
    ms_strmap *map;
    char      *fixes;
    size_t     used, size;
};

void ms_spelling_close(ms_spelling *sp)
{
    if (!sp)
        return;
    ms_strmap_free(sp->map);
    free(sp->fixes);
    free(sp);
}

static ms_status add(ms_spelling *sp, const char *wrong, const char *right)
{
    size_t n = strlen(right) + 1;
    if (sp->used + n > sp->size) {
        size_t size = sp->size ? sp->size * 2 : 4096;
        while (size < sp->used + n)
            size *= 2;
        char *grown = realloc(sp->fixes, size);
        if (!grown)
            return ms_fail(MS_ERR_NOMEM, "spelling: out of memory");
        sp->fixes = grown;
        sp->size = size;
    }
    memcpy(sp->fixes + sp->used, right, n);
    ms_status st = ms_strmap_put(sp->map, wrong, strlen(wrong),
                                 (uint32_t)sp->used);
    sp->used += n;
    return st;
}

ms_status ms_spelling_open(const char *path, ms_spelling **out)
{
    *out = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    ms_spelling *sp = calloc(1, sizeof *sp);
    ms_status st = sp ? ms_strmap_new(&sp->map) : MS_ERR_NOMEM;
    char line[512];
    size_t lineno = 0;
    while (st == MS_OK && fgets(line, sizeof line, fp)) {
        char *f[3];
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (ms_tsv_split(line, f, 3) != 2) {
            st = ms_fail(MS_ERR_FORMAT, "%s:%zu: expected two columns",
                         path, lineno);
            break;
        }
        st = add(sp, ms_trim_lower(f[0]), ms_trim_lower(f[1]));
    }
    fclose(fp);
    if (st != MS_OK) {
        ms_spelling_close(sp);
        return st == MS_ERR_NOMEM ? ms_fail(st, "spelling: out of memory") : st;
    }
    *out = sp;
    return MS_OK;
}

const char *ms_spelling_fix(const ms_spelling *sp, const char *word)
{
    uint32_t at;
    if (!sp || !ms_strmap_get(sp->map, word, strlen(word), &at))
        return NULL;
    return sp->fixes + at;
}
