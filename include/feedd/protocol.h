/*
 * feedd's socket protocol, version 5.
 *
 * A Unix stream socket.  Each request and each response is one JSON object
 * on one line (UTF-8, '\n'-terminated, at most PROTO_LINE_MAX bytes).  A
 * client may send several requests without waiting; responses carry the
 * request's "id" (any JSON integer or string the client chose).
 *
 * feedd writes its lines as jansson does with JSON_COMPACT |
 * JSON_ENSURE_ASCII: no white space, ASCII only, other characters as \u
 * escapes.  The ITEMs of new and items are then exactly the lines
 * `feedctl --json` prints, and with "sizes" (each ITEM's length in bytes,
 * sent before the items) it passes them on unparsed: a thousand stories
 * are a megabyte.  A line in any other spelling of the same JSON is still
 * the protocol; feedctl parses it then.
 *
 *   request:  {"id": 1, "cmd": "add", "url": "https://example.org/feed"}
 *   success:  {"id": 1, "ok": true, ...fields of the command...}
 *   failure:  {"id": 1, "ok": false,
 *              "error": {"code": "not_found", "message": "no feed 12"}}
 *   event:    {"id": 1, "event": "...", ...}   (refresh --wait, follow)
 *
 * Error codes: bad_request (malformed JSON, missing or mistyped field),
 * unknown_command, not_found, invalid (a value out of range, a bad URL),
 * exists, too_large (line over PROTO_LINE_MAX), too_slow (a follower that
 * does not read), busy (too many clients), internal (the store failed:
 * a full disk, or a read-only database, whose message reads "WHAT:
 * database read-only: PATH: CAUSE"; refresh is refused then too).
 *
 * Commands (fields; optional ones in brackets):
 *   hello                       -> version, protocol
 *   ping                        -> (nothing)
 *   status                      -> version, protocol, uptime, feeds, items,
 *                                  stories, due, in_flight, queue, failing,
 *                                  notes (feeds with a note), db_bytes,
 *                                  polls, errors, store_error
 *                                  (null, or why the store failed last;
 *                                  while the database is read-only,
 *                                  "database read-only: PATH: CAUSE")
 *   add url [title] [interval]  -> added (bool), feed (FEED)
 *   remove feed                 -> (nothing)
 *   enable feed, disable feed   -> feed (FEED without items and unread)
 *                                 (enable: polled again, a
 *                                  gone one too, at once unless a
 *                                  Retry-After holds; disable: kept, not
 *                                  polled)
 *   set feed [title] [interval] -> feed (FEED without items and unread,
 *                                  with polled_every: seconds, the
 *                                  feed's interval or the default kept
 *                                  within min_interval and max_interval;
 *                                  add's FEED has it too)
 *                                 (title "" or null: the feed's own, from
 *                                  its next poll; interval 0 or null: the
 *                                  default; a key left out: unchanged)
 *   feeds                       -> feeds: [FEED]
 *   import feeds: [{url [title] [interval] [enabled] [own_title]}]
 *                               -> added, skipped, invalid,
 *                                  errors: [{url, message}]
 *                                 (enabled false: added disabled, not
 *                                  polled; own_title true: the title is
 *                                  the feed's, replaced by the one its
 *                                  polls bring, not the user's; a feed
 *                                  already there is left as it is)
 *   export                      -> opml (text)
 *   refresh [feeds: [FEEDREF]] [wait]
 *                               -> queued, off (feeds asked for that are
 *                                  gone or disabled: not polled),
 *                                  limited (those a Retry-After holds
 *                                  back), not_before (RFC 3339 or null:
 *                                  the latest Retry-After of them),
 *                                  held: [HELD] (the first 100 of the
 *                                  feeds not polled, by id, fewer when
 *                                  their URLs and titles pass 128 KiB;
 *                                  off and limited count them all);
 *                                  with wait, first the events
 *                                  {"event":"held", limited, off,
 *                                   not_before, held} when any is held
 *                                  back, {"event":"not_before",
 *                                   not_before} when one is rate-limited
 *                                  (for clients older than "held"),
 *                                  {"event":"progress", feed, url, error,
 *                                   done, total} for each feed polled,
 *                                  then the response with feeds, fetched,
 *                                  not_modified, failed, new_items,
 *                                  new_stories, off, limited, not_before,
 *                                  held
 *   new [cursor] [peek [after]] [limit]
 *                               -> sizes: [int], items: [ITEM], more
 *                                 (stories first
 *                                  stored after the cursor, oldest first;
 *                                  the cursor moves to the last one given
 *                                  unless peek; more: true when the answer
 *                                  was cut at its size budget.  A client
 *                                  that may fail to show them peeks, page
 *                                  after page (after: the last id it
 *                                  has), and advances the cursor once it
 *                                  has shown them all.  limit: at most,
 *                                  and by default, 10000)
 *   items [feed] [since] [unread] [starred] [query] [before] [limit]
 *                               -> sizes: [int], items: [ITEM], more
 *                                  (one ITEM per story: the oldest of
 *                                  its items that match, the others
 *                                  in its copies; newest first;
 *                                  before: only ids below it.  limit:
 *                                  default 100; more than 10000 counts
 *                                  as 10000; one below 1 is invalid.
 *                                  more: true when the answer was cut at
 *                                  its size budget; the next page asks
 *                                  for ids before the last one given)
 *   mark items: [id] flag       -> changed, missing: [id]
 *                                  (flag: read, unread, star, unstar)
 *   cursor name action [seq]    -> name, seq  (action: get, set, reset,
 *                                  advance: to seq unless already past it;
 *                                  seq answered is where the cursor is;
 *                                  a seq past the newest item ever
 *                                  stored is invalid)
 *   follow [cursor]             -> ok at once, then {"event":"item", item:
 *                                  ITEM} for each new story (and each
 *                                  update, with ITEM.update true) as its
 *                                  feed's transaction commits, starting
 *                                  after the cursor, which follows along
 *
 * FEEDREF is a feed id (integer) or its URL (string).  HELD is
 *   {id, url, title, reason, not_before}
 * with reason "rate_limited" (not_before: its Retry-After), "gone" (it
 * answered 410) or "disabled" (either even while a Retry-After holds: it
 * is not polled until enabled), and title null when the feed has none, or
 * cut at 200 bytes with a "\u2026".  FEED is
 *   {id, url, title, site, interval, last_poll, next_poll, last_status,
 *    error, note, gone, enabled, items, unread}
 * with times as RFC 3339 UTC strings or null; note: what the last poll
 * that read the feed has to tell the user (it moved permanently to a
 * feed subscribed already; its document was cut short), or null.  ITEM is
 *   {seq, id, story, feed: {id, title, url}, guid, title, link, published,
 *    updated, author, summary, enclosures: [{url, type, length}],
 *    categories: [], read, starred, copies: [{id, feed, link}]}
 */
