/* main.c — the moodscape command: dispatch to a subcommand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "moodscape/data.h"

static const char usage[] =
    "usage: moodscape <command> [options]\n"
    "\n"
    "Turns how a person feels into music.\n"
    "\n"
    "commands:\n"
    "  mood [TEXT]          read the mood in TEXT, or in each line of stdin\n"
    "  eval text FILE.tsv   measure the text model on labelled sentences\n"
    "  train lexicon|text   build the lexicon or the text model (the build\n"
    "                       runs these; see 'moodscape train --help')\n"
    "\n"
    "Every command has --help. Data (mood table, models) is found beside\n"
    "the executable; MOODSCAPE_DATA overrides.\n";

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"mood", ms_cmd_mood},
    {"compose", ms_cmd_compose},
    {"analyze", ms_cmd_analyze},
    {"eval", ms_cmd_eval},
    {"train", ms_cmd_train},
    {"import", ms_cmd_import},
    {"index", ms_cmd_index},
    {"recommend", ms_cmd_recommend},
    {"session", ms_cmd_session},
};

void ms_cli_error(const char *sub, const char *what, const char *why)
{
    fprintf(stderr, "moodscape: %s: %s: %s\n", sub, what, why);
}

int ms_cli_usage(const char *sub, const char *what)
{
    fprintf(stderr, "moodscape: %s: %s\nTry 'moodscape %s --help'.\n", sub,
            what, sub);
    return MS_EXIT_USAGE;
}

const char *ms_cli_data(const char *sub, const char *given, char *buf,
                        size_t n)
{
    if (given)
        return given;
    if (ms_data_dir(buf, n) != MS_OK) {
        ms_cli_error(sub, "data", ms_last_error());
        return NULL;
    }
    return buf;
}

ms_reader *ms_cli_reader(const char *sub, const char *dir)
{
    char found[4096];
    ms_reader *r = NULL;
    if (!(dir = ms_cli_data(sub, dir, found, sizeof found)))
        return NULL;
    if (ms_reader_open(dir, &r) != MS_OK)
        ms_cli_error(sub, "loading models", ms_last_error());
    return r;
}

int ms_cli_bad_option(const char *sub, const char *arg)
{
    char what[256];
    snprintf(what, sizeof what, "%s: unknown option, or it needs a value",
             arg);
    return ms_cli_usage(sub, what);
}

char *ms_cli_join(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *s = malloc(len), *p = s;
    for (int i = 0; s && i < argc; i++)
        p += sprintf(p, "%s%s", i ? " " : "", argv[i]);
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return MS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return MS_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "moodscape: unknown command '%s'\n\n%s", argv[1], usage);
    return MS_EXIT_USAGE;
}
