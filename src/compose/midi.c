/* midi.c — standard MIDI files (SMF 1.0): writing scores as type 1 files
 * and reading type 0 and 1 files back.
 *
 * Written by hand because no maintained library in Debian does it:
 * FluidSynth plays MIDI files but cannot write them, and libsmf has not
 * been released since 2010. The format is small: big-endian chunks, and
 * events separated by variable-length delta times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/error.h"
#include "base/grow.h"
#include "compose/score.h"

#define MIDI_MAX_BYTES (64u << 20)   /* refuse larger files when reading */

/* ---- writing -------------------------------------------------------------- */

typedef struct buf {
    unsigned char *data;
    size_t len, cap;
    int failed;
} buf;

static void put(buf *b, const void *p, size_t n)
{
    if (b->failed || n == 0)
        return;
    if (b->len + n > b->cap) {
        size_t want = b->cap ? b->cap * 2 : 4096;
        while (want < b->len + n)
            want *= 2;
        unsigned char *d = realloc(b->data, want);
        if (!d) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = want;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_byte(buf *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    put(b, &c, 1);
}

static void put_be(buf *b, uint32_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--)
        put_byte(b, (v >> (8 * i)) & 0xff);
}

/* Variable-length quantity: 7 bits per byte, high bit set on all but
 * the last. */
static void put_vlq(buf *b, uint32_t v)
{
    unsigned char tmp[5];
    int n = 0;
    tmp[n++] = v & 0x7f;
    while ((v >>= 7))
        tmp[n++] = (unsigned char)(0x80 | (v & 0x7f));
    while (n--)
        put_byte(b, tmp[n]);
}

static void put_meta(buf *b, uint32_t delta, unsigned type, const void *p,
                     size_t n)
{
    put_vlq(b, delta);
    put_byte(b, 0xff);
    put_byte(b, type);
    put_vlq(b, (uint32_t)n);
    put(b, p, n);
}

/* Sharps (> 0) or flats (< 0) of the key signature closest to the
 * tonic's major or minor key. */
static int key_signature(int root, int major)
{
    static const int sharps[12] = {0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5};
    return sharps[((major ? root : root + 3) % 12 + 12) % 12];
}

static void conductor_track(buf *t, const ms_score *s)
{
    unsigned char ts[4] = {(unsigned char)s->beats_per_bar, 2, 24, 8};
    int major = ms_mode_is_major(s->plan.mode);
    unsigned char ks[2] = {(unsigned char)(signed char)
                               key_signature(s->key, major),
                           (unsigned char)!major};
    put_meta(t, 0, 0x03, "moodscape", 9);
    put_meta(t, 0, 0x58, ts, 4);
    put_meta(t, 0, 0x59, ks, 2);
    uint32_t at = 0;
    for (size_t i = 0; i < s->n_tempos; i++) {
        uint32_t u = s->tempos[i].usec_per_quarter;
        unsigned char tt[3] = {(unsigned char)(u >> 16),
                               (unsigned char)(u >> 8), (unsigned char)u};
        put_meta(t, s->tempos[i].tick - at, 0x51, tt, 3);
        at = s->tempos[i].tick;
    }
    put_meta(t, 0, 0x2f, NULL, 0);
}

static void channel_event(buf *t, uint32_t delta, unsigned status,
                          unsigned d1, unsigned d2)
{
    put_vlq(t, delta);
    put_byte(t, status);
    put_byte(t, d1);
    put_byte(t, d2);
}

static int part_track(buf *t, const ms_score *s, size_t part)
{
    const ms_part *p = &s->views[part];
    unsigned ch = p->channel & 15;
    ms_event *ev;
    size_t n;
    if (ms_score_events(s, (int)part, &ev, &n) != MS_OK)
        return -1;
    put_meta(t, 0, 0x03, p->name, strlen(p->name));
    put_vlq(t, 0);
    put_byte(t, 0xc0 | ch);
    put_byte(t, p->program & 127);
    channel_event(t, 0, 0xb0 | ch, 7, p->volume & 127);
    channel_event(t, 0, 0xb0 | ch, 10, p->pan & 127);
    channel_event(t, 0, 0xb0 | ch, 91, p->reverb & 127);
    channel_event(t, 0, 0xb0 | ch, 93, p->chorus & 127);
    uint32_t at = 0;
    for (size_t i = 0; i < n; i++) {
        channel_event(t, ev[i].tick - at, (ev[i].on ? 0x90 : 0x80) | ch,
                      ev[i].key, ev[i].on ? ev[i].velocity : 64);
        at = ev[i].tick;
    }
    put_meta(t, 0, 0x2f, NULL, 0);
    free(ev);
    return 0;
}

static void put_chunk(buf *out, const char *id, const buf *body)
{
    put(out, id, 4);
    put_be(out, (uint32_t)body->len, 4);
    put(out, body->data, body->len);
}

static ms_status write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return MS_ERR_IO;
        p += w;
        n -= (size_t)w;
    }
    return MS_OK;
}

