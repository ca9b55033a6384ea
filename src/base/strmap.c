/* strmap.c — open addressing with linear probing, load factor <= 1/2. */
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "base/error.h"

typedef struct slot {
    uint64_t hash;
    size_t   key;         /* offset into arena; SIZE_MAX when empty */
    uint32_t len, value;
} slot;

struct ms_strmap {
    slot  *slots;
    size_t nslots, count;
    char  *arena;
    size_t used, size;
};

uint64_t ms_hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static ms_status alloc_slots(ms_strmap *m, size_t n)
{
    m->slots = malloc(n * sizeof *m->slots);
    if (!m->slots)
        return ms_fail(MS_ERR_NOMEM, "string map: out of memory");
    for (size_t i = 0; i < n; i++)
        m->slots[i].key = SIZE_MAX;
    m->nslots = n;
    return MS_OK;
}

ms_status ms_strmap_new(ms_strmap **out)
{
    ms_strmap *m = calloc(1, sizeof *m);
    if (!m || alloc_slots(m, 64) != MS_OK) {
        free(m);
        *out = NULL;
        return ms_fail(MS_ERR_NOMEM, "string map: out of memory");
    }
    *out = m;
    return MS_OK;
}

void ms_strmap_free(ms_strmap *map)
{
    if (!map)
        return;
    free(map->slots);
    free(map->arena);
    free(map);
}

static slot *find(const ms_strmap *m, const char *key, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (m->nslots - 1);
    for (;; i = (i + 1) & (m->nslots - 1)) {
        slot *s = &m->slots[i];
        if (s->key == SIZE_MAX)
            return s;
        if (s->hash == h && s->len == n && memcmp(m->arena + s->key, key, n) == 0)
            return s;
    }
}

static ms_status grow(ms_strmap *m)
{
    slot *old = m->slots;
    size_t nold = m->nslots;
    if (alloc_slots(m, nold * 2) != MS_OK) {
        m->slots = old;
        m->nslots = nold;
        return MS_ERR_NOMEM;
    }
    for (size_t i = 0; i < nold; i++)
        if (old[i].key != SIZE_MAX)
            *find(m, m->arena + old[i].key, old[i].len, old[i].hash) = old[i];
    free(old);
    return MS_OK;
}

static ms_status store_key(ms_strmap *m, const char *key, size_t n, size_t *off)
{
    if (m->used + n + 1 > m->size) {
        size_t size = m->size ? m->size : 1024;
        while (size < m->used + n + 1)
            size *= 2;
        char *arena = realloc(m->arena, size);
        if (!arena)
            return ms_fail(MS_ERR_NOMEM, "string map: out of memory");
        m->arena = arena;
        m->size = size;
    }
    memcpy(m->arena + m->used, key, n);
    m->arena[m->used + n] = '\0';
    *off = m->used;
    m->used += n + 1;
    return MS_OK;
}

ms_status ms_strmap_put(ms_strmap *map, const char *key, size_t n,
                        uint32_t value)
{
    if (n > UINT32_MAX)
        return ms_fail(MS_ERR_RANGE, "string map: key too long");
    if ((map->count + 1) * 2 > map->nslots && grow(map) != MS_OK)
        return ms_fail(MS_ERR_NOMEM, "string map: out of memory");
    uint64_t h = ms_hash(key, n);
    slot *s = find(map, key, n, h);
    if (s->key == SIZE_MAX) {
        size_t off = 0;
        if (store_key(map, key, n, &off) != MS_OK)
            return MS_ERR_NOMEM;
        *s = (slot){h, off, (uint32_t)n, value};
        map->count++;
    }
    s->value = value;
    return MS_OK;
}

int ms_strmap_get(const ms_strmap *map, const char *key, size_t n,
                  uint32_t *value)
{
    const slot *s = find(map, key, n, ms_hash(key, n));
    if (s->key == SIZE_MAX)
        return 0;
    if (value)
        *value = s->value;
    return 1;
}

size_t ms_strmap_count(const ms_strmap *map)
{
    return map->count;
}
