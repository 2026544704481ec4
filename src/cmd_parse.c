/* feedctl parse: reads one document as if it had been fetched. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedctl.h"
#include "feedd/date.h"
#include "feedd/feedjson.h"
#include "feedd/parse.h"

struct parse_out {
	int	 json;
	json_t	*items;
	size_t	 n;
};

static void
print_item(const struct feed_item *it, size_t n)
{
	char d[32];

	printf("%4zu. ", n);
	ctl_print_safe(stdout, it->title ? it->title : "(untitled)", 0);
	putchar('\n');
	if (it->link) {
		fputs("      ", stdout);
		ctl_print_safe(stdout, it->link, 0);
		putchar('\n');
	}
	if (it->published != FEED_NO_DATE || it->updated != FEED_NO_DATE) {
		date_format(it->published != FEED_NO_DATE ? it->published :
		    it->updated, d, sizeof(d));
		printf("      %s", d);
		if (it->author) {
			fputs("  ", stdout);
			ctl_print_safe(stdout, it->author, 0);
		}
		putchar('\n');
	}
	if (it->n_enclosures) {
		fputs("      enclosure: ", stdout);
		ctl_print_safe(stdout, it->enclosures[0].url, 0);
		putchar('\n');
	}
}

static void
on_item(void *arg, struct feed_item *it)
{
	struct parse_out *o = arg;

	o->n++;
	if (o->json)
		json_array_append_new(o->items, feedjson_item(it));
	else
		print_item(it, o->n);
}

static int
feed_file(struct feed_parser *p, FILE *f)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (feed_parser_push(p, buf, n) == -1)
			return 0;	/* the reason comes from finish */
	return ferror(f) ? -1 : 0;
}

static void
print_json(struct feed_parser *p, struct parse_out *o)
{
	const struct feed_info *fi = feed_parser_info(p);
	json_t *doc, *warn = json_array();
	size_t i;

	for (i = 0; i < feed_parser_warning_count(p); i++)
		json_array_append_new(warn,
		    feedjson_str(feed_parser_warning(p, i)));
	doc = json_pack("{s:s,s:o,s:o,s:O}",
	    "format", feed_format_name(fi->format),
	    "feed", feedjson_info(fi),
	    "warnings", warn,
	    "items", o->items);
	json_dumpf(doc, stdout, JSON_COMPACT | JSON_ENSURE_ASCII);
	putchar('\n');
	json_decref(doc);
}

static void
print_summary(struct feed_parser *p, const struct parse_out *o)
{
	const struct feed_info *fi = feed_parser_info(p);
	size_t i;

	printf("\n");
	ctl_print_safe(stdout, fi->title ? fi->title : "(untitled feed)", 0);
	printf(" [%s], %zu item%s", feed_format_name(fi->format), o->n,
	    o->n == 1 ? "" : "s");
	if (fi->link) {
		fputs(", ", stdout);
		ctl_print_safe(stdout, fi->link, 0);
	}
	putchar('\n');
	for (i = 0; i < feed_parser_warning_count(p); i++) {
		fputs("warning: ", stdout);
		ctl_print_safe(stdout, feed_parser_warning(p, i), 0);
		putchar('\n');
	}
}

static int
run_parse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "base", required_argument, NULL, 'b' },
		{ "content-type", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct parse_out o = { 0 };
	const char *base = NULL, *ctype = NULL, *path;
	struct feed_parser *p;
	FILE *f;
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jb:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'j': o.json = 1; break;
		case 'b': base = optarg; break;
		case 't': ctype = optarg; break;
		default: return ctl_usage(&cmd_parse_entry);
		}
	}
	if (optind != argc - 1)
		return ctl_usage(&cmd_parse_entry);
	path = argv[optind];
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		ctl_err("%s: %s", path, strerror(errno));
		return EXIT_ERROR;
	}
	o.items = json_array();
	p = feed_parser_new(base, ctype, on_item, &o);
	if (p == NULL || o.items == NULL) {
		ctl_err("out of memory");
		return EXIT_ERROR;
	}
	if (feed_file(p, f) == -1) {
		ctl_err("%s: %s", path, strerror(errno));
		rc = EXIT_ERROR;
	} else if (feed_parser_finish(p) == -1) {
		ctl_err("%s: not a feed: %s", path, feed_parser_error(p));
		rc = EXIT_ERROR;
	} else if (o.json)
		print_json(p, &o);
	else
		print_summary(p, &o);
	if (f != stdin)
		fclose(f);
	feed_parser_free(p);
	json_decref(o.items);
	return rc;
}

const struct feedctl_cmd cmd_parse_entry = {
	"parse", "[--json] [--base URL] [--content-type TYPE] FILE|-",
	"Parse a feed document (RSS, Atom, JSON Feed) without the daemon, as if\n"
	"it had been served from URL with that Content-Type, and print its items.",
	run_parse,
};
