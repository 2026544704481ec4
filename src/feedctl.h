/* feedctl: the command-line client.  One file per command. */
#ifndef FEEDCTL_H
#define FEEDCTL_H

#include <stdio.h>

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

extern const struct feedctl_cmd cmd_parse_entry;

/* Prints "feedctl: ..." on stderr. */
void	 ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	 ctl_usage(const struct feedctl_cmd *);
/* Writes feed text to f with control characters, escape sequences and
 * bidi overrides made harmless, at most width columns (0: no limit). */
void	 ctl_print_safe(FILE *f, const char *s, int width);

#endif
