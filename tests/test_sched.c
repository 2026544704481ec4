/*
 * Unit tests for the scheduler (src/sched.c): every rule with fixed inputs
 * and fixed "random" numbers, then the heap against a brute-force model.
 * An optional argument sets the number of model operations (default
 * 100000); the performance run uses ten times as many entries.  Lower it
 * under valgrind.
 */

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedd/sched.h"
#include "tap.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#define MIN		60LL
#define HOUR		3600LL
#define DAY		86400LL
#define RND_LO		0u
#define RND_MID		(UINT32_MAX / 2)
#define RND_HI		UINT32_MAX

/* Monday 2024-01-01 00:00:00 UTC. */
#define MON		1704067200LL
/* Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example. */
#define RFC_DATE	784111777LL

static const struct sched_policy pol = {
	.interval = 30 * MIN, .min_interval = 5 * MIN,
	.max_interval = DAY, .max_backoff = DAY, .failing_after = 10,
};

static struct sched_hints
nohints(void)
{
	struct sched_hints h = { 0, 0, 0, 0, -1, 0 };

	return h;
}

static void
test_interval_sources(void)
{
	struct sched_hints h = nohints();

	is_int(sched_interval(&pol, 0, &h, 0, MON), 30 * MIN,
	    "no hints: the policy interval");
	is_int(sched_interval(&pol, 0, NULL, 0, MON), 30 * MIN,
	    "NULL hints: the policy interval");
	is_int(sched_interval(&pol, HOUR, &h, 0, MON), HOUR,
	    "a feed override wins over the policy");
	is_int(sched_interval(&pol, -5, &h, 0, MON), 30 * MIN,
	    "a negative override is no override");
	is_int(sched_interval(&pol, MIN, &h, 0, MON), 5 * MIN,
	    "an override below min_interval is clamped up");
	is_int(sched_interval(&pol, 3 * DAY, &h, 0, MON), DAY,
	    "an override above max_interval is clamped down");

	h.ttl_minutes = 60;
	is_int(sched_interval(&pol, 0, &h, 0, MON), HOUR, "ttl 60 -> 1 h");
	h.ttl_minutes = 10;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 30 * MIN,
	    "a ttl below the interval does not shorten it");
	h = nohints();
	h.update_seconds = 2 * HOUR;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 2 * HOUR,
	    "sy:updatePeriod 2 h");
	h.update_seconds = -4;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 30 * MIN,
	    "a negative sy value is ignored");
	h = nohints();
	h.max_age = 5000;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 5000, "max-age 5000");
	h.max_age = 0;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 30 * MIN,
	    "max-age 0 asks for nothing");
	h = nohints();
	h.expires = MON + 4000;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 4000, "Expires - now");
	h.expires = MON - 4000;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 30 * MIN,
	    "a past Expires asks for nothing");
	h.ttl_minutes = 90;
	h.update_seconds = 2 * HOUR;
	h.max_age = 3 * HOUR;
	h.expires = MON + 4 * HOUR;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 4 * HOUR,
	    "the largest request wins");
}

static void
test_interval_caps(void)
{
	struct sched_hints h = nohints();

	h.ttl_minutes = 2 * 24 * 60;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 2 * DAY,
	    "ttl may exceed max_interval");
	h.ttl_minutes = 30 * 24 * 60;
	is_int(sched_interval(&pol, 0, &h, 0, MON), SCHED_PUBLISHER_MAX,
	    "ttl is honoured up to 7 days");
	h = nohints();
	h.update_seconds = 365 * DAY;
	is_int(sched_interval(&pol, 0, &h, 0, MON), SCHED_PUBLISHER_MAX,
	    "sy:updatePeriod yearly: 7 days");
	h = nohints();
	h.max_age = 2 * DAY;
	is_int(sched_interval(&pol, 0, &h, 0, MON), DAY,
	    "max-age is honoured up to max_interval only");
	h = nohints();
	h.expires = MON + 365 * DAY;
	is_int(sched_interval(&pol, 0, &h, 0, MON), DAY,
	    "a far-future Expires: max_interval");
	h.ttl_minutes = 3 * 24 * 60;
	is_int(sched_interval(&pol, 0, &h, 0, MON), 3 * DAY,
	    "ttl beyond max_interval with a far Expires: the ttl");
}

