/*
 * bench_ner.c - speed of the entity tagger alone, on one core.
 *
 *   build/bench/bench_ner [../shared/data/news/reuters21578.csv.gz] [models/ner-en.bin]
 *
 * Reads the bodies of the Reuters-21578 CSV export (zlib + libcsv), maps the
 * model (load time in ms), then tokenises, splits and tags every body (one
 * document each, as the stage tags an article) and prints MB/s of body
 * text, once with Viterbi only, once with the
 * per-token confidences the stage computes too, and once through the whole
 * extract_entities stage (amount rules and mentions in each article's
 * arena included) followed by normalise_names, each stage timed apart.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/article.h"
#include "core/config.h"
#include "core/mem.h"
#include "stages/stage.h"
#include "ner/ner_model.h"
#include "text/sentence.h"
#include "ner/tagger.h"
#include "text/tokenize.h"

struct bodies {
    char  **text;
    size_t *len;
    size_t  n, cap, bytes;
    int     col;            /* current column of the row being read */
};

static void on_field(void *s, size_t len, void *data)
{
    struct bodies *b = data;

    if (b->col++ != 3)      /* id,published,title,body,source,url */
        return;
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 1024;
        b->text = gz_xrealloc(b->text, b->cap * sizeof *b->text);
        b->len = gz_xrealloc(b->len, b->cap * sizeof *b->len);
    }
    b->text[b->n] = gz_xstrndup(s, len);
    b->len[b->n++] = len;
    b->bytes += len;
}

static void on_row(int c, void *data)
{
    (void)c;
    ((struct bodies *)data)->col = 0;
}

