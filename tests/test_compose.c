/* test_compose.c — the composer: plans, notes, form, MIDI files and the
 * rendered audio.
 *
 * usage: test_compose DATA_DIR SOUNDFONT TMP_DIR */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "moodscape/compose.h"
#include "moodscape/data.h"
#include "moodscape/synth.h"

static const ms_moods *moods;

static ms_score *compose(double v, double a, double v1, double a1,
                         double seconds, uint64_t seed)
{
    ms_compose_opts o;
    ms_score *s = NULL;
    ms_compose_default(&o);
    o.valence = v;
    o.arousal = a;
    o.to_valence = v1;
    o.to_arousal = a1;
    o.seconds = seconds;
    o.seed = seed;
    o.hints.moods = moods;
    if (ms_compose(&o, &s) != MS_OK)
        fprintf(stderr, "compose: %s\n", ms_last_error());
    return s;
}

static const ms_part *part_of(const ms_score *s, ms_role role)
{
    size_t n;
    const ms_part *parts = ms_score_parts(s, &n);
    for (size_t i = 0; i < n; i++)
        if (parts[i].role == role)
            return &parts[i];
    return NULL;
}

/* ---- plans ---------------------------------------------------------------- */

static void test_plan_follows_emotion(void)
{
    ms_plan p, q;
    ms_hints h;
    ms_hints_default(&h);
    h.moods = moods;
    /* tempo rises with arousal at every valence */
    for (double v = -1; v <= 1; v += 0.5)
        for (double a = -1; a < 1; a += 0.25) {
            CHECK(ms_plan_make(v, a, &h, &p) == MS_OK);
            CHECK(ms_plan_make(v, a + 0.25, &h, &q) == MS_OK);
            CHECK(q.tempo_bpm >= p.tempo_bpm);
            CHECK(q.velocity >= p.velocity);
        }
    /* mode follows valence: major when pleasant, minor when not */
    for (double a = -1; a <= 1; a += 0.5) {
        CHECK(ms_plan_make(0.3, a, &h, &p) == MS_OK);
        CHECK(ms_mode_is_major(p.mode));
        CHECK(ms_plan_make(-0.3, a, &h, &p) == MS_OK);
        CHECK(!ms_mode_is_major(p.mode));
    }
    CHECK(ms_plan_make(0.9, 0.5, &h, &p) == MS_OK);
    CHECK(p.mode == MS_MODE_IONIAN);
    CHECK(ms_plan_make(-0.9, 0.8, &h, &p) == MS_OK);
    CHECK(p.mode == MS_MODE_PHRYGIAN);
    CHECK(p.tension > 0.5);
    /* drums only where arousal calls for them */
    CHECK(ms_plan_make(0.5, -0.8, &h, &p) == MS_OK);
    CHECK(p.program[MS_ROLE_DRUMS] < 0);
    CHECK(p.articulation > 0.9);                 /* calm is legato */
    CHECK(ms_plan_make(0.6, 0.85, &h, &q) == MS_OK);
    CHECK(q.program[MS_ROLE_DRUMS] >= 0);
    CHECK(q.articulation < p.articulation);
    CHECK(q.density > p.density);
    CHECK(q.reverb < p.reverb);
    /* the genre follows the nearest mood unless one is asked for */
    CHECK(q.genre == MS_GENRE_ELECTRONIC);       /* excited */
    h.genre = MS_GENRE_PIANO;
    h.instrument = 40;
    CHECK(ms_plan_make(0.6, 0.85, &h, &q) == MS_OK);
    CHECK(q.genre == MS_GENRE_PIANO);
    CHECK(q.program[MS_ROLE_MELODY] == 40);
}

