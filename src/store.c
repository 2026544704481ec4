/*
 * SQLite store.  Prepared statements live as long as the store; each poll
 * is one transaction.  Items are keyed within their feed (see item_key);
 * stories tie together the copies of one news story across feeds.
 */
#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "buf.h"
#include "jsonw.h"
#include "feedd/canon.h"
#include "feedd/ftstok.h"
#include "feedd/simhash.h"
#include "feedd/store.h"
#include "feedd/text.h"
#include "feedd/urlres.h"

#define WINDOW_DEFAULT	(72 * 3600)
#define BANDS		4

/* Forward migrations: entry i takes user_version i to i + 1. */
static const char *const migrations[] = {
	/* AUTOINCREMENT: a new feed never inherits a removed one's id. */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT, site TEXT,"
	/* 1 when the user named the feed: its own title then never wins. */
	"  custom_title INTEGER NOT NULL DEFAULT 0,"
	"  interval INTEGER NOT NULL DEFAULT 0,"
	"  etag TEXT, last_modified TEXT,"
	"  last_status INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
	"  error_count INTEGER NOT NULL DEFAULT 0,"
	"  last_poll INTEGER NOT NULL DEFAULT 0,"
	"  next_poll INTEGER NOT NULL DEFAULT 0,"
	"  retry_after INTEGER NOT NULL DEFAULT 0,"
	"  last_new INTEGER NOT NULL DEFAULT 0,"
	"  avg_gap INTEGER NOT NULL DEFAULT 0,"
	/* What the feed said about its own schedule, for 304 polls. */
	"  hint_ttl INTEGER NOT NULL DEFAULT 0,"
	"  hint_update INTEGER NOT NULL DEFAULT 0,"
	"  skip_hours INTEGER NOT NULL DEFAULT 0,"
	"  skip_days INTEGER NOT NULL DEFAULT 0,"
	"  enabled INTEGER NOT NULL DEFAULT 1,"
	"  gone INTEGER NOT NULL DEFAULT 0,"
	"  added INTEGER NOT NULL);"
	"CREATE TABLE stories ("
	"  id INTEGER PRIMARY KEY,"
	"  created INTEGER NOT NULL,"
	"  simhash INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX stories_created ON stories(created);"
	/* AUTOINCREMENT: an id (the seq) is never reused, even after a purge. */
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  story INTEGER NOT NULL REFERENCES stories(id),"
	"  is_first INTEGER NOT NULL DEFAULT 0,"
	"  guid TEXT, title TEXT, link TEXT, canon_link TEXT,"
	"  published INTEGER, updated INTEGER, author TEXT,"
	"  summary TEXT, content TEXT, enclosures TEXT, categories TEXT,"
	"  hash INTEGER NOT NULL,"
	"  first_seen INTEGER NOT NULL,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (feed, key));"
	"CREATE INDEX items_canon ON items(canon_link) WHERE canon_link IS NOT NULL;"
	"CREATE INDEX items_story ON items(story, feed);"
	"CREATE TABLE cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL);"
	"CREATE TABLE tombstones ("
	"  feed INTEGER NOT NULL, key TEXT NOT NULL,"
	"  PRIMARY KEY (feed, key)) WITHOUT ROWID;"
	/* Full-text indexing costs more than storing an item, so it is not
	 * done while a feed is stored: store_index() catches up in batches
	 * when the daemon is idle, and before every search.  Items up to
	 * fts_state.seq are indexed; the triggers keep those in step. */
	"CREATE VIRTUAL TABLE items_fts USING fts5("
	"  title, summary, content, content='items', content_rowid='id');"
	"CREATE TABLE fts_state (seq INTEGER NOT NULL);"
	"INSERT INTO fts_state VALUES (0);"
	"CREATE TRIGGER items_ad AFTER DELETE ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, old.summary, old.content); END;"
	"CREATE TRIGGER items_au AFTER UPDATE OF title, summary, content ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, old.summary, old.content);"
	"  INSERT INTO items_fts(rowid, title, summary, content)"
	"  VALUES (new.id, new.title, new.summary, new.content); END;"
	/* Deleting a feed's items must leave tombstones too: the feed may
	 * be added again and must not replay its history as new. */
	"CREATE TRIGGER items_tomb AFTER DELETE ON items BEGIN"
	"  INSERT OR IGNORE INTO tombstones(feed, key) VALUES (old.feed, old.key);"
	"  END;",

	/* Version 2: every index entry costs about as much as a row, so a
	 * new item now writes one row and two index entries instead of two
	 * rows and six.  The stories table goes: a story is named by the
	 * id of its first item (story = id marks that item), and a story
	 * whose first item is gone keeps -(its old id), which no item can
	 * have.  The story index holds copies only.  Item ids come from
	 * counters.next_item, kept by the store a transaction at a time
	 * (AUTOINCREMENT wrote sqlite_sequence once per row); the feed's
	 * items are deleted with it by the store, not by a foreign key. */
	"CREATE TABLE items2 ("
	"  id INTEGER PRIMARY KEY,"
	"  feed INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  story INTEGER NOT NULL,"
	"  guid TEXT, title TEXT, link TEXT, canon_link TEXT,"
	"  published INTEGER, updated INTEGER, author TEXT,"
	"  summary TEXT, content TEXT, enclosures TEXT, categories TEXT,"
	"  hash INTEGER NOT NULL,"
	/* The title's SimHash, on a story's first item only. */
	"  simhash INTEGER NOT NULL DEFAULT 0,"
	"  first_seen INTEGER NOT NULL,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (feed, key));"
	"INSERT INTO items2 SELECT i.id, i.feed, i.key,"
	"  coalesce((SELECT f.id FROM items f WHERE f.story = i.story"
	"  AND f.is_first), -i.story), i.guid, i.title, i.link, i.canon_link,"
	"  i.published, i.updated, i.author, i.summary, i.content,"
	"  i.enclosures, i.categories, i.hash,"
	"  CASE WHEN i.is_first THEN coalesce((SELECT simhash FROM stories"
	"  WHERE id = i.story), 0) ELSE 0 END,"
	"  i.first_seen, i.read, i.starred FROM items i;"
	"CREATE TABLE counters (next_item INTEGER NOT NULL);"
	"INSERT INTO counters SELECT max(coalesce((SELECT seq FROM"
	"  sqlite_sequence WHERE name = 'items'), 0),"
	"  coalesce((SELECT max(id) FROM items), 0)) + 1;"
	"DROP TABLE items;"
	"DROP TABLE stories;"
	"ALTER TABLE items2 RENAME TO items;"
	"CREATE INDEX items_canon ON items(canon_link) WHERE canon_link IS NOT NULL;"
	"CREATE INDEX items_copies ON items(story) WHERE story != id;"
	"CREATE TRIGGER items_ad AFTER DELETE ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, old.summary, old.content); END;"
	"CREATE TRIGGER items_au AFTER UPDATE OF title, summary, content ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, old.summary, old.content);"
	"  INSERT INTO items_fts(rowid, title, summary, content)"
	"  VALUES (new.id, new.title, new.summary, new.content); END;"
	"CREATE TRIGGER items_tomb AFTER DELETE ON items BEGIN"
	"  INSERT OR IGNORE INTO tombstones(feed, key) VALUES (old.feed, old.key);"
	"  END;",

	/* Version 3: content hashes eight bytes at a time (content_hash());
	 * the stored ones are recomputed from what the rows hold, so an
	 * item polled again is still unchanged. */
	("UPDATE items SET hash = content_hash(title, link, summary,"
	"  content, enclosures);"),

	/* Version 4: counters.next_item is written when an item that may
	 * hold the highest id given goes, not by every transaction that
	 * adds items (a page more in the WAL each time): ids above it are
	 * all still in items, so the next id is max(next_item, max(id) +
	 * 1) whoever deletes, the sqlite3 shell included. */
	"UPDATE counters SET next_item = max(next_item,"
	"  coalesce((SELECT max(id) FROM items), 0) + 1);"
	"CREATE TRIGGER items_next AFTER DELETE ON items"
	"  WHEN old.id >= (SELECT next_item FROM counters) BEGIN"
	"  UPDATE counters SET next_item = old.id + 1; END;",

	/* Version 5: the index holds the text of summaries and contents,
	 * not their HTML, which made every "href", "class" or "img" match.
	 * plain_text() is feedd's (store.c) and the triggers need it: a
	 * connection without it (the sqlite3 shell) cannot delete items or
	 * change their text, rather than leave the index out of step.  The
	 * view gives FTS5 the text it indexed, so that 'rebuild' and
	 * 'integrity-check' see what the triggers delete.  The index is
	 * built again from scratch, in store_index()'s idle batches. */
	"DROP TRIGGER IF EXISTS items_ad;"
	"DROP TRIGGER IF EXISTS items_au;"
	"DROP TABLE IF EXISTS items_fts;"
	"DROP VIEW IF EXISTS items_text;"
	"CREATE VIEW items_text AS SELECT id, title,"
	"  plain_text(summary) AS summary, plain_text(content) AS content"
	"  FROM items;"
	"CREATE VIRTUAL TABLE items_fts USING fts5("
	"  title, summary, content, content='items_text', content_rowid='id');"
	"UPDATE fts_state SET seq = 0;"
	"CREATE TRIGGER items_ad AFTER DELETE ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, plain_text(old.summary),"
	"  plain_text(old.content)); END;"
	"CREATE TRIGGER items_au AFTER UPDATE OF title, summary, content ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, plain_text(old.summary),"
	"  plain_text(old.content));"
	"  INSERT INTO items_fts(rowid, title, summary, content)"
	"  VALUES (new.id, new.title, plain_text(new.summary),"
	"  plain_text(new.content)); END;",

	/* Version 6: feed URLs in the one spelling add now stores
	 * (url_normalize()), so that adding another spelling of one finds
	 * it.  A feed whose spelling another already has keeps its own. */
	"UPDATE OR IGNORE feeds SET url = url_normal(url)"
	"  WHERE url_normal(url) IS NOT NULL AND url_normal(url) != url;",

	/* Version 7: what the index's text came from (text_version()), for
	 * fts_check_version(). */
	"ALTER TABLE fts_state ADD COLUMN text_version TEXT;",

	/* Version 8: the canonical links no item carries any more, with
	 * the story each named and when its last item was first seen, so
	 * that a purged story is not new again in another feed (see
	 * story_by_gone_link()); store_purge() forgets them (see
	 * purge_gone()).  A link is written by the delete that takes
	 * its last item, whoever deletes, even while other items of its
	 * story are left: they may carry other links, and this one
	 * would then name no story.  Nothing purged before is known. */
	"CREATE TABLE gone_links ("
	"  canon TEXT PRIMARY KEY, story INTEGER NOT NULL,"
	"  seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX gone_links_seen ON gone_links(seen);"
	"CREATE TRIGGER items_gone AFTER DELETE ON items"
	"  WHEN old.canon_link IS NOT NULL AND NOT EXISTS (SELECT 1 FROM items"
	"  WHERE canon_link = old.canon_link) BEGIN"
	"  INSERT OR REPLACE INTO gone_links(canon, story, seen)"
	"  VALUES (old.canon_link, old.story, old.first_seen); END;",

	/* Version 9: what the last poll that read the feed has to say
	 * besides an error, for the user to act on (a permanent redirect
	 * to a feed subscribed already, a document cut short). */
	"ALTER TABLE feeds ADD COLUMN note TEXT;",

	/* Version 10: the index splits Chinese, Japanese and Korean text
	 * into characters (ftstok.c), where unicode61 took a whole run
	 * for one word: "東京" found nothing in "東京都の天気".  Built
	 * again from scratch, as in version 5. */
	"DROP TRIGGER IF EXISTS items_ad;"
	"DROP TRIGGER IF EXISTS items_au;"
	"DROP TABLE IF EXISTS items_fts;"
	"CREATE VIRTUAL TABLE items_fts USING fts5("
	"  title, summary, content, content='items_text', content_rowid='id',"
	"  tokenize='" FTSTOK_NAME "');"
	"UPDATE fts_state SET seq = 0;"
	"CREATE TRIGGER items_ad AFTER DELETE ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, plain_text(old.summary),"
	"  plain_text(old.content)); END;"
	"CREATE TRIGGER items_au AFTER UPDATE OF title, summary, content ON items"
	"  WHEN old.id <= (SELECT seq FROM fts_state) BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, plain_text(old.summary),"
	"  plain_text(old.content));"
	"  INSERT INTO items_fts(rowid, title, summary, content)"
	"  VALUES (new.id, new.title, plain_text(new.summary),"
	"  plain_text(new.content)); END;",
};
#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

/* The last column saves a copies query for each of the many stories
 * that have none.  Another item carries the story when the item is a
 * copy whose first item is still there (a look by rowid), or when the
 * story has a copy other than this item (a look into items_copies,
 * whose WHERE the query repeats so that the planner may use it). */
#define ITEM_COLUMNS "i.id, i.story, i.feed, f.title, f.url, i.guid,"	\
	" i.title, i.link, i.published, i.updated, i.author, i.summary,"	\
	" i.content, i.enclosures, i.categories, i.first_seen, i.read,"	\
	" i.starred, (i.story != i.id AND EXISTS (SELECT 1 FROM items o"	\
	" WHERE o.id = i.story)) OR EXISTS (SELECT 1 FROM items c"		\
	" WHERE c.story = i.story AND c.story != c.id AND c.id != i.id)"	\
	" FROM items i JOIN feeds f ON f.id = i.feed"

enum stmt {
	S_BEGIN, S_COMMIT, S_ROLLBACK,
	S_FEED_ITEMS, S_TOMB, S_TOMB_ANY, S_ITEM_INSERT, S_ITEM_UPDATE, S_ITEM_REKEY,
	S_NEXT_ITEM, S_CANON_FIND,
	S_STORY_HAS_FEED, S_STORY_FIRST, S_FEED_POLL, S_FEED_MOVE,
	S_FEED_ADD, S_FEED_BY_URL, S_FEED_GET, S_CURSOR_GET, S_CURSOR_SET,
	S_CURSOR_ADVANCE,
	S_MARK_READ, S_MARK_STAR, S_FEED_NEWGAP, S_ITEM_GET, S_COPIES,
	S_GONE_ANY, S_GONE_FIND, S_ITEM_LINK,
	N_STMT
};

