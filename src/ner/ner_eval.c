/*
 * ner_eval.c - exact span+type scoring of entity tags (see ner_eval.h).
 */
#include "ner/ner_eval.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

static int continues(int prev, int tag)
{
    return GZ_TAG_IS_I(tag) && prev != GZ_TAG_O && GZ_TAG_TYPE(prev) == GZ_TAG_TYPE(tag);
}

size_t gz_ner_spans(const uint8_t *tags, size_t n, struct gz_ner_span *out)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        if (tags[i] == GZ_TAG_O || (i > 0 && continues(tags[i - 1], tags[i])))
            continue;
        out[k].start = i;
        out[k].type = GZ_TAG_TYPE(tags[i]);
        out[k].end = i + 1;
        while (out[k].end < n && continues(tags[out[k].end - 1], tags[out[k].end]))
            out[k].end++;
        k++;
    }
    return k;
}

static int same(const struct gz_ner_span *a, const struct gz_ner_span *b)
{
    return a->start == b->start && a->end == b->end && a->type == b->type;
}

void gz_ner_score_add(struct gz_ner_score *s, const uint8_t *gold, const uint8_t *pred, size_t n)
{
    struct gz_ner_span *g = gz_xmalloc((n + 1) * sizeof *g);
    struct gz_ner_span *p = gz_xmalloc((n + 1) * sizeof *p);
    size_t ng = gz_ner_spans(gold, n, g), np = gz_ner_spans(pred, n, p), i, j;

    for (i = 0; i < np; i++) {
        int hit = 0;
        for (j = 0; j < ng && !hit; j++)
            hit = same(&p[i], &g[j]);
        if (hit) s->tp[p[i].type]++;
        else s->fp[p[i].type]++;
    }
    for (j = 0; j < ng; j++) {
        int hit = 0;
        for (i = 0; i < np && !hit; i++)
            hit = same(&p[i], &g[j]);
        if (!hit) s->fn[g[j].type]++;
    }
    gz_free(g);
    gz_free(p);
}

void gz_ner_score_prf(const struct gz_ner_score *s, int type, double *p, double *r, double *f1)
{
    long tp = 0, fp = 0, fn = 0;
    int t;

    for (t = 0; t < GZ_NER_NTYPES; t++)
        if (type < 0 || type == t) {
            tp += s->tp[t];
            fp += s->fp[t];
            fn += s->fn[t];
        }
    *p = tp + fp > 0 ? (double)tp / (double)(tp + fp) : 0;
    *r = tp + fn > 0 ? (double)tp / (double)(tp + fn) : 0;
    *f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

int gz_ner_types_parse(const char *s, unsigned *mask)
{
    *mask = 0;
    while (*s != '\0') {
        size_t n = strcspn(s, ",");
        int t;

        for (t = 0; t < GZ_NER_NTYPES; t++)
            if (strlen(gz_ner_type_name(t)) == n && strncmp(s, gz_ner_type_name(t), n) == 0)
                break;
        if (t == GZ_NER_NTYPES)
            return -1;
        *mask |= 1u << t;
        s += n;
        if (*s == ',' && *++s == '\0')
            return -1;          /* "PER," */
    }
    return *mask != 0 ? 0 : -1;
}

void gz_ner_tags_keep(uint8_t *tags, size_t n, unsigned mask)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (tags[i] != GZ_TAG_O && !(mask & (1u << GZ_TAG_TYPE(tags[i]))))
            tags[i] = GZ_TAG_O;
}
