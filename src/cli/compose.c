/* compose.c — `moodscape compose`: a piece of music for a mood, written
 * as audio and, if asked, as a standard MIDI file. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "moodscape/catalog.h"
#include "moodscape/compose.h"
#include "moodscape/data.h"
#include "moodscape/json.h"
#include "moodscape/synth.h"

static const char help[] =
    "usage: moodscape compose (--mood ID | --va V,A | TEXT) -o OUT.wav\n"
    "                         [--seconds S] [--genre G] [--instrument I]\n"
    "                         [--seed N] [--to ID|V,A] [--midi OUT.mid]\n"
    "                         [--soundfont SF] [--json] [--data DIR]\n"
    "\n"
    "Composes new music that sounds like a mood: a point of the circumplex\n"
    "(valence: unpleasant -1 .. +1 pleasant, arousal: calm -1 .. +1\n"
    "energetic), a mood of the table (joyful, sad, ...), or the feeling in\n"
    "TEXT. Tempo, mode, harmony, melody, rhythm, articulation, dynamics and\n"
    "instruments all follow the point; the same seed gives the same piece.\n"
    "\n"
    "  --mood ID        one of the 12 moods, or a synonym (\"calm\")\n"
    "  --va V,A         valence and arousal, each in [-1, 1]\n"
    "  --to ID|V,A      glide to this point by the end of the piece\n"
    "  -o FILE          audio out: .wav, .flac, .ogg or .opus (required)\n"
    "  --midi FILE      also write the score as a standard MIDI file\n"
    "  --seconds S      length, 1 to 600 (default 30)\n"
    "  --genre G        piano, ambient, orchestral (cinematic), acoustic,\n"
    "                   electronic, rock; default: chosen from the mood\n"
    "  --instrument I   melody instrument: piano, strings, flute, guitar,\n"
    "                   violin, cello, horn, synth, ... (default: by genre)\n"
    "  --seed N         a different seed gives a different piece (default 1)\n"
    "  --soundfont SF   General MIDI SoundFont (default: $MOODSCAPE_SOUNDFONT,\n"
    "                   else Debian's MuseScore General, FluidR3 or TimGM6mb)\n"
    "  --json           print the plan as JSON even on a terminal\n"
    "  --data DIR       read the mood table and models from DIR\n"
    "  -h, --help       this help\n";

typedef struct compose_args {
    const char *mood, *va, *to, *out, *midi, *genre, *instrument;
    const char *soundfont, *data, *seconds, *seed;
    int json;
} compose_args;

static int parse_args(int argc, char **argv, compose_args *a)
{
    static const struct option longs[] = {
        {"mood", required_argument, NULL, 'm'},
        {"va", required_argument, NULL, 'v'},
        {"to", required_argument, NULL, 't'},
        {"midi", required_argument, NULL, 'M'},
        {"seconds", required_argument, NULL, 's'},
        {"genre", required_argument, NULL, 'g'},
        {"instrument", required_argument, NULL, 'i'},
        {"seed", required_argument, NULL, 'S'},
        {"soundfont", required_argument, NULL, 'f'},
        {"data", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", longs, NULL)) != -1) {
        switch (c) {
        case 'm': a->mood = optarg; break;
        case 'v': a->va = optarg; break;
        case 't': a->to = optarg; break;
        case 'o': a->out = optarg; break;
        case 'M': a->midi = optarg; break;
        case 's': a->seconds = optarg; break;
        case 'g': a->genre = optarg; break;
        case 'i': a->instrument = optarg; break;
        case 'S': a->seed = optarg; break;
        case 'f': a->soundfont = optarg; break;
        case 'd': a->data = optarg; break;
        case 'j': a->json = 1; break;
        case 'h': fputs(help, stdout); return -1;
        default:
            return ms_cli_bad_option("compose", argv[optind - 1]);
        }
    }
    return 0;
}

/* 0 when the folder that would hold `path` accepts new files. */
static int folder_writable(const char *path)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    return access(dirname(copy), W_OK | X_OK);
}

static int check_outputs(const compose_args *a)
{
    if (!a->out)
        return ms_cli_usage("compose", "no output file: give -o OUT.wav");
    if (!ms_pcm_format_known(a->out))
        return ms_cli_usage("compose", "-o: the file must end in .wav, "
                            ".flac, .ogg or .opus");
    if (a->midi && strcmp(a->midi, a->out) == 0)
        return ms_cli_usage("compose", "--midi: must not be the audio file");
    const char *paths[2] = {a->out, a->midi};
    for (int i = 0; i < 2; i++)
        if (paths[i] && folder_writable(paths[i]) != 0) {
            ms_cli_error("compose", paths[i], strerror(errno));
            return MS_EXIT_FAILED;
        }
    return 0;
}

