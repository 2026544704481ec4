/* newlocale() and uselocale() are POSIX.1-2008, outside plain -std=c11. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "feedd/urlres.h"

int
url_has_scheme(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

char *
url_resolve(const char *base, const char *ref)
{
	CURLU *u;
	char *got = NULL, *out;
	/* Feeds carry schemes curl does not fetch (mailto:, tag:, urn:) and
	 * spaces that browsers tolerate: resolve them all the same. */
	unsigned flags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;

	/* An absolute reference is kept exactly as the feed wrote it. */
	if (base == NULL || *base == '\0' || url_has_scheme(ref) ||
	    !url_has_scheme(base))
		return strdup(ref);
	if (*ref == '\0')
		return strdup(base);	/* RFC 3986 5.2.2: the base itself */
	if ((u = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, flags) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_URL, ref, flags) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &got, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return strdup(ref);
	}
	curl_url_cleanup(u);
	out = strdup(got);
	curl_free(got);
	return out;
}

int
url_is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

char *
url_idn_host(CURLU *u)
{
	char *host = NULL;
#ifdef CURLU_PUNYCODE
	locale_t utf8, old;

	/* libcurl 7.88 passes the name to idn2_lookup_ul(), which decodes it
	 * in the locale's charset: under the "C" locale a daemon runs with,
	 * every non-ASCII name fails.  Switch this thread alone to UTF-8 for
	 * the call; setlocale() would change it under the other threads. */
	if ((utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0)) ==
	    (locale_t)0)
		return NULL;
	old = uselocale(utf8);
	if (curl_url_get(u, CURLUPART_HOST, &host, CURLU_PUNYCODE) !=
	    CURLUE_OK) {
		/* libcurl 7.88.1 fails a name IDNA rejects with
		 * CURLUE_OUT_OF_MEMORY but leaves the unconverted copy in
		 * host: free it (host is NULL where curl set nothing). */
		curl_free(host);
		host = NULL;
	} else if (curl_url_set(u, CURLUPART_HOST, host, 0) != CURLUE_OK) {
		/* IDNA maps some characters to ASCII punctuation (U+037E,
		 * the Greek question mark, to ';'): a name curl will not take
		 * back (u keeps its host then; it takes the punycode one
		 * otherwise) counts as one IDNA refused. */
		curl_free(host);
		host = NULL;
	}
	uselocale(old);
	freelocale(utf8);
#else
	(void)u;
#endif
	return host;
}

char *
url_ascii_host(const char *url)
{
	CURLU *u;
	char *host = NULL, *got = NULL, *out;

	if (url_is_ascii(url) || (u = curl_url()) == NULL)
		return strdup(url);
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    !url_is_ascii(host)) {
		curl_free(host);
		/* u takes the punycode host, or keeps its own. */
		if ((host = url_idn_host(u)) != NULL)
			curl_url_get(u, CURLUPART_URL, &got, 0);
	}
	out = strdup(got ? got : url);
	curl_free(got);
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

char *
url_normalize(const char *url)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL, *got = NULL, *out = NULL, *p;

	if ((u = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		goto done;
	/* Kept under the punycode name, which the daemon can fetch in
	 * any locale and a lookup by either spelling finds. */
	if (!url_is_ascii(host) && (p = url_idn_host(u)) != NULL) {
		curl_free(host);
		host = p;
	}
	/* DNS names are case-blind; non-ASCII ones are left to IDNA. */
	for (p = host; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (curl_url_set(u, CURLUPART_HOST, host, 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &got, CURLU_NO_DEFAULT_PORT) !=
	    CURLUE_OK)
		goto done;
	out = strdup(got);
done:
	curl_free(got);
	curl_free(host);
	curl_free(scheme);
	curl_url_cleanup(u);
	return out;
}
