/*
 * retry.h - how long a run keeps trying when the database goes away.
 *
 *   retry: {attempts: 12, initial_wait: 0.5, max_wait: 15}
 *
 * After a failure that trying again may cure (err->retry: lost connection,
 * server shutting down or starting up, too many connections, no answer
 * within connect_timeout, a statement timeout, a serialization failure or
 * deadlock), the run waits and tries again, at most `attempts` times
 * (0: never). Before attempt k (1-based) it waits a time drawn uniformly
 * from [c/2, c], c = min(max_wait, initial_wait * 2^(k-1)) ("equal
 * jitter": runs that failed together do not all come back at once, and
 * half of each wait is guaranteed). The default waits at least
 * 0.25+0.5+1+2+4+7.5*7 = 60.25 s and at most 120.5 s in all before it
 * gives up, so a server restart of up to a minute costs no run. A
 * SIGINT/SIGTERM ends the waits (gz_retry_cancel).
 */
#ifndef GZ_RETRY_H
#define GZ_RETRY_H

struct gz_retry {
    long   attempts;        /* tries after the first failure, 0..100 */
    double initial_wait;    /* seconds, cap of the first wait */
    double max_wait;        /* seconds, cap of every wait */
};

#define GZ_RETRY_DEFAULT {12, 0.5, 15.0}

/* The cap c of attempt k (1-based). */
double gz_retry_cap(const struct gz_retry *r, long attempt);
/* A wait for attempt k: uniform in [c/2, c]. */
double gz_retry_wait(const struct gz_retry *r, long attempt);
/* The least and the most all attempts wait in total (sum of c/2, of c). */
double gz_retry_min_total(const struct gz_retry *r);
double gz_retry_max_total(const struct gz_retry *r);
/* Sleep secs seconds, or less once gz_retry_cancel was called. */
void gz_retry_sleep(double secs);

/* SIGINT/SIGTERM during the waits: the run's signal handler calls
 * gz_retry_cancel (async-signal-safe); the sleep ends within 0.1 s and
 * gz_retry_cancelled is 1 until gz_retry_reset, so the run gives up at
 * once (exit 69) instead of waiting for the server up to the end. */
void gz_retry_cancel(void);
int  gz_retry_cancelled(void);
void gz_retry_reset(void);

#endif
