/*
 * The socket server.  Every client has a bounded input line and a bounded
 * output queue; nothing a client sends or fails to read can stall the
 * loop.  Peer credentials are checked on accept.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <ev.h>
#include <jansson.h>

#include "config.h"
#include "buf.h"
#include "jsonw.h"
#include "feedd/daemon.h"
#include "feedd/feedjson.h"
#include "feedd/itemjson.h"
#include "feedd/log.h"
#include "feedd/opml.h"
#include "feedd/protocol.h"
#include "feedd/sched.h"
#include "feedd/server.h"
#include "feedd/store.h"
#include "feedd/urlres.h"

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#define OUT_MAX		(8 << 20)	/* queued output before "too slow" */
/* A follower with this much unread stops getting events queued: it
 * catches up from the store as it reads (a burst of stories is not a
 * slow reader).  One that wrote nothing for FOLLOW_STALL seconds while
 * stories kept coming is dropped. */
#define FOLLOW_HIGH	(2 << 20)
#define FOLLOW_STALL	3
#define READ_CHUNK	65536
#define NEW_MAX		10000		/* items in one "new" answer */
#define CURSOR_MAX	64
#define FOLLOW_BATCH	200		/* backlog stories per write turn */

struct client {
	struct client	*next, *prev;
	struct server	*srv;
	int		 fd;
	ev_io		 rio, wio;
	struct buf	 in;
	int		 discarding;	/* dropping the rest of a long line */
	struct buf	 out;
	size_t		 out_off;
	int		 closing;	/* close once out is written */
	int		 following;
	int		 backlog;	/* stories after the cursor not yet sent */
	time_t		 progress;	/* when output last moved */
	char		 cursor[CURSOR_MAX + 1];
	int64_t		 follow_seq;	/* last story queued */
	/* The cursor passes a story once its line was written to the
	 * socket, not when it was queued: a follower dropped with its
	 * queue would skip what it never got. */
	uint64_t	 queued, written;	/* bytes since connecting */
	int64_t		 passed;	/* last story written */
	int64_t		 stored;	/* the cursor as last stored */
	struct sent	*sent;		/* stories queued, not yet written */
	size_t		 sent_head, n_sent, cap_sent;
	int64_t		 not_before;	/* of the refresh this client awaits */
	json_t		*held;		/* its feeds not polled, as sent */
	json_t		*stream_id;
};

/* A story queued for a follower: its line ends at byte end. */
struct sent {
	uint64_t	 end;
	int64_t		 id;
};

struct server {
	struct daemon	*d;
	int		 fd;
	int		 owned;		/* we created the socket file */
	ev_io		 lio;
	ev_timer	 pause;		/* accept paused: out of descriptors */
	ev_timer	 stall;		/* runs only while a follower lags */
	struct client	*clients;
	size_t		 n_clients;
	gid_t		 group;
	int		 has_group;
};

/* ---- output ---- */

static void client_close(struct client *);
static void follow_batch(struct client *);

/* Notes the stories whose lines are written. */
static void
follow_written(struct client *c)
{
	while (c->sent_head < c->n_sent &&
	    c->sent[c->sent_head].end <= c->written)
		c->passed = c->sent[c->sent_head++].id;
	if (c->sent_head == c->n_sent)
		c->sent_head = c->n_sent = 0;
}

/* Moves the cursor past them: once per write turn or batch, not once a
 * story.  Forward only: a reader of the same cursor may be further. */
static void
follow_store(struct client *c)
{
	if (c->passed <= c->stored)
		return;
	if (store_cursor_advance(c->srv->d->store, c->cursor, c->passed) == 0)
		c->stored = c->passed;
}

/* Notes a story just queued (its line is the queue's last). */
static void
follow_sent(struct client *c, int64_t id)
{
	struct sent *v;
	size_t cap;

	if (c->closing)
		return;
	if (c->n_sent == c->cap_sent) {
		if (c->sent_head > 0) {
			memmove(c->sent, c->sent + c->sent_head,
			    (c->n_sent - c->sent_head) * sizeof(*c->sent));
			c->n_sent -= c->sent_head;
			c->sent_head = 0;
		} else {
			cap = c->cap_sent ? c->cap_sent * 2 : 64;
			if ((v = realloc(c->sent, cap * sizeof(*v))) == NULL) {
				/* The cursor then stays behind: repeats,
				 * not losses. */
				return;
			}
			c->sent = v;
			c->cap_sent = cap;
		}
	}
	c->sent[c->n_sent].end = c->queued;
	c->sent[c->n_sent++].id = id;
	follow_written(c);
}

/* Writes what the socket takes now.  -1 when the client is gone; the
 * caller decides when to close (never under a caller still using c). */
static int
flush(struct client *c)
{
	ssize_t n;
	int rc = 0;

	while (c->out_off < c->out.len) {
		n = write(c->fd, c->out.s + c->out_off, c->out.len - c->out_off);
		if (n > 0) {
			c->out_off += n;
			c->written += (uint64_t)n;
			c->progress = time(NULL);
			continue;
		}
		if (n == -1 && (errno == EAGAIN || errno == EINTR)) {
			if (!ev_is_active(&c->wio))
				ev_io_start(c->srv->d->loop, &c->wio);
		} else
			rc = -1;
		break;
	}
	if (c->out_off == c->out.len) {
		buf_reset(&c->out);
		c->out_off = 0;
	}
	follow_written(c);
	return rc;
}

/* Closes c once what is queued is written. */
static void
close_when_written(struct client *c)
{
	c->closing = 1;
	if (!ev_is_active(&c->wio))
		ev_io_start(c->srv->d->loop, &c->wio);
}

static void
on_writable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct client *c = w->data;

	(void)revents;
	if (flush(c) == -1) {
		client_close(c);
		return;
	}
	follow_store(c);
	if (c->out.len > 0)
		return;
	ev_io_stop(loop, &c->wio);
	if (c->closing) {
		client_close(c);
		return;
	}
	/* A follower's backlog goes out a batch at a time, as it reads. */
	if (c->backlog)
		follow_batch(c);
}

/* Drops a client that does not read: the queue is cut after the line
 * being written, so the error arrives as a line of its own. */
static void
too_slow(struct client *c)
{
	json_t *msg;
	char *line, *nl;
	size_t len;

	log_warn("client on fd %d does not read its output: dropped", c->fd);
	nl = memchr(c->out.s + c->out_off, '\n', c->out.len - c->out_off);
	if (c->out_off == 0 || nl == NULL)
		c->out.len = c->out_off = 0;
	else
		c->out.len = nl - c->out.s + 1;
	/* The stories cut from the queue are not passed. */
	while (c->n_sent > c->sent_head &&
	    c->sent[c->n_sent - 1].end > c->written + (c->out.len -
	    c->out_off))
		c->n_sent--;
	msg = proto_error(c->stream_id ? c->stream_id : json_null(),
	    PROTO_E_TOO_SLOW, "output not read: disconnected");
	if ((line = proto_encode(msg, &len)) != NULL)
		buf_add(&c->out, line, len);
	free(line);
	json_decref(msg);
	close_when_written(c);
}