static void test_plan_rejects(void)
{
    ms_plan p;
    CHECK(ms_plan_make(1.01, 0, NULL, &p) == MS_ERR_RANGE);
    CHECK(ms_plan_make(0, -2, NULL, &p) == MS_ERR_RANGE);
    CHECK(ms_plan_make(NAN, 0, NULL, &p) == MS_ERR_RANGE);
    ms_genre g;
    CHECK(ms_genre_parse("Cinematic", &g) == MS_OK
          && g == MS_GENRE_ORCHESTRAL);
    CHECK(ms_genre_parse("polka", &g) == MS_ERR_NOTFOUND);
    CHECK(strstr(ms_last_error(), "ambient") != NULL);
    int prog;
    CHECK(ms_instrument_parse("flute", &prog) == MS_OK && prog == 73);
    CHECK(ms_instrument_parse("kazoo", &prog) == MS_ERR_NOTFOUND);
    ms_compose_opts o;
    ms_score *s;
    ms_compose_default(&o);
    o.seconds = 0.5;
    CHECK(ms_compose(&o, &s) == MS_ERR_RANGE && s == NULL);
    o.seconds = 30;
    o.to_arousal = 1.5;
    CHECK(ms_compose(&o, &s) == MS_ERR_RANGE && s == NULL);
}

/* ---- notes ---------------------------------------------------------------- */

/* The bar a tick falls in. */
static const ms_bar *bar_at(const ms_score *s, uint32_t tick)
{
    size_t n;
    const ms_bar *bars = ms_score_bars(s, &n);
    const ms_bar *b = &bars[0];
    for (size_t i = 0; i < n && bars[i].tick <= tick; i++)
        b = &bars[i];
    return b;
}

static void test_melody_in_scale(void)
{
    for (double v = -1; v <= 1; v += 0.5)
        for (double a = -1; a <= 1; a += 0.5) {
            ms_score *s = compose(v, a, v, a, 30, 7);
            CHECK(s != NULL);
            if (!s)
                continue;
            const ms_part *m = part_of(s, MS_ROLE_MELODY);
            CHECK(m && m->n_notes >= 8);
            size_t outside = 0;
            for (size_t i = 0; m && i < m->n_notes; i++) {
                const ms_bar *b = bar_at(s, m->notes[i].tick);
                outside += !ms_mode_contains(b->mode, ms_score_key(s),
                                             m->notes[i].key % 12);
            }
            CHECK(outside == 0);
            ms_score_free(s);
        }
}

static void test_form(void)
{
    ms_score *s = compose(0.8, 0.45, 0.8, 0.45, 60, 3);
    size_t n;
    const ms_bar *bars = ms_score_bars(s, &n);
    int phrases = 0, eights = 0;
    for (size_t i = 0; i < n; i++) {
        int len = bars[i].phrase_length;
        CHECK(len == 0 || len == 4 || len == 8);
        if (len && bars[i].phrase_bar == 0) {
            phrases++;
            eights += len == 8;
            /* the phrase runs its full length and ends on the tonic */
            CHECK(i + (size_t)len <= n);
            if (i + (size_t)len <= n) {
                CHECK(bars[i + len - 1].phrase_bar == len - 1);
                CHECK(bars[i + len - 1].chord == 0);
            }
        }
    }
    CHECK(phrases >= 2 && eights >= 1);
    CHECK(bars[0].phrase_length == 0);           /* an intro */
    CHECK(bars[n - 1].phrase_length == 0);       /* an ending */
    CHECK(bars[n - 1].chord == 0);
    /* the piece fills its length: the last bar ends before the tail */
    double end = ms_score_time(s, bars[n - 1].tick)
                 + 60.0 * ms_score_beats_per_bar(s)
                       / (6e7 / ms_score_tempos(s, &n)[n - 1]
                                    .usec_per_quarter);
    CHECK(end > 55 && end <= 60);
    ms_score_free(s);
}

/* The motif returns: the opening bar's rhythm comes back in the same
 * phrase's fifth bar (an 8-bar period repeats its opening). */
static void test_motif_repeats(void)
{
    ms_score *s = compose(0.7, 0.2, 0.7, 0.2, 60, 11);
    size_t n;
    const ms_bar *bars = ms_score_bars(s, &n);
    const ms_part *m = part_of(s, MS_ROLE_MELODY);
    size_t first = 0;
    while (first < n && bars[first].phrase_length != 8)
        first++;
    CHECK(first < n);
    if (first < n && m) {
        uint32_t t0 = bars[first].tick, t4 = bars[first + 4].tick;
        uint32_t len = bars[first + 1].tick - t0;
        int keys0[32], keys4[32], n0 = 0, n4 = 0;
        for (size_t i = 0; i < m->n_notes; i++) {
            uint32_t t = m->notes[i].tick;
            if (t + 8 >= t0 && t < t0 + len - 8 && n0 < 32)
                keys0[n0++] = m->notes[i].key;
            if (t + 8 >= t4 && t < t4 + len - 8 && n4 < 32)
                keys4[n4++] = m->notes[i].key;
        }
        CHECK(n0 > 0 && n0 == n4);
        CHECK(n0 == n4 && memcmp(keys0, keys4, (size_t)n0 * sizeof *keys0) == 0);
    }
    ms_score_free(s);
}

