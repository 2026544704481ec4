/* Canonical URLs for identity and cross-feed story matching.
 *
 * libcurl's URL parser does the RFC 3986 work (scheme and host syntax,
 * port numbers, dot segments, IDN); this file decides which differences
 * between two spellings of a link do not name a different story. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "feedd/canon.h"
#include "feedd/urlres.h"

struct tracker {
	const char	*name;
	size_t		 len;
	int		 prefix;	/* matches any name starting with it */
};

#define EXACT(s)	{ (s), sizeof(s) - 1, 0 }
#define PREFIX(s)	{ (s), sizeof(s) - 1, 1 }

/* Query parameters that say how a reader got to a page, never which page
 * it is.  Generic names ("ref", "source", "rss", "id") stay: sites use
 * them for content. */
static const struct tracker trackers[] = {
	/* Google Analytics campaign tags (utm_source, utm_medium, ...) and
	 * its linker cookie. */
	PREFIX("utm_"),
	EXACT("_ga"),
	/* Ad-click identifiers: Facebook, Google Ads (gclid, dclid, gbraid,
	 * wbraid), Microsoft Ads, Yandex, Instagram. */
	EXACT("fbclid"),
	EXACT("gclid"),
	EXACT("dclid"),
	EXACT("gbraid"),
	EXACT("wbraid"),
	EXACT("msclkid"),
	EXACT("yclid"),
	EXACT("igshid"),
	/* Mailing-list and marketing-automation tools: Mailchimp, HubSpot,
	 * Marketo, Omeda, Vero. */
	EXACT("mc_cid"),
	EXACT("mc_eid"),
	EXACT("_hsenc"),
	EXACT("_hsmi"),
	EXACT("__hssc"),
	EXACT("__hstc"),
	EXACT("__hsfp"),
	EXACT("hsCtaTracking"),
	EXACT("mkt_tok"),
	EXACT("oly_anon_id"),
	EXACT("oly_enc_id"),
	EXACT("vero_id"),
	/* Twitter embeds ("ref_src=twsrc^tfw"); plain "ref" stays. */
	EXACT("ref_src"),
	/* Alibaba's position tag. */
	EXACT("spm"),
	/* Publishers' own campaign and share-button tags (Guardian "CMP",
	 * Adobe "s_cid", Yahoo/MSN "ncid"/"ocid", ...). */
	EXACT("share"),
	EXACT("s_cid"),
	EXACT("cmpid"),
	EXACT("icid"),
	EXACT("ncid"),
	EXACT("ocid"),
	EXACT("ito"),
	EXACT("CMP"),
	EXACT("sr_share"),
	EXACT("soc_src"),
	EXACT("soc_trk"),
	/* AT Internet analytics. */
	EXACT("at_medium"),
	EXACT("at_campaign"),
	/* Webtrekk: "WT.mc_id" and friends, and the heise/Zeit spellings. */
	PREFIX("WT."),
	EXACT("wt_mc"),
	EXACT("wt_zmc"),
	/* Piwik and its successor Matomo. */
	PREFIX("pk_"),
	PREFIX("mtm_"),
	/* Humble Bundle. */
	PREFIX("hmb_"),
};