static void
test_interval_adapt(void)
{
	struct sched_hints h = nohints();

	is_int(sched_interval(&pol, 0, &h, 10 * HOUR, MON), 5 * HOUR,
	    "gap 10 h > 2 x 30 min: stretched to gap / 2");
	is_int(sched_interval(&pol, 0, &h, HOUR, MON), 30 * MIN,
	    "gap exactly 2 x interval: unchanged");
	is_int(sched_interval(&pol, 0, &h, HOUR + 2, MON), 30 * MIN + 1,
	    "just above 2 x interval: no jump");
	is_int(sched_interval(&pol, 0, &h, 50 * MIN, MON), 30 * MIN,
	    "gap between interval and 2 x: unchanged");
	is_int(sched_interval(&pol, 0, &h, 30 * MIN, MON), 30 * MIN,
	    "gap equal to the interval: unchanged");
	is_int(sched_interval(&pol, 0, &h, 10 * MIN, MON), 20 * MIN,
	    "gap 10 min: half way from 30 min");
	is_int(sched_interval(&pol, 0, &h, 60, MON), 930,
	    "gap 1 min: half way, 15.5 min");
	is_int(sched_interval(&pol, 400, &h, 10, MON), 5 * MIN,
	    "shortening stops at min_interval");
	is_int(sched_interval(&pol, 0, &h, 10 * DAY, MON), DAY,
	    "stretching stops at max_interval");
	is_int(sched_interval(&pol, 0, &h, INT64_MAX, MON), DAY,
	    "a huge gap does not overflow");
	is_int(sched_interval(&pol, 0, &h, -1, MON), 30 * MIN,
	    "a negative gap is unknown");

	h.ttl_minutes = 60;
	is_int(sched_interval(&pol, 0, &h, 60, MON), HOUR,
	    "a short gap never undercuts the ttl");
	is_int(sched_interval(&pol, 0, &h, 10 * HOUR, MON), 5 * HOUR,
	    "a long gap stretches past the ttl");
	h = nohints();
	h.max_age = 25 * MIN;
	is_int(sched_interval(&pol, 0, &h, 60, MON), 25 * MIN,
	    "a short gap never undercuts max-age");
	h = nohints();
	h.expires = MON + 20 * MIN;
	is_int(sched_interval(&pol, 0, &h, 60, MON), 20 * MIN,
	    "a short gap never undercuts Expires");
	h = nohints();
	h.update_seconds = 2 * DAY;
	is_int(sched_interval(&pol, 0, &h, 10 * DAY, MON), 2 * DAY,
	    "a long gap stops at max_interval, sy goes beyond");
}

static void
test_interval_policy(void)
{
	struct sched_policy bad = { 0, 0, 0, 0, 0 };
	struct sched_policy inv = { 600, 900, 300, 0, 0 };

	is_int(sched_interval(&bad, 0, NULL, 0, MON), 1,
	    "an all-zero policy still gives a positive interval");
	is_int(sched_interval(&inv, 0, NULL, 0, MON), 900,
	    "max_interval below min_interval: min_interval");
}

static void
test_next_jitter(void)
{
	is_int(sched_next(MON, 30 * MIN, NULL, RND_LO), MON + 1620,
	    "rnd 0: -10 %");
	is_int(sched_next(MON, 30 * MIN, NULL, RND_MID), MON + 1800,
	    "rnd UINT32_MAX/2: no jitter");
	is_int(sched_next(MON, 30 * MIN, NULL, RND_HI), MON + 1980,
	    "rnd UINT32_MAX: +10 %");
	is_int(sched_next(MON, 0, NULL, RND_MID), MON + 1,
	    "interval 0: the next second");
	is_int(sched_next(MON, -50, NULL, RND_LO), MON + 1,
	    "a negative interval: the next second");
	is_int(sched_next(MON, 30 * DAY, NULL, RND_HI), MON + 8 * DAY,
	    "never beyond now + 8 days");
	is_int(sched_next(MON, 30 * DAY, NULL, RND_LO),
	    MON + 8 * DAY - 8 * DAY / 10,
	    "a long interval is capped before the jitter, which still spreads");
	is_int(sched_next(MON, INT64_MAX, NULL, RND_HI), MON + 8 * DAY,
	    "INT64_MAX does not overflow");
}

