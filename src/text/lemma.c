/* lemma.c — the runtime lemmatizer: morphy's rules (morphy(7WN)) over the
 * lemma list and exception lists of the morphology file.
 *
 * The file is read into one buffer that becomes the arena: its TABs and
 * newlines are overwritten with NULs, and five open-addressing hash tables
 * (lemmas, and one per exception list) hold 32-bit offsets into it. No
 * string is copied or allocated on its own, which is what keeps loading
 * at a few milliseconds for the ~83,000 lemmas. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "lemma.h"

#define WORD_MAX  MS_WN_MORPH_MAX  /* longer words are left alone */
#define MIN_BASE  3                /* shortest base a rule may produce */
#define FILE_MAX  (64u << 20)      /* a morphology file is ~1 MB */
#define HEADER    "moodscape-morph\t1"

/* The parts of speech of an L record, one bit per letter of "nvasr". */
enum { BIT_N = 1, BIT_V = 2, BIT_A = 4, BIT_S = 8, BIT_R = 16 };

/* key: offset of a NUL-terminated key in the arena; 0 marks an empty slot,
 * which is safe because offset 0 holds the header, never a key.
 * value: the part-of-speech bits (lemmas), or the offset of the bases
 * (exceptions). */
typedef struct slot {
    uint32_t key, value;
} slot;

typedef struct table {
    slot  *slots;
    size_t mask;
} table;

struct ms_lemmatizer {
    char  *arena;
    slot  *slots;                      /* every table's, in one block */
    table  lemmas;
    table  exc[MS_POS_COUNT];
};

/* One ms_lemmatizer_open() call. */
typedef struct loader {
    ms_lemmatizer *lem;
    const char    *path;
    size_t         lineno;
} loader;

static const unsigned pos_bits[MS_POS_COUNT] = {
    BIT_N, BIT_V, BIT_A | BIT_S, BIT_R
};

/* ---- tables -------------------------------------------------------------- */

/* 32-bit FNV-1a (Fowler, Noll, Vo): short keys, few collisions. */
static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;                 /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The slot holding key[0..n), or the empty slot where it would go. */
static slot *table_slot(const table *t, const char *arena, const char *key,
                        size_t n)
{
    for (size_t i = hash(key, n) & t->mask;; i = (i + 1) & t->mask) {
        slot *s = &t->slots[i];
        if (!s->key || (arena[s->key] == key[0]       /* cheap reject */
                        && strncmp(arena + s->key, key, n) == 0
                        && arena[s->key + n] == '\0'))
            return s;
    }
}

/* 1 and *value if key[0..n) is in t, else 0. */
static int table_get(const table *t, const char *arena, const char *key,
                     size_t n, uint32_t *value)
{
    const slot *s = table_slot(t, arena, key, n);
    if (!s->key)
        return 0;
    *value = s->value;
    return 1;
}

/* Room for `count` keys at most three quarters full: linear probing
 * still finds a key in about two probes, and the lemma table stays at
 * 1 MB, which matters because first touching its pages is a good part of
 * the loading time. */
static size_t table_size(size_t count)
{
    size_t cap = 16;
    while (cap - cap / 4 < count)
        cap *= 2;
    return cap;
}

/* ---- loading ------------------------------------------------------------- */

/* Reads the file whole into a new NUL-terminated buffer (*text). */
static ms_status read_all(const char *path, char **text, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open (train the lexicon first)",
                       path);
    long n = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    ms_status st = MS_OK;
    if (n < 0 || (unsigned long)n > FILE_MAX || fseek(fp, 0, SEEK_SET))
        st = ms_fail(MS_ERR_FORMAT, "%s: not a morphology file (size)", path);
    else if (!(*text = malloc((size_t)n + 1)))
        st = ms_fail(MS_ERR_NOMEM, "%s: out of memory", path);
    else if (fread(*text, 1, (size_t)n, fp) != (size_t)n)
        st = ms_fail(MS_ERR_IO, "%s: read failed", path);
    if (st == MS_OK) {
        (*text)[n] = '\0';
        *size = (size_t)n;
    }
    fclose(fp);
    return st;
}

