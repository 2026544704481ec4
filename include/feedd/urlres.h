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

#endif