static void
test_next_skip(void)
{
	struct sched_hints h = nohints();

	h.skip_hours = 1u << 0 | 1u << 1;
	is_int(sched_next(MON, 10 * MIN, &h, RND_LO), MON + 2 * HOUR,
	    "skipHours 0,1: moved to 02:00");
	is_int(sched_next(MON, 10 * MIN, &h, RND_MID),
	    MON + 2 * HOUR + RND_MID % 300,
	    "moved polls are spread over the first 5 minutes");
	is_int(sched_next(MON, 10 * MIN, &h, RND_HI),
	    MON + 2 * HOUR + RND_HI % 300, "spread, rnd UINT32_MAX");
	is_int(sched_next(MON, 3 * HOUR, &h, RND_MID), MON + 3 * HOUR,
	    "a time already allowed is not moved");
	h.skip_hours = 1u << 23;
	is_int(sched_next(MON - 30 * MIN, 10 * MIN, &h, RND_LO), MON,
	    "skipHours 23 (\"24\" folds to 0 in the parser): next midnight");
	h.skip_hours = 0xffffffu;
	is_int(sched_next(MON, 30 * MIN, &h, RND_MID), MON + 30 * MIN,
	    "all 24 hours skipped: the list is ignored");
	h.skip_hours = 0xffffffffu;
	is_int(sched_next(MON, 30 * MIN, &h, RND_MID), MON + 30 * MIN,
	    "all 32 bits set: ignored as well");
	h.skip_hours = 0xff000000u;
	is_int(sched_next(MON, 30 * MIN, &h, RND_MID), MON + 30 * MIN,
	    "bits above 23 mean nothing");
	h.skip_hours = 0xffffffu & ~(1u << 12);
	is_int(sched_next(MON, 30 * MIN, &h, RND_LO), MON + 12 * HOUR,
	    "only hour 12 allowed: noon");
	h.skip_hours = 0xffffffu & ~(1u << 12);
	is_int(sched_next(MON + 13 * HOUR, 30 * MIN, &h, RND_LO),
	    MON + DAY + 12 * HOUR, "only hour 12 allowed, past it: tomorrow");

	h = nohints();
	h.skip_days = 1u << 1;
	is_int(sched_next(MON, 30 * MIN, &h, RND_LO), MON + DAY,
	    "skipDays Monday: Tuesday 00:00");
	h.skip_days = 1u << 0;
	is_int(sched_next(MON - 2 * HOUR, 30 * MIN, &h, RND_LO), MON,
	    "skipDays Sunday, Sunday 22:00: Monday 00:00");
	h.skip_days = 1u << 1 | 1u << 2;
	h.skip_hours = 0x3f;
	is_int(sched_next(MON, 30 * MIN, &h, RND_LO), MON + 2 * DAY + 6 * HOUR,
	    "Mon, Tue and hours 0-5 skipped: Wednesday 06:00");
	h.skip_days = 0x7f;
	h.skip_hours = 0;
	is_int(sched_next(MON, 30 * MIN, &h, RND_MID), MON + 30 * MIN,
	    "all 7 days skipped: the list is ignored");
	h.skip_days = 0xff;
	is_int(sched_next(MON, 30 * MIN, &h, RND_MID), MON + 30 * MIN,
	    "all 8 bits set: ignored as well");
	h.skip_days = 0x7f & ~(1u << 3);
	is_int(sched_next(MON, 30 * MIN, &h, RND_LO), MON + 2 * DAY,
	    "only Wednesday allowed: Wednesday 00:00");
	h.skip_days = 1u << 1;
	h.skip_hours = 0xffffff;
	is_int(sched_next(MON, 30 * MIN, &h, RND_LO), MON + DAY,
	    "all hours (ignored) and Monday: Tuesday 00:00");
	h.skip_days = 0x7f;
	h.skip_hours = 1u << 0;
	is_int(sched_next(MON, 30 * MIN, &h, RND_LO), MON + HOUR,
	    "all days (ignored) and hour 0: 01:00");
}

