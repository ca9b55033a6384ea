/* recommend.c — `moodscape import`, `moodscape recommend` and
 * `moodscape eval reco`: filling the catalogue with tag-only tracks,
 * asking it for music in plain words, and measuring how well it answers. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "moodscape/catalog.h"
#include "moodscape/json.h"
#include "moodscape/metrics.h"
#include "base/tsv.h"

static const char import_help[] =
    "usage: moodscape import TSV [--db PATH] [--data DIR]\n"
    "\n"
    "Adds tracks known only by their metadata to the catalogue. The first\n"
    "line of TSV names the tab-separated columns: 'id' and 'descriptors'\n"
    "(comma-separated words and phrases: genre, mood, instruments, context,\n"
    "tempo...) are required; 'title', 'artist', 'tags', 'valence' and\n"
    "'arousal' (in [-1, 1]) are optional. A track without valence and\n"
    "arousal gets the emotion its descriptors carry. Rows replace tracks\n"
    "with the same id. The file goes in whole or not at all.\n"
    "\n"
    "  --db PATH     the catalogue (default: $MOODSCAPE_DB, else\n"
    "                ~/.local/share/moodscape/catalog.db)\n"
    "  --data DIR    read models from DIR instead of the default data dir\n"
    "  -h, --help    this help\n";

static const char index_help[] =
    "usage: moodscape index DIR|FILE... [--db PATH] [--jobs N] [--prune]\n"
    "\n"
    "Analyses audio files (WAV, FLAC, Ogg, Opus, MP3...; folders are walked)\n"
    "into the catalogue: tags, tempo, key, loudness, emotion and words for\n"
    "what was heard, so an untagged library can still be found by words.\n"
    "Files indexed before and unchanged since (same size and time) are\n"
    "skipped. Each file is stored as soon as it is done: stop it at any\n"
    "moment and run it again to go on. Files that cannot be analysed are\n"
    "recorded with the reason; the others go on, and the exit status is 1.\n"
    "\n"
    "  --db PATH     the catalogue (default: $MOODSCAPE_DB, else\n"
    "                ~/.local/share/moodscape/catalog.db)\n"
    "  --jobs N      files analysed at once (default: one per core)\n"
    "  --prune       forget indexed files that no longer exist\n"
    "  --data DIR    read models from DIR instead of the default data dir\n"
    "  -h, --help    this help\n";

static const char recommend_help[] =
    "usage: moodscape recommend [TEXT...] [-k N] [--db PATH] [--json]\n"
    "\n"
    "Finds music in the catalogue for a request in plain words: a mood\n"
    "(\"feeling low tonight\"), a wish (\"cheer me up\"), a description\n"
    "(\"soft piano, nothing with words, for studying\") or all of them.\n"
    "Each result says why it was chosen. With TEXT it answers once;\n"
    "without, it reads one request per line of standard input and writes\n"
    "one JSON object per line.\n"
    "\n"
    "  -k N          results per request (default 10, at most 100)\n"
    "  --db PATH     the catalogue (default: $MOODSCAPE_DB, else\n"
    "                ~/.local/share/moodscape/catalog.db)\n"
    "  --json        JSON even when writing to a terminal\n"
    "  --data DIR    read models from DIR instead of the default data dir\n"
    "  -h, --help    this help\n";

typedef struct opts {
    const char *db, *data;
    size_t k;
    int json, prune;
    unsigned jobs;
} opts;

/* 0 and *out when s is a whole number from lo to hi, else -1. */
static int whole_number(const char *s, long lo, long hi, long *out)
{
    char *end;
    long x = strtol(s, &end, 10);
    if (end == s || *end || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

static int parse(const char *sub, const char *help, int argc, char **argv,
                 opts *o)
{
    static const struct option longs[] = {
        {"db", required_argument, NULL, 'b'},
        {"data", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"jobs", required_argument, NULL, 'J'},
        {"prune", no_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    long n;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hk:", longs, NULL)) != -1) {
        switch (c) {
        case 'b': o->db = optarg; break;
        case 'p': o->prune = 1; break;
        case 'J':
            if (whole_number(optarg, 1, 64, &n) != 0)
                return ms_cli_usage(sub, "--jobs wants 1 to 64");
            o->jobs = (unsigned)n;
            break;
        case 'd': o->data = optarg; break;
        case 'j': o->json = 1; break;
        case 'k':
            if (whole_number(optarg, 1, 100, &n) != 0)
                return ms_cli_usage(sub, "-k wants a number from 1 to 100");
            o->k = (size_t)n;
            break;
        case 'h': fputs(help, stdout); return -1;
        default: return ms_cli_bad_option(sub, argv[optind - 1]);
        }
    }
    return 0;
}

/* Opens the catalogue named by --db or the default one; prints the error
 * and returns NULL on failure. */
static ms_catalog *open_catalog(const char *sub, const char *db,
                                int read_only)
{
    char path[4096];
    ms_catalog *cat = NULL;
    if (!db) {
        if (ms_catalog_default_path(path, sizeof path) != MS_OK) {
            ms_cli_error(sub, "catalogue", ms_last_error());
            return NULL;
        }
        db = path;
    }
    if (ms_catalog_open(db, read_only, &cat) != MS_OK)
        ms_cli_error(sub, "catalogue", ms_last_error());
    return cat;
}

int ms_cmd_import(int argc, char **argv)
{
    opts o = {0};
    int st = parse("import", import_help, argc, argv, &o);
    if (st != 0)
        return st < 0 ? MS_EXIT_OK : st;
    if (argc - optind != 1)
        return ms_cli_usage("import", "expected one TSV file");
    ms_reader *r = ms_cli_reader("import", o.data);
    ms_catalog *cat = r ? open_catalog("import", o.db, 0) : NULL;
    size_t added = 0;
    st = MS_EXIT_FAILED;
    if (cat && ms_catalog_import(cat, r, argv[optind], &added) == MS_OK) {
        fprintf(stderr, "moodscape: import: %zu tracks from %s\n", added,
                argv[optind]);
        st = MS_EXIT_OK;
    } else if (cat) {
        ms_cli_error("import", "nothing imported", ms_last_error());
    }
    ms_catalog_close(cat);
    ms_reader_close(r);
    return st;
}

static void progress(void *ctx, size_t done, size_t total, const char *path)
{
    int width = 30, full = (int)(width * done / (total ? total : 1));
    const char *slash = strrchr(path, '/');
    (void)ctx;
    fprintf(stderr, "\rindex [%.*s%*s] %zu/%zu %-30.30s", full,
            "##############################", width - full, "", done, total,
            slash ? slash + 1 : path);
    if (done == total)
        fputc('\n', stderr);
}

static ms_listener *open_listener(const char *data)
{
    char dir[4096];
    ms_listener *l = NULL;
    if (!(data = ms_cli_data("index", data, dir, sizeof dir)))
        return NULL;
    if (ms_listener_open(data, &l) != MS_OK)
        ms_cli_error("index", "audio model", ms_last_error());
    return l;
}

int ms_cmd_index(int argc, char **argv)
{
    opts o = {0};
    int st = parse("index", index_help, argc, argv, &o);
    if (st != 0)
        return st < 0 ? MS_EXIT_OK : st;
    if (optind >= argc)
        return ms_cli_usage("index", "expected folders or files to index");
    ms_reader *r = ms_cli_reader("index", o.data);
    ms_listener *l = r ? open_listener(o.data) : NULL;
    ms_catalog *cat = l ? open_catalog("index", o.db, 0) : NULL;
    ms_index_opts io = {o.jobs, o.prune,
                        isatty(STDERR_FILENO) ? progress : NULL, NULL};
    ms_index_report rep;
    st = MS_EXIT_FAILED;
    if (cat && ms_catalog_index(cat, l, r, (const char *const *)argv + optind,
                                (size_t)(argc - optind), &io, &rep) == MS_OK) {
        fprintf(stderr, "moodscape: index: %zu audio files: %zu added, %zu "
                "unchanged, %zu failed, %zu forgotten\n", rep.found,
                rep.added, rep.unchanged, rep.failed, rep.pruned);
        st = rep.failed ? MS_EXIT_FAILED : MS_EXIT_OK;
    } else if (cat) {
        ms_cli_error("index", "indexing", ms_last_error());
    }
    ms_catalog_close(cat);
    ms_listener_close(l);
    ms_reader_close(r);
    return st;
}

static void print_human(const ms_moods *moods, const ms_hits *h)
{
    const ms_emotion *e = &h->target;
    printf("for %s%s:\n", ms_moods_get(moods, e->mood)->id,
           h->for_desired ? " (where you want to be)" : "");
    if (h->count == 0)
        printf("  nothing in the catalogue yet\n");
    for (size_t i = 0; i < h->count; i++) {
        const ms_hit *t = &h->items[i];
        printf("%2zu. %s%s%s  [%s]\n    %s\n", i + 1,
               t->title ? t->title : t->id, t->artist ? " - " : "",
               t->artist ? t->artist : "", t->id, t->why);
    }
}

/* Answers one request; returns 0, or -1 when it could not be read. */
static int answer(ms_catalog *cat, const ms_reader *r, const char *text,
                  const opts *o, int json, size_t line)
{
    ms_hits hits;
    if (ms_catalog_recommend(cat, r, text, o->k, &hits) != MS_OK) {
        if (!line) {
            ms_cli_error("recommend", "request", ms_last_error());
            return -1;
        }
        json_t *err = json_pack("{s:I, s:s}", "line", (json_int_t)line,
                                "error", ms_last_error());
        char *s = err ? json_dumps(err, MS_JSON_FLAGS) : NULL;
        puts(s ? s : "{\"error\":\"out of memory\"}");
        free(s);
        json_decref(err);
        return -1;
    }
    if (json) {
        json_t *j = ms_hits_json(ms_reader_moods(r), text, &hits);
        char *s = j ? json_dumps(j, MS_JSON_FLAGS) : NULL;
        puts(s ? s : "{\"error\":\"out of memory\"}");
        free(s);
        json_decref(j);
    } else {
        print_human(ms_reader_moods(r), &hits);
    }
    ms_hits_free(&hits);
    return 0;
}

static int answer_lines(ms_catalog *cat, const ms_reader *r, const opts *o,
                        int json)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int failed = 0;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if ((size_t)n != strlen(line)) {
            printf("{\"line\":%zu,\"error\":\"contains a NUL byte\"}\n",
                   lineno);
            failed = 1;
            continue;
        }
        failed |= answer(cat, r, line, o, json, lineno) != 0;
        fflush(stdout);
    }
    free(line);
    return failed ? MS_EXIT_FAILED : MS_EXIT_OK;
}

int ms_cmd_recommend(int argc, char **argv)
{
    opts o = {.k = 10};
    int st = parse("recommend", recommend_help, argc, argv, &o);
    if (st != 0)
        return st < 0 ? MS_EXIT_OK : st;
    ms_reader *r = ms_cli_reader("recommend", o.data);
    ms_catalog *cat = r ? open_catalog("recommend", o.db, 1) : NULL;
    if (!cat) {
        ms_reader_close(r);
        return MS_EXIT_FAILED;
    }
    int json = o.json || !isatty(STDOUT_FILENO);
    if (optind >= argc) {
        st = answer_lines(cat, r, &o, 1);
    } else {
        char *text = ms_cli_join(argc - optind, argv + optind);
        st = text && answer(cat, r, text, &o, json, 0) == 0
           ? MS_EXIT_OK : MS_EXIT_FAILED;
        free(text);
    }
    ms_catalog_close(cat);
    ms_reader_close(r);
    return st;
}

/* ---- eval reco -------------------------------------------------------- */

typedef struct scores {
    size_t *rank;                /* 1-based rank of the target, 0: missed */
    size_t  n, cap;
} scores;

static int push_rank(scores *s, const ms_hits *h, const char *target)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        size_t *r = realloc(s->rank, cap * sizeof *r);
        if (!r)
            return -1;
        s->rank = r;
        s->cap = cap;
    }
    size_t rank = 0;
    for (size_t i = 0; i < h->count && !rank; i++)
        if (strcmp(h->items[i].id, target) == 0)
            rank = i + 1;
    s->rank[s->n++] = rank;
    return 0;
}

