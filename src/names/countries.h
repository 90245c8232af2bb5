/*
 * countries.h - country names, short forms, demonyms and historical names
 * -> ISO 3166-1 alpha-2 code and one display name per country.
 *
 *   "UK", "U.K.", "Britain", "United Kingdom", "British"  -> GB "United Kingdom"
 *   "US", "U.S.", "United States", "America", "American"  -> US "United States"
 *   "Dutch", "Netherlands", "Holland"                      -> NL "Netherlands"
 *   "Republic of Korea", "South Korea"                     -> KR "South Korea"
 *   "Soviet Union", "USSR"                                  -> SU "Soviet Union"
 *   "Omani", "Azerbaijani" (name + "i", not in the CSV)     -> OM, AZ (demonyms)
 *
 * Names and codes come from Debian's iso-codes (scripts/gen-countries turns
 * its iso_3166-1.json into gz_iso_countries at build time); short forms,
 * demonyms, historical names and display names from a gazetteer CSV
 * (fixtures/gazetteers/countries.csv), records "kind,alias,code":
 *
 *   short,Britain,GB         another name or short form of the country
 *   demonym,British,GB       adjective or people
 *   historical,Burma,MM      a former name, of a country that goes on ...
 *   display,Soviet Union,SU  ... or of one that ended: the display name of
 *                            a code; gives a code outside ISO 3166-1 (an
 *                            ISO 3166-3 one) its name, and must then come
 *                            before the code's other rows
 *
 * Keys are gz_name_key(name, type "LOC"). A key named by the CSV overrides
 * the one iso-codes gives; within the CSV one key names one code.
 */
#ifndef GZ_NAMES_COUNTRIES_H
#define GZ_NAMES_COUNTRIES_H

#include <stddef.h>

#include "core/error.h"

/* One record of ISO 3166-1 (build/gen/countries.c). */
struct gz_iso_country {
    const char *alpha2;         /* "GB" */
    const char *name;           /* "United Kingdom", "Korea, Republic of" */
    const char *common_name;    /* "South Korea" or NULL */
    const char *official_name;  /* "United Kingdom of Great Britain and Northern Ireland" or NULL */
};
extern const struct gz_iso_country gz_iso_countries[];
extern const size_t gz_iso_countries_count;

/* How a key names its country. */
enum gz_country_kind {
    GZ_COUNTRY_NAME,            /* an ISO name, or a display row */
    GZ_COUNTRY_SHORT,
    GZ_COUNTRY_DEMONYM,
    GZ_COUNTRY_HISTORICAL,
};

struct gz_country {
    const char *code;           /* ISO 3166-1 alpha-2 ("GB"), or ISO 3166-3's for a past one ("SU") */
    const char *name;           /* display name: the CSV's display row, else iso-codes'
                                 * common name, else its name */
};

struct gz_countries;

/* Build the table from iso-codes' countries plus the gazetteer at csv_path
 * (NULL: iso-codes only). Returns 0 and a new table in *out (free with
 * gz_countries_free), or -1 with err naming "PATH:LINE: reason". */
int gz_countries_load(const char *csv_path, struct gz_countries **out, struct gz_error *err);

/* The country a key (gz_name_key, "LOC") names, or NULL; *kind (may be
 * NULL) says how. A key the table lacks that is a country's name or short
 * form with "i" added ("omani", "azerbaijani") is its demonym. Read-only:
 * safe from several threads. */
const struct gz_country *gz_countries_find(const struct gz_countries *c, const char *key,
                                           enum gz_country_kind *kind);

/* The country of a code ("GB"), or NULL. */
const struct gz_country *gz_countries_by_code(const struct gz_countries *c, const char *code);

/* Number of countries (codes) and of keys. */
size_t gz_countries_count(const struct gz_countries *c);
size_t gz_countries_keys(const struct gz_countries *c);

void gz_countries_free(struct gz_countries *c);     /* NULL is a no-op */

#endif
