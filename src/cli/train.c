/* train.c — `moodscape train`: build the lexicon and the text model from
 * the data in the repository. The build runs these; they are commands so
 * anyone can rebuild and inspect a model by hand. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "moodscape/listen.h"
#include "moodscape/train.h"

static const char help[] =
    "usage: moodscape train lexicon --wordnet DIR --seed SEED.tsv --out DIR\n"
    "       moodscape train synonyms --wordnet DIR --seed SYNONYMS.tsv\n"
    "                                --out OUT.tsv\n"
    "       moodscape train text --data DIR --corpus CORPUS.tsv\n"
    "                            [--neutral NEUTRAL.tsv] --model OUT.model\n"
    "                            --dev DEV.tsv\n"
    "       moodscape train audio --data DIR --model OUT.model\n"
    "                             --soundfont SF [--soundfont SF]...\n"
    "                             [--clips N] [--seed N]\n"
    "\n"
    "lexicon  writes morph.txt and lexicon.tsv into --out: the authored seed\n"
    "         expanded through the WordNet database in --wordnet.\n"
    "synonyms writes --out: the authored music synonyms of --seed, grown\n"
    "         through WordNet's adjectives.\n"
    "text     trains the text model with the lexicon in --data, holding one\n"
    "         sentence in five out as the dev split written to --dev.\n"
    "audio    renders --clips varied pieces (default 1500) with the given\n"
    "         SoundFonts and fits the music emotion model to them.\n"
    "\n"
    "All are deterministic: the same inputs give byte-identical outputs.\n";

#define SOUNDFONTS_MAX 8

typedef struct train_opts {
    const char *wordnet, *seed, *out, *data, *corpus, *neutral, *model, *dev;
    const char *soundfonts[SOUNDFONTS_MAX];
    size_t      n_soundfonts;
    const char *clips;
} train_opts;

static int parse_opts(int argc, char **argv, train_opts *o)
{
    static const struct option longs[] = {
        {"wordnet", required_argument, NULL, 'w'},
        {"seed", required_argument, NULL, 's'},
        {"out", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"corpus", required_argument, NULL, 'c'},
        {"neutral", required_argument, NULL, 'n'},
        {"model", required_argument, NULL, 'm'},
        {"dev", required_argument, NULL, 'v'},
        {"soundfont", required_argument, NULL, 'f'},
        {"clips", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'w': o->wordnet = optarg; break;
        case 's': o->seed = optarg; break;
        case 'o': o->out = optarg; break;
        case 'd': o->data = optarg; break;
        case 'c': o->corpus = optarg; break;
        case 'n': o->neutral = optarg; break;
        case 'm': o->model = optarg; break;
        case 'v': o->dev = optarg; break;
        case 'k': o->clips = optarg; break;
        case 'f':
            if (o->n_soundfonts == SOUNDFONTS_MAX)
                return ms_cli_usage("train", "too many --soundfont");
            o->soundfonts[o->n_soundfonts++] = optarg;
            break;
        case 'h': fputs(help, stdout); return -1;
        default: return ms_cli_usage("train", "unknown or incomplete option");
        }
    }
    return 0;
}

static int train_lexicon(const train_opts *o)
{
    ms_lexicon_report rep;
    if (!o->wordnet || !o->seed || !o->out)
        return ms_cli_usage("train", "lexicon needs --wordnet, --seed and --out");
    if (ms_train_lexicon(o->wordnet, o->seed, o->out, &rep) != MS_OK) {
        ms_cli_error("train", "lexicon", ms_last_error());
        return MS_EXIT_FAILED;
    }
    fprintf(stderr, "lexicon: %zu seed terms grew to %zu terms "
            "(%zu single words)\n", rep.seed_terms, rep.total_terms,
            rep.single_words);
    return MS_EXIT_OK;
}

static int train_synonyms(const train_opts *o)
{
    size_t added;
    if (!o->wordnet || !o->seed || !o->out)
        return ms_cli_usage("train", "synonyms needs --wordnet, --seed and "
                            "--out");
    if (ms_train_synonyms(o->wordnet, o->seed, o->out, &added) != MS_OK) {
        ms_cli_error("train", "synonyms", ms_last_error());
        return MS_EXIT_FAILED;
    }
    fprintf(stderr, "synonyms: %zu words added from WordNet\n", added);
    return MS_EXIT_OK;
}

static int train_text(const train_opts *o)
{
    ms_text_report rep;
    if (!o->data || !o->corpus || !o->model || !o->dev)
        return ms_cli_usage("train", "text needs --data, --corpus, --model "
                            "and --dev");
    if (ms_train_text(o->data, o->corpus, o->neutral, o->model, o->dev,
                      &rep) != MS_OK) {
        ms_cli_error("train", "text", ms_last_error());
        return MS_EXIT_FAILED;
    }
    fprintf(stderr, "text model: trained on %zu sentences + %zu neutral; "
            "held out %zu + %zu\n", rep.train, rep.neutral_train, rep.dev,
            rep.neutral_dev);
    return MS_EXIT_OK;
}

static int train_audio(const train_opts *o)
{
    ms_listen_train_opts t = {o->soundfonts, o->n_soundfonts, 1500, 1, 0.01,
                              isatty(STDERR_FILENO)};
    char *end;
    if (!o->data || !o->model || !o->n_soundfonts)
        return ms_cli_usage("train", "audio needs --data, --model and a "
                            "--soundfont");
    if (o->clips) {
        t.clips = strtoul(o->clips, &end, 10);
        if (*end || t.clips < 100 || t.clips > 1000000)
            return ms_cli_usage("train", "--clips wants 100 or more");
    }
    if (o->seed)
        t.seed = strtoull(o->seed, &end, 10);
    if (ms_listen_train(o->data, &t, o->model) != MS_OK) {
        ms_cli_error("train", "audio", ms_last_error());
        return MS_EXIT_FAILED;
    }
    fprintf(stderr, "audio model: fitted to %zu renders\n", t.clips);
    return MS_EXIT_OK;
}

int ms_cmd_train(int argc, char **argv)
{
    train_opts o = {0};
    optind = 1;
    int st = parse_opts(argc, argv, &o);
    if (st != 0)
        return st < 0 ? MS_EXIT_OK : st;
    if (optind >= argc)
        return ms_cli_usage("train", "say what to train: lexicon, text or "
                            "audio");
    if (strcmp(argv[optind], "lexicon") == 0)
        return train_lexicon(&o);
    if (strcmp(argv[optind], "text") == 0)
        return train_text(&o);
    if (strcmp(argv[optind], "synonyms") == 0)
        return train_synonyms(&o);
    if (strcmp(argv[optind], "audio") == 0)
        return train_audio(&o);
    return ms_cli_usage("train", "unknown model; expected lexicon, text or "
                        "audio");
}