/* Queues a whole line, taking its bytes (line is left empty).  A client
 * whose queue overflows is dropped with an error: a follower that does
 * not read cannot hold memory. */
static int
send_line(struct client *c, struct buf *line)
{
	struct buf empty;
	int ok = 1;

	if (c->closing || line->len == 0) {
		buf_free(line);
		return 0;
	}
	/* One answer may be large (a long feeds list); what a client lets
	 * pile up behind it may not. */
	if (c->out.len - c->out_off > 0 &&
	    c->out.len - c->out_off + line->len > OUT_MAX) {
		buf_free(line);
		too_slow(c);
		return 0;
	}
	if (c->out.len == 0) {
		/* Nothing queued: the line becomes the queue, uncopied (an
		 * item list can be megabytes). */
		c->queued += line->len;
		empty = c->out;
		c->out = *line;
		*line = empty;
	} else if (buf_add(&c->out, line->s, line->len) == 0)
		c->queued += line->len;
	else
		ok = 0;
	buf_free(line);
	/* Write at once: a client that reads keeps the queue empty. */
	if (flush(c) == -1) {
		buf_reset(&c->out);
		c->out_off = 0;
		close_when_written(c);
	}
	return ok;
}

/* Queues msg (stolen) as a line; 0 when it could not be. */
static int
send_msg(struct client *c, json_t *msg)
{
	struct buf line = { 0 };

	if (msg == NULL || c->closing) {
		json_decref(msg);
		return 0;
	}
	line.s = proto_encode(msg, &line.len);
	json_decref(msg);
	if (line.s == NULL)
		return 0;
	line.cap = line.len + 1;
	return send_line(c, &line);
}

/* Queues story id for a follower.  One that cannot be queued (out of
 * memory) drops the follower, so that the cursor stays before it. */
static void
follow_send(struct client *c, json_t *msg, int64_t id)
{
	if (!send_msg(c, msg)) {
		if (!c->closing)
			close_when_written(c);
		return;
	}
	if (!c->closing)
		c->follow_seq = id;
	follow_sent(c, id);
}

/* ---- helpers for commands ---- */

static const char *
str_arg(json_t *req, const char *key)
{
	json_t *v = json_object_get(req, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
bool_arg(json_t *req, const char *key)
{
	return json_is_true(json_object_get(req, key));
}

/* FEEDREF: an id or a URL.  0 found, 1 not found, -1 bad type. */
static int
feed_ref(struct server *s, json_t *v, int64_t *id)
{
	char num[32];

	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return store_feed_find(s->d->store, num, id) == 0 ? 0 : 1;
	}
	if (json_is_string(v)) {
		char *norm;
		int rc;
		if (store_feed_find(s->d->store, json_string_value(v), id) == 0)
			return 0;
		/* As add stored it: "HTTP://host/feed#x" names it too. */
		if ((norm = url_normalize(json_string_value(v))) == NULL)
			return 1;
		rc = store_feed_find(s->d->store, norm, id) == 0 ? 0 : 1;
		free(norm);
		return rc;
	}
	return -1;
}

/* The answer for a feed reference that names no feed: which one. */
static json_t *
no_such_feed(json_t *id, json_t *ref)
{
	char num[32];

	snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
	    json_is_integer(ref) ? json_integer_value(ref) : 0);
	return proto_error(id, PROTO_E_NOT_FOUND, "no such feed: %s",
	    json_is_string(ref) ? json_string_value(ref) : num);
}

static json_t *
feed_json(const struct store_feed *f)
{
	return json_pack("{s:I,s:s,s:o,s:o,s:I,s:o,s:o,s:o,s:o,s:o,s:b,s:b,s:I,"
	    "s:I}",
	    "id", (json_int_t)f->id, "url", f->url,
	    "title", feedjson_str(f->title),
	    "site", feedjson_str(f->site),
	    "interval", (json_int_t)f->interval,
	    "last_poll", itemjson_time(f->last_poll),
	    "next_poll", f->gone || !f->enabled ? json_null() :
	    itemjson_time(f->next_poll),
	    "last_status", f->last_status ? json_integer(f->last_status) :
	    json_null(),
	    "error", feedjson_str(f->last_error),
	    "note", feedjson_str(f->note),
	    "gone", f->gone, "enabled", f->enabled,
	    "items", (json_int_t)f->n_items, "unread", (json_int_t)f->n_unread);
}

static json_t *
internal(struct server *s, json_t *id)
{
	return proto_error(id, PROTO_E_INTERNAL, "%s", store_error(s->d->store));
}

/* ---- commands ---- */

static json_t *
cmd_hello(struct client *c, json_t *req, json_t *id)
{
	(void)c;
	(void)req;
	return proto_ok(id, json_pack("{s:s,s:i}", "version", PACKAGE_VERSION,
	    "protocol", PROTO_VERSION));
}

static json_t *
cmd_ping(struct client *c, json_t *req, json_t *id)
{
	(void)c;
	(void)req;
	return proto_ok(id, NULL);
}

static json_t *
cmd_status(struct client *c, json_t *req, json_t *id)
{
	struct daemon *d = c->srv->d;
	struct store_counts n;
	time_t now = time(NULL);

	(void)req;
	if (store_counts(d->store, now, d->cfg.failing_after, &n) == -1)
		return internal(c->srv, id);
	return proto_ok(id, json_pack("{s:s,s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:I,"
	    "s:I,s:I,s:I,s:I,s:I,s:I,s:o}",
	    "version", PACKAGE_VERSION, "protocol", PROTO_VERSION,
	    "uptime", (json_int_t)(now - d->started),
	    "feeds", (json_int_t)n.feeds, "items", (json_int_t)n.items,
	    "stories", (json_int_t)n.stories, "due", (json_int_t)n.due,
	    "in_flight", (json_int_t)daemon_in_flight(d),
	    "queue", (json_int_t)daemon_queued(d),
	    "in_error", (json_int_t)n.in_error, "failing", (json_int_t)n.failing,
	    "notes", (json_int_t)n.notes,
	    "db_bytes", (json_int_t)n.db_bytes,
	    "polls", (json_int_t)d->polls, "errors", (json_int_t)d->failures,
	    "store_error", d->store_error[0] ? json_string(d->store_error) :
	    json_null()));
}

