/* canon_url(): one spelling per story; url_normalize(): one per feed. */
#include <stdlib.h>
#include <string.h>

#include "feedd/canon.h"
#include "feedd/urlres.h"
#include "tap.h"

/* fn(in) is want (NULL: rejected). */
static void
url_is(char *(*fn)(const char *), const char *in, const char *want,
    const char *what)
{
	char *got = fn(in);

	is_str(got, want, what);
	free(got);
}

static void
canon_is(const char *in, const char *want, const char *what)
{
	url_is(canon_url, in, want, what);
}

/* a and b canonicalise to the same, non-NULL string. */
static void
same(const char *a, const char *b, const char *what)
{
	char *x = canon_url(a), *y = canon_url(b);

	ok(x != NULL && y != NULL && strcmp(x, y) == 0, what);
	free(x);
	free(y);
}

static void
differ(const char *a, const char *b, const char *what)
{
	char *x = canon_url(a), *y = canon_url(b);

	ok(x != NULL && y != NULL && strcmp(x, y) != 0, what);
	free(x);
	free(y);
}

static int
tracking(const char *name)
{
	return canon_is_tracking_param(name, strlen(name));
}

static void
test_scheme(void)
{
	canon_is("https://example.org/a", "http://example.org/a",
	    "https written as http");
	canon_is("http://example.org/a", "http://example.org/a",
	    "http unchanged");
	same("http://example.org/story", "https://example.org/story",
	    "http and https are one story");
	canon_is("HTTPS://example.org/", "http://example.org/",
	    "scheme case");
	canon_is("javascript:alert(1)", NULL, "javascript: rejected");
	canon_is("file:///etc/passwd", NULL, "file: rejected");
	canon_is("mailto:someone@example.org", NULL, "mailto: rejected");
	canon_is("ftp://example.org/pub/", NULL, "ftp: rejected");
	canon_is("data:text/html,hi", NULL, "data: rejected");
	canon_is("tag:example.org,2024:1", NULL, "tag: URI rejected");
}

static void
test_garbage(void)
{
	char *big, *c;

	canon_is("", NULL, "empty string");
	canon_is("   \n", NULL, "only blanks");
	canon_is("not a url", NULL, "words");
	canon_is("/relative/path", NULL, "relative reference");
	canon_is("example.org/story", NULL, "no scheme");
	canon_is("//example.org/story", NULL, "scheme-relative");
	canon_is("http://", NULL, "no host");
	canon_is("http://:80/", NULL, "empty host with port");
	canon_is("http://example.org:99999/", NULL, "port out of range");
	canon_is("http://exa\tmple.org/", NULL, "control character");
	canon_is(NULL, NULL, "NULL in");

	/* 8 KiB is the limit: one byte more is refused. */
	if ((big = malloc(CANON_URL_MAX + 2)) == NULL)
		abort();
	memcpy(big, "http://example.org/", 19);
	memset(big + 19, 'a', CANON_URL_MAX - 19);
	big[CANON_URL_MAX] = '\0';
	c = canon_url(big);
	is_int(c != NULL ? (long long)strlen(c) : -1, CANON_URL_MAX,
	    "8192-byte URL accepted whole");
	free(c);
	big[CANON_URL_MAX] = 'a';
	big[CANON_URL_MAX + 1] = '\0';
	canon_is(big, NULL, "8193-byte URL refused");
	free(big);
}

