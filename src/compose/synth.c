/* synth.c — rendering scores with the FluidSynth C API.
 *
 * The score's events are fed to the synthesizer directly, rendering the
 * samples between one event and the next, instead of going through
 * FluidSynth's MIDI player: that needs no timer thread and makes a
 * render a pure function of the score. FluidSynth computes audio in
 * blocks of 64 frames and applies an event at the next block, so every
 * render starts on a block boundary: otherwise the same score rendered
 * twice on one synth would place its notes differently. */
#include <fluidsynth.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "compose/score.h"
#include "moodscape/synth.h"

#define BLOCK 512                /* frames rendered per call at most */
#define FLUID_BLOCK 64           /* FluidSynth's internal block */

struct ms_synth {
    fluid_settings_t *settings;
    fluid_synth_t    *synth;
    int               sfont;
    size_t            frames;    /* rendered since opening, mod 64 */
};

ms_status ms_soundfont_default(char *out, size_t n)
{
    static const char *const places[] = {
        "/usr/share/sounds/sf3/MuseScore_General.sf3",
        "/usr/share/sounds/sf2/FluidR3_GM.sf2",
        "/usr/share/sounds/sf2/TimGM6mb.sf2",
        "/usr/share/sounds/sf2/default-GM.sf2",
    };
    const char *env = getenv("MOODSCAPE_SOUNDFONT");
    if (env && *env) {
        if (access(env, R_OK) != 0)
            return ms_fail(MS_ERR_NOTFOUND, "MOODSCAPE_SOUNDFONT=%s cannot "
                           "be read", env);
        snprintf(out, n, "%s", env);
        return MS_OK;
    }
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
        if (access(places[i], R_OK) == 0) {
            snprintf(out, n, "%s", places[i]);
            return MS_OK;
        }
    return ms_fail(MS_ERR_NOTFOUND, "no General MIDI SoundFont found (tried "
                   "MOODSCAPE_SOUNDFONT, %s, %s, %s); install "
                   "musescore-general-soundfont or timgm6mb-soundfont",
                   places[0], places[1], places[2]);
}

/* FluidSynth prints warnings (missing instruments, for one) on stderr;
 * moodscape reports its own errors, so they are silenced. */
static void quiet(int level, const char *message, void *data)
{
    (void)level;
    (void)message;
    (void)data;
}

static void silence_fluidsynth(void)
{
    for (int level = FLUID_PANIC; level < LAST_LOG_LEVEL; level++)
        fluid_set_log_function(level, quiet, NULL);
}

/* SoundFonts (SF2, and SF3 with compressed samples) are RIFF files of
 * form "sfbk". Checking that first gives a clear error for anything else,
 * where FluidSynth would try other loaders and print their complaints. */
