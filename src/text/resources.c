/* resources.c — load the language resources of a data directory. */
#include <string.h>

#include "resources.h"
#include "moodscape/data.h"

ms_status ms_resources_load(const char *dir, ms_resources *res)
{
    char path[4096];
    memset(res, 0, sizeof *res);
    ms_status st = ms_data_path(dir, "moods.tsv", path, sizeof path);
    if (st == MS_OK) st = ms_moods_open(path, &res->moods);
    if (st == MS_OK) st = ms_data_path(dir, "morph.txt", path, sizeof path);
    if (st == MS_OK) st = ms_lemmatizer_open(path, &res->lem);
    if (st == MS_OK) st = ms_data_path(dir, "lexicon.tsv", path, sizeof path);
    if (st == MS_OK) st = ms_lexicon_open(path, &res->lex);
    if (st == MS_OK) st = ms_data_path(dir, "misspellings.tsv", path, sizeof path);
    if (st == MS_OK) st = ms_spelling_open(path, &res->spell);
    if (st == MS_OK) st = ms_word_roles_new(&res->roles);
    if (st != MS_OK) {
        ms_resources_free(res);
        return st;
    }
    res->lang = (ms_lang){res->lem, res->lex, res->spell, res->roles};
    return MS_OK;
}

void ms_resources_free(ms_resources *res)
{
    ms_strmap_free(res->roles);
    ms_spelling_close(res->spell);
    ms_lexicon_close(res->lex);
    ms_lemmatizer_close(res->lem);
    ms_moods_close(res->moods);
    memset(res, 0, sizeof *res);
}
