/*
 * libFuzzer harness: opml_parse() and opml_from_feeds()
 * (include/feedd/opml.h).
 *
 * The input is the document, passed without a terminating NUL as the API
 * allows.  The feeds found are then written back with opml_from_feeds(),
 * which must give a document opml_parse() reads back to the same URLs in
 * the same order, with the same feedd:interval where it was a valid
 * duration, feedd:enabled="false" where it said the feed is disabled and
 * feedd:own-title="true" where it said the title is the feed's (and which
 * must stop cleanly when the callback says so).
 */
#include "fuzz.h"

#include "feedd/config.h"
#include "feedd/opml.h"

struct opml_list {
	struct opml_feed *v;	/* url and title are copies */
	size_t		  n, cap;
	size_t		  next;	/* replay: the next URL expected */
	int		  stop;	/* replay: stop at the first feed */
};

/* An interval as export would write it again: 0 for none. */
static int64_t
interval_of(const char *s)
{
	int64_t v = s ? config_parse_duration(s) : 0;

	return v > 0 ? v : 0;
}

/* Whether feedd:enabled says disabled, feedd:own-title true, as feedctl
 * import reads them. */
static int
disabled_of(const char *s)
{
	return s != NULL && (strcmp(s, "false") == 0 || strcmp(s, "0") == 0);
}

static int
true_of(const char *s)
{
	return s != NULL && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
}

static int
opml_on_feed(void *arg, const struct opml_outline *o)
{
	struct opml_list *l = arg;
	struct opml_feed *f;

	FUZZ_CHECK(o->url != NULL && *o->url != '\0', "empty url");
	fuzz_touch(o->url);
	fuzz_touch(o->title);
	fuzz_touch(o->interval);
	fuzz_touch(o->enabled);
	fuzz_touch(o->own_title);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		if ((l->v = realloc(l->v, l->cap * sizeof(*l->v))) == NULL)
			abort();
	}
	f = &l->v[l->n];
	f->url = strdup(o->url);
	f->title = o->title ? strdup(o->title) : NULL;
	f->interval = interval_of(o->interval);
	f->disabled = disabled_of(o->enabled);
	f->own_title = true_of(o->own_title);
	if (f->url == NULL || (o->title && f->title == NULL))
		abort();
	l->n++;
	return 0;
}

static int
opml_on_replay(void *arg, const struct opml_outline *o)
{
	struct opml_list *l = arg;
	const struct opml_feed *f;

	fuzz_touch(o->title);
	if (l->stop)
		return -1;
	FUZZ_CHECK(l->next < l->n, "extra feed \"%s\" on re-reading", o->url);
	f = &l->v[l->next];
	FUZZ_CHECK(strcmp(o->url, f->url) == 0,
	    "feed %zu: \"%s\" written, \"%s\" read back", l->next, f->url,
	    o->url);
	FUZZ_CHECK(interval_of(o->interval) == f->interval,
	    "feed %zu: interval %lld written, \"%s\" read back", l->next,
	    (long long)f->interval, o->interval ? o->interval : "(none)");
	FUZZ_CHECK(disabled_of(o->enabled) == f->disabled,
	    "feed %zu: disabled %d written, \"%s\" read back", l->next,
	    f->disabled, o->enabled ? o->enabled : "(none)");
	FUZZ_CHECK(true_of(o->own_title) == f->own_title,
	    "feed %zu: own title %d written, \"%s\" read back", l->next,
	    f->own_title, o->own_title ? o->own_title : "(none)");
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
		doc = opml_from_feeds(l.v, l.n, l.v[0].title);
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
		free((char *)l.v[i].url);
		free((char *)l.v[i].title);
	}
	free(l.v);
	return 0;
}
