/*
 * html.h - what scrapers leave behind: HTML tags and character references.
 *
 *   "<p>Rutte &amp; Sunak</p>"   -> "Rutte & Sunak"        (tags, entities)
 *   "a<br>b"                     -> "a\nb"
 *   "caf&eacute; &#8220;x&#x201D;" -> "café “x”"
 *   "OCCIDENTAL <OXY> OFFICIAL"  -> unchanged: <OXY> is a ticker, not HTML
 *
 * Only tags of known HTML elements are removed; <script> and <style> lose
 * their content too. Unknown entities are left as written.
 */
#ifndef GZ_HTML_H
#define GZ_HTML_H

#include <stddef.h>

#include "core/mem.h"

/* Returns a new string in arena with tags removed and references decoded;
 * ORs GZ_REPAIR_HTML_TAGS / GZ_REPAIR_HTML_ENT into *repairs. */
char *gz_html_clean(struct gz_arena *arena, const char *in, size_t n, size_t *out_len,
                    unsigned *repairs);

/* Collapse blank space: tabs/NBSP/runs of spaces become one space, lines are
 * trimmed, three or more line breaks become one blank line; with
 * single_line, every line break becomes a space. In place; returns the new
 * length and ORs GZ_REPAIR_WHITESPACE when something changed. */
size_t gz_space_normalise(char *s, size_t n, int single_line, unsigned *repairs);

#endif
