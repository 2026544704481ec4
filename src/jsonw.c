#include "jsonw.h"
#include "feedd/feedjson.h"

int
jsonw_str(struct buf *b, const char *s)
{
	size_t mark = b->len;
	const char *p;
	json_t *j;
	int rc;

	if (s == NULL)
		return buf_add(b, "null", 4);
	/* Printable ASCII without '"' or '\\' is written as it is, the
	 * way jansson writes it: most strings feedd writes (categories,
	 * URLs, dates) are, and jansson costs a hundred times the bytes. */
	for (p = s; *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\'; p++)
		;
	if (*p == '\0')
		return buf_add(b, "\"", 1) == -1 ||
		    buf_add(b, s, (size_t)(p - s)) == -1 ||
		    buf_add(b, "\"", 1) == -1 ? -1 : 0;
	/* Unchecked: writing it checks the UTF-8 again anyway, and
	 * fails on text that is not, which then goes the long way. */
	if ((j = json_string_nocheck(s)) != NULL) {
		rc = jsonw_value(b, j);
		json_decref(j);
		if (rc == 0)
			return 0;
		b->len = mark;
		if (b->s)
			b->s[mark] = '\0';
	}
	if ((j = feedjson_str(s)) == NULL)
		return -1;
	rc = jsonw_value(b, j);
	json_decref(j);
	return rc;
}

int
jsonw_int(struct buf *b, int64_t v)
{
	char d[24], *p = d + sizeof(d);
	/* Negated as unsigned: INT64_MIN has no positive twin. */
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return buf_add(b, p, d + sizeof(d) - p);
}

int
jsonw_bool(struct buf *b, int v)
{
	return v ? buf_add(b, "true", 4) : buf_add(b, "false", 5);
}

static int
add_dumped(const char *p, size_t n, void *arg)
{
	return buf_add(arg, p, n);
}

int
jsonw_value(struct buf *b, const json_t *v)
{
	return json_dump_callback(v, add_dumped, b, JSONW_FLAGS);
}
