/*
 * eval_names.c - `gazette eval names GOLD_DIR [--errors]`: run the default
 * stages over hand-annotated articles and score the entities
 * normalise_names links their mentions into.
 *
 * GOLD_DIR holds NAME.txt articles, each with a NAME.gold file: one entity
 * per line, four tab-separated fields ('#' lines and blank lines skipped):
 *
 *   PERSON  Mark Rutte      -   Mark Rutte | Rutte | Mr Rutte
 *   LOC     United Kingdom  GB  United Kingdom | British | UK@212
 *   NONE    -               -   Johnson
 *
 * kind (PERSON, ORG, LOC, MISC; NONE lists mentions that must link to no
 * entity, such as a surname two people share), canonical name, ISO 3166-1
 * code or "-", and the entity's mentions in the body. A mention is its text
 * as written, or text@START with START its code point offset in the body.
 * A mention without @ takes the first whole-word occurrence of its text
 * that no other mention of the file took, longer texts choosing first, so
 * "Mark Rutte | Rutte | Rutte" names "Mark Rutte" and the next two bare
 * "Rutte"s. Only the body is scored (the stages do not tag the title).
 *
 * Scores:
 *   entities   (article, entity) pairs; a gold and a system entity match
 *              when kind, gz_name_key(name, kind) and country are equal
 *   mentions   share of gold mentions linked right: a system mention with
 *              the same span belongs to the system entity matched to the
 *              gold one (for NONE: no system mention at the span links to
 *              an entity)
 *   tagged     the same share among the gold mentions extract_entities
 *              found with their exact span, which leaves out the
 *              tagger's misses and span errors
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <utf8proc.h>

#include "cli/cli.h"
#include "core/article.h"
#include "core/mem.h"
#include "names/canonical.h"
#include "run/pipeline.h"
#include "sources/source.h"
#include "text/utf8.h"

static const char usage[] =
    "usage: gazette eval names GOLD_DIR [--errors]\n"
    "\n"
    "Run the default stages (clean_text, normalise_dates, extract_entities,\n"
    "normalise_names) over every GOLD_DIR/NAME.txt and compare the entities\n"
    "found in its body with GOLD_DIR/NAME.gold. Prints precision, recall and\n"
    "F1 of (article, entity) pairs (kind, matching key and country equal), the\n"
    "share of gold mentions linked to the right entity, and that share among\n"
    "the gold mentions the tagger found with their exact span.\n"
    "\n"
    "NAME.gold: one entity per line, tab-separated:\n"
    "  KIND  CANONICAL NAME  COUNTRY|-  MENTION | MENTION ...\n"
    "KIND is PERSON, ORG, LOC, MISC or NONE (mentions that must link to no\n"
    "entity); a MENTION is its text in the body, or TEXT@START (code points).\n"
    "A MENTION without @ takes the first whole-word occurrence no other mention\n"
    "of the file took, longer texts choosing first. Titles are not scored (the\n"
    "stages tag the body only). '#' lines and blank lines are skipped.\n"
    "\n"
    "  --errors   list, per article, the entities and mentions that differ\n"
    "             on stderr\n"
    "\n"
    "Exit status: 0 scored, 64 usage, 65 a malformed gold file or an article\n"
    "rejected, 66 a missing directory or gold file, 78 the stages could not\n"
    "be set up.\n";

static const char *const kinds[] = {"PERSON", "ORG", "LOC", "MISC", "NONE", NULL};

struct gmention {
    char   *text;
    long    start;              /* code points; -1 until placed */
    long    end;
    long    at;                 /* @START as written, -1 if none */
    int     line;
};

struct gentity {
    const char      *kind;      /* one of kinds[] */
    char            *name, *key, *country;   /* country NULL for "-" */
    struct gmention *m;
    size_t           nm;
    int              line;
    int              sys;       /* matched system entity, -1 */
};

struct gold {
    struct gentity *e;
    size_t          n;
};

