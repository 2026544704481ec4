/*
 * libFuzzer harness: text_from_html() (include/feedd/text.h) and the
 * near-duplicate helpers of include/feedd/simhash.h.
 *
 * The input is an HTML fragment, handed over without a terminating NUL.
 * What text.h promises of the result is checked: well-formed UTF-8, no
 * C0 control, DEL or BOM, white space collapsed (no tab, CR, LF, NBSP, no
 * two spaces in a row, none at either end).  The result, and the raw input
 * as a C string, then go through the title/summary normalisers and
 * SimHash.
 */
#include "fuzz.h"

#include "feedd/simhash.h"
#include "feedd/text.h"

/* Length of the well-formed UTF-8 sequence at s (RFC 3629), or 0. */
static size_t
text_utf8_len(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;

	if (s[0] < 0x80)
		return *cp = s[0], 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, *cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, *cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, *cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && *cp < 0x800) || (n == 4 && *cp < 0x10000) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff) || *cp > 0x10ffff)
		return 0;
	return n;
}

static void
text_check(const char *out)
{
	const unsigned char *p = (const unsigned char *)out;
	size_t n, len = strlen(out);
	uint32_t cp;

	FUZZ_CHECK(len == 0 || (out[0] != ' ' && out[len - 1] != ' '),
	    "untrimmed \"%s\"", out);
	FUZZ_CHECK(strstr(out, "  ") == NULL, "uncollapsed \"%s\"", out);
	while (*p) {
		n = text_utf8_len(p, &cp);
		FUZZ_CHECK(n > 0, "ill-formed UTF-8 at byte %zu of \"%s\"",
		    (size_t)(p - (const unsigned char *)out), out);
		FUZZ_CHECK(cp >= 0x20 && cp != 0x7f && cp != 0xfeff &&
		    cp != 0xa0, "U+%04X at byte %zu of \"%s\"", (unsigned)cp,
		    (size_t)(p - (const unsigned char *)out), out);
		p += n;
	}
}

static void
text_sim(const char *s)
{
	char *title, *text;
	uint64_t h;

	if ((title = sim_normalize_title(s)) == NULL ||
	    (text = sim_normalize_text(s)) == NULL)
		abort();
	h = sim_hash(title);
	FUZZ_CHECK(title[0] != '\0' || h == 0, "hash of \"\" is not 0");
	FUZZ_CHECK(sim_distance(h, h) == 0, "distance to itself");
	fuzz_sink += (size_t)sim_tokens(title) + sim_band(h, (int)(h & 7)) +
	    (size_t)sim_hash(text) + (size_t)sim_tokens(text);
	fuzz_sink += (size_t)(sim_jaccard(title, text) * 1000);
	fuzz_sink += (size_t)sim_same_story(title, text, title, NULL);
	free(title);
	free(text);
}

int
FUZZ_ENTRY(text)(const uint8_t *data, size_t size)
{
	const char *html = (const char *)data;
	char *out, *raw;

	FUZZ_CHECK(!text_has_markup(html, size) == (memchr(html, '<', size) ==
	    NULL && memchr(html, '&', size) == NULL), "text_has_markup");
	if ((out = text_from_html(html, size)) == NULL)
		abort();
	text_check(out);
	text_sim(out);
	free(out);

	raw = fuzz_strndup(data, size);
	text_sim(raw);
	text_collapse(raw);
	fuzz_touch(raw);
	free(raw);
	return 0;
}