static const char *const stmt_sql[N_STMT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_FEED_ITEMS] = "SELECT id, key, hash, canon_link, title FROM items"
	    " WHERE feed = ?",
	[S_TOMB] = "SELECT 1 FROM tombstones WHERE feed = ? AND key = ?",
	[S_TOMB_ANY] = "SELECT 1 FROM tombstones WHERE feed = ? LIMIT 1",
	[S_ITEM_INSERT] = "INSERT INTO items (feed, key, story, id, guid,"
	    " title, link, canon_link, published, updated, author, summary,"
	    " content, enclosures, categories, hash, first_seen, simhash)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_ITEM_UPDATE] = "UPDATE items SET guid = ?, title = ?, link = ?,"
	    " canon_link = ?, published = ?, updated = ?, author = ?,"
	    " summary = ?, content = ?, enclosures = ?, categories = ?,"
	    " hash = ? WHERE id = ?",
	[S_ITEM_REKEY] = "UPDATE items SET key = ? WHERE id = ?",
	/* An id above every id ever given, even to an item since deleted:
	 * a cursor past it must never miss a newer item. */
	[S_NEXT_ITEM] = "SELECT max(next_item, coalesce((SELECT max(id)"
	    " FROM items), 0) + 1) FROM counters",
	/* Index order is id order for equal links: the first is the
	 * oldest, without a sort. */
	[S_CANON_FIND] = "SELECT story FROM items WHERE canon_link = ?"
	    " AND feed != ? LIMIT 1",
	/* A story's items: its first (id = story) and its copies, each
	 * through its own index. */
	[S_STORY_HAS_FEED] = "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1"
	    " AND feed = ?2) OR EXISTS (SELECT 1 FROM items WHERE story = ?1"
	    " AND story != id AND feed = ?2)",
	[S_STORY_FIRST] = "SELECT title, summary, coalesce(published, updated)"
	    " FROM items WHERE id = ?1 UNION ALL SELECT * FROM (SELECT title,"
	    " summary, coalesce(published, updated) FROM items"
	    " WHERE story = ?1 AND story != id ORDER BY id) LIMIT 1",
	/* Validators are replaced whole by a 200 (an absent one is
	 * cleared) and kept by anything else. */
	[S_FEED_POLL] = "UPDATE feeds SET last_poll = ?1, last_status = ?2,"
	    " last_error = ?3, error_count = CASE WHEN ?4 THEN error_count + 1"
	    " ELSE 0 END, etag = CASE WHEN ?12 THEN ?5 ELSE etag END,"
	    " last_modified = CASE WHEN ?12 THEN ?6 ELSE last_modified END,"
	    " next_poll = ?7, retry_after = ?8, gone = ?9,"
	    " title = CASE WHEN custom_title THEN title"
	    " ELSE coalesce(?13, title) END, site = coalesce(?14, site),"
	    " hint_ttl = CASE WHEN ?19 THEN ?15 ELSE hint_ttl END,"
	    " hint_update = CASE WHEN ?19 THEN ?16 ELSE hint_update END,"
	    " skip_hours = CASE WHEN ?19 THEN ?17 ELSE skip_hours END,"
	    " skip_days = CASE WHEN ?19 THEN ?18 ELSE skip_days END,"
	    " note = CASE WHEN ?20 THEN ?21 ELSE note END"
	    " WHERE id = ?11",
	/* Apart from the above: setting url, even to itself, rewrites its
	 * index entry, a page more in the WAL for every poll.  A feed
	 * that moved to an address already subscribed keeps its own: two
	 * rows cannot share a URL. */
	[S_FEED_MOVE] = "UPDATE feeds SET url = ?1 WHERE id = ?2 AND NOT EXISTS"
	    " (SELECT 1 FROM feeds WHERE url = ?1)",
	[S_FEED_ADD] = "INSERT INTO feeds (url, title, custom_title, interval,"
	    " added, next_poll, enabled) VALUES (?1, ?2, ?2 IS NOT NULL AND ?7,"
	    " ?3, ?4, ?5, ?6)",
	[S_FEED_BY_URL] = "SELECT id FROM feeds WHERE url = ?",
	[S_FEED_GET] = "SELECT id, url, title, site, interval, etag,"
	    " last_modified, last_status, last_error, error_count, last_poll,"
	    " next_poll, retry_after, last_new, avg_gap, enabled, gone, added,"
	    /* Item counts are for listings (store_feeds): the poll
	     * path reads a feed several times and must not count. */
	    " 0, 0, hint_ttl, hint_update, skip_hours, skip_days, note,"
	    " custom_title FROM feeds WHERE id = ?",
	[S_CURSOR_GET] = "SELECT seq FROM cursors WHERE name = ?",
	[S_CURSOR_SET] = "INSERT INTO cursors (name, seq) VALUES (?, ?)"
	    " ON CONFLICT(name) DO UPDATE SET seq = excluded.seq",
	[S_CURSOR_ADVANCE] = "INSERT INTO cursors (name, seq) VALUES (?, ?)"
	    " ON CONFLICT(name) DO UPDATE SET seq = max(seq, excluded.seq)",
	/* Read is the story's: its copies in other feeds with it (the
	 * first item's id is the story's; copies name it). */
	[S_MARK_READ] = "UPDATE items SET read = ?1 WHERE id = ?2 OR"
	    " id = (SELECT story FROM items WHERE id = ?2) OR"
	    " (story = (SELECT story FROM items WHERE id = ?2) AND story != id)",
	[S_MARK_STAR] = "UPDATE items SET starred = ? WHERE id = ?",
	[S_ITEM_GET] = "SELECT " ITEM_COLUMNS " WHERE i.id = ?1 AND ?2 = 0",
	[S_COPIES] = "SELECT " ITEM_COLUMNS " WHERE i.id IN (SELECT ?1 UNION"
	    " ALL SELECT id FROM items WHERE story = ?1 AND story != id)"
	    " AND i.id != ?2 ORDER BY i.id",
	[S_FEED_NEWGAP] = "UPDATE feeds SET avg_gap = CASE WHEN last_new = 0"
	    " THEN avg_gap WHEN avg_gap = 0 THEN ? - last_new"
	    " ELSE (3 * avg_gap + (? - last_new)) / 4 END, last_new = ?"
	    " WHERE id = ?",
	[S_GONE_ANY] = "SELECT EXISTS (SELECT 1 FROM gone_links)",
	[S_GONE_FIND] = "SELECT story FROM gone_links WHERE canon = ?",
	[S_ITEM_LINK] = "SELECT link FROM items WHERE id = ?",
};

/*
 * Recent stories' title SimHashes, in memory: the candidates for a new
 * item are found through four 16-bit bands of its hash (two hashes within
 * distance 3 share at least one band), never by scanning stories.  Each
 * band's value, cut to the table's key bits, heads a chain of entries,
 * newest first, so a walk stops at the first entry older than the
 * window.  The table grows with the entries (a key per four), up to the
 * band's own 16 bits, so a reader with few stories does not pay for 2^16
 * keys per band, and a large one does not walk long chains of entries
 * whose band differs (each step of a walk is a cache miss).
 */
struct sentry {
	uint64_t	 hash;
	uint32_t	 story;		/* item ids stay far below 2^32 */
	uint32_t	 created;	/* Unix time, unsigned: until 2106 */
	uint32_t	 next[BANDS];	/* index + 1 of the next in chain */
};

/*
 * Sealed entries.  Once every key is a whole band value, a chain grows
 * with the stories in the window (500,000 of them: about 8 a band, each a
 * cache miss), so past SEAL_MIN entries the older ones are copied into
 * runs, one per band value, newest first and side by side, where a walk
 * reads a few adjacent lines; the chains then hold only the entries
 * added since.  Sealing again when those are a quarter of the sealed
 * ones keeps the chains short at the cost of one copy per 25 % growth.
 * Memory: 64 bytes a sealed entry in the runs and a 1 MiB start table,
 * kept until the store closes (at 500,000 stories the daemon's peak RSS
 * went from 36 to 62 MiB).
 */
struct srun {
	uint64_t	 hash;
	uint32_t	 story;
	uint32_t	 created;
};

struct sindex {
	struct sentry	*v;
	uint32_t	 n, cap;
	uint32_t	*heads;		/* by band_key(): index + 1 */
	int		 bits;		/* key bits per band */
	uint32_t	 sealed;	/* v[0 .. sealed) are in runs, not chains */
	uint32_t	*start;		/* by band and value: run's first in run[] */
	struct srun	*run;		/* BANDS x sealed */
};

#define KEY_BITS_MIN	10
#define KEY_BITS_MAX	16	/* heads: 2^16 x 4 x 4 bytes, 1 MiB at most */
#define BAND_VALUES	(1u << 16)
#ifndef SEAL_MIN
#define SEAL_MIN	(2u << KEY_BITS_MAX)	/* chains of 2 a band */
#endif

/*
 * The canonical links stored, and those in gone_links, as a Bloom filter
 * (eight bits a link, four probes: 2.5 % false positives when full): nearly
 * every new item has a link no stored item has, and the filter says so
 * where the items_canon index would cost a look each.  Loaded at the
 * first poll, grown by a reload when it holds more links than it was
 * made for; a link forgotten since stays in it, which costs a look,
 * never a miss.
 */
struct lfilter {
	uint64_t	*bits;
	uint64_t	 mask;		/* bit count - 1 */
	size_t		 n, cap;	/* links added; links it is made for */
	int		 off;		/* could not be built: use the index */
};

#define LINKS_MIN	65536
#define LINKS_PER_FEED	64

struct store {
	sqlite3		*db;
	struct sindex	 idx;
	struct lfilter	 links;
	uint32_t	 idx_mark;	/* entries before this transaction */
	int64_t		 next_item;	/* the next item's id (counters) */
	int64_t		 next_mark;	/* next_item before this transaction */
	sqlite3_stmt	*st[N_STMT];
	char		 err[640];
	char		*path;
	int		 readonly;	/* writes are refused: see ro_reason */
	char		 ro_reason[512];
	void		(*on_ro)(void *, const char *);
	void		*on_ro_arg;
	int64_t		 window;
	/* Whether gone_links has rows; -1: not known (read at the first
	 * look, and again after anything that deletes items). */
	int		 gone;
	int64_t		 max_age;
	int		 max_items;
	/* Bytes of committed frames in the WAL (its file keeps its size
	 * after a checkpoint that does not truncate); -1: not known yet. */
	int64_t		 wal_bytes;
	int		 page_size;
};

static int sindex_load(struct store *, int64_t now);
static void sindex_clear(struct sindex *);
static void sindex_free(struct sindex *);

/* ---- helpers ---- */

/* Can the database be written: the file, its WAL, and the directory
 * SQLite creates the WAL in when there is none?  0, or -1 with what
 * cannot, in the system's words.  access(), not open(): closing another
 * descriptor of the file would drop SQLite's locks on it. */
