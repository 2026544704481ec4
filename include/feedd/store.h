/*
 * The store: feeds, items, stories, cursors and tombstones in SQLite (WAL).
 * Everything one fetched feed brings is written in one transaction, so a
 * crash never leaves half a feed.  Not thread-safe: one owner (the daemon's
 * loop, or a command-line tool).
 */
#ifndef FEEDD_STORE_H
#define FEEDD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "feedd/parse.h"

#define STORE_SCHEMA_VERSION	1

struct store;

struct store_feed {
	int64_t	 id;
	char	*url;
	char	*title;
	char	*site;		/* the feed's own link */
	int64_t	 interval;	/* per-feed override (s); 0: the default */
	char	*etag;		/* validators exactly as the server sent them */
	char	*last_modified;
	int	 last_status;	/* last HTTP status, 0 when never polled */
	char	*last_error;	/* NULL when the last poll went well */
	int	 error_count;	/* consecutive failures */
	int64_t	 last_poll;	/* Unix seconds; 0: never */
	int64_t	 next_poll;
	int64_t	 retry_after;	/* no request before this (429/503) */
	int64_t	 last_new;	/* when a new item last arrived */
	int64_t	 avg_gap;	/* smoothed seconds between new items */
	int	 enabled;
	int	 gone;		/* 410: never polled until re-enabled */
	int64_t	 added;
	int64_t	 n_items;	/* filled by store_feeds() */
	int64_t	 n_unread;
	int	 hint_ttl;	/* the feed's own schedule hints, */
	int	 hint_update;	/* as in struct feed_info */
	uint32_t skip_hours;
	uint8_t	 skip_days;
	char	*note;		/* what the last poll that read the feed
				 * noticed for the user, or NULL */
	int	 custom_title;	/* title is the user's, not the feed's */
};

/* What a poll did to a feed's row; written with its items. */
struct store_poll {
	int64_t	 now;
	int	 status;	/* HTTP status; 0 for a transport error */
	const char *error;	/* NULL on success */
	int	 replace_validators;	/* a 200: store these two as sent */
	const char *etag;
	const char *last_modified;
	int64_t	 next_poll;
	int64_t	 retry_after;	/* 0: none */
	const char *new_url;	/* a permanent redirect's target, or NULL */
	int	 gone;
	int	 set_note;	/* replace the feed's note with note */
	const char *note;	/* NULL: none */
};

struct store_stats {
	int	 new_items;	/* items stored for the first time */
	int	 new_stories;	/* ... that started a story */
	int	 updated;	/* known items whose content changed */
	int	 unchanged;
	int	 skipped;	/* tombstoned: purged or deleted before */
	int	 moved;		/* the feed's URL became store_poll.new_url */
};

/* One item as the store gives it back. */
struct store_item {
	int64_t	 id;		/* also its seq: strictly increasing */
	int64_t	 story;
	int64_t	 feed;
	const char *feed_title;
	const char *feed_url;
	const char *guid;
	const char *title;
	const char *link;
	int64_t	 published;	/* FEED_NO_DATE when absent */
	int64_t	 updated;
	const char *author;
	const char *summary;
	const char *content;
	const char *enclosures;	/* JSON array text */
	const char *categories;	/* JSON array text */
	int64_t	 first_seen;
	int	 read;
	int	 starred;
	int	 has_copies;	/* other items carry its story */
	int	 is_update;	/* events only: an update, not a new story */
};

struct store_filter {
	int64_t	 feed;		/* 0: all */
	int64_t	 since;		/* first seen at or after; 0: any time */
	int64_t	 before;	/* ids below it only, for the next page of a
				 * newest-first listing; 0: no bound */
	int	 unread;
	int	 starred;
	const char *query;	/* FTS5 query over title, summary, content */
	int	 limit;		/* 0: no limit */
};

struct store_counts {
	int64_t	 feeds, items, stories, due;
	int64_t	 in_error;	/* polled, enabled: the last poll failed */
	int64_t	 failing;	/* and so did failing_after polls in a row */
	int64_t	 notes;		/* polled, enabled, with a note */
	int64_t	 db_bytes;
};

/* Return non-zero from a callback to stop the walk. */
typedef int (*store_item_fn)(void *arg, const struct store_item *);
typedef int (*store_feed_fn)(void *arg, const struct store_feed *);
/* After a feed's transaction commits: each new story's first item and
 * each updated item. */
typedef void (*store_event_fn)(void *arg, int64_t item_id, int is_update);

/* Opens (creating if needed) and migrates the database.  NULL on failure
 * with the reason in err; a database from a newer feedd is refused and
 * left untouched.  A database that can be read but not written (a
 * read-only file, directory or file system) is opened read-only: see
 * store_readonly(). */
struct store *store_open(const char *path, char *err, size_t errlen);
void	 store_close(struct store *);
const char *store_error(struct store *);

/*
 * Read-only mode.  The store enters it when opened on a database it
 * cannot write, or when a write fails because the file or its file system
 * turned read-only (EROFS, EPERM, EACCES, SQLITE_READONLY).  Reads go on;
 * every write is refused at once with "WHAT: database read-only: PATH:
 * CAUSE", and nothing is half written: each write is one transaction.
 */
/* NULL when writable, else "database read-only: PATH: CAUSE". */
const char *store_readonly(struct store *);
/* fn hears of the switch to read-only, once, with the reason. */
void	 store_on_readonly(struct store *, void (*fn)(void *, const char *),
	    void *arg);
/* Reopens the database for writing and proves it with a write: 0 when
 * the store is writable (again), -1 while it still is not (the reason
 * is updated).  Never call it inside a transaction. */
