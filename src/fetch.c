/*
 * libcurl multi-socket API on libev, after curl's evhiperfifo example:
 * curl tells us which sockets to watch (socket callback) and when to call
 * it back (timer callback); libev watchers call curl_multi_socket_action.
 * No polling: with nothing in flight, nothing runs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/resource.h>

#include <curl/curl.h>
#include <ev.h>

#include "config.h"
#include "feedd/fetch.h"
#include "feedd/log.h"
#include "feedd/sched.h"
#include "feedd/urlres.h"

#define FETCH_ITEMS_MAX	10000	/* items kept from one response */

#define ACCEPT "Accept: application/rss+xml, application/atom+xml, " \
	"application/feed+json, application/rdf+xml, application/xml;q=0.9, " \
	"text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

/* Transfers per host: at most the configured number run at once; the rest
 * wait here, not inside curl, whose timeout clock would already run. */
#define HOST_BUCKETS	256

struct host {
	struct host	*next;
	char		*name;		/* host:port */
	int		 active;
	struct transfer	*qhead, *qtail;
};

struct fetch {
	struct ev_loop	*loop;
	struct host	*hosts[HOST_BUCKETS];
	CURLM		*multi;
	ev_timer	 timer;
	fetch_done_fn	 done;
	void		*arg;
	size_t		 in_flight;
	int64_t		 max_body;
	const struct config *cfg;
	struct transfer	*transfers;	/* in flight, to free on exit */
};

struct sock {
	ev_io		 io;
	struct fetch	*f;
	curl_socket_t	 fd;
};

struct transfer {
	struct transfer	*next, *prev;
	struct transfer	*qnext;		/* waiting for its host */
	struct host	*host;
	struct fetch	*f;
	CURL		*easy;
	struct curl_slist *req_headers;
	struct fetch_result r;
	struct feed_parser *parser;
	char		*content_type;
	char		*url;		/* current URL in the redirect chain */
	int		 chain_permanent; /* every redirect so far 301/308 */
	int		 status;	/* status of the response being read */
	int		 too_big;
	int		 items_dropped;
	int		 conditional;	/* sent a validator */
	size_t		 cap_items;
	char		 errbuf[CURL_ERROR_SIZE];
};

static void host_release(struct fetch *, struct host *);
static void transfer_free(struct transfer *);

static void
link_transfer(struct fetch *f, struct transfer *t)
{
	t->next = f->transfers;
	if (t->next)
		t->next->prev = t;
	f->transfers = t;
}

static void
unlink_transfer(struct fetch *f, struct transfer *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		f->transfers = t->next;
	if (t->next)
		t->next->prev = t->prev;
}

/* ---- results ---- */

void
fetch_result_free(struct fetch_result *r)
{
	size_t i;

	free(r->error);
	free(r->etag);
	free(r->last_modified);
	free(r->permanent_url);
	if (r->info) {
		free(r->info->title);
		free(r->info->link);
		free(r->info->id);
		free(r->info);
	}
	for (i = 0; i < r->n_items; i++)
		feed_item_free(r->items[i]);
	free(r->items);
	memset(r, 0, sizeof(*r));
}

static void
set_error(struct transfer *t, const char *fmt, const char *arg)
{
	char msg[512];

	if (t->r.error)
		return;
	snprintf(msg, sizeof(msg), fmt, arg);
	t->r.error = strdup(msg);
}

static void
on_item(void *arg, struct feed_item *it)
{
	struct transfer *t = arg;
	struct feed_item **v;

	/* Feeds list the newest first; past this many, the rest are old
	 * news, and keeping them would hold the loop and memory hostage. */
	if (t->r.n_items >= FETCH_ITEMS_MAX) {
		t->items_dropped = 1;
		return;
	}
	if (t->r.n_items == t->cap_items) {
		size_t cap = t->cap_items ? t->cap_items * 2 : 64;
		if ((v = realloc(t->r.items, cap * sizeof(*v))) == NULL)
			return;
		t->r.items = v;
		t->cap_items = cap;
	}
	if ((t->r.items[t->r.n_items] = feed_item_take(it)) != NULL)
		t->r.n_items++;
}

