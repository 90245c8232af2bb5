/*
 * ner_model.c - build, save, map and query the tagger's weight table.
 */
#include "ner/ner_model.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "ner/nerdoc.h"
#include "ner/table.h"
#include "ner/tagger.h"

#define NT GZ_NER_NTAGS
static const char magic[6] = { 'G', 'Z', 'N', 'E', 'R', 0 };

/* Written as a native uint16: bytes ff fe from a little-endian machine,
 * fe ff from a big-endian one. Format 1 had zeros here. */
#define BYTE_ORDER_MARK 0xfeffu
#define BYTE_ORDER_OTHER 0xfffeu    /* the mark as read from the other order */

struct header {
    char     magic[6];
    uint16_t byte_order;        /* BYTE_ORDER_MARK in the writer's order */
    uint32_t version, ntags, feat_version, nslots, lex_slots;
    float    scale;
    float    temperature;
    float    trans[GZ_NER_NTRANS];
};

struct gz_ner_model {
    unsigned char  *blob;       /* the file's bytes */
    size_t          len;
    int             mapped;     /* blob from mmap (else gz_xmalloc) */
    const struct header *h;
    const uint32_t *keys;
    const int16_t  *w;
    uint32_t        mask;
    size_t          nrows;
    struct gz_nerlex lex;
};

/* nslots is a power of two >= 1024, so every section stays 4-aligned. */
static size_t blob_size(uint32_t nslots, uint32_t lex_slots)
{
    return sizeof(struct header) + (size_t)nslots * (sizeof(uint32_t) + NT * sizeof(int16_t))
           + (size_t)lex_slots * (sizeof(uint32_t) + sizeof(uint32_t));
}

static void attach(struct gz_ner_model *m)
{
    m->h = (const struct header *)m->blob;
    m->keys = (const uint32_t *)(m->blob + sizeof(struct header));
    m->w = (const int16_t *)(m->keys + m->h->nslots);
    m->mask = m->h->nslots - 1;
    m->lex.nslots = m->h->lex_slots;
    m->lex.keys = (const uint32_t *)(m->w + (size_t)m->h->nslots * NT);
    m->lex.vals = (const uint32_t *)(m->lex.keys + m->lex.nslots);
}

static int keep_row(const float *row, float prune)
{
    int t;

    for (t = 0; t < NT; t++)
        if (fabsf(row[t]) >= prune && row[t] != 0)
            return 1;
    return 0;
}

struct gz_ner_model *gz_ner_model_build(const uint64_t *keys, const float *rows, size_t n,
                                        const float *trans, float prune,
                                        const struct gz_nerlex *lex)
{
    struct gz_ner_model *m = gz_xcalloc(1, sizeof *m);
    struct header *h;
    uint32_t nslots = 1024, lex_slots, *k;
    int16_t *w;
    size_t i, kept = 0;
    float maxabs = 0;
    int t;

    for (i = 0; i < n; i++)
        if (keep_row(rows + i * NT, prune)) {
            kept++;
            for (t = 0; t < NT; t++)
                if (fabsf(rows[i * NT + t]) > maxabs) maxabs = fabsf(rows[i * NT + t]);
        }
    while (nslots < kept + kept / 3)
        nslots *= 2;
    lex_slots = lex ? lex->nslots : 0;
    m->len = blob_size(nslots, lex_slots);
    m->blob = gz_xcalloc(1, m->len);
    h = (struct header *)m->blob;
    h->lex_slots = lex_slots;
    memcpy(h->magic, magic, sizeof magic);
    h->byte_order = BYTE_ORDER_MARK;
    h->version = GZ_NER_MODEL_VERSION;
    h->ntags = NT;
    h->feat_version = GZ_NERFEAT_VERSION;
    h->nslots = nslots;
    h->scale = maxabs > 0 ? maxabs / 32767.0f : 1.0f;
    h->temperature = 1.0f;
    memcpy(h->trans, trans, sizeof h->trans);
    attach(m);
    k = (uint32_t *)m->keys;
    w = (int16_t *)m->w;
    for (i = 0; i < n; i++) {
        uint32_t s;
        if (!keep_row(rows + i * NT, prune))
            continue;
        s = gz_ner_table_place(k, m->mask, keys[i], 1);
        k[s] = gz_ner_table_key(keys[i]);
        for (t = 0; t < NT; t++)
            w[(size_t)s * NT + t] = (int16_t)lrintf(rows[i * NT + t] / h->scale);
    }
    m->nrows = kept;
    if (lex_slots > 0) {
        memcpy((uint32_t *)m->lex.keys, lex->keys, lex_slots * sizeof *lex->keys);
        memcpy((uint32_t *)m->lex.vals, lex->vals, lex_slots * sizeof *lex->vals);
    }
    return m;
}

int gz_ner_model_save(const struct gz_ner_model *m, const char *path, struct gz_error *err)
{
    FILE *f = fopen(path, "wb");
    size_t written;

    if (f == NULL)
        return gz_fail(err, EX_CANTCREAT, "could not create \"%s\": %s", path, strerror(errno));
    written = fwrite(m->blob, 1, m->len, f);
    if (fclose(f) != 0 || written != m->len)
        return gz_fail(err, EX_IOERR, "could not write \"%s\": %s", path, strerror(errno));
    return 0;
}

static const char *this_byte_order(void)
{
    const uint16_t one = 1;

    return *(const unsigned char *)&one ? "little-endian" : "big-endian";
}

static const char *other_byte_order(void)
{
    return this_byte_order()[0] == 'l' ? "big-endian" : "little-endian";
}