struct tally {
    long articles, gold, sys, matched, mentions, linked;
    long found, found_linked;   /* gold mentions the tagger found with their span */
};

static void gold_free(struct gold *g)
{
    size_t i, j;

    for (i = 0; i < g->n; i++) {
        for (j = 0; j < g->e[i].nm; j++)
            gz_free(g->e[i].m[j].text);
        gz_free(g->e[i].m);
        gz_free(g->e[i].name);
        gz_free(g->e[i].key);
        gz_free(g->e[i].country);
    }
    gz_free(g->e);
    g->e = NULL;
    g->n = 0;
}

static char *trim(char *s)
{
    char *e;

    while (*s == ' ')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    return s;
}

/* Parse one mention ("Rutte" or "Rutte@45") into m. */
static int parse_mention(char *s, struct gmention *m, int line)
{
    char *at = strrchr(s, '@'), *end;

    m->at = -1;
    m->start = m->end = -1;
    m->line = line;
    if (at != NULL && at[1] >= '0' && at[1] <= '9') {
        errno = 0;
        m->at = strtol(at + 1, &end, 10);
        if (*end != '\0' || errno != 0)
            return -1;
        *at = '\0';
        s = trim(s);
    }
    if (*s == '\0')
        return -1;
    m->text = gz_xstrdup(s);
    return 0;
}

static int parse_line(char *line, int lineno, struct gentity *e, struct gz_error *err,
                      const char *path)
{
    char *f[4], *p = line, *tab, *tok, *save = NULL;
    int n = 0, k;

    memset(e, 0, sizeof(*e));
    e->line = lineno;
    e->sys = -1;
    while (n < 4) {
        f[n++] = p;
        if ((tab = strchr(p, '\t')) == NULL)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    if (n != 4 || strchr(f[3], '\t') != NULL)
        return gz_fail(err, EX_DATAERR, "%s:%d: expected 4 tab-separated fields (kind, name, "
                       "country, mentions), found %d", path, lineno,
                       n == 4 ? 5 : n);
    for (k = 0; kinds[k] != NULL; k++)
        if (strcmp(trim(f[0]), kinds[k]) == 0)
            e->kind = kinds[k];
    if (e->kind == NULL)
        return gz_fail(err, EX_DATAERR, "%s:%d: unknown kind \"%s\" (PERSON, ORG, LOC, MISC "
                       "or NONE)", path, lineno, f[0]);
    f[1] = trim(f[1]);
    f[2] = trim(f[2]);
    if (*f[1] == '\0')
        return gz_fail(err, EX_DATAERR, "%s:%d: empty name", path, lineno);
    if (strcmp(f[2], "-") != 0) {
        if (strlen(f[2]) != 2 || f[2][0] < 'A' || f[2][0] > 'Z' || f[2][1] < 'A' ||
            f[2][1] > 'Z')
            return gz_fail(err, EX_DATAERR, "%s:%d: country \"%s\" is not a two-letter code "
                           "or \"-\"", path, lineno, f[2]);
        e->country = gz_xstrdup(f[2]);
    }
    e->name = gz_xstrdup(f[1]);
    if (strcmp(e->kind, "NONE") != 0) {
        char key[GZ_NAME_BUF];
        int kl = gz_name_key(f[1], strlen(f[1]), e->kind, key, sizeof(key));

        if (kl <= 0)
            return gz_fail(err, EX_DATAERR, "%s:%d: name \"%s\" has no matching key", path,
                           lineno, f[1]);
        e->key = gz_xstrdup(key);
    }
    for (tok = strtok_r(f[3], "|", &save); tok != NULL; tok = strtok_r(NULL, "|", &save)) {
        e->m = gz_xrealloc(e->m, (e->nm + 1) * sizeof(*e->m));
        if (parse_mention(trim(tok), &e->m[e->nm], lineno) < 0)
            return gz_fail(err, EX_DATAERR, "%s:%d: bad mention \"%s\"", path, lineno,
                           trim(tok));
        e->nm++;
    }
    if (e->nm == 0)
        return gz_fail(err, EX_DATAERR, "%s:%d: no mentions", path, lineno);
    return 0;
}

/* Read a gold file; 0 or -1 with err ("PATH:LINE: reason"). */
static int gold_read(const char *path, struct gold *g, struct gz_error *err)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;

    memset(g, 0, sizeof(*g));
    if (f == NULL)
        return gz_fail(err, EX_NOINPUT, "%s: cannot open gold file: %s", path, strerror(errno));
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        char *s;

        lineno++;
        s = line;
        s[strcspn(s, "\r\n")] = '\0';
        if (!gz_utf8_valid(s, strlen(s))) {
            rc = gz_fail(err, EX_DATAERR, "%s:%d: not valid UTF-8", path, lineno);
            break;
        }
        while (*s == ' ')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        g->e = gz_xrealloc(g->e, (g->n + 1) * sizeof(*g->e));
        rc = parse_line(s, lineno, &g->e[g->n], err, path);
        g->n++;
    }
    if (rc == 0 && ferror(f))
        rc = gz_fail(err, EX_IOERR, "%s: read error", path);
    if (rc == 0 && g->n == 0)
        rc = gz_fail(err, EX_DATAERR, "%s:%d: no entities", path, lineno);
    gz_free(line);
    fclose(f);
    return rc;
}

