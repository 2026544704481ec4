/* Relative URL resolution (RFC 3986) through curl_url. */
#ifndef FEEDD_URLRES_H
#define FEEDD_URLRES_H

/* True when s starts with a URL scheme ("http:", "mailto:", ...). */
int	 url_has_scheme(const char *s);

/* Resolves ref against base.  Returns a malloc'd string: the resolved URL,
 * or a copy of ref when it is already absolute or cannot be resolved
 * (no base, or a base that is not an absolute URL).  NULL only when out
 * of memory. */
char	*url_resolve(const char *base, const char *ref);

/* The one spelling of an http(s) URL a subscription is kept under: scheme
 * and ASCII host in lower case, no default port, no "." or ".." segments,
 * no fragment, no empty query ("HTTP://Example.org:80/./a?#x" is
 * "http://example.org/a").  Returns a malloc'd string, or NULL when url
 * is not an http or https URL (or out of memory). */
char	*url_normalize(const char *url);

#endif
