/*
 * direct.c - the derived rows of newly inserted articles, straight into
 * their tables.
 */
#include "sinks/direct.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/fault.h"
#include "core/mem.h"
#include "sinks/copy.h"

/* A linked entity of one seq, for grouping by (kind, key). */
struct key_ref {
    const struct gz_entity *e;
    size_t seq, idx;
    size_t slot;                /* in entity_of */
};

/* A mention or date of some seq of an article, for one row per span. */
struct span {
    const void *row;
    size_t      seq;
    int         in_title;
    int64_t     start, end;
};

/* A new article's distinct linked entities, two or more: their ranks in
 * the batch's entity ids (ranks[at .. at + n), ascending), and the article
 * (its first index in fresh, for the date). */
struct pair_art {
    size_t at, n, f;
};

/* The second entity of a pair (by rank) and the article naming both; the
 * first is the bucket it is in. */
struct pair_end {
    uint32_t b, f;
};

struct alias_ref {
    int64_t     entity_id;
    const char *surface;
};

/* What the batch's new articles need while they are written. */
struct direct {
    const struct gz_load_rows *rows;
    struct gz_fresh *fresh;     /* by (id, seq) */
    size_t         n_fresh;
    size_t        *base;        /* per seq: first slot of its entities */
    int64_t       *entity_of;   /* per slot: entity_id, 0 for none */
    size_t         n_slots;
    struct key_ref *refs;
    size_t         n_refs;
    size_t        *group;       /* per ref: its key's number */
    size_t         n_keys;
    int64_t       *new_ids;     /* entity ids this batch inserted, sorted */
    size_t         n_new_ids;
    struct alias_ref *aliases;
    size_t         n_aliases, cap_aliases;
    int64_t       *key_ids;     /* the keys' entity ids, ascending: a pair's
                                   entities by rank (uint32: a batch holds
                                   fewer than 4 G keys and articles) */
    unsigned char *key_new;     /* per rank: the batch inserted that entity */
    uint32_t      *ranks;
    size_t         n_ranks;
    struct pair_art *arts;
    size_t         n_arts;
    size_t         n_pairs, max_pairs;  /* counted here if n_pairs <= max_pairs */
};

const struct gz_entity *gz_loaded_entity(const struct gz_article *a, const struct gz_mention *m)
{
    const struct gz_entity *e;

    if (m->entity < 0 || (size_t)m->entity >= a->n_entities)
        return NULL;
    e = &a->entities[m->entity];
    if (e->ambiguous || e->kind == NULL || e->key == NULL || e->canonical == NULL)
        return NULL;
    return e;
}

/* qsort, which must not be given a NULL array even with nothing in it. */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