/* ---- placing mentions in the body --------------------------------- */

static int word_char_at(const char *s, size_t len, size_t i, int before)
{
    utf8proc_int32_t cp = -1;
    size_t j = i;

    if (before) {
        if (i == 0)
            return 0;
        j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
    } else if (i >= len) {
        return 0;
    }
    utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(len - j), &cp);
    if (cp < 0)
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
        return 1;
    default:
        return 0;
    }
}

static int64_t cp_of(const char *s, size_t byte)
{
    return gz_utf8_count(s, byte);
}

static int taken(const struct gold *g, long start, long end)
{
    size_t i, j;

    for (i = 0; i < g->n; i++)
        for (j = 0; j < g->e[i].nm; j++) {
            const struct gmention *m = &g->e[i].m[j];
            if (m->start >= 0 && m->start < end && start < m->end)
                return 1;
        }
    return 0;
}

/* Place m at its first free whole-word occurrence in body (or at @START). */
static int place(struct gold *g, struct gmention *m, const char *body, size_t blen)
{
    size_t tl = strlen(m->text);
    const char *p = body;

    while ((p = strstr(p, m->text)) != NULL) {
        size_t b = (size_t)(p - body);
        long s = (long)cp_of(body, b), e = s + (long)gz_utf8_count(m->text, tl);

        p++;
        if (m->at >= 0 && s != m->at)
            continue;
        if (word_char_at(body, blen, b, 1) || word_char_at(body, blen, b + tl, 0) ||
            taken(g, s, e))
            continue;
        m->start = s;
        m->end = e;
        return 0;
    }
    return -1;
}

static int place_all(struct gold *g, const char *path, const char *body, struct gz_error *err)
{
    size_t blen = strlen(body), i, j, maxlen = 0;
    long len;
    int pass;

    for (i = 0; i < g->n; i++)
        for (j = 0; j < g->e[i].nm; j++)
            if (strlen(g->e[i].m[j].text) > maxlen)
                maxlen = strlen(g->e[i].m[j].text);
    /* pass 0: mentions with @START; pass 1: the others, longest first */
    for (pass = 0; pass < 2; pass++)
        for (len = pass ? (long)maxlen : 0; len >= 0; len--)
            for (i = 0; i < g->n; i++)
                for (j = 0; j < g->e[i].nm; j++) {
                    struct gmention *m = &g->e[i].m[j];

                    if ((pass == 0) != (m->at >= 0) ||
                        (pass == 1 && (long)strlen(m->text) != len))
                        continue;
                    if (place(g, m, body, blen) == 0)
                        continue;
                    if (m->at >= 0)
                        return gz_fail(err, EX_DATAERR, "%s:%d: \"%s\"@%ld: the body has no "
                                       "free whole-word \"%s\" at code point %ld", path,
                                       m->line, m->text, m->at, m->text, m->at);
                    return gz_fail(err, EX_DATAERR, "%s:%d: \"%s\": no free whole-word "
                                   "occurrence left in the body (listed more times than "
                                   "it occurs?)", path, m->line, m->text);
                }
    return 0;
}

