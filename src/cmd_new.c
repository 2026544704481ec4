/* feedctl new, items, follow: reading the stories. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "client.h"
#include "feedctl.h"
#include "feedd/config.h"
#include "feedd/date.h"
#include "rawitems.h"

#define SEP		" \xc2\xb7 "	/* " · " */
#define NEW_PAGE	200	/* stories per `new` request */
#define ITEMS_PAGE	10000	/* items per `items` request: feedd's most */
#define ITEMS_DEFAULT	100	/* `items` without --limit */

/* How items are shown, the same for the three commands. */
struct show {
	int	 all_copies;
	int	 width;		/* 0: no limit */
	int	 styled;	/* bold and dim allowed */
	time_t	 now;
};

static void
show_init(struct show *s)
{
	s->width = ctl_term_width();
	s->styled = ctl_styled(stdout);
	s->now = time(NULL);
}

static const char *
feed_name(json_t *feed)
{
	const char *t = ctl_jstr(feed, "title");

	if (t && *t)
		return t;
	return ctl_jstr(feed, "url") ? ctl_jstr(feed, "url") : "?";
}

/* A line in the dim style, cut to the terminal. */
static void
dim_line(const struct show *s, const char *text)
{
	fputs("  ", stdout);
	if (s->styled)
		fputs("\033[2m", stdout);
	ctl_print_safe(stdout, text, s->width > 2 ? s->width - 2 : 0);
	if (s->styled)
		fputs("\033[0m", stdout);
	putchar('\n');
}

/* "#12 · Feed title · 3h · https://..." */
static void
meta_line(const struct show *s, json_t *it)
{
	struct buf b = { 0 };
	const char *date = ctl_jstr(it, "published"), *link;
	int64_t t;
	char age[16], id[32];

	if (date == NULL)
		date = ctl_jstr(it, "updated");
	snprintf(id, sizeof(id), "#%lld", (long long)ctl_jint(it, "id", 0));
	buf_adds(&b, id);
	buf_adds(&b, SEP);
	buf_adds(&b, feed_name(json_object_get(it, "feed")));
	if ((t = ctl_time(date)) != -1) {
		ctl_span(s->now - t, age, sizeof(age));
		buf_adds(&b, SEP);
		buf_adds(&b, age);
	}
	if ((link = ctl_jstr(it, "link")) != NULL && *link) {
		buf_adds(&b, SEP);
		buf_adds(&b, link);
	}
	dim_line(s, b.s ? b.s : "");
	buf_free(&b);
}

/* "also in: Feed B, Feed C", or with --all-copies a line per copy. */
static void
copies_lines(const struct show *s, json_t *copies)
{
	struct buf b = { 0 };
	json_t *cp;
	size_t i;
	char id[32];

	if (json_array_size(copies) == 0)
		return;
	if (s->all_copies) {
		json_array_foreach(copies, i, cp) {
			snprintf(id, sizeof(id), "#%lld",
			    (long long)ctl_jint(cp, "id", 0));
			buf_reset(&b);
			buf_adds(&b, "= ");
			buf_adds(&b, id);
			buf_adds(&b, SEP);
			buf_adds(&b, feed_name(json_object_get(cp, "feed")));
			if (ctl_jstr(cp, "link")) {
				buf_adds(&b, SEP);
				buf_adds(&b, ctl_jstr(cp, "link"));
			}
			dim_line(s, b.s);
		}
		buf_free(&b);
		return;
	}
	buf_adds(&b, "also in: ");
	json_array_foreach(copies, i, cp) {
		if (i)
			buf_adds(&b, ", ");
		buf_adds(&b, feed_name(json_object_get(cp, "feed")));
	}
	dim_line(s, b.s);
	buf_free(&b);
}

static void
print_readable(const struct show *s, json_t *it)
{
	const char *title = ctl_jstr(it, "title");
	int w = s->width;

	if (s->styled)
		fputs("\033[1m", stdout);
	if (json_is_true(json_object_get(it, "update"))) {
		fputs("(updated) ", stdout);
		w = w > 10 ? w - 10 : w;
	}
	ctl_print_safe(stdout, title && *title ? title : "(untitled)", w);
	if (s->styled)
		fputs("\033[0m", stdout);
	putchar('\n');
	meta_line(s, it);
	copies_lines(s, json_object_get(it, "copies"));
}

