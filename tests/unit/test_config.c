/* Pipeline files: errors name file:line:col and what was expected. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "run/pipeline.h"

static char *write_tmp(const char *text)
{
    static char path[64];
    FILE *f;

    snprintf(path, sizeof(path), "/tmp/gz-cfg-%d.yaml", (int)getpid());
    f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void assert_error(const char *yaml, const char *want)
{
    struct gz_error err = {0};
    char *path = write_tmp(yaml);
    struct gz_pipeline *p = gz_pipeline_load(path, &err);
    char expected[512];

    cr_assert_null(p, "expected an error: %s", want);
    cr_assert_eq(err.code, EX_CONFIG);
    snprintf(expected, sizeof(expected), "%s:%s", path, want);
    cr_assert_str_eq(err.msg, expected);
    unlink(path);
}

Test(config, valid_file_with_defaults)
{
    struct gz_error err = {0};
    char *path = write_tmp("pipeline: daily\n"
                           "source:\n  files: [\"a/*.txt\", b]\n"
                           "stages:\n  - clean_text\n  - clean_text:\n      html: false\n"
                           "sink:\n  postgres:\n    batch: 50\n");
    struct gz_pipeline *p = gz_pipeline_load(path, &err);

    cr_assert_not_null(p, "%s", err.msg);
    cr_assert_str_eq(p->name, "daily");
    cr_assert_eq(p->n_files, 2);
    cr_assert_str_eq(p->files[0] + strlen(p->base_dir), "/a/*.txt", "%s", p->files[0]);
    cr_assert_eq(strncmp(p->files[0], p->base_dir, strlen(p->base_dir)), 0, "from the file's directory");
    cr_assert_eq(p->base_dir[0], '/');
    cr_assert_eq(p->source.format, GZ_FORMAT_ARTICLE);
    cr_assert_eq(p->n_stages, 2);
    cr_assert_eq(gz_stage_bool(&p->stages[0], "html"), 1, "default applies");
    cr_assert_eq(gz_stage_bool(&p->stages[1], "html"), 0);
    cr_assert_eq(p->batch, 50);
    cr_assert_str_eq(p->schema, "gazette");
    cr_assert_null(p->dsn);
    cr_assert_eq(p->fail_on_error, 0);
    gz_pipeline_free(p);
    unlink(path);
}

Test(config, unknown_top_level_key_with_suggestion)
{
    assert_error("pipeline: x\nsource: {files: [a]}\nstagse: []\n",
                 "3:1: unknown key \"stagse\" in pipeline file (did you mean \"stages\"?)");
}

Test(config, unknown_stage_option_points_at_its_line)
{
    assert_error("pipeline: x\nsource:\n  files: [a]\nstages:\n  - clean_text:\n      htlm: true\n",
                 "6:7: unknown key \"htlm\" in options of stage clean_text (did you mean \"html\"?)");
}

Test(config, unknown_stage)
{
    assert_error("pipeline: x\nsource: {files: [a]}\nstages:\n  - clean_txt\n",
                 "4:5: unknown stage \"clean_txt\" (did you mean \"clean_text\"?)");
}

Test(config, bad_values)
{
    assert_error("pipeline: x\nsource: {files: [a], format: xml}\n",
                 "2:30: unknown source.format \"xml\" (expected article or csv)");
    assert_error("pipeline: x\nsource: {files: [a]}\nstages:\n  - clean_text: {html: maybe}\n",
                 "4:24: expected true or false, found \"maybe\"");
    assert_error("pipeline: x\nsource: {files: [a]}\nsink: {postgres: {batch: lots}}\n",
                 "3:26: expected an integer, found \"lots\"");
    assert_error("pipeline: x\nsource: {files: [a]}\non_error: ignore\n",
                 "3:11: on_error must be reject or fail, found \"ignore\"");
}

Test(config, missing_required_parts)
{
    struct gz_error err = {0};
    char *path = write_tmp("source: {files: [a]}\n");

    cr_assert_null(gz_pipeline_load(path, &err));
    cr_assert(strstr(err.msg, "\"pipeline: NAME\" is required") != NULL, "%s", err.msg);
    unlink(path);
    assert_error("pipeline: x\nsource: {format: csv}\n",
                 "2:9: source.files is required (paths, globs or \"-\")");
}

Test(config, yaml_syntax_error_has_position)
{
    assert_error("pipeline: x\nsource: {files: [a]\n",
                 "3:1: did not find expected ',' or '}' while parsing a flow mapping");
}

Test(config, environment_variables_expand_and_stay_secret)
{
    struct gz_error err = {0};
    char *path;
    struct gz_pipeline *p;

    setenv("GZ_TEST_DSN", "postgresql://u:secret@h/db", 1);
    path = write_tmp("pipeline: x\nsource: {files: [a]}\nsink: {postgres: {dsn: \"${GZ_TEST_DSN}\"}}\n");
    p = gz_pipeline_load(path, &err);
    cr_assert_not_null(p, "%s", err.msg);
    cr_assert_str_eq(p->dsn, "postgresql://u:secret@h/db");
    cr_assert_eq(p->dsn_secret, 1);
    gz_pipeline_free(p);
    unlink(path);
    assert_error("pipeline: x\nsource: {files: [a]}\nsink: {postgres: {dsn: \"${GZ_UNSET_VAR_X}\"}}\n",
                 "3:24: environment variable GZ_UNSET_VAR_X is not set");
}

Test(config, duplicate_keys_are_errors)
{
    assert_error("pipeline: x\npipeline: y\nsource: {files: [a]}\n",
                 "2:1: duplicate key \"pipeline\" (first at line 1)");
}
