/*
 * eval_dates.c - `gazette eval dates DOCS.jsonl GOLD.tsv [--predictions OUT]`
 *
 * Runs the temporal tagger over every document (its DCT as the reference)
 * and scores it against the gold TIMEX3 annotations as TempEval-3 does:
 *
 *   relaxed span   system and gold spans overlap
 *   strict span    spans are equal
 *   value          relaxed match and identical value
 *   type accuracy  identical type among relaxed matches
 *
 * Precision is over system expressions, recall over gold ones; each gold
 * expression is paired with at most one system expression.
 * --predictions writes what was found in the gold TSV's format (code point
 * offsets); --errors lists misses, false alarms and wrong values on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "dates/pubdate.h"
#include "dates/timex.h"
#include "text/utf8.h"

static const char usage[] =
    "usage: gazette eval dates DOCS.jsonl GOLD.tsv [--predictions OUT] [--errors]\n"
    "\n"
    "Score the temporal tagger against gold TIMEX3 data (TempEval-3 measures).\n"
    "DOCS.jsonl holds {\"doc_id\",\"dct\",\"text\"} objects; GOLD.tsv has the columns\n"
    "doc_id dct timex_text char_start char_end type value tid mod (code points).\n"
    "  --predictions OUT  write the system's expressions to OUT in the gold format\n"
    "  --errors           list misses, false alarms and wrong values on stderr\n";

struct tx {
    long start, end;            /* code points */
    char *text, *type, *value;
    int used;
};

struct txlist {
    struct tx *v;
    size_t n, cap;
};

struct doc {
    char *id, *dct, *text;
    struct txlist gold;
};

struct docs {
    struct doc *v;
    size_t n, cap;
};

struct tally {
    long sys, gold, relaxed, strict, value, type;
};

static struct tx *tx_push(struct txlist *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = gz_xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    memset(&l->v[l->n], 0, sizeof(l->v[0]));
    return &l->v[l->n++];
}

static void tx_free(struct txlist *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        gz_free(l->v[i].text);
        gz_free(l->v[i].type);
        gz_free(l->v[i].value);
    }
    gz_free(l->v);
}

/* ---- a JSON object of string members, one per line ---------------- */

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

static long read_hex4(const char *p)
{
    long v = 0;
    int i;

    for (i = 0; i < 4; i++) {
        if (hexval(p[i]) < 0)
            return -1;
        v = v * 16 + hexval(p[i]);
    }
    return v;
}

/* Decode the JSON string starting after its opening quote at *pp; returns a
 * new string (gz_free) and leaves *pp after the closing quote, or NULL. */
static char *json_string(const char **pp)
{
    const char *p = *pp;
    size_t cap = 64, n = 0;
    char *out = gz_xmalloc(cap);

    while (*p && *p != '"') {
        long cp = (unsigned char)*p++;

        if (n + 8 > cap)
            out = gz_xrealloc(out, cap *= 2);
        if (cp != '\\') {
            out[n++] = (char)cp;
            continue;
        }
        switch (*p++) {
        case 'n': cp = '\n'; break;
        case 't': cp = '\t'; break;
        case 'r': cp = '\r'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'u':
            cp = read_hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
                long lo = read_hex4(p + 2);

                if (lo >= 0xDC00 && lo < 0xE000)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00), p += 6;
            }
            if (cp < 0)
                goto bad;
            n += (size_t)gz_utf8_encode((uint32_t)cp, out + n);
            continue;
        default: cp = p[-1]; break;
        }
        out[n++] = (char)cp;
    }
    if (*p != '"')
        goto bad;
    out[n] = '\0';
    *pp = p + 1;
    return out;
bad:
    gz_free(out);
    return NULL;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* Fill d->id, d->dct, d->text from one JSON line; -1 when malformed. */
static int parse_doc(const char *line, struct doc *d)
{
    const char *p = skip_ws(line);

    if (*p++ != '{')
        return -1;
    for (;;) {
        char *key, *v;

        p = skip_ws(p);
        if (*p == '}')
            break;
        if (*p++ != '"' || (key = json_string(&p)) == NULL)
            return -1;
        p = skip_ws(p);
        if (*p++ != ':' || *(p = skip_ws(p)) != '"' || (p++, v = json_string(&p)) == NULL) {
            gz_free(key);
            return -1;
        }
        if (strcmp(key, "doc_id") == 0 && d->id == NULL)
            d->id = v;
        else if (strcmp(key, "dct") == 0 && d->dct == NULL)
            d->dct = v;
        else if (strcmp(key, "text") == 0 && d->text == NULL)
            d->text = v;
        else
            gz_free(v);
        gz_free(key);
        p = skip_ws(p);
        if (*p == ',')
            p++;
    }
    return d->id && d->dct && d->text ? 0 : -1;
}

