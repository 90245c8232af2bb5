/*
 * countries.c - the country table: iso-codes' names plus the gazetteer CSV,
 * two hash maps (key -> country, code -> country) built once and read-only
 * afterwards.
 */
#include "names/countries.h"

#include <string.h>

#include "core/mem.h"
#include "core/strmap.h"
#include "names/canonical.h"
#include "names/csvfile.h"

struct hit {
    struct gz_country   *country;
    enum gz_country_kind kind;
    long                 line;          /* CSV line; 0 for iso-codes */
};

struct gz_countries {
    struct gz_arena  *arena;
    struct gz_strmap *by_key;           /* key -> struct hit */
    struct gz_strmap *by_code;          /* code -> struct gz_country */
};

static struct gz_country *add_code(struct gz_countries *c, const char *code, const char *name)
{
    struct gz_country *k = gz_strmap_get(c->by_code, code);

    if (k == NULL) {
        k = gz_arena_alloc(c->arena, sizeof(*k));
        k->code = gz_arena_strdup(c->arena, code);
        gz_strmap_put(c->by_code, code, k);
    }
    k->name = gz_arena_strdup(c->arena, name);
    return k;
}

/* Add name's key for country; iso-codes' keys never replace one another,
 * the CSV's replace iso-codes' and fail on one another. */
static int add_key(struct gz_countries *c, const char *name, struct gz_country *k,
                   enum gz_country_kind kind, long line, struct gz_error *err)
{
    char key[GZ_NAME_BUF];
    struct hit *h;
    int n = gz_name_key(name, strlen(name), "LOC", key, sizeof key);

    if (n <= 0)
        return gz_fail(err, EX_DATAERR, "alias \"%s\" has no letters or digits", name);
    h = gz_strmap_get(c->by_key, key);
    if (h != NULL) {
        if (line == 0 || h->country == k)
            return 0;
        if (h->line != 0)
            return gz_fail(err, EX_DATAERR, "\"%s\" already names %s (line %ld)", name,
                           h->country->code, h->line);
    } else {
        h = gz_arena_alloc(c->arena, sizeof(*h));
        gz_strmap_put(c->by_key, key, h);
    }
    h->country = k;
    h->kind = kind;
    h->line = line;
    return 0;
}

/* "Korea, Republic of" -> "Republic of Korea"; NULL when not of that form. */
static const char *inverted(struct gz_arena *a, const char *name)
{
    const char *comma = strstr(name, ", ");
    size_t n = strlen(name);

    if (comma == NULL || !((n > 3 && strcmp(name + n - 3, " of") == 0) ||
                           (n > 7 && strcmp(name + n - 7, " of the") == 0)))
        return NULL;
    return gz_arena_printf(a, "%s %.*s", comma + 2, (int)(comma - name), name);
}

static int load_iso(struct gz_countries *c)
{
    size_t i;

    for (i = 0; i < gz_iso_countries_count; i++) {
        const struct gz_iso_country *e = &gz_iso_countries[i];
        const char *names[4] = {e->name, e->common_name, e->official_name,
                                inverted(c->arena, e->name)};
        struct gz_country *k = add_code(c, e->alpha2, e->common_name ? e->common_name : e->name);
        int j;

        for (j = 0; j < 4; j++)
            if (names[j] != NULL)
                add_key(c, names[j], k, GZ_COUNTRY_NAME, 0, NULL);
    }
    return 0;
}

static int csv_row(void *ctx, char **f, long line, struct gz_error *err)
{
    static const char *const kinds[] = {"display", "short", "demonym", "historical"};
    struct gz_countries *c = ctx;
    struct gz_country *k;
    int kind;

    for (kind = 0; kind < 4 && strcmp(f[0], kinds[kind]) != 0; kind++)
        ;
    if (kind == 4)
        return gz_fail(err, EX_DATAERR,
                       "unknown kind \"%s\" (expected display, short, demonym or historical)", f[0]);
    if (f[1][0] == '\0')
        return gz_fail(err, EX_DATAERR, "empty alias");
    if (!(strlen(f[2]) == 2 && f[2][0] >= 'A' && f[2][0] <= 'Z' && f[2][1] >= 'A' && f[2][1] <= 'Z'))
        return gz_fail(err, EX_DATAERR, "\"%s\" is not a two-letter country code", f[2]);
    if (kind == 0)
        k = add_code(c, f[2], f[1]);
    else if ((k = gz_strmap_get(c->by_code, f[2])) == NULL)
        return gz_fail(err, EX_DATAERR,
                       "unknown country code \"%s\"\nhint: a code outside ISO 3166-1 needs a "
                       "display row before its other rows", f[2]);
    return add_key(c, f[1], k, (enum gz_country_kind)kind, line, err);
}

int gz_countries_load(const char *csv_path, struct gz_countries **out, struct gz_error *err)
{
    struct gz_countries *c = gz_xcalloc(1, sizeof(*c));

    c->arena = gz_arena_new();
    c->by_key = gz_strmap_new();
    c->by_code = gz_strmap_new();
    load_iso(c);
    if (csv_path != NULL && gz_csvfile_read(csv_path, "kind,alias,code", csv_row, c, err) < 0) {
        gz_countries_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

/* "omani" -> Oman, "azerbaijani" -> Azerbaijan: the regular demonym of a
 * name ending in a consonant is the name and "i" (Iraqi, Israeli, Kuwaiti,
 * Qatari, Pakistani, Bangladeshi, Nepali ...). Only a country's name or
 * short form of four letters or more is extended, so that no demonym
 * comes from another demonym or from a code. */
static const struct hit *regular_demonym(const struct gz_countries *c, const char *key)
{
    char base[64];
    size_t n = strlen(key);
    const struct hit *h;

    if (n < 5 || n > sizeof(base) || key[n - 1] != 'i' || strchr("aeiouy ", key[n - 2]))
        return NULL;
    memcpy(base, key, n - 1);
    base[n - 1] = '\0';
    h = gz_strmap_get(c->by_key, base);
    if (h == NULL || (h->kind != GZ_COUNTRY_NAME && h->kind != GZ_COUNTRY_SHORT))
        return NULL;
    return h;
}

const struct gz_country *gz_countries_find(const struct gz_countries *c, const char *key,
                                           enum gz_country_kind *kind)
{
    const struct hit *h = gz_strmap_get(c->by_key, key);

    if (h == NULL && (h = regular_demonym(c, key)) != NULL) {
        if (kind != NULL)
            *kind = GZ_COUNTRY_DEMONYM;
        return h->country;
    }
    if (h == NULL)
        return NULL;
    if (kind != NULL)
        *kind = h->kind;
    return h->country;
}

const struct gz_country *gz_countries_by_code(const struct gz_countries *c, const char *code)
{
    return gz_strmap_get(c->by_code, code);
}

size_t gz_countries_count(const struct gz_countries *c)
{
    return gz_strmap_count(c->by_code);
}

size_t gz_countries_keys(const struct gz_countries *c)
{
    return gz_strmap_count(c->by_key);
}

void gz_countries_free(struct gz_countries *c)
{
    if (c == NULL)
        return;
    gz_strmap_free(c->by_key, NULL);
    gz_strmap_free(c->by_code, NULL);
    gz_arena_free(c->arena);
    gz_free(c);
}
