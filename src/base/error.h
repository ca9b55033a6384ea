/* error.h — private: record the message that ms_last_error() returns. */
#ifndef MS_BASE_ERROR_H
#define MS_BASE_ERROR_H

#include "moodscape/status.h"

/* Formats a message into this thread's error slot and returns `st`, so a
 * failure path reads `return ms_fail(MS_ERR_IO, "%s: %s", path, why);`. */
ms_status ms_fail(ms_status st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