static void
test_host(void)
{
	canon_is("http://EXAMPLE.Org/Path", "http://example.org/Path",
	    "host lower-cased, path case kept");
	canon_is("http://www.example.org/", "http://example.org/",
	    "leading www. dropped");
	canon_is("http://WWW.Example.ORG/", "http://example.org/",
	    "upper-case WWW. dropped");
	same("https://www.example.org/story", "http://example.org/story",
	    "www vs none");
	canon_is("http://www.com/", "http://www.com/",
	    "www. kept when nothing is left of the name");
	/* Found by fuzz_canon: "0.1" would be read as 0.0.0.1 next time. */
	canon_is("http://www.0.1/", "http://www.0.1/",
	    "www. kept before a name curl would read as an address");
	canon_is("http://www.example.7z/", "http://www.example.7z/",
	    "www. kept before a last label starting with a digit");
	canon_is("http://news.www.example.org/", "http://news.www.example.org/",
	    "inner www kept");
	canon_is("http://www2.example.org/", "http://www2.example.org/",
	    "www2 kept");
	canon_is("http://münchen.de/", "http://xn--mnchen-3ya.de/",
	    "IDN to punycode");
	canon_is("http://www.MÜNCHEN.de/a", "http://xn--mnchen-3ya.de/a",
	    "upper-case IDN with www.");
	same("http://xn--mnchen-3ya.de/", "https://münchen.de/",
	    "punycode and Unicode spelling are one host");
	canon_is("http://m%C3%BCnchen.de/", "http://xn--mnchen-3ya.de/",
	    "percent-encoded IDN host");
	/* IDNA maps U+037E (Greek question mark) to ';', which no host
	 * may hold: the name stays as written, so that the form is its
	 * own canonical form (found by the fuzzer). */
	canon_is("http:/\xcd\xbexe", "http://\xcd\xbexe/",
	    "an IDN that maps to punctuation is kept as written");
	canon_is("http://\xcd\xbexe/", "http://\xcd\xbexe/",
	    "and canonicalises to itself");
	canon_is("http://user:secret@example.org/a", "http://example.org/a",
	    "userinfo dropped");
	canon_is("http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/",
	    "IPv6 literal lower-cased, port kept");
	canon_is("http://192.0.2.1/", "http://192.0.2.1/", "IPv4 literal");
}

static void
test_port(void)
{
	canon_is("http://example.org:80/a", "http://example.org/a",
	    "port 80 dropped on http");
	canon_is("https://example.org:443/a", "http://example.org/a",
	    "port 443 dropped on https");
	same("https://example.org:443/a", "http://example.org:80/a",
	    "default ports are one story");
	canon_is("http://example.org:8080/a", "http://example.org:8080/a",
	    "other port kept");
	canon_is("http://example.org:443/a", "http://example.org:443/a",
	    "443 is not the default for http");
	/* Written "http", a kept :80 would canonicalise again to no port:
	 * the form must be its own canonical form (tests/fuzz). */
	canon_is("https://example.org:80/a", "http://example.org/a",
	    "80 on https dropped: the form is written http");
	canon_is("http://example.org:0080/a", "http://example.org/a",
	    "leading zeros in the port");
	canon_is("http://example.org:/a", "http://example.org/a",
	    "empty port");
}

static void
test_path(void)
{
	canon_is("http://example.org", "http://example.org/",
	    "empty path becomes /");
	canon_is("http://example.org?a=1", "http://example.org/?a=1",
	    "empty path before a query");
	canon_is("http://example.org/a/./b/../c", "http://example.org/a/c",
	    "dot segments removed");
	canon_is("http://example.org/a/%2E%2e/b", "http://example.org/b",
	    "escaped dot segments removed");
	canon_is("http://example.org/../../a", "http://example.org/a",
	    "dot segments above the root");
	canon_is("http://example.org/news/", "http://example.org/news/",
	    "trailing slash kept");
	differ("http://example.org/news/", "http://example.org/news",
	    "trailing slash is not guessed away");
	canon_is("http://example.org/a%2fb", "http://example.org/a%2Fb",
	    "escape hex upper-cased, %2F not decoded");
	canon_is("http://example.org/%7euser/%41", "http://example.org/~user/A",
	    "unreserved characters decoded");
	canon_is("http://example.org/a%zzb%4", "http://example.org/a%zzb%4",
	    "broken escapes kept");
	canon_is("http://example.org/caf\xc3\xa9", "http://example.org/caf%C3%A9",
	    "raw UTF-8 in the path escaped");
	same("http://example.org/caf\xc3\xa9", "http://example.org/caf%c3%a9",
	    "raw and escaped UTF-8 are one path");
	canon_is("http://example.org/a b", "http://example.org/a%20b",
	    "space in the path escaped");
	canon_is("  \n\thttp://example.org/a\n  ", "http://example.org/a",
	    "surrounding blanks ignored");
}

static void
test_fragment(void)
{
	canon_is("http://example.org/a#section-2", "http://example.org/a",
	    "fragment dropped");
	canon_is("http://example.org/a?b=1#c?d=2", "http://example.org/a?b=1",
	    "fragment with ? dropped");
	canon_is("http://example.org/a#", "http://example.org/a",
	    "empty fragment dropped");
}

