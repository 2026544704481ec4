/* feedctl read, unread, star, unstar: flags on items. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "feedctl.h"

/* The "missing" ids as "feedctl: no such item: 4, 7". */
static int
report_missing(json_t *missing)
{
	size_t i;
	json_t *v;

	if (json_array_size(missing) == 0)
		return EXIT_OK;
	fflush(stdout);
	fprintf(stderr, "feedctl: no such item%s: ",
	    json_array_size(missing) == 1 ? "" : "s");
	json_array_foreach(missing, i, v)
		fprintf(stderr, "%s%lld", i ? ", " : "",
		    (long long)json_integer_value(v));
	fputc('\n', stderr);
	return EXIT_ERROR;
}

static int
mark(const struct feedctl_cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	json_t *ids, *r, *req;
	long long id;
	int c, i, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c != 'j')
			return ctl_usage(self);
		ctl.json = 1;
	}
	if (optind >= argc)
		return ctl_usage(self);
	ids = json_array();
	for (i = optind; i < argc; i++) {
		if ((id = ctl_parse_count(argv[i])) <= 0) {
			ctl_err("not an item id: %s", argv[i]);
			json_decref(ids);
			return EXIT_USAGE;
		}
		json_array_append_new(ids, json_integer(id));
	}
	req = json_pack("{s:o,s:s}", "items", ids, "flag", self->name);
	if ((r = client_once("mark", req, &rc)) == NULL)
		return rc;
	if (ctl.json) {
		json_t *o = json_pack("{s:I,s:O}", "changed",
		    (json_int_t)ctl_jint(r, "changed", 0), "missing",
		    json_is_array(json_object_get(r, "missing")) ?
		    json_object_get(r, "missing") : json_array());
		ctl_json_print(o);
		json_decref(o);
	}
	rc = report_missing(json_object_get(r, "missing"));
	json_decref(r);
	return rc;
}

static int
run_read(int argc, char **argv)
{
	return mark(&cmd_read_entry, argc, argv);
}

static int
run_unread(int argc, char **argv)
{
	return mark(&cmd_unread_entry, argc, argv);
}

static int
run_star(int argc, char **argv)
{
	return mark(&cmd_star_entry, argc, argv);
}

static int
run_unstar(int argc, char **argv)
{
	return mark(&cmd_unstar_entry, argc, argv);
}

const struct feedctl_cmd cmd_read_entry = {
	"read", "[--json] ITEM...",
	"Mark items read, with their copies in other feeds (the same story).\n"
	"ITEM is the number after # in `feedctl items`.  Exits 1 when an item\n"
	"does not exist; the others are marked all the same.",
	run_read,
};

const struct feedctl_cmd cmd_unread_entry = {
	"unread", "[--json] ITEM...",
	"Mark items unread, with their copies in other feeds.",
	run_unread,
};

const struct feedctl_cmd cmd_star_entry = {
	"star", "[--json] ITEM...",
	"Star items.\n"
	"Starred items are kept past the retention limits.",
	run_star,
};

const struct feedctl_cmd cmd_unstar_entry = {
	"unstar", "[--json] ITEM...",
	"Remove the star from items.",
	run_unstar,
};
