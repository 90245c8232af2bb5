/* clean_text helpers, the content hash, and source globs. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/article.h"
#include "sources/files.h"
#include "text/html.h"

/* What gz_html_clean makes of a text is in tests/data/html/ (run by
 * test_golden.c); here, what it says it repaired. */
Test(html, reports_its_repairs)
{
    struct gz_arena *a = gz_arena_new();
    const char *in = "<p>Rutte &amp; Sunak</p>", *asis = "AT&T &unknown; &#xZZ;";
    unsigned r = 0;
    size_t n;

    gz_html_clean(a, in, strlen(in), &n, &r);
    cr_assert_eq(r, GZ_REPAIR_HTML_TAGS | GZ_REPAIR_HTML_ENT);
    r = 0;
    gz_html_clean(a, asis, strlen(asis), &n, &r);
    cr_assert_eq(r, 0);
    gz_arena_free(a);
}

Test(html, space_normalisation)
{
    char body[] = "  One \t two  \n\n\n\nThree\xc2\xa0" "four  \n";
    char title[] = "Multi\nline  title ";
    unsigned r = 0;
    size_t n;

    n = gz_space_normalise(body, strlen(body), 0, &r);
    cr_assert_str_eq(body, "One two\n\nThree four");
    cr_assert_eq(n, strlen("One two\n\nThree four"));
    cr_assert_eq(r, GZ_REPAIR_WHITESPACE);
    r = 0;
    gz_space_normalise(title, strlen(title), 1, &r);
    cr_assert_str_eq(title, "Multi line title");
}

Test(html, clean_text_is_untouched)
{
    char body[] = "One two.\n\nThree.";
    unsigned r = 0;

    gz_space_normalise(body, strlen(body), 0, &r);
    cr_assert_str_eq(body, "One two.\n\nThree.");
    cr_assert_eq(r, 0);
}

Test(hash, sha256_of_title_newline_body)
{
    struct gz_article *a = gz_article_new();

    a->title = "Title";
    a->title_len = 5;
    a->body = "Body";
    a->body_len = 4;
    gz_article_hash(a);
    /* printf 'Title\nBody' | sha256sum */
    cr_assert_str_eq(a->content_sha256,
                     "b93e9074bf0f60db9ff2f517fe8ce3ce2f29aec3e00989a2c1a8a727005bffc2");
    gz_article_free(a);
}

Test(glob, globstar_and_segments)
{
    cr_assert(gz_glob_match("in/**/*.txt", "in/a.txt"));
    cr_assert(gz_glob_match("in/**/*.txt", "in/2024/02/a.txt"));
    cr_assert(!gz_glob_match("in/**/*.txt", "in/2024/a.csv"));
    cr_assert(!gz_glob_match("in/*.txt", "in/2024/a.txt"));
    cr_assert(gz_glob_match("**", "x/y/z"));
    cr_assert(!gz_glob_match("in/**/*.txt", "other/a.txt"));
}