static int
check_writable(const char *path, char *buf, size_t len)
{
	char other[4096], *slash;
	struct stat sb;

	/* A file missing is created in its directory: that one says. */
	if (access(path, W_OK) == -1 && errno != ENOENT) {
		snprintf(buf, len, "%s", strerror(errno));
		return -1;
	}
	snprintf(other, sizeof(other), "%s-wal", path);
	if (stat(path, &sb) == 0 && stat(other, &sb) == 0) {
		if (access(other, W_OK) == 0)
			return 0;
		snprintf(buf, len, "its WAL: %s", strerror(errno));
		return -1;
	}
	snprintf(other, sizeof(other), "%s", path);
	if ((slash = strrchr(other, '/')) != NULL)
		*(slash == other ? slash + 1 : slash) = '\0';
	if (access(slash ? other : ".", W_OK) == -1) {
		snprintf(buf, len, "its directory: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Does the last error say the database cannot be written?  SQLite's
 * READONLY does; an I/O or open error does when the file system agrees
 * (remounted read-only, an immutable file, a permission).  Not by
 * sqlite3_system_errno(): it reads errno after SQLite's own clean-up. */
static int
ro_error(struct store *s)
{
	char why[256];
	int code;

	if (s->db == NULL)
		return 0;
	code = sqlite3_extended_errcode(s->db) & 0xff;
	if (code == SQLITE_READONLY)
		return 1;
	if (code != SQLITE_IOERR && code != SQLITE_CANTOPEN &&
	    code != SQLITE_PERM)
		return 0;
	return check_writable(s->path, why, sizeof(why)) == -1;
}

/* Why the database cannot be written. */
static void
ro_cause(struct store *s, char *buf, size_t len)
{
	if (check_writable(s->path, buf, len) == 0)
		snprintf(buf, len, "%s", s->db ? sqlite3_errmsg(s->db) :
		    "cannot write");
}

static void
set_reason(struct store *s, const char *cause)
{
	snprintf(s->ro_reason, sizeof(s->ro_reason),
	    "database read-only: %.300s: %.180s", s->path, cause);
}

/* Switches to read-only mode, once; the owner hears of it. */
static void
enter_readonly(struct store *s)
{
	char cause[256];

	if (s->readonly)
		return;
	s->readonly = 1;
	ro_cause(s, cause, sizeof(cause));
	set_reason(s, cause);
	if (s->on_ro)
		s->on_ro(s->on_ro_arg, s->ro_reason);
}

/* A write while read-only: refused before SQLite is asked. */
static int
refuse(struct store *s, const char *what)
{
	snprintf(s->err, sizeof(s->err), "%.120s: %s", what, s->ro_reason);
	return -1;
}

static int
fail(struct store *s, const char *what)
{
	if (ro_error(s)) {
		enter_readonly(s);
		return refuse(s, what);
	}
	snprintf(s->err, sizeof(s->err), "%s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

const char *
store_error(struct store *s)
{
	return s->err;
}

const char *
store_readonly(struct store *s)
{
	return s->readonly ? s->ro_reason : NULL;
}

void
store_on_readonly(struct store *s, void (*fn)(void *, const char *),
    void *arg)
{
	s->on_ro = fn;
	s->on_ro_arg = arg;
}

static sqlite3_stmt *
st(struct store *s, enum stmt i)
{
	sqlite3_reset(s->st[i]);
	sqlite3_clear_bindings(s->st[i]);
	return s->st[i];
}

/* The same for a statement whose caller binds every parameter, each
 * time: once per new item, clearing them costs more than it saves. */
static sqlite3_stmt *
st_all_bound(struct store *s, enum stmt i)
{
	sqlite3_reset(s->st[i]);
	return s->st[i];
}

/* With the length given: SQLite would count it a byte at a time. */
static void
bind_text(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, (int)strlen(v), SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static void
bind_date(sqlite3_stmt *q, int i, int64_t t)
{
	if (t == FEED_NO_DATE)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_int64(q, i, t);
}

static int
exec1(struct store *s, enum stmt i)
{
	int rc = sqlite3_step(st(s, i));

	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static char *
col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return t ? strdup((const char *)t) : NULL;
}

static const char *
col_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static int64_t
col_date(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? FEED_NO_DATE :
	    sqlite3_column_int64(q, i);
}

/* FNV-1a, 64 bits: the content hash that tells an update from a repeat. */
static uint64_t
fnv(uint64_t h, const char *s)
{
	if (s == NULL)
		return h * 1099511628211ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

/*
 * The content hash that tells an update from a repeat: eight bytes per
 * multiply where FNV-1a (schema 2's) took one, read little-endian so a
 * database means the same on any machine.  Each field starts with its
 * length, NULL with one no string has.
 */
#define MIX_K	0x9e3779b97f4a7c15ULL

static uint64_t
mix_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * MIX_K;
	return h ^ (h >> 29);
}

static uint64_t
mix_str(uint64_t h, const char *s)
{
	uint64_t w;
	size_t n, i;

	if (s == NULL)
		return mix_word(h, UINT64_MAX);
	n = strlen(s);
	h = mix_word(h, n);
	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = mix_word(h, le64toh(w));
	}
	for (w = 0, i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	return mix_word(h, w);
}

/* A finaliser of MurmurHash3's shape (every input bit reaches every
 * output bit).  Its second multiplier is not simhash.c's mix64()'s, and
 * stored hashes depend on it: it stays as schema 3 wrote them. */
static int64_t
mix_end(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb93fe53b9e63ULL;
	h ^= h >> 33;
	return (int64_t)h;
}

static int64_t
content_hash(const struct feed_item *it)
{
	uint64_t h = 0;
	size_t i;

	h = mix_str(h, it->title);
	h = mix_str(h, it->link);
	h = mix_str(h, it->summary);
	h = mix_str(h, it->content);
	for (i = 0; i < it->n_enclosures; i++)
		h = mix_str(h, it->enclosures[i].url);
	return mix_end(h);
}

/* content_hash() of a stored row, for migration 3: content_hash(title,
 * link, summary, content, enclosures as stored). */
static void
sql_content_hash(sqlite3_context *c, int argc, sqlite3_value **v)
{
	uint64_t h = 0;
	json_t *list, *e;
	size_t i;
	int k;

	(void)argc;
	for (k = 0; k < 4; k++)
		h = mix_str(h, (const char *)sqlite3_value_text(v[k]));
	list = sqlite3_value_type(v[4]) == SQLITE_NULL ? NULL :
	    json_loads((const char *)sqlite3_value_text(v[4]), 0, NULL);
	json_array_foreach(list, i, e)
		h = mix_str(h, json_string_value(json_object_get(e, "url")));
	json_decref(list);
	sqlite3_result_int64(c, mix_end(h));
}

/* plain_text(html): what the full-text index holds of a summary or a
 * content.  It must give the same text for the same HTML for as long as
 * the index lives: FTS5 deletes an item's words by the text it was given. */
static void
sql_plain_text(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const char *html = (const char *)sqlite3_value_text(v[0]);
	int len = sqlite3_value_bytes(v[0]);
	char *text;

	(void)argc;
	if (html == NULL || !text_has_markup(html, (size_t)len)) {
		sqlite3_result_value(c, v[0]);
		return;
	}
	if ((text = text_from_html(html, (size_t)len)) == NULL) {
		sqlite3_result_error_nomem(c);
		return;
	}
	sqlite3_result_text(c, text, -1, free);
}

/* url_normal(url): url_normalize(), NULL where it refuses; for
 * migration 6. */
static void
sql_url_normal(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const char *url = (const char *)sqlite3_value_text(v[0]);
	char *n;

	(void)argc;
	if (url == NULL || (n = url_normalize(url)) == NULL)
		sqlite3_result_null(c);
	else
		sqlite3_result_text(c, n, -1, free);
}

/* Steps a kept statement that yields one integer: 0 with *out set, 1 when
 * there is no row (*out untouched), -1 on error. */
static int
step_int64(struct store *s, sqlite3_stmt *q, int64_t *out, const char *what)
{
	switch (sqlite3_step(q)) {
	case SQLITE_ROW:
		*out = sqlite3_column_int64(q, 0);
		return 0;
	case SQLITE_DONE:
		return 1;
	default:
		return fail(s, what);
	}
}

/* Runs a one-off statement that changes rows and finalizes it: 0 when
 * it changed something, 1 when nothing matched, -1 on error. */
static int
finish_change(struct store *s, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q) == SQLITE_DONE ?
	    (sqlite3_changes(s->db) ? 0 : 1) : -1;

	sqlite3_finalize(q);
	return rc == -1 ? fail(s, what) : rc;
}

/* ---- open and migrate ---- */

static int
schema_newer(struct store *s, int v)
{
	snprintf(s->err, sizeof(s->err), "schema version %d is newer than "
	    "this feedd understands (%d); upgrade feedd, the database was not "
	    "modified", v, N_MIGRATIONS);
	return -1;
}

static int
schema_version(struct store *s, int *v)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL))
		return fail(s, "reading the schema version");
	rc = sqlite3_step(q);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : fail(s, "reading the schema version");
}

/* True when the database has tables of its own: at schema version 0,
 * someone else's (feedd's first migration creates them in the same
 * transaction that sets the version). */
static int
has_tables(struct store *s)
{
	sqlite3_stmt *q;
	int any;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master LIMIT 1",
	    -1, &q, NULL) != SQLITE_OK)
		return 0;
	any = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	return any;
}

/* Someone else's database is refused before anything is set in it
 * (journal_mode = WAL is written to the file). */
static int
check_ours(struct store *s)
{
	int v;

	sqlite3_busy_timeout(s->db, 5000);
	if (schema_version(s, &v) == -1)
		return -1;
	if (v != 0 || !has_tables(s))
		return 0;
	snprintf(s->err, sizeof(s->err), "not a feedd database: it has tables "
	    "of its own, and feedd leaves it alone (give feedd a file of "
	    "its own)");
	return -1;
}

static int
migrate(struct store *s)
{
	int v, i;

	if (schema_version(s, &v) == -1)
		return -1;
	if (v > N_MIGRATIONS)
		return schema_newer(s, v);
	if (v < N_MIGRATIONS && (sqlite3_create_function(s->db,
	    "content_hash", 5, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    sql_content_hash, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(s->db, "url_normal", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_url_normal, NULL, NULL) !=
	    SQLITE_OK))
		return fail(s, "migrating the schema");
	for (i = v; i < N_MIGRATIONS; i++) {
		char sql[64];
		if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) ||
		    sqlite3_exec(s->db, migrations[i], NULL, NULL, NULL)) {
			fail(s, "migrating the schema");
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) ||
		    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) {
			fail(s, "migrating the schema");
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/* Bytes of frames WAL frames: a page and a 24-byte header each. */
static int64_t
frame_bytes(const struct store *s, int frames)
{
	return (int64_t)frames * (s->page_size + 24);
}

/* SQLite calls this after every commit with the frames in the WAL. */
static int
on_wal_commit(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store *s = arg;

	(void)db;
	(void)name;
	s->wal_bytes = frame_bytes(s, frames);
	return SQLITE_OK;
}

static int
configure_db(struct store *s)
{
	static const char *const pragmas =
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA temp_store = MEMORY;"
	    /* 1 MiB of pages (the default is 2): a poll touches a few
	     * leaves of each index and the end of the items table. */
	    "PRAGMA cache_size = -1024;"
	    /* Checkpoints (and their fsync) happen in store_checkpoint(),
	     * when the daemon is idle, not in the middle of a feed. */
	    "PRAGMA wal_autocheckpoint = 0;";
	sqlite3_stmt *st = NULL;

	sqlite3_busy_timeout(s->db, 5000);
	if (sqlite3_exec(s->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, "configuring the database");
	s->page_size = 4096;
	if (sqlite3_prepare_v2(s->db, "PRAGMA page_size", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		s->page_size = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	/* After the pragma, which sets a hook of its own. */
	s->wal_bytes = -1;
	sqlite3_wal_hook(s->db, on_wal_commit, s);
	return 0;
}

/* The index is emptied, to be built again by store_index(), when the
 * text it holds came from other rules or another libxml2 than
 * plain_text() now follows: deleting an item's words with another text
 * than was indexed would leave the index out of step for good. */
static int
fts_check_version(struct store *s)
{
	sqlite3_stmt *q;
	const char *now = text_version();
	int same;

	if (sqlite3_prepare_v2(s->db, "SELECT text_version IS ? FROM fts_state",
	    -1, &q, NULL) != SQLITE_OK)
		return fail(s, "checking the search index");
	sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
	same = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (same)
		return 0;
	if (sqlite3_prepare_v2(s->db, "UPDATE fts_state SET seq = 0,"
	    " text_version = ?", -1, &q, NULL) != SQLITE_OK)
		return fail(s, "resetting the search index");
	sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE; INSERT INTO items_fts(items_fts)"
	    " VALUES ('delete-all')", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_DONE ||
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		fail(s, "resetting the search index");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	sqlite3_finalize(q);
	return 0;
}

static int
prepare_all(struct store *s)
{
	int i;

	for (i = 0; i < N_STMT; i++)
		if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK)
			return fail(s, "preparing statements");
	return 0;
}

/* Finalizes the kept statements and closes the connection. */
static void
close_db(struct store *s)
{
	int i;

	for (i = 0; i < N_STMT; i++) {
		sqlite3_finalize(s->st[i]);
		s->st[i] = NULL;
	}
	sqlite3_close_v2(s->db);
	s->db = NULL;
}

static int
open_db(struct store *s, const char *name, int flags)
{
	static int configured;

	/* Memory statistics take a global mutex on every allocation, and
	 * nothing reads them.  Only possible before SQLite initialises:
	 * an embedding program that used SQLite first keeps its setting. */
	if (!configured) {
		configured = 1;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	if (sqlite3_open_v2(name, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_create_function(s->db, "plain_text", 1,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
		    NULL, sql_plain_text, NULL, NULL) != SQLITE_OK ||
		    ftstok_register(s->db) != SQLITE_OK)
			return fail(s, "opening the database");
		return 0;
	}
	if (s->db == NULL) {
		snprintf(s->err, sizeof(s->err), "out of memory");
		return -1;
	}
	return fail(s, "opening the database");
}

/* Feeds added with an IDN host before add spelt it in punycode take that
 * spelling, which lookups now give.  Not a migration: there is no schema
 * change, and it costs one scan of the URL index (the subquery reads
 * that, not the table).  A feed whose punycode spelling another has keeps its own (the
 * fetch converts it).  Failing here only leaves the old spelling. */
static void
punycode_hosts(struct store *s)
{
	if (sqlite3_create_function(s->db, "url_normal", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_url_normal, NULL, NULL) !=
	    SQLITE_OK)
		return;
	(void)sqlite3_exec(s->db,
	    "UPDATE OR IGNORE feeds SET url = url_normal(url)"
	    "  WHERE id IN (SELECT id FROM feeds WHERE url GLOB '*[^ -~]*')"
	    "  AND url_normal(url) IS NOT NULL AND url_normal(url) != url;",
	    NULL, NULL, NULL);
}

/* Opens the database for writing, creating and migrating it as needed. */
static int
open_rw(struct store *s)
{
	if (open_db(s, s->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) == -1)
		return -1;
	/* SQLite opens a file it may not write read-only, silently. */
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		enter_readonly(s);
		return refuse(s, "opening the database");
	}
	if (check_ours(s) == -1 || configure_db(s) == -1 || migrate(s) == -1 ||
	    fts_check_version(s) == -1)
		return -1;
	punycode_hosts(s);
	return prepare_all(s) == -1 ? -1 : 0;
}

/* The same file as an immutable URI: no locks, no -shm, no WAL. */
static char *
immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = { 0 };
	const unsigned char *p;

	buf_adds(&b, "file:");
	for (p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20 ||
		    *p >= 0x7f) {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 15]);
		} else
			buf_addc(&b, (char)*p);
	}
	buf_adds(&b, "?immutable=1");
	return buf_take(&b);
}

/* Bytes in the -wal file: committed transactions not yet checkpointed
 * when it is not empty. */
static int64_t
wal_size(const char *path)
{
	char wal[4096];
	struct stat sb;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	return stat(wal, &sb) == 0 ? sb.st_size : 0;
}

/* Opens, for reading, a database that cannot be written.  With nothing
 * in its WAL (closed cleanly: every transaction is in the file) it is
 * read as immutable: no -shm, which a read-only file system could not
 * hold, and no -wal and -shm created with the file's read-only mode,
 * which would keep it read-only after a chmod back.  A WAL left with
 * transactions in it must be read: then it is opened as usual. */