/* The copies as objects of their own, pointing back at the item. */
static void
print_copies_json(json_t *it)
{
	json_t *cp, *o;
	size_t i;

	json_array_foreach(json_object_get(it, "copies"), i, cp) {
		o = json_pack("{s:O,s:O,s:O,s:O}",
		    "id", json_object_get(cp, "id") ?
		    json_object_get(cp, "id") : json_null(),
		    "feed", json_object_get(cp, "feed") ?
		    json_object_get(cp, "feed") : json_null(),
		    "link", json_object_get(cp, "link") ?
		    json_object_get(cp, "link") : json_null(),
		    "copy_of", json_object_get(it, "id") ?
		    json_object_get(it, "id") : json_null());
		ctl_json_print(o);
		json_decref(o);
	}
}

static void
print_item(const struct show *s, json_t *it)
{
	if (ctl.json) {
		ctl_json_print(it);
		if (s->all_copies)
			print_copies_json(it);
	} else
		print_readable(s, it);
}

/* Prints the items of a response; their count, or -1.  *last gets the
 * id of the last one. */
static long
print_items(const struct show *s, json_t *r, int64_t *last)
{
	json_t *items = json_object_get(r, "items"), *it;
	size_t i;

	if (!json_is_array(items)) {
		ctl_err("feedd sent no item list");
		return -1;
	}
	json_array_foreach(items, i, it) {
		print_item(s, it);
		*last = ctl_jint(it, "id", 0);
	}
	return (long)json_array_size(items);
}

/* --json: the items of an answer line as they came (rawitems.h), in one
 * write unless each needs its copies after it. */
static void
print_raw(const struct show *s, struct rawitems *r)
{
	size_t i, start = r->first;
	json_t *it;

	if (r->n == 0)
		return;
	if (!s->all_copies) {
		for (i = 0; i + 1 < r->n; i++)
			r->line[r->ends[i]] = '\n';
		fwrite(r->line + start, 1, r->ends[r->n - 1] - start, stdout);
		putchar('\n');
		return;
	}
	for (i = 0; i < r->n; start = r->ends[i++] + 1) {
		fwrite(r->line + start, 1, r->ends[i] - start, stdout);
		putchar('\n');
		it = json_loadb(r->line + start, r->ends[i] - start, 0, NULL);
		print_copies_json(it);
		json_decref(it);
	}
}

struct raw {
	const struct show	*show;
	struct rawitems		 items;
	int64_t			 id;
	long			 n;
	int64_t			 last;	/* the last item's id */
	int			 more;
};

/* The id of the last item of an answer: the only one read. */
static int64_t
last_raw_id(const struct rawitems *r)
{
	size_t start = r->n > 1 ? r->ends[r->n - 2] + 1 : r->first;
	json_t *it;
	int64_t id;

	if (r->n == 0)
		return 0;
	it = json_loadb(r->line + start, r->ends[r->n - 1] - start, 0, NULL);
	id = ctl_jint(it, "id", 0);
	json_decref(it);
	return id;
}

static int
take_raw(void *arg, char *line, size_t len)
{
	struct raw *x = arg;

	if (!rawitems_find(&x->items, line, len, x->id))
		return 0;
	x->last = last_raw_id(&x->items);
	x->more = x->items.more;
	print_raw(x->show, &x->items);
	x->n = (long)x->items.n;
	return 1;
}

/* Sends a request for items (req is stolen) and prints the answer's:
 * their count, or -1 with *rc set.  *last gets the last one's id, and
 * *more (may be NULL) whether the answer was cut at its size budget. */
static long
call_items(struct client *c, const char *cmd, json_t *req,
    const struct show *s, int64_t *last, int *more, int *rc)
{
	struct raw x = { s, { 0 }, 0, -1, 0, 0 };
	json_t *r;
	long n;

	if ((x.id = client_send(c, cmd, req)) == -1) {
		*rc = EXIT_ERROR;
		return -1;
	}
	r = client_wait_raw(c, x.id, ctl.json ? take_raw : NULL, &x,
	    CLIENT_TIMEOUT_MS, rc);
	rawitems_free(&x.items);
	*last = x.last;
	if (more)
		*more = x.more;
	if (r == NULL)
		return *rc == EXIT_OK ? x.n : -1;
	if ((n = print_items(s, r, last)) == -1)
		*rc = EXIT_ERROR;
	if (more)
		*more = json_is_true(json_object_get(r, "more"));
	json_decref(r);
	return n;
}

