/*
 * Items as JSON.  The text is appended to the answer (jsonw.h), in the
 * form `feedctl --json` prints: constant keys, each value written by
 * jansson.  A listing of a thousand stories is a megabyte, and building
 * it as one jansson value first cost most of the daemon's time answering
 * "new".  The jansson forms are parsed from that text, so the shape is
 * defined once.
 */

#include "buf.h"
#include "jsonw.h"
#include "feedd/date.h"
#include "feedd/feedjson.h"
#include "feedd/itemjson.h"

json_t *
itemjson_time(int64_t t)
{
	return t == 0 ? json_null() : feedjson_date(t);
}

static int
add_date(struct buf *b, int64_t t)
{
	char d[32];

	if (t == FEED_NO_DATE)
		return buf_add(b, "null", 4);
	date_format(t, d, sizeof(d));
	return jsonw_str(b, d);
}

/* Stored JSON text (the store wrote it with jansson) in the answer's
 * form; an empty array when absent or unreadable. */
static int
add_stored_list(struct buf *b, const char *text)
{
	json_t *j;
	int rc;

	if (text == NULL || (j = json_loads(text, 0, NULL)) == NULL)
		return buf_add(b, "[]", 2);
	rc = jsonw_value(b, j);
	json_decref(j);
	return rc;
}

/* {"id","title","url"} of the item's feed. */
static int
add_feed(struct buf *b, const struct store_item *it)
{
	if (buf_adds(b, "{\"id\":") == -1 || jsonw_int(b, it->feed) == -1 ||
	    buf_adds(b, ",\"title\":") == -1 ||
	    jsonw_str(b, it->feed_title) == -1 ||
	    buf_adds(b, ",\"url\":") == -1 || jsonw_str(b, it->feed_url) == -1)
		return -1;
	return buf_addc(b, '}');
}

struct copies {
	struct buf	*b;
	int		 n;
	int		 failed;
};

static int
add_copy(void *arg, const struct store_item *it)
{
	struct copies *c = arg;
	struct buf *b = c->b;

	if ((c->n++ && buf_addc(b, ',') == -1) ||
	    buf_adds(b, "{\"id\":") == -1 || jsonw_int(b, it->id) == -1 ||
	    buf_adds(b, ",\"feed\":") == -1 || add_feed(b, it) == -1 ||
	    buf_adds(b, ",\"link\":") == -1 || jsonw_str(b, it->link) == -1 ||
	    buf_addc(b, '}') == -1) {
		c->failed = 1;
		return 1;
	}
	return 0;
}

static int
add_copies(struct buf *b, struct store *s, const struct store_item *it)
{
	struct copies c = { b, 0, 0 };

	if (buf_addc(b, '[') == -1)
		return -1;
	/* A failed lookup leaves the list short, as before: the item is
	 * still worth showing. */
	if (s && it->has_copies)
		store_copies(s, it->story, it->id, add_copy, &c);
	if (c.failed)
		return -1;
	return buf_addc(b, ']');
}

/* A member, its ",\"key\":" given as it is written. */
static int
add_str(struct buf *b, const char *key, const char *v)
{
	return buf_adds(b, key) == -1 ? -1 : jsonw_str(b, v);
}

static int
add_ids(struct buf *b, const struct store_item *it)
{
	if (buf_adds(b, "{\"seq\":") == -1 || jsonw_int(b, it->id) == -1 ||
	    buf_adds(b, ",\"id\":") == -1 || jsonw_int(b, it->id) == -1 ||
	    buf_adds(b, ",\"story\":") == -1 || jsonw_int(b, it->story) == -1)
		return -1;
	return buf_adds(b, ",\"feed\":") == -1 ? -1 : add_feed(b, it);
}

int
itemjson_write(struct buf *b, struct store *s, const struct store_item *it)
{
	if (add_ids(b, it) == -1 ||
	    add_str(b, ",\"guid\":", it->guid) == -1 ||
	    add_str(b, ",\"title\":", it->title) == -1 ||
	    add_str(b, ",\"link\":", it->link) == -1 ||
	    buf_adds(b, ",\"published\":") == -1 ||
	    add_date(b, it->published) == -1 ||
	    buf_adds(b, ",\"updated\":") == -1 ||
	    add_date(b, it->updated) == -1 ||
	    add_str(b, ",\"author\":", it->author) == -1 ||
	    add_str(b, ",\"summary\":", it->summary) == -1 ||
	    buf_adds(b, ",\"enclosures\":") == -1 ||
	    add_stored_list(b, it->enclosures) == -1 ||
	    buf_adds(b, ",\"categories\":") == -1 ||
	    add_stored_list(b, it->categories) == -1 ||
	    buf_adds(b, ",\"read\":") == -1 || jsonw_bool(b, it->read) == -1 ||
	    buf_adds(b, ",\"starred\":") == -1 ||
	    jsonw_bool(b, it->starred) == -1 ||
	    buf_adds(b, ",\"copies\":") == -1 || add_copies(b, s, it) == -1)
		return -1;
	if (it->is_update && buf_adds(b, ",\"update\":true") == -1)
		return -1;
	return buf_addc(b, '}');
}

json_t *
itemjson(struct store *s, const struct store_item *it)
{
	struct buf b = { 0 };
	json_t *o = NULL;

	if (itemjson_write(&b, s, it) == 0)
		o = json_loadb(b.s, b.len, 0, NULL);
	buf_free(&b);
	return o;
}

struct one {
	struct store	*s;
	json_t		*o;
};

static int
take_one(void *arg, const struct store_item *it)
{
	struct one *one = arg;

	one->o = itemjson(one->s, it);
	return 1;
}

json_t *
itemjson_by_id(struct store *s, int64_t id)
{
	struct one one = { s, NULL };

	store_item_get(s, id, take_one, &one);
	return one.o;
}
