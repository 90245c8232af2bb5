/*
 * test_ner_lists.c - the name lists of the entity tagger (nerlex.h): a
 * list file read into a lexicon, the longest list phrase marked on a
 * sentence's tokens, bad lines refused with their line, and titles dropped
 * from the front of person spans (tagger.h), by rule and by the shipped
 * model; styles ("King Abdullah") and a lone title stay.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ner/ner_model.h"
#include "ner/nerfeat.h"
#include "ner/nerlex.h"
#include "ner/tagger.h"

#define PER_B GZ_TAG_B(GZ_NER_PER)
#define PER_I GZ_TAG_I(GZ_NER_PER)

static const char lists[] =
    "# a comment\n"
    "title\tMs.\n"
    "style\tKing\n"
    "title\tPresident\n"
    "last\tKing\n"
    "city\tNew York\n"
    "region\tNew York\n"
    "city\tNew York City\n"
    "city\tYork\n"
    "country\tBosnia and Herzegovina\n"
    "city\tZ\xc3\xbcrich\n";

static char *write_temp(const char *text)
{
    static char path[64];
    FILE *f;
    int fd;

    strcpy(path, "/tmp/gz-ner-lists-XXXXXX");
    fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    f = fdopen(fd, "w");
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    return path;
}

/* Split s at spaces into tok (room for 32); returns how many. */
static size_t split(const char *s, struct gz_ner_tok *tok)
{
    size_t n = 0;

    while (*s != '\0' && n < 32) {
        size_t len = strcspn(s, " ");
        tok[n].s = s;
        tok[n++].n = len;
        s += len + (s[len] == ' ');
    }
    return n;
}

static struct gz_nerlex_builder *builder;
static struct gz_nerlex lex;

static void load_lists(void)
{
    struct gz_error err = {0};
    char *path = write_temp(lists);

    builder = gz_nerlex_builder_new();
    cr_assert_eq(gz_nerlex_add_lists(builder, path, &err), 0, "%s", err.msg);
    unlink(path);
    lex = gz_nerlex_build(builder);
}

static void free_lists(void)
{
    gz_nerlex_builder_free(builder);
}

TestSuite(ner_lists, .init = load_lists, .fini = free_lists);

Test(ner_lists, longest_phrase_from_the_left_marks_its_tokens)
{
    static const char sentence[] =
        "Ms. Tarlo left NEW YORK CITY for new york , York , Bosnia and Herzegovina and Zurich";
    static const struct { unsigned list, pos; } want[] = {
        { GZ_LIST_TITLE, 1 }, { 0, 0 }, { 0, 0 },
        { GZ_LIST_CITY, 2 }, { GZ_LIST_CITY, 3 }, { GZ_LIST_CITY, 3 }, { 0, 0 },
        { GZ_LIST_CITY | GZ_LIST_REGION, 2 }, { GZ_LIST_CITY | GZ_LIST_REGION, 3 }, { 0, 0 },
        { GZ_LIST_CITY, 1 }, { 0, 0 },
        { GZ_LIST_COUNTRY, 2 }, { GZ_LIST_COUNTRY, 3 }, { GZ_LIST_COUNTRY, 3 }, { 0, 0 },
        { 0, 0 },   /* the list has "Zürich", and matching does not fold accents */
    };
    struct gz_ner_tok tok[32];
    struct gz_nerfeat_word w[32];
    size_t n = split(sentence, tok), i;

    cr_assert_eq(n, sizeof want / sizeof *want);
    gz_nerfeat_prepare(tok, n, &lex, w);
    for (i = 0; i < n; i++) {
        cr_expect_eq(w[i].list, want[i].list, "token %zu \"%.*s\": kinds %#x, want %#x", i,
                     (int)tok[i].n, tok[i].s, w[i].list, want[i].list);
        cr_expect_eq(w[i].list_pos, want[i].pos, "token %zu \"%.*s\": position %u, want %u", i,
                     (int)tok[i].n, tok[i].s, w[i].list_pos, want[i].pos);
    }
}

