/* Feed date parsing: RFC 822/1123/2822 and their common mistakes, RFC 3339
 * and W3C-DTF, asctime, and the other variants met in real feeds. */
#ifndef FEEDD_DATE_H
#define FEEDD_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Parses s into Unix seconds (UTC).  Returns 0 and sets *out, or -1 when s
 * holds no date this parser understands. */
int date_parse(const char *s, int64_t *out);

/* Formats t as "2004-04-20T00:23:47Z" into buf (at least 21 bytes). */
void date_format(int64_t t, char *buf, size_t len);

#endif
