/*
 * fuzz_ner.c - libFuzzer harness for tokens, sentences and the entity
 * tagger, the way extract_entities runs them: the input, repaired to UTF-8,
 * is tokenised (text/tokenize.c), split into sentences, tagged as one
 * document with models/ner-en.bin (loaded once), a piece at a time
 * (ner/nerdoc.h), and each sentence is searched for amounts.
 * Tokens must be in order inside the text, on character boundaries, with
 * code point offsets that agree with their bytes; sentences numbered in
 * order; tags valid after their predecessor, confidences in [0, 1] and
 * spans inside the sentence.
 *
 *   make fuzz FUZZ_SECONDS=60      (seeds in tests/fuzz/corpus/ner;
 *                                   run from the top of the checkout)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"
#include "ner/amounts.h"
#include "ner/ner_eval.h"
#include "ner/ner_model.h"
#include "ner/nerdoc.h"
#include "ner/tagger.h"
#include "text/sentence.h"
#include "text/tokenize.h"
#include "text/utf8.h"

static struct gz_ner_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct gz_error err = {0};

    (void)argc, (void)argv;
    if (gz_ner_model_load("models/ner-en.bin", &model, &err) < 0) {
        fprintf(stderr, "fuzz_ner: %s\n", err.msg);
        exit(1);
    }
    return 0;
}

static void check_tokens(const char *text, size_t len, const struct gz_token *t, size_t n)
{
    size_t i, byte = 0;
    int64_t cp = 0;

    for (i = 0; i < n; i++) {
        if (t[i].start >= t[i].end || t[i].end > len || t[i].start < byte
            || ((unsigned char)text[t[i].start] & 0xC0) == 0x80
            || ((unsigned char)text[t[i].end] & 0xC0) == 0x80)
            abort();
        cp += gz_utf8_count(text + byte, t[i].start - byte);
        if (t[i].cstart != cp
            || t[i].cend - t[i].cstart != gz_utf8_count(text + t[i].start, t[i].end - t[i].start)
            || (i > 0 && t[i].sentence != t[i - 1].sentence
                && t[i].sentence != t[i - 1].sentence + 1)
            || (i == 0 && t[i].sentence != 0))
            abort();
        cp = t[i].cend, byte = t[i].end;
    }
}

/* Check the tags of one sentence t[0..n) and look for its amounts. */
static void check_sentence(const char *text, const struct gz_token *t, size_t n,
                           const uint8_t *tags, const float *conf,
                           struct gz_ner_span *spans, struct gz_amount *am)
{
    size_t i, ns, na;

    if (n > GZ_SENTENCE_MAX)
        abort();
    for (i = 0; i < n; i++)
        if (tags[i] >= GZ_NER_NTAGS || !gz_ner_tag_allowed(i ? tags[i - 1] : GZ_NER_NTAGS, tags[i])
            || !(conf[i] >= 0.0f && conf[i] <= 1.0f))
            abort();
    ns = gz_ner_spans(tags, n, spans);
    for (i = 0; i < ns; i++)
        if (spans[i].start >= spans[i].end || spans[i].end > n)
            abort();
    na = gz_amounts_find(text, t, n, am);
    for (i = 0; i < na; i++)
        if (am[i].start >= am[i].end || am[i].end > n)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned repairs = 0;
    size_t len, n, i, s, k, ns = 0;
    char *text = gz_utf8_repair((const char *)data, size, &len, &repairs);
    struct gz_token *t = NULL;
    struct gz_ner_tok *nt;
    struct gz_ner_span *spans;
    struct gz_amount *am;
    size_t *starts;
    uint8_t *tags;
    float *conf;

    n = gz_tokenize(text, len, &t);
    nt = gz_xmalloc((n + 1) * sizeof *nt);
    spans = gz_xmalloc((n + 1) * sizeof *spans);
    am = gz_xmalloc((n + 1) * sizeof *am);
    starts = gz_xmalloc((n + 1) * sizeof *starts);
    tags = gz_xmalloc(n + 1);
    conf = gz_xmalloc((n + 1) * sizeof *conf);
    gz_sentence_split(text, t, n);
    check_tokens(text, len, t, n);
    for (i = 0; i < n; i++) {
        nt[i].s = text + t[i].start;
        nt[i].n = t[i].end - t[i].start;
        if (i == 0 || t[i].sentence != t[i - 1].sentence)
            starts[ns++] = i;
    }
    starts[ns] = n;
    for (s = 0; s < ns; s += k) {
        k = gz_nerdoc_piece(starts + s, ns - s);
        if (k == 0 || k > ns - s)
            abort();
        gz_ner_tag_doc(model, nt, starts + s, k, tags, conf);
    }
    for (s = 0; s < ns; s++)
        check_sentence(text, t + starts[s], starts[s + 1] - starts[s], tags + starts[s],
                       conf + starts[s], spans, am);
    gz_free(conf); gz_free(tags); gz_free(starts); gz_free(am); gz_free(spans); gz_free(nt);
    gz_free(t);
    gz_free(text);
    return 0;
}
