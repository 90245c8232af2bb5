/* libFuzzer harness: gz_scrub_secrets stays in its buffer and leaves a
 * NUL-terminated string that fits it, whatever the message; a known
 * password appended as "password=..." never survives. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/scrub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char tail[] = " password=Zq7Secret";
    size_t n = size < 2048 ? size : 2048, cap = n + sizeof(tail) + 32;
    char *buf = malloc(cap);

    memcpy(buf, data, n);
    buf[n] = '\0';
    n = strlen(buf);
    if (strstr(buf, "Zq7") != NULL) {
        free(buf);
        return 0;
    }
    gz_scrub_secrets(buf, n + 1);
    if (strlen(buf) > n)
        abort();
    /* a conninfo password at the end, after a blank: always masked */
    memcpy(buf + strlen(buf), tail, sizeof(tail));
    gz_scrub_secrets(buf, cap);
    if (strlen(buf) >= cap || strstr(buf, "Zq7Secret") != NULL)
        abort();
    free(buf);
    return 0;
}
