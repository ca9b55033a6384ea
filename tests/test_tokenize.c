/* test_tokenize.c — the tokenizer on text as people really type it. */
#include "check.h"
#include "text/tokenize.h"

/* Tokenizes s and joins the token texts with '|'. */
static const char *toks(const char *s)
{
    static char out[1024];
    ms_tokens t = {0};
    size_t used = 0;
    out[0] = '\0';
    if (ms_tokenize(s, strlen(s), &t) != MS_OK)
        return "(failed)";
    for (size_t i = 0; i < t.count && used + 70 < sizeof out; i++)
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s",
                                 i ? "|" : "", t.items[i].text);
    ms_tokens_free(&t);
    return out;
}

static int first_flags(const char *s, size_t at)
{
    ms_tokens t = {0};
    int flags = -1;
    if (ms_tokenize(s, strlen(s), &t) == MS_OK && at < t.count)
        flags = t.items[at].flags;
    ms_tokens_free(&t);
    return flags;
}

static void test_contractions(void)
{
    CHECK_STR(toks("I'm not OK, can't sleep"), "i|am|not|ok|,|can|not|sleep");
    CHECK_STR(toks("won't ain't didn't"), "will|not|is|not|did|not");
    CHECK_STR(toks("I\xE2\x80\x99ve had it"), "i|have|had|it");   /* ’ */
    CHECK_STR(toks("im so done, dont care"), "i|am|so|done|,|do|not|care");
    CHECK_STR(toks("wanna cry idk"), "want|to|cry|i|do|not|know");
    CHECK_STR(toks("goin' home, y'all"), "going|home|,|you|all");
    CHECK_STR(toks("that's it"), "that|it");
}

static void test_elongation_and_case(void)
{
    CHECK_STR(toks("SOOOO happyyyyy"), "soo|happyy");
    CHECK(first_flags("SOOOO happy", 0) == (MS_TOKF_CAPS | MS_TOKF_ELONGATED));
    CHECK(first_flags("I am", 0) == 0);            /* one capital is not caps */
    CHECK_STR(toks("!!!"), "!");
    CHECK(first_flags("what?!?!", 1) == MS_TOKF_REPEATED);
}

static void test_emoji_and_emoticons(void)
{
    CHECK_STR(toks("so tired \xF0\x9F\x98\xAD\xF0\x9F\x98\xAD"),
              "so|tired|\xF0\x9F\x98\xAD|\xF0\x9F\x98\xAD");
    /* Skin tone and variation selector fall away. */
    CHECK_STR(toks("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD ok"), "\xF0\x9F\x91\x8D|ok");
    CHECK_STR(toks("\xE2\x9D\xA4\xEF\xB8\x8F"), "\xE2\x9D\xA4");
    CHECK_STR(toks("love you <333 :D"), "love|you|<3|:d");
    CHECK_STR(toks("ugh :( :'( xD"), "ugh|:(|:'(|xd");
    CHECK_STR(toks("meet at 10:30"), "meet|at|10|:|30");
    CHECK_STR(toks("see http://x.com/a_b :)"), "see|:)");
}

static void test_hashtags_and_mentions(void)
{
    CHECK_STR(toks("#MondayBlues again"), "monday|blues|again");
    CHECK(first_flags("#blessed", 0) == MS_TOKF_HASHTAG);
    CHECK_STR(toks("@sam thanks"), "thanks");
    CHECK_STR(toks("#so_tired"), "so|tired");
}

static void test_hostile(void)
{
    CHECK_STR(toks(""), "");
    CHECK_STR(toks("   \t "), "");
    CHECK_STR(toks("\xFF\xFE bad \xC0\xAF bytes"), "bad|bytes");
    CHECK_STR(toks("caf\xC3\xA9 na\xC3\xAFve"), "caf\xC3\xA9|na\xC3\xAFve");
    char longw[5000];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = '\0';
    CHECK(strlen(toks(longw)) < 70);                 /* truncated, not huge */
    size_t bad;
    CHECK(ms_utf8_valid("ok \xE2\x9D\xA4", 6, &bad));
    CHECK(!ms_utf8_valid("ok \xED\xA0\x80", 6, &bad) && bad == 3); /* surrogate */
    CHECK(!ms_utf8_valid("\xE2\x9D", 2, &bad) && bad == 0);        /* truncated */
}

int main(void)
{
    test_contractions();
    test_elongation_and_case();
    test_emoji_and_emoticons();
    test_hashtags_and_mentions();
    test_hostile();
    return check_report();
}
