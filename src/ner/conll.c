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
    size_t cap_toks, cap_sents, cap_docs;
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

/* A "-DOCSTART-" line: the next sentence starts a document. */
static void start_doc(struct gz_conll *c, struct growth *g)
{
    if (c->ndocs > 0 && c->docs[c->ndocs - 1] == c->nsents)
        return;
    if (c->ndocs + 1 >= g->cap_docs) {
        g->cap_docs = g->cap_docs ? 2 * g->cap_docs : 64;
        c->docs = gz_xrealloc(c->docs, g->cap_docs * sizeof *c->docs);
    }
    c->docs[c->ndocs++] = c->nsents;
}

static int parse_buf(struct gz_conll *c, const char *name, struct gz_error *err)
{
    struct growth g = { 0, 0, 0 };
    char *p = c->buf;
    size_t first = 0;
    long lineno = 0;

    while (*p != '\0') {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' '))
            len--;
        if (len == 0)
            end_sentence(c, &g, &first);
        else if (strncmp(p, "-DOCSTART-", 10) == 0) {
            end_sentence(c, &g, &first);
            start_doc(c, &g);
        }
        else if (parse_line(c, &g, p, len, first, name, lineno, err) != 0)
            return -1;
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    end_sentence(c, &g, &first);
    return 0;
}

static int is_date(const struct gz_ner_tok *t)
{
    static const char pattern[] = "dddd-dd-dd";
    size_t i;

    if (t->n != sizeof pattern - 1)
        return 0;
    for (i = 0; i < t->n; i++)
        if (pattern[i] == 'd' ? t->s[i] < '0' || t->s[i] > '9' : t->s[i] != pattern[i])
            return 0;
    return 1;
}

/* Letters, none of them lower case ("LONDON", "N'DJAMENA"). */
static int is_caps(const struct gz_ner_tok *t)
{
    size_t i, letters = 0;

    for (i = 0; i < t->n; i++) {
        if (t->s[i] >= 'a' && t->s[i] <= 'z')
            return 0;
        letters += t->s[i] >= 'A' && t->s[i] <= 'Z';
    }
    return letters > 0;
}

static const struct gz_ner_tok *last_tok(const struct gz_conll *c, size_t s)
{
    return &c->toks[c->sents[s].first + c->sents[s].n - 1];
}

/* The first sentence of the story whose dateline ends at sentence s, or
 * (size_t)-1 when s is no dateline. */
static size_t story_start(const struct gz_conll *c, size_t s)
{
    const struct gz_conll_sent *st = &c->sents[s];
    const struct gz_ner_tok *last;

    if (!is_date(last_tok(c, s)))
        return (size_t)-1;
    if (st->n == 1 && s > 0)
        s--;                            /* the place, then the date alone */
    else if (!is_caps(&c->toks[st->first]))
        return (size_t)-1;
    if (s == 0)
        return 0;
    s--;                                /* the headline, or a byline */
    last = last_tok(c, s);
    if (s > 0 && c->sents[s].n <= 6 && !(last->n == 1 && last->s[0] == '.'))
        s--;
    return s;
}

size_t gz_conll_find_docs(const struct gz_conll *c, size_t *docs)
{
    size_t s, n = 0;

    if (c->nsents == 0)
        return 0;
    docs[n++] = 0;
    for (s = 1; s < c->nsents; s++) {
        size_t start = story_start(c, s);
        if (start != (size_t)-1 && start > docs[n - 1])
            docs[n++] = start;
    }
    return n;
}

/* Sentence starts, and documents: those of "-DOCSTART-" lines, else the
 * stories found from datelines. */
static void index_docs(struct gz_conll *c)
{
    size_t s;

    c->starts = gz_xmalloc((c->nsents + 1) * sizeof *c->starts);
    for (s = 0; s < c->nsents; s++)
        c->starts[s] = c->sents[s].first;
    c->starts[c->nsents] = c->ntoks;
    c->docs = gz_xrealloc(c->docs, (c->nsents + 2) * sizeof *c->docs);
    if (c->ndocs > 0 && c->docs[c->ndocs - 1] == c->nsents)
        c->ndocs--;                     /* a "-DOCSTART-" at the end */
    if (c->ndocs > 0 && c->docs[0] != 0) {
        memmove(c->docs + 1, c->docs, c->ndocs * sizeof *c->docs);
        c->docs[0] = 0;                 /* sentences before the first one */
        c->ndocs++;
    }
    if (c->ndocs == 0)
        c->ndocs = gz_conll_find_docs(c, c->docs);
    c->docs[c->ndocs] = c->nsents;
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
    index_docs(c);
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
    gz_free(c->starts);
    gz_free(c->docs);
    memset(c, 0, sizeof *c);
}
