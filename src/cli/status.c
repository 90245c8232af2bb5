/*
 * status.c - `gazette status`: the last runs, their counts, the totals of
 * what is loaded and the rejects of the last run; as a table or as JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/json.h"
#include "sinks/bookkeeping.h"

#define TOP_REASONS 10

static const char usage[] =
    "usage: gazette status [--dsn DSN] [--schema NAME] [--limit N] [--json]\n"
    "\n"
    "Print the last N runs (newest first) with their counts, the totals of what\n"
    "is loaded, and the rejects of the newest run grouped by reason.\n"
    "\n"
    "  --dsn DSN      connection; default GAZETTE_DSN, else the PG* variables\n"
    "  --schema NAME  schema to read (default gazette)\n"
    "  --limit N      runs shown, 1 to 10000 (default 10)\n"
    "  --json         one JSON document instead: \"runs\" (objects with every\n"
    "                 column of the runs table, but status as shown below, plus\n"
    "                 status_stored and seconds), \"totals\" (null for a table\n"
    "                 the schema lacks), \"last_run_rejects\" (by_reason, others)\n"
    "\n"
    "Runs: files seen, skipped as unchanged; inputs read; articles loaded,\n"
    "reproc(essed) by --reprocess, dupes (duplicates); reject(ed); outside\n"
    "(published outside --since/--until); secs ('-' until finished; reproc and\n"
    "outside '-' in a schema older than migration 7). Status: ok, rejected\n"
    "(finished with rejects), failed, aborted, running, or dead: 'running' in\n"
    "the table but no session holds the pipeline's lock, so its process is gone\n"
    "(the next run of the pipeline marks it aborted; a run reconnecting after a\n"
    "lost connection may show dead for that moment).\n"
    "\n"
    "Totals are exact row counts (count(*)) of articles, mentions, date\n"
    "mentions, entities, sources (files done: loaded; rejected as a whole) and\n"
    "rejects; '-' for a table the schema does not have yet.\n"
    "\n"
    "Rejects of the newest run: its rejects rows by reason as stored, the 10\n"
    "most frequent, then the rest as others. An input rejected again for the\n"
    "same reason keeps the row of the run that first rejected it: the run\n"
    "counts it in its reject column, but has no row for it.\n"
    "\n"
    "Exit status: 0 ok, 64 bad command line, 69 database unavailable or no\n"
    "gazette tables in the schema, 77 user or password refused, 78 malformed DSN.\n";

static void print_count(const char *label, long n)
{
    if (n < 0)
        printf("  %-18s %10s\n", label, "-");
    else
        printf("  %-18s %10ld\n", label, n);
}

static void print_text(PGresult *runs, const struct gz_status_totals *t, PGresult *reasons,
                       const char *schema)
{
    long others = 0, other_reasons = 0, rows = 0;
    int i;

    printf("%6s  %-16s %-19s %-8s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n", "run", "pipeline",
           "started", "status", "files", "skipped", "read", "loaded", "reproc", "dupes",
           "reject", "outside", "secs");
    for (i = 0; i < PQntuples(runs); i++)
        printf("%6s  %-16s %-19s %-8s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n",
               PQgetvalue(runs, i, 0), PQgetvalue(runs, i, 1), PQgetvalue(runs, i, 2),
               PQgetvalue(runs, i, 3), PQgetvalue(runs, i, 4), PQgetvalue(runs, i, 5),
               PQgetvalue(runs, i, 6), PQgetvalue(runs, i, 7), PQgetvalue(runs, i, 8),
               PQgetvalue(runs, i, 9), PQgetvalue(runs, i, 10), PQgetvalue(runs, i, 11),
               PQgetvalue(runs, i, 12));
    if (PQntuples(runs) == 0)
        printf("(no runs yet in schema %s)\n", schema);
    printf("\ntotals (exact row counts):\n");
    print_count("articles", t->articles);
    print_count("mentions", t->mentions);
    print_count("date mentions", t->date_mentions);
    print_count("entities", t->entities);
    print_count("sources loaded", t->sources_loaded);
    print_count("sources rejected", t->sources_rejected);
    print_count("rejects", t->rejects);
    if (reasons == NULL)
        return;
    for (i = 0; i < PQntuples(reasons); i++)
        rows += atol(PQgetvalue(reasons, i, 1));
    if (rows == 0)
        printf("\nrejects of run %s: no rows", PQgetvalue(runs, 0, 0));
    else
        printf("\nrejects of run %s by reason: %ld row(s)", PQgetvalue(runs, 0, 0), rows);
    if (rows != atol(PQgetvalue(runs, 0, 10)))
        printf(" (the run counted %s; inputs rejected before keep their first run's row)",
               PQgetvalue(runs, 0, 10));
    printf("\n");
    for (i = 0; i < PQntuples(reasons); i++) {
        if (PQgetisnull(reasons, i, 0)) {
            others = atol(PQgetvalue(reasons, i, 1));
            other_reasons = atol(PQgetvalue(reasons, i, 2));
            continue;
        }
        printf("  %8s  %s\n", PQgetvalue(reasons, i, 1), PQgetvalue(reasons, i, 0));
    }
    if (other_reasons > 0)
        printf("  %8ld  (%ld other reasons)\n", others, other_reasons);
}

/* A count as JSON: null for a table the schema does not have. */
static void json_count(const char *key, long n, int last)
{
    printf("\"%s\": ", key);
    if (n < 0)
        printf("null");
    else
        printf("%ld", n);
    printf(last ? "}" : ", ");
}