static int
interval_arg(json_t *req, int64_t *out)
{
	json_t *v = json_object_get(req, "interval");

	*out = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_integer(v) && json_integer_value(v) >= 0)
		*out = json_integer_value(v);
	else if (json_is_string(v))
		*out = config_parse_duration(json_string_value(v));
	else
		return -1;
	return *out < 0 ? -1 : 0;
}

/* What a feed is polled every, to begin with: its own interval or the
 * default, kept within min_interval and max_interval as the scheduler
 * keeps it.  Added to the FEED of add and set answers as "polled_every",
 * so that a user who asked for 10s hears that it is 5m. */
static void
add_polled_every(struct server *s, json_t *fj, const struct store_feed *f)
{
	const struct config *cfg = &s->d->cfg;
	int64_t lo = cfg->min_interval > 0 ? cfg->min_interval : 1;
	int64_t hi = cfg->max_interval > lo ? cfg->max_interval : lo;
	int64_t iv = f->interval > 0 ? f->interval : cfg->interval;

	iv = iv < lo ? lo : iv > hi ? hi : iv;
	json_object_set_new(fj, "polled_every", json_integer(iv));
}

static json_t *
cmd_add(struct client *c, json_t *req, json_t *id)
{
	struct server *s = c->srv;
	const char *url = str_arg(req, "url");
	struct store_feed f;
	char err[512];
	int64_t fid, iv;
	json_t *out, *fj;
	int rc;

	if (url == NULL)
		return proto_error(id, PROTO_E_BAD_REQUEST, "\"url\" is required");
	if (interval_arg(req, &iv) == -1)
		return proto_error(id, PROTO_E_INVALID, "bad interval");
	rc = daemon_add_feed(s->d, url, str_arg(req, "title"), iv, 0, &fid,
	    err, sizeof(err));
	if (rc == -1)
		return proto_error(id, PROTO_E_INVALID, "%s", err);
	if (rc == -2)
		return proto_error(id, PROTO_E_INTERNAL, "%s", err);
	if (store_feed_get(s->d->store, fid, &f) != 0)
		return internal(s, id);
	fj = feed_json(&f);
	add_polled_every(s, fj, &f);
	out = proto_ok(id, json_pack("{s:b,s:o}", "added", rc == 0,
	    "feed", fj));
	store_feed_clear(&f);
	return out;
}

/* The request's "feed", which must name one: NULL with *fid set, or the
 * error to answer with. */
static json_t *
feed_arg(struct client *c, json_t *req, json_t *id, int64_t *fid)
{
	switch (feed_ref(c->srv, json_object_get(req, "feed"), fid)) {
	case -1:
		return proto_error(id, PROTO_E_BAD_REQUEST, "\"feed\" is an id "
		    "or a URL");
	case 1:
		return no_such_feed(id, json_object_get(req, "feed"));
	}
	return NULL;
}

static json_t *
cmd_remove(struct client *c, json_t *req, json_t *id)
{
	json_t *err;
	int64_t fid;

	if ((err = feed_arg(c, req, id, &fid)) != NULL)
		return err;
	if (daemon_remove_feed(c->srv->d, fid) == -1)
		return internal(c->srv, id);
	return proto_ok(id, NULL);
}

/* enable, disable, set: {"feed": the feed as it is now}, without the item
 * counts (the poll path's reads do not count). */
static json_t *
feed_answer(struct client *c, json_t *id, int64_t fid)
{
	struct store_feed f;
	json_t *r, *fj;

	if (store_feed_get(c->srv->d->store, fid, &f) != 0)
		return internal(c->srv, id);
	fj = feed_json(&f);
	json_object_del(fj, "items");
	json_object_del(fj, "unread");
	add_polled_every(c->srv, fj, &f);
	r = proto_ok(id, json_pack("{s:o}", "feed", fj));
	store_feed_clear(&f);
	return r;
}

static json_t *
set_enabled(struct client *c, json_t *req, json_t *id, int enabled)
{
	json_t *r;
	int64_t fid;

	if ((r = feed_arg(c, req, id, &fid)) != NULL)
		return r;
	if (daemon_set_enabled(c->srv->d, fid, enabled) == -1)
		return internal(c->srv, id);
	return feed_answer(c, id, fid);
}

static json_t *
cmd_enable(struct client *c, json_t *req, json_t *id)
{
	return set_enabled(c, req, id, 1);
}

static json_t *
cmd_disable(struct client *c, json_t *req, json_t *id)
{
	return set_enabled(c, req, id, 0);
}

/* The user's title ("" or null: the feed's own) and interval (0 or null:
 * the default) for a feed; a key left out is left alone. */
static json_t *
cmd_set(struct client *c, json_t *req, json_t *id)
{
	json_t *r, *t = json_object_get(req, "title");
	const char *title = NULL;
	int64_t fid, iv = -1;

	if ((r = feed_arg(c, req, id, &fid)) != NULL)
		return r;
	if (t != NULL && !json_is_null(t) && !json_is_string(t))
		return proto_error(id, PROTO_E_BAD_REQUEST, "\"title\" is a "
		    "string or null");
	if (t != NULL)
		title = json_is_null(t) ? "" : json_string_value(t);
	if (json_object_get(req, "interval") != NULL &&
	    interval_arg(req, &iv) == -1)
		return proto_error(id, PROTO_E_INVALID, "bad interval");
	if (t == NULL && iv < 0)
		return proto_error(id, PROTO_E_BAD_REQUEST, "nothing to set: "
		    "give \"title\" or \"interval\"");
	if (daemon_set_feed(c->srv->d, fid, title, iv) == -1)
		return internal(c->srv, id);
	return feed_answer(c, id, fid);
}

struct feed_list {
	json_t	*feeds;
	int	 oom;	/* stopped short: no partial list is sent */
};

static int
add_feed_json(void *arg, const struct store_feed *f)
{
	struct feed_list *l = arg;

	if (json_array_append_new(l->feeds, feed_json(f)) == -1)
		return l->oom = 1;
	return 0;
}

static json_t *
cmd_feeds(struct client *c, json_t *req, json_t *id)
{
	struct feed_list l = { json_array(), 0 };

	(void)req;
	if (l.feeds == NULL)
		return proto_error(id, PROTO_E_INTERNAL, "out of memory");
	if (store_feeds(c->srv->d->store, add_feed_json, &l) == -1) {
		json_decref(l.feeds);
		return internal(c->srv, id);
	}
	if (l.oom) {
		json_decref(l.feeds);
		return proto_error(id, PROTO_E_INTERNAL, "out of memory");
	}
	return proto_ok(id, json_pack("{s:o}", "feeds", l.feeds));
}

/* Why an import entry is refused before its URL is looked at, or NULL;
 * *iv its interval. */