static int read_bodies(const char *path, struct bodies *b)
{
    gzFile f = gzopen(path, "rb");
    struct csv_parser p;
    char buf[65536];
    int n, first = 1;

    if (f == NULL || csv_init(&p, CSV_APPEND_NULL) != 0)
        return -1;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        csv_parse(&p, buf, (size_t)n, on_field, on_row, b);
    csv_fini(&p, on_field, on_row, b);
    csv_free(&p);
    gzclose(f);
    if (first && b->n > 0) {        /* drop the header row's "body" */
        gz_free(b->text[0]);
        b->bytes -= b->len[0];
        memmove(b->text, b->text + 1, (b->n - 1) * sizeof *b->text);
        memmove(b->len, b->len + 1, (b->n - 1) * sizeof *b->len);
        b->n--;
    }
    return 0;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Tag every body; returns the number of tokens. */
static size_t tag_all(const struct gz_ner_model *m, const struct bodies *b, int with_conf)
{
    struct gz_ner_tok *nt = NULL;
    uint8_t *tags = NULL;
    float *conf = NULL;
    size_t *starts = NULL;
    size_t d, i, k, ns, cap = 0, total = 0;

    for (d = 0; d < b->n; d++) {
        struct gz_token *t;
        size_t n = gz_tokenize(b->text[d], b->len[d], &t);
        if (n > cap) {
            cap = n;
            nt = gz_xrealloc(nt, cap * sizeof *nt);
            tags = gz_xrealloc(tags, cap);
            conf = gz_xrealloc(conf, cap * sizeof *conf);
            starts = gz_xrealloc(starts, (cap + 1) * sizeof *starts);
        }
        gz_sentence_split(b->text[d], t, n);
        for (k = 0; k < n; k++) {
            nt[k].s = b->text[d] + t[k].start;
            nt[k].n = t[k].end - t[k].start;
        }
        for (i = 0, ns = 0; i < n; i++)     /* the article is one document */
            if (i == 0 || t[i].sentence != t[i - 1].sentence)
                starts[ns++] = i;
        starts[ns] = n;
        gz_ner_tag_doc(m, nt, starts, ns, tags, with_conf ? conf : NULL);
        total += n;
        gz_free(t);
    }
    gz_free(nt);
    gz_free(tags);
    gz_free(conf);
    gz_free(starts);
    return total;
}

/* A stage set up from YAML options; -1 when it cannot start. */
static int stage_start(struct gz_stage *st, const char *name, const char *yaml,
                       struct gz_cfg_node **cfg)
{
    struct gz_error err = {0};

    memset(st, 0, sizeof *st);
    *cfg = gz_cfg_parse_string("bench", yaml, strlen(yaml), &err);
    st->ops = gz_stage_find(name);
    st->opts = *cfg;
    st->base_dir = ".";
    if (*cfg == NULL || st->ops->init(st, &err) != 0) {
        fprintf(stderr, "bench_ner: %s: %s\n", name, err.msg);
        return -1;
    }
    return 0;
}

struct stage_times {
    double entities, names;     /* seconds in each stage's process() */
    long   mentions, linked;    /* mentions found; entities named */
};

/* Run every body through extract_entities then normalise_names, timing each
 * stage's process() apart; -1 when a stage cannot start. */
static int run_stages(const char *model, const struct bodies *b, struct stage_times *t)
{
    char yaml[1024];
    struct gz_error err = {0};
    struct gz_cfg_node *cfg_ee = NULL, *cfg_nn = NULL;
    struct gz_stage ee, nn;
    size_t d;
    int rc = -1;

    snprintf(yaml, sizeof yaml, "model: \"%s\"\n", model);
    memset(t, 0, sizeof *t);
    if (stage_start(&ee, "extract_entities", yaml, &cfg_ee) == 0 &&
        stage_start(&nn, "normalise_names", "{}", &cfg_nn) == 0) {
        for (d = 0; d < b->n; d++) {
            struct gz_article *a = gz_article_new();
            double t0 = now(), t1;

            a->body = b->text[d];
            a->body_len = b->len[d];
            if (ee.ops->process(&ee, a, &err) == 0)
                t->mentions += (long)a->n_mentions;
            t1 = now();
            if (nn.ops->process(&nn, a, &err) == 0)
                t->linked += (long)a->n_entities;
            t->entities += t1 - t0;
            t->names += now() - t1;
            gz_article_free(a);
        }
        nn.ops->fini(&nn);
        rc = 0;
    }
    if (ee.priv != NULL)
        ee.ops->fini(&ee);
    gz_cfg_free(cfg_ee);
    gz_cfg_free(cfg_nn);
    return rc;
}

int main(int argc, char **argv)
{
    const char *data = argc > 1 ? argv[1] : "../shared/data/news/reuters21578.csv.gz";
    const char *model = argc > 2 ? argv[2] : "models/ner-en.bin";
    struct bodies b = { NULL, NULL, 0, 0, 0, 0 };
    struct gz_ner_model *m;
    struct gz_error err = {0};
    double t0, t1, mb;
    size_t toks, i;
    struct stage_times st;
    int pass;

    if (read_bodies(data, &b) != 0) {
        fprintf(stderr, "bench_ner: cannot read %s\n", data);
        return 1;
    }
    t0 = now();
    if (gz_ner_model_load(model, &m, &err) != 0) {
        fprintf(stderr, "bench_ner: %s\n", err.msg);
        return 1;
    }
    t1 = now();
    mb = (double)b.bytes / 1e6;
    printf("model %s: %zu bytes, %zu features, load %.2f ms\n", model, gz_ner_model_bytes(m),
           gz_ner_model_features(m), (t1 - t0) * 1e3);
    printf("corpus %s: %zu bodies, %.2f MB\n", data, b.n, mb);
    for (pass = 0; pass < 2; pass++) {
        t0 = now();
        toks = tag_all(m, &b, pass);
        t1 = now();
        printf("%-22s %8.2f MB/s %10.0f tokens/s  (%.2f s, %zu tokens, 1 thread)\n",
               pass ? "tag + confidence:" : "tokenise + tag:", mb / (t1 - t0),
               (double)toks / (t1 - t0), t1 - t0, toks);
    }
    if (run_stages(model, &b, &st) == 0) {
        printf("%-22s %8.2f MB/s %10.0f articles/s (%.2f s, %ld mentions, 1 thread)\n",
               "extract_entities:", mb / st.entities, (double)b.n / st.entities, st.entities,
               st.mentions);
        printf("%-22s %8.2f MB/s %10.0f articles/s (%.2f s, %ld entities, 1 thread;"
               " %.1f%% of extract_entities)\n", "normalise_names:", mb / st.names,
               (double)b.n / st.names, st.names, st.linked, 100 * st.names / st.entities);
    }
    gz_ner_model_free(m);
    for (i = 0; i < b.n; i++)
        gz_free(b.text[i]);
    gz_free(b.text);
    gz_free(b.len);
    return 0;
}
