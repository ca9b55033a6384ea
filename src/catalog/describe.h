/* describe.h — private: what a track's descriptors say in structured form
 * (vocals or not, tempo), and the searchable lemmas of a text. */
#ifndef MS_CATALOG_DESCRIBE_H
#define MS_CATALOG_DESCRIBE_H

#include <stddef.h>

#include "moodscape/text.h"

enum { MS_TEMPO_SLOW, MS_TEMPO_MID, MS_TEMPO_UPBEAT, MS_TEMPO_FAST };

/* The tempo class of a bpm figure: the bands the descriptors use. */
int ms_tempo_class_of_bpm(double bpm);

/* Reads comma-separated descriptors for vocals (-1 unknown, 0
 * instrumental, 1 vocals), a "NNN bpm" figure (0 when absent) and a tempo
 * word (-1 when absent, else MS_TEMPO_*, or the class of the bpm). */
void ms_descriptors_read(const char *descriptors, int *vocals, double *bpm,
                         int *tempo_class);

/* The lemmas of a text's content words joined by spaces into buf (size
 * n), for the full-text index; an empty string when the text has none.
 * MS_ERR_FORMAT for text that is not UTF-8. */
ms_status ms_search_text(const ms_reader *r, const char *text, char *buf,
                         size_t n);

#endif
