/*
 * error.h - how functions that can fail report why.
 *
 * src/core/ is the bottom layer: what every other folder may use and that
 * knows nothing of news, pipelines or databases beyond plain records:
 * errors (this file), memory and arenas (mem.h), logs (log.h), maps and
 * lists, SHA-256, JSON output, the YAML config tree (config.h), the
 * article record (article.h), reading input files (file.h), the fault
 * points of the tests (fault.h) and keeping passwords out of messages
 * (scrub.h). It includes no header from another
 * folder of src/.
 *
 * Every fallible function returns 0 on success or -1 on failure, and on failure
 * fills the caller's struct gz_error with an exit code (sysexits.h) and a
 * message in PostgreSQL's style: short, lower case, factual, prefixed with
 * where it happened ("pipelines/daily.yaml:12:7: unknown stage \"foo\"").
 * Only main() turns an error into an exit.
 */
#ifndef GZ_ERROR_H
#define GZ_ERROR_H

#include <stdarg.h>
#include <sysexits.h>

#define GZ_ERR_MSG_MAX 1024

struct gz_error {
    int  code;                  /* sysexits.h value; 0 when no error */
    char msg[GZ_ERR_MSG_MAX];
    int  retry;                 /* 1: a temporary failure that trying again
                                   may cure (lost connection, server restarting,
                                   serialization failure); gz_fail clears it */
};

/* Fill err (may be NULL) and return -1, so callers can `return gz_fail(...)`. */
int gz_fail(struct gz_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix an existing message with "where: ". */
void gz_error_prefix(struct gz_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void gz_error_clear(struct gz_error *err);

#endif
