/*
 * log.h - logs on stderr as key=value lines, one event per line:
 *
 *   ts=2024-02-22T10:04:00Z level=info event=run_done pipeline=daily loaded=12 rejected=1
 *   ts=... level=warn event=reject uri=in/a.txt line=1 reason="impossible date \"2024-02-30\""
 *
 * Values with blanks, quotes or '=' are quoted with gz_q(). Nothing goes to
 * stdout unless a command was asked to print something.
 */
#ifndef GZ_LOG_H
#define GZ_LOG_H

enum gz_log_level { GZ_LOG_DEBUG, GZ_LOG_INFO, GZ_LOG_WARN, GZ_LOG_ERROR };

void gz_log(enum gz_log_level level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#include "core/error.h"

/* Lowest level printed (default info; GAZETTE_LOG=debug|info|warn|error;
 * unset or empty: info). Any other value fails with EX_CONFIG and leaves
 * the level alone. main() checks it before every command. */
int gz_log_level_check_env(struct gz_error *err);
/* The same, ignoring an invalid value. */
void gz_log_level_from_env(void);

/* s quoted for a key=value line when needed. The result lives in one of
 * eight rotating buffers of the calling thread. */
const char *gz_q(const char *s);

#endif