static int cmp_int64(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_size(size_t a, size_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_fresh(const void *pa, const void *pb)
{
    const struct gz_fresh *a = pa, *b = pb;

    return cmp_int64(a->id, b->id) ? cmp_int64(a->id, b->id) : cmp_size(a->seq, b->seq);
}

static int cmp_key(const struct gz_entity *a, const struct gz_entity *b)
{
    int c = strcmp(a->kind, b->kind);

    return c ? c : strcmp(a->key, b->key);
}

static int cmp_ref(const void *pa, const void *pb)
{
    const struct key_ref *a = pa, *b = pb;
    int c = cmp_key(a->e, b->e);

    if (c == 0)
        c = cmp_size(a->seq, b->seq);
    return c ? c : cmp_size(a->idx, b->idx);
}

static int cmp_span(const void *pa, const void *pb)
{
    const struct span *a = pa, *b = pb;

    if (a->in_title != b->in_title)
        return a->in_title - b->in_title;
    if (a->start != b->start)
        return cmp_int64(a->start, b->start);
    if (a->end != b->end)
        return cmp_int64(a->end, b->end);
    return cmp_size(a->seq, b->seq);
}

static int cmp_alias(const void *pa, const void *pb)
{
    const struct alias_ref *a = pa, *b = pb;

    return a->entity_id != b->entity_id ? cmp_int64(a->entity_id, b->entity_id)
                                        : strcmp(a->surface, b->surface);
}

static int cmp_end(const void *pa, const void *pb)
{
    const struct pair_end *a = pa, *b = pb;

    return a->b < b->b ? -1 : a->b > b->b;
}

static int cmp_id(const void *pa, const void *pb)
{
    return cmp_int64(*(const int64_t *)pa, *(const int64_t *)pb);
}

/* Every linked entity of every new seq, grouped by (kind, key), the
 * first (seq, idx) of a key first. */
static void collect_keys(struct direct *d)
{
    size_t i, j, cap = 0;

    d->base = gz_xcalloc(d->rows->n_articles + 1, sizeof(*d->base));
    for (i = 0; i < d->n_fresh; i++) {
        d->base[d->fresh[i].seq] = d->n_slots;
        d->n_slots += d->rows->articles[d->fresh[i].seq]->n_entities;
    }
    d->entity_of = gz_xcalloc(d->n_slots + 1, sizeof(*d->entity_of));
    for (i = 0; i < d->n_fresh; i++)
        cap += d->rows->articles[d->fresh[i].seq]->n_entities;
    d->refs = gz_xcalloc(cap + 1, sizeof(*d->refs));
    for (i = 0; i < d->n_fresh; i++) {
        size_t seq = d->fresh[i].seq;
        const struct gz_article *a = d->rows->articles[seq];
        unsigned char *used = gz_xcalloc(a->n_entities + 1, 1);

        for (j = 0; j < a->n_mentions; j++)
            if (gz_loaded_entity(a, &a->mentions[j]) != NULL)
                used[a->mentions[j].entity] = 1;
        for (j = 0; j < a->n_entities; j++)
            if (used[j])
                d->refs[d->n_refs++] = (struct key_ref){&a->entities[j], seq, j,
                                                        d->base[seq] + j};
        gz_free(used);
    }
    sort(d->refs, d->n_refs, sizeof(*d->refs), cmp_ref);
    d->group = gz_xcalloc(d->n_refs + 1, sizeof(*d->group));
    for (i = 0; i < d->n_refs; i++) {
        if (i > 0 && cmp_key(d->refs[i - 1].e, d->refs[i].e) != 0)
            d->n_keys++;
        d->group[i] = d->n_keys;
    }
    d->n_keys += d->n_refs > 0;
}

/* One stage_keys row per key: its number, kind, the first canonical name
 * and country code, and the greatest country code any article gave. */
static void stage_keys(const struct direct *d, struct gz_copybuf *c)
{
    size_t i = 0, j;

    while (i < d->n_refs) {
        const struct gz_entity *first = d->refs[i].e;
        const char *country = NULL;

        for (j = i; j < d->n_refs && d->group[j] == d->group[i]; j++)
            if (d->refs[j].e->country != NULL
                && (country == NULL || strcmp(d->refs[j].e->country, country) > 0))
                country = d->refs[j].e->country;
        gz_copy_fmt(c, "%zu\t", d->group[i]);
        gz_copy_str(c, first->kind);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, first->canonical);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, first->key);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, first->country);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, country);
        gz_copy_put(c, "\n", 1);
        i = j;
    }
}

/* The batch's keys: those already in entities with their ids, and the
 * others inserted in (kind, key) order (two runs inserting the same new
 * keys wait for each other instead of deadlocking) with their new ids.
 * A new entity takes the first country code, or else the greatest one
 * (what fill_countries would give it). A row per key, n, entity_id,
 * whether this statement inserted it, and whether it wants a country
 * code. A key another transaction inserts meanwhile is in neither half
 * (this statement's snapshot misses it; ON CONFLICT waits for its
 * commit): read_keys, a new statement, sees it. */
static const char merge_keys[] =
    "WITH have AS MATERIALIZED (SELECT k.n, e.entity_id,"
    "  e.country_code IS NULL AND k.country_max IS NOT NULL AS fill"
    "  FROM stage_keys k JOIN @S.entities e ON e.kind = k.kind AND e.key = k.key),"
    " ins AS (INSERT INTO @S.entities (kind, canonical_name, key, country_code)"
    "  SELECT kind, canonical, key, coalesce(country, country_max) FROM stage_keys k"
    "  WHERE NOT EXISTS (SELECT 1 FROM have h WHERE h.n = k.n) ORDER BY kind, key"
    "  ON CONFLICT (kind, key) DO NOTHING RETURNING entity_id, kind, key)"
    " SELECT n, entity_id, false, fill FROM have"
    " UNION ALL SELECT k.n, i.entity_id, true, false FROM ins i"
    "  JOIN stage_keys k ON k.kind = i.kind AND k.key = i.key";

