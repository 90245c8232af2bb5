/*
 * canonical.h - one entity mention's surface -> display name, role and
 * matching key.
 *
 * Display name and role (gz_name_canonical):
 *   PERSON "former US President Donald Trump" -> "Donald Trump"   role "former US President"
 *   PERSON "Mr. Rutte's"                      -> "Rutte"          role "Mr."
 *   PERSON "Secretary of State James Baker"   -> "James Baker"    role "Secretary of State"
 *   ORG    "OCCIDENTAL PETROLEUM CORP"        -> "Occidental Petroleum Corp"
 *   ORG    "NATO", "IBM CORP", "PDVSA"        -> "NATO", "IBM Corp", "PDVSA"
 *   LOC    "Erdog\u0306an"  (decomposed)      -> "Erdoğan" (NFC)
 *   any    “Royal  Dutch – Shell”             -> "Royal Dutch - Shell"
 *
 * Matching key (gz_name_key), compared to find one entity behind spellings:
 *   "Erdoğan" -> "erdogan"       "U.S." -> "us"        "AT&T" -> "at and t"
 *   ORG "The Occidental Petroleum Corp." = "Occidental Petroleum Corporation"
 *       = "Occidental Petroleum" -> "occidental petroleum"
 *   "Zelenskyy" = "Zelenskiy" = "Zelensky" -> "zelensky"
 *   "Saint Petersburg" = "St. Petersburg" = "St Petersburg" -> "st petersburg"
 *
 * Both write into the caller's buffer and allocate nothing: they run on
 * every mention of every article.
 */
#ifndef GZ_NAMES_CANONICAL_H
#define GZ_NAMES_CANONICAL_H

#include <stddef.h>

struct gz_countries;

/* Longest surface handled, in bytes; longer ones are refused (-1). */
#define GZ_NAME_MAX 1024
/* A buffer this large always holds the result for a surface of up to
 * GZ_NAME_MAX bytes. */
#define GZ_NAME_BUF (4 * GZ_NAME_MAX + 8)

/* A surface split into the name and the role in front of it. */
struct gz_name {
    const char *name;           /* display name, NUL-terminated, in the caller's buffer */
    size_t      name_len;
    const char *role;           /* honorifics and titles ("Mr.", "former US President"), "" if none */
    size_t      role_len;
};

/* Canonical display form of surface[0..len) for a mention of type (PERSON,
 * ORG, LOC, MISC or NULL): Unicode NFC; blank space, dashes and quotes
 * unified and collapsed; surrounding quotes dropped, and a possessive 's
 * but for ORG ("Moody's", "Lloyd's": the tokenizer splits a possessive off,
 * so an organisation's final 's is its name's);
 * a name of two words or more in capitals cased for display (known
 * acronyms, words without vowels and most two-letter words stay in
 * capitals; so does a name of one word, more often an acronym than not); for PERSON, titles and honorifics in front of
 * the name split off as the role (words of countries, when countries is not
 * NULL, may sit among them: "Dutch Prime Minister"). The strings are written
 * into buf[0..cap). Returns 0, or -1 when the surface is not valid UTF-8,
 * longer than GZ_NAME_MAX, or the result does not fit. */
int gz_name_canonical(const char *surface, size_t len, const char *type,
                      const struct gz_countries *countries, char *buf, size_t cap,
                      struct gz_name *out);

/* Matching key of a name (normally the display name above) for a mention of
 * type: compatibility-decomposed, case-folded, accents stripped (and ø, ł,
 * æ... folded to Latin letters), '.' and apostrophes removed, '&' read as
 * "and", any other punctuation a word break; a leading "the" dropped; for
 * ORG (and a NULL type), legal-form suffixes dropped (Corp, Corporation,
 * Inc, Incorporated, Ltd, Limited, plc, Co, Company, LLC, AG, SA, NV, BV,
 * GmbH, SpA) as long as a word is left; "saint" read as "st"
 * ("Saint Louis" = "St. Louis"); transliteration endings unified where
 * English has no such word ending: "yy" -> "y" and consonant + "iy" -> "y"
 * (Zelenskyy, Zelenskiy -> zelensky; Dmitriy -> dmitry). Written NUL-
 * terminated into buf[0..cap); returns its length (0 when nothing is left),
 * or -1 when name is not valid UTF-8, longer than GZ_NAME_MAX or the key
 * does not fit. */
int gz_name_key(const char *name, size_t len, const char *type, char *buf, size_t cap);

/* 1 when name's last word is a legal form ("Texaco Inc", "Occidental
 * Petroleum Corp.", "Tesco PLC") and a word comes before it. */
int gz_name_has_legal_form(const char *name, size_t len);

#endif
