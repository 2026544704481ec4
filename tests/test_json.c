/* Unit tests for jsonw.c: JSON text appended in the form feedd's answers
 * take (jansson's, JSON_COMPACT | JSON_ENSURE_ASCII): ASCII only, bytes
 * that are not UTF-8 as U+FFFD, read back by jansson as they were
 * meant. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "jsonw.h"
#include "feedd/feedjson.h"
#include "tap.h"

#define FLAGS	(JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY)

/* A test name for s: bytes outside printable ASCII as \xHH, cut short. */
static const char *
shown(const char *s, size_t n)
{
	static char out[128];
	size_t i, o = 0;

	for (i = 0; i < n && o < sizeof(out) - 8; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '#' || c == '\\')
			o += snprintf(out + o, sizeof(out) - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

/* What jansson writes for s, through feedjson_str() (its U+FFFD for
 * bytes that are not UTF-8). */
static char *
jansson_str(const char *s)
{
	json_t *j = feedjson_str(s);
	char *out = json_dumps(j, FLAGS);

	json_decref(j);
	return out;
}

/* jsonw_str(s) is want; 1 when so, else a diagnostic. */
static int
written(const char *s, const char *want)
{
	struct buf b = { 0 };
	int same;

	jsonw_str(&b, s);
	same = b.s && strcmp(b.s, want) == 0;
	if (!same)
		printf("# %s: jsonw %s, want %s\n", shown(s, strlen(s)),
		    b.s ? b.s : "NULL", want);
	buf_free(&b);
	return same;
}

/* jsonw_str(s) against jansson; 1 when they agree, else a diagnostic. */
static int
same_str(const char *s)
{
	struct buf b = { 0 };
	char *want = jansson_str(s);
	int same;

	jsonw_str(&b, s);
	same = want && b.s && strcmp(b.s, want) == 0;
	if (!same)
		printf("# %s: jsonw %s, jansson %s\n", shown(s, strlen(s)),
		    b.s ? b.s : "NULL", want ? want : "NULL");
	free(want);
	buf_free(&b);
	return same;
}

static uint32_t rng = 12345;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Bytes that make strings interesting: ASCII, controls, quotes,
 * UTF-8 lead and continuation bytes, and invalid ones. */
static char
some_byte(void)
{
	static const char pick[] = "aZ /\"\\\x01\x08\x09\x0a\x0c\x0d\x1b\x1f"
	    "\x7f\x80\xbf\xc2\xc3\xdf\xe0\xe2\xed\xef\xf0\xf4\xf5\xff";

	if (next() % 3 == 0)
		return (char)(next() % 255 + 1);
	return pick[next() % (sizeof(pick) - 1)];
}

static void
test_strings(void)
{
	char s[64], all[128];
	unsigned cp, bad = 0;
	int i, j, n;

	ok(written("Caf\xc3\xa9 \xf0\x9f\x98\x80",
	    "\"Caf\\u00E9 \\uD83D\\uDE00\""), "non-ASCII as \\u, upper-case hex");
	ok(written("a\"b\\c\n\x01/", "\"a\\\"b\\\\c\\n\\u0001/\""),
	    "quotes, backslashes and controls escaped, / not");
	ok(written("x\xff\xc3y", "\"x\\uFFFD\\uFFFDy\""),
	    "each byte that is not UTF-8 a U+FFFD");
	ok(same_str(""), "the empty string");
	ok(same_str("plain ASCII, / and ~"), "plain ASCII");
	for (i = 1, bad = 0; i < 256; i++) {
		s[0] = (char)i;
		s[1] = '\0';
		bad += !same_str(s);
	}
	ok(bad == 0, "every single byte as jansson writes it");
	for (i = 0x20, n = 0; i < 0x7f; i++)
		if (i != '"' && i != '\\')
			all[n++] = (char)i;
	all[n] = '\0';
	ok(same_str(all), "printable ASCII but quotes, in one string");
	for (cp = 0x80, bad = 0; cp < 0x110000; cp += cp < 0x3000 ? 1 : 97) {
		n = 0;
		if (cp < 0x800) {
			s[n++] = (char)(0xc0 | cp >> 6);
		} else if (cp < 0x10000) {
			s[n++] = (char)(0xe0 | cp >> 12);
			s[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
		} else {
			s[n++] = (char)(0xf0 | cp >> 18);
			s[n++] = (char)(0x80 | (cp >> 12 & 0x3f));
			s[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
		}
		s[n++] = (char)(0x80 | (cp & 0x3f));
		s[n] = '\0';
		bad += !same_str(s);	/* surrogates included: not UTF-8 */
	}
	ok(bad == 0, "code points up to U+10FFFF, surrogates refused alike");
	ok(same_str("\xf4\x90\x80\x80"), "above U+10FFFF: not UTF-8");
	ok(same_str("\xc0\xaf\xe0\x80\xaf"), "overlong forms: not UTF-8");
	ok(same_str("cut \xe2\x82"), "a character cut short");
	for (i = 0, bad = 0; i < 20000; i++) {
		n = (int)(next() % 40);
		for (j = 0; j < n; j++)
			s[j] = some_byte();
		s[n] = '\0';
		bad += !same_str(s);
	}
	ok(bad == 0, "20000 random byte strings as jansson writes them");
}

static void
test_scalars(void)
{
	static const int64_t v[] = { 0, 1, -1, 9, 10, -10, 1234567890123,
	    INT64_MAX, INT64_MIN, INT64_MIN + 1 };
	struct buf b = { 0 };
	json_t *j;
	char *want;
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_reset(&b);
		jsonw_int(&b, v[i]);
		j = json_integer(v[i]);
		want = json_dumps(j, FLAGS);
		bad += strcmp(b.s, want) != 0;
		free(want);
		json_decref(j);
	}
	ok(bad == 0, "integers as jansson writes them, INT64_MIN included");
	buf_reset(&b);
	jsonw_bool(&b, 2);
	buf_addc(&b, ',');
	jsonw_bool(&b, 0);
	buf_addc(&b, ',');
	jsonw_str(&b, NULL);
	is_str(b.s, "true,false,null", "booleans and null");
	buf_reset(&b);
	j = json_pack("{s:[i,s],s:n}", "a", 1, "b\xc3\xa9", "c");
	jsonw_value(&b, j);
	is_str(b.s, "{\"a\":[1,\"b\\u00E9\"],\"c\":null}", "a jansson value");
	json_decref(j);
	buf_free(&b);
}

int
main(void)
{
	test_strings();
	test_scalars();
	return tap_done();
}
