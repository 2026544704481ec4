/* feedctl import, export: OPML subscription lists. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "feedctl.h"
#include "feedd/opml.h"

#define BATCH		500		/* feeds per import request */
#define BATCH_BYTES	(768 << 10)	/* and well under PROTO_LINE_MAX */

struct entry {
	char	*url, *title, *interval;
	int	 enabled, own_title;
	const char	*bad;	/* why the entry is invalid, or NULL */
};

struct entries {
	struct entry	*v;
	size_t		 n, cap;
	size_t		 https;	/* URLs without a scheme, given https:// */
};

struct totals {
	long long	 added, skipped, invalid;
	json_t		*errors;	/* [{url, message}] */
};

/* feedd:enabled or feedd:own-title, an XML Schema boolean as export
 * writes it: 1, 0, def when absent, -1 when neither. */
static int
bool_of(const char *s, int def)
{
	if (s == NULL)
		return def;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		return 1;
	if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		return 0;
	return -1;
}

static int
collect(void *arg, const struct opml_outline *o)
{
	struct entries *e = arg;
	struct entry *nv, *en;
	const char *title = o->title;
	int https;

	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 256;
		if ((nv = realloc(e->v, cap * sizeof(*nv))) == NULL) {
			ctl_err("out of memory");
			return -1;
		}
		e->v = nv;
		e->cap = cap;
	}
	/* Readers write the URL as the title of a feed that has none:
	 * the feed's own comes with its first poll. */
	if (title && strcmp(title, o->url) == 0)
		title = NULL;
	en = &e->v[e->n];
	en->url = ctl_feed_url(o->url, &https);
	e->https += en->url && https;
	en->title = title ? strdup(title) : NULL;
	en->interval = o->interval ? strdup(o->interval) : NULL;
	en->enabled = bool_of(o->enabled, 1);
	en->own_title = bool_of(o->own_title, 0);
	en->bad = en->enabled == -1 ? "bad feedd:enabled (true or false)" :
	    en->own_title == -1 ? "bad feedd:own-title (true or false)" : NULL;
	if (en->url == NULL || (title && en->title == NULL) ||
	    (o->interval && en->interval == NULL)) {
		free(en->url);
		free(en->title);
		free(en->interval);
		ctl_err("out of memory");
		return -1;
	}
	e->n++;
	return 0;
}

static void
entries_free(struct entries *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].url);
		free(e->v[i].title);
		free(e->v[i].interval);
	}
	free(e->v);
}

/* The whole file (or stdin for "-"), at most OPML_MAX_BYTES. */
static char *
slurp(const char *path, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 65536, n = 0;
	char *buf = NULL, *nb;
	ssize_t r;

	if (fd == -1) {
		ctl_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n == cap || buf == NULL) {
			/* One byte past the limit is enough to know. */
			if (buf)
				cap = cap * 2 > OPML_MAX_BYTES + 1 ?
				    OPML_MAX_BYTES + 1 : cap * 2;
			if ((nb = realloc(buf, cap + 1)) == NULL) {
				ctl_err("out of memory");
				break;
			}
			buf = nb;
		}
		if ((r = read(fd, buf + n, cap - n)) == 0) {
			buf[n] = '\0';
			*len = n;
			if (fd != STDIN_FILENO)
				close(fd);
			return buf;
		}
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			ctl_err("%s: %s", path, strerror(errno));
			break;
		}
		if ((n += (size_t)r) > OPML_MAX_BYTES) {
			ctl_err("%s: larger than %d MiB", path,
			    OPML_MAX_BYTES >> 20);
			break;
		}
	}
	free(buf);
	if (fd != STDIN_FILENO)
		close(fd);
	return NULL;
}

/* The bytes an entry may take on the wire: every byte escaped as \uXXXX
 * at worst, and the keys. */
static size_t
wire_size(const struct entry *e)
{
	return 6 * (strlen(e->url) + (e->title ? strlen(e->title) : 0) +
	    (e->interval ? strlen(e->interval) : 0)) + 100;
}

