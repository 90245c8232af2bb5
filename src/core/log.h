/*
 * log.h - logs on stderr, one event per line, as key=value (logfmt) lines:
 *
 *   ts=2024-02-22T10:04:00Z level=info event=run_done pipeline=daily loaded=12 rejected=1
 *   ts=... level=warn event=reject uri=in/a.txt line=1 reason="impossible date \"2024-02-30\""
 *
 * or, with the JSON format, as one JSON object per line holding the same
 * fields (a value that is a plain number is a JSON number, any other a
 * string):
 *
 *   {"ts":"2024-02-22T10:04:00Z","level":"info","event":"run_done","pipeline":"daily","loaded":12}
 *
 * Callers write the logfmt tail ("key=%s n=%ld"), values with blanks,
 * quotes or '=' quoted with gz_q(); gz_log turns it into JSON when asked.
 * Nothing goes to stdout unless a command was asked to print something.
 */
#ifndef GZ_LOG_H
#define GZ_LOG_H

enum gz_log_level { GZ_LOG_DEBUG, GZ_LOG_INFO, GZ_LOG_WARN, GZ_LOG_ERROR };
enum gz_log_format { GZ_LOG_LOGFMT, GZ_LOG_JSON };

void gz_log(enum gz_log_level level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#include "core/error.h"

/* Lowest level printed (default info; GAZETTE_LOG=debug|info|warn|error;
 * unset or empty: info). Any other value fails with EX_CONFIG and leaves
 * the level alone. main() checks it before every command. Once the command
 * line set the level (gz_log_set_level), the variable is not looked at. */
int gz_log_level_check_env(struct gz_error *err);
/* The same, ignoring an invalid value. */
void gz_log_level_from_env(void);
void gz_log_set_level(enum gz_log_level level);     /* -q, -v */
enum gz_log_level gz_log_level(void);

/* The line format (default logfmt; GAZETTE_LOG_FORMAT=logfmt|json, unset
 * or empty: logfmt; any other value fails with EX_CONFIG). As for the
 * level, once gz_log_set_format was called the variable is not looked at. */
int gz_log_format_check_env(struct gz_error *err);
/* "logfmt" or "json" into *out: 0, or -1 for any other name. */
int gz_log_format_parse(const char *name, enum gz_log_format *out);
void gz_log_set_format(enum gz_log_format format);  /* --log-format */
enum gz_log_format gz_log_format(void);

/* A status line kept at the bottom of stderr (a terminal): drawn now, and
 * cleared before each log line and drawn again after it, so the two never
 * share a line. NULL clears it for good. Thread-safe like gz_log. */
void gz_log_status(const char *line);

/* s quoted for a key=value line when needed. The result lives in one of
 * eight rotating buffers of the calling thread. */
const char *gz_q(const char *s);

#endif
