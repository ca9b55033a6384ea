/* test_wordnet.c — the WordNet reader and the runtime lemmatizer, against
 * the real WordNet 3.0 database (argv[1], default /usr/share/wordnet) and
 * a tiny hand-made one. Every fact asserted about WordNet was read from
 * its data files first: for instance happy's first synset (data.adj
 * 01148283) points to unhappy with "! 01149494 a 0101". */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "text/lemma.h"
#include "text/wordnet.h"

/* ---- collecting links ---------------------------------------------------- */

#define LINKS_MAX 512

typedef struct seen {
    char      lemma[64];
    ms_pos    pos;
    ms_wn_rel rel;
    unsigned  sense;
} seen;

typedef struct links {
    seen   items[LINKS_MAX];
    size_t count;
    int    badly_spelled;   /* a lemma with uppercase, '_' or a marker */
} links;

static void collect(void *ctx, const ms_wn_link *link)
{
    links *ls = ctx;
    if (strpbrk(link->lemma, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_()"))
        ls->badly_spelled = 1;
    if (ls->count == LINKS_MAX)
        return;
    seen *s = &ls->items[ls->count++];
    snprintf(s->lemma, sizeof s->lemma, "%s", link->lemma);
    s->pos = link->pos;
    s->rel = link->rel;
    s->sense = link->sense;
}

static links *links_of(const ms_wordnet *wn, const char *lemma, ms_pos pos)
{
    static links ls;            /* one at a time; too big for the stack */
    memset(&ls, 0, sizeof ls);
    CHECK(ms_wordnet_links(wn, lemma, pos, collect, &ls) == MS_OK);
    return &ls;
}

/* The sense through which `lemma` was linked by `rel`, or 0 if it was not. */
static unsigned linked(const links *ls, const char *lemma, ms_pos pos,
                       ms_wn_rel rel)
{
    for (size_t i = 0; i < ls->count; i++)
        if (strcmp(ls->items[i].lemma, lemma) == 0 && ls->items[i].pos == pos
            && ls->items[i].rel == rel)
            return ls->items[i].sense;
    return 0;
}

static void test_links(const ms_wordnet *wn)
{
    links *ls = links_of(wn, "happy", MS_POS_ADJ);
    CHECK(linked(ls, "unhappy", MS_POS_ADJ, MS_WN_ANTONYM) == 1);
    CHECK(linked(ls, "happiness", MS_POS_NOUN, MS_WN_DERIVED) == 1);
    CHECK(linked(ls, "blissful", MS_POS_ADJ, MS_WN_SIMILAR) == 1);
    CHECK(linked(ls, "glad", MS_POS_ADJ, MS_WN_ALSO_SEE) == 1);
    CHECK(linked(ls, "felicitous", MS_POS_ADJ, MS_WN_SYNONYM) == 2);
    CHECK(linked(ls, "glad", MS_POS_ADJ, MS_WN_SYNONYM) == 3);
    CHECK(linked(ls, "happy", MS_POS_ADJ, MS_WN_SYNONYM) == 0);
    CHECK(!ls->badly_spelled);

    ls = links_of(wn, "glad", MS_POS_ADJ);       /* {glad, happy} 02565584 */
    CHECK(linked(ls, "happy", MS_POS_ADJ, MS_WN_SYNONYM) == 2);

    ls = links_of(wn, "angry", MS_POS_ADJ);
    CHECK(linked(ls, "furious", MS_POS_ADJ, MS_WN_SIMILAR) == 1);
    CHECK(linked(ls, "furious", MS_POS_ADJ, MS_WN_SYNONYM) == 2);

    ls = links_of(wn, "cry", MS_POS_VERB);       /* {weep, cry} 00066191 */
    CHECK(linked(ls, "weep", MS_POS_VERB, MS_WN_SYNONYM) == 2);
    CHECK(linked(ls, "laugh", MS_POS_VERB, MS_WN_ANTONYM) == 2);
    CHECK(linked(ls, "crying", MS_POS_NOUN, MS_WN_DERIVED) == 2);
    CHECK(linked(ls, "cry out", MS_POS_VERB, MS_WN_ALSO_SEE) == 1);

    ls = links_of(wn, "sadly", MS_POS_ADV);
    CHECK(linked(ls, "sad", MS_POS_ADJ, MS_WN_PERTAINYM) == 1);
    CHECK(linked(ls, "happily", MS_POS_ADV, MS_WN_ANTONYM) == 1);

    /* 02433452: "... worn-out(a) 0 worn_out(p) 0" */
    ls = links_of(wn, "exhausted", MS_POS_ADJ);
    CHECK(linked(ls, "worn-out", MS_POS_ADJ, MS_WN_SYNONYM) == 1);
    CHECK(linked(ls, "worn out", MS_POS_ADJ, MS_WN_SYNONYM) == 1);
    CHECK(!ls->badly_spelled);

    ls = links_of(wn, "Ice Cream", MS_POS_NOUN);  /* any case, spaces */
    CHECK(linked(ls, "icecream", MS_POS_NOUN, MS_WN_SYNONYM) == 1);

    CHECK(links_of(wn, "qwzxv", MS_POS_NOUN)->count == 0);
    CHECK(links_of(wn, "happy", MS_POS_VERB)->count == 0);
    CHECK(links_of(wn, "", MS_POS_NOUN)->count == 0);
    CHECK(ms_wordnet_links(wn, "happy", MS_POS_COUNT, collect, NULL)
          == MS_ERR_ARG);
}

/* ---- morphy -------------------------------------------------------------- */

/* The forms ms_wordnet_morph() gives, joined by spaces, in a static buffer. */
static const char *morph(const ms_wordnet *wn, const char *word, ms_pos pos,
                         size_t max)
{
    static char joined[512];
    char forms[8][MS_WN_MORPH_MAX];
    size_t count = 99;
    CHECK(ms_wordnet_morph(wn, word, pos, forms, max, &count) == MS_OK);
    joined[0] = '\0';
    for (size_t i = 0; i < count && i < 8; i++) {
        if (i)
            strcat(joined, " ");
        strcat(joined, forms[i]);
    }
    return joined;
}

static void test_morph(const ms_wordnet *wn)
{
    CHECK_STR(morph(wn, "geese", MS_POS_NOUN, 8), "goose");     /* noun.exc */
    CHECK_STR(morph(wn, "cried", MS_POS_VERB, 8), "cry");       /* verb.exc */
    CHECK_STR(morph(wn, "was", MS_POS_VERB, 8), "be");
    CHECK_STR(morph(wn, "happier", MS_POS_ADJ, 8), "happy");    /* adj.exc */
    CHECK_STR(morph(wn, "better", MS_POS_ADJ, 8), "better good well");
    CHECK_STR(morph(wn, "better", MS_POS_ADV, 8), "better well");
    CHECK_STR(morph(wn, "axes", MS_POS_NOUN, 8), "ax axis axe");
    CHECK_STR(morph(wn, "axes", MS_POS_NOUN, 1), "ax");
    CHECK_STR(morph(wn, "running", MS_POS_VERB, 8), "run");
    CHECK_STR(morph(wn, "running", MS_POS_NOUN, 8), "running");
    CHECK_STR(morph(wn, "feelings", MS_POS_NOUN, 8), "feelings feeling");
    CHECK_STR(morph(wn, "leaves", MS_POS_NOUN, 8), "leaf leave");
    CHECK_STR(morph(wn, "hugs", MS_POS_VERB, 8), "hug");        /* s */
    CHECK_STR(morph(wn, "hoping", MS_POS_VERB, 8), "hope hop"); /* ing */
    CHECK_STR(morph(wn, "yelled", MS_POS_VERB, 8), "yell");     /* ed */
    CHECK_STR(morph(wn, "churches", MS_POS_NOUN, 8), "church"); /* ches */
    CHECK_STR(morph(wn, "boss", MS_POS_NOUN, 8), "boss");       /* no "bos" */
    CHECK_STR(morph(wn, "ice creams", MS_POS_NOUN, 8), "ice cream");
    CHECK_STR(morph(wn, "qwzxv", MS_POS_NOUN, 8), "");
    CHECK_STR(morph(wn, "quickly", MS_POS_ADV, 8), "quickly");
}

/* ---- the morphology file and the lemmatizer ------------------------------ */

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3
         + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Writes the morphology file into a new temporary file; its name goes
 * into path (which the caller unlinks). */
static int write_morph_file(const ms_wordnet *wn, char *path)
{
    strcpy(path, "/tmp/ms_morph_XXXXXX");
    int fd = mkstemp(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp)
        return 0;
    ms_status st = ms_wordnet_write_morph(wn, fp);
    return fclose(fp) == 0 && st == MS_OK;
}

static int file_has_line(const char *path, const char *want)
{
    FILE *fp = fopen(path, "r");
    char line[256];
    int found = 0;
    while (fp && !found && fgets(line, sizeof line, fp))
        found = strcmp(line, want) == 0;
    if (fp)
        fclose(fp);
    return found;
}

static void test_morph_file(const char *path)
{
    CHECK(file_has_line(path, "moodscape-morph\t1\n"));
    CHECK(file_has_line(path, "L\thappy\ta\n"));
    CHECK(file_has_line(path, "L\trun\tnv\n"));
    CHECK(file_has_line(path, "L\ttired\ta\n"));     /* heads a cluster */
    CHECK(file_has_line(path, "L\tyelled\ts\n"));    /* only a satellite */
    CHECK(file_has_line(path, "X\tv\twas\tbe\n"));
    CHECK(file_has_line(path, "X\ta\tbetter\tgood well\n"));
    CHECK(!file_has_line(path, "L\tice_cream\tn\n"));
}

static const char *lemma_of(const ms_lemmatizer *lem, const char *word)
{
    static char out[MS_WN_MORPH_MAX];
    CHECK(ms_lemmatize(lem, word, out, sizeof out) == MS_OK);
    return out;
}

static const char *lemma_as(const ms_lemmatizer *lem, const char *word,
                            ms_pos pos)
{
    static char out[MS_WN_MORPH_MAX];
    CHECK(ms_lemmatize_pos(lem, word, pos, out, sizeof out) == MS_OK);
    return out;
}

static void test_lemmatize(const ms_lemmatizer *lem)
{
    /* exception lists, even over words that are lemmas themselves */
    CHECK_STR(lemma_of(lem, "cried"), "cry");
    CHECK_STR(lemma_of(lem, "was"), "be");
    CHECK_STR(lemma_of(lem, "geese"), "goose");
    CHECK_STR(lemma_of(lem, "happier"), "happy");
    CHECK_STR(lemma_of(lem, "better"), "good");
    CHECK_STR(lemma_of(lem, "worse"), "bad");
    CHECK_STR(lemma_of(lem, "running"), "run");
    CHECK_STR(lemma_of(lem, "felt"), "feel");
    /* participles WordNet lists only as satellite adjectives */
    CHECK_STR(lemma_of(lem, "yelled"), "yell");
    CHECK_STR(lemma_of(lem, "missed"), "miss");
    /* head adjectives and nouns keep their form */
    CHECK_STR(lemma_of(lem, "tired"), "tired");
    CHECK_STR(lemma_of(lem, "exhausted"), "exhausted");
    CHECK_STR(lemma_of(lem, "excited"), "excited");
    CHECK_STR(lemma_of(lem, "feeling"), "feeling");
    CHECK_STR(lemma_of(lem, "evening"), "evening");   /* not "even" */
    /* plurals listed as nouns of their own */
    CHECK_STR(lemma_of(lem, "feelings"), "feeling");
    CHECK_STR(lemma_of(lem, "tears"), "tear");
    CHECK_STR(lemma_of(lem, "news"), "news");
    CHECK_STR(lemma_of(lem, "boss"), "boss");
    /* plain rules */
    CHECK_STR(lemma_of(lem, "cries"), "cry");
    CHECK_STR(lemma_of(lem, "hugs"), "hug");
    CHECK_STR(lemma_of(lem, "hoping"), "hope");
    CHECK_STR(lemma_of(lem, "yells"), "yell");
    CHECK_STR(lemma_of(lem, "his"), "his");        /* not "hi" */
    CHECK_STR(lemma_of(lem, "happy"), "happy");
    CHECK_STR(lemma_of(lem, "qwzxv"), "qwzxv");

    CHECK_STR(lemma_as(lem, "better", MS_POS_ADV), "well");
    CHECK_STR(lemma_as(lem, "feelings", MS_POS_NOUN), "feelings");
    CHECK_STR(lemma_as(lem, "tired", MS_POS_VERB), "tire");
    CHECK_STR(lemma_as(lem, "tired", MS_POS_ADJ), "tired");
    CHECK_STR(lemma_as(lem, "leaves", MS_POS_NOUN), "leaf");
    CHECK_STR(lemma_as(lem, "happiest", MS_POS_ADJ), "happy");
    CHECK_STR(lemma_as(lem, "qwzxvs", MS_POS_NOUN), "qwzxvs");

    CHECK(ms_lemmatizer_knows(lem, "happy") == 1);
    CHECK(ms_lemmatizer_knows(lem, "yelled") == 1);
    CHECK(ms_lemmatizer_knows(lem, "cried") == 0);
    CHECK(ms_lemmatizer_knows(lem, "ice cream") == 0);   /* single words */
    CHECK(ms_lemmatizer_knows(lem, "") == 0);
    CHECK(ms_lemmatizer_knows(NULL, "happy") == 0);
}

static void test_hostile(const ms_wordnet *wn, const ms_lemmatizer *lem)
{
    char *big = malloc(10241), high[129], out[512], tiny[4];
    size_t count = 99;
    char forms[2][MS_WN_MORPH_MAX];
    if (!big)
        return;
    memset(big, 'a', 10240);
    big[10240] = '\0';
    for (int i = 0; i < 128; i++)
        high[i] = (char)(0x80 + i);
    high[128] = '\0';

    CHECK_STR(lemma_of(lem, ""), "");
    CHECK(ms_lemmatize(lem, big, out, sizeof out) == MS_OK);
    CHECK(strlen(out) == sizeof out - 1 && strspn(out, "a") == sizeof out - 1);
    CHECK(ms_lemmatize(lem, high, out, sizeof out) == MS_OK);
    CHECK_STR(out, high);
    CHECK_STR(lemma_of(lem, "caf\xc3\xa9s"), "caf\xc3\xa9s");
    CHECK_STR(lemma_of(lem, "a\tb\nc d"), "a\tb\nc d");
    CHECK(ms_lemmatize(lem, "\xc3\xa9\xc3\xa9", tiny, sizeof tiny) == MS_OK);
    CHECK_STR(tiny, "\xc3\xa9");               /* never half a character */
    CHECK(ms_lemmatize(lem, "happy", out, 0) == MS_ERR_ARG);
    CHECK(ms_lemmatize_pos(lem, big, MS_POS_NOUN, out, sizeof out) == MS_OK);
    CHECK(ms_lemmatize_pos(lem, high, MS_POS_VERB, out, sizeof out) == MS_OK);
    CHECK_STR(out, high);

    CHECK(links_of(wn, big, MS_POS_NOUN)->count == 0);
    CHECK(links_of(wn, high, MS_POS_ADJ)->count == 0);
    CHECK(ms_wordnet_morph(wn, big, MS_POS_NOUN, forms, 2, &count) == MS_OK);
    CHECK(count == 0);
    CHECK(ms_wordnet_morph(wn, high, MS_POS_VERB, forms, 2, &count) == MS_OK);
    CHECK(count == 0);
    free(big);
}

static void test_lemmatizer(const ms_wordnet *wn)
{
    char path[64];
    struct stat sb;
    struct timespec t0;
    ms_lemmatizer *lem = NULL;
    CHECK(write_morph_file(wn, path));
    test_morph_file(path);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(ms_lemmatizer_open(path, &lem) == MS_OK);
    double ms = ms_since(&t0);
    if (stat(path, &sb) == 0)
        fprintf(stderr, "morphology file: %lld bytes, opened in %.1f ms\n",
                (long long)sb.st_size, ms);
    if (lem) {
        test_lemmatize(lem);
        test_hostile(wn, lem);
    }
    ms_lemmatizer_close(lem);
    unlink(path);
}

/* ---- a tiny hand-made database ------------------------------------------ */

/* WordNet 3.0 has no semantic antonyms, so this database makes one:
 * {glum, morose} points to {cheery} with "! <offset> a 0000". Offsets are
 * byte offsets, all eight digits wide, so laying the file out once with
 * zeros gives every line's offset. */
static void make_data_adj(char *text, size_t size, unsigned long *glum,
                          unsigned long *cheery)
{
    const char *head = "  1 a test database\n";
    *glum = *cheery = 0;
    for (int pass = 0; pass < 2; pass++) {
        int n = snprintf(text, size, "%s", head);
        *glum = (unsigned long)n;
        n += snprintf(text + n, size - (size_t)n,
                      "%08lu 00 a 02 Glum 0 morose(p) 0 001 ! %08lu a 0000 "
                      "| sad\n", *glum, *cheery);
        *cheery = (unsigned long)n;
        snprintf(text + n, size - (size_t)n,
                 "%08lu 00 a 01 cheery 0 000 | glad\n", *cheery);
    }
}

static int put_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return 0;
    fputs(text, fp);
    return fclose(fp) == 0;
}

static void remove_files(const char *dir)
{
    static const char *const names[] = {
        "index.noun", "index.verb", "index.adj", "index.adv", "data.noun",
        "data.verb", "data.adj", "data.adv", "noun.exc", "verb.exc",
        "adj.exc", "adv.exc", NULL
    };
    char path[256];
    for (int i = 0; names[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static int make_tiny_db(const char *dir)
{
    char data[512], index[512];
    unsigned long glum, cheery;
    make_data_adj(data, sizeof data, &glum, &cheery);
    snprintf(index, sizeof index,
             "  1 a test database\n"
             "cheery a 1 0 1 0 %08lu  \n"
             "glum a 1 1 ! 1 0 %08lu  \n"
             "morose a 1 1 ! 1 0 %08lu  \n", cheery, glum, glum);
    int ok = put_file(dir, "index.adj", index)
          && put_file(dir, "data.adj", data);
    /* an index entry whose offset is no synset's */
    ok = ok && put_file(dir, "index.noun", "broken n 1 0 1 0 00000003  \n")
            && put_file(dir, "data.noun", "  1 no synsets here\n");
    const char *empty[] = {"index.verb", "index.adv", "data.verb", "data.adv",
                           "noun.exc", "verb.exc", "adj.exc", NULL};
    for (int i = 0; ok && empty[i]; i++)
        ok = put_file(dir, empty[i], "");
    return ok;
}

static void test_tiny_db(void)
{
    char dir[] = "/tmp/ms_wordnet_XXXXXX";
    ms_wordnet *wn = NULL;
    CHECK(mkdtemp(dir) != NULL && make_tiny_db(dir));

    /* adv.exc is still missing */
    CHECK(ms_wordnet_open(dir, &wn) == MS_ERR_NOTFOUND);
    CHECK(wn == NULL);
    CHECK(strstr(ms_last_error(), "adv.exc") != NULL);

    CHECK(put_file(dir, "adv.exc", ""));
    CHECK(ms_wordnet_open(dir, &wn) == MS_OK);
    if (wn) {
        links *ls = links_of(wn, "morose", MS_POS_ADJ);
        CHECK(linked(ls, "glum", MS_POS_ADJ, MS_WN_SYNONYM) == 1);
        CHECK(linked(ls, "cheery", MS_POS_ADJ, MS_WN_ANTONYM) == 1);
        CHECK(ls->count == 2);
        CHECK(links_of(wn, "cheery", MS_POS_ADJ)->count == 0);
        CHECK(ms_wordnet_links(wn, "broken", MS_POS_NOUN, collect, ls)
              == MS_ERR_FORMAT);
        CHECK(strstr(ms_last_error(), "data.noun") != NULL);
    }
    ms_wordnet_close(wn);
    remove_files(dir);
}

static void test_bad_morph_files(void)
{
    char path[] = "/tmp/ms_morph_bad_XXXXXX";
    ms_lemmatizer *lem = NULL;
    int fd = mkstemp(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(fp != NULL);
    if (!fp)
        return;
    fputs("moodscape-morph\t1\nL\thappy\ta\nX\tq\twas\tbe\n", fp);
    fclose(fp);
    CHECK(ms_lemmatizer_open(path, &lem) == MS_ERR_FORMAT);
    CHECK(lem == NULL);
    CHECK(strstr(ms_last_error(), ":3:") != NULL);
    unlink(path);
    CHECK(ms_lemmatizer_open(path, &lem) == MS_ERR_IO);
    CHECK(ms_lemmatizer_open("/dev/null", &lem) == MS_ERR_FORMAT);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/usr/share/wordnet";
    ms_wordnet *wn = NULL;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (ms_wordnet_open(dir, &wn) != MS_OK) {
        fprintf(stderr, "test_wordnet: %s\n", ms_last_error());
        return 1;
    }
    fprintf(stderr, "WordNet opened in %.0f ms\n", ms_since(&t0));
    test_links(wn);
    test_morph(wn);
    test_lemmatizer(wn);
    ms_wordnet_close(wn);
    test_tiny_db();
    test_bad_morph_files();
    return check_report();
}
