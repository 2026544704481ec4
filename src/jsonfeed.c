/*
 * JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1).  A JSON document
 * cannot be read item by item with jansson, so it is buffered (bounded by
 * the parser) and read whole when it ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "feedd/date.h"
#include "feedd/text.h"
#include "feedd/urlres.h"
#include "parse_internal.h"

static const char *
str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* JSON Feed titles are text, but some feeds put HTML there: read as
 * HTML only what looks like it ("Vector<T>" stays). */
static char *
plain(const char *s)
{
	char *t;

	if (s == NULL)
		return NULL;
	if (text_looks_like_html(s, strlen(s)))
		return text_from_html(s, strlen(s));
	if ((t = strdup(s)) == NULL)
		return NULL;
	return parse_drop_controls(text_collapse(t));
}

static int64_t
date_of(json_t *o, const char *key)
{
	const char *s = str(o, key);
	int64_t t;

	if (s && date_parse(s, &t) == 0)
		return t;
	return FEED_NO_DATE;
}

/* 1.1 has "authors"; 1.0 had "author". */
static const char *
author_of(json_t *o)
{
	json_t *a = json_object_get(o, "authors");

	if (json_is_array(a) && json_array_size(a) > 0)
		return str(json_array_get(a, 0), "name");
	return str(json_object_get(o, "author"), "name");
}

static char *
id_of(json_t *item)
{
	json_t *id = json_object_get(item, "id");
	char num[32];

	if (json_is_string(id))
		return strdup(json_string_value(id));
	if (json_is_integer(id)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(id));
		return strdup(num);
	}
	return NULL;
}

static void
read_attachments(struct feed_item *it, json_t *att, const char *base)
{
	size_t i;
	json_t *a, *size;
	char *url;

	if (!json_is_array(att))
		return;
	json_array_foreach(att, i, a) {
		if (str(a, "url") == NULL)
			continue;
		size = json_object_get(a, "size_in_bytes");
		url = url_resolve(base, str(a, "url"));
		item_add_enclosure(it, url, str(a, "mime_type"),
		    json_is_integer(size) ? json_integer_value(size) : -1);
		free(url);
	}
}

static void
read_item(struct feed_parser *p, json_t *o, const char *base)
{
	struct feed_item it;
	json_t *tags, *t;
	const char *url;
	size_t i;

	memset(&it, 0, sizeof(it));
	item_clear(&it);
	it.guid = id_of(o);
	it.title = plain(str(o, "title"));
	if ((url = str(o, "url")) != NULL || (url = str(o, "external_url")) != NULL)
		it.link = url_resolve(base, url);
	it.author = dup_or_null(author_of(o));
	it.summary = dup_or_null(str(o, "summary"));
	it.content = dup_or_null(str(o, "content_html"));
	if (it.content == NULL)
		it.content = dup_or_null(str(o, "content_text"));
	it.published = date_of(o, "date_published");
	it.updated = date_of(o, "date_modified");
	if ((url = str(o, "image")) != NULL || (url = str(o, "banner_image")) != NULL)
		it.image = url_resolve(base, url);
	read_attachments(&it, json_object_get(o, "attachments"), base);
	tags = json_object_get(o, "tags");
	if (json_is_array(tags))
		json_array_foreach(tags, i, t)
			if (json_is_string(t))
				item_add_category(&it, json_string_value(t));
	parser_emit(p, &it);
}

/* Why jansson refused the document, saying so when it is cut short (a
 * server that sent only its first part: nothing of it can be read). */
static void
json_why(const json_error_t *err, size_t len, char *why, size_t whylen)
{
	if (json_error_code(err) == json_error_premature_end_of_input)
		snprintf(why, whylen, "invalid JSON: the document ends early, "
		    "after %zu bytes (cut short?)", len);
	else
		snprintf(why, whylen, "invalid JSON: %s at line %d, column %d",
		    err->text, err->line, err->column);
}

int
jsonfeed_parse(struct feed_parser *p, const char *buf, size_t len,
    char *why, size_t whylen)
{
	struct feed_info *info = parser_info(p);
	json_error_t err;
	json_t *doc, *items, *o;
	const char *v, *base = parser_base(p);
	size_t i;

	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (doc == NULL) {
		json_why(&err, len, why, whylen);
		return -1;
	}
	v = str(doc, "version");
	if (!json_is_object(doc) || v == NULL ||
	    strncmp(v, "https://jsonfeed.org/version/", 29) != 0) {
		json_decref(doc);
		snprintf(why, whylen, "JSON without a JSON Feed version");
		return -1;
	}
	info->format = strcmp(v + 29, "1") == 0 ? FEED_JSON10 : FEED_JSON11;
	info->title = plain(str(doc, "title"));
	if ((v = str(doc, "home_page_url")) != NULL)
		info->link = url_resolve(base, v);
	info->id = dup_or_null(str(doc, "feed_url"));
	items = json_object_get(doc, "items");
	if (json_is_array(items))
		json_array_foreach(items, i, o)
			if (json_is_object(o))
				read_item(p, o, base);
	json_decref(doc);
	return 0;
}
