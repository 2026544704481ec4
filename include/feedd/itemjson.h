/* Items as the socket protocol and the exec hook show them (JSON). */
#ifndef FEEDD_ITEMJSON_H
#define FEEDD_ITEMJSON_H

#include <jansson.h>

#include "feedd/store.h"

struct buf;

/* {"seq","id","story","feed":{"id","title","url"},"guid","title","link",
 *  "published","updated","author","summary","enclosures","categories",
 *  "read","starred","copies":[{"id","feed":{...},"link"}]}
 * and "update":true last for an update.  copies are looked up in s when s
 * is not NULL and the item has_copies.  itemjson_write() appends it to b as text, compact and
 * ASCII-only (src/jsonw.h): 0, or -1 when out of memory. */
int	 itemjson_write(struct buf *b, struct store *s,
	    const struct store_item *);
json_t	*itemjson(struct store *s, const struct store_item *);
/* The item with that id, or NULL. */
json_t	*itemjson_by_id(struct store *s, int64_t id);
/* Unix time as RFC 3339 UTC, null for 0 / FEED_NO_DATE. */
json_t	*itemjson_time(int64_t t);

#endif
