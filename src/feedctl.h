/* feedctl: the command-line client.  One file per command. */
#ifndef FEEDCTL_H
#define FEEDCTL_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

/* Exit codes, documented in feedctl(1). */
#define EXIT_OK		0
#define EXIT_ERROR	1	/* the daemon (or the input) reported an error */
#define EXIT_USAGE	2
#define EXIT_NODAEMON	3

struct feedctl_cmd {
	const char	*name;
	const char	*usage;
	const char	*help;
	int		(*run)(int argc, char **argv);
};

/* The global options, set before a command runs. */
struct ctl_opts {
	const char	*socket;	/* --socket PATH, or NULL */
	const char	*config;	/* -c FILE, or NULL */
	int		 json;		/* --json given before the command */
};
extern struct ctl_opts ctl;

extern const struct feedctl_cmd cmd_parse_entry;
extern const struct feedctl_cmd cmd_add_entry;
extern const struct feedctl_cmd cmd_remove_entry;
extern const struct feedctl_cmd cmd_enable_entry;
extern const struct feedctl_cmd cmd_disable_entry;
extern const struct feedctl_cmd cmd_set_entry;
extern const struct feedctl_cmd cmd_feeds_entry;
extern const struct feedctl_cmd cmd_import_entry;
extern const struct feedctl_cmd cmd_export_entry;
extern const struct feedctl_cmd cmd_refresh_entry;
extern const struct feedctl_cmd cmd_new_entry;
extern const struct feedctl_cmd cmd_items_entry;
extern const struct feedctl_cmd cmd_follow_entry;
extern const struct feedctl_cmd cmd_read_entry;
extern const struct feedctl_cmd cmd_unread_entry;
extern const struct feedctl_cmd cmd_star_entry;
extern const struct feedctl_cmd cmd_unstar_entry;
extern const struct feedctl_cmd cmd_status_entry;
extern const struct feedctl_cmd cmd_ping_entry;
extern const struct feedctl_cmd cmd_cursor_entry;

/* Prints "feedctl: ..." on stderr. */
void	 ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	 ctl_usage(const struct feedctl_cmd *);
/* Writes feed text to f with control characters, escape sequences and
 * bidi overrides made harmless, at most width columns (0: no limit).
 * Returns the columns written. */
int	 ctl_print_safe(FILE *f, const char *s, int width);
/* The columns ctl_print_safe would use for s without a limit. */
int	 ctl_text_width(const char *s);
/* Prints n spaces. */
void	 ctl_pad(FILE *f, int n);

/* The width of the terminal on stdout; 0 (no limit) when it is not one. */
int	 ctl_term_width(void);
/* True when f is a terminal that may be sent bold and dim attributes. */
int	 ctl_styled(FILE *f);

/* One JSON value on one line of stdout, terminal-safe (ASCII only). */
void	 ctl_json_print(json_t *);
/* EXIT_OK when all printed so far reached stdout's file; else says
 * "writing WHAT: REASON THEN" and returns EXIT_ERROR (quiet when the
 * reader went away and then is "").  errno is only known when the flush
 * fails: an earlier write may have failed, and been dropped, long
 * before. */
int	 ctl_check_stdout(const char *what, const char *then);
/* The string member, or NULL when absent or not a string. */
const char *ctl_jstr(json_t *obj, const char *key);
/* The integer member, or def. */
int64_t	 ctl_jint(json_t *obj, const char *key, int64_t def);
/* Whether s names a scheme other than http and https ("javascript:",
 * "file:///"), "example.org:8080/feed" being a host and port. */
int	 ctl_other_scheme(const char *s);
/* s as the URL of a feed, as add and import both take it: a feed scheme
 * alias (feed://, feed:https://, itpc://, pcast://, podcast://) spelt as
 * http(s), and https:// before a URL without a scheme ("example.org/feed",
 * "//example.org/feed"), *https then set; another scheme is left for the
 * daemon to refuse.  Malloc'd, NULL when out of memory. */
char	*ctl_feed_url(const char *s, int *https);
/* A FEEDREF: an integer for an id ("12"), else the string (a URL). */
json_t	*ctl_feedref(const char *s);
/* Parses a positive decimal count; -1 when s is not one. */
long long ctl_parse_count(const char *s);

/* "5m", "3h", "2d": a span of seconds, rounded down. */
void	 ctl_span(int64_t secs, char *buf, size_t len);
/* When a feed's own interval is outside the daemon's bounds (its FEED's
 * "polled_every" differs): "polled every 5m, the configured minimum
 * (min_interval), not every 10s" in buf; else "polled every 2h", or
 * with no interval of its own "polled at the default interval" (or
 * every D when the daemon says).  Returns 1 when the bound applies. */
int	 ctl_interval_note(json_t *feed, char *buf, size_t len);
/* An RFC 3339 time as a Unix time; -1 for NULL or an unreadable one. */
int64_t	 ctl_time(const char *rfc3339);
/* t as local "YYYY-MM-DD HH:MM". */
void	 ctl_localtime(int64_t t, char *buf, size_t len);

#endif
