/*
 * The poll cycle: the heap says which feed is due next; one ev_timer waits
 * for it; due feeds are fetched while transfer slots are free; each result
 * is stored in one transaction, then subscribers and the hook hear of the
 * new stories, and the feed goes back in the heap at its next due time.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <ev.h>

#include "feedd/daemon.h"
#include "feedd/fetch.h"
#include "feedd/hook.h"
#include "feedd/log.h"
#include "feedd/notify.h"
#include "feedd/sched.h"
#include "feedd/server.h"
#include "feedd/store.h"
#include "feedd/urlres.h"

#define URL_MAX		2048
#define PURGE_EVERY	3600.

struct refresh {
	struct refresh	*next;
	int64_t		*ids;		/* its feeds, sorted, each once */
	unsigned char	*done;		/* by index into ids */
	size_t		 n, left;	/* left: not done yet */
	refresh_fn	 fn;
	void		*arg;
	struct refresh_stats st;
};

/* Items full-text indexed per idle turn.  FTS5 writes a segment per
 * transaction and merges segments as they pile up: 50,000 items in turns
 * of 1000 cost 16 % fewer instructions than in turns of 500.  Turns of
 * 2000 save 2 % more, and hold 0.8 MB more of pending index. */
#define INDEX_BATCH	1000
#define WAL_MAX		(64 << 20)	/* checkpoint even when busy */
#define RO_RETRY	5.	/* seconds between tries of a read-only store */

static ev_timer due_timer;
static ev_timer purge_timer;
static ev_timer ro_timer;	/* runs only while the store is read-only */
static ev_idle housekeeping;	/* indexing and checkpoint when idle */

static uint32_t
rnd32(void)
{
	return ((uint32_t)random() << 16) ^ (uint32_t)random();
}

static struct sched_policy
policy(const struct daemon *d)
{
	struct sched_policy p = {
		.interval = d->cfg.interval,
		.min_interval = d->cfg.min_interval,
		.max_interval = d->cfg.max_interval,
		.max_backoff = d->cfg.max_backoff,
		.failing_after = d->cfg.failing_after,
	};

	return p;
}

static void schedule(struct daemon *);
static void want_housekeeping(struct daemon *);

/* ---- refresh waiters ---- */

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void
refresh_free(struct refresh *w)
{
	free(w->ids);
	free(w->done);
	free(w);
}

/* A feed of the waiting refreshes is done: error set when it failed
 * (to fetch, or to be stored), st when it was stored. */
static void
refresh_progress(struct daemon *d, int64_t feed, const char *url,
    const char *error, int not_modified, const struct store_stats *st)
{
	struct refresh *w, **pw;
	int64_t *hit;
	size_t i;

	for (pw = &d->refreshes; (w = *pw) != NULL;) {
		/* A search, not a scan: a refresh of every feed hears of
		 * each of them, and a scan would cost n^2 / 2 compares. */
		hit = bsearch(&feed, w->ids, w->n, sizeof(*w->ids), cmp_id);
		if (hit == NULL || w->done[i = (size_t)(hit - w->ids)]) {
			pw = &w->next;
			continue;
		}
		w->done[i] = 1;
		w->left--;
		if (error)
			w->st.failed++;
		else if (not_modified)
			w->st.not_modified++;
		else
			w->st.fetched++;
		if (st) {
			w->st.new_items += st->new_items;
			w->st.new_stories += st->new_stories;
		}
		w->fn(w->arg, feed, url, error, &w->st, 0);
		if (w->left > 0) {
			pw = &w->next;
			continue;
		}
		w->fn(w->arg, 0, NULL, NULL, &w->st, 1);
		*pw = w->next;
		refresh_free(w);
	}
}

void
daemon_refresh_cancel(struct daemon *d, void *arg)
{
	struct refresh *w, **pw;

	for (pw = &d->refreshes; (w = *pw) != NULL;) {
		if (w->arg != arg) {
			pw = &w->next;
			continue;
		}
		*pw = w->next;
		refresh_free(w);
	}
}

/* ---- after a fetch ---- */

