/* The wire format of feedd's socket: one JSON object per line. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedd/protocol.h"
#include "utf8.h"

json_t *
proto_decode(const char *line, size_t len, const char **cmd,
    const char **code, char *msg, size_t msglen)
{
	json_error_t err;
	json_t *req, *c;

	*cmd = NULL;
	req = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (req == NULL) {
		*code = PROTO_E_BAD_REQUEST;
		snprintf(msg, msglen, "malformed JSON: %s", err.text);
		return NULL;
	}
	if (!json_is_object(req)) {
		*code = PROTO_E_BAD_REQUEST;
		snprintf(msg, msglen, "a request is a JSON object");
		json_decref(req);
		return NULL;
	}
	c = json_object_get(req, "cmd");
	if (!json_is_string(c)) {
		*code = PROTO_E_BAD_REQUEST;
		snprintf(msg, msglen, "\"cmd\" missing or not a string");
		json_decref(req);
		return NULL;
	}
	*cmd = json_string_value(c);
	return req;
}

json_t *
proto_id(json_t *req)
{
	json_t *id = req ? json_object_get(req, "id") : NULL;

	if (id && (json_is_integer(id) || json_is_string(id)))
		return json_incref(id);
	return json_null();
}

json_t *
proto_ok(json_t *id, json_t *fields)
{
	json_t *o = json_object();

	json_object_set(o, "id", id);
	json_object_set_new(o, "ok", json_true());
	if (fields) {
		json_object_update(o, fields);
		json_decref(fields);
	}
	return o;
}

/* Turns the bytes of s that are not UTF-8 into '?': jansson refuses such
 * a string, and json_pack() would give NULL, that is no answer at all.
 * They come from the request (jansson's own message quotes the bytes of a
 * malformed one), or from a character cut by "%.64s" or by msg's size. */
static void
repair_utf8(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t n = strlen(s), k;
	unsigned cp;

	while (n > 0) {
		if ((k = utf8_decode(p, n, &cp)) == 0) {
			*p = '?';
			k = 1;
		}
		p += k;
		n -= k;
	}
}

json_t *
proto_error(json_t *id, const char *code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	repair_utf8(msg);
	return json_pack("{s:O,s:b,s:{s:s,s:s}}", "id", id, "ok", 0,
	    "error", "code", code, "message", msg);
}

json_t *
proto_event(json_t *id, const char *event, json_t *fields)
{
	json_t *o = json_pack("{s:O,s:s}", "id", id, "event", event);

	if (fields) {
		json_object_update(o, fields);
		json_decref(fields);
	}
	return o;
}

char *
proto_encode(json_t *msg, size_t *len)
{
	/* ASCII only, like the item lists written without jansson
	 * (itemjson_write): every line feedd sends is in one form. */
	char *s = json_dumps(msg, JSON_COMPACT | JSON_ENSURE_ASCII);
	char *line;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if ((line = realloc(s, n + 2)) == NULL) {
		free(s);
		return NULL;
	}
	line[n] = '\n';
	line[n + 1] = '\0';
	*len = n + 1;
	return line;
}
