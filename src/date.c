/*
 * Feed dates, read the way Python feedparser 6.0.10 reads them.  feedd is
 * judged against feedparser, so its quirks are kept on purpose; each one is
 * pointed out where it happens.  feedparser tries its handlers in a fixed
 * order and takes the first answer:
 *
 *	W3C-DTF, RFC 822, ISO 8601, asctime, Perforce, Hungarian, Greek,
 *	Nate, OnBlog
 *
 * The Hungarian, Nate and OnBlog formats all begin with four digits, which
 * the ISO 8601 handler always accepts (as a bare year at least), so
 * feedparser never reaches those three handlers: they are left out here,
 * which gives the same answers.
 *
 * Strings are UTF-8.  "Whitespace" is what Python's str.split() splits on,
 * Unicode spaces included, since feeds do carry no-break spaces.  Digits of
 * other scripts are made ASCII before anything else (see ascii_digits()).
 * No locale and no libc time zone are involved: the calendar arithmetic is
 * done here.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedd/date.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Parsed numbers saturate here: such values fail every later range check,
 * and sums of a few of them still fit in an int64_t. */
#define NUM_MAX		1000000000000000LL

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: Python's datetime range. */
#define DT_MIN		(-62135596800LL)
#define DT_MAX		253402300799LL
/* 0000-01-01T00:00:00Z: the first time with a four-digit year. */
#define RFC3339_MIN	(-62167219200LL)

struct span {
	const char	*p;
	size_t		 n;
};

static struct span
mkspan(const char *p, size_t n)
{
	struct span s = { p, n };

	return s;
}

#define LIT(s)		mkspan((s), sizeof(s) - 1)
#define NOSPAN		mkspan(NULL, 0)

/* Characters */

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Python's \w.  Bytes of multibyte characters count as word characters:
 * most non-ASCII characters met next to a date are letters. */
static int
is_word(int c)
{
	return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') ||
	    c == '_' || (unsigned char)c >= 0x80;
}

/* ws_len() for the bytes other than printable ASCII. */
static size_t
ws_len_rare(const char *p, size_t left)
{
	const unsigned char *u = (const unsigned char *)p;

	if ((u[0] >= '\t' && u[0] <= '\r') ||
	    (u[0] >= 0x1c && u[0] <= 0x1f))
		return 1;
	if (left >= 2 && u[0] == 0xc2 && (u[1] == 0x85 || u[1] == 0xa0))
		return 2;
	if (left < 3)
		return 0;
	if ((u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80) ||
	    (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x80 &&
	    (u[2] <= 0x8a || u[2] == 0xa8 || u[2] == 0xa9 || u[2] == 0xaf)) ||
	    (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f) ||
	    (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80))
		return 3;
	return 0;
}

/* Bytes in the whitespace character at p (per str.isspace()), or 0.
 * Printable ASCII, nearly every byte of a date, is settled inline. */
static inline size_t
ws_len(const char *p, size_t left)
{
	unsigned char c;

	if (left == 0)
		return 0;
	c = (unsigned char)*p;
	if (c > ' ' && c < 0x7f)
		return 0;
	return c == ' ' ? 1 : ws_len_rare(p, left);
}

/* Spans */

static size_t
ws_tail(struct span s)
{
	size_t k;

	for (k = 1; k <= 3 && k <= s.n; k++)
		if (ws_len(s.p + s.n - k, k) == k)
			return k;
	return 0;
}

static struct span
strip(struct span s)
{
	size_t k;

	while ((k = ws_len(s.p, s.n)) > 0) {
		s.p += k;
		s.n -= k;
	}
	while ((k = ws_tail(s)) > 0)
		s.n -= k;
	return s;
}

/* Python slices and len() count code points, not bytes. */
static size_t
cp_len(struct span s)
{
	size_t i, n = 0;

	for (i = 0; i < s.n; i++)
		n += ((unsigned char)s.p[i] & 0xc0) != 0x80;
	return n;
}

static size_t
cp_off(struct span s, size_t k)
{
	size_t i;

	for (i = 0; i < s.n; i++) {
		if (((unsigned char)s.p[i] & 0xc0) == 0x80)
			continue;
		if (k-- == 0)
			return i;
	}
	return s.n;
}

/* s[a:b]; b == SIZE_MAX stands for s[a:]. */
static struct span
cp_slice(struct span s, size_t a, size_t b)
{
	size_t from = cp_off(s, a);
	size_t to = b == SIZE_MAX ? s.n : cp_off(s, b);

	return mkspan(s.p + from, to > from ? to - from : 0);
}

/* Case-insensitive comparisons with a lowercase ASCII literal. */
static int
span_ieq(struct span s, const char *lit)
{
	size_t i;

	for (i = 0; i < s.n; i++)
		if (lit[i] == '\0' || lower((unsigned char)s.p[i]) != lit[i])
			return 0;
	return lit[i] == '\0';
}

static int
span_iprefix(struct span s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n >= n && span_ieq(mkspan(s.p, n), lit);
}

/* Python's s.split(), up to max fields.  Returns how many there are, but
 * stops counting at max + 1: no caller needs to know more than "too many",
 * and long trailing garbage is then never scanned. */
static size_t
split_ws(struct span s, struct span *f, size_t max)
{
	size_t i = 0, k, start, count = 0;

	for (;;) {
		while ((k = ws_len(s.p + i, s.n - i)) > 0)
			i += k;
		if (i >= s.n || count == max)
			return count + (i < s.n);
		start = i;
		while (i < s.n && ws_len(s.p + i, s.n - i) == 0)
			i++;
		f[count++] = mkspan(s.p + start, i - start);
	}
}

/* Python's s.split(c, max - 1): at most max pieces, the last one unsplit. */
static size_t
split_char(struct span s, char c, struct span *f, size_t max)
{
	size_t i, start = 0, n = 0;

	for (i = 0; i < s.n && n + 1 < max; i++) {
		if (s.p[i] == c) {
			f[n++] = mkspan(s.p + start, i - start);
			start = i + 1;
		}
	}
	f[n++] = mkspan(s.p + start, s.n - start);
	return n;
}

static size_t
digit_run(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && is_digit(p[n]))
		n++;
	return n;
}

/* Python numbers */

/* A Python digitpart (digits, single underscores between them) at s.p + i:
 * its length in bytes, 0 when there is none. */
