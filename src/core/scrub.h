/*
 * scrub.h - keep passwords out of messages.
 *
 * libpq echoes a connection string it cannot parse in its error message
 * ("... in URI: \"postgresql://user:secret@[127.0.0.1:5432/db\""), and a
 * DSN may be printed by mistake. Every message that may hold a connection
 * string goes through gz_scrub_secrets before it is logged, printed or
 * stored (runs.message).
 */
#ifndef GZ_SCRUB_H
#define GZ_SCRUB_H

#include <stddef.h>

/* Replace, in place, by "***":
 *   - the value of password=... and of any keyword ending in "password"
 *     (sslpassword) in a conninfo string, quoted ('it\'s', and whatever
 *     sticks to the closing quote) or not, with or without spaces around "=";
 *   - the same as a URI query parameter (?password=...&..., up to & or #);
 *   - the password of user:password@ after "://", also in a malformed URI
 *     (up to the last '@' before white space: a password holding '@' goes
 *     whole; a query value holding '@' is scrubbed too, which is safe);
 *   - the quoted token of libpq's "invalid percent-encoded token",
 *     "forbidden value %00" and "missing "=" after" messages, which may be
 *     a password or a piece of one alone.
 * msg is a NUL-terminated string in a buffer of size bytes; the result is
 * cut to fit. Returns the number of secrets replaced. */
int gz_scrub_secrets(char *msg, size_t size);

#endif