static void print_scores(const char *name, const scores *s, int json)
{
    double r1 = ms_recall_at_k(s->rank, s->n, 1);
    double r5 = ms_recall_at_k(s->rank, s->n, 5);
    double r10 = ms_recall_at_k(s->rank, s->n, 10);
    double mrr = ms_mrr(s->rank, s->n);
    double ndcg = ms_mean_ndcg_single(s->rank, s->n, 10);
    if (json)
        printf("\"%s\":{\"recall_at_1\":%.4f,\"recall_at_5\":%.4f,"
               "\"recall_at_10\":%.4f,\"mrr\":%.4f,\"ndcg_at_10\":%.4f}", name,
               r1, r5, r10, mrr, ndcg);
    else
        printf("%-10s %8.3f %8.3f %9.3f %8.3f %9.3f\n", name, r1, r5, r10,
               mrr, ndcg);
}

static int eval_rows(ms_catalog *cat, const ms_reader *r, FILE *fp,
                     const char *path, scores *ours, scores *base)
{
    char *line = NULL;
    size_t cap = 0, lineno = 1;
    int q = -1, t = -1, bad = 0;
    if (getline(&line, &cap, fp) > 0) {
        char *f[8];
        size_t n = ms_tsv_split(line, f, 8);
        q = ms_tsv_column(f, n > 8 ? 8 : n, "query");
        t = ms_tsv_column(f, n > 8 ? 8 : n, "target_id");
    }
    if (q < 0 || t < 0) {
        free(line);
        ms_cli_error("eval", path, "the header must name 'query' and "
                     "'target_id'");
        return -1;
    }
    while (getline(&line, &cap, fp) > 0) {
        char *f[8];
        ms_hits h;
        lineno++;
        size_t n = ms_tsv_split(line, f, 8);
        if ((int)n <= (q > t ? q : t) || !*f[q] || !*f[t]) {
            fprintf(stderr, "moodscape: eval: %s:%zu: skipped: needs a "
                    "query and a target_id\n", path, lineno);
            bad = 1;
            continue;
        }
        if (ms_catalog_recommend(cat, r, f[q], 10, &h) != MS_OK
            || push_rank(ours, &h, f[t]) != 0) {
            fprintf(stderr, "moodscape: eval: %s:%zu: %s\n", path, lineno,
                    ms_last_error());
            bad = 1;
            continue;
        }
        ms_hits_free(&h);
        if (ms_catalog_tfidf(cat, f[q], 10, &h) != MS_OK
            || push_rank(base, &h, f[t]) != 0) {
            ours->n--;
            bad = 1;
            continue;
        }
        ms_hits_free(&h);
    }
    free(line);
    return bad;
}

