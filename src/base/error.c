/* error.c — status names and the per-thread last-error message.
 *
 * The message lives in thread-local storage, like errno, so concurrent
 * callers (the server's worker threads) never see each other's errors. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

static _Thread_local char last_error[512];

const char *ms_status_str(ms_status st)
{
    switch (st) {
    case MS_OK:           return "ok";
    case MS_ERR_ARG:      return "invalid argument";
    case MS_ERR_NOMEM:    return "out of memory";
    case MS_ERR_IO:       return "input/output error";
    case MS_ERR_FORMAT:   return "malformed input";
    case MS_ERR_NOTFOUND: return "not found";
    case MS_ERR_RANGE:    return "value out of range";
    }
    return "unknown status";
}

const char *ms_last_error(void)
{
    return last_error;
}

ms_status ms_fail(ms_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return st;
}