/* The part of speech of an X record's letter (n v a r). */
static int exc_pos(char letter, ms_pos *pos)
{
    const char *at = strchr("nvar", letter);
    if (!letter || !at)
        return 0;
    *pos = (ms_pos)(at - "nvar");
    return 1;
}

/* Counts the records each table will hold, to size it before filling.
 * Lines are cut exactly as load_records() cuts them, so no table can be
 * filled past what table_size() allows. */
static void count_records(const char *text, size_t size, size_t *lemmas,
                          size_t exc[MS_POS_COUNT])
{
    const char *end = text + size;
    ms_pos pos;
    for (const char *l = text; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        if (l[0] == 'L')
            (*lemmas)++;
        else if (l[0] == 'X' && l[1] == '\t' && exc_pos(l[2], &pos))
            exc[pos]++;
        l = nl ? nl + 1 : end;
    }
}

/* Sizes every table from a first pass over the file, in one block. */
static ms_status make_tables(ms_lemmatizer *lem, size_t size)
{
    size_t lemmas = 0, exc[MS_POS_COUNT] = {0};
    count_records(lem->arena, size, &lemmas, exc);
    size_t total = table_size(lemmas);
    for (int p = 0; p < MS_POS_COUNT; p++)
        total += table_size(exc[p]);
    if (!(lem->slots = calloc(total, sizeof *lem->slots)))
        return ms_fail(MS_ERR_NOMEM, "lemmatizer: out of memory");
    slot *next = lem->slots;
    lem->lemmas = (table){next, table_size(lemmas) - 1};
    next += table_size(lemmas);
    for (int p = 0; p < MS_POS_COUNT; p++) {
        lem->exc[p] = (table){next, table_size(exc[p]) - 1};
        next += table_size(exc[p]);
    }
    return MS_OK;
}

/* Cuts a NUL-terminated line at its TABs; returns the number of fields,
 * or max + 1 if there are more. (A plain loop: strcspn's setup costs more
 * than these short fields.) */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    for (char *p = line;; p++) {
        if (n == max)
            return max + 1;
        f[n++] = p;
        while (*p && *p != '\t')
            p++;
        if (!*p)
            return n;
        *p = '\0';
    }
}

/* Fails with the file name and line number in front of `why`. */
static ms_status bad_line(const loader *ld, const char *why)
{
    return ms_fail(MS_ERR_FORMAT, "%s:%zu: %s", ld->path, ld->lineno, why);
}

/* Where s lies in the arena (files are capped well below 4 GB). */
static uint32_t offset_of(const loader *ld, const char *s)
{
    return (uint32_t)(s - ld->lem->arena);
}

/* L <TAB> lemma <TAB> letters */
static ms_status add_lemma(loader *ld, char **f, size_t nf)
{
    unsigned bits = 0;
    if (nf != 3 || !*f[1] || !*f[2])
        return bad_line(ld, "expected L, lemma, parts of speech");
    for (const char *c = f[2]; *c; c++) {
        const char *at = strchr("nvasr", *c);
        if (!at)
            return bad_line(ld, "parts of speech are letters of \"nvasr\"");
        bits |= 1u << (at - "nvasr");
    }
    slot *s = table_slot(&ld->lem->lemmas, ld->lem->arena, f[1], strlen(f[1]));
    if (!s->key)
        s->key = offset_of(ld, f[1]);
    s->value |= bits;
    return MS_OK;
}

/* X <TAB> part <TAB> inflected <TAB> bases */
static ms_status add_exception(loader *ld, char **f, size_t nf)
{
    ms_pos pos;
    if (nf != 4 || strlen(f[1]) != 1 || !exc_pos(f[1][0], &pos) || !*f[2]
        || !*f[3])
        return bad_line(ld, "expected X, one of n v a r, form, bases");
    slot *s = table_slot(&ld->lem->exc[pos], ld->lem->arena, f[2],
                         strlen(f[2]));
    if (!s->key) {                    /* a repeated form: the first wins */
        s->key = offset_of(ld, f[2]);
        s->value = offset_of(ld, f[3]);
    }
    return MS_OK;
}

/* Files one L or X record. */
static ms_status add_record(loader *ld, char *line)
{
    char *f[5];
    size_t nf = split(line, f, 4);
    if (strcmp(f[0], "L") == 0)
        return add_lemma(ld, f, nf);
    if (strcmp(f[0], "X") == 0)
        return add_exception(ld, f, nf);
    return bad_line(ld, "records start with L or X");
}

