/*
 * gztest.h - helpers shared by the Criterion suites: run the gazette
 * binary, write pipeline files, and query the test database.
 *
 * Integration suites talk to a real PostgreSQL: the one in the PG*
 * variables that scripts/run-tests exports (a throwaway cluster), or
 * GAZETTE_TEST_DSN. Each test uses its own schema so suites can run in
 * parallel.
 */
#ifndef GZTEST_H
#define GZTEST_H

#include <libpq-fe.h>

/* Result of running the binary: exit code (128+N when killed by signal N)
 * and what it wrote on stderr/stdout (malloc'd, NUL-terminated). */
struct gzt_proc {
    int   status;
    char *out;
    char *err;
};

/* Run $GAZETTE_BIN (default build/gazette) with the NULL-terminated args;
 * env_extra ("NAME=value" or NULL) is added to the environment. */
struct gzt_proc gzt_run(const char *env_extra, const char *stdin_text, ...);
/* The same without the capabilities that let root read any file. */
struct gzt_proc gzt_run_unprivileged(const char *env_extra, const char *stdin_text, ...);
void gzt_proc_free(struct gzt_proc *p);

/* The same without waiting: start the binary, then collect its result
 * with gzt_wait (which frees the handle). For runs that must overlap. */
struct gzt_child;
struct gzt_child *gzt_start(const char *env_extra, const char *stdin_text, ...);
struct gzt_proc gzt_wait(struct gzt_child *c);
/* Send signal sig to a started binary (before gzt_wait). */
void gzt_signal(struct gzt_child *c, int sig);

/* A new temporary directory (removed by gzt_cleanup). */
const char *gzt_tmpdir(void);
void gzt_cleanup(void);

/* Write text to DIR/name, return the path (static buffer per call site is
 * not kept: the result is malloc'd). */
char *gzt_write(const char *dir, const char *name, const char *text);

/* Absolute path of a file in the repository (tests run from its root). */
char *gzt_repo_path(const char *rel);

/* Connection for checks; the DSN comes from GAZETTE_TEST_DSN or PG*. */
PGconn *gzt_db(void);
/* First column of the first row of a query, as a long (-1 on error). */
long gzt_long(PGconn *db, const char *sql);
/* First value as text (malloc'd) or NULL. */
char *gzt_text(PGconn *db, const char *sql);
/* A connection for the whole suite: TestSuite(x, .init = gzt_suite_init,
 * .fini = gzt_suite_fini) and use gzt_suite_db. */
extern PGconn *gzt_suite_db;
void gzt_suite_init(void);
void gzt_suite_fini(void);

/* sql with every "@S" replaced by schema (malloc'd). */
char *gzt_in_schema(const char *sql, const char *schema);
/* gzt_long / gzt_text on the suite's connection of sql in schema (@S). */
long gzt_schema_long(const char *schema, const char *sql);
char *gzt_schema_text(const char *schema, const char *sql);

/* The YAML flow list ["/abs/path"] of a file or folder of the repository. */
char *gzt_fixture_list(const char *rel);

/* Drop the schema if it exists. */
void gzt_drop_schema(PGconn *db, const char *schema);

/* A pipeline file in a temp dir loading `files` (YAML list body) into
 * schema; extra is appended under the top level (may be ""). */
char *gzt_pipeline(const char *name, const char *schema, const char *files,
                   const char *format, const char *extra);


/* One flat JSON object (a JSON log line): its members, in order. Values
 * are strings (unescaped), numbers (their text), true, false or null;
 * nested objects and arrays are not parsed. */
struct gzt_json_field {
    char *key;
    char *value;            /* the unescaped string, or the literal text */
    int   is_string;
};
/* Parse line (one object, blanks and a final newline allowed) into fields
 * (up to max): the count, or -1 when it is not such an object. Free the
 * fields with gzt_json_free. */
int gzt_json_object(const char *line, struct gzt_json_field *fields, int max);
void gzt_json_free(struct gzt_json_field *fields, int n);
/* The field named key, or NULL. */
const struct gzt_json_field *gzt_json_get(const struct gzt_json_field *fields, int n,
                                          const char *key);

#endif
