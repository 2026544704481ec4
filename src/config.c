/*
 * feedd.conf: an INI file read over the embedded defaults.
 *
 * The file is read whole (it is small and bounded) into a copy of the
 * current configuration, which replaces the caller's only when every line
 * was good: a bad edit followed by a reload leaves the daemon running on
 * what it had.  Every value is checked here, with its file and line, so
 * the modules using them can trust the ranges.
 */
/* getpwuid(), getcwd(), O_CLOEXEC: POSIX.1-2008, outside plain -std=c11. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedd/config.h"
#include "feedd/log.h"

/* The Makefile passes the configured directories; these let the file be
 * built alone (tests, sanitizer runs). */
#ifndef SYSCONFDIR
#define SYSCONFDIR	"/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR	"/var"
#endif
#ifndef RUNSTATEDIR
#define RUNSTATEDIR	"/run"
#endif

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#define FILE_MAX	(1024 * 1024)	/* bytes in a configuration file */
#define LINE_MAX_LEN	4096		/* bytes in one of its lines */
#define ENVDIR_MAX	1024		/* longer directories are ignored */
#define ECHO_MAX	"80"		/* bytes of a bad value quoted back */
#define UA_MAX		512
#define PROXY_MAX	2048
#define GROUP_MAX	32

#define MINUTE		INT64_C(60)
#define HOUR		(60 * MINUTE)
#define DAY		(24 * HOUR)
#define WEEK		(7 * DAY)
#define DURATION_MAX	(3650 * DAY)		/* ten years */
#define SIZE_MAX_BYTES	(INT64_C(1) << 40)	/* 1 TiB */

/* sun_path holds the socket's name and its NUL. */
#define SOCKET_PATH_MAX	(sizeof(((struct sockaddr_un *)0)->sun_path) - 1)

enum vtype {
	V_INT,		/* plain decimal integer */
	V_DURATION,	/* config_parse_duration() */
	V_SIZE,		/* config_parse_size() */
	V_PATH,		/* ~ and relative paths resolved */
	V_SOCKET,	/* a path that must fit sun_path */
	V_GROUP,	/* an existing group's name; "" = none */
	V_STRING,	/* non-empty text: the User-Agent */
	V_PROXY,	/* URL without white space; "" = none */
	V_LOGLEVEL,
	V_EXEC		/* argv, split on white space */
};

struct key {
	const char	*section;
	const char	*name;
	enum vtype	 type;
	size_t		 off;
	int		 is_int;	/* an int field, else int64_t */
	int64_t		 min, max;
};

#define OFF(f)		offsetof(struct config, f)
#define NUM(s, n, t, f, lo, hi) \
	{ (s), (n), (t), OFF(f), sizeof(((struct config *)0)->f) == sizeof(int), \
	  (lo), (hi) }
#define STR(s, n, t, f)	{ (s), (n), (t), OFF(f), 0, 0, 0 }

static const char *const sections[] = {
	"paths", "poll", "http", "store", "daemon", "hook"
};

static const struct key keys[] = {
	STR("paths", "database", V_PATH, database),
	STR("paths", "socket", V_SOCKET, socket),
	STR("paths", "socket_group", V_GROUP, socket_group),

	NUM("poll", "interval", V_DURATION, interval, 1, DURATION_MAX),
	NUM("poll", "min_interval", V_DURATION, min_interval, 1, DURATION_MAX),
	NUM("poll", "max_interval", V_DURATION, max_interval, 1, DURATION_MAX),
	NUM("poll", "max_backoff", V_DURATION, max_backoff, 1, DURATION_MAX),
	NUM("poll", "failing_after", V_INT, failing_after, 1, 1000),

	NUM("http", "max_transfers", V_INT, max_transfers, 1, 1000),
	NUM("http", "max_host_connections", V_INT, max_host_connections,
	    1, 64),
	NUM("http", "connect_timeout", V_DURATION, connect_timeout,
	    1, DURATION_MAX),
	NUM("http", "timeout", V_DURATION, timeout, 1, DURATION_MAX),
	/* 0 turns the low-speed check off. */
	NUM("http", "low_speed_limit", V_SIZE, low_speed_limit,
	    0, INT64_C(1) << 30),
	NUM("http", "low_speed_time", V_DURATION, low_speed_time,
	    1, DURATION_MAX),
	NUM("http", "max_body", V_SIZE, max_body, 1, SIZE_MAX_BYTES),
	NUM("http", "max_redirects", V_INT, max_redirects, 0, 20),
	STR("http", "user_agent", V_STRING, user_agent),
	STR("http", "proxy", V_PROXY, proxy),

	/* keep = 0: items are kept forever. */
	NUM("store", "keep", V_DURATION, keep_days, 0, DURATION_MAX),
	NUM("store", "keep_items", V_INT, keep_items, 0, 1000000),
	NUM("store", "story_window", V_DURATION, story_window,
	    1, DURATION_MAX),

	STR("daemon", "log_level", V_LOGLEVEL, log_level),
	NUM("daemon", "max_clients", V_INT, max_clients, 1, 10000),

	STR("hook", "exec", V_EXEC, hook_argv),
	NUM("hook", "timeout", V_DURATION, hook_timeout, 1, DURATION_MAX),
	NUM("hook", "max_running", V_INT, hook_max, 1, 64),
};

