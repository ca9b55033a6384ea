/* analyze.c — `moodscape analyze`: what each audio file is made of and
 * how it feels, one JSON line per file, files analysed in parallel. */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "moodscape/json.h"
#include "moodscape/listen.h"
#include "moodscape/catalog.h"

static const char help[] =
    "usage: moodscape analyze FILE... [--jobs N] [--json] [--data DIR]\n"
    "\n"
    "Listens to each audio file (WAV, FLAC, Ogg Vorbis/Opus, MP3, anything\n"
    "libsndfile reads) and prints one JSON line per file, in the order\n"
    "given: its length, tempo, key and mode, loudness, valence and arousal,\n"
    "the nearest mood and every mood's probability, and the features they\n"
    "come from. A file that cannot be read gets {\"file\":..,\"ok\":false,\n"
    "\"error\":..}; the others go on and the exit status is then 1.\n"
    "\n"
    "  --jobs N      files analysed at once (default: the number of cores)\n"
    "  --json        accepted for symmetry; the output is always JSON\n"
    "  --data DIR    read the mood table and audio model from DIR\n"
    "  -h, --help    this help\n";

static const char *const note_names[12] = {"C", "C#", "D", "Eb", "E", "F",
                                           "F#", "G", "Ab", "A", "Bb", "B"};

typedef struct job {
    char  *const *files;
    size_t n, next, done;
    char **lines;                /* JSON per file, NULL until done */
    int    failed;
    const ms_listener *listener;
    pthread_mutex_t lock;
} job;

static json_t *result_json(const char *file, const ms_listener *l,
                           const ms_features *f)
{
    ms_emotion e;
    ms_listener_hear(l, f, &e);
    const ms_moods *moods = ms_listener_moods(l);
    json_t *o = json_pack("{s:s, s:b, s:f, s:f, s:s, s:s, s:f, s:f, s:f, s:s}",
                          "file", file, "ok", 1, "duration_s", f->seconds,
                          "tempo_bpm", f->tempo_bpm, "key",
                          note_names[f->key % 12], "mode",
                          f->major ? "major" : "minor", "loudness_lufs",
                          f->loudness_lufs, "valence", e.valence, "arousal",
                          e.arousal, "mood", ms_moods_get(moods, e.mood)->id);
    json_t *probs = json_object();
    for (size_t i = 0; i < ms_moods_count(moods); i++)
        json_object_set_new(probs, ms_moods_get(moods, i)->id,
                            json_real(e.probs[i]));
    json_object_set_new(o, "moods", probs);
    char described[512];
    ms_describe_audio(f, &e, moods, described, sizeof described);
    json_object_set_new(o, "descriptors", json_string(described));
    json_object_set_new(o, "features", ms_features_json(f));
    return o;
}

/* One file's JSON line; *failed set when it could not be analysed. */
static char *analyse_one(const char *file, const ms_listener *l, int *failed)
{
    ms_features f;
    json_t *o;
    if (ms_features_of_file(file, &f) == MS_OK) {
        o = result_json(file, l, &f);
        *failed = 0;
    } else {
        o = json_pack("{s:s, s:b, s:s}", "file", file, "ok", 0, "error",
                      ms_last_error());
        *failed = 1;
    }
    char *line = o ? json_dumps(o, MS_JSON_FLAGS) : NULL;
    json_decref(o);
    return line;
}

static void progress(const job *j)
{
    int width = 30, full = (int)(width * j->done / (j->n ? j->n : 1));
    fprintf(stderr, "\ranalyze [%.*s%*s] %zu/%zu", full,
            "##############################", width - full, "", j->done,
            j->n);
    if (j->done == j->n)
        fputc('\n', stderr);
}

static void *worker(void *arg)
{
    job *j = arg;
    int show = isatty(STDERR_FILENO);
    for (;;) {
        pthread_mutex_lock(&j->lock);
        size_t i = j->next < j->n ? j->next++ : j->n;
        pthread_mutex_unlock(&j->lock);
        if (i == j->n)
            return NULL;
        int failed;
        char *line = analyse_one(j->files[i], j->listener, &failed);
        pthread_mutex_lock(&j->lock);
        j->lines[i] = line ? line : strdup("{\"ok\":false,\"error\":\"out of memory\"}");
        j->failed |= failed;
        j->done++;
        if (show)
            progress(j);
        pthread_mutex_unlock(&j->lock);
    }
}

static int run_jobs(job *j, int jobs)
{
    pthread_t threads[64];
    int started = 0;
    if (jobs > 64)
        jobs = 64;
    for (int t = 0; t < jobs; t++)
        started += pthread_create(&threads[started], NULL, worker, j) == 0;
    if (!started)
        worker(j);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    for (size_t i = 0; i < j->n; i++) {
        puts(j->lines[i] ? j->lines[i] : "{\"ok\":false}");
        free(j->lines[i]);
    }
    return j->failed ? MS_EXIT_FAILED : MS_EXIT_OK;
}

static ms_listener *open_listener(const char *data)
{
    char dir[4096];
    ms_listener *l = NULL;
    if (!(data = ms_cli_data("analyze", data, dir, sizeof dir)))
        return NULL;
    if (ms_listener_open(data, &l) != MS_OK)
        ms_cli_error("analyze", "audio model", ms_last_error());
    return l;
}

int ms_cmd_analyze(int argc, char **argv)
{
    static const struct option longs[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"json", no_argument, NULL, 'J'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *data = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    int c;
    char *end;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hj:", longs, NULL)) != -1) {
        switch (c) {
        case 'j':
            jobs = strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > 64)
                return ms_cli_usage("analyze", "--jobs wants 1 to 64");
            break;
        case 'J': break;
        case 'd': data = optarg; break;
        case 'h': fputs(help, stdout); return MS_EXIT_OK;
        default: return ms_cli_bad_option("analyze", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return ms_cli_usage("analyze", "no audio files given");
    ms_listener *l = open_listener(data);
    if (!l)
        return MS_EXIT_FAILED;
    job j = {argv + optind, (size_t)(argc - optind), 0, 0, NULL, 0, l,
             PTHREAD_MUTEX_INITIALIZER};
    j.lines = calloc(j.n, sizeof *j.lines);
    int rc = MS_EXIT_FAILED;
    if (!j.lines)
        ms_cli_error("analyze", "memory", "out of memory");
    else
        rc = run_jobs(&j, jobs < 1 ? 1 : (int)jobs);
    free(j.lines);
    ms_listener_close(l);
    return rc;
}
