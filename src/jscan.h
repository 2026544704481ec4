/*
 * Recognises JSON text in exactly the form jansson writes with
 * JSON_COMPACT | JSON_ENSURE_ASCII (and src/jsonw.h), without building
 * values.  Jansson reads such text and writes it back byte for byte the
 * same, so whoever would only parse and print it again may pass it on
 * as it is: `feedctl --json` with the daemon's item lists, the daemon
 * with the lists it stored.  Anything else is left to jansson.
 */
#ifndef FEEDD_JSCAN_H
#define FEEDD_JSCAN_H

#include <stddef.h>

#define JSCAN_DEPTH	32	/* deeper nesting is left to jansson */
#define JSCAN_KEYS	64	/* so are objects with more keys */

/* The length of the value at the start of s[0..n) when it is in that
 * form, else 0.  Stricter than JSON: no white space; no bytes outside
 * 0x20-0x7f; escapes only for what jansson escapes, as it does (\u with
 * upper-case hex, surrogates paired, no \u0000, which jansson does not
 * read); integers within 64 bits (reals are not recognised); no key
 * twice in an object. */
size_t	 jscan_value(const char *s, size_t n);

#endif
