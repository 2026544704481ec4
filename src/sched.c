/*
 * Poll scheduling.  Everything but the heap is a pure function: the caller
 * passes the clock and the randomness, so that every rule can be tested
 * with fixed inputs.  No libc time zone or locale is involved: the few
 * calendar sums needed are done here.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feedd/sched.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#define HOUR		3600LL
#define DAY		86400LL
#define ALL_HOURS	0xffffffu
#define ALL_DAYS	0x7fu
/* The sub-hour spread of polls moved by skipHours/skipDays. */
#define SKIP_SPREAD	300
/* RFC 9111 5.2: a max-age too large to hold is taken as 2^31. */
#define MAX_AGE_MAX	2147483648LL

static int64_t
min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int64_t
clamp64(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Floor division, so that times before 1970 still get the right hour. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Intervals */

/* d +- 10 %.  Rounded so that rnd = UINT32_MAX / 2 gives d exactly; the
 * callers keep d <= SCHED_MAX_DELAY, far from overflow. */
static int64_t
jitter(int64_t d, uint32_t rnd)
{
	int64_t tenth = d / 10;

	return d - tenth +
	    (2 * tenth * (int64_t)rnd + UINT32_MAX / 2) / UINT32_MAX;
}

/* A policy may come from a hand-edited file: make it usable whatever. */
static void
bounds(const struct sched_policy *p, int64_t *lo, int64_t *hi)
{
	*lo = max64(p->min_interval, 1);
	*hi = max64(p->max_interval, *lo);
}

/* The configured interval moved towards what the feed's pace suggests:
 * continuous in gap, so that small changes in the average never make the
 * schedule jump. */
static int64_t
adapt(int64_t c, int64_t gap)
{
	if (gap <= 0)
		return c;
	if (gap / 2 > c)
		return gap / 2;	/* about two polls per new item */
	if (gap < c)
		return c - (c - gap) / 2;
	return c;
}

/* ttl and sy:update*: the feed itself asking to be polled less often. */
static int64_t
feed_request(const struct sched_hints *h)
{
	int64_t r = 0;

	if (h->ttl_minutes > 0)
		r = (int64_t)h->ttl_minutes * 60;
	if (h->update_seconds > r)
		r = h->update_seconds;
	return min64(r, SCHED_PUBLISHER_MAX);
}

/* Cache freshness: how long the response may be reused as it is. */
static int64_t
http_request(const struct sched_hints *h, int64_t now)
{
	int64_t r = max64(h->max_age, 0);

	if (h->expires > now && h->expires - now > r)
		r = h->expires - now;
	return r;
}

int64_t
sched_interval(const struct sched_policy *p, int64_t feed_interval,
    const struct sched_hints *h, int64_t avg_gap, int64_t now)
{
	int64_t lo, hi, c;

	bounds(p, &lo, &hi);
	c = clamp64(feed_interval > 0 ? feed_interval : p->interval, lo, hi);
	/* Beyond a year the pace says nothing more; it also keeps sums
	 * from overflowing. */
	c = clamp64(adapt(c, min64(avg_gap, 365 * DAY)), lo, hi);
	if (h == NULL)
		return c;
	c = max64(c, feed_request(h));
	return max64(c, min64(http_request(h, now), hi));
}

/* Skip lists */

static int
skipped(int64_t t, uint32_t hours, unsigned days)
{
	int64_t day = floordiv(t, DAY);
	int hour = (int)((t - day * DAY) / HOUR);
	int wday = (int)((day % 7 + 7 + 4) % 7);	/* 1970-01-01: Thursday */

	return (hours >> hour & 1) || (days >> wday & 1);
}

/* The start of the first allowed hour after t's.  One exists within a week
 * as long as neither list covers everything. */
static int64_t
next_allowed(int64_t t, uint32_t hours, unsigned days)
{
	int64_t start = floordiv(t, HOUR) * HOUR;
	int i;

	for (i = 0; i < 7 * 24; i++) {
		start += HOUR;
		if (!skipped(start, hours, days))
			break;
	}
	return start;
}

int64_t
sched_next(int64_t now, int64_t interval, const struct sched_hints *h,
    uint32_t rnd)
{
	uint32_t hours = h ? h->skip_hours & ALL_HOURS : 0;
	unsigned days = h ? h->skip_days & ALL_DAYS : 0;
	int64_t t;

	/* Skipping everything is a broken feed, not a wish to be forgotten. */
	if (hours == ALL_HOURS)
		hours = 0;
	if (days == ALL_DAYS)
		days = 0;
	t = now + jitter(clamp64(interval, 1, SCHED_MAX_DELAY), rnd);
	if (skipped(t, hours, days))
		t = next_allowed(t, hours, days) + rnd % SKIP_SPREAD;
	return min64(t, now + SCHED_MAX_DELAY);
}

/* Failures */

int
sched_is_failing(const struct sched_policy *p, int failures)
{
	return p->failing_after > 0 && failures >= p->failing_after;
}

int64_t
sched_backoff(const struct sched_policy *p, int failures, int64_t now,
    uint32_t rnd)
{
	int64_t base = clamp64(p->interval, 1, SCHED_BACKOFF_BASE);
	int64_t cap = clamp64(p->max_backoff, base, SCHED_MAX_DELAY);
	int64_t d = base;
	int i;

	if (sched_is_failing(p, failures))
		d = cap;
	/* Stops doubling at the cap: no overflow whatever failures is. */
	for (i = 1; i < failures && d < cap; i++)
		d *= 2;
	d = min64(d, cap);
	return min64(now + jitter(d, rnd), now + SCHED_MAX_DELAY);
}

/* Characters, without the locale's say */

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_ows(int c)
{
	return c == ' ' || c == '\t';
}

static const char *
skip_ows(const char *p)
{
	while (is_ows(*p))
		p++;
	return p;
}

static size_t
count_alpha(const char *p)
{
	size_t n = 0;

	while (is_alpha(p[n]))
		n++;
	return n;
}

/* Case-insensitive: are the n bytes at p exactly word? */
static int
word_is(const char *p, size_t n, const char *word)
{
	size_t i;

	if (strlen(word) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(p[i]) != word[i])
			return 0;
	return 1;
}

/* Decimal digits at *pp, saturating at cap; -1 when there are none. */
static int64_t
parse_uint(const char **pp, int64_t cap)
{
	const char *p = *pp;
	int64_t v = 0;

	if (!is_digit(*p))
		return -1;
	for (; is_digit(*p); p++)
		v = v > (cap - (*p - '0')) / 10 ? cap : v * 10 + (*p - '0');
	*pp = p;
	return v;
}

/* Between min and max digits exactly; -1 otherwise. */
static int
parse_fixed(const char **pp, int min, int max)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (is_digit(*p) && n < max) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n < min || is_digit(*p))
		return -1;
	*pp = p;
	return v;
}

