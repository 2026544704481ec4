/*
 * libFuzzer harness: the streaming feed parser (include/feedd/parse.h).
 *
 * Input layout: four header bytes, then the document.
 *   [0]  chunking: low 4 bits pick the largest chunk size (see
 *        parse_chunk_max), chunk sizes are then drawn 1..max;
 *   [1]  seed of the chunk-size generator;
 *   [2]  HTTP Content-Type (index into parse_ctypes, 0 = none);
 *   [3]  base URL (index into parse_bases, 0 = none).
 * The item callback reads every string of the item (so that ASan sees a
 * dangling or unterminated one), and deep-copies it with feed_item_dup().
 */
#include "fuzz.h"

#include "feedd/parse.h"

static const size_t parse_chunk_max[16] = {
	1, 2, 3, 4, 7, 16, 31, 64, 100, 256, 512, 1000, 4096, 8192, 65536,
	SIZE_MAX,	/* the whole document in one push */
};

static const char *const parse_ctypes[] = {
	NULL,
	"application/rss+xml",
	"text/xml; charset=utf-8",
	"application/atom+xml; charset=\"ISO-8859-1\"",
	"text/xml; charset=windows-1252",
	"application/xml; charset=koi8-r",
	"text/xml; charset=utf-16",
	"text/xml; charset=UTF-16LE",
	"text/xml; charset=us-ascii",
	"text/xml; charset=shift_jis",
	"text/xml; charset=bogus-charset",
	"application/json; charset=utf-8",
	"application/feed+json",
	"text/html; charset=",
	"text/xml;charset=utf-8;charset=latin1",
	"",
};

static const char *const parse_bases[] = {
	NULL,
	"http://example.org/feed.xml",
	"https://www.example.com/a/b/c/index.rss?x=1#frag",
	"http://[::1]:8080/",
	"",
	"not a url",
	"file:///etc/passwd",
	"https://user:pass@example.net:8443/dir/",
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static void
parse_on_item(void *arg, struct feed_item *it)
{
	struct feed_item *copy;
	size_t i;

	(*(size_t *)arg)++;
	fuzz_touch(it->guid);
	fuzz_touch(it->title);
	fuzz_touch(it->link);
	fuzz_touch(it->author);
	fuzz_touch(it->summary);
	fuzz_touch(it->content);
	fuzz_touch(it->image);
	fuzz_sink += (size_t)it->published + (size_t)it->updated +
	    (size_t)it->duration;
	for (i = 0; i < it->n_enclosures; i++) {
		fuzz_touch(it->enclosures[i].url);
		fuzz_touch(it->enclosures[i].type);
		fuzz_sink += (size_t)it->enclosures[i].length;
	}
	for (i = 0; i < it->n_categories; i++)
		fuzz_touch(it->categories[i]);
	if ((copy = feed_item_dup(it)) != NULL) {
		fuzz_touch(copy->title);
		fuzz_touch(copy->link);
		feed_item_free(copy);
	}
}

/* xorshift32: the chunk sizes depend on the input alone. */
static uint32_t
parse_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

int
FUZZ_ENTRY(parse)(const uint8_t *data, size_t size)
{
	const struct feed_info *info;
	struct feed_parser *p;
	const char *doc, *ctype, *base;
	size_t len, max, n, i, items = 0;
	uint32_t seed;

	if (size < 4)
		return 0;
	max = parse_chunk_max[data[0] & 15];
	seed = 0x9e3779b9u ^ ((uint32_t)data[1] << 8 | data[0]);
	ctype = parse_ctypes[data[2] % NITEMS(parse_ctypes)];
	base = parse_bases[data[3] % NITEMS(parse_bases)];
	doc = (const char *)data + 4;
	len = size - 4;

	if ((p = feed_parser_new(base, ctype, parse_on_item, &items)) == NULL)
		return 0;
	while (len > 0) {
		n = max == SIZE_MAX ? len : 1 + parse_next(&seed) % max;
		if (n > len)
			n = len;
		if (feed_parser_push(p, doc, n) != 0)
			fuzz_touch(feed_parser_error(p));
		doc += n;
		len -= n;
	}
	if (feed_parser_finish(p) != 0)
		fuzz_touch(feed_parser_error(p));
	if ((info = feed_parser_info(p)) != NULL) {
		fuzz_touch(feed_format_name(info->format));
		fuzz_touch(info->title);
		fuzz_touch(info->link);
		fuzz_touch(info->id);
	}
	for (i = 0; i < feed_parser_warning_count(p); i++)
		fuzz_touch(feed_parser_warning(p, i));
	feed_parser_free(p);
	return 0;
}