/* Chords move smoothly: from one chord to the next each voice of the
 * pad moves on average less than a minor third. */
static void test_voice_leading(void)
{
    ms_score *s = compose(-0.5, -0.3, -0.5, -0.3, 40, 5);
    const ms_part *pad = part_of(s, MS_ROLE_PAD);
    CHECK(pad && pad->n_notes > 12);
    int prev[8], n_prev = 0, cur[8], n_cur = 0, moves = 0, total = 0;
    uint32_t at = 0;
    for (size_t i = 0; pad && i <= pad->n_notes; i++) {
        int new_chord = i == pad->n_notes || pad->notes[i].tick > at + 16;
        if (new_chord && n_cur) {
            for (int k = 0; k < n_cur && n_prev; k++) {
                int best = 127;
                for (int j = 0; j < n_prev; j++)
                    best = abs(cur[k] - prev[j]) < best ? abs(cur[k] - prev[j])
                                                        : best;
                total += best;
                moves++;
            }
            memcpy(prev, cur, sizeof cur);
            n_prev = n_cur;
            n_cur = 0;
        }
        if (i == pad->n_notes)
            break;
        if (new_chord)
            at = pad->notes[i].tick;
        if (n_cur < 8)
            cur[n_cur++] = pad->notes[i].key;
    }
    CHECK(moves > 20);
    CHECK(moves && (double)total / moves < 3.0);
    ms_score_free(s);
}

static int same_notes(const ms_score *x, const ms_score *y)
{
    size_t nx, ny;
    const ms_part *px = ms_score_parts(x, &nx), *py = ms_score_parts(y, &ny);
    if (nx != ny)
        return 0;
    for (size_t i = 0; i < nx; i++) {
        if (px[i].n_notes != py[i].n_notes || px[i].channel != py[i].channel
            || px[i].program != py[i].program || px[i].role != py[i].role
            || px[i].volume != py[i].volume || px[i].pan != py[i].pan
            || px[i].reverb != py[i].reverb || px[i].chorus != py[i].chorus
            || strcmp(px[i].name, py[i].name) != 0)
            return 0;
        for (size_t k = 0; k < px[i].n_notes; k++) {
            const ms_note *a = &px[i].notes[k], *b = &py[i].notes[k];
            if (a->tick != b->tick || a->length != b->length
                || a->key != b->key || a->velocity != b->velocity)
                return 0;
        }
    }
    const ms_tempo *tx = ms_score_tempos(x, &nx), *ty = ms_score_tempos(y, &ny);
    return nx == ny && memcmp(tx, ty, nx * sizeof *tx) == 0;
}

static void test_deterministic(void)
{
    ms_score *a = compose(-0.5, 0.5, -0.5, 0.5, 30, 42);
    ms_score *b = compose(-0.5, 0.5, -0.5, 0.5, 30, 42);
    ms_score *c = compose(-0.5, 0.5, -0.5, 0.5, 30, 43);
    CHECK(same_notes(a, b));
    CHECK(!same_notes(a, c));
    ms_score_free(a);
    ms_score_free(b);
    ms_score_free(c);
}

/* A glide moves bar by bar, tempo with it, and drums enter as arousal
 * rises. */