static void
test_next_skip_cap(void)
{
	struct sched_hints h = nohints();

	h.skip_days = 1u << 1;
	is_int(sched_next(MON, 7 * DAY, &h, RND_MID), MON + 8 * DAY,
	    "a week, then Monday skipped: exactly 8 days");
	h.skip_days = 1u << 1 | 1u << 2;
	is_int(sched_next(MON, 7 * DAY, &h, RND_MID), MON + 8 * DAY,
	    "pushed past 8 days by the skip list: capped");
	h.skip_days = 0;
	h.skip_hours = 1u << 23;
	is_int(sched_next(0 - 30 * MIN, 10 * MIN, &h, RND_LO), 0,
	    "before 1970 the hours still count right");
	h.skip_hours = 0;
	h.skip_days = 1u << 3;
	is_int(sched_next(0 - 30 * MIN, 10 * MIN, &h, RND_LO), 0,
	    "1969-12-31 is a Wednesday: moved to Thursday");
}

static void
test_backoff(void)
{
	struct sched_policy p = pol;
	static const struct {
		int	 failures;
		int64_t	 want;
	} steps[] = {
		{ 1, 300 }, { 2, 600 }, { 3, 1200 }, { 5, 4800 },
		{ 9, 76800 },
	};
	char what[64];
	size_t i;

	for (i = 0; i < nitems(steps); i++) {
		snprintf(what, sizeof(what), "backoff after %d failures",
		    steps[i].failures);
		is_int(sched_backoff(&p, steps[i].failures, MON, RND_MID),
		    MON + steps[i].want, what);
	}
	is_int(sched_backoff(&p, 1, MON, RND_LO), MON + 270, "rnd 0: -10 %");
	is_int(sched_backoff(&p, 1, MON, RND_HI), MON + 330, "rnd max: +10 %");
	is_int(sched_backoff(&p, 0, MON, RND_MID), MON + 300,
	    "0 failures counts as 1");
	is_int(sched_backoff(&p, 10, MON, RND_MID), MON + DAY,
	    "failing: max_backoff");
	is_int(sched_backoff(&p, 10, MON, RND_LO), MON + DAY - DAY / 10,
	    "failing: max_backoff, jittered");
	is_int(sched_backoff(&p, 1000000, MON, RND_HI), MON + DAY + DAY / 10,
	    "a million failures: no overflow");

	p.max_backoff = HOUR;
	p.failing_after = 0;
	is_int(sched_backoff(&p, 5, MON, RND_MID), MON + HOUR,
	    "doubling capped at max_backoff");
	is_int(sched_backoff(&p, 2147483647, MON, RND_MID), MON + HOUR,
	    "INT_MAX failures: the cap");
	p.interval = 2 * MIN;
	is_int(sched_backoff(&p, 1, MON, RND_MID), MON + 2 * MIN,
	    "an interval under 5 min is the base");
	is_int(sched_backoff(&p, 3, MON, RND_MID), MON + 8 * MIN,
	    "doubled from it");
	p.max_backoff = 0;
	is_int(sched_backoff(&p, 3, MON, RND_MID), MON + 2 * MIN,
	    "max_backoff below the base: the base");
	p.max_backoff = 365 * DAY;
	p.failing_after = 1;
	is_int(sched_backoff(&p, 1, MON, RND_HI), MON + 8 * DAY,
	    "never beyond now + 8 days");

	ok(!sched_is_failing(&pol, 9), "9 failures: not failing");
	ok(sched_is_failing(&pol, 10), "10 failures: failing");
	ok(sched_is_failing(&pol, 11), "11 failures: failing");
	p.failing_after = 0;
	ok(!sched_is_failing(&p, 1000), "failing_after 0: never failing");
}

