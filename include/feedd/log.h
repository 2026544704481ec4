/* Logging to stderr with levels; systemd's journal reads the <N> prefix
 * when stderr is not a terminal. */
#ifndef FEEDD_LOG_H
#define FEEDD_LOG_H

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG_DEBUG };

void	 log_init(const char *progname, int level);
void	 log_set_level(int level);
int	 log_level_parse(const char *name);	/* -1 when unknown */
void	 log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