ms_status ms_midi_write(const ms_score *s, const char *path)
{
    buf file = {0}, track = {0};
    if (!s)
        return ms_fail(MS_ERR_ARG, "no score to write");
    put(&file, "MThd", 4);
    put_be(&file, 6, 4);
    put_be(&file, 1, 2);
    put_be(&file, (uint32_t)s->n_parts + 1, 2);
    put_be(&file, MS_PPQ, 2);
    conductor_track(&track, s);
    put_chunk(&file, "MTrk", &track);
    for (size_t i = 0; i < s->n_parts && !file.failed; i++) {
        track.len = 0;
        if (part_track(&track, s, i) != 0)
            file.failed = 1;
        put_chunk(&file, "MTrk", &track);
    }
    free(track.data);
    if (file.failed || track.failed) {
        free(file.data);
        return ms_fail(MS_ERR_NOMEM, "out of memory writing MIDI");
    }
    ms_atomic a;
    ms_status st = ms_atomic_begin(&a, path);
    if (st == MS_OK && write_all(a.fd, file.data, file.len) != MS_OK) {
        ms_atomic_abort(&a);
        st = ms_fail(MS_ERR_IO, "%s: cannot write", path);
    } else if (st == MS_OK) {
        st = ms_atomic_commit(&a);
    }
    free(file.data);
    return st;
}

/* ---- reading -------------------------------------------------------------- */

typedef struct reader {
    const unsigned char *p;
    size_t len, at;
    const char *path;
} reader;

static ms_status bad(const reader *r, const char *what)
{
    return ms_fail(MS_ERR_FORMAT, "%s: not a valid MIDI file: %s at byte %zu",
                   r->path, what, r->at);
}

static int get_byte(reader *r, unsigned *v)
{
    if (r->at >= r->len)
        return -1;
    *v = r->p[r->at++];
    return 0;
}

static int get_be(reader *r, int bytes, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < bytes; i++) {
        unsigned b;
        if (get_byte(r, &b))
            return -1;
        *v = (*v << 8) | b;
    }
    return 0;
}

static int get_vlq(reader *r, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned b;
        if (get_byte(r, &b))
            return -1;
        *v = (*v << 7) | (b & 0x7f);
        if (!(b & 0x80))
            return 0;
    }
    return -1;                           /* longer than MIDI allows */
}

/* A note waiting for its note-off. */
typedef struct pending {
    uint32_t tick;
    int part;
    uint8_t channel, key, velocity;
} pending;

typedef struct track_state {
    ms_score *s;
    int       part_of[16];       /* this track's part per channel */
    char      name[24];
    pending  *open;
    size_t    n_open, cap_open;
    uint32_t  division;
} track_state;

static uint32_t rescale(const track_state *t, uint64_t tick)
{
    return (uint32_t)((tick * MS_PPQ + t->division / 2) / t->division);
}

static ms_role role_named(const char *name, int channel)
{
    static const char *const names[] = {"melody", "chords", "bass", "pad",
                                        "drums"};
    if (channel == 9)
        return MS_ROLE_DRUMS;
    for (int i = 0; i < MS_ROLE_COUNT; i++)
        if (strcasecmp(name, names[i]) == 0)
            return (ms_role)i;
    return MS_ROLE_MELODY;
}

static int part_for(track_state *t, int channel)
{
    if (t->part_of[channel] < 0)
        t->part_of[channel] = ms_score_add_part(
            t->s, t->name[0] ? t->name : "part", role_named(t->name, channel),
            channel, 0);
    return t->part_of[channel];
}