static const char *
import_entry_error(json_t *f, int64_t *iv)
{
	json_t *en = json_object_get(f, "enabled");
	json_t *own = json_object_get(f, "own_title");

	if (str_arg(f, "url") == NULL)
		return "no URL";
	if (interval_arg(f, iv) == -1)
		return "bad interval (a duration such as 90s, 30m, 2h, 1d)";
	if (en != NULL && !json_is_boolean(en))
		return "\"enabled\" is true or false";
	if (own != NULL && !json_is_boolean(own))
		return "\"own_title\" is true or false";
	return NULL;
}

/* The store_feed_add() flags of an import entry. */
static int
import_flags(json_t *f)
{
	return (json_is_false(json_object_get(f, "enabled")) ?
	    STORE_ADD_DISABLED : 0) |
	    (json_is_true(json_object_get(f, "own_title")) ?
	    STORE_ADD_OWN_TITLE : 0);
}

static json_t *
cmd_import(struct client *c, json_t *req, json_t *id)
{
	json_t *feeds = json_object_get(req, "feeds"), *f, *errors;
	int added = 0, skipped = 0, invalid = 0, rc;
	char err[512];
	int64_t fid, iv;
	size_t i;

	if (!json_is_array(feeds))
		return proto_error(id, PROTO_E_BAD_REQUEST, "\"feeds\" is a list");
	errors = json_array();
	/* One transaction for the lot: thousands of feeds would otherwise
	 * each leave their pages in the WAL. */
	if (store_begin(c->srv->d->store) == -1) {
		json_decref(errors);
		return internal(c->srv, id);
	}
	json_array_foreach(feeds, i, f) {
		const char *url = str_arg(f, "url"), *bad;
		if ((bad = import_entry_error(f, &iv)) != NULL) {
			invalid++;
			json_array_append_new(errors, json_pack("{s:o,s:s}", "url",
			    url ? json_string(url) : json_null(), "message", bad));
			continue;
		}
		rc = daemon_add_feed(c->srv->d, url, str_arg(f, "title"), iv,
		    import_flags(f), &fid, err, sizeof(err));
		if (rc == 0)
			added++;
		else if (rc == 1)
			skipped++;
		else if (rc == -2) {
			store_commit(c->srv->d->store);
			json_decref(errors);
			return proto_error(id, PROTO_E_INTERNAL, "%s", err);
		} else {
			invalid++;
			json_array_append_new(errors, json_pack("{s:s,s:s}",
			    "url", url, "message", err));
		}
	}
	if (store_commit(c->srv->d->store) == -1) {
		json_decref(errors);
		return internal(c->srv, id);
	}
	return proto_ok(id, json_pack("{s:i,s:i,s:i,s:o}", "added", added,
	    "skipped", skipped, "invalid", invalid, "errors", errors));
}

struct export {
	struct opml_feed *v;	/* url and title are copies, ours to free */
	size_t		  n, cap;
	int		  oom;	/* stopped short: no partial list is sent */
};

static int
export_feed(void *arg, const struct store_feed *f)
{
	struct export *e = arg;
	struct opml_feed *nv;
	char *url, *title;

	if (f->url == NULL)	/* its copy ran out of memory */
		return e->oom = 1;
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		if ((nv = realloc(e->v, cap * sizeof(*nv))) == NULL)
			return e->oom = 1;
		e->v = nv;
		e->cap = cap;
	}
	url = strdup(f->url);
	title = f->title ? strdup(f->title) : NULL;
	if (url == NULL || (f->title && title == NULL)) {
		free(url);
		free(title);
		return e->oom = 1;
	}
	e->v[e->n].url = url;
	e->v[e->n].title = title;
	e->v[e->n].interval = f->interval;
	e->v[e->n].disabled = !f->enabled;
	e->v[e->n].own_title = !f->custom_title;
	e->n++;
	return 0;
}

static json_t *
cmd_export(struct client *c, json_t *req, json_t *id)
{
	struct export e = { 0 };
	char *opml = NULL;
	json_t *out;
	size_t i;

	(void)req;
	/* A list cut short would pass for the whole subscription list. */
	if (store_feeds(c->srv->d->store, export_feed, &e) == -1)
		out = internal(c->srv, id);
	else if (e.oom || (opml = opml_from_feeds(e.v, e.n,
	    "feedd subscriptions")) == NULL)
		out = proto_error(id, PROTO_E_INTERNAL, "out of memory");
	else
		out = proto_ok(id, json_pack("{s:s}", "opml", opml));
	free(opml);
	for (i = 0; i < e.n; i++) {
		free((char *)e.v[i].url);
		free((char *)e.v[i].title);
	}
	free(e.v);
	return out;
}

static const char *const held_why[] = {
	[HELD_LIMITED] = "rate_limited", [HELD_GONE] = "gone",
	[HELD_DISABLED] = "disabled",
};

/* [{id, url, title, reason, not_before}]: the feeds the refresh left
 * alone, as many as the report lists. */
static json_t *
held_json(const struct refresh_report *rep)
{
	const struct refresh_held *h;
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < rep->n_held; i++) {
		h = &rep->held[i];
		json_array_append_new(a, json_pack("{s:I,s:o,s:o,s:s,s:o}",
		    "id", (json_int_t)h->id, "url", feedjson_str(h->url),
		    "title", feedjson_str(h->title), "reason", held_why[h->why],
		    "not_before", itemjson_time(h->not_before)));
	}
	return a;
}

/* The answer of a refresh --wait: held is the client's (a borrowed
 * reference; NULL: none held). */
static json_t *
refresh_done(json_t *id, const struct refresh_stats *st, int64_t not_before,
    json_t *held)
{
	return proto_ok(id, json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:o,"
	    "s:o}",
	    "feeds", st->feeds, "fetched", st->fetched,
	    "not_modified", st->not_modified, "failed", st->failed,
	    "new_items", st->new_items, "new_stories", st->new_stories,
	    "off", st->off, "limited", st->limited,
	    "not_before", itemjson_time(not_before),
	    "held", held ? json_incref(held) : json_array()));
}

/* refresh --wait reports to its client; arg is the client. */
static void
on_refresh(void *arg, int64_t feed, const char *url, const char *error,
    const struct refresh_stats *st, int done)
{
	struct client *c = arg;
	json_t *id = c->stream_id ? c->stream_id : json_null();

	if (!done) {
		send_msg(c, proto_event(id, "progress", json_pack(
		    "{s:I,s:s,s:o,s:i,s:i}", "feed", (json_int_t)feed,
		    "url", url ? url : "", "error", error ? json_string(error) :
		    json_null(), "done", st->fetched + st->not_modified +
		    st->failed, "total", st->feeds)));
		return;
	}
	send_msg(c, refresh_done(id, st, c->not_before, c->held));
	json_decref(c->stream_id);
	c->stream_id = NULL;
	json_decref(c->held);
	c->held = NULL;
}

/* Before the polls' progress: which feeds are not polled, and why.  An
 * older feedctl knows only the not_before event. */
