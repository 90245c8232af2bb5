/*
 * extract.c - `gazette extract`: run the stages without a database and print
 * one JSON object per article on stdout; rejects go to stderr.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/log.h"
#include "run/pipeline.h"
#include "sources/files.h"

static const char usage[] =
    "usage: gazette extract [--pipeline FILE] [--format article|csv] [--no-text] [--tsv] FILE...\n"
    "\n"
    "Parse articles, run the stages and print one JSON object per article on\n"
    "stdout: published date, title, body, repairs, content hash, entities and\n"
    "dates. No database is needed. FILE may be a directory (read recursively),\n"
    "a glob, a .gz file or - for standard input.\n"
    "\n"
    "  -p, --pipeline FILE   take format and stages from a pipeline file\n"
    "                        (default: clean_text, normalise_dates, extract_entities,\n"
    "                        normalise_names)\n"
    "  -f, --format FMT      article (default) or csv\n"
    "  -n, --no-text         leave title and body out of the output\n"
    "  -t, --tsv             print one tab-separated line per mention instead:\n"
    "                        uri, line, kind (entity|date), type, value, field\n"
    "                        (title|body), start, end, text (code point offsets)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 all parsed, 65 some inputs rejected, 64 usage, 66 a directory\n"
    "could not be read, 78 bad pipeline.\n";

struct extract_ctx {
    struct gz_pipeline *p;
    int  no_text;
    int  tsv;
    long articles, rejects;
};

static void print_ymd(FILE *out, const struct gz_ymd *d)
{
    if (d->year == 0)
        fputs("null", out);
    else
        fprintf(out, "\"%04d-%02d-%02d\"", d->year, d->month, d->day);
}

/* What normalise_names linked a mention to: ,"entity":{...} and its role. */
static void print_entity(FILE *out, const struct gz_entity *e, const char *role)
{
    fputs(",\"entity\":{\"kind\":", out);
    gz_json_str(out, e->kind);
    fputs(",\"name\":", out);
    gz_json_str(out, e->canonical);
    fputs(",\"key\":", out);
    gz_json_str(out, e->key);
    fputs(",\"country\":", out);
    gz_json_str(out, e->country);
    fputc('}', out);
    if (role != NULL) {
        fputs(",\"role\":", out);
        gz_json_str(out, role);
    }
}

static void print_entities(FILE *out, const struct gz_article *a)
{
    size_t i;

    fputs(",\"entities\":[", out);
    for (i = 0; i < a->n_mentions; i++) {
        const struct gz_mention *m = &a->mentions[i];

        fprintf(out, "%s{\"type\":", i ? "," : "");
        gz_json_str(out, m->type);
        fputs(",\"text\":", out);
        gz_json_str(out, m->surface);
        fprintf(out, ",\"start\":%lld,\"end\":%lld,\"sentence\":%d,\"confidence\":%.3f",
                (long long)m->start_char, (long long)m->end_char, m->sentence, m->confidence);
        if (m->entity >= 0)
            print_entity(out, &a->entities[m->entity], m->role);
        fputc('}', out);
    }
    fputc(']', out);
}

static void print_dates(FILE *out, const struct gz_article *a)
{
    size_t i;

    fputs(",\"dates\":[", out);
    for (i = 0; i < a->n_dates; i++) {
        const struct gz_date_mention *d = &a->dates[i];

        fprintf(out, "%s{\"type\":", i ? "," : "");
        gz_json_str(out, d->timex_type);
        fputs(",\"value\":", out);
        gz_json_str(out, d->value);
        fputs(",\"text\":", out);
        gz_json_str(out, d->surface);
        fprintf(out, ",\"start\":%lld,\"end\":%lld,\"range_start\":",
                (long long)d->start_char, (long long)d->end_char);
        print_ymd(out, &d->range_start);
        fputs(",\"range_end\":", out);
        print_ymd(out, &d->range_end);
        fputs(d->in_title ? ",\"in_title\":true}" : ",\"in_title\":false}", out);
    }
    fputc(']', out);
}

