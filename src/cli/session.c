/* session.c — `moodscape session`: an iso-principle session from where
 * the listener is to where they want to be, composed and mixed to one
 * audio file, with its plan. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "moodscape/audio.h"
#include "moodscape/catalog.h"
#include "moodscape/data.h"
#include "moodscape/json.h"
#include "moodscape/listen.h"
#include "moodscape/session.h"

static const char help[] =
    "usage: moodscape session --from X --to Y -o OUT.(wav|flac|ogg)\n"
    "                         [--minutes M] [--path SHAPE] [--plan PLAN.json]\n"
    "                         [--variety T] [--lufs L] [--seed N]\n"
    "                         [--source compose|catalog] [--db PATH]\n"
    "                         [--soundfont SF]\n"
    "\n"
    "Composes music that starts where the listener is and walks them to\n"
    "where they want to be (the iso principle of music therapy): it holds\n"
    "near X for the first fifth, moves, and holds near Y for the last\n"
    "fifth, in segments of 30 s that continue one another (key, tempo,\n"
    "motif) and are crossfaded over a quarter of their length. Each segment\n"
    "of the output is then heard by the music emotion model: it prints, as\n"
    "JSON, how far what was heard lies from the plan and how well its path\n"
    "follows the planned one (Spearman, per axis). X and Y are\n"
    "a mood id, \"v,a\", or words (\"I'm furious at my landlord\"; for Y, a\n"
    "wish such as \"calm enough to sleep\" counts).\n"
    "\n"
    "  --minutes M     length, more than 0 and at most 240 (default 15)\n"
    "  --path SHAPE    dynamic (default: eased, arousal leading), direct,\n"
    "                  arousal-first, valence-first\n"
    "  --plan FILE     write the plan: every segment's time, points, mood,\n"
    "                  tempo, key and instruments, as JSON\n"
    "  --variety T     0..1: how often genre and instruments change between\n"
    "                  segments (default 0.2)\n"
    "  --lufs L        loudness of every segment (default -18 LUFS)\n"
    "  --seed N        the same seed gives the same session\n"
    "  --source S      compose (default), or catalog: for each segment the\n"
    "                  unused catalogue track nearest in feeling, cut at\n"
    "                  whole beats\n"
    "  --db PATH       the catalogue for --source catalog (default:\n"
    "                  $MOODSCAPE_DB, else\n"
    "                  ~/.local/share/moodscape/catalog.db)\n"
    "  --soundfont SF  General MIDI SoundFont to render with\n"
    "  --data DIR      read models from DIR instead of the default data dir\n"
    "  -h, --help      this help\n";

typedef struct args {
    const char *from, *to, *out, *plan, *path, *variety, *lufs, *seed;
    const char *minutes, *source, *soundfont, *data, *db;
} args;

static int parse(int argc, char **argv, args *a)
{
    static const struct option longs[] = {
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"minutes", required_argument, NULL, 'm'},
        {"path", required_argument, NULL, 'p'},
        {"plan", required_argument, NULL, 'P'},
        {"variety", required_argument, NULL, 'v'},
        {"lufs", required_argument, NULL, 'l'},
        {"seed", required_argument, NULL, 's'},
        {"source", required_argument, NULL, 'S'},
        {"soundfont", required_argument, NULL, 'F'},
        {"data", required_argument, NULL, 'd'},
        {"db", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", longs, NULL)) != -1) {
        switch (c) {
        case 'f': a->from = optarg; break;
        case 't': a->to = optarg; break;
        case 'o': a->out = optarg; break;
        case 'm': a->minutes = optarg; break;
        case 'p': a->path = optarg; break;
        case 'P': a->plan = optarg; break;
        case 'v': a->variety = optarg; break;
        case 'l': a->lufs = optarg; break;
        case 's': a->seed = optarg; break;
        case 'S': a->source = optarg; break;
        case 'F': a->soundfont = optarg; break;
        case 'd': a->data = optarg; break;
        case 'b': a->db = optarg; break;
        case 'h': fputs(help, stdout); return -1;
        default: return ms_cli_bad_option("session", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return ms_cli_usage("session", "unexpected words; put text in quotes "
                            "after --from or --to");
    if (!a->from || !a->to || !a->out)
        return ms_cli_usage("session", "--from, --to and -o are required");
    return 0;
}

/* A point from a mood id, "v,a", or words; for the goal a stated wish
 * wins over the feeling the words express. */
