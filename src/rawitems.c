#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rawitems.h"

static int
add_end(struct rawitems *r, size_t end)
{
	size_t *v;

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 256;
		if ((v = realloc(r->ends, cap * sizeof(*v))) == NULL)
			return -1;
		r->ends = v;
		r->cap = cap;
	}
	r->ends[r->n++] = end;
	return 0;
}

/* The object jansson reads at line[p]: its length, or 0.  It must start
 * there: what jansson skips before it would be printed too. */
static size_t
item_at(const char *line, size_t len, size_t p)
{
	json_error_t e;
	json_t *v;
	size_t n = 0;

	if (p == len || line[p] != '{')
		return 0;
	v = json_loadb(line + p, len - p,
	    JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &e);
	if (json_is_object(v) && e.position > 0)
		n = (size_t)e.position;
	json_decref(v);
	return n;
}

/* The answer without its items: {"id":ID,"ok":true,"items":[] and the
 * line from the list's end on, read by jansson. */
static int
envelope_ok(const char *head, size_t hlen, const char *tail, size_t tlen,
    int64_t id)
{
	char *s;
	json_t *v, *more;
	int ok;

	if ((s = malloc(hlen + tlen)) == NULL)
		return 0;
	memcpy(s, head, hlen);
	memcpy(s + hlen, tail, tlen);
	v = json_loadb(s, hlen + tlen, JSON_REJECT_DUPLICATES, NULL);
	free(s);
	more = json_object_get(v, "more");
	ok = json_is_object(v) && json_is_integer(json_object_get(v, "id")) &&
	    json_integer_value(json_object_get(v, "id")) == id &&
	    json_is_true(json_object_get(v, "ok")) &&
	    json_is_array(json_object_get(v, "items")) &&
	    json_array_size(json_object_get(v, "items")) == 0 &&
	    json_object_get(v, "event") == NULL &&
	    (more == NULL || json_is_boolean(more));
	json_decref(v);
	return ok;
}

int
rawitems_find(struct rawitems *r, char *line, size_t len, int64_t id)
{
	char head[64];
	size_t hlen, p, k;

	r->line = line;
	r->n = 0;
	/* The head feedd writes: constant keys and the request's id. */
	hlen = (size_t)snprintf(head, sizeof(head),
	    "{\"id\":%lld,\"ok\":true,\"items\":[", (long long)id);
	if (len < hlen || memcmp(line, head, hlen) != 0)
		return 0;
	r->first = p = hlen;
	if (p < len && line[p] != ']')
		for (;;) {
			if ((k = item_at(line, len, p)) == 0)
				return 0;
			p += k;
			if (add_end(r, p) == -1 || p == len)
				return 0;
			if (line[p] == ']')
				break;
			if (line[p++] != ',')
				return 0;
		}
	if (p == len || !envelope_ok(head, hlen, line + p, len - p, id)) {
		r->n = 0;
		return 0;
	}
	return 1;
}

void
rawitems_free(struct rawitems *r)
{
	free(r->ends);
	memset(r, 0, sizeof(*r));
}