/* ---- scoring ------------------------------------------------------- */

static int country_eq(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static const struct gz_mention *mention_at(const struct gz_article *a, long s, long e,
                                           size_t *idx)
{
    size_t i;

    for (i = 0; i < a->n_mentions; i++)
        if (a->mentions[i].start_char == s && a->mentions[i].end_char == e) {
            *idx = i;
            return &a->mentions[i];
        }
    return NULL;
}

static const struct gz_mention *mention_over(const struct gz_article *a, long s, long e,
                                             size_t *idx)
{
    size_t i;

    for (i = 0; i < a->n_mentions; i++)
        if (a->mentions[i].start_char < e && s < a->mentions[i].end_char) {
            *idx = i;
            return &a->mentions[i];
        }
    return NULL;
}

static void print_sys_entity(FILE *out, const struct gz_article *a, int e)
{
    if (e < 0) {
        fputs("no entity", out);
        return;
    }
    fprintf(out, "%s \"%s\" %s", a->entities[e].kind, a->entities[e].canonical,
            a->entities[e].country ? a->entities[e].country : "-");
}

/* Why a gold mention is not linked right, on out. */
static void mention_error(FILE *out, const struct gz_article *a, const struct gentity *ge,
                          const struct gmention *gm, const char **tagger_types)
{
    const struct gz_mention *sm;
    size_t idx = 0;

    fprintf(out, "  mention  \"%s\"@%ld  gold ", gm->text, gm->start);
    if (ge->key == NULL)
        fputs("no entity", out);
    else
        fprintf(out, "%s \"%s\" %s", ge->kind, ge->name, ge->country ? ge->country : "-");
    if ((sm = mention_at(a, gm->start, gm->end, &idx)) == NULL) {
        sm = mention_over(a, gm->start, gm->end, &idx);
        if (sm == NULL)
            fputs(": not tagged [tagger]\n", out);
        else
            fprintf(out, ": tagged as %s \"%s\" [tagger: span]\n",
                    tagger_types ? tagger_types[idx] : sm->type, sm->surface);
        return;
    }
    fputs(": linked to ", out);
    print_sys_entity(out, a, sm->entity);
    if (ge->key != NULL && tagger_types != NULL && strcmp(tagger_types[idx], ge->kind) != 0 &&
        !(strcmp(tagger_types[idx], "MISC") == 0 && ge->country != NULL))
        fprintf(out, " [tagger: %s]", tagger_types[idx]);
    fputc('\n', out);
}

/* Score one article against its gold; errors to errs when not NULL. */
static void score(const struct gz_article *a, struct gold *g, const char **tagger_types,
                  struct tally *t, FILE *errs, const char *name)
{
    int *used = gz_xcalloc(a->n_entities ? a->n_entities : 1, sizeof(int));
    int header = 0;
    size_t i, j, e;

    t->articles++;
    t->sys += (long)a->n_entities;
    for (i = 0; i < g->n; i++) {
        struct gentity *ge = &g->e[i];

        if (ge->key == NULL)
            continue;
        t->gold++;
        for (e = 0; e < a->n_entities; e++)
            if (!used[e] && strcmp(a->entities[e].kind, ge->kind) == 0 &&
                strcmp(a->entities[e].key, ge->key) == 0 &&
                country_eq(a->entities[e].country, ge->country)) {
                used[e] = 1;
                ge->sys = (int)e;
                t->matched++;
                break;
            }
    }
#define HEADER() do { if (errs && !header++) fprintf(errs, "%s\n", name); } while (0)
    for (i = 0; i < g->n; i++)
        if (g->e[i].key != NULL && g->e[i].sys < 0 && errs) {
            HEADER();
            fprintf(errs, "  missing  %s \"%s\" %s (key \"%s\")\n", g->e[i].kind, g->e[i].name,
                    g->e[i].country ? g->e[i].country : "-", g->e[i].key);
        }
    for (e = 0; e < a->n_entities && errs; e++)
        if (!used[e]) {
            HEADER();
            fprintf(errs, "  extra    %s \"%s\" %s (key \"%s\")\n", a->entities[e].kind,
                    a->entities[e].canonical, a->entities[e].country ? a->entities[e].country
                    : "-", a->entities[e].key);
        }
    for (i = 0; i < g->n; i++)
        for (j = 0; j < g->e[i].nm; j++) {
            const struct gentity *ge = &g->e[i];
            const struct gmention *gm = &ge->m[j];
            const struct gz_mention *sm;
            size_t idx;
            int right;

            t->mentions++;
            sm = mention_at(a, gm->start, gm->end, &idx);
            if (ge->key == NULL)
                right = sm == NULL || sm->entity < 0;
            else
                right = sm != NULL && ge->sys >= 0 && sm->entity == ge->sys;
            t->linked += right;
            if (sm != NULL) {
                t->found++;
                t->found_linked += right;
            }
            if (!right && errs) {
                HEADER();
                mention_error(errs, a, ge, gm, tagger_types);
            }
        }
#undef HEADER
    gz_free(used);
}

/* ---- articles ------------------------------------------------------- */

struct one {
    struct gz_article *a;
    char reason[512];
};

static int keep_article(void *ctx, struct gz_article *a, struct gz_error *err)
{
    struct one *o = ctx;

    (void)err;
    if (o->a != NULL)
        gz_article_free(o->a);
    o->a = a;
    return 0;
}

static int note_reject(void *ctx, const struct gz_reject *r, struct gz_error *err)
{
    struct one *o = ctx;

    (void)err;
    snprintf(o->reason, sizeof(o->reason), "%s", r->reason);
    return 0;
}

/* Run p's stages over a; tagger_types gets each mention's type as it was
 * before normalise_names (arena-owned). */
static int run_stages(struct gz_pipeline *p, struct gz_article *a, const char ***tagger_types,
                      struct gz_error *err)
{
    size_t i, k;

    *tagger_types = NULL;
    for (i = 0; i < p->n_stages; i++) {
        struct gz_stage *st = &p->stages[i];

        if (strcmp(st->ops->name, "normalise_names") == 0) {
            *tagger_types = gz_arena_alloc(a->arena, (a->n_mentions + 1) * sizeof(char *));
            for (k = 0; k < a->n_mentions; k++)
                (*tagger_types)[k] = a->mentions[k].type;
        }
        if (st->ops->process(st, a, err) < 0) {
            gz_error_prefix(err, "%s", st->ops->name);
            return -1;
        }
    }
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The NAME.txt files of dir, sorted; returns their count or -1. */
static long list_articles(const char *dir, char ***out, struct gz_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **v = NULL;
    long n = 0;

    *out = NULL;
    if (d == NULL)
        return gz_fail(err, EX_NOINPUT, "%s: cannot open directory: %s", dir, strerror(errno));
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);

        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
            v = gz_xrealloc(v, (size_t)(n + 1) * sizeof(*v));
            v[n++] = gz_xstrndup(de->d_name, l - 4);
        }
    }
    closedir(d);
    if (n > 0)
        qsort(v, (size_t)n, sizeof(*v), cmp_str);
    *out = v;
    return n;
}