static int
limit_arg(const char *s, json_t *req)
{
	long long n = ctl_parse_count(s);

	if (n <= 0) {
		ctl_err("--limit: not a positive count: %s", s);
		return -1;
	}
	json_object_set_new(req, "limit", json_integer(n));
	return 0;
}

static int
cursor_arg(const char *s, json_t *req)
{
	if (*s == '\0') {
		ctl_err("--cursor: empty name");
		return -1;
	}
	json_object_set_new(req, "cursor", json_string(s));
	return 0;
}

/* Runs the request and prints its items. */
static int
list(const char *cmd, json_t *req, const struct show *s)
{
	struct client *c;
	int64_t last;
	int rc;

	if ((c = client_connect(&rc)) == NULL) {
		json_decref(req);
		return rc;
	}
	call_items(c, cmd, req, s, &last, NULL, &rc);
	client_close(c);
	if (rc == EXIT_OK)
		rc = ctl_check_stdout("the list", "");
	return rc;
}

/* A cursor request (seq for set and advance); the answer, or NULL with
 * *rc set after the reason was printed. */
static json_t *
cursor_call(struct client *c, json_t *name, const char *action,
    int64_t seq, int *rc)
{
	json_t *req = json_pack("{s:O,s:s}", "name", name ? name : json_null(),
	    "action", action);

	if (req && strcmp(action, "get") != 0)
		json_object_set_new(req, "seq", json_integer(seq));
	return client_call(c, "cursor", req, rc);
}

/* Moves the cursor past what was printed.  Another reader may have
 * moved it meanwhile: it only moves forward. */
static int
advance(struct client *c, json_t *req, int64_t last)
{
	json_t *r;
	int rc;

	r = cursor_call(c, json_object_get(req, "cursor"), "advance", last,
	    &rc);
	json_decref(r);
	return r ? EXIT_OK : rc;
}

/* `new` that moves the cursor, a page at a time: each answer stays well
 * under the protocol's line limit however much is new.  The pages are
 * peeked, and the cursor moves past them once, when all were written:
 * a failed write (a full disk, a reader gone), an interrupted or killed
 * feedctl leave every story new.  Ends at an empty page or once limit
 * items (0: no limit) were shown. */
static int
new_pages(json_t *req, long long limit, const struct show *s)
{
	struct client *c;
	long long shown = 0, page;
	int64_t last = 0, passed = 0;
	long n = 0;
	int rc = EXIT_OK;

	if ((c = client_connect(&rc)) == NULL) {
		json_decref(req);
		return rc;
	}
	json_object_set_new(req, "peek", json_true());
	do {
		page = limit && limit - shown < NEW_PAGE ? limit - shown :
		    NEW_PAGE;
		json_object_set_new(req, "limit", json_integer(page));
		if (passed > 0)
			json_object_set_new(req, "after", json_integer(passed));
		if ((n = call_items(c, "new", json_deep_copy(req), s, &last,
		    NULL, &rc)) == -1 || rc != EXIT_OK)
			break;
		/* A page that does not end past the last one would come
		 * again and again. */
		if (n > 0 && last <= passed) {
			ctl_err("feedd sent stories the cursor cannot pass");
			rc = EXIT_ERROR;
		} else if (n > 0)
			passed = last;
		if (rc == EXIT_OK)
			rc = ctl_check_stdout("the stories", " (they stay new)");
		shown += n;
	} while (rc == EXIT_OK && n > 0 && (limit == 0 || shown < limit));
	if (rc == EXIT_OK && passed > 0)
		rc = advance(c, req, passed);
	client_close(c);
	json_decref(req);
	return rc;
}

static int
run_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cursor", required_argument, NULL, 'c' },
		{ "peek", no_argument, NULL, 'p' },
		{ "limit", required_argument, NULL, 'n' },
		{ "all-copies", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct show s = { 0 };
	json_t *req = json_object();
	int c, bad = 0;

	optind = 1;
	while (!bad && (c = getopt_long(argc, argv, "c:pn:aj", opts,
	    NULL)) != -1) {
		switch (c) {
		case 'c': bad = cursor_arg(optarg, req); break;
		case 'p': json_object_set_new(req, "peek", json_true()); break;
		case 'n': bad = limit_arg(optarg, req); break;
		case 'a': s.all_copies = 1; break;
		case 'j': ctl.json = 1; break;
		default: bad = 1;
		}
	}
	if (bad || optind != argc) {
		json_decref(req);
		return ctl_usage(&cmd_new_entry);
	}
	show_init(&s);
	if (json_is_true(json_object_get(req, "peek")))
		return list("new", req, &s);
	return new_pages(req, ctl_jint(req, "limit", 0), &s);
}

