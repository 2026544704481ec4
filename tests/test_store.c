/* The store: identity within a feed, stories across feeds, cursors,
 * tombstones, migrations.  Feeds are written here as documents and go
 * through the real parser, as they would in the daemon. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "feedd/ftstok.h"
#include "feedd/parse.h"
#include "feedd/store.h"
#include "feedd/text.h"
#include "tap.h"

#define T0	1700000000	/* "now" of the first poll */

struct items {
	struct feed_item *v[256];
	size_t n;
};

static void
collect(void *arg, struct feed_item *it)
{
	struct items *c = arg;

	if (c->n < 256)
		c->v[c->n++] = feed_item_dup(it);
}

static void
items_free(struct items *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		feed_item_free(c->v[i]);
	c->n = 0;
}

struct events {
	int64_t id[64];
	int update[64];
	int n;
};

static void
on_event(void *arg, int64_t id, int update)
{
	struct events *e = arg;

	if (e->n < 64) {
		e->id[e->n] = id;
		e->update[e->n++] = update;
	}
}

/* Parses doc and stores it as one poll of feed at time now. */
static int
poll_doc(struct store *s, int64_t feed, const char *doc, int64_t now,
    struct store_stats *st, struct events *ev)
{
	struct items c = { .n = 0 };
	struct feed_parser *p = feed_parser_new("https://feeds.example/", NULL,
	    collect, &c);
	struct store_poll poll = { .now = now, .status = 200,
	    .next_poll = now + 1800 };
	int rc;

	feed_parser_push(p, doc, strlen(doc));
	if (feed_parser_finish(p) == -1) {
		printf("# not a feed: %s\n", feed_parser_error(p));
		feed_parser_free(p);
		return -1;
	}
	if (ev)
		ev->n = 0;
	rc = store_ingest(s, feed, feed_parser_info(p), c.v, c.n, &poll, st,
	    ev ? on_event : NULL, ev);
	feed_parser_free(p);
	items_free(&c);
	return rc;
}

#define RSS_HEAD "<rss version=\"2.0\"><channel><title>%s</title>"
#define RSS_ITEM "<item><title>%s</title><link>%s</link><guid>%s</guid>" \
	"<description>%s</description></item>"

static char *
rss1(const char *feed, const char *title, const char *link, const char *guid,
    const char *summary)
{
	static char doc[8192];

	snprintf(doc, sizeof(doc), RSS_HEAD RSS_ITEM "</channel></rss>", feed,
	    title, link, guid, summary);
	return doc;
}

static int64_t
add_feed(struct store *s, const char *url)
{
	int64_t id = 0;

	store_feed_add(s, url, NULL, 0, 0, T0, &id);
	return id;
}

static int
count_cb(void *arg, const struct store_item *it)
{
	(void)it;
	++*(int *)arg;
	return 0;
}

static int
count_unread_cb(void *arg, const struct store_item *it)
{
	if (!it->read)
		++*(int *)arg;
	return 0;
}

/* test_store.db, as the sqlite3 shell would open it, but with the search
 * index's tokenizer. */
static int
raw_open(sqlite3 **db)
{
	int rc;

	if ((rc = sqlite3_open("test_store.db", db)) == SQLITE_OK)
		rc = ftstok_register(*db);
	return rc;
}

