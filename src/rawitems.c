#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jscan.h"
#include "rawitems.h"

#define TOP_KEYS	16	/* an answer has four */

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

/* The array of items at line[p], each an object in jscan's form: their
 * ends recorded.  Its length, or 0. */
static size_t
find_items(struct rawitems *r, const char *line, size_t len, size_t p)
{
	size_t start = p, v;

	r->n = 0;
	r->first = ++p;
	if (p < len && line[p] == ']')
		return 2;
	for (;;) {
		if (p == len || line[p] != '{' ||
		    (v = jscan_value(line + p, len - p)) == 0)
			return 0;
		p += v;
		if (add_end(r, p) == -1 || p == len)
			return 0;
		if (line[p] == ']')
			return p + 1 - start;
		if (line[p++] != ',')
			return 0;
	}
}

static int
is(const char *s, size_t n, const char *want)
{
	return n == strlen(want) && memcmp(s, want, n) == 0;
}

/* The key at line[p]: its length, or 0 when it is not one, or is one of
 * the n before it (jansson would keep the last). */
static size_t
new_key(const char *line, size_t len, size_t p, const char **keys,
    size_t *lens, size_t n)
{
	size_t k, i;

	if (n == TOP_KEYS || line[p] != '"' ||
	    (k = jscan_value(line + p, len - p)) == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (lens[i] == k && memcmp(keys[i], line + p, k) == 0)
			return 0;
	keys[n] = line + p;
	lens[n] = k;
	return k;
}

int
rawitems_find(struct rawitems *r, char *line, size_t len, int64_t id)
{
	const char *keys[TOP_KEYS], *key;
	size_t lens[TOP_KEYS], n, p = 1, k, v;
	int ok = 0, ours = 0, items = 0;
	char want[32];

	r->line = line;
	r->n = 0;
	if (len < 2 || line[0] != '{')
		return 0;
	snprintf(want, sizeof(want), "%lld", (long long)id);
	for (n = 0; ; n++) {
		if (p == len || (k = new_key(line, len, p, keys, lens, n)) == 0)
			return 0;
		key = line + p;
		p += k;
		if (p == len || line[p++] != ':' || p == len)
			return 0;
		if (is(key, k, "\"items\"") && line[p] == '[')
			v = find_items(r, line, len, p), items = 1;
		else
			v = jscan_value(line + p, len - p);
		if (v == 0 || is(key, k, "\"event\""))
			return 0;
		if (is(key, k, "\"id\""))
			ours = is(line + p, v, want);
		else if (is(key, k, "\"ok\""))
			ok = is(line + p, v, "true");
		p += v;
		if (p == len)
			return 0;
		if (line[p] == '}')
			break;
		if (line[p++] != ',')
			return 0;
	}
	return p + 1 == len && ok && ours && items;
}

void
rawitems_free(struct rawitems *r)
{
	free(r->ends);
	memset(r, 0, sizeof(*r));
}