static void
test_retry_after(void)
{
	const int64_t now = RFC_DATE - 100;

	is_int(sched_retry_after("120", MON), MON + 120, "delta 120");
	is_int(sched_retry_after(" \t120 ", MON), MON + 120, "delta with OWS");
	is_int(sched_retry_after("0", MON), MON, "delta 0");
	is_int(sched_retry_after("-5", MON), MON, "a negative delta: now");
	is_int(sched_retry_after("999999999", MON), MON + 7 * DAY,
	    "a long delta: capped at 7 days");
	is_int(sched_retry_after("99999999999999999999999999", MON),
	    MON + 7 * DAY, "an overflowing delta: capped");
	is_int(sched_retry_after(NULL, MON), 0, "NULL");
	is_int(sched_retry_after("", MON), 0, "empty");
	is_int(sched_retry_after("  ", MON), 0, "blank");
	is_int(sched_retry_after("abc", MON), 0, "garbage");
	is_int(sched_retry_after("12abc", MON), 0, "digits then garbage");
	is_int(sched_retry_after("1.5", MON), 0, "a fraction");
	is_int(sched_retry_after("+5", MON), 0, "a plus sign");
	is_int(sched_retry_after("-", MON), 0, "a lone minus");
	is_int(sched_retry_after("- 5", MON), 0, "a minus and a space");

	is_int(sched_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
	    RFC_DATE, "IMF-fixdate");
	is_int(sched_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
	    RFC_DATE, "RFC 850 date");
	is_int(sched_retry_after("Sun Nov  6 08:49:37 1994", now), RFC_DATE,
	    "asctime date");
	is_int(sched_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", MON), MON,
	    "a past date: now");
	is_int(sched_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", MON),
	    MON + 7 * DAY, "a far date: capped at 7 days");
	is_int(sched_retry_after("Sun, 32 Nov 1994 08:49:37 GMT", now), 0,
	    "day 32");
	is_int(sched_retry_after("Sun, 06 Foo 1994 08:49:37 GMT", now), 0,
	    "month Foo");
	is_int(sched_retry_after("tomorrow", now), 0, "a word");
}

static const struct {
	const char	*in;
	int64_t		 want;
} dates[] = {
	{ "Sun, 06 Nov 1994 08:49:37 GMT", RFC_DATE },
	{ "Sunday, 06-Nov-94 08:49:37 GMT", RFC_DATE },
	{ "Sun Nov  6 08:49:37 1994", RFC_DATE },
	{ "Sun Nov 06 08:49:37 1994", RFC_DATE },
	{ "sun, 06 nov 1994 08:49:37 gmt", RFC_DATE },
	{ "SUN, 06 NOV 1994 08:49:37 GMT", RFC_DATE },
	{ "  Sun, 06 Nov 1994 08:49:37 GMT  ", RFC_DATE },
	{ "Sun, 6 Nov 1994 08:49:37 GMT", RFC_DATE },
	{ "Sun,06 Nov 1994 08:49:37 GMT", RFC_DATE },
	{ "06 Nov 1994 08:49:37 GMT", RFC_DATE },
	{ "Mon, 06 Nov 1994 08:49:37 GMT", RFC_DATE },	/* wrong weekday */
	{ "Sun, 06 Nov 1994 08:49:37 UTC", RFC_DATE },
	{ "Sun, 06 Nov 1994 08:49:37 UT", RFC_DATE },
	{ "Sun, 06 Nov 1994 08:49:37 Z", RFC_DATE },
	{ "Sun, 06 Nov 1994 08:49:37 +0000", RFC_DATE },
	{ "Sun, 06 Nov 1994 08:49:37", RFC_DATE },
	{ "Sun, 06 Nov 1994 09:49:37 +0100", RFC_DATE },
	{ "Sun, 06 Nov 1994 03:49:37 EST", RFC_DATE },
	{ "Sun, 06 Nov 1994 00:49:37 PST", RFC_DATE },
	{ "Sun, 06 Nov 1994 03:19:37 -0530", RFC_DATE },
	{ "Sun Nov  6 08:49:37 1994 GMT", RFC_DATE },
	{ "Thu, 01 Jan 1970 00:00:01 GMT", 1 },
	{ "Tue, 19 Jan 2038 03:14:08 GMT", 2147483648LL },
	{ "Wednesday, 01-Jan-20 00:00:00 GMT", 1577836800LL },
	{ "Friday, 01-Jan-99 00:00:00 GMT", 915148800LL },
	{ "Thu, 29 Feb 2024 12:00:00 GMT", 1709208000LL },
	{ "Sat, 31 Dec 2016 23:59:60 GMT", 1483228800LL },
	{ "Fri, 31 Dec 9999 23:59:59 GMT", 253402300799LL },
	{ "Mon, 01 Jan 1900 00:00:00 GMT", -2208988800LL },
	/* Invalid. */
	{ NULL, 0 },
	{ "", 0 },
	{ "0", 0 },
	{ "-1", 0 },
	{ "1", 0 },
	{ "never", 0 },
	{ "Sun, 06 Nov 1994", 0 },
	{ "Sun, 06 Nov 1994 08:49 GMT", 0 },
	{ "Sun, 06 Nov 1994 08:49:37 GMT junk", 0 },
	{ "Sun, 06 Nov 1994 08:49:37 XYZ", 0 },
	{ "Sun, 06 Nov 1994 08:49:37 +2500", 0 },
	{ "Sun, 06 Nov 1994 24:00:00 GMT", 0 },
	{ "Sun, 06 Nov 1994 08:60:00 GMT", 0 },
	{ "Sun, 06 Nov 1994 08:49:61 GMT", 0 },
	{ "Sun, 00 Nov 1994 08:49:37 GMT", 0 },
	{ "Sun, 31 Nov 1994 08:49:37 GMT", 0 },
	{ "Wed, 29 Feb 2023 12:00:00 GMT", 0 },
	{ "Mon, 29 Feb 1900 12:00:00 GMT", 0 },
	{ "Sun, 06 November 1994 08:49:37 GMT", 0 },
	{ "Sun, 06 Nov 994 08:49:37 GMT", 0 },
	{ "Sun, 06 Nov 19940 08:49:37 GMT", 0 },
	{ "Sun, 006 Nov 1994 08:49:37 GMT", 0 },
	{ "Sun, 06-Nov 1994 08:49:37 GMT", 0 },
	{ "Sun, 06 Nov 1899 08:49:37 GMT", 0 },
	{ "Funday, 06 Nov 1994 08:49:37 GMT", 0 },
	{ "Sun Nov  6 08:49:37 94", 0 },
	{ "Sun Nov  6 08:49:37", 0 },
	{ "1994-11-06T08:49:37Z", 0 },
};

