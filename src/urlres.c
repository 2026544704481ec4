#include <ctype.h>
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
