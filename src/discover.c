/* Feed discovery: is this URL a feed, and if it is a page, which feeds
 * does it announce?  The client does this so that the daemon never
 * fetches on a user's behalf outside its schedule. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "config.h"
#include "feedd/curlinit.h"
#include "feedd/discover.h"
#include "feedd/parse.h"
#include "feedd/urlres.h"

struct fetched {
	char	*body;
	size_t	 len;
	int	 too_big;
	long	 status;
	char	*ctype;		/* Content-Type, or NULL */
	char	*final_url;	/* after redirects */
};

/* Where sites commonly put their feed, tried in order when a page names
 * none. */
static const char *const common_paths[] = {
	"/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml",
	"/feed.json",
};

static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/feed+json",
	"application/rdf+xml", "application/json",
};

static size_t
on_data(char *p, size_t size, size_t nmemb, void *arg)
{
	struct fetched *f = arg;
	size_t n = size * nmemb;
	char *nb;

	if (n > DISCOVER_MAX_BODY - f->len) {
		f->too_big = 1;
		return 0;	/* aborts the transfer */
	}
	if ((nb = realloc(f->body, f->len + n + 1)) == NULL)
		return 0;
	f->body = nb;
	memcpy(f->body + f->len, p, n);
	f->len += n;
	f->body[f->len] = '\0';
	return n;
}

static void
fetched_free(struct fetched *f)
{
	free(f->body);
	free(f->ctype);
	free(f->final_url);
	memset(f, 0, sizeof(*f));
}

static int
is_http(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

static void
set_options(CURL *h, const char *url, struct fetched *f, char *ebuf,
    struct curl_slist *hdrs)
{
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)DISCOVER_MAX_REDIRECTS);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)DISCOVER_TIMEOUT);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS,
	    CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
	/* "": every encoding curl can decode; the cap counts decoded bytes. */
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "feedctl/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
}

/* Fetches url whole.  0, or -1 with err set (an HTTP error is one). */
static int
fetch(const char *url, struct fetched *f, char *err, size_t errlen)
{
	char ebuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *hdrs;
	const char *ct = NULL, *eff = NULL;
	CURLcode cc;
	CURL *h;

	memset(f, 0, sizeof(*f));
	if (!is_http(url)) {
		snprintf(err, errlen, "%s: only http and https URLs", url);
		return -1;
	}
	if ((h = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "cannot start libcurl");
		return -1;
	}
	hdrs = curl_slist_append(NULL, "Accept: application/rss+xml, "
	    "application/atom+xml, application/feed+json, application/xml;"
	    "q=0.9, text/html;q=0.8, */*;q=0.5");
	set_options(h, url, f, ebuf, hdrs);
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &f->status);
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	f->ctype = ct ? strdup(ct) : NULL;
	f->final_url = strdup(eff ? eff : url);
	curl_easy_cleanup(h);
	curl_slist_free_all(hdrs);
	if (f->too_big)
		snprintf(err, errlen, "%s: larger than %d MiB", url,
		    DISCOVER_MAX_BODY >> 20);
	else if (cc != CURLE_OK)
		snprintf(err, errlen, "%s: %s", url,
		    *ebuf ? ebuf : curl_easy_strerror(cc));
	else if (f->status >= 400)
		snprintf(err, errlen, "%s: HTTP %ld", url, f->status);
	else if (f->final_url == NULL)
		snprintf(err, errlen, "out of memory");
	else
		return 0;
	fetched_free(f);
	return -1;
}

static void
ignore_item(void *arg, struct feed_item *it)
{
	(void)arg;
	(void)it;
}

/* Whether the body parses as a feed; why not in why. */
static int
is_feed(const struct fetched *f, char *why, size_t whylen)
{
	struct feed_parser *p;
	int ok;

	p = feed_parser_new(f->final_url, f->ctype, ignore_item, NULL);
	if (p == NULL) {
		snprintf(why, whylen, "out of memory");
		return 0;
	}
	ok = feed_parser_push(p, f->body ? f->body : "", f->len) == 0 &&
	    feed_parser_finish(p) == 0;
	if (!ok)
		snprintf(why, whylen, "%s", feed_parser_error(p) ?
		    feed_parser_error(p) : "not a feed");
	feed_parser_free(p);
	return ok;
}