static void print_report(const struct tally *t)
{
    double p = t->sys ? (double)t->matched / (double)t->sys : 0;
    double r = t->gold ? (double)t->matched / (double)t->gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;

    printf("articles %ld: gold entities %ld, system entities %ld, matched %ld\n", t->articles,
           t->gold, t->sys, t->matched);
    printf("entities  P %.3f  R %.3f  F1 %.3f\n", p, r, f);
    printf("mentions  %ld of %ld linked right (%.3f)\n", t->linked, t->mentions,
           t->mentions ? (double)t->linked / (double)t->mentions : 0);
    printf("tagged    %ld of them with their span, %ld of those linked right (%.3f)\n",
           t->found, t->found_linked, t->found ? (double)t->found_linked / (double)t->found : 0);
}

/* Score one article NAME of dir; 0 or -1 with err. */
static int eval_one(struct gz_pipeline *p, const char *dir, const char *name, struct tally *t,
                    FILE *errs, struct gz_error *err)
{
    struct one o = {NULL, ""};
    struct gz_source_out out = {keep_article, note_reject, &o, NULL};
    const char **tagger_types = NULL;
    struct gold g = {NULL, 0};
    char *txt = gz_xmalloc(strlen(dir) + strlen(name) + 8);
    char *gpath = gz_xmalloc(strlen(dir) + strlen(name) + 8);
    int rc = -1;

    sprintf(txt, "%s/%s.txt", dir, name);
    sprintf(gpath, "%s/%s.gold", dir, name);
    if (gold_read(gpath, &g, err) < 0)
        goto out;
    if (gz_source_read(txt, &p->source, &out, err) < 0)
        goto out;
    if (o.a == NULL) {
        gz_fail(err, EX_DATAERR, "%s: article rejected: %s", txt,
                o.reason[0] ? o.reason : "no article");
        goto out;
    }
    if (run_stages(p, o.a, &tagger_types, err) < 0) {
        gz_error_prefix(err, "%s", txt);
        err->code = EX_DATAERR;
        goto out;
    }
    if (place_all(&g, gpath, o.a->body, err) < 0)
        goto out;
    score(o.a, &g, tagger_types, t, errs, txt);
    rc = 0;
out:
    gz_article_free(o.a);
    gold_free(&g);
    gz_free(txt);
    gz_free(gpath);
    return rc;
}

