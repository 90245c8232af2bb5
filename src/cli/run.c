/*
 * run.c - `gazette run PIPELINE`: the cron job.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/cli.h"
#include "core/log.h"
#include "run/metrics.h"
#include "run/runner.h"
#include "dates/pubdate.h"

static const char usage[] =
    "usage: gazette [-q | -v] [--log-format F] run PIPELINE.yaml [--dsn DSN] [--batch N]\n"
    "           [--jobs N] [--reprocess] [--since DATE] [--until DATE] [--progress SECS]\n"
    "           [--metrics-file PATH] [-q | -v] [--log-format logfmt|json]\n"
    "           [--shard K/N|auto]\n"
    "           [--dry-run]\n"
    "\n"
    "Read the pipeline's sources, run its stages and load the articles into\n"
    "PostgreSQL. Files already loaded and unchanged (same size and mtime, or\n"
    "same SHA-256) are skipped, so a rerun loads nothing new. Applies pending\n"
    "migrations first. Logs go to stderr as key=value lines (or JSON lines).\n"
    "On a terminal a status line shows how far the run is, and a summary table\n"
    "follows the end; elsewhere (cron) a progress line is logged every SECS.\n"
    "\n"
    "  --dsn DSN        connection (URI or conninfo); default: the pipeline's\n"
    "                   sink.postgres.dsn, else GAZETTE_DSN, else the PG* variables\n"
    "  --batch N        articles per transaction, 1 to 100000 (default: the\n"
    "                   pipeline's, 500)\n"
    "  -j, --jobs N     threads running the stages, 1 to 256 (default: the CPUs,\n"
    "                   at most 8); one connection loads, in input order\n"
    "  --reprocess      read every input again, unchanged or not, and replace the\n"
    "                   entity and date mentions of articles already loaded (after\n"
    "                   a new model or new rules); articles themselves load once\n"
    "  --since DATE, --until DATE\n"
    "                   load only articles published in that window (inclusive,\n"
    "                   YYYY-MM-DD); a windowed run reads every input and marks\n"
    "                   none done, since it does not load all they hold\n"
    "  --shard K/N      load only shard K of N (1 <= K <= N): the article files,\n"
    "                   or the CSV rows, whose path (and row number) hash to it;\n"
    "                   N processes on any machines split one backfill without\n"
    "                   talking to each other. A shard locks and records its runs\n"
    "                   as PIPELINE:K/N. auto: K/N from GAZETTE_SHARD, Slurm\n"
    "                   (SLURM_ARRAY_TASK_ID/_COUNT) or Kubernetes\n"
    "                   (JOB_COMPLETION_INDEX with GAZETTE_SHARD_COUNT)\n"
    "  --progress SECS  seconds between event=progress log lines when stderr is\n"
    "                   no terminal, 1 to 86400 (default 10); GAZETTE_PROGRESS=tty\n"
    "                   draws the status line anyway, =off never\n"
    "  --metrics-file PATH\n"
    "                   at the end, whatever the exit, write the run's figures\n"
    "                   for Prometheus (node_exporter textfile collector) to PATH,\n"
    "                   atomically; gazette_last_success_timestamp_seconds moves\n"
    "                   only on exit 0\n"
    "  -q, --quiet      log warnings and errors only; no status line\n"
    "  -v, --verbose    log debug lines too\n"
    "  --log-format F   logfmt (default) or json: one JSON object per line, also\n"
    "                   for errors in the pipeline file; no status line\n"
    "                   (-q, -v and --log-format are also global options, before\n"
    "                   `run`; they override GAZETTE_LOG and GAZETTE_LOG_FORMAT)\n"
    "  --dry-run        read the inputs and run the stages, but write nothing: no\n"
    "                   migration, lock, runs, sources, articles or rejects rows.\n"
    "                   The database is asked which files are done, which\n"
    "                   articles it has and whether a run holds the lock; prints\n"
    "                   on stdout what a run would do (files, skipped, read,\n"
    "                   would load, duplicates, rejects by reason), logs run_done\n"
    "                   with dry_run=1, and exits as the run would (0, 65, 66;\n"
    "                   69/77/78 when it cannot connect; never 75)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 everything loaded; 65 finished but some inputs were rejected\n"
    "(see gazette.rejects), or stopped at one with on_error: fail; 64 bad command\n"
    "line; 66 a source pattern matched nothing or a directory could not be read\n"
    "(the rest loads; the rejects name them);\n"
    "69 database unavailable after the retries of the pipeline's retry: policy\n"
    "(default: 12 attempts, waits of 0.5 s doubling up to 15 s, with jitter: 60 to\n"
    "120 s in all; also: too many connections, no answer within connect_timeout,\n"
    "10 s unless the DSN, PGCONNECT_TIMEOUT or the service file sets one, or a\n"
    "statement running longer than GAZETTE_STATEMENT_TIMEOUT, 600 s by default);\n"
    "74 the database server is out of disk space or memory (SQLSTATE class 53\n"
    "but 53300; the batch is rolled back, the next run carries on);\n"
    "75 another run of this pipeline holds the lock (waited for 5 s), or a\n"
    "serialization failure or deadlock outlasted the retries; 77 the server\n"
    "refused the user or password (see ~/.pgpass, PGPASSFILE); 78 bad pipeline\n"
    "file, malformed DSN or service file, bad GAZETTE_LOG, GAZETTE_LOG_FORMAT\n"
    "or GAZETTE_PROGRESS; 73 the metrics file's directory is not writable\n"
    "(checked before the run); 70 internal error; 130/143 stopped by\n"
    "SIGINT/SIGTERM (what was read is loaded, the next run carries on).\n"
    "--metrics-file PATH is written on every exit once the command line,\n"
    "GAZETTE_LOG and GAZETTE_LOG_FORMAT were accepted.\n";

static int parse_day(const char *s, struct gz_ymd *out)
{
    const char *why = NULL;
    size_t used = 0;

    if (gz_pubdate_parse(s, strlen(s), NULL, out, &used, &why) < 0 || used != strlen(s)) {
        gz_cli_error("run", "bad date \"%s\": %s (expected YYYY-MM-DD)", s,
                     why ? why : "unrecognised date");
        return -1;
    }
    return 0;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* --log-format anywhere in argv, applied before the other options are
 * read, so that a usage error is already in the format asked for. */
