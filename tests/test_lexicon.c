/* test_lexicon.c — the affect lexicon the build grew from the seed: its
 * size, its multi-word expressions, and values that WordNet carried over.
 * usage: test_lexicon DATA_DIR SEED.tsv */
#include <stdlib.h>

#include "check.h"
#include "text/resources.h"

static ms_lang lang;

static const ms_lexentry *entry(const char *term)
{
    char key[256];
    if (ms_parse_key(&lang, term, key, sizeof key) != MS_OK)
        return NULL;
    return ms_lexicon_get(lang.lex, key, strlen(key));
}

static size_t count_lines(const char *path, size_t *multiword)
{
    FILE *fp = fopen(path, "r");
    char line[512];
    size_t n = 0;
    *multiword = 0;
    while (fp && fgets(line, sizeof line, fp)) {
        n++;
        *multiword += strchr(line, ' ') && strchr(line, ' ') < strchr(line, '\t');
    }
    if (fp)
        fclose(fp);
    return n;
}

static void test_size(const char *seed)
{
    size_t multi, n = count_lines(seed, &multi);
    CHECK(n >= 800);
    CHECK(multi >= 150);
    CHECK(ms_lexicon_count(lang.lex) >= 10000);
}

static void test_expressions(void)
{
    const char *mwe[] = {"fed up", "on edge", "over the moon",
                         "butterflies in my stomach", "cried my eyes out"};
    for (size_t i = 0; i < sizeof mwe / sizeof mwe[0]; i++)
        CHECK(entry(mwe[i]) != NULL);
    /* Possessives fold: "her" matches the seed's "my". */
    CHECK(entry("cry her eyes out") == entry("cry my eyes out"));
    CHECK(entry("over the moon")->valence > 0.5);
    CHECK(entry("on edge")->arousal > 0.3);
}

static void test_grown(void)
{
    /* Terms the seed does not hold, reached through WordNet. */
    const ms_lexentry *e = entry("elation");
    CHECK(e && e->valence > 0.4 && e->confidence < 1);
    e = entry("tragical");
    CHECK(e && e->valence < -0.4);
    e = entry("hysterical");
    CHECK(e && e->valence < 0 && e->arousal > 0.3);
    /* Function words never carry a feeling. */
    CHECK(entry("the") == NULL && entry("was") == NULL && entry("i") == NULL);
}

int main(int argc, char **argv)
{
    ms_resources res;
    if (argc < 3 || ms_resources_load(argv[1], &res) != MS_OK) {
        fprintf(stderr, "test_lexicon: %s\n", ms_last_error());
        return 1;
    }
    lang = res.lang;
    test_size(argv[2]);
    test_expressions();
    test_grown();
    ms_resources_free(&res);
    return check_report();
}
