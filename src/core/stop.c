/*
 * stop.c - the stop flag set from a signal handler.
 */
#include "core/stop.h"

#include <signal.h>
#include <string.h>

/* Written from a signal handler, read from the stage threads: a
 * sig_atomic_t, volatile so that every poll loads it again. */
static volatile sig_atomic_t stop_signal;

static const char stopped[] = "stopped by a signal";

void gz_stop_request(int sig)
{
    stop_signal = sig != 0 ? sig : 1;
}

int gz_stop_requested(void)
{
    return stop_signal;
}

void gz_stop_clear(void)
{
    stop_signal = 0;
}

int gz_stop_fail(struct gz_error *err)
{
    return gz_fail(err, EX_TEMPFAIL, "%s", stopped);
}

int gz_stop_is(const struct gz_error *err)
{
    return err != NULL && err->code == EX_TEMPFAIL && strcmp(err->msg, stopped) == 0;
}