/* Valence and arousal from --mood, --va or the text's feeling. */
static int read_point(const compose_args *a, const ms_moods *moods,
                      const char *text, const char *data, double *v,
                      double *at)
{
    size_t idx;
    if (a->va && ms_parse_va(a->va, v, at) != MS_OK)
        return ms_cli_usage("compose", "--va wants V,A with both in [-1, 1]");
    if (a->mood && ms_moods_parse_point(moods, a->mood, v, at, &idx) != MS_OK) {
        ms_cli_error("compose", "--mood", ms_last_error());
        return MS_EXIT_USAGE;
    }
    if (text) {
        ms_reader *r = ms_cli_reader("compose", data);
        ms_reading reading;
        if (!r)
            return MS_EXIT_FAILED;
        ms_status st = ms_reader_read(r, text, strlen(text), &reading);
        ms_reader_close(r);
        if (st != MS_OK) {
            ms_cli_error("compose", "text", ms_last_error());
            return MS_EXIT_USAGE;
        }
        *v = reading.emotion.valence;
        *at = reading.emotion.arousal;
    }
    return 0;
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (errno || end == s || *end || !(x >= lo && x <= hi))
        return -1;
    *out = x;
    return 0;
}

/* Fills the composer's options from the arguments; prints the error and
 * returns the exit status on failure, 0 on success. */
static int build_opts(const compose_args *a, const ms_moods *moods,
                      const char *text, const char *data, ms_compose_opts *o)
{
    int rc;
    ms_compose_default(o);
    o->seed = 1;
    o->hints.moods = moods;
    if ((rc = read_point(a, moods, text, data, &o->valence, &o->arousal)))
        return rc;
    o->to_valence = o->valence;
    o->to_arousal = o->arousal;
    if (a->to && ms_moods_parse_point(moods, a->to, &o->to_valence,
                                      &o->to_arousal, &(size_t){0}) != MS_OK) {
        ms_cli_error("compose", "--to", ms_last_error());
        return MS_EXIT_USAGE;
    }
    if (a->seconds && parse_number(a->seconds, 1, 600, &o->seconds))
        return ms_cli_usage("compose", "--seconds wants a number from 1 "
                            "to 600");
    if (a->seed) {
        char *end;
        errno = 0;
        o->seed = strtoull(a->seed, &end, 10);
        if (errno || end == a->seed || *end || a->seed[0] == '-')
            return ms_cli_usage("compose", "--seed wants a whole number");
    }
    if (a->genre && ms_genre_parse(a->genre, &o->hints.genre) != MS_OK) {
        ms_cli_error("compose", "--genre", ms_last_error());
        return MS_EXIT_USAGE;
    }
    if (a->instrument
        && ms_instrument_parse(a->instrument, &o->hints.instrument) != MS_OK) {
        ms_cli_error("compose", "--instrument", ms_last_error());
        return MS_EXIT_USAGE;
    }
    return 0;
}

static const char *const note_names[12] = {"C", "C#", "D", "Eb", "E", "F",
                                           "F#", "G", "Ab", "A", "Bb", "B"};

static void print_result(const compose_args *a, const ms_moods *moods,
                         const ms_score *score, double elapsed, int json)
{
    const ms_plan *p = ms_score_plan(score);
    size_t idx, n_tempos;
    ms_moods_nearest(moods, p->valence, p->arousal, &idx, 1);
    const ms_tempo *t = ms_score_tempos(score, &n_tempos);
    double bpm = n_tempos ? 6e7 / t[0].usec_per_quarter : p->tempo_bpm;
    const char *mood = ms_moods_get(moods, idx)->id;
    const char *key = note_names[ms_score_key(score)];
    const char *quality = ms_mode_is_major(p->mode) ? "major" : "minor";
    if (!json) {
        printf("%s: %.0f s of %s %s music, %s %s (%s), %.0f bpm, "
               "rendered in %.2f s\n", a->out, ms_score_seconds(score), mood,
               ms_genre_name(p->genre), key, quality, ms_mode_name(p->mode),
               bpm, elapsed);
        return;
    }
    json_t *o = json_pack("{s:s, s:f, s:s, s:f, s:f, s:s, s:f, s:s, s:s, s:s, "
                          "s:o, s:f}",
                          "file", a->out, "seconds", ms_score_seconds(score),
                          "mood", mood, "valence", p->valence,
                          "arousal", p->arousal, "genre",
                          ms_genre_name(p->genre), "tempo_bpm",
                          round(bpm * 10) / 10, "key", key, "mode", quality,
                          "scale", ms_mode_name(p->mode), "midi",
                          a->midi ? json_string(a->midi) : json_null(),
                          "render_seconds", round(elapsed * 1000) / 1000);
    char *text = o ? json_dumps(o, MS_JSON_FLAGS) : NULL;
    puts(text ? text : "{\"error\":\"out of memory\"}");
    free(text);
    json_decref(o);
}

static void add_descriptor(char *buf, size_t n, const char *w)
{
    size_t used = strlen(buf);
    if (strstr(buf, w) || used + strlen(w) + 3 > n)
        return;
    snprintf(buf + used, n - used, "%s%s", used ? ", " : "", w);
}