int gz_eval_names(int argc, char **argv)
{
    struct gz_error err = {0};
    struct gz_pipeline *p = NULL;
    struct tally t = {0, 0, 0, 0, 0, 0, 0, 0};
    const char *dir = NULL;
    char **names = NULL;
    long n = 0, i;
    int errors = 0, rc = EX_OK;

    if (gz_wants_help(argc, argv, usage))
        return EX_OK;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--errors") == 0)
            errors = 1;
        else if (argv[i][0] != '-' && dir == NULL)
            dir = argv[i];
        else {
            fprintf(stderr, "gazette eval names: unexpected argument \"%s\"\n", argv[i]);
            fputs(usage, stderr);
            return EX_USAGE;
        }
    }
    if (dir == NULL) {
        fputs(usage, stderr);
        return EX_USAGE;
    }
    if ((n = list_articles(dir, &names, &err)) < 0)
        goto fail;
    if (n == 0) {
        gz_fail(&err, EX_NOINPUT, "%s: no NAME.txt articles", dir);
        goto fail;
    }
    if ((p = gz_pipeline_default(&err)) == NULL || gz_pipeline_init_stages(p, &err) < 0) {
        if (err.code == 0)
            err.code = EX_CONFIG;
        gz_pipeline_free(p);
        p = NULL;
        goto fail;
    }
    for (i = 0; i < n; i++)
        if (eval_one(p, dir, names[i], &t, errors ? stderr : NULL, &err) < 0)
            goto fail;
    fflush(stderr);
    print_report(&t);
    goto out;
fail:
    fprintf(stderr, "gazette eval names: %s\n", err.msg);
    rc = err.code ? err.code : EX_SOFTWARE;
out:
    if (p != NULL) {
        gz_pipeline_fini_stages(p);
        gz_pipeline_free(p);
    }
    for (i = 0; i < n; i++)
        gz_free(names[i]);
    gz_free(names);
    return rc;
}
