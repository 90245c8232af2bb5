/*
 * json.h - writing JSON strings (for `gazette extract` and the eval commands).
 *
 *   gz_json_str(out, "say \"hi\"\n")  writes  "say \"hi\"\n"  with quotes
 */
#ifndef GZ_JSON_H
#define GZ_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Write s[0..n) (UTF-8) as a quoted JSON string. */
void gz_json_strn(FILE *out, const char *s, size_t n);
void gz_json_str(FILE *out, const char *s);     /* NULL writes null */

#endif