/* HTTP dates (RFC 9110 5.6.7) */

struct hdate {
	int	 year, mon, day;	/* mon 1-12 */
	int	 hour, min, sec;
	int	 off;			/* zone offset, seconds east of UTC */
};

static const char *const wdays[] = { "sunday", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday" };
static const char *const months[] = { "jan", "feb", "mar", "apr", "may",
    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

/* The weekday is checked for being one, not for being the right one: a
 * wrong weekday is a sloppy server, not a wrong date. */
static int
is_wday(const char *p, size_t n)
{
	char abbr[4];
	size_t i;

	for (i = 0; i < nitems(wdays); i++) {
		memcpy(abbr, wdays[i], 3);
		abbr[3] = '\0';
		if (word_is(p, n, wdays[i]) || word_is(p, n, abbr))
			return 1;
	}
	return 0;
}

/* A three-letter month name at *pp: 1-12, or -1. */
static int
parse_month(const char **pp)
{
	size_t i, n = count_alpha(*pp);

	for (i = 0; i < nitems(months); i++) {
		if (word_is(*pp, n, months[i])) {
			*pp += n;
			return (int)i + 1;
		}
	}
	return -1;
}

/* hh:mm:ss */
static int
parse_time(const char **pp, struct hdate *d)
{
	const char *p = *pp;

	if ((d->hour = parse_fixed(&p, 1, 2)) == -1 || *p++ != ':' ||
	    (d->min = parse_fixed(&p, 2, 2)) == -1 || *p++ != ':' ||
	    (d->sec = parse_fixed(&p, 2, 2)) == -1)
		return -1;
	*pp = p;
	return 0;
}

static const struct {
	const char	*name;
	int		 hours;
} zones[] = {
	{ "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 },
	{ "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
	{ "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
};

/* The zone and the end of the string.  HTTP says GMT only; the others are
 * the mistakes servers are known to make.  No zone counts as GMT, as
 * asctime has none. */
static int
parse_zone(const char *p, struct hdate *d)
{
	size_t i, n;
	int v;

	p = skip_ows(p);
	d->off = 0;
	if ((*p == '+' || *p == '-') && is_digit(p[1])) {
		int sign = *p++ == '-' ? -1 : 1;

		if ((v = parse_fixed(&p, 4, 4)) == -1 || v / 100 > 23 ||
		    v % 100 > 59)
			return -1;
		d->off = sign * (v / 100 * 3600 + v % 100 * 60);
	} else if ((n = count_alpha(p)) > 0) {
		for (i = 0; i < nitems(zones); i++)
			if (word_is(p, n, zones[i].name))
				break;
		if (i == nitems(zones))
			return -1;
		d->off = zones[i].hours * 3600;
		p += n;
	}
	return *skip_ows(p) == '\0' ? 0 : -1;
}

/* RFC 850 years: the 1970-2069 window, fixed so that answers never depend
 * on today's date. */
static int
full_year(int y, int digits)
{
	if (digits != 2)
		return y;
	return y < 70 ? 2000 + y : 1900 + y;
}

/* "06 Nov 1994 08:49:37 GMT" (IMF-fixdate) or "06-Nov-94 08:49:37 GMT"
 * (RFC 850), what follows the weekday and its comma. */
static int
parse_dmy(const char *p, struct hdate *d)
{
	const char *y;
	char sep;

	p = skip_ows(p);
	if ((d->day = parse_fixed(&p, 1, 2)) == -1)
		return -1;
	if ((sep = *p) != ' ' && sep != '-')
		return -1;
	p = sep == ' ' ? skip_ows(p) : p + 1;
	if ((d->mon = parse_month(&p)) == -1 || *p != sep)
		return -1;
	p = sep == ' ' ? skip_ows(p) : p + 1;
	y = p;
	if ((d->year = parse_fixed(&p, 2, 4)) == -1 || p - y == 3)
		return -1;
	d->year = full_year(d->year, (int)(p - y));
	if (!is_ows(*p))
		return -1;
	p = skip_ows(p);
	if (parse_time(&p, d) == -1)
		return -1;
	return parse_zone(p, d);
}

/* "Nov  6 08:49:37 1994", what follows asctime's weekday. */
static int
parse_asctime(const char *p, struct hdate *d)
{
	if (!is_ows(*p))
		return -1;
	p = skip_ows(p);
	if ((d->mon = parse_month(&p)) == -1 || !is_ows(*p))
		return -1;
	p = skip_ows(p);
	if ((d->day = parse_fixed(&p, 1, 2)) == -1 || !is_ows(*p))
		return -1;
	p = skip_ows(p);
	if (parse_time(&p, d) == -1 || !is_ows(*p))
		return -1;
	p = skip_ows(p);
	if ((d->year = parse_fixed(&p, 4, 4)) == -1)
		return -1;
	return parse_zone(p, d);
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
valid(const struct hdate *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (d->year < 1900 || d->year > 9999 || d->mon < 1 || d->mon > 12)
		return 0;
	if (d->day < 1 || d->day > mdays[d->mon - 1] +
	    (d->mon == 2 && leap(d->year)))
		return 0;
	/* Second 60: a leap second, which POSIX time folds into the next. */
	return d->hour <= 23 && d->min <= 59 && d->sec <= 60;
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
http_date(const char *s, int64_t *out)
{
	struct hdate d;
	const char *p;
	size_t n;
	int rc;

	if (s == NULL)
		return -1;
	p = skip_ows(s);
	n = count_alpha(p);
	if (n == 0)
		rc = parse_dmy(p, &d);	/* no weekday: tolerated */
	else if (!is_wday(p, n))
		return -1;
	else if (p[n] == ',')
		rc = parse_dmy(p + n + 1, &d);
	else
		rc = parse_asctime(p + n, &d);
	if (rc == -1 || !valid(&d))
		return -1;
	*out = days_from_civil(d.year, d.mon, d.day) * DAY +
	    d.hour * HOUR + d.min * 60 + d.sec - d.off;
	return 0;
}

int64_t
sched_http_date(const char *value)
{
	int64_t t;

	return http_date(value, &t) == 0 ? t : 0;
}

/* Retry-After */

int64_t
sched_retry_after(const char *value, int64_t now)
{
	const char *p;
	int64_t v, t;
	int neg;

	if (value == NULL)
		return 0;
	p = skip_ows(value);
	if ((neg = *p == '-'))
		p++;
	if (is_digit(*p)) {
		v = parse_uint(&p, SCHED_RETRY_AFTER_MAX);
		if (*skip_ows(p) != '\0')
			return 0;
		return neg ? now : now + v;
	}
	if (neg || http_date(value, &t) == -1)
		return 0;
	return clamp64(t, now, now + SCHED_RETRY_AFTER_MAX);
}

/* Cache-Control (RFC 9111 5.2) */

struct directive {
	const char	*name, *val;
	size_t		 nlen, vlen;
};

/* The directive at *pp, which is left at the comma that ends it.  Returns
 * 0, or -1 at the end.  Quoted values may hold commas (private="a, b"). */
static int
next_directive(const char **pp, struct directive *dv)
{
	const char *p = *pp;

	while (is_ows(*p) || *p == ',')
		p++;
	if (*p == '\0')
		return -1;
	dv->name = p;
	while (*p != '\0' && *p != ',' && *p != '=' && !is_ows(*p))
		p++;
	dv->nlen = (size_t)(p - dv->name);
	dv->val = NULL;
	dv->vlen = 0;
	p = skip_ows(p);
	if (*p == '=') {
		p = skip_ows(p + 1);
		if (*p == '"') {
			dv->val = ++p;
			while (*p != '\0' && *p != '"')
				p += p[0] == '\\' && p[1] != '\0' ? 2 : 1;
			dv->vlen = (size_t)(p - dv->val);
		} else {
			dv->val = p;
			while (*p != '\0' && *p != ',' && !is_ows(*p))
				p++;
			dv->vlen = (size_t)(p - dv->val);
		}
	}
	/* Whatever else precedes the next comma is junk: skip it. */
	while (*p != '\0' && *p != ',')
		p++;
	*pp = p;
	return 0;
}

/* A delta-seconds value: digits only, saturating; -1 otherwise. */
static int64_t
delta_seconds(const char *v, size_t n)
{
	const char *p = v;
	int64_t s;

	if (v == NULL || (s = parse_uint(&p, MAX_AGE_MAX)) == -1 ||
	    (size_t)(p - v) != n)
		return -1;
	return s;
}

int64_t
sched_max_age(const char *cc)
{
	struct directive dv;
	int64_t age = -1, v;

	if (cc == NULL)
		return -1;
	while (next_directive(&cc, &dv) == 0) {
		if (word_is(dv.name, dv.nlen, "no-cache") ||
		    word_is(dv.name, dv.nlen, "no-store"))
			return -1;
		/* The first valid max-age wins; later ones are ignored. */
		if (age == -1 && word_is(dv.name, dv.nlen, "max-age") &&
		    (v = delta_seconds(dv.val, dv.vlen)) != -1)
			age = v;
	}
	return age;
}

/* The due-time heap */

/* slot links back to the map, so that moving an entry costs a store
 * rather than a lookup: sifts move many entries. */
struct ent {
	int64_t	 due;
	int64_t	 id;
	size_t	 slot;
};

/* One slot of the id -> heap index map; pos == NOPOS marks a free slot. */
struct slot {
	int64_t	 id;
	size_t	 pos;
};

#define NOPOS		SIZE_MAX
#define MAP_MIN		16
#define HEAP_MIN	16

struct sched_heap {
	struct ent	*v;
	size_t		 n, cap;
	struct slot	*tab;
	size_t		 mask;		/* table size - 1; a power of two */
};

/* Rowids are dense at first and sparse later: mix them (splitmix64's
 * finaliser) so that neither pattern clusters under linear probing. */
static size_t
hash_id(int64_t id)
{
	uint64_t x = (uint64_t)id;

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return (size_t)(x ^ (x >> 31));
}

static size_t
map_find(const struct sched_heap *h, int64_t id)
{
	size_t i;

	if (h->tab == NULL)
		return NOPOS;
	for (i = hash_id(id) & h->mask; h->tab[i].pos != NOPOS;
	    i = (i + 1) & h->mask)
		if (h->tab[i].id == id)
			return i;
	return NOPOS;
}

/* id must be absent and the table not full.  Returns the slot used. */
static size_t
map_put(struct sched_heap *h, int64_t id, size_t pos)
{
	size_t i = hash_id(id) & h->mask;

	while (h->tab[i].pos != NOPOS)
		i = (i + 1) & h->mask;
	h->tab[i].id = id;
	h->tab[i].pos = pos;
	return i;
}

/* Backward-shift deletion: no tombstones, so that lookups stay short
 * however many feeds come and go. */
static void
map_del(struct sched_heap *h, size_t i)
{
	size_t j = i, home;

	for (;;) {
		j = (j + 1) & h->mask;
		if (h->tab[j].pos == NOPOS)
			break;
		home = hash_id(h->tab[j].id) & h->mask;
		/* Movable when the hole lies on its probe path. */
		if (((j - home) & h->mask) >= ((j - i) & h->mask)) {
			h->tab[i] = h->tab[j];
			h->v[h->tab[i].pos].slot = i;
			i = j;
		}
	}
	h->tab[i].pos = NOPOS;
}

/* Rebuilds the map with size slots from the heap array. */
static int
map_resize(struct sched_heap *h, size_t size)
{
	struct slot *tab;
	size_t i;

	if (size > SIZE_MAX / sizeof(*tab) ||
	    (tab = malloc(size * sizeof(*tab))) == NULL)
		return -1;
	for (i = 0; i < size; i++)
		tab[i].pos = NOPOS;
	free(h->tab);
	h->tab = tab;
	h->mask = size - 1;
	for (i = 0; i < h->n; i++)
		h->v[i].slot = map_put(h, h->v[i].id, i);
	return 0;
}

/* Room for one more entry in both the array and the map (load <= 0.7). */
static int
reserve(struct sched_heap *h)
{
	size_t size = h->tab ? h->mask + 1 : MAP_MIN;
	struct ent *v;
	size_t cap;

	if (h->n == h->cap) {
		cap = h->cap ? h->cap * 2 : HEAP_MIN;
		if (cap > SIZE_MAX / sizeof(*v) ||
		    (v = realloc(h->v, cap * sizeof(*v))) == NULL)
			return -1;
		h->v = v;
		h->cap = cap;
	}
	while ((h->n + 1) * 10 > size * 7)
		size *= 2;
	if (h->tab == NULL || size != h->mask + 1)
		return map_resize(h, size);
	return 0;
}

/* Gives memory back after a mass removal; failing to is harmless. */
static void
shrink(struct sched_heap *h)
{
	struct ent *v;

	if (h->tab != NULL && h->mask + 1 > MAP_MIN && h->n < (h->mask + 1) / 8)
		(void)map_resize(h, (h->mask + 1) / 2);
	if (h->cap > HEAP_MIN && h->n < h->cap / 4 &&
	    (v = realloc(h->v, h->cap / 2 * sizeof(*v))) != NULL) {
		h->v = v;
		h->cap /= 2;
	}
}

static int
before(const struct ent *a, const struct ent *b)
{
	return a->due < b->due || (a->due == b->due && a->id < b->id);
}

static void
place(struct sched_heap *h, size_t i, struct ent e)
{
	h->v[i] = e;
	h->tab[e.slot].pos = i;
}

static void
sift_up(struct sched_heap *h, size_t i)
{
	struct ent e = h->v[i];
	size_t parent;

	while (i > 0) {
		parent = (i - 1) / 2;
		if (!before(&e, &h->v[parent]))
			break;
		place(h, i, h->v[parent]);
		i = parent;
	}
	place(h, i, e);
}

static void
sift_down(struct sched_heap *h, size_t i)
{
	struct ent e = h->v[i];
	size_t c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && before(&h->v[c + 1], &h->v[c]))
			c++;
		if (!before(&h->v[c], &e))
			break;
		place(h, i, h->v[c]);
		i = c;
	}
	place(h, i, e);
}

/* Restores the order around i, whichever way its entry must go. */
static void
fix(struct sched_heap *h, size_t i)
{
	if (i > 0 && before(&h->v[i], &h->v[(i - 1) / 2]))
		sift_up(h, i);
	else
		sift_down(h, i);
}

static void
remove_at(struct sched_heap *h, size_t i)
{
	map_del(h, h->v[i].slot);
	if (i != --h->n) {
		h->v[i] = h->v[h->n];
		fix(h, i);
	}
	shrink(h);
}

struct sched_heap *
sched_heap_new(void)
{
	return calloc(1, sizeof(struct sched_heap));
}

void
sched_heap_free(struct sched_heap *h)
{
	if (h == NULL)
		return;
	free(h->v);
	free(h->tab);
	free(h);
}

int
sched_heap_set(struct sched_heap *h, int64_t id, int64_t due)
{
	size_t s = map_find(h, id), i;

	if (s != NOPOS) {
		i = h->tab[s].pos;
		h->v[i].due = due;
		fix(h, i);
		return 0;
	}
	if (reserve(h) == -1)
		return -1;
	i = h->n++;
	h->v[i].due = due;
	h->v[i].id = id;
	h->v[i].slot = map_put(h, id, i);
	sift_up(h, i);
	return 0;
}

int
sched_heap_remove(struct sched_heap *h, int64_t id)
{
	size_t s = map_find(h, id);

	if (s == NOPOS)
		return 1;
	remove_at(h, h->tab[s].pos);
	return 0;
}

int
sched_heap_peek(const struct sched_heap *h, int64_t *id, int64_t *due)
{
	if (h->n == 0)
		return 1;
	if (id != NULL)
		*id = h->v[0].id;
	if (due != NULL)
		*due = h->v[0].due;
	return 0;
}

int
sched_heap_pop(struct sched_heap *h, int64_t *id, int64_t *due)
{
	if (sched_heap_peek(h, id, due) == 1)
		return 1;
	remove_at(h, 0);
	return 0;
}

size_t
sched_heap_size(const struct sched_heap *h)
{
	return h->n;
}

int64_t
sched_heap_due(const struct sched_heap *h, int64_t id)
{
	size_t s = map_find(h, id);

	return s == NOPOS ? -1 : h->v[h->tab[s].pos].due;
}
