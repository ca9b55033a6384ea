/* moodscape/data.h — where a moodscape binary finds its data: the mood
 * table, trained models and (later) web files. */
#ifndef MOODSCAPE_DATA_H
#define MOODSCAPE_DATA_H

#include <stddef.h>

#include "moodscape/status.h"

/* Finds the data directory and writes its path into out (size n):
 *  1. $MOODSCAPE_DATA when set (it must hold moods.tsv);
 *  2. "data" beside the running executable (the build tree);
 *  3. "../share/moodscape" from the executable's folder (an install).
 * MS_ERR_NOTFOUND with the places tried when none holds moods.tsv. */
ms_status ms_data_dir(char *out, size_t n);

/* Joins dir and name into out. MS_ERR_RANGE when it does not fit. */
ms_status ms_data_path(const char *dir, const char *name, char *out, size_t n);

#endif