/* False for a date whose fields are out of range ("2026-13-45"), which
 * the feed date parser, lenient for feeds' sake, would carry over. */
static int
date_fields_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, mo, d, h = 0, mi = 0, sec = 0, n;

	n = sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec);
	if (n < 3)
		return 1;	/* another form: date_parse() judges */
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && (y % 4 != 0 ||
	    (y % 100 == 0 && y % 400 != 0))))
		return 0;
	return h <= 23 && mi <= 59 && sec <= 60 && h >= 0 && mi >= 0 &&
	    sec >= 0;
}

/* --since: an RFC 3339 date, or a duration meaning that long ago. */
static int
since_arg(const char *s, json_t *req)
{
	int64_t d = config_parse_duration(s), t;
	char buf[32];

	if (d > 0)
		t = time(NULL) - d;
	else if (!date_fields_ok(s) || date_parse(s, &t) == -1) {
		ctl_err("--since: not a date or a duration: %s (say "
		    "2024-05-01T00:00:00Z, 2h, 3d)", s);
		return -1;
	}
	date_format(t, buf, sizeof(buf));
	json_object_set_new(req, "since", json_string(buf));
	return 0;
}

static int
items_opt(int c, const char *arg, json_t *req, struct show *s)
{
	switch (c) {
	case 'f': json_object_set_new(req, "feed", ctl_feedref(arg)); break;
	case 's': return since_arg(arg, req);
	case 'u': json_object_set_new(req, "unread", json_true()); break;
	case 'S': json_object_set_new(req, "starred", json_true()); break;
	case 'q':
		/* FTS5 would answer with a syntax error; and text that is
		 * not UTF-8 must not go out as no query at all. */
		if (arg[strspn(arg, " \t")] == '\0' ||
		    json_object_set_new(req, "query", json_string(arg)) != 0) {
			ctl_err("--search wants words to look for, in UTF-8");
			return -1;
		}
		break;
	case 'n': return limit_arg(arg, req);
	case 'a': s->all_copies = 1; break;
	case 'j': ctl.json = 1; break;
	default: return -1;
	}
	return 0;
}

/* `items`, a page at a time: feedd cuts an answer at its size budget
 * (more), or at ITEMS_PAGE, and the next page starts below the smallest
 * id shown, newest first.  Ends once limit items were shown or feedd has
 * no more. */
static int
items_pages(json_t *req, long long limit, const struct show *s)
{
	struct client *c;
	long long shown = 0, page;
	int64_t last = 0, before = 0;
	long n;
	int more = 0, rc = EXIT_OK;

	if ((c = client_connect(&rc)) == NULL) {
		json_decref(req);
		return rc;
	}
	for (;;) {
		page = limit - shown < ITEMS_PAGE ? limit - shown : ITEMS_PAGE;
		json_object_set_new(req, "limit", json_integer(page));
		if ((n = call_items(c, "items", json_deep_copy(req), s, &last,
		    &more, &rc)) == -1 || rc != EXIT_OK ||
		    (rc = ctl_check_stdout("the list", "")) != EXIT_OK)
			break;
		shown += n;
		/* A short page not cut at the budget is the end. */
		if (shown >= limit || (!more && n < page))
			break;
		/* One that does not end below the last would come again
		 * and again. */
		if (n == 0 || last <= 0 || (before > 0 && last >= before)) {
			ctl_err("feedd sent a page of items that does not "
			    "move on");
			rc = EXIT_ERROR;
			break;
		}
		before = last;
		json_object_set_new(req, "before", json_integer(before));
	}
	client_close(c);
	json_decref(req);
	return rc;
}

static int
run_items(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "feed", required_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ "unread", no_argument, NULL, 'u' },
		{ "starred", no_argument, NULL, 'S' },
		{ "search", required_argument, NULL, 'q' },
		{ "limit", required_argument, NULL, 'n' },
		{ "all-copies", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct show s = { 0 };
	json_t *req = json_object();
	int c, bad = 0;

	optind = 1;
	while (!bad && (c = getopt_long(argc, argv, "f:s:uSq:n:aj", opts,
	    NULL)) != -1)
		bad = items_opt(c, optarg, req, &s);
	if (bad || optind != argc) {
		json_decref(req);
		return ctl_usage(&cmd_items_entry);
	}
	show_init(&s);
	return items_pages(req, ctl_jint(req, "limit", ITEMS_DEFAULT), &s);
}