/* ---- curl callbacks for one transfer ---- */

static char *
header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *v, *end = line + len;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	for (v = line + n + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && isspace((unsigned char)end[-1]))
		end--;
	return strndup(v, end - v);
}

static void
replace(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/* A new response in the chain: a redirect's, or the final one. */
static void
status_line(struct transfer *t, const char *line)
{
	int code = 0;

	if (sscanf(line, "HTTP/%*s %d", &code) != 1)
		return;
	t->status = code;
	/* Headers of an earlier response in the chain do not count. */
	replace(&t->r.etag, NULL);
	replace(&t->r.last_modified, NULL);
	replace(&t->content_type, NULL);
	t->r.max_age = -1;
	t->r.expires = 0;
	t->r.retry_after = 0;
}

static void
redirect_to(struct transfer *t, const char *location)
{
	char *next = url_resolve(t->url, location);

	if (next == NULL)
		return;
	if (t->status != 301 && t->status != 308)
		t->chain_permanent = 0;
	if (t->chain_permanent)
		replace(&t->r.permanent_url, strdup(next));
	replace(&t->url, next);
}

static size_t
on_header(char *line, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;
	char *v;

	if (len > 5 && strncmp(line, "HTTP/", 5) == 0) {
		char s[64];
		snprintf(s, sizeof(s), "%.*s", (int)(len < 63 ? len : 63), line);
		status_line(t, s);
		return len;
	}
	if ((v = header_value(line, len, "ETag")) != NULL)
		replace(&t->r.etag, v);
	else if ((v = header_value(line, len, "Last-Modified")) != NULL)
		replace(&t->r.last_modified, v);
	else if ((v = header_value(line, len, "Content-Type")) != NULL)
		replace(&t->content_type, v);
	else if ((v = header_value(line, len, "Cache-Control")) != NULL) {
		t->r.max_age = sched_max_age(v);
		free(v);
	} else if ((v = header_value(line, len, "Expires")) != NULL) {
		t->r.expires = sched_http_date(v);
		free(v);
	} else if ((v = header_value(line, len, "Retry-After")) != NULL) {
		t->r.retry_after = sched_retry_after(v, time(NULL));
		free(v);
	} else if ((v = header_value(line, len, "Location")) != NULL) {
		if (t->status >= 300 && t->status < 400)
			redirect_to(t, v);
		free(v);
	}
	return len;
}

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;

	if (t->status < 200 || t->status >= 300)
		return len;	/* an error page: not a feed */
	t->r.bytes += len;
	if (t->r.bytes > t->f->max_body) {
		t->too_big = 1;
		return 0;	/* curl aborts with a write error */
	}
	if (t->parser == NULL) {
		t->parser = feed_parser_new(t->url, t->content_type, on_item, t);
		if (t->parser == NULL)
			return 0;
		/* A document cut short must not leave a half-read item in
		 * the store: the next poll brings it whole. */
		feed_parser_drop_open_items(t->parser, 1);
	}
	/* Once the parser gave up, the rest is read and dropped. */
	feed_parser_push(t->parser, data, len);
	return len;
}

/* ---- finishing a transfer ---- */

