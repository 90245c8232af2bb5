#include "core/fault.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

long gz_fault_value(const char *kind)
{
    const char *f = getenv("GAZETTE_FAULT");
    size_t len = strlen(kind);

    if (f == NULL || strncmp(f, kind, len) != 0 || f[len] != ':')
        return 0;
    return atol(f + len + 1);
}

int gz_fault_at(const char *kind)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    static long passages;
    long n = gz_fault_value(kind);
    int hit;

    if (n <= 0)
        return 0;                       /* only the named point is counted */
    pthread_mutex_lock(&mu);
    hit = n == ++passages;
    pthread_mutex_unlock(&mu);
    return hit;
}
