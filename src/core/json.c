#include "core/json.h"

#include <string.h>

void gz_json_strn(FILE *out, const char *s, size_t n)
{
    size_t i;

    putc('"', out);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        switch (c) {
        case '"':  fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (c < 0x20)
                fprintf(out, "\\u%04x", c);
            else
                putc(c, out);
        }
    }
    putc('"', out);
}

void gz_json_str(FILE *out, const char *s)
{
    if (s == NULL)
        fputs("null", out);
    else
        gz_json_strn(out, s, strlen(s));
}
