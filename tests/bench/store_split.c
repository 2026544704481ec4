/* tests/store_load with its two halves timed apart: what to subtract from
 * store_load's time to get the store's, and the store's own cost.
 *
 *	store_split --parse-only FILE...
 *	store_split DB FILE...
 *
 * Does for each file what store_load does, call for call: realpath(), a
 * file:// URL, a 64 KiB fread() loop into the parser, every item taken
 * from it (feed_item_take(), as feedd does), then store_feed_add() and
 * store_ingest() as one poll.
 * The parse half (open, read, parse, copy, free) and the store half
 * (store_feed_add + store_ingest) are timed apart, wall clock and process
 * CPU; opening and closing the store are not timed, as in store_load.
 * With --parse-only the store is left out altogether.  Output, one line:
 *	feeds N items N seconds S cpu S
 * and with DB also:
 *	... store_seconds S store_cpu S new N unchanged N updated N
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <feedd/parse.h>
#include <feedd/store.h>

struct batch {
	struct feed_item **v;
	size_t n, cap;
};

struct clocks {
	double wall, cpu;
};

static void collect(void *arg, struct feed_item *it)
{
	struct batch *b = arg;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = realloc(b->v, b->cap * sizeof(*b->v));
		if (b->v == NULL) {
			perror("store_split");
			exit(1);
		}
	}
	b->v[b->n++] = feed_item_take(it);
}

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void start(struct clocks *c)
{
	c->wall -= clock_s(CLOCK_MONOTONIC);
	c->cpu -= clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

static void stop(struct clocks *c)
{
	c->wall += clock_s(CLOCK_MONOTONIC);
	c->cpu += clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

/* Returns the number of items, or -1. */
static long one(struct store *s, const char *path, struct clocks *pc,
    struct clocks *sc, struct store_stats *sum)
{
	char url[PATH_MAX + 16], real[PATH_MAX], buf[65536];
	struct batch b = { 0 };
	struct store_poll poll = { .status = 200 };
	struct store_stats st;
	struct feed_parser *p;
	long items = -1;
	int64_t id;
	size_t n, i;
	FILE *f;

	start(pc);
	if (realpath(path, real) == NULL || (f = fopen(real, "rb")) == NULL) {
		perror(path);
		stop(pc);
		return -1;
	}
	snprintf(url, sizeof(url), "file://%s", real);
	p = feed_parser_new(url, NULL, collect, &b);
	if (p == NULL) {
		fprintf(stderr, "%s: feed_parser_new failed\n", path);
		fclose(f);
		stop(pc);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		feed_parser_push(p, buf, n);
	if (feed_parser_finish(p) == 0)
		items = (long)b.n;
	else
		fprintf(stderr, "%s: not a feed: %s\n", path,
		    feed_parser_error(p));
	stop(pc);

	if (s != NULL && items >= 0) {
		start(sc);
		poll.now = time(NULL);
		poll.next_poll = poll.now + 1800;
		if (store_feed_add(s, url, NULL, 0, 0, poll.now, &id) == -1 ||
		    store_ingest(s, id, feed_parser_info(p), b.v, b.n, &poll,
		    &st, NULL, NULL) == -1) {
			fprintf(stderr, "%s: %s\n", path, store_error(s));
			items = -1;
		} else {
			sum->new_items += st.new_items;
			sum->unchanged += st.unchanged;
			sum->updated += st.updated;
		}
		stop(sc);
	}

	start(pc);
	feed_parser_free(p);
	for (i = 0; i < b.n; i++)
		feed_item_free(b.v[i]);
	free(b.v);
	fclose(f);
	stop(pc);
	return items;
}

int main(int argc, char **argv)
{
	struct clocks pc = { 0 }, sc = { 0 };
	struct store_stats sum = { 0 };
	struct store *s = NULL;
	char err[512];
	long items = 0;
	int i, first, bad = 0;

	if (argc >= 3 && strcmp(argv[1], "--parse-only") == 0) {
		first = 2;
	} else if (argc >= 3 && argv[1][0] != '-') {
		if ((s = store_open(argv[1], err, sizeof(err))) == NULL) {
			fprintf(stderr, "store_split: %s\n", err);
			return 1;
		}
		first = 2;
	} else {
		fprintf(stderr, "usage: store_split --parse-only FILE...\n"
		    "       store_split DB FILE...\n");
		return 2;
	}
	for (i = first; i < argc; i++) {
		long n = one(s, argv[i], &pc, &sc, &sum);
		if (n < 0)
			bad++;
		else
			items += n;
	}
	printf("feeds %d items %ld seconds %.3f cpu %.3f", argc - first, items,
	    pc.wall, pc.cpu);
	if (s != NULL) {
		printf(" store_seconds %.3f store_cpu %.3f new %d unchanged %d "
		    "updated %d", sc.wall, sc.cpu, sum.new_items, sum.unchanged,
		    sum.updated);
		store_close(s);
	}
	printf("\n");
	return bad ? 1 : 0;
}
