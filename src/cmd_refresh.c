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

struct progress {
	int		 tty;		/* stderr is a terminal: one line */
	int		 width;		/* of that terminal */
	int		 shown;		/* the progress line is on screen */
	const char	*one;		/* the FEED asked for, when only one */
	int		 said_limit;
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

static int
on_event(void *arg, json_t *ev)
{
	struct progress *p = arg;
	const char *name = ctl_jstr(ev, "event");
	const char *url = ctl_jstr(ev, "url"), *err = ctl_jstr(ev, "error");
	char head[48];
	int w;

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
		json_t *o = json_pack("{s:O,s:I,s:O}", "queued", q ? q :
		    json_null(), "off", (json_int_t)ctl_jint(r, "off", 0),
		    "not_before", json_object_get(r,
		    "not_before") ? json_object_get(r, "not_before") :
		    json_null());
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
	/* The daemon may say it in the answer rather than in an event. */
	say_limited(p, ctl_jstr(r, "not_before"));
	say_off(p, ctl_jint(r, "off", 0));
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
	"\"new_stories\"}.\nA feed whose server asked for a pause "
	"(Retry-After) is not polled early.",
	run_refresh,
};