static const char read_keys[] =
    "SELECT k.n, e.entity_id FROM stage_keys k"
    " JOIN @S.entities e ON e.kind = k.kind AND e.key = k.key";

/* A country code learnt later fills an entity's NULL one (rows locked in
 * key order, re-checked once locked). */
static const char fill_countries[] =
    "WITH locked AS (SELECT e.entity_id, k.country_max AS country FROM @S.entities e"
    "  JOIN stage_keys k ON e.kind = k.kind AND e.key = k.key"
    "  WHERE e.country_code IS NULL AND k.country_max IS NOT NULL"
    "  ORDER BY e.kind, e.key FOR NO KEY UPDATE OF e)"
    " UPDATE @S.entities e SET country_code = l.country FROM locked l"
    " WHERE e.entity_id = l.entity_id AND e.country_code IS NULL";

/* The ids of res's rows (n, entity_id[, new, fill]) into ids; the new
 * ones into d->new_ids; *fill set when some row wants a country code. */
static void take_ids(struct direct *d, PGresult *res, int64_t *ids, int *fill)
{
    size_t i, n = (size_t)PQntuples(res);
    int more = PQnfields(res) > 2;

    for (i = 0; i < n; i++) {
        size_t k = strtoull(PQgetvalue(res, (int)i, 0), NULL, 10);
        int64_t id = strtoll(PQgetvalue(res, (int)i, 1), NULL, 10);

        if (k >= d->n_keys)
            continue;
        ids[k] = id;
        if (more && PQgetvalue(res, (int)i, 2)[0] == 't')
            d->new_ids[d->n_new_ids++] = id;
        if (more && PQgetvalue(res, (int)i, 3)[0] == 't')
            *fill = 1;
    }
}

/* Upsert the keys and read their ids into ids; keys the merge did not
 * see (inserted by another run meanwhile) are read again, and may want a
 * country code. GAZETTE_FAULT=unseen_keys:N: batch N's merge sees none
 * of its keys, as if another run had inserted them all. */
static int merge_ids(struct gz_pg *pg, struct direct *d, int64_t *ids, int *fill,
                     struct gz_error *err)
{
    PGresult *res;
    size_t i;

    if ((res = gz_pg_query(pg, merge_keys, 0, NULL, err)) == NULL)
        return -1;
    take_ids(d, res, ids, fill);
    PQclear(res);
    if (gz_fault_at("unseen_keys")) {
        memset(ids, 0, d->n_keys * sizeof(*ids));
        d->n_new_ids = 0;
    }
    for (i = 0; i < d->n_keys && ids[i] > 0; i++)
        ;
    if (i == d->n_keys)
        return 0;
    if ((res = gz_pg_query(pg, read_keys, 0, NULL, err)) == NULL)
        return -1;
    take_ids(d, res, ids, fill);
    PQclear(res);
    *fill = 1;
    return 0;
}

/* Upsert the keys and read their ids back into entity_of; the ids this
 * batch created go to new_ids, sorted. */
static int resolve_keys(struct gz_pg *pg, struct direct *d, struct gz_error *err)
{
    struct gz_copybuf keys = {0};
    int64_t *ids;
    size_t i;
    int rc = -1, fill = 0;

    if (d->n_keys == 0)
        return 0;
    stage_keys(d, &keys);
    ids = gz_xcalloc(d->n_keys, sizeof(*ids));
    d->new_ids = gz_xcalloc(d->n_keys, sizeof(*d->new_ids));
    if (gz_copy_in(pg, "COPY stage_keys FROM STDIN", &keys, err) < 0
        || merge_ids(pg, d, ids, &fill, err) < 0)
        goto out;
    for (i = 0; i < d->n_keys; i++)
        if (ids[i] <= 0) {
            gz_fail(err, EX_SOFTWARE, "entity key %zu of the batch not found after its insert", i);
            goto out;
        }
    for (i = 0; i < d->n_refs; i++)
        d->entity_of[d->refs[i].slot] = ids[d->group[i]];
    sort(d->new_ids, d->n_new_ids, sizeof(*d->new_ids), cmp_id);
    rc = fill ? gz_pg_exec(pg, fill_countries, err) : 0;
out:
    gz_free(ids);
    gz_free(keys.data);
    return rc;
}

