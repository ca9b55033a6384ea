/* strmap.h — private: an append-only hash map from strings to 32-bit
 * values, keys copied into one arena. Used for the lexicon, spelling
 * fixes and feature names; loads tens of thousands of keys in a few ms. */
#ifndef MS_BASE_STRMAP_H
#define MS_BASE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "moodscape/status.h"

typedef struct ms_strmap ms_strmap;

ms_status ms_strmap_new(ms_strmap **out);
void      ms_strmap_free(ms_strmap *map);     /* NULL is fine */

/* Sets key (n bytes, need not be NUL-terminated) to value, replacing any
 * earlier value. */
ms_status ms_strmap_put(ms_strmap *map, const char *key, size_t n,
                        uint32_t value);

/* 1 and *value when key is present, else 0. */
int ms_strmap_get(const ms_strmap *map, const char *key, size_t n,
                  uint32_t *value);

size_t ms_strmap_count(const ms_strmap *map);

/* 64-bit FNV-1a (Fowler, Noll, Vo): fast, and the same on every machine,
 * which keeps hashed features and trained models reproducible. */
uint64_t ms_hash(const char *s, size_t n);

#endif
