#include "core/strmap.h"

#include <stdint.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"

struct slot {
    char *key;
    void *value;
    uint64_t hash;
};

struct gz_strmap {
    struct slot *slots;
    size_t cap, count;
};

struct gz_strmap *gz_strmap_new(void)
{
    struct gz_strmap *m = gz_xcalloc(1, sizeof(*m));

    m->cap = 64;
    m->slots = gz_xcalloc(m->cap, sizeof(*m->slots));
    return m;
}

static struct slot *find(const struct gz_strmap *m, const char *key, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);

    while (m->slots[i].key != NULL) {
        if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0)
            return &m->slots[i];
        i = (i + 1) & (m->cap - 1);
    }
    return &m->slots[i];
}

static void grow(struct gz_strmap *m)
{
    struct slot *old = m->slots;
    size_t old_cap = m->cap, i;

    m->cap *= 2;
    m->slots = gz_xcalloc(m->cap, sizeof(*m->slots));
    for (i = 0; i < old_cap; i++)
        if (old[i].key != NULL)
            *find(m, old[i].key, old[i].hash) = old[i];
    gz_free(old);
}

void *gz_strmap_put(struct gz_strmap *m, const char *key, void *value)
{
    uint64_t h = gz_hash64(key, strlen(key));
    struct slot *s;
    void *prev;

    if ((m->count + 1) * 4 > m->cap * 3)
        grow(m);
    s = find(m, key, h);
    if (s->key != NULL) {
        prev = s->value;
        s->value = value;
        return prev;
    }
    s->key = gz_xstrdup(key);
    s->hash = h;
    s->value = value;
    m->count++;
    return NULL;
}

void *gz_strmap_get(const struct gz_strmap *m, const char *key)
{
    struct slot *s = find(m, key, gz_hash64(key, strlen(key)));

    return s->key ? s->value : NULL;
}

size_t gz_strmap_count(const struct gz_strmap *m)
{
    return m->count;
}

void gz_strmap_free(struct gz_strmap *m, void (*free_value)(void *))
{
    size_t i;

    if (m == NULL)
        return;
    for (i = 0; i < m->cap; i++)
        if (m->slots[i].key != NULL) {
            gz_free(m->slots[i].key);
            if (free_value != NULL)
                free_value(m->slots[i].value);
        }
    gz_free(m->slots);
    gz_free(m);
}