/* Turns the arena's lines into NUL-terminated fields, filling the tables. */
static ms_status load_records(loader *ld, size_t size)
{
    char *line = ld->lem->arena, *end = line + size;
    ms_status st = MS_OK;
    for (ld->lineno = 1; st == MS_OK && line < end; ld->lineno++) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            nl = end;                 /* the last line may lack its '\n' */
        *nl = '\0';
        if (ld->lineno == 1)
            st = strcmp(line, HEADER) == 0 ? MS_OK
               : bad_line(ld, "not a moodscape morphology file");
        else if (*line)
            st = add_record(ld, line);
        line = nl + 1;
    }
    if (st == MS_OK && ld->lineno == 1)
        st = bad_line(ld, "empty file");
    return st;
}

/* ---- lookups ------------------------------------------------------------- */

/* The part-of-speech bits of lemma w[0..n); 0 if it is none. */
static unsigned parts_of(const ms_lemmatizer *lem, const char *w, size_t n)
{
    uint32_t bits;
    return table_get(&lem->lemmas, lem->arena, w, n, &bits) ? bits : 0;
}

/* 1 if w[0..n) is a lemma of pos (either kind of adjective). */
static int is_lemma_of(const ms_lemmatizer *lem, const char *w, size_t n,
                       ms_pos pos)
{
    return (parts_of(lem, w, n) & pos_bits[pos]) != 0;
}

/* Step 1: the first base the exception list of pos gives for w that is a
 * lemma of pos. */
static int exception_base(const ms_lemmatizer *lem, ms_pos pos, const char *w,
                          size_t n, char base[WORD_MAX])
{
    uint32_t at;
    if (!table_get(&lem->exc[pos], lem->arena, w, n, &at))
        return 0;
    for (const char *b = lem->arena + at; *b;) {
        size_t k = strcspn(b, " ");
        if (k < WORD_MAX && is_lemma_of(lem, b, k, pos)) {
            memcpy(base, b, k);
            base[k] = '\0';
            return 1;
        }
        b += k + (b[k] == ' ');
    }
    return 0;
}

/* The first candidate of morphy's rules for pos that is a lemma of pos and
 * has at least MIN_BASE bytes. */
static int rule_base(const ms_lemmatizer *lem, ms_pos pos, const char *w,
                     size_t n, char base[WORD_MAX])
{
    size_t nrules;
    const ms_morph_rule *rules = ms_morph_rules(pos, &nrules);
    for (size_t i = 0; i < nrules; i++) {
        if (!ms_morph_detach(w, n, pos, &rules[i], base, WORD_MAX))
            continue;
        size_t k = strlen(base);
        if (k >= MIN_BASE && is_lemma_of(lem, base, k, pos))
            return 1;
    }
    return 0;
}

