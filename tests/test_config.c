/*
 * Unit tests for the configuration file (src/config.c) and the log line
 * format (src/log.c).  Files are written to a private temporary directory;
 * the environment variables the defaults read are set and unset here.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedd/config.h"
#include "feedd/log.h"
#include "tap.h"

/* As src/config.c, when the Makefile does not pass them. */
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

#define HOME		"/home/tester"
#define UA_DEFAULT	"feedd/" PACKAGE_VERSION \
			" (+https://github.com/feedd/feedd)"

static char tmpdir[1024];
static char conf[PATH_MAX];	/* the file the last load_text() wrote */

static const char *const env_vars[] = {
	"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR",
	"STATE_DIRECTORY", "RUNTIME_DIRECTORY", "CONFIGURATION_DIRECTORY",
};

static void
clear_env(void)
{
	size_t i;

	for (i = 0; i < nitems(env_vars); i++)
		unsetenv(env_vars[i]);
	setenv("HOME", HOME, 1);
}

static void
write_bytes(const char *path, const char *text, size_t len)
{
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(text, 1, len, fp) != len || fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

static void
write_str(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

/* Writes text to tmpdir/name and loads it over the defaults. */
static int
load_named(struct config *c, const char *name, const char *text, size_t len,
    char *err, size_t errlen)
{
	snprintf(conf, sizeof(conf), "%s/%s", tmpdir, name);
	write_bytes(conf, text, len);
	config_defaults_for(c, 1000);
	return config_load(c, conf, 1, err, errlen);
}

static int
load_text(struct config *c, const char *text, char *err, size_t errlen)
{
	return load_named(c, "t.conf", text, strlen(text), err, errlen);
}

/* Loading text fails with "FILE:LINE: ...msg..." (line 0: "FILE: "). */
static void
error_is(const char *text, size_t len, int line, const char *msg,
    const char *what)
{
	struct config c;
	char err[512], want[PATH_MAX + 32];
	int rc, good;

	rc = load_named(&c, "t.conf", text, len, err, sizeof(err));
	if (line > 0)
		snprintf(want, sizeof(want), "%s:%d: ", conf, line);
	else
		snprintf(want, sizeof(want), "%s: ", conf);
	good = rc == -1 && strncmp(err, want, strlen(want)) == 0 &&
	    strstr(err + strlen(want), msg) != NULL;
	if (!ok(good, what))
		printf("#   rc %d, err \"%s\"\n#   want \"%s...%s...\"\n",
		    rc, err, want, msg);
	config_free(&c);
}

static void
error_at(const char *text, int line, const char *msg, const char *what)
{
	error_is(text, strlen(text), line, msg, what);
}

/* A hook program in tmpdir, for the check that it can run; its path
 * goes to path. */
static void
write_prog(const char *name, mode_t mode, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", tmpdir, name);
	write_str(path, "#!/bin/sh\n");
	if (chmod(path, mode) != 0) {
		printf("Bail out! cannot chmod %s\n", path);
		exit(1);
	}
}

static void
test_defaults(void)
{
	struct config c;

	clear_env();
	config_defaults_for(&c, 1000);
	is_str(c.database, HOME "/.local/share/feedd/feedd.db",
	    "user database under ~/.local/share");
	is_str(c.socket, "/tmp/feedd-1000/feedd.sock",
	    "user socket in /tmp/feedd-UID without XDG_RUNTIME_DIR");
	is_str(c.socket_group, NULL, "no socket group");
	is_int(c.interval, 1800, "interval 30m");
	is_int(c.min_interval, 300, "min_interval 5m");
	is_int(c.max_interval, 86400, "max_interval 1d");
	is_int(c.max_backoff, 86400, "max_backoff 1d");
	is_int(c.failing_after, 10, "failing_after 10");
	is_int(c.max_transfers, 64, "max_transfers 64");
	is_int(c.max_host_connections, 4, "max_host_connections 4");
	is_int(c.connect_timeout, 15, "connect_timeout 15s");
	is_int(c.timeout, 60, "timeout 60s");
	is_int(c.low_speed_limit, 100, "low_speed_limit 100");
	is_int(c.low_speed_time, 30, "low_speed_time 30s");
	is_int(c.max_body, 16 << 20, "max_body 16M");
	is_int(c.max_redirects, 5, "max_redirects 5");
	is_str(c.user_agent, UA_DEFAULT, "user_agent names the version");
	is_str(c.proxy, NULL, "no proxy");
	is_int(c.keep_days, 90 * 86400, "keep 90d");
	is_int(c.keep_items, 1000, "keep_items 1000");
	is_int(c.story_window, 72 * 3600, "story_window 72h");
	is_int(c.log_level, LOG_INFO, "log_level info");
	is_int(c.max_clients, 256, "max_clients 256");
	ok(c.hook_argv[0] == NULL, "no hook");
	is_int(c.hook_timeout, 30, "hook timeout 30s");
	is_int(c.hook_max, 4, "hook max_running 4");
	is_str(c.path, NULL, "no file read");
	config_free(&c);
	config_free(&c);
	ok(c.database == NULL && c.user_agent == NULL,
	    "config_free twice is safe");

	config_defaults(&c);
	ok(c.database != NULL && c.database[0] == '/' && c.socket != NULL &&
	    c.socket[0] == '/', "config_defaults() for the real user");
	config_free(&c);
}

static void
test_paths(void)
{
	struct config c;

	clear_env();
	setenv("XDG_DATA_HOME", "/xdg/data/", 1);
	setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
	config_defaults_for(&c, 1000);
	is_str(c.database, "/xdg/data/feedd/feedd.db", "$XDG_DATA_HOME");
	is_str(c.socket, "/run/user/1000/feedd/feedd.sock",
	    "$XDG_RUNTIME_DIR");
	config_free(&c);

	/* The XDG specification: relative values are ignored. */
	setenv("XDG_DATA_HOME", "relative/data", 1);
	setenv("XDG_RUNTIME_DIR", "", 1);
	config_defaults_for(&c, 1000);
	is_str(c.database, HOME "/.local/share/feedd/feedd.db",
	    "relative $XDG_DATA_HOME ignored");
	is_str(c.socket, "/tmp/feedd-1000/feedd.sock",
	    "empty $XDG_RUNTIME_DIR ignored");
	config_free(&c);

	clear_env();
	config_defaults_for(&c, 0);
	is_str(c.database, LOCALSTATEDIR "/lib/feedd/feedd.db",
	    "root database under localstatedir");
	is_str(c.socket, RUNSTATEDIR "/feedd/feedd.sock",
	    "root socket under runstatedir");
	config_free(&c);

	setenv("XDG_RUNTIME_DIR", "/run/user/0", 1);
	config_defaults_for(&c, 0);
	is_str(c.socket, RUNSTATEDIR "/feedd/feedd.sock",
	    "root ignores $XDG_RUNTIME_DIR");
	config_free(&c);

	/* systemd's StateDirectory= and RuntimeDirectory= win for anyone;
	 * with several directories listed, the first is ours. */
	setenv("STATE_DIRECTORY", "/var/lib/feedd:/var/lib/other", 1);
	setenv("RUNTIME_DIRECTORY", "/run/feedd/", 1);
	config_defaults_for(&c, 0);
	is_str(c.database, "/var/lib/feedd/feedd.db", "root $STATE_DIRECTORY");
	is_str(c.socket, "/run/feedd/feedd.sock", "root $RUNTIME_DIRECTORY");
	config_free(&c);
	config_defaults_for(&c, 1000);
	is_str(c.database, "/var/lib/feedd/feedd.db", "user $STATE_DIRECTORY");
	is_str(c.socket, "/run/feedd/feedd.sock", "user $RUNTIME_DIRECTORY");
	config_free(&c);

	clear_env();
	is_str(config_default_path_for(1000), HOME "/.config/feedd/feedd.conf",
	    "user config under ~/.config");
	setenv("XDG_CONFIG_HOME", "/xdg/config", 1);
	is_str(config_default_path_for(1000), "/xdg/config/feedd/feedd.conf",
	    "$XDG_CONFIG_HOME");
	is_str(config_default_path_for(0), SYSCONFDIR "/feedd/feedd.conf",
	    "root config under sysconfdir");
	setenv("CONFIGURATION_DIRECTORY", "/etc/feedd", 1);
	is_str(config_default_path_for(0), "/etc/feedd/feedd.conf",
	    "root $CONFIGURATION_DIRECTORY");
	is_str(config_default_path_for(1000), "/etc/feedd/feedd.conf",
	    "user $CONFIGURATION_DIRECTORY");
	clear_env();
	ok(config_default_path()[0] == '/', "config_default_path() absolute");
}

static void
test_durations(void)
{
	static const struct {
		const char	*in;
		int64_t		 want;
	} vecs[] = {
		{ "0", 0 }, { "90", 90 }, { "90s", 90 }, { "30m", 1800 },
		{ "2h", 7200 }, { "1d", 86400 }, { "1w", 604800 },
		{ "007m", 420 }, { "3650d", 315360000 },
		{ "315360000", 315360000 }, { "520w", 314496000 },
		{ "5256000m", 315360000 },
		{ "", -1 }, { "s", -1 }, { "m", -1 }, { "-1", -1 },
		{ "+5", -1 }, { " 5", -1 }, { "5 ", -1 }, { "5 m", -1 },
		{ "5x", -1 }, { "5ms", -1 }, { "5M", -1 }, { "5S", -1 },
		{ "1.5h", -1 }, { "1h30m", -1 }, { "0x10", -1 },
		{ "3651d", -1 }, { "522w", -1 }, { "315360001", -1 },
		{ "99999999999999999999", -1 },
		{ "9223372036854775807", -1 }, { "9223372036854775808s", -1 },
	};
	char what[96];
	size_t i;

	for (i = 0; i < nitems(vecs); i++) {
		snprintf(what, sizeof(what), "duration \"%s\"", vecs[i].in);
		is_int(config_parse_duration(vecs[i].in), vecs[i].want, what);
	}
	is_int(config_parse_duration(NULL), -1, "duration NULL");
}

static void
test_sizes(void)
{
	static const struct {
		const char	*in;
		int64_t		 want;
	} vecs[] = {
		{ "0", 0 }, { "1000", 1000 }, { "1000B", 1000 },
		{ "512K", 512 << 10 }, { "512k", 512 << 10 },
		{ "512KB", 512 << 10 }, { "512KiB", 512 << 10 },
		{ "16M", 16 << 20 }, { "16MB", 16 << 20 },
		{ "16MiB", 16 << 20 }, { "1G", 1 << 30 },
		{ "1024G", INT64_C(1) << 40 },
		{ "1099511627776", INT64_C(1) << 40 },
		{ "", -1 }, { "K", -1 }, { "-1", -1 }, { "+1", -1 },
		{ " 1", -1 }, { "1 ", -1 }, { "1 K", -1 }, { "1iB", -1 },
		{ "1Ki", -1 }, { "1KiBs", -1 }, { "1b", -1 }, { "1m", -1 },
		{ "1T", -1 }, { "1.5M", -1 }, { "1025G", -1 },
		{ "1099511627777", -1 }, { "99999999999999999999K", -1 },
		{ "18446744073709551616", -1 },
	};
	char what[96];
	size_t i;

	for (i = 0; i < nitems(vecs); i++) {
		snprintf(what, sizeof(what), "size \"%s\"", vecs[i].in);
		is_int(config_parse_size(vecs[i].in), vecs[i].want, what);
	}
	is_int(config_parse_size(NULL), -1, "size NULL");
}

static const char full_conf[] =
    "# A full configuration.\n"
    "; another comment style\n"
    "\n"
    "[paths]\n"
    "database = /srv/feedd/db.sqlite\n"
    "socket = /run/feedd.sock   # trailing comment\n"
    "socket_group = root\n"
    "[poll]\n"
    "  interval = 1h\n"
    "min_interval=1m\n"
    "max_interval\t=\t2d\n"
    "max_backoff = 1w\n"
    "failing_after = 3\n"
    "[http]\n"
    "max_transfers = 1000\n"
    "max_host_connections = 1\n"
    "connect_timeout = 5s\n"
    "timeout = 2m\n"
    "low_speed_limit = 1K\n"
    "low_speed_time = 1m\n"
    "max_body = 1MiB\n"
    "max_redirects = 0\n"
    "user_agent = Mozilla/5.0 (X11; Linux) feedd\n"
    "proxy = socks5h://127.0.0.1:9050\n"
    "[store]\n"
    "keep = 0\n"
    "keep_items = 1000000\n"
    "story_window = 1d\n"
    "[ daemon ]   # reopened below\n"
    "log_level = DEBUG\n"
    "[daemon]\n"
    "max_clients = 10000\n"
    "[hook]\n"
    "exec = /bin/true --new\n"
    "timeout = 10s\n"
    "max_running = 64\n";

static void
test_full(void)
{
	struct config c;
	char err[512] = "";

	is_int(load_text(&c, full_conf, err, sizeof(err)), 0, "full file loads");
	is_str(err, "", "no message");
	is_str(c.path, conf, "path records the file");
	is_str(c.database, "/srv/feedd/db.sqlite", "database");
	is_str(c.socket, "/run/feedd.sock", "socket, trailing comment cut");
	is_str(c.socket_group, "root", "socket_group");
	is_int(c.interval, 3600, "interval");
	is_int(c.min_interval, 60, "min_interval without spaces");
	is_int(c.max_interval, 2 * 86400, "max_interval with tabs");
	is_int(c.max_backoff, 604800, "max_backoff");
	is_int(c.failing_after, 3, "failing_after");
	is_int(c.max_transfers, 1000, "max_transfers");
	is_int(c.max_host_connections, 1, "max_host_connections");
	is_int(c.connect_timeout, 5, "connect_timeout");
	is_int(c.timeout, 120, "timeout");
	is_int(c.low_speed_limit, 1024, "low_speed_limit takes a size");
	is_int(c.low_speed_time, 60, "low_speed_time");
	is_int(c.max_body, 1 << 20, "max_body");
	is_int(c.max_redirects, 0, "max_redirects 0");
	is_str(c.user_agent, "Mozilla/5.0 (X11; Linux) feedd",
	    "user_agent keeps ';' and spaces");
	is_str(c.proxy, "socks5h://127.0.0.1:9050", "proxy");
	is_int(c.keep_days, 0, "keep 0 = forever");
	is_int(c.keep_items, 1000000, "keep_items");
	is_int(c.story_window, 86400, "story_window");
	is_int(c.log_level, LOG_DEBUG, "log_level, any case");
	is_int(c.max_clients, 10000, "max_clients, section reopened");
	is_str(c.hook_argv[0], "/bin/true", "exec argv[0]");
	is_str(c.hook_argv[1], "--new", "exec argv[1]");
	ok(c.hook_argv[2] == NULL, "exec argv ends");
	is_int(c.hook_timeout, 10, "hook timeout, not [http]'s");
	is_int(c.hook_max, 64, "max_running");
	config_free(&c);
}

static void
test_over(void)
{
	struct config c;
	char err[512];

	/* A second file goes over the first; an empty value clears. */
	load_text(&c, "[hook]\nexec = /bin/true\n[paths]\nsocket_group = "
	    "root\n[http]\nproxy = http://p:3128\n", err, sizeof(err));
	snprintf(conf, sizeof(conf), "%s/u.conf", tmpdir);
	write_str(conf, "[hook]\nexec =\n[paths]\nsocket_group = \"\"\n"
	    "[http]\nproxy =   # none\n");
	is_int(config_load(&c, conf, 1, err, sizeof(err)), 0,
	    "second file loads");
	ok(c.hook_argv[0] == NULL, "empty exec removes the hook");
	is_str(c.socket_group, NULL, "empty socket_group: none");
	is_str(c.proxy, NULL, "empty proxy: none");
	is_str(c.path, conf, "path is the last file");

	/* All or nothing. */
	snprintf(conf, sizeof(conf), "%s/v.conf", tmpdir);
	write_str(conf, "[poll]\ninterval = 2h\nbogus = 1\n");
	is_int(config_load(&c, conf, 1, err, sizeof(err)), -1, "bad file");
	is_int(c.interval, 1800, "a failed load changes nothing");
	ok(c.path != NULL && strstr(c.path, "u.conf") != NULL,
	    "path kept after a failed load");
	config_free(&c);

	/* Missing files. */
	config_defaults_for(&c, 1000);
	snprintf(conf, sizeof(conf), "%s/missing.conf", tmpdir);
	is_int(config_load(&c, conf, 0, err, sizeof(err)), 0,
	    "missing optional file is fine");
	is_str(c.path, NULL, "and not recorded");
	is_int(config_load(&c, conf, 1, err, sizeof(err)), -1,
	    "missing required file fails");
	ok(strstr(err, "missing.conf: No such file") != NULL,
	    "missing file message");
	is_int(config_load(&c, tmpdir, 0, err, sizeof(err)), -1,
	    "a directory fails");
	ok(strstr(err, "not a regular file") != NULL, "directory message");
	config_free(&c);
}

static void
test_errors(void)
{
	static const char nul[] = "[poll]\ninterval = 3\0m\n";
	char big[4200], *huge;
	size_t n;

	error_at("[poll]\n\n[polling]\n", 3, "unknown section [polling]",
	    "unknown section");
	error_at("[poll\n", 1, "missing ']'", "unclosed section header");
	error_at("[poll] x\n", 1, "text after the section header",
	    "junk after section header");
	error_at("# c\ninterval = 5m\n", 2, "outside a section",
	    "key outside a section");
	error_at("[poll]\ninterval = 5m\nintervall = 5m\n", 3,
	    "unknown key \"intervall\" in [poll]", "unknown key");
	error_at("[poll]\nmax_body = 5M\n", 2, "belongs in [http]",
	    "key in the wrong section");
	error_at("[poll]\n\ninterval 5m\n", 3, "missing '='", "missing '='");
	error_at("[poll]\n = 5m\n", 2, "missing key", "missing key");
	error_at("[poll]\ninterval = 5m\n# c\ninterval = 6m\n", 4,
	    "duplicate key \"interval\" in [poll] (first set on line 2)",
	    "duplicate key");
	error_at("[poll]\ninterval = 5m\n[http]\n[poll]\ninterval = 6m\n", 5,
	    "duplicate key", "duplicate key across a reopened section");
	error_at("[http]\n[hook]\ntimeout = 1s\n[http]\ntimeout = 1s\n"
	    "timeout = 2s\n", 6, "duplicate key \"timeout\" in [http]",
	    "same key name in two sections is not a duplicate");

	error_at("[poll]\ninterval = 0\n", 2, "interval: \"0\" is out of range",
	    "interval 0");
	error_at("[poll]\ninterval = soon\n", 2, "invalid duration",
	    "interval garbage");
	error_at("[poll]\nmax_backoff = 11y\n", 2, "invalid duration",
	    "unknown unit");
	error_at("[poll]\nfailing_after = 0\n", 2, "out of range (1 to 1000)",
	    "failing_after 0");
	error_at("[poll]\nfailing_after = 1001\n", 2, "out of range",
	    "failing_after 1001");
	error_at("[http]\nmax_transfers = 0\n", 2, "out of range (1 to 1000)",
	    "max_transfers 0");
	error_at("[http]\nmax_transfers = 1001\n", 2, "out of range",
	    "max_transfers 1001");
	error_at("[http]\nmax_transfers = 10s\n", 2, "not a whole number",
	    "max_transfers with a unit");
	error_at("[http]\nmax_transfers = 99999999999999999999\n", 2,
	    "out of range", "max_transfers overflow");
	error_at("[http]\nmax_host_connections = 65\n", 2, "(1 to 64)",
	    "max_host_connections 65");
	error_at("[http]\nmax_redirects = 21\n", 2, "(0 to 20)",
	    "max_redirects 21");
	error_at("[http]\nmax_redirects = -1\n", 2,
	    "\"-1\" is not a whole number (0 to 20)",
	    "max_redirects -1");
	error_at("[http]\nconnect_timeout = 0s\n", 2, "out of range (1s to ",
	    "connect_timeout 0");
	error_at("[http]\ntimeout = 0\n", 2, "out of range", "timeout 0");
	error_at("[http]\nlow_speed_time = 0\n", 2, "out of range",
	    "low_speed_time 0");
	error_at("[http]\nlow_speed_limit = 2G\n", 2, "(0 to 1G)",
	    "low_speed_limit 2G");
	error_at("[http]\nmax_body = 0\n", 2, "out of range", "max_body 0");
	error_at("[http]\nmax_body = 2T\n", 2, "invalid size", "max_body 2T");
	error_at("[http]\nuser_agent =\n", 2, "must not be empty",
	    "empty user_agent");
	error_at("[http]\nproxy = \"http://a b\"\n", 2, "white space",
	    "proxy with a space");
	error_at("[store]\nkeep_items = 1000001\n", 2, "(0 to 1000000)",
	    "keep_items 1000001");
	error_at("[store]\nstory_window = 0\n", 2, "out of range",
	    "story_window 0");
	error_at("[daemon]\nlog_level = loud\n", 2, "unknown level \"loud\"",
	    "log_level loud");
	error_at("[daemon]\nmax_clients = 10001\n", 2, "(1 to 10000)",
	    "max_clients 10001");
	error_at("[daemon]\nmax_clients = 0\n", 2, "out of range",
	    "max_clients 0");
	error_at("[hook]\nmax_running = 65\n", 2, "(1 to 64)",
	    "max_running 65");
	error_at("[hook]\ntimeout = 0\n", 2, "out of range", "hook timeout 0");
	error_at("[paths]\nsocket_group = -wheel\n", 2, "invalid group name",
	    "socket_group starting with '-'");
	error_at("[paths]\nsocket_group = nosuchgroup-feedd\n", 2,
	    "no such group \"nosuchgroup-feedd\"", "a group that does not exist");
	error_at("[paths]\nsocket_group = a:b\n", 2, "invalid group name",
	    "socket_group with ':'");
	error_at("[paths]\ndatabase =\n", 2, "empty path", "empty database");
	error_at("[paths]\ndatabase = ~root/db\n", 2, "~user", "~user");

	error_at("[poll]\ninterval = \"5m\n", 2, "missing closing quote",
	    "unterminated quote");
	error_at("[poll]\ninterval = \"5\"m\n", 2, "after the closing quote",
	    "text after a quoted value");
	error_at("[hook]\nexec = bin/hook\n", 2, "absolute path",
	    "relative hook program");
	error_at("[hook]\nexec = /bin/hook \"a\n", 2, "missing closing quote",
	    "unterminated quote in exec");
	error_at("[hook]\nexec = /bin/x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 "
	    "17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32\n", 2,
	    "more than 32 words", "too many hook arguments");
	error_at("[hook]\n\nexec = /nonexistent/feedd-hook -x\n", 3,
	    "exec: cannot run \"/nonexistent/feedd-hook\": No such file",
	    "missing hook program");
	error_at("[hook]\nexec = /\n", 2,
	    "exec: cannot run \"/\": not a regular file",
	    "hook program a directory");
	{
		/* feedctl reads the file for its socket, perhaps as a user
		 * who may not run the daemon's hook: not its business. */
		struct config c;
		char err[512];
		snprintf(conf, sizeof(conf), "%s/ctl.conf", tmpdir);
		write_str(conf, "[paths]\nsocket = /tmp/x.sock\n[hook]\n"
		    "exec = /nonexistent/feedd-hook\n");
		config_defaults_for(&c, 1000);
		c.check_programs = 0;
		is_int(config_load(&c, conf, 1, err, sizeof(err)), 0,
		    "without check_programs (feedctl), a hook it cannot run "
		    "is no error");
		is_str(c.socket, "/tmp/x.sock", "and the socket is read");
		config_free(&c);
	}
	error_at("[poll]\ninterval = 5m\x1b[0m\n", 2, "control character",
	    "control character");
	error_is(nul, sizeof(nul) - 1, 2, "NUL byte", "NUL byte");

	/* A 4096-byte line is fine, one more byte is not. */
	big[0] = '#';
	memset(big + 1, 'x', 4095);
	memcpy(big + 4096, "\n[x]\n", 6);
	error_at(big, 2, "unknown section [x]", "4096-byte line accepted");
	memset(big + 1, 'x', 4096);
	memcpy(big + 4097, "\n[x]\n", 6);
	error_at(big, 1, "longer than 4096 bytes", "4097-byte line refused");
	memcpy(big, "[poll]\n#", 8);
	memset(big + 8, 'x', 4100);
	memcpy(big + 4108, "\n", 2);
	error_at(big, 2, "longer than 4096 bytes", "long line numbered");

	n = 1024 * 1024 + 1;
	if ((huge = malloc(n)) == NULL)
		exit(1);
	memset(huge, '\n', n);
	error_is(huge, n, 0, "larger than 1 MiB", "file over 1 MiB");
	free(huge);

	error_at("[poll]\ninterval = 1m\n", 2,
	    "[poll] min_interval (5m) is greater than interval (1m); "
	    "min_interval is the default",
	    "min_interval > interval: at interval's line, the other a default");
	error_at("[poll]\ninterval = 2d\n", 2,
	    "interval (2d) is greater than max_interval (1d)",
	    "interval > max_interval");
	error_at("[poll]\nmax_interval = 1h\n\nmin_interval = 10m\n"
	    "interval = 90m\n", 5,
	    "[poll] interval (90m) is greater than max_interval (1h); "
	    "max_interval is set on line 2",
	    "out of order: at the line set last, naming the other's line");
}

/* The 1 MiB file of blank lines loads: check it apart, since error_is()
 * wants a failure. */
static void
test_limits_ok(void)
{
	struct config c;
	static const char crlf[] = "\xef\xbb\xbf[poll]\r\ninterval = 10m\r\n";
	char err[512], *huge;
	size_t n = 1024 * 1024;

	if ((huge = malloc(n)) == NULL)
		exit(1);
	memset(huge, '\n', n);
	is_int(load_named(&c, "big.conf", huge, n, err, sizeof(err)), 0,
	    "a file of exactly 1 MiB loads");
	config_free(&c);
	free(huge);

	is_int(load_named(&c, "crlf.conf", crlf, sizeof(crlf) - 1, err,
	    sizeof(err)), 0,
	    "BOM and CRLF accepted");
	is_int(c.interval, 600, "CRLF value");
	config_free(&c);

	is_int(load_text(&c, "[poll]\ninterval = 10m", err, sizeof(err)), 0,
	    "no newline at the end");
	is_int(c.interval, 600, "last line read");
	config_free(&c);

	snprintf(conf, sizeof(conf), "%s/ww.conf", tmpdir);
	write_str(conf, "[poll]\n");
	chmod(conf, 0666);
	config_defaults_for(&c, 1000);
	is_int(config_load(&c, conf, 1, err, sizeof(err)), -1,
	    "world-writable file refused");
	ok(strstr(err, "writable by anyone") != NULL, "its message");
	config_free(&c);

	/* A message cut to the caller's buffer stays a string. */
	config_defaults_for(&c, 1000);
	is_int(config_load(&c, conf, 1, err, 8), -1, "short err buffer");
	ok(strlen(err) < 8, "message truncated");
	config_free(&c);
}

static void
test_quoting(void)
{
	struct config c;
	char err[512];

	is_int(load_text(&c, "[http]\nuser_agent = \"a \\\"b\\\" \\\\ c # no "
	    "comment\"   # comment\nproxy = http://p:3128/#frag # c\n"
	    "[paths]\nsocket_group = \"staff\"\n", err, sizeof(err)), 0,
	    "quoted values load");
	is_str(c.user_agent, "a \"b\" \\ c # no comment",
	    "quotes, escapes and '#' inside quotes");
	is_str(c.proxy, "http://p:3128/#frag", "'#' inside a word is text");
	is_str(c.socket_group, "staff", "quoted group");
	config_free(&c);

	is_int(load_text(&c, "[http]\nuser_agent = \"C:\\x\\\\y\"\n"
	    "[poll]\ninterval = \"2h\"\n", err, sizeof(err)), 0,
	    "backslashes load");
	is_str(c.user_agent, "C:\\x\\y", "other backslashes kept, as in sh");
	is_int(c.interval, 7200, "quoted duration");
	config_free(&c);

	is_int(load_text(&c, "[http]\nuser_agent = \"  padded  \"\n", err,
	    sizeof(err)), 0, "padded value");
	is_str(c.user_agent, "  padded  ", "quotes keep white space");
	config_free(&c);
}

static void
test_exec(void)
{
	struct config c;
	char err[512], text[PATH_MAX + 256], prog[PATH_MAX], want[PATH_MAX + 64];

	write_prog("my hook", 0755, prog, sizeof(prog));
	snprintf(text, sizeof(text), "[hook]\nexec = \"%s\" -a "
	    "\"feedd hook\"  \"say \\\"hi\\\"\" x\"y z\"w '' \"\" a#b "
	    "# comment \"\n", prog);
	is_int(load_text(&c, text, err, sizeof(err)), 0, "exec loads");
	is_str(c.hook_argv[0], prog, "quoted program");
	is_str(c.hook_argv[1], "-a", "plain word");
	is_str(c.hook_argv[2], "feedd hook", "quoted word");
	is_str(c.hook_argv[3], "say \"hi\"", "escaped quotes");
	is_str(c.hook_argv[4], "xy zw", "quotes inside a word");
	is_str(c.hook_argv[5], "''", "single quotes are text");
	is_str(c.hook_argv[6], "", "empty quoted word");
	is_str(c.hook_argv[7], "a#b", "'#' inside a word");
	ok(c.hook_argv[8] == NULL, "comment ends the words");
	config_free(&c);

	is_int(load_text(&c, "[hook]\nexec = /bin/true 2 3 4 5 6 7 8 9 10 11 "
	    "12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32\n",
	    err, sizeof(err)), 0, "32 words load");
	is_str(c.hook_argv[31], "32", "argv[31]");
	ok(c.hook_argv[32] == NULL, "argv NULL-terminated");
	config_free(&c);

	/* ~ is the home directory, here tmpdir where the program is. */
	write_prog("hook", 0755, prog, sizeof(prog));
	setenv("HOME", tmpdir, 1);
	is_int(load_text(&c, "[hook]\nexec = ~/hook $HOME *\n", err,
	    sizeof(err)), 0, "exec with ~");
	setenv("HOME", HOME, 1);
	is_str(c.hook_argv[0], prog, "~ expanded in the program");
	is_str(c.hook_argv[1], "$HOME", "no variable expansion");
	is_str(c.hook_argv[2], "*", "no globbing");
	config_free(&c);

	/* Even root needs an x bit to run a file. */
	write_prog("noexec", 0644, prog, sizeof(prog));
	snprintf(text, sizeof(text), "[hook]\nexec = %s\n", prog);
	snprintf(want, sizeof(want), "exec: cannot run \"%s\": Permission "
	    "denied", prog);
	error_at(text, 2, want, "hook program without x bit");
}

static void
test_resolve(void)
{
	struct config c;
	char err[512], want[PATH_MAX + 64], cwd[PATH_MAX], old[PATH_MAX];

	is_int(load_text(&c, "[paths]\ndatabase = ~/feeds/feedd.db\n"
	    "socket = ~\n", err, sizeof(err)), 0, "~ paths load");
	is_str(c.database, HOME "/feeds/feedd.db", "~/ expanded");
	is_str(c.socket, HOME, "~ alone expanded");
	config_free(&c);

	is_int(load_text(&c, "[paths]\ndatabase = data/feedd.db\n"
	    "socket = \"../feedd.sock\"\n", err, sizeof(err)), 0,
	    "relative paths load");
	snprintf(want, sizeof(want), "%s/data/feedd.db", tmpdir);
	is_str(c.database, want, "relative to the file's directory");
	snprintf(want, sizeof(want), "%s/../feedd.sock", tmpdir);
	is_str(c.socket, want, "relative socket");
	config_free(&c);

	/* A file named relative to the current directory. */
	if (getcwd(old, sizeof(old)) == NULL || chdir(tmpdir) != 0 ||
	    getcwd(cwd, sizeof(cwd)) == NULL)
		exit(1);
	config_defaults_for(&c, 1000);
	is_int(config_load(&c, "./t.conf", 1, err, sizeof(err)), 0,
	    "relative file name loads");
	snprintf(want, sizeof(want), "%s/../feedd.sock", cwd);
	is_str(c.socket, want, "made absolute against the cwd");
	config_free(&c);
	config_defaults_for(&c, 1000);
	is_int(config_load(&c, "t.conf", 1, err, sizeof(err)), 0,
	    "bare file name loads");
	is_str(c.socket, want, "bare name: the cwd");
	config_free(&c);
	if (chdir(old) != 0)
		exit(1);

	error_at("[paths]\nsocket = /run/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x\n",
	    2, "longer than the 107 bytes", "socket path over sun_path");
}

/* Every "#key = value" in the example is the default: uncommented, the
 * file must load to what config_defaults() gives. */
static void
test_example(void)
{
	static const char *const tries[] = {
		"../conf/feedd.conf", "conf/feedd.conf"
	};
	struct config c, d;
	char path[PATH_MAX], err[512], line[4200];
	const char *top = getenv("top_srcdir");
	FILE *in, *out;
	size_t i;
	int uncommented = 0;

	path[0] = '\0';
	if (top != NULL)
		snprintf(path, sizeof(path), "%s/conf/feedd.conf", top);
	for (i = 0; i < nitems(tries) && access(path, R_OK) != 0; i++)
		snprintf(path, sizeof(path), "%s", tries[i]);
	clear_env();
	config_defaults_for(&c, 1000);
	if (!is_int(config_load(&c, path, 1, err, sizeof(err)), 0,
	    "conf/feedd.conf loads"))
		printf("#   %s\n", err);
	is_int(c.interval, 1800, "and changes nothing");
	config_free(&c);

	snprintf(conf, sizeof(conf), "%s/example.conf", tmpdir);
	if ((in = fopen(path, "r")) == NULL || (out = fopen(conf, "w")) ==
	    NULL)
		exit(1);
	while (fgets(line, sizeof(line), in) != NULL) {
		char key[64];
		int end = 0;

		if (sscanf(line, "#%63[a-z_] =%n", key, &end) == 1 &&
		    end > 0 &&
		    strcmp(key, "user_agent") != 0) {
			fputs(line + 1, out);
			uncommented++;
		} else
			fputs(line, out);
	}
	fclose(in);
	fclose(out);
	/* 26 settings ([http] and [hook] both have a timeout), less the
	 * user_agent, whose example says VERSION. */
	is_int(uncommented, 25, "every key in the example");
	config_defaults_for(&c, 1000);
	config_defaults_for(&d, 1000);
	if (!is_int(config_load(&c, conf, 1, err, sizeof(err)), 0,
	    "uncommented example loads"))
		printf("#   %s\n", err);
	is_int(c.interval, d.interval, "example interval");
	is_int(c.min_interval, d.min_interval, "example min_interval");
	is_int(c.max_interval, d.max_interval, "example max_interval");
	is_int(c.max_backoff, d.max_backoff, "example max_backoff");
	is_int(c.failing_after, d.failing_after, "example failing_after");
	is_int(c.max_transfers, d.max_transfers, "example max_transfers");
	is_int(c.max_host_connections, d.max_host_connections,
	    "example max_host_connections");
	is_int(c.connect_timeout, d.connect_timeout, "example connect_timeout");
	is_int(c.timeout, d.timeout, "example timeout");
	is_int(c.low_speed_limit, d.low_speed_limit, "example low_speed_limit");
	is_int(c.low_speed_time, d.low_speed_time, "example low_speed_time");
	is_int(c.max_body, d.max_body, "example max_body");
	is_int(c.max_redirects, d.max_redirects, "example max_redirects");
	is_str(c.proxy, d.proxy, "example proxy");
	is_int(c.keep_days, d.keep_days, "example keep");
	is_int(c.keep_items, d.keep_items, "example keep_items");
	is_int(c.story_window, d.story_window, "example story_window");
	is_int(c.log_level, d.log_level, "example log_level");
	is_int(c.max_clients, d.max_clients, "example max_clients");
	ok(c.hook_argv[0] == NULL, "example exec");
	is_int(c.hook_timeout, d.hook_timeout, "example hook timeout");
	is_int(c.hook_max, d.hook_max, "example max_running");
	is_str(c.socket_group, d.socket_group, "example socket_group");
	config_free(&c);
	config_free(&d);
}

/* Log lines, captured by pointing stderr at a file. */
static void
test_log(void)
{
	static const char want[] = "<6>plain info\n"
	    "<4>two lines and [31mred\n"
	    "<3>bidi evil csi, bad \xef\xbf\xbd, ok \xc3\xa9\n"
	    "<7>now shown\n"
	    "<7>aaaa";
	char path[PATH_MAX + 16], buf[8192];
	int fd, saved;
	ssize_t n;

	is_int(log_level_parse("error"), LOG_ERR, "level error");
	is_int(log_level_parse("ERR"), LOG_ERR, "level ERR");
	is_int(log_level_parse("Warn"), LOG_WARN, "level Warn");
	is_int(log_level_parse("warning"), LOG_WARN, "level warning");
	is_int(log_level_parse("info"), LOG_INFO, "level info");
	is_int(log_level_parse("DEBUG"), LOG_DEBUG, "level DEBUG");
	is_int(log_level_parse("notice"), -1, "level notice unknown");
	is_int(log_level_parse(""), -1, "empty level");
	is_int(log_level_parse(NULL), -1, "NULL level");

	snprintf(path, sizeof(path), "%s/log", tmpdir);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (saved == -1 || fd == -1 || dup2(fd, STDERR_FILENO) == -1)
		exit(1);
	log_init("feedd", LOG_INFO);
	log_debug("dropped %d", 1);
	log_info("plain %s", "info");
	log_warn("two\nlines\tand \x1b[31mred\x7f");
	log_err("bidi \xe2\x80\xae" "evil \xc2\x9b" "csi, bad \xff, ok \xc3\xa9");
	log_set_level(LOG_DEBUG);
	log_debug("now %s", "shown");
	log_set_level(LOG_ERR);
	log_warn("dropped");
	log_set_level(99);
	memset(buf, 'a', 3000);
	buf[3000] = '\0';
	log_debug("%s", buf);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	if (!ok(strncmp(buf, want, strlen(want)) == 0,
	    "journal lines: priorities, one line, no controls"))
		printf("#   got: %.200s\n", buf);
	if (strstr(buf, "dropped") != NULL)
		ok(0, "messages below the level are dropped");
	else
		ok(1, "messages below the level are dropped");
	n = (ssize_t)strlen(buf);
	is_int(n, strlen(want) - 4 + 2047 + 4, "long message cut to 2047 bytes");
	ok(n > 5 && strcmp(buf + n - 5, "a...\n") == 0,
	    "long message ends in \"...\"");
}

static void
cleanup(void)
{
	char path[PATH_MAX + 300];
	struct dirent *de;
	DIR *d;

	if ((d = opendir(tmpdir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmpdir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(tmpdir);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	umask(022);
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_config.XXXXXX",
	    t != NULL && t[0] == '/' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp %s\n", tmpdir);
		return 1;
	}
	clear_env();
	test_defaults();
	test_paths();
	clear_env();
	test_durations();
	test_sizes();
	test_full();
	test_over();
	test_errors();
	test_limits_ok();
	test_quoting();
	test_exec();
	test_resolve();
	test_example();
	test_log();
	cleanup();
	return tap_done();
}