static int check_header(const struct gz_ner_model *m, const char *path, struct gz_error *err)
{
    const struct header *h = (const struct header *)m->blob;

    if (m->len < sizeof *h || memcmp(h->magic, magic, sizeof magic) != 0)
        return gz_fail(err, EX_DATAERR, "\"%s\" is not a gazette entity model", path);
    if (h->byte_order == BYTE_ORDER_OTHER)
        return gz_fail(err, EX_DATAERR,
                       "\"%s\": model is %s, this build reads %s models\n"
                       "hint: rebuild it on this machine with `make model`",
                       path, other_byte_order(), this_byte_order());
    if (h->byte_order == 0)
        return gz_fail(err, EX_DATAERR,
                       "\"%s\": model format 1 does not state its byte order, this build reads "
                       "format %d\nhint: rebuild it with `make model`",
                       path, GZ_NER_MODEL_VERSION);
    if (h->byte_order != BYTE_ORDER_MARK)
        return gz_fail(err, EX_DATAERR, "\"%s\": truncated or corrupt model", path);
    if (h->version != GZ_NER_MODEL_VERSION || h->feat_version != GZ_NERFEAT_VERSION
        || h->ntags != NT)
        return gz_fail(err, EX_DATAERR,
                       "\"%s\": model format %u (features %u) is not the one this build reads (%d, %d)\n"
                       "hint: rebuild it with `make model`",
                       path, h->version, h->feat_version, GZ_NER_MODEL_VERSION, GZ_NERFEAT_VERSION);
    if (h->nslots == 0 || (h->nslots & (h->nslots - 1)) != 0
        || (h->lex_slots & (h->lex_slots - 1)) != 0
        || blob_size(h->nslots, h->lex_slots) != m->len)
        return gz_fail(err, EX_DATAERR, "\"%s\": truncated or corrupt model", path);
    return 0;
}

/* 1 when the lexicon is empty or has a free slot to end lookups. */
static int lexicon_has_room(const struct gz_nerlex *l)
{
    uint32_t i;

    for (i = 0; i < l->nslots; i++)
        if (l->keys[i] == 0)
            return 1;
    return l->nslots == 0;
}

static size_t count_rows(const struct gz_ner_model *m)
{
    size_t i, n = 0;

    for (i = 0; i < m->h->nslots; i++)
        n += m->keys[i] != 0;
    return n;
}

int gz_ner_model_load(const char *path, struct gz_ner_model **out, struct gz_error *err)
{
    struct gz_ner_model *m;
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    *out = NULL;
    if (fd < 0)
        return gz_fail(err, EX_NOINPUT, "could not open model \"%s\": %s%s", path,
                       strerror(errno),
                       errno == ENOENT ? "\nhint: `make model` builds models/ner-en.bin" : "");
    if (fstat(fd, &sb) != 0 || sb.st_size <= 0) {
        close(fd);
        return gz_fail(err, EX_DATAERR, "\"%s\" is not a gazette entity model", path);
    }
    m = gz_xcalloc(1, sizeof *m);
    m->len = (size_t)sb.st_size;
    m->blob = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m->blob == MAP_FAILED) {
        gz_free(m);
        return gz_fail(err, EX_IOERR, "could not map \"%s\": %s", path, strerror(errno));
    }
    m->mapped = 1;
    if (check_header(m, path, err) != 0) {
        gz_ner_model_free(m);
        return -1;
    }
    attach(m);
    m->nrows = count_rows(m);
    if (m->nrows >= m->h->nslots || !lexicon_has_room(&m->lex)) {
        gz_ner_model_free(m);     /* a full table would make lookups loop */
        return gz_fail(err, EX_DATAERR, "\"%s\": truncated or corrupt model", path);
    }
    *out = m;
    return 0;
}

void gz_ner_model_free(struct gz_ner_model *m)
{
    if (m == NULL)
        return;
    if (m->mapped)
        munmap(m->blob, m->len);
    else
        gz_free(m->blob);
    gz_free(m);
}

void gz_ner_model_emissions(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                            struct gz_nerfeat_word *w, size_t n, float *emit)
{
    size_t starts[2] = { 0, n };

    gz_nerfeat_prepare(t, n, &m->lex, w);
    gz_nerdoc_mark(t, w, starts, 1);
    gz_ner_model_score(m, t, w, n, emit);
}

void gz_ner_model_score(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                        const struct gz_nerfeat_word *w, size_t n, float *emit)
{
    uint64_t feats[GZ_NERFEAT_MAX];
    size_t i, f, nf;
    int k;

    for (i = 0; i < n; i++) {
        int32_t sum[NT] = { 0 };
        nf = gz_nerfeat_extract(t, w, n, i, feats);
        for (f = 0; f < nf; f++) {
            long s = gz_ner_table_find(m->keys, m->mask, feats[f]);
            if (s < 0)
                continue;
            for (k = 0; k < NT; k++)
                sum[k] += m->w[(size_t)s * NT + k];
        }
        for (k = 0; k < NT; k++)
            emit[i * NT + k] = (float)sum[k] * m->h->scale;
    }
}

const struct gz_nerlex *gz_ner_model_lex(const struct gz_ner_model *m)
{
    return &m->lex;
}

const float *gz_ner_model_trans(const struct gz_ner_model *m)
{
    return m->h->trans;
}

float gz_ner_model_temperature(const struct gz_ner_model *m)
{
    return m->h->temperature > 0 ? m->h->temperature : 1.0f;
}

void gz_ner_model_set_temperature(struct gz_ner_model *m, float temp)
{
    if (!m->mapped)
        ((struct header *)m->blob)->temperature = temp;
}

size_t gz_ner_model_bytes(const struct gz_ner_model *m)
{
    return m->len;
}

size_t gz_ner_model_features(const struct gz_ner_model *m)
{
    return m->nrows;
}
