/* Parsed feeds as JSON (jansson), the form `feedctl parse --json` prints
 * and the socket protocol reuses. */
#ifndef FEEDD_FEEDJSON_H
#define FEEDD_FEEDJSON_H

#include <jansson.h>

#include "feedd/parse.h"

/* A JSON string of s, null for NULL; invalid UTF-8 becomes U+FFFD. */
json_t	*feedjson_str(const char *s);
/* A date as "2004-04-20T00:23:47Z", null for FEED_NO_DATE. */
json_t	*feedjson_date(int64_t t);
json_t	*feedjson_item(const struct feed_item *);
json_t	*feedjson_info(const struct feed_info *);

#endif
