/* score.c — the score: parts of notes, a tempo map and the composer's
 * bar-by-bar decisions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/grow.h"
#include "compose/score.h"

ms_score *ms_score_new(void)
{
    ms_score *s = calloc(1, sizeof *s);
    if (s)
        s->beats_per_bar = 4;
    return s;
}

void ms_score_free(ms_score *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_parts; i++)
        free(s->parts[i].notes);
    free(s->tempos);
    free(s->bars);
    free(s);
}

int ms_score_add_part(ms_score *s, const char *name, ms_role role,
                      int channel, int program)
{
    if (s->n_parts >= MS_PARTS_MAX)
        return -1;
    ms_part_buf *p = &s->parts[s->n_parts];
    memset(p, 0, sizeof *p);
    snprintf(p->view.name, sizeof p->view.name, "%s", name);
    p->view.role = role;
    p->view.channel = (uint8_t)(channel & 15);
    p->view.program = (uint8_t)(program & 127);
    p->view.volume = 100;
    p->view.pan = 64;
    return (int)s->n_parts++;
}

static int clamp_int(int x, int lo, int hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

ms_status ms_score_add_note(ms_score *s, int part, long tick, long length,
                            int key, int velocity)
{
    if (part < 0 || (size_t)part >= s->n_parts)
        return ms_fail(MS_ERR_ARG, "no part %d", part);
    ms_part_buf *p = &s->parts[part];
    if (ms_grow((void **)&p->notes, &p->cap, p->n, sizeof *p->notes))
        return ms_fail(MS_ERR_NOMEM, "out of memory for notes");
    ms_note *n = &p->notes[p->n++];
    n->tick = (uint32_t)(tick < 0 ? 0 : tick);
    n->length = (uint32_t)(length < 1 ? 1 : length);
    n->key = (uint8_t)clamp_int(key, 0, 127);
    n->velocity = (uint8_t)clamp_int(velocity, 1, 127);
    return MS_OK;
}

ms_status ms_score_add_tempo_raw(ms_score *s, uint32_t tick,
                                 uint32_t usec_per_quarter)
{
    if (s->n_tempos && s->tempos[s->n_tempos - 1].tick == tick) {
        s->tempos[s->n_tempos - 1].usec_per_quarter = usec_per_quarter;
        return MS_OK;
    }
    if (ms_grow((void **)&s->tempos, &s->cap_tempos, s->n_tempos,
             sizeof *s->tempos))
        return ms_fail(MS_ERR_NOMEM, "out of memory for tempos");
    s->tempos[s->n_tempos].tick = tick;
    s->tempos[s->n_tempos].usec_per_quarter = usec_per_quarter;
    s->n_tempos++;
    return MS_OK;
}

ms_status ms_score_add_tempo(ms_score *s, uint32_t tick, double bpm)
{
    return ms_score_add_tempo_raw(s, tick, (uint32_t)lround(6e7 / bpm));
}

ms_status ms_score_add_bar(ms_score *s, const ms_bar *bar)
{
    if (ms_grow((void **)&s->bars, &s->cap_bars, s->n_bars, sizeof *s->bars))
        return ms_fail(MS_ERR_NOMEM, "out of memory for bars");
    s->bars[s->n_bars++] = *bar;
    return MS_OK;
}

static int cmp_note(const void *pa, const void *pb)
{
    const ms_note *a = pa, *b = pb;
    if (a->tick != b->tick)
        return a->tick < b->tick ? -1 : 1;
    return (int)a->key - (int)b->key;
}

/* Drops exact duplicates (same key at the same tick) and ends each note
 * no later than the next strike of its key. */
static void untangle(ms_part_buf *p)
{
    size_t w = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (w && p->notes[w - 1].tick == p->notes[i].tick
            && p->notes[w - 1].key == p->notes[i].key)
            continue;
        p->notes[w++] = p->notes[i];
    }
    p->n = w;
    for (size_t i = 0; i < p->n; i++) {
        ms_note *n = &p->notes[i];
        for (size_t j = i + 1; j < p->n; j++) {
            if (p->notes[j].tick >= n->tick + n->length)
                break;
            if (p->notes[j].key == n->key) {
                n->length = p->notes[j].tick - n->tick;
                break;
            }
        }
    }
}