/* The state of one config_load(). */
struct ctx {
	const char	*file;		/* as the caller named it */
	int		 line;		/* 0: the message is about the file */
	char		*err;
	size_t		 errlen;
	const char	*section;	/* NULL before the first header */
	int		 seen[nitems(keys)];	/* line of each key, or 0 */
	char		 base[PATH_MAX];	/* the file's directory */
	int		 have_base;
};

_Noreturn static void
oom(void)
{
	/* The defaults are built once at start-up; without memory for a
	 * few paths there is nothing sensible left to do. */
	static const char msg[] = "feedd: out of memory\n";

	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	abort();
}

static char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		oom();
	return p;
}

static int
fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (c->errlen == 0)
		return -1;
	if (c->line > 0)
		n = snprintf(c->err, c->errlen, "%s:%d: ", c->file, c->line);
	else
		n = snprintf(c->err, c->errlen, "%s: ", c->file);
	if (n < 0 || (size_t)n >= c->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Directories from the environment.
 */

/* Copies a directory named by an environment variable into buf without
 * trailing slashes ("/" becomes ""), so that buf "/" name joins cleanly.
 * Relative, empty and overlong values are ignored, as the XDG
 * specification asks.  systemd's *_DIRECTORY variables may list several
 * directories separated by ':'; the first is ours. */
static const char *
env_dir(const char *name, int colon_list, char *buf, size_t size)
{
	const char *v;
	size_t n;

	if ((v = getenv(name)) == NULL || v[0] != '/')
		return NULL;
	n = colon_list ? strcspn(v, ":") : strlen(v);
	if (n > ENVDIR_MAX || n >= size)
		return NULL;
	while (n > 0 && v[n - 1] == '/')
		n--;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return buf;
}

/* $HOME, else the password database, else the root directory. */
static const char *
home_dir(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw;
	size_t n;

	if (env_dir("HOME", 0, buf, size) != NULL)
		return buf;
	buf[0] = '\0';
	if ((pw = getpwuid(uid)) == NULL || pw->pw_dir == NULL ||
	    pw->pw_dir[0] != '/' || (n = strlen(pw->pw_dir)) > ENVDIR_MAX ||
	    n >= size)
		return buf;
	while (n > 0 && pw->pw_dir[n - 1] == '/')
		n--;
	memcpy(buf, pw->pw_dir, n);
	buf[n] = '\0';
	return buf;
}

/* An XDG base directory: $VAR, else ~/fallback. */
static const char *
xdg_dir(const char *var, const char *fallback, uid_t uid, char *buf,
    size_t size)
{
	char home[ENVDIR_MAX + 1];

	if (env_dir(var, 0, buf, size) != NULL)
		return buf;
	snprintf(buf, size, "%s/%s", home_dir(uid, home, sizeof(home)),
	    fallback);
	return buf;
}

static char *
default_database(uid_t uid)
{
	char dir[ENVDIR_MAX + 64], path[PATH_MAX];

	if (env_dir("STATE_DIRECTORY", 1, dir, sizeof(dir)) != NULL)
		snprintf(path, sizeof(path), "%s/feedd.db", dir);
	else if (uid == 0)
		snprintf(path, sizeof(path), "%s", LOCALSTATEDIR
		    "/lib/feedd/feedd.db");
	else
		snprintf(path, sizeof(path), "%s/feedd/feedd.db",
		    xdg_dir("XDG_DATA_HOME", ".local/share", uid, dir,
		    sizeof(dir)));
	return xstrdup(path);
}

/* Without $XDG_RUNTIME_DIR a user's socket goes to /tmp/feedd-UID; the
 * daemon must create that directory 0700 and check its owner. */
static char *
default_socket(uid_t uid)
{
	char dir[ENVDIR_MAX + 1], path[PATH_MAX];

	if (env_dir("RUNTIME_DIRECTORY", 1, dir, sizeof(dir)) != NULL)
		snprintf(path, sizeof(path), "%s/feedd.sock", dir);
	else if (uid == 0)
		snprintf(path, sizeof(path), "%s", RUNSTATEDIR
		    "/feedd/feedd.sock");
	else if (env_dir("XDG_RUNTIME_DIR", 0, dir, sizeof(dir)) != NULL)
		snprintf(path, sizeof(path), "%s/feedd/feedd.sock", dir);
	else
		snprintf(path, sizeof(path), "/tmp/feedd-%lu/feedd.sock",
		    (unsigned long)uid);
	return xstrdup(path);
}

const char *
config_default_path_for(uid_t uid)
{
	static char path[PATH_MAX];
	char dir[ENVDIR_MAX + 64];

	if (env_dir("CONFIGURATION_DIRECTORY", 1, dir, sizeof(dir)) != NULL)
		snprintf(path, sizeof(path), "%s/feedd.conf", dir);
	else if (uid == 0)
		snprintf(path, sizeof(path), "%s", SYSCONFDIR
		    "/feedd/feedd.conf");
	else
		snprintf(path, sizeof(path), "%s/feedd/feedd.conf",
		    xdg_dir("XDG_CONFIG_HOME", ".config", uid, dir,
		    sizeof(dir)));
	return path;
}

const char *
config_default_path(void)
{
	return config_default_path_for(geteuid());
}

void
config_defaults_for(struct config *cfg, uid_t uid)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->database = default_database(uid);
	cfg->socket = default_socket(uid);
	cfg->socket_group = NULL;
	cfg->check_programs = 1;

	cfg->interval = 30 * MINUTE;
	cfg->min_interval = 5 * MINUTE;
	cfg->max_interval = DAY;
	cfg->max_backoff = DAY;
	cfg->failing_after = 10;

	cfg->max_transfers = 64;
	cfg->max_host_connections = 4;
	cfg->connect_timeout = 15;
	cfg->timeout = 60;
	cfg->low_speed_limit = 100;
	cfg->low_speed_time = 30;
	cfg->max_body = INT64_C(16) << 20;
	cfg->max_redirects = 5;
	cfg->user_agent = xstrdup("feedd/" PACKAGE_VERSION
	    " (+https://github.com/feedd/feedd)");
	cfg->proxy = NULL;

	cfg->keep_days = 90 * DAY;
	cfg->keep_items = 1000;
	cfg->story_window = 72 * HOUR;

	cfg->log_level = LOG_INFO;
	cfg->max_clients = 256;

	/* hook_argv stays all NULL: no hook. */
	cfg->hook_timeout = 30;
	cfg->hook_max = 4;

	cfg->path = NULL;
}

