/* tokenize.c — a tokenizer for text as people type it in a chat box.
 *
 * Written by hand because no Debian-packaged C library tokenizes informal
 * English with emoji and emoticons; ICU's word breaker would split ":)"
 * into punctuation and knows nothing of "im" or "wanna". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize.h"
#include "base/error.h"

#define WORD_MAX 64            /* longer words are truncated */

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decodes one code point at s[0..len). Returns its byte length, or 0 when
 * the sequence is malformed, overlong, a surrogate or beyond U+10FFFF. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t min;
    if (c < 0x80) { *cp = c; return 1; }
    if ((c & 0xE0) == 0xC0) { n = 2; *cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 3; *cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 4; *cp = c & 0x07; min = 0x10000; }
    else return 0;
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
        return 0;
    return n;
}

int ms_utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(u + i, len - i, &cp);
        if (n == 0) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

/* ---- character classes ------------------------------------------------ */

static int is_emoji(uint32_t cp)
{
    return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF)
        || (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x1F1E6 && cp <= 0x1F1FF);
}

/* Skin tones, variation selectors and the zero-width joiner decorate an
 * emoji without changing what it says. */
static int is_emoji_modifier(uint32_t cp)
{
    return (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0xFE0F || cp == 0xFE0E
        || cp == 0x20E3;
}

static int is_ascii_alnum(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
        || (cp >= '0' && cp <= '9');
}

/* Letters of any script count as word characters; symbol and punctuation
 * blocks do not. */
static int is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return is_ascii_alnum(cp);
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || is_emoji(cp))
        return 0;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFF00 && cp <= 0xFF0F)
        || cp >= 0x1F000)
        return 0;
    return 1;
}

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

/* ---- output ------------------------------------------------------------ */

static ms_status push(ms_tokens *t, const char *s, size_t n, int kind,
                      int flags)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        ms_token *items = realloc(t->items, cap * sizeof *items);
        if (!items)
            return ms_fail(MS_ERR_NOMEM, "tokenizer: out of memory");
        t->items = items;
        t->cap = cap;
    }
    if (t->used + n + 1 > t->size) {
        size_t size = t->size ? t->size * 2 : 256;
        while (size < t->used + n + 1)
            size *= 2;
        char *arena = realloc(t->arena, size);
        if (!arena)
            return ms_fail(MS_ERR_NOMEM, "tokenizer: out of memory");
        t->arena = arena;
        t->size = size;
    }
    memcpy(t->arena + t->used, s, n);
    t->arena[t->used + n] = '\0';
    t->items[t->count++] = (ms_token){NULL, (unsigned char)kind,
                                      (unsigned char)flags, t->used};
    t->used += n + 1;
    return MS_OK;
}

/* Pushes each space-separated word of `words` as its own word token. */
static ms_status push_words(ms_tokens *t, const char *words, int flags)
{
    while (*words) {
        size_t n = strcspn(words, " ");
        ms_status st = push(t, words, n, MS_TOK_WORD, flags);
        if (st != MS_OK)
            return st;
        words += n;
        while (*words == ' ')
            words++;
    }
    return MS_OK;
}

/* ---- words ------------------------------------------------------------- */

/* Chat spellings and contractions typed without an apostrophe, sorted
 * by strcmp for bsearch. Expanding "dont" to "do not" lets negation scope
 * see the "not". */
static const char *const chat_forms[][2] = {
    {"aint", "is not"}, {"arent", "are not"}, {"bc", "because"},
    {"cannot", "can not"}, {"cant", "can not"}, {"cos", "because"},
    {"couldnt", "could not"}, {"coz", "because"}, {"cuz", "because"},
    {"didnt", "did not"}, {"doesnt", "does not"}, {"dont", "do not"},
    {"dunno", "do not know"}, {"gimme", "give me"}, {"gonna", "going to"},
    {"gotta", "got to"}, {"hadnt", "had not"}, {"hasnt", "has not"},
    {"havent", "have not"}, {"idk", "i do not know"}, {"im", "i am"},
    {"isnt", "is not"}, {"ive", "i have"}, {"kinda", "kind of"},
    {"lemme", "let me"}, {"ngl", "honestly"}, {"nothin", "nothing"},
    {"pls", "please"}, {"plz", "please"}, {"ppl", "people"}, {"r", "are"},
    {"rn", "right now"}, {"shouldnt", "should not"}, {"smth", "something"},
    {"somethin", "something"}, {"sorta", "sort of"}, {"sth", "something"},
    {"tbh", "honestly"}, {"tho", "though"}, {"thru", "through"},
    {"tmr", "tomorrow"}, {"tmrw", "tomorrow"}, {"tryna", "trying to"},
    {"u", "you"}, {"ur", "your"}, {"w/o", "without"}, {"wanna", "want to"},
    {"wasnt", "was not"}, {"werent", "were not"}, {"wont", "will not"},
    {"wouldnt", "would not"}, {"ya", "you"}, {"yall", "you all"},
};