static int read_docs(const char *path, struct docs *ds)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = 0;

    if (f == NULL) {
        fprintf(stderr, "gazette: %s: %m\n", path);
        return -1;
    }
    while (getline(&line, &cap, f) > 0) {
        struct doc d = {0};

        lineno++;
        if (parse_doc(line, &d) < 0) {
            fprintf(stderr, "gazette: %s:%ld: not a document object\n", path, lineno);
            gz_free(d.id), gz_free(d.dct), gz_free(d.text);
            rc = -1;
            break;
        }
        if (ds->n == ds->cap) {
            ds->cap = ds->cap ? ds->cap * 2 : 64;
            ds->v = gz_xrealloc(ds->v, ds->cap * sizeof(*ds->v));
        }
        ds->v[ds->n++] = d;
    }
    free(line);
    fclose(f);
    return rc;
}

/* ---- gold TSV ------------------------------------------------------- */

static struct doc *find_doc(struct docs *ds, const char *id)
{
    size_t i;

    for (i = 0; i < ds->n; i++)
        if (strcmp(ds->v[i].id, id) == 0)
            return &ds->v[i];
    return NULL;
}

/* Split line at tabs into at most max fields (in place); returns the count. */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;

    line[strcspn(line, "\r\n")] = '\0';
    f[n++] = line;
    while (n < max && (line = strchr(line, '\t')) != NULL) {
        *line++ = '\0';
        f[n++] = line;
    }
    return n;
}

static int read_gold(const char *path, struct docs *ds)
{
    FILE *f = fopen(path, "r");
    char *line = NULL, *fld[9];
    size_t cap = 0;
    long lineno = 0;

    if (f == NULL) {
        fprintf(stderr, "gazette: %s: %m\n", path);
        return -1;
    }
    while (getline(&line, &cap, f) > 0) {
        struct doc *d;
        struct tx *t;

        if (++lineno == 1 || line[0] == '\n')
            continue;                               /* header */
        if (split_tabs(line, fld, 9) < 7 || (d = find_doc(ds, fld[0])) == NULL) {
            fprintf(stderr, "gazette: %s:%ld: bad row or unknown document\n", path, lineno);
            continue;
        }
        t = tx_push(&d->gold);
        t->text = gz_xstrdup(fld[2]);
        t->start = atol(fld[3]);
        t->end = atol(fld[4]);
        t->type = gz_xstrdup(fld[5]);
        t->value = gz_xstrdup(fld[6]);
    }
    free(line);
    fclose(f);
    return 0;
}

/* ---- running the tagger --------------------------------------------- */

struct collect {
    struct gz_cp_cursor cp;     /* over the document's text */
    struct txlist *out;
};

static void collect_one(const struct gz_timex *t, void *arg)
{
    struct collect *c = arg;
    struct tx *x = tx_push(c->out);

    x->text = gz_xstrndup(c->cp.text + t->start, t->end - t->start);
    x->start = (long)gz_cp_cursor_at(&c->cp, t->start);
    x->end = (long)gz_cp_cursor_at(&c->cp, t->end);
    x->type = gz_xstrdup(t->type);
    x->value = gz_xstrdup(t->value);
}

static int tag_doc(const struct doc *d, struct txlist *sys)
{
    struct gz_ymd ref;
    size_t used;
    const char *why;
    struct gz_pubdate_opts opts = {-1};
    struct collect c = {{d->text, 0, 0}, sys};

    if (gz_pubdate_parse(d->dct, strlen(d->dct), &opts, &ref, &used, &why) < 0) {
        fprintf(stderr, "gazette: %s: dct \"%s\": %s\n", d->id, d->dct, why);
        return -1;
    }
    gz_timex_find(d->text, strlen(d->text), ref, collect_one, &c);
    return 0;
}

/* ---- scoring -------------------------------------------------------- */

static int overlaps(const struct tx *a, const struct tx *b)
{
    return a->start < b->end && b->start < a->end;
}