static void
test_http_date(void)
{
	char what[96];
	size_t i;

	for (i = 0; i < nitems(dates); i++) {
		snprintf(what, sizeof(what), "http date \"%s\"",
		    dates[i].in ? dates[i].in : "(null)");
		is_int(sched_http_date(dates[i].in), dates[i].want, what);
	}
}

static const struct {
	const char	*in;
	int64_t		 want;
} ccs[] = {
	{ "max-age=600", 600 },
	{ "public, max-age=60", 60 },
	{ "max-age=\"60\"", 60 },
	{ "no-cache", -1 },
	{ "no-store", -1 },
	{ "s-maxage=9, max-age=3", 3 },
	{ "s-maxage=9", -1 },
	{ "max-age=3, s-maxage=9", 3 },
	{ "MAX-AGE=600", 600 },
	{ "Public,Max-Age=60,must-revalidate", 60 },
	{ "  max-age=60  ", 60 },
	{ "max-age = 60", 60 },
	{ "max-age=0", 0 },
	{ "max-age=60, no-cache", -1 },
	{ "no-store, max-age=60", -1 },
	{ "No-Cache", -1 },
	{ "no-cache=\"Set-Cookie\", max-age=60", -1 },
	{ "max-age=60, max-age=120", 60 },
	{ "max-age=abc, max-age=120", 120 },
	{ "max-age=abc", -1 },
	{ "max-age=-5", -1 },
	{ "max-age=6O", -1 },
	{ "max-age=", -1 },
	{ "max-age", -1 },
	{ "max-ages=60", -1 },
	{ "xmax-age=60", -1 },
	{ "max-age=\"60", 60 },
	{ "max-age=\"6 0\"", -1 },
	{ "private=\"a, max-age=5\", max-age=7", 7 },
	{ "max-age=99999999999999999999", 2147483648LL },
	{ ",,, ,max-age=60,,", 60 },
	{ "", -1 },
	{ NULL, -1 },
};