static void
test_query(void)
{
	same("https://www.example.org/2024/05/story.html?utm_source=rss&"
	    "utm_medium=feed", "http://example.org/2024/05/story.html",
	    "same story with and without utm_* tags");
	canon_is("http://example.org/a?utm_source=rss&utm_medium=feed&"
	    "utm_campaign=x", "http://example.org/a",
	    "only tracking parameters: ? dropped");
	canon_is("http://example.org/a?", "http://example.org/a",
	    "empty query dropped");
	canon_is("http://example.org/a?&&", "http://example.org/a",
	    "query of ampersands dropped");
	canon_is("http://example.org/a?b=2&a=1", "http://example.org/a?a=1&b=2",
	    "parameters sorted by name");
	same("http://example.org/a?x=1&y=2&z=3", "http://example.org/a?z=3&x=1&y=2",
	    "parameter order does not matter");
	canon_is("http://example.org/a?id=2&id=10&id=1",
	    "http://example.org/a?id=1&id=10&id=2",
	    "same name sorted by value");
	canon_is("http://example.org/a?ab=1&a=2&a", "http://example.org/a?a&a=2&ab=1",
	    "shorter name first, bare name before name=");
	canon_is("http://example.org/a?id=7&fbclid=IwAR0xyz&page=2",
	    "http://example.org/a?id=7&page=2", "fbclid dropped, others kept");
	canon_is("http://example.org/a?q=1&&r=2", "http://example.org/a?q=1&r=2",
	    "empty parameter dropped");
	canon_is("http://example.org/a?q=%2fx%7e%41",
	    "http://example.org/a?q=%2Fx~A", "query escapes normalised");
	canon_is("http://example.org/a?q=a+b%20c", "http://example.org/a?q=a+b%20c",
	    "query encoding otherwise kept");
	canon_is("http://example.org/a?UTM_Source=x&id=1",
	    "http://example.org/a?id=1", "tracking names case-insensitive");
	canon_is("http://example.org/a?utm%5Fsource=x&id=1",
	    "http://example.org/a?id=1", "escaped tracking name");
	canon_is("http://example.org/a?WT.mc_id=rss&pk_campaign=f&"
	    "mtm_source=g&hmb_medium=h&id=3", "http://example.org/a?id=3",
	    "WT. pk_ mtm_ hmb_ prefixes");
	canon_is("http://example.org/feed?rss=1&ref=home&source=x",
	    "http://example.org/feed?ref=home&rss=1&source=x",
	    "rss, ref and source kept");
	canon_is("http://example.org/a?ref_src=twsrc&ref_url=x",
	    "http://example.org/a?ref_url=x", "ref_src dropped, ref_url kept");
	canon_is("http://example.org/a?utm=1&utmx=2",
	    "http://example.org/a?utm=1&utmx=2", "utm without _ kept");
}

static void
test_tracking_table(void)
{
	static const char *const yes[] = {
		"utm_source", "utm_medium", "utm_whatever", "fbclid", "gclid",
		"dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
		"igshid", "yclid", "_hsenc", "_hsmi", "__hssc", "__hstc",
		"__hsfp", "hsCtaTracking", "ref_src", "mkt_tok",
		"oly_anon_id", "oly_enc_id", "vero_id", "_ga", "spm", "share",
		"s_cid", "cmpid", "icid", "ncid", "ocid", "ito", "at_medium",
		"at_campaign", "CMP", "sr_share", "soc_src", "soc_trk",
		"wt_mc", "WT.mc_id", "WT.srch", "pk_campaign", "pk_kwd",
		"mtm_campaign", "hmb_source", "FBCLID",
	};
	static const char *const no[] = {
		"ref", "ref_url", "rss", "source", "id", "page", "q", "utm",
		"share_id", "gclid2", "fb", "_g", "WT", "pk", "spmx", "",
	};
	size_t i;
	int bad;

	for (i = 0, bad = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!tracking(yes[i]))
			bad++, printf("# not tracking: %s\n", yes[i]);
	is_int(bad, 0, "every listed name is a tracking parameter");
	for (i = 0, bad = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (tracking(no[i]))
			bad++, printf("# tracking: %s\n", no[i]);
	is_int(bad, 0, "content names are not");
	ok(canon_is_tracking_param("fbclid=abc", 6),
	    "length bounds the name");
	ok(!canon_is_tracking_param("fbclid", 5), "prefix of a name is not it");
}

static void
test_idempotent(void)
{
	static const char *const in[] = {
		"https://www.M\xc3\x9cNCHEN.de:443/a/./b/%7e?z=1&utm_source=x&a=%2f#f",
		"http://example.org/a b?q=c d",
		"http://example.org/x/../y/?b&a",
	};
	size_t i;
	int bad = 0;
	char *once, *twice;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		once = canon_url(in[i]);
		twice = once ? canon_url(once) : NULL;
		if (twice == NULL || strcmp(once, twice) != 0)
			bad++;
		free(once);
		free(twice);
	}
	is_int(bad, 0, "canon_url(canon_url(x)) == canon_url(x)");
}