static struct sched_hints
hints_of(const struct store_feed *f, const struct fetch_result *r)
{
	struct sched_hints h = {
		.ttl_minutes = f->hint_ttl,
		.update_seconds = f->hint_update,
		.skip_hours = f->skip_hours,
		.skip_days = f->skip_days,
		.max_age = r->max_age,
		.expires = r->expires,
	};

	if (r->info) {
		h.ttl_minutes = r->info->ttl_minutes;
		h.update_seconds = r->info->update_seconds;
		h.skip_hours = r->info->skip_hours;
		h.skip_days = r->info->skip_days;
	}
	return h;
}

/* When to poll next, and the feed state the result leaves. */
static void
plan_next(struct daemon *d, const struct store_feed *f,
    const struct fetch_result *r, struct store_poll *p)
{
	struct sched_policy pol = policy(d);
	struct sched_hints h = hints_of(f, r);
	int64_t iv;

	if (r->status == 410) {
		p->gone = 1;
		p->next_poll = 0;
		return;
	}
	if (r->error) {
		p->next_poll = sched_backoff(&pol, f->error_count + 1, p->now,
		    rnd32());
		if ((r->status == 429 || r->status == 503) && r->retry_after) {
			p->retry_after = r->retry_after;
			if (p->next_poll < r->retry_after)
				p->next_poll = r->retry_after;
		}
		return;
	}
	iv = sched_interval(&pol, f->interval, &h, f->avg_gap, p->now);
	p->next_poll = sched_next(p->now, iv, &h, rnd32());
}

/* What a poll that read the feed has to tell the user beyond an error,
 * in note; NULL when nothing.  *other: the feed it moved to, or 0. */
static const char *
poll_note(struct daemon *d, const struct store_feed *f,
    const struct fetch_result *r, const char *moved, int64_t *other,
    char *note, size_t len)
{
	*other = 0;
	/* Both stay polled: merging them, or removing one, is for the
	 * user to choose (their titles, read marks, intervals). */
	if (moved && strcmp(moved, f->url) != 0 &&
	    store_feed_find(d->store, moved, other) == 0 && *other != f->id) {
		snprintf(note, len, "moved permanently to %s, which is feed "
		    "%lld already: both are polled, remove one (`feedctl "
		    "remove %lld`)", moved, (long long)*other,
		    (long long)f->id);
		return note;
	}
	*other = 0;
	if (r->open_dropped) {
		snprintf(note, len, "the last document was cut short: its "
		    "unfinished last item is left for the next poll");
		return note;
	}
	return NULL;
}

static int
same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void
log_result(struct daemon *d, const struct store_feed *f,
    const struct fetch_result *r, const struct store_stats *st)
{
	struct sched_policy pol = policy(d);

	if (r->status == 410)
		log_warn("%s: gone (410); not polled again until "
		    "`feedctl enable %lld`", f->url, (long long)f->id);
	else if (r->error && sched_is_failing(&pol, f->error_count + 1) &&
	    !sched_is_failing(&pol, f->error_count))
		log_warn("%s: failing after %d attempts: %s", f->url,
		    f->error_count + 1, r->error);
	else if (r->error)
		log_info("%s: %s", f->url, r->error);
	else if (st->new_items || st->updated)
		log_debug("%s: %d new, %d updated", f->url, st->new_items,
		    st->updated);
	if (!r->error && r->truncated)
		log_info("%s: the document is cut short; %s", f->url,
		    r->open_dropped ? "its unfinished last item is left for "
		    "the next poll" : "the items before the cut are stored");
	if (st->moved)
		log_info("%s: moved permanently to %s", f->url, r->permanent_url);
}

static void
on_event(void *arg, int64_t item, int is_update)
{
	struct daemon *d = arg;

	if (d->server)
		server_notify(d->server, item, is_update);
	if (!is_update)
		hook_run_item(d, item);
}

