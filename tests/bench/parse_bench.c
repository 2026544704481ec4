/* Parser throughput: feedd's streaming parser against a bare libxml2 SAX2
 * pass over the same bytes, so the figure says what feedd's own work costs
 * on top of the XML tokenizer it cannot avoid.
 *
 *	parse_bench [--feedd-only] FILE...
 *
 * --feedd-only skips the libxml2 baseline, so that a profiler attached to
 * the run (perf record, callgrind) sees only feedd's pass.
 *
 * Files are read into memory first; only parsing is timed.  Both passes are
 * fed in 16 KiB chunks, as curl's write callback delivers them, and each is
 * run a few times keeping the best, which filters out page faults of the
 * first touch and noise from other processes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include <feedd/parse.h>

#define CHUNK	(16 * 1024)
#define RUNS	3

struct file {
	const char *path;
	char *url;		/* base URL handed to feed_parser_new() */
	char *data;
	size_t len;
};

struct corpus {
	struct file *files;
	size_t n;
	size_t bytes;
};

/* What one timed pass costs. */
struct cost {
	double wall;		/* seconds */
	double cpu;		/* user + system seconds */
};

/* What one feedd pass found; compared across runs as a sanity check. */
struct tally {
	size_t items;
	size_t warnings;
};

/* Reads a whole file; NULL (errno set) on failure. */
static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0)
		err = errno;
	else if ((buf = malloc(st.st_size + 1)) == NULL)
		err = ENOMEM;
	/* Regular files: a short read only happens at end of file. */
	for (size_t n = 0; buf != NULL && n < (size_t)st.st_size; ) {
		ssize_t got = read(fd, buf + n, st.st_size - n);
		if (got <= 0) {
			err = got < 0 ? errno : EIO;
			free(buf);
			buf = NULL;
		}
		n += got > 0 ? (size_t)got : 0;
	}
	close(fd);
	if (buf == NULL)
		errno = err;
	else
		*len = st.st_size;
	return buf;
}

static int load(struct corpus *c, char **paths, size_t n)
{
	c->files = calloc(n, sizeof *c->files);
	if (c->files == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct file *f = &c->files[c->n];
		const char *base = strrchr(paths[i], '/');

		f->path = paths[i];
		f->data = slurp(paths[i], &f->len);
		if (f->data == NULL) {
			fprintf(stderr, "parse_bench: %s: %s\n", paths[i],
			    strerror(errno));
			return -1;
		}
		c->n++;
		c->bytes += f->len;
		/* An http URL, as in the daemon, so relative links resolve
		 * the way they would in production. */
		base = base ? base + 1 : paths[i];
		f->url = malloc(strlen(base) + 32);
		if (f->url == NULL)
			return -1;
		sprintf(f->url, "https://bench.example/%s", base);
	}
	return 0;
}

static void unload(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->files[i].data);
		free(c->files[i].url);
	}
	free(c->files);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* --- bare libxml2 ------------------------------------------------------ */

static void sax_start(void *ctx, const xmlChar *localname,
    const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
    const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri;
	(void)nb_namespaces, (void)namespaces, (void)nb_attributes;
	(void)nb_defaulted, (void)attributes;
}

static void sax_end(void *ctx, const xmlChar *localname,
    const xmlChar *prefix, const xmlChar *uri)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri;
}

static void sax_text(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx, (void)ch, (void)len;
}

/* The floor: tokenizing, entity decoding and namespace handling, with no
 * consumer at all.  Returns 0 if the document was well-formed. */
static int bare_one(const struct file *f)
{
	xmlSAXHandler h;
	xmlParserCtxtPtr ctxt;
	int ok;

	memset(&h, 0, sizeof h);
	xmlSAXVersion(&h, 2);
	h.startElementNs = sax_start;
	h.endElementNs = sax_end;
	h.characters = sax_text;
	/* These default to libxml2's tree builder; text is text here, and
	 * CDATA sections (content:encoded) must not be charged to libxml2
	 * for building nodes nobody asked for. */
	h.ignorableWhitespace = sax_text;
	h.cdataBlock = sax_text;

	ctxt = xmlCreatePushParserCtxt(&h, NULL, NULL, 0, f->url);
	if (ctxt == NULL)
		return -1;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
	for (size_t off = 0; off < f->len; off += CHUNK) {
		size_t n = f->len - off < CHUNK ? f->len - off : CHUNK;
		if (xmlParseChunk(ctxt, f->data + off, (int)n, 0) != 0)
			break;
	}
	xmlParseChunk(ctxt, NULL, 0, 1);
	ok = ctxt->wellFormed;
	/* The default startDocument still creates an empty xmlDoc. */
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	return ok ? 0 : -1;
}

static int bare_pass(const struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (bare_one(&c->files[i]) < 0) {
			fprintf(stderr, "parse_bench: %s: not well-formed\n",
			    c->files[i].path);
			return -1;
		}
	}
	return 0;
}

/* --- feedd ------------------------------------------------------------- */

static void count_item(void *arg, struct feed_item *item)
{
	(void)item;
	++*(size_t *)arg;
}