int ms_eval_reco(const char *path, int json, const char *data, const char *db)
{
    ms_reader *r = ms_cli_reader("eval", data);
    ms_catalog *cat = r ? open_catalog("eval", db, 1) : NULL;
    FILE *fp = cat ? fopen(path, "r") : NULL;
    scores ours = {0}, base = {0};
    int st = MS_EXIT_FAILED;
    if (cat && !fp)
        ms_cli_error("eval", path, "cannot open");
    if (fp) {
        int bad = eval_rows(cat, r, fp, path, &ours, &base);
        fclose(fp);
        if (bad >= 0 && ours.n > 0) {
            if (json) {
                printf("{\"queries\":%zu,", ours.n);
                print_scores("moodscape", &ours, 1);
                printf(",");
                print_scores("tfidf", &base, 1);
                printf("}\n");
            } else {
                printf("queries %zu\n%-10s %8s %8s %9s %8s %9s\n", ours.n,
                       "ranking", "R@1", "R@5", "R@10", "MRR", "nDCG@10");
                print_scores("moodscape", &ours, 0);
                print_scores("tf-idf", &base, 0);
            }
            st = bad ? MS_EXIT_FAILED : MS_EXIT_OK;
        } else if (bad >= 0) {
            ms_cli_error("eval", path, "no queries");
        }
    }
    free(ours.rank);
    free(base.rank);
    ms_catalog_close(cat);
    ms_reader_close(r);
    return st;
}
