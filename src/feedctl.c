/* feedctl: talks to feedd over its socket; `parse` works alone. */
#include <sys/ioctl.h>

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "config.h"
#include "feedctl.h"
#include "stdfds.h"
#include "utf8.h"
#include "feedd/date.h"
#include "feedd/config.h"
#include "feedd/urlres.h"

struct ctl_opts ctl;

static const struct feedctl_cmd *const commands[] = {
	&cmd_add_entry,
	&cmd_remove_entry,
	&cmd_enable_entry,
	&cmd_disable_entry,
	&cmd_set_entry,
	&cmd_feeds_entry,
	&cmd_refresh_entry,
	&cmd_new_entry,
	&cmd_items_entry,
	&cmd_follow_entry,
	&cmd_read_entry,
	&cmd_unread_entry,
	&cmd_star_entry,
	&cmd_unstar_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_status_entry,
	&cmd_ping_entry,
	&cmd_cursor_entry,
	&cmd_parse_entry,
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

void
ctl_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("feedctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
ctl_usage(const struct feedctl_cmd *c)
{
	fprintf(stderr, "usage: feedctl %s %s\n", c->name, c->usage);
	return EXIT_USAGE;
}

/* Characters that steer a terminal rather than show: C0/C1 controls,
 * DEL, and the bidi embedding/override/isolate marks. */
static int
is_unsafe(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* Columns a printable character takes: wide East Asian ones two,
 * combining marks none, when the locale knows; one otherwise. */
static int
cp_width(unsigned cp)
{
	int w;

	if (cp < 0x80)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* One character of s as printed: its bytes (or a replacement) and its
 * width.  Returns the input bytes it used. */
static int
safe_char(const unsigned char *p, const char **out, int *outlen, int *w)
{
	static char ch[2];
	unsigned cp;
	int n;

	if ((n = utf8_decode(p, strnlen((const char *)p, 4), &cp)) == 0) {
		*out = "\xef\xbf\xbd";	/* U+FFFD */
		*outlen = 3;
		*w = 1;
		return 1;
	}
	if (is_unsafe(cp)) {
		ch[0] = cp == '\t' || cp == '\n' || cp == '\r' ? ' ' : '?';
		*out = ch;
		*outlen = 1;
		*w = 1;
		return n;
	}
	*out = (const char *)p;
	*outlen = n;
	*w = cp_width(cp);
	return n;
}

int
ctl_print_safe(FILE *f, const char *s, int width)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *out;
	int n, outlen, w, cols = 0;

	if (s == NULL)
		return 0;
	while (*p) {
		n = safe_char(p, &out, &outlen, &w);
		/* Keep one column for the ellipsis unless this character
		 * is the last and fits. */
		if (width > 0 && cols + w > width - (p[n] ? 1 : 0)) {
			if (cols < width) {
				fputs("\xe2\x80\xa6", f);	/* … */
				cols++;
			}
			return cols;
		}
		fwrite(out, 1, outlen, f);
		cols += w;
		p += n;
	}
	return cols;
}

int
ctl_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *out;
	int outlen, w, cols = 0;

	if (s == NULL)
		return 0;
	while (*p) {
		p += safe_char(p, &out, &outlen, &w);
		cols += w;
	}
	return cols;
}

void
ctl_pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

int
ctl_term_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0)
		return 80;
	return ws.ws_col;
}

int
ctl_styled(FILE *f)
{
	const char *term = getenv("TERM");

	if (!isatty(fileno(f)))
		return 0;
	if (getenv("NO_COLOR") != NULL && *getenv("NO_COLOR") != '\0')
		return 0;
	return term == NULL || strcmp(term, "dumb") != 0;
}

void
ctl_json_print(json_t *j)
{
	/* ASCII only: escaped feed text cannot steer a terminal. */
	json_dumpf(j, stdout, JSON_COMPACT | JSON_ENSURE_ASCII);
	putchar('\n');
}

const char *
ctl_jstr(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int64_t
ctl_jint(json_t *obj, const char *key, int64_t def)
{
	json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : def;
}

long long
ctl_parse_count(const char *s)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0')
		return -1;
	return v;
}