static void
normal_is(const char *in, const char *want, const char *what)
{
	url_is(url_normalize, in, want, what);
}

/* A subscription's URL keeps what may name another resource (www., the
 * query, the path's case, https); only spellings of the same one go. */
static void
test_feed_url(void)
{
	normal_is("HTTP://127.0.0.1:8765/a.xml", "http://127.0.0.1:8765/a.xml",
	    "feed URL: scheme in lower case");
	normal_is("http://Example.ORG/Feed", "http://example.org/Feed",
	    "feed URL: host in lower case, path as written");
	normal_is("http://example.org/a.xml#frag", "http://example.org/a.xml",
	    "feed URL: no fragment");
	normal_is("http://example.org/a.xml?", "http://example.org/a.xml",
	    "feed URL: no empty query");
	normal_is("http://example.org/./x/../a.xml", "http://example.org/a.xml",
	    "feed URL: no dot segments");
	normal_is("http://example.org:80/a", "http://example.org/a",
	    "feed URL: no default port");
	normal_is("https://example.org:8443/a", "https://example.org:8443/a",
	    "feed URL: another port kept");
	normal_is("https://www.example.org/rss?utm_source=x&b=1",
	    "https://www.example.org/rss?utm_source=x&b=1",
	    "feed URL: www. and the query kept");
	normal_is("http://example.org", "http://example.org/",
	    "feed URL: an empty path is /");
	normal_is("ftp://example.org/a", NULL, "feed URL: ftp refused");
	normal_is("example.org/feed", NULL, "feed URL: no scheme refused");
	normal_is("http://ex ample.org/", NULL, "feed URL: a bad host refused");
}

static void
ascii_is(const char *in, const char *want, const char *what)
{
	url_is(url_ascii_host, in, want, what);
}

/* The daemon runs in the C locale, where libcurl 7.88 cannot fetch an
 * IDN host: feeds are kept, and fetched, under the punycode one. */
static void
test_feed_idn(void)
{
	normal_is("http://b\xc3\xbc" "cher.example/f", "http://xn--bcher-kva.example/f",
	    "feed URL: IDN host to punycode, in the C locale");
	normal_is("http://B\xc3\x9c" "CHER.Example:8080/f#x",
	    "http://xn--bcher-kva.example:8080/f",
	    "feed URL: upper-case IDN host, port kept");
	normal_is("http://xn--bcher-kva.example/f", "http://xn--bcher-kva.example/f",
	    "feed URL: the punycode spelling is the same one");
	normal_is("http://\xcd\xbexe/", "http://\xcd\xbexe/",
	    "feed URL: an IDN that maps to punctuation is kept as written");
	ascii_is("http://b\xc3\xbc" "cher.example:81/f?q=1",
	    "http://xn--bcher-kva.example:81/f?q=1",
	    "fetch URL: IDN host to punycode");
	ascii_is("http://example.org/caf\xc3\xa9#x", "http://example.org/caf\xc3\xa9#x",
	    "fetch URL: an ASCII host leaves the URL as it is");
	ascii_is("not a url \xc3\xa9", "not a url \xc3\xa9",
	    "fetch URL: what curl cannot parse is left as it is");
}

int
main(void)
{
	test_scheme();
	test_garbage();
	test_host();
	test_port();
	test_path();
	test_fragment();
	test_query();
	test_tracking_table();
	test_idempotent();
	test_feed_url();
	test_feed_idn();
	canon_is("HTTPS://WWW.Example.COM:443/News/./2024/../item.html?"
	    "utm_source=feed&b=2&fbclid=x&a=%7e1#comments",
	    "http://example.com/News/item.html?a=~1&b=2", "every rule at once");
	return tap_done();
}