static ms_status note_on(track_state *t, uint32_t tick, int ch, int key,
                         int vel)
{
    int part = part_for(t, ch);
    if (part < 0)
        return ms_fail(MS_ERR_FORMAT, "more than %d parts", MS_PARTS_MAX);
    if (ms_grow((void **)&t->open, &t->cap_open, t->n_open, sizeof *t->open))
        return ms_fail(MS_ERR_NOMEM, "out of memory reading MIDI");
    t->open[t->n_open++] = (pending){tick, part, (uint8_t)ch, (uint8_t)key,
                                     (uint8_t)vel};
    return MS_OK;
}

/* Ends the earliest sounding note of this key and channel. */
static ms_status note_off(track_state *t, uint32_t tick, int ch, int key)
{
    for (size_t i = 0; i < t->n_open; i++) {
        pending *p = &t->open[i];
        if (p->channel != ch || p->key != key)
            continue;
        ms_status st = ms_score_add_note(t->s, p->part, rescale(t, p->tick),
                                         (long)rescale(t, tick)
                                             - (long)rescale(t, p->tick),
                                         key, p->velocity);
        memmove(p, p + 1, (t->n_open - i - 1) * sizeof *p);
        t->n_open--;
        return st;
    }
    return MS_OK;                        /* a stray note-off is harmless */
}

static void controller(track_state *t, int ch, unsigned cc, unsigned v)
{
    int part = part_for(t, ch);
    if (part < 0)
        return;
    ms_part *p = &t->s->parts[part].view;
    switch (cc) {
    case 7:  p->volume = (uint8_t)v; break;
    case 10: p->pan = (uint8_t)v; break;
    case 91: p->reverb = (uint8_t)v; break;
    case 93: p->chorus = (uint8_t)v; break;
    default: break;
    }
}

static ms_status meta_event(reader *r, track_state *t, uint64_t tick)
{
    unsigned type;
    uint32_t len;
    if (get_byte(r, &type) || get_vlq(r, &len) || len > r->len - r->at)
        return bad(r, "truncated meta event");
    const unsigned char *d = r->p + r->at;
    r->at += len;
    if (type == 0x03 && len > 0) {
        size_t n = len < sizeof t->name - 1 ? len : sizeof t->name - 1;
        memcpy(t->name, d, n);
        t->name[n] = '\0';
    } else if (type == 0x51 && len == 3) {
        uint32_t u = (uint32_t)d[0] << 16 | (uint32_t)d[1] << 8 | d[2];
        if (u == 0)
            return bad(r, "zero tempo");
        return ms_score_add_tempo_raw(t->s, rescale(t, tick), u);
    } else if (type == 0x58 && len >= 1 && d[0] > 0) {
        t->s->beats_per_bar = d[0];
    }
    return MS_OK;
}

static ms_status channel_message(reader *r, track_state *t, uint64_t tick,
                                 unsigned status, unsigned first)
{
    unsigned d1 = first, d2 = 0;
    unsigned kind = status & 0xf0, ch = status & 0x0f;
    if (kind != 0xc0 && kind != 0xd0 && get_byte(r, &d2))
        return bad(r, "truncated event");
    if ((d1 | d2) & 0x80)
        return bad(r, "data byte above 127");
    switch (kind) {
    case 0x90:                           /* velocity 0 is a note-off */
        if (d2 > 0)
            return note_on(t, (uint32_t)tick, (int)ch, (int)d1, (int)d2);
        return note_off(t, (uint32_t)tick, (int)ch, (int)d1);
    case 0x80:
        return note_off(t, (uint32_t)tick, (int)ch, (int)d1);
    case 0xb0:
        controller(t, (int)ch, d1, d2);
        return MS_OK;
    case 0xc0:
        if (part_for(t, (int)ch) >= 0)
            t->s->parts[t->part_of[ch]].view.program = (uint8_t)d1;
        return MS_OK;
    default:
        return MS_OK;                    /* aftertouch, pitch bend */
    }
}