int
canon_is_tracking_param(const char *name, size_t len)
{
	const struct tracker *t;
	size_t i;

	/* Case-insensitive: feeds write "UTM_Source" as often as not. */
	for (i = 0; i < sizeof(trackers) / sizeof(trackers[0]); i++) {
		t = &trackers[i];
		if ((t->prefix ? len >= t->len : len == t->len) &&
		    strncasecmp(name, t->name, t->len) == 0)
			return 1;
	}
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 3986 2.3; spelled out because isalnum() follows the locale. */
static int
is_unreserved(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* Normalises percent-encoding of s in place (RFC 3986 6.2.2.1-2): escaped
 * unreserved characters are decoded, other escapes get upper-case hex.
 * A '%' not followed by two hex digits is left alone.  Returns the new
 * length; the result is never longer. */
static size_t
pct_normalise(char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *pct = memchr(s, '%', len);
	size_t i, o;
	int hi, lo, c;

	/* Most links have no escape at all: what comes before the first
	 * stays as it is. */
	if (pct == NULL) {
		s[len] = '\0';
		return len;
	}
	for (i = o = (size_t)(pct - s); i < len; i++) {
		if (s[i] != '%' || i + 2 >= len ||
		    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
		    (lo = hexval((unsigned char)s[i + 2])) < 0) {
			s[o++] = s[i];
			continue;
		}
		c = hi << 4 | lo;
		/* A decoded hex digit after a stray "%" or "%H" would make
		 * an escape for the next pass to decode ("%%33" into "%3"
		 * then "3"): keep it escaped, so that a normalised string
		 * normalises to itself. */
		if (is_unreserved(c) && !(hexval(c) >= 0 && ((o >= 1 &&
		    s[o - 1] == '%') || (o >= 2 && s[o - 2] == '%' &&
		    hexval((unsigned char)s[o - 1]) >= 0))))
			s[o++] = (char)c;
		else {
			s[o++] = '%';
			s[o++] = hex[hi];
			s[o++] = hex[lo];
		}
		i += 2;
	}
	s[o] = '\0';
	return o;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* Copy of url without surrounding blanks (feeds wrap <link> text in
 * newlines), with unreserved escapes decoded before curl sees it: "%2E%2E"
 * must count as a dot segment, which curl only removes when literal. */
static char *
prepare(const char *url)
{
	size_t len;
	char *s;

	while (is_blank((unsigned char)*url))
		url++;
	len = strlen(url);
	while (len > 0 && is_blank((unsigned char)url[len - 1]))
		len--;
	if (len == 0 || len > CANON_URL_MAX)
		return NULL;
	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(s, url, len);
	pct_normalise(s, len);
	return s;
}

/* Sets *https for https, returns 0 for any scheme other than http(s). */
static int
web_scheme(CURLU *u, int *https)
{
	char *scheme = NULL;
	int ok = 0;

	/* curl has already lower-cased the scheme. */
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK) {
		*https = strcmp(scheme, "https") == 0;
		ok = *https || strcmp(scheme, "http") == 0;
	}
	curl_free(scheme);
	return ok;
}

/* Host for the canonical form, curl-allocated, in *host; returns the
 * offset at which it starts (past a dropped "www.") or -1. */
static int
canon_host(CURLU *u, char **host)
{
	char *h, *p;
	int skip = 0;

	*host = NULL;
	if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK)
		return -1;
	/* A name punycode cannot express is kept as written: still a stable
	 * identity, and the fetch will fail on it anyway. */
	if (!url_is_ascii(h) && (p = url_idn_host(u)) != NULL) {
		curl_free(h);
		h = p;
	}
	/* ASCII only, whatever the locale: UTF-8 bytes stay as they are. */
	for (p = h; *p != '\0'; p++) {
		/* curl decodes "%7F" in a host to a DEL it would refuse
		 * written raw, and "%2533" to a "%33" it would decode next
		 * time: such forms could not be read back the same.  DNS
		 * names have neither. */
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '%') {
			curl_free(h);
			return -1;
		}
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	}
	*host = h;
	/* "www.example.com" is "example.com", but "www.com" stays itself.
	 * Every such "www." goes: dropping only the first would leave
	 * "www.www.example.com" a form ("www.example.com") that is not its
	 * own canonical form.  Nor does one before a name whose last label
	 * starts with a digit: no top-level domain does, and curl reads
	 * "0.1" (from "www.0.1") as the address 0.0.0.1. */
	p = strrchr(h, '.');
	if (p != NULL && p[1] >= '0' && p[1] <= '9')
		return 0;
	while (strncmp(h + skip, "www.", 4) == 0 &&
	    strchr(h + skip + 4, '.') != NULL)
		skip += 4;
	return skip;
}

/* Port to write, or NULL when absent or the default of the scheme.  80
 * goes for https too: the form is written "http", and "http://h:80/" would
 * canonicalise to "http://h/", so keeping it would break idempotence. */
static char *
canon_port(CURLU *u, int https)
{
	char *port;

	/* curl has validated the port and stripped leading zeros. */
	if (curl_url_get(u, CURLUPART_PORT, &port, 0) != CURLUE_OK)
		return NULL;
	if (strcmp(port, "80") == 0 || (https && strcmp(port, "443") == 0)) {
		curl_free(port);
		return NULL;
	}
	return port;
}

struct param {
	const char	*s;
	size_t		 len;
	size_t		 namelen;
};

