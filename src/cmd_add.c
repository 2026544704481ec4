/* feedctl add: subscribe to a feed, or to the feed a web page names. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client.h"
#include "feedctl.h"
#include "feedd/config.h"
#include "feedd/discover.h"

struct add_opts {
	const char	*title;
	int64_t		 interval;	/* seconds; 0: the daemon's default */
	int		 list;
	int		 no_discover;
};

/* Returns the index of the URL operand, or -1 for a usage error. */
static int
parse_opts(int argc, char **argv, struct add_opts *o)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "interval", required_argument, NULL, 'i' },
		{ "list", no_argument, NULL, 'l' },
		{ "no-discover", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "t:i:lnj", opts, NULL)) != -1) {
		switch (c) {
		case 't': o->title = optarg; break;
		case 'i':
			if ((o->interval = config_parse_duration(optarg)) <= 0) {
				ctl_err("not a duration: %s (say 30m, 2h, 1d)",
				    optarg);
				return -1;
			}
			break;
		case 'l': o->list = 1; break;
		case 'n': o->no_discover = 1; break;
		case 'j': ctl.json = 1; break;
		default: return -1;
		}
	}
	return optind == argc - 1 && *argv[optind] ? optind : -1;
}

static int
print_list(char **urls, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ctl.json) {
			json_t *o = json_pack("{s:s}", "url", urls[i]);
			ctl_json_print(o);
			json_decref(o);
			continue;
		}
		ctl_print_safe(stdout, urls[i], 0);
		putchar('\n');
	}
	return EXIT_OK;
}

static void
print_added(json_t *r)
{
	json_t *f = json_object_get(r, "feed");
	const char *title = ctl_jstr(f, "title"), *url = ctl_jstr(f, "url");
	char note[160];

	if (json_is_true(json_object_get(r, "added")))
		printf("added feed %lld: ", (long long)ctl_jint(f, "id", 0));
	else
		printf("already subscribed as feed %lld: ",
		    (long long)ctl_jint(f, "id", 0));
	if (title && *title) {
		ctl_print_safe(stdout, title, 0);
		fputs(" <", stdout);
		ctl_print_safe(stdout, url ? url : "", 0);
		fputs(">\n", stdout);
	} else {
		ctl_print_safe(stdout, url ? url : "", 0);
		putchar('\n');
	}
	/* --interval 10s under a min_interval of 5m: say what holds. */
	if (ctl_interval_note(f, note, sizeof(note)))
		printf("  %s\n", note);
}

static int
send_add(const char *url, const struct add_opts *o)
{
	json_t *req, *r;
	int rc;

	req = json_pack("{s:s}", "url", url);
	if (o->title)
		json_object_set_new(req, "title", json_string(o->title));
	if (o->interval)
		json_object_set_new(req, "interval",
		    json_integer(o->interval));
	if ((r = client_once("add", req, &rc)) == NULL)
		return rc;
	if (ctl.json) {
		json_t *out = json_pack("{s:O,s:O}", "added",
		    json_object_get(r, "added") ? json_object_get(r, "added") :
		    json_false(), "feed", json_object_get(r, "feed") ?
		    json_object_get(r, "feed") : json_null());
		ctl_json_print(out);
		json_decref(out);
	} else
		print_added(r);
	/* add does not change a subscription: say what does. */
	if (!json_is_true(json_object_get(r, "added")) &&
	    (o->title || o->interval))
		ctl_err("--title and --interval left feed %lld as it was; "
		    "`feedctl set %lld` changes them",
		    (long long)ctl_jint(json_object_get(r, "feed"), "id", 0),
		    (long long)ctl_jint(json_object_get(r, "feed"), "id", 0));
	json_decref(r);
	return EXIT_OK;
}

/* "found feed X on page Y", and how to see the others. */
static void
say_found(const char *feed, const char *page, size_t n)
{
	if (ctl.json)
		return;
	fputs("found feed ", stdout);
	ctl_print_safe(stdout, feed, 0);
	fputs(" on page ", stdout);
	ctl_print_safe(stdout, page, 0);
	putchar('\n');
	if (n > 1)
		printf("(the page names %zu feeds: `feedctl add --list URL` "
		    "shows them)\n", n);
}

static void
say_discover_error(const char *err)
{
	fflush(stdout);
	fputs("feedctl: ", stderr);
	ctl_print_safe(stderr, err, 0);
	fputs(" (--no-discover adds a URL unchecked)\n", stderr);
}

static int
add(const char *url, const struct add_opts *o)
{
	char err[4096], **urls, *feed;
	size_t n;
	int r, rc;

	if (o->no_discover)
		return o->list ? print_list((char **)&url, 1) :
		    send_add(url, o);
	if (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0) {
		ctl_err("not an http or https URL: %s", url);
		return EXIT_ERROR;
	}
	if (o->list) {
		if (discover_feeds(url, &urls, &n, err, sizeof(err)) == -1) {
			say_discover_error(err);
			return EXIT_ERROR;
		}
		rc = print_list(urls, n);
		discover_free(urls, n);
		return rc;
	}
	/* The first feed of the page that works, not merely the first it
	 * names: a stale <link> to a 404 is common. */
	if ((r = discover_feed(url, &feed, &n, err, sizeof(err))) == -1) {
		say_discover_error(err);
		return EXIT_ERROR;
	}
	if (r == DISCOVER_ON_PAGE)
		say_found(feed, url, n);
	rc = send_add(feed, o);
	free(feed);
	return rc;
}

static int
run_add(int argc, char **argv)
{
	struct add_opts o = { NULL, 0, 0, 0 };
	char *url;
	int i, rc, https;

	if ((i = parse_opts(argc, argv, &o)) == -1)
		return ctl_usage(&cmd_add_entry);
	if ((url = ctl_feed_url(argv[i], &https)) == NULL) {
		ctl_err("out of memory");
		return EXIT_ERROR;
	}
	/* Feeds are fetched over http or https only; say so before
	 * anything else. */
	if (ctl_other_scheme(url)) {
		ctl_err("%s: not an http or https URL", url);
		free(url);
		return EXIT_ERROR;
	}
	rc = add(url, &o);
	free(url);
	return rc;
}

const struct feedctl_cmd cmd_add_entry = {
	"add", "[--json] [--title T] [--interval 2h] [--list] [--no-discover] "
	    "URL",
	"Subscribe to a feed, or to the feed a web page names.\n"
	"URL may be a web page: feedctl fetches it and subscribes to the first\n"
	"feed it names in <link rel=\"alternate\"> that answers as a feed (or\n"
	"else found at /feed, /rss, /rss.xml, /atom.xml, /feed.xml, /index.xml,\n"
	"/feed.json), saying which; when none does, it says what each gave.\n"
	"A feed's own URL is sent unchanged; one without a scheme gets https://;\n"
	"feed://, feed:URL, itpc://, pcast:// and podcast:// are read as http.\n"
	"  --title T       the title to show instead of the feed's own\n"
	"  --interval D    poll every D (90s, 30m, 2h, 1d) instead of the default\n"
	"  --list          print the feeds found, one per line; add nothing\n"
	"  --no-discover   send URL to the daemon as it is, without fetching it",
	run_add,
};