static void score_doc(const struct doc *d, struct txlist *sys, struct tally *t, int errors)
{
    size_t i, j;

    t->sys += (long)sys->n;
    t->gold += (long)d->gold.n;
    for (i = 0; i < d->gold.n; i++) {
        const struct tx *g = &d->gold.v[i];
        struct tx *s = NULL;

        for (j = 0; j < sys->n && s == NULL; j++)
            if (!sys->v[j].used && overlaps(g, &sys->v[j]))
                s = &sys->v[j];
        if (s == NULL) {
            if (errors)
                fprintf(stderr, "MISS\t%s\t%s\t%s\t%s\n", d->id, g->text, g->type, g->value);
            continue;
        }
        s->used = 1;
        t->relaxed++;
        t->strict += s->start == g->start && s->end == g->end;
        t->value += strcmp(s->value, g->value) == 0;
        t->type += strcmp(s->type, g->type) == 0;
        if (errors && (strcmp(s->value, g->value) != 0 || s->start != g->start || s->end != g->end))
            fprintf(stderr, "DIFF\t%s\t%s\t%s\t%s\t|\t%s\t%s\t%s\n", d->id, g->text, g->type,
                    g->value, s->text, s->type, s->value);
    }
    for (j = 0; errors && j < sys->n; j++)
        if (!sys->v[j].used)
            fprintf(stderr, "FALSE\t%s\t%s\t%s\t%s\n", d->id, sys->v[j].text, sys->v[j].type,
                    sys->v[j].value);
}

static void write_predictions(FILE *f, const struct doc *d, const struct txlist *sys)
{
    size_t i;

    for (i = 0; i < sys->n; i++) {
        const struct tx *x = &sys->v[i];

        fprintf(f, "%s\t%s\t%s\t%ld\t%ld\t%s\t%s\tt%zu\t\n", d->id, d->dct, x->text, x->start,
                x->end, x->type, x->value, i + 1);
    }
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void print_line(const char *name, long hits, const struct tally *t)
{
    double p = t->sys ? (double)hits / t->sys : 0, r = t->gold ? (double)hits / t->gold : 0;

    printf("%-14s P %.3f  R %.3f  F1 %.3f\n", name, p, r, f1(p, r));
}

static void print_report(const struct tally *t)
{
    printf("documents: gold expressions %ld, system expressions %ld\n", t->gold, t->sys);
    print_line("relaxed span", t->relaxed, t);
    print_line("strict span", t->strict, t);
    print_line("value", t->value, t);
    printf("%-14s %.3f (%ld of %ld relaxed matches)\n", "type accuracy",
           t->relaxed ? (double)t->type / t->relaxed : 0, t->type, t->relaxed);
}

static void free_docs(struct docs *ds)
{
    size_t i;

    for (i = 0; i < ds->n; i++) {
        gz_free(ds->v[i].id), gz_free(ds->v[i].dct), gz_free(ds->v[i].text);
        tx_free(&ds->v[i].gold);
    }
    gz_free(ds->v);
}

static int run(const char *docs_path, const char *gold_path, const char *pred_path, int errors)
{
    struct docs ds = {0};
    struct tally t = {0};
    FILE *pred = NULL;
    size_t i;
    int rc = EX_DATAERR;

    if (read_docs(docs_path, &ds) < 0 || read_gold(gold_path, &ds) < 0)
        goto out;
    if (pred_path != NULL && (pred = fopen(pred_path, "w")) == NULL) {
        fprintf(stderr, "gazette: %s: %m\n", pred_path);
        rc = EX_CANTCREAT;
        goto out;
    }
    if (pred != NULL)
        fputs("doc_id\tdct\ttimex_text\tchar_start\tchar_end\ttype\tvalue\ttid\tmod\n", pred);
    for (i = 0; i < ds.n; i++) {
        struct txlist sys = {0};

        tag_doc(&ds.v[i], &sys);       /* a bad DCT is reported; its gold still counts */
        score_doc(&ds.v[i], &sys, &t, errors);
        if (pred != NULL)
            write_predictions(pred, &ds.v[i], &sys);
        tx_free(&sys);
    }
    print_report(&t);
    rc = 0;
out:
    if (pred != NULL && fclose(pred) != 0) {
        fprintf(stderr, "gazette: %s: %m\n", pred_path);
        rc = EX_IOERR;
    }
    free_docs(&ds);
    return rc;
}

int gz_eval_dates(int argc, char **argv)
{
    const char *paths[2] = {NULL, NULL}, *pred = NULL;
    int i, npaths = 0, errors = 0;

    if (gz_wants_help(argc, argv, usage))
        return 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--predictions") == 0 && i + 1 < argc)
            pred = argv[++i];
        else if (strcmp(argv[i], "--errors") == 0)
            errors = 1;
        else if (argv[i][0] != '-' && npaths < 2)
            paths[npaths++] = argv[i];
        else
            npaths = 3;
    }
    if (npaths != 2) {
        fputs(usage, stderr);
        return EX_USAGE;
    }
    return run(paths[0], paths[1], pred, errors);
}