static int
open_ro(struct store *s)
{
	char *uri = NULL;
	int v, rc;

	close_db(s);
	if (wal_size(s->path) > 0)
		rc = open_db(s, s->path, SQLITE_OPEN_READONLY);
	else if ((uri = immutable_uri(s->path)) == NULL) {
		snprintf(s->err, sizeof(s->err), "out of memory");
		return -1;
	} else
		rc = open_db(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
	free(uri);
	if (rc == -1 || schema_version(s, &v) == -1)
		return -1;
	if (v > N_MIGRATIONS)
		return schema_newer(s, v);
	if (v < N_MIGRATIONS) {
		snprintf(s->err, sizeof(s->err), "its schema needs creating or "
		    "upgrading (version %d of %d), and it cannot be written", v,
		    N_MIGRATIONS);
		return -1;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_exec(s->db, "PRAGMA temp_store = MEMORY;"
	    "PRAGMA cache_size = -1024", NULL, NULL, NULL);
	if (prepare_all(s) == -1)
		return -1;
	enter_readonly(s);
	return 0;
}

/* A failure to open for writing that reading may get around: the file
 * or its file system is read-only, or the -shm cannot be created. */
static int
may_read(struct store *s)
{
	return s->readonly || (s->db &&
	    sqlite3_errcode(s->db) == SQLITE_CANTOPEN);
}

/* The hint only for SQLite's own failures to open or write: a schema
 * error, or one that says read-only already, speaks for itself. */
static struct store *
open_failed(struct store *s, char *err, size_t errlen)
{
	int code = s->db ? sqlite3_errcode(s->db) : SQLITE_OK;

	if (strstr(s->err, "database read-only: ")) {
		snprintf(err, errlen, "%s", s->err);
		store_close(s);
		return NULL;
	}
	snprintf(err, errlen, "%s: %s%s", s->path, s->err,
	    code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	    code == SQLITE_PERM ? " (is the database or its directory "
	    "read-only?)" : "");
	store_close(s);
	return NULL;
}

/* A database that cannot be created where it is asked for: a directory
 * on its path is missing or is no directory (a regular file).  0, or -1
 * with the reason in buf, plainly. */
static int
check_creatable(const char *path, char *buf, size_t len)
{
	char dir[4096], *p;
	struct stat sb;
	int e;

	if (stat(path, &sb) == 0 || (errno != ENOTDIR && errno != ENOENT))
		return 0;
	e = errno;
	snprintf(dir, sizeof(dir), "%s", path);
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
			snprintf(buf, len, "cannot create the database there: "
			    "%.300s is a %s, not a directory", dir,
			    S_ISREG(sb.st_mode) ? "regular file" : "special file");
			return -1;
		}
		if (stat(dir, &sb) == -1 && errno == ENOENT) {
			snprintf(buf, len, "cannot create the database there: "
			    "the directory %.300s does not exist (and could "
			    "not be created)", dir);
			return -1;
		}
		*p = '/';
	}
	if (e == ENOTDIR) {
		snprintf(buf, len, "cannot create the database there: a "
		    "directory on its path is not a directory");
		return -1;
	}
	return 0;
}

struct store *
store_open(const char *path, char *err, size_t errlen)
{
	struct store *s;
	struct stat sb;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->path = strdup(path)) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(s);
		return NULL;
	}
	s->window = WINDOW_DEFAULT;
	s->gone = -1;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		snprintf(s->err, sizeof(s->err), "is a directory");
		return open_failed(s, err, errlen);
	}
	if (check_creatable(path, s->err, sizeof(s->err)) == -1)
		return open_failed(s, err, errlen);
	if (open_rw(s) == -1 && (!may_read(s) || open_ro(s) == -1))
		return open_failed(s, err, errlen);
	if (step_int64(s, st(s, S_NEXT_ITEM), &s->next_item,
	    "reading the item counter") != 0 || sindex_load(s, time(NULL)) == -1)
		return open_failed(s, err, errlen);
	return s;
}

/* Proves a new connection can write: an update that changes nothing
 * still puts a page in the WAL. */
static int
probe_write(struct store *s)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE;"
	    "UPDATE fts_state SET seq = seq; COMMIT", NULL, NULL, NULL) ==
	    SQLITE_OK)
		return 0;
	fail(s, "writing");
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int
store_retry_writable(struct store *s)
{
	struct store n = { .path = s->path };

	if (!s->readonly)
		return 0;
	if (!sqlite3_get_autocommit(s->db)) {
		snprintf(s->err, sizeof(s->err), "a transaction is open");
		return -1;
	}
	if (open_rw(&n) == -1 || probe_write(&n) == -1) {
		/* The cause may have changed (a permission after a file
		 * system): say the current one. */
		if (n.readonly)
			memcpy(s->ro_reason, n.ro_reason, sizeof(s->ro_reason));
		else
			set_reason(s, n.err);
		close_db(&n);
		return -1;
	}
	/* The new connection takes over; the story index in memory is still
	 * right, since nothing was written meanwhile. */
	close_db(s);
	s->db = n.db;
	memcpy(s->st, n.st, sizeof(s->st));
	/* Its WAL hook was given n, which is gone on return. */
	s->page_size = n.page_size;
	s->wal_bytes = n.wal_bytes;
	sqlite3_wal_hook(s->db, on_wal_commit, s);
	s->readonly = 0;
	s->ro_reason[0] = '\0';
	s->err[0] = '\0';
	return 0;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	/* Folds the WAL back so the file stands alone after exit. */
	if (s->db && s->st[N_STMT - 1] && !s->readonly) {
		sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
		store_checkpoint(s);
	}
	close_db(s);
	sindex_free(&s->idx);
	free(s->links.bits);
	free(s->path);
	free(s);
}

void
store_set_retention(struct store *s, int64_t max_age, int max_items)
{
	s->max_age = max_age;
	s->max_items = max_items;
}

void
store_set_story_window(struct store *s, int64_t seconds)
{
	int wider = seconds > s->window;

	s->window = seconds;
	if (wider && s->idx.heads) {
		/* Older stories come back into reach. */
		sindex_clear(&s->idx);
		sindex_load(s, time(NULL));
	}
}

/* ---- feeds ---- */

int
store_feed_add(struct store *s, const char *url, const char *title,
    int64_t interval, int flags, int64_t now, int64_t *id)
{
	sqlite3_stmt *q = st(s, S_FEED_BY_URL);

	bind_text(q, 1, url);
	if (sqlite3_step(q) == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		return 1;
	}
	if (s->readonly)
		return refuse(s, "adding a feed");
	q = st(s, S_FEED_ADD);
	bind_text(q, 1, url);
	bind_text(q, 2, title);
	sqlite3_bind_int64(q, 3, interval);
	sqlite3_bind_int64(q, 4, now);
	sqlite3_bind_int64(q, 5, now);
	sqlite3_bind_int(q, 6, !(flags & STORE_ADD_DISABLED));
	sqlite3_bind_int(q, 7, !(flags & STORE_ADD_OWN_TITLE));
	if (sqlite3_step(q) != SQLITE_DONE)
		return fail(s, "adding a feed");
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int
remove_feed_items(struct store *s, int64_t feed)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(s->db, "DELETE FROM items WHERE feed = ?", -1,
	    &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, feed);
	s->gone = -1;	/* their links may have gone there */
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(q);
	if (rc == 0 && sqlite3_exec(s->db, "DELETE FROM tombstones WHERE feed"
	    " NOT IN (SELECT id FROM feeds)", NULL, NULL, NULL))
		rc = -1;
	return rc;
}

int
store_feed_remove(struct store *s, int64_t id)
{
	sqlite3_stmt *q;
	int rc = -1;

	if (s->readonly)
		return refuse(s, "removing a feed");
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
		return fail(s, "removing a feed");
	if (sqlite3_prepare_v2(s->db, "DELETE FROM feeds WHERE id = ?", -1, &q,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		if (sqlite3_step(q) == SQLITE_DONE)
			rc = sqlite3_changes(s->db) ? 0 : 1;
		sqlite3_finalize(q);
	}
	/* Its items, and the tombstones their deletion left: the feed id
	 * is never used again. */
	if (rc == 0 && remove_feed_items(s, id) == -1)
		rc = -1;
	if (rc == -1) {
		fail(s, "removing a feed");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int
store_feed_find(struct store *s, const char *key, int64_t *id)
{
	sqlite3_stmt *q;
	char *end;
	long long v;

	v = strtoll(key, &end, 10);
	if (*key && *end == '\0' && v > 0) {
		q = st(s, S_FEED_GET);
		sqlite3_bind_int64(q, 1, v);
	} else {
		q = st(s, S_FEED_BY_URL);
		bind_text(q, 1, key);
	}
	return step_int64(s, q, id, "finding a feed");
}

static void
feed_from_row(sqlite3_stmt *q, struct store_feed *f)
{
	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(q, 0);
	f->url = col_dup(q, 1);
	f->title = col_dup(q, 2);
	f->site = col_dup(q, 3);
	f->interval = sqlite3_column_int64(q, 4);
	f->etag = col_dup(q, 5);
	f->last_modified = col_dup(q, 6);
	f->last_status = sqlite3_column_int(q, 7);
	f->last_error = col_dup(q, 8);
	f->error_count = sqlite3_column_int(q, 9);
	f->last_poll = sqlite3_column_int64(q, 10);
	f->next_poll = sqlite3_column_int64(q, 11);
	f->retry_after = sqlite3_column_int64(q, 12);
	f->last_new = sqlite3_column_int64(q, 13);
	f->avg_gap = sqlite3_column_int64(q, 14);
	f->enabled = sqlite3_column_int(q, 15);
	f->gone = sqlite3_column_int(q, 16);
	f->added = sqlite3_column_int64(q, 17);
	f->n_items = sqlite3_column_int64(q, 18);
	f->n_unread = sqlite3_column_int64(q, 19);
	f->hint_ttl = sqlite3_column_int(q, 20);
	f->hint_update = sqlite3_column_int(q, 21);
	f->skip_hours = (uint32_t)sqlite3_column_int64(q, 22);
	f->skip_days = (uint8_t)sqlite3_column_int(q, 23);
	f->note = col_dup(q, 24);
	f->custom_title = sqlite3_column_int(q, 25);
}

void
store_feed_clear(struct store_feed *f)
{
	free(f->url);
	free(f->title);
	free(f->site);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->note);
	memset(f, 0, sizeof(*f));
}

int
store_feed_get(struct store *s, int64_t id, struct store_feed *f)
{
	sqlite3_stmt *q = st(s, S_FEED_GET);

	sqlite3_bind_int64(q, 1, id);
	switch (sqlite3_step(q)) {
	case SQLITE_ROW:
		feed_from_row(q, f);
		return 0;
	case SQLITE_DONE:
		return 1;
	default:
		return fail(s, "reading a feed");
	}
}

int
store_feeds(struct store *s, store_feed_fn fn, void *arg)
{
	sqlite3_stmt *q;
	struct store_feed f;
	const char *sql = "SELECT f.id, url, title, site, interval, etag,"
	    " last_modified, last_status, last_error, error_count, last_poll,"
	    " next_poll, retry_after, last_new, avg_gap, enabled, gone, added,"
	    " coalesce(c.n, 0), coalesce(c.unread, 0), hint_ttl, hint_update,"
	    " skip_hours, skip_days, note, custom_title FROM feeds f LEFT JOIN"
	    " (SELECT feed, count(*) AS n, sum(NOT read) AS unread FROM items"
	    " GROUP BY feed) c ON c.feed = f.id ORDER BY f.id";
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return fail(s, "listing feeds");
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		feed_from_row(q, &f);
		stop = fn(arg, &f);
		store_feed_clear(&f);
	}
	sqlite3_finalize(q);
	if (!stop && rc != SQLITE_DONE)
		return fail(s, "listing feeds");
	return 0;
}

int
store_feeds_due(struct store *s, store_due_fn fn, void *arg)
{
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT id, next_poll, retry_after FROM"
	    " feeds WHERE enabled AND NOT gone ORDER BY id", -1, &q, NULL) !=
	    SQLITE_OK)
		return fail(s, "listing feeds");
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = fn(arg, sqlite3_column_int64(q, 0),
		    sqlite3_column_int64(q, 1), sqlite3_column_int64(q, 2));
	sqlite3_finalize(q);
	if (!stop && rc != SQLITE_DONE)
		return fail(s, "listing feeds");
	return 0;
}

int
store_feed_ids(struct store *s, int64_t **ids, size_t *n)
{
	sqlite3_stmt *q;
	int64_t *v;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM feeds WHERE enabled AND"
	    " NOT gone ORDER BY id", -1, &q, NULL) != SQLITE_OK)
		return fail(s, "listing feeds");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((v = realloc(*ids, cap * sizeof(*v))) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			*ids = v;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return fail(s, "listing feeds");
	}
	return 0;
}

int
store_feed_set_enabled(struct store *s, int64_t id, int enabled)
{
	sqlite3_stmt *q;

	if (s->readonly)
		return refuse(s, "updating a feed");
	/* Due at once, but a Retry-After still holds: the server asked. */
	if (sqlite3_prepare_v2(s->db, "UPDATE feeds SET enabled = ?1, gone = 0,"
	    " error_count = CASE WHEN ?1 THEN 0 ELSE error_count END,"
	    " next_poll = retry_after WHERE id = ?2", -1, &q, NULL) !=
	    SQLITE_OK)
		return fail(s, "updating a feed");
	sqlite3_bind_int(q, 1, enabled);
	sqlite3_bind_int64(q, 2, id);
	return finish_change(s, q, "updating a feed");
}

int
store_feed_set(struct store *s, int64_t id, const char *title,
    int64_t interval, int64_t next_poll)
{
	sqlite3_stmt *q;

	if (s->readonly)
		return refuse(s, "updating a feed");
	/* The right-hand sides all see the row as it was. */
	if (sqlite3_prepare_v2(s->db, "UPDATE feeds SET"
	    " title = CASE WHEN ?1 IS NULL THEN title"
	    "  WHEN ?1 != '' THEN ?1 WHEN custom_title THEN NULL ELSE title END,"
	    " custom_title = CASE WHEN ?1 IS NULL THEN custom_title"
	    "  ELSE ?1 != '' END,"
	    " etag = CASE WHEN ?1 = '' AND custom_title THEN NULL ELSE etag END,"
	    " last_modified = CASE WHEN ?1 = '' AND custom_title THEN NULL"
	    "  ELSE last_modified END,"
	    " interval = CASE WHEN ?2 < 0 THEN interval ELSE ?2 END,"
	    " next_poll = CASE WHEN ?3 > 0 THEN ?3 ELSE next_poll END"
	    " WHERE id = ?4", -1, &q, NULL) != SQLITE_OK)
		return fail(s, "updating a feed");
	bind_text(q, 1, title);
	sqlite3_bind_int64(q, 2, interval);
	sqlite3_bind_int64(q, 3, next_poll);
	sqlite3_bind_int64(q, 4, id);
	return finish_change(s, q, "updating a feed");
}

