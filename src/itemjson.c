#include <string.h>

#include "feedd/feedjson.h"
#include "feedd/itemjson.h"

json_t *
itemjson_time(int64_t t)
{
	return t == 0 ? json_null() : feedjson_date(t);
}

/* Stored JSON text back as JSON; an empty array when absent. */
static json_t *
stored_list(const char *text)
{
	json_t *j;

	if (text == NULL || (j = json_loads(text, 0, NULL)) == NULL)
		return json_array();
	return j;
}

static json_t *
feed_ref(const struct store_item *it)
{
	return json_pack("{s:I,s:o,s:o}", "id", (json_int_t)it->feed,
	    "title", feedjson_str(it->feed_title),
	    "url", feedjson_str(it->feed_url));
}

static int
add_copy(void *arg, const struct store_item *it)
{
	json_array_append_new(arg, json_pack("{s:I,s:o,s:o}",
	    "id", (json_int_t)it->id, "feed", feed_ref(it),
	    "link", feedjson_str(it->link)));
	return 0;
}

json_t *
itemjson(struct store *s, const struct store_item *it)
{
	json_t *o, *copies = json_array();

	if (s)
		store_copies(s, it->story, it->id, add_copy, copies);
	o = json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
	    "s:b,s:b,s:o}",
	    "seq", (json_int_t)it->id, "id", (json_int_t)it->id,
	    "story", (json_int_t)it->story,
	    "feed", feed_ref(it),
	    "guid", feedjson_str(it->guid),
	    "title", feedjson_str(it->title),
	    "link", feedjson_str(it->link),
	    "published", feedjson_date(it->published),
	    "updated", feedjson_date(it->updated),
	    "author", feedjson_str(it->author),
	    "summary", feedjson_str(it->summary),
	    "enclosures", stored_list(it->enclosures),
	    "categories", stored_list(it->categories),
	    "read", it->read, "starred", it->starred,
	    "copies", copies);
	if (o && it->is_update)
		json_object_set_new(o, "update", json_true());
	return o;
}

static int
take_one(void *arg, const struct store_item *it)
{
	json_t **out = arg;

	*out = itemjson(NULL, it);
	return 1;
}

json_t *
itemjson_by_id(struct store *s, int64_t id)
{
	json_t *o = NULL;

	store_item_get(s, id, take_one, &o);
	if (o) {
		json_t *story = json_object_get(o, "story");
		json_t *copies = json_array();
		store_copies(s, json_integer_value(story), id, add_copy, copies);
		json_object_set_new(o, "copies", copies);
	}
	return o;
}
