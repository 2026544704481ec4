/* The socket client: one connection, requests numbered 1, 2, ..., one
 * response line each, events in between (protocol.h). */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "feedctl.h"
#include "feedd/config.h"
#include "feedd/protocol.h"

struct client {
	int	 fd;
	char	*path;
	int64_t	 next_id;
	char	*buf;		/* received: buf[off..len) not yet taken */
	size_t	 off, len, cap;
	size_t	 scan;		/* no newline in buf[off..scan) */
	int	 eof;
	int	 lost;		/* the daemon closed the connection */
	int	 quiet_lost;	/* ...and the caller says so itself */
	int	 too_slow;	/* ...after a too_slow error, not printed then */
};

static volatile sig_atomic_t interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

void
client_catch_interrupt(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() must return with EINTR. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int
client_interrupted(void)
{
	return interrupted;
}

/* The socket named in the configuration file, or the default one. */
static char *
config_socket(void)
{
	struct config cfg;
	const char *path = ctl.config ? ctl.config : config_default_path();
	char err[512], *s;

	config_defaults(&cfg);
	cfg.check_programs = 0;		/* the daemon's to run, not ours */
	if (path && config_load(&cfg, path, ctl.config != NULL, err,
	    sizeof(err)) == -1) {
		if (ctl.config) {
			ctl_err("%s", err);
			config_free(&cfg);
			return NULL;
		}
		/* Not asked for: the daemon will complain about it too. */
		ctl_err("%s (using the default socket)", err);
	}
	s = cfg.socket ? strdup(cfg.socket) : NULL;
	if (cfg.socket && s == NULL)
		ctl_err("out of memory");
	else if (s == NULL)
		ctl_err("no socket path configured");
	config_free(&cfg);
	return s;
}

char *
client_socket_path(void)
{
	const char *env = getenv("FEEDD_SOCKET");
	char *s;

	if (ctl.socket)
		s = strdup(ctl.socket);
	else if (env && *env)
		s = strdup(env);
	else
		return config_socket();
	if (s == NULL)
		ctl_err("out of memory");
	return s;
}

/* quiet: nothing said when nothing listens (a caller that retries). */
static int
open_socket(const char *path, int quiet, int *rc)
{
	struct sockaddr_un sun;
	struct timeval tv = { CLIENT_TIMEOUT_MS / 1000, 0 };
	int fd, e;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		ctl_err("socket path too long: %s", path);
		*rc = EXIT_ERROR;
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		ctl_err("socket: %s", strerror(errno));
		*rc = EXIT_ERROR;
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		e = errno;
		close(fd);
		if ((e == ENOENT || e == ECONNREFUSED) && quiet) {
			*rc = EXIT_NODAEMON;
		} else if (e == ENOENT || e == ECONNREFUSED) {
			/* root's default socket is the system service's. */
			ctl_err("cannot reach feedd at %s: %s; start it with "
			    "`feedd` or `systemctl%s start feedd.socket`",
			    path, strerror(e), geteuid() == 0 ? "" : " --user");
			*rc = EXIT_NODAEMON;
		} else {
			ctl_err("cannot reach feedd at %s: %s", path,
			    strerror(e));
			*rc = EXIT_ERROR;
		}
		return -1;
	}
	/* A daemon that stops reading must not hang a request forever. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return fd;
}

static struct client *
connect_to(int quiet, int *rc)
{
	struct client *c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		ctl_err("out of memory");
		*rc = EXIT_ERROR;
		return NULL;
	}
	c->fd = -1;
	c->next_id = 1;
	if ((c->path = client_socket_path()) == NULL) {
		*rc = EXIT_ERROR;
		client_close(c);
		return NULL;
	}
	if ((c->fd = open_socket(c->path, quiet, rc)) == -1) {
		client_close(c);
		return NULL;
	}
	return c;
}

struct client *
client_connect(int *rc)
{
	return connect_to(0, rc);
}

struct client *
client_try_connect(int *rc)
{
	return connect_to(1, rc);
}

void
client_quiet_lost(struct client *c)
{
	c->quiet_lost = 1;
}

int
client_lost(const struct client *c)
{
	return c->lost;
}

void
client_close(struct client *c)
{
	if (c == NULL)
		return;
	if (c->fd != -1)
		close(c->fd);
	free(c->path);
	free(c->buf);
	free(c);
}

/* The daemon closed the connection: said here unless the caller will. */
static void
closed(struct client *c)
{
	c->lost = 1;
	if (!c->quiet_lost)
		ctl_err("feedd closed the connection");
}

static int
write_all(struct client *c, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = send(c->fd, p, n, MSG_NOSIGNAL);
		if (w == -1 && errno == EINTR && !interrupted)
			continue;
		if (w == -1) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				ctl_err("feedd at %s does not read its socket",
				    c->path);
			else if (errno == EPIPE || errno == ECONNRESET)
				closed(c);
			else
				ctl_err("sending to feedd: %s", strerror(errno));
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int64_t
client_send(struct client *c, const char *cmd, json_t *fields)
{
	json_t *req;
	char *line;
	size_t len;
	int64_t id = c->next_id++;
	int r;

	req = json_pack("{s:I,s:s}", "id", (json_int_t)id, "cmd", cmd);
	if (req && fields)
		json_object_update(req, fields);
	json_decref(fields);
	line = req ? proto_encode(req, &len) : NULL;
	json_decref(req);
	if (line == NULL) {
		ctl_err("out of memory");
		return -1;
	}
	if (len > PROTO_LINE_MAX) {
		ctl_err("request too large (%zu bytes, at most %d)", len,
		    PROTO_LINE_MAX);
		free(line);
		return -1;
	}
	r = write_all(c, line, len);
	free(line);
	return r == -1 ? -1 : id;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for input until deadline (0: none).  1 readable, 0 timed out,
 * -1 interrupted or failed. */
static int
wait_input(struct client *c, int64_t deadline)
{
	struct pollfd pfd = { c->fd, POLLIN, 0 };
	int ms, r;

	for (;;) {
		if (interrupted)
			return -1;
		ms = -1;
		if (deadline) {
			int64_t left = deadline - now_ms();
			if (left <= 0)
				return 0;
			ms = left > 60000 ? 60000 : (int)left;
		}
		r = poll(&pfd, 1, ms);
		if (r > 0)
			return 1;
		if (r == -1 && errno != EINTR) {
			ctl_err("poll: %s", strerror(errno));
			return -1;
		}
	}
}

/* Room for another read: what was taken goes, the buffer grows. */
static int
make_room(struct client *c)
{
	size_t cap;
	char *nb;

	if (c->off > 0) {
		memmove(c->buf, c->buf + c->off, c->len - c->off);
		c->len -= c->off;
		c->scan -= c->off;
		c->off = 0;
	}
	if (c->cap - c->len >= 65536)
		return 0;
	cap = c->cap ? c->cap * 2 : 65536;
	if (cap > PROTO_RESPONSE_MAX + 65536)
		cap = PROTO_RESPONSE_MAX + 65536;
	if (cap <= c->cap || (nb = realloc(c->buf, cap)) == NULL) {
		ctl_err("out of memory");
		return -1;
	}
	c->buf = nb;
	c->cap = cap;
	return 0;
}

/* Moves more bytes into the buffer.  0, or -1 at end of file or on an
 * error (c->eof says which). */
static int
fill(struct client *c)
{
	ssize_t r;

	if (make_room(c) == -1)
		return -1;
	r = read(c->fd, c->buf + c->len, c->cap - c->len);
	if (r == -1 && errno == EINTR)
		return 0;
	if (r == -1 && errno == ECONNRESET) {
		c->eof = 1;	/* the daemon went away, as at end of file */
		return -1;
	}
	if (r == -1) {
		ctl_err("reading from feedd: %s", strerror(errno));
		return -1;
	}
	if (r == 0) {
		c->eof = 1;
		return -1;
	}
	c->len += (size_t)r;
	return 0;
}

/* The next whole line, taken from the buffer (its bytes stay valid until
 * the next fill): 1 with *line and *n set, 0 when more input is needed,
 * -1 after an error was printed.  Bytes already searched are not
 * searched again: a long answer arrives in many reads. */
static int
next_line(struct client *c, char **line, size_t *n)
{
	char *nl = c->scan < c->len ? memchr(c->buf + c->scan, '\n',
	    c->len - c->scan) : NULL;

	if (nl == NULL) {
		c->scan = c->len;
		if (c->len - c->off >= PROTO_RESPONSE_MAX) {
			ctl_err("feedd sent a line over %d bytes",
			    PROTO_RESPONSE_MAX);
			return -1;
		}
		return 0;
	}
	*line = c->buf + c->off;
	*n = (size_t)(nl - *line);
	c->off = c->scan = (size_t)(nl - c->buf) + 1;
	return 1;
}

/* The next line within deadline.  0, or -1 with *rc set on a failure. */
static int
read_line(struct client *c, int64_t deadline, char **line, size_t *n,
    int *rc)
{
	int r;

	for (;;) {
		if ((r = next_line(c, line, n)) == 1)
			return 0;
		if (r == -1)
			break;
		if ((r = wait_input(c, deadline)) == 0) {
			ctl_err("no answer from feedd at %s within %d s",
			    c->path, CLIENT_TIMEOUT_MS / 1000);
			break;
		}
		if (r == -1 && interrupted) {
			*rc = CLIENT_INTERRUPTED;
			return -1;
		}
		if (r == -1 || fill(c) == -1) {
			if (c->eof)
				closed(c);
			break;
		}
	}
	*rc = EXIT_ERROR;
	return -1;
}

static json_t *
parse_line(const char *line, size_t n)
{
	json_error_t jerr;
	json_t *msg = json_loadb(line, n, 0, &jerr);

	if (msg == NULL || !json_is_object(msg)) {
		ctl_err("feedd sent malformed JSON: %s", msg ? "not an "
		    "object" : jerr.text);
		json_decref(msg);
		return NULL;
	}
	return msg;
}

/* The next message within deadline.  NULL with *rc set on a failure. */
static json_t *
read_msg(struct client *c, int64_t deadline, int *rc)
{
	json_t *msg;
	char *line;
	size_t n;

	if (read_line(c, deadline, &line, &n, rc) == -1)
		return NULL;
	if ((msg = parse_line(line, n)) == NULL)
		*rc = EXIT_ERROR;
	return msg;
}

/* Whether msg answers request id: same id, or null (the daemon refused
 * the connection itself, e.g. busy, before reading anything). */
static int
is_for(json_t *msg, int64_t id)
{
	json_t *mid = json_object_get(msg, "id");

	if (json_is_integer(mid))
		return json_integer_value(mid) == id;
	return mid == NULL || json_is_null(mid);
}

/* {"ok":false} as "feedctl: MESSAGE". */
static void
print_error(json_t *msg)
{
	json_t *e = json_object_get(msg, "error");
	const char *m = ctl_jstr(e, "message");
	const char *code = ctl_jstr(e, "code");

	fflush(stdout);
	fputs("feedctl: ", stderr);
	ctl_print_safe(stderr, m ? m : code ? code : "the request failed", 0);
	fputc('\n', stderr);
}

/* An error answer: printed, unless it is a follower's too_slow and the
 * caller says itself what it does about a lost connection. */
static void
refused(struct client *c, json_t *msg)
{
	const char *code = ctl_jstr(json_object_get(msg, "error"), "code");

	if (code && strcmp(code, PROTO_E_TOO_SLOW) == 0) {
		c->too_slow = 1;
		if (c->quiet_lost)
			return;
	}
	print_error(msg);
}

int
client_too_slow(const struct client *c)
{
	return c->too_slow;
}

/* client_wait, with raw (when not NULL) offered each line first. */
static json_t *
wait_for(struct client *c, int64_t id, client_line_fn raw, void *raw_arg,
    client_event_fn fn, void *arg, int timeout_ms, int *rc)
{
	int64_t deadline = timeout_ms ? now_ms() + timeout_ms : 0;
	json_t *msg;
	char *line;
	size_t n;
	int r;

	while (read_line(c, deadline, &line, &n, rc) == 0) {
		if (raw && raw(raw_arg, line, n)) {
			*rc = EXIT_OK;
			return NULL;
		}
		if ((msg = parse_line(line, n)) == NULL) {
			*rc = EXIT_ERROR;
			return NULL;
		}
		if (!is_for(msg, id)) {
			json_decref(msg);
			continue;
		}
		if (json_object_get(msg, "event")) {
			r = fn ? fn(arg, msg) : 0;
			json_decref(msg);
			if (r) {
				*rc = r;
				return NULL;
			}
			continue;
		}
		if (json_is_true(json_object_get(msg, "ok"))) {
			*rc = EXIT_OK;
			return msg;
		}
		refused(c, msg);
		json_decref(msg);
		*rc = EXIT_ERROR;
		return NULL;
	}
	return NULL;
}

json_t *
client_wait(struct client *c, int64_t id, client_event_fn fn, void *arg,
    int timeout_ms, int *rc)
{
	return wait_for(c, id, NULL, NULL, fn, arg, timeout_ms, rc);
}

json_t *
client_wait_raw(struct client *c, int64_t id, client_line_fn raw,
    void *arg, int timeout_ms, int *rc)
{
	return wait_for(c, id, raw, arg, NULL, NULL, timeout_ms, rc);
}

json_t *
client_call(struct client *c, const char *cmd, json_t *fields, int *rc)
{
	int64_t id;

	if ((id = client_send(c, cmd, fields)) == -1) {
		*rc = EXIT_ERROR;
		return NULL;
	}
	return client_wait(c, id, NULL, NULL, CLIENT_TIMEOUT_MS, rc);
}

json_t *
client_once(const char *cmd, json_t *fields, int *rc)
{
	struct client *c;
	json_t *res;

	if ((c = client_connect(rc)) == NULL) {
		json_decref(fields);
		return NULL;
	}
	res = client_call(c, cmd, fields, rc);
	client_close(c);
	return res;
}

int
client_stream(struct client *c, int64_t id, client_event_fn fn, void *arg)
{
	json_t *msg;
	int rc = EXIT_OK, r;

	for (;;) {
		if ((msg = read_msg(c, 0, &rc)) == NULL)
			return rc == CLIENT_INTERRUPTED ? EXIT_OK : rc;
		if (!is_for(msg, id)) {
			json_decref(msg);
			continue;
		}
		if (json_object_get(msg, "ok") &&
		    !json_is_true(json_object_get(msg, "ok"))) {
			/* too_slow, or the daemon stopping. */
			refused(c, msg);
			json_decref(msg);
			return EXIT_ERROR;
		}
		r = json_object_get(msg, "event") ? fn(arg, msg) : 0;
		json_decref(msg);
		if (r)
			return r;
	}
}
