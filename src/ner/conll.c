/*
 * conll.c - CoNLL token-per-line reader (see conll.h).
 */
#include "ner/conll.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "core/file.h"
#include "ner/tagger.h"

struct growth {
    size_t cap_toks, cap_sents;
};

static void push_token(struct gz_conll *c, struct growth *g, const char *s, size_t n, int tag)
{
    if (c->ntoks == g->cap_toks) {
        g->cap_toks = g->cap_toks ? 2 * g->cap_toks : 1024;
        c->toks = gz_xrealloc(c->toks, g->cap_toks * sizeof *c->toks);
        c->gold = gz_xrealloc(c->gold, g->cap_toks);
    }
    c->toks[c->ntoks].s = s;
    c->toks[c->ntoks].n = n;
    c->gold[c->ntoks] = (uint8_t)tag;
    c->ntoks++;
}

static void end_sentence(struct gz_conll *c, struct growth *g, size_t *first)
{
    if (c->ntoks == *first)
        return;
    if (c->nsents == g->cap_sents) {
        g->cap_sents = g->cap_sents ? 2 * g->cap_sents : 256;
        c->sents = gz_xrealloc(c->sents, g->cap_sents * sizeof *c->sents);
    }
    c->sents[c->nsents].first = *first;
    c->sents[c->nsents].n = c->ntoks - *first;
    c->nsents++;
    *first = c->ntoks;
}

/* IOB1 -> IOB2: an I-X that does not continue an X entity opens one. */
static int to_iob2(int tag, int prev)
{
    if (GZ_TAG_IS_I(tag) && !gz_ner_tag_allowed(prev, tag))
        return GZ_TAG_B(GZ_TAG_TYPE(tag));
    return tag;
}

static int parse_line(struct gz_conll *c, struct growth *g, char *line, size_t len,
                      size_t first, const char *name, long lineno, struct gz_error *err)
{
    char *sp = memchr(line, ' ', len), *last;
    int tag, prev;

    if (sp == NULL)
        sp = memchr(line, '\t', len);
    if (sp == NULL)
        return gz_fail(err, EX_DATAERR, "%s:%ld: expected \"token ... tag\"", name, lineno);
    last = line + len;
    while (last > line && last[-1] != ' ' && last[-1] != '\t')
        last--;
    tag = gz_ner_tag_parse(last, (size_t)(line + len - last));
    if (tag < 0)
        return gz_fail(err, EX_DATAERR, "%s:%ld: unknown tag \"%.*s\"", name, lineno,
                       (int)(line + len - last), last);
    prev = c->ntoks > first ? c->gold[c->ntoks - 1] : GZ_NER_NTAGS;
    *sp = '\0';
    push_token(c, g, line, (size_t)(sp - line), to_iob2(tag, prev));
    return 0;
}

static int parse_buf(struct gz_conll *c, const char *name, struct gz_error *err)
{
    struct growth g = { 0, 0 };
    char *p = c->buf;
    size_t first = 0;
    long lineno = 0;

    while (*p != '\0') {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' '))
            len--;
        if (len == 0 || strncmp(p, "-DOCSTART-", 10) == 0)
            end_sentence(c, &g, &first);
        else if (parse_line(c, &g, p, len, first, name, lineno, err) != 0)
            return -1;
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    end_sentence(c, &g, &first);
    return 0;
}

int gz_conll_parse(const char *text, size_t len, const char *name, struct gz_conll *c,
                   struct gz_error *err)
{
    memset(c, 0, sizeof *c);
    c->buf = gz_xstrndup(text, len);
    if (parse_buf(c, name, err) != 0) {
        gz_conll_free(c);
        return -1;
    }
    return 0;
}

int gz_conll_read(const char *path, struct gz_conll *c, struct gz_error *err)
{
    char *text = NULL;
    size_t size = 0;
    int rc;

    memset(c, 0, sizeof *c);
    if (gz_file_read_all(path, (size_t)1 << 31, &text, &size, err) < 0) {
        gz_error_prefix(err, "%s", path);
        return -1;
    }
    rc = gz_conll_parse(text, size, path, c, err);
    gz_free(text);
    return rc;
}

void gz_conll_free(struct gz_conll *c)
{
    if (c == NULL)
        return;
    gz_free(c->buf);
    gz_free(c->toks);
    gz_free(c->gold);
    gz_free(c->sents);
    memset(c, 0, sizeof *c);
}