static int read_point(const ms_reader *r, const char *s, int goal, double *v,
                      double *a)
{
    size_t mood;
    if (ms_moods_parse_point(ms_reader_moods(r), s, v, a, &mood) == MS_OK)
        return 0;
    ms_reading reading;
    if (ms_reader_read(r, s, strlen(s), &reading) != MS_OK) {
        ms_cli_error("session", goal ? "--to" : "--from", ms_last_error());
        return -1;
    }
    const ms_emotion *e = goal && reading.has_desired ? &reading.desired
                                                      : &reading.emotion;
    *v = e->valence;
    *a = e->arousal;
    return 0;
}

static int number(const char *s, double lo, double hi, double *out)
{
    char *end;
    double x = strtod(s, &end);
    if (end == s || *end || !(x >= lo && x <= hi))
        return -1;
    *out = x;
    return 0;
}

static int read_options(const args *a, ms_session_opts *o, double *minutes,
                        ms_path_shape *shape)
{
    ms_session_opts_default(o);
    o->soundfont = a->soundfont;
    *minutes = 15;
    *shape = MS_PATH_DYNAMIC;
    if (a->minutes && number(a->minutes, 0, 1e9, minutes))
        return ms_cli_usage("session", "--minutes wants a number");
    if (a->variety && number(a->variety, 0, 1, &o->variety))
        return ms_cli_usage("session", "--variety wants a number from 0 to 1");
    if (a->lufs && number(a->lufs, -40, -6, &o->target_lufs))
        return ms_cli_usage("session", "--lufs wants -40 to -6");
    double seed = 1;
    if (a->seed && number(a->seed, 0, 9e15, &seed))
        return ms_cli_usage("session", "--seed wants a whole number");
    o->seed = (uint64_t)seed;
    if (a->path && ms_path_shape_parse(a->path, shape) != MS_OK)
        return ms_cli_usage("session", ms_last_error());
    if (a->source && strcmp(a->source, "compose") != 0
        && strcmp(a->source, "catalog") != 0)
        return ms_cli_usage("session", "--source is compose or catalog");
    if (!ms_pcm_format_known(a->out) || strstr(a->out, ".opus"))
        return ms_cli_usage("session", "-o wants a .wav, .flac or .ogg file");
    return 0;
}

static const char *const note_names[12] = {"C", "C#", "D", "Eb", "E", "F",
                                           "F#", "G", "Ab", "A", "Bb", "B"};

static json_t *consistency_json(const ms_session_plan *p)
{
    ms_consistency c;
    if (ms_session_consistency(p, &c) != MS_OK)
        return json_null();
    return json_pack("{s:f, s:f, s:f}", "mean_distance", c.mean_distance,
                     "valence_rho", c.valence_rho, "arousal_rho",
                     c.arousal_rho);
}

static json_t *plan_json(const ms_session_plan *p, const ms_moods *moods)
{
    json_t *segs = json_array();
    for (size_t i = 0; i < p->count; i++) {
        const ms_segment *s = &p->segments[i];
        json_t *o = json_pack(
            "{s:f, s:f, s:[f,f], s:[f,f], s:s, s:f, s:s, s:s}",
            "start_s", s->start_s, "seconds", s->seconds,
            "from", s->valence0, s->arousal0, "to", s->valence1, s->arousal1,
            "mood", ms_moods_get(moods, s->mood)->id,
            "tempo_bpm", s->tempo_bpm, "genre", s->genre,
            "source", s->track[0] ? "catalog" : "compose");
        if (o && s->key >= 0) {
            json_object_set_new(o, "key", json_string(note_names[s->key % 12]));
            json_object_set_new(o, "mode", json_string(s->major ? "major"
                                                                : "minor"));
            json_object_set_new(o, "instruments", json_string(s->instruments));
        }
        if (o && s->track[0])
            json_object_set_new(o, "track", json_string(s->track));
        if (o && s->measured)
            json_object_set_new(o, "heard", json_pack("[f,f]",
                                s->heard_valence, s->heard_arousal));
        json_array_append_new(segs, o);
    }
    return json_pack("{s:[f,f], s:[f,f], s:s, s:f, s:f, s:o, s:o}",
                     "from", p->from_valence, p->from_arousal,
                     "to", p->to_valence, p->to_arousal,
                     "path", ms_path_shape_name(p->shape),
                     "seconds", p->seconds, "segment_seconds",
                     p->segment_seconds, "consistency", consistency_json(p),
                     "segments", segs);
}