/* The spans of the article's seqs [f, end) (mentions, or dates when
 * dates is set), one per span, the lowest seq's. */
static size_t article_spans(const struct direct *d, size_t f, size_t end, int dates,
                            struct span **out)
{
    size_t i, j, n = 0, cap = 0, kept = 0;
    struct span *s;

    for (i = f; i < end; i++) {
        const struct gz_article *a = d->rows->articles[d->fresh[i].seq];

        cap += dates ? a->n_dates : a->n_mentions;
    }
    s = gz_xcalloc(cap + 1, sizeof(*s));
    for (i = f; i < end; i++) {
        const struct gz_article *a = d->rows->articles[d->fresh[i].seq];

        for (j = 0; dates && j < a->n_dates; j++)
            s[n++] = (struct span){&a->dates[j], d->fresh[i].seq, a->dates[j].in_title != 0,
                                   a->dates[j].start_char, a->dates[j].end_char};
        for (j = 0; !dates && j < a->n_mentions; j++)
            s[n++] = (struct span){&a->mentions[j], d->fresh[i].seq, 0,
                                   a->mentions[j].start_char, a->mentions[j].end_char};
    }
    sort(s, n, sizeof(*s), cmp_span);
    for (i = 0; i < n; i++)
        if (kept == 0 || s[i].in_title != s[kept - 1].in_title || s[i].start != s[kept - 1].start
            || s[i].end != s[kept - 1].end)
            s[kept++] = s[i];
    *out = s;
    return kept;
}

static void add_alias(struct direct *d, int64_t entity_id, const char *surface)
{
    if (d->n_aliases == d->cap_aliases) {
        d->cap_aliases = d->cap_aliases ? 2 * d->cap_aliases : 4096;
        d->aliases = gz_xrealloc(d->aliases, d->cap_aliases * sizeof(*d->aliases));
    }
    d->aliases[d->n_aliases++] = (struct alias_ref){entity_id, surface};
}

/* The place of a key's entity id among the batch's, by halving. */
static uint32_t rank_of(const struct direct *d, int64_t id)
{
    size_t lo = 0, hi = d->n_keys;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (d->key_ids[mid] <= id)
            lo = mid;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

/* The entities ids[0..n) (distinct, ascending) of the article at fresh f,
 * by rank, for its n(n-1)/2 pairs. */
static void push_pairs(struct direct *d, const int64_t *ids, size_t n, size_t f)
{
    size_t i;

    d->arts[d->n_arts++] = (struct pair_art){d->n_ranks, n, f};
    for (i = 0; i < n; i++)
        d->ranks[d->n_ranks++] = rank_of(d, ids[i]);
    d->n_pairs += n * (n - 1) / 2;
}

/* The mentions of article f's seqs as mentions rows; their distinct
 * entities as stage_article_entities rows, and their pairs and aliases
 * kept for the batch's counts. */
static void put_mentions(struct direct *d, size_t f, size_t end, struct gz_copybuf *ments,
                         struct gz_copybuf *ents)
{
    struct span *s;
    size_t i, n = article_spans(d, f, end, 0, &s), n_ids = 0;
    int64_t *ids = gz_xcalloc(n + 1, sizeof(*ids));
    int64_t id = d->fresh[f].id;

    for (i = 0; i < n; i++) {
        const struct gz_mention *m = s[i].row;
        const struct gz_article *a = d->rows->articles[s[i].seq];
        int64_t entity_id = gz_loaded_entity(a, m) ? d->entity_of[d->base[s[i].seq] + m->entity]
                                                   : 0;

        gz_copy_fmt(ments, "%lld\t", (long long)id);
        gz_copy_str(ments, m->surface);
        gz_copy_fmt(ments, "\t%lld\t%lld\t", (long long)m->start_char, (long long)m->end_char);
        gz_copy_str(ments, m->type);
        gz_copy_fmt(ments, "\t%d\t%.4f\t", m->sentence, m->confidence);
        if (entity_id > 0) {
            gz_copy_fmt(ments, "%lld\t", (long long)entity_id);
            add_alias(d, entity_id, m->surface);
            ids[n_ids++] = entity_id;
        } else {
            gz_copy_put(ments, "\\N\t", 3);
        }
        gz_copy_str(ments, m->role);
        gz_copy_put(ments, "\n", 1);
    }
    sort(ids, n_ids, sizeof(*ids), cmp_id);
    for (i = 0, n = 0; i < n_ids; i++)
        if (i == 0 || ids[i] != ids[i - 1]) {
            gz_copy_fmt(ents, "%lld\t%lld\t%s\n", (long long)id, (long long)ids[i],
                        d->fresh[f].day);
            ids[n++] = ids[i];
        }
    if (n > 1)
        push_pairs(d, ids, n, f);
    gz_free(ids);
    gz_free(s);
}

static void put_dates(const struct direct *d, size_t f, size_t end, struct gz_copybuf *c)
{
    struct span *s;
    size_t i, n = article_spans(d, f, end, 1, &s);

    for (i = 0; i < n; i++) {
        const struct gz_date_mention *dm = s[i].row;

        gz_copy_fmt(c, "%lld\t", (long long)d->fresh[f].id);
        gz_copy_str(c, dm->surface);
        gz_copy_fmt(c, "\t%lld\t%lld\t", (long long)dm->start_char, (long long)dm->end_char);
        gz_copy_str(c, dm->timex_type);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, dm->value);
        gz_copy_put(c, "\t", 1);
        gz_copy_ymd(c, &dm->range_start);
        gz_copy_put(c, "\t", 1);
        gz_copy_ymd(c, &dm->range_end);
        gz_copy_put(c, dm->in_title ? "\tt\n" : "\tf\n", 3);
    }
    gz_free(s);
}