/* The one integer sql reads from test_store.db; -1 when unreadable. */
static int64_t
file_int(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	int64_t v = -1;

	if (raw_open(&db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

/* The schema version test_store.db says it has. */
static int
user_version(void)
{
	return (int)file_int("PRAGMA user_version");
}

static int64_t
story_of(struct store *s, int64_t item)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	int64_t story = -1;
	(void)s;

	if (raw_open(&db) != SQLITE_OK)
		return -1;
	sqlite3_prepare_v2(db, "SELECT story FROM items WHERE id = ?", -1, &q,
	    NULL);
	sqlite3_bind_int64(q, 1, item);
	if (sqlite3_step(q) == SQLITE_ROW)
		story = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return story;
}

static struct store *
fresh(void)
{
	char err[256];
	struct store *s;

	unlink("test_store.db");
	unlink("test_store.db-wal");
	unlink("test_store.db-shm");
	s = store_open("test_store.db", err, sizeof(err));
	if (s == NULL)
		printf("# %s\n", err);
	return s;
}

static const char *SUMMARY =
    "A fire tore through a warehouse in the port district of Oakland early "
    "on Tuesday, sending smoke over the bay; no one was hurt, officials said.";

static void
test_story_three_feeds(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	int64_t a, b, c, first, story;
	int n = 0;

	a = add_feed(s, "https://news.example.com/feed");
	b = add_feed(s, "https://partner.example.org/rss");
	c = add_feed(s, "https://aggregator.example.net/top");
	ok(poll_doc(s, a, rss1("Example News",
	    "Fire destroys warehouse in Oakland's port district",
	    "https://news.example.com/2026/11/oakland-fire", "en-1", SUMMARY),
	    T0, &st, &ev) == 0, "publisher's feed stored");
	is_int(st.new_stories, 1, "publisher: one new story");
	first = ev.n ? ev.id[0] : -1;
	story = story_of(s, first);
	ok(poll_doc(s, b, rss1("Partner",
	    "Fire destroys warehouse in Oakland\xe2\x80\x99s port district",
	    "http://www.news.example.com/2026/11/oakland-fire?utm_source=rss&amp;utm_medium=feed",
	    "partner-77", "Partner summary that differs entirely from the original text here."),
	    T0 + 60, &st, &ev) == 0, "partner's feed stored");
	is_int(st.new_items, 1, "partner: the item is stored");
	is_int(st.new_stories, 0, "partner: same canonical link, not a new story");
	is_int(ev.n, 0, "partner: no event");
	ok(poll_doc(s, c, rss1("Aggregator",
	    "Fire destroys warehouse in Oakland&#8217;s port district... - Example News",
	    "https://aggregator.example.net/r?u=abc123",
	    "agg-555", "Fire destroys warehouse in Oakland's port district Example News"),
	    T0 + 120, &st, &ev) == 0, "aggregator's feed stored");
	is_int(st.new_items, 1, "aggregator: the item is stored");
	is_int(st.new_stories, 0, "aggregator: title match, not a new story");
	ok(store_copies(s, story, first, count_cb, &n) == 2 && n == 2,
	    "the story links the other two copies");
	n = 0;
	store_new(s, "default", 0, 0, count_cb, &n);
	is_int(n, 1, "new: the story once");
	is_int(store_mark(s, first + 2, "read", 1), 0, "the aggregator's copy "
	    "marked read");
	n = 0;
	store_items(s, &(struct store_filter){ .unread = 1 }, count_cb, &n);
	is_int(n, 0, "reading one copy reads the story: no copy left unread");
	is_int(store_mark(s, first, "read", 0), 0, "the first item marked "
	    "unread");
	n = 0;
	store_items(s, &(struct store_filter){ .unread = 1 }, count_cb, &n);
	is_int(n, 1, "the story listed unread, once (items as new)");
	n = 0;
	store_copies(s, story, first, count_unread_cb, &n);
	is_int(n, 2, "and so are its copies");
	/* The same topic, a different event: a story of its own. */
	ok(poll_doc(s, c, rss1("Aggregator",
	    "Oakland warehouse fire: owner arrested on arson charges - Example News",
	    "https://aggregator.example.net/r?u=def456", "agg-556",
	    "Police arrested the owner of the Oakland warehouse that burned last "
	    "week on suspicion of arson, prosecutors said on Friday."),
	    T0 + 180, &st, &ev) == 0, "same-topic story stored");
	is_int(st.new_stories, 1, "a different event on the same topic stays apart");
	store_close(s);
}

static void
test_identity(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	int64_t f = add_feed(s, "https://blog.example/feed"), id;
	const char *doc1 = rss1("Blog", "Hello world", "https://blog.example/hello",
	    "post-1", "first version");

	poll_doc(s, f, doc1, T0, &st, &ev);
	is_int(st.new_items, 1, "first poll: one new item");
	id = ev.n ? ev.id[0] : -1;
	poll_doc(s, f, doc1, T0 + 60, &st, &ev);
	is_int(st.new_items, 0, "same document again: nothing new");
	is_int(st.unchanged, 1, "same document again: unchanged");
	is_int(ev.n, 0, "same document again: no event");
	poll_doc(s, f, rss1("Blog", "Hello, world!", "https://blog.example/hello",
	    "post-1", "second version"), T0 + 120, &st, &ev);
	is_int(st.updated, 1, "changed title and summary: an update");
	is_int(st.new_items, 0, "an update is not new");
	ok(ev.n == 1 && ev.update[0] == 1 && ev.id[0] == id,
	    "the update event carries the item's unchanged seq");
	/* A CMS republish: new guid, same canonical link and title. */
	poll_doc(s, f, rss1("Blog", "Hello, world!",
	    "https://blog.example/hello?utm_campaign=x", "urn:cms:9f8e",
	    "second version"), T0 + 180, &st, &ev);
	is_int(st.new_items, 0, "republished with a new guid: not new");
	poll_doc(s, f, rss1("Blog", "Hello, world!",
	    "https://blog.example/hello?utm_campaign=x", "urn:cms:9f8e",
	    "second version"), T0 + 240, &st, &ev);
	is_int(st.unchanged, 1, "the new guid is now the item's key");
	store_close(s);
}

static int
link_cb(void *arg, const struct store_item *it)
{
	snprintf(arg, 256, "%s", it->link ? it->link : "");
	return 0;
}

/* follow shows a story again when its text changed, not its link. */
static void
test_link_update(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	int64_t f = add_feed(s, "https://blog.example/feed"), id;
	char link[256] = "";

	poll_doc(s, f, rss1("Blog", "Library extends weekend opening hours",
	    "http://blog.example/library", "post-1", "From May on."), T0,
	    &st, &ev);
	id = ev.n ? ev.id[0] : -1;
	poll_doc(s, f, rss1("Blog", "Library extends weekend opening hours",
	    "https://www.blog.example/library?utm_source=rss", "post-1",
	    "From May on."), T0 + 60, &st, &ev);
	is_int(ev.n, 0, "a new link alone: no update event");
	store_item_get(s, id, link_cb, link);
	is_str(link, "https://www.blog.example/library?utm_source=rss",
	    "the new link is stored");
	poll_doc(s, f, rss1("Blog", "Library extends weekend opening hours",
	    "https://www.blog.example/library?utm_source=rss", "post-1",
	    "From May on."), T0 + 120, &st, &ev);
	is_int(st.unchanged, 1, "and is the item's from then on");
	poll_doc(s, f, rss1("Blog", "Library extends weekend opening hours",
	    "http://blog.example/library", "post-1", "From June on."),
	    T0 + 180, &st, &ev);
	ok(ev.n == 1 && ev.update[0] == 1 && ev.id[0] == id,
	    "a new link with a new summary: an update");
	store_close(s);
}

/* A CMS that republishes an item under a new guid often retouches the
 * headline's spelling: still the item it had, updated. */
static void
test_republished_headline(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	int64_t f = add_feed(s, "https://city.example/feed"), id;
	static const char link[] = "https://city.example/2024/05/stadium";

	poll_doc(s, f, rss1("City", "Council approves downtown stadium "
	    "financing plan", link, "https://city.example/?p=100", "Vote."),
	    T0, &st, &ev);
	id = ev.n ? ev.id[0] : -1;
	poll_doc(s, f, rss1("City", "UPDATE: Council Approves Downtown "
	    "Stadium Financing Plan", link, "https://city.example/?p=300",
	    "Vote."), T0 + 60, &st, &ev);
	is_int(st.new_items, 0, "new guid, same link, retouched headline: "
	    "not new");
	ok(ev.n == 1 && ev.update[0] == 1 && ev.id[0] == id,
	    "it updates the item it had");
	poll_doc(s, f, rss1("City", "Council rejects downtown stadium "
	    "financing plan", link, "https://city.example/?p=400", "Vote."),
	    T0 + 120, &st, &ev);
	is_int(st.new_stories, 1, "another headline under that link: new");
	store_close(s);
}

/* An RSS item with a pubDate, for the story window's date rule. */
static char *
rss_dated(const char *feed, const char *title, const char *link,
    const char *guid, const char *date)
{
	static char doc[8192];

	snprintf(doc, sizeof(doc), RSS_HEAD "<item><title>%s</title>"
	    "<link>%s</link><guid>%s</guid>%s%s%s</item></channel></rss>",
	    feed, title, link, guid, date ? "<pubDate>" : "",
	    date ? date : "", date ? "</pubDate>" : "");
	return doc;
}

/* Feeds polled together bring items of any age: a title matched within
 * the story window is one story only when the items' dates are within
 * it too. */
static void
test_story_dates(void)
{
	struct store *s = fresh();
	struct store_stats st;
	int64_t a = add_feed(s, "https://a.example/feed");
	int64_t b = add_feed(s, "https://b.example/feed");
	static const char title[] =
	    "Apple event: everything Apple announced today";

	poll_doc(s, a, rss_dated("A", title, "https://a.example/2023/event",
	    "a1", "Tue, 12 Sep 2023 19:00:00 GMT"), T0, &st, NULL);
	poll_doc(s, b, rss_dated("B", title, "https://b.example/2024/event",
	    "b1", "Mon, 09 Sep 2024 19:00:00 GMT"), T0 + 60, &st, NULL);
	is_int(st.new_stories, 1, "same title a year apart: a story of its own");
	poll_doc(s, b, rss_dated("B", "Microsoft patches actively exploited "
	    "Windows zero-day", "https://b.example/patch", "b2",
	    "Tue, 10 Sep 2024 18:00:00 GMT"), T0 + 120, &st, NULL);
	poll_doc(s, a, rss_dated("A", "Microsoft patches actively exploited "
	    "Windows zero-day", "https://a.example/patch", "a2",
	    "Tue, 10 Sep 2024 20:30:00 GMT"), T0 + 180, &st, NULL);
	is_int(st.new_stories, 0, "same title hours apart: one story");
	poll_doc(s, a, rss_dated("A", "Chip maker unveils its fastest laptop "
	    "processor", "https://a.example/chip", "a3",
	    "Tue, 10 Sep 2024 18:00:00 GMT"), T0 + 240, &st, NULL);
	poll_doc(s, b, rss_dated("B", "Chip maker unveils its fastest laptop "
	    "processor", "https://b.example/chip", "b3", NULL), T0 + 300,
	    &st, NULL);
	is_int(st.new_stories, 0, "a copy without a date: one story");
	store_close(s);
}

static void
test_no_guid_and_repeats(void)
{
	struct store *s = fresh();
	struct store_stats st;
	int64_t f = add_feed(s, "https://x.example/feed");
	const char *noguid = "<rss version=\"2.0\"><channel><title>X</title>"
	    "<item><title>A</title><link>https://x.example/a?utm_source=t</link></item>"
	    "<item><title>B</title><description>no link at all</description></item>"
	    "</channel></rss>";
	const char *repeats = "<rss version=\"2.0\"><channel><title>X</title>"
	    "<item><title>One</title><link>https://x.example/1</link><guid>same</guid></item>"
	    "<item><title>Two</title><link>https://x.example/2</link><guid>same</guid></item>"
	    "</channel></rss>";

	poll_doc(s, f, noguid, T0, &st, NULL);
	is_int(st.new_items, 2, "items without guid are keyed by link or hash");
	poll_doc(s, f, noguid, T0 + 60, &st, NULL);
	is_int(st.new_items, 0, "and found again");
	poll_doc(s, f, repeats, T0 + 120, &st, NULL);
	is_int(st.new_items, 2, "a guid repeated in one document: guid + link");
	poll_doc(s, f, repeats, T0 + 180, &st, NULL);
	is_int(st.new_items, 0, "and found again");
	store_close(s);
}

static void
test_tombstones(void)
{
	struct store *s = fresh();
	struct store_stats st;
	int64_t f = add_feed(s, "https://y.example/feed");
	const char *doc = "<rss version=\"2.0\"><channel><title>Y</title>"
	    "<item><title>New</title><guid>n</guid></item>"
	    "<item><title>Old</title><guid>o</guid></item>"
	    "</channel></rss>";
	int purged = 0, n = 0;

	poll_doc(s, f, doc, T0, &st, NULL);
	is_int(st.new_items, 2, "two items");
	store_set_retention(s, 0, 1);
	ok(store_purge(s, T0 + 60, &purged) == 0, "purge runs");
	is_int(purged, 1, "the oldest item beyond the cap is purged");
	poll_doc(s, f, doc, T0 + 120, &st, NULL);
	is_int(st.new_items, 0, "a purged item in the feed again is not new");
	is_int(st.skipped, 1, "it is skipped by its tombstone");
	store_items(s, &(struct store_filter){ .feed = f }, count_cb, &n);
	is_int(n, 1, "and not stored again");
	store_close(s);
}

struct ids {
	int64_t v[16];
	int n;
};

static int
id_list_cb(void *arg, const struct store_item *it)
{
	struct ids *c = arg;

	if (c->n < 16)
		c->v[c->n++] = it->id;
	return 0;
}

/* Item ids of feed, newest first. */
static struct ids
feed_ids(struct store *s, int64_t feed)
{
	struct ids c = { .n = 0 };

	store_items(s, &(struct store_filter){ .feed = feed }, id_list_cb, &c);
	return c;
}

/* One poll of feed with items tag1..tagn. */
static void
poll_n(struct store *s, int64_t feed, const char *tag, int n, int64_t now)
{
	char doc[4096];
	size_t len;
	struct store_stats st;
	int i;

	len = (size_t)snprintf(doc, sizeof(doc), "<rss version=\"2.0\">"
	    "<channel><title>%s</title>", tag);
	for (i = 1; i <= n; i++)
		len += (size_t)snprintf(doc + len, sizeof(doc) - len,
		    "<item><title>%s story number %d told</title>"
		    "<guid>%s%d</guid></item>", tag, i, tag, i);
	snprintf(doc + len, sizeof(doc) - len, "</channel></rss>");
	poll_doc(s, feed, doc, now, &st, NULL);
}

/* Retention by age and by count per feed; starred items always stay. */
static void
test_retention(void)
{
	struct store *s = fresh();
	int64_t a = add_feed(s, "https://a.example/feed");
	int64_t b = add_feed(s, "https://b.example/feed");
	int64_t c = add_feed(s, "https://c.example/feed");
	int64_t d = add_feed(s, "https://d.example/feed");
	struct ids ia, ib, id;
	int64_t star;
	int purged = -1;

	poll_n(s, a, "a", 5, T0);
	poll_n(s, c, "c", 2, T0 + 60);
	poll_n(s, b, "b", 3, T0 + 10 * 86400);
	ia = feed_ids(s, a);
	is_int(ia.n, 5, "retention: five items in a");
	star = ia.v[4];
	store_mark(s, star, "starred", 1);	/* a's oldest */
	store_set_retention(s, 5 * 86400, 0);
	ok(store_purge(s, T0 + 11 * 86400, &purged) == 0, "retention: by age");
	is_int(purged, 6, "retention: what is older goes but the starred");
	ia = feed_ids(s, a);
	ok(ia.n == 1 && ia.v[0] == star, "retention: a keeps its starred "
	    "item");
	is_int(feed_ids(s, c).n, 0, "retention: c is empty");
	is_int(feed_ids(s, b).n, 3, "retention: b is young enough");
	ok(store_purge(s, T0 + 11 * 86400, &purged) == 0 && purged == 0,
	    "retention: nothing more to purge");

	poll_n(s, d, "d", 4, T0 + 10 * 86400 + 60);
	id = feed_ids(s, d);
	store_mark(s, id.v[0], "starred", 1);	/* d's newest and oldest */
	store_mark(s, id.v[3], "starred", 1);
	store_set_retention(s, 0, 2);
	ib = feed_ids(s, b);
	ok(store_purge(s, T0 + 11 * 86400, &purged) == 0, "retention: by count");
	is_int(purged, 2, "retention: b's oldest and d's third go");
	ok(feed_ids(s, b).n == 2 && feed_ids(s, b).v[0] == ib.v[0] &&
	    feed_ids(s, b).v[1] == ib.v[1], "retention: b keeps its two newest");
	id = feed_ids(s, d);
	is_int(id.n, 3, "retention: d keeps two newest and the starred oldest");
	is_int(feed_ids(s, a).n, 1, "retention: a's one item stays");
	ok(store_purge(s, T0 + 11 * 86400, &purged) == 0 && purged == 0,
	    "retention: by count, nothing more");
	store_close(s);
}

/* Items in feed as ids, newest first; then the story of the newest. */
static int64_t
newest_story(struct store *s, int64_t feed)
{
	struct ids c = feed_ids(s, feed);

	return c.n ? story_of(s, c.v[0]) : -1;
}

/* A story whose items were all purged is still no new story when another
 * feed carries it later under the same canonical link: it joins the old
 * story, stored but not shown. */
static void
test_gone_links(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	int64_t a = add_feed(s, "https://gone-a.example/feed");
	int64_t b = add_feed(s, "https://gone-b.example/feed");
	int64_t c = add_feed(s, "https://gone-c.example/feed");
	int64_t story;
	int n = 0, purged = 0;

	poll_doc(s, a, rss1("A", "Bridge over the estuary opens to traffic",
	    "https://news.example/2026/bridge", "a1", "x"), T0, &st, &ev);
	ok(st.new_stories == 1 && ev.n == 1, "gone: a's story is new");
	story = ev.n ? ev.id[0] : -1;
	store_new(s, "reader", 0, 0, count_cb, &n);
	is_int(n, 1, "gone: the reader sees it");
	store_set_retention(s, 5 * 86400, 0);
	ok(store_purge(s, T0 + 6 * 86400, &purged) == 0 && purged == 1,
	    "gone: retention purges it");
	/* Another title: only the link can tell it is the same story. */
	poll_doc(s, b, rss1("B", "Traffic flows across the new crossing",
	    "http://www.news.example/2026/bridge?utm_source=b", "b1", "y"),
	    T0 + 7 * 86400, &st, &ev);
	is_int(st.new_items, 1, "gone: b's copy is stored");
	ok(st.new_stories == 0 && ev.n == 0, "gone: b's copy of the purged "
	    "story is no new story, and no event");
	n = 0;
	store_new(s, "reader", 0, 0, count_cb, &n);
	is_int(n, 0, "gone: the reader does not see it again");
	n = 0;
	store_new(s, "newcomer", 0, 1, count_cb, &n);
	is_int(n, 0, "gone: nor does a new cursor");
	is_int(newest_story(s, b), story, "gone: b's copy joins the old story");
	poll_doc(s, b, rss1("B", "Traffic flows across the new crossing",
	    "http://www.news.example/2026/bridge?utm_source=b", "b1", "y"),
	    T0 + 7 * 86400 + 60, &st, &ev);
	is_int(st.unchanged, 1, "gone: b polled again: its copy is unchanged");
	poll_doc(s, c, rss1("C", "Bridge opens",
	    "https://news.example/2026/bridge", "c1", "z"),
	    T0 + 7 * 86400 + 120, &st, &ev);
	ok(st.new_items == 1 && st.new_stories == 0, "gone: a third feed's "
	    "copy is no new story either");
	is_int(newest_story(s, c), story, "gone: and joins the same story");
	/* a again, the item under a new guid: its tombstone does not match,
	 * the link does. */
	poll_doc(s, a, rss1("A", "Bridge over the estuary opens to traffic",
	    "https://news.example/2026/bridge", "urn:cms:a1", "x"),
	    T0 + 7 * 86400 + 180, &st, &ev);
	ok(st.new_items == 1 && st.new_stories == 0, "gone: the first feed "
	    "republishing it under a new guid: no new story");
	poll_doc(s, b, rss1("B", "Another story of b's own",
	    "https://news.example/2026/other", "b2", "w"),
	    T0 + 7 * 86400 + 240, &st, &ev);
	is_int(st.new_stories, 1, "gone: a link never purged is a new story");
	store_close(s);
}

/* A purged story's link is remembered until twice the retention after
 * it was first seen; then another feed's copy is a new story again. */
static void
test_gone_links_expire(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	int64_t a = add_feed(s, "https://gone-a.example/feed");
	int64_t b = add_feed(s, "https://gone-b.example/feed");
	int64_t c = add_feed(s, "https://gone-c.example/feed");
	const char *two = "<rss version=\"2.0\"><channel><title>A</title>"
	    "<item><title>Harbour seals counted from the air</title>"
	    "<link>https://news.example/2026/seals</link><guid>a1</guid></item>"
	    "<item><title>Night ferry timetable changes in spring</title>"
	    "<link>https://news.example/2026/ferry</link><guid>a2</guid></item>"
	    "</channel></rss>";
	int purged = 0;

	poll_doc(s, a, two, T0, &st, &ev);
	is_int(st.new_stories, 2, "gone, expiry: two stories");
	store_set_retention(s, 5 * 86400, 0);
	store_purge(s, T0 + 6 * 86400, &purged);
	is_int(purged, 2, "gone, expiry: both purged after 5 days");
	store_purge(s, T0 + 9 * 86400, &purged);
	poll_doc(s, b, rss1("B", "Seal count",
	    "https://news.example/2026/seals", "b1", "y"), T0 + 9 * 86400,
	    &st, &ev);
	is_int(st.new_stories, 0, "gone, expiry: remembered 9 days after it "
	    "was first seen");
	ok(store_purge(s, T0 + 10 * 86400 + 1, &purged) == 0 && purged == 0,
	    "gone, expiry: a purge past twice the retention");
	poll_doc(s, c, rss1("C", "Ferry timetable",
	    "https://news.example/2026/ferry", "c1", "y"), T0 + 10 * 86400 + 2,
	    &st, &ev);
	is_int(st.new_stories, 1, "gone, expiry: forgotten then: a new story "
	    "again");
	store_close(s);
}

/* before: the next page of a newest-first listing starts below the
 * smallest id of the last one. */
static void
test_items_before(void)
{
	struct store *s = fresh();
	int64_t a = add_feed(s, "https://pa.example/feed");
	int64_t b = add_feed(s, "https://pb.example/feed");
	struct ids all, page = { .n = 0 };

	poll_n(s, a, "pa", 5, T0);
	poll_n(s, b, "pb", 2, T0 + 60);
	all = feed_ids(s, a);
	is_int(all.n, 5, "before: five items in a");
	store_items(s, &(struct store_filter){ .feed = a, .before = all.v[1],
	    .limit = 2 }, id_list_cb, &page);
	ok(page.n == 2 && page.v[0] == all.v[2] && page.v[1] == all.v[3],
	    "before: the next two below it, newest first");
	page.n = 0;
	store_items(s, &(struct store_filter){ .feed = a, .before = all.v[3] },
	    id_list_cb, &page);
	ok(page.n == 1 && page.v[0] == all.v[4], "before: the last page");
	page.n = 0;
	store_items(s, &(struct store_filter){ .feed = a, .before = all.v[4] },
	    id_list_cb, &page);
	is_int(page.n, 0, "before the oldest: nothing");
	page.n = 0;
	store_items(s, &(struct store_filter){ .before = all.v[0] + 1 },
	    id_list_cb, &page);
	is_int(page.n, 5, "before, no feed: b's later items are left out");
	store_close(s);
}

/* A clock once 100 days ahead stamped e's item: it stays until then, and
 * what came after it, with the clock right again, still goes when old. */
static void
test_retention_clock(void)
{
	struct store *s = fresh();
	int64_t e = add_feed(s, "https://e.example/feed");
	int64_t f = add_feed(s, "https://f.example/feed");
	int purged = -1;

	poll_n(s, e, "e", 1, T0 + 100 * 86400);
	poll_n(s, f, "f", 2, T0);
	poll_n(s, f, "g", 1, T0 + 10 * 86400);
	store_set_retention(s, 5 * 86400, 0);
	ok(store_purge(s, T0 + 11 * 86400, &purged) == 0, "retention: after "
	    "a clock ahead");
	is_int(purged, 2, "retention: old items past a future one go");
	is_int(feed_ids(s, e).n, 1, "retention: the future one stays");
	is_int(feed_ids(s, f).n, 1, "retention: the young one stays");
	store_close(s);
}

static void
test_cursors_and_search(void)
{
	struct store *s = fresh();
	struct store_stats st;
	int64_t f = add_feed(s, "https://z.example/feed"), seq;
	int n = 0;

	poll_doc(s, f, rss1("Z", "Aardvarks migrate north",
	    "https://z.example/1", "1", "zebra crossing"), T0, &st, NULL);
	store_new(s, "alice", 0, 1, count_cb, &n);
	is_int(n, 1, "peek shows the new story");
	n = 0;
	store_new(s, "alice", 0, 0, count_cb, &n);
	is_int(n, 1, "new shows it and advances");
	n = 0;
	store_new(s, "alice", 0, 0, count_cb, &n);
	is_int(n, 0, "a second new shows nothing");
	n = 0;
	store_new(s, "bob", 0, 0, count_cb, &n);
	is_int(n, 1, "another cursor is independent");
	ok(store_cursor_get(s, "alice", &seq) == 0 && seq > 0, "cursor stored");
	{
		/* advance: what a reader that peeked moves it by. */
		int64_t at = -1;
		ok(store_cursor_advance(s, "carol", seq) == 0 &&
		    store_cursor_get(s, "carol", &at) == 0 && at == seq,
		    "advance creates a cursor at seq");
		ok(store_cursor_advance(s, "carol", seq - 1) == 0 &&
		    store_cursor_get(s, "carol", &at) == 0 && at == seq,
		    "advance never moves a cursor back (another reader was "
		    "further)");
		ok(store_cursor_advance(s, "carol", seq + 5) == 0 &&
		    store_cursor_get(s, "carol", &at) == 0 && at == seq + 5,
		    "advance moves it forward");
	}
	n = 0;
	store_items(s, &(struct store_filter){ .query = "aardvarks" }, count_cb, &n);
	is_int(n, 1, "full-text search finds the title");
	n = 0;
	store_items(s, &(struct store_filter){ .query = "zebra" }, count_cb, &n);
	is_int(n, 1, "full-text search finds the summary");
	n = 0;
	store_items(s, &(struct store_filter){ .query = "giraffe" }, count_cb, &n);
	is_int(n, 0, "and not what is not there");
	is_int(store_mark(s, seq, "starred", 1), 0, "star an item");
	n = 0;
	store_items(s, &(struct store_filter){ .starred = 1 }, count_cb, &n);
	is_int(n, 1, "starred filter");
	is_int(store_mark(s, 999999, "read", 1), 1, "marking a missing item says so");
	store_close(s);
	/* Cursors live in the database. */
	{
		char err[256];
		s = store_open("test_store.db", err, sizeof(err));
		n = 0;
		store_new(s, "alice", 0, 0, count_cb, &n);
		is_int(n, 0, "cursor survives a reopen");
		store_close(s);
	}
}

/* What feedd's plain_text() gives (store.c), for a connection of the
 * test's own that reads the index's view. */
static void
html_plain(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const char *h = (const char *)sqlite3_value_text(v[0]);
	int len = sqlite3_value_bytes(v[0]);

	(void)argc;
	if (h == NULL || !text_has_markup(h, (size_t)len))
		sqlite3_result_value(c, v[0]);
	else
		sqlite3_result_text(c, text_from_html(h, (size_t)len), -1,
		    free);
}

/* FTS5's own check of the index against the text it says it holds: a
 * 'delete' given other text than was indexed fails it. */
static int
fts_consistent(void)
{
	sqlite3 *db;
	int rc;

	if (raw_open(&db) != SQLITE_OK)
		return 0;
	sqlite3_create_function(db, "plain_text", 1, SQLITE_UTF8, NULL,
	    html_plain, NULL, NULL);
	rc = sqlite3_exec(db, "INSERT INTO items_fts(items_fts, rank)"
	    " VALUES ('integrity-check', 1)", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		printf("# %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK;
}

static int
search_count(struct store *s, const char *query)
{
	int n = 0;

	if (store_items(s, &(struct store_filter){ .query = query }, count_cb,
	    &n) == -1)
		return -1;
	return n;
}

#define HTML_SUMMARY "&lt;p class=\"strong\"&gt;Hello &lt;a " \
	"href=\"https://img.example/x.jpg\"&gt;world&lt;/a&gt;&lt;/p&gt;"

/* The index holds the words a reader sees, not the markup around them. */
static void
test_search_text(void)
{
	struct store *s = fresh();
	struct store_stats st;
	int64_t f = add_feed(s, "https://h.example/feed");

	poll_doc(s, f, rss1("H", "Plain story", "https://h.example/1", "h1",
	    HTML_SUMMARY), T0, &st, NULL);
	is_int(search_count(s, "world"), 1, "search: a word of the HTML's text");
	is_int(search_count(s, "hello"), 1, "search: its first word");
	is_int(search_count(s, "href"), 0, "search: not an attribute name");
	is_int(search_count(s, "strong"), 0, "search: not an attribute value");
	is_int(search_count(s, "jpg"), 0, "search: not a URL in a tag");
	ok(fts_consistent(), "search: the index agrees with the items");
	poll_doc(s, f, rss1("H", "Plain story", "https://h.example/1", "h1",
	    "&lt;b&gt;Goodbye&lt;/b&gt; moon"), T0 + 60, &st, NULL);
	is_int(st.updated, 1, "search: the item's text changed");
	is_int(search_count(s, "world"), 0, "search: its old words are gone");
	is_int(search_count(s, "moon"), 1, "search: its new ones are found");
	ok(fts_consistent(), "search: the index agrees after the update");
	is_int(store_feed_remove(s, f), 0, "search: the feed removed");
	is_int(search_count(s, "moon"), 0, "search: its items are gone");
	ok(fts_consistent(), "search: the index agrees after the removal");
	store_close(s);
}

/* Chinese, Japanese and Korean runs are one token per character, so a
 * word inside a run is found (as a phrase) and Latin words are folded as
 * unicode61 folds them. */
static void
test_search_cjk(void)
{
	struct store *s = fresh();
	struct store_stats st;
	int64_t f = add_feed(s, "https://c.example/feed");

	poll_doc(s, f, rss1("C", "東京都の天気は晴れ", "https://c.example/1",
	    "c1", "Der neue iPhone新モデルは&lt;b&gt;Café&lt;/b&gt;で"),
	    T0, &st, NULL);
	poll_doc(s, f, rss1("C", "서울에서 열린 회의", "https://c.example/2",
	    "c2", "北京大学"), T0 + 60, &st, NULL);
	is_int(st.new_items, 1, "cjk: two items stored");
	is_int(search_count(s, "東京"), 1, "cjk: a word at the start of a run");
	is_int(search_count(s, "天気"), 1, "cjk: a word inside a run");
	is_int(search_count(s, "京東"), 0, "cjk: its characters in another "
	    "order are not it");
	is_int(search_count(s, "モデル"), 1, "cjk: katakana after Latin "
	    "letters");
	is_int(search_count(s, "iphone"), 1, "cjk: the Latin letters before "
	    "it, folded");
	is_int(search_count(s, "cafe"), 1, "cjk: diacritics removed as before");
	is_int(search_count(s, "서울"), 1, "cjk: Hangul before a particle");
	is_int(search_count(s, "大学"), 1, "cjk: the other item's summary");
	is_int(search_count(s, "京"), 2, "cjk: one character, in both items");
	is_int(search_count(s, "title:京"), 1, "cjk: a column filter");
	is_int(search_count(s, "\"晴れ\" OR 회의"), 2, "cjk: OR of two words");
	ok(fts_consistent(), "cjk: the index agrees with the items");
	poll_doc(s, f, rss1("C", "大阪の天気は雨", "https://c.example/1", "c1",
	    "更新"), T0 + 120, &st, NULL);
	is_int(st.updated, 1, "cjk: an item's text changed");
	is_int(search_count(s, "東京"), 0, "cjk: its old words are gone");
	is_int(search_count(s, "大阪"), 1, "cjk: its new ones are found");
	ok(fts_consistent(), "cjk: the index agrees after the update");
	is_int(store_feed_remove(s, f), 0, "cjk: the feed removed");
	is_int(search_count(s, "天気"), 0, "cjk: its items are gone");
	ok(fts_consistent(), "cjk: the index agrees after the removal");
	store_close(s);
}

/* Schema 9's index took a CJK run for one word: migration 9 builds it
 * again with the tokenizer that splits them. */
static void
test_migration_from_v9(void)
{
	struct store *s = fresh();
	struct store_stats st;
	sqlite3 *db;
	char err[256];
	int64_t f = add_feed(s, "https://c.example/feed");

	poll_doc(s, f, rss1("C", "東京都の天気", "https://c.example/1", "c1",
	    "x"), T0, &st, NULL);
	store_close(s);
	raw_open(&db);
	sqlite3_create_function(db, "plain_text", 1, SQLITE_UTF8, NULL,
	    html_plain, NULL, NULL);
	sqlite3_exec(db, "DROP TABLE items_fts;"
	    "CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, content,"
	    " content='items_text', content_rowid='id');"
	    "INSERT INTO items_fts(items_fts) VALUES ('rebuild');"
	    "PRAGMA user_version = 9", NULL, NULL, NULL);
	sqlite3_close(db);
	is_int(file_int("SELECT count(*) FROM items_fts WHERE items_fts MATCH"
	    " '天気'"), 0, "v9 fixture: a word inside a run is not found");
	s = store_open("test_store.db", err, sizeof(err));
	if (!ok(s != NULL, "version 9 opens and is migrated")) {
		printf("# %s\n", err);
		return;
	}
	is_int(user_version(), 10, "migration 9: schema version 10");
	is_int(search_count(s, "天気"), 1, "migration 9: the word is found");
	ok(fts_consistent(), "migration 9: the index agrees with the items");
	store_close(s);
}

/* Text from other rules, or another libxml2, is not deleted from the
 * index by this one's: the index is built again. */
static void
test_search_text_version(void)
{
	struct store *s = fresh();
	struct store_stats st;
	char err[256];
	int64_t f = add_feed(s, "https://h.example/feed");

	poll_doc(s, f, rss1("H", "Plain story", "https://h.example/1", "h1",
	    HTML_SUMMARY), T0, &st, NULL);
	is_int(search_count(s, "world"), 1, "text version: indexed");
	store_close(s);
	is_int(file_int("SELECT seq > 0 AND text_version LIKE '% libxml2 %'"
	    " FROM fts_state"), 1, "text version: recorded with the index");
	{
		sqlite3 *db;
		raw_open(&db);
		sqlite3_exec(db, "UPDATE fts_state SET text_version = '0 old'",
		    NULL, NULL, NULL);
		sqlite3_close(db);
	}
	s = store_open("test_store.db", err, sizeof(err));
	is_int(file_int("SELECT seq FROM fts_state"), 0,
	    "text version changed: the index is emptied at open");
	is_int(file_int("SELECT count(*) FROM items_fts WHERE items_fts"
	    " MATCH 'world'"), 0, "and holds nothing of the old text");
	is_int(search_count(s, "world"), 1, "and is built again");
	ok(fts_consistent(), "text version: the index agrees with the items");
	store_close(s);
}

/* Schema 4 indexed the HTML itself: its index is dropped and built again
 * from the text.  Migration 6 respells its feed URLs. */
static void
test_migration_from_v4(void)
{
	struct store *s = fresh();
	struct store_stats st;
	sqlite3 *db;
	char err[256];
	int64_t f = add_feed(s, "https://h.example/feed");

	poll_doc(s, f, rss1("H", "Plain story", "https://h.example/1", "h1",
	    HTML_SUMMARY), T0, &st, NULL);
	store_close(s);
	raw_open(&db);
	sqlite3_exec(db, "DROP TRIGGER items_ad; DROP TRIGGER items_au;"
	    "DROP TABLE items_fts; DROP VIEW items_text;"
	    "CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, content,"
	    " content='items', content_rowid='id');"
	    "INSERT INTO items_fts(items_fts) VALUES ('rebuild');"
	    "UPDATE fts_state SET seq = (SELECT max(id) FROM items);"
	    /* Feed URLs as schema 5 and before took them. */
	    "INSERT INTO feeds (url, added) VALUES"
	    " ('HTTP://Odd.example/./feed#top', 0),"
	    " ('http://dup.example/feed', 0), ('HTTP://DUP.example/feed', 0);"
	    "ALTER TABLE fts_state DROP COLUMN text_version;"
	    "DROP TRIGGER items_gone; DROP TABLE gone_links;"
	    "ALTER TABLE feeds DROP COLUMN note;"
	    "PRAGMA user_version = 4", NULL, NULL, NULL);
	sqlite3_close(db);
	is_int(file_int("SELECT count(*) FROM items_fts WHERE items_fts MATCH"
	    " 'href'"), 1, "v4 fixture: the markup is indexed");
	s = store_open("test_store.db", err, sizeof(err));
	if (!ok(s != NULL, "version 4 opens and is migrated")) {
		printf("# %s\n", err);
		return;
	}
	is_int(user_version(), 10, "schema version 10");
	is_int(search_count(s, "href"), 0, "after the migration the markup is "
	    "not found");
	is_int(search_count(s, "world"), 1, "and the text is");
	ok(fts_consistent(), "the rebuilt index agrees with the items");
	store_close(s);
	is_int(file_int("SELECT count(*) FROM feeds WHERE url ="
	    " 'http://odd.example/feed'"), 1, "migration 6: a feed URL in the "
	    "one spelling");
	is_int(file_int("SELECT count(*) FROM feeds WHERE url IN"
	    " ('http://dup.example/feed', 'HTTP://DUP.example/feed')"), 2,
	    "migration 6: one whose spelling another feed has keeps its own");
}

/* Schema 7 kept no links of purged stories: migration 8 adds the table
 * (empty: what went before is not known), and from then on a purge
 * fills it. */
static void
test_migration_from_v7(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	sqlite3 *db;
	char err[256];
	int64_t a = add_feed(s, "https://m7a.example/feed");
	int64_t b = add_feed(s, "https://m7b.example/feed");
	int purged = 0;

	poll_doc(s, a, rss1("A", "Old pier reopens after repairs",
	    "https://m7.example/pier", "a1", "x"), T0, &st, &ev);
	store_close(s);
	raw_open(&db);
	is_int(sqlite3_exec(db, "DROP TRIGGER items_gone; DROP TABLE"
	    " gone_links; ALTER TABLE feeds DROP COLUMN note;"
	    " PRAGMA user_version = 7", NULL, NULL, NULL),
	    SQLITE_OK, "v7 fixture: no gone_links");
	sqlite3_close(db);
	s = store_open("test_store.db", err, sizeof(err));
	if (!ok(s != NULL, "version 7 opens and is migrated")) {
		printf("# %s\n", err);
		return;
	}
	is_int(user_version(), 10, "migration 8: schema version 10");
	is_int(file_int("SELECT count(*) FROM gone_links"), 0,
	    "migration 8: gone_links is there, empty");
	store_set_retention(s, 5 * 86400, 0);
	store_purge(s, T0 + 6 * 86400, &purged);
	is_int(file_int("SELECT count(*) FROM gone_links WHERE canon LIKE"
	    " '%//m7.example/pier'"), 1, "migration 8: a purge keeps the "
	    "link");
	poll_doc(s, b, rss1("B", "Pier reopens",
	    "https://m7.example/pier", "b1", "y"), T0 + 7 * 86400, &st, &ev);
	ok(st.new_items == 1 && st.new_stories == 0, "migration 8: another "
	    "feed's copy is no new story");
	store_close(s);
}

static void
test_newer_schema_refused(void)
{
	struct store *s = fresh();
	sqlite3 *db;
	char err[256];
	int v;

	store_close(s);
	raw_open(&db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	s = store_open("test_store.db", err, sizeof(err));
	ok(s == NULL, "a database from a newer feedd is refused");
	ok(strstr(err, "newer") != NULL, "with a clear message");
	printf("# %s\n", err);
	v = user_version();
	is_int(v, 99, "and left untouched");
	store_close(s);
}

/* Someone else's database, or a directory, is refused and left alone. */
static void
test_foreign_refused(void)
{
	struct store *s;
	sqlite3 *db;
	char err[256];

	unlink("test_store.db");
	unlink("test_store.db-wal");
	unlink("test_store.db-shm");
	raw_open(&db);
	sqlite3_exec(db, "CREATE TABLE notes (x); INSERT INTO notes"
	    " VALUES ('precious')", NULL, NULL, NULL);
	sqlite3_close(db);
	s = store_open("test_store.db", err, sizeof(err));
	ok(s == NULL && strstr(err, "not a feedd database") != NULL,
	    "a database with tables of its own is refused, saying so");
	printf("# %s\n", err);
	store_close(s);
	is_int(file_int("SELECT count(*) FROM sqlite_master"), 1,
	    "and gets no table of feedd's");
	is_int(file_int("SELECT count(*) FROM notes"), 1, "its rows are kept");
	{
		sqlite3_stmt *q;
		const char *mode = "?";
		raw_open(&db);
		if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q,
		    NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
			mode = (const char *)sqlite3_column_text(q, 0);
		is_str(mode, "delete", "its journal mode is left as it was");
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
	mkdir("test_store.dir", 0700);
	s = store_open("test_store.dir", err, sizeof(err));
	ok(s == NULL && strstr(err, "test_store.dir: is a directory") != NULL,
	    "a directory is refused, saying so");
	store_close(s);
	rmdir("test_store.dir");
}

static int
ids_cb(void *arg, const struct store_item *it)
{
	char *s = arg;
	size_t n = strlen(s);

	snprintf(s + n, 128 - n, "%s%lld", n ? "," : "", (long long)it->id);
	return 0;
}

static char *
read_fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[1024];
	FILE *f;
	char *text;
	long n;

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", top ? top : ".",
	    name);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if ((text = calloc(1, n + 1)) != NULL && fread(text, 1, n, f) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

/* Polls nfeeds new feeds of 250 items each (a poll here keeps 256):
 * item i is titled by title(i), linked https://a.example/post/i, all
 * polled at T0.  *stored and *stories add up what was new. */
static void
poll_many(struct store *s, int nfeeds, const char *(*title)(int),
    int *stored, int *stories)
{
	struct store_stats st;
	struct events ev;
	char *doc = malloc(250 * 200 + 256), url[64];
	size_t len;
	int i, f;

	*stored = *stories = 0;
	for (f = 0; f < nfeeds; f++) {
		snprintf(url, sizeof(url), "https://a.example/feed/%d", f);
		len = (size_t)sprintf(doc, RSS_HEAD, "A");
		for (i = f * 250; i < (f + 1) * 250; i++)
			len += (size_t)sprintf(doc + len, "<item><title>%s"
			    "</title><link>https://a.example/post/%d</link>"
			    "<guid>a%d</guid></item>", title(i), i, i);
		strcpy(doc + len, "</channel></rss>");
		poll_doc(s, add_feed(s, url), doc, T0, &st, &ev);
		*stored += st.new_items;
		*stories += st.new_stories;
	}
	free(doc);
}

static const char *
item_of_many(int i)
{
	static char t[64];

	snprintf(t, sizeof(t), "Item %d of many", i);
	return t;
}

/* Links are looked up through a Bloom filter first, built at the first
 * poll and rebuilt when it fills (at 65,536 links): a link stored before
 * the rebuild, and one after, must still be found. */
static void
test_link_filter(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	char line[256];
	int64_t c = add_feed(s, "https://c.example/feed");
	int stored, stories;

	/* 264 feeds of 250 items: 66,000 links. */
	poll_many(s, 264, item_of_many, &stored, &stories);
	is_int(stored, 66000, "link filter: 66,000 items stored");
	poll_doc(s, c, rss1("C", "A rewritten headline",
	    "http://a.example/post/5?utm_source=c", "c1", "x"), T0 + 60, &st,
	    &ev);
	is_int(st.new_stories, 0, "link filter: a link stored before it "
	    "was rebuilt is found");
	poll_doc(s, c, rss1("C", "Another rewritten headline",
	    "https://a.example/post/65999", "c2", "x"), T0 + 120, &st, &ev);
	is_int(st.new_stories, 0, "link filter: a link stored after it was "
	    "rebuilt is found");
	poll_doc(s, c, rss1("C", "A story of its own",
	    "https://c.example/post/1", "c3", "x"), T0 + 180, &st, &ev);
	is_int(st.new_stories, 1, "link filter: a new link is a new story");
	store_close(s);
	s = store_open("test_store.db", line, sizeof(line));
	poll_doc(s, c, rss1("C", "Yet another headline",
	    "https://a.example/post/7", "c4", "x"), T0 + 240, &st, &ev);
	is_int(st.new_stories, 0, "link filter: after a restart, loaded from "
	    "the database");
	store_close(s);
}

/* A made-up word of 4-9 letters, from a fixed sequence. */
static void
word(unsigned *seed, char *w)
{
	int i, n;

	*seed = *seed * 1103515245u + 12345u;
	n = 4 + (int)(*seed >> 16) % 6;
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		w[i] = (char)('a' + (*seed >> 16) % 26);
	}
	w[n] = '\0';
}

/* Seven made-up words: as a title, and re-punctuated as another outlet
 * would write it. */
static void
headline(unsigned seed, char *title, char *copy)
{
	char w[16];
	int i;

	title[0] = copy[0] = '\0';
	for (i = 0; i < 7; i++) {
		word(&seed, w);
		sprintf(title + strlen(title), "%s%s", i ? " " : "", w);
		if (i == 0)
			w[0] = (char)(w[0] - 'a' + 'A');
		sprintf(copy + strlen(copy), "%s%s%s", i ? " " : "", w,
		    i == 2 ? ":" : i == 6 ? "!" : "");
	}
}

/* The title of headline(i). */
static const char *
headline_of(int i)
{
	static char title[128];
	char copy[128];	/* not wanted here */

	headline((unsigned)i, title, copy);
	return title;
}

/* A title copied from a story with 20,000 newer ones in the window is
 * found through the story index's chains (test_sindex checks the walk
 * itself against a walk band by band). */
static void
test_story_among_many(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	char title[128], copy[128];
	int64_t c = add_feed(s, "https://c.example/feed");
	int stored, stories;

	poll_many(s, 82, headline_of, &stored, &stories);
	is_int(stories, 20500, "many: 20,500 stories");
	headline(123, title, copy);
	poll_doc(s, c, rss1("C", copy, "https://c.example/1", "c1", "x"),
	    T0 + 60, &st, &ev);
	is_int(st.new_stories, 0, "many: a re-punctuated title is the story "
	    "of an item 20,000 stories before");
	is_int(file_int("SELECT story FROM items WHERE guid = 'c1'"),
	    file_int("SELECT id FROM items WHERE guid = 'a123'"),
	    "many: it is a copy of that story");
	headline(99999, title, copy);
	poll_doc(s, c, rss1("C", copy, "https://c.example/2", "c2", "x"),
	    T0 + 120, &st, &ev);
	is_int(st.new_stories, 1, "many: a title of its own is a new story");
	store_close(s);
}

static off_t
wal_file_size(void)
{
	struct stat sb;

	return stat("test_store.db-wal", &sb) == 0 ? sb.st_size : -1;
}

/* A busy checkpoint keeps the WAL file for the next commits to write
 * over; store_wal_bytes() counts what is committed in it, not its size. */
static void
test_wal_accounting(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	int64_t a = add_feed(s, "https://a.example/feed");
	int64_t before, after;
	struct store_counts n;
	char err[256];
	off_t size;

	poll_doc(s, a, rss1("A", "First headline", "https://a.example/1",
	    "a1", "x"), T0, &st, &ev);
	before = store_wal_bytes(s);
	ok(before > 0 && before <= wal_file_size(),
	    "wal: a commit is counted");
	ok(store_checkpoint_busy(s) == 0, "wal: busy checkpoint");
	size = wal_file_size();
	is_int(store_wal_bytes(s), 0, "wal: nothing left after it");
	ok(size > 0, "wal: the file is kept for reuse");
	poll_doc(s, a, rss1("A", "Second headline", "https://a.example/2",
	    "a2", "x"), T0 + 60, &st, &ev);
	after = store_wal_bytes(s);
	ok(after > 0 && after < before + 4096 * 4,
	    "wal: the next commit counts from the start");
	is_int(wal_file_size(), size, "wal: and writes over the old file");
	ok(store_checkpoint(s) == 0, "wal: idle checkpoint");
	is_int(wal_file_size(), 0, "wal: truncates the file");
	is_int(store_wal_bytes(s), 0, "wal: and nothing is left");
	store_close(s);
	s = store_open("test_store.db", err, sizeof(err));
	ok(s != NULL && store_counts(s, T0 + 60, 10, &n) == 0 && n.items == 2,
	    "wal: both items are in the database");
	store_close(s);
}

/* Schema 2's content hash, FNV-1a over the same fields, as it stored it. */
static uint64_t
fnv(uint64_t h, const unsigned char *s)
{
	if (s == NULL)
		return h * 1099511628211ULL;
	for (; *s; s++)
		h = (h ^ *s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

static const char v2_doc[] = "<rss version=\"2.0\"><channel><title>C</title>"
    "<item><title>Night trains return to the coast</title>"
    "<link>https://c.example/1</link><guid>c1</guid>"
    "<description>&lt;p&gt;Three a week.&lt;/p&gt;</description>"
    "<enclosure url=\"https://c.example/1.mp3\" length=\"10\" "
    "type=\"audio/mpeg\"/>"
    "<enclosure url=\"https://c.example/1.jpg\"/></item>"
    "<item><title>No link, no summary</title><guid>c2</guid></item>"
    "</channel></rss>";

/* Version 3 hashes content differently: the hashes version 2 stored must
 * be recomputed, or every item polled again would look updated. */
static void
test_migration_from_v2(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	sqlite3 *db;
	sqlite3_stmt *q, *u;
	char err[256];
	int64_t f = add_feed(s, "https://c.example/feed");
	int n = 0, v = 0;

	poll_doc(s, f, v2_doc, T0, &st, &ev);
	is_int(st.new_items, 2, "v2 fixture: 2 items stored");
	store_close(s);
	/* Make it what schema 2 left: its hashes, its version. */
	raw_open(&db);
	sqlite3_prepare_v2(db, "SELECT id, title, link, summary, content,"
	    " (SELECT group_concat(json_extract(e.value, '$.url'), char(10))"
	    " FROM json_each(items.enclosures) e) FROM items", -1, &q, NULL);
	sqlite3_prepare_v2(db, "UPDATE items SET hash = ? WHERE id = ?", -1,
	    &u, NULL);
	while (sqlite3_step(q) == SQLITE_ROW) {
		uint64_t h = 14695981039346656037ULL;
		char *urls = NULL, *url, *next;
		int k;
		for (k = 1; k <= 4; k++)
			h = fnv(h, sqlite3_column_text(q, k));
		if (sqlite3_column_text(q, 5))
			urls = strdup((const char *)sqlite3_column_text(q, 5));
		for (url = urls; url; url = next) {
			if ((next = strchr(url, '\n')) != NULL)
				*next++ = '\0';
			h = fnv(h, (const unsigned char *)url);
		}
		free(urls);
		sqlite3_bind_int64(u, 1, (int64_t)h);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(q, 0));
		n += sqlite3_step(u) == SQLITE_DONE;
		sqlite3_reset(u);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	is_int(n, 2, "v2 fixture: both hashes rewritten as schema 2's");
	sqlite3_exec(db, "DROP TRIGGER items_next;"
	    " ALTER TABLE fts_state DROP COLUMN text_version;"
	    " DROP TRIGGER items_gone; DROP TABLE gone_links;"
	    " ALTER TABLE feeds DROP COLUMN note;"
	    " PRAGMA user_version = 2", NULL, NULL, NULL);
	sqlite3_close(db);

	s = store_open("test_store.db", err, sizeof(err));
	if (!ok(s != NULL, "version 2 opens and is migrated")) {
		printf("# %s\n", err);
		return;
	}
	v = user_version();
	is_int(v, 10, "schema version 10 after the migrations");
	poll_doc(s, f, v2_doc, T0 + 600, &st, &ev);
	is_int(st.unchanged, 2, "polled again after the migration: both items "
	    "unchanged");
	is_int(st.updated + st.new_items + ev.n, 0, "no update, no new item, "
	    "no event");
	poll_doc(s, f, rss1("C", "Night trains return to the coast",
	    "https://c.example/1", "c1", "Four a week."), T0 + 1200, &st, &ev);
	is_int(st.updated, 1, "changed content is still an update");
	store_close(s);
}

struct due {
	int64_t	 id[8], next[8], retry[8];
	int	 n;
};

static int
on_due(void *arg, int64_t id, int64_t next_poll, int64_t retry_after)
{
	struct due *d = arg;

	if (d->n < 8) {
		d->id[d->n] = id;
		d->next[d->n] = next_poll;
		d->retry[d->n] = retry_after;
	}
	d->n++;
	return 0;
}

/* What the daemon schedules at its start: the feeds it polls, with when
 * each is due, read without counting anyone's items. */
static void
test_feeds_due(void)
{
	struct store *s = fresh();
	struct store_poll p = { .now = T0, .status = 503, .error = "busy",
	    .next_poll = T0 + 900, .retry_after = T0 + 3600 };
	struct store_poll gone = { .now = T0, .status = 410, .error = "gone",
	    .gone = 1 };
	struct due d = { .n = 0 };
	int64_t a = add_feed(s, "https://due.example/a"),
	    b = add_feed(s, "https://due.example/b"),
	    c = add_feed(s, "https://due.example/c");

	store_ingest(s, a, NULL, NULL, 0, &p, NULL, NULL, NULL);
	store_feed_set_enabled(s, b, 0);
	store_ingest(s, c, NULL, NULL, 0, &gone, NULL, NULL, NULL);
	ok(store_feeds_due(s, on_due, &d) == 0 && d.n == 1,
	    "due: only the feed polled (not the disabled, not the gone)");
	ok(d.id[0] == a && d.next[0] == T0 + 900 && d.retry[0] == T0 + 3600,
	    "due: its next poll and its Retry-After");
	store_close(s);
}

struct cut {
	int	 rows;
	off_t	 page;		/* the database's page size */
};

/* On its first row, overwrites every page of test_store.db after the
 * first four with garbage: the listing's later pages read corrupt. */
static int
on_feed_corrupt(void *arg, const struct store_feed *f)
{
	struct cut *c = arg;
	struct stat sb;
	char *junk;
	int fd;
	off_t o;

	(void)f;
	if (c->rows++ > 0)
		return 0;
	if ((junk = malloc((size_t)c->page)) == NULL)
		return 0;
	memset(junk, 0x5a, (size_t)c->page);
	if ((fd = open("test_store.db", O_WRONLY)) != -1) {
		if (fstat(fd, &sb) == 0)
			for (o = 4 * c->page; o < sb.st_size; o += c->page)
				if (pwrite(fd, junk, (size_t)c->page, o) == -1)
					break;
		close(fd);
	}
	free(junk);
	return 0;
}

/* A listing that fails half way says so: a client must not take half
 * the feeds for all of them. */
static void
test_feeds_cut_short(void)
{
	struct store *s = fresh();
	char url[160], err[256];
	struct cut cut = { 0, 0 };
	int i, rc;

	for (i = 0; i < 3000; i++) {
		snprintf(url, sizeof(url), "https://cut.example/%04d/a-long-"
		    "path-so-that-the-feeds-table-spans-many-pages-of-the-"
		    "database-file", i);
		add_feed(s, url);
	}
	store_checkpoint(s);
	store_close(s);
	cut.page = file_int("PRAGMA page_size");
	s = store_open("test_store.db", err, sizeof(err));
	rc = store_feeds(s, on_feed_corrupt, &cut);
	printf("# %d rows, then: %s\n", cut.rows, store_error(s));
	ok(rc == -1 && cut.rows > 0 && cut.rows < 3000,
	    "cut short: the listing fails");
	ok(strstr(store_error(s), "listing feeds") != NULL,
	    "cut short: the error says what failed");
	store_close(s);
}

/* The highest id in items, from the file. */
static int64_t
max_item_id(void)
{
	return file_int("SELECT max(id) FROM items");
}

/* A client's cursor is an item id: no id is ever given twice, though the
 * item that had it is gone -- deleted by the store or by hand -- and the
 * store was reopened since.  Adding items writes no counter. */
static void
same_value(sqlite3_context *c, int argc, sqlite3_value **v)
{
	(void)argc;
	sqlite3_result_value(c, v[0]);
}

static void
test_ids_never_reused(void)
{
	struct store *s = fresh();
	struct store_stats st;
	struct events ev;
	char err[256];
	sqlite3 *db;
	int64_t a = add_feed(s, "https://ids.example/a"), high, next;

	poll_doc(s, a, rss1("A", "First", "https://ids.example/1", "i1", "x"),
	    T0, &st, &ev);
	poll_doc(s, a, rss1("A", "Second", "https://ids.example/2", "i2", "y"),
	    T0 + 60, &st, &ev);
	high = max_item_id();
	ok(high > 0, "ids: two items stored");
	store_close(s);
	raw_open(&db);
	ok(sqlite3_exec(db, "DELETE FROM items WHERE id = (SELECT max(id)"
	    " FROM items)", NULL, NULL, NULL) != SQLITE_OK &&
	    strstr(sqlite3_errmsg(db), "plain_text") != NULL &&
	    max_item_id() == high, "ids: a connection without plain_text() "
	    "may not delete (the index would miss it), and deleted nothing");
	/* Its summaries hold no markup: their plain text is themselves. */
	sqlite3_create_function(db, "plain_text", 1, SQLITE_UTF8, NULL,
	    same_value, NULL, NULL);
	is_int(sqlite3_exec(db, "DELETE FROM items WHERE id = (SELECT max(id)"
	    " FROM items)", NULL, NULL, NULL), SQLITE_OK,
	    "ids: the newest item deleted by hand");
	sqlite3_close(db);
	s = store_open("test_store.db", err, sizeof(err));
	if (!ok(s != NULL, "ids: reopened")) {
		printf("# %s\n", err);
		return;
	}
	poll_doc(s, a, rss1("A", "Third", "https://ids.example/3", "i3", "z"),
	    T0 + 120, &st, &ev);
	next = max_item_id();
	ok(st.new_items == 1 && next > high,
	    "ids: the next item after a reopen gets a new id");
	store_close(s);
	raw_open(&db);
	sqlite3_exec(db, "DELETE FROM items", NULL, NULL, NULL);
	sqlite3_close(db);
	s = store_open("test_store.db", err, sizeof(err));
	poll_doc(s, a, rss1("A", "Fourth", "https://ids.example/4", "i4", "w"),
	    T0 + 180, &st, &ev);
	ok(max_item_id() > next, "ids: new after every item went");
	store_close(s);
}

/* Version 1 kept stories in a table of their own; version 2 names a story
 * by its first item.  Nothing of what version 1 stored may change
 * meaning: which items are one story, which are new, the cursors, and
 * the ids already given out. */
static void
test_migration_from_v1(void)
{
	struct store *s = fresh();
	struct store_counts n;
	struct store_stats st;
	struct events ev;
	char ids[128] = "", err[256], *sql = read_fixture("store-v1.sql");
	sqlite3 *db;

	store_close(s);
	unlink("test_store.db");
	if (!ok(sql != NULL, "tests/fixtures/store-v1.sql read")) {
		free(sql);
		return;
	}
	raw_open(&db);
	is_int(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK,
	    "a version 1 database made from the fixture");
	sqlite3_close(db);
	free(sql);
	s = store_open("test_store.db", err, sizeof(err));
	if (!ok(s != NULL, "version 1 opens and is migrated")) {
		printf("# %s\n", err);
		return;
	}
	store_counts(s, T0, 10, &n);
	is_int(n.items, 4, "4 items kept");
	is_int(n.stories, 3, "3 stories: one with two copies, one whose first "
	    "item had gone");
	is_int(story_of(s, 2), 1, "item 2 is still a copy of item 1's story");
	is_int(story_of(s, 3), 3, "item 3 names its own story");
	ok(story_of(s, 5) < 0, "item 5's story, whose first item is gone, "
	    "is no item's id");
	store_copies(s, 1, 1, ids_cb, ids);
	is_str(ids, "2", "copies of story 1: item 2");
	ids[0] = '\0';
	store_new(s, "default", 0, 1, ids_cb, ids);
	is_str(ids, "", "the default cursor (3) has seen every story");
	ids[0] = '\0';
	store_new(s, "fresh", 0, 1, ids_cb, ids);
	is_str(ids, "1,3", "a new cursor: the first items of stories 1 and 2; "
	    "item 5 is a copy, never new");
	ids[0] = '\0';
	store_new_after(s, "fresh", 1, 0, ids_cb, ids);
	is_str(ids, "3", "new after 1: the next page of a reader");
	ids[0] = '\0';
	store_new_after(s, "fresh", 1, 0, ids_cb, ids);
	store_new_after(s, "default", 1, 0, ids_cb, ids);
	is_str(ids, "3", "new after: peeks (the cursor stays), and starts "
	    "at the cursor when it is further");
	poll_doc(s, 1, rss1("A", "Tram line opens to the airport at last",
	    "https://a.example/9", "a9", "A new tram line."), T0 + 600, &st, &ev);
	is_int(ev.n, 1, "a new item after the migration is a new story");
	ok(ev.n == 1 && ev.id[0] == 8, "numbered 8: ids 6 and 7 were given "
	    "out before the migration");
	poll_doc(s, 2, rss1("B", "Library opening hours extended",
	    "https://a.example/2", "b9", "Longer hours."), T0 + 700, &st, &ev);
	is_int(ev.n, 0, "an item of feed B with item 3's link: no new story");
	is_int(story_of(s, 9), 3, "it joins story 3, found by its link");
	store_close(s);
}

/* A database the user may not write (chmod 0444): opened read-only,
 * read as before, every write refused with the reason and nothing of a
 * refused poll kept, its validators included; writable again after a
 * retry once the mode is back.  Root writes whatever the mode: skipped
 * (tests/reliability-readonly.sh covers root with mounts and chattr). */
static void
test_readonly(void)
{
	struct store *s = fresh();
	struct store_feed f = { 0 };
	struct store_poll poll = { .now = T0 + 60, .status = 200,
	    .replace_validators = 1, .etag = "\"v2\"" };
	char err[256];
	int64_t id, feed, seq;

	if (geteuid() == 0) {
		skip("read-only database", "root writes whatever the mode");
		store_close(s);
		return;
	}
	feed = add_feed(s, "https://ro.example/feed");
	poll_doc(s, feed, rss1("ro", "One", "https://ro.example/1", "ro-1",
	    SUMMARY), T0, NULL, NULL);
	store_close(s);
	chmod("test_store.db", 0444);
	s = store_open("test_store.db", err, sizeof(err));
	ok(s != NULL, "read-only: the database opens");
	if (s == NULL) {
		printf("# %s\n", err);
		chmod("test_store.db", 0644);
		return;
	}
	ok(store_readonly(s) && strstr(store_readonly(s), "Permission denied"),
	    "read-only: the store says so, and why");
	printf("# %s\n", store_readonly(s) ? store_readonly(s) : "(null)");
	ok(store_feed_find(s, "https://ro.example/feed", &id) == 0 && id == feed,
	    "read-only: feeds are read");
	ok(store_feed_add(s, "https://ro.example/other", NULL, 0, 0, T0,
	    &id) == -1 &&
	    strstr(store_error(s), "adding a feed: database read-only: "),
	    "read-only: a write is refused, saying why");
	ok(store_ingest(s, feed, NULL, NULL, 0, &poll, NULL, NULL, NULL) == -1,
	    "read-only: a poll is refused");
	ok(store_cursor_set(s, "x", 1) == -1, "read-only: a cursor stays");
	ok(store_cursor_advance(s, "x", 1) == -1,
	    "read-only: a cursor does not advance either");
	ok(store_retry_writable(s) == -1 && store_readonly(s),
	    "read-only: a retry fails while the mode stays");
	chmod("test_store.db", 0644);
	ok(store_retry_writable(s) == 0 && store_readonly(s) == NULL,
	    "read-only: the retry succeeds once it is writable");
	if (store_readonly(s))
		printf("# %s\n", store_readonly(s));
	ok(store_feed_get(s, feed, &f) == 0 && f.etag == NULL,
	    "read-only: the refused poll left no validator");
	store_feed_clear(&f);
	ok(store_cursor_set(s, "x", 1) == 0 && store_cursor_get(s, "x", &seq) ==
	    0 && seq == 1, "read-only no more: writes work");
	ok(store_wal_bytes(s) > 0, "read-only no more: the WAL's size is "
	    "followed (its hook reaches the store, not the retry's copy)");
	store_close(s);
}

/*
 * Story merging on a labelled fixture: each entry is one item in one feed
 * with the story it truly belongs to.  Precision and recall are counted
 * over pairs of items.
 */
struct labelled {
	const char *feed, *title, *link, *summary;
	int story;
};

static const struct labelled fixture[] = {
	{ "pub", "Central bank raises interest rates by half a point",
	  "https://daily.example/econ/rates-up", "The central bank raised its "
	  "benchmark rate by half a percentage point on Wednesday to fight "
	  "inflation that remains well above its target.", 1 },
	{ "wire", "Central Bank Raises Interest Rates By Half A Point - Daily Example",
	  "https://wire.example/go?id=881", "Central bank raises interest rates "
	  "by half a point Daily Example", 1 },
	{ "partner", "Central bank raises interest rates by half a point",
	  "https://daily.example/econ/rates-up?utm_source=partner&utm_medium=rss",
	  "", 1 },
	{ "pub", "Central bank holds interest rates steady as inflation cools",
	  "https://daily.example/econ/rates-hold", "The central bank left its "
	  "benchmark rate unchanged on Wednesday, saying inflation had cooled "
	  "faster than expected over the summer months.", 2 },
	{ "pub", "Storm Bella knocks out power to 200,000 homes",
	  "https://daily.example/weather/bella-power", "Storm Bella brought "
	  "winds of up to 90 mph overnight, cutting power to about 200,000 "
	  "homes across the north-west.", 3 },
	{ "wire", "Storm Bella knocks out power to 200,000 homes | Daily Example",
	  "https://wire.example/go?id=902", "", 3 },
	{ "partner", "\xe2\x80\x9cStorm Bella\xe2\x80\x9d knocks out power to 200,000 homes\xe2\x80\xa6",
	  "https://partner.example/s/bella", "", 3 },
	{ "wire", "Storm Bella: schools closed for a second day - Daily Example",
	  "https://wire.example/go?id=903", "", 4 },
	{ "pub", "City council approves new bike lanes on Market Street",
	  "https://daily.example/local/bike-lanes", "The council voted 7-2 to "
	  "build protected bike lanes along Market Street by next spring.", 5 },
	{ "partner", "City council approves new bike lanes on Market Street",
	  "http://www.daily.example/local/bike-lanes/#comments", "", 5 },
	{ "wire", "City council rejects parking fee increase on Market Street",
	  "https://wire.example/go?id=910", "", 6 },
	{ "pub", "Tech giant unveils new phone with longer battery life",
	  "https://daily.example/tech/phone", "The company said its new phone "
	  "lasts two days on a charge and will go on sale next month.", 7 },
	{ "wire", "Tech giant unveils new phone with longer battery life - Daily Example",
	  "https://wire.example/go?id=920", "", 7 },
	{ "partner", "Tech giant recalls older phones over battery fires",
	  "https://partner.example/s/recall", "", 8 },
};
#define N_FIXTURE (sizeof(fixture) / sizeof(fixture[0]))

static void
test_precision_recall(void)
{
	struct store *s = fresh();
	int64_t feeds[3], item[N_FIXTURE], story[N_FIXTURE];
	const char *names[3] = { "pub", "wire", "partner" };
	size_t i, j;
	int tp = 0, fp = 0, fn = 0;
	char guid[16];

	for (i = 0; i < 3; i++) {
		char url[64];
		snprintf(url, sizeof(url), "https://%s.example/feed", names[i]);
		feeds[i] = add_feed(s, url);
	}
	for (i = 0; i < N_FIXTURE; i++) {
		const struct labelled *l = &fixture[i];
		struct store_stats st;
		int64_t f = 0;
		char doc[4096];
		sqlite3 *db;
		sqlite3_stmt *q;

		for (j = 0; j < 3; j++)
			if (strcmp(l->feed, names[j]) == 0)
				f = feeds[j];
		snprintf(guid, sizeof(guid), "g%zu", i);
		snprintf(doc, sizeof(doc), RSS_HEAD RSS_ITEM "</channel></rss>",
		    l->feed, l->title, l->link, guid, l->summary);
		poll_doc(s, f, doc, T0 + (int64_t)i * 600, &st, NULL);
		raw_open(&db);
		sqlite3_prepare_v2(db, "SELECT id, story FROM items ORDER BY id"
		    " DESC LIMIT 1", -1, &q, NULL);
		item[i] = story[i] = -1;
		if (sqlite3_step(q) == SQLITE_ROW) {
			item[i] = sqlite3_column_int64(q, 0);
			story[i] = sqlite3_column_int64(q, 1);
		}
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
	for (i = 0; i < N_FIXTURE; i++)
		for (j = i + 1; j < N_FIXTURE; j++) {
			int truth = fixture[i].story == fixture[j].story;
			int merged = story[i] == story[j] && story[i] > 0;
			if (truth && merged)
				tp++;
			else if (merged)
				fp++, printf("# wrongly merged: %zu and %zu\n", i, j);
			else if (truth)
				fn++, printf("# missed: %zu and %zu\n", i, j);
		}
	printf("# story merging on %zu items: precision %.2f, recall %.2f "
	    "(%d true pairs merged, %d wrong, %d missed)\n", N_FIXTURE,
	    tp + fp ? (double)tp / (tp + fp) : 1.0,
	    tp + fn ? (double)tp / (tp + fn) : 1.0, tp, fp, fn);
	is_int(fp, 0, "precision: no two different stories merged");
	ok(tp + fn > 0 && (double)tp / (tp + fn) >= 0.9, "recall at least 90 %");
	(void)item;
	store_close(s);
}

int
main(void)
{
	test_story_three_feeds();
	test_identity();
	test_story_dates();
	test_link_update();
	test_republished_headline();
	test_no_guid_and_repeats();
	test_tombstones();
	test_retention();
	test_retention_clock();
	test_gone_links();
	test_gone_links_expire();
	test_items_before();
	test_cursors_and_search();
	test_search_text();
	test_search_cjk();
	test_migration_from_v9();
	test_search_text_version();
	test_migration_from_v4();
	test_migration_from_v7();
	test_foreign_refused();
	test_newer_schema_refused();
	test_migration_from_v1();
	test_migration_from_v2();
	test_ids_never_reused();
	test_feeds_due();
	test_feeds_cut_short();
	test_link_filter();
	test_story_among_many();
	test_wal_accounting();
	test_readonly();
	test_precision_recall();
	unlink("test_store.db");
	unlink("test_store.db-wal");
	unlink("test_store.db-shm");
	return tap_done();
}
