/* Poll scheduling: when to fetch a feed next (pure functions of the policy,
 * what the last response said and a caller-supplied random number), the
 * HTTP header parsers they need, and the due-time heap the loop runs from.
 * All times are Unix seconds, UTC. */
#ifndef FEEDD_SCHED_H
#define FEEDD_SCHED_H

#include <stddef.h>
#include <stdint.h>

/* A publisher's own request (ttl, sy:update*) is honoured up to this long,
 * even past max_interval. */
#define SCHED_PUBLISHER_MAX	(7 * 86400LL)
/* Retry-After is honoured up to this long. */
#define SCHED_RETRY_AFTER_MAX	(7 * 86400LL)
/* No poll is ever scheduled further ahead than this. */
#define SCHED_MAX_DELAY		(8 * 86400LL)
/* The first backoff step is never longer than this. */
#define SCHED_BACKOFF_BASE	300

struct sched_policy {
	int64_t	 interval;		/* default per feed */
	int64_t	 min_interval;
	int64_t	 max_interval;
	int64_t	 max_backoff;
	int	 failing_after;		/* consecutive failures; <= 0 never */
};

/* What the last response said about itself. */
struct sched_hints {
	int	 ttl_minutes;		/* RSS <ttl>, <= 0 none */
	int	 update_seconds;	/* sy:updatePeriod/Frequency, <= 0 none */
	uint32_t skip_hours;		/* bit h: skip hour h UTC (bits 0-23) */
	uint8_t	 skip_days;		/* bit d: skip weekday d, 0 = Sunday */
	int64_t	 max_age;		/* Cache-Control max-age (s), -1 none */
	int64_t	 expires;		/* Expires as Unix time, 0 none */
};

/*
 * The interval before the next poll of a healthy feed.
 *
 * The configured interval c (feed_interval if > 0, else policy->interval),
 * clamped to [min_interval, max_interval], adapts to avg_gap g, the
 * smoothed seconds between new items (<= 0 unknown):
 *	g > 2c		c' = g / 2	(stretch: about two polls per item)
 *	c <= g <= 2c	c' = c
 *	g < c		c' = c - (c - g) / 2 (shorten half way towards g)
 * c' is continuous in g and clamped to [min_interval, max_interval] again.
 *
 * The result is the largest of c' and the publisher's requests, which are
 * floors the adaptation never undercuts:
 *	ttl, sy:update*		honoured up to SCHED_PUBLISHER_MAX (7 days),
 *				even beyond max_interval;
 *	max-age, Expires - now	honoured up to max_interval only: far-future
 *				cache headers are usually a server's default
 *				for every file, not a word about the feed.
 */
int64_t	 sched_interval(const struct sched_policy *, int64_t feed_interval,
	    const struct sched_hints *, int64_t avg_gap, int64_t now);

/*
 * The absolute time of the next poll: now + interval (taken as at least 1
 * and at most SCHED_MAX_DELAY) with +-10 % jitter from rnd (0 -> -10 %,
 * UINT32_MAX / 2 -> 0, UINT32_MAX -> +10 %), then, if that lands in a
 * skipped hour or day (UTC), moved to the start of the first allowed hour
 * plus rnd % 300 s so that feeds sharing a skip list do not all fire at
 * once.  A skip list covering all 24 hours (or all 7 days) is ignored
 * rather than never polling.  Never later than now + SCHED_MAX_DELAY.
 * hints may be NULL.
 */
int64_t	 sched_next(int64_t now, int64_t interval, const struct sched_hints *,
	    uint32_t rnd);

/* The next attempt after the failures-th consecutive failure (taken as at
 * least 1): min(interval, SCHED_BACKOFF_BASE) doubled per further failure,
 * capped at max_backoff; max_backoff itself once the feed is failing.  Then
 * +-10 % jitter as in sched_next(), and never beyond now + SCHED_MAX_DELAY.
 * skipHours do not apply: the last response said nothing trustworthy. */
int64_t	 sched_backoff(const struct sched_policy *, int failures, int64_t now,
	    uint32_t rnd);
/* True once failures >= failing_after (> 0). */
int	 sched_is_failing(const struct sched_policy *, int failures);

/* Retry-After (delta-seconds or an HTTP-date) -> absolute time, capped to
 * now + SCHED_RETRY_AFTER_MAX; a negative delta or a past date gives now;
 * 0 when value is absent or invalid. */
int64_t	 sched_retry_after(const char *value, int64_t now);

/* Cache-Control -> max-age in seconds (saturating at 2^31, per RFC 9111),
 * or -1 when absent or invalid, or when no-cache or no-store appear:
 * those forbid reuse without asking, which says nothing about how often
 * to ask.  s-maxage is for shared caches and ignored. */
int64_t	 sched_max_age(const char *cache_control);

/* HTTP-date (IMF-fixdate, RFC 850 or asctime; GMT, UT, UTC, Z, +-hhmm or
 * US zone names accepted) -> Unix time; 0 when invalid ("0", "-1", ...).
 * RFC 850 two-digit years 70-99 are 19xx, 00-69 are 20xx. */
int64_t	 sched_http_date(const char *value);

/*
 * The due-time heap: a binary min-heap of (due, feed id), ordered by due
 * then id, with an id -> slot map (open addressing) so that an entry can
 * be moved or removed in O(log n) and the loop never scans all feeds.
 */
struct sched_heap;

struct sched_heap *sched_heap_new(void);
void	 sched_heap_free(struct sched_heap *);
/* Inserts id or moves it to due.  0, or -1 (heap unchanged) on ENOMEM. */
int	 sched_heap_set(struct sched_heap *, int64_t id, int64_t due);
/* 0 when removed, 1 when absent. */
int	 sched_heap_remove(struct sched_heap *, int64_t id);
/* The earliest entry: 0, or 1 when empty.  id and due may be NULL. */
int	 sched_heap_peek(const struct sched_heap *, int64_t *id, int64_t *due);
/* As sched_heap_peek(), and removes the entry. */
int	 sched_heap_pop(struct sched_heap *, int64_t *id, int64_t *due);
size_t	 sched_heap_size(const struct sched_heap *);
/* id's due time, or -1 when absent. */
int64_t	 sched_heap_due(const struct sched_heap *, int64_t id);

#endif
