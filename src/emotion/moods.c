/* moods.c — the mood table and geometry of the valence/arousal circumplex
 * (Russell 1980, "A circumplex model of affect"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moodscape/emotion.h"
#include "base/error.h"
#include "base/tsv.h"

#define ALIASES_MAX 12

/* Width of the kernel that turns distance into mood probability. At 0.25
 * a point on a mood is ~3x likelier to be that mood than one 0.25 away,
 * which keeps neighbours such as dreamy/nostalgic (0.30 apart) distinct. */
#define PROB_SIGMA 0.25
/* Narrower kernel for colour, so the light shows the nearest mood's colour
 * and only blends in the transition zone between two moods. */
#define COLOUR_SIGMA 0.12

struct ms_moods {
    size_t  count;
    ms_mood moods[MS_MOODS_MAX];
    char    aliases[MS_MOODS_MAX][ALIASES_MAX][24];
    size_t  alias_count[MS_MOODS_MAX];
};

static int parse_colour(const char *s, ms_mood *m)
{
    unsigned r, g, b;
    char tail;
    if (strlen(s) != 7 || sscanf(s, "#%2x%2x%2x%c", &r, &g, &b, &tail) != 3)
        return -1;
    m->rgb[0] = (unsigned char)r;
    m->rgb[1] = (unsigned char)g;
    m->rgb[2] = (unsigned char)b;
    snprintf(m->colour, sizeof m->colour, "#%02X%02X%02X", r, g, b);
    return 0;
}

static void add_aliases(ms_moods *t, size_t i, char *list)
{
    char *save = NULL;
    for (char *tok = strtok_r(list, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *name = ms_trim_lower(tok);
        if (*name && t->alias_count[i] < ALIASES_MAX && strlen(name) < 24)
            strcpy(t->aliases[i][t->alias_count[i]++], name);
    }
}

static ms_status parse_row(ms_moods *t, char **f, size_t n,
                           const char *path, size_t lineno)
{
    ms_mood *m = &t->moods[t->count];
    if (n < 4)
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: expected 4 or 5 columns, got %zu",
                       path, lineno, n);
    char *id = ms_trim_lower(f[0]);
    if (*id == '\0' || strlen(id) >= sizeof m->id)
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: bad mood id", path, lineno);
    strcpy(m->id, id);
    if (ms_parse_double(f[1], &m->valence) || ms_parse_double(f[2], &m->arousal)
        || fabs(m->valence) > 1 || fabs(m->arousal) > 1)
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: valence and arousal must be "
                       "numbers in [-1, 1]", path, lineno);
    if (parse_colour(f[3], m))
        return ms_fail(MS_ERR_FORMAT, "%s:%zu: colour '%s' is not #RRGGBB",
                       path, lineno, f[3]);
    if (n > 4)
        add_aliases(t, t->count, f[4]);
    t->count++;
    return MS_OK;
}

static ms_status read_table(ms_moods *t, FILE *fp, const char *path)
{
    char line[1024];
    size_t lineno = 0;
    while (fgets(line, sizeof line, fp)) {
        char *f[8];
        lineno++;
        if (lineno == 1 || line[0] == '#' || line[0] == '\n')
            continue;                      /* header, comments, blanks */
        if (t->count == MS_MOODS_MAX)
            return ms_fail(MS_ERR_RANGE, "%s: more than %d moods", path,
                           MS_MOODS_MAX);
        size_t n = ms_tsv_split(line, f, 8);
        ms_status st = parse_row(t, f, n, path, lineno);
        if (st != MS_OK)
            return st;
    }
    if (t->count == 0)
        return ms_fail(MS_ERR_FORMAT, "%s: no moods", path);
    return MS_OK;
}

ms_status ms_moods_open(const char *path, ms_moods **out)
{
    *out = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ms_fail(MS_ERR_IO, "%s: cannot open", path);
    ms_moods *t = calloc(1, sizeof *t);
    if (!t) {
        fclose(fp);
        return ms_fail(MS_ERR_NOMEM, "mood table: out of memory");
    }
    ms_status st = read_table(t, fp, path);
    fclose(fp);
    if (st != MS_OK) {
        free(t);
        return st;
    }
    *out = t;
    return MS_OK;
}

void ms_moods_close(ms_moods *moods)
{
    free(moods);
}

size_t ms_moods_count(const ms_moods *moods)
{
    return moods->count;
}

const ms_mood *ms_moods_get(const ms_moods *moods, size_t i)
{
    return i < moods->count ? &moods->moods[i] : NULL;
}

const char *ms_moods_alias(const ms_moods *moods, size_t i, size_t j)
{
    return i < moods->count && j < moods->alias_count[i] ? moods->aliases[i][j]
                                                         : NULL;
}

int ms_moods_find(const ms_moods *moods, const char *name)
{
    char buf[64];
    if (!name || strlen(name) >= sizeof buf)
        return -1;
    strcpy(buf, name);
    const char *key = ms_trim_lower(buf);
    for (size_t i = 0; i < moods->count; i++) {
        if (strcmp(moods->moods[i].id, key) == 0)
            return (int)i;
        for (size_t j = 0; j < moods->alias_count[i]; j++)
            if (strcmp(moods->aliases[i][j], key) == 0)
                return (int)i;
    }
    return -1;
}