/* Whether the batch inserted entity id: nobody else can have rows that
 * name it yet (its row is ours until commit), so its aliases and pairs
 * are new rows, COPYed straight into their tables. */
static int is_new(const struct direct *d, int64_t id)
{
    return d->n_new_ids > 0
           && bsearch(&id, d->new_ids, d->n_new_ids, sizeof(*d->new_ids), cmp_id) != NULL;
}

/* Alias counts of the mentions written, one row per (entity_id, alias):
 * those of new entities into fresh, the others into counts. */
static void put_aliases(struct direct *d, struct gz_copybuf *fresh, struct gz_copybuf *counts)
{
    size_t i = 0, j;

    sort(d->aliases, d->n_aliases, sizeof(*d->aliases), cmp_alias);
    while (i < d->n_aliases) {
        struct gz_copybuf *c = is_new(d, d->aliases[i].entity_id) ? fresh : counts;

        for (j = i + 1; j < d->n_aliases && cmp_alias(&d->aliases[i], &d->aliases[j]) == 0; j++)
            ;
        gz_copy_fmt(c, "%lld\t", (long long)d->aliases[i].entity_id);
        gz_copy_str(c, d->aliases[i].surface);
        gz_copy_fmt(c, "\t%zu\n", j - i);
        i = j;
    }
}

/* COPY rows unless there are none. */
static int copy_some(struct gz_pg *pg, const char *sql, const struct gz_copybuf *rows,
                     struct gz_error *err)
{
    return rows->len == 0 ? 0 : gz_copy_in(pg, sql, rows, err);
}

/* The rows of the pairs whose first entity is a: ends[0..n), sorted by
 * the second, one row per pair (its articles, first and last date);
 * only those naming a new entity if fresh, only the others if not. */
static void put_pairs(const struct direct *d, uint32_t a, struct pair_end *ends, size_t n,
                      int fresh, struct gz_copybuf *c)
{
    size_t i = 0, j;

    sort(ends, n, sizeof(*ends), cmp_end);
    for (; i < n; i = j) {
        const char *first = d->fresh[ends[i].f].day, *last = first;

        for (j = i + 1; j < n && ends[j].b == ends[i].b; j++) {
            const char *day = d->fresh[ends[j].f].day;

            if (strcmp(day, first) < 0)
                first = day;
            if (strcmp(day, last) > 0)
                last = day;
        }
        if ((d->key_new[a] || d->key_new[ends[i].b]) != fresh)
            continue;
        gz_copy_fmt(c, "%lld\t%lld\t%zu\t%s\t%s\n", (long long)d->key_ids[a],
                    (long long)d->key_ids[ends[i].b], j - i, first, last);
    }
}

/* How many pairs each entity is the first of: bucket a is at[a] ..
 * at[a + 1] of the batch's pairs in (first, second) order. */
