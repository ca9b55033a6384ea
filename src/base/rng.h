/* rng.h — private: a small seeded random generator for the composer.
 *
 * The composer must give the same notes for the same --seed on every
 * machine and libc, so it cannot use rand(); the state lives in a value
 * the caller owns, so there is no global state. SplitMix64 (Steele, Lea &
 * Flood 2014) is enough: the numbers choose musical options, not keys. */
#ifndef MS_BASE_RNG_H
#define MS_BASE_RNG_H

#include <stdint.h>

typedef struct ms_rng { uint64_t state; } ms_rng;

static inline void ms_rng_seed(ms_rng *r, uint64_t seed)
{
    r->state = seed ^ 0x6d6f6f6473636170ULL;     /* "moodscap" */
}

static inline uint64_t ms_rng_next(ms_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double ms_rng_unit(ms_rng *r)
{
    return (double)(ms_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [0, n); n > 0. */
static inline int ms_rng_below(ms_rng *r, int n)
{
    return (int)(ms_rng_unit(r) * n);
}

/* 1 with probability p. */
static inline int ms_rng_chance(ms_rng *r, double p)
{
    return ms_rng_unit(r) < p;
}

#endif
