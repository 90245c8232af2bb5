/*
 * migrations.h - the numbered SQL migrations of sql/, compiled in.
 *
 * Each is applied once, in order, in its own transaction, and recorded in
 * <schema>.schema_migrations. The text names the schema "gazette"; it is
 * rewritten to the configured schema when that differs.
 */
#ifndef GZ_MIGRATIONS_H
#define GZ_MIGRATIONS_H

struct gz_migration {
    int         version;
    const char *name;
    const char *sql;
};

extern const struct gz_migration gz_migrations[];   /* ends with version 0 */

#endif
