#include <string.h>

#include "jsonw.h"
#include "utf8.h"

static const char hex[] = "0123456789ABCDEF";

static int
add_u(struct buf *b, unsigned v)
{
	char e[6] = { '\\', 'u', hex[v >> 12 & 15], hex[v >> 8 & 15],
	    hex[v >> 4 & 15], hex[v & 15] };

	return buf_add(b, e, sizeof(e));
}

/* A character that cannot go as itself: a quote, a backslash, a control
 * character, or one outside ASCII (a surrogate pair above U+FFFF). */
static int
add_escape(struct buf *b, unsigned cp)
{
	switch (cp) {
	case '"': return buf_add(b, "\\\"", 2);
	case '\\': return buf_add(b, "\\\\", 2);
	case '\b': return buf_add(b, "\\b", 2);
	case '\f': return buf_add(b, "\\f", 2);
	case '\n': return buf_add(b, "\\n", 2);
	case '\r': return buf_add(b, "\\r", 2);
	case '\t': return buf_add(b, "\\t", 2);
	}
	if (cp < 0x10000)
		return add_u(b, cp);
	cp -= 0x10000;
	if (add_u(b, 0xd800 | cp >> 10) == -1)
		return -1;
	return add_u(b, 0xdc00 | (cp & 0x3ff));
}

/* The bytes that go as themselves: printable ASCII but '"' and '\\',
 * and DEL (jansson leaves it).  A table: this is the inner loop of every
 * answer listing items. */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 0x80-0xff: 0 */
};

int
jsonw_str(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	size_t n, k;
	unsigned cp;

	if (s == NULL)
		return buf_add(b, "null", 4);
	n = strlen(s);
	if (buf_addc(b, '"') == -1)
		return -1;
	for (;;) {
		/* Text is mostly plain: copied a run at a time. */
		for (run = p; n > 0 && plain[*p]; n--)
			p++;
		if (buf_add(b, (const char *)run, p - run) == -1)
			return -1;
		if (n == 0)
			return buf_addc(b, '"');
		if ((k = utf8_decode(p, n, &cp)) == 0) {
			cp = 0xfffd;
			k = 1;
		}
		if (add_escape(b, cp) == -1)
			return -1;
		p += k;
		n -= k;
	}
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
	return json_dump_callback(v, add_dumped, b, JSON_COMPACT |
	    JSON_ENSURE_ASCII | JSON_ENCODE_ANY);
}