static void
on_fetched(void *arg, struct fetch_result *r)
{
	struct daemon *d = arg;
	struct store_feed f;
	struct store_stats st = { 0 };
	struct store_poll p = { .now = time(NULL), .status = r->status,
	    .error = r->error };
	const char *err = r->error;
	char *moved = NULL, note[URL_MAX * 2 + 200];
	int64_t other = 0;
	int ok = 0;

	d->polls++;
	if (store_feed_get(d->store, r->feed, &f) != 0) {
		schedule(d);	/* removed in flight: its waiters know */
		return;
	}
	plan_next(d, &f, r, &p);
	if (!r->error && !r->not_modified) {
		/* A document cut short keeps the validators of the last
		 * whole one: this one's would make the next poll a 304, and
		 * the item left unfinished would not come until the feed
		 * changes again. */
		p.replace_validators = !r->truncated;
		p.etag = r->etag;
		p.last_modified = r->last_modified;
		/* Spelt as add would: a move to another spelling of a
		 * subscribed URL is no move. */
		if (r->info && r->permanent_url)
			p.new_url = moved = url_normalize(r->permanent_url);
		/* Replaced by every poll that read the feed; kept by a 304
		 * or a failure, which cannot tell. */
		p.set_note = 1;
		p.note = poll_note(d, &f, r, moved, &other, note,
		    sizeof(note));
	}
	if (r->error)
		d->failures++;
	/* A transfer that failed stores nothing, not even the items that
	 * closed before the cut: the next poll brings them whole. */
	if (store_ingest(d->store, r->feed, r->error ? NULL : r->info,
	    r->items, r->error ? 0 : r->n_items, &p, &st, on_event, d) == 0) {
		ok = 1;
		d->store_error[0] = '\0';
		log_result(d, &f, r, &st);
		/* Said when it starts, or changes: not at every poll. */
		if (other && !st.moved && !same_str(p.note, f.note))
			log_warn("%s (feed %lld): moved permanently to %s, "
			    "which is feed %lld already; both are polled: "
			    "remove one (`feedctl remove ID`)", f.url,
			    (long long)f.id, moved, (long long)other);
	} else if (store_readonly(d->store)) {
		/* Said once, when it became read-only.  The feed is polled
		 * first once the store is writable again. */
		err = store_error(d->store);
		log_debug("%s: %s", f.url, err);
		p.next_poll = p.now;
		d->failures += r->error == NULL;	/* a poll that failed */
	} else {
		snprintf(d->store_error, sizeof(d->store_error), "%s",
		    store_error(d->store));
		err = d->store_error;
		log_err("%s: %s", f.url, d->store_error);
		d->failures += r->error == NULL;	/* a poll that failed */
		/* Nothing was stored: try again soon, not at once. */
		p.next_poll = p.now + 60;
	}
	if (!p.gone && f.enabled)
		sched_heap_set(d->heap, f.id, p.next_poll);
	refresh_progress(d, f.id, f.url, err, r->not_modified, ok ? &st : NULL);
	store_feed_clear(&f);
	free(moved);
	want_housekeeping(d);
	/* A daemon that is never idle still folds its WAL back. */
	if (!store_readonly(d->store) && store_wal_bytes(d->store) > WAL_MAX &&
	    store_checkpoint_busy(d->store))
		log_warn("%s", store_error(d->store));
	schedule(d);
	notify_status(d);
}

/* ---- starting polls ---- */

static void
start_poll(struct daemon *d, int64_t id, int64_t now)
{
	struct store_feed f;
	struct fetch_req req;

	if (store_feed_get(d->store, id, &f) != 0)
		return;
	if (!f.enabled || f.gone) {
		store_feed_clear(&f);
		return;
	}
	if (f.retry_after > now) {
		sched_heap_set(d->heap, id, f.retry_after);
		store_feed_clear(&f);
		return;
	}
	req.feed = id;
	req.url = f.url;
	req.etag = f.etag;
	req.last_modified = f.last_modified;
	if (fetch_start(d->fetch, &req) == -1) {
		log_err("%s: cannot start a transfer", f.url);
		sched_heap_set(d->heap, id, now + 60);
	}
	store_feed_clear(&f);
}

static void
on_due(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	schedule(w->data);
}