Test(ner_lists, a_word_in_two_lists_has_both_kinds)
{
    struct gz_ner_tok tok[32];
    struct gz_nerfeat_word w[32];
    size_t n = split("Z\xc3\xbcrich King", tok);

    gz_nerfeat_prepare(tok, n, &lex, w);
    cr_assert_eq(w[0].list, GZ_LIST_CITY);
    cr_assert_eq(w[1].list, GZ_LIST_STYLE | GZ_LIST_LAST);
}

Test(ner_lists, bad_lines_are_refused_with_their_line)
{
    static const char *const bad[] = { "city\tParis\nplanet\tMars\n", "city\tParis\ncity Rome\n",
                                       "city\tParis\ncity\t\n" };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct gz_nerlex_builder *b = gz_nerlex_builder_new();
        struct gz_error err = {0};
        char *path = write_temp(bad[i]);
        char want[128];
        cr_assert_eq(gz_nerlex_add_lists(b, path, &err), -1, "%s accepted", bad[i]);
        snprintf(want, sizeof want, "%s:2: expected", path);
        cr_assert(strstr(err.msg, want) != NULL, "message: %s", err.msg);
        unlink(path);
        gz_nerlex_builder_free(b);
    }
}

Test(ner_lists, missing_file_is_an_error)
{
    struct gz_nerlex_builder *b = gz_nerlex_builder_new();
    struct gz_error err = {0};

    cr_assert_eq(gz_nerlex_add_lists(b, "/nonexistent/lists.tsv", &err), -1);
    cr_assert(strstr(err.msg, "/nonexistent/lists.tsv") != NULL, "message: %s", err.msg);
    gz_nerlex_builder_free(b);
}

Test(ner_lists, leading_title_leaves_a_person_span)
{
    static const char sentence[] =
        "Ms. Tarlo met President Bill Clinton , Stephen King , King , President and King Abdullah";
    struct gz_ner_tok tok[32];
    struct gz_nerfeat_word w[32];
    uint8_t tags[32] = { PER_B, PER_I, GZ_TAG_O, PER_B, PER_I, PER_I, GZ_TAG_O, PER_B, PER_I,
                         GZ_TAG_O, PER_B, GZ_TAG_O, PER_B, GZ_TAG_O, PER_B, PER_I };
    static const uint8_t want[] = { GZ_TAG_O, PER_B, GZ_TAG_O, GZ_TAG_O, PER_B, PER_I,
                                    GZ_TAG_O, PER_B, PER_I, GZ_TAG_O, PER_B, GZ_TAG_O,
                                    PER_B, GZ_TAG_O, PER_B, PER_I };
    size_t n = split(sentence, tok), i;

    cr_assert_eq(n, sizeof want / sizeof *want);
    gz_nerfeat_prepare(tok, n, &lex, w);
    gz_ner_drop_titles(w, n, tags);
    for (i = 0; i < n; i++)
        cr_expect_eq(tags[i], want[i], "token %zu \"%.*s\": %s, want %s", i, (int)tok[i].n,
                     tok[i].s, gz_ner_tag_name(tags[i]), gz_ner_tag_name(want[i]));
}

Test(ner_lists, shipped_model_leaves_the_title_out)
{
    static const char *const sentences[] = {
        "Ms. Tarlo said the deal was done .",
        "Mr. Tarlo said the deal was done .",
    };
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};
    size_t s;

    cr_assert_eq(gz_ner_model_load("models/ner-en.bin", &m, &err), 0, "%s", err.msg);
    for (s = 0; s < sizeof sentences / sizeof *sentences; s++) {
        struct gz_ner_tok tok[32];
        uint8_t tags[32];
        size_t n = split(sentences[s], tok);
        gz_ner_tag(m, tok, n, tags, NULL);
        cr_expect_eq(tags[0], GZ_TAG_O, "%s: title tagged %s", sentences[s],
                     gz_ner_tag_name(tags[0]));
        cr_expect_eq(tags[1], PER_B, "%s: name tagged %s", sentences[s],
                     gz_ner_tag_name(tags[1]));
        cr_expect_eq(tags[2], GZ_TAG_O, "%s: verb tagged %s", sentences[s],
                     gz_ner_tag_name(tags[2]));
    }
    gz_ner_model_free(m);
}