static void
finish_parse(struct transfer *t)
{
	const struct feed_info *fi;

	if (t->parser == NULL) {
		set_error(t, "%s", "empty response");
		return;
	}
	if (feed_parser_finish(t->parser) == -1) {
		set_error(t, "not a feed: %s", feed_parser_error(t->parser));
		return;
	}
	if (t->items_dropped)
		log_info("%s: more than %d items; kept the first %d", t->url,
		    FETCH_ITEMS_MAX, FETCH_ITEMS_MAX);
	t->r.truncated = feed_parser_truncated(t->parser);
	t->r.open_dropped = feed_parser_open_dropped(t->parser);
	fi = feed_parser_info(t->parser);
	if ((t->r.info = calloc(1, sizeof(*t->r.info))) == NULL)
		return;
	*t->r.info = *fi;
	t->r.info->title = fi->title ? strdup(fi->title) : NULL;
	t->r.info->link = fi->link ? strdup(fi->link) : NULL;
	t->r.info->id = fi->id ? strdup(fi->id) : NULL;
}

static void
finish(struct transfer *t, CURLcode code)
{
	long status = 0;
	char msg[64];

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	t->r.status = (int)status;
	if (t->too_big) {
		snprintf(msg, sizeof(msg), "%lld bytes", (long long)t->f->max_body);
		set_error(t, "response larger than %s", msg);
	} else if (code == CURLE_FILESIZE_EXCEEDED) {
		snprintf(msg, sizeof(msg), "%lld bytes", (long long)t->f->max_body);
		set_error(t, "response larger than %s", msg);
	} else if (code != CURLE_OK) {
		set_error(t, "%s", t->errbuf[0] ? t->errbuf :
		    curl_easy_strerror(code));
	} else if (status == 304 && !t->conditional) {
		/* Nothing to compare with: taking it as "unchanged" would
		 * leave the feed without items for good. */
		set_error(t, "%s",
		    "304 Not Modified to a request without validators");
	} else if (status == 304) {
		t->r.not_modified = 1;
	} else if (status >= 200 && status < 300) {
		finish_parse(t);
	} else {
		snprintf(msg, sizeof(msg), "%ld", status);
		set_error(t, "HTTP status %s", msg);
	}
	if (!t->chain_permanent || t->r.error || t->r.not_modified)
		replace(&t->r.permanent_url, NULL);
}

static void
transfer_free(struct transfer *t)
{
	curl_slist_free_all(t->req_headers);
	feed_parser_free(t->parser);
	free(t->content_type);
	free(t->url);
	free(t);
}

static void
check_done(struct fetch *f)
{
	struct transfer *t;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		finish(t, m->data.result);
		unlink_transfer(f, t);
		curl_multi_remove_handle(f->multi, t->easy);
		curl_easy_cleanup(t->easy);
		f->in_flight--;
		host_release(f, t->host);
		f->done(f->arg, &t->r);
		fetch_result_free(&t->r);
		transfer_free(t);
	}
}

/* ---- libev <-> curl ---- */

static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct fetch *f = w->data;
	int running;

	(void)loop;
	(void)revents;
	curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(f);
}

static int
curl_timer(CURLM *multi, long ms, void *arg)
{
	struct fetch *f = arg;

	(void)multi;
	ev_timer_stop(f->loop, &f->timer);
	if (ms >= 0) {
		/* 0 means "as soon as possible", never from inside curl. */
		ev_timer_set(&f->timer, ms / 1000.0, 0.);
		ev_timer_start(f->loop, &f->timer);
	}
	return 0;
}

static void
on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct sock *s = w->data;
	struct fetch *f = s->f;
	int action = 0, running;

	(void)loop;
	if (revents & EV_READ)
		action |= CURL_CSELECT_IN;
	if (revents & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(f->multi, s->fd, action, &running);
	check_done(f);
}

static int
curl_socket(CURL *easy, curl_socket_t fd, int what, void *arg, void *sockp)
{
	struct fetch *f = arg;
	struct sock *s = sockp;
	int events = 0;

	(void)easy;
	if (what == CURL_POLL_REMOVE) {
		if (s) {
			ev_io_stop(f->loop, &s->io);
			free(s);
		}
		curl_multi_assign(f->multi, fd, NULL);
		return 0;
	}
	if (what & CURL_POLL_IN)
		events |= EV_READ;
	if (what & CURL_POLL_OUT)
		events |= EV_WRITE;
	if (s == NULL) {
		if ((s = calloc(1, sizeof(*s))) == NULL)
			return -1;
		s->f = f;
		s->fd = fd;
		s->io.data = s;
		curl_multi_assign(f->multi, fd, s);
	} else
		ev_io_stop(f->loop, &s->io);
	ev_io_init(&s->io, on_io, fd, events);
	ev_io_start(f->loop, &s->io);
	return 0;
}

