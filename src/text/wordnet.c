/* wordnet.c — reads WordNet 3.0's index, data and exception files into
 * memory and answers the few questions the lexicon builder asks.
 *
 * Each file is kept whole, NUL-terminated, and every question is answered
 * from it in place: an index or exception line is found through a hash
 * table from its first field to its offset, and a synset is found at its
 * own byte offset in the data file, which is how wndb(5WN) addresses them.
 * Every parse stops at the end of its line, so a damaged file yields
 * MS_ERR_FORMAT, never a read out of bounds. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "wordnet.h"

#define KEY_MAX   256   /* longest lemma handled; WordNet's longest is 71 */
#define WORDS_MAX 256   /* a synset's w_cnt is two hex digits */
#define PATH_BYTES 4096

static const char *const pos_names[MS_POS_COUNT] = {
    "noun", "verb", "adj", "adv"
};

/* One database file, NUL-terminated so that a parse can never run off its
 * end. Files over 4 GB are refused, so offsets fit in 32 bits. */
typedef struct wn_file {
    char  *text;
    size_t size;
    char   name[16];          /* "data.noun", for messages */
} wn_file;

/* Open addressing with linear probing from a line's first field to the
 * line; a slot holds the line's offset plus one, so 0 means empty. */
typedef struct wn_lines {
    uint32_t *slots;
    size_t    mask;
} wn_lines;

typedef struct wn_part {
    wn_file  index, data, exc;
    wn_lines lemmas, forms;   /* index lines by lemma, exc lines by form */
} wn_part;

struct ms_wordnet {
    wn_part part[MS_POS_COUNT];
};

/* A piece of a line, not NUL-terminated. */
typedef struct span {
    const char *s;
    size_t      n;
} span;

/* Reads fields from one line; `end` is its '\n' or terminating NUL. */
typedef struct cursor {
    const char *p, *end;
} cursor;

typedef struct synset {
    char   type;                  /* n v a s r */
    span   words[WORDS_MAX];
    size_t nwords;
    cursor ptrs;                  /* at the first pointer */
    unsigned long nptrs;
} synset;

typedef struct pointer {
    span          symbol;
    unsigned long offset;
    ms_pos        pos;
    unsigned      source, target; /* word numbers; 0 = the whole synset */
} pointer;

/* ---- small text helpers -------------------------------------------------- */

/* ASCII only, so the result never depends on the caller's locale. */
static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* 32-bit FNV-1a (Fowler, Noll, Vo): short keys, few collisions. */
static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;                 /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* 1 if s[0..n) ends with `suffix`. */
static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* A cursor over the line that starts at `line`. */
static cursor cursor_at(const char *line)
{
    cursor c = {line, line + strcspn(line, "\n")};
    return c;
}

/* The next space-separated field, or 0 at the end of the line. */
static int next_field(cursor *c, span *f)
{
    while (c->p < c->end && *c->p == ' ')
        c->p++;
    if (c->p == c->end)
        return 0;
    f->s = c->p;
    while (c->p < c->end && *c->p != ' ')
        c->p++;
    f->n = (size_t)(c->p - f->s);
    return 1;
}

/* Skips k fields; 0 if the line ends first. */
static int skip_fields(cursor *c, unsigned long k)
{
    span f;
    for (unsigned long i = 0; i < k; i++)
        if (!next_field(c, &f))
            return 0;
    return 1;
}

/* The value of one digit in `base` (10 or 16), or -1. */
static int digit_value(char ch, int base)
{
    int d = ch >= '0' && ch <= '9' ? ch - '0'
          : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
          : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 99;
    return d < base ? d : -1;
}

/* The next field as a number in `base`; 0 if it is missing or not one. */
static int next_number(cursor *c, int base, unsigned long *v)
{
    span f;
    if (!next_field(c, &f) || f.n > 9)    /* 9 digits: no overflow */
        return 0;
    *v = 0;
    for (size_t i = 0; i < f.n; i++) {
        int d = digit_value(f.s[i], base);
        if (d < 0)
            return 0;
        *v = *v * (unsigned long)base + (unsigned long)d;
    }
    return 1;
}

/* A lemma as the index spells it: lowercase, words joined by '_'. Returns
 * its length, or 0 when it is empty or too long to be in WordNet. */
