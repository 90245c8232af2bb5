/* libFuzzer harness: the article text parser never crashes, and what it
 * accepts is valid UTF-8 with a title. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sources/source.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gz_pubdate_opts dates = {.day_first = -1};
    struct gz_reject rej;
    struct gz_article *a = gz_article_parse("fuzz", (const char *)data, size, &dates, &rej);

    if (a != NULL) {
        if (!gz_utf8_valid(a->title, a->title_len) || !gz_utf8_valid(a->body, a->body_len)
            || a->title_len == 0 || strlen(a->body) != a->body_len)
            abort();
        gz_article_free(a);
    }
    return 0;
}