void
config_defaults(struct config *cfg)
{
	config_defaults_for(cfg, geteuid());
}

static void
free_argv(char **argv)
{
	size_t i;

	for (i = 0; i < HOOK_ARGV_MAX + 1; i++) {
		free(argv[i]);
		argv[i] = NULL;
	}
}

void
config_free(struct config *cfg)
{
	free(cfg->database);
	free(cfg->socket);
	free(cfg->socket_group);
	free(cfg->user_agent);
	free(cfg->proxy);
	free(cfg->path);
	cfg->database = cfg->socket = cfg->socket_group = NULL;
	cfg->user_agent = cfg->proxy = cfg->path = NULL;
	free_argv(cfg->hook_argv);
}

/* strdup() that passes NULL through; 0 or -1 on lack of memory. */
static int
dup_str(char **dst, const char *src)
{
	*dst = NULL;
	if (src == NULL)
		return 0;
	return (*dst = strdup(src)) == NULL ? -1 : 0;
}

/* A deep copy, for config_load() to work on. */
static int
config_copy(struct config *dst, const struct config *src)
{
	int rc = 0;
	size_t i;

	*dst = *src;
	rc |= dup_str(&dst->database, src->database);
	rc |= dup_str(&dst->socket, src->socket);
	rc |= dup_str(&dst->socket_group, src->socket_group);
	rc |= dup_str(&dst->user_agent, src->user_agent);
	rc |= dup_str(&dst->proxy, src->proxy);
	rc |= dup_str(&dst->path, src->path);
	for (i = 0; i < HOOK_ARGV_MAX + 1; i++)
		rc |= dup_str(&dst->hook_argv[i], src->hook_argv[i]);
	if (rc != 0) {
		config_free(dst);
		return -1;
	}
	return 0;
}

/*
 * Numbers.
 */

/* One or more decimal digits, no sign, no white space; -1 when the value
 * exceeds max (checked before it could overflow). */
