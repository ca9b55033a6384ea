/* spelling.h — private: fixes for common misspellings and chat spellings
 * of feeling words ("anxius" -> "anxious"), read from a two-column TSV. */
#ifndef MS_TEXT_SPELLING_H
#define MS_TEXT_SPELLING_H

#include "moodscape/status.h"

typedef struct ms_spelling ms_spelling;

/* Reads `misspelling<TAB>correction` lines. *out owns the table. */
ms_status ms_spelling_open(const char *path, ms_spelling **out);
void      ms_spelling_close(ms_spelling *sp);       /* NULL is fine */

/* The correction of a lowercase word, or NULL when it needs none. The
 * string lives as long as the table. */
const char *ms_spelling_fix(const ms_spelling *sp, const char *word);

#endif
