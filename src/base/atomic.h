/* atomic.h — private: files that appear whole or not at all. Output is
 * written beside its target under a temporary name and renamed over it
 * once complete, so a failure or a kill never leaves a partial file. */
#ifndef MS_BASE_ATOMIC_H
#define MS_BASE_ATOMIC_H

#include <stddef.h>

#include "moodscape/status.h"

typedef struct ms_atomic {
    char path[4096];             /* the target */
    char tmp[4096];              /* where the bytes go meanwhile */
    int  fd;
} ms_atomic;

/* Creates the temporary file for `path` and opens it for writing into
 * a->fd. MS_ERR_IO (with the reason) when the folder is not writable. */
ms_status ms_atomic_begin(ms_atomic *a, const char *path);

/* Closes and renames the temporary file over the target. The caller no
 * longer owns a->fd, whatever the result; on failure nothing is left. */
ms_status ms_atomic_commit(ms_atomic *a);

/* Closes (when a->fd >= 0) and removes the temporary file. */
void      ms_atomic_abort(ms_atomic *a);

#endif
