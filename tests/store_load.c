/* store_load: parses feed files and stores each as one poll, the way the
 * daemon does after a fetch; prints what the store did.  Used by the
 * corpus test and by `make bench`.
 *
 *	store_load DB FILE...
 *
 * Each file is a feed whose URL is file://PATH.  Output, one line:
 *	feeds N new N stories N unchanged N updated N rows N seconds S
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedd/parse.h"
#include "feedd/store.h"

struct batch {
	struct feed_item **v;
	size_t n, cap;
};

static void
collect(void *arg, struct feed_item *it)
{
	struct batch *b = arg;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = realloc(b->v, b->cap * sizeof(*b->v));
		if (b->v == NULL) {
			perror("store_load");
			exit(1);
		}
	}
	b->v[b->n++] = feed_item_take(it);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
load_one(struct store *s, const char *path, struct store_stats *sum)
{
	char url[PATH_MAX + 16], real[PATH_MAX], buf[65536];
	struct batch b = { 0 };
	struct store_stats st;
	struct store_poll poll = { .status = 200 };
	struct feed_parser *p;
	int64_t id;
	size_t n, i;
	FILE *f;
	int rc = -1;

	if (realpath(path, real) == NULL || (f = fopen(real, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	snprintf(url, sizeof(url), "file://%s", real);
	poll.now = time(NULL);
	poll.next_poll = poll.now + 1800;
	if (store_feed_add(s, url, NULL, 0, 0, poll.now, &id) == -1)
		goto out;
	p = feed_parser_new(url, NULL, collect, &b);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		feed_parser_push(p, buf, n);
	if (feed_parser_finish(p) == 0)
		rc = store_ingest(s, id, feed_parser_info(p), b.v, b.n, &poll,
		    &st, NULL, NULL);
	else
		fprintf(stderr, "%s: not a feed: %s\n", path, feed_parser_error(p));
	feed_parser_free(p);
	if (rc == 0) {
		sum->new_items += st.new_items;
		sum->new_stories += st.new_stories;
		sum->unchanged += st.unchanged;
		sum->updated += st.updated;
	}
out:
	for (i = 0; i < b.n; i++)
		feed_item_free(b.v[i]);
	free(b.v);
	fclose(f);
	return rc;
}

int
main(int argc, char **argv)
{
	struct store_stats sum = { 0 };
	struct store *s;
	char err[512];
	double t0;
	int i, bad = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: store_load DB FILE...\n");
		return 2;
	}
	if ((s = store_open(argv[1], err, sizeof(err))) == NULL) {
		fprintf(stderr, "store_load: %s\n", err);
		return 1;
	}
	t0 = now_s();
	for (i = 2; i < argc; i++)
		if (load_one(s, argv[i], &sum) == -1) {
			fprintf(stderr, "store_load: %s: %s\n", argv[i],
			    store_error(s));
			bad++;
		}
	printf("feeds %d new %d stories %d unchanged %d updated %d rows %lld "
	    "seconds %.3f\n", argc - 2, sum.new_items, sum.new_stories,
	    sum.unchanged, sum.updated, (long long)store_changes(s),
	    now_s() - t0);
	store_close(s);
	return bad ? 1 : 0;
}
