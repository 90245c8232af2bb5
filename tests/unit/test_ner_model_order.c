/*
 * test_ner_model_order.c - the model file states its byte order: a saved
 * model carries the mark in this machine's order, and a file of the other
 * order, or of format 1 which had no mark, is refused with a message that
 * names it.
 *
 *   saved here (little-endian)      -> bytes 6..7 ff fe, loads
 *   the same file, every number swapped -> "model is big-endian, this build
 *                                       reads little-endian models"
 *   bytes 6..7 zero, version 1      -> "model format 1 does not state its
 *                                       byte order"
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "ner/ner_model.h"
#include "ner/tagger.h"

static int little_endian(void)
{
    const uint16_t one = 1;

    return *(const unsigned char *)&one;
}

/* A small model saved to a new temporary file; returns its bytes (gz_free)
 * and their count in *len. */
static unsigned char *saved_model(char *path, size_t *len)
{
    struct gz_ner_tok tok = { "Paris", 5 };
    struct gz_nerfeat_word w;
    uint64_t keys[GZ_NERFEAT_MAX];
    float rows[GZ_NERFEAT_MAX * GZ_NER_NTAGS], trans[GZ_NER_NTRANS];
    struct gz_error err = {0};
    struct gz_ner_model *m;
    unsigned char *buf;
    size_t n, i;
    FILE *f;
    int fd = mkstemp(path);

    cr_assert_geq(fd, 0);
    close(fd);
    gz_nerfeat_prepare(&tok, 1, NULL, &w);
    n = gz_nerfeat_extract(&tok, &w, 1, 0, keys);
    for (i = 0; i < n * GZ_NER_NTAGS; i++)
        rows[i] = (float)((int)(i % 5) - 2) * 0.5f;
    for (i = 0; i < GZ_NER_NTRANS; i++)
        trans[i] = (float)i * 0.01f;
    m = gz_ner_model_build(keys, rows, n, trans, 0, NULL);
    cr_assert_eq(gz_ner_model_save(m, path, &err), 0, "%s", err.msg);
    *len = gz_ner_model_bytes(m);
    gz_ner_model_free(m);
    buf = gz_xmalloc(*len);
    f = fopen(path, "rb");
    cr_assert_not_null(f);
    cr_assert_eq(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

static void write_file(const char *path, const unsigned char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");

    cr_assert_not_null(f);
    cr_assert_eq(fwrite(buf, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
}

static void swap(unsigned char *p, size_t width)
{
    size_t i;

    for (i = 0; i < width / 2; i++) {
        unsigned char c = p[i];
        p[i] = p[width - 1 - i];
        p[width - 1 - i] = c;
    }
}

/* What the machine of the other byte order would have written: the mark,
 * the header's 4-byte numbers, the uint32 keys, the int16 weights and the
 * lexicon's uint32 keys and values (ner_model.h). Done twice, the file is
 * back in this machine's order. */
static void to_other_order(unsigned char *buf, size_t len)
{
    uint32_t nslots, lex_slots;
    uint16_t mark;
    size_t header, i;

    memcpy(&mark, buf + 6, 2);
    if (mark != 0xfeff) {           /* read the counts in the file's order */
        swap(buf + 20, 4);
        swap(buf + 24, 4);
    }
    memcpy(&nslots, buf + 20, 4);
    memcpy(&lex_slots, buf + 24, 4);
    if (mark != 0xfeff) {
        swap(buf + 20, 4);
        swap(buf + 24, 4);
    }
    header = len - (size_t)nslots * (4 + 2 * GZ_NER_NTAGS) - (size_t)lex_slots * 8;
    swap(buf + 6, 2);
    for (i = 8; i < header; i += 4)
        swap(buf + i, 4);
    for (i = 0; i < nslots; i++)
        swap(buf + header + 4 * i, 4);
    for (i = 0; i < (size_t)nslots * GZ_NER_NTAGS; i++)
        swap(buf + header + 4 * (size_t)nslots + 2 * i, 2);
    for (i = 0; i < 2 * (size_t)lex_slots; i++)
        swap(buf + header + (size_t)nslots * (4 + 2 * GZ_NER_NTAGS) + 4 * i, 4);
}

Test(ner_model_order, saved_model_states_this_machines_order)
{
    char path[] = "/tmp/gz-ner-order-XXXXXX";
    size_t len;
    unsigned char *buf = saved_model(path, &len);
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};
    uint32_t version;

    cr_assert_eq(memcmp(buf, "GZNER\0", 6), 0);
    cr_assert_eq(buf[6], little_endian() ? 0xff : 0xfe);
    cr_assert_eq(buf[7], little_endian() ? 0xfe : 0xff);
    memcpy(&version, buf + 8, 4);
    cr_assert_eq(version, GZ_NER_MODEL_VERSION);
    cr_assert_eq(gz_ner_model_load(path, &m, &err), 0, "%s", err.msg);
    gz_ner_model_free(m);
    gz_free(buf);
    unlink(path);
}

Test(ner_model_order, shipped_model_states_its_order)
{
    FILE *f = fopen("models/ner-en.bin", "rb");
    unsigned char head[8];

    cr_assert_not_null(f, "run the tests from the repository root");
    cr_assert_eq(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    cr_assert_eq(memcmp(head, "GZNER\0", 6), 0);
    cr_assert((head[6] == 0xff && head[7] == 0xfe) || (head[6] == 0xfe && head[7] == 0xff),
              "models/ner-en.bin has no byte-order mark: %02x %02x", head[6], head[7]);
}

Test(ner_model_order, file_of_the_other_order_is_refused)
{
    char path[] = "/tmp/gz-ner-order-XXXXXX";
    size_t len;
    unsigned char *buf = saved_model(path, &len);
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};
    char want[256];

    to_other_order(buf, len);
    write_file(path, buf, len);
    cr_assert_eq(gz_ner_model_load(path, &m, &err), -1);
    cr_assert_null(m);
    snprintf(want, sizeof want, "\"%s\": model is %s, this build reads %s models", path,
             little_endian() ? "big-endian" : "little-endian",
             little_endian() ? "little-endian" : "big-endian");
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
    cr_assert(strstr(err.msg, "hint: rebuild it") != NULL, "%s", err.msg);
    to_other_order(buf, len);       /* and back: loads again */
    write_file(path, buf, len);
    cr_assert_eq(gz_ner_model_load(path, &m, &err), 0, "%s", err.msg);
    gz_ner_model_free(m);
    gz_free(buf);
    unlink(path);
}

Test(ner_model_order, format_1_without_a_mark_is_refused)
{
    char path[] = "/tmp/gz-ner-order-XXXXXX";
    size_t len;
    unsigned char *buf = saved_model(path, &len);
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};
    const uint32_t one = 1;
    char want[256];

    buf[6] = buf[7] = 0;
    memcpy(buf + 8, &one, 4);
    write_file(path, buf, len);
    cr_assert_eq(gz_ner_model_load(path, &m, &err), -1);
    cr_assert_null(m);
    snprintf(want, sizeof want, "\"%s\": model format 1 does not state its byte order", path);
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
    gz_free(buf);
    unlink(path);
}

Test(ner_model_order, short_file_with_the_magic_is_refused)
{
    char path[] = "/tmp/gz-ner-order-XXXXXX";
    int fd = mkstemp(path);
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};

    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, "GZNER\0\xff\xfe\x02\0\0\0", 12), 12);
    close(fd);
    cr_assert_eq(gz_ner_model_load(path, &m, &err), -1);
    cr_assert_null(m);
    cr_assert(strstr(err.msg, "is not a gazette entity model") != NULL, "%s", err.msg);
    unlink(path);
}