/* HTML by its Content-Type, or by its first tag when the server did not
 * say. */
static int
is_html(const struct fetched *f)
{
	const char *p = f->body ? f->body : "";

	if (f->ctype && strcasestr(f->ctype, "html"))
		return 1;
	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (isspace((unsigned char)*p))
		p++;
	return strncasecmp(p, "<!doctype html", 14) == 0 ||
	    strncasecmp(p, "<html", 5) == 0;
}

/* The charset parameter of a Content-Type, when it is a plausible name. */
static char *
charset_of(const char *ctype, char *buf, size_t len)
{
	const char *p = ctype ? strcasestr(ctype, "charset=") : NULL;
	size_t n = 0;

	if (p == NULL)
		return NULL;
	p += 8;
	if (*p == '"')
		p++;
	while (n + 1 < len && (isalnum((unsigned char)p[n]) ||
	    p[n] == '-' || p[n] == '_' || p[n] == '.' || p[n] == ':'))
		buf[n] = p[n], n++;
	buf[n] = '\0';
	return n ? buf : NULL;
}

static int
has_token(const char *list, const char *word)
{
	size_t wl = strlen(word), n;

	while (*list) {
		while (isspace((unsigned char)*list))
			list++;
		for (n = 0; list[n] && !isspace((unsigned char)list[n]); n++)
			;
		if (n == wl && strncasecmp(list, word, n) == 0)
			return 1;
		list += n;
	}
	return 0;
}

/* A feed's media type, ignoring parameters and case: 2 for one that
 * names a feed format, 1 for plain application/json (which also announces
 * APIs, such as WordPress's), 0 for anything else. */
static int
feed_type(const char *type)
{
	size_t i, n;

	while (isspace((unsigned char)*type))
		type++;
	n = strcspn(type, "; \t");
	for (i = 0; i < sizeof(feed_types) / sizeof(feed_types[0]); i++)
		if (strlen(feed_types[i]) == n &&
		    strncasecmp(type, feed_types[i], n) == 0)
			return strcmp(feed_types[i], "application/json") ? 2 : 1;
	return 0;
}

static int
add_unique(char ***urls, size_t *n, char *url)
{
	char **nu;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*urls)[i], url) == 0) {
			free(url);
			return 0;
		}
	if ((nu = realloc(*urls, (*n + 1) * sizeof(*nu))) == NULL) {
		free(url);
		return -1;
	}
	*urls = nu;
	nu[(*n)++] = url;
	return 0;
}

/* The next element in document order, without recursion: a hostile page
 * may nest deeply. */
static xmlNode *
next_node(xmlNode *n)
{
	if (n->children)
		return n->children;
	while (n && n->next == NULL)
		n = n->parent;
	return n ? n->next : NULL;
}

static int
is_elem(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, name) == 0;
}

/* The document's <base href>, resolved, or a copy of base_url. */
static char *
doc_base(xmlNode *root, const char *base_url)
{
	xmlNode *n;
	xmlChar *href;
	char *r;

	for (n = root; n; n = next_node(n)) {
		if (!is_elem(n, "base") ||
		    (href = xmlGetProp(n, BAD_CAST "href")) == NULL)
			continue;
		r = url_resolve(base_url, (const char *)href);
		xmlFree(href);
		return r;
	}
	return strdup(base_url ? base_url : "");
}

/* One <link>: its resolved href when it announces a feed of the kind
 * wanted (see feed_type()). */
static char *
link_feed(xmlNode *n, const char *base, int kind)
{
	xmlChar *rel, *type, *href;
	char *url = NULL;

	rel = xmlGetProp(n, BAD_CAST "rel");
	type = xmlGetProp(n, BAD_CAST "type");
	href = xmlGetProp(n, BAD_CAST "href");
	if (rel && type && href && *href &&
	    has_token((const char *)rel, "alternate") &&
	    feed_type((const char *)type) == kind) {
		url = url_resolve(base, (const char *)href);
		if (url && !is_http(url)) {
			free(url);
			url = NULL;
		}
	}
	xmlFree(rel);
	xmlFree(type);
	xmlFree(href);
	return url;
}

