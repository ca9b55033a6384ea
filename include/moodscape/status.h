/* moodscape/status.h — result codes shared by every moodscape function, and
 * the message that explains the last failure on the calling thread. */
#ifndef MOODSCAPE_STATUS_H
#define MOODSCAPE_STATUS_H

typedef enum ms_status {
    MS_OK = 0,
    MS_ERR_ARG,        /* a caller passed an invalid argument */
    MS_ERR_NOMEM,      /* an allocation failed */
    MS_ERR_IO,         /* a file could not be opened, read or written */
    MS_ERR_FORMAT,     /* input is malformed (bad TSV, bad model, bad UTF-8) */
    MS_ERR_NOTFOUND,   /* a named thing (mood, file, data dir) does not exist */
    MS_ERR_RANGE       /* a value is outside what is accepted */
} ms_status;

/* A short fixed English name for a status ("out of memory"). Never NULL. */
const char *ms_status_str(ms_status st);

/* The message explaining the most recent failure on this thread, such as
 * "moods.tsv:4: valence 'x' is not a number". The string is owned by the
 * library and valid until the next moodscape call on the same thread. Empty
 * when nothing has failed yet. */
const char *ms_last_error(void);

#endif
