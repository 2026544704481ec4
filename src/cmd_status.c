/* feedctl status, ping, cursor: the daemon's state. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "feedctl.h"

static const struct option json_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 },
};

/* Only --json; returns the index of the first operand, or -1. */
static int
json_only(int argc, char **argv)
{
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j", json_opts, NULL)) != -1) {
		if (c != 'j')
			return -1;
		ctl.json = 1;
	}
	return optind;
}

/* "3d 4h", "2h 5m", "12m", "40s". */
static void
uptime_text(int64_t s, char *buf, size_t len)
{
	if (s >= 86400)
		snprintf(buf, len, "%lldd %lldh", (long long)(s / 86400),
		    (long long)(s % 86400 / 3600));
	else if (s >= 3600)
		snprintf(buf, len, "%lldh %lldm", (long long)(s / 3600),
		    (long long)(s % 3600 / 60));
	else
		ctl_span(s, buf, len);
}

static void
size_text(int64_t n, char *buf, size_t len)
{
	if (n < 0)
		snprintf(buf, len, "?");
	else if (n < 1024)
		snprintf(buf, len, "%lld bytes", (long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, "%.1f KiB", n / 1024.0);
	else if (n < 1024LL * 1024 * 1024)
		snprintf(buf, len, "%.1f MiB", n / (1024.0 * 1024));
	else
		snprintf(buf, len, "%.1f GiB", n / (1024.0 * 1024 * 1024));
}

static void
print_status(json_t *r)
{
	const char *v = ctl_jstr(r, "version"), *se = ctl_jstr(r, "store_error");
	char up[32], db[32];

	uptime_text(ctl_jint(r, "uptime", 0), up, sizeof(up));
	size_text(ctl_jint(r, "db_bytes", -1), db, sizeof(db));
	fputs("feedd ", stdout);
	ctl_print_safe(stdout, v ? v : "?", 0);
	printf(" (protocol %lld), up %s\n", (long long)ctl_jint(r, "protocol",
	    0), up);
	printf("feeds:     %lld, %lld due, %lld in error, %lld failing\n",
	    (long long)ctl_jint(r, "feeds", 0),
	    (long long)ctl_jint(r, "due", 0),
	    (long long)ctl_jint(r, "in_error", 0),
	    (long long)ctl_jint(r, "failing", 0));
	if (ctl_jint(r, "notes", 0) > 0)
		printf("notes:     %lld feed%s with a note (feedctl feeds)\n",
		    (long long)ctl_jint(r, "notes", 0),
		    ctl_jint(r, "notes", 0) == 1 ? "" : "s");
	/* "queue": the feeds waiting for their next poll, due or not. */
	printf("fetching:  %lld in flight, %lld feeds scheduled\n",
	    (long long)ctl_jint(r, "in_flight", 0),
	    (long long)ctl_jint(r, "queue", 0));
	printf("items:     %lld in %lld stories\n",
	    (long long)ctl_jint(r, "items", 0),
	    (long long)ctl_jint(r, "stories", 0));
	if (json_object_get(r, "polls"))
		printf("polls:     %lld since start, %lld failed\n",
		    (long long)ctl_jint(r, "polls", 0),
		    (long long)ctl_jint(r, "errors", 0));
	printf("database:  %s\n", db);
	if (se && *se) {
		fputs("store error: ", stdout);
		ctl_print_safe(stdout, se, 0);
		putchar('\n');
	}
}

static int
run_status(int argc, char **argv)
{
	static const char *const keys[] = { "version", "uptime", "feeds",
	    "items", "stories", "due", "in_flight", "in_error", "failing",
	    "notes", "db_bytes" };
	json_t *r, *out;
	size_t i;
	int rc;

	if (json_only(argc, argv) != argc)
		return ctl_usage(&cmd_status_entry);
	if ((r = client_once("status", NULL, &rc)) == NULL)
		return rc;
	if (ctl.json) {
		out = json_object();
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			json_t *v = json_object_get(r, keys[i]);
			json_object_set(out, keys[i], v ? v : json_null());
		}
		/* Why the store failed last (a full disk, a read-only
		 * database), or null. */
		json_object_set(out, "error", json_object_get(r, "store_error") ?
		    json_object_get(r, "store_error") : json_null());
		ctl_json_print(out);
		json_decref(out);
	} else
		print_status(r);
	json_decref(r);
	return EXIT_OK;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
run_ping(int argc, char **argv)
{
	struct client *c;
	json_t *hello, *r;
	double t0, ms;
	int rc;

	if (json_only(argc, argv) != argc)
		return ctl_usage(&cmd_ping_entry);
	if ((c = client_connect(&rc)) == NULL)
		return rc;
	if ((hello = client_call(c, "hello", NULL, &rc)) == NULL) {
		client_close(c);
		return rc;
	}
	/* The round trip of a request that does nothing. */
	t0 = now_ms();
	r = client_call(c, "ping", NULL, &rc);
	ms = now_ms() - t0;
	client_close(c);
	if (r && ctl.json) {
		json_t *o = json_pack("{s:O,s:f}", "version",
		    json_object_get(hello, "version") ?
		    json_object_get(hello, "version") : json_null(), "ms", ms);
		ctl_json_print(o);
		json_decref(o);
	} else if (r) {
		fputs("feedd ", stdout);
		ctl_print_safe(stdout, ctl_jstr(hello, "version") ?
		    ctl_jstr(hello, "version") : "?", 0);
		printf(", %.0f ms\n", ms < 1 && ms > 0 ? 1 : ms);
	}
	json_decref(hello);
	json_decref(r);
	return rc;
}

/* The cursor request from "NAME [get|set SEQ|reset]"; NULL when the
 * words make no sense. */
static json_t *
cursor_request(int argc, char **argv)
{
	const char *action = argc > 1 ? argv[1] : "get";
	long long seq = 0;

	if (strcmp(action, "set") == 0) {
		if (argc != 3)
			return NULL;
		if ((seq = ctl_parse_count(argv[2])) < 0) {
			ctl_err("cursor %s set: \"%s\" is not a story number "
			    "(the number after # in `feedctl new`, or 0)",
			    argv[0], argv[2]);
			return NULL;
		}
		return json_pack("{s:s,s:s,s:I}", "name", argv[0],
		    "action", "set", "seq", (json_int_t)seq);
	}
	if ((strcmp(action, "get") != 0 && strcmp(action, "reset") != 0) ||
	    argc > 2)
		return NULL;
	return json_pack("{s:s,s:s}", "name", argv[0], "action", action);
}

static int
run_cursor(int argc, char **argv)
{
	json_t *req, *r;
	int i, rc;

	if ((i = json_only(argc, argv)) == -1 || i >= argc || *argv[i] == '\0')
		return ctl_usage(&cmd_cursor_entry);
	if ((req = cursor_request(argc - i, argv + i)) == NULL)
		return ctl_usage(&cmd_cursor_entry);
	if ((r = client_once("cursor", req, &rc)) == NULL)
		return rc;
	if (ctl.json) {
		json_t *o = json_pack("{s:O,s:O}",
		    "name", json_object_get(r, "name") ?
		    json_object_get(r, "name") : json_null(),
		    "seq", json_object_get(r, "seq") ?
		    json_object_get(r, "seq") : json_null());
		ctl_json_print(o);
		json_decref(o);
	} else {
		ctl_print_safe(stdout, ctl_jstr(r, "name") ?
		    ctl_jstr(r, "name") : argv[i], 0);
		printf(" %lld\n", (long long)ctl_jint(r, "seq", 0));
	}
	json_decref(r);
	return EXIT_OK;
}

const struct feedctl_cmd cmd_status_entry = {
	"status", "[--json]",
	"Show the daemon's state.\n"
	"Feeds, items, polls in flight and queued, the database's size.\n"
	"A feed is in error when its last poll failed (`feedctl feeds` shows\n"
	"why), failing when failing_after polls in a row did (feedd.conf);\n"
	"notes counts the feeds with a note for you (`feedctl feeds`).\n"
	"--json prints {\"version\",\"uptime\",\"feeds\",\"items\",\"stories\","
	"\"due\",\n\"in_flight\",\"in_error\",\"failing\",\"notes\",\"db_bytes\","
	"\"error\"};\nerror is null unless the database failed (a full disk, a "
	"read-only database).",
	run_status,
};

const struct feedctl_cmd cmd_ping_entry = {
	"ping", "[--json]",
	"Check that the daemon answers.\n"
	"Prints \"feedd VERSION, N ms\" (the round trip of one request).\n"
	"Exits 3 when no daemon listens on the socket.",
	run_ping,
};

const struct feedctl_cmd cmd_cursor_entry = {
	"cursor", "[--json] NAME [get | set SEQ | reset]",
	"Show or move a named cursor.\n"
	"A cursor is the point up to which `feedctl new` has shown items.  set moves it to item SEQ; reset moves it back to\n"
	"the start, so that everything is new again.  Prints \"NAME SEQ\".",
	run_cursor,
};