static void test_glide(void)
{
    ms_score *s = compose(-0.6, -0.6, 0.7, 0.8, 60, 9);
    size_t n, nt;
    const ms_bar *bars = ms_score_bars(s, &n);
    CHECK(bars[0].valence < -0.4 && bars[n - 1].valence > 0.5);
    for (size_t i = 1; i < n; i++)
        CHECK(bars[i].arousal >= bars[i - 1].arousal);
    CHECK(!ms_mode_is_major(bars[0].mode) && ms_mode_is_major(bars[n - 1].mode));
    const ms_tempo *t = ms_score_tempos(s, &nt);
    CHECK(nt > 4);
    CHECK(t[nt - 1].usec_per_quarter < t[0].usec_per_quarter * 0.8);
    const ms_part *d = part_of(s, MS_ROLE_DRUMS);
    CHECK(d && d->n_notes > 0 && d->notes[0].tick > bars[n / 3].tick);
    /* a mode change waits for a phrase boundary */
    for (size_t i = 1; i < n; i++)
        if (bars[i].phrase_length && bars[i].phrase_bar > 0)
            CHECK(bars[i].mode == bars[i - 1].mode);
    ms_score_free(s);
}

/* A clip that continues another keeps its key, metre and instruments
 * and starts at its tempo. */
static void test_continuation(void)
{
    ms_compose_opts o;
    ms_score *first = compose(0.7, -0.2, 0.6, 0.0, 30, 4), *next = NULL;
    ms_compose_default(&o);
    o.valence = 0.6;
    o.arousal = 0.0;
    o.to_valence = -0.3;
    o.to_arousal = 0.6;
    o.seconds = 30;
    o.seed = 5;
    o.standalone = 0;
    o.follow = first;
    o.hints.moods = moods;
    CHECK(ms_compose(&o, &next) == MS_OK);
    CHECK(ms_score_key(next) == ms_score_key(first));
    CHECK(ms_score_beats_per_bar(next) == ms_score_beats_per_bar(first));
    size_t n1, n2;
    const ms_tempo *t1 = ms_score_tempos(first, &n1);
    const ms_tempo *t2 = ms_score_tempos(next, &n2);
    double end = 6e7 / t1[n1 - 1].usec_per_quarter;
    double start = 6e7 / t2[0].usec_per_quarter;
    CHECK(fabs(start - end) / end < 0.1);
    CHECK(part_of(next, MS_ROLE_MELODY)->program
          == part_of(first, MS_ROLE_MELODY)->program);
    /* a clip has no intro: the tune starts in the first bar */
    CHECK(part_of(next, MS_ROLE_MELODY)->notes[0].tick < 4 * MS_PPQ);
    ms_score_free(first);
    ms_score_free(next);
}

/* ---- MIDI files ----------------------------------------------------------- */

static void test_midi_round_trip(const char *tmp)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/round.mid", tmp);
    ms_score *s = compose(-0.3, 0.7, 0.4, 0.2, 45, 8), *back = NULL;
    CHECK(ms_midi_write(s, path) == MS_OK);
    CHECK(ms_midi_read(path, &back) == MS_OK);
    CHECK(back && same_notes(s, back));
    CHECK(back && ms_score_beats_per_bar(back) == ms_score_beats_per_bar(s));
    ms_score_free(s);
    ms_score_free(back);
}

static int write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fwrite(p, 1, n, f);
    return fclose(f);
}

static void test_midi_malformed(const char *tmp)
{
    char path[4096], good[4096];
    ms_score *s = NULL;
    snprintf(path, sizeof path, "%s/bad.mid", tmp);
    snprintf(good, sizeof good, "%s/good.mid", tmp);
    CHECK(write_bytes(path, "not midi at all", 15) == 0);
    CHECK(ms_midi_read(path, &s) == MS_ERR_FORMAT && s == NULL);
    CHECK(ms_midi_read("/nonexistent/x.mid", &s) == MS_ERR_NOTFOUND);
    /* every truncation of a real file fails cleanly or reads a prefix */
    ms_score *full = compose(0.2, 0.2, 0.2, 0.2, 10, 1);
    CHECK(ms_midi_write(full, good) == MS_OK);
    FILE *f = fopen(good, "rb");
    unsigned char buf[65536];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    CHECK(n > 100);
    for (size_t cut = 0; cut < n; cut += 7) {
        CHECK(write_bytes(path, buf, cut) == 0);
        if (ms_midi_read(path, &s) == MS_OK)
            ms_score_free(s);
        s = NULL;
    }
    /* flipped bytes never crash the reader */
    srand(1);
    for (int k = 0; k < 300; k++) {
        unsigned char mut[65536];
        memcpy(mut, buf, n);
        for (int j = 0; j < 4; j++)
            mut[14 + (size_t)rand() % (n - 14)] = (unsigned char)rand();
        CHECK(write_bytes(path, mut, n) == 0);
        if (ms_midi_read(path, &s) == MS_OK)
            ms_score_free(s);
        s = NULL;
    }
    CHECK(ms_midi_write(full, "/nonexistent/dir/x.mid") == MS_ERR_IO);
    ms_score_free(full);
}