/* One JSON line on standard output: what was made, and how closely. */
static void print_summary(const char *out, const ms_session_plan *p)
{
    json_t *j = json_pack("{s:s, s:f, s:I, s:o}", "file", out,
                          "seconds", p->seconds, "segments",
                          (json_int_t)p->count, "consistency",
                          consistency_json(p));
    char *s = j ? json_dumps(j, MS_JSON_FLAGS) : NULL;
    puts(s ? s : "{\"error\":\"out of memory\"}");
    free(s);
    json_decref(j);
}

static int write_plan(const char *path, const ms_session_plan *p,
                      const ms_moods *moods)
{
    json_t *j = plan_json(p, moods);
    size_t flags = JSON_INDENT(1) | JSON_REAL_PRECISION(4);
    int rc = j && json_dump_file(j, path, flags) == 0 ? 0 : -1;
    json_decref(j);
    if (rc)
        ms_cli_error("session", path, "cannot write the plan");
    return rc;
}

static void progress(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    fprintf(stderr, "\rsession: segment %zu of %zu", done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* The catalogue for --source catalog, checked to hold a track to play
 * for each of `segments`; NULL (with the error said) otherwise. */
static ms_catalog *open_source(const char *db, size_t segments)
{
    char path[4096], why[160];
    ms_catalog *cat = NULL;
    ms_catalog_stats n = {0};
    if (!db && ms_catalog_default_path(path, sizeof path) == MS_OK)
        db = path;
    if (!db || ms_catalog_open(db, 1, &cat) != MS_OK) {
        ms_cli_error("session", "catalogue", ms_last_error());
        return NULL;
    }
    ms_catalog_stats_get(cat, &n);
    if (n.playable < segments) {
        snprintf(why, sizeof why, "%zu tracks with audio files; a session "
                 "of %zu segments plays %zu different ones", n.playable,
                 segments, segments);
        ms_cli_error("session", "catalogue", why);
        ms_catalog_close(cat);
        return NULL;
    }
    return cat;
}

static int run(const args *a, ms_reader *r, const ms_listener *l)
{
    ms_session_opts o;
    ms_session_plan plan;
    double minutes, v0, a0, v1, a1;
    ms_path_shape shape;
    int rc = read_options(a, &o, &minutes, &shape);
    if (rc)
        return rc;
    if (read_point(r, a->from, 0, &v0, &a0)
        || read_point(r, a->to, 1, &v1, &a1))
        return MS_EXIT_USAGE;
    const ms_moods *moods = ms_reader_moods(r);
    if (ms_session_plan_make(moods, v0, a0, v1, a1, minutes, 30, shape,
                             &plan) != MS_OK) {
        ms_cli_error("session", "plan", ms_last_error());
        return MS_EXIT_USAGE;
    }
    if (isatty(STDERR_FILENO))
        o.progress = progress;
    o.listener = l;
    ms_catalog *cat = NULL;
    if (a->source && strcmp(a->source, "catalog") == 0
        && !(o.catalog = cat = open_source(a->db, plan.count))) {
        ms_session_plan_free(&plan);
        return MS_EXIT_FAILED;
    }
    rc = MS_EXIT_FAILED;
    if (ms_session_render(&plan, moods, &o, a->out) != MS_OK)
        ms_cli_error("session", a->out, ms_last_error());
    else if (!a->plan || write_plan(a->plan, &plan, moods) == 0) {
        print_summary(a->out, &plan);
        rc = MS_EXIT_OK;
    } else {
        unlink(a->out);                  /* the pair, or nothing */
    }
    ms_session_plan_free(&plan);
    ms_catalog_close(cat);
    return rc;
}

int ms_cmd_session(int argc, char **argv)
{
    args a = {0};
    int rc = parse(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? MS_EXIT_OK : rc;
    char dir[4096];
    const char *data = ms_cli_data("session", a.data, dir, sizeof dir);
    ms_reader *r = data ? ms_cli_reader("session", data) : NULL;
    ms_listener *l = NULL;
    if (r && ms_listener_open(data, &l) != MS_OK)
        ms_cli_error("session", "audio model", ms_last_error());
    rc = l ? run(&a, r, l) : MS_EXIT_FAILED;
    ms_listener_close(l);
    ms_reader_close(r);
    return rc;
}
