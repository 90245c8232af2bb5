/* clean_text helpers, the content hash, and source globs. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/article.h"
#include "sources/files.h"
#include "text/html.h"

static char *clean(struct gz_arena *a, const char *in, unsigned *repairs)
{
    size_t n;

    *repairs = 0;
    return gz_html_clean(a, in, strlen(in), &n, repairs);
}

Test(html, tags_and_entities)
{
    struct gz_arena *a = gz_arena_new();
    unsigned r;

    cr_assert_str_eq(clean(a, "<p>Rutte &amp; Sunak</p>", &r), "\n\nRutte & Sunak\n\n");
    cr_assert_eq(r, GZ_REPAIR_HTML_TAGS | GZ_REPAIR_HTML_ENT);
    cr_assert_str_eq(clean(a, "a<br>b<br/>c", &r), "a\nb\nc");
    cr_assert_str_eq(clean(a, "caf&eacute; &#8220;x&#x201D; &nbsp;", &r),
                     "caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80\x9d \xc2\xa0");
    cr_assert_str_eq(clean(a, "<script>var x = '<p>';</script>Text", &r), "Text");
    cr_assert_str_eq(clean(a, "<!-- note -->Text", &r), "Text");
    gz_arena_free(a);
}

Test(html, tickers_and_unknown_things_stay)
{
    struct gz_arena *a = gz_arena_new();
    unsigned r;

    cr_assert_str_eq(clean(a, "OCCIDENTAL <OXY> OFFICIAL", &r), "OCCIDENTAL <OXY> OFFICIAL");
    cr_assert_str_eq(clean(a, "a < b and c > d", &r), "a < b and c > d");
    cr_assert_str_eq(clean(a, "AT&T &unknown; &#xZZ;", &r), "AT&T &unknown; &#xZZ;");
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