static void
test_max_age(void)
{
	char what[96];
	size_t i;

	for (i = 0; i < nitems(ccs); i++) {
		snprintf(what, sizeof(what), "Cache-Control \"%s\"",
		    ccs[i].in ? ccs[i].in : "(null)");
		is_int(sched_max_age(ccs[i].in), ccs[i].want, what);
	}
}

/* The heap */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: the same sequence on every run and every platform. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static void
test_heap_basics(void)
{
	struct sched_heap *h = sched_heap_new();
	int64_t id = 7, due = 7;

	ok(h != NULL, "heap created");
	is_int(sched_heap_size(h), 0, "empty");
	is_int(sched_heap_peek(h, &id, &due), 1, "peek on empty: 1");
	is_int(sched_heap_pop(h, &id, &due), 1, "pop on empty: 1");
	ok(id == 7 && due == 7, "outputs untouched when empty");
	is_int(sched_heap_remove(h, 5), 1, "remove absent: 1");
	is_int(sched_heap_due(h, 5), -1, "due of absent: -1");

	is_int(sched_heap_set(h, 10, 300), 0, "set 10");
	is_int(sched_heap_set(h, 20, 100), 0, "set 20");
	is_int(sched_heap_set(h, 30, 200), 0, "set 30");
	is_int(sched_heap_size(h), 3, "three entries");
	ok(sched_heap_peek(h, &id, &due) == 0 && id == 20 && due == 100,
	    "peek: the earliest");
	is_int(sched_heap_due(h, 30), 200, "due of 30");
	is_int(sched_heap_set(h, 10, 50), 0, "move 10 earlier");
	ok(sched_heap_peek(h, &id, NULL) == 0 && id == 10, "10 now first");
	is_int(sched_heap_set(h, 10, 400), 0, "move 10 later");
	is_int(sched_heap_size(h), 3, "a move does not add");
	is_int(sched_heap_remove(h, 20), 0, "remove 20");
	is_int(sched_heap_remove(h, 20), 1, "remove 20 again: absent");
	is_int(sched_heap_set(h, 40, 200), 0, "set 40, same due as 30");
	ok(sched_heap_pop(h, &id, &due) == 0 && id == 30 && due == 200,
	    "equal dues: the smaller id first");
	ok(sched_heap_pop(h, &id, &due) == 0 && id == 40 && due == 200,
	    "then the larger");
	ok(sched_heap_pop(h, &id, &due) == 0 && id == 10 && due == 400,
	    "then the latest");
	is_int(sched_heap_size(h), 0, "empty again");
	is_int(sched_heap_due(h, 10), -1, "popped ids are absent");
	ok(sched_heap_set(h, INT64_MIN, 1) == 0 &&
	    sched_heap_set(h, -1, 0) == 0 && sched_heap_set(h, 0, 2) == 0,
	    "any int64 is an id");
	ok(sched_heap_pop(h, &id, NULL) == 0 && id == -1, "id -1 first");
	ok(sched_heap_pop(h, &id, NULL) == 0 && id == INT64_MIN,
	    "INT64_MIN second");
	sched_heap_free(h);
	sched_heap_free(NULL);
}

#define POOL	512

struct model {
	int64_t	 id[POOL];
	int64_t	 due[POOL];
	int	 in[POOL];
	size_t	 n;
};

/* Sparse ids, with clusters (consecutive rowids) and multiples of a large
 * power of two, which a weak hash would pile into one chain. */
static void
model_init(struct model *m)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < POOL; i++) {
		if (i % 3 == 0)
			m->id[i] = 1000000 + (int64_t)i;
		else if (i % 3 == 1)
			m->id[i] = (int64_t)i << 32;
		else
			m->id[i] = (int64_t)(rng() >> 1);
	}
}

/* The earliest entry by (due, id), the long way; -1 when empty. */
static int
model_min(const struct model *m)
{
	int best = -1, i;

	for (i = 0; i < POOL; i++) {
		if (!m->in[i])
			continue;
		if (best == -1 || m->due[i] < m->due[best] ||
		    (m->due[i] == m->due[best] && m->id[i] < m->id[best]))
			best = i;
	}
	return best;
}

/* One random operation on both; returns 0 when they agree.  In filling
 * phases most operations are sets, in draining ones removes and pops, so
 * that the heap grows and shrinks through its resizing thresholds. */
