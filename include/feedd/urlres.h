/* Relative URL resolution (RFC 3986) through curl_url. */
#ifndef FEEDD_URLRES_H
#define FEEDD_URLRES_H

#include <curl/curl.h>

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
 * "http://example.org/a"; "http://bücher.example/" is
 * "http://xn--bcher-kva.example/").  Returns a malloc'd string, or NULL when url
 * is not an http or https URL (or out of memory). */
char	*url_normalize(const char *url);

/* url with an IDN host in punycode, which libcurl can fetch in the "C"
 * locale too; a copy of url when its host is ASCII, IDNA refuses it or
 * it does not parse.  Malloc'd; NULL only when out of memory. */
char	*url_ascii_host(const char *url);

/* Punycode form of u's IDN host, curl-allocated, which u then holds; NULL
 * when it cannot be had (libcurl without IDN, a name IDNA rejects).
 * Whatever the locale. */
char	*url_idn_host(CURLU *u);
/* Whether s has no byte above 0x7f. */
int	 url_is_ascii(const char *s);

#endif