/* ---- ingest ---- */

/* The feed's stored items, by key, for one poll. */
struct known {
	char	*key;
	int64_t	 id;
	int64_t	 hash;
	char	*canon;		/* canonical link, for republished guids */
	char	*title;
	int	 seen;
};

struct known_set {
	struct known	*v;
	size_t		 n, cap;	/* cap: power of two, open addressing */
};

static uint64_t
str_hash(const char *s)
{
	return fnv(14695981039346656037ULL, s);
}

static struct known *
known_find(struct known_set *ks, const char *key)
{
	size_t i;

	if (ks->cap == 0)
		return NULL;
	for (i = str_hash(key) & (ks->cap - 1); ks->v[i].key;
	    i = (i + 1) & (ks->cap - 1))
		if (strcmp(ks->v[i].key, key) == 0)
			return &ks->v[i];
	return NULL;
}

static int
known_add(struct known_set *ks, struct known *k)
{
	size_t i;

	if ((ks->n + 1) * 2 > ks->cap) {
		struct known_set big = { 0 };
		big.cap = ks->cap ? ks->cap * 2 : 64;
		if ((big.v = calloc(big.cap, sizeof(*big.v))) == NULL)
			return -1;
		for (i = 0; i < ks->cap; i++)
			if (ks->v[i].key)
				known_add(&big, &ks->v[i]);
		free(ks->v);
		*ks = big;
	}
	for (i = str_hash(k->key) & (ks->cap - 1); ks->v[i].key;
	    i = (i + 1) & (ks->cap - 1))
		;
	ks->v[i] = *k;
	ks->n++;
	return 0;
}

static void
known_free(struct known_set *ks)
{
	size_t i;

	for (i = 0; i < ks->cap; i++) {
		free(ks->v[i].key);
		free(ks->v[i].canon);
		free(ks->v[i].title);
	}
	free(ks->v);
}

static int
load_known(struct store *s, int64_t feed, struct known_set *ks)
{
	sqlite3_stmt *q = st(s, S_FEED_ITEMS);
	struct known k;
	int rc;

	sqlite3_bind_int64(q, 1, feed);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(&k, 0, sizeof(k));
		k.id = sqlite3_column_int64(q, 0);
		k.key = col_dup(q, 1);
		k.hash = sqlite3_column_int64(q, 2);
		k.canon = col_dup(q, 3);
		k.title = col_dup(q, 4);
		if (k.key == NULL || known_add(ks, &k) == -1) {
			free(k.key);
			free(k.canon);
			free(k.title);
			return -1;
		}
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Whether two titles are one headline, spelt alike or not ("UPDATE:",
 * curly quotes, case); a and b are not NULL. */
static int
same_headline(const char *a, const char *b)
{
	char *na, *nb;
	int same;

	if (strcmp(a, b) == 0)
		return 1;
	na = sim_normalize_title(a);
	nb = sim_normalize_title(b);
	same = na && nb && *na && strcmp(na, nb) == 0;
	free(na);
	free(nb);
	return same;
}

/* A republished item: the CMS gave it a new guid, but its canonical link
 * and headline are those of an item we have. */
static struct known *
known_republished(struct known_set *ks, const char *canon, const char *title)
{
	size_t i;

	if (canon == NULL || title == NULL)
		return NULL;
	for (i = 0; i < ks->cap; i++) {
		struct known *k = &ks->v[i];
		if (k->key && !k->seen && k->canon && k->title &&
		    strcmp(k->canon, canon) == 0 &&
		    same_headline(k->title, title))
			return k;
	}
	return NULL;
}

/* Identity within a feed: the guid; else the canonical link; else a hash
 * of title, date and summary.  A guid repeated within one document is not
 * an identity: guid + link then. */
static char *
item_key(const struct feed_item *it, const char *canon, int guid_repeats)
{
	struct buf b = { 0 };
	char hex[32];
	uint64_t h;

	if (it->guid && *it->guid) {
		buf_adds(&b, "g:");
		buf_adds(&b, it->guid);
		if (guid_repeats && it->link) {
			buf_addc(&b, '\n');
			buf_adds(&b, it->link);
		}
	} else if (canon || (it->link && *it->link)) {
		buf_adds(&b, "l:");
		buf_adds(&b, canon ? canon : it->link);
	} else {
		snprintf(hex, sizeof(hex), "%lld", (long long)it->published);
		h = fnv(fnv(fnv(14695981039346656037ULL, it->title), hex),
		    it->summary);
		snprintf(hex, sizeof(hex), "h:%016llx", (unsigned long long)h);
		buf_adds(&b, hex);
	}
	return buf_take(&b);
}

/* The lists are stored as the JSON that answers carry (itemjson), built
 * as text: jansson writes each string, and values are not built first,
 * since this runs for every new item. */
static char *
list_done(struct buf *b, int rc)
{
	if (rc == 0 && buf_addc(b, ']') == 0)
		return buf_take(b);
	buf_free(b);
	return NULL;
}

static char *
json_list_enclosures(const struct feed_item *it)
{
	struct buf b = { 0 };
	size_t i;
	int rc;

	if (it->n_enclosures == 0)
		return NULL;
	rc = buf_addc(&b, '[');
	for (i = 0; rc == 0 && i < it->n_enclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		if ((i && buf_addc(&b, ',') == -1) ||
		    buf_adds(&b, "{\"url\":") == -1 ||
		    jsonw_str(&b, e->url) == -1 ||
		    buf_adds(&b, ",\"type\":") == -1 ||
		    jsonw_str(&b, e->type) == -1 ||
		    (e->length >= 0 && (buf_adds(&b, ",\"length\":") == -1 ||
		    jsonw_int(&b, e->length) == -1)) ||
		    buf_addc(&b, '}') == -1)
			rc = -1;
	}
	return list_done(&b, rc);
}

static char *
json_list_categories(const struct feed_item *it)
{
	struct buf b = { 0 };
	size_t i;
	int rc;

	if (it->n_categories == 0)
		return NULL;
	rc = buf_addc(&b, '[');
	for (i = 0; rc == 0 && i < it->n_categories; i++)
		if ((i && buf_addc(&b, ',') == -1) ||
		    jsonw_str(&b, it->categories[i]) == -1)
			rc = -1;
	return list_done(&b, rc);
}

/* Binds the content columns shared by insert and update, from column c. */
static void
bind_content(sqlite3_stmt *q, int c, const struct feed_item *it,
    const char *canon, const char *encl, const char *cats)
{
	bind_text(q, c, it->guid);
	bind_text(q, c + 1, it->title);
	bind_text(q, c + 2, it->link);
	bind_text(q, c + 3, canon);
	bind_date(q, c + 4, it->published);
	bind_date(q, c + 5, it->updated);
	bind_text(q, c + 6, it->author);
	bind_text(q, c + 7, it->summary);
	bind_text(q, c + 8, it->content);
	bind_text(q, c + 9, encl);
	bind_text(q, c + 10, cats);
}

struct event {
	int64_t	 id;
	int	 update;
};

struct ingest {
	struct store	*s;
	int64_t		 feed;
	const struct store_poll *poll;
	struct known_set known;
	int		 tombs;		/* the feed has tombstones */
	struct event	*ev;
	size_t		 n_ev, cap_ev;
	struct store_stats st;
};

static int
add_event(struct ingest *in, int64_t id, int update)
{
	struct event *e;

	if (in->n_ev == in->cap_ev) {
		size_t cap = in->cap_ev ? in->cap_ev * 2 : 16;
		if ((e = realloc(in->ev, cap * sizeof(*e))) == NULL)
			return -1;
		in->ev = e;
		in->cap_ev = cap;
	}
	in->ev[in->n_ev].id = id;
	in->ev[in->n_ev].update = update;
	in->n_ev++;
	return 0;
}

/* ---- the canonical-link filter ---- */

static uint64_t
link_hash(const char *canon)
{
	return (uint64_t)mix_end(mix_str(0, canon));
}

/* The four bits of a link lie in one 64-byte line of the filter (a
 * blocked Bloom filter): one cache miss a look where four spread bits
 * cost four once the filter outgrows the caches, for a slightly higher
 * false positive rate. */
static uint64_t *
links_line(const struct lfilter *f, uint64_t h)
{
	/* 28 bits pick the line: a filter past 2^28 bits (16 million
	 * links) would leave its upper lines unused, never miss a link. */
	return f->bits + ((h >> 36 & f->mask) >> 9 << 3);
}

static void
links_add(struct lfilter *f, const char *canon)
{
	uint64_t h = link_hash(canon), *line = links_line(f, h);
	int i;

	for (i = 0; i < 4; i++, h >>= 9)
		line[(h & 511) >> 6] |= 1ULL << (h & 63);
	f->n++;
}

static int
links_may_have(const struct lfilter *f, const char *canon)
{
	uint64_t h = link_hash(canon), *line = links_line(f, h);
	int i;

	for (i = 0; i < 4; i++, h >>= 9)
		if (!(line[(h & 511) >> 6] & (1ULL << (h & 63))))
			return 0;
	return 1;
}

static int
count_rows(struct store *s, const char *sql, size_t *n)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(q) == SQLITE_ROW ? 0 : -1;
	*n = rc == 0 ? (size_t)sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return rc;
}

/* (Re)builds the filter from what is stored, with room for as many
 * links again; on failure there is none, and every look goes to the
 * index. */
