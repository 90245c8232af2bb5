/*
 * retry.c - capped exponential backoff with equal jitter.
 */
#include "run/retry.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

double gz_retry_cap(const struct gz_retry *r, long attempt)
{
    int doublings = attempt <= 1 ? 0 : attempt > 60 ? 59 : (int)attempt - 1;
    double c = r->initial_wait * ldexp(1.0, doublings);

    return c < r->max_wait ? c : r->max_wait;
}

/* A uniform number in [0, 1): xorshift64*, seeded from the clock and pid. */
static double uniform(void)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    static uint64_t state;
    uint64_t x;

    pthread_mutex_lock(&mu);
    if (state == 0) {
        struct timespec ts;

        clock_gettime(CLOCK_REALTIME, &ts);
        state = ((uint64_t)ts.tv_sec * 1000000007u) ^ (uint64_t)ts.tv_nsec
                ^ ((uint64_t)getpid() << 32) ^ 0x9e3779b97f4a7c15u;
    }
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    x = state * 0x2545f4914f6cdd1du;
    pthread_mutex_unlock(&mu);
    return (double)(x >> 11) / 9007199254740992.0;     /* 2^53 */
}

double gz_retry_wait(const struct gz_retry *r, long attempt)
{
    double c = gz_retry_cap(r, attempt);

    return c / 2 + uniform() * c / 2;
}

double gz_retry_min_total(const struct gz_retry *r)
{
    return gz_retry_max_total(r) / 2;
}

double gz_retry_max_total(const struct gz_retry *r)
{
    double total = 0;
    long k;

    for (k = 1; k <= r->attempts; k++)
        total += gz_retry_cap(r, k);
    return total;
}

static volatile sig_atomic_t cancelled;

void gz_retry_cancel(void)
{
    cancelled = 1;
}

int gz_retry_cancelled(void)
{
    return cancelled != 0;
}

void gz_retry_reset(void)
{
    cancelled = 0;
}

void gz_retry_sleep(double secs)
{
    while (secs > 0 && !cancelled) {
        double slice = secs < 0.1 ? secs : 0.1;
        struct timespec left = {0, (long)(slice * 1e9)};

        while (nanosleep(&left, &left) < 0 && errno == EINTR && !cancelled)
            ;
        secs -= slice;
    }
}