/* Starts what is due while slots are free; sleeps until the next due. */
static void
schedule(struct daemon *d)
{
	int64_t id, due, now = time(NULL);

	if (d->stopping)
		return;
	/* What a poll brings could not be stored: the due feeds wait in
	 * the heap until the store is writable again (on_ro_retry). */
	if (store_readonly(d->store)) {
		ev_timer_stop(d->loop, &due_timer);
		return;
	}
	while (fetch_in_flight(d->fetch) < fetch_max_transfers(d->fetch) &&
	    sched_heap_peek(d->heap, &id, &due) == 0 && due <= now) {
		sched_heap_pop(d->heap, &id, &due);
		start_poll(d, id, now);
	}
	ev_timer_stop(d->loop, &due_timer);
	if (sched_heap_peek(d->heap, &id, &due) != 0)
		return;
	if (due <= now)
		return;	/* all slots busy: a completion calls us again */
	ev_timer_set(&due_timer, (double)(due - now), 0.);
	ev_timer_start(d->loop, &due_timer);
}

/* ---- idle work ---- */

/* Runs only when nothing else is pending: full-text indexing of what
 * the last polls stored, a batch at a time so a client or a transfer
 * never waits long, then one WAL checkpoint; then it stops. */
static void
on_idle(struct ev_loop *loop, ev_idle *w, int revents)
{
	struct daemon *d = w->data;
	int n;

	(void)revents;
	if (fetch_in_flight(d->fetch) > 0 || store_readonly(d->store)) {
		/* A burst is still arriving; its last completion restarts
		 * us.  (Staying active would spin the loop.)  A read-only
		 * store is caught up by the recovery. */
		ev_idle_stop(loop, w);
		return;
	}
	n = store_index(d->store, INDEX_BATCH);
	/* A store that just turned read-only has said so. */
	if (n == -1 && !store_readonly(d->store))
		log_err("%s", store_error(d->store));
	if (n > 0)
		return;
	if (store_checkpoint(d->store) == -1 &&
	    !store_readonly(d->store))
		log_warn("%s", store_error(d->store));
	ev_idle_stop(loop, w);
}

static void
want_housekeeping(struct daemon *d)
{
	if (fetch_in_flight(d->fetch) == 0 && !ev_is_active(&housekeeping))
		ev_idle_start(d->loop, &housekeeping);
}

/* ---- retention ---- */

static void
purge(struct daemon *d)
{
	int n = 0;

	if (store_readonly(d->store))
		return;		/* the next hour's purge does it */
	if (store_purge(d->store, time(NULL), &n) == -1)
		log_err("%s", store_error(d->store));
	else if (n)
		log_info("purged %d old items", n);
}

static void
on_purge(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	purge(w->data);
}

/* Does retention b keep less than a (0: no limit)? */
static int
keeps_less(int64_t a, int64_t b)
{
	return b > 0 && (a == 0 || b < a);
}

/* ---- a read-only store ---- */

/* A feed a refresh waits for that is not in flight; 0 when none. */
static int64_t
waiting_queued(struct daemon *d)
{
	struct refresh *w;
	size_t i;

	for (w = d->refreshes; w != NULL; w = w->next)
		for (i = 0; i < w->n; i++)
			if (!w->done[i] &&
			    sched_heap_due(d->heap, w->ids[i]) != -1)
				return w->ids[i];
	return 0;
}

/* The waiting refreshes' feeds that are not in flight would wait for
 * the recovery: they fail now, with the reason.  (They stay due, and
 * are polled once the store is writable.) */
static void
refresh_fail_queued(struct daemon *d, const char *why)
{
	struct store_feed f;
	int64_t id;

	/* Each report may end a refresh: look again from the start. */
	while ((id = waiting_queued(d)) != 0) {
		if (store_feed_get(d->store, id, &f) != 0) {
			refresh_progress(d, id, "", why, 0, NULL);
			continue;
		}
		refresh_progress(d, id, f.url, why, 0, NULL);
		store_feed_clear(&f);
	}
}

/* Every RO_RETRY seconds while the store is read-only: the first time
 * at once, from the loop (the store told us from inside a call). */
static void
on_ro_retry(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct daemon *d = w->data;
	const char *why;

	(void)revents;
	if (store_retry_writable(d->store) == -1) {
		why = store_readonly(d->store);
		snprintf(d->store_error, sizeof(d->store_error), "%s", why);
		log_debug("still read-only: %s", why);
		refresh_fail_queued(d, why);
		return;
	}
	ev_timer_stop(loop, w);
	d->store_error[0] = '\0';
	log_info("database %s is writable again; storing resumes",
	    d->cfg.database);
	want_housekeeping(d);
	schedule(d);
	notify_status(d);
}