static void
refresh_held_events(struct client *c, json_t *id,
    const struct refresh_report *rep, json_t *held)
{
	if (rep->limited + rep->off > 0)
		send_msg(c, proto_event(id, "held", json_pack("{s:i,s:i,s:o,"
		    "s:O}", "limited", rep->limited, "off", rep->off,
		    "not_before", itemjson_time(rep->not_before),
		    "held", held)));
	if (rep->not_before)
		send_msg(c, proto_event(id, "not_before", json_pack("{s:o}",
		    "not_before", itemjson_time(rep->not_before))));
}

static json_t *
cmd_refresh(struct client *c, json_t *req, json_t *id)
{
	json_t *refs = json_object_get(req, "feeds"), *v, *held, *out;
	int wait = bool_arg(req, "wait");
	struct refresh_report rep;
	int64_t *ids = NULL;
	size_t i, n = 0;
	int queued;

	if (refs && !json_is_array(refs) && !json_is_null(refs))
		return proto_error(id, PROTO_E_BAD_REQUEST, "\"feeds\" is a list");
	/* What the polls bring could not be stored. */
	if (store_readonly(c->srv->d->store))
		return proto_error(id, PROTO_E_INTERNAL, "refreshing: %s",
		    store_readonly(c->srv->d->store));
	if (wait && c->stream_id)
		return proto_error(id, PROTO_E_BAD_REQUEST, "one waiting refresh "
		    "per connection");
	if (json_is_array(refs) && json_array_size(refs) > 0) {
		if ((ids = calloc(json_array_size(refs), sizeof(*ids))) ==
		    NULL)
			return proto_error(id, PROTO_E_INTERNAL, "out of memory");
		json_array_foreach(refs, i, v) {
			if (feed_ref(c->srv, v, &ids[n]) != 0) {
				free(ids);
				return no_such_feed(id, v);
			}
			n++;
		}
	}
	queued = daemon_refresh(c->srv->d, ids, n, wait ? on_refresh : NULL, c,
	    &rep);
	free(ids);
	if (queued < 0) {
		daemon_refresh_report_clear(&rep);
		return internal(c->srv, id);
	}
	held = held_json(&rep);
	if (wait)
		refresh_held_events(c, id, &rep, held);
	if (wait && queued > 0) {
		/* The answer comes when the polls are done. */
		c->stream_id = json_incref(id);
		c->not_before = rep.not_before;
		c->held = held;
		daemon_refresh_report_clear(&rep);
		return NULL;
	}
	if (wait) {
		struct refresh_stats none = { .off = rep.off,
		    .limited = rep.limited };
		out = refresh_done(id, &none, rep.not_before, held);
	} else
		out = proto_ok(id, json_pack("{s:i,s:i,s:i,s:o,s:O}",
		    "queued", queued, "off", rep.off, "limited", rep.limited,
		    "not_before", itemjson_time(rep.not_before),
		    "held", held));
	json_decref(held);
	daemon_refresh_report_clear(&rep);
	return out;
}

/* One answer listing items, written as its line goes out (jansson would
 * build a value per field first, then write them): {"id":ID,"ok":true,
 * "sizes":[N,...],"items":[ITEM,...],"more":BOOL}, the items kept under
 * PROTO_ITEMS_BUDGET bytes.  sizes gives each ITEM's length in bytes, so
 * that a client printing them as they came need not read them. */
struct item_list {
	struct buf	 line;		/* the answer, up to "sizes":[ */
	struct buf	 items;
	struct store	*store;
	int		 n;
	int		 more;
};

static int
item_list_start(struct item_list *l, struct store *s, json_t *id)
{
	memset(l, 0, sizeof(*l));
	l->store = s;
	if (buf_adds(&l->line, "{\"id\":") == -1 ||
	    jsonw_value(&l->line, id) == -1 ||
	    buf_adds(&l->line, ",\"ok\":true,\"sizes\":[") == -1) {
		buf_free(&l->line);
		return -1;
	}
	return 0;
}

static void
item_list_free(struct item_list *l)
{
	buf_free(&l->line);
	buf_free(&l->items);
}

static int
add_item_json(void *arg, const struct store_item *it)
{
	struct item_list *l = arg;
	size_t mark = l->items.len, lmark = l->line.len;
	size_t from = mark + (l->n > 0);

	if ((l->n > 0 && buf_addc(&l->items, ',') == -1) ||
	    itemjson_write(&l->items, l->store, it) == -1 ||
	    (l->items.len > PROTO_ITEMS_BUDGET && l->n > 0) ||
	    (l->n > 0 && buf_addc(&l->line, ',') == -1) ||
	    jsonw_int(&l->line, (int64_t)(l->items.len - from)) == -1) {
		/* Over budget (or out of memory): this one waits for the
		 * next answer, and the cursor stays before it. */
		l->items.len = mark;
		if (l->items.s)
			l->items.s[mark] = '\0';
		l->line.len = lmark;
		l->line.s[lmark] = '\0';
		l->more = 1;
		return 1;
	}
	l->n++;
	return 0;
}

/* Ends the line and sends it; NULL, or an error to answer with. */
static json_t *
item_list_send(struct client *c, json_t *id, struct item_list *l)
{
	if (buf_adds(&l->line, "],\"items\":[") == -1 ||
	    (l->items.len &&
	    buf_add(&l->line, l->items.s, l->items.len) == -1) ||
	    buf_adds(&l->line, "],\"more\":") == -1 ||
	    jsonw_bool(&l->line, l->more) == -1 ||
	    buf_adds(&l->line, "}\n") == -1) {
		item_list_free(l);
		return proto_error(id, PROTO_E_INTERNAL, "out of memory");
	}
	buf_free(&l->items);
	send_line(c, &l->line);
	return NULL;
}

static int
cursor_arg(json_t *req, const char *key, const char **name)
{
	json_t *v = json_object_get(req, key);

	*name = "default";
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    json_string_length(v) > CURSOR_MAX)
		return -1;
	*name = json_string_value(v);
	return 0;
}

/* "limit": dflt when absent, at most NEW_MAX (an answer holds no more).
 * NULL, or an error to answer with. */
static json_t *
limit_arg(json_t *req, json_t *id, int dflt, int *limit)
{
	json_t *v = json_object_get(req, "limit");

	*limit = dflt;
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return proto_error(id, PROTO_E_INVALID, "\"limit\" is a "
		    "positive integer");
	*limit = json_integer_value(v) < NEW_MAX ?
	    (int)json_integer_value(v) : NEW_MAX;
	return NULL;
}