static void print_json(PGresult *runs, const struct gz_status_totals *t, PGresult *reasons,
                       const char *schema, int have, int want)
{
    long others = 0, other_reasons = 0, rows = 0;
    int i, first = 1;

    printf("{\"schema\": ");
    gz_json_str(stdout, schema);
    printf(", \"schema_version\": %d, \"latest_version\": %d,\n\"runs\": [", have, want);
    for (i = 0; i < PQntuples(runs); i++)
        printf("%s\n  %s", i ? "," : "", PQgetvalue(runs, i, 13));
    printf("%s],\n\"totals\": {\"counted\": \"exact\", ", PQntuples(runs) ? "\n" : "");
    json_count("articles", t->articles, 0);
    json_count("mentions", t->mentions, 0);
    json_count("date_mentions", t->date_mentions, 0);
    json_count("entities", t->entities, 0);
    json_count("sources_loaded", t->sources_loaded, 0);
    json_count("sources_rejected", t->sources_rejected, 0);
    json_count("rejects", t->rejects, 1);
    printf(",\n\"last_run_rejects\": ");
    if (reasons == NULL) {
        printf("null}\n");
        return;
    }
    printf("{\"run_id\": %s, \"rejected\": %s, \"by_reason\": [", PQgetvalue(runs, 0, 0),
           PQgetvalue(runs, 0, 10));
    for (i = 0; i < PQntuples(reasons); i++) {
        rows += atol(PQgetvalue(reasons, i, 1));
        if (PQgetisnull(reasons, i, 0)) {
            others = atol(PQgetvalue(reasons, i, 1));
            other_reasons = atol(PQgetvalue(reasons, i, 2));
            continue;
        }
        printf("%s\n  {\"reason\": ", first ? "" : ",");
        gz_json_str(stdout, PQgetvalue(reasons, i, 0));
        printf(", \"count\": %s}", PQgetvalue(reasons, i, 1));
        first = 0;
    }
    printf("%s], \"others\": {\"reasons\": %ld, \"count\": %ld}, \"rows\": %ld}}\n",
           first ? "" : "\n", other_reasons, others, rows);
}

int gz_cmd_status(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dsn", required_argument, NULL, 'd'}, {"schema", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'n'}, {"json", no_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    const char *dsn = NULL, *schema = "gazette", *limit = "10";
    struct gz_error err = {0};
    struct gz_status_totals totals;
    struct gz_pg *pg;
    PGresult *runs = NULL, *reasons = NULL;
    long n;
    int c, have = 0, want = 0, json = 0;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:s:n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dsn = optarg; break;
        case 's': schema = optarg; break;
        case 'n':
            if (gz_cli_number("status", "--limit", optarg, 1, 10000, &n) < 0)
                return gz_cli_usage_error("status");
            limit = optarg;
            break;
        case 'J': json = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            return gz_cli_bad_option("status", c, optopt, argv, optind);
        }
    }
    if (optind != argc) {
        fprintf(stderr, "gazette status: unexpected argument \"%s\"\n", argv[optind]);
        return gz_cli_usage_error("status");
    }
    if ((pg = gz_pg_connect(dsn, schema, &err)) == NULL
        || gz_pg_schema_version(pg, &have, &want, &err) < 0
        || (have == 0 && gz_fail(&err, EX_UNAVAILABLE, "schema %s has no gazette tables yet "
                                 "(gazette migrate, or a first gazette run, creates them)",
                                 schema) < 0)
        || (runs = gz_runs_recent(pg, limit, &err)) == NULL
        || gz_status_totals(pg, &totals, &err) < 0
        || (PQntuples(runs) > 0
            && (reasons = gz_rejects_by_reason(pg, atoll(PQgetvalue(runs, 0, 0)), TOP_REASONS,
                                               &err)) == NULL)) {
        fprintf(stderr, "gazette: %s\n", err.msg);
        PQclear(runs);
        gz_pg_close(pg);
        return err.code ? err.code : EX_SOFTWARE;
    }
    if (json)
        print_json(runs, &totals, reasons, schema, have, want);
    else
        print_text(runs, &totals, reasons, schema);
    PQclear(reasons);
    PQclear(runs);
    gz_pg_close(pg);
    return 0;
}