/* ---- audio ---------------------------------------------------------------- */

static double rms(const ms_pcm *p)
{
    double sum = 0;
    size_t n = p->frames * (size_t)p->channels;
    for (size_t i = 0; i < n; i++)
        sum += (double)p->samples[i] * p->samples[i];
    return n ? sqrt(sum / n) : 0;
}

static void test_render(const char *soundfont)
{
    ms_synth *synth = NULL, *again = NULL;
    CHECK(ms_synth_open("/nonexistent.sf2", 0, &synth) == MS_ERR_NOTFOUND);
    CHECK(ms_synth_open(soundfont, 0, &synth) == MS_OK);
    CHECK(ms_synth_open(soundfont, 0, &again) == MS_OK);
    if (!synth || !again)
        return;
    ms_score *s = compose(0.55, 0.65, 0.55, 0.65, 12, 2);
    ms_pcm a, b;
    CHECK(ms_synth_render(synth, s, 1, &a) == MS_OK);
    CHECK(a.frames == 12 * MS_SAMPLE_RATE && a.channels == 2);
    CHECK(a.rate == MS_SAMPLE_RATE);
    CHECK(rms(&a) > 0.02);                       /* music, not silence */
    CHECK(ms_pcm_peak(&a) <= 0.9f && ms_pcm_peak(&a) > 0.8f);
    /* sound starts at once and the ending rings into the last second */
    double head = 0, tail = 0;
    for (size_t i = 0; i < MS_SAMPLE_RATE / 2; i++)
        head = fmax(head, fabs(a.samples[2 * i]));
    for (size_t i = a.frames - MS_SAMPLE_RATE; i < a.frames; i++)
        tail = fmax(tail, fabs(a.samples[2 * i]));
    CHECK(head > 0.01 && tail > 0.001);
    /* the same sequence of renders on a fresh synth gives the same
     * audio bit for bit */
    ms_pcm a2, b2;
    ms_score *t = compose(-0.6, 0.2, -0.6, 0.2, 6, 3);
    CHECK(ms_synth_render(synth, t, 1, &a2) == MS_OK);
    CHECK(ms_synth_render(again, s, 1, &b) == MS_OK);
    CHECK(ms_synth_render(again, t, 1, &b2) == MS_OK);
    CHECK(b.frames == a.frames
          && memcmp(a.samples, b.samples, a.frames * 2 * sizeof(float)) == 0);
    CHECK(b2.frames == a2.frames
          && memcmp(a2.samples, b2.samples, a2.frames * 2 * sizeof(float)) == 0);
    ms_pcm_free(&a2);
    ms_pcm_free(&b2);
    ms_score_free(t);
    ms_pcm_free(&a);
    ms_pcm_free(&b);
    ms_score_free(s);
    ms_synth_close(synth);
    ms_synth_close(again);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_compose DATA_DIR SOUNDFONT TMP_DIR\n");
        return 2;
    }
    char path[4096];
    ms_moods *m = NULL;
    if (ms_data_path(argv[1], "moods.tsv", path, sizeof path) != MS_OK
        || ms_moods_open(path, &m) != MS_OK) {
        fprintf(stderr, "test_compose: %s\n", ms_last_error());
        return 1;
    }
    moods = m;
    test_plan_follows_emotion();
    test_plan_rejects();
    test_melody_in_scale();
    test_form();
    test_motif_repeats();
    test_voice_leading();
    test_deterministic();
    test_glide();
    test_continuation();
    test_midi_round_trip(argv[3]);
    test_midi_malformed(argv[3]);
    test_render(argv[2]);
    ms_moods_close(m);
    return check_report();
}
