/*
 * JSON text written straight into a buf, byte for byte as jansson writes
 * it with JSON_COMPACT | JSON_ENSURE_ASCII (what `feedctl --json` prints):
 * no white space, ASCII only, other characters as \uXXXX in upper-case hex.
 * For answers too large to build as jansson values first (the socket's
 * item lists); tests/test_json.c holds every string to jansson's own.
 * Each returns 0, or -1 when out of memory.
 */
#ifndef FEEDD_JSONW_H
#define FEEDD_JSONW_H

#include <stdint.h>

#include <jansson.h>

#include "buf.h"

/* A string; null for NULL.  Bytes that are not UTF-8 become U+FFFD, one
 * each, as in feedjson_str(). */
int	 jsonw_str(struct buf *, const char *s);
int	 jsonw_int(struct buf *, int64_t v);
int	 jsonw_bool(struct buf *, int v);
/* Any jansson value, through json_dump_callback(). */
int	 jsonw_value(struct buf *, const json_t *v);

#endif