static int early_log_format(int argc, char **argv)
{
    enum gz_log_format f;
    int i;

    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *v = strncmp(argv[i], "--log-format=", 13) == 0 ? argv[i] + 13
                        : strcmp(argv[i], "--log-format") == 0 && i + 1 < argc ? argv[i + 1]
                        : NULL;

        if (v == NULL)
            continue;
        if (gz_log_format_parse(v, &f) < 0) {
            gz_cli_error("run", "invalid value \"%s\" for --log-format: expected logfmt or json",
                         v);
            return -1;
        }
        gz_log_set_format(f);
    }
    return 0;
}

static int progress_mode(enum gz_progress_mode *mode)
{
    const char *v = getenv("GAZETTE_PROGRESS");
    struct gz_error err = {0};

    *mode = GZ_PROGRESS_AUTO;
    if (v == NULL || *v == '\0' || gz_progress_mode_parse(v, mode) == 0)
        return 0;
    gz_fail(&err, EX_CONFIG, "invalid GAZETTE_PROGRESS \"%s\": expected auto, tty or off", v);
    return gz_cli_fail(&err);
}

/* --metrics-file: the run's figures, whatever its exit code. */
static void write_metrics(const char *path, const char *file, const struct gz_pipeline *p,
                          const struct gz_run_result *result, int started, int rc)
{
    struct gz_metrics m = {
        .pipeline = p != NULL ? p->name : NULL, .file_hint = file, .p = p,
        .counts = started ? &result->counts : NULL, .outside = result->counts.outside,
        .seconds = result->seconds, .exit_code = rc,
    };
    struct gz_error err = {0};

    if (path != NULL && gz_metrics_write(path, &m, &err) < 0)
        gz_log(GZ_LOG_ERROR, "metrics_failed", "path=%s message=%s", gz_q(path), gz_q(err.msg));
}

/* --dry-run: what the run would have done, on stdout. */
static void print_dry_run(const struct gz_pipeline *p, const struct gz_run_result *res)
{
    const struct gz_run_counts *c = &res->counts;
    long others = 0;
    size_t i;

    printf("dry run of pipeline %s: nothing was written\n", p->name);
    if (res->schema_version == 0)
        printf("schema %s: none yet (a run would create it)\n", p->schema);
    else if (res->pending_migrations > 0)
        printf("schema %s: version %d (a run would apply %d migration(s) first)\n", p->schema,
               res->schema_version, res->pending_migrations);
    else
        printf("schema %s: version %d, up to date\n", p->schema, res->schema_version);
    if (res->lock_held)
        printf("pipeline lock: held by a run in progress (a real run now would exit 75)\n");
    printf("  files          %8ld\n", c->files_seen);
    printf("  skipped        %8ld   unchanged since loaded\n", c->files_skipped);
    printf("  read           %8ld   articles and rejected inputs\n", c->read);
    printf("  would load     %8ld   new articles\n", c->loaded);
    if (c->reprocessed > 0)
        printf("  reprocessed    %8ld   already loaded, mentions and dates replaced\n",
               c->reprocessed);
    printf("  duplicates     %8ld   same text in this run or already loaded\n", c->duplicates);
    printf("  rejected       %8ld\n", c->rejected);
    if (c->outside > 0)
        printf("  outside        %8ld   published outside --since/--until\n", c->outside);
    printf("  status         %8s\n", res->status);
    for (i = 0; i < res->n_reasons; i++) {
        if (i == 0)
            printf("rejects by reason:\n");
        if (i < 10)
            printf("  %8ld  %s\n", res->reasons[i].count, res->reasons[i].reason);
        else
            others += res->reasons[i].count;
    }
    if (res->n_reasons > 10)
        printf("  %8ld  (%zu other reasons)\n", others, res->n_reasons - 10);
}

