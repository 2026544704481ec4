/* feedctl refresh: poll feeds now, and optionally watch them finish. */
#include <sys/ioctl.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "feedctl.h"

#define HELD_SHOWN	10	/* feeds not polled named one a line */
#define NAME_COLS	60	/* of a feed's title or URL in such a line */

struct progress {
	int		 tty;		/* stderr is a terminal: one line */
	int		 width;		/* of that terminal */
	int		 shown;		/* the progress line is on screen */
	const char	*one;		/* the FEED asked for, when only one */
	int		 said_limit;
	int		 said_held;	/* the daemon's list of them */
};

static void
clear_line(struct progress *p)
{
	if (p->tty && p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}

/* "FEED: rate-limited by the server; next poll at TIME". */
static void
say_limited(struct progress *p, const char *when)
{
	FILE *f = ctl.json ? stderr : stdout;
	int64_t t = ctl_time(when);
	char local[64], rel[16];

	if (t == -1 || p->said_limit)
		return;
	p->said_limit = 1;
	clear_line(p);
	ctl_localtime(t, local, sizeof(local));
	ctl_span(t - time(NULL), rel, sizeof(rel));
	if (p->one) {
		ctl_print_safe(f, p->one, 0);
		fputs(": rate-limited", f);
	} else
		fputs("some feeds are rate-limited", f);
	fprintf(f, " by the server; next poll at %s (in %s)\n", local, rel);
	fflush(f);
}

/* "feed 12 (Title)", as `feedctl feeds` names it (its URL when it has
 * no title); the one feed asked for as the user named it. */
static void
name_feed(FILE *f, struct progress *p, json_t *h)
{
	const char *t = ctl_jstr(h, "title");

	if (p->one) {
		ctl_print_safe(f, p->one, 0);
		return;
	}
	if (t == NULL || *t == '\0')
		t = ctl_jstr(h, "url");
	fprintf(f, "feed %lld (", (long long)ctl_jint(h, "id", 0));
	ctl_print_safe(f, t ? t : "", NAME_COLS);
	fputc(')', f);
}

static void
say_one_held(FILE *f, struct progress *p, json_t *h)
{
	const char *why = ctl_jstr(h, "reason");
	int64_t t = ctl_time(ctl_jstr(h, "not_before"));
	long long id = (long long)ctl_jint(h, "id", 0);
	char local[64], rel[16];

	name_feed(f, p, h);
	if (why && strcmp(why, "rate_limited") == 0) {
		fputs(": rate-limited by the server", f);
		if (t != -1) {
			ctl_localtime(t, local, sizeof(local));
			ctl_span(t - time(NULL), rel, sizeof(rel));
			fprintf(f, "; next poll at %s (in %s)", local, rel);
		}
		fputc('\n', f);
	} else if (why && strcmp(why, "gone") == 0)
		fprintf(f, ": gone (HTTP 410), not polled (`feedctl enable "
		    "%lld` polls it again)\n", id);
	else if (why && strcmp(why, "disabled") == 0)
		fprintf(f, ": disabled, not polled (`feedctl enable %lld` "
		    "polls it again)\n", id);
	else
		fputs(": not polled\n", f);
}

/* The daemon's list of the feeds not polled: "FEED: why", the first
 * HELD_SHOWN of them, then how many more. */
static void
say_held(struct progress *p, json_t *msg)
{
	FILE *f = ctl.json ? stderr : stdout;
	json_t *held = json_object_get(msg, "held"), *h;
	int64_t limited = ctl_jint(msg, "limited", 0);
	int64_t off = ctl_jint(msg, "off", 0), t;
	int64_t n_lim = 0, n_off = 0;
	const char *why;
	char local[64];
	size_t i;

	p->said_held = p->said_limit = 1;
	clear_line(p);
	json_array_foreach(held, i, h) {
		if (i == HELD_SHOWN)
			break;
		say_one_held(f, p, h);
		why = ctl_jstr(h, "reason");
		if (why && strcmp(why, "rate_limited") == 0)
			n_lim++;
		else
			n_off++;
	}
	/* The daemon lists a bounded number; it counts them all. */
	limited = limited > n_lim ? limited - n_lim : 0;
	off = off > n_off ? off - n_off : 0;
	if (limited + off > 0) {
		fprintf(f, "and %lld more not polled:", (long long)(limited +
		    off));
		if (limited > 0) {
			fprintf(f, " %lld rate-limited by the server",
			    (long long)limited);
			t = ctl_time(ctl_jstr(msg, "not_before"));
			if (t != -1) {
				ctl_localtime(t, local, sizeof(local));
				fprintf(f, " (until %s at the latest)", local);
			}
		}
		if (off > 0)
			fprintf(f, "%s %lld gone or disabled", limited > 0 ?
			    "," : "", (long long)off);
		fputs("; `feedctl feeds` shows them\n", f);
	}
	fflush(f);
}

static int
on_event(void *arg, json_t *ev)
{
	struct progress *p = arg;
	const char *name = ctl_jstr(ev, "event");
	const char *url = ctl_jstr(ev, "url"), *err = ctl_jstr(ev, "error");
	char head[48];
	int w;

	if (name && strcmp(name, "held") == 0) {
		say_held(p, ev);
		return 0;
	}
	/* What a daemon without "held" says; said already otherwise. */
	if (name && strcmp(name, "not_before") == 0) {
		say_limited(p, ctl_jstr(ev, "not_before"));
		return 0;
	}
	if (name == NULL || strcmp(name, "progress") != 0)
		return 0;
	clear_line(p);
	w = snprintf(head, sizeof(head), "[%lld/%lld] ",
	    (long long)ctl_jint(ev, "done", 0),
	    (long long)ctl_jint(ev, "total", 0));
	fputs(head, stderr);
	if (p->tty && err == NULL) {
		/* The line stays until the next one overwrites it. */
		ctl_print_safe(stderr, url ? url : "",
		    p->width - w > 10 ? p->width - w : 10);
		p->shown = 1;
	} else {
		ctl_print_safe(stderr, url ? url : "", 0);
		fputs(err ? ": " : ": ok", stderr);
		if (err)
			ctl_print_safe(stderr, err, 0);
		fputc('\n', stderr);
	}
	fflush(stderr);
	return 0;
}

/* The answer's key as it came; null when the daemon did not send it. */
static void
copy_key(json_t *o, json_t *r, const char *key)
{
	json_t *v = json_object_get(r, key);

	json_object_set(o, key, v ? v : json_null());
}

static void
print_summary(json_t *r)
{
	static const char *const keys[] = { "feeds", "fetched",
	    "not_modified", "failed", "new_items", "new_stories", "off" };
	json_t *o;
	size_t i;

	if (ctl.json) {
		o = json_object();
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			json_object_set_new(o, keys[i],
			    json_integer(ctl_jint(r, keys[i], 0)));
		copy_key(o, r, "limited");
		copy_key(o, r, "not_before");
		copy_key(o, r, "held");
		ctl_json_print(o);
		json_decref(o);
		return;
	}
	printf("%lld feed%s: %lld fetched, %lld not modified, %lld failed; "
	    "%lld new item%s, %lld new stor%s\n",
	    (long long)ctl_jint(r, "feeds", 0),
	    ctl_jint(r, "feeds", 0) == 1 ? "" : "s",
	    (long long)ctl_jint(r, "fetched", 0),
	    (long long)ctl_jint(r, "not_modified", 0),
	    (long long)ctl_jint(r, "failed", 0),
	    (long long)ctl_jint(r, "new_items", 0),
	    ctl_jint(r, "new_items", 0) == 1 ? "" : "s",
	    (long long)ctl_jint(r, "new_stories", 0),
	    ctl_jint(r, "new_stories", 0) == 1 ? "y" : "ies");
}

static void
print_queued(json_t *r)
{
	json_t *q = json_object_get(r, "queued");

	if (ctl.json) {
		json_t *o = json_object();
		static const char *const keys[] = { "queued", "off", "limited",
		    "not_before", "held" };
		size_t i;

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			copy_key(o, r, keys[i]);
		ctl_json_print(o);
		json_decref(o);
	} else if (json_is_integer(q))
		printf("queued %lld feed%s\n", (long long)json_integer_value(q),
		    json_integer_value(q) == 1 ? "" : "s");
}

/* Feeds asked for that nothing will poll: say why, and how to undo it. */
static void
say_off(struct progress *p, int64_t off)
{
	FILE *f = ctl.json ? stderr : stdout;

	if (off <= 0)
		return;
	if (p->one) {
		ctl_print_safe(f, p->one, 0);
		fputs(": gone or disabled, not polled (`feedctl enable` polls it "
		    "again)\n", f);
	} else
		fprintf(f, "%lld feed%s gone or disabled, not polled (`feedctl "
		    "feeds` shows them as gone or off)\n", (long long)off,
		    off == 1 ? " is" : "s are");
	fflush(f);
}

static int
refresh(struct client *c, json_t *req, int wait, struct progress *p)
{
	json_t *r;
	int64_t id;
	int rc;

	if ((id = client_send(c, "refresh", req)) == -1)
		return EXIT_ERROR;
	r = client_wait(c, id, on_event, p, wait ? 0 : CLIENT_TIMEOUT_MS,
	    &rc);
	clear_line(p);
	if (r == NULL)
		return rc;
	if (wait)
		print_summary(r);
	else
		print_queued(r);
	/* The daemon may say it in the answer rather than in an event;
	 * one without the list says only when, and how many are off. */
	if (!p->said_held && json_is_array(json_object_get(r, "held")))
		say_held(p, r);
	else if (!p->said_held) {
		say_limited(p, ctl_jstr(r, "not_before"));
		say_off(p, ctl_jint(r, "off", 0));
	}
	json_decref(r);
	return EXIT_OK;
}

static int
run_refresh(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "wait", no_argument, NULL, 'w' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct progress p = { 0 };
	struct winsize ws;
	struct client *cl;
	json_t *req, *refs;
	int c, i, wait = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "wj", opts, NULL)) != -1) {
		switch (c) {
		case 'w': wait = 1; break;
		case 'j': ctl.json = 1; break;
		default: return ctl_usage(&cmd_refresh_entry);
		}
	}
	req = json_object();
	if (optind < argc) {
		refs = json_array();
		for (i = optind; i < argc; i++)
			json_array_append_new(refs, ctl_feedref(argv[i]));
		json_object_set_new(req, "feeds", refs);
	}
	if (wait)
		json_object_set_new(req, "wait", json_true());
	p.one = argc - optind == 1 ? argv[optind] : NULL;
	p.tty = isatty(STDERR_FILENO);
	p.width = p.tty && ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0 ? ws.ws_col : 80;
	if ((cl = client_connect(&rc)) == NULL) {
		json_decref(req);
		return rc;
	}
	if (wait)
		client_catch_interrupt();
	rc = refresh(cl, req, wait, &p);
	client_close(cl);
	return rc;
}

const struct feedctl_cmd cmd_refresh_entry = {
	"refresh", "[--json] [--wait] [FEED...]",
	"Poll feeds now instead of at their scheduled time.\n"
	"All of them, or the FEEDs given by id or URL.  With --wait, show each\n"
	"feed as it completes (on stderr) and then the totals; --json prints them as\n"
	"{\"feeds\",\"fetched\",\"not_modified\",\"failed\",\"new_items\","
	"\"new_stories\",...}.\nA feed whose server asked for a pause "
	"(Retry-After) is not polled early, nor\none gone or disabled: each is "
	"named (ten at most), and --json lists them\nin \"held\".",
	run_refresh,
};
