/* The article text format: every repair and every reject reason. */
#include <criterion/criterion.h>
#include <string.h>

#include "sources/source.h"

static const struct gz_pubdate_opts dates = {.day_first = -1};

static struct gz_article *parse(const char *text, size_t len, struct gz_reject *rej)
{
    memset(rej, 0, sizeof(*rej));
    return gz_article_parse("in.txt", text, len, &dates, rej);
}

#define PARSE(lit, rej) parse(lit, sizeof(lit) - 1, rej)

static void assert_reject(const char *text, size_t len, const char *reason, long line)
{
    struct gz_reject rej;
    struct gz_article *a = parse(text, len, &rej);

    cr_assert_null(a, "expected a reject for %s", reason);
    cr_assert_str_eq(rej.reason, reason);
    cr_assert_eq(rej.line, line, "line %ld, expected %ld", rej.line, line);
    cr_assert_str_eq(rej.uri, "in.txt");
}

Test(article_parse, clean_article)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("date 2024-02-22 Rutte backed\n\nPara one.\n\nPara two.\n", &rej);

    cr_assert_not_null(a);
    cr_assert_str_eq(a->title, "Rutte backed");
    cr_assert_str_eq(a->body, "Para one.\n\nPara two.");
    cr_assert_eq(a->body_len, strlen("Para one.\n\nPara two."));
    cr_assert_eq(a->published.year, 2024);
    cr_assert_eq(a->published.month, 2);
    cr_assert_eq(a->published.day, 22);
    cr_assert_str_eq(a->published_raw, "2024-02-22");
    cr_assert_eq(a->repairs, 0);
    cr_assert_eq(a->line, 1);
    gz_article_free(a);
}

Test(article_parse, seed_like_leading_space_and_no_final_newline)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE(" date 2024-02-22 Title\n\nBody without newline", &rej);

    cr_assert_not_null(a);
    cr_assert_str_eq(a->title, "Title");
    cr_assert_str_eq(a->body, "Body without newline");
    cr_assert_eq(a->repairs, GZ_REPAIR_LEADING_WS | GZ_REPAIR_NO_FINAL_EOL);
    gz_article_free(a);
}

Test(article_parse, leading_blank_lines_move_the_header_line)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("\n\n  date 2024-02-22 T\n\nB\n", &rej);

    cr_assert_not_null(a);
    cr_assert_eq(a->line, 3);
    gz_article_free(a);
}

Test(article_parse, bom_and_crlf)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("\xEF\xBB\xBF" "date 2024-02-22 T\r\n\r\nLine one.\r\nLine two.\r\n", &rej);

    cr_assert_not_null(a);
    cr_assert_str_eq(a->title, "T");
    cr_assert_str_eq(a->body, "Line one.\nLine two.");
    cr_assert_eq(a->repairs, GZ_REPAIR_BOM | GZ_REPAIR_CRLF);
    gz_article_free(a);
}

Test(article_parse, latin1_decoded_as_windows_1252)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("date 2024-02-22 Caf\xe9\n\n\x93Quoted\x94 na\xefve\n", &rej);

    cr_assert_not_null(a);
    cr_assert_str_eq(a->title, "Caf\xc3\xa9");
    cr_assert_str_eq(a->body, "\xe2\x80\x9cQuoted\xe2\x80\x9d na\xc3\xafve");
    cr_assert_eq(a->repairs, GZ_REPAIR_CP1252);
    gz_article_free(a);
}

Test(article_parse, smart_quotes_are_kept)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("date 2024-02-22 \xe2\x80\x9cStrong\xe2\x80\x9d\n\nB\n", &rej);

    cr_assert_str_eq(a->title, "\xe2\x80\x9cStrong\xe2\x80\x9d");
    cr_assert_eq(a->repairs, 0);
    gz_article_free(a);
}

Test(article_parse, nul_bytes_removed)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("date 2024-02-22 T\n\nA\0B\n", &rej);

    cr_assert_not_null(a);
    cr_assert_str_eq(a->body, "AB");
    cr_assert_eq(a->repairs, GZ_REPAIR_NUL);
    gz_article_free(a);
}

Test(article_parse, title_only_brief_is_valid)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("date 2024-05-20 Flash: Airbus wins order\n", &rej);

    cr_assert_not_null(a);
    cr_assert_str_eq(a->title, "Flash: Airbus wins order");
    cr_assert_str_eq(a->body, "");
    cr_assert_eq(a->body_len, 0);
    gz_article_free(a);
}

Test(article_parse, rejects_with_exact_reasons)
{
    assert_reject("", 0, "empty file", 0);
    assert_reject(" \n\t\n", 4, "empty file", 0);
    assert_reject("Title\n\nBody\n", 12, "no \"date\" header line", 1);
    assert_reject("dated 2024-02-22 T\n", 19, "no \"date\" header line", 1);
    assert_reject("date 2024-02-30 T\n\nB\n", 21, "impossible date \"2024-02-30\"", 1);
    assert_reject("date 2023-02-29 T\n", 18, "impossible date \"2023-02-29\"", 1);
    assert_reject("date yesterday T\n", 17, "unrecognised date \"yesterday\"", 1);
    assert_reject("date 2024-02-22\n\nBody\n", 22, "no title after the date", 1);
    assert_reject("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "binary file", 0);
    assert_reject("\0\0\0\1\2\3\4\5\6\7date", 14, "binary file", 0);
}

Test(article_parse, leap_day_is_possible)
{
    struct gz_reject rej;
    struct gz_article *a = PARSE("date 2024-02-29 Leap\n", &rej);

    cr_assert_not_null(a);
    gz_article_free(a);
}
