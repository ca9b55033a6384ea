/* grow.h — private: growing a malloc'd array by doubling. */
#ifndef MS_BASE_GROW_H
#define MS_BASE_GROW_H

#include <stddef.h>
#include <stdlib.h>

/* Makes room in *items (elements of `size` bytes, *cap of them
 * allocated, n in use) for one more, doubling the allocation (from 64)
 * when full. Returns 0, or -1 when out of memory with *items untouched. */
static inline int ms_grow(void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t want = *cap ? *cap * 2 : 64;
    void *p = realloc(*items, want * size);
    if (!p)
        return -1;
    *items = p;
    *cap = want;
    return 0;
}

#endif