static int
collect_links(xmlNode *root, const char *base, int kind, char ***urls,
    size_t *n)
{
	xmlNode *x;
	char *url;

	for (x = root; x && *n < DISCOVER_MAX_FEEDS; x = next_node(x)) {
		if (!is_elem(x, "link"))
			continue;
		if ((url = link_feed(x, base, kind)) != NULL &&
		    add_unique(urls, n, url) == -1)
			return -1;
	}
	return 0;
}

/* The links to feed formats in page order, then those to plain JSON
 * (*n_json of them), which only a fetch can tell from an API. */
static int
page_links(const char *html, size_t len, const char *base_url,
    const char *encoding, char ***urls, size_t *n, size_t *n_json)
{
	const int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER;
	htmlDocPtr doc;
	char *base;
	int r;

	*urls = NULL;
	*n = *n_json = 0;
	if (len > DISCOVER_MAX_BODY)
		len = DISCOVER_MAX_BODY;
	doc = htmlReadMemory(html, (int)len, base_url, encoding, opts);
	if (doc == NULL && encoding)
		doc = htmlReadMemory(html, (int)len, base_url, NULL, opts);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return 0;	/* nothing parsable: no links */
	}
	if ((base = doc_base(xmlDocGetRootElement(doc), base_url)) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	r = collect_links(xmlDocGetRootElement(doc), base, 2, urls, n);
	*n_json = *n;	/* those before the JSON ones, for now */
	if (r == 0)
		r = collect_links(xmlDocGetRootElement(doc), base, 1, urls, n);
	*n_json = *n - *n_json;
	free(base);
	xmlFreeDoc(doc);
	if (r == -1) {
		discover_free(*urls, *n);
		*urls = NULL;
		*n = 0;
		return -1;
	}
	return (int)*n;
}

int
discover_links(const char *html, size_t len, const char *base_url,
    const char *encoding, char ***urls, size_t *n)
{
	size_t n_json;

	return page_links(html, len, base_url, encoding, urls, n, &n_json);
}

/* Whether url fetches as a feed; why not in why ("URL: HTTP 404"). */
static int
fetches_as_feed_why(const char *url, char *why, size_t whylen)
{
	struct fetched f;
	char e[256];
	int ok;

	if (fetch(url, &f, why, whylen) == -1)
		return 0;
	if (!(ok = is_feed(&f, e, sizeof(e))))
		snprintf(why, whylen, "%s: not a feed: %s", url, e);
	fetched_free(&f);
	return ok;
}

static int
fetches_as_feed(const char *url)
{
	char why[512];

	return fetches_as_feed_why(url, why, sizeof(why));
}

/* Drops the plain-JSON links that are not JSON Feeds. */
static void
check_json(char **urls, size_t *n, size_t n_json)
{
	size_t i, out = *n - n_json;

	for (i = *n - n_json; i < *n; i++) {
		if (fetches_as_feed(urls[i]))
			urls[out++] = urls[i];
		else
			free(urls[i]);
	}
	*n = out;
}

/* The first common path that serves a feed; NULL when none does. */
static char *
probe_common(const char *page)
{
	char *url;
	size_t i;

	for (i = 0; i < sizeof(common_paths) / sizeof(common_paths[0]); i++) {
		if ((url = url_resolve(page, common_paths[i])) == NULL)
			return NULL;
		if (strcmp(url, page) != 0 && fetches_as_feed(url))
			return url;
		free(url);
	}
	return NULL;
}