static void
add_invalid(struct totals *t, const char *url, const char *msg)
{
	t->invalid++;
	json_array_append_new(t->errors, json_pack("{s:s,s:s}", "url", url,
	    "message", msg));
}

/* Entries from *i into one request, up to BATCH of them and BATCH_BYTES;
 * those too large to send at all count as invalid here. */
static json_t *
next_batch(const struct entries *e, size_t *i, struct totals *t)
{
	json_t *feeds = json_array(), *f;
	size_t bytes = 0, sz;

	for (; *i < e->n && json_array_size(feeds) < BATCH; (*i)++) {
		const struct entry *en = &e->v[*i];
		if (en->bad) {
			add_invalid(t, en->url, en->bad);
			continue;
		}
		if ((sz = wire_size(en)) > BATCH_BYTES) {
			add_invalid(t, en->url, "too long to send");
			continue;
		}
		if (bytes + sz > BATCH_BYTES)
			break;
		bytes += sz;
		f = json_pack("{s:s}", "url", en->url);
		if (en->title)
			json_object_set_new(f, "title", json_string(en->title));
		if (en->interval)
			json_object_set_new(f, "interval",
			    json_string(en->interval));
		if (!en->enabled)
			json_object_set_new(f, "enabled", json_false());
		/* The feed may change it, as it would have at home. */
		if (en->title && en->own_title)
			json_object_set_new(f, "own_title", json_true());
		json_array_append_new(feeds, f);
	}
	return json_pack("{s:o}", "feeds", feeds);
}

static void
add_totals(struct totals *t, json_t *r)
{
	json_t *e;
	size_t i;

	t->added += ctl_jint(r, "added", 0);
	t->skipped += ctl_jint(r, "skipped", 0);
	t->invalid += ctl_jint(r, "invalid", 0);
	json_array_foreach(json_object_get(r, "errors"), i, e)
		json_array_append(t->errors, e);
}

static void
print_totals(const struct totals *t)
{
	json_t *e, *o;
	size_t i;

	if (ctl.json) {
		o = json_pack("{s:I,s:I,s:I,s:O}", "added", (json_int_t)t->added,
		    "skipped", (json_int_t)t->skipped,
		    "invalid", (json_int_t)t->invalid, "errors", t->errors);
		ctl_json_print(o);
		json_decref(o);
		return;
	}
	printf("added %lld, skipped %lld (already there), invalid %lld\n",
	    t->added, t->skipped, t->invalid);
	json_array_foreach(t->errors, i, e) {
		fputs("  invalid: ", stdout);
		ctl_print_safe(stdout, ctl_jstr(e, "url") ? ctl_jstr(e, "url") :
		    "(no URL)", 0);
		fputs(": ", stdout);
		ctl_print_safe(stdout, ctl_jstr(e, "message") ?
		    ctl_jstr(e, "message") : "invalid", 0);
		putchar('\n');
	}
}

static int
send_all(struct client *c, const struct entries *e, struct totals *t)
{
	int tty = isatty(STDERR_FILENO), rc = EXIT_OK;
	size_t i = 0;
	json_t *r;

	while (i < e->n && rc == EXIT_OK) {
		r = client_call(c, "import", next_batch(e, &i, t), &rc);
		if (r == NULL)
			break;
		add_totals(t, r);
		json_decref(r);
		if (tty) {
			fprintf(stderr, "\r\033[Kimporting: %zu/%zu feeds", i,
			    e->n);
			fflush(stderr);
		}
	}
	if (tty)
		fputs("\r\033[K", stderr);
	return rc;
}