static size_t to_key(const char *lemma, char key[KEY_MAX])
{
    size_t n = strlen(lemma);
    if (n == 0 || n >= KEY_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        key[i] = lemma[i] == ' ' ? '_' : lower(lemma[i]);
    key[n] = '\0';
    return n;
}

/* A data-file word without its adjective marker (wninput(5WN)). */
static span strip_marker(span w)
{
    if (w.n > 3 && (ends_with(w.s, w.n, "(a)") || ends_with(w.s, w.n, "(p)")))
        w.n -= 3;
    else if (w.n > 4 && ends_with(w.s, w.n, "(ip)"))
        w.n -= 4;
    return w;
}

/* Spells word w into out, lowercased and with '_' turned into `join`.
 * Returns 0 if it does not fit. */
static int spell(span w, char join, char out[KEY_MAX])
{
    if (w.n >= KEY_MAX)
        return 0;
    for (size_t i = 0; i < w.n; i++)
        out[i] = w.s[i] == '_' ? join : lower(w.s[i]);
    out[w.n] = '\0';
    return 1;
}

/* The part of speech of a pointer's pos letter; satellites are adjectives. */
static int pos_of_letter(char ch, ms_pos *pos)
{
    switch (ch) {
    case 'n': *pos = MS_POS_NOUN; return 1;
    case 'v': *pos = MS_POS_VERB; return 1;
    case 'a': case 's': *pos = MS_POS_ADJ; return 1;
    case 'r': *pos = MS_POS_ADV; return 1;
    }
    return 0;
}

/* ---- files and line tables ----------------------------------------------- */

/* Reads dir/name whole into f, naming the file in any error. */
static ms_status read_file(const char *dir, const char *name, wn_file *f)
{
    char path[PATH_BYTES];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return ms_fail(MS_ERR_ARG, "wordnet: directory name too long");
    snprintf(f->name, sizeof f->name, "%s", name);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ms_fail(errno == ENOENT ? MS_ERR_NOTFOUND : MS_ERR_IO,
                       "%s: cannot open: %s (WordNet 3.0 needs index.*, "
                       "data.* and *.exc here)", path, strerror(errno));
    long size = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    ms_status st = MS_OK;
    if (size < 0 || (unsigned long)size >= UINT32_MAX || fseek(fp, 0, SEEK_SET))
        st = ms_fail(MS_ERR_IO, "%s: cannot read its size", path);
    else if (!(f->text = malloc((size_t)size + 1)))
        st = ms_fail(MS_ERR_NOMEM, "%s: out of memory", path);
    else if (fread(f->text, 1, (size_t)size, fp) != (size_t)size)
        st = ms_fail(MS_ERR_IO, "%s: read failed", path);
    if (st == MS_OK) {
        f->size = (size_t)size;
        f->text[size] = '\0';
    }
    fclose(fp);
    return st;
}

/* Licence lines open with two spaces (wndb(5WN)) and blank lines carry
 * nothing; neither is an entry. */
static int is_entry(const char *line)
{
    return *line != ' ' && *line != '\n' && *line != '\0';
}

/* A line's key: everything up to its first space. */
static span first_field(const char *line)
{
    span f = {line, strcspn(line, " \n")};
    return f;
}

/* The line after `line`, or NULL after the last one. */
static const char *next_line(const char *line)
{
    const char *nl = strchr(line, '\n');
    return nl ? nl + 1 : NULL;
}

/* The line of f whose key is key[0..n), or NULL. */
static const char *lines_find(const wn_lines *t, const wn_file *f,
                              const char *key, size_t n)
{
    for (size_t i = hash(key, n) & t->mask;; i = (i + 1) & t->mask) {
        if (!t->slots[i])
            return NULL;
        const char *line = f->text + t->slots[i] - 1;
        span k = first_field(line);
        if (k.n == n && memcmp(k.s, key, n) == 0)
            return line;
    }
}

/* Files `line` under its key; the table has room by construction. */
static void lines_add(wn_lines *t, const wn_file *f, const char *line)
{
    span k = first_field(line);
    size_t i = hash(k.s, k.n) & t->mask;
    for (; t->slots[i]; i = (i + 1) & t->mask) {
        span o = first_field(f->text + t->slots[i] - 1);
        if (o.n == k.n && memcmp(o.s, k.s, k.n) == 0)
            return;                   /* a repeated key: the first wins */
    }
    t->slots[i] = (uint32_t)(line - f->text) + 1;
}

/* Indexes every entry line of f by its first field, at most half full. */
static ms_status lines_build(wn_lines *t, const wn_file *f)
{
    size_t count = 0, cap = 16;
    for (const char *l = f->text; l && *l; l = next_line(l))
        count++;
    while (cap < 2 * count)
        cap *= 2;
    if (!(t->slots = calloc(cap, sizeof *t->slots)))
        return ms_fail(MS_ERR_NOMEM, "%s: out of memory", f->name);
    t->mask = cap - 1;
    for (const char *l = f->text; l && *l; l = next_line(l))
        if (is_entry(l))
            lines_add(t, f, l);
    return MS_OK;
}

/* Reads one part of speech's three files and indexes them. */
static ms_status part_open(const char *dir, ms_pos pos, wn_part *p)
{
    char name[16];
    snprintf(name, sizeof name, "index.%s", pos_names[pos]);
    ms_status st = read_file(dir, name, &p->index);
    snprintf(name, sizeof name, "data.%s", pos_names[pos]);
    if (st == MS_OK) st = read_file(dir, name, &p->data);
    snprintf(name, sizeof name, "%s.exc", pos_names[pos]);
    if (st == MS_OK) st = read_file(dir, name, &p->exc);
    if (st == MS_OK) st = lines_build(&p->lemmas, &p->index);
    if (st == MS_OK) st = lines_build(&p->forms, &p->exc);
    return st;
}

/* Frees what part_open() made, even half made (fields start NULL). */
static void part_close(wn_part *p)
{
    free(p->index.text);
    free(p->data.text);
    free(p->exc.text);
    free(p->lemmas.slots);
    free(p->forms.slots);
}

/* ---- index entries and synsets ------------------------------------------- */

/* The index line of lemma key[0..n) (index spelling) as pos, or NULL. */
static const char *index_line(const ms_wordnet *wn, ms_pos pos,
                              const char *key, size_t n)
{
    const wn_part *p = &wn->part[pos];
    return lines_find(&p->lemmas, &p->index, key, n);
}

/* Leaves c at the first synset offset of an index line and sets *senses:
 * lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt ... */
static ms_status index_senses(const ms_wordnet *wn, ms_pos pos,
                              const char *line, cursor *c,
                              unsigned long *senses)
{
    unsigned long ptrs;
    *c = cursor_at(line);
    if (skip_fields(c, 2) && next_number(c, 10, senses)
        && next_number(c, 10, &ptrs) && skip_fields(c, ptrs + 2))
        return MS_OK;
    return ms_fail(MS_ERR_FORMAT, "%s: malformed entry \"%.*s\"",
                   wn->part[pos].index.name, (int)first_field(line).n, line);
}

/* The next synset offset of an index line (see index_senses()). */
static ms_status next_offset(const ms_wordnet *wn, ms_pos pos, cursor *c,
                             unsigned long *offset)
{
    if (next_number(c, 10, offset))
        return MS_OK;
    return ms_fail(MS_ERR_FORMAT, "%s: an entry lacks a synset offset",
                   wn->part[pos].index.name);
}

/* The data line at `offset`, which must start a line and begin with that
 * very offset; NULL otherwise. */
static const char *data_line(const ms_wordnet *wn, ms_pos pos,
                             unsigned long offset)
{
    const wn_file *f = &wn->part[pos].data;
    unsigned long own;
    if (offset >= f->size || (offset > 0 && f->text[offset - 1] != '\n'))
        return NULL;
    cursor c = cursor_at(f->text + offset);
    return next_number(&c, 10, &own) && own == offset ? f->text + offset : NULL;
}

/* synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...]
 * p_cnt [ptr...] ... */
static int parse_synset(const char *line, synset *ss)
{
    cursor c = cursor_at(line);
    span type;
    unsigned long nwords;
    if (!skip_fields(&c, 2) || !next_field(&c, &type) || type.n != 1
        || !next_number(&c, 16, &nwords) || nwords > WORDS_MAX)
        return 0;
    ss->type = type.s[0];
    ss->nwords = nwords;
    for (size_t i = 0; i < nwords; i++)
        if (!next_field(&c, &ss->words[i]) || !skip_fields(&c, 1))
            return 0;
    if (!next_number(&c, 10, &ss->nptrs))
        return 0;
    ss->ptrs = c;
    return 1;
}

/* Parses the synset at `offset` of data.<pos>; MS_ERR_FORMAT if none. */
static ms_status read_synset(const ms_wordnet *wn, ms_pos pos,
                             unsigned long offset, synset *ss)
{
    const char *line = data_line(wn, pos, offset);
    if (line && parse_synset(line, ss))
        return MS_OK;
    return ms_fail(MS_ERR_FORMAT, "%s: no well-formed synset at offset %lu",
                   wn->part[pos].data.name, offset);
}

/* pointer_symbol synset_offset pos source/target */
static int next_pointer(cursor *c, pointer *ptr)
{
    span pos, st;
    unsigned long offset;
    if (!next_field(c, &ptr->symbol) || !next_number(c, 10, &offset)
        || !next_field(c, &pos) || pos.n != 1
        || !pos_of_letter(pos.s[0], &ptr->pos)
        || !next_field(c, &st) || st.n != 4)
        return 0;
    int d[4];
    for (int i = 0; i < 4; i++)
        if ((d[i] = digit_value(st.s[i], 16)) < 0)
            return 0;
    ptr->offset = offset;
    ptr->source = (unsigned)(d[0] * 16 + d[1]);
    ptr->target = (unsigned)(d[2] * 16 + d[3]);
    return 1;
}

/* ---- links --------------------------------------------------------------- */

/* One call of ms_wordnet_links(). */
typedef struct walk {
    const ms_wordnet *wn;
    char        key[KEY_MAX];     /* the lemma as the index spells it */
    char        self[KEY_MAX];    /* ... and as links spell it */
    unsigned    sense;
    ms_wn_visit visit;
    void       *ctx;
} walk;

/* The relation a pointer symbol stands for; 0 for those we do not follow
 * (hypernyms, domains, ...). */
static int relation_of(span symbol, ms_wn_rel *rel)
{
    if (symbol.n != 1)
        return 0;
    switch (symbol.s[0]) {
    case '&':  *rel = MS_WN_SIMILAR;   return 1;
    case '^':  *rel = MS_WN_ALSO_SEE;  return 1;
    case '+':  *rel = MS_WN_DERIVED;   return 1;
    case '!':  *rel = MS_WN_ANTONYM;   return 1;
    case '\\': *rel = MS_WN_PERTAINYM; return 1;
    }
    return 0;
}

/* 1 if a data-file word is the walked lemma itself. */
static int is_self(const walk *w, span word)
{
    char form[KEY_MAX];
    return spell(strip_marker(word), '_', form) && strcmp(form, w->key) == 0;
}

/* Visits one link to `word`, unless it leads back to the lemma. */
static void report(const walk *w, span word, ms_pos pos, ms_wn_rel rel)
{
    char form[KEY_MAX];
    if (!spell(strip_marker(word), ' ', form) || strcmp(form, w->self) == 0)
        return;
    ms_wn_link link = {form, pos, rel, w->sense};
    w->visit(w->ctx, &link);
}

/* Reports the words a pointer leads to: its target word for a lexical
 * pointer, the whole target synset for a semantic one. */
static ms_status follow(const walk *w, const pointer *ptr, ms_wn_rel rel)
{
    synset target;
    ms_status st = read_synset(w->wn, ptr->pos, ptr->offset, &target);
    if (st != MS_OK)
        return st;
    if (ptr->target > target.nwords)
        return ms_fail(MS_ERR_FORMAT, "%s: offset %lu has no word %u",
                       w->wn->part[ptr->pos].data.name, ptr->offset,
                       ptr->target);
    for (size_t i = 0; i < target.nwords; i++)
        if (ptr->target == 0 || ptr->target == i + 1)
            report(w, target.words[i], ptr->pos, rel);
    return MS_OK;
}

/* Synonyms of one sense, then the pointers that leave from it or from the
 * lemma's own word in it. */
static ms_status walk_synset(const walk *w, ms_pos pos, unsigned long offset)
{
    synset ss;
    /* by 1-based word number; pointers name words with two hex digits */
    unsigned char mine[WORDS_MAX + 1] = {0};
    ms_status st = read_synset(w->wn, pos, offset, &ss);
    if (st != MS_OK)
        return st;
    for (size_t i = 0; i < ss.nwords; i++) {
        if (is_self(w, ss.words[i]))
            mine[i + 1] = 1;
        else
            report(w, ss.words[i], pos, MS_WN_SYNONYM);
    }
    cursor c = ss.ptrs;
    for (unsigned long i = 0; st == MS_OK && i < ss.nptrs; i++) {
        pointer ptr;
        ms_wn_rel rel;
        if (!next_pointer(&c, &ptr))
            st = ms_fail(MS_ERR_FORMAT, "%s: bad pointer in synset %lu",
                         w->wn->part[pos].data.name, offset);
        else if (relation_of(ptr.symbol, &rel)
                 && (ptr.source == 0 || mine[ptr.source]))
            st = follow(w, &ptr, rel);
    }
    return st;
}

/* ---- morphy -------------------------------------------------------------- */

static const ms_morph_rule noun_rules[] = {
    {"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
};
static const ms_morph_rule verb_rules[] = {
    {"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""},
    {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
};
static const ms_morph_rule adj_rules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
};

/* One ms_wordnet_morph() call's growing answer. */
typedef struct morph_out {
    char (*forms)[MS_WN_MORPH_MAX];
    size_t max, *count;
} morph_out;

/* Appends key (index spelling) if it is a lemma of pos and new. */
static void add_form(const ms_wordnet *wn, ms_pos pos, span key, morph_out *m)
{
    char form[KEY_MAX];
    if (*m->count == m->max || key.n >= MS_WN_MORPH_MAX
        || !index_line(wn, pos, key.s, key.n) || !spell(key, ' ', form))
        return;
    for (size_t i = 0; i < *m->count; i++)
        if (strcmp(m->forms[i], form) == 0)
            return;
    memcpy(m->forms[(*m->count)++], form, key.n + 1);
}

/* Appends the bases that pos's exception list gives for key. */
static void add_exceptions(const ms_wordnet *wn, ms_pos pos, span key,
                           morph_out *m)
{
    const wn_part *p = &wn->part[pos];
    const char *line = lines_find(&p->forms, &p->exc, key.s, key.n);
    if (!line)
        return;
    cursor c = cursor_at(line);
    span base;
    skip_fields(&c, 1);
    while (next_field(&c, &base))
        add_form(wn, pos, base, m);
}

/* Appends what morphy's detachment rules make of key. */
static void add_detached(const ms_wordnet *wn, ms_pos pos, span key,
                         morph_out *m)
{
    size_t nrules;
    const ms_morph_rule *rules = ms_morph_rules(pos, &nrules);
    char cand[KEY_MAX];
    for (size_t i = 0; i < nrules; i++)
        if (ms_morph_detach(key.s, key.n, pos, &rules[i], cand, sizeof cand)) {
            span c = {cand, strlen(cand)};
            add_form(wn, pos, c, m);
        }
}

/* ---- the morphology file ------------------------------------------------- */

/* One (lemma, part of speech) pair of the L records. */
typedef struct lemma_pos {
    const char *s;
    uint32_t    n;
    char        letter;           /* n v a s r */
} lemma_pos;

/* Orders the letters of one L record as n v a s r. */
static int letter_rank(char letter)
{
    return (int)(strchr("nvasr", letter) - "nvasr");
}

/* qsort order: by lemma bytes, then by part of speech. */
static int compare_lemma_pos(const void *x, const void *y)
{
    const lemma_pos *a = x, *b = y;
    int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
    if (c == 0)
        c = (a->n > b->n) - (a->n < b->n);
    return c ? c : letter_rank(a->letter) - letter_rank(b->letter);
}

/* 'a' if the adjective heads a cluster in any of its senses, else 's'. */
static ms_status adjective_letter(const ms_wordnet *wn, const char *line,
                                  char *letter)
{
    cursor c;
    unsigned long senses, offset;
    synset ss;
    ms_status st = index_senses(wn, MS_POS_ADJ, line, &c, &senses);
    *letter = 's';
    for (unsigned long i = 0; st == MS_OK && i < senses; i++) {
        st = next_offset(wn, MS_POS_ADJ, &c, &offset);
        if (st == MS_OK)
            st = read_synset(wn, MS_POS_ADJ, offset, &ss);
        if (st == MS_OK && ss.type == 'a')
            *letter = 'a';
    }
    return st;
}

/* Appends every single-word lemma of pos to list (room was made). */
static ms_status collect_lemmas(const ms_wordnet *wn, ms_pos pos,
                                lemma_pos *list, size_t *count)
{
    ms_status st = MS_OK;
    for (const char *l = wn->part[pos].index.text; st == MS_OK && l && *l;
         l = next_line(l)) {
        span k = first_field(l);
        if (!is_entry(l) || memchr(k.s, '_', k.n) || k.n >= KEY_MAX)
            continue;
        lemma_pos *e = &list[(*count)++];
        e->s = k.s;
        e->n = (uint32_t)k.n;
        e->letter = ms_pos_letter(pos);
        if (pos == MS_POS_ADJ)
            st = adjective_letter(wn, l, &e->letter);
    }
    return st;
}

/* Writes sorted pairs as L records, one per lemma. */
static void write_lemmas(const lemma_pos *list, size_t count, FILE *out)
{
    for (size_t i = 0; i < count; i++) {
        int same = i > 0 && list[i].n == list[i - 1].n
                && memcmp(list[i].s, list[i - 1].s, list[i].n) == 0;
        if (same)
            fputc(list[i].letter, out);
        else
            fprintf(out, "%sL\t%.*s\t%c", i ? "\n" : "", (int)list[i].n,
                    list[i].s, list[i].letter);
    }
    if (count)
        fputc('\n', out);
}

/* Every L record, sorted; see ms_wordnet_write_morph(). */
static ms_status write_lemma_records(const ms_wordnet *wn, FILE *out)
{
    size_t lines = 0, count = 0;
    for (int pos = 0; pos < MS_POS_COUNT; pos++)
        for (const char *l = wn->part[pos].index.text; l && *l;
             l = next_line(l))
            lines++;
    lemma_pos *list = malloc((lines ? lines : 1) * sizeof *list);
    if (!list)
        return ms_fail(MS_ERR_NOMEM, "wordnet: out of memory");
    ms_status st = MS_OK;
    for (int pos = 0; st == MS_OK && pos < MS_POS_COUNT; pos++)
        st = collect_lemmas(wn, (ms_pos)pos, list, &count);
    if (st == MS_OK) {
        qsort(list, count, sizeof *list, compare_lemma_pos);
        write_lemmas(list, count, out);
    }
    free(list);
    return st;
}

/* One X record, when the form is a single word with a single-word base. */
static void write_exception(const ms_wordnet *wn, ms_pos pos, const char *line,
                            FILE *out)
{
    cursor c = cursor_at(line);
    span form, base;
    int bases = 0;
    if (!next_field(&c, &form) || memchr(form.s, '_', form.n))
        return;
    while (next_field(&c, &base)) {
        if (memchr(base.s, '_', base.n) || !index_line(wn, pos, base.s, base.n))
            continue;
        if (bases++ == 0)
            fprintf(out, "X\t%c\t%.*s\t", ms_pos_letter(pos), (int)form.n,
                    form.s);
        else
            fputc(' ', out);
        fprintf(out, "%.*s", (int)base.n, base.s);
    }
    if (bases)
        fputc('\n', out);
}

/* ---- public -------------------------------------------------------------- */

ms_status ms_wordnet_open(const char *dir, ms_wordnet **out)
{
    if (!out)
        return ms_fail(MS_ERR_ARG, "wordnet: no handle to fill");
    *out = NULL;
    if (!dir)
        return ms_fail(MS_ERR_ARG, "wordnet: no directory given");
    ms_wordnet *wn = calloc(1, sizeof *wn);
    if (!wn)
        return ms_fail(MS_ERR_NOMEM, "wordnet: out of memory");
    ms_status st = MS_OK;
    for (int pos = 0; st == MS_OK && pos < MS_POS_COUNT; pos++)
        st = part_open(dir, (ms_pos)pos, &wn->part[pos]);
    if (st != MS_OK) {
        ms_wordnet_close(wn);
        return st;
    }
    *out = wn;
    return MS_OK;
}

void ms_wordnet_close(ms_wordnet *wn)
{
    if (!wn)
        return;
    for (int pos = 0; pos < MS_POS_COUNT; pos++)
        part_close(&wn->part[pos]);
    free(wn);
}

ms_status ms_wordnet_links(const ms_wordnet *wn, const char *lemma, ms_pos pos,
                           ms_wn_visit visit, void *ctx)
{
    if (!wn || !lemma || !visit || (unsigned)pos >= MS_POS_COUNT)
        return ms_fail(MS_ERR_ARG, "wordnet_links: bad argument");
    walk w = {.wn = wn, .visit = visit, .ctx = ctx};
    size_t n = to_key(lemma, w.key);
    const char *line = n ? index_line(wn, pos, w.key, n) : NULL;
    if (!line)
        return MS_OK;
    span k = {w.key, n};
    spell(k, ' ', w.self);
    cursor c;
    unsigned long senses, offset;
    ms_status st = index_senses(wn, pos, line, &c, &senses);
    for (unsigned long i = 0; st == MS_OK && i < senses; i++) {
        w.sense = (unsigned)i + 1;
        st = next_offset(wn, pos, &c, &offset);
        if (st == MS_OK)
            st = walk_synset(&w, pos, offset);
    }
    return st;
}

ms_status ms_wordnet_morph(const ms_wordnet *wn, const char *word, ms_pos pos,
                           char out[][MS_WN_MORPH_MAX], size_t max,
                           size_t *count)
{
    if (!count)
        return ms_fail(MS_ERR_ARG, "wordnet_morph: no count to fill");
    *count = 0;
    if (!wn || !word || (!out && max) || (unsigned)pos >= MS_POS_COUNT)
        return ms_fail(MS_ERR_ARG, "wordnet_morph: bad argument");
    char key[KEY_MAX];
    span k = {key, to_key(word, key)};
    if (k.n == 0)
        return MS_OK;
    morph_out m = {out, max, count};
    add_form(wn, pos, k, &m);
    add_exceptions(wn, pos, k, &m);
    add_detached(wn, pos, k, &m);
    return MS_OK;
}

ms_status ms_wordnet_write_morph(const ms_wordnet *wn, FILE *out)
{
    if (!wn || !out)
        return ms_fail(MS_ERR_ARG, "wordnet_write_morph: bad argument");
    fputs("moodscape-morph\t1\n", out);
    ms_status st = write_lemma_records(wn, out);
    for (int pos = 0; st == MS_OK && pos < MS_POS_COUNT; pos++)
        for (const char *l = wn->part[pos].exc.text; l && *l; l = next_line(l))
            if (is_entry(l))
                write_exception(wn, (ms_pos)pos, l, out);
    if (st == MS_OK && ferror(out))
        st = ms_fail(MS_ERR_IO, "morphology file: write failed");
    return st;
}

const ms_morph_rule *ms_morph_rules(ms_pos pos, size_t *count)
{
    switch (pos) {
    case MS_POS_NOUN:
        *count = sizeof noun_rules / sizeof *noun_rules;
        return noun_rules;
    case MS_POS_VERB:
        *count = sizeof verb_rules / sizeof *verb_rules;
        return verb_rules;
    case MS_POS_ADJ:
        *count = sizeof adj_rules / sizeof *adj_rules;
        return adj_rules;
    default:
        *count = 0;
        return NULL;
    }
}

int ms_morph_detach(const char *word, size_t n, ms_pos pos,
                    const ms_morph_rule *rule, char *out, size_t outsz)
{
    size_t sl = strlen(rule->suffix), el = strlen(rule->ending);
    if (pos == MS_POS_NOUN && (n <= 2 || ends_with(word, n, "ss")))
        return 0;
    if (n <= sl || !ends_with(word, n, rule->suffix) || n - sl + el >= outsz)
        return 0;
    memcpy(out, word, n - sl);
    memcpy(out + n - sl, rule->ending, el + 1);
    return 1;
}

char ms_pos_letter(ms_pos pos)
{
    return (unsigned)pos < MS_POS_COUNT ? "nvar"[pos] : '?';
}