static size_t *count_pairs(const struct direct *d)
{
    size_t *at = gz_xcalloc(d->n_keys + 1, sizeof(*at));
    size_t i, k;

    for (k = 0; k < d->n_arts; k++)
        for (i = 0; i < d->arts[k].n; i++)
            at[d->ranks[d->arts[k].at + i] + 1] += d->arts[k].n - 1 - i;
    for (i = 0; i < d->n_keys; i++)
        at[i + 1] += at[i];
    return at;
}

/* The pairs of buckets [lo, hi) into ends, bucket a at at[a] - at[lo]. */
static void fill_pairs(const struct direct *d, const size_t *at, size_t lo, size_t hi,
                       struct pair_end *ends, size_t *fill)
{
    size_t i, j, k;

    for (i = lo; i < hi; i++)
        fill[i] = at[i] - at[lo];
    for (k = 0; k < d->n_arts; k++) {
        const uint32_t *r = &d->ranks[d->arts[k].at];

        for (i = 0; i < d->arts[k].n; i++)
            if (r[i] >= lo && r[i] < hi)
                for (j = i + 1; j < d->arts[k].n; j++)
                    ends[fill[r[i]]++] = (struct pair_end){r[j], (uint32_t)d->arts[k].f};
    }
}

/* Send what c holds, starting the COPY sql first if it is not yet. */
static int send_rows(struct gz_pg *pg, const char *sql, int *started, struct gz_copybuf *c,
                     struct gz_error *err)
{
    if (!*started && gz_copy_start(pg, sql, err) < 0)
        return -1;
    *started = 1;
    return gz_copy_send(pg, c, err);
}

/* The batch's pair counts naming a new entity (fresh) or not, one row per
 * pair, COPYed by sql as they are made (no COPY if there are none). The
 * pairs are made a few buckets at a time, GZ_DIRECT_PAIR_ROOM at most
 * (one bucket may be more): a batch of long articles makes a million,
 * and its memory would be the run's peak. */
static int copy_pairs(struct gz_pg *pg, const struct direct *d, int fresh, const char *sql,
                      struct gz_error *err)
{
    struct gz_copybuf c = {0};
    struct pair_end *ends;
    size_t *at, *fill, a, lo, hi, room = GZ_DIRECT_PAIR_ROOM;
    int rc = 0, started = 0;

    if (d->n_pairs == 0)
        return 0;
    if (gz_fault_value("pair_room") > 0)
        room = (size_t)gz_fault_value("pair_room");
    at = count_pairs(d);
    for (a = 0; a < d->n_keys; a++)
        if (at[a + 1] - at[a] > room)
            room = at[a + 1] - at[a];           /* one bucket is never split */
    ends = gz_xmalloc((d->n_pairs < room ? d->n_pairs : room) * sizeof(*ends));
    fill = gz_xcalloc(d->n_keys + 1, sizeof(*fill));
    for (lo = 0; lo < d->n_keys && rc == 0; lo = hi) {
        for (hi = lo + 1; hi < d->n_keys && at[hi + 1] - at[lo] <= room; hi++)
            ;
        fill_pairs(d, at, lo, hi, ends, fill);
        for (a = lo; a < hi && rc == 0; a++) {
            put_pairs(d, (uint32_t)a, ends + (at[a] - at[lo]), at[a + 1] - at[a], fresh, &c);
            if (c.len >= GZ_COPY_CHUNK)
                rc = send_rows(pg, sql, &started, &c, err);
        }
    }
    if (rc == 0 && c.len > 0)
        rc = send_rows(pg, sql, &started, &c, err);
    if (started)
        rc = gz_copy_end(pg, rc, err);
    gz_free(c.data);
    gz_free(ends);
    gz_free(fill);
    gz_free(at);
    return rc;
}

/* The keys' entity ids, ascending, to name them by rank, and which of
 * them the batch inserted. */
static void rank_keys(struct direct *d)
{
    size_t i;

    d->key_ids = gz_xcalloc(d->n_keys + 1, sizeof(*d->key_ids));
    d->key_new = gz_xcalloc(d->n_keys + 1, 1);
    for (i = 0; i < d->n_refs; i++)
        d->key_ids[d->group[i]] = d->entity_of[d->refs[i].slot];
    sort(d->key_ids, d->n_keys, sizeof(*d->key_ids), cmp_id);
    for (i = 0; i < d->n_keys; i++)
        d->key_new[i] = (unsigned char)is_new(d, d->key_ids[i]);
}

