/*
 * normalise_dates.c - the stage that finds every temporal expression in an
 * article's title and body and stores it, normalised, in article->dates.
 *
 *   - normalise_dates:
 *       reference: published      # or a fixed ISO date such as 2024-02-22
 *
 * With the article published 2024-02-22, "since 2010" becomes
 * {surface "2010", DATE, 2010, [2010-01-01, 2011-01-01)} and "last week"
 * {DATE, 2024-W07, [2024-02-12, 2024-02-19)}. Offsets are code points into
 * the body, or into the title for mentions with in_title set; strings live
 * in the article's arena. An article with no
 * publication date to resolve against is rejected with that reason.
 */
#include <string.h>

#include "core/mem.h"
#include "core/stop.h"
#include "stages/stage.h"
#include "dates/pubdate.h"
#include "dates/timex.h"
#include "text/utf8.h"

static const struct gz_option options[] = {
    {"reference", GZ_OPT_STRING, "published", 0,
     "date relative expressions are resolved against: \"published\" (the article's "
     "publication date) or a fixed date such as 2024-02-22"},
    {NULL, 0, NULL, 0, NULL},
};

struct dates_priv {
    int fixed;                  /* 1: use ref below; 0: the article's date */
    struct gz_ymd ref;
};

static int init(struct gz_stage *st, struct gz_error *err)
{
    const char *ref = gz_stage_str(st, "reference");
    struct dates_priv *p = gz_xcalloc(1, sizeof(*p));
    size_t used;
    const char *why;

    st->priv = p;
    if (ref == NULL || strcmp(ref, "published") == 0)
        return 0;
    if (gz_pubdate_parse(ref, strlen(ref), NULL, &p->ref, &used, &why) < 0 || used != strlen(ref))
        return gz_fail(err, EX_CONFIG, "reference \"%s\": %s (expected "
                       "\"published\" or a date such as 2024-02-22)", ref,
                       used != strlen(ref) ? "unrecognised date" : why);
    p->fixed = 1;
    return 0;
}

/* Where the dates of one text (the title or the body) go. */
struct adder {
    struct gz_article *a;
    int in_title;
    struct gz_cp_cursor cp;     /* over the title or the body */
};

static void add_date(const struct gz_timex *t, void *arg)
{
    struct adder *ad = arg;
    struct gz_date_mention *d = gz_article_add_date(ad->a);

    d->start_char = gz_cp_cursor_at(&ad->cp, t->start);
    d->end_char = gz_cp_cursor_at(&ad->cp, t->end);
    d->in_title = ad->in_title;
    d->surface = gz_arena_strndup(ad->a->arena, ad->cp.text + t->start, t->end - t->start);
    d->timex_type = t->type;                    /* static strings */
    d->value = gz_arena_strdup(ad->a->arena, t->value);
    d->range_start = t->range_start;
    d->range_end = t->range_end;
}

static int process(struct gz_stage *st, struct gz_article *a, struct gz_error *err)
{
    const struct dates_priv *p = st->priv;
    struct gz_ymd ref = p->fixed ? p->ref : a->published;
    struct adder title = {a, 1, {a->title, 0, 0}}, body = {a, 0, {a->body, 0, 0}};

    if (!gz_ymd_valid(ref.year, ref.month, ref.day))
        return gz_fail(err, EX_DATAERR, "no publication date to resolve dates against");
    gz_timex_find(a->title, a->title_len, ref, add_date, &title);
    gz_timex_find(a->body, a->body_len, ref, add_date, &body);
    if (gz_stop_requested())            /* it may have stopped part-way */
        return gz_stop_fail(err);
    return 0;
}

static void fini(struct gz_stage *st)
{
    gz_free(st->priv);
    st->priv = NULL;
}

const struct gz_stage_ops gz_stage_normalise_dates = {
    .name = "normalise_dates",
    .doc = "every temporal expression in the title and body, as TIMEX3 values and SQL dates",
    .options = options,
    .init = init,
    .process = process,
    .fini = fini,
};