static int
import(const char *path)
{
	struct entries e = { 0 };
	struct totals t = { 0, 0, 0, NULL };
	struct client *c;
	char err[512], *buf;
	size_t len;
	int rc;

	if ((buf = slurp(path, &len)) == NULL)
		return EXIT_ERROR;
	/* Parsed whole before anything is sent: a file broken half-way
	 * imports nothing. */
	if (opml_parse(buf, len, collect, &e, err, sizeof(err)) == -1) {
		free(buf);
		entries_free(&e);
		fflush(stdout);
		fprintf(stderr, "feedctl: %s: ", path);
		ctl_print_safe(stderr, err, 0);
		fputc('\n', stderr);
		return EXIT_ERROR;
	}
	free(buf);
	/* "added 0" alone would not say that the file was the problem. */
	if (e.n == 0)
		ctl_err("%s: no feeds in it (no outline has an xmlUrl "
		    "attribute)", path);
	if ((c = client_connect(&rc)) == NULL) {
		entries_free(&e);
		return rc;
	}
	t.errors = json_array();
	rc = send_all(c, &e, &t);
	client_close(c);
	print_totals(&t);
	if (e.https > 0)
		ctl_err("%s: %zu URL%s without a scheme taken as https://, as "
		    "add takes them", path, e.https, e.https == 1 ? "" : "s");
	json_decref(t.errors);
	entries_free(&e);
	return rc;
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
run_import(int argc, char **argv)
{
	int i;

	if ((i = json_flag(argc, argv)) != argc - 1 || *argv[i] == '\0')
		return ctl_usage(&cmd_import_entry);
	return import(argv[i]);
}

/* On a terminal the text goes through the filter, line by line; into a
 * file or a pipe it goes byte for byte. */
static void
print_opml(const char *s)
{
	const char *nl;
	char *line;

	if (!isatty(STDOUT_FILENO)) {
		fputs(s, stdout);
		return;
	}
	while (*s) {
		nl = strchr(s, '\n');
		line = strndup(s, nl ? (size_t)(nl - s) : strlen(s));
		if (line == NULL)
			return;
		ctl_print_safe(stdout, line, 0);
		putchar('\n');
		free(line);
		s = nl ? nl + 1 : s + strlen(s);
	}
}

static int
run_export(int argc, char **argv)
{
	const char *opml;
	json_t *r;
	int rc;

	if (json_flag(argc, argv) != argc)
		return ctl_usage(&cmd_export_entry);
	if ((r = client_once("export", NULL, &rc)) == NULL)
		return rc;
	if ((opml = ctl_jstr(r, "opml")) == NULL) {
		ctl_err("feedd sent no OPML");
		json_decref(r);
		return EXIT_ERROR;
	}
	if (ctl.json) {
		json_t *o = json_pack("{s:s}", "opml", opml);
		ctl_json_print(o);
		json_decref(o);
	} else
		print_opml(opml);
	json_decref(r);
	if (fflush(stdout) == EOF) {
		ctl_err("writing the OPML: %s", strerror(errno));
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

const struct feedctl_cmd cmd_import_entry = {
	"import", "[--json] FILE.opml",
	"Subscribe to the feeds of an OPML file.\n"
	"Every outline with an xmlUrl counts, however deeply nested; \"-\" reads\n"
	"standard input.  A URL without a scheme gets https://, as with add\n"
	"(import says how many did).  Feeds already there are skipped.  A\n"
	"feedd:interval attribute (as export writes) sets the feed's own\n"
	"interval, feedd:enabled=\"false\" adds the feed disabled, and with\n"
	"feedd:own-title=\"true\" the feed goes on titling itself.  A bare\n"
	"& and HTML's named characters (&eacute;), which XML has not, are\n"
	"read.  Prints \"added N, skipped N (already there), invalid N\" and\n"
	"each invalid URL with the reason; --json prints {\"added\",\"skipped\",\"invalid\","
	"\"errors\":[{\"url\",\"message\"}]}.\nA malformed file imports "
	"nothing: the error names its line.",
	run_import,
};

const struct feedctl_cmd cmd_export_entry = {
	"export", "[--json]",
	"Print the subscriptions as an OPML 2.0 document.\n"
	"For another reader, or for `feedctl import`; a feed's own interval\n"
	"is written as feedd:interval and a disabled feed has\n"
	"feedd:enabled=\"false\", and a title that is the feed's own\n"
	"feedd:own-title=\"true\", which import reads back.  --json prints\n"
	"{\"opml\": TEXT}.",
	run_export,
};