/* The counts: aliases and pairs of new entities straight into their
 * tables, the others staged for the upserts (loader.c). */
static int write_counts(struct gz_pg *pg, struct direct *d, struct gz_copybuf *ents,
                        struct gz_error *err)
{
    struct gz_copybuf new_aliases = {0}, aliases = {0};
    int counted = d->n_pairs <= d->max_pairs, rc;

    put_aliases(d, &new_aliases, &aliases);
    rc = copy_some(pg, "COPY @S.entity_aliases (entity_id, alias, mentions) FROM STDIN",
                   &new_aliases, err) < 0
         || copy_some(pg, "COPY stage_alias_counts FROM STDIN", &aliases, err) < 0
         || (counted
             ? copy_pairs(pg, d, 1, "COPY @S.co_mention_pairs (entity_id_a, entity_id_b,"
                                    " articles, first_seen, last_seen) FROM STDIN", err) < 0
               || copy_pairs(pg, d, 0, "COPY stage_pair_counts FROM STDIN", err) < 0
             : copy_some(pg, "COPY stage_article_entities (article_id, entity_id, published)"
                             " FROM STDIN", ents, err) < 0) ? -1 : 0;
    gz_free(new_aliases.data);
    gz_free(aliases.data);
    return rc;
}

static int write_rows(struct gz_pg *pg, struct direct *d, enum gz_direct_staged *staged,
                      struct gz_error *err)
{
    struct gz_copybuf ments = {0}, dates = {0}, ents = {0};
    size_t f = 0, end;
    int rc;

    d->max_pairs = GZ_DIRECT_MAX_PAIRS;
    if (gz_fault_value("max_pairs") > 0)
        d->max_pairs = (size_t)gz_fault_value("max_pairs");
    rank_keys(d);
    d->ranks = gz_xcalloc(d->n_refs + 1, sizeof(*d->ranks));  /* an article's entities are refs */
    d->arts = gz_xcalloc(d->n_fresh + 1, sizeof(*d->arts));
    while (f < d->n_fresh) {
        for (end = f + 1; end < d->n_fresh && d->fresh[end].id == d->fresh[f].id; end++)
            ;
        put_mentions(d, f, end, &ments, &ents);
        put_dates(d, f, end, &dates);
        f = end;
    }
    *staged = d->n_aliases == 0 ? GZ_DIRECT_NOTHING
              : d->n_pairs <= d->max_pairs ? GZ_DIRECT_COUNTED : GZ_DIRECT_BY_ARTICLE;
    rc = copy_some(pg, "COPY @S.mentions (article_id, surface, start_char, end_char, ner_type,"
                        " sentence, confidence, entity_id, role) FROM STDIN", &ments, err) < 0
         || copy_some(pg, "COPY @S.date_mentions (article_id, surface, start_char, end_char,"
                           " timex_type, value, range_start, range_end, in_title) FROM STDIN",
                       &dates, err) < 0
         || write_counts(pg, d, &ents, err) < 0 ? -1 : 0;
    gz_free(ments.data);
    gz_free(dates.data);
    gz_free(ents.data);
    return rc;
}

int gz_load_direct(struct gz_pg *pg, const struct gz_load_rows *rows, struct gz_fresh *fresh,
                   size_t n_fresh, enum gz_direct_staged *staged, struct gz_error *err)
{
    struct direct d = {.rows = rows, .fresh = fresh, .n_fresh = n_fresh};
    int rc;

    sort(fresh, n_fresh, sizeof(*fresh), cmp_fresh);
    collect_keys(&d);
    *staged = GZ_DIRECT_NOTHING;
    rc = resolve_keys(pg, &d, err) < 0 ? -1 : write_rows(pg, &d, staged, err);
    gz_free(d.base);
    gz_free(d.entity_of);
    gz_free(d.refs);
    gz_free(d.group);
    gz_free(d.new_ids);
    gz_free(d.aliases);
    gz_free(d.key_ids);
    gz_free(d.key_new);
    gz_free(d.ranks);
    gz_free(d.arts);
    return rc;
}