static json_t *
cmd_new(struct client *c, json_t *req, json_t *id)
{
	struct store *s = c->srv->d->store;
	json_t *after, *err;
	struct item_list l;
	const char *cursor;
	int limit;

	if (cursor_arg(req, "cursor", &cursor) == -1)
		return proto_error(id, PROTO_E_INVALID, "a cursor is a name of "
		    "1 to %d characters", CURSOR_MAX);
	if ((err = limit_arg(req, id, NEW_MAX, &limit)) != NULL)
		return err;
	after = json_object_get(req, "after");
	if (after != NULL && !json_is_null(after) &&
	    (!json_is_integer(after) || json_integer_value(after) < 0 ||
	    !bool_arg(req, "peek")))
		return proto_error(id, PROTO_E_INVALID, "\"after\" is a "
		    "non-negative integer, with \"peek\"");
	if (item_list_start(&l, s, id) == -1)
		return proto_error(id, PROTO_E_INTERNAL, "out of memory");
	if ((json_is_integer(after) ? store_new_after(s, cursor,
	    json_integer_value(after), limit, add_item_json, &l) :
	    store_new(s, cursor, limit, bool_arg(req, "peek"), add_item_json,
	    &l)) == -1) {
		item_list_free(&l);
		return internal(c->srv, id);
	}
	return item_list_send(c, id, &l);
}

static int64_t
since_arg(json_t *v)
{
	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_string(v)) {
		int64_t t;
		struct tm tm;
		memset(&tm, 0, sizeof(tm));
		if (strptime(json_string_value(v), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
			t = timegm(&tm);
			return t;
		}
	}
	return -1;
}

/* "before": only ids below it, for the next page of a listing cut at
 * its size budget.  NULL, or an error to answer with. */
static json_t *
before_arg(json_t *req, json_t *id, int64_t *before)
{
	json_t *v = json_object_get(req, "before");

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_integer(v))
		return proto_error(id, PROTO_E_BAD_REQUEST, "\"before\" is an "
		    "item id");
	if ((*before = json_integer_value(v)) <= 0)
		return proto_error(id, PROTO_E_INVALID, "\"before\" is a "
		    "positive item id");
	return NULL;
}

static json_t *
cmd_items(struct client *c, json_t *req, json_t *id)
{
	struct store *s = c->srv->d->store;
	struct store_filter f = { 0 };
	json_t *v;
	struct item_list l;

	if ((v = json_object_get(req, "feed")) != NULL && !json_is_null(v) &&
	    (v = feed_arg(c, req, id, &f.feed)) != NULL)
		return v;
	if ((v = json_object_get(req, "since")) != NULL && !json_is_null(v) &&
	    (f.since = since_arg(v)) < 0)
		return proto_error(id, PROTO_E_INVALID, "\"since\" is a Unix time "
		    "or YYYY-MM-DDTHH:MM:SSZ");
	if ((v = before_arg(req, id, &f.before)) != NULL)
		return v;
	f.unread = bool_arg(req, "unread");
	f.starred = bool_arg(req, "starred");
	f.query = str_arg(req, "query");
	if ((v = limit_arg(req, id, 100, &f.limit)) != NULL)
		return v;
	if (item_list_start(&l, s, id) == -1)
		return proto_error(id, PROTO_E_INTERNAL, "out of memory");
	if (store_items(s, &f, add_item_json, &l) == -1) {
		item_list_free(&l);
		if (f.query)
			return proto_error(id, PROTO_E_INVALID, "bad search query: "
			    "%s", store_error(s));
		return internal(c->srv, id);
	}
	return item_list_send(c, id, &l);
}

static json_t *
cmd_mark(struct client *c, json_t *req, json_t *id)
{
	const char *flag = str_arg(req, "flag"), *col;
	json_t *items = json_object_get(req, "items"), *v, *missing;
	int on, changed = 0;
	size_t i;

	if (flag == NULL || !json_is_array(items))
		return proto_error(id, PROTO_E_BAD_REQUEST, "\"items\" and "
		    "\"flag\" are required");
	if (strcmp(flag, "read") == 0 || strcmp(flag, "unread") == 0)
		col = "read", on = flag[0] == 'r';
	else if (strcmp(flag, "star") == 0 || strcmp(flag, "unstar") == 0)
		col = "starred", on = flag[0] == 's';
	else
		return proto_error(id, PROTO_E_INVALID, "flag is read, unread, "
		    "star or unstar");
	missing = json_array();
	json_array_foreach(items, i, v) {
		int rc = json_is_integer(v) ? store_mark(c->srv->d->store,
		    json_integer_value(v), col, on) : 1;
		if (rc == 0)
			changed++;
		else if (rc == 1)
			json_array_append(missing, v);
		else {
			json_decref(missing);
			return internal(c->srv, id);
		}
	}
	return proto_ok(id, json_pack("{s:i,s:o}", "changed", changed,
	    "missing", missing));
}

static json_t *
cmd_cursor(struct client *c, json_t *req, json_t *id)
{
	struct store *s = c->srv->d->store;
	const char *name, *action = str_arg(req, "action");
	json_t *v = json_object_get(req, "seq");
	int64_t seq = 0;

	if (cursor_arg(req, "name", &name) == -1)
		return proto_error(id, PROTO_E_INVALID, "bad cursor name");
	if (action == NULL || strcmp(action, "get") == 0) {
		if (store_cursor_get(s, name, &seq) == -1)
			return internal(c->srv, id);
	} else if (strcmp(action, "set") == 0 ||
	    strcmp(action, "advance") == 0) {
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return proto_error(id, PROTO_E_INVALID, "\"seq\" is a "
			    "non-negative integer");
		seq = json_integer_value(v);
		/* Past the newest item, the cursor would pass over the
		 * stories still to come without showing them. */
		if (seq > store_last_item(s) && store_last_item(s) == 0)
			return proto_error(id, PROTO_E_INVALID, "no story "
			    "%lld: none was stored yet", (long long)seq);
		if (seq > store_last_item(s))
			return proto_error(id, PROTO_E_INVALID, "no story "
			    "%lld: the newest is %lld", (long long)seq,
			    (long long)store_last_item(s));
		if ((action[0] == 's' ? store_cursor_set(s, name, seq) :
		    store_cursor_advance(s, name, seq)) == -1 ||
		    store_cursor_get(s, name, &seq) == -1)
			return internal(c->srv, id);
	} else if (strcmp(action, "reset") == 0) {
		if (store_cursor_delete(s, name) == -1)
			return internal(c->srv, id);
	} else
		return proto_error(id, PROTO_E_INVALID, "action is get, set, "
		    "advance or reset");
	return proto_ok(id, json_pack("{s:s,s:I}", "name", name,
	    "seq", (json_int_t)seq));
}

static int
follow_backlog(void *arg, const struct store_item *it)
{
	struct client *c = arg;

	follow_send(c, proto_event(c->stream_id, "item", json_pack("{s:o}",
	    "item", itemjson(c->srv->d->store, it))), it->id);
	return c->closing;
}