static int compare_form(const void *key, const void *entry)
{
    return strcmp(key, *(const char *const *)entry);
}

static const char *chat_expansion(const char *w)
{
    const char *const *hit = bsearch(w, chat_forms, sizeof chat_forms
                                     / sizeof chat_forms[0], sizeof chat_forms[0],
                                     compare_form);
    return hit ? hit[1] : NULL;
}

/* Pushes a word without apostrophes, expanding chat forms. */
static ms_status emit_plain(ms_tokens *t, const char *w, int flags)
{
    const char *exp = chat_expansion(w);
    if (exp)
        return push_words(t, exp, flags);
    if (strcmp(w, "xd") == 0 || strcmp(w, "xdd") == 0 || strcmp(w, "xddd") == 0)
        return push(t, "xd", 2, MS_TOK_EMOTICON, flags);
    return push(t, w, strlen(w), MS_TOK_WORD, flags);
}

/* The base of "n't": "ca" (can't) -> can, "wo" (won't) -> will. */
static const char *negated_base(const char *stem)
{
    if (strcmp(stem, "ca") == 0) return "can";
    if (strcmp(stem, "wo") == 0) return "will";
    if (strcmp(stem, "ai") == 0) return "is";
    if (strcmp(stem, "sha") == 0) return "shall";
    return stem;
}

/* Clitics after the last apostrophe: "'m" -> am, "'re" -> are ... An
 * "'s" is dropped: it may be "is", "has" or a possessive, and none of them
 * carries feeling. */
