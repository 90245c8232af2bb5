/*
 * stop.h - a stop asked for by a signal, seen by code that may run long.
 *
 * The runner's SIGINT/SIGTERM handler calls gz_stop_request; the stages
 * poll gz_stop_requested every few sentences and give up on the article
 * (gz_stop_fail: EX_TEMPFAIL "stopped by a signal"), so that a run inside a
 * 16 MB article still stops within a second. An article given up this way
 * is neither loaded nor rejected, and its file is not marked done: the
 * next run reads it again. Nothing here is run-specific: a process that
 * never asks for a stop never sees one.
 */
#ifndef GZ_STOP_H
#define GZ_STOP_H

#include "core/error.h"

/* Ask for a stop (async-signal-safe); sig is the signal, or 1. */
void gz_stop_request(int sig);

/* The signal a stop was asked for with, 0 when none. Cheap: one load. */
int gz_stop_requested(void);

/* Forget a stop asked for (a new run starts). */
void gz_stop_clear(void);

/* Fill err with EX_TEMPFAIL "stopped by a signal" and return -1. */
int gz_stop_fail(struct gz_error *err);

/* 1 when err is what gz_stop_fail made. */
int gz_stop_is(const struct gz_error *err);

#endif
