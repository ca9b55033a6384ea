/* cli.h — what the moodscape subcommands share: the error format of the
 * command-line contract and loading the reader. */
#ifndef MS_CLI_H
#define MS_CLI_H

#include "moodscape/text.h"

/* Exit statuses of the command-line contract. */
enum { MS_EXIT_OK = 0, MS_EXIT_FAILED = 1, MS_EXIT_USAGE = 2 };

/* Prints "moodscape: <sub>: <what>: <why>" to stderr. */
void ms_cli_error(const char *sub, const char *what, const char *why);

/* Prints a usage error and a hint to stderr; returns MS_EXIT_USAGE. */
int ms_cli_usage(const char *sub, const char *what);

/* The data directory: `given` when set, else the default one found into
 * buf (size n). Prints the error and returns NULL when there is none. */
const char *ms_cli_data(const char *sub, const char *given, char *buf,
                        size_t n);

/* Opens a reader on the data directory (dir, or the default one when dir
 * is NULL). Prints the error and returns NULL on failure. */
ms_reader *ms_cli_reader(const char *sub, const char *dir);

/* A usage error naming the option getopt stopped at. */
int ms_cli_bad_option(const char *sub, const char *arg);

/* The words of argv joined by spaces; the caller frees it. NULL when out
 * of memory. */
char *ms_cli_join(int argc, char **argv);

int ms_cmd_mood(int argc, char **argv);
int ms_cmd_compose(int argc, char **argv);
int ms_cmd_analyze(int argc, char **argv);

/* `moodscape eval audio LABELS.tsv`; returns the exit status. */
int ms_eval_audio(const char *path, int json, const char *data);
int ms_cmd_eval(int argc, char **argv);
int ms_cmd_train(int argc, char **argv);
int ms_cmd_import(int argc, char **argv);
int ms_cmd_index(int argc, char **argv);
int ms_cmd_recommend(int argc, char **argv);
int ms_cmd_session(int argc, char **argv);

/* `moodscape eval reco FILE.tsv` against the catalogue db (NULL: the
 * default one); returns the exit status. */
int ms_eval_reco(const char *path, int json, const char *data, const char *db);

#endif