/* ---- hosts ---- */

static struct host *
host_of(struct fetch *f, const char *url)
{
	char key[300] = "", *h = NULL, *port = NULL;
	CURLU *u = curl_url();
	struct host *ho;
	unsigned hash = 5381;
	const char *p;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		curl_url_get(u, CURLUPART_HOST, &h, 0);
		curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
	}
	snprintf(key, sizeof(key), "%s:%s", h ? h : "", port ? port : "");
	curl_free(h);
	curl_free(port);
	curl_url_cleanup(u);
	for (p = key; *p; p++)
		hash = hash * 33 + (unsigned char)*p;
	for (ho = f->hosts[hash % HOST_BUCKETS]; ho; ho = ho->next)
		if (strcmp(ho->name, key) == 0)
			return ho;
	if ((ho = calloc(1, sizeof(*ho))) == NULL ||
	    (ho->name = strdup(key)) == NULL) {
		free(ho);
		return NULL;
	}
	ho->next = f->hosts[hash % HOST_BUCKETS];
	f->hosts[hash % HOST_BUCKETS] = ho;
	return ho;
}

static int
start_now(struct fetch *f, struct transfer *t)
{
	if (curl_multi_add_handle(f->multi, t->easy) != CURLM_OK)
		return -1;
	t->host->active++;
	return 0;
}

/* A transfer of this host ended: the next one waiting may start. */
static void
host_release(struct fetch *f, struct host *h)
{
	struct transfer *t;

	h->active--;
	while (h->active < f->cfg->max_host_connections &&
	    (t = h->qhead) != NULL) {
		h->qhead = t->qnext;
		if (h->qhead == NULL)
			h->qtail = NULL;
		if (start_now(f, t) == 0)
			continue;
		/* Could not start: report it as failed, not lose it. */
		set_error(t, "%s", "cannot start the transfer");
		unlink_transfer(f, t);
		curl_easy_cleanup(t->easy);
		f->in_flight--;
		f->done(f->arg, &t->r);
		fetch_result_free(&t->r);
		transfer_free(t);
	}
}

/* ---- requests ---- */

/* 1 when the header was added, 0 when there is no usable value. */
static int
add_header(struct transfer *t, const char *name, const char *value)
{
	char line[1024];
	struct curl_slist *l;

	if (value == NULL || *value == '\0' || strlen(value) > 900 ||
	    strpbrk(value, "\r\n"))
		return 0;
	snprintf(line, sizeof(line), "%s: %s", name, value);
	if ((l = curl_slist_append(t->req_headers, line)) == NULL)
		return -1;
	t->req_headers = l;
	return 1;
}

static void
easy_options(struct fetch *f, struct transfer *t)
{
	const struct config *c = f->cfg;
	CURL *e = t->easy;

	curl_easy_setopt(e, CURLOPT_URL, t->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->req_headers);
	curl_easy_setopt(e, CURLOPT_USERAGENT, c->user_agent);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");	/* all curl has */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)c->max_redirects);
	/* Only the web: no file://, gopher://, or anything else. */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)c->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)c->timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)c->low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)c->low_speed_time);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_body);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	if (c->proxy)
		curl_easy_setopt(e, CURLOPT_PROXY, c->proxy);
}