static int
param_cmp(const void *a, const void *b)
{
	const struct param *p = a, *q = b;
	size_t n;
	int c;

	n = p->namelen < q->namelen ? p->namelen : q->namelen;
	if ((c = memcmp(p->s, q->s, n)) != 0)
		return c;
	if (p->namelen != q->namelen)
		return p->namelen < q->namelen ? -1 : 1;
	/* Same name: order by the rest, "=value" or nothing.  Parameters
	 * equal here are equal bytes, so qsort() is as good as stable. */
	n = p->len < q->len ? p->len : q->len;
	if ((c = memcmp(p->s, q->s, n)) != 0)
		return c;
	return (p->len > q->len) - (p->len < q->len);
}

/* Splits query q into the parameters worth keeping, sorted.  Returns the
 * number kept (*out malloc'd, may be NULL when 0) or -1 when out of
 * memory; *total gets their length joined with '&'. */
static long
canon_params(const char *q, struct param **out, size_t *total)
{
	struct param *v;
	const char *p, *end, *eq;
	size_t n = 1, kept = 0;

	*out = NULL;
	*total = 0;
	for (p = q; *p != '\0'; p++)
		n += *p == '&';
	if ((v = calloc(n, sizeof(*v))) == NULL)
		return -1;
	for (p = q;; p = end + 1) {
		end = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(end - p));
		v[kept].s = p;
		v[kept].len = (size_t)(end - p);
		v[kept].namelen = eq ? (size_t)(eq - p) : v[kept].len;
		/* "a=1&&b=2" carries nothing between the ampersands. */
		if (v[kept].len > 0 &&
		    !canon_is_tracking_param(p, v[kept].namelen)) {
			*total += v[kept].len + (kept > 0);
			kept++;
		}
		if (*end == '\0')
			break;
	}
	qsort(v, kept, sizeof(*v), param_cmp);
	*out = v;
	return (long)kept;
}

static char *
append(char *d, const char *s, size_t len)
{
	memcpy(d, s, len);
	return d + len;
}

/* Writes "http://host[:port]path[?query]". */
static char *
assemble(const char *host, const char *port, const char *path,
    const struct param *v, long n, size_t qlen)
{
	size_t len;
	char *out, *d;
	long i;

	len = 7 + strlen(host) + (port ? 1 + strlen(port) : 0) +
	    strlen(path) + (n > 0 ? 1 + qlen : 0);
	if ((out = d = malloc(len + 1)) == NULL)
		return NULL;
	d = append(d, "http://", 7);
	d = append(d, host, strlen(host));
	if (port != NULL) {
		*d++ = ':';
		d = append(d, port, strlen(port));
	}
	d = append(d, path, strlen(path));
	for (i = 0; i < n; i++) {
		*d++ = i == 0 ? '?' : '&';
		d = append(d, v[i].s, v[i].len);
	}
	*d = '\0';
	return out;
}

/* The parts of parsed URL u, canonicalised and joined. */
static char *
canon_parts(CURLU *u)
{
	char *host = NULL, *port = NULL, *path = NULL, *query = NULL;
	char *out = NULL;
	struct param *v = NULL;
	size_t qlen = 0;
	long n = 0;
	int https, skip;

	if (!web_scheme(u, &https) || (skip = canon_host(u, &host)) < 0 ||
	    host[skip] == '\0' ||
	    curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK)
		goto done;
	port = canon_port(u, https);
	/* Re-run over curl's output: CURLU_URLENCODE writes lower-case hex. */
	pct_normalise(path, strlen(path));
	if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK) {
		pct_normalise(query, strlen(query));
		if ((n = canon_params(query, &v, &qlen)) < 0)
			goto done;
	}
	out = assemble(host + skip, port, *path ? path : "/", v, n, qlen);
done:
	free(v);
	curl_free(query);
	curl_free(path);
	curl_free(port);
	curl_free(host);
	return out;
}

/* Bytes CURLU_URLENCODE would escape: controls, space, DEL and above. */
static int
needs_encoding(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return 1;
	return 0;
}

char *
canon_url(const char *url)
{
	CURLU *u;
	char *s, *out = NULL;

	if (url == NULL || (s = prepare(url)) == NULL)
		return NULL;
	/* CURLU_URLENCODE: a stray space or raw UTF-8 in a feed's link is
	 * the same story as its escaped spelling, not garbage.  Only then:
	 * it costs a copy and a pass, and most links need neither. */
	if ((u = curl_url()) != NULL &&
	    curl_url_set(u, CURLUPART_URL, s, needs_encoding(s) ?
	    CURLU_URLENCODE : 0) == CURLUE_OK)
		out = canon_parts(u);
	curl_url_cleanup(u);
	free(s);
	return out;
}
