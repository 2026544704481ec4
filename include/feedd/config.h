/* feedd's configuration: embedded defaults, then feedd.conf (INI), then
 * the command line.  Every value is bounded; errors name file:line. */
#ifndef FEEDD_CONFIG_H
#define FEEDD_CONFIG_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#define HOOK_ARGV_MAX	32

struct config {
	/* [paths] */
	char	*database;		/* database = PATH */
	char	*socket;		/* socket = PATH */
	char	*socket_group;		/* socket_group = NAME: 0660 for it */
	/* [poll] */
	int64_t	 interval;		/* interval = 30m (default per feed) */
	int64_t	 min_interval;		/* min_interval = 5m */
	int64_t	 max_interval;		/* max_interval = 1d */
	int64_t	 max_backoff;		/* max_backoff = 1d */
	int	 failing_after;		/* failing_after = 10 (consecutive) */
	/* [http] */
	int	 max_transfers;		/* max_transfers = 64 */
	int	 max_host_connections;	/* max_host_connections = 4 */
	int64_t	 connect_timeout;	/* connect_timeout = 15s */
	int64_t	 timeout;		/* timeout = 60s (whole transfer) */
	int	 low_speed_limit;	/* low_speed_limit = 100 (bytes/s) */
	int64_t	 low_speed_time;	/* low_speed_time = 30s */
	int64_t	 max_body;		/* max_body = 16M (after decompression) */
	int	 max_redirects;		/* max_redirects = 5 */
	char	*user_agent;		/* user_agent = STRING */
	char	*proxy;			/* proxy = URL ("" = none/env) */
	/* [store] */
	int64_t	 keep_days;		/* keep = 90d (0 = forever); seconds */
	int	 keep_items;		/* keep_items = 1000 per feed (0 = no cap) */
	int64_t	 story_window;		/* story_window = 72h */
	/* [daemon] */
	int	 log_level;		/* log_level = info */
	int	 max_clients;		/* max_clients = 256 */
	/* [hook] */
	char	*hook_argv[HOOK_ARGV_MAX + 1];	/* exec = /path arg ... */
	int64_t	 hook_timeout;		/* timeout = 30s */
	int	 hook_max;		/* max_running = 4 */

	char	*path;			/* the file read, or NULL */
	/* Whether the hook program must be one this process can run: the
	 * daemon's check, not a client's that reads the file for its socket
	 * (under another user).  1 after config_defaults(). */
	int	 check_programs;
};

/* Embedded defaults, paths following XDG for a user and /var/lib, /run for
 * root.  Every field is overwritten: config_free() a loaded one first.
 * Durations are in seconds, sizes in bytes. */
void	 config_defaults(struct config *);
/* The same for the given user id (config_defaults() passes geteuid()). */
void	 config_defaults_for(struct config *, uid_t);
/* Reads path over the current values.  Returns 0, or -1 with a message
 * "FILE:LINE: ..." in err.  A missing file is an error only if required.
 * All or nothing: on error the struct is left as it was. */
int	 config_load(struct config *, const char *path, int required,
	    char *err, size_t errlen);
/* The default configuration file for this user (XDG or /etc).  A static
 * buffer, overwritten by the next call. */
const char *config_default_path(void);
const char *config_default_path_for(uid_t);
void	 config_free(struct config *);

/* "90", "90s", "30m", "2h", "1d", "1w" -> seconds; -1 when invalid. */
int64_t	 config_parse_duration(const char *);
/* Its shortest exact spelling ("90s", "2h"), in buf. */
const char *config_format_duration(int64_t secs, char *buf, size_t size);
/* "16M", "512K", "1G", "1000" -> bytes; -1 when invalid. */
int64_t	 config_parse_size(const char *);

#endif
