/* feedd: the feed aggregator daemon.  Runs in the foreground; systemd
 * (or the user) supervises it. */
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <ev.h>
#include <libxml/parser.h>

#include "config.h"
#include "stdfds.h"
#include "feedd/config.h"
#include "feedd/curlinit.h"
#include "feedd/daemon.h"
#include "feedd/hook.h"
#include "feedd/log.h"
#include "feedd/notify.h"
#include "feedd/server.h"

static struct daemon d;

static void
usage(FILE *f)
{
	fprintf(f, "usage: feedd [-nv] [-c FILE] [--db PATH] [--socket PATH]\n"
	    "  -c, --config FILE  configuration file (default %s)\n"
	    "  -n, --check        check the configuration and exit\n"
	    "      --db PATH      database (overrides the configuration)\n"
	    "      --socket PATH  control socket (overrides the configuration)\n"
	    "  -v, --verbose      more logging (repeat for debug)\n"
	    "  -V, --version      print the version\n", config_default_path());
}

static void
on_stop(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)revents;
	log_info("signal %d: stopping", w->signum);
	notify_stopping();
	ev_break(loop, EVBREAK_ALL);
}

static void
on_hup(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	notify_reloading();
	daemon_reload(&d);
	notify_ready(&d);
}

struct options {
	const char *db, *socket;
	int check, verbose;
};

static int
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check", no_argument, NULL, 'n' },
		{ "db", required_argument, NULL, 'D' },
		{ "socket", required_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "c:nvVh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			d.config_path = optarg;
			d.config_required = 1;
			break;
		case 'n': o->check = 1; break;
		case 'D': o->db = optarg; break;
		case 'S': o->socket = optarg; break;
		case 'v': o->verbose++; break;
		case 'V':
			printf("feedd %s\n", PACKAGE_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "feedd: unexpected argument \"%s\" (feedd takes "
		    "options only)\n", argv[optind]);
		usage(stderr);
		return -1;
	}
	return 0;
}

static int
load_config(struct options *o)
{
	char err[1024];

	config_defaults(&d.cfg);
	if (d.config_path == NULL)
		d.config_path = config_default_path();
	if (config_load(&d.cfg, d.config_path, d.config_required, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "feedd: %s\n", err);
		config_free(&d.cfg);	/* the defaults it started from */
		return -1;
	}
	d.paths_overridden = o->db || o->socket || getenv("FEEDD_SOCKET");
	if (o->db) {
		free(d.cfg.database);
		d.cfg.database = strdup(o->db);
	}
	if (o->socket) {
		free(d.cfg.socket);
		d.cfg.socket = strdup(o->socket);
	} else if (getenv("FEEDD_SOCKET") && *getenv("FEEDD_SOCKET")) {
		free(d.cfg.socket);
		d.cfg.socket = strdup(getenv("FEEDD_SOCKET"));
	}
	if (o->verbose)
		d.cfg.log_level = d.log_level_forced = o->verbose > 1 ?
		    LOG_DEBUG : LOG_INFO;
	return 0;
}

/* Creates the database's directory (0700) when it is missing. */
static void
make_parent(const char *path)
{
	char dir[4096], *p;

	snprintf(dir, sizeof(dir), "%s", path);
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			return;
		*p = '/';
	}
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct ev_loop *loop;
	ev_signal sterm, sint, shup;
	char err[1024];
	int rc = 0;

	if (stdfds_open() == -1)
		return 1;
	if (parse_options(argc, argv, &o) == -1)
		return 2;
	log_init("feedd", LOG_INFO);
	if (load_config(&o) == -1)
		return 1;
	if (o.check) {
		printf("%s: configuration OK\n", d.config_path);
		config_free(&d.cfg);
		return 0;
	}
	log_set_level(d.cfg.log_level);
#ifdef M_MMAP_THRESHOLD
	/* A fixed threshold: glibc's sliding one moves up after a large
	 * block is freed, and the next ones then stay in the heap for
	 * good.  A daemon that idles for months should give them back. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	signal(SIGPIPE, SIG_IGN);
	umask(077);
	if (curlinit() == -1) {
		log_err("cannot initialise libcurl");
		config_free(&d.cfg);
		return 1;
	}
	xmlInitParser();
	loop = ev_default_loop(EVFLAG_AUTO);
	make_parent(d.cfg.database);
	if (daemon_init(&d, loop) == -1) {
		rc = 1;
		goto out;
	}
	if ((d.server = server_new(&d, err, sizeof(err))) == NULL) {
		log_err("%s", err);
		rc = 1;
		goto out;
	}
	ev_signal_init(&sterm, on_stop, SIGTERM);
	ev_signal_init(&sint, on_stop, SIGINT);
	ev_signal_init(&shup, on_hup, SIGHUP);
	ev_signal_start(loop, &sterm);
	ev_signal_start(loop, &sint);
	ev_signal_start(loop, &shup);
	notify_init(&d);
	log_info("feedd %s: database %s, socket %s", PACKAGE_VERSION,
	    d.cfg.database, d.cfg.socket);
	notify_ready(&d);
	ev_run(loop, 0);
out:
	hook_stop_all(&d);
	server_free(d.server);
	d.server = NULL;
	daemon_shutdown(&d);
	notify_free();
	config_free(&d.cfg);
	ev_loop_destroy(loop);
	curl_global_cleanup();
	if (rc == 0)
		log_info("stopped");
	return rc;
}
