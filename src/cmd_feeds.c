/* feedctl feeds, remove, enable, disable: the subscriptions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "feedctl.h"

/* The fixed columns: widths of ID, UNREAD/ITEMS, STATUS, NEXT. */
struct cols {
	int	 id, counts, status, next, title;
};

/* One feed's cells, as printed. */
struct row {
	char	 id[24], counts[48], status[24], next[32];
	char	 mark;
	const char *title;
};

static void
fill_row(json_t *f, struct row *r, time_t now)
{
	int64_t next = ctl_time(ctl_jstr(f, "next_poll"));
	int64_t st = ctl_jint(f, "last_status", 0);
	int gone = json_is_true(json_object_get(f, "gone"));
	int off = json_is_false(json_object_get(f, "enabled"));
	const char *err = ctl_jstr(f, "error");

	snprintf(r->id, sizeof(r->id), "%lld", (long long)ctl_jint(f, "id", 0));
	snprintf(r->counts, sizeof(r->counts), "%lld/%lld",
	    (long long)ctl_jint(f, "unread", 0),
	    (long long)ctl_jint(f, "items", 0));
	if (gone)
		snprintf(r->status, sizeof(r->status), "gone");
	else if (off)
		snprintf(r->status, sizeof(r->status), "off");
	else if (st > 0)
		snprintf(r->status, sizeof(r->status), "%lld", (long long)st);
	else
		snprintf(r->status, sizeof(r->status), err ? "error" : "-");
	if (gone || off || next == -1)
		snprintf(r->next, sizeof(r->next), "-");
	else if (next <= now)
		snprintf(r->next, sizeof(r->next), "due");
	else {
		char s[16];
		ctl_span(next - now, s, sizeof(s));
		snprintf(r->next, sizeof(r->next), "in %s", s);
	}
	r->mark = err && *err ? '!' : ctl_jstr(f, "note") ? '*' : ' ';
	r->title = ctl_jstr(f, "title");
	if (r->title == NULL || *r->title == '\0')
		r->title = ctl_jstr(f, "url") ? ctl_jstr(f, "url") : "";
}

static int
max(int a, int b)
{
	return a > b ? a : b;
}

/* Column widths for these rows; the title takes what the terminal has
 * left, or all it needs when the output is not a terminal. */
static void
size_cols(const struct row *rows, size_t n, int width, struct cols *c)
{
	size_t i;
	int fixed;

	c->id = 2, c->counts = 12, c->status = 6, c->next = 4, c->title = 5;
	for (i = 0; i < n; i++) {
		c->id = max(c->id, (int)strlen(rows[i].id));
		c->counts = max(c->counts, (int)strlen(rows[i].counts));
		c->status = max(c->status, (int)strlen(rows[i].status));
		c->next = max(c->next, (int)strlen(rows[i].next));
		c->title = max(c->title, ctl_text_width(rows[i].title));
	}
	/* id, mark, title, then two spaces before each later column. */
	fixed = c->id + 1 + 2 + c->counts + 2 + c->status + 2 + c->next;
	if (width > 0 && fixed + c->title > width)
		c->title = max(10, width - fixed);
}

static void
print_row(const struct row *r, const struct cols *c)
{
	int w;

	printf("%*s%c", c->id, r->id, r->mark);
	w = ctl_print_safe(stdout, r->title, c->title);
	ctl_pad(stdout, c->title - w);
	printf("  %*s  %-*s  %s\n", c->counts, r->counts, c->status,
	    r->status, r->next);
}

/* "! 12: connection refused" for each failing feed, then "* 12: ..."
 * for each feed with a note (a move to a feed subscribed already). */
static void
print_errors(json_t *feeds, int width)
{
	static const struct { const char *key; char mark; } kinds[] = {
		{ "error", '!' }, { "note", '*' },
	};
	char head[32];
	json_t *f;
	size_t i, k;
	int w;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		json_array_foreach(feeds, i, f) {
			const char *e = ctl_jstr(f, kinds[k].key);
			if (e == NULL || *e == '\0')
				continue;
			w = snprintf(head, sizeof(head), "%c %lld: ",
			    kinds[k].mark, (long long)ctl_jint(f, "id", 0));
			fputs(head, stdout);
			ctl_print_safe(stdout, e, width > w ? width - w : 0);
			putchar('\n');
		}
}