/* The store turned read-only (at start, or when a write failed): said
 * once; polls stop until it is writable again, the socket is served. */
static void
on_readonly(void *arg, const char *why)
{
	struct daemon *d = arg;

	snprintf(d->store_error, sizeof(d->store_error), "%s", why);
	log_err("%s; nothing is stored, and no feed polled, until it is "
	    "writable again (tried every %.0f s)", why, RO_RETRY);
	ev_timer_stop(d->loop, &ro_timer);
	ev_timer_set(&ro_timer, 0., RO_RETRY);
	ev_timer_start(d->loop, &ro_timer);
	notify_status(d);
}

/* ---- operations for the server ---- */

static int
load_feed(void *arg, int64_t id, int64_t next_poll, int64_t retry_after)
{
	struct daemon *d = arg;
	int64_t now = time(NULL), due;

	due = next_poll > retry_after ? next_poll : retry_after;
	/* Overdue after a restart: spread over a minute, not all at once. */
	if (due < now)
		due = now + (next_poll ? rnd32() % 60 : 0);
	sched_heap_set(d->heap, id, due);
	return 0;
}

int
daemon_add_feed(struct daemon *d, const char *url, const char *title,
    int64_t interval, int flags, int64_t *id, char *err, size_t errlen)
{
	char *norm;
	int rc;

	if (strlen(url) > URL_MAX) {
		snprintf(err, errlen, "URL longer than %d bytes", URL_MAX);
		return -1;
	}
	/* One spelling per feed: "HTTP://host/./feed#top" is not a second
	 * subscription to http://host/feed. */
	if ((norm = url_normalize(url)) == NULL) {
		snprintf(err, errlen, "not an http or https URL: %.200s", url);
		return -1;
	}
	rc = store_feed_add(d->store, norm, title, interval, flags, time(NULL),
	    id);
	free(norm);
	if (rc == -1) {
		snprintf(err, errlen, "%s", store_error(d->store));
		return -2;
	}
	if (rc == 0 && !(flags & STORE_ADD_DISABLED)) {
		sched_heap_set(d->heap, *id, time(NULL));
		schedule(d);
	}
	return rc;
}

int
daemon_remove_feed(struct daemon *d, int64_t id)
{
	struct store_feed f;
	char *url = NULL;
	int rc;

	if (store_feed_get(d->store, id, &f) == 0) {
		url = strdup(f.url);
		store_feed_clear(&f);
	}
	if ((rc = store_feed_remove(d->store, id)) == 0) {
		sched_heap_remove(d->heap, id);
		/* A refresh waiting for it would wait for ever: its poll,
		 * queued or in flight, will not be stored. */
		refresh_progress(d, id, url ? url : "", "removed", 0, NULL);
	}
	free(url);
	return rc;
}

int
daemon_set_enabled(struct daemon *d, int64_t id, int enabled)
{
	struct store_feed f;
	int64_t now = time(NULL);

	if (store_feed_set_enabled(d->store, id, enabled) == -1 ||
	    store_feed_get(d->store, id, &f) != 0)
		return -1;
	if (enabled) {
		/* One in flight is rescheduled when it completes: a second
		 * fetch of it would race it to the store. */
		if (!fetch_busy(d->fetch, id))
			sched_heap_set(d->heap, id, f.retry_after > now ?
			    f.retry_after : now);
	} else if (sched_heap_due(d->heap, id) != -1) {
		/* Queued, not in flight: a refresh waiting for it would
		 * wait for ever.  (One in flight is stored, then left.) */
		sched_heap_remove(d->heap, id);
		refresh_progress(d, id, f.url, "disabled", 0, NULL);
	}
	store_feed_clear(&f);
	schedule(d);
	return 0;
}

/* When a polled feed that is waiting its turn, without errors, is due
 * with the interval it has now; 0 to leave its schedule alone (one in
 * flight or backing off is planned again when its poll ends, and one
 * due already keeps its place). */
