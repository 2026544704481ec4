/*
 * The daemon's state and the operations the socket server asks of it.
 * One libev loop runs everything: the due-time timer, curl's watchers,
 * the socket's clients, signals.
 */
#ifndef FEEDD_DAEMON_H
#define FEEDD_DAEMON_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "feedd/config.h"
#include "feedd/store.h"

struct ev_loop;
struct server;
struct refresh;

/* Totals of a refresh the client waits for. */
struct refresh_stats {
	int	 feeds, fetched, not_modified, failed;
	int	 new_items, new_stories;
	int	 off;		/* asked for, but gone or disabled */
	int	 limited;	/* asked for, held back by a Retry-After */
};

/* The feeds a refresh asked for and did not queue: the first
 * REFRESH_HELD_MAX of them by id, each with why, while their URLs and
 * titles fit in REFRESH_HELD_BYTES (a URL a redirect gave can be long):
 * the list stays far below PROTO_LINE_MAX.  A refresh of 20,000 feeds
 * may hold back thousands; the counts cover them all. */
#define REFRESH_HELD_MAX	100
#define REFRESH_HELD_BYTES	(128 << 10)
#define REFRESH_TITLE_MAX	200	/* title bytes kept, then "…" */

enum held_why { HELD_LIMITED, HELD_GONE, HELD_DISABLED };

struct refresh_held {
	int64_t		 id;
	char		*url;
	char		*title;		/* NULL: none */
	enum held_why	 why;
	int64_t		 not_before;	/* HELD_LIMITED: the Retry-After */
};

struct refresh_report {
	int64_t		 not_before;	/* the latest Retry-After; 0: none */
	int		 limited, off;	/* all of them, listed or not */
	size_t		 n_held;
	size_t		 bytes;		/* of the URLs and titles listed */
	int		 full;		/* no more are listed */
	struct refresh_held held[REFRESH_HELD_MAX];
};

/* A refresh's progress: called after each of its feeds completes, and
 * once more with done set.  feed is 0 on the final call. */
typedef void (*refresh_fn)(void *arg, int64_t feed, const char *url,
    const char *error, const struct refresh_stats *, int done);

struct daemon {
	struct ev_loop	*loop;
	struct config	 cfg;
	const char	*config_path;
	int		 config_required;
	int		 paths_overridden;	/* --db, --socket, FEEDD_SOCKET */
	int		 log_level_forced;	/* -v's level, kept on reload; 0: none */
	int		 db_lock;	/* descriptor holding the flock(); 0: none */
	struct store	*store;
	struct fetch	*fetch;
	struct sched_heap *heap;
	struct server	*server;
	struct refresh	*refreshes;
	time_t		 started;
	int		 stopping;
	int64_t		 polls, failures;	/* since start */
	char		 store_error[256];	/* last store failure, or "" */
};

int	 daemon_init(struct daemon *, struct ev_loop *);
void	 daemon_shutdown(struct daemon *);
/* Re-reads the configuration; the old one stays on error. */
int	 daemon_reload(struct daemon *);

/* Checks url (http/https, bounded) and adds the feed, due now unless
 * flags (as store_feed_add() takes them) say STORE_ADD_DISABLED.
 * Returns 0 added, 1 already there (left as it is), -1 (the URL is
 * refused) or -2 (the store failed) with err set. */
int	 daemon_add_feed(struct daemon *, const char *url, const char *title,
	    int64_t interval, int flags, int64_t *id, char *err,
	    size_t errlen);
int	 daemon_remove_feed(struct daemon *, int64_t id);
/* Polls the feed again from now on (a gone one too: its errors are
 * forgotten, a Retry-After is not), or stops polling it.  0, or -1 when
 * the store failed. */
int	 daemon_set_enabled(struct daemon *, int64_t id, int enabled);
/* Sets the feed's title and interval as store_feed_set() takes them; a
 * new interval moves a scheduled poll to the last one plus the interval
 * (not before now, nor before a Retry-After).  0, or -1 when the store
 * failed. */
int	 daemon_set_feed(struct daemon *, int64_t id, const char *title,
	    int64_t interval);
/* Polls the feeds now (all when n == 0), unless gone, disabled, or held
 * back by a Retry-After: rep says which (clear it with
 * daemon_refresh_report_clear()).  Returns how many feeds are queued (fn
 * then hears of each; when 0 it is never called), -1 on error.  fn may be
 * NULL (do not wait). */
int	 daemon_refresh(struct daemon *, const int64_t *ids, size_t n,
	    refresh_fn fn, void *arg, struct refresh_report *rep);
void	 daemon_refresh_report_clear(struct refresh_report *);
/* Stops reporting to arg (its client went away). */
void	 daemon_refresh_cancel(struct daemon *, void *arg);
size_t	 daemon_in_flight(const struct daemon *);
/* Feeds waiting for their next poll, due or not (not those in flight). */
size_t	 daemon_queued(const struct daemon *);

#endif
