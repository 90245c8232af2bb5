/*
 * fuzz_clean.c - libFuzzer harness for the clean_text stage: the input,
 * repaired to UTF-8 the way a source reads it, loses its HTML tags and
 * character references (text/html.c) and has its blank space collapsed, as
 * a title (one line) and as a body. What comes out is NUL-terminated valid
 * UTF-8, no longer than went in (a reference never decodes longer than it
 * is written), and collapsing the space twice changes nothing.
 *
 *   make fuzz FUZZ_SECONDS=60      (seeds in tests/fuzz/corpus/clean)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "text/html.h"
#include "text/utf8.h"

static void check(char *s, size_t n, size_t in_len, int single_line)
{
    unsigned repairs = 0;
    size_t again;

    if (n > in_len || strlen(s) != n || !gz_utf8_valid(s, n))
        abort();
    again = gz_space_normalise(s, n, single_line, &repairs);
    if (again != n || repairs != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gz_arena *arena = gz_arena_new();
    unsigned repairs = 0;
    size_t len, out_len;
    char *text = gz_utf8_repair((const char *)data, size, &len, &repairs);
    int single_line;

    for (single_line = 0; single_line <= 1; single_line++) {
        char *out = gz_html_clean(arena, text, len, &out_len, &repairs);

        if (strlen(out) != out_len || !gz_utf8_valid(out, out_len))
            abort();
        out_len = gz_space_normalise(out, out_len, single_line, &repairs);
        check(out, out_len, len, single_line);
    }
    gz_free(text);
    gz_arena_free(arena);
    return 0;
}
