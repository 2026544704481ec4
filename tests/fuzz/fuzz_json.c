/*
 * libFuzzer harness: jsonw.c and jscan.c, held to jansson.
 *
 * The input as a C string (to its first NUL) through jsonw_str() must
 * come out as jansson writes feedjson_str() of it (JSON_COMPACT |
 * JSON_ENSURE_ASCII), and jscan_value() must take that text whole.  The
 * input as JSON text: whatever prefix jscan_value() takes, jansson must
 * read and write back byte for byte (feedctl prints such items as they
 * came, trusting exactly that).
 */
#include "fuzz.h"

#include <jansson.h>

#include "buf.h"
#include "jscan.h"
#include "jsonw.h"
#include "feedd/feedjson.h"

#define JSON_FLAGS	(JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY)

static void
json_check_string(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size), *want = NULL;
	struct buf b = { 0 };
	json_t *j = feedjson_str(s);

	if (j != NULL && jsonw_str(&b, s) == 0 &&
	    (want = json_dumps(j, JSON_FLAGS)) != NULL) {
		FUZZ_CHECK(strcmp(b.s, want) == 0, "jsonw wrote %s, jansson %s",
		    b.s, want);
		FUZZ_CHECK(jscan_value(b.s, b.len) == b.len,
		    "jscan refuses jsonw's %s", b.s);
	}
	free(want);
	json_decref(j);
	buf_free(&b);
	free(s);
}

static void
json_check_scan(const uint8_t *data, size_t size)
{
	size_t n = jscan_value((const char *)data, size);
	json_t *j;
	char *again;

	if (n == 0)
		return;
	j = json_loadb((const char *)data, n, JSON_DECODE_ANY, NULL);
	FUZZ_CHECK(j != NULL, "jscan takes %zu bytes that jansson refuses: "
	    "%.*s", n, (int)n, (const char *)data);
	again = json_dumps(j, JSON_FLAGS);
	FUZZ_CHECK(again == NULL || (strlen(again) == n &&
	    memcmp(again, data, n) == 0), "jscan takes %.*s, jansson writes "
	    "it %s", (int)n, (const char *)data, again);
	free(again);
	json_decref(j);
}

int
FUZZ_ENTRY(json)(const uint8_t *data, size_t size)
{
	json_check_string(data, size);
	json_check_scan(data, size);
	return 0;
}