void ms_score_finish(ms_score *s)
{
    for (size_t i = 0; i < s->n_parts; i++) {
        ms_part_buf *p = &s->parts[i];
        if (p->n)
            qsort(p->notes, p->n, sizeof *p->notes, cmp_note);
        untangle(p);
        s->views[i] = p->view;
        s->views[i].notes = p->notes;
        s->views[i].n_notes = p->n;
    }
}

static int cmp_event(const void *pa, const void *pb)
{
    const ms_event *a = pa, *b = pb;
    if (a->tick != b->tick)
        return a->tick < b->tick ? -1 : 1;
    if (a->on != b->on)
        return (int)a->on - (int)b->on;
    if (a->channel != b->channel)
        return (int)a->channel - (int)b->channel;
    return (int)a->key - (int)b->key;
}

ms_status ms_score_events(const ms_score *s, int part, ms_event **out,
                          size_t *n)
{
    size_t first = part < 0 ? 0 : (size_t)part;
    size_t last = part < 0 ? s->n_parts : first + 1, total = 0, k = 0;
    for (size_t i = first; i < last && i < s->n_parts; i++)
        total += s->views[i].n_notes * 2;
    ms_event *ev = malloc((total ? total : 1) * sizeof *ev);
    if (!ev)
        return ms_fail(MS_ERR_NOMEM, "out of memory for %zu events", total);
    for (size_t i = first; i < last && i < s->n_parts; i++) {
        const ms_part *p = &s->views[i];
        for (size_t j = 0; j < p->n_notes; j++) {
            const ms_note *nt = &p->notes[j];
            ev[k++] = (ms_event){nt->tick, 1, p->channel, nt->key,
                                 nt->velocity};
            ev[k++] = (ms_event){nt->tick + nt->length, 0, p->channel,
                                 nt->key, 0};
        }
    }
    qsort(ev, total, sizeof *ev, cmp_event);
    *out = ev;
    *n = total;
    return MS_OK;
}

const ms_part *ms_score_parts(const ms_score *s, size_t *n)
{
    *n = s->n_parts;
    return s->views;
}

const ms_tempo *ms_score_tempos(const ms_score *s, size_t *n)
{
    *n = s->n_tempos;
    return s->tempos;
}

const ms_bar *ms_score_bars(const ms_score *s, size_t *n)
{
    *n = s->n_bars;
    return s->bars;
}

const ms_plan *ms_score_plan(const ms_score *s)
{
    return &s->plan;
}

int ms_score_key(const ms_score *s)
{
    return s->key;
}

int ms_score_beats_per_bar(const ms_score *s)
{
    return s->beats_per_bar;
}

double ms_score_seconds(const ms_score *s)
{
    return s->seconds;
}

/* Microseconds per quarter in force at the start (MIDI's default is
 * 120 bpm when a file sets none). */
static uint32_t first_tempo(const ms_score *s)
{
    return s->n_tempos && s->tempos[0].tick == 0
               ? s->tempos[0].usec_per_quarter : 500000;
}

double ms_score_time(const ms_score *s, uint32_t tick)
{
    double t = 0;
    uint32_t at = 0, usec = first_tempo(s);
    for (size_t i = 0; i < s->n_tempos && s->tempos[i].tick < tick; i++) {
        t += (double)(s->tempos[i].tick - at) * usec / (1e6 * MS_PPQ);
        at = s->tempos[i].tick;
        usec = s->tempos[i].usec_per_quarter;
    }
    return t + (double)(tick - at) * usec / (1e6 * MS_PPQ);
}

uint32_t ms_score_tick_at(const ms_score *s, double seconds)
{
    double t = 0;
    uint32_t at = 0, usec = first_tempo(s);
    for (size_t i = 0; i < s->n_tempos; i++) {
        double next = t + (double)(s->tempos[i].tick - at) * usec
                              / (1e6 * MS_PPQ);
        if (next > seconds)
            break;
        t = next;
        at = s->tempos[i].tick;
        usec = s->tempos[i].usec_per_quarter;
    }
    return at + (uint32_t)((seconds - t) * 1e6 * MS_PPQ / usec);
}