static void
print_table(json_t *feeds)
{
	size_t i, n = json_array_size(feeds);
	struct row *rows;
	struct cols c;
	int width = ctl_term_width();
	time_t now = time(NULL);

	if (n == 0) {
		printf("no feeds; add one with `feedctl add URL`\n");
		return;
	}
	if ((rows = calloc(n, sizeof(*rows))) == NULL) {
		ctl_err("out of memory");
		return;
	}
	for (i = 0; i < n; i++)
		fill_row(json_array_get(feeds, i), &rows[i], now);
	size_cols(rows, n, width, &c);
	printf("%*s %-*s  %*s  %-*s  %s\n", c.id, "ID", c.title, "TITLE",
	    c.counts, "UNREAD/ITEMS", c.status, "STATUS", "NEXT");
	for (i = 0; i < n; i++)
		print_row(&rows[i], &c);
	print_errors(feeds, width);
	free(rows);
}

static int
json_flag(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c != 'j')
			return -1;
		ctl.json = 1;
	}
	return optind;
}

static int
run_feeds(int argc, char **argv)
{
	json_t *r, *feeds, *f;
	size_t i;
	int rc;

	if (json_flag(argc, argv) != argc)
		return ctl_usage(&cmd_feeds_entry);
	if ((r = client_once("feeds", NULL, &rc)) == NULL)
		return rc;
	feeds = json_object_get(r, "feeds");
	if (!json_is_array(feeds)) {
		ctl_err("feedd sent no feed list");
		json_decref(r);
		return EXIT_ERROR;
	}
	if (ctl.json)
		json_array_foreach(feeds, i, f)
			ctl_json_print(f);
	else
		print_table(feeds);
	json_decref(r);
	return EXIT_OK;
}

static int
run_remove(int argc, char **argv)
{
	json_t *r;
	int i, rc;

	if ((i = json_flag(argc, argv)) != argc - 1 || *argv[i] == '\0')
		return ctl_usage(&cmd_remove_entry);
	r = client_once("remove", json_pack("{s:o}", "feed",
	    ctl_feedref(argv[i])), &rc);
	if (r == NULL)
		return rc;
	if (ctl.json) {
		json_t *o = json_pack("{s:o}", "removed", ctl_feedref(argv[i]));
		ctl_json_print(o);
		json_decref(o);
	} else {
		/* As enable and disable say what they did. */
		fputs("removed feed ", stdout);
		ctl_print_safe(stdout, argv[i], 0);
		putchar('\n');
	}
	json_decref(r);
	return EXIT_OK;
}

/* enable, disable: "enabled feed 3: URL". */
static int
set_enabled(const struct feedctl_cmd *self, int argc, char **argv)
{
	json_t *r, *f;
	int i, rc;

	if ((i = json_flag(argc, argv)) != argc - 1 || *argv[i] == '\0')
		return ctl_usage(self);
	r = client_once(self->name, json_pack("{s:o}", "feed",
	    ctl_feedref(argv[i])), &rc);
	if (r == NULL)
		return rc;
	f = json_object_get(r, "feed");
	if (ctl.json)
		ctl_json_print(f);
	else
		printf("%sd feed %lld: %s\n", self->name,
		    (long long)ctl_jint(f, "id", 0), ctl_jstr(f, "url") ?
		    ctl_jstr(f, "url") : "");
	json_decref(r);
	return EXIT_OK;
}

static int
run_enable(int argc, char **argv)
{
	return set_enabled(&cmd_enable_entry, argc, argv);
}

static int
run_disable(int argc, char **argv)
{
	return set_enabled(&cmd_disable_entry, argc, argv);
}

const struct feedctl_cmd cmd_feeds_entry = {
	"feeds", "[--json]",
	"List the feeds with their counts and poll state.\n"
	"Columns: id, title, unread/items, the last HTTP status (or gone, off,\n"
	"error), when the next poll is due; a ! marks a feed whose last poll\n"
	"failed, and the errors follow the table; a * one with a note (it\n"
	"moved to a feed subscribed already, its document was cut short),\n"
	"which follows the errors.\n"
	"--json prints each feed as an object on its own line.",
	run_feeds,
};

const struct feedctl_cmd cmd_remove_entry = {
	"remove", "[--json] FEED",
	"Unsubscribe from a feed and delete its items.\n"
	"FEED is the feed's id or its URL.",
	run_remove,
};

const struct feedctl_cmd cmd_enable_entry = {
	"enable", "[--json] FEED",
	"Poll a feed again: one disabled, or gone (HTTP 410).\n"
	"It is polled at once, unless the server asked to wait (Retry-After).\n"
	"FEED is the feed's id or its URL.",
	run_enable,
};

const struct feedctl_cmd cmd_disable_entry = {
	"disable", "[--json] FEED",
	"Stop polling a feed, keeping it and its items.\n"
	"`feedctl enable` polls it again.",
	run_disable,
};
