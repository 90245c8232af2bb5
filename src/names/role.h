/*
 * role.h - the role written just before a person's name.
 *
 * The tagger's span of a person leaves the title out, as CoNLL does; the
 * role stands in the words before it:
 *
 *   "... said former US President Donald Trump"   span "Donald Trump"
 *       -> role "former US President"
 *   "Treasury Secretary James Baker told ..."      -> role "Treasury Secretary"
 *   "officials said Reagan ..."                    -> no role
 *
 * A role is read as gz_name_canonical reads one at the front of a surface:
 * up to GZ_ROLE_WORDS words right before the name, on its line, without
 * punctuation between them (a full stop or hyphen inside a word is fine:
 * "Rep.", "Secretary-General"), that it splits off the name leaving the
 * name as it is alone, and that does not start with a joining word ("of
 * President Reagan"). The longest such run wins.
 */
#ifndef GZ_NAMES_ROLE_H
#define GZ_NAMES_ROLE_H

#include <stddef.h>

#include "names/canonical.h"

#define GZ_ROLE_WORDS 5

/* The role before the name text[at..at+len) (a PERSON mention's bytes).
 * Writes it NUL-terminated into buf[0..cap) (GZ_NAME_BUF is enough) and
 * returns its length, or 0 when there is none. */
size_t gz_name_role_before(const char *text, size_t at, size_t len,
                           const struct gz_countries *countries, char *buf, size_t cap);

#endif
