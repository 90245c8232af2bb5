/*
 * reporting.c - refresh the materialised reporting views.
 */
#include "sinks/reporting.h"

int gz_reporting_refresh(struct gz_pg *pg, struct gz_error *err)
{
    if (gz_pg_exec(pg, "REFRESH MATERIALIZED VIEW CONCURRENTLY @S.co_mention_pairs", err) < 0) {
        gz_error_prefix(err, "refresh of co_mentions");
        return -1;
    }
    return 0;
}
