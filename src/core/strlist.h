/*
 * strlist.h - a growable list of owned strings.
 */
#ifndef GZ_STRLIST_H
#define GZ_STRLIST_H

#include <stddef.h>

struct gz_strlist {
    char  **items;
    size_t  n, cap;
};

void gz_strlist_push(struct gz_strlist *l, const char *s);      /* copies s */
/* Sort in version order, the digits of a name compared as numbers
 * ("reuters-2" < "reuters-10" < "reuters-10a"), and drop repeats. */
void gz_strlist_sort_unique(struct gz_strlist *l);
void gz_strlist_free(struct gz_strlist *l);                     /* keeps l itself */

#endif