static void
links_load(struct store *s)
{
	struct lfilter *f = &s->links;
	sqlite3_stmt *q = NULL;
	uint64_t nbits = 512;
	size_t n, feeds;
	int rc = SQLITE_ERROR;

	free(f->bits);
	memset(f, 0, sizeof(*f));
	f->off = 1;
	if (count_rows(s, "SELECT (SELECT count(*) FROM items WHERE"
	    " canon_link IS NOT NULL) + (SELECT count(*) FROM gone_links)",
	    &n) == -1 || count_rows(s, "SELECT count(*) FROM feeds",
	    &feeds) == -1)
		return;
	/* Room for as many links again, and for what the feeds' first
	 * polls bring (a feed lists tens of items), so that a new store
	 * is not rebuilt at every doubling. */
	f->cap = 2 * n > LINKS_PER_FEED * feeds ? 2 * n :
	    LINKS_PER_FEED * feeds;
	if (f->cap < LINKS_MIN)
		f->cap = LINKS_MIN;
	while (nbits < 8 * (uint64_t)f->cap)
		nbits <<= 1;
	f->mask = nbits - 1;
	/* Lines on cache lines. */
	if ((f->bits = aligned_alloc(64, nbits / 8)) != NULL &&
	    memset(f->bits, 0, nbits / 8) &&
	    sqlite3_prepare_v2(s->db, "SELECT canon_link FROM items"
	    " WHERE canon_link IS NOT NULL UNION ALL SELECT canon FROM"
	    " gone_links", -1, &q, NULL) == SQLITE_OK)
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			links_add(f, (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(f->bits);
		f->bits = NULL;
		return;
	}
	f->off = 0;
}

/* Whether the filter can answer; built at the first look. */
static int
links_ready(struct store *s)
{
	if (s->links.bits == NULL && !s->links.off)
		links_load(s);
	return s->links.bits != NULL;
}

/* A link the store now holds. */
static void
links_note(struct store *s, const char *canon)
{
	if (canon == NULL || s->links.bits == NULL)
		return;
	if (s->links.n >= s->links.cap)
		links_load(s);	/* reads it back, with the rest */
	else
		links_add(&s->links, canon);
}

/* Whether the stored item k differs from it by its link alone (a new
 * tracking parameter, https, a feed proxy): the hash of it with the
 * stored link is k's. */
static int
link_alone_changed(struct store *s, const struct known *k,
    const struct feed_item *it)
{
	sqlite3_stmt *q = st(s, S_ITEM_LINK);
	struct feed_item old = *it;

	sqlite3_bind_int64(q, 1, k->id);
	if (sqlite3_step(q) != SQLITE_ROW)
		return 0;
	old.link = (char *)col_text(q, 0);
	return content_hash(&old) == k->hash;
}

/* A reader is told of an update when the item's text changed: a new
 * link alone is stored, and shows no story again. */
static int
update_item(struct ingest *in, struct known *k, const struct feed_item *it,
    const char *canon, int64_t hash)
{
	sqlite3_stmt *q;
	char *encl, *cats;
	int rc, quiet;

	quiet = link_alone_changed(in->s, k, it);
	q = st(in->s, S_ITEM_UPDATE);
	encl = json_list_enclosures(it);
	cats = json_list_categories(it);
	bind_content(q, 1, it, canon, encl, cats);
	sqlite3_bind_int64(q, 12, hash);
	sqlite3_bind_int64(q, 13, k->id);
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	free(encl);
	free(cats);
	if (rc == 0) {
		links_note(in->s, canon);
		k->hash = hash;
		in->st.updated++;
		if (!quiet)
			rc = add_event(in, k->id, 1);
	}
	return rc;
}

static int
story_has_feed(struct store *s, int64_t story, int64_t feed)
{
	sqlite3_stmt *q = st(s, S_STORY_HAS_FEED);

	sqlite3_bind_int64(q, 1, story);
	sqlite3_bind_int64(q, 2, feed);
	return sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
}

/* A link to a site's front page says nothing about which story it is. */
static int
is_front_page(const char *canon)
{
	const char *p = strstr(canon, "://");

	return p == NULL || (p = strchr(p + 3, '/')) == NULL || p[1] == '\0';
}

/* Whether gone_links has rows: while it has none (a new store, one
 * that never purged), a link no item carries costs no look there. */
static int
gone_any(struct store *s)
{
	sqlite3_stmt *q;

	if (s->gone == -1) {
		q = st(s, S_GONE_ANY);
		s->gone = sqlite3_step(q) == SQLITE_ROW &&
		    sqlite3_column_int(q, 0);
	}
	return s->gone;
}

/*
 * The story of a link no item carries any more: it was stored, so it was
 * offered as new once (whether a reader looked is a cursor's business).
 * Another feed's item with that link, after its copies were purged,
 * joins the old story, as it would have joined it while a copy was
 * left: stored, so that the feed knows it at its next poll, and listed
 * with its feed's items, but no new story and no event.
 */
static int64_t
story_by_gone_link(struct store *s, int64_t feed, const char *canon)
{
	sqlite3_stmt *q;
	int64_t story;

	if (!gone_any(s))
		return 0;
	q = st(s, S_GONE_FIND);
	bind_text(q, 1, canon);
	if (sqlite3_step(q) != SQLITE_ROW)
		return 0;
	story = sqlite3_column_int64(q, 0);
	return story_has_feed(s, story, feed) ? 0 : story;
}

static int64_t
story_by_link(struct store *s, int64_t feed, const char *canon)
{
	sqlite3_stmt *q;
	int64_t story;

	if (canon == NULL || is_front_page(canon))
		return 0;
	if (links_ready(s) && !links_may_have(&s->links, canon))
		return 0;
	q = st(s, S_CANON_FIND);
	bind_text(q, 1, canon);
	sqlite3_bind_int64(q, 2, feed);
	if (sqlite3_step(q) != SQLITE_ROW)
		return story_by_gone_link(s, feed, canon);
	story = sqlite3_column_int64(q, 0);
	return story_has_feed(s, story, feed) ? 0 : story;
}

struct textsig {
	char		*title;		/* normalised */
	const char	*summary_html;
	char		*summary;	/* normalised plain text, lazily */
	uint64_t	 hash;
	int64_t		 date;		/* published, else updated; or none */
};

static const char *
sig_summary(struct textsig *t)
{
	char *plain;

	if (t->summary == NULL && t->summary_html) {
		plain = text_from_html(t->summary_html, strlen(t->summary_html));
		t->summary = plain ? sim_normalize_text(plain) : NULL;
		free(plain);
	}
	return t->summary;
}

static int
same_as_story(struct store *s, int64_t story, struct textsig *t)
{
	sqlite3_stmt *q = st(s, S_STORY_FIRST);
	struct textsig other = { 0 };
	const char *title;
	int same = 0;

	sqlite3_bind_int64(q, 1, story);
	if (sqlite3_step(q) != SQLITE_ROW || (title = col_text(q, 0)) == NULL)
		return 0;
	/* Feeds first polled together bring old and new items at once:
	 * this year's "Apple event: everything announced" is not last
	 * year's, which another feed still lists. */
	other.date = col_date(q, 2);
	if (t->date != FEED_NO_DATE && other.date != FEED_NO_DATE &&
	    (t->date > other.date ? t->date - other.date :
	    other.date - t->date) > s->window)
		return 0;
	other.title = sim_normalize_title(title);
	other.summary_html = col_text(q, 1);
	/* Most candidates differ by their titles alone: their summaries
	 * are made plain text only when they could tip the balance. */
	if (other.title && sim_titles_may_match(t->title, other.title))
		same = sim_same_story(t->title, sig_summary(t), other.title,
		    sig_summary(&other));
	free(other.title);
	free(other.summary);
	return same;
}

/* ---- the in-memory story index ---- */

static size_t
n_keys(const struct sindex *x)
{
	return (size_t)BANDS << x->bits;
}

static uint32_t
band_key(const struct sindex *x, uint64_t hash, int b)
{
	return (uint32_t)b << x->bits |
	    (sim_band(hash, b) & ((1u << x->bits) - 1));
}

static void
sindex_link(struct sindex *x, uint32_t i)
{
	struct sentry *e = &x->v[i];
	int b;

	for (b = 0; b < BANDS; b++) {
		uint32_t key = band_key(x, e->hash, b);
		e->next[b] = x->heads[key];
		x->heads[key] = i + 1;
	}
}

/* Every entry back in the chains, none sealed. */
static void
sindex_unseal(struct sindex *x)
{
	uint32_t i;

	memset(x->heads, 0, n_keys(x) * sizeof(*x->heads));
	x->sealed = 0;
	for (i = 0; i < x->n; i++)
		sindex_link(x, i);
}

/* Drops entries older than the window, keeping order. */
static void
sindex_compact(struct sindex *x, int64_t oldest)
{
	uint32_t i, n = 0;

	for (i = 0; i < x->n; i++) {
		if ((int64_t)x->v[i].created < oldest)
			continue;
		x->v[n++] = x->v[i];
	}
	if (n == x->n)
		return;		/* nothing dropped: the chains stand */
	x->n = n;
	sindex_unseal(x);
}

/* Copies every entry into the runs (a counting sort by band value, the
 * newest first within each) and empties the chains.  -1: out of memory,
 * with the index as it was. */
static int
sindex_seal(struct sindex *x)
{
	size_t nstart = (size_t)BANDS * (BAND_VALUES + 1);
	struct srun *run;
	uint32_t *start, i, k;
	int b;

	if ((start = x->start) == NULL &&
	    (start = malloc(nstart * sizeof(*start))) == NULL)
		return -1;
	x->start = start;
	if ((run = realloc(x->run, (size_t)BANDS * x->n * sizeof(*run))) ==
	    NULL)
		return -1;
	x->run = run;
	memset(start, 0, nstart * sizeof(*start));
	for (b = 0; b < BANDS; b++) {
		uint32_t *st = start + (size_t)b * (BAND_VALUES + 1), at;
		for (i = 0; i < x->n; i++)
			st[(sim_band(x->v[i].hash, b) & 0xffff) + 1]++;
		at = (uint32_t)b * x->n;
		for (k = 0; k <= BAND_VALUES; k++) {
			at += st[k];
			st[k] = at;
		}
		/* st[k] is now where value k's run begins. */
		for (i = x->n; i-- > 0;) {
			struct sentry *e = &x->v[i];
			struct srun *r = &run[st[sim_band(e->hash, b) & 0xffff]++];
			r->hash = e->hash;
			r->story = e->story;
			r->created = e->created;
		}
		/* Each st[k] moved to the next run's beginning: shift back. */
		memmove(st + 1, st, BAND_VALUES * sizeof(*st));
		st[0] = (uint32_t)b * x->n;
	}
	memset(x->heads, 0, n_keys(x) * sizeof(*x->heads));
	x->sealed = x->n;
	return 0;
}

/* A key table of 2^bits per band, every entry not sealed relinked in
 * order (so a rollback still finds each chain as it left it). */
static int
sindex_rekey(struct sindex *x, int bits)
{
	uint32_t *heads = calloc((size_t)BANDS << bits, sizeof(*heads));
	uint32_t i;

	if (heads == NULL)
		return -1;
	free(x->heads);
	x->heads = heads;
	x->bits = bits;
	for (i = x->sealed; i < x->n; i++)
		sindex_link(x, i);
	return 0;
}

/* Empty, keeping the memory. */
static void
sindex_clear(struct sindex *x)
{
	if (x->heads)
		memset(x->heads, 0, n_keys(x) * sizeof(*x->heads));
	x->n = 0;
	x->sealed = 0;
}

static void
sindex_free(struct sindex *x)
{
	free(x->v);
	free(x->heads);
	free(x->start);
	free(x->run);
	memset(x, 0, sizeof(*x));
}

static int
sindex_add(struct store *s, int64_t story, uint64_t hash, int64_t created)
{
	struct sindex *x = &s->idx;
	struct sentry *v;

	if (story <= 0 || story > UINT32_MAX)
		return 0;	/* not indexed: found by its link only */
	if (x->heads == NULL && sindex_rekey(x, KEY_BITS_MIN) == -1)
		return -1;
	/* Between transactions: a rollback never reaches what these move. */
	if (s->idx_mark == x->n) {
		if (x->n == x->cap)
			sindex_compact(x, created - s->window);
		/* Out of memory only leaves the chains long; run[] is
		 * indexed by uint32_t. */
		if (x->n >= SEAL_MIN && x->n <= UINT32_MAX / BANDS &&
		    x->n - x->sealed >= x->sealed / 4)
			(void)sindex_seal(x);
		/* What a rollback would take back starts here now. */
		s->idx_mark = x->n;
	}
	if (x->n == x->cap) {
		/* Small steps: realloc moves a large block by remapping
		 * it, and a doubled one would sit half empty. */
		uint32_t cap = x->cap ? x->cap + x->cap / 8 : 1024;
		if ((v = realloc(x->v, cap * sizeof(*v))) == NULL)
			return -1;
		x->v = v;
		x->cap = cap;
	}
	x->v[x->n].story = (uint32_t)story;
	x->v[x->n].hash = hash;
	x->v[x->n].created = created > 0 ? (uint32_t)created : 0;
	sindex_link(x, x->n++);
	if (x->n > 4u << x->bits && x->bits < KEY_BITS_MAX)
		return sindex_rekey(x, x->bits + 1);
	return 0;
}

/* A rolled-back transaction's stories leave the index too: unlinking the
 * newest first restores each chain head. */
static void
sindex_rollback(struct store *s)
{
	struct sindex *x = &s->idx;
	int b;

	while (x->n > s->idx_mark) {
		struct sentry *e = &x->v[--x->n];
		for (b = 0; b < BANDS; b++)
			x->heads[band_key(x, e->hash, b)] = e->next[b];
	}
}

/* The first item id seen at or after t, by bisecting ids: items are
 * numbered in the order they were stored, so first_seen grows with the
 * id (a clock stepped back only blurs the window's edge), and this reads
 * a few rows where a scan of first_seen would read them all. */
static int
first_id_since(struct store *s, int64_t t, int64_t *out)
{
	sqlite3_stmt *q;
	int64_t lo = 0, hi = s->next_item, mid;

	if (sqlite3_prepare_v2(s->db, "SELECT id, first_seen FROM items"
	    " WHERE id >= ? ORDER BY id LIMIT 1", -1, &q, NULL) != SQLITE_OK)
		return -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, mid);
		if (sqlite3_step(q) != SQLITE_ROW ||
		    sqlite3_column_int64(q, 1) >= t)
			hi = mid;
		else
			lo = sqlite3_column_int64(q, 0) + 1;
	}
	sqlite3_finalize(q);
	*out = lo;
	return 0;
}

static int
sindex_load(struct store *s, int64_t now)
{
	sqlite3_stmt *q;
	int64_t from;
	int rc;

	if (first_id_since(s, now - s->window, &from) == -1 ||
	    sqlite3_prepare_v2(s->db, "SELECT id, simhash, first_seen"
	    " FROM items WHERE id >= ? AND story = id AND simhash != 0"
	    " ORDER BY id", -1, &q, NULL) != SQLITE_OK)
		return fail(s, "loading the story index");
	sqlite3_bind_int64(q, 1, from);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (sindex_add(s, sqlite3_column_int64(q, 0),
		    (uint64_t)sqlite3_column_int64(q, 1),
		    sqlite3_column_int64(q, 2)) == -1)
			break;
	sqlite3_finalize(q);
	s->idx_mark = s->idx.n;
	return rc == SQLITE_DONE ? 0 : fail(s, "loading the story index");
}

static int
seen_candidate(const int64_t *c, int n, int64_t story)
{
	int i;

	for (i = 0; i < n; i++)
		if (c[i] == story)
			return 1;
	return 0;
}

#define CANDIDATES	16
#define NEAR		12	/* SimHash bits apart still worth a look */

/*
 * The four bands' chains are walked in step, not one after the other:
 * each step is a cache miss, and four independent ones overlap.  With
 * 500,000 stories in the window a title meets about 30 entries, and the
 * walk one band at a time cost most of a second per 500,000 new items.
 * Each band keeps its own list of distinct stories, and the lists are
 * taken in band order: the candidates, and their order, are those of a
 * walk band by band (test_sindex compares the two).
 */
/* Where each band's run of the hash's band value lies in run[]; its
 * first entry is fetched while the chains are walked. */
static void
sindex_runs_find(struct sindex *x, uint64_t hash, uint32_t *lo,
    uint32_t *hi)
{
	int b;

	for (b = 0; b < BANDS; b++) {
		uint32_t *st = x->start + (size_t)b * (BAND_VALUES + 1) +
		    (sim_band(hash, b) & 0xffff);
		lo[b] = st[0];
		hi[b] = st[1];
		if (lo[b] < hi[b])
			__builtin_prefetch(&x->run[lo[b]]);
	}
}

/* The sealed entries of each band whose chain walk was not cut short,
 * after those of its chain: older, and newest first like them. */
static void
sindex_runs(struct store *s, uint64_t hash, int64_t now,
    const uint32_t *lo, const uint32_t *hi, const int *cut,
    int64_t found[BANDS][CANDIDATES], int *nf)
{
	uint32_t i;
	int b;

	for (b = 0; b < BANDS; b++)
		for (i = lo[b]; !cut[b] && i < hi[b] && nf[b] < CANDIDATES;
		    i++) {
			struct srun *r = &s->idx.run[i];
			if ((int64_t)r->created < now - s->window)
				break;
			if (sim_distance(r->hash, hash) <= NEAR &&
			    !seen_candidate(found[b], nf[b], r->story))
				found[b][nf[b]++] = r->story;
		}
}

static int
sindex_candidates(struct store *s, uint64_t hash, int64_t now, int64_t *c)
{
	struct sindex *x = &s->idx;
	uint32_t next[BANDS], band[BANDS], lo[BANDS], hi[BANDS];
	int64_t found[BANDS][CANDIDATES];
	int b, k, n = 0, nf[BANDS] = { 0 }, cut[BANDS] = { 0 }, walking;

	if (x->heads == NULL)
		return 0;
	if (x->sealed)
		sindex_runs_find(x, hash, lo, hi);
	for (b = 0; b < BANDS; b++) {
		band[b] = sim_band(hash, b);
		next[b] = x->heads[band_key(x, hash, b)];
	}
	do {
		walking = 0;
		for (b = 0; b < BANDS; b++) {
			struct sentry *e;
			if (next[b] == 0)
				continue;
			e = &x->v[next[b] - 1];
			next[b] = e->next[b];
			if ((int64_t)e->created < now - s->window) {
				next[b] = 0;
				cut[b] = 1;
				continue;
			}
			/* A key holds several band values: the others are
			 * no candidates through this band. */
			if (sim_band(e->hash, b) == band[b] &&
			    sim_distance(e->hash, hash) <= NEAR &&
			    !seen_candidate(found[b], nf[b], e->story)) {
				found[b][nf[b]++] = e->story;
				if (nf[b] == CANDIDATES)
					next[b] = 0, cut[b] = 1;
			}
			walking |= next[b] != 0;
		}
	} while (walking);
	if (x->sealed)
		sindex_runs(s, hash, now, lo, hi, cut, found, nf);
	for (b = 0; b < BANDS; b++)
		for (k = 0; k < nf[b] && n < CANDIDATES; k++)
			if (!seen_candidate(c, n, found[b][k]))
				c[n++] = found[b][k];
	return n;
}

