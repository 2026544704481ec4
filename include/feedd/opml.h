/* OPML 1.0/2.0 subscription lists: reading (feedctl import) and writing
 * (the daemon's export). */
#ifndef FEEDD_OPML_H
#define FEEDD_OPML_H

#include <stddef.h>
#include <stdint.h>

#define OPML_MAX_BYTES		(64 << 20)	/* a bigger file is refused */
#define OPML_MAX_OUTLINES	1000000		/* all outlines, folders too */

/* The namespace of feedd's own outline attributes: feedd:interval, a
 * feed's own poll interval as a duration ("45m"), which export writes so
 * that an import brings it back. */
#define OPML_NS			"https://github.com/feedd/feedd/opml"

/* Called for each outline with an xmlUrl, in document order, however
 * deeply nested: url as written (trimmed), title from the title attribute,
 * else text, else NULL; interval from feedd:interval, trimmed, else NULL.
 * Return 0 to go on, -1 to stop the parse. */
typedef int (*opml_fn)(void *arg, const char *url, const char *title,
	    const char *interval);

/* Parses an OPML document held in memory.  Returns the number of feeds
 * handed to fn, or -1 with "line N: reason" in err for a document that is
 * not well-formed XML, not OPML, or over the bounds above (nothing is
 * fetched: external entities and DTDs are never loaded). */
int	 opml_parse(const char *buf, size_t len, opml_fn fn, void *arg,
	    char *err, size_t errlen);

/* An OPML 2.0 document listing the feeds (titles[i] may be NULL; so may
 * titles and title), with feedd:interval for intervals[i] > 0 (intervals
 * may be NULL).  Text is made valid XML: invalid UTF-8 becomes U+FFFD
 * and characters XML cannot carry are dropped.  malloc'd; NULL when out
 * of memory. */
char	*opml_from_feeds(const char **urls, const char **titles,
	    const int64_t *intervals, size_t n, const char *title);

#endif
