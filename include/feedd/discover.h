/* Feed discovery for `feedctl add`: given a URL that may be a web page,
 * the feeds it points to.  Blocking (libcurl easy); for the client only. */
#ifndef FEEDD_DISCOVER_H
#define FEEDD_DISCOVER_H

#include <stddef.h>

#define DISCOVER_TIMEOUT	15		/* seconds per fetch */
/* Bytes, after decoding: feedd's default max_body, since a podcast's feed
 * of several MiB is common. */
#define DISCOVER_MAX_BODY	(16 << 20)
#define DISCOVER_MAX_REDIRECTS	5
#define DISCOVER_MAX_FEEDS	64		/* <link>s kept from one page */

/* What discover_feeds() found. */
#define DISCOVER_IS_FEED	0	/* url itself is a feed: (*urls)[0] */
#define DISCOVER_ON_PAGE	1	/* url is a page naming *n feeds */

/* Fetches url (http or https only, up to 5 redirects, 15 s, 4 MiB).
 * When it is a feed, *urls holds a copy of url, unchanged.  When it is an
 * HTML page, *urls holds the feeds its <link rel="alternate"> elements
 * name, in page order (not fetched), or else the first of the common
 * paths (/feed, /rss, /rss.xml, /atom.xml, /feed.xml, /index.xml,
 * /feed.json) that fetches as a feed.  Returns DISCOVER_IS_FEED or
 * DISCOVER_ON_PAGE with *n > 0, or -1 with the reason in err (nothing to
 * free then).  Free the result with discover_free(). */
int	 discover_feeds(const char *url, char ***urls, size_t *n, char *err,
	    size_t errlen);
void	 discover_free(char **urls, size_t n);

#define DISCOVER_MAX_TRIES	8	/* a page's feeds fetched by add */
#define DISCOVER_WHY_MAX	240	/* bytes of each reason in an error */

/* For subscribing: the one feed to add, in *feed (malloc'd).  A feed's
 * own URL is taken unchanged.  For a page, the feeds it names are
 * fetched in page order (at most DISCOVER_MAX_TRIES) and the first that
 * parses as a feed is chosen (*n_named: how many the page names); when
 * none does, the common paths are tried.  Returns DISCOVER_IS_FEED or
 * DISCOVER_ON_PAGE, or -1 with err saying which URLs were tried and why
 * each failed ("URL: HTTP 404"). */
int	 discover_feed(const char *url, char **feed, size_t *n_named,
	    char *err, size_t errlen);

/* The feeds <link>ed from an HTML document served from base_url, without
 * fetching anything (discover_feeds() uses it; so do the tests).  Returns
 * the count, -1 when out of memory. */
int	 discover_links(const char *html, size_t len, const char *base_url,
	    const char *encoding, char ***urls, size_t *n);

#endif