/* 1 if w[0..n) ends with `suffix`. */
static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Step 2: "yelled" is listed as an adjective (a satellite meaning "spoken
 * loudly"), yet in running text it is nearly always the verb. */
static int disguised_verb(const ms_lemmatizer *lem, const char *w, size_t n,
                          unsigned bits, char base[WORD_MAX])
{
    return (ends_with(w, n, "ed") || ends_with(w, n, "ing"))
        && bits == (bits & (BIT_S | BIT_R)) && (bits & BIT_S)
        && rule_base(lem, MS_POS_VERB, w, n, base);
}

/* Step 3: WordNet lists some plurals as nouns of their own ("feelings",
 * "tears"); for the lexicon they mean what the singular means. "-ss",
 * "-us" and "-is" words are not plurals. */
static int disguised_plural(const ms_lemmatizer *lem, const char *w, size_t n,
                            unsigned bits, char base[WORD_MAX])
{
    return (bits & BIT_N) && ends_with(w, n, "s") && !ends_with(w, n, "ss")
        && !ends_with(w, n, "us") && !ends_with(w, n, "is")
        && rule_base(lem, MS_POS_NOUN, w, n, base);
}

/* Copies src into out, cutting it at a UTF-8 character boundary if it
 * does not fit. */
static void copy_out(const char *src, char *out, size_t outsz)
{
    size_t n = strlen(src);
    if (n >= outsz) {
        n = outsz - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(out, src, n);
    out[n] = '\0';
}

/* The arguments every ms_lemmatize*() call needs. */
static ms_status check_args(const ms_lemmatizer *lem, const char *word,
                            const char *out, size_t outsz)
{
    if (!lem || !word || !out || outsz == 0)
        return ms_fail(MS_ERR_ARG, "lemmatize: bad argument");
    return MS_OK;
}

/* Steps 1 to 5 of ms_lemmatize(); 0 when the word stays as it is. */
static int find_base(const ms_lemmatizer *lem, const char *w, size_t n,
                     char base[WORD_MAX])
{
    static const ms_pos order[] = {
        MS_POS_VERB, MS_POS_NOUN, MS_POS_ADJ, MS_POS_ADV
    };
    for (size_t i = 0; i < MS_POS_COUNT; i++)
        if (exception_base(lem, order[i], w, n, base))
            return 1;
    unsigned bits = parts_of(lem, w, n);
    if (disguised_verb(lem, w, n, bits, base)
        || disguised_plural(lem, w, n, bits, base))
        return 1;
    if (bits)
        return 0;
    for (size_t i = 0; i < MS_POS_COUNT; i++)
        if (rule_base(lem, order[i], w, n, base))
            return 1;
    return 0;
}

/* ms_lemmatize_pos(): 0 when the word stays as it is. */
static int pos_base(const ms_lemmatizer *lem, ms_pos pos, const char *w,
                    size_t n, char base[WORD_MAX])
{
    if (exception_base(lem, pos, w, n, base))
        return 1;
    return !is_lemma_of(lem, w, n, pos) && rule_base(lem, pos, w, n, base);
}

/* ---- public -------------------------------------------------------------- */

ms_status ms_lemmatizer_open(const char *path, ms_lemmatizer **out)
{
    if (!out)
        return ms_fail(MS_ERR_ARG, "lemmatizer: no handle to fill");
    *out = NULL;
    if (!path)
        return ms_fail(MS_ERR_ARG, "lemmatizer: no path given");
    ms_lemmatizer *lem = calloc(1, sizeof *lem);
    if (!lem)
        return ms_fail(MS_ERR_NOMEM, "lemmatizer: out of memory");
    size_t size = 0;
    loader ld = {lem, path, 0};
    ms_status st = read_all(path, &lem->arena, &size);
    if (st == MS_OK) st = make_tables(lem, size);
    if (st == MS_OK) st = load_records(&ld, size);
    if (st != MS_OK) {
        ms_lemmatizer_close(lem);
        return st;
    }
    *out = lem;
    return MS_OK;
}

void ms_lemmatizer_close(ms_lemmatizer *lem)
{
    if (!lem)
        return;
    free(lem->slots);
    free(lem->arena);
    free(lem);
}

ms_status ms_lemmatize(const ms_lemmatizer *lem, const char *word, char *out,
                       size_t outsz)
{
    ms_status st = check_args(lem, word, out, outsz);
    if (st != MS_OK)
        return st;
    char base[WORD_MAX];
    size_t n = strlen(word);
    int found = n > 0 && n < WORD_MAX && find_base(lem, word, n, base);
    copy_out(found ? base : word, out, outsz);
    return MS_OK;
}

ms_status ms_lemmatize_pos(const ms_lemmatizer *lem, const char *word,
                           ms_pos pos, char *out, size_t outsz)
{
    ms_status st = check_args(lem, word, out, outsz);
    if (st != MS_OK)
        return st;
    if ((unsigned)pos >= MS_POS_COUNT)
        return ms_fail(MS_ERR_ARG, "lemmatize: bad part of speech");
    char base[WORD_MAX];
    size_t n = strlen(word);
    int found = n > 0 && n < WORD_MAX && pos_base(lem, pos, word, n, base);
    copy_out(found ? base : word, out, outsz);
    return MS_OK;
}

int ms_lemmatizer_knows(const ms_lemmatizer *lem, const char *lemma)
{
    return lem && lemma && *lemma && parts_of(lem, lemma, strlen(lemma)) != 0;
}