static char *
unalias(const char *s)
{
	/* Old OPML files and podcast pages still use these. */
	static const struct {
		const char	*alias, *scheme;
	} aliases[] = {
		{ "feed:http://", "http://" }, { "feed:https://", "https://" },
		{ "feed://", "http://" }, { "itpc://", "http://" },
		{ "pcast://", "http://" }, { "podcast://", "http://" },
	};
	size_t i, n;
	char *out;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		n = strlen(aliases[i].alias);
		if (strncasecmp(s, aliases[i].alias, n) != 0)
			continue;
		if ((out = malloc(strlen(aliases[i].scheme) + strlen(s + n) +
		    1)) != NULL) {
			strcpy(out, aliases[i].scheme);
			strcat(out, s + n);
		}
		return out;
	}
	return strdup(s);
}

int
ctl_other_scheme(const char *s)
{
	const char *colon = strchr(s, ':'), *dot = strchr(s, '.');

	if (!url_has_scheme(s) || strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0)
		return 0;
	if (colon[1] >= '0' && colon[1] <= '9')
		return 0;	/* host:port */
	return dot == NULL || colon < dot;
}

char *
ctl_feed_url(const char *s, int *https)
{
	const char *pre;
	char *u, *out;

	*https = 0;
	if ((u = unalias(s)) == NULL)
		return NULL;
	if (strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0 || ctl_other_scheme(u))
		return u;
	/* What people paste, and what some OPML files hold. */
	pre = strncmp(u, "//", 2) == 0 ? "https:" : "https://";
	if ((out = malloc(strlen(pre) + strlen(u) + 1)) != NULL) {
		strcpy(out, pre);
		strcat(out, u);
		*https = 1;
	}
	free(u);
	return out;
}

json_t *
ctl_feedref(const char *s)
{
	long long id = ctl_parse_count(s);

	return id > 0 ? json_integer(id) : json_string(s);
}

int
ctl_interval_note(json_t *feed, char *buf, size_t len)
{
	int64_t iv = ctl_jint(feed, "interval", 0);
	int64_t pe = ctl_jint(feed, "polled_every", 0);
	char a[32], b[32];

	if (iv > 0 && pe > 0 && pe != iv) {
		snprintf(buf, len, "polled every %s, the configured %s (%s), "
		    "not every %s", config_format_duration(pe, a, sizeof(a)),
		    pe > iv ? "minimum" : "maximum",
		    pe > iv ? "min_interval" : "max_interval",
		    config_format_duration(iv, b, sizeof(b)));
		return 1;
	}
	if (iv > 0)
		snprintf(buf, len, "polled every %s",
		    config_format_duration(iv, a, sizeof(a)));
	else
		snprintf(buf, len, "polled at the default interval");
	return 0;
}

void
ctl_span(int64_t secs, char *buf, size_t len)
{
	if (secs < 0)
		secs = 0;
	if (secs < 60)
		snprintf(buf, len, "%llds", (long long)secs);
	else if (secs < 3600)
		snprintf(buf, len, "%lldm", (long long)(secs / 60));
	else if (secs < 86400)
		snprintf(buf, len, "%lldh", (long long)(secs / 3600));
	else if (secs < 86400LL * 365)
		snprintf(buf, len, "%lldd", (long long)(secs / 86400));
	else
		snprintf(buf, len, "%lldy", (long long)(secs / (86400LL * 365)));
}

int64_t
ctl_time(const char *s)
{
	int64_t t;

	if (s == NULL || date_parse(s, &t) == -1)
		return -1;
	return t;
}

void
ctl_localtime(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t);
}

static void
usage_all(FILE *f)
{
	size_t i;
	const char *nl;

	fprintf(f, "usage: feedctl [--socket PATH] [-c FILE] [--json] COMMAND "
	    "[ARGS]\n       feedctl --version | --help | help COMMAND\n\n"
	    "commands:\n");
	for (i = 0; i < N_COMMANDS; i++) {
		const char *h = commands[i]->help;
		int n;

		/* The first line of the help is the summary; one that goes
		 * on is cut with an ellipsis. */
		nl = strchr(h, '\n');
		n = nl ? (int)(nl - h) : (int)strlen(h);
		fprintf(f, "  %-8s %.*s%s\n", commands[i]->name, n, h,
		    n > 0 && h[n - 1] != '.' ? "\xe2\x80\xa6" : "");
	}
	fprintf(f, "\noptions:\n"
	    "  --socket PATH  the daemon's socket (else $FEEDD_SOCKET, else\n"
	    "                 [paths] socket in the configuration file)\n"
	    "  -c FILE        the configuration file to read the socket from\n"
	    "  --json         print JSON, one object per line\n"
	    "\nexit status: 0 ok, 1 error, 2 usage, 3 daemon unreachable.\n"
	    "`feedctl help COMMAND` describes one command.\n");
}

