/* Items as the socket protocol and the exec hook show them (JSON). */
#ifndef FEEDD_ITEMJSON_H
#define FEEDD_ITEMJSON_H

#include <jansson.h>

#include "feedd/store.h"

/* {"seq","id","story","feed":{"id","title","url"},"guid","title","link",
 *  "published","updated","author","summary","enclosures","categories",
 *  "read","starred","copies":[{"id","feed":{...},"link"}]}
 * copies are looked up in s when s is not NULL. */
json_t	*itemjson(struct store *s, const struct store_item *);
/* The item with that id, or NULL. */
json_t	*itemjson_by_id(struct store *s, int64_t id);
/* Unix time as RFC 3339 UTC, null for 0 / FEED_NO_DATE. */
json_t	*itemjson_time(int64_t t);

#endif
