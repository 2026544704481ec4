#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feedd/date.h"
#include "feedd/feedjson.h"

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

json_t *
feedjson_str(const char *s)
{
	struct buf b = { 0 };
	size_t i, n, k;
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	n = strlen(s);
	for (i = 0; i < n; i += k) {
		if ((k = utf8_seq((const unsigned char *)s + i, n - i)) == 0) {
			buf_adds(&b, "\xef\xbf\xbd");
			k = 1;
		} else
			buf_add(&b, s + i, k);
	}
	j = json_string(b.s ? b.s : "");
	buf_free(&b);
	return j;
}

json_t *
feedjson_date(int64_t t)
{
	char d[32];

	if (t == FEED_NO_DATE)
		return json_null();
	date_format(t, d, sizeof(d));
	return json_string(d);
}

static json_t *
enclosures(const struct feed_item *it)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < it->n_enclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		json_array_append_new(a, json_pack("{s:o,s:o,s:o}",
		    "url", feedjson_str(e->url),
		    "type", feedjson_str(e->type),
		    "length", e->length >= 0 ? json_integer(e->length) : json_null()));
	}
	return a;
}

static json_t *
categories(const struct feed_item *it)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < it->n_categories; i++)
		json_array_append_new(a, feedjson_str(it->categories[i]));
	return a;
}

json_t *
feedjson_item(const struct feed_item *it)
{
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "guid", feedjson_str(it->guid),
	    "title", feedjson_str(it->title),
	    "link", feedjson_str(it->link),
	    "published", feedjson_date(it->published),
	    "updated", feedjson_date(it->updated),
	    "author", feedjson_str(it->author),
	    "summary", feedjson_str(it->summary),
	    "content", feedjson_str(it->content),
	    "enclosures", enclosures(it),
	    "categories", categories(it),
	    "image", feedjson_str(it->image),
	    "duration", it->duration >= 0 ? json_integer(it->duration) : json_null());
}

json_t *
feedjson_info(const struct feed_info *fi)
{
	return json_pack("{s:o,s:o,s:o,s:o}",
	    "title", feedjson_str(fi->title),
	    "link", feedjson_str(fi->link),
	    "id", feedjson_str(fi->id),
	    "updated", feedjson_date(fi->updated));
}