static int
from_page(const struct fetched *f, const char *url, char ***urls, size_t *n,
    char *err, size_t errlen)
{
	char cs[64], *found;
	size_t n_json;

	if (page_links(f->body ? f->body : "", f->len, f->final_url,
	    charset_of(f->ctype, cs, sizeof(cs)), urls, n, &n_json) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	check_json(*urls, n, n_json);
	if (*n > 0)
		return DISCOVER_ON_PAGE;
	free(*urls);
	*urls = NULL;
	if ((found = probe_common(f->final_url)) == NULL) {
		snprintf(err, errlen, "no feed found on %s", url);
		return -1;
	}
	if ((*urls = malloc(sizeof(**urls))) == NULL) {
		free(found);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	(*urls)[0] = found;
	*n = 1;
	return DISCOVER_ON_PAGE;
}

static int
self(const char *url, char ***urls, size_t *n, char *err, size_t errlen)
{
	if ((*urls = malloc(sizeof(**urls))) == NULL ||
	    ((*urls)[0] = strdup(url)) == NULL) {
		free(*urls);
		*urls = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*n = 1;
	return DISCOVER_IS_FEED;
}

int
discover_feeds(const char *url, char ***urls, size_t *n, char *err,
    size_t errlen)
{
	struct fetched f;
	char why[256];
	int r;

	*urls = NULL;
	*n = 0;
	if (curlinit() == -1) {
		snprintf(err, errlen, "cannot initialise libcurl");
		return -1;
	}
	if (fetch(url, &f, err, errlen) == -1)
		r = -1;
	else if (is_feed(&f, why, sizeof(why)))
		r = self(url, urls, n, err, errlen);
	else if (is_html(&f))
		r = from_page(&f, url, urls, n, err, errlen);
	else {
		snprintf(err, errlen, "%s is neither a feed nor a web page: %s",
		    url, why);
		r = -1;
	}
	fetched_free(&f);
	curl_global_cleanup();
	return r;
}

/* Appends "; WHY" to err, each reason cut at DISCOVER_WHY_MAX bytes. */
static void
add_why(char *err, size_t errlen, const char *why)
{
	size_t n = strlen(err);

	if (n + 3 < errlen)
		snprintf(err + n, errlen - n, "; %.*s", DISCOVER_WHY_MAX, why);
}

/* The first of the page's feeds that fetches as one, in page order
 * (feed formats, then plain JSON), at most DISCOVER_MAX_TRIES of them;
 * else the first common path that does.  NULL with err saying which
 * were tried and why each failed. */
static char *
first_working(const struct fetched *f, const char *url, size_t *n_named,
    char *err, size_t errlen)
{
	char cs[64], why[512], **urls, *found = NULL;
	size_t i, n, n_json, tried;

	*n_named = 0;
	if (page_links(f->body ? f->body : "", f->len, f->final_url,
	    charset_of(f->ctype, cs, sizeof(cs)), &urls, &n, &n_json) == -1) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	*n_named = n;
	snprintf(err, errlen, "no feed found on %s", url);
	for (i = tried = 0; i < n && tried < DISCOVER_MAX_TRIES; i++) {
		tried++;
		if (fetches_as_feed_why(urls[i], why, sizeof(why))) {
			found = urls[i];
			urls[i] = NULL;
			break;
		}
		add_why(err, errlen, why);
	}
	discover_free(urls, n);
	if (found)
		return found;
	if (n > tried) {
		snprintf(why, sizeof(why), "%zu more it names not tried",
		    n - tried);
		add_why(err, errlen, why);
	}
	if ((found = probe_common(f->final_url)) == NULL) {
		snprintf(why, sizeof(why), "%s%s serves a feed", n ?
		    "nor " : "none of ", "/feed, /rss, /rss.xml, /atom.xml, "
		    "/feed.xml, /index.xml or /feed.json");
		add_why(err, errlen, why);
	}
	return found;
}

int
discover_feed(const char *url, char **feed, size_t *n_named, char *err,
    size_t errlen)
{
	struct fetched f;
	char why[256];
	int r = -1;

	*feed = NULL;
	*n_named = 0;
	if (curlinit() == -1) {
		snprintf(err, errlen, "cannot initialise libcurl");
		return -1;
	}
	if (fetch(url, &f, err, errlen) == -1)
		r = -1;
	else if (is_feed(&f, why, sizeof(why))) {
		if ((*feed = strdup(url)) == NULL)
			snprintf(err, errlen, "out of memory");
		else
			r = DISCOVER_IS_FEED;
	} else if (is_html(&f)) {
		if ((*feed = first_working(&f, url, n_named, err, errlen)))
			r = DISCOVER_ON_PAGE;
	} else
		snprintf(err, errlen, "%s is neither a feed nor a web page: %s",
		    url, why);
	fetched_free(&f);
	curl_global_cleanup();
	return r;
}

void
discover_free(char **urls, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(urls[i]);
	free(urls);
}