static json_t *
cmd_follow(struct client *c, json_t *req, json_t *id)
{
	const char *cursor;

	if (c->following || c->stream_id)
		return proto_error(id, PROTO_E_BAD_REQUEST, "already following");
	if (cursor_arg(req, "cursor", &cursor) == -1)
		return proto_error(id, PROTO_E_INVALID, "bad cursor name");
	snprintf(c->cursor, sizeof(c->cursor), "%s", cursor);
	c->following = 1;
	c->backlog = 1;
	c->progress = time(NULL);
	c->stream_id = json_incref(id);
	send_msg(c, proto_ok(id, NULL));
	if (c->out.len == 0 && !c->closing)
		follow_batch(c);
	return NULL;
}

/* What arrived while nobody followed comes first, a batch each time the
 * client has read the last; live stories wait until it is done (they are
 * in the store, so the next batch brings them, in order). */
static void
follow_batch(struct client *c)
{
	int n;

	/* Peeked: the cursor moves as the lines are written. */
	n = store_new_after(c->srv->d->store, c->cursor, c->follow_seq,
	    FOLLOW_BATCH, follow_backlog, c);
	follow_store(c);
	if (n < FOLLOW_BATCH)
		c->backlog = 0;
	else if (!ev_is_active(&c->wio))
		ev_io_start(c->srv->d->loop, &c->wio);	/* next batch */
}

static const struct {
	const char *name;
	json_t *(*fn)(struct client *, json_t *, json_t *);
} commands[] = {
	{ "hello", cmd_hello }, { "ping", cmd_ping }, { "status", cmd_status },
	{ "add", cmd_add }, { "remove", cmd_remove }, { "feeds", cmd_feeds },
	{ "enable", cmd_enable }, { "disable", cmd_disable }, { "set", cmd_set },
	{ "import", cmd_import }, { "export", cmd_export },
	{ "refresh", cmd_refresh }, { "new", cmd_new }, { "items", cmd_items },
	{ "mark", cmd_mark }, { "cursor", cmd_cursor },
	{ "follow", cmd_follow },
};

static void
handle_line(struct client *c, const char *line, size_t len)
{
	const char *cmd, *code;
	char msg[256];
	json_t *req, *id, *res = NULL;
	size_t i;

	if (len == 0)
		return;
	if ((req = proto_decode(line, len, &cmd, &code, msg, sizeof(msg))) == NULL) {
		/* An object without a usable "cmd" still gets its id back. */
		json_t *obj = json_loadb(line, len, 0, NULL);
		id = proto_id(json_is_object(obj) ? obj : NULL);
		send_msg(c, proto_error(id, code, "%s", msg));
		json_decref(id);
		json_decref(obj);
		return;
	}
	id = proto_id(req);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(cmd, commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0]))
		res = proto_error(id, PROTO_E_UNKNOWN, "unknown command \"%.64s\"",
		    cmd);
	else
		res = commands[i].fn(c, req, id);
	if (res)
		send_msg(c, res);
	json_decref(id);
	json_decref(req);
}

/* ---- input ---- */

static void
take_lines(struct client *c)
{
	char *nl, *start = c->in.s;
	size_t left = c->in.len;

	while (left > 0 && (nl = memchr(start, '\n', left)) != NULL) {
		size_t len = nl - start;
		if (!c->discarding && len + 1 > PROTO_LINE_MAX)
			send_msg(c, proto_error(json_null(), PROTO_E_TOO_LARGE,
			    "request longer than %d bytes", PROTO_LINE_MAX));
		else if (!c->discarding)
			handle_line(c, start, len);
		c->discarding = 0;
		left -= len + 1;
		start = nl + 1;
		if (c->closing)
			return;
	}
	memmove(c->in.s, start, left);
	c->in.len = left;
	if (c->in.len >= PROTO_LINE_MAX) {
		/* Too long: answer once, then drop bytes up to the newline. */
		if (!c->discarding)
			send_msg(c, proto_error(json_null(), PROTO_E_TOO_LARGE,
			    "request longer than %d bytes", PROTO_LINE_MAX));
		c->discarding = 1;
		c->in.len = 0;
	}
}

static void
on_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct client *c = w->data;
	char chunk[READ_CHUNK];
	ssize_t n;

	(void)loop;
	(void)revents;
	n = read(c->fd, chunk, sizeof(chunk));
	if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR)) {
		client_close(c);
		return;
	}
	if (n < 0)
		return;
	if (buf_add(&c->in, chunk, n) == -1) {
		client_close(c);
		return;
	}
	take_lines(c);
}

/* ---- clients ---- */

static void
client_close(struct client *c)
{
	struct server *s = c->srv;

	ev_io_stop(s->d->loop, &c->rio);
	ev_io_stop(s->d->loop, &c->wio);
	daemon_refresh_cancel(s->d, c);
	follow_store(c);
	close(c->fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		s->clients = c->next;
	if (c->next)
		c->next->prev = c->prev;
	s->n_clients--;
	buf_free(&c->in);
	buf_free(&c->out);
	free(c->sent);
	json_decref(c->stream_id);
	json_decref(c->held);
	free(c);
}

static int
peer_allowed(struct server *s, int fd)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == -1)
		return 0;
	if (cr.uid == 0 || cr.uid == getuid())
		return 1;
	return s->has_group && cr.gid == s->group;
}

static void
on_accept(struct ev_loop *loop, ev_io *w, int revents)
{
	struct server *s = w->data;
	struct client *c;
	int fd;

	(void)revents;
	while ((fd = accept4(s->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC))
	    != -1) {
		if (!peer_allowed(s, fd)) {
			log_warn("refused a client of another user");
			close(fd);
			continue;
		}
		if (s->n_clients >= (size_t)s->d->cfg.max_clients ||
		    (c = calloc(1, sizeof(*c))) == NULL) {
			static const char busy[] = "{\"id\":null,\"ok\":false,"
			    "\"error\":{\"code\":\"busy\",\"message\":\"too many "
			    "clients\"}}\n";
			/* Best effort: the client may already be gone. */
			ssize_t w = write(fd, busy, sizeof(busy) - 1);
			(void)w;
			close(fd);
			continue;
		}
		c->srv = s;
		c->fd = fd;
		ev_io_init(&c->rio, on_readable, fd, EV_READ);
		ev_io_init(&c->wio, on_writable, fd, EV_WRITE);
		c->rio.data = c->wio.data = c;
		ev_io_start(loop, &c->rio);
		c->next = s->clients;
		if (c->next)
			c->next->prev = c;
		s->clients = c;
		s->n_clients++;
	}
	if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
	    errno == ENOMEM) {
		/* Out of descriptors: stop accepting for a second rather
		 * than spin on a listening socket that stays readable. */
		log_warn("accept: %s; pausing for a second", strerror(errno));
		ev_io_stop(loop, &s->lio);
		ev_timer_set(&s->pause, 1., 0.);
		ev_timer_start(loop, &s->pause);
	}
}

