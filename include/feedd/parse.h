/* Streaming feed parser: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (libxml2 push
 * parser, SAX2) and JSON Feed 1.x (jansson).  Bytes are pushed as they
 * arrive; each item is handed to a callback as soon as it closes, so memory
 * holds one item at a time, never the whole document. */
#ifndef FEEDD_PARSE_H
#define FEEDD_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define FEED_NO_DATE INT64_MIN

enum feed_format {
	FEED_UNKNOWN = 0,
	FEED_RSS090, FEED_RSS091, FEED_RSS092, FEED_RSS093, FEED_RSS094,
	FEED_RSS20, FEED_RSS10, FEED_RSS,	/* RSS, version unknown */
	FEED_ATOM03, FEED_ATOM10, FEED_ATOM,	/* Atom, version unknown */
	FEED_JSON10, FEED_JSON11,
};

struct feed_enclosure {
	char *url;
	char *type;
	int64_t length;			/* -1 when not given */
};

struct feed_item {
	char *guid;			/* raw guid / atom:id / JSON id */
	char *title;			/* plain text */
	char *link;			/* absolute */
	char *author;
	char *summary;			/* HTML as given */
	char *content;			/* HTML as given */
	int64_t published;		/* Unix seconds UTC, FEED_NO_DATE */
	int64_t updated;
	struct feed_enclosure *enclosures;
	size_t n_enclosures;
	char **categories;
	size_t n_categories;
	char *image;			/* itunes:image, media:thumbnail */
	long duration;			/* itunes:duration, seconds; -1 */
};

struct feed_info {
	enum feed_format format;
	char *title;			/* plain text */
	char *link;
	char *id;
	int64_t updated;
	/* Hints for the scheduler; 0 when absent. */
	int ttl_minutes;		/* RSS <ttl> */
	int update_seconds;		/* sy:updatePeriod / sy:updateFrequency */
	uint32_t skip_hours;		/* bit h set: skip hour h (UTC) */
	uint8_t skip_days;		/* bit d set: skip weekday d, 0 = Sunday */
};

/* Called once per item, in document order.  The item and its strings are
 * the parser's: copy what must outlive the call, or take the item whole
 * with feed_item_take(). */
typedef void (*feed_item_fn)(void *arg, struct feed_item *item);

struct feed_parser;

/* base_url: the document's URL (relative links resolve against it, after
 * xml:base); content_type: the HTTP Content-Type, for its charset.  Both
 * may be NULL. */
struct feed_parser *feed_parser_new(const char *base_url,
    const char *content_type, feed_item_fn fn, void *arg);

/* Pushes the next chunk.  Returns 0, or -1 once the input has proved not
 * to be a feed (feed_parser_error() says why); later pushes are ignored. */
int feed_parser_push(struct feed_parser *, const char *buf, size_t len);

/* Ends the document.  Returns 0 when it was a feed, -1 otherwise. */
int feed_parser_finish(struct feed_parser *);

/* An item still open when the document ends is handed over as far as
 * it got, as feedparser does; with drop set, one left open by a document
 * cut short is left out instead: a caller that polls again gets it whole
 * then, rather than keep a partial one now.  (One left open by an error
 * before the end, which every poll brings again, is handed over.) */
void feed_parser_drop_open_items(struct feed_parser *, int drop);
/* After finish: true when the XML document ended with elements still
 * open and no error before its end (cut short), and whether an
 * unfinished item was dropped. */
int feed_parser_truncated(const struct feed_parser *);
int feed_parser_open_dropped(const struct feed_parser *);

const struct feed_info *feed_parser_info(const struct feed_parser *);
const char *feed_parser_error(const struct feed_parser *);

/* Recoverable problems met so far ("line 12: ..."), at most a bounded
 * number of them. */
size_t feed_parser_warning_count(const struct feed_parser *);
const char *feed_parser_warning(const struct feed_parser *, size_t i);

void feed_parser_free(struct feed_parser *);

const char *feed_format_name(enum feed_format);

/* A deep copy of an item, for keeping it past the callback; NULL when out
 * of memory.  Free it with feed_item_free(). */
struct feed_item *feed_item_dup(const struct feed_item *);
/* The item a feed_item_fn was given, moved to the heap without a copy:
 * the caller owns it (feed_item_free()) and the parser is left an empty
 * item.  NULL when out of memory, the item then still the parser's. */
struct feed_item *feed_item_take(struct feed_item *);
void feed_item_free(struct feed_item *);

#endif
