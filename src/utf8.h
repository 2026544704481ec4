/* UTF-8 decoding and encoding, strict: no overlong forms, no surrogates,
 * nothing above U+10FFFF. */
#ifndef FEEDD_UTF8_H
#define FEEDD_UTF8_H

#include <stddef.h>

/* The length of the sequence at s (n bytes available), with its code
 * point in *cp; 0 when the bytes are not valid UTF-8. */
size_t	 utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* Writes cp to out (room for 4 bytes); returns the length. */
size_t	 utf8_encode(char *out, unsigned cp);

#endif
