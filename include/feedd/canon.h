/* Canonical URLs: one spelling per story, so that the same article reached
 * through different feeds (or through one feed that decorates its links)
 * is recognised as the same item. */
#ifndef FEEDD_CANON_H
#define FEEDD_CANON_H

#include <stddef.h>

/* Longest URL canon_url() accepts, in bytes (surrounding blanks excluded). */
#define CANON_URL_MAX	8192

/* Canonical form of a URL for identity and cross-feed story matching.
 * Returns a malloc'd string, or NULL when url is not an absolute http(s)
 * URL (other schemes, garbage, longer than CANON_URL_MAX) or when out of
 * memory.
 *
 * The form is "http://host[:port]/path[?query]":
 *  - the scheme is always written "http": http and https name one story;
 *  - host lower-cased, IDN converted to punycode, leading "www." labels
 *    dropped while a dot is left after them;
 *  - the port is dropped when it is the default of the scheme given, and
 *    80 always: the form is written "http";
 *  - canon_url() of a canonical form is that form;
 *  - userinfo and fragment dropped;
 *  - path: dot segments removed, empty path becomes "/", a trailing "/"
 *    is kept;
 *  - query: tracking parameters (canon_is_tracking_param()) and empty
 *    parameters removed, the rest sorted by name then value; "?" dropped
 *    when nothing is left;
 *  - percent-encoding: hex digits upper-cased, unreserved characters
 *    decoded (RFC 3986 6.2.2), everything else kept as written;
 *  - blanks around the URL are ignored; inside it, non-ASCII bytes are
 *    percent-encoded and a space becomes "%20" in the path, "+" in the
 *    query (curl's CURLU_URLENCODE). */
char	*canon_url(const char *url);

/* True when the query parameter name (len bytes, not NUL-terminated,
 * compared case-insensitively) is a tracking parameter. */
int	 canon_is_tracking_param(const char *name, size_t len);

#endif