static int
model_step(struct sched_heap *h, struct model *m, int filling)
{
	int k = (int)(rng() % POOL), op = (int)(rng() % 10), best;
	/* A narrow range of dues, so that ties are common. */
	int64_t due = (int64_t)(rng() % 5000), id, d;

	if (op < (filling ? 7 : 2)) {
		if (sched_heap_set(h, m->id[k], due) != 0)
			return -1;
		m->n += !m->in[k];
		m->in[k] = 1;
		m->due[k] = due;
	} else if (op < (filling ? 8 : 6)) {
		if (sched_heap_remove(h, m->id[k]) != !m->in[k])
			return -1;
		m->n -= m->in[k];
		m->in[k] = 0;
	} else {
		best = model_min(m);
		if (best == -1)
			return sched_heap_pop(h, &id, &d) == 1 ? 0 : -1;
		if (sched_heap_pop(h, &id, &d) != 0 || id != m->id[best] ||
		    d != m->due[best])
			return -1;
		m->in[best] = 0;
		m->n--;
	}
	if (sched_heap_size(h) != m->n)
		return -1;
	k = (int)(rng() % POOL);
	return sched_heap_due(h, m->id[k]) == (m->in[k] ? m->due[k] : -1) ?
	    0 : -1;
}

static void
test_heap_model(long ops)
{
	struct sched_heap *h = sched_heap_new();
	struct model *m = malloc(sizeof(*m));
	long i, bad = -1;
	size_t most = 0;
	int64_t id, d, last_due = INT64_MIN, last_id = INT64_MIN;
	int best, sorted = 1;

	if (h == NULL || m == NULL)
		exit(99);
	model_init(m);
	for (i = 0; i < ops && bad == -1; i++) {
		if (model_step(h, m, i / 3000 % 2 == 0) == -1)
			bad = i;
		if (m->n > most)
			most = m->n;
	}
	if (!ok(bad == -1, "heap agrees with the model on every operation"))
		printf("#   first disagreement at operation %ld\n", bad);
	printf("# %ld operations, at most %zu entries, %zu left\n", ops,
	    most, m->n);
	while ((best = model_min(m)) != -1) {
		if (sched_heap_pop(h, &id, &d) != 0 || id != m->id[best] ||
		    d != m->due[best] || d < last_due ||
		    (d == last_due && id <= last_id))
			sorted = 0;
		last_due = d;
		last_id = id;
		m->in[best] = 0;
	}
	ok(sorted, "draining gives the model's order");
	is_int(sched_heap_size(h), 0, "drained");
	free(m);
	sched_heap_free(h);
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_heap_perf(long n)
{
	struct sched_heap *h = sched_heap_new();
	int64_t id, due, last = INT64_MIN;
	double t0, t1, t2;
	long i, popped = 0;
	int failed = 0, sorted = 1;

	if (h == NULL)
		exit(99);
	t0 = seconds();
	for (i = 0; i < n; i++)
		failed |= sched_heap_set(h, (int64_t)(rng() >> 24) * 4 + i % 4,
		    MON + (int64_t)(rng() % (7 * DAY))) != 0;
	t1 = seconds();
	ok(!failed, "bulk insert");
	printf("# %zu distinct entries\n", sched_heap_size(h));
	while (sched_heap_pop(h, &id, &due) == 0) {
		if (due < last)
			sorted = 0;
		last = due;
		popped++;
	}
	t2 = seconds();
	ok(sorted, "bulk pop in due order");
	ok(popped > 0 && sched_heap_size(h) == 0, "bulk pop drains");
	printf("# %ld push: %.3f s, %ld pop: %.3f s\n", n, t1 - t0, popped,
	    t2 - t1);
	sched_heap_free(h);
}

int
main(int argc, char *argv[])
{
	long ops = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;

	if (ops <= 0)
		ops = 100000;
	test_interval_sources();
	test_interval_caps();
	test_interval_adapt();
	test_interval_policy();
	test_next_jitter();
	test_next_skip();
	test_next_skip_cap();
	test_backoff();
	test_retry_after();
	test_http_date();
	test_max_age();
	test_heap_basics();
	test_heap_model(ops);
	test_heap_perf(ops * 10);
	return tap_done();
}
