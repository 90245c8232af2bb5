/*
 * migrate.c - `gazette migrate`: create or upgrade the schema.
 */
#include <getopt.h>
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/log.h"
#include "sinks/pg.h"

static const char usage[] =
    "usage: gazette migrate [--dsn DSN] [--schema NAME] [--status]\n"
    "\n"
    "Apply the numbered migrations this gazette carries (sql/NNN_*.sql) that the\n"
    "database has not seen yet, each in its own transaction, recorded in\n"
    "SCHEMA.schema_migrations. Safe to run at any time.\n"
    "\n"
    "  --dsn DSN      connection; default GAZETTE_DSN, else the PG* variables\n"
    "  --schema NAME  schema to create/upgrade (default gazette)\n"
    "  --status       print the applied and the latest version, change nothing\n"
    "\n"
    "Exit status: 0 ok, 64 bad command line, 69 database unavailable, 77 user or\n"
    "password refused, 78 malformed DSN.\n";

int gz_cmd_migrate(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dsn", required_argument, NULL, 'd'}, {"schema", required_argument, NULL, 's'},
        {"status", no_argument, NULL, 'S'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *dsn = NULL, *schema = "gazette";
    struct gz_error err = {0};
    struct gz_pg *pg;
    int c, applied = 0, status_only = 0, have, want, rc = 0;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:s:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dsn = optarg; break;
        case 's': schema = optarg; break;
        case 'S': status_only = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            return gz_cli_bad_option("migrate", c, optopt, argv, optind);
        }
    }
    if (optind != argc) {
        fprintf(stderr, "gazette migrate: unexpected argument \"%s\"\n", argv[optind]);
        return gz_cli_usage_error("migrate");
    }
    gz_log_level_from_env();
    if ((pg = gz_pg_connect(dsn, schema, &err)) == NULL)
        goto fail;
    if (status_only) {
        if (gz_pg_schema_version(pg, &have, &want, &err) < 0)
            goto fail;
        printf("schema %s: version %d applied, %d available\n", schema, have, want);
    } else {
        if (gz_pg_migrate(pg, &applied, &err) < 0)
            goto fail;
        gz_log(GZ_LOG_INFO, "migrate_done", "schema=%s applied=%d", gz_q(schema), applied);
    }
    gz_pg_close(pg);
    return 0;
fail:
    fprintf(stderr, "gazette: %s\n", err.msg);
    gz_pg_close(pg);
    rc = err.code ? err.code : EX_SOFTWARE;
    return rc;
}
