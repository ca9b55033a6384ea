/* fuzz_tokenize.c — a fuzz target for the tokenizer.
 *
 * LLVMFuzzerTestOneInput is the libFuzzer entry point: build this file
 * with `clang -fsanitize=fuzzer,address -DMS_LIBFUZZER` to fuzz without
 * limit. Built normally, main() runs the target on a fixed number of
 * deterministic pseudo-random inputs (mutations of typical chat text, raw
 * bytes, long runs), which under ASan/UBSan is the CI's fuzz pass. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms_tokens t = {0};
    if (ms_tokenize((const char *)data, size, &t) == MS_OK) {
        for (size_t i = 0; i < t.count; i++)
            if (strlen(t.items[i].text) > size * 4 + 16)
                abort();                 /* a token can't outgrow its input */
    }
    ms_tokens_free(&t);
    size_t bad;
    ms_utf8_valid((const char *)data, size, &bad);
    return 0;
}

#ifndef MS_LIBFUZZER
static const char *const seeds[] = {
    "I'm sooo happy :) can't wait!!! #BestDayEver",
    "idk... im not ok :'( \xF0\x9F\x98\xAD\xF0\x9F\x8F\xBD\xE2\x80\x8D",
    "goin' home y'all <333 xD http://a.b @c",
    "#a_b_C ':(;)^_^-_-T_T D: >:( \xE2\x9D\xA4\xEF\xB8\x8F",
};

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* One input: a seed with random bytes overwritten, inserted or cut. */
static size_t make_input(uint8_t *buf, size_t cap, uint64_t *s)
{
    const char *seed = seeds[next(s) % 4];
    size_t n = strlen(seed);
    memcpy(buf, seed, n);
    unsigned edits = (unsigned)(next(s) % 8);
    for (unsigned e = 0; e < edits; e++) {
        size_t at = n ? next(s) % n : 0;
        switch (next(s) % 4) {
        case 0: buf[at] = (uint8_t)next(s); break;
        case 1: if (n < cap) { memmove(buf + at + 1, buf + at, n - at);
                               buf[at] = (uint8_t)next(s); n++; } break;
        case 2: n = at; break;
        default: buf[at] = "':#@<>^_-\xF0\x9F\x80\xC3\xE2"[next(s) % 15]; break;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 100000;
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    static uint8_t buf[1 << 16];
    for (long i = 0; i < runs; i++) {
        size_t n = make_input(buf, 4096, &s);
        LLVMFuzzerTestOneInput(buf, n);
    }
    for (size_t i = 0; i < sizeof buf; i++)          /* raw bytes, long runs */
        buf[i] = (uint8_t)(i % 7 == 0 ? 'o' : next(&s));
    LLVMFuzzerTestOneInput(buf, sizeof buf);
    memset(buf, 'o', sizeof buf);
    LLVMFuzzerTestOneInput(buf, sizeof buf);
    memset(buf, '!', sizeof buf);
    LLVMFuzzerTestOneInput(buf, sizeof buf);
    printf("fuzz_tokenize: %ld inputs, no fault\n", runs + 3);
    return 0;
}
#endif