static size_t
digitpart(struct span s, size_t i)
{
	size_t j = i;

	if (j >= s.n || !is_digit(s.p[j]))
		return 0;
	while (j < s.n && (is_digit(s.p[j]) ||
	    (s.p[j] == '_' && j + 1 < s.n && is_digit(s.p[j + 1]))))
		j++;
	return j - i;
}

/* Appends the digits of s to v while *k says more are wanted. */
static int64_t
take_digits(struct span s, int64_t *k, int64_t v)
{
	size_t i;

	for (i = 0; i < s.n && *k > 0; i++) {
		if (!is_digit(s.p[i]))
			continue;
		v = v * 10 + (s.p[i] - '0');
		if (v > NUM_MAX)
			v = NUM_MAX;
		(*k)--;
	}
	return v;
}

static size_t
count_digits(struct span s)
{
	size_t i, n = 0;

	for (i = 0; i < s.n; i++)
		n += is_digit(s.p[i]);
	return n;
}

static size_t
take_sign(struct span s, int *neg)
{
	*neg = s.n > 0 && s.p[0] == '-';
	return s.n > 0 && (s.p[0] == '+' || s.p[0] == '-');
}

/* A field of nothing but a few ASCII digits, the usual case, means the
 * same to int() and float(): read it straight away. */
static int
plain_digits(struct span s, int64_t *out)
{
	int64_t v = 0;
	size_t i;

	if (s.n == 0 || s.n > 15)
		return 0;
	for (i = 0; i < s.n; i++) {
		if (!is_digit(s.p[i]))
			return 0;
		v = v * 10 + (s.p[i] - '0');
	}
	*out = v;
	return 1;
}

/* int(s): whitespace around, a sign, underscores between digits. */
static int
py_int(struct span s, int64_t *out)
{
	struct span ip;
	int64_t k, v;
	size_t i;
	int neg;

	if (plain_digits(s, out))
		return 0;
	/* int("") raises; NOSPAN's NULL must not meet pointer arithmetic. */
	if (s.n == 0)
		return -1;
	s = strip(s);
	i = take_sign(s, &neg);
	ip = mkspan(s.p + i, digitpart(s, i));
	if (ip.n == 0 || i + ip.n != s.n)
		return -1;
	k = (int64_t)ip.n;
	v = take_digits(ip, &k, 0);
	*out = neg ? -v : v;
	return 0;
}

/* The exponent of a float literal at s.p + *i, saturated. */
static int
float_exp(struct span s, size_t *i, int64_t *e)
{
	struct span ep;
	int64_t k;
	int neg;

	*e = 0;
	if (*i >= s.n || lower((unsigned char)s.p[*i]) != 'e')
		return 0;
	(*i)++;
	*i += take_sign(mkspan(s.p + *i, s.n - *i), &neg);
	ep = mkspan(s.p + *i, digitpart(s, *i));
	if (ep.n == 0)
		return -1;
	*i += ep.n;
	k = (int64_t)ep.n;
	*e = take_digits(ep, &k, 0);
	if (*e > 1000000)
		*e = 1000000;
	if (neg)
		*e = -*e;
	return 0;
}

/* Walks the digits of a float literal's integer part, then its fraction. */
struct digit_iter {
	struct span	part[2];
	size_t		i;
	int		k;
};

static int
digit_next(struct digit_iter *it)
{
	const struct span *s;

	for (; it->k < 2; it->k++, it->i = 0) {
		s = &it->part[it->k];
		while (it->i < s->n)
			if (is_digit(s->p[it->i++]))
				return s->p[it->i - 1] - '0';
	}
	return -1;
}

/* The s decimals of 1 - 2^-s, that is of 10^s - 5^s, into m[]. */
static void
midpoint_digits(unsigned char *m, int s)
{
	int carry, d, i, j;

	memset(m, 0, (size_t)s);
	m[s - 1] = 1;
	for (i = 0; i < s; i++) {
		for (j = s - 1, carry = 0; j >= 0; j--) {
			d = m[j] * 5 + carry;
			m[j] = (unsigned char)(d % 10);
			carry = d / 10;
		}
	}
	for (j = 0; j < s - 1; j++)
		m[j] = (unsigned char)(9 - m[j]);
	m[s - 1] = (unsigned char)(10 - m[s - 1]);	/* 5^s ends in 5 */
}

/* float() rounds to the nearest double before int() truncates, so that
 * "0.99999999999999999" gives 1.  The fraction left in it rounds v up when
 * it reaches the midpoint 1 - 2^-s between the last double below v + 1 and
 * v + 1, with s = 53 - floor(log2(v)) (54 for v = 0); a tie goes to the
 * even v + 1.  Fractions not starting with 9 are far below. */
static int
rounds_up(struct digit_iter *it, int64_t v)
{
	unsigned char m[54];
	int d, i, s = 54;

	for (; v > 0 && s > 0; v >>= 1)
		s--;
	if (s < 4 || digit_next(it) != 9)
		return 0;
	midpoint_digits(m, s);
	for (i = 1; i < s; i++) {
		if ((d = digit_next(it)) < 0)
			d = 0;
		if (d != m[i])
			return d > m[i];
	}
	return 1;
}

/* int(float(s)), truncating toward zero.  The digits are scaled exactly;
 * "inf" and "nan" fail, as int() refuses them. */
static int
py_float_trunc(struct span s, int64_t *out)
{
	struct digit_iter it;
	struct span ip, fp = NOSPAN;
	int64_t e, k, v;
	size_t i;
	int d, neg;

	if (plain_digits(s, out))
		return 0;
	s = strip(s);
	i = take_sign(s, &neg);
	ip = mkspan(s.p + i, digitpart(s, i));
	i += ip.n;
	if (i < s.n && s.p[i] == '.') {
		i++;
		fp = mkspan(s.p + i, digitpart(s, i));
		i += fp.n;
	}
	if ((ip.n == 0 && fp.n == 0) || float_exp(s, &i, &e) < 0 || i != s.n)
		return -1;
	memset(&it, 0, sizeof(it));
	it.part[0] = ip;
	it.part[1] = fp;
	/* k: how many leading digits make up the integer part. */
	k = (int64_t)count_digits(ip) + e;
	for (v = 0; k > 0 && v < NUM_MAX; k--) {
		if ((d = digit_next(&it)) < 0 && v == 0)
			break;
		v = v * 10 + (d > 0 ? d : 0);
		if (v > NUM_MAX)
			v = NUM_MAX;
	}
	if (k == 0 && rounds_up(&it, v))
		v++;
	*out = neg ? -v : v;
	return 0;
}

