/*
 * test_ner_model.c - the model file: what is saved loads back with the same
 * scores, and files that are not models are refused with a reason.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "ner/ner_model.h"
#include "ner/tagger.h"

static struct gz_ner_model *small_model(void)
{
    struct gz_ner_tok tok = { "Paris", 5 };
    struct gz_nerfeat_word w;
    uint64_t keys[GZ_NERFEAT_MAX];
    float rows[GZ_NERFEAT_MAX * GZ_NER_NTAGS], trans[GZ_NER_NTRANS];
    size_t n, i;

    gz_nerfeat_prepare(&tok, 1, NULL, &w);
    n = gz_nerfeat_extract(&tok, &w, 1, 0, keys);
    for (i = 0; i < n * GZ_NER_NTAGS; i++)
        rows[i] = (float)((int)(i % 7) - 3) * 0.25f;
    for (i = 0; i < GZ_NER_NTRANS; i++)
        trans[i] = (float)i * 0.01f;
    return gz_ner_model_build(keys, rows, n, trans, 0, NULL);
}

static void emissions(const struct gz_ner_model *m, float *emit)
{
    struct gz_ner_tok tok = { "Paris", 5 };
    struct gz_nerfeat_word w;

    gz_ner_model_emissions(m, &tok, &w, 1, emit);
}

Test(ner_model, saved_model_loads_with_same_scores)
{
    char path[] = "/tmp/gz-ner-model-XXXXXX";
    int fd = mkstemp(path);
    struct gz_ner_model *a = small_model(), *b = NULL;
    struct gz_error err = {0};
    float ea[GZ_NER_NTAGS], eb[GZ_NER_NTAGS];
    int t;

    cr_assert_geq(fd, 0);
    close(fd);
    cr_assert_eq(gz_ner_model_save(a, path, &err), 0, "%s", err.msg);
    cr_assert_eq(gz_ner_model_load(path, &b, &err), 0, "%s", err.msg);
    cr_assert_eq(gz_ner_model_bytes(a), gz_ner_model_bytes(b));
    cr_assert_eq(gz_ner_model_features(a), gz_ner_model_features(b));
    cr_assert_gt(gz_ner_model_features(b), 20);
    emissions(a, ea);
    emissions(b, eb);
    for (t = 0; t < GZ_NER_NTAGS; t++)
        cr_assert_float_eq(ea[t], eb[t], 1e-6);
    cr_assert_float_eq(gz_ner_model_trans(b)[5], 0.05f, 1e-6);
    gz_ner_model_free(a);
    gz_ner_model_free(b);
    unlink(path);
}

Test(ner_model, other_files_are_refused)
{
    char path[] = "/tmp/gz-ner-model-XXXXXX";
    int fd = mkstemp(path);
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};

    cr_assert_eq(write(fd, "hello, not a model at all", 25), 25);
    close(fd);
    cr_assert_eq(gz_ner_model_load(path, &m, &err), -1);
    cr_assert_null(m);
    cr_assert(strstr(err.msg, "is not a gazette entity model") != NULL, "%s", err.msg);
    unlink(path);
    cr_assert_eq(gz_ner_model_load("/nonexistent/ner.bin", &m, &err), -1);
    cr_assert(strstr(err.msg, "could not open model") != NULL, "%s", err.msg);
}

Test(ner_model, truncated_model_is_refused)
{
    char path[] = "/tmp/gz-ner-model-XXXXXX";
    int fd = mkstemp(path);
    struct gz_ner_model *a = small_model(), *b = NULL;
    struct gz_error err = {0};

    close(fd);
    cr_assert_eq(gz_ner_model_save(a, path, &err), 0);
    cr_assert_eq(truncate(path, (off_t)gz_ner_model_bytes(a) - 100), 0);
    cr_assert_eq(gz_ner_model_load(path, &b, &err), -1);
    cr_assert(strstr(err.msg, "truncated or corrupt") != NULL, "%s", err.msg);
    gz_ner_model_free(a);
    unlink(path);
}