static ms_status check_soundfont(const char *path)
{
    unsigned char head[12];
    struct stat sb;
    if (stat(path, &sb) != 0)
        return ms_fail(MS_ERR_NOTFOUND, "SoundFont %s: %s", path,
                       strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return ms_fail(MS_ERR_FORMAT, "SoundFont %s is a directory", path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return ms_fail(MS_ERR_IO, "SoundFont %s: %s", path, strerror(errno));
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n < sizeof head || memcmp(head, "RIFF", 4) != 0
        || memcmp(head + 8, "sfbk", 4) != 0)
        return ms_fail(MS_ERR_FORMAT, "%s is not a SoundFont (SF2 or SF3)",
                       path);
    return MS_OK;
}

ms_status ms_synth_open(const char *soundfont, int preload, ms_synth **out)
{
    char found[4096];
    ms_status st;
    if (!out)
        return ms_fail(MS_ERR_ARG, "no place for the synth");
    *out = NULL;
    if (!soundfont) {
        if ((st = ms_soundfont_default(found, sizeof found)) != MS_OK)
            return st;
        soundfont = found;
    }
    if ((st = check_soundfont(soundfont)) != MS_OK)
        return st;
    silence_fluidsynth();
    ms_synth *s = calloc(1, sizeof *s);
    if (!s || !(s->settings = new_fluid_settings())) {
        free(s);
        return ms_fail(MS_ERR_NOMEM, "out of memory for the synthesizer");
    }
    fluid_settings_setnum(s->settings, "synth.sample-rate", MS_SAMPLE_RATE);
    fluid_settings_setint(s->settings, "synth.threadsafe-api", 0);
    fluid_settings_setint(s->settings, "synth.polyphony", 128);
    fluid_settings_setnum(s->settings, "synth.gain", 0.5);
    /* without preloading, only the instruments a piece uses are read
     * (and, from an SF3, decoded) from the SoundFont, at each render */
    fluid_settings_setint(s->settings, "synth.dynamic-sample-loading",
                          !preload);
    s->synth = new_fluid_synth(s->settings);
    if (!s->synth) {
        ms_synth_close(s);
        return ms_fail(MS_ERR_NOMEM, "FluidSynth could not start");
    }
    s->sfont = fluid_synth_sfload(s->synth, soundfont, 1);
    if (s->sfont == FLUID_FAILED) {
        ms_synth_close(s);
        return ms_fail(MS_ERR_FORMAT, "%s is not a SoundFont FluidSynth can "
                       "load", soundfont);
    }
    *out = s;
    return MS_OK;
}

void ms_synth_close(ms_synth *s)
{
    if (!s)
        return;
    if (s->synth)
        delete_fluid_synth(s->synth);
    if (s->settings)
        delete_fluid_settings(s->settings);
    free(s);
}

/* ---- events --------------------------------------------------------------- */

static size_t frame_of(const ms_score *score, uint32_t tick)
{
    return (size_t)llround(ms_score_time(score, tick) * MS_SAMPLE_RATE);
}


/* Renders frames [from, to) into out (interleaved stereo). */
static void render_span(ms_synth *s, float *out, size_t from, size_t to)
{
    while (from < to) {
        int n = to - from > BLOCK ? BLOCK : (int)(to - from);
        float *p = out + 2 * from;
        fluid_synth_write_float(s->synth, n, p, 0, 2, p, 1, 2);
        from += (size_t)n;
        s->frames = (s->frames + (size_t)n) % FLUID_BLOCK;
    }
}

/* Renders and drops frames up to FluidSynth's next block boundary. */
static void align_to_block(ms_synth *s)
{
    float scratch[2 * FLUID_BLOCK];
    size_t pad = (FLUID_BLOCK - s->frames) % FLUID_BLOCK;
    if (pad)
        render_span(s, scratch, 0, pad);
}

/* Shortens the SoundFont's release where notes follow each other
 * closely (timecents: -1200 halves it, -2400 quarters it). Repeated
 * chords are played short, and a pad's chord gives way to the next one;
 * otherwise dozens of ringing voices pile up, blurring the pulse and
 * costing most of the rendering time. */
static float release_offset(const ms_part *p, const ms_plan *plan)
{
    if (p->role == MS_ROLE_CHORDS && plan->pattern == MS_PATTERN_PULSE)
        return -2400.0f;
    if (p->role == MS_ROLE_PAD)
        return -1200.0f;
    return 0.0f;
}

/* Programs, controllers and effects for the score. */
static void prepare(ms_synth *s, const ms_score *score)
{
    size_t n_parts;
    const ms_part *parts = ms_score_parts(score, &n_parts);
    const ms_plan *plan = ms_score_plan(score);
    align_to_block(s);
    fluid_synth_system_reset(s->synth);
    for (size_t i = 0; i < n_parts; i++) {
        const ms_part *p = &parts[i];
        int ch = p->channel;
        if (ch == 9)
            fluid_synth_bank_select(s->synth, ch, 128);
        fluid_synth_program_select(s->synth, ch, s->sfont,
                                   ch == 9 ? 128 : 0, p->program);
        fluid_synth_cc(s->synth, ch, 7, p->volume);
        fluid_synth_cc(s->synth, ch, 10, p->pan);
        fluid_synth_cc(s->synth, ch, 91, p->reverb);
        fluid_synth_cc(s->synth, ch, 93, p->chorus);
        fluid_synth_set_gen(s->synth, ch, GEN_VOLENVRELEASE,
                            release_offset(p, plan));
    }
    double room = plan->room > 0 ? plan->room : 0.5;
    double level = plan->reverb > 0 ? plan->reverb : 0.4;
    fluid_synth_set_reverb_group_roomsize(s->synth, -1, room);
    fluid_synth_set_reverb_group_damp(s->synth, -1, 0.4);
    fluid_synth_set_reverb_group_width(s->synth, -1, 0.9);
    fluid_synth_set_reverb_group_level(s->synth, -1, level);
    /* chorus only where the plan wants its shimmer; off, it costs nothing */
    fluid_synth_chorus_on(s->synth, -1, plan->chorus >= 0.15);
    fluid_synth_set_chorus_group_level(s->synth, -1, 1.0 + 2.0 * plan->chorus);
}

static void normalise_peak(ms_pcm *pcm)
{
    float peak = ms_pcm_peak(pcm);
    if (peak <= 1e-6f)
        return;
    float gain = 0.891f / peak;              /* -1 dBFS */
    for (size_t i = 0; i < pcm->frames * (size_t)pcm->channels; i++)
        pcm->samples[i] *= gain;
}

ms_status ms_synth_render(ms_synth *s, const ms_score *score, int normalise,
                          ms_pcm *out)
{
    ms_event *ev = NULL;
    size_t n_ev = 0;
    if (!s || !score || !out)
        return ms_fail(MS_ERR_ARG, "no synth, score or output");
    size_t frames = (size_t)llround(ms_score_seconds(score) * MS_SAMPLE_RATE);
    ms_status st = ms_pcm_alloc(out, frames, 2, MS_SAMPLE_RATE);
    if (st != MS_OK)
        return st;
    if ((st = ms_score_events(score, -1, &ev, &n_ev)) != MS_OK) {
        ms_pcm_free(out);
        return st;
    }
    prepare(s, score);
    size_t at = 0;
    for (size_t i = 0; i < n_ev; i++) {
        size_t frame = frame_of(score, ev[i].tick);
        if (frame >= frames)
            break;
        render_span(s, out->samples, at, frame);
        at = frame;
        if (ev[i].on)
            fluid_synth_noteon(s->synth, ev[i].channel, ev[i].key,
                               ev[i].velocity);
        else
            fluid_synth_noteoff(s->synth, ev[i].channel, ev[i].key);
    }
    render_span(s, out->samples, at, frames);
    free(ev);
    if (normalise)
        normalise_peak(out);
    return MS_OK;
}
