#include <criterion/criterion.h>
#include <string.h>

#include "core/article.h"
#include "core/mem.h"
#include "text/utf8.h"

static char *repair(const char *in, size_t n, unsigned *repairs)
{
    size_t len;

    *repairs = 0;
    return gz_utf8_repair(in, n, &len, repairs);
}

Test(utf8, valid_text_is_unchanged)
{
    unsigned r;
    char *out = repair("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", 13, &r);

    cr_assert_str_eq(out, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d");
    cr_assert_eq(r, 0);
    gz_free(out);
}

Test(utf8, latin1_bytes_decode_as_windows_1252)
{
    unsigned r;
    char *out = repair("caf\xe9 \x93q\x94 \x80", 11, &r);

    cr_assert_str_eq(out, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xe2\x82\xac");
    cr_assert(r & GZ_REPAIR_CP1252);
    gz_free(out);
}

Test(utf8, nul_bytes_are_removed)
{
    unsigned r;
    char *out = repair("a\0b\0", 4, &r);

    cr_assert_str_eq(out, "ab");
    cr_assert(r & GZ_REPAIR_NUL);
    gz_free(out);
}

Test(utf8, truncated_sequence_is_repaired)
{
    unsigned r;
    char *out = repair("x\xe2\x80", 3, &r);

    cr_assert(gz_utf8_valid(out, strlen(out)));
    cr_assert(r & GZ_REPAIR_CP1252);
    gz_free(out);
}

Test(utf8, counts_code_points)
{
    cr_assert_eq(gz_utf8_count("caf\xc3\xa9", 5), 4);
    cr_assert_eq(gz_utf8_count("\xe2\x80\x9c", 3), 1);
}