static const char *clitic_word(const char *suffix)
{
    static const char *const map[][2] = {
        {"m", "am"}, {"re", "are"}, {"ve", "have"}, {"ll", "will"},
        {"d", "would"}, {"s", ""},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(suffix, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

/* Pushes a lowercased word that may hold apostrophes (as '\''). */
static ms_status emit_word(ms_tokens *t, char *w, int flags)
{
    char *apos = strrchr(w, '\'');
    if (!apos)
        return emit_plain(t, w, flags);
    *apos = '\0';
    char *stem = w, *suffix = apos + 1;
    size_t sl = strlen(stem);
    ms_status st = MS_OK;
    if (strcmp(suffix, "t") == 0 && sl > 1 && stem[sl - 1] == 'n') {
        stem[sl - 1] = '\0';
        st = push_words(t, negated_base(stem), flags);
        return st == MS_OK ? push(t, "not", 3, MS_TOK_WORD, flags) : st;
    }
    const char *clitic = clitic_word(suffix);
    if (clitic && sl > 0) {
        st = emit_word(t, stem, flags);
        return st == MS_OK && *clitic ? push_words(t, clitic, flags) : st;
    }
    if (*suffix == '\0' && sl > 2 && strcmp(stem + sl - 2, "in") == 0) {
        strcat(stem, "g");                    /* "goin'" -> "going" */
        return emit_word(t, stem, flags);
    }
    /* "y'all", "o'clock", "'cause": drop the apostrophe and rejoin. */
    memmove(apos, suffix, strlen(suffix) + 1);
    return *w ? emit_word(t, w, flags) : MS_OK;
}

typedef struct scanner {
    const unsigned char *s;
    size_t len, pos;
} scanner;

static uint32_t peek(const scanner *sc, size_t at, size_t *n)
{
    uint32_t cp = 0;
    size_t k = at < sc->len ? utf8_decode(sc->s + at, sc->len - at, &cp) : 0;
    if (n)
        *n = k;
    return k ? cp : 0;
}

/* Reads a word at sc->pos into buf (lowercased ASCII, apostrophes as '\'',
 * runs of 3+ equal letters cut to 2). Hyphens end the word. */
static int scan_word(scanner *sc, char *buf, int *flags)
{
    size_t out = 0, upper = 0, lower = 0;
    for (;;) {
        size_t n;
        uint32_t cp = peek(sc, sc->pos, &n);
        if (n == 0)
            break;
        if (is_apostrophe(cp)) {
            size_t m;
            uint32_t next = peek(sc, sc->pos + n, &m);
            int word_follows = m && is_letter(next);
            int drops_g = out >= 2 && buf[out - 1] == 'n' && buf[out - 2] == 'i';
            if (!word_follows && !drops_g)
                break;
            if (out + 1 < WORD_MAX)
                buf[out++] = '\'';
            sc->pos += n;
            continue;
        }
        if (!is_letter(cp))
            break;
        if (cp >= 'A' && cp <= 'Z') {
            upper++;
            cp += 'a' - 'A';
        } else if (cp >= 'a' && cp <= 'z') {
            lower++;
        }
        if (cp < 0x80 && out >= 2 && buf[out - 1] == (char)cp
            && buf[out - 2] == (char)cp && cp > '9') {
            *flags |= MS_TOKF_ELONGATED;
        } else if (out + n < WORD_MAX) {
            memcpy(buf + out, sc->s + sc->pos, n);
            if (cp < 0x80)
                buf[out] = (char)cp;
            out += n;
        }
        sc->pos += n;
    }
    buf[out] = '\0';
    if (upper >= 2 && lower == 0)
        *flags |= MS_TOKF_CAPS;
    return out > 0;
}

/* ---- emoticons, hashtags, links ---------------------------------------- */

/* Longest first where one is a prefix of another. */
static const char *const emoticons[] = {
    ">:-(", ">:(", ":'-(", ":'(", ":,(", ":')", ":-)", ":-(", ":-d", ":-p",
    ":-/", ":-|", ":-o", "</3", "^_^", "-_-", "t_t", "t.t", ":)", ":(",
    ":d", ":p", ":/", ":\\", ":|", ":o", ":3", ":*", ":@", ";-)", ";)",
    ";_;", "-.-", ";d", ";(", "=)", "=(", "=d", "<3", "^^", "d:", "(:",
    "):", ":]", ":[",
};

/* Matches an emoticon at sc->pos: preceded by a non-alphanumeric and not
 * followed by one, so "10:30" and "http://" never count. Copies it,
 * lowercased, into buf and advances. */
static int scan_emoticon(scanner *sc, char *buf)
{
    if (sc->pos > 0 && is_ascii_alnum(sc->s[sc->pos - 1]))
        return 0;
    for (size_t i = 0; i < sizeof emoticons / sizeof emoticons[0]; i++) {
        size_t n = strlen(emoticons[i]), k;
        if (sc->pos + n > sc->len)
            continue;
        for (k = 0; k < n; k++) {
            unsigned char c = sc->s[sc->pos + k];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 'a' - 'A');
            if (c != (unsigned char)emoticons[i][k])
                break;
        }
        size_t end = sc->pos + n;
        while (k == n && end < sc->len && sc->s[end] == sc->s[end - 1]
               && !is_ascii_alnum(sc->s[end - 1]))
            end++;                                 /* ":((((" */
        if (k == n && emoticons[i][n - 1] == '3')
            while (end < sc->len && sc->s[end] == '3')
                end++;                             /* "<333" */
        if (k == n && (end == sc->len || !is_ascii_alnum(sc->s[end]))) {
            strcpy(buf, emoticons[i]);
            sc->pos = end;
            return 1;
        }
    }
    return 0;
}

static int starts_with(const scanner *sc, const char *prefix)
{
    size_t n = strlen(prefix);
    if (sc->pos + n > sc->len)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = sc->s[sc->pos + i];
        if ((c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c) != (unsigned char)prefix[i])
            return 0;
    }
    return 1;
}

/* Links and @mentions name things, not feelings: skip them whole. */
static int skip_link(scanner *sc)
{
    int link = starts_with(sc, "http://") || starts_with(sc, "https://")
            || starts_with(sc, "www.");
    int mention = sc->s[sc->pos] == '@' && sc->pos + 1 < sc->len
               && is_ascii_alnum(sc->s[sc->pos + 1]);
    if (!link && !mention)
        return 0;
    while (sc->pos < sc->len && sc->s[sc->pos] != ' ' && sc->s[sc->pos] != '\n'
           && sc->s[sc->pos] != '\t')
        sc->pos++;
    return 1;
}

/* "#MondayBlues" -> "monday", "blues"; "#so_tired" -> "so", "tired". */
static ms_status scan_hashtag(scanner *sc, ms_tokens *t)
{
    char buf[WORD_MAX + 1];
    size_t out = 0;
    int prev_lower = 0;
    ms_status st = MS_OK;
    sc->pos++;                                     /* the '#' */
    while (sc->pos < sc->len && st == MS_OK) {
        unsigned char c = sc->s[sc->pos];
        int boundary = c == '_' || (c >= 'A' && c <= 'Z' && prev_lower);
        if (!is_ascii_alnum(c) && c != '_')
            break;
        if (boundary && out > 0) {
            buf[out] = '\0';
            st = emit_word(t, buf, MS_TOKF_HASHTAG);
            out = 0;
        }
        if (c != '_' && out < WORD_MAX)
            buf[out++] = (char)(c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
        prev_lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        sc->pos++;
    }
    buf[out] = '\0';
    return st == MS_OK && out ? emit_word(t, buf, MS_TOKF_HASHTAG) : st;
}

/* ---- punctuation and emoji --------------------------------------------- */

/* Maps clause punctuation to its token text, NULL for anything else. */
static const char *clause_punct(uint32_t cp)
{
    switch (cp) {
    case '.': case 0x2026: return ".";
    case '!': return "!";
    case '?': return "?";
    case ',': return ",";
    case ';': return ";";
    case ':': return ":";
    case '(': case ')': case '[': case ']': return "(";
    case 0x2013: case 0x2014: return "-";
    default: return NULL;
    }
}

static ms_status scan_punct(scanner *sc, ms_tokens *t, const char *p, size_t n)
{
    int flags = 0;
    sc->pos += n;
    for (;;) {
        size_t m;
        const char *q = clause_punct(peek(sc, sc->pos, &m));
        if (!m || !q || (*q != '!' && *q != '?' && *q != '.'))
            break;
        if (*q == '!')
            p = "!";                               /* "?!" reads as "!" */
        flags = MS_TOKF_REPEATED;
        sc->pos += m;
    }
    return push(t, p, 1, MS_TOK_PUNCT, flags);
}

/* One emoji: its modifiers follow it, and a zero-width joiner glues on
 * more emoji that refine rather than add ("heart on fire"). */
static ms_status scan_emoji(scanner *sc, ms_tokens *t, size_t n)
{
    size_t start = sc->pos;
    sc->pos += n;
    for (;;) {
        size_t m;
        uint32_t cp = peek(sc, sc->pos, &m);
        if (m && is_emoji_modifier(cp)) {
            sc->pos += m;
        } else if (m && cp == 0x200D) {
            sc->pos += m;
            peek(sc, sc->pos, &m);
            sc->pos += m;
        } else {
            break;
        }
    }
    return push(t, (const char *)sc->s + start, n, MS_TOK_EMOJI, 0);
}

/* ---- driver ----------------------------------------------------------- */

static ms_status scan_one(scanner *sc, ms_tokens *t)
{
    char buf[WORD_MAX + 1];
    size_t n;
    uint32_t cp = peek(sc, sc->pos, &n);
    if (n == 0) {                                  /* invalid byte: skip */
        sc->pos++;
        return MS_OK;
    }
    if (skip_link(sc))
        return MS_OK;
    if (scan_emoticon(sc, buf))
        return push(t, buf, strlen(buf), MS_TOK_EMOTICON, 0);
    if (cp == '#' && sc->pos + 1 < sc->len && is_ascii_alnum(sc->s[sc->pos + 1]))
        return scan_hashtag(sc, t);
    if (is_letter(cp)) {
        int flags = 0;
        return scan_word(sc, buf, &flags) ? emit_word(t, buf, flags) : MS_OK;
    }
    if (is_emoji(cp) && !is_emoji_modifier(cp))
        return scan_emoji(sc, t, n);
    const char *p = clause_punct(cp);
    if (cp == '-' && sc->pos > 0 && sc->s[sc->pos - 1] == ' ')
        p = "-";                                   /* a spaced dash */
    if (p)
        return scan_punct(sc, t, p, n);
    sc->pos += n;
    return MS_OK;
}

ms_status ms_tokenize(const char *text, size_t len, ms_tokens *out)
{
    scanner sc = {(const unsigned char *)text, len, 0};
    out->count = 0;
    out->used = 0;
    while (sc.pos < sc.len) {
        ms_status st = scan_one(&sc, out);
        if (st != MS_OK)
            return st;
    }
    for (size_t i = 0; i < out->count; i++)
        out->items[i].text = out->arena + out->items[i].off;
    return MS_OK;
}

void ms_tokens_free(ms_tokens *toks)
{
    free(toks->items);
    free(toks->arena);
    memset(toks, 0, sizeof *toks);
}
