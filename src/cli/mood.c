/* mood.c — `moodscape mood`: the feeling in a text, or in each line of
 * standard input as JSON lines. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "moodscape/json.h"
#include "moodscape/text.h"

static const char help[] =
    "usage: moodscape mood [TEXT...] [--json] [--data DIR]\n"
    "\n"
    "Reads how TEXT feels: the mood (one of the 12 of the mood table), its\n"
    "valence and arousal, the colour of that point, the probability of each\n"
    "mood, the words that decided it, and the feeling wished for when the\n"
    "text states one (\"I'm stressed and want to unwind\").\n"
    "\n"
    "With TEXT (several words are joined by spaces) it answers once; without,\n"
    "it reads standard input and writes one JSON object per input line. A\n"
    "line that cannot be read (empty, not UTF-8) gets {\"line\":N,\"error\":..}\n"
    "and the rest go on; the exit status is then 1.\n"
    "\n"
    "  --json        JSON even when writing to a terminal\n"
    "  --data DIR    read models from DIR instead of the default data dir\n"
    "  -h, --help    this help\n";

typedef struct mood_opts {
    int json;
    const char *data;
} mood_opts;

static void print_json(json_t *obj)
{
    char *s = obj ? json_dumps(obj, MS_JSON_FLAGS) : NULL;
    puts(s ? s : "{\"error\":\"out of memory\"}");
    free(s);
}

static void print_human(const ms_moods *moods, const ms_reading *r)
{
    const ms_emotion *e = &r->emotion;
    char hex[8];
    unsigned char rgb[3];
    ms_moods_colour(moods, e->valence, e->arousal, rgb, hex);
    printf("%s%s  (confidence %.2f)  valence %+.2f  arousal %+.2f  %s\n",
           ms_moods_get(moods, e->mood)->id, r->uncertain ? "?" : "",
           e->confidence, e->valence, e->arousal, hex);
    if (r->uncertain)
        printf("  little feeling in these words; the guess is weak\n");
    for (size_t i = 0; i < r->n_evidence; i++)
        printf("%s%s%s", i ? ", " : "  because of: ",
               r->evidence[i].negated ? "not " : "", r->evidence[i].word);
    if (r->n_evidence)
        printf("\n");
    if (r->has_desired)
        printf("  wishes for: %s  valence %+.2f  arousal %+.2f\n",
               ms_moods_get(moods, r->desired.mood)->id, r->desired.valence,
               r->desired.arousal);
}

static void print_line_error(size_t line, const char *text, size_t len,
                             const char *why)
{
    json_t *obj = json_object();
    json_object_set_new(obj, "line", json_integer((json_int_t)line));
    json_t *t = json_stringn(text, len);      /* NULL when not UTF-8 */
    json_object_set_new(obj, "text", t ? t : json_null());
    json_object_set_new(obj, "error", json_string(why));
    print_json(obj);
    json_decref(obj);
}

/* Reads one text and prints its answer; returns 0 on success. */
static int answer(const ms_reader *r, const char *text, size_t len, int json,
                  size_t line)
{
    ms_reading reading;
    const ms_moods *moods = ms_reader_moods(r);
    if (ms_reader_read(r, text, len, &reading) != MS_OK) {
        if (line)
            print_line_error(line, text, len, ms_last_error());
        else
            ms_cli_error("mood", "text", ms_last_error());
        return -1;
    }
    if (!json) {
        print_human(moods, &reading);
        return 0;
    }
    json_t *obj = ms_reading_json(moods, text, &reading);
    print_json(obj);
    json_decref(obj);
    return 0;
}

static int read_lines(const ms_reader *r, int json)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int failed = 0, prompt = isatty(STDIN_FILENO);
    if (prompt)
        fputs("How do you feel? (one line at a time, Ctrl-D to end)\n> ", stderr);
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)n;
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        failed |= answer(r, line, len, json, lineno) != 0;
        fflush(stdout);
        if (prompt)
            fputs("> ", stderr);
    }
    free(line);
    return failed ? MS_EXIT_FAILED : MS_EXIT_OK;
}

static int parse_opts(int argc, char **argv, mood_opts *o)
{
    static const struct option longs[] = {
        {"json", no_argument, NULL, 'j'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'j': o->json = 1; break;
        case 'd': o->data = optarg; break;
        case 'h': fputs(help, stdout); return -1;
        default:
            return ms_cli_bad_option("mood", argv[optind - 1]);
        }
    }
    return 0;
}

int ms_cmd_mood(int argc, char **argv)
{
    mood_opts o = {0, NULL};
    optind = 1;
    int st = parse_opts(argc, argv, &o);
    if (st != 0)
        return st < 0 ? MS_EXIT_OK : st;
    ms_reader *r = ms_cli_reader("mood", o.data);
    if (!r)
        return MS_EXIT_FAILED;
    int json = o.json || !isatty(STDOUT_FILENO);
    if (optind >= argc) {
        st = read_lines(r, json);
    } else {
        char *text = ms_cli_join(argc - optind, argv + optind);
        st = text && answer(r, text, strlen(text), json, 0) == 0
           ? MS_EXIT_OK : MS_EXIT_FAILED;
        free(text);
    }
    ms_reader_close(r);
    return st;
}