static int64_t
parse_digits(const char **sp, int64_t max)
{
	const char *s = *sp;
	int64_t n = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n > (max - (*s - '0')) / 10)
			return -1;
		n = n * 10 + (*s - '0');
	}
	*sp = s;
	return n;
}

int64_t
config_parse_duration(const char *s)
{
	int64_t n, unit;

	if (s == NULL || (n = parse_digits(&s, DURATION_MAX)) < 0)
		return -1;
	switch (*s) {
	case '\0':
		return n;
	case 's':
		unit = 1;
		break;
	case 'm':
		unit = MINUTE;
		break;
	case 'h':
		unit = HOUR;
		break;
	case 'd':
		unit = DAY;
		break;
	case 'w':
		unit = WEEK;
		break;
	default:
		return -1;
	}
	if (s[1] != '\0' || n > DURATION_MAX / unit)
		return -1;
	return n * unit;
}

int64_t
config_parse_size(const char *s)
{
	int64_t n;
	int shift = 0;

	if (s == NULL || (n = parse_digits(&s, SIZE_MAX_BYTES)) < 0)
		return -1;
	switch (*s) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'M':
		shift = 20;
		break;
	case 'G':
		shift = 30;
		break;
	}
	if (shift != 0)
		s++;
	/* "16M", "16MB" and "16MiB" all mean 16 * 2^20: nobody sizes a feed
	 * in decimal megabytes. */
	if (strcmp(s, "B") != 0 && *s != '\0' &&
	    (shift == 0 || strcmp(s, "iB") != 0))
		return -1;
	if (n > SIZE_MAX_BYTES >> shift)
		return -1;
	return n << shift;
}

const char *
config_format_duration(int64_t secs, char *buf, size_t size)
{
	static const struct {
		int64_t	 len;
		char	 unit;
	} units[] = {
		{ WEEK, 'w' }, { DAY, 'd' }, { HOUR, 'h' }, { MINUTE, 'm' }
	};
	size_t i;

	for (i = 0; i < nitems(units); i++)
		if (secs != 0 && secs % units[i].len == 0) {
			snprintf(buf, size, "%lld%c",
			    (long long)(secs / units[i].len), units[i].unit);
			return buf;
		}
	snprintf(buf, size, "%llds", (long long)secs);
	return buf;
}

static const char *
fmt_size(int64_t n, char *buf, size_t size)
{
	static const char units[] = "GMK";
	size_t i;

	for (i = 0; i < 3; i++) {
		int shift = 30 - 10 * (int)i;

		if (n != 0 && n % (INT64_C(1) << shift) == 0) {
			snprintf(buf, size, "%lld%c", (long long)(n >> shift),
			    units[i]);
			return buf;
		}
	}
	snprintf(buf, size, "%lld", (long long)n);
	return buf;
}

