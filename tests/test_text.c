/* test_text.c — reading feelings from text with the trained models. */
#include <stdlib.h>

#include "check.h"
#include "moodscape/text.h"

static ms_reader *reader;

static const char *mood_of(const ms_emotion *e)
{
    return ms_moods_get(ms_reader_moods(reader), e->mood)->id;
}

static int read_ok(const char *text, ms_reading *out)
{
    return ms_reader_read(reader, text, strlen(text), out) == MS_OK;
}

/* The mood read from text, or "(error)". */
static const char *mood(const char *text)
{
    static ms_reading r;
    return read_ok(text, &r) ? mood_of(&r.emotion) : "(error)";
}

static void test_plain_feelings(void)
{
    CHECK_STR(mood("I miss her so much, I can't stop crying"), "sad");
    CHECK_STR(mood("my boss yelled at me again and I could scream"), "angry");
    CHECK_STR(mood("we won the championship!!!"), "triumphant");
    CHECK_STR(mood("slow, warm songs for date night"), "tender");
    CHECK_STR(mood("there's someone in the house, I can hear footsteps"), "fearful");
}

static void test_negation_and_contrast(void)
{
    ms_reading r;
    CHECK(read_ok("I am not happy at all", &r));
    CHECK(r.emotion.valence < 0);
    CHECK_STR(mood("not sad, just tired of everything"), "gloomy");
    /* Negating a verb of stopping affirms: this is happiness. */
    CHECK(read_ok("I can't stop grinning today", &r));
    CHECK(r.emotion.valence > 0);
    /* "but" favours the later clause. */
    CHECK(read_ok("the trip was lovely but now I'm home and I feel so empty", &r));
    CHECK(r.emotion.valence < 0);
}

static void test_current_and_desired(void)
{
    ms_reading r;
    CHECK(read_ok("I'm stressed and want to unwind", &r));
    CHECK_STR(mood_of(&r.emotion), "anxious");
    CHECK(r.has_desired);
    CHECK_STR(mood_of(&r.desired), "peaceful");
    /* A wish can be for another pace rather than a brighter mood. */
    CHECK(read_ok("happy mood, wanna slow down and do my crossword in peace", &r));
    CHECK_STR(mood_of(&r.emotion), "joyful");
    CHECK(r.has_desired);
    CHECK_STR(mood_of(&r.desired), "peaceful");
    CHECK(read_ok("feeling calm and relaxed but I need to get pumped for the gym", &r));
    CHECK_STR(mood_of(&r.emotion), "peaceful");
    CHECK(r.has_desired);
    CHECK(r.desired.arousal > 0.3);
    /* A wish to scream states anger; it is not a goal. */
    CHECK(read_ok("I'm so angry I want to scream", &r));
    CHECK_STR(mood_of(&r.emotion), "angry");
    CHECK(!r.has_desired);
}

static void test_evidence(void)
{
    ms_reading r;
    CHECK(read_ok("I feel so lonely tonight", &r));
    CHECK(r.n_evidence > 0);
    int found = 0;
    for (size_t i = 0; i < r.n_evidence; i++)
        found |= strstr(r.evidence[i].word, "lonely") != NULL;
    CHECK(found);
    for (size_t i = 1; i < r.n_evidence; i++)
        CHECK(r.evidence[i - 1].weight >= r.evidence[i].weight);
}

static void test_uncertain(void)
{
    ms_reading r;
    CHECK(read_ok("the meeting moved to room 4 at 3pm", &r));
    CHECK(r.uncertain);
    CHECK(read_ok("I'm heartbroken, she left me", &r));
    CHECK(!r.uncertain);
}

static void test_bad_input(void)
{
    ms_reading r;
    CHECK(ms_reader_read(reader, "", 0, &r) == MS_ERR_FORMAT);
    CHECK(ms_reader_read(reader, " \t \r", 4, &r) == MS_ERR_FORMAT);
    CHECK(ms_reader_read(reader, "sad \xFF", 5, &r) == MS_ERR_FORMAT);
    CHECK(strstr(ms_last_error(), "UTF-8") != NULL);
    CHECK(ms_reader_read(reader, "a\0b", 3, &r) == MS_ERR_FORMAT);
    /* A 10 MB text is read up to the limit, not choked on. */
    size_t big = 10u << 20;
    char *text = malloc(big);
    CHECK(text != NULL);
    if (!text)
        return;
    for (size_t i = 0; i < big; i++)
        text[i] = "i feel so sad "[i % 14];
    CHECK(ms_reader_read(reader, text, big, &r) == MS_OK);
    CHECK(r.truncated && r.length <= MS_TEXT_MAX);
    CHECK_STR(mood_of(&r.emotion), "sad");
    free(text);
}

static void test_repeatable(void)
{
    ms_reading a, b;
    const char *s = "ugh mondays #MondayBlues \xF0\x9F\x98\xA9";
    CHECK(read_ok(s, &a) && read_ok(s, &b));
    CHECK(memcmp(&a.emotion, &b.emotion, sizeof a.emotion) == 0);
}

/* The words of a request as the catalogue sees them: lemmas, negation,
 * the wished-for part, and what music words stand for. */
static void test_terms_and_synonyms(void)
{
    ms_term t[16];
    size_t n;
    const char *syn[16];
    CHECK(ms_reader_terms(reader, "no vocals, just soft keys", 25, t, 16, &n)
          == MS_OK);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(t[0].lemma, "vocal");
        CHECK(t[0].negated);
        CHECK_STR(t[1].lemma, "soft");
        CHECK(!t[1].negated && t[1].affective);
        CHECK_STR(t[2].lemma, "key");
    }
    size_t k = ms_reader_synonyms(reader, "key", syn, 16);
    int piano = 0;
    for (size_t i = 0; i < k; i++)
        piano |= strcmp(syn[i], "piano") == 0;
    CHECK(piano);
    /* grown through WordNet at build time: "tranquil" is a calm word */
    k = ms_reader_synonyms(reader, "tranquil", syn, 16);
    CHECK(k >= 1);
    CHECK(ms_reader_synonyms(reader, "zzzq", syn, 16) == 0);
    CHECK(ms_reader_terms(reader, "I'm so sad, cheer me up", 23, t, 16, &n)
          == MS_OK);
    int wished = 0;
    for (size_t i = 0; i < n && i < 16; i++)
        wished |= t[i].wished;
    CHECK(wished);
    CHECK(ms_reader_terms(reader, "   ", 3, t, 16, &n) == MS_ERR_FORMAT);
}

int main(int argc, char **argv)
{
    if (argc < 2 || ms_reader_open(argv[1], &reader) != MS_OK) {
        fprintf(stderr, "cannot open reader: %s\n", ms_last_error());
        return 1;
    }
    test_plain_feelings();
    test_negation_and_contrast();
    test_current_and_desired();
    test_evidence();
    test_uncertain();
    test_bad_input();
    test_repeatable();
    test_terms_and_synonyms();
    ms_reader_close(reader);
    return check_report();
}
