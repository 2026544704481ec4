/* feedctl set: rename a feed, or change how often it is polled. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "feedctl.h"
#include "feedd/config.h"

/* "feed 3: Debian News, polled every 2h". */
static void
print_set(json_t *f, int own_title)
{
	const char *title = ctl_jstr(f, "title");
	char note[160];

	printf("feed %lld: ", (long long)ctl_jint(f, "id", 0));
	if (own_title)
		fputs("its own title from its next poll", stdout);
	else
		ctl_print_safe(stdout, title ? title : ctl_jstr(f, "url"), 0);
	ctl_interval_note(f, note, sizeof(note));
	printf(", %s\n", note);
}

static int
run_set(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "interval", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	json_t *req, *r;
	const char *title = NULL;
	int64_t iv = -1;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "t:i:j", opts, NULL)) != -1) {
		switch (c) {
		case 't': title = optarg; break;
		case 'i':
			/* 0 is the default; "default" says so in words. */
			iv = strcmp(optarg, "default") == 0 ? 0 :
			    config_parse_duration(optarg);
			if (iv < 0) {
				ctl_err("not a duration: %s (say 30m, 2h, 1d, "
				    "or default)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'j': ctl.json = 1; break;
		default: return ctl_usage(&cmd_set_entry);
		}
	}
	if (optind != argc - 1 || *argv[optind] == '\0' ||
	    (title == NULL && iv < 0))
		return ctl_usage(&cmd_set_entry);
	req = json_pack("{s:o}", "feed", ctl_feedref(argv[optind]));
	if (title != NULL &&
	    json_object_set_new(req, "title", json_string(title)) != 0) {
		json_decref(req);
		ctl_err("the title is not UTF-8 text");
		return EXIT_USAGE;
	}
	if (iv >= 0)
		json_object_set_new(req, "interval", json_integer(iv));
	if ((r = client_once("set", req, &rc)) == NULL)
		return rc;
	if (ctl.json)
		ctl_json_print(json_object_get(r, "feed"));
	else
		print_set(json_object_get(r, "feed"), title && *title == '\0');
	json_decref(r);
	return EXIT_OK;
}

const struct feedctl_cmd cmd_set_entry = {
	"set", "[--json] [--title T] [--interval D] FEED",
	"Rename a feed, or change how often it is polled, keeping its items.\n"
	"  --title T       the title to show instead of the feed's own;\n"
	"                  --title '' gives it its own title back\n"
	"  --interval D    poll every D (90s, 30m, 2h, 1d); 0 or default:\n"
	"                  the configured interval.  A feed waiting for its\n"
	"                  next poll is then due its last poll plus D.\n"
	"FEED is the feed's id or its URL.",
	run_set,
};
