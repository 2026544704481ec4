#include <string.h>

#include "jscan.h"

struct scan {
	const char	*p, *end;
	int		 depth;
};

struct key {
	const char	*s;
	size_t		 len;
};

static int value(struct scan *);

/* The bytes that stand for themselves in a string: printable ASCII and
 * DEL (jansson leaves it), but for '"' and '\\'. */
static int
plain(unsigned char c)
{
	return c >= 0x20 && c <= 0x7f && c != '"' && c != '\\';
}

/* Four upper-case hex digits at p (jansson's case). */
static int
hex4(const char *p, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		*v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			*v |= (unsigned)(p[i] - '0');
		else if (p[i] >= 'A' && p[i] <= 'F')
			*v |= (unsigned)(p[i] - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* Whether jansson writes code unit v as \u: what it does not write as
 * itself or with a short escape, and not NUL, which it does not read. */
static int
u_escaped(unsigned v)
{
	if (v >= 0x20)
		return v >= 0x80;
	return v != 0 && v != '\b' && v != '\f' && v != '\n' && v != '\r' &&
	    v != '\t';
}

/* \uXXXX at s->p (after the 'u'), and its low half after a high
 * surrogate. */
static int
u_escape(struct scan *s)
{
	unsigned v, lo;

	if (s->end - s->p < 4 || hex4(s->p, &v) == -1 || !u_escaped(v))
		return -1;
	s->p += 4;
	if (v >= 0xdc00 && v <= 0xdfff)
		return -1;
	if (v < 0xd800 || v > 0xdbff)
		return 0;
	if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
	    hex4(s->p + 2, &lo) == -1 || lo < 0xdc00 || lo > 0xdfff)
		return -1;
	s->p += 6;
	return 0;
}

/* The escape at s->p (after the backslash).  No "\/": jansson writes
 * '/' as itself. */
static int
escape(struct scan *s)
{
	if (s->p == s->end)
		return -1;
	switch (*s->p++) {
	case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't':
		return 0;
	case 'u':
		return u_escape(s);
	}
	return -1;
}

static int
string(struct scan *s)
{
	if (s->p == s->end || *s->p != '"')
		return -1;
	s->p++;
	for (;;) {
		while (s->p < s->end && plain((unsigned char)*s->p))
			s->p++;
		if (s->p == s->end)
			return -1;
		if (*s->p == '"') {
			s->p++;
			return 0;
		}
		if (*s->p++ != '\\' || escape(s) == -1)
			return -1;
	}
}

/* An integer as jansson writes a json_int_t: no "-0", no leading zero,
 * nothing it would refuse as too big. */
static int
integer(struct scan *s)
{
	const char *d;
	size_t nd;
	int neg = *s->p == '-';

	s->p += neg;
	for (d = s->p; s->p < s->end && *s->p >= '0' && *s->p <= '9'; )
		s->p++;
	nd = (size_t)(s->p - d);
	if (nd == 0 || (d[0] == '0' && (nd > 1 || neg)))
		return -1;
	if (nd > 19 || (nd == 19 && memcmp(d, neg ? "9223372036854775808" :
	    "9223372036854775807", 19) > 0))
		return -1;
	/* A fraction or an exponent makes a real. */
	if (s->p < s->end && (*s->p == '.' || *s->p == 'e' || *s->p == 'E'))
		return -1;
	return 0;
}

static int
word(struct scan *s, const char *w, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n) != 0)
		return -1;
	s->p += n;
	return 0;
}

/* The key at s->p, unless it is one of the n before it. */
static int
new_key(struct scan *s, struct key *k, size_t n)
{
	size_t i;

	k[n].s = s->p;
	if (string(s) == -1)
		return -1;
	k[n].len = (size_t)(s->p - k[n].s);
	for (i = 0; i < n; i++)
		if (k[i].len == k[n].len && memcmp(k[i].s, k[n].s,
		    k[n].len) == 0)
			return -1;
	return 0;
}

static int
object(struct scan *s)
{
	struct key k[JSCAN_KEYS];
	size_t n;

	if (++s->p < s->end && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (n = 0; n < JSCAN_KEYS; n++) {
		if (new_key(s, k, n) == -1 || s->p == s->end ||
		    *s->p++ != ':' || value(s) == -1 || s->p == s->end)
			return -1;
		if (*s->p == '}') {
			s->p++;
			return 0;
		}
		if (*s->p++ != ',')
			return -1;
	}
	return -1;
}

static int
array(struct scan *s)
{
	if (++s->p < s->end && *s->p == ']') {
		s->p++;
		return 0;
	}
	for (;;) {
		if (value(s) == -1 || s->p == s->end)
			return -1;
		if (*s->p == ']') {
			s->p++;
			return 0;
		}
		if (*s->p++ != ',')
			return -1;
	}
}

static int
value(struct scan *s)
{
	int rc;

	if (s->p == s->end)
		return -1;
	switch (*s->p) {
	case '"': return string(s);
	case 't': return word(s, "true", 4);
	case 'f': return word(s, "false", 5);
	case 'n': return word(s, "null", 4);
	case '{': case '[': break;
	default: return integer(s);
	}
	if (++s->depth > JSCAN_DEPTH)
		return -1;
	rc = *s->p == '{' ? object(s) : array(s);
	s->depth--;
	return rc;
}

size_t
jscan_value(const char *s, size_t n)
{
	struct scan sc = { s, s + n, 0 };

	return value(&sc) == 0 ? (size_t)(sc.p - s) : 0;
}