static void
on_pause_end(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct server *s = w->data;

	(void)revents;
	ev_io_start(loop, &s->lio);
}

/* ---- notifications ---- */

void
server_notify(struct server *s, int64_t item, int is_update)
{
	struct client *c, *next;
	json_t *j = NULL;

	for (c = s->clients; c; c = next) {
		next = c->next;
		if (!c->following || c->closing)
			continue;
		if (c->out.len - c->out_off > FOLLOW_HIGH && !c->backlog) {
			c->backlog = 1;	/* catch up from the store */
			c->progress = time(NULL);
			if (!ev_is_active(&s->stall))
				ev_timer_again(s->d->loop, &s->stall);
		}
		if (c->backlog && !is_update)
			continue;
		if (!is_update && item <= c->follow_seq)
			continue;
		if (j == NULL && (j = itemjson_by_id(s->d->store, item)) == NULL)
			return;
		if (is_update) {
			json_object_set_new(j, "update", json_true());
			send_msg(c, proto_event(c->stream_id, "item",
			    json_pack("{s:O}", "item", j)));
			continue;
		}
		follow_send(c, proto_event(c->stream_id, "item",
		    json_pack("{s:O}", "item", j)), item);
		follow_store(c);
	}
	json_decref(j);
}

/* Once a second while followers lag: drop the ones whose output has not
 * moved for FOLLOW_STALL seconds; stop when none lags. */
static void
on_stall(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct server *s = w->data;
	struct client *c, *next;
	int lagging = 0;

	(void)revents;
	for (c = s->clients; c; c = next) {
		next = c->next;
		if (!c->following || c->closing || !c->backlog ||
		    c->out.len == c->out_off)
			continue;
		if (time(NULL) - c->progress > FOLLOW_STALL)
			too_slow(c);
		else
			lagging = 1;
	}
	if (!lagging)
		ev_timer_stop(loop, w);
}

size_t
server_clients(const struct server *s)
{
	return s->n_clients;
}

/* ---- listening ---- */

/* The socket's directory: created 0700 if missing; refused when others
 * can write to it (they could replace the socket). */
static int
check_dir(const char *path, char *err, size_t errlen)
{
	char dir[PATH_MAX];
	struct stat sb;
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		return 0;
	*slash = '\0';
	if (*dir == '\0')
		return 0;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX)) {
		snprintf(err, errlen, "%s: writable by others; refusing to put "
		    "the socket there", dir);
		return -1;
	}
	return 0;
}

/* Removes what a dead daemon left at path: a socket, never anything
 * else (a --socket pointing at a file by mistake). */
static int
unlink_stale(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(path, &st) == -1)
		return 0;	/* nothing there: bind() says more */
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(err, errlen, "%s: exists and is not a socket; not "
		    "replacing it", path);
		return -1;
	}
	if (unlink(path) == -1 && errno != ENOENT) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
listen_path(struct server *s, const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	mode_t mode = s->has_group ? 0660 : 0600;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "%s: socket path too long", path);
		return -1;
	}
	if (check_dir(path, err, errlen) == -1)
		return -1;
	strcpy(sa.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		goto bad;
	/* A live daemon answers on it; a dead one left a stale file. */
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
		close(fd);
		snprintf(err, errlen, "%s: another feedd is running", path);
		return -1;
	}
	if (unlink_stale(path, err, errlen) == -1) {
		close(fd);
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    chmod(path, mode) == -1 ||
	    (s->has_group && chown(path, (uid_t)-1, s->group) == -1) ||
	    listen(fd, 128) == -1)
		goto bad;
	s->owned = 1;
	return fd;
bad:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	return -1;
}

/* The listening socket systemd passed (socket activation), or -1.  Only
 * a listening AF_UNIX stream socket is taken: anything else (a TCP or
 * datagram socket, an Accept=yes connection) is a mistake in the socket
 * unit, refused with a message rather than served; feedd then binds the
 * configured path itself.  Nothing is closed: this runs after the loop and
 * the database are open, so a descriptor number that systemd did not
 * really pass may be one of ours.  The accept loop needs O_NONBLOCK. */
static int
passed_socket(void)
{
#ifdef HAVE_SYSTEMD
	int n = sd_listen_fds(1), fd = SD_LISTEN_FDS_START, flags;

	if (n <= 0) {
		if (n < 0)
			log_warn("socket activation: %s", strerror(-n));
		return -1;
	}
	if (n > 1)
		log_warn("socket activation: %d sockets passed; using the "
		    "first", n);
	if (sd_is_socket_unix(fd, SOCK_STREAM, 1, NULL, 0) <= 0) {
		log_err("socket activation: fd %d is not a listening Unix "
		    "stream socket; ignored", fd);
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		log_err("socket activation: fd %d: %s", fd, strerror(errno));
		return -1;
	}
	return fd;	/* sd_listen_fds() made it close-on-exec */
#else
	return -1;
#endif
}

struct server *
server_new(struct daemon *d, char *err, size_t errlen)
{
	struct server *s;
	struct group *g;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->d = d;
	if (d->cfg.socket_group && *d->cfg.socket_group) {
		if ((g = getgrnam(d->cfg.socket_group)) == NULL) {
			snprintf(err, errlen, "socket_group %s: no such group",
			    d->cfg.socket_group);
			free(s);
			return NULL;
		}
		s->group = g->gr_gid;
		s->has_group = 1;
	}
	if ((s->fd = passed_socket()) == -1 &&
	    (s->fd = listen_path(s, d->cfg.socket, err, errlen)) == -1) {
		free(s);
		return NULL;
	}
	ev_io_init(&s->lio, on_accept, s->fd, EV_READ);
	s->lio.data = s;
	ev_timer_init(&s->pause, on_pause_end, 1., 0.);
	s->pause.data = s;
	ev_timer_init(&s->stall, on_stall, 1., 1.);
	s->stall.data = s;
	ev_io_start(d->loop, &s->lio);
	return s;
}

void
server_free(struct server *s)
{
	if (s == NULL)
		return;
	while (s->clients) {
		/* Let waiting clients read what is queued, briefly. */
		struct client *c = s->clients;
		if (c->out.len > c->out_off) {
			ssize_t w = write(c->fd, c->out.s + c->out_off,
			    c->out.len - c->out_off);
			(void)w;
		}
		client_close(c);
	}
	ev_io_stop(s->d->loop, &s->lio);
	ev_timer_stop(s->d->loop, &s->pause);
	ev_timer_stop(s->d->loop, &s->stall);
	close(s->fd);
	if (s->owned)
		unlink(s->d->cfg.socket);
	free(s);
}