#ifndef FEEDD_PROTOCOL_H
#define FEEDD_PROTOCOL_H

#include <stddef.h>

#include <jansson.h>

/* 2: new "after" and cursor "advance", items "before", enable and disable,
 * refresh "off", a bad "limit" an error.  3: set; status "in_error", and
 * "failing" after failing_after failures in a row.  4: the FEED of add,
 * set, enable and disable answers has "polled_every"; items lists a story
 * once; cursor set and advance refuse a seq past the newest item.  5:
 * refresh names the feeds it does not poll ("held", "limited", the "held"
 * event); import takes "enabled" and "own_title".  (hello and status say
 * it.) */
#define PROTO_VERSION		5
#define PROTO_LINE_MAX		(1 << 20)	/* request bytes, newline included */
/* Responses: the server keeps item lists under PROTO_ITEMS_BUDGET bytes
 * (and says "more": true when it stopped early); a client accepts lines up
 * to PROTO_RESPONSE_MAX (a feeds list or an export can be long). */
#define PROTO_ITEMS_BUDGET	(8 << 20)
#define PROTO_RESPONSE_MAX	(64 << 20)

/* Error codes, as sent. */
#define PROTO_E_BAD_REQUEST	"bad_request"
#define PROTO_E_UNKNOWN		"unknown_command"
#define PROTO_E_NOT_FOUND	"not_found"
#define PROTO_E_INVALID		"invalid"
#define PROTO_E_EXISTS		"exists"
#define PROTO_E_TOO_LARGE	"too_large"
#define PROTO_E_TOO_SLOW	"too_slow"
#define PROTO_E_BUSY		"busy"
#define PROTO_E_INTERNAL	"internal"

/* Decodes one request line.  Returns the object (caller decrefs) with
 * *cmd pointing into it, or NULL with *code and msg set. */
json_t	*proto_decode(const char *line, size_t len, const char **cmd,
	    const char **code, char *msg, size_t msglen);
/* The id of a request, or null; a new reference. */
json_t	*proto_id(json_t *req);
/* {"id":..,"ok":true} merged with fields (stolen; may be NULL). */
json_t	*proto_ok(json_t *id, json_t *fields);
json_t	*proto_error(json_t *id, const char *code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
json_t	*proto_event(json_t *id, const char *event, json_t *fields);
/* One line, '\n' included; malloc'd. */
char	*proto_encode(json_t *msg, size_t *len);

#endif
