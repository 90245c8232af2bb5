/*
 * status.c - `gazette status`: the last runs, their counts and rejects.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "sinks/bookkeeping.h"

static const char usage[] =
    "usage: gazette status [--dsn DSN] [--schema NAME] [--limit N]\n"
    "                      (N: runs shown, 1 to 10000, default 10)\n"
    "\n"
    "Print the last runs (newest first) with their counts, and the totals of\n"
    "what is loaded.\n";

int gz_cmd_status(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dsn", required_argument, NULL, 'd'}, {"schema", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'n'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *dsn = NULL, *schema = "gazette", *limit = "10";
    struct gz_error err = {0};
    struct gz_pg *pg;
    PGresult *res = NULL;
    long n;
    int c, i, have = 0, want = 0;

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
        || (res = gz_runs_recent(pg, limit, &err)) == NULL) {
        fprintf(stderr, "gazette: %s\n", err.msg);
        gz_pg_close(pg);
        return err.code ? err.code : EX_SOFTWARE;
    }
    printf("%6s  %-16s %-19s %-8s %7s %7s %7s %7s %7s %7s %7s\n", "run", "pipeline", "started",
           "status", "files", "skipped", "read", "loaded", "dupes", "reject", "secs");
    for (i = 0; i < PQntuples(res); i++)
        printf("%6s  %-16s %-19s %-8s %7s %7s %7s %7s %7s %7s %7s\n", PQgetvalue(res, i, 0),
               PQgetvalue(res, i, 1), PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
               PQgetvalue(res, i, 4), PQgetvalue(res, i, 5), PQgetvalue(res, i, 6),
               PQgetvalue(res, i, 7), PQgetvalue(res, i, 8), PQgetvalue(res, i, 9),
               PQgetvalue(res, i, 10));
    PQclear(res);
    gz_pg_close(pg);
    return 0;
}