/* What the piece is, in the words a catalogue searches: genre,
 * instruments, drums, mood, tempo, key; written into the file's tags so
 * that `moodscape index` finds it by them. */
static void describe_piece(const ms_moods *moods, const ms_score *score,
                           char *title, size_t tn, char *desc, size_t dn)
{
    const ms_plan *p = ms_score_plan(score);
    size_t idx;
    char w[64];
    ms_moods_nearest(moods, p->valence, p->arousal, &idx, 1);
    const char *mood = ms_moods_get(moods, idx)->id;
    const char *quality = ms_mode_is_major(p->mode) ? "major" : "minor";
    desc[0] = '\0';
    add_descriptor(desc, dn, ms_genre_name(p->genre));
    for (int r = MS_ROLE_MELODY; r < MS_ROLE_DRUMS; r++)
        if (p->program[r] >= 0)
            add_descriptor(desc, dn, ms_instrument_name(p->program[r]));
    if (p->program[MS_ROLE_DRUMS] >= 0)
        add_descriptor(desc, dn, "drums");
    add_descriptor(desc, dn, "instrumental");
    add_descriptor(desc, dn, mood);
    if (ms_moods_alias(moods, idx, 0))
        add_descriptor(desc, dn, ms_moods_alias(moods, idx, 0));
    add_descriptor(desc, dn, ms_tempo_word(p->tempo_bpm));
    snprintf(w, sizeof w, "%.0f bpm", p->tempo_bpm);
    add_descriptor(desc, dn, w);
    snprintf(w, sizeof w, "%s %s", note_names[ms_score_key(score)], quality);
    add_descriptor(desc, dn, w);
    snprintf(title, tn, "%c%s %s in %s %s", toupper((unsigned char)mood[0]),
             mood + 1, ms_genre_name(p->genre), note_names[ms_score_key(score)],
             quality);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static ms_status write_audio(const ms_moods *moods, const ms_score *score,
                             const ms_pcm *pcm, const char *out)
{
    char title[128], desc[512];
    describe_piece(moods, score, title, sizeof title, desc, sizeof desc);
    ms_audio_tags tags = {title, "moodscape",
                          ms_genre_name(ms_score_plan(score)->genre), desc};
    return ms_pcm_write_tagged(pcm, out, &tags);
}

/* Composes, renders and writes; the MIDI file is removed again when the
 * audio cannot be written, so a failure leaves nothing behind. */
static int compose_and_write(const compose_args *a, const ms_moods *moods,
                             const ms_compose_opts *o)
{
    ms_score *score = NULL;
    ms_synth *synth = NULL;
    ms_pcm pcm = {0};
    double start = now();
    int rc = MS_EXIT_FAILED;
    if (ms_compose(o, &score) != MS_OK)
        ms_cli_error("compose", "composing", ms_last_error());
    else if (ms_synth_open(a->soundfont, 0, &synth) != MS_OK)
        ms_cli_error("compose", "SoundFont", ms_last_error());
    else if (ms_synth_render(synth, score, 1, &pcm) != MS_OK)
        ms_cli_error("compose", "rendering", ms_last_error());
    else if (a->midi && ms_midi_write(score, a->midi) != MS_OK)
        ms_cli_error("compose", "writing the score", ms_last_error());
    else if (write_audio(moods, score, &pcm, a->out) != MS_OK) {
        ms_cli_error("compose", "writing the audio", ms_last_error());
        if (a->midi)
            unlink(a->midi);
    } else {
        print_result(a, moods, score, now() - start,
                     a->json || !isatty(STDOUT_FILENO));
        rc = MS_EXIT_OK;
    }
    ms_pcm_free(&pcm);
    ms_synth_close(synth);
    ms_score_free(score);
    return rc;
}

static ms_moods *open_moods(const char *data)
{
    char dir[4096], path[4096];
    ms_moods *moods = NULL;
    if (!(data = ms_cli_data("compose", data, dir, sizeof dir)))
        return NULL;
    if (ms_data_path(data, "moods.tsv", path, sizeof path) != MS_OK
        || ms_moods_open(path, &moods) != MS_OK)
        ms_cli_error("compose", "mood table", ms_last_error());
    return moods;
}

int ms_cmd_compose(int argc, char **argv)
{
    compose_args a = {0};
    optind = 1;
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? MS_EXIT_OK : rc;
    int given = !!a.mood + !!a.va + (optind < argc);
    if (given != 1)
        return ms_cli_usage("compose", "give exactly one of --mood, --va "
                            "and TEXT");
    if ((rc = check_outputs(&a)) != 0)
        return rc;
    ms_moods *moods = open_moods(a.data);
    if (!moods)
        return MS_EXIT_FAILED;
    char *text = optind < argc ? ms_cli_join(argc - optind, argv + optind)
                               : NULL;
    ms_compose_opts o;
    rc = build_opts(&a, moods, text, a.data, &o);
    if (rc == 0)
        rc = compose_and_write(&a, moods, &o);
    free(text);
    ms_moods_close(moods);
    return rc;
}