/* A follower's progress: the daemon moves the cursor as it sends each
 * story, before feedctl has written it. */
struct follower {
	const struct show	*show;
	int64_t			 written;	/* the last story written */
	int			 failed;	/* stdout failed */
};

static int
on_follow_event(void *arg, json_t *ev)
{
	struct follower *f = arg;
	json_t *it = json_object_get(ev, "item");
	const char *name = ctl_jstr(ev, "event");
	int64_t id;

	if (name == NULL || strcmp(name, "item") != 0 || !json_is_object(it))
		return 0;
	print_item(f->show, it);
	/* Whoever reads the other end wants each story as it comes. */
	if (ctl_check_stdout("the stories", " (the ones not written stay "
	    "new)") != EXIT_OK) {
		f->failed = 1;
		return EXIT_ERROR;
	}
	/* An update does not move the cursor. */
	if (!json_is_true(json_object_get(it, "update")) &&
	    (id = ctl_jint(it, "id", 0)) > f->written)
		f->written = id;
	return 0;
}

/* Where the cursor is; -1 after the reason was printed, *rc set. */
static int64_t
cursor_now(struct client *c, json_t *name, int *rc)
{
	json_t *r = cursor_call(c, name, "get", 0, rc);
	int64_t seq = r ? ctl_jint(r, "seq", -1) : -1;

	if (r != NULL && seq < 0) {
		ctl_err("feedd sent no cursor position");
		*rc = EXIT_ERROR;
	}
	json_decref(r);
	return seq;
}

/* After stdout failed or an interrupt: the cursor goes back to the last
 * story written (the daemon moved it as it sent stories that were not
 * shown), on a new connection once the following one is closed. */
static void
cursor_back(json_t *name, int64_t seq)
{
	struct client *c;
	json_t *r;
	int rc;

	/* Quiet when feedd is away: follow said it was waiting for it. */
	if ((c = client_try_connect(&rc)) == NULL)
		return;
	r = cursor_call(c, name, "set", seq, &rc);
	json_decref(r);
	client_close(c);
}

/* One follow request on c, its backlog then its stream.  An exit status;
 * client_lost(c) says whether the daemon went away. */
static int
follow_on(struct client *c, json_t *req, struct follower *f)
{
	json_t *r;
	int64_t id;
	int rc;

	client_quiet_lost(c);
	if ((id = client_send(c, "follow", json_incref(req))) == -1)
		return EXIT_ERROR;
	/* Backlog events may come before the answer: print them too. */
	if ((r = client_wait(c, id, on_follow_event, f, CLIENT_TIMEOUT_MS,
	    &rc)) == NULL)
		return rc == CLIENT_INTERRUPTED ? EXIT_OK : rc;
	json_decref(r);
	return client_stream(c, id, on_follow_event, f);
}

/* Sleeps ms, or less on SIGINT. */
static void
nap(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (!client_interrupted() && nanosleep(&ts, &ts) == -1)
		;
}

/* After the daemon went away (a restart): a new connection once it is
 * back, with the cursor at the last story written, since the daemon moved
 * it past stories that may not have arrived.  Tries for as long as
 * nothing listens.  NULL on SIGINT (*rc EXIT_OK) or another failure
 * (*rc set, the reason printed). */
static struct client *
reconnect(json_t *name, int64_t written, int slow, int *rc)
{
	struct client *c;
	json_t *r;
	int ms = 100, lost;

	/* Dropped for not reading fast enough (a burst the reader of our
	 * output took its time over): at once, from the last story
	 * written, which the new follow sends again. */
	if (slow)
		ctl_err("feedd dropped this follower as too slow (a burst of "
		    "stories not read in time); resuming after story %lld",
		    (long long)written);
	else
		ctl_err("feedd restarting; waiting");
	for (;; nap(ms), ms = ms < 2500 ? ms * 2 : 5000) {
		if (client_interrupted()) {
			*rc = EXIT_OK;
			return NULL;
		}
		if ((c = client_try_connect(rc)) == NULL) {
			if (*rc != EXIT_NODAEMON)
				return NULL;
			continue;
		}
		client_quiet_lost(c);
		if ((r = cursor_call(c, name, "set", written, rc)) != NULL) {
			json_decref(r);
			if (!slow)
				ctl_err("reconnected");
			return c;
		}
		/* Accepted by a daemon still starting or stopping. */
		lost = client_lost(c);
		client_close(c);
		if (client_interrupted())
			*rc = EXIT_OK;
		if (!lost || client_interrupted())
			return NULL;
	}
}