static ms_status read_track(reader *r, track_state *t, size_t end)
{
    uint64_t tick = 0;
    unsigned status = 0;
    ms_status st = MS_OK;
    while (r->at < end && st == MS_OK) {
        uint32_t delta;
        unsigned b;
        if (get_vlq(r, &delta) || get_byte(r, &b))
            return bad(r, "truncated event");
        tick += delta;
        if (tick > 0xffffffffu / MS_PPQ)
            return bad(r, "time beyond what a score holds");
        if (b == 0xff) {
            st = meta_event(r, t, tick);
        } else if (b == 0xf0 || b == 0xf7) {
            uint32_t len;
            if (get_vlq(r, &len) || len > r->len - r->at)
                return bad(r, "truncated system exclusive");
            r->at += len;
        } else if (b & 0x80) {
            status = b;
            unsigned first;
            if (get_byte(r, &first))
                return bad(r, "truncated event");
            st = channel_message(r, t, tick, status, first);
        } else {
            if (!status)
                return bad(r, "data byte without a status");
            st = channel_message(r, t, tick, status, b);   /* running */
        }
    }
    while (t->n_open && st == MS_OK)     /* notes never released */
        st = note_off(t, (uint32_t)tick, t->open[0].channel, t->open[0].key);
    return st;
}

static ms_status read_file(const char *path, unsigned char **data,
                           size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ms_fail(MS_ERR_NOTFOUND, "%s: cannot open", path);
    unsigned char *d = malloc(MIDI_MAX_BYTES + 1);
    size_t n = d ? fread(d, 1, MIDI_MAX_BYTES + 1, f) : 0;
    int err = ferror(f);
    fclose(f);
    if (!d)
        return ms_fail(MS_ERR_NOMEM, "out of memory reading %s", path);
    if (err || n > MIDI_MAX_BYTES) {
        free(d);
        return ms_fail(err ? MS_ERR_IO : MS_ERR_FORMAT, "%s: %s", path,
                       err ? "read error" : "larger than 64 MB");
    }
    *data = d;
    *len = n;
    return MS_OK;
}

static ms_status parse(reader *r, ms_score *s)
{
    uint32_t id, hlen, format, ntracks, division;
    if (get_be(r, 4, &id) || id != 0x4d546864 /* MThd */
        || get_be(r, 4, &hlen) || hlen < 6 || hlen > r->len - r->at)
        return bad(r, "no MThd header");
    size_t body = r->at + hlen;
    if (get_be(r, 2, &format) || get_be(r, 2, &ntracks)
        || get_be(r, 2, &division))
        return bad(r, "short header");
    if (format > 1)
        return bad(r, "only types 0 and 1 are read");
    if (division == 0 || division & 0x8000)
        return bad(r, "SMPTE time division is not supported");
    r->at = body;
    for (uint32_t i = 0; i < ntracks; i++) {
        uint32_t tlen;
        if (get_be(r, 4, &id) || get_be(r, 4, &tlen))
            return bad(r, "missing track");
        if (tlen > r->len - r->at)
            return bad(r, "track runs past the end of the file");
        if (id != 0x4d54726b) {          /* not MTrk: skip unknown chunk */
            r->at += tlen;
            i--;
            continue;
        }
        track_state t = {.s = s, .division = division};
        memset(t.part_of, -1, sizeof t.part_of);
        ms_status st = read_track(r, &t, r->at + tlen);
        free(t.open);
        if (st != MS_OK)
            return st;
        r->at = r->at < r->len ? r->at : r->len;
    }
    return MS_OK;
}

/* The end of the last note, plus a second for it to ring out. */
static double score_length(const ms_score *s)
{
    uint32_t end = 0;
    for (size_t i = 0; i < s->n_parts; i++)
        for (size_t k = 0; k < s->parts[i].n; k++) {
            const ms_note *n = &s->parts[i].notes[k];
            if (n->tick + n->length > end)
                end = n->tick + n->length;
        }
    return ms_score_time(s, end) + 1.0;
}

ms_status ms_midi_read(const char *path, ms_score **out)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (!path || !out)
        return ms_fail(MS_ERR_ARG, "no MIDI file named");
    *out = NULL;
    ms_status st = read_file(path, &data, &len);
    if (st != MS_OK)
        return st;
    ms_score *s = ms_score_new();
    if (!s) {
        free(data);
        return ms_fail(MS_ERR_NOMEM, "out of memory reading %s", path);
    }
    reader r = {data, len, 0, path};
    st = parse(&r, s);
    free(data);
    if (st != MS_OK) {
        ms_score_free(s);
        return st;
    }
    ms_score_finish(s);
    s->seconds = score_length(s);
    *out = s;
    return MS_OK;
}