static const char *
fmt_value(const struct key *k, int64_t v, char *buf, size_t size)
{
	if (k->type == V_DURATION)
		return config_format_duration(v, buf, size);
	if (k->type == V_SIZE)
		return fmt_size(v, buf, size);
	snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

static int
set_number(struct config *cfg, struct ctx *c, const struct key *k,
    const char *val)
{
	char lo[32], hi[32];
	const char *s = val;
	int64_t v;

	switch (k->type) {
	case V_DURATION:
		if ((v = config_parse_duration(val)) < 0)
			return fail(c, "%s: invalid duration \"%." ECHO_MAX
			    "s\" (a number and s, m, h, d or w; at most "
			    "ten years)", k->name, val);
		break;
	case V_SIZE:
		if ((v = config_parse_size(val)) < 0)
			return fail(c, "%s: invalid size \"%." ECHO_MAX
			    "s\" (a number and K, M or G)", k->name, val);
		break;
	default:
		if (*val == '\0' || strspn(val, "0123456789") != strlen(val))
			return fail(c, "%s: \"%." ECHO_MAX "s\" is not a whole "
			    "number (%lld to %lld)", k->name, val,
			    (long long)k->min, (long long)k->max);
		/* Digits only: a failure here is an overflow. */
		v = parse_digits(&s, INT_MAX);
		break;
	}
	if (v < k->min || v > k->max)
		return fail(c, "%s: \"%." ECHO_MAX "s\" is out of range "
		    "(%s to %s)", k->name, val,
		    fmt_value(k, k->min, lo, sizeof(lo)),
		    fmt_value(k, k->max, hi, sizeof(hi)));
	if (k->is_int)
		*(int *)(void *)((char *)cfg + k->off) = (int)v;
	else
		*(int64_t *)(void *)((char *)cfg + k->off) = v;
	return 0;
}

/*
 * Strings and paths.
 */

static int
set_str(struct config *cfg, struct ctx *c, const struct key *k,
    const char *val)
{
	char **slot = (char **)(void *)((char *)cfg + k->off);
	char *p = NULL;

	if (val != NULL && (p = strdup(val)) == NULL)
		return fail(c, "out of memory");
	free(*slot);
	*slot = p;
	return 0;
}

/* The directory holding the file, made absolute: the daemon may change
 * directory, and a path relative to where it was started would move. */
static int
base_dir(struct ctx *c)
{
	const char *dir = c->file, *slash = strrchr(c->file, '/');
	char cwd[PATH_MAX];
	size_t dlen = slash == NULL ? 0 : (size_t)(slash - c->file);
	int n;

	if (c->have_base)
		return 0;
	if (dir[0] == '/') {
		n = snprintf(c->base, sizeof(c->base), "%.*s", (int)dlen, dir);
		goto done;
	}
	/* "./conf/feedd.conf" is in cwd "/conf", not cwd "/./conf". */
	while (dlen >= 2 && dir[0] == '.' && dir[1] == '/') {
		dir += 2;
		dlen -= 2;
	}
	if (dlen == 1 && dir[0] == '.')
		dlen = 0;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return fail(c, "cannot resolve a relative path: getcwd: %s",
		    strerror(errno));
	if (strcmp(cwd, "/") == 0)
		cwd[0] = '\0';
	n = snprintf(c->base, sizeof(c->base), "%s%s%.*s", cwd,
	    dlen > 0 ? "/" : "", (int)dlen, dir);
done:
	if (n < 0 || (size_t)n >= sizeof(c->base))
		return fail(c, "directory name too long");
	c->have_base = 1;
	return 0;
}

/* "~/x" is under $HOME, "x" under the file's directory. */
static int
resolve_path(struct ctx *c, const char *name, const char *val, char *out,
    size_t size)
{
	char home[ENVDIR_MAX + 1];
	int n;

	if (val[0] == '\0')
		return fail(c, "%s: empty path", name);
	if (val[0] == '/')
		n = snprintf(out, size, "%s", val);
	else if (val[0] == '~' && (val[1] == '/' || val[1] == '\0'))
		n = snprintf(out, size, "%s%s",
		    home_dir(geteuid(), home, sizeof(home)), val + 1);
	else if (val[0] == '~')
		return fail(c, "%s: \"~user\" is not supported, only \"~/\"",
		    name);
	else if (base_dir(c) != 0)
		return -1;
	else
		n = snprintf(out, size, "%s/%s", c->base, val);
	if (n < 0 || (size_t)n >= size)
		return fail(c, "%s: path too long", name);
	if (out[0] == '\0')
		snprintf(out, size, "/");
	return 0;
}

static int
set_path(struct config *cfg, struct ctx *c, const struct key *k,
    const char *val)
{
	char path[PATH_MAX];

	if (resolve_path(c, k->name, val, path, sizeof(path)) != 0)
		return -1;
	if (k->type == V_SOCKET && strlen(path) > SOCKET_PATH_MAX)
		return fail(c, "%s: \"%." ECHO_MAX "s...\" is longer than "
		    "the %zu bytes a socket name may have", k->name, path,
		    SOCKET_PATH_MAX);
	return set_str(cfg, c, k, path);
}

/* A group name as useradd(8) accepts it, or a number. */
static int
set_group(struct config *cfg, struct ctx *c, const struct key *k,
    const char *val)
{
	size_t n = strlen(val);

	if (n == 0)
		return set_str(cfg, c, k, NULL);
	if (n > GROUP_MAX || val[0] == '-' ||
	    strspn(val, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != n)
		return fail(c, "%s: invalid group name \"%." ECHO_MAX "s\"",
		    k->name, val);
	/* Here, so that -n finds it, and reload keeps the old value: the
	 * server looks it up when it creates the socket. */
	if (getgrnam(val) == NULL)
		return fail(c, "%s: no such group \"%s\"", k->name, val);
	return set_str(cfg, c, k, val);
}

static int
set_text(struct config *cfg, struct ctx *c, const struct key *k,
    const char *val)
{
	size_t n = strlen(val);

	if (k->type == V_STRING && n == 0)
		return fail(c, "%s: must not be empty", k->name);
	if (k->type == V_STRING && n > UA_MAX)
		return fail(c, "%s: longer than %d bytes", k->name, UA_MAX);
	if (k->type != V_PROXY)
		return set_str(cfg, c, k, val);
	/* The proxy: empty means none set here, libcurl then follows
	 * http_proxy and friends. */
	if (n == 0)
		return set_str(cfg, c, k, NULL);
	if (n > PROXY_MAX)
		return fail(c, "%s: longer than %d bytes", k->name, PROXY_MAX);
	if (strpbrk(val, " \t") != NULL)
		return fail(c, "%s: white space in a URL", k->name);
	return set_str(cfg, c, k, val);
}

static int
set_loglevel(struct config *cfg, struct ctx *c, const struct key *k,
    const char *val)
{
	int level;

	if ((level = log_level_parse(val)) < 0)
		return fail(c, "%s: unknown level \"%." ECHO_MAX "s\" (error, "
		    "warn, info or debug)", k->name, val);
	*(int *)(void *)((char *)cfg + k->off) = level;
	return 0;
}

/*
 * Values on the line.
 */

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Reads one double-quoted string at s (past the opening quote) into out.
 * As in sh, a backslash escapes only '"' and '\'; elsewhere it is kept,
 * so "C:\path" and regular expressions survive.  Returns the byte after
 * the closing quote, or NULL when there is none. */
static const char *
read_quoted(const char *s, char **outp)
{
	char *o = *outp;

	for (; *s != '"'; s++) {
		if (*s == '\0')
			return NULL;
		if (s[0] == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*o++ = *s;
	}
	*outp = o;
	return s + 1;
}

/* The value at s, unquoted and without its comment, into out (at least
 * strlen(s) + 1 bytes). */
static int
read_value(struct ctx *c, const char *name, const char *s, char *out)
{
	char *o = out;

	if (*s == '"') {
		if ((s = read_quoted(s + 1, &o)) == NULL)
			return fail(c, "%s: missing closing quote", name);
		*o = '\0';
		while (is_space(*s))
			s++;
		if (*s != '\0' && *s != '#')
			return fail(c, "%s: text after the closing quote",
			    name);
		return 0;
	}
	/* A '#' opening the value or following white space starts a
	 * comment; inside a word ("http://host/#x") it is text. */
	for (; *s != '\0'; s++) {
		if (*s == '#' && (o == out || is_space(s[-1])))
			break;
		*o++ = *s;
	}
	while (o > out && is_space(o[-1]))
		o--;
	*o = '\0';
	return 0;
}

/* Splits s into words as a shell would for simple quoting: white space
 * separates, double quotes group (with \" and \\), '#' at the start of a
 * word begins a comment.  No expansion of any kind: no shell runs. */
static int
split_words(struct ctx *c, const char *name, const char *s, char *buf,
    char **argv, int max, int *argcp)
{
	char *o = buf;
	int argc = 0;

	for (;;) {
		while (is_space(*s))
			s++;
		if (*s == '\0' || *s == '#')
			break;
		if (argc == max)
			return fail(c, "%s: more than %d words", name, max);
		argv[argc++] = o;
		while (*s != '\0' && !is_space(*s)) {
			if (*s != '"') {
				*o++ = *s++;
				continue;
			}
			if ((s = read_quoted(s + 1, &o)) == NULL)
				return fail(c, "%s: missing closing quote",
				    name);
		}
		*o++ = '\0';
	}
	*argcp = argc;
	return 0;
}

/* A program that cannot run would otherwise show only as a failure on
 * each new story, long after the edit. */
static int
check_program(struct ctx *c, const char *name, const char *prog)
{
	struct stat st;
	const char *why = NULL;

	if (stat(prog, &st) == -1 || access(prog, X_OK) == -1)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	if (why == NULL)
		return 0;
	return fail(c, "%s: cannot run \"%." ECHO_MAX "s\": %s", name, prog,
	    why);
}

static int
set_exec(struct config *cfg, struct ctx *c, const struct key *k,
    const char *raw)
{
	char buf[LINE_MAX_LEN + 1], prog[PATH_MAX];
	char *words[HOOK_ARGV_MAX], *argv[HOOK_ARGV_MAX + 1];
	int argc = 0, i;

	if (strlen(raw) > LINE_MAX_LEN)
		return fail(c, "%s: too long", k->name);
	if (split_words(c, k->name, raw, buf, words, HOOK_ARGV_MAX,
	    &argc) != 0)
		return -1;
	if (argc == 0) {
		free_argv(cfg->hook_argv);	/* "exec =": no hook */
		return 0;
	}
	/* Only the home directory is expanded; a relative program would
	 * depend on $PATH or the current directory, neither stable. */
	if (words[0][0] == '~') {
		if (resolve_path(c, k->name, words[0], prog,
		    sizeof(prog)) != 0)
			return -1;
	} else if (strlen(words[0]) >= sizeof(prog))
		return fail(c, "%s: program path too long", k->name);
	else
		strcpy(prog, words[0]);
	if (prog[0] != '/')
		return fail(c, "%s: the program must be an absolute path, "
		    "not \"%." ECHO_MAX "s\"", k->name, prog);
	if (cfg->check_programs && check_program(c, k->name, prog) != 0)
		return -1;
	memset(argv, 0, sizeof(argv));
	argv[0] = strdup(prog);
	for (i = 1; i < argc; i++)
		argv[i] = strdup(words[i]);
	for (i = 0; i < argc; i++)
		if (argv[i] == NULL) {
			free_argv(argv);
			return fail(c, "out of memory");
		}
	free_argv(cfg->hook_argv);
	memcpy(cfg->hook_argv, argv, sizeof(argv));
	return 0;
}

static int
set_value(struct config *cfg, struct ctx *c, const struct key *k,
    const char *raw)
{
	char val[LINE_MAX_LEN + 1];

	if (k->type == V_EXEC)
		return set_exec(cfg, c, k, raw);
	if (strlen(raw) > LINE_MAX_LEN)
		return fail(c, "%s: too long", k->name);
	if (read_value(c, k->name, raw, val) != 0)
		return -1;
	switch (k->type) {
	case V_INT:
	case V_DURATION:
	case V_SIZE:
		return set_number(cfg, c, k, val);
	case V_PATH:
	case V_SOCKET:
		return set_path(cfg, c, k, val);
	case V_GROUP:
		return set_group(cfg, c, k, val);
	case V_STRING:
	case V_PROXY:
		return set_text(cfg, c, k, val);
	case V_LOGLEVEL:
		return set_loglevel(cfg, c, k, val);
	default:
		return fail(c, "%s: internal error", k->name);
	}
}

/*
 * Lines.
 */

static const char *
find_section(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(sections); i++)
		if (strcmp(sections[i], name) == 0)
			return sections[i];
	return NULL;
}

/* The index of section.name in keys[], or -1; with section NULL, any. */
static int
find_key(const char *section, const char *name)
{
	size_t i;

	for (i = 0; i < nitems(keys); i++)
		if ((section == NULL || strcmp(keys[i].section, section) == 0) &&
		    strcmp(keys[i].name, name) == 0)
			return (int)i;
	return -1;
}

static char *
trim(char *s)
{
	char *e;

	while (is_space(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_space(e[-1]))
		e--;
	*e = '\0';
	return s;
}

/* "[name]" with optional white space and a trailing comment. */
static int
parse_section(struct ctx *c, char *s)
{
	char *end, *rest;

	if ((end = strchr(s, ']')) == NULL)
		return fail(c, "missing ']' in section header");
	*end = '\0';
	rest = end + 1;
	while (is_space(*rest))
		rest++;
	if (*rest != '\0' && *rest != '#' && *rest != ';')
		return fail(c, "text after the section header");
	s = trim(s + 1);
	if ((c->section = find_section(s)) == NULL)
		return fail(c, "unknown section [%." ECHO_MAX "s]", s);
	return 0;
}

static int
parse_pair(struct config *cfg, struct ctx *c, char *s)
{
	char *eq, *name;
	int i, other;

	if ((eq = strchr(s, '=')) == NULL)
		return fail(c, "missing '=' (expected \"key = value\")");
	*eq = '\0';
	name = trim(s);
	if (*name == '\0')
		return fail(c, "missing key before '='");
	if (c->section == NULL)
		return fail(c, "key \"%." ECHO_MAX "s\" outside a section",
		    name);
	if ((i = find_key(c->section, name)) < 0) {
		if ((other = find_key(NULL, name)) >= 0)
			return fail(c, "unknown key \"%s\" in [%s] (it "
			    "belongs in [%s])", name, c->section,
			    keys[other].section);
		return fail(c, "unknown key \"%." ECHO_MAX "s\" in [%s]",
		    name, c->section);
	}
	if (c->seen[i] != 0)
		return fail(c, "duplicate key \"%s\" in [%s] (first set on "
		    "line %d)", name, c->section, c->seen[i]);
	c->seen[i] = c->line;
	s = eq + 1;
	while (is_space(*s))
		s++;
	return set_value(cfg, c, &keys[i], s);
}

static int
parse_line(struct config *cfg, struct ctx *c, char *s, size_t len)
{
	size_t i;

	if (len > 0 && s[len - 1] == '\r')
		s[--len] = '\0';
	if (memchr(s, '\0', len) != NULL)
		return fail(c, "NUL byte in line");
	/* Control characters have no business in a configuration file, and
	 * a value may end up in an HTTP header or a log line. */
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			return fail(c, "control character (0x%02x) in line",
			    (unsigned char)s[i]);
	while (is_space(*s))
		s++;
	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return parse_section(c, s);
	return parse_pair(cfg, c, s);
}

static int
parse_buffer(struct config *cfg, struct ctx *c, char *buf, size_t len)
{
	char *p = buf, *end = buf + len, *nl;
	size_t n;

	/* A UTF-8 byte-order mark, as some Windows editors write. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (c->line = 1; p < end; c->line++) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		n = nl - p;
		if (n > LINE_MAX_LEN)
			return fail(c, "line longer than %d bytes",
			    LINE_MAX_LEN);
		*nl = '\0';
		if (parse_line(cfg, c, p, n) != 0)
			return -1;
		p = nl + 1;
	}
	c->line = 0;
	return 0;
}

/* Returns 1 with the file's bytes (NUL-terminated) in *bufp, 0 when it is
 * missing and not required, -1 on error. */
static int
read_file(struct ctx *c, int required, char **bufp, size_t *lenp)
{
	struct stat st;
	char *buf;
	size_t len = 0;
	ssize_t n;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not hang start-up. */
	if ((fd = open(c->file, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1) {
		if (errno == ENOENT && !required)
			return 0;
		return fail(c, "%s", strerror(errno));
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(c, "not a regular file");
	}
	/* The file may name a program to run: one anybody can edit would
	 * hand them the daemon's account. */
	if (st.st_mode & S_IWOTH) {
		close(fd);
		return fail(c, "writable by anyone; refusing to read it");
	}
	if (st.st_size > FILE_MAX || (buf = malloc(FILE_MAX + 2)) == NULL) {
		close(fd);
		return fail(c, st.st_size > FILE_MAX ? "larger than 1 MiB" :
		    "out of memory");
	}
	/* Read one byte past the limit: the size may have changed since
	 * fstat(). */
	while (len <= FILE_MAX &&
	    (n = read(fd, buf + len, FILE_MAX + 1 - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fail(c, "%s", strerror(errno));
			close(fd);
			free(buf);
			return -1;
		}
		len += n;
	}
	close(fd);
	if (len > FILE_MAX) {
		free(buf);
		return fail(c, "larger than 1 MiB");
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 1;
}

/* Two [poll] durations out of order: reported at the line of the one set
 * last (the defaults are in order, so one of them was set), naming where
 * the other came from. */
static int
out_of_order(struct ctx *c, const char *lo, int64_t lo_v, const char *hi,
    int64_t hi_v)
{
	int lo_line = c->seen[find_key("poll", lo)];
	int hi_line = c->seen[find_key("poll", hi)];
	int other = lo_line > hi_line ? hi_line : lo_line;
	char a[32], b[32], from[32] = "is the default";

	c->line = lo_line > hi_line ? lo_line : hi_line;
	if (other > 0)
		snprintf(from, sizeof(from), "is set on line %d", other);
	config_format_duration(lo_v, a, sizeof(a));
	config_format_duration(hi_v, b, sizeof(b));
	return fail(c, "[poll] %s (%s) is greater than %s (%s); %s %s", lo, a,
	    hi, b, lo_line > hi_line ? hi : lo, from);
}

/* Values that are good alone but not together. */
static int
check_poll(const struct config *cfg, struct ctx *c)
{
	if (cfg->min_interval > cfg->interval)
		return out_of_order(c, "min_interval", cfg->min_interval,
		    "interval", cfg->interval);
	if (cfg->interval > cfg->max_interval)
		return out_of_order(c, "interval", cfg->interval,
		    "max_interval", cfg->max_interval);
	return 0;
}

int
config_load(struct config *cfg, const char *path, int required, char *err,
    size_t errlen)
{
	struct config tmp;
	struct ctx *c;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (errlen > 0)
		err[0] = '\0';
	/* The context holds a PATH_MAX buffer: keep it off the stack. */
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		if (errlen > 0)
			snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	c->file = path;
	c->err = err;
	c->errlen = errlen;
	if ((rc = read_file(c, required, &buf, &len)) <= 0) {
		free(c);
		return rc;
	}
	if (config_copy(&tmp, cfg) != 0) {
		rc = fail(c, "out of memory");
	} else if (parse_buffer(&tmp, c, buf, len) != 0 ||
	    check_poll(&tmp, c) != 0) {
		config_free(&tmp);
		rc = -1;
	} else {
		free(tmp.path);
		if ((tmp.path = strdup(path)) == NULL) {
			config_free(&tmp);
			rc = fail(c, "out of memory");
		} else {
			config_free(cfg);
			*cfg = tmp;
			rc = 0;
		}
	}
	free(buf);
	free(c);
	return rc;
}