/* A run frees a batch's buffers every batch. glibc raises its threshold
 * for mmap to the largest block freed so far, so that later blocks up to
 * that size come from the heap and leave holes in it; a fixed threshold
 * gives every block of 128 kB and more back to the system when it is
 * freed (docs/BENCHMARKS.md, "Where a run's memory went"). */
static void fixed_mmap_threshold(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

int gz_cmd_run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dsn", required_argument, NULL, 'd'}, {"batch", required_argument, NULL, 'b'},
        {"progress", required_argument, NULL, 'P'}, {"jobs", required_argument, NULL, 'j'},
        {"reprocess", no_argument, NULL, 'R'}, {"since", required_argument, NULL, 'S'},
        {"until", required_argument, NULL, 'U'}, {"help", no_argument, NULL, 'h'},
        {"metrics-file", required_argument, NULL, 'M'}, {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'}, {"log-format", required_argument, NULL, 'F'},
        {"shard", required_argument, NULL, 'K'},
        {"dry-run", no_argument, NULL, 'D'},
        {NULL, 0, NULL, 0},
    };
    const char *metrics = NULL;
    struct gz_run_opts opts = {0};
    struct gz_run_result result = {0};
    struct gz_error err = {0};
    struct gz_pipeline *p;
    long v;
    int c, rc;

    fixed_mmap_threshold();
    opts.jobs = default_jobs();
    if (early_log_format(argc, argv) < 0)
        return gz_cli_usage_error("run");
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:b:P:j:hqv", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': opts.dsn = optarg; break;
        case 'b':
            if (gz_cli_number("run", "--batch", optarg, 1, 100000, &v) < 0)
                return gz_cli_usage_error("run");
            opts.batch = v;
            break;
        case 'P':
            if (gz_cli_number("run", "--progress", optarg, 1, 86400, &v) < 0)
                return gz_cli_usage_error("run");
            opts.progress_secs = (int)v;
            break;
        case 'j':
            if (gz_cli_number("run", "--jobs", optarg, 1, 256, &v) < 0)
                return gz_cli_usage_error("run");
            opts.jobs = (int)v;
            break;
        case 'R': opts.reprocess = 1; break;
        case 'D': opts.dry_run = 1; break;
        case 'S':
        case 'U':
            if (parse_day(optarg, c == 'S' ? &opts.since : &opts.until) < 0)
                return gz_cli_usage_error("run");
            break;
        case 'M': metrics = optarg; break;
        case 'q': gz_log_set_level(GZ_LOG_WARN); break;
        case 'v': gz_log_set_level(GZ_LOG_DEBUG); break;
        case 'F': break;                /* early_log_format */
        case 'K':
            if (gz_shard_parse(optarg, &opts.shard, &err) < 0) {
                gz_cli_error("run", "%s", err.msg);
                return gz_cli_usage_error("run");
            }
            break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            return gz_cli_bad_option("run", c, optopt, argv, optind);
        }
    }
    if (optind != argc - 1) {
        if (optind == argc)
            gz_cli_error("run", "no pipeline file given");
        else
            gz_cli_error("run", "one pipeline file expected, got \"%s\" too", argv[optind + 1]);
        return gz_cli_usage_error("run");
    }
    gz_log_level_from_env();
    if (metrics != NULL && gz_metrics_check_path(metrics, &err) < 0)
        return gz_cli_fail(&err);
    if ((rc = progress_mode(&opts.progress_mode)) != 0) {
        write_metrics(metrics, argv[optind], NULL, &result, 0, rc);
        return rc;
    }
    p = gz_pipeline_load(argv[optind], &err);
    if (p == NULL || gz_pipeline_init_stages(p, &err) < 0) {
        rc = gz_cli_fail(&err);
        write_metrics(metrics, argv[optind], p, &result, 0, rc);
        gz_pipeline_free(p);
        return rc;
    }
    rc = gz_run(p, &opts, &result, &err);
    if (rc >= 0 && opts.dry_run)
        print_dry_run(p, &result);
    gz_run_result_release(&result);
    if (rc < 0) {
        gz_log(GZ_LOG_ERROR, "run_failed", "pipeline=%s code=%d message=%s", gz_q(p->name),
               err.code, gz_q(err.msg));
        rc = err.code ? err.code : EX_SOFTWARE;
    }
    if (!opts.dry_run)                  /* it loaded nothing: no success to report */
        write_metrics(metrics, argv[optind], p, &result, 1, rc);
    gz_pipeline_fini_stages(p);
    gz_pipeline_free(p);
    return rc;
}
