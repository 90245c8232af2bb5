/*
 * fuzz_names.c - libFuzzer harness for entity names: the input, split at
 * newlines into "TYPE surface" mentions, goes through the display name, the
 * matching key and in-document linking with the shipped gazetteers; its
 * second half as a name, the first as the words before it.
 *
 *   make fuzz FUZZ_SECONDS=60      (seeds in tests/fuzz/corpus/names)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/mem.h"
#include "names/aliases.h"
#include "names/canonical.h"
#include "names/coref.h"
#include "names/countries.h"
#include "names/role.h"

#define MAX_MENTIONS 64

static const char *const types[] = { "PERSON", "ORG", "LOC", "MISC", "MONEY" };

static struct gz_names *names(void)
{
    static struct gz_names n;
    static struct gz_countries *c;
    static struct gz_aliases *a;
    struct gz_error err = {0};

    if (c == NULL) {
        if (gz_countries_load("fixtures/gazetteers/countries.csv", &c, &err) < 0 &&
            gz_countries_load(NULL, &c, &err) < 0)
            abort();
        a = gz_aliases_new();
        gz_aliases_load(a, "fixtures/gazetteers/aliases.csv", &err);
        n.countries = c;
        n.aliases = a;
    }
    return &n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gz_arena *arena = gz_arena_new();
    struct gz_mention m[MAX_MENTIONS];
    struct gz_doc_entities de;
    const char *p = (const char *)data, *end = p + size;
    char buf[GZ_NAME_BUF], key[GZ_NAME_BUF];
    struct gz_name nm;
    size_t n = 0;

    while (p < end && n < MAX_MENTIONS) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)((nl ? nl : end) - p);

        memset(&m[n], 0, sizeof(m[n]));
        m[n].type = types[len % 5];
        m[n].surface = gz_arena_strndup(arena, p, len);
        m[n].entity = -1;
        if (gz_name_canonical(p, len, m[n].type, names()->countries, buf, sizeof(buf), &nm) == 0)
            gz_name_key(nm.name, nm.name_len, m[n].type, key, sizeof(key));
        n++;
        p = nl ? nl + 1 : end;
    }
    gz_coref_article(m, n, names(), arena, &de);
    if (size > 1)
        gz_name_role_before((const char *)data, size / 2, size - size / 2, names()->countries,
                            buf, sizeof(buf));
    gz_arena_free(arena);
    return 0;
}
