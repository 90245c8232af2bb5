/*
 * run.c - `gazette run PIPELINE`: the cron job.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/log.h"
#include "run/runner.h"
#include "dates/pubdate.h"

static const char usage[] =
    "usage: gazette run PIPELINE.yaml [--dsn DSN] [--batch N] [--jobs N] [--reprocess]\n"
    "                                 [--since DATE] [--until DATE] [--progress SECS]\n"
    "\n"
    "Read the pipeline's sources, run its stages and load the articles into\n"
    "PostgreSQL. Files already loaded and unchanged (same size and mtime, or\n"
    "same SHA-256) are skipped, so a rerun loads nothing new. Applies pending\n"
    "migrations first. Logs go to stderr as key=value lines.\n"
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
    "  --progress SECS  seconds between progress lines, 1 to 86400 (default 10)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 everything loaded; 65 finished but some inputs were rejected\n"
    "(see gazette.rejects), or stopped at one with on_error: fail; 64 bad command\n"
    "line; 66 a source pattern matched nothing or a directory could not be read\n"
    "(the rest loads; the rejects name them);\n"
    "69 database unavailable (also: no answer within connect_timeout, 10 s by\n"
    "default, or a statement running longer than GAZETTE_STATEMENT_TIMEOUT,\n"
    "600 s by default, after three retries); 75 another run of this pipeline holds the\n"
    "lock; 77 the server refused the user or password (see ~/.pgpass,\n"
    "PGPASSFILE); 78 bad pipeline file, malformed DSN or bad GAZETTE_LOG;\n"
    "70 internal error; 130/143 stopped by SIGINT/SIGTERM (what was read is\n"
    "loaded, the next run carries on).\n";

static int parse_day(const char *s, struct gz_ymd *out)
{
    const char *why = NULL;
    size_t used = 0;

    if (gz_pubdate_parse(s, strlen(s), NULL, out, &used, &why) < 0 || used != strlen(s)) {
        fprintf(stderr, "gazette run: bad date \"%s\": %s (expected YYYY-MM-DD)\n", s,
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

int gz_cmd_run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dsn", required_argument, NULL, 'd'}, {"batch", required_argument, NULL, 'b'},
        {"progress", required_argument, NULL, 'P'}, {"jobs", required_argument, NULL, 'j'},
        {"reprocess", no_argument, NULL, 'R'}, {"since", required_argument, NULL, 'S'},
        {"until", required_argument, NULL, 'U'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct gz_run_opts opts = {0};
    struct gz_run_result result = {0};
    struct gz_error err = {0};
    struct gz_pipeline *p;
    long v;
    int c, rc;

    opts.jobs = default_jobs();
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:b:P:j:h", longopts, NULL)) != -1) {
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
        case 'S':
        case 'U':
            if (parse_day(optarg, c == 'S' ? &opts.since : &opts.until) < 0)
                return gz_cli_usage_error("run");
            break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            return gz_cli_bad_option("run", c, optopt, argv, optind);
        }
    }
    if (optind != argc - 1) {
        if (optind == argc)
            fputs("gazette run: no pipeline file given\n", stderr);
        else
            fprintf(stderr, "gazette run: one pipeline file expected, got \"%s\" too\n",
                    argv[optind + 1]);
        return gz_cli_usage_error("run");
    }
    gz_log_level_from_env();
    p = gz_pipeline_load(argv[optind], &err);
    if (p == NULL || gz_pipeline_init_stages(p, &err) < 0) {
        fprintf(stderr, "gazette: %s\n", err.msg);
        gz_pipeline_free(p);
        return err.code ? err.code : EX_CONFIG;
    }
    rc = gz_run(p, &opts, &result, &err);
    if (rc < 0) {
        gz_log(GZ_LOG_ERROR, "run_failed", "pipeline=%s code=%d message=%s", gz_q(p->name),
               err.code, gz_q(err.msg));
        rc = err.code ? err.code : EX_SOFTWARE;
    }
    gz_pipeline_fini_stages(p);
    gz_pipeline_free(p);
    return rc;
}