/* A span known to hold only a few ASCII digits. */
static int64_t
num(struct span s)
{
	int64_t v = 0;
	size_t i;

	for (i = 0; i < s.n; i++)
		v = v * 10 + (s.p[i] - '0');
	return v;
}

/* Calendar: proleptic Gregorian, after H. Hinnant's days_from_civil. */

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
month_days(int64_t y, int64_t m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* Seconds since the epoch, letting each field spill into the next as
 * mktime() and calendar.timegm() do (Feb 30 is Mar 1, month 0 is the
 * December before).  Callers keep the fields small. */
static int64_t
norm_stamp(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi,
    int64_t s)
{
	int64_t q = floordiv(mo - 1, 12);

	y += q;
	mo -= q * 12;
	return (days_from_civil(y, mo, 1) + d - 1) * 86400 +
	    h * 3600 + mi * 60 + s;
}

/* What datetime(y, mo, d, h, mi, s) - timedelta(seconds=off) gives, or -1
 * where Python raises: no spilling over here, unlike norm_stamp(). */
static int
dt_stamp(const int64_t f[6], int64_t off, int64_t *out)
{
	int64_t t;

	if (f[0] < 1 || f[0] > 9999 || f[1] < 1 || f[1] > 12 || f[2] < 1 ||
	    f[2] > month_days(f[0], f[1]) || f[3] < 0 || f[3] > 23 ||
	    f[4] < 0 || f[4] > 59 || f[5] < 0 || f[5] > 59)
		return -1;
	t = norm_stamp(f[0], f[1], f[2], f[3], f[4], f[5]) - off;
	if (t < DT_MIN || t > DT_MAX)
		return -1;
	*out = t;
	return 0;
}

struct ymd {
	int64_t	y;
	int	m, d;
};

/* Some ISO 8601 forms leave out the year, month or day; feedparser then
 * takes today's (UTC), so those answers change with the clock. */
static struct ymd
today(void)
{
	struct ymd t;

	civil_from_days(floordiv((int64_t)time(NULL), 86400), &t.y, &t.m,
	    &t.d);
	return t;
}

/* Zone names.  Any name missing here counts as UTC, as in feedparser. */

struct zone {
	const char	*name;
	int		 hours;
};

#define US_ZONES \
	{ "ut", 0 }, { "gmt", 0 }, { "z", 0 }, \
	{ "adt", -3 }, { "ast", -4 }, { "at", -4 }, \
	{ "edt", -4 }, { "est", -5 }, { "et", -5 }, \
	{ "cdt", -5 }, { "cst", -6 }, { "ct", -6 }, \
	{ "mdt", -6 }, { "mst", -7 }, { "mt", -7 }, \
	{ "pdt", -7 }, { "pst", -8 }, { "pt", -8 }, \
	/* Military letters, only these four, signs as in RFC 822. */ \
	{ "a", -1 }, { "n", 1 }, { "m", -12 }, { "y", 12 }

static const struct zone w3dtf_zones[] = { US_ZONES, { NULL, 0 } };
static const struct zone rfc822_zones[] = {
	US_ZONES, { "met", 1 }, { "mest", 2 }, { NULL, 0 }
};

static int64_t
zone_hours(const struct zone *z, struct span s)
{
	for (; z->name != NULL; z++)
		if (span_ieq(s, z->name))
			return z->hours;
	return 0;
}

/* "+hh?mm" the feedparser way: hours are s[1:3], minutes s[mfrom:]. */
static int
zone_numeric(struct span s, size_t mfrom, int64_t *off)
{
	int64_t h, m;

	if (py_int(cp_slice(s, 1, 3), &h) < 0 ||
	    py_int(cp_slice(s, mfrom, SIZE_MAX), &m) < 0)
		return -1;
	*off = h * 3600 + m * 60;
	if (s.p[0] == '-')
		*off = -*off;
	return 0;
}

static int
is_sign(struct span s)
{
	return s.n > 0 && (s.p[0] == '+' || s.p[0] == '-');
}

/* W3C-DTF: 2003-12-31T10:14:55Z, 2003-12-31, 2006-01-11 16:42:55 -0800 */

struct w3parts {
	struct span	date, time, zone;
	int		have_zone;
};

/* Cuts s the way feedparser does: at a lone 't' (any case), or failing
 * that at whitespace.  Two or more 't's make the string no W3C date. */
static int
w3dtf_split(struct span s, struct w3parts *w)
{
	const char *t = NULL;
	struct span f[3];
	size_t i, nt = 0, nf;

	for (i = 0; i < s.n && nt < 2; i++)
		if (lower((unsigned char)s.p[i]) == 't' && nt++ == 0)
			t = s.p + i;
	w->have_zone = 0;
	if (nt > 1)
		return -1;
	if (nt == 1) {
		w->date = mkspan(s.p, (size_t)(t - s.p));
		w->time = mkspan(t + 1, s.n - w->date.n - 1);
		return 0;
	}
	nf = split_ws(s, f, 3);
	w->date = f[0];
	w->time = nf == 1 ? LIT("00:00:00z") : f[1];
	if (nf >= 3) {
		w->zone = f[2];
		w->have_zone = 1;
	}
	return 0;
}

/* Takes the zone off the end of the time: a trailing 'z', else whatever
 * follows the first '-' (or, with none, the first '+'). */
static void
w3dtf_cut_zone(struct w3parts *w)
{
	struct span *tm = &w->time;
	const char *c;
	int z = 0;

	if (tm->n > 0 && lower((unsigned char)tm->p[tm->n - 1]) == 'z') {
		tm->n--;
		z = 1;
	}
	if ((c = memchr(tm->p, '-', tm->n)) == NULL &&
	    (c = memchr(tm->p, '+', tm->n)) == NULL)
		c = tm->p + tm->n;
	if (!w->have_zone)
		w->zone = z ? LIT("z") : mkspan(c, tm->n - (size_t)(c - tm->p));
	tm->n = (size_t)(c - tm->p);
}

static int
w3dtf_fields(const struct w3parts *w, int64_t f[6])
{
	struct span d[3] = { LIT("1"), LIT("1"), LIT("1") };
	struct span t[3] = { LIT("0"), LIT("0"), LIT("0") };
	int i;

	split_char(w->date, '-', d, 3);
	if (cp_len(d[0]) != 4)
		return -1;
	split_char(w->time, ':', t, 3);
	for (i = 0; i < 3; i++)
		if (py_int(d[i], &f[i]) < 0 ||
		    py_float_trunc(t[i], &f[3 + i]) < 0)
			return -1;
	return 0;
}

static int
w3dtf(struct span s, int64_t *out)
{
	struct w3parts w;
	int64_t f[6], off;

	if (strip(s).n == 0 || w3dtf_split(s, &w) < 0)
		return -1;
	w3dtf_cut_zone(&w);
	if (w3dtf_fields(&w, f) < 0)
		return -1;
	/* Minutes are zone[4:]: "+05:30" has 30, but "+0530" only "0". */
	if (is_sign(w.zone)) {
		if (zone_numeric(w.zone, 4, &off) < 0)
			return -1;
	} else
		off = zone_hours(w3dtf_zones, w.zone) * 3600;
	return dt_stamp(f, off, out);
}

/* RFC 822: Thu, 01 Jan 2004 19:48:21 GMT, and many near misses */

static int
name3(struct span s, const char *const *names, int n)
{
	int i;

	if (s.n < 3)
		return 0;
	for (i = 0; i < n; i++)
		if (span_ieq(mkspan(s.p, 3), names[i]))
			return i + 1;
	return 0;
}

static const char *const day_names[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
static const char *const month_names[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

/* Only the first three letters count: "Thursday", "Sept", "Monkey". */
static int
month_of(struct span s)
{
	return name3(s, month_names, 12);
}

/* "21 Jan" or "Jan 21". */
static int
rfc822_day_month(const struct span *p, int64_t *day, int64_t *month)
{
	if (py_int(p[0], day) == 0) {
		*month = month_of(p[1]);
	} else {
		if ((*month = month_of(p[0])) == 0 || py_int(p[1], day) < 0)
			return -1;
	}
	return *month != 0 ? 0 : -1;
}

/* Two-digit years: 90-99 are 1990s, 00-89 are 2000s. */
static int
rfc822_year(struct span s, int64_t *y)
{
	if (py_int(s, y) < 0)
		return -1;
	if (cp_len(s) <= 2)
		*y += *y < 90 ? 2000 : 1900;
	return 0;
}

/* hh, hh:mm or hh:mm:ss. */
static int
rfc822_time(struct span s, int64_t *f)
{
	struct span t[4] = { NOSPAN, LIT("0"), LIT("0"), NOSPAN };
	int i;

	if (split_char(s, ':', t, 4) > 3)
		return -1;
	for (i = 0; i < 3; i++)
		if (py_int(t[i], &f[i]) < 0)
			return -1;
	return 0;
}

/* A sign means hours at [1:3] and minutes after them; else it's a name. */
static int
rfc822_zone_value(struct span z, int64_t *off)
{
	if (is_sign(z))
		return zone_numeric(z, memchr(z.p, ':', z.n) ? 4 : 3, off);
	*off = zone_hours(rfc822_zones, z) * 3600;
	return 0;
}

/* After "GMT", feedparser drops every ':' ("GMT-05:00" is "-0500"); a bare
 * "GMT" stays a name. */
static int
rfc822_gmt_zone(struct span rest, int64_t *off)
{
	char small[64], *buf = small, *big = NULL;
	size_t i, n = 0;
	int r;

	if (rest.n > sizeof(small) && (buf = big = malloc(rest.n)) == NULL)
		return -1;
	for (i = 0; i < rest.n; i++)
		if (rest.p[i] != ':')
			buf[n++] = rest.p[i];
	r = rfc822_zone_value(n > 0 ? mkspan(buf, n) : LIT("gmt"), off);
	free(big);
	return r;
}

static int
rfc822_zone(struct span z, int64_t *off)
{
	if (span_iprefix(z, "etc/"))
		z = mkspan(z.p + 4, z.n - 4);
	if (span_iprefix(z, "gmt"))
		return rfc822_gmt_zone(mkspan(z.p + 3, z.n - 3), off);
	return rfc822_zone_value(z, off);
}

/* Day, month, year, time, zone: the five fields after any weekday. */
static int
rfc822_parts(const struct span *p, int64_t *out)
{
	int64_t f[6], off;

	if (rfc822_day_month(p, &f[2], &f[1]) < 0 ||
	    rfc822_year(p[2], &f[0]) < 0 || rfc822_time(p[3], &f[3]) < 0 ||
	    rfc822_zone(p[4], &off) < 0)
		return -1;
	return dt_stamp(f, off, out);
}

/* in[]: the first min(nf, 6) whitespace-separated fields of nf.  Short
 * dates get a midnight UTC time; then a weekday is dropped (any word
 * starting like one) and five fields must remain. */
static int
rfc822_fields(const struct span *in, size_t nf, int64_t *out)
{
	struct span a[8];
	size_t n = nf < 6 ? nf : 6, base = 0;

	memcpy(a, in, n * sizeof(a[0]));
	if (nf < 5) {
		a[n++] = LIT("00:00:00");
		a[n++] = LIT("0000");
		nf = n;
	}
	if (name3(a[0], day_names, 7)) {
		base = 1;
		nf--;
	}
	if (nf < 5)
		return -1;
	return rfc822_parts(a + base, out);
}

static int
rfc822(struct span s, int64_t *out)
{
	struct span f[6];

	return rfc822_fields(f, split_ws(s, f, 6), out);
}

/* ISO 8601, feedparser's regular expressions: a date template, then an
 * optional time.  The match is anchored at the start only, so anything
 * may follow.  In the templates Y is 4 digits and y 2, M is [01]\d, D
 * [0123]\d, O [0123]\d\d (day of the year), C two digits ending the
 * string, and '?' makes the item before it optional. */

static const char *const iso_templates[] = {
	"Y-?M-?D", "Y-0M?-?D", "Y-M", "Y-?O", "y-?M-?D", "y-?O", "Y",
	"-y-?M", "-O", "-y", "--M-?D", "--M", "---D", "C", ""
};

struct iso_date {
	struct span	year, month, day, ordinal, century;
};

struct iso_time {
	struct span	hour, minute, second, tzhour, tzmin;
	char		tz;
};

static int
digits_at(const char *p, const char *end, size_t n, char first_max)
{
	size_t i;

	if ((size_t)(end - p) < n || p[0] < '0' || p[0] > first_max)
		return 0;
	for (i = 1; i < n; i++)
		if (!is_digit(p[i]))
			return 0;
	return 1;
}

/* Bytes matched by template item c at p, 0 for none. */
static size_t
iso_item(char c, const char *p, const char *end)
{
	switch (c) {
	case 'Y':
		return digits_at(p, end, 4, '9') ? 4 : 0;
	case 'y':
		return digits_at(p, end, 2, '9') ? 2 : 0;
	case 'M':
		return digits_at(p, end, 2, '1') ? 2 : 0;
	case 'D':
		return digits_at(p, end, 2, '3') ? 2 : 0;
	case 'O':
		return digits_at(p, end, 3, '3') ? 3 : 0;
	case 'C':
		/* Python's '$' also matches before a final newline. */
		return digits_at(p, end, 2, '9') && (end - p == 2 ||
		    (end - p == 3 && p[2] == '\n')) ? 2 : 0;
	default:
		return p < end && *p == c;
	}
}

static struct span *
iso_slot(char c, struct iso_date *d)
{
	switch (c) {
	case 'Y':
	case 'y':
		return &d->year;
	case 'M':
		return &d->month;
	case 'D':
		return &d->day;
	case 'O':
		return &d->ordinal;
	case 'C':
		return &d->century;
	}
	return NULL;
}

/* Matches template t at p, backtracking over optional items as a regular
 * expression engine would: the end of the match, or NULL. */
static const char *
iso_match(const char *t, const char *p, const char *end, struct iso_date *d)
{
	struct span *slot, save = NOSPAN;
	const char *r;
	size_t k;
	int opt;

	if (*t == '\0')
		return p;
	opt = t[1] == '?';
	if ((k = iso_item(*t, p, end)) > 0) {
		if ((slot = iso_slot(*t, d)) != NULL) {
			save = *slot;
			*slot = mkspan(p, k);
		}
		if ((r = iso_match(t + 1 + opt, p + k, end, d)) != NULL)
			return r;
		if (slot != NULL)
			*slot = save;
	}
	return opt ? iso_match(t + 2, p, end, d) : NULL;
}

/* T?hh:mm(:ss)?(.f+)?([+-]hh(:mm)?|Z)? -- every part greedy, so no
 * backtracking is needed.  Returns the end of what matched. */
static const char *
iso_time(const char *p, const char *end, struct iso_time *t)
{
	const char *q = p;

	memset(t, 0, sizeof(*t));
	if (q < end && *q == 'T')
		q++;
	if (!digits_at(q, end, 2, '9') || end - q < 5 || q[2] != ':' ||
	    !digits_at(q + 3, end, 2, '9'))
		return p;
	t->hour = mkspan(q, 2);
	t->minute = mkspan(q + 3, 2);
	q += 5;
	if (end - q >= 3 && q[0] == ':' && digits_at(q + 1, end, 2, '9')) {
		t->second = mkspan(q + 1, 2);
		q += 3;
	}
	if (end - q >= 2 && q[0] == '.' && is_digit(q[1]))
		q += 1 + digit_run(q + 1, end);
	if (end - q >= 3 && (q[0] == '+' || q[0] == '-') &&
	    digits_at(q + 1, end, 2, '9')) {
		t->tz = q[0];
		t->tzhour = mkspan(q + 1, 2);
		q += 3;
		if (end - q >= 3 && q[0] == ':' && digits_at(q + 1, end, 2, '9')) {
			t->tzmin = mkspan(q + 1, 2);
			q += 3;
		}
	} else if (q < end && q[0] == 'Z') {
		t->tz = 'Z';
		q++;
	}
	return q;
}

/* Year, month and day as feedparser fills them in: missing ones come from
 * today, two-digit years are this century's, "CC" is the century's first
 * year, and an ordinal day is day N of January (left to spill over). */
static int
iso_ymd(const struct iso_date *d, int64_t *f)
{
	int64_t ordinal = d->ordinal.p != NULL ? num(d->ordinal) : 0;
	struct ymd now = { 0, 0, 0 };

	/* Unlike feedparser, a date that would take its year or month
	 * from today's clock is no date: an item must not change its date
	 * with the month it is read in. */
	if (d->year.p == NULL || d->century.p != NULL ||
	    (d->month.p == NULL && ordinal == 0))
		return -1;

	if (d->year.p == NULL || d->year.n == 2 || d->month.p == NULL ||
	    (d->day.p == NULL && ordinal == 0))
		now = today();
	if (d->year.p == NULL)
		f[0] = now.y;
	else if (d->year.n == 2)
		f[0] = now.y / 100 * 100 + num(d->year);
	else
		f[0] = num(d->year);
	if (d->month.p != NULL)
		f[1] = num(d->month);
	else
		f[1] = ordinal ? 1 : now.m;
	if (d->day.p != NULL)
		f[2] = num(d->day);
	else if (ordinal)
		f[2] = ordinal;
	else if (d->century.p != NULL || d->year.p != NULL ||
	    d->month.p != NULL)
		f[2] = 1;
	else
		f[2] = now.d;
	if (d->century.p != NULL)
		f[0] = (num(d->century) - 1) * 100 + 1;
	return 0;
}

static int
iso8601(struct span s, int64_t *out)
{
	const char *end = s.p + s.n, *q = NULL;
	struct iso_date d;
	struct iso_time t;
	int64_t f[6], sign;
	size_t i;

	for (i = 0; i < nitems(iso_templates) && q == NULL; i++) {
		memset(&d, 0, sizeof(d));
		q = iso_match(iso_templates[i], s.p, end, &d);
	}
	if (q == NULL || iso_time(q, end, &t) == s.p)
		return -1;
	if (iso_ymd(&d, f) == -1)
		return -1;
	f[3] = t.hour.p != NULL ? num(t.hour) : 0;
	f[4] = t.minute.p != NULL ? num(t.minute) : 0;
	f[5] = t.second.p != NULL ? num(t.second) : 0;
	if (t.tz == '+' || t.tz == '-') {
		sign = t.tz == '+' ? -1 : 1;
		f[3] += sign * num(t.tzhour);
		f[4] += sign * (t.tzmin.p != NULL ? num(t.tzmin) : 0);
	}
	/* feedparser runs the fields through mktime(), which spills them
	 * over: 2004-02-30 is March 1st, and so on. */
	*out = norm_stamp(f[0], f[1], f[2], f[3], f[4], f[5]);
	return 0;
}

/* asctime: "Sun Jan  4 16:29:06 2004", maybe with a zone before the year;
 * fed to the RFC 822 reader in its order. */
static int
asctime_date(struct span s, int64_t *out)
{
	struct span f[6], r[6];
	size_t nf = split_ws(s, f, 6);

	if (nf == 5) {
		f[5] = f[4];
		f[4] = LIT("+0000");
		nf = 6;
	}
	if (nf != 6)
		return -1;
	r[0] = f[0];
	r[1] = f[2];
	r[2] = f[1];
	r[3] = f[5];
	r[4] = f[3];
	r[5] = f[4];
	return rfc822_fields(r, 6, out);
}

/* Perforce: "Fri, 2006/09/15 08:19:53 EDT", found anywhere in the string,
 * then read back by Python's email.utils.parsedate_tz(). */

enum { PF_YEAR, PF_MON, PF_DAY, PF_HOUR, PF_MIN, PF_SEC, PF_ZONE, PF_N };

/* Up to max digits, then the character sep: advances *q past both. */
static int
pf_num(const char **q, const char *end, size_t min, size_t max, char sep,
    struct span *g)
{
	size_t n = digit_run(*q, end);

	if (n < min || n > max || *q + n >= end || (*q)[n] != sep)
		return -1;
	*g = mkspan(*q, n);
	*q += n + 1;
	return 0;
}

/* (\d{,4})/(\d{,2})/(\d{2}) (\d{,2}):(\d{2}):(\d{2}) (\w{,3}) at q. */
static int
pf_match(const char *q, const char *end, struct span *g)
{
	size_t n = 0;

	if (pf_num(&q, end, 0, 4, '/', &g[PF_YEAR]) < 0 ||
	    pf_num(&q, end, 0, 2, '/', &g[PF_MON]) < 0 ||
	    pf_num(&q, end, 2, 2, ' ', &g[PF_DAY]) < 0 ||
	    pf_num(&q, end, 0, 2, ':', &g[PF_HOUR]) < 0 ||
	    pf_num(&q, end, 2, 2, ':', &g[PF_MIN]) < 0 ||
	    pf_num(&q, end, 2, 2, ' ', &g[PF_SEC]) < 0)
		return -1;
	while (n < 3 && q + n < end && is_word(q[n]))
		n++;
	g[PF_ZONE] = mkspan(q, n);
	return 0;
}

/* parsedate_tz()'s zones: a few names, else a number read as hhmm. */
static int64_t
pf_zone(struct span z)
{
	static const struct zone names[] = {
		{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
		{ "ast", -4 }, { "adt", -3 }, { "est", -5 }, { "edt", -4 },
		{ "cst", -6 }, { "cdt", -5 }, { "mst", -7 }, { "mdt", -6 },
		{ "pst", -8 }, { "pdt", -7 }, { NULL, 0 }
	};
	const struct zone *n;
	int64_t v;

	for (n = names; n->name != NULL; n++)
		if (span_ieq(z, n->name))
			return n->hours * 3600;
	if (py_int(z, &v) < 0)
		return 0;
	return v / 100 * 3600 + v % 100 * 60;
}

static int
pf_stamp(const struct span *g, int64_t *out)
{
	struct span year = g[PF_YEAR], zone = g[PF_ZONE];
	int64_t y, mo;

	if (g[PF_MON].n == 0 || g[PF_HOUR].n == 0)
		return -1;
	/* Month 0 is December (Python's list[-1]); past 12 it raises. */
	if ((mo = num(g[PF_MON])) > 12)
		return -1;
	if (mo == 0)
		mo = 12;
	/* With no year, parsedate_tz() takes a zone starting with a digit
	 * for the year, and then has no zone. */
	if (year.n == 0) {
		if (zone.n == 0 || !is_digit(zone.p[0]))
			return -1;
		year = zone;
		zone = NOSPAN;
	}
	if (py_int(year, &y) < 0)
		return -1;
	if (y < 100)
		y += y > 68 ? 1900 : 2000;
	*out = norm_stamp(y, mo, num(g[PF_DAY]), num(g[PF_HOUR]),
	    num(g[PF_MIN]), num(g[PF_SEC])) - pf_zone(zone);
	return 0;
}

/* The pattern starts with (\w{,3}), which may be empty, so any ", " can
 * begin it; the first one that fits is taken. */
static int
perforce(struct span s, int64_t *out)
{
	const char *end = s.p + s.n, *c = s.p;
	struct span g[PF_N];

	while ((c = memchr(c, ',', (size_t)(end - c))) != NULL) {
		c++;
		if (c < end && *c == ' ' && pf_match(c + 1, end, g) == 0)
			return pf_stamp(g, out);
	}
	return -1;
}

/* Greek: "Κυρ, 11 Ιούλ 2004 12:00:00 EST", as RFC 822 in Greek names. */

struct greek_name {
	const char	*greek;
	const char	*latin;
};

static const struct greek_name greek_months[] = {
	{ u8"\u0399\u03b1\u03bd", "jan" },
	{ u8"\u03a6\u03b5\u03b2", "feb" },
	{ u8"\u039c\u03ac\u03ce", "mar" },
	{ u8"\u039c\u03b1\u03ce", "mar" },
	{ u8"\u0391\u03c0\u03c1", "apr" },
	{ u8"\u039c\u03ac\u03b9", "may" },
	{ u8"\u039c\u03b1\u03ca", "may" },
	{ u8"\u039c\u03b1\u03b9", "may" },
	{ u8"\u0399\u03bf\u03cd\u03bd", "jun" },
	{ u8"\u0399\u03bf\u03bd", "jun" },
	{ u8"\u0399\u03bf\u03cd\u03bb", "jul" },
	{ u8"\u0399\u03bf\u03bb", "jul" },
	{ u8"\u0391\u03cd\u03b3", "aug" },
	{ u8"\u0391\u03c5\u03b3", "aug" },
	{ u8"\u03a3\u03b5\u03c0", "sep" },
	{ u8"\u039f\u03ba\u03c4", "oct" },
	{ u8"\u039d\u03bf\u03ad", "nov" },
	{ u8"\u039d\u03bf\u03b5", "nov" },
	{ u8"\u0394\u03b5\u03ba", "dec" },
	{ NULL, NULL }
};

static const struct greek_name greek_days[] = {
	{ u8"\u039a\u03c5\u03c1", "sun" },
	{ u8"\u0394\u03b5\u03c5", "mon" },
	{ u8"\u03a4\u03c1\u03b9", "tue" },
	{ u8"\u03a4\u03b5\u03c4", "wed" },
	{ u8"\u03a0\u03b5\u03bc", "thu" },
	{ u8"\u03a0\u03b1\u03c1", "fri" },
	{ u8"\u03a3\u03b1\u03b2", "sat" },
	{ NULL, NULL }
};

static const char *
greek_lookup(const struct greek_name *t, struct span s)
{
	for (; t->greek != NULL; t++)
		if (strlen(t->greek) == s.n && memcmp(t->greek, s.p, s.n) == 0)
			return t->latin;
	return NULL;
}

/* \s+ then a field: exactly n ASCII digits when n > 0, else [^\s]+. */
static int
greek_field(struct span s, size_t *i, size_t n, struct span *f)
{
	size_t k, start, ws = 0;

	while ((k = ws_len(s.p + *i, s.n - *i)) > 0) {
		*i += k;
		ws++;
	}
	start = *i;
	if (n > 0)
		*i += digit_run(s.p + *i, s.p + s.n) >= n ? n : 0;
	else
		while (*i < s.n && ws_len(s.p + *i, s.n - *i) == 0)
			(*i)++;
	*f = mkspan(s.p + start, *i - start);
	return ws > 0 && *i > start ? 0 : -1;
}

/* \s+hh:mm:ss */
static int
greek_time(struct span s, size_t *i, struct span *f)
{
	const char *end = s.p + s.n;
	struct span h;

	if (greek_field(s, i, 2, &h) < 0 || *i + 6 > s.n ||
	    s.p[*i] != ':' || !digits_at(s.p + *i + 1, end, 2, '9') ||
	    s.p[*i + 3] != ':' || !digits_at(s.p + *i + 4, end, 2, '9'))
		return -1;
	*i += 6;
	*f = mkspan(h.p, (size_t)(s.p + *i - h.p));
	return 0;
}

/* ([^,]+),\s+(\d{2})\s+([^\s]+)\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+([^\s]+)
 * anchored at the start; the weekday and month must be in the tables. */
static int
greek(struct span s, int64_t *out)
{
	const char *comma = memchr(s.p, ',', s.n), *mon;
	struct span f[5];
	size_t i;

	if (comma == NULL || greek_lookup(greek_days, mkspan(s.p,
	    (size_t)(comma - s.p))) == NULL)
		return -1;
	i = (size_t)(comma - s.p) + 1;
	if (greek_field(s, &i, 2, &f[0]) < 0 ||
	    greek_field(s, &i, 0, &f[1]) < 0 ||
	    greek_field(s, &i, 4, &f[2]) < 0 ||
	    greek_time(s, &i, &f[3]) < 0 ||
	    greek_field(s, &i, 0, &f[4]) < 0 ||
	    (mon = greek_lookup(greek_months, f[1])) == NULL)
		return -1;
	f[1] = mkspan(mon, 3);
	return rfc822_fields(f, 5, out);
}

/* Unicode decimal digits */

/* The zero of every run of decimal digits (category Nd) in Unicode 14.0,
 * Python 3.11's version; each is followed by the nine others. */
static const uint32_t nd_zeros[] = {
	0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6,
	0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090,
	0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0,
	0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50,
	0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136,
	0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730,
	0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
	0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140,
	0x1e2f0, 0x1e950, 0x1fbf0
};

static int
nd_value(uint32_t c)
{
	size_t lo = 0, hi = nitems(nd_zeros), mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (nd_zeros[mid] <= c)
			lo = mid;
		else
			hi = mid;
	}
	return c - nd_zeros[lo] < 10 ? (int)(c - nd_zeros[lo]) : -1;
}

/* The multibyte UTF-8 character at p: its length, or 0 when invalid. */
static size_t
utf8_char(const char *p, size_t left, uint32_t *c)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i, n;

	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		n = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		n = 3;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (left < n)
		return 0;
	*c = u[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		*c = *c << 6 | (u[i] & 0x3f);
	}
	return n;
}

/* Writes s to dst (when not NULL) with its non-ASCII decimal digits made
 * ASCII, sets *len to the length written, and returns how many digits were
 * changed.  Python's \d, int() and float() take all such digits, and every
 * handler treats them as it treats ASCII ones, so this one pass makes a
 * date in fullwidth or Arabic-Indic digits read as feedparser reads it.
 * Each digit becomes one character, so counts of code points still hold. */
static size_t
ascii_digits(struct span s, char *dst, size_t *len)
{
	size_t i = 0, k, found = 0, o = 0;
	uint32_t c;
	int d;

	while (i < s.n) {
		d = -1;
		if ((unsigned char)s.p[i] >= 0x80 &&
		    (k = utf8_char(s.p + i, s.n - i, &c)) > 0 &&
		    (d = nd_value(c)) >= 0) {
			found++;
			i += k;
		} else
			i++;
		if (dst != NULL)
			dst[o++] = d >= 0 ? (char)('0' + d) : s.p[i - 1];
	}
	*len = o;
	return found;
}

/* Entry points */

typedef int (*date_handler)(struct span, int64_t *);

/* "2020/1/10 14:33:00": year, month, day with slashes, an optional
 * time, UTC. */
static int
slash_date(struct span s, int64_t *out)
{
	char buf[64];
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, len;

	if (s.n >= sizeof(buf))
		return -1;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	if (sscanf(buf, "%4d/%2d/%2d%n", &y, &mo, &d, &n) != 3 || n < 8)
		return -1;
	len = n;
	if (buf[len] == ' ' || buf[len] == 'T') {
		if (sscanf(buf + len + 1, "%2d:%2d%n:%2d%n", &h, &mi, &n, &sec,
		    &n) < 2)
			return -1;
		len += 1 + n;
	}
	while (buf[len] == ' ')
		len++;
	if (buf[len] != '\0' || y < 1000 || mo < 1 || mo > 12 || d < 1 ||
	    d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	*out = norm_stamp(y, mo, d, h, mi, sec);
	return 0;
}

static int
run_handlers(struct span s, int64_t *out)
{
	static const date_handler digits_first[] = {
		w3dtf, rfc822, slash_date, iso8601, asctime_date, perforce, greek
	};
	static const date_handler letters_first[] = {
		rfc822, w3dtf, slash_date, iso8601, asctime_date, perforce, greek
	};
	/* W3C-DTF never reads a string that starts with a letter: try RFC
	 * 822 first there, it is what such strings usually are. */
	const date_handler *h = s.n > 0 && ((*s.p | 0x20) >= 'a' &&
	    (*s.p | 0x20) <= 'z') ? letters_first : digits_first;
	size_t i;

	for (i = 0; i < nitems(digits_first); i++)
		if (h[i](s, out) == 0)
			return 0;
	return -1;
}

/* ---- fast paths: the two forms nearly every feed uses, read strictly;
 * anything unusual falls through to the handlers above. */

static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int
valid_time(int y, int mo, int d, int h, int mi, int sec)
{
	return y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	    d <= month_days(y, mo) && h <= 23 && mi <= 59 && sec <= 59;
}

/* "2004-04-20T00:23:47Z", "...47.123+02:00" */
static int
fast_rfc3339(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, sec, zh = 0, zm = 0, sign = 0;
	const char *z;

	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || s[10] != 'T' ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) ||
	    s[16] != ':' || digits(s + 17, 2, &sec))
		return -1;
	z = s + 19;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if (z[0] == 'Z' && z[1] == '\0')
		sign = 0;
	else if ((z[0] == '+' || z[0] == '-') && !digits(z + 1, 2, &zh) &&
	    z[3] == ':' && !digits(z + 4, 2, &zm) && z[6] == '\0' &&
	    zh <= 23 && zm <= 59)
		sign = z[0] == '+' ? 1 : -1;
	else
		return -1;
	if (!valid_time(y, mo, d, h, mi, sec))
		return -1;
	*out = norm_stamp(y, mo, d, h, mi, sec) - sign * (zh * 3600 + zm * 60);
	return 0;
}

/* "Tue, 20 Apr 2004 02:23:47 +0200" or "... GMT" */
static int
fast_rfc822(const char *s, int64_t *out)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const char days[] = "MonTueWedThuFriSatSun";
	int y, mo, d, h, mi, sec, zh = 0, zm = 0, sign = 0, i;
	const char *m, *w;

	for (w = days; *w && strncmp(w, s, 3) != 0; w += 3)
		;
	if (*w == '\0' || s[3] != ',' || s[4] != ' ')
		return -1;
	s += 5;
	/* s[1] only when s[0] is not the end of the string. */
	i = s[0] != '\0' && s[1] == ' ' ? 1 : 2;
	if (digits(s, i, &d) || s[i] != ' ')
		return -1;
	s += i + 1;
	for (m = months; *m && strncmp(m, s, 3) != 0; m += 3)
		;
	if (*m == '\0' || s[3] != ' ' || digits(s + 4, 4, &y) || s[8] != ' ' ||
	    digits(s + 9, 2, &h) || s[11] != ':' || digits(s + 12, 2, &mi) ||
	    s[14] != ':' || digits(s + 15, 2, &sec) || s[17] != ' ')
		return -1;
	mo = (int)(m - months) / 3 + 1;
	s += 18;
	if (strcmp(s, "GMT") == 0 || strcmp(s, "UT") == 0 || strcmp(s, "Z") == 0)
		sign = 0;
	else if ((s[0] == '+' || s[0] == '-') && !digits(s + 1, 2, &zh) &&
	    !digits(s + 3, 2, &zm) && s[5] == '\0' && zm <= 59)
		sign = s[0] == '+' ? 1 : -1;
	else
		return -1;
	if (!valid_time(y, mo, d, h, mi, sec))
		return -1;
	*out = norm_stamp(y, mo, d, h, mi, sec) - sign * (zh * 3600 + zm * 60);
	return 0;
}

