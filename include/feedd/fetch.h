/*
 * The fetcher: libcurl's multi-socket API driven by libev watchers.  Each
 * response body goes from curl's write callback straight into the feed
 * parser; nothing buffers a whole feed.  One result per request, handed
 * to the done callback when the transfer ends.
 */
#ifndef FEEDD_FETCH_H
#define FEEDD_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "feedd/config.h"
#include "feedd/parse.h"

struct ev_loop;
struct fetch;

struct fetch_req {
	int64_t		 feed;
	const char	*url;
	const char	*etag;		/* sent back as If-None-Match */
	const char	*last_modified;	/* sent back as If-Modified-Since */
};

struct fetch_result {
	int64_t		 feed;
	int		 status;	/* final HTTP status; 0: no response */
	int		 not_modified;	/* 304 */
	char		*error;		/* NULL when the feed was read */
	char		*etag;		/* validators exactly as sent */
	char		*last_modified;
	char		*permanent_url;	/* after 301/308 redirects only */
	int64_t		 retry_after;	/* absolute time, 0 when absent */
	int64_t		 max_age;	/* Cache-Control max-age, -1 absent */
	int64_t		 expires;	/* Expires, 0 absent */
	int64_t		 bytes;		/* body bytes after decoding */
	int		 truncated;	/* the document was cut short */
	int		 open_dropped;	/* ... and its unfinished last item
					 * left out of items */
	struct feed_info *info;		/* parsed feed, NULL if none */
	struct feed_item **items;
	size_t		 n_items;
};

typedef void (*fetch_done_fn)(void *arg, struct fetch_result *);

struct fetch *fetch_new(struct ev_loop *, const struct config *,
	    fetch_done_fn, void *arg);
/* Starts a request; the result comes through the callback, never from
 * within this call.  -1 when the request cannot even start. */
int	 fetch_start(struct fetch *, const struct fetch_req *);
size_t	 fetch_in_flight(const struct fetch *);
/* True while a fetch of the feed is in flight or waiting for its host. */
int	 fetch_busy(const struct fetch *, int64_t feed);
/* Transfers worth starting at once: the configured cap, lowered to fit
 * the process's file descriptor limit. */
size_t	 fetch_max_transfers(const struct fetch *);
/* Applies changed limits (after a configuration reload). */
void	 fetch_configure(struct fetch *, const struct config *);
void	 fetch_result_free(struct fetch_result *);
/* Abandons transfers in flight (their results never come). */
void	 fetch_free(struct fetch *);

#endif
