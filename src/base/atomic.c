/* atomic.c — write-then-rename output files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/error.h"

ms_status ms_atomic_begin(ms_atomic *a, const char *path)
{
    a->fd = -1;
    if (!path || !*path)
        return ms_fail(MS_ERR_ARG, "no output file named");
    if (snprintf(a->path, sizeof a->path, "%s", path) >= (int)sizeof a->path
        || snprintf(a->tmp, sizeof a->tmp, "%s.partXXXXXX", path)
               >= (int)sizeof a->tmp)
        return ms_fail(MS_ERR_RANGE, "%s: path too long", path);
    a->fd = mkstemp(a->tmp);
    if (a->fd < 0)
        return ms_fail(MS_ERR_IO, "%s: cannot write: %s", path,
                       strerror(errno));
    fchmod(a->fd, 0644);                 /* mkstemp makes it private */
    return MS_OK;
}

ms_status ms_atomic_commit(ms_atomic *a)
{
    int failed = a->fd >= 0 && (fsync(a->fd) != 0 || close(a->fd) != 0);
    int err = errno;
    a->fd = -1;
    if (failed || rename(a->tmp, a->path) != 0) {
        if (!failed)
            err = errno;
        unlink(a->tmp);
        return ms_fail(MS_ERR_IO, "%s: cannot write: %s", a->path,
                       strerror(err));
    }
    return MS_OK;
}

void ms_atomic_abort(ms_atomic *a)
{
    if (a->fd >= 0)
        close(a->fd);
    a->fd = -1;
    unlink(a->tmp);
}