int
fetch_start(struct fetch *f, const struct fetch_req *req)
{
	struct transfer *t;
	int inm, ims;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	t->f = f;
	t->r.feed = req->feed;
	t->r.max_age = -1;
	t->chain_permanent = 1;
	/* A feed stored with an IDN host before add spelt it in punycode:
	 * libcurl cannot look that name up in the daemon's "C" locale. */
	if ((t->url = url_ascii_host(req->url)) == NULL ||
	    (t->easy = curl_easy_init()) == NULL)
		goto bad;
	if (add_header(t, "Accept", ACCEPT + 8) == -1 ||
	    (inm = add_header(t, "If-None-Match", req->etag)) == -1 ||
	    (ims = add_header(t, "If-Modified-Since", req->last_modified)) == -1)
		goto bad;
	t->conditional = inm || ims;
	easy_options(f, t);
	if ((t->host = host_of(f, t->url)) == NULL)
		goto bad;
	if (t->host->active >= f->cfg->max_host_connections) {
		if (t->host->qtail)
			t->host->qtail->qnext = t;
		else
			t->host->qhead = t;
		t->host->qtail = t;
	} else if (start_now(f, t) == -1)
		goto bad;
	link_transfer(f, t);
	f->in_flight++;
	return 0;
bad:
	if (t->easy)
		curl_easy_cleanup(t->easy);
	transfer_free(t);
	return -1;
}

size_t
fetch_in_flight(const struct fetch *f)
{
	return f->in_flight;
}

int
fetch_busy(const struct fetch *f, int64_t feed)
{
	const struct transfer *t;

	/* At most max_transfers plus those waiting: rare calls (enable). */
	for (t = f->transfers; t != NULL; t = t->next)
		if (t->r.feed == feed)
			return 1;
	return 0;
}

/* Connections (in flight and kept alive) may use at most half the file
 * descriptors the process may open: clients and the database need the
 * rest, and curl's cache would otherwise keep idle ones forever. */
static long
connection_cap(long want)
{
	struct rlimit rl;
	long cap;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur == RLIM_INFINITY)
		return want;
	cap = ((long)rl.rlim_cur - 16) / 2;
	if (cap < 1)
		cap = 1;
	return want < cap ? want : cap;
}

size_t
fetch_max_transfers(const struct fetch *f)
{
	return (size_t)connection_cap(f->cfg->max_transfers);
}

void
fetch_configure(struct fetch *f, const struct config *c)
{
	long cap = connection_cap(c->max_transfers);

	f->cfg = c;
	f->max_body = c->max_body;
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)c->max_host_connections);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, cap);
	curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, cap);
}

struct fetch *
fetch_new(struct ev_loop *loop, const struct config *c, fetch_done_fn done,
    void *arg)
{
	struct fetch *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	if ((f->multi = curl_multi_init()) == NULL) {
		free(f);
		return NULL;
	}
	f->loop = loop;
	f->done = done;
	f->arg = arg;
	ev_timer_init(&f->timer, on_timer, 0., 0.);
	f->timer.data = f;
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, curl_socket);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, curl_timer);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	fetch_configure(f, c);
	return f;
}

/* Transfers still in flight are dropped: nothing of theirs was stored. */
static void
abandon(struct fetch *f)
{
	struct transfer *t;

	while ((t = f->transfers) != NULL) {
		unlink_transfer(f, t);
		curl_multi_remove_handle(f->multi, t->easy);	/* if added */
		curl_easy_cleanup(t->easy);
		fetch_result_free(&t->r);
		transfer_free(t);
	}
	f->in_flight = 0;
}

void
fetch_free(struct fetch *f)
{
	struct host *h;
	int i;

	if (f == NULL)
		return;
	abandon(f);
	ev_timer_stop(f->loop, &f->timer);
	curl_multi_cleanup(f->multi);
	for (i = 0; i < HOST_BUCKETS; i++)
		while ((h = f->hosts[i]) != NULL) {
			f->hosts[i] = h->next;
			free(h->name);
			free(h);
		}
	free(f);
}