/* s with tabs and line breaks made spaces, for one TSV field. */
static void print_field(FILE *out, const char *s)
{
    for (; s != NULL && *s; s++)
        putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void print_tsv(FILE *out, const struct gz_article *a)
{
    size_t i;

    for (i = 0; i < a->n_mentions; i++) {
        const struct gz_mention *m = &a->mentions[i];

        print_field(out, a->uri);
        fprintf(out, "\t%ld\tentity\t%s\t%.3f\tbody\t%lld\t%lld\t", a->line, m->type,
                m->confidence, (long long)m->start_char, (long long)m->end_char);
        print_field(out, m->surface);
        putc('\n', out);
    }
    for (i = 0; i < a->n_dates; i++) {
        const struct gz_date_mention *d = &a->dates[i];

        print_field(out, a->uri);
        fprintf(out, "\t%ld\tdate\t%s\t%s\t%s\t%lld\t%lld\t", a->line, d->timex_type,
                d->value, d->in_title ? "title" : "body", (long long)d->start_char,
                (long long)d->end_char);
        print_field(out, d->surface);
        putc('\n', out);
    }
}

static void print_article(FILE *out, const struct gz_article *a, int no_text)
{
    int i, first = 1;

    fputs("{\"uri\":", out);
    gz_json_str(out, a->uri);
    fprintf(out, ",\"line\":%ld,\"id\":", a->line);
    gz_json_str(out, a->ext_id);
    fputs(",\"published\":", out);
    print_ymd(out, &a->published);
    fputs(",\"published_raw\":", out);
    gz_json_str(out, a->published_raw);
    fputs(",\"content_sha256\":", out);
    gz_json_str(out, a->content_sha256);
    if (!no_text) {
        fputs(",\"title\":", out);
        gz_json_strn(out, a->title, a->title_len);
        fputs(",\"body\":", out);
        gz_json_strn(out, a->body, a->body_len);
    }
    fputs(",\"repairs\":[", out);
    for (i = 0; i < GZ_REPAIR_COUNT; i++)
        if (a->repairs & (1u << i)) {
            fprintf(out, "%s\"%s\"", first ? "" : ",", gz_repair_name(i));
            first = 0;
        }
    fputc(']', out);
    print_entities(out, a);
    print_dates(out, a);
    fputs("}\n", out);
}

static int on_reject(void *ctx, const struct gz_reject *r, struct gz_error *err)
{
    struct extract_ctx *x = ctx;

    (void)err;
    x->rejects++;
    gz_log(GZ_LOG_WARN, "reject", "uri=%s line=%ld reason=%s", gz_q(r->uri), r->line,
           gz_q(r->reason));
    return 0;
}

static int on_article(void *ctx, struct gz_article *a, struct gz_error *err)
{
    struct extract_ctx *x = ctx;
    struct gz_error serr = {0};

    (void)err;
    if (gz_pipeline_process(x->p, a, &serr) < 0) {
        struct gz_reject r = {.uri = a->uri, .line = a->line};

        snprintf(r.reason, sizeof(r.reason), "%s", serr.msg);
        on_reject(ctx, &r, NULL);
    } else {
        gz_article_hash(a);
        if (x->tsv)
            print_tsv(stdout, a);
        else
            print_article(stdout, a, x->no_text);
        x->articles++;
    }
    gz_article_free(a);
    return 0;
}

static struct gz_pipeline *load(const char *path, struct gz_error *err)
{
    return path ? gz_pipeline_load(path, err) : gz_pipeline_default(err);
}

int gz_cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"pipeline", required_argument, NULL, 'p'}, {"format", required_argument, NULL, 'f'},
        {"no-text", no_argument, NULL, 'n'}, {"tsv", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct extract_ctx x = {0};
    struct gz_source_out out = {on_article, on_reject, &x, NULL};
    struct gz_files files = {0};
    struct gz_error err = {0};
    const char *pipeline = NULL, *format = NULL;
    size_t i, unmatched = 0;
    int c, rc = 0;

    while ((c = getopt_long(argc, argv, "p:f:nth", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': pipeline = optarg; break;
        case 'f': format = optarg; break;
        case 'n': x.no_text = 1; break;
        case 't': x.tsv = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return EX_USAGE;
        }
    }
    if (optind >= argc || (format && strcmp(format, "csv") && strcmp(format, "article"))) {
        fputs(usage, stderr);
        return EX_USAGE;
    }
    gz_log_level_from_env();
    if ((x.p = load(pipeline, &err)) == NULL || gz_pipeline_init_stages(x.p, &err) < 0) {
        fprintf(stderr, "gazette: %s\n", err.msg);
        gz_pipeline_free(x.p);
        return err.code ? err.code : EX_CONFIG;
    }
    if (format != NULL)
        x.p->source.format = strcmp(format, "csv") == 0 ? GZ_FORMAT_CSV : GZ_FORMAT_ARTICLE;
    gz_files_expand((const char *const *)argv + optind, (size_t)(argc - optind),
                    x.p->follow_symlinks, &files);
    for (i = 0; i < files.n_problems; i++)
        fprintf(stderr, "gazette: %s: %s\n", files.problems[i].path, files.problems[i].reason);
    for (i = 0; i < files.n_patterns; i++)
        if (files.found[i] == 0) {
            fprintf(stderr, "gazette: %s: matches no file\n", argv[optind + (int)i]);
            unmatched++;
        }
    for (i = 0; i < files.paths.n; i++)
        gz_source_read(files.paths.items[i], &x.p->source, &out, &err);
    fflush(stdout);
    if (files.n_problems > 0)
        rc = EX_NOINPUT;
    gz_files_release(&files);
    gz_pipeline_fini_stages(x.p);
    gz_pipeline_free(x.p);
    if (rc == 0 && (x.rejects > 0 || unmatched > 0))
        rc = EX_DATAERR;
    return rc;
}