static const struct feedctl_cmd *
find(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void
help_one(const struct feedctl_cmd *c)
{
	printf("usage: feedctl %s %s\n\n%s\n", c->name, c->usage, c->help);
}

static int
help(int argc, char **argv)
{
	const struct feedctl_cmd *c;

	if (argc < 2 || strcmp(argv[1], "help") == 0) {
		usage_all(stdout);
		return EXIT_OK;
	}
	if ((c = find(argv[1])) == NULL) {
		ctl_err("no such command: %s (see feedctl --help)", argv[1]);
		return EXIT_USAGE;
	}
	help_one(c);
	return EXIT_OK;
}

/* The options before the command.  Returns the index of the command, or
 * -1 after an error was printed. */
static int
global_opts(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--json") == 0)
			ctl.json = 1;
		else if (strcmp(a, "--socket") == 0 || strcmp(a, "-c") == 0 ||
		    strcmp(a, "--config") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0') {
				ctl_err("%s needs an argument", a);
				return -1;
			}
			if (strcmp(a, "--socket") == 0)
				ctl.socket = argv[++i];
			else
				ctl.config = argv[++i];
		} else if (strncmp(a, "--socket=", 9) == 0)
			ctl.socket = a + 9;
		else if (strncmp(a, "--config=", 9) == 0)
			ctl.config = a + 9;
		else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0 ||
		    strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return i;	/* handled by main */
		else {
			ctl_err("unknown option %s (see feedctl --help)", a);
			return -1;
		}
	}
	return i;
}

int
ctl_check_stdout(const char *what, const char *then)
{
	int e = 0;

	if (fflush(stdout) == EOF)
		e = errno;
	else if (!ferror(stdout))
		return EXIT_OK;
	/* A listing cut by its reader (| head) is no news. */
	if (e != EPIPE || *then != '\0')
		ctl_err("writing %s: %s%s", what, e ? strerror(e) :
		    "write error", then);
	return EXIT_ERROR;
}

static int
run(int argc, char **argv)
{
	static char progname[64];
	const struct feedctl_cmd *c;
	int i;

	/* No stderr to say it on, perhaps: the status says it. */
	if (stdfds_open() == -1)
		return EXIT_ERROR;
	/* For wcwidth() only: every other function here is byte-based. */
	setlocale(LC_CTYPE, "");
	/* A reader that goes away is a write error: `new` and `follow`
	 * must see it to leave what they did not write new. */
	signal(SIGPIPE, SIG_IGN);
	if ((i = global_opts(argc, argv)) == -1)
		return EXIT_USAGE;
	if (i >= argc) {
		usage_all(stderr);
		return EXIT_USAGE;
	}
	argc -= i;
	argv += i;
	if (strcmp(argv[0], "--version") == 0 || strcmp(argv[0], "-V") == 0) {
		printf("feedctl %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
		usage_all(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[0], "help") == 0)
		return help(argc, argv);
	if ((c = find(argv[0])) == NULL) {
		ctl_err("unknown command \"%s\" (see feedctl --help)", argv[0]);
		return EXIT_USAGE;
	}
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help_one(c);
		return EXIT_OK;
	}
	/* getopt names the program in its messages: name the command too. */
	snprintf(progname, sizeof(progname), "feedctl %s", c->name);
	argv[0] = progname;
	return c->run(argc, argv);
}

int
main(int argc, char **argv)
{
	int rc = run(argc, argv);

	/* A listing that went nowhere (a closed stdout, a full disk) is
	 * no success; a command that failed has said why already. */
	return rc == EXIT_OK ? ctl_check_stdout("to standard output", "") : rc;
}
