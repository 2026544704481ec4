/*
 * libFuzzer harness: date_parse() and date_format() (include/feedd/date.h).
 *
 * The whole input, NUL-terminated, is a date string.  A date that parses
 * within Python's datetime range (years 1-9999, the parser's own bounds)
 * must survive date_format() and parse back to the same second.  The
 * first eight input bytes are also formatted as an arbitrary int64_t, into
 * a full and into a truncating buffer.
 */
#include "fuzz.h"

#include "feedd/date.h"

#define DATE_FUZZ_MIN	(-62135596800LL)	/* 0001-01-01T00:00:00Z */
#define DATE_FUZZ_MAX	253402300799LL		/* 9999-12-31T23:59:59Z */

int
FUZZ_ENTRY(date)(const uint8_t *data, size_t size)
{
	char buf[64], small[8];
	char *s = fuzz_strndup(data, size);
	int64_t t, t2;
	uint64_t u = 0;
	size_t i;

	if (date_parse(s, &t) == 0) {
		memset(buf, 'x', sizeof(buf));
		date_format(t, buf, sizeof(buf));
		FUZZ_CHECK(memchr(buf, '\0', sizeof(buf)) != NULL,
		    "date_format left no NUL");
		if (t >= DATE_FUZZ_MIN && t <= DATE_FUZZ_MAX) {
			FUZZ_CHECK(strlen(buf) == 20,
			    "\"%s\" formats as \"%s\"", s, buf);
			FUZZ_CHECK(date_parse(buf, &t2) == 0,
			    "\"%s\" -> %lld -> \"%s\" does not parse", s,
			    (long long)t, buf);
			FUZZ_CHECK(t2 == t, "\"%s\" -> %lld -> \"%s\" -> %lld",
			    s, (long long)t, buf, (long long)t2);
		}
		/* The NULL out pointer is allowed and must agree. */
		FUZZ_CHECK(date_parse(s, NULL) == 0, "\"%s\": out=NULL", s);
	}
	free(s);

	for (i = 0; i < 8 && i < size; i++)
		u = u << 8 | data[i];
	date_format((int64_t)u, buf, sizeof(buf));
	fuzz_touch(buf);
	date_format((int64_t)u, small, sizeof(small));
	FUZZ_CHECK(memchr(small, '\0', sizeof(small)) != NULL,
	    "date_format overran a short buffer");
	return 0;
}