int
date_parse(const char *s, int64_t *out)
{
	char small[256], *buf = small, *big = NULL;
	struct span sp;
	int64_t t;
	size_t n;
	int r;

	if (s == NULL || *s == '\0')
		return -1;
	r = *s >= '0' && *s <= '9' ? fast_rfc3339(s, &t) : fast_rfc822(s, &t);
	if (r != 0) {
		sp = mkspan(s, strlen(s));
		if (ascii_digits(sp, NULL, &n) > 0) {
			if (sp.n > sizeof(small) &&
			    (buf = big = malloc(sp.n)) == NULL)
				return -1;
			ascii_digits(sp, buf, &n);
			sp = mkspan(buf, n);
		}
		r = run_handlers(sp, &t);
		free(big);
	}
	/* Fields spill over as mktime()'s do, so "0000-00-00" lands in the
	 * year -1: a time RFC 3339's four-digit year cannot write is no
	 * date. */
	if (r == 0 && (t < RFC3339_MIN || t > DT_MAX))
		r = -1;
	if (r == 0 && out != NULL)
		*out = t;
	return r;
}

/* n as the digits p[0..w), zero-padded. */
static void
put_digits(char *p, int w, int n)
{
	while (w-- > 0) {
		p[w] = (char)('0' + n % 10);
		n /= 10;
	}
}

void
date_format(int64_t t, char *buf, size_t len)
{
	int64_t days = t / 86400, secs = t % 86400, y;
	int m, d;

	if (buf == NULL || len == 0)
		return;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	/* Digit by digit, as snprintf would: an item list formats two
	 * dates for each of thousands of items. */
	if (y >= 0 && y <= 9999 && len >= sizeof("YYYY-MM-DDTHH:MM:SSZ")) {
		memcpy(buf, "YYYY-MM-DDTHH:MM:SSZ", sizeof("YYYY-MM-DDTHH:MM:SSZ"));
		put_digits(buf, 4, (int)y);
		put_digits(buf + 5, 2, m);
		put_digits(buf + 8, 2, d);
		put_digits(buf + 11, 2, (int)(secs / 3600));
		put_digits(buf + 14, 2, (int)(secs / 60 % 60));
		put_digits(buf + 17, 2, (int)(secs % 60));
		return;
	}
	snprintf(buf, len, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y,
	    m, d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}
