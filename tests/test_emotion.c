/* test_emotion.c — the mood table and the geometry of the circumplex. */
#include <stdlib.h>

#include "check.h"
#include "moodscape/emotion.h"

static void test_table(const ms_moods *m)
{
    CHECK(ms_moods_count(m) == 12);
    const ms_mood *sad = ms_moods_get(m, (size_t)ms_moods_find(m, "sad"));
    CHECK_NEAR(sad->valence, -0.65, 1e-9);
    CHECK_NEAR(sad->arousal, -0.40, 1e-9);
    CHECK_STR(sad->colour, "#2F5DA8");
    CHECK(sad->rgb[0] == 0x2F && sad->rgb[1] == 0x5D && sad->rgb[2] == 0xA8);
    CHECK(ms_moods_get(m, 12) == NULL);
}

static void test_find(const ms_moods *m)
{
    CHECK(ms_moods_find(m, "joyful") == 0);
    CHECK(ms_moods_find(m, "  Happy ") == 0);          /* synonym, case */
    CHECK(ms_moods_find(m, "numb") == ms_moods_find(m, "gloomy"));
    CHECK(ms_moods_find(m, "suspense") == ms_moods_find(m, "fearful"));
    CHECK(ms_moods_find(m, "purple") == -1);
    CHECK(ms_moods_find(m, "") == -1);
}

static void test_nearest(const ms_moods *m)
{
    size_t idx[3];
    CHECK(ms_moods_nearest(m, -0.7, 0.8, idx, 3) == 3);
    CHECK_STR(ms_moods_get(m, idx[0])->id, "angry");
    CHECK_STR(ms_moods_get(m, idx[1])->id, "anxious");     /* 0.28 away */
    CHECK(ms_moods_nearest(m, 0, 0, idx, 0) == 0);
    CHECK_NEAR(ms_va_distance(0, 0, 0.3, 0.4), 0.5, 1e-12);
}

static void test_emotion_at(const ms_moods *m)
{
    ms_emotion e;
    ms_moods_emotion_at(m, 0.55, -0.70, &e);
    CHECK_STR(ms_moods_get(m, e.mood)->id, "peaceful");
    double sum = 0;
    for (size_t i = 0; i < 12; i++)
        sum += e.probs[i];
    CHECK_NEAR(sum, 1.0, 1e-9);
    CHECK(e.confidence > 0.4);
    /* Far outside the square is clamped, not extrapolated. */
    ms_moods_emotion_at(m, 5, 5, &e);
    CHECK(e.valence == 1 && e.arousal == 1);
    CHECK_STR(ms_moods_get(m, e.mood)->id, "excited");
}

static void test_colour(const ms_moods *m)
{
    unsigned char rgb[3];
    char hex[8];
    ms_moods_colour(m, -0.65, -0.40, rgb, hex);      /* on "sad" itself */
    CHECK_STR(hex, "#2F5DA8");
    /* Halfway between sad and gloomy the light lies between the two. */
    ms_moods_colour(m, -0.60, -0.60, rgb, hex);
    CHECK(rgb[0] > 0x2F && rgb[0] < 0x5E);
    CHECK(rgb[2] < 0xA8 && rgb[2] > 0x78);
}

static void test_parse(const ms_moods *m)
{
    double v, a;
    size_t mood;
    CHECK(ms_parse_va("0.5,-0.25", &v, &a) == MS_OK);
    CHECK_NEAR(v, 0.5, 1e-12);
    CHECK_NEAR(a, -0.25, 1e-12);
    CHECK(ms_parse_va(" -1 , 1 ", &v, &a) == MS_OK);
    CHECK(ms_parse_va("1.5,0", &v, &a) == MS_ERR_RANGE);
    CHECK(ms_parse_va("0.5", &v, &a) == MS_ERR_FORMAT);
    CHECK(ms_parse_va("a,b", &v, &a) == MS_ERR_FORMAT);
    CHECK(ms_parse_va("0.1,0.2,0.3", &v, &a) == MS_ERR_FORMAT);
    CHECK(ms_parse_va("nan,0", &v, &a) == MS_ERR_FORMAT);
    CHECK(ms_moods_parse_point(m, "calm", &v, &a, &mood) == MS_OK);
    CHECK_STR(ms_moods_get(m, mood)->id, "peaceful");
    CHECK(ms_moods_parse_point(m, "-0.6,0.8", &v, &a, &mood) == MS_OK);
    CHECK_STR(ms_moods_get(m, mood)->id, "angry");
    CHECK(ms_moods_parse_point(m, "meh", &v, &a, &mood) == MS_ERR_NOTFOUND);
}

static void test_bad_tables(void)
{
    ms_moods *m = (ms_moods *)1;
    CHECK(ms_moods_open("/nonexistent/moods.tsv", &m) == MS_ERR_IO);
    CHECK(m == NULL);
    char path[] = "/tmp/ms_moods_XXXXXX";
    int fd = mkstemp(path);
    FILE *fp = fdopen(fd, "w");
    fputs("id\tvalence\tarousal\tcolour\nsad\t-0.6\tlow\t#000000\n", fp);
    fclose(fp);
    CHECK(ms_moods_open(path, &m) == MS_ERR_FORMAT);
    CHECK(strstr(ms_last_error(), ":2:") != NULL);     /* names the line */
    remove(path);
}

int main(int argc, char **argv)
{
    ms_moods *m;
    if (argc < 2 || ms_moods_open(argv[1], &m) != MS_OK) {
        fprintf(stderr, "cannot open mood table: %s\n", ms_last_error());
        return 1;
    }
    test_table(m);
    test_find(m);
    test_nearest(m);
    test_emotion_at(m);
    test_colour(m);
    test_parse(m);
    test_bad_tables();
    ms_moods_close(m);
    return check_report();
}
