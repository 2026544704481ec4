/*
 * libFuzzer harness: canon_url() (include/feedd/canon.h).
 *
 * The input, NUL-terminated, is a URL.  A canonical form must be its own
 * canonical form: canon_url(canon_url(x)) == canon_url(x).  The one
 * allowed exception is a canonical form longer than CANON_URL_MAX (curl's
 * percent-encoding can triple an input that was under the limit), which
 * canon_url() refuses by contract.
 */
#include "fuzz.h"

#include "feedd/canon.h"

int
FUZZ_ENTRY(canon)(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size), *c1, *c2;
	size_t len, i;

	if ((c1 = canon_url(s)) != NULL) {
		len = strlen(c1);
		FUZZ_CHECK(strncmp(c1, "http://", 7) == 0,
		    "\"%s\" -> \"%s\"", s, c1);
		c2 = canon_url(c1);
		if (c2 == NULL)
			FUZZ_CHECK(len > CANON_URL_MAX,
			    "\"%s\" -> \"%s\" -> NULL", s, c1);
		else
			FUZZ_CHECK(strcmp(c1, c2) == 0,
			    "not idempotent: \"%s\" -> \"%s\" -> \"%s\"", s,
			    c1, c2);
		free(c2);
		free(c1);
	}
	/* The tracking-parameter test takes counted bytes. */
	for (i = 0; i < size && i < 32; i++)
		fuzz_sink += (size_t)canon_is_tracking_param((const char *)data,
		    i);
	free(s);
	return 0;
}
