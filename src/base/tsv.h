/* tsv.h — private: the tab-separated files moodscape ships its data in. */
#ifndef MS_BASE_TSV_H
#define MS_BASE_TSV_H

#include <stddef.h>
#include <stdio.h>

/* Splits `line` in place at tabs after dropping a trailing "\n" or "\r\n".
 * Stores up to max field pointers into fields and returns the number of
 * fields the line has (which may exceed max). */
size_t ms_tsv_split(char *line, char **fields, size_t max);

/* Parses a whole string as a finite double. Returns 0 on success, -1 when
 * s is empty, has trailing junk, or is not finite. */
int ms_parse_double(const char *s, double *out);

/* Lowercases ASCII letters in place and trims ASCII space at both ends;
 * returns s advanced past leading space. */
char *ms_trim_lower(char *s);

/* Column index of `name` among a header row's fields, or -1. */
int ms_tsv_column(char *const *fields, size_t n, const char *name);

#endif
