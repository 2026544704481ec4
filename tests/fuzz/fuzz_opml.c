/*
 * libFuzzer harness: opml_parse() and opml_from_feeds()
 * (include/feedd/opml.h).
 *
 * The input is the document, passed without a terminating NUL as the API
 * allows.  The feeds found are then written back with opml_from_feeds(),
 * which must give a document opml_parse() reads back to the same URLs in
 * the same order, with the same feedd:interval where it was a valid
 * duration (and which must stop cleanly when the callback says so).
 */
#include "fuzz.h"

#include "feedd/config.h"
#include "feedd/opml.h"

struct opml_list {
	char	**urls;
	char	**titles;
	int64_t	 *intervals;	/* as parsed; 0 when none or invalid */
	size_t	  n, cap;
	size_t	  next;		/* replay: the next URL expected */
	int	  stop;		/* replay: stop at the first feed */
};

/* An interval as export would write it again: 0 for none. */
static int64_t
interval_of(const char *s)
{
	int64_t v = s ? config_parse_duration(s) : 0;

	return v > 0 ? v : 0;
}

static int
opml_on_feed(void *arg, const char *url, const char *title,
    const char *interval)
{
	struct opml_list *l = arg;

	FUZZ_CHECK(url != NULL && *url != '\0', "empty url");
	fuzz_touch(url);
	fuzz_touch(title);
	fuzz_touch(interval);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->urls = realloc(l->urls, l->cap * sizeof(*l->urls));
		l->titles = realloc(l->titles, l->cap * sizeof(*l->titles));
		l->intervals = realloc(l->intervals,
		    l->cap * sizeof(*l->intervals));
		if (l->urls == NULL || l->titles == NULL || l->intervals == NULL)
			abort();
	}
	l->urls[l->n] = strdup(url);
	l->titles[l->n] = title ? strdup(title) : NULL;
	l->intervals[l->n] = interval_of(interval);
	if (l->urls[l->n] == NULL || (title && l->titles[l->n] == NULL))
		abort();
	l->n++;
	return 0;
}

static int
opml_on_replay(void *arg, const char *url, const char *title,
    const char *interval)
{
	struct opml_list *l = arg;

	fuzz_touch(title);
	if (l->stop)
		return -1;
	FUZZ_CHECK(l->next < l->n, "extra feed \"%s\" on re-reading", url);
	FUZZ_CHECK(strcmp(url, l->urls[l->next]) == 0,
	    "feed %zu: \"%s\" written, \"%s\" read back", l->next,
	    l->urls[l->next], url);
	FUZZ_CHECK(interval_of(interval) == l->intervals[l->next],
	    "feed %zu: interval %lld written, \"%s\" read back", l->next,
	    (long long)l->intervals[l->next], interval ? interval : "(none)");
	l->next++;
	return 0;
}

int
FUZZ_ENTRY(opml)(const uint8_t *data, size_t size)
{
	struct opml_list l = { 0 };
	char err[256], *doc;
	size_t i;
	int n, r;

	err[0] = '\0';
	n = opml_parse((const char *)data, size, opml_on_feed, &l, err,
	    sizeof(err));
	if (n < 0)
		FUZZ_CHECK(err[0] != '\0', "failure without a message");
	else
		FUZZ_CHECK((size_t)n == l.n, "returned %d, called back %zu",
		    n, l.n);
	fuzz_touch(err);

	if (n > 0) {
		doc = opml_from_feeds((const char **)l.urls,
		    (const char **)l.titles, l.intervals, l.n, l.titles[0]);
		FUZZ_CHECK(doc != NULL, "opml_from_feeds failed");
		err[0] = '\0';
		r = opml_parse(doc, strlen(doc), opml_on_replay, &l, err,
		    sizeof(err));
		FUZZ_CHECK(r == n && l.next == l.n,
		    "wrote %d feeds, read back %d (%zu): %s\n%s", n, r,
		    l.next, err, doc);
		l.stop = 1;
		r = opml_parse(doc, strlen(doc), opml_on_replay, &l, err,
		    sizeof(err));
		FUZZ_CHECK(r == -1, "a stop returned %d", r);
		free(doc);
	}
	for (i = 0; i < l.n; i++) {
		free(l.urls[i]);
		free(l.titles[i]);
	}
	free(l.urls);
	free(l.titles);
	free(l.intervals);
	return 0;
}
