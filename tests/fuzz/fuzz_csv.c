/* libFuzzer harness: the CSV source on arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sources/source.h"
#include "text/utf8.h"

static int on_article(void *ctx, struct gz_article *a, struct gz_error *err)
{
    (void)ctx, (void)err;
    if (!gz_utf8_valid(a->title, a->title_len) || !gz_utf8_valid(a->body, a->body_len))
        abort();
    gz_article_free(a);
    return 0;
}

static int on_reject(void *ctx, const struct gz_reject *r, struct gz_error *err)
{
    (void)ctx, (void)r, (void)err;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    struct gz_source_opts opts = {GZ_FORMAT_CSV, "id", "published", "title", "body", {-1}, NULL, 0};
    struct gz_source_out out = {on_article, on_reject, NULL, NULL};
    FILE *f;

    if (path[0] == '\0')
        snprintf(path, sizeof(path), "/tmp/gz-fuzz-csv-%d", (int)getpid());
    f = fopen(path, "wb");
    fwrite(data, 1, size, f);
    fclose(f);
    gz_csv_read(path, &opts, &out, NULL);
    return 0;
}