static int64_t
story_by_text(struct store *s, int64_t feed, struct textsig *t, int64_t now)
{
	int64_t cand[CANDIDATES];
	int i, n;

	if (t->hash == 0 || t->title == NULL)
		return 0;
	/* Most titles have no candidate: count words only for those that
	 * do (too few words match too much). */
	if ((n = sindex_candidates(s, t->hash, now, cand)) == 0 ||
	    sim_tokens(t->title) < 3)
		return 0;
	for (i = 0; i < n; i++)
		if (!story_has_feed(s, cand[i], feed) &&
		    same_as_story(s, cand[i], t))
			return cand[i];
	return 0;
}

static int
insert_item(struct ingest *in, const struct feed_item *it, const char *key,
    const char *canon, int64_t hash)
{
	struct store *s = in->s;
	int64_t now = in->poll->now, story, id;
	struct textsig t = { 0 };
	sqlite3_stmt *q;
	char *encl, *cats;
	int first = 0, rc;

	t.title = it->title ? sim_normalize_title(it->title) : NULL;
	t.summary_html = it->summary;
	t.hash = t.title ? sim_hash(t.title) : 0;
	t.date = it->published != FEED_NO_DATE ? it->published : it->updated;
	id = s->next_item;
	if ((story = story_by_link(s, in->feed, canon)) == 0 &&
	    (story = story_by_text(s, in->feed, &t, now)) == 0) {
		story = id;
		first = 1;
	}
	free(t.title);
	free(t.summary);
	q = st_all_bound(s, S_ITEM_INSERT);
	encl = json_list_enclosures(it);
	cats = json_list_categories(it);
	sqlite3_bind_int64(q, 1, in->feed);
	bind_text(q, 2, key);
	sqlite3_bind_int64(q, 3, story);
	sqlite3_bind_int64(q, 4, id);
	bind_content(q, 5, it, canon, encl, cats);
	sqlite3_bind_int64(q, 16, hash);
	sqlite3_bind_int64(q, 17, now);
	sqlite3_bind_int64(q, 18, first ? (int64_t)t.hash : 0);
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	free(encl);
	free(cats);
	if (rc == -1)
		return -1;
	links_note(s, canon);
	s->next_item++;
	if (first && t.hash && sindex_add(s, id, t.hash, now) == -1)
		return -1;
	in->st.new_items++;
	if (first) {
		in->st.new_stories++;
		return add_event(in, id, 0);
	}
	return 0;
}

/* Most feeds have no tombstones: one look per poll spares a lookup
 * per new item. */
static int
has_tombstones(struct store *s, int64_t feed)
{
	sqlite3_stmt *q = st(s, S_TOMB_ANY);

	sqlite3_bind_int64(q, 1, feed);
	return sqlite3_step(q) == SQLITE_ROW;
}

static int
tombstoned(struct ingest *in, const char *key)
{
	sqlite3_stmt *q;

	if (!in->tombs)
		return 0;
	q = st(in->s, S_TOMB);
	sqlite3_bind_int64(q, 1, in->feed);
	bind_text(q, 2, key);
	return sqlite3_step(q) == SQLITE_ROW;
}

static int
ingest_one(struct ingest *in, const struct feed_item *it, int guid_repeats)
{
	char *canon = it->link ? canon_url(it->link) : NULL;
	char *key = item_key(it, canon, guid_repeats);
	int64_t hash = content_hash(it);
	struct known *k;
	int rc = 0;

	if (key == NULL) {
		free(canon);
		return -1;
	}
	if ((k = known_find(&in->known, key)) != NULL) {
		k->seen = 1;
		if (k->hash == hash)
			in->st.unchanged++;
		else
			rc = update_item(in, k, it, canon, hash);
	} else if (tombstoned(in, key)) {
		in->st.skipped++;
	} else if ((k = known_republished(&in->known, canon, it->title)) != NULL) {
		/* Same item under a new guid: take the new key, keep its seq. */
		sqlite3_stmt *q = st(in->s, S_ITEM_REKEY);
		bind_text(q, 1, key);
		sqlite3_bind_int64(q, 2, k->id);
		rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
		k->seen = 1;
		if (rc == 0 && k->hash != hash)
			rc = update_item(in, k, it, canon, hash);
		else if (rc == 0)
			in->st.unchanged++;
	} else
		rc = insert_item(in, it, key, canon, hash);
	free(canon);
	free(key);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Marks the guids that occur more than once in the document. */
static int *
repeated_guids(struct feed_item *const *items, size_t n)
{
	const char **g;
	int *rep;
	size_t i, j, m = 0;

	if ((rep = calloc(n ? n : 1, sizeof(*rep))) == NULL)
		return NULL;
	if (n < 2 || (g = malloc(n * sizeof(*g))) == NULL)
		return rep;
	for (i = 0; i < n; i++)
		if (items[i]->guid && *items[i]->guid)
			g[m++] = items[i]->guid;
	qsort(g, m, sizeof(*g), cmp_str);
	for (i = 0; i < n; i++) {
		const char *guid = items[i]->guid;
		const char **hit;
		if (guid == NULL || *guid == '\0')
			continue;
		hit = bsearch(&guid, g, m, sizeof(*g), cmp_str);
		j = hit - g;
		rep[i] = (j > 0 && strcmp(g[j - 1], guid) == 0) ||
		    (j + 1 < m && strcmp(g[j + 1], guid) == 0);
	}
	free(g);
	return rep;
}

static int
write_feed_state(struct ingest *in, const struct feed_info *info)
{
	const struct store_poll *p = in->poll;
	sqlite3_stmt *q = st(in->s, S_FEED_POLL);

	sqlite3_bind_int64(q, 1, p->now);
	sqlite3_bind_int(q, 2, p->status);
	bind_text(q, 3, p->error);
	sqlite3_bind_int(q, 4, p->error != NULL);
	bind_text(q, 5, p->etag);
	bind_text(q, 6, p->last_modified);
	sqlite3_bind_int64(q, 7, p->next_poll);
	sqlite3_bind_int64(q, 8, p->retry_after);
	sqlite3_bind_int(q, 9, p->gone);
	sqlite3_bind_int64(q, 11, in->feed);
	sqlite3_bind_int(q, 12, p->replace_validators);
	if (info) {
		bind_text(q, 13, info->title);
		bind_text(q, 14, info->link);
		sqlite3_bind_int(q, 15, info->ttl_minutes);
		sqlite3_bind_int(q, 16, info->update_seconds);
		sqlite3_bind_int64(q, 17, info->skip_hours);
		sqlite3_bind_int(q, 18, info->skip_days);
	}
	sqlite3_bind_int(q, 19, info != NULL);
	sqlite3_bind_int(q, 20, p->set_note);
	bind_text(q, 21, p->note);
	if (sqlite3_step(q) != SQLITE_DONE)
		return -1;
	if (p->new_url) {
		q = st(in->s, S_FEED_MOVE);
		bind_text(q, 1, p->new_url);
		sqlite3_bind_int64(q, 2, in->feed);
		if (sqlite3_step(q) != SQLITE_DONE)
			return -1;
		in->st.moved = sqlite3_changes(in->s->db) > 0;
	}
	if (in->st.new_items) {
		q = st(in->s, S_FEED_NEWGAP);
		sqlite3_bind_int64(q, 1, p->now);
		sqlite3_bind_int64(q, 2, p->now);
		sqlite3_bind_int64(q, 3, p->now);
		sqlite3_bind_int64(q, 4, in->feed);
		if (sqlite3_step(q) != SQLITE_DONE)
			return -1;
	}
	return 0;
}

static int
ingest_items(struct ingest *in, struct feed_item *const *items, size_t n)
{
	int *rep;
	size_t i;
	int rc = 0;

	if (n == 0)
		return 0;
	if (load_known(in->s, in->feed, &in->known) == -1 ||
	    (rep = repeated_guids(items, n)) == NULL)
		return -1;
	in->tombs = has_tombstones(in->s, in->feed);
	/* Feeds list newest first: store oldest first, so seqs follow. */
	for (i = n; i-- > 0 && rc == 0;)
		rc = ingest_one(in, items[i], rep[i]);
	free(rep);
	return rc;
}

int
store_ingest(struct store *s, int64_t feed, const struct feed_info *info,
    struct feed_item *const *items, size_t n, const struct store_poll *poll,
    struct store_stats *stats, store_event_fn fn, void *arg)
{
	struct ingest in = { .s = s, .feed = feed, .poll = poll };
	size_t i;
	int rc;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	/* Nothing of the poll is written, its validators included: the
	 * next poll after the store is writable again brings it whole. */
	if (s->readonly)
		return refuse(s, "storing a feed");
	if (exec1(s, S_BEGIN) == -1)
		return fail(s, "starting a transaction");
	s->idx_mark = s->idx.n;
	s->next_mark = s->next_item;
	rc = ingest_items(&in, items, n);
	if (rc == 0)
		rc = write_feed_state(&in, info);
	if (rc == 0 && exec1(s, S_COMMIT) == -1)
		rc = -1;
	if (rc == -1) {
		fail(s, "storing a feed");
		exec1(s, S_ROLLBACK);
		sindex_rollback(s);
		s->next_item = s->next_mark;
	}
	if (stats)
		*stats = in.st;
	for (i = 0; rc == 0 && fn && i < in.n_ev; i++)
		fn(arg, in.ev[i].id, in.ev[i].update);
	known_free(&in.known);
	free(in.ev);
	return rc;
}

/* ---- reading items ---- */

static void
item_from_row(sqlite3_stmt *q, struct store_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(q, 0);
	it->story = sqlite3_column_int64(q, 1);
	it->feed = sqlite3_column_int64(q, 2);
	it->feed_title = col_text(q, 3);
	it->feed_url = col_text(q, 4);
	it->guid = col_text(q, 5);
	it->title = col_text(q, 6);
	it->link = col_text(q, 7);
	it->published = col_date(q, 8);
	it->updated = col_date(q, 9);
	it->author = col_text(q, 10);
	it->summary = col_text(q, 11);
	it->content = col_text(q, 12);
	it->enclosures = col_text(q, 13);
	it->categories = col_text(q, 14);
	it->first_seen = sqlite3_column_int64(q, 15);
	it->read = sqlite3_column_int(q, 16);
	it->starred = sqlite3_column_int(q, 17);
	it->has_copies = sqlite3_column_int(q, 18);
}

/* Runs a prepared item query, handing each row to fn. */
static int
walk_items(struct store *s, sqlite3_stmt *q, store_item_fn fn, void *arg,
    int64_t *last)
{
	struct store_item it;
	int rc, n = 0;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		item_from_row(q, &it);
		n++;
		/* A callback that stops declines this item: the cursor must
		 * not move past it. */
		if (fn(arg, &it))
			break;
		if (last)
			*last = it.id;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		fail(s, "reading items");
		return -1;
	}
	return n;
}

/* Runs one of the kept statements with two integer parameters. */
static int
run_kept(struct store *s, enum stmt which, store_item_fn fn, void *arg,
    int64_t a, int64_t b)
{
	sqlite3_stmt *q = st(s, which);
	int n;

	sqlite3_bind_int64(q, 1, a);
	sqlite3_bind_int64(q, 2, b);
	n = walk_items(s, q, fn, arg, NULL);
	sqlite3_reset(q);
	return n;
}

int
store_item_get(struct store *s, int64_t id, store_item_fn fn, void *arg)
{
	return run_kept(s, S_ITEM_GET, fn, arg, id, 0);
}

int
store_copies(struct store *s, int64_t story, int64_t except,
    store_item_fn fn, void *arg)
{
	return run_kept(s, S_COPIES, fn, arg, story, except);
}