double ms_va_distance(double v1, double a1, double v2, double a2)
{
    return hypot(v1 - v2, a1 - a2);
}

size_t ms_moods_nearest(const ms_moods *moods, double v, double a,
                        size_t *idx, size_t k)
{
    double dist[MS_MOODS_MAX];
    size_t n = moods->count < k ? moods->count : k;
    for (size_t i = 0; i < moods->count; i++)
        dist[i] = ms_va_distance(v, a, moods->moods[i].valence,
                                 moods->moods[i].arousal);
    /* Selection sort: the table has at most MS_MOODS_MAX rows. */
    int used[MS_MOODS_MAX] = {0};
    for (size_t r = 0; r < n; r++) {
        size_t best = 0;
        int found = 0;
        for (size_t i = 0; i < moods->count; i++)
            if (!used[i] && (!found || dist[i] < dist[best])) {
                best = i;
                found = 1;
            }
        used[best] = 1;
        idx[r] = best;
    }
    return n;
}

static double clamp1(double x)
{
    return x < -1 ? -1 : x > 1 ? 1 : x;
}

/* Normalised Gaussian-kernel weights of every mood for the point. */
static void kernel_weights(const ms_moods *moods, double v, double a,
                           double sigma, double *w)
{
    double sum = 0;
    for (size_t i = 0; i < moods->count; i++) {
        double dv = v - moods->moods[i].valence, da = a - moods->moods[i].arousal;
        w[i] = exp(-(dv * dv + da * da) / (2 * sigma * sigma));
        sum += w[i];
    }
    for (size_t i = 0; i < moods->count; i++)
        w[i] = sum > 0 ? w[i] / sum : 1.0 / (double)moods->count;
}

void ms_moods_emotion_at(const ms_moods *moods, double v, double a,
                         ms_emotion *e)
{
    memset(e, 0, sizeof *e);
    e->valence = clamp1(v);
    e->arousal = clamp1(a);
    kernel_weights(moods, e->valence, e->arousal, PROB_SIGMA, e->probs);
    for (size_t i = 1; i < moods->count; i++)
        if (e->probs[i] > e->probs[e->mood])
            e->mood = i;
    e->confidence = e->probs[e->mood];
}

/* sRGB transfer function and its inverse (IEC 61966-2-1): blending in
 * linear light keeps a fade between two colours from dipping into grey. */
static double srgb_to_linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double linear_to_srgb(double c)
{
    return c <= 0.0031308 ? c * 12.92 : 1.055 * pow(c, 1 / 2.4) - 0.055;
}

void ms_moods_colour(const ms_moods *moods, double v, double a,
                     unsigned char rgb[3], char hex[8])
{
    double w[MS_MOODS_MAX], lin[3] = {0, 0, 0};
    kernel_weights(moods, clamp1(v), clamp1(a), COLOUR_SIGMA, w);
    for (size_t i = 0; i < moods->count; i++)
        for (int c = 0; c < 3; c++)
            lin[c] += w[i] * srgb_to_linear(moods->moods[i].rgb[c] / 255.0);
    for (int c = 0; c < 3; c++) {
        double s = linear_to_srgb(lin[c]) * 255.0 + 0.5;
        rgb[c] = (unsigned char)(s < 0 ? 0 : s > 255 ? 255 : s);
    }
    if (hex)
        snprintf(hex, 8, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
}

ms_status ms_parse_va(const char *s, double *v, double *a)
{
    char buf[128];
    if (!s || strlen(s) >= sizeof buf)
        return ms_fail(MS_ERR_FORMAT, "'%.40s' is not \"valence,arousal\"",
                       s ? s : "");
    strcpy(buf, s);
    char *comma = strchr(buf, ',');
    if (!comma)
        return ms_fail(MS_ERR_FORMAT, "'%s' is not \"valence,arousal\"", s);
    *comma = '\0';
    double x, y;
    if (ms_parse_double(buf, &x) || ms_parse_double(comma + 1, &y))
        return ms_fail(MS_ERR_FORMAT, "'%s' is not \"valence,arousal\"", s);
    if (fabs(x) > 1 || fabs(y) > 1)
        return ms_fail(MS_ERR_RANGE, "'%s': valence and arousal must lie in "
                       "[-1, 1]", s);
    *v = x;
    *a = y;
    return MS_OK;
}

ms_status ms_moods_parse_point(const ms_moods *moods, const char *s,
                               double *v, double *a, size_t *mood)
{
    int i = ms_moods_find(moods, s);
    if (i >= 0) {
        *v = moods->moods[i].valence;
        *a = moods->moods[i].arousal;
        *mood = (size_t)i;
        return MS_OK;
    }
    if (s && strchr(s, ',')) {
        ms_status st = ms_parse_va(s, v, a);
        if (st == MS_OK)
            ms_moods_nearest(moods, *v, *a, mood, 1);
        return st;
    }
    return ms_fail(MS_ERR_NOTFOUND, "'%.40s' is neither a mood nor "
                   "\"valence,arousal\"", s ? s : "");
}
