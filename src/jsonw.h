/*
 * JSON text appended to a buf in the form `feedctl --json` prints:
 * jansson's, with JSON_COMPACT | JSON_ENSURE_ASCII.  Strings and other
 * values are written by jansson; integers and booleans, whose text has
 * one form, directly.  For answers too large to build as one jansson
 * value first (the socket's item lists), whose keys are constants.
 * Each returns 0, or -1 when out of memory.
 */
#ifndef FEEDD_JSONW_H
#define FEEDD_JSONW_H

#include <stdint.h>

#include <jansson.h>

#include "buf.h"

/* The flags of every JSON text feedd writes. */
#define JSONW_FLAGS	(JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY)

/* A string; null for NULL.  Bytes that are not UTF-8 become U+FFFD, one
 * each (feedjson_str()). */
int	 jsonw_str(struct buf *, const char *s);
int	 jsonw_int(struct buf *, int64_t v);
int	 jsonw_bool(struct buf *, int v);
/* Any jansson value, through json_dump_callback(). */
int	 jsonw_value(struct buf *, const json_t *v);

#endif