static int64_t
replan(struct daemon *d, const struct store_feed *f, int64_t now)
{
	struct sched_policy pol = policy(d);
	struct fetch_result none = { 0 };
	struct sched_hints h = hints_of(f, &none);
	int64_t iv, due, at = sched_heap_due(d->heap, f->id);

	/* One already due waits only for a transfer slot, maybe for a
	 * refresh someone is waiting on: never pushed back. */
	if (at == -1 || at <= now || f->error_count > 0 || f->last_poll == 0)
		return 0;
	iv = sched_interval(&pol, f->interval, &h, f->avg_gap, f->last_poll);
	due = sched_next(f->last_poll, iv, &h, rnd32());
	if (due < now)
		due = now;
	return due > f->retry_after ? due : f->retry_after;
}

int
daemon_set_feed(struct daemon *d, int64_t id, const char *title,
    int64_t interval)
{
	struct store_feed f;
	int64_t now = time(NULL), due = 0;

	/* The schedule with the new interval, written with it at once. */
	if (store_feed_get(d->store, id, &f) != 0)
		return -1;
	if (interval >= 0) {
		f.interval = interval;
		due = replan(d, &f, now);
	}
	store_feed_clear(&f);
	if (store_feed_set(d->store, id, title, interval, due) == -1)
		return -1;
	if (due > 0) {
		sched_heap_set(d->heap, id, due);
		schedule(d);
	}
	return 0;
}

/* A copy of the feed's title, cut to REFRESH_TITLE_MAX bytes at a
 * character's start; NULL when it has none (or memory ran out). */
static char *
held_title(const char *t)
{
	size_t n;
	char *s;

	if (t == NULL || *t == '\0')
		return NULL;
	if ((n = strlen(t)) <= REFRESH_TITLE_MAX)
		return strdup(t);
	n = REFRESH_TITLE_MAX;
	while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
		n--;
	if ((s = malloc(n + sizeof("\xe2\x80\xa6"))) == NULL)
		return NULL;
	memcpy(s, t, n);
	memcpy(s + n, "\xe2\x80\xa6", sizeof("\xe2\x80\xa6"));
	return s;
}

/* Counts a feed not queued, and lists it while the list has room. */
static void
held_add(struct refresh_report *rep, const struct store_feed *f,
    enum held_why why)
{
	struct refresh_held *h;
	size_t need;

	if (why == HELD_LIMITED) {
		rep->limited++;
		if (rep->not_before < f->retry_after)
			rep->not_before = f->retry_after;
	} else
		rep->off++;
	if (rep->full)
		return;
	h = &rep->held[rep->n_held];
	memset(h, 0, sizeof(*h));
	/* Out of memory it is counted, not listed, nor any after it. */
	if ((h->url = strdup(f->url)) == NULL) {
		rep->full = 1;
		return;
	}
	h->title = held_title(f->title);
	need = strlen(h->url) + (h->title ? strlen(h->title) : 0);
	if (rep->bytes + need > REFRESH_HELD_BYTES) {
		free(h->url);
		free(h->title);
		rep->full = 1;
		return;
	}
	rep->bytes += need;
	h->id = f->id;
	h->why = why;
	h->not_before = why == HELD_LIMITED ? f->retry_after : 0;
	rep->full = ++rep->n_held == REFRESH_HELD_MAX;
}

void
daemon_refresh_report_clear(struct refresh_report *rep)
{
	size_t i;

	for (i = 0; i < rep->n_held; i++) {
		free(rep->held[i].url);
		free(rep->held[i].title);
	}
	rep->n_held = 0;
}

/* A reload changed the intervals: every feed waiting its turn is due at
 * its last poll plus its new interval, as after `feedctl set`, not when
 * the old one said.  One transaction for the lot; a read-only database
 * keeps the old times, and the next polls write the new ones. */
static void
replan_all(struct daemon *d)
{
	struct store_feed f;
	int64_t *ids, now = time(NULL), due;
	size_t i, n, moved = 0;
	int writable = store_readonly(d->store) == NULL;

	if (store_feed_ids(d->store, &ids, &n) == -1 ||
	    (writable && store_begin(d->store) == -1)) {
		log_err("reload: feeds keep their schedule: %s",
		    store_error(d->store));
		return;
	}
	for (i = 0; i < n; i++) {
		if (store_feed_get(d->store, ids[i], &f) != 0)
			continue;
		due = replan(d, &f, now);
		store_feed_clear(&f);
		if (due == 0 || (writable &&
		    store_feed_set(d->store, ids[i], NULL, -1, due) == -1))
			continue;
		if (sched_heap_set(d->heap, ids[i], due) == 0)
			moved++;
	}
	free(ids);
	if (writable && store_commit(d->store) == -1)
		log_err("reload: new poll times not stored: %s",
		    store_error(d->store));
	log_info("reload: %zu feeds rescheduled for the new intervals", moved);
}