int
store_index(struct store *s, int max_items)
{
	char sql[640];
	int n;

	if (s->readonly)
		return refuse(s, "indexing");
	/* The batch ends at a known id: max(rowid) of an external-content
	 * FTS table would read the items table, not the index. */
	snprintf(sql, sizeof(sql), "BEGIN IMMEDIATE;"
	    "CREATE TEMP TABLE IF NOT EXISTS fts_batch (hi INTEGER);"
	    "DELETE FROM fts_batch;"
	    "INSERT INTO fts_batch SELECT max(id) FROM (SELECT id FROM items"
	    " WHERE id > (SELECT seq FROM fts_state) ORDER BY id LIMIT %d);"
	    "INSERT INTO items_fts(rowid, title, summary, content)"
	    " SELECT id, title, summary, content FROM items_text"
	    " WHERE id > (SELECT seq FROM fts_state)"
	    " AND id <= (SELECT hi FROM fts_batch);",
	    max_items > 0 ? max_items : -1);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fail(s, "indexing");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	n = sqlite3_changes(s->db);
	if (sqlite3_exec(s->db, "UPDATE fts_state SET seq = coalesce((SELECT hi"
	    " FROM fts_batch), seq); COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fail(s, "indexing");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return n;
}

/* The conditions of a listing on the items table aliased t, with the
 * parameters ?1 (query), ?2 (feed) and ?3 (since). */
static void
filter_sql(struct buf *sql, const struct store_filter *f, const char *t)
{
	if (f->query) {
		buf_adds(sql, " AND ");
		buf_adds(sql, t);
		buf_adds(sql, ".id IN (SELECT rowid FROM items_fts WHERE"
		    " items_fts MATCH ?1)");
	}
	if (f->feed) {
		buf_adds(sql, " AND ");
		buf_adds(sql, t);
		buf_adds(sql, ".feed = ?2");
	}
	if (f->since) {
		buf_adds(sql, " AND ");
		buf_adds(sql, t);
		buf_adds(sql, ".first_seen >= ?3");
	}
	if (f->unread) {
		buf_adds(sql, " AND NOT ");
		buf_adds(sql, t);
		buf_adds(sql, ".read");
	}
	if (f->starred) {
		buf_adds(sql, " AND ");
		buf_adds(sql, t);
		buf_adds(sql, ".starred");
	}
}

int
store_items(struct store *s, const struct store_filter *f, store_item_fn fn,
    void *arg)
{
	struct buf sql = { 0 };
	sqlite3_stmt *q;
	int n;

	/* A search sees every item: index what is still waiting (a
	 * read-only store searches what was indexed before). */
	if (f->query && !s->readonly && store_index(s, 0) == -1)
		return -1;
	/* One item per story, as `new` shows them: the story's oldest
	 * item among those that match, its copies being "also in".  The
	 * parameters are numbered: the filter is written twice, for the
	 * item and for its story's older items. */
	buf_adds(&sql, "SELECT " ITEM_COLUMNS " WHERE 1");
	filter_sql(&sql, f, "i");
	if (f->before)
		buf_adds(&sql, " AND i.id < ?4");
	/* Older items of the story: its first (id = story), found by
	 * rowid, and its copies, by items_copies, whose WHERE the second
	 * look repeats so that SQLite may use it: without, each row
	 * scanned the items before it (11 s for a page of 100 among
	 * 500,000). */
	buf_adds(&sql, " AND NOT (i.story != i.id AND EXISTS (SELECT 1"
	    " FROM items j WHERE j.id = i.story AND j.id < i.id");
	filter_sql(&sql, f, "j");
	buf_adds(&sql, ")) AND NOT EXISTS (SELECT 1 FROM items j WHERE"
	    " j.story = i.story AND j.story != j.id AND j.id < i.id");
	filter_sql(&sql, f, "j");
	buf_adds(&sql, ") ORDER BY i.id DESC");
	if (f->limit > 0)
		buf_adds(&sql, " LIMIT ?5");
	if (sql.s == NULL || sqlite3_prepare_v2(s->db, sql.s, -1, &q, NULL)) {
		buf_free(&sql);
		return fail(s, "searching items");
	}
	buf_free(&sql);
	if (f->query)
		sqlite3_bind_text(q, 1, f->query, -1, SQLITE_STATIC);
	if (f->feed)
		sqlite3_bind_int64(q, 2, f->feed);
	if (f->since)
		sqlite3_bind_int64(q, 3, f->since);
	if (f->before)
		sqlite3_bind_int64(q, 4, f->before);
	if (f->limit > 0)
		sqlite3_bind_int(q, 5, f->limit);
	n = walk_items(s, q, fn, arg, NULL);
	sqlite3_finalize(q);
	return n;
}

int
store_mark(struct store *s, int64_t item, const char *flag, int on)
{
	sqlite3_stmt *q;

	if (s->readonly)
		return refuse(s, "marking an item");
	if (strcmp(flag, "read") == 0)
		q = st(s, S_MARK_READ);
	else if (strcmp(flag, "starred") == 0)
		q = st(s, S_MARK_STAR);
	else {
		snprintf(s->err, sizeof(s->err), "unknown flag %s", flag);
		return -1;
	}
	sqlite3_bind_int(q, 1, on != 0);
	sqlite3_bind_int64(q, 2, item);
	if (sqlite3_step(q) != SQLITE_DONE)
		return fail(s, "marking an item");
	return sqlite3_changes(s->db) ? 0 : 1;
}

int
store_item_delete(struct store *s, int64_t item)
{
	sqlite3_stmt *q;

	if (s->readonly)
		return refuse(s, "deleting an item");
	if (sqlite3_prepare_v2(s->db, "DELETE FROM items WHERE id = ?", -1, &q,
	    NULL) != SQLITE_OK)
		return fail(s, "deleting an item");
	s->gone = -1;	/* its link may have gone there */
	sqlite3_bind_int64(q, 1, item);
	return finish_change(s, q, "deleting an item");
}

/* ---- cursors and new stories ---- */

int64_t
store_last_item(struct store *s)
{
	return s->next_item > 0 ? s->next_item - 1 : 0;
}

int
store_cursor_get(struct store *s, const char *name, int64_t *seq)
{
	sqlite3_stmt *q = st(s, S_CURSOR_GET);

	bind_text(q, 1, name);
	*seq = 0;
	return step_int64(s, q, seq, "reading a cursor");
}

/* which: S_CURSOR_SET, or S_CURSOR_ADVANCE (forward only). */
static int
cursor_move(struct store *s, enum stmt which, const char *name, int64_t seq)
{
	sqlite3_stmt *q;

	if (s->readonly)
		return refuse(s, "moving a cursor");
	q = st(s, which);
	bind_text(q, 1, name);
	sqlite3_bind_int64(q, 2, seq);
	return sqlite3_step(q) == SQLITE_DONE ? 0 : fail(s, "moving a cursor");
}

int
store_cursor_set(struct store *s, const char *name, int64_t seq)
{
	return cursor_move(s, S_CURSOR_SET, name, seq);
}

int
store_cursor_advance(struct store *s, const char *name, int64_t seq)
{
	return cursor_move(s, S_CURSOR_ADVANCE, name, seq);
}

int
store_cursor_delete(struct store *s, const char *name)
{
	sqlite3_stmt *q;

	if (s->readonly)
		return refuse(s, "deleting a cursor");
	if (sqlite3_prepare_v2(s->db, "DELETE FROM cursors WHERE name = ?", -1,
	    &q, NULL) != SQLITE_OK)
		return fail(s, "deleting a cursor");
	bind_text(q, 1, name);
	return finish_change(s, q, "deleting a cursor");
}

static int
new_after(struct store *s, const char *cursor, int64_t after, int limit,
    int peek, store_item_fn fn, void *arg)
{
	sqlite3_stmt *q;
	int64_t from, last = 0;
	int n;

	if (store_cursor_get(s, cursor, &from) == -1)
		return -1;
	if (after > from)
		from = after;
	if (sqlite3_prepare_v2(s->db, "SELECT " ITEM_COLUMNS
	    " WHERE i.story = i.id AND i.id > ? ORDER BY i.id LIMIT ?", -1, &q,
	    NULL) != SQLITE_OK)
		return fail(s, "reading new items");
	sqlite3_bind_int64(q, 1, from);
	sqlite3_bind_int(q, 2, limit > 0 ? limit : -1);
	n = walk_items(s, q, fn, arg, &last);
	sqlite3_finalize(q);
	if (last > 0 && !peek && store_cursor_set(s, cursor, last) == -1)
		return -1;
	return n;
}

int
store_new(struct store *s, const char *cursor, int limit, int peek,
    store_item_fn fn, void *arg)
{
	return new_after(s, cursor, 0, limit, peek, fn, arg);
}

int
store_new_after(struct store *s, const char *cursor, int64_t after,
    int limit, store_item_fn fn, void *arg)
{
	return new_after(s, cursor, after, limit, 1, fn, arg);
}

/* ---- retention ---- */

/* Items first seen before cut.  Ids grow with first_seen, so the old
 * items are those below the first young one: found by a scan that stops
 * there, and deleted by rowid range, where a filter on first_seen would
 * read the whole table every hour.  first_seen is still checked, in case
 * the clock went back; and an item stamped in the future (a clock once
 * ahead) is no young one to stop at, or nothing after it would go. */
static int
purge_old(struct store *s, int64_t cut, int64_t now, int *n)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(s->db, "DELETE FROM items WHERE id < coalesce("
	    "(SELECT id FROM items WHERE first_seen >= ?1 AND first_seen <= ?2"
	    " ORDER BY id LIMIT 1), (SELECT max(id) FROM items) + 1)"
	    " AND first_seen < ?1 AND NOT starred", -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, cut);
	sqlite3_bind_int64(q, 2, now);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return -1;
	*n += sqlite3_changes(s->db);
	return 0;
}

/* All but the newest keep items of each feed.  The feeds over it are
 * found in the (feed, key) index alone, and listed before any delete
 * changes that index under the scan; only their rows are read. */
static int
purge_over(struct store *s, int keep, int *n)
{
	sqlite3_stmt *q;
	int64_t *over = NULL, *v;
	size_t n_over = 0, cap = 0, i;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT feed FROM items GROUP BY feed"
	    " HAVING count(*) > ?", -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(q, 1, keep);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n_over == cap) {
			cap = cap ? cap * 2 : 64;
			if ((v = realloc(over, cap * sizeof(*v))) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			over = v;
		}
		over[n_over++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE || n_over == 0)
		goto done;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM items WHERE id IN (SELECT"
	    " id FROM (SELECT id, starred, row_number() OVER (ORDER BY id DESC)"
	    " AS r FROM items WHERE feed = ?) WHERE r > ? AND NOT starred)", -1,
	    &q, NULL) != SQLITE_OK) {
		rc = SQLITE_ERROR;
		goto done;
	}
	sqlite3_bind_int(q, 2, keep);
	for (i = 0; i < n_over; i++) {
		sqlite3_bind_int64(q, 1, over[i]);
		if ((rc = sqlite3_step(q)) != SQLITE_DONE)
			break;
		*n += sqlite3_changes(s->db);
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
done:
	free(over);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The links of purged stories are forgotten twice the retention after
 * their last item was first seen: as long again as the items were kept,
 * so that another feed's late copy, or the backlog of a feed subscribed
 * since, is not new; and no longer, so that the table holds about as
 * many rows as the items of one retention span, each a fraction of an
 * item's size.  With no retention by age (keep = 0) items are kept
 * forever, and so are the links of those deleted (as tombstones are).
 */
static int
purge_gone(struct store *s, int64_t now)
{
	sqlite3_stmt *q;
	int rc;

	if (s->max_age <= 0)
		return 0;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM gone_links WHERE seen < ?",
	    -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, now - 2 * s->max_age);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_purge(struct store *s, int64_t now, int *purged)
{
	int n = 0;

	*purged = 0;
	if (s->max_age <= 0 && s->max_items <= 0)
		return 0;
	if (s->readonly)
		return refuse(s, "purging");
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
		return fail(s, "purging");
	s->gone = -1;
	/* Starred items are the user's: never purged. */
	if (s->max_age > 0 && purge_old(s, now - s->max_age, now, &n) == -1)
		goto bad;
	if (s->max_items > 0 && purge_over(s, s->max_items, &n) == -1)
		goto bad;
	if (purge_gone(s, now) == -1)
		goto bad;
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL))
		goto bad;
	*purged = n;
	return 0;
bad:
	fail(s, "purging");
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int
checkpoint(struct store *s, int mode)
{
	int i, log = 0, done = 0;

	if (s->readonly)
		return refuse(s, "checkpoint");
	/* A statement left mid-result holds a read lock on the WAL. */
	for (i = 0; i < N_STMT; i++)
		if (s->st[i])
			sqlite3_reset(s->st[i]);
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, mode, &log, &done) !=
	    SQLITE_OK)
		return fail(s, "checkpoint");
	/* All copied: the next commit writes from the WAL's start. */
	s->wal_bytes = frame_bytes(s, log - done);
	return 0;
}

int
store_checkpoint(struct store *s)
{
	return checkpoint(s, SQLITE_CHECKPOINT_TRUNCATE);
}

int
store_checkpoint_busy(struct store *s)
{
	return checkpoint(s, SQLITE_CHECKPOINT_RESTART);
}

int
store_begin(struct store *s)
{
	if (s->readonly)
		return refuse(s, "starting a transaction");
	return exec1(s, S_BEGIN) == -1 ? fail(s, "starting a transaction") : 0;
}

int
store_commit(struct store *s)
{
	if (exec1(s, S_COMMIT) == -1) {
		fail(s, "committing");
		exec1(s, S_ROLLBACK);
		return -1;
	}
	return 0;
}

int64_t
store_wal_bytes(struct store *s)
{
	/* Nothing committed since opening: what an earlier run left. */
	return s->wal_bytes >= 0 ? s->wal_bytes : wal_size(s->path);
}

int64_t
store_changes(struct store *s)
{
	return sqlite3_total_changes64(s->db);
}

static int64_t
count(struct store *s, const char *sql, int64_t arg)
{
	sqlite3_stmt *q;
	int64_t n = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_bind_parameter_count(q) > 0)
		sqlite3_bind_int64(q, 1, arg);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

int
store_counts(struct store *s, int64_t now, int failing_after,
    struct store_counts *c)
{
	struct stat sb;
	char wal[4096];

	c->feeds = count(s, "SELECT count(*) FROM feeds", 0);
	c->items = count(s, "SELECT count(*) FROM items", 0);
	/* First items (all but the copies), and the stories whose first
	 * item is gone: read from the copies' index, not from every row. */
	c->stories = count(s, "SELECT (SELECT count(*) FROM items) -"
	    " (SELECT count(*) FROM items WHERE story != id) +"
	    " (SELECT count(DISTINCT story) FROM items c WHERE story != id"
	    " AND NOT EXISTS (SELECT 1 FROM items f WHERE f.id = c.story))", 0);
	c->in_error = count(s, "SELECT count(*) FROM feeds WHERE error_count > 0"
	    " AND enabled AND NOT gone", 0);
	c->failing = count(s, "SELECT count(*) FROM feeds WHERE error_count >= ?"
	    " AND enabled AND NOT gone", failing_after);
	c->notes = count(s, "SELECT count(*) FROM feeds WHERE note IS NOT NULL"
	    " AND enabled AND NOT gone", 0);
	c->due = count(s, "SELECT count(*) FROM feeds WHERE enabled AND NOT gone"
	    " AND next_poll <= ?", now);
	c->db_bytes = stat(s->path, &sb) == 0 ? sb.st_size : 0;
	snprintf(wal, sizeof(wal), "%s-wal", s->path);
	if (stat(wal, &sb) == 0)
		c->db_bytes += sb.st_size;
	if (c->feeds < 0 || c->items < 0 || c->stories < 0)
		return fail(s, "counting");
	return 0;
}
