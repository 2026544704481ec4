/* OPML 1.0/2.0 subscription lists: reading (feedctl import) and writing
 * (the daemon's export). */
#ifndef FEEDD_OPML_H
#define FEEDD_OPML_H

#include <stddef.h>
#include <stdint.h>

#define OPML_MAX_BYTES		(64 << 20)	/* a bigger file is refused */
#define OPML_MAX_OUTLINES	1000000		/* all outlines, folders too */

/* The namespace of feedd's own outline attributes, which export writes
 * so that an import brings them back: feedd:interval, a feed's own poll
 * interval as a duration ("45m"), feedd:enabled="false" for a disabled
 * feed, and feedd:own-title="true" where the title is the feed's own
 * (not the user's: the feed may change it). */
#define OPML_NS			"https://github.com/feedd/feedd/opml"

/* An outline with an xmlUrl, as read: each value trimmed, NULL when
 * absent.  title is the title attribute, else text; interval, enabled
 * and own_title are feedd:interval, feedd:enabled and feedd:own-title,
 * as written. */
struct opml_outline {
	const char	*url;
	const char	*title;
	const char	*interval;
	const char	*enabled;
	const char	*own_title;
};

/* Called for each outline with an xmlUrl, in document order, however
 * deeply nested.  Return 0 to go on, -1 to stop the parse. */
typedef int (*opml_fn)(void *arg, const struct opml_outline *);

/* Parses an OPML document held in memory.  Returns the number of feeds
 * handed to fn, or -1 with "line N: reason" in err for a document that is
 * not well-formed XML, not OPML, or over the bounds above (nothing is
 * fetched: external entities and DTDs are never loaded). */
int	 opml_parse(const char *buf, size_t len, opml_fn fn, void *arg,
	    char *err, size_t errlen);

/* A feed to write: title NULL for none (the URL is written); interval,
 * the feed's own, as feedd:interval when > 0; feedd:enabled="false"
 * when disabled; feedd:own-title="true" when the title is the feed's. */
struct opml_feed {
	const char	*url;
	const char	*title;
	int64_t		 interval;
	int		 disabled;
	int		 own_title;
};

/* An OPML 2.0 document listing the n feeds, titled title (NULL: a
 * default).  Text is made valid XML: invalid UTF-8 becomes U+FFFD and
 * characters XML cannot carry are dropped.  malloc'd; NULL when out of
 * memory. */
char	*opml_from_feeds(const struct opml_feed *feeds, size_t n,
	    const char *title);

#endif
