#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "feedd/date.h"
#include "feedd/feedjson.h"

json_t *
feedjson_str(const char *s)
{
	struct buf b = { 0 };
	size_t i, n, k;
	unsigned cp;
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	n = strlen(s);
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode((const unsigned char *)s + i, n - i, &cp))
		    == 0) {
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