/* Queues one feed; 1 when it is held back (gone, disabled, or by a
 * Retry-After), noted in rep. */
static int
refresh_one(struct daemon *d, int64_t id, int64_t now,
    struct refresh_report *rep)
{
	struct store_feed f;
	int held = 1;

	if (store_feed_get(d->store, id, &f) != 0)
		return -1;
	/* Disabled, it waits for the user, whatever the server asked. */
	if (f.gone)
		held_add(rep, &f, HELD_GONE);
	else if (!f.enabled)
		held_add(rep, &f, HELD_DISABLED);
	else if (f.retry_after > now)
		held_add(rep, &f, HELD_LIMITED);
	else {
		held = 0;
		if (sched_heap_due(d->heap, id) != -1 ||
		    !fetch_in_flight(d->fetch))
			sched_heap_set(d->heap, id, now);
	}
	store_feed_clear(&f);
	return held;
}

int
daemon_refresh(struct daemon *d, const int64_t *ids, size_t n, refresh_fn fn,
    void *arg, struct refresh_report *rep)
{
	struct refresh *w;
	int64_t now = time(NULL), id, prev = 0;
	size_t i, kept = 0;

	memset(rep, 0, sizeof(*rep));
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	if (n == 0)
		store_feed_ids(d->store, &w->ids, &w->n);
	else if ((w->ids = malloc(n * sizeof(*ids))) != NULL) {
		memcpy(w->ids, ids, n * sizeof(*ids));
		w->n = n;
	}
	if (w->n > 0 && (w->done = calloc(w->n, sizeof(*w->done))) == NULL) {
		refresh_free(w);
		return -1;
	}
	/* Sorted, each once, so that completions are found by search. */
	qsort(w->ids, w->n, sizeof(*w->ids), cmp_id);
	for (i = 0; i < w->n; i++) {
		id = w->ids[i];
		if ((i == 0 || id != prev) && refresh_one(d, id, now, rep) == 0)
			w->ids[kept++] = id;
		prev = id;
	}
	w->n = w->left = kept;
	w->st.feeds = (int)kept;
	w->st.off = rep->off;
	w->st.limited = rep->limited;
	w->fn = fn;
	w->arg = arg;
	/* Nothing to wait for: the caller answers at once. */
	if (fn == NULL || kept == 0)
		refresh_free(w);
	else {
		w->next = d->refreshes;
		d->refreshes = w;
	}
	schedule(d);
	return (int)kept;
}

size_t
daemon_in_flight(const struct daemon *d)
{
	return fetch_in_flight(d->fetch);
}

size_t
daemon_queued(const struct daemon *d)
{
	return sched_heap_size(d->heap);
}

/* ---- life cycle ---- */

static void
apply_config(struct daemon *d)
{
	log_set_level(d->cfg.log_level);
	store_set_retention(d->store, d->cfg.keep_days, d->cfg.keep_items);
	store_set_story_window(d->store, d->cfg.story_window);
}

/* One daemon per database: a second one, on another socket, would give
 * out the same item ids and poll every feed twice.  flock() on the file
 * itself, which SQLite's own (fcntl) locks do not see; held until exit,
 * as closing any descriptor of the file drops SQLite's locks. */
static int
lock_db(struct daemon *d)
{
	int fd;

	/* Created empty if missing: SQLite takes an empty file as new.
	 * O_NONBLOCK: a FIFO named by mistake must not hang the start. */
	if ((fd = open(d->cfg.database, O_RDONLY | O_CREAT | O_CLOEXEC |
	    O_NONBLOCK, 0600)) == -1)
		return 0;	/* store_open() will say why */
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			log_err("%s: in use by another feedd", d->cfg.database);
		else
			log_err("%s: locking: %s", d->cfg.database,
			    strerror(errno));
		close(fd);
		return -1;
	}
	d->db_lock = fd;
	return 0;
}