int	 store_retry_writable(struct store *);

/* Retention: items older than max_age seconds (0: keep) and beyond
 * max_items per feed (0: no cap) are purged, leaving tombstones.  The
 * story window bounds near-duplicate matching (default 72 h). */
void	 store_set_retention(struct store *, int64_t max_age, int max_items);
void	 store_set_story_window(struct store *, int64_t seconds);

/* Feeds.  add: 0 added, 1 already there, left as it is (*id set), -1
 * error.  A title is the user's, kept whatever the feed says, unless
 * STORE_ADD_OWN_TITLE: the feed's own, until its polls bring another. */
#define STORE_ADD_DISABLED	0x1	/* not polled until enabled */
#define STORE_ADD_OWN_TITLE	0x2
int	 store_feed_add(struct store *, const char *url, const char *title,
	    int64_t interval, int flags, int64_t now, int64_t *id);
int	 store_feed_remove(struct store *, int64_t id);
/* An id ("12") or a URL; 0 found, 1 not found, -1 error. */
int	 store_feed_find(struct store *, const char *id_or_url, int64_t *id);
int	 store_feed_get(struct store *, int64_t id, struct store_feed *);
/* Every feed, in id order, until fn returns non-zero: 0, or -1 when a
 * row could not be read (what came before was already passed to fn). */
int	 store_feeds(struct store *, store_feed_fn, void *arg);
/* The ids of the feeds that are polled (enabled, not gone); malloc'd. */
int	 store_feed_ids(struct store *, int64_t **ids, size_t *n);
/* When each polled feed is due: fn(arg, id, next_poll, retry_after),
 * in id order, until fn returns non-zero.  Reads the feeds table alone
 * (store_feeds() counts every feed's items). */
typedef int (*store_due_fn)(void *arg, int64_t id, int64_t next_poll,
	    int64_t retry_after);
int	 store_feeds_due(struct store *, store_due_fn, void *arg);
int	 store_feed_set_enabled(struct store *, int64_t id, int enabled);
/* What the user chose: title NULL keeps it, "" gives the feed its own
 * title back (its validators are dropped, so the next poll brings it);
 * interval -1 keeps it, 0 is the configured default; next_poll 0 keeps
 * it. */
int	 store_feed_set(struct store *, int64_t id, const char *title,
	    int64_t interval, int64_t next_poll);
void	 store_feed_clear(struct store_feed *);

/* One poll's outcome: items (may be none, e.g. a 304) and the feed's new
 * state, in one transaction.  Events go to fn after the commit. */
int	 store_ingest(struct store *, int64_t feed, const struct feed_info *,
	    struct feed_item *const *items, size_t n,
	    const struct store_poll *, struct store_stats *,
	    store_event_fn fn, void *arg);

/* Items. */
int	 store_item_get(struct store *, int64_t id, store_item_fn, void *arg);
int	 store_items(struct store *, const struct store_filter *,
	    store_item_fn, void *arg);
/* Other items of the same story, oldest first. */
int	 store_copies(struct store *, int64_t story, int64_t except,
	    store_item_fn, void *arg);
/* Full-text indexes up to max_items stored items not yet indexed (0: all
 * of them); returns how many, 0 when caught up, -1 on error.  Searches
 * call it first, so they always see everything. */
int	 store_index(struct store *, int max_items);
/* flag: "read" or "starred".  0 done, 1 no such item, -1 error. */
int	 store_mark(struct store *, int64_t item, const char *flag, int on);
/* Deletes an item for good: it leaves a tombstone. */
int	 store_item_delete(struct store *, int64_t item);

/* New stories after a named cursor, oldest first; advances the cursor to
 * the last one given unless peek. */
int	 store_new(struct store *, const char *cursor, int limit, int peek,
	    store_item_fn, void *arg);
/* The same as a peek, after item after when the cursor is before it: the
 * next page of a reader that moves the cursor once it has shown all. */
int	 store_new_after(struct store *, const char *cursor, int64_t after,
	    int limit, store_item_fn, void *arg);
/* The id of the newest item ever stored (0: none yet): a cursor past it
 * would hide the stories to come. */
int64_t	 store_last_item(struct store *);
int	 store_cursor_get(struct store *, const char *name, int64_t *seq);
int	 store_cursor_set(struct store *, const char *name, int64_t seq);
/* Moves the cursor to seq unless it is past it already: what a reader
 * that peeked and printed has seen, whoever else moved it meanwhile. */
int	 store_cursor_advance(struct store *, const char *name, int64_t seq);
int	 store_cursor_delete(struct store *, const char *name);

int	 store_purge(struct store *, int64_t now, int *purged);
/* Copies the write-ahead log into the database (and truncates it): the
 * daemon calls it when idle, so no fsync lands in the middle of a poll. */
int	 store_checkpoint(struct store *);
/* The same without truncating: a daemon busy for long folds its WAL back
 * and writes on over the file's old blocks, cheaper than growing it anew
 * (the next idle checkpoint truncates it). */
int	 store_checkpoint_busy(struct store *);
/* Many small writes (an import) in one transaction: a feed added per
 * transaction would leave a WAL page or more each. */
int	 store_begin(struct store *);
int	 store_commit(struct store *);
/* Committed bytes in the WAL not yet checkpointed. */
int64_t	 store_wal_bytes(struct store *);
/* Rows written since the store was opened (sqlite3_total_changes). */
int64_t	 store_changes(struct store *);
/* failing_after: the failures in a row that make a feed "failing". */
int	 store_counts(struct store *, int64_t now, int failing_after,
	    struct store_counts *);

#endif
