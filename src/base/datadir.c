/* datadir.c — locate the data directory relative to the executable, so
 * the same binary works from the build tree and after `cmake --install`
 * without any path compiled in. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "moodscape/data.h"
#include "base/error.h"

static int has_mood_table(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/moods.tsv", dir) >= (int)sizeof path)
        return 0;
    return access(path, R_OK) == 0;
}

static int copy_out(const char *dir, char *out, size_t n)
{
    if (strlen(dir) >= n)
        return 0;
    strcpy(out, dir);
    return 1;
}

/* The folder that holds the running executable, via /proc/self/exe. */
static int exe_folder(char *dir, size_t n)
{
    ssize_t len = readlink("/proc/self/exe", dir, n - 1);
    if (len <= 0)
        return 0;
    dir[len] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return 1;
}

ms_status ms_data_dir(char *out, size_t n)
{
    const char *env = getenv("MOODSCAPE_DATA");
    if (env && *env) {
        if (has_mood_table(env) && copy_out(env, out, n))
            return MS_OK;
        return ms_fail(MS_ERR_NOTFOUND, "MOODSCAPE_DATA=%s holds no "
                       "moods.tsv", env);
    }
    char exe[PATH_MAX], cand[PATH_MAX + 32];
    if (!exe_folder(exe, sizeof exe))
        return ms_fail(MS_ERR_NOTFOUND, "cannot locate the executable; "
                       "set MOODSCAPE_DATA");
    const char *suffixes[] = {"/data", "/../share/moodscape"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(cand, sizeof cand, "%s%s", exe, suffixes[i]);
        if (has_mood_table(cand) && copy_out(cand, out, n))
            return MS_OK;
    }
    return ms_fail(MS_ERR_NOTFOUND, "no data beside %s (tried data/ and "
                   "../share/moodscape/); set MOODSCAPE_DATA", exe);
}

ms_status ms_data_path(const char *dir, const char *name, char *out, size_t n)
{
    if ((size_t)snprintf(out, n, "%s/%s", dir, name) >= n)
        return ms_fail(MS_ERR_RANGE, "path %s/%s is too long", dir, name);
    return MS_OK;
}