static int feedd_one(const struct file *f, struct tally *t)
{
	struct feed_parser *p;
	int rc = 0;

	p = feed_parser_new(f->url, "application/xml", count_item, &t->items);
	if (p == NULL) {
		fprintf(stderr, "parse_bench: %s: feed_parser_new failed\n",
		    f->path);
		return -1;
	}
	for (size_t off = 0; off < f->len; off += CHUNK) {
		size_t n = f->len - off < CHUNK ? f->len - off : CHUNK;
		if (feed_parser_push(p, f->data + off, n) < 0)
			break;	/* finish() reports it */
	}
	if (feed_parser_finish(p) < 0) {
		const char *why = feed_parser_error(p);
		fprintf(stderr, "parse_bench: %s: %s\n", f->path,
		    why ? why : "not a feed");
		rc = -1;
	}
	t->warnings += feed_parser_warning_count(p);
	feed_parser_free(p);
	return rc;
}

static int feedd_pass(const struct corpus *c, struct tally *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < c->n; i++)
		if (feedd_one(&c->files[i], t) < 0)
			return -1;
	return 0;
}

/* --- timing ------------------------------------------------------------ */

/* Runs a pass RUNS times, keeping the fastest by wall clock (and the CPU
 * time of that run, so the two describe the same run).  For feedd, the
 * tally of every run must agree: a parser that counted differently on a
 * second go would be keeping state it should not. */
static int best_of(const struct corpus *c, int feedd, struct cost *best,
    struct tally *t)
{
	best->wall = best->cpu = 0;
	for (int r = 0; r < RUNS; r++) {
		struct tally cur;
		double w0 = now(), c0 = cpu_now();
		int rc = feedd ? feedd_pass(c, &cur) : bare_pass(c);
		double wall = now() - w0, cpu = cpu_now() - c0;

		if (rc < 0)
			return -1;
		if (feedd && r > 0 && (cur.items != t->items ||
		    cur.warnings != t->warnings)) {
			fprintf(stderr, "parse_bench: run %d found %zu items, "
			    "%zu warnings; run 1 %zu, %zu\n", r + 1, cur.items,
			    cur.warnings, t->items, t->warnings);
			return -1;
		}
		if (feedd)
			*t = cur;
		if (r == 0 || wall < best->wall) {
			best->wall = wall;
			best->cpu = cpu;
		}
	}
	return 0;
}

/* bare is NULL with --feedd-only. */
static void report(const struct corpus *c, const struct cost *bare,
    const struct cost *fd, const struct tally *t)
{
	double mb = c->bytes / 1e6;
	double fd_rate = mb / fd->wall;

	if (bare == NULL) {
		printf("parse: %.1f MB, %zu items; feedd parser %.1f MB/s\n",
		    mb, t->items, fd_rate);
	} else {
		double bare_rate = mb / bare->wall;
		printf("parse: %.1f MB, %zu items; libxml2 SAX bare %.1f MB/s; "
		    "feedd parser %.1f MB/s (%.0f %% of bare)\n",
		    mb, t->items, bare_rate, fd_rate,
		    100 * fd_rate / bare_rate);
		printf("parse: %zu files, best of %d; wall bare %.3f s, "
		    "feedd %.3f s; cpu bare %.3f s, feedd %.3f s\n",
		    c->n, RUNS, bare->wall, fd->wall, bare->cpu, fd->cpu);
	}
	printf("parse: feedd %.2f us/item, cpu %.3f s of %.3f s wall\n",
	    t->items ? 1e6 * fd->wall / t->items : 0.0, fd->cpu, fd->wall);
	if (t->warnings > 0)
		printf("parse: %zu parser warnings\n", t->warnings);
}

int main(int argc, char **argv)
{
	struct corpus c = { 0 };
	struct cost bare = { 0 }, fd;
	struct tally t = { 0 };
	int feedd_only = argc > 1 && strcmp(argv[1], "--feedd-only") == 0;
	int bare_only = argc > 1 && strcmp(argv[1], "--bare-only") == 0;
	int rc = 1;

	argv += 1 + feedd_only + bare_only;
	argc -= 1 + feedd_only + bare_only;
	if (argc < 1) {
		fprintf(stderr,
		    "usage: parse_bench [--feedd-only | --bare-only] FILE...\n");
		return 2;
	}
	LIBXML_TEST_VERSION
	if (load(&c, argv, (size_t)argc) < 0)
		goto out;
	if (bare_only) {
		/* The machine's speed at this moment, for benchmarks of
		 * other things that want it beside their own figures. */
		if (best_of(&c, 0, &bare, NULL) < 0)
			goto out;
		printf("bare_wall %.3f bare_cpu %.3f mb %.1f files %zu runs %d\n",
		    bare.wall, bare.cpu, c.bytes / 1e6, c.n, RUNS);
		rc = 0;
		goto out;
	}
	if (!feedd_only && best_of(&c, 0, &bare, NULL) < 0)
		goto out;
	if (best_of(&c, 1, &fd, &t) < 0)
		goto out;
	report(&c, feedd_only ? NULL : &bare, &fd, &t);
	rc = 0;
out:
	unload(&c);
	xmlCleanupParser();
	return rc;
}
