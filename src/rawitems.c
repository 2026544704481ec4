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

/* Item i of sizes, when line[p..] holds it: what feedd writes (jansson's
 * compact form with JSON_ENSURE_ASCII) is ASCII without control characters
 * (DEL aside, which jansson writes as it is), between braces; nothing else
 * may reach a terminal.  Its length, or 0. */
static size_t
item_at(const char *line, size_t len, size_t p, json_t *sizes, size_t i)
{
	json_t *v = json_array_get(sizes, i);
	json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
	size_t k;

	if (n < 2 || (size_t)n > len - p || line[p] != '{' ||
	    line[p + n - 1] != '}')
		return 0;
	for (k = p; k < p + (size_t)n; k++)
		if ((unsigned char)line[k] < 0x20 ||
		    (unsigned char)line[k] > 0x7f)
			return 0;
	return (size_t)n;
}

/* The answer without its items: {"id":ID,"ok":true,"items":[] and the
 * line from the list's end on, read by jansson.  *more: its "more". */
static int
envelope_ok(const char *head, size_t hlen, const char *tail, size_t tlen,
    int64_t id, int *more_out)
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
	*more_out = json_is_true(more);
	json_decref(v);
	return ok;
}

/* The "sizes" list at line[p], read by jansson; *end: just past it. */
static json_t *
sizes_at(const char *line, size_t len, size_t p, size_t *end)
{
	const char *q = memchr(line + p, ']', len - p);
	json_t *v;

	if (q == NULL)
		return NULL;
	v = json_loadb(line + p, (size_t)(q - line) + 1 - p,
	    JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_array(v)) {
		json_decref(v);
		return NULL;
	}
	*end = (size_t)(q - line) + 1;
	return v;
}

int
rawitems_find(struct rawitems *r, char *line, size_t len, int64_t id)
{
	static const char items_key[] = ",\"items\":[";
	char head[64];
	size_t hlen, p, k, i, n;
	json_t *sizes;

	r->line = line;
	r->n = 0;
	r->more = 0;
	/* The head feedd writes: constant keys and the request's id. */
	hlen = (size_t)snprintf(head, sizeof(head),
	    "{\"id\":%lld,\"ok\":true,\"sizes\":[", (long long)id);
	if (len < hlen || memcmp(line, head, hlen) != 0 ||
	    (sizes = sizes_at(line, len, hlen - 1, &p)) == NULL)
		return 0;
	n = json_array_size(sizes);
	if (len - p < sizeof(items_key) - 1 ||
	    memcmp(line + p, items_key, sizeof(items_key) - 1) != 0)
		goto no;
	r->first = p += sizeof(items_key) - 1;
	for (i = 0; i < n; i++) {
		if ((k = item_at(line, len, p, sizes, i)) == 0)
			goto no;
		p += k;
		if (add_end(r, p) == -1 || p == len)
			goto no;
		if (line[p] != (i + 1 < n ? ',' : ']'))
			goto no;
		p += i + 1 < n;
	}
	json_decref(sizes);
	/* The rest, with the items left out, is read by jansson. */
	hlen = (size_t)snprintf(head, sizeof(head),
	    "{\"id\":%lld,\"ok\":true,\"items\":[", (long long)id);
	if (p == len || line[p] != ']' ||
	    !envelope_ok(head, hlen, line + p, len - p, id, &r->more)) {
		r->n = 0;
		return 0;
	}
	return 1;
no:
	json_decref(sizes);
	r->n = 0;
	return 0;
}

void
rawitems_free(struct rawitems *r)
{
	free(r->ends);
	memset(r, 0, sizeof(*r));
}