int
daemon_init(struct daemon *d, struct ev_loop *loop)
{
	char err[512];

	d->loop = loop;
	d->started = time(NULL);
	srandom((unsigned)(d->started ^ getpid()));
	if (lock_db(d) == -1)
		return -1;
	if ((d->store = store_open(d->cfg.database, err, sizeof(err))) == NULL) {
		log_err("%s", err);
		return -1;
	}
	apply_config(d);
	ev_timer_init(&ro_timer, on_ro_retry, 0., RO_RETRY);
	ro_timer.data = d;
	store_on_readonly(d->store, on_readonly, d);
	if (store_readonly(d->store))
		on_readonly(d, store_readonly(d->store));
	if ((d->heap = sched_heap_new()) == NULL ||
	    (d->fetch = fetch_new(loop, &d->cfg, on_fetched, d)) == NULL) {
		log_err("out of memory");
		return -1;
	}
	if (store_feeds_due(d->store, load_feed, d) == -1) {
		log_err("%s", store_error(d->store));
		return -1;
	}
	ev_timer_init(&due_timer, on_due, 0., 0.);
	due_timer.data = d;
	ev_idle_init(&housekeeping, on_idle);
	housekeeping.data = d;
	ev_idle_start(loop, &housekeeping);
	ev_timer_init(&purge_timer, on_purge, 5., PURGE_EVERY);
	purge_timer.data = d;
	ev_timer_start(loop, &purge_timer);
	/* Idle means idle: the purge timer does not keep the loop awake. */
	ev_unref(loop);
	schedule(d);
	return 0;
}

int
daemon_reload(struct daemon *d)
{
	struct config c;
	char err[512];
	int new_iv, less;

	config_defaults(&c);
	if (config_load(&c, d->config_path, d->config_required, err,
	    sizeof(err)) == -1) {
		log_err("reload: %s; keeping the running configuration", err);
		config_free(&c);
		return -1;
	}
	if (!d->paths_overridden && (strcmp(c.database, d->cfg.database) != 0 ||
	    strcmp(c.socket, d->cfg.socket) != 0))
		log_warn("reload: database and socket paths change only on "
		    "restart");
	if (strcmp(c.socket_group ? c.socket_group : "", d->cfg.socket_group ?
	    d->cfg.socket_group : "") != 0)
		log_warn("reload: socket_group changes only on restart");
	free(c.database);
	free(c.socket);
	c.database = d->cfg.database;
	c.socket = d->cfg.socket;
	if (d->log_level_forced)
		c.log_level = d->log_level_forced;
	d->cfg.database = d->cfg.socket = NULL;
	new_iv = c.interval != d->cfg.interval ||
	    c.min_interval != d->cfg.min_interval ||
	    c.max_interval != d->cfg.max_interval;
	/* Keeping less takes effect now, as feedd(8) says, not at the
	 * next hourly purge. */
	less = keeps_less(d->cfg.keep_days, c.keep_days) ||
	    keeps_less(d->cfg.keep_items, c.keep_items);
	config_free(&d->cfg);
	d->cfg = c;
	apply_config(d);
	if (less)
		purge(d);
	fetch_configure(d->fetch, &d->cfg);
	log_info("configuration reloaded");
	if (new_iv)
		replan_all(d);
	hook_configured(d);
	schedule(d);
	return 0;
}

void
daemon_shutdown(struct daemon *d)
{
	struct refresh *w;

	d->stopping = 1;
	ev_timer_stop(d->loop, &due_timer);
	ev_idle_stop(d->loop, &housekeeping);
	ev_ref(d->loop);
	ev_timer_stop(d->loop, &purge_timer);
	ev_timer_stop(d->loop, &ro_timer);
	/* Transfers in flight are dropped: nothing of theirs is stored, and
	 * every committed poll is already durable. */
	fetch_free(d->fetch);
	d->fetch = NULL;
	while ((w = d->refreshes) != NULL) {
		d->refreshes = w->next;
		refresh_free(w);
	}
	sched_heap_free(d->heap);
	d->heap = NULL;
	store_close(d->store);
	d->store = NULL;
	if (d->db_lock > 0)
		close(d->db_lock);
	d->db_lock = 0;
}