static int
follow(json_t *req, struct show *s)
{
	struct follower f = { s, 0, 0 };
	json_t *name = json_incref(json_object_get(req, "cursor"));
	struct client *c;
	int rc, lost, slow;

	if ((c = client_connect(&rc)) == NULL)
		goto done;
	client_catch_interrupt();
	if ((f.written = cursor_now(c, name, &rc)) == -1) {
		client_close(c);
		goto done;
	}
	/* A restart of the daemon (systemctl restart) must not end a
	 * `follow | notifier` pipeline: follow again from the cursor. */
	for (;;) {
		rc = follow_on(c, req, &f);
		lost = client_lost(c);
		slow = client_too_slow(c);
		client_close(c);
		/* Nor a burst that the reader took its time over: the daemon
		 * drops a follower that does not read (too_slow). */
		if ((!lost && !slow) || f.failed || client_interrupted() ||
		    (c = reconnect(name, f.written, slow, &rc)) == NULL)
			break;
	}
	if (f.failed || client_interrupted())
		cursor_back(name, f.written);
done:
	json_decref(req);
	json_decref(name);
	return rc;
}

static int
run_follow(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cursor", required_argument, NULL, 'c' },
		{ "all-copies", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct show s = { 0 };
	json_t *req = json_object();
	int c, bad = 0;

	optind = 1;
	while (!bad && (c = getopt_long(argc, argv, "c:aj", opts, NULL)) != -1) {
		switch (c) {
		case 'c': bad = cursor_arg(optarg, req); break;
		case 'a': s.all_copies = 1; break;
		case 'j': ctl.json = 1; break;
		default: bad = 1;
		}
	}
	if (bad || optind != argc) {
		json_decref(req);
		return ctl_usage(&cmd_follow_entry);
	}
	show_init(&s);
	return follow(req, &s);
}

const struct feedctl_cmd cmd_new_entry = {
	"new", "[--json] [--cursor NAME] [--peek] [--limit N] [--all-copies]",
	"Show the stories that arrived since the last look.\n"
	"Oldest first, then the cursor (\"default\", or NAME) moves past them;\n"
	"--peek leaves it where it is, and so does a failed write (a full disk, a\n"
	"reader gone).  Each story shows its title, then its id, feed,\n"
	"age and link, and the other feeds that carried it (\"also in\");\n"
	"--all-copies lists each copy.  --json prints each item as the daemon\n"
	"sends it, one per line, and with --all-copies each copy as\n"
	"{\"id\",\"feed\",\"link\",\"copy_of\"}.",
	run_new,
};

const struct feedctl_cmd cmd_items_entry = {
	"items", "[--json] [--feed FEED] [--since DATE] [--unread] [--starred] "
	    "[--search QUERY] [--limit N] [--all-copies]",
	"List stored items, newest first, a story once (as for `feedctl new`).\n"
	"At most 100 unless --limit says otherwise.\n"
	"  --feed FEED     only this feed (its id or URL)\n"
	"  --since DATE    first seen since DATE (2024-05-01T08:00:00Z) or\n"
	"                  within a duration (2h, 3d)\n"
	"  --unread        only unread items;  --starred: only starred ones\n"
	"  --search QUERY  full-text search of titles and text (SQLite FTS5)\n"
	"Output as for `feedctl new`.",
	run_items,
};

const struct feedctl_cmd cmd_follow_entry = {
	"follow", "[--json] [--cursor NAME] [--all-copies]",
	"Print new stories as they arrive, until interrupted.\n"
	"First those after the cursor, then each new story as it is stored;\n"
	"the cursor follows along (back to the last story written when the output\n"
	"fails or on SIGINT).  An updated story is shown again, marked (updated), with\n"
	"\"update\":true in --json.  When feedd restarts, follow waits for it and\n"
	"goes on where it was; when feedd drops it as too slow (a burst not read\n"
	"in time), it says so and goes on from the last story written.",
	run_follow,
};
