/*
 * Log lines on stderr.
 *
 * On a terminal a line reads "warning: message".  Otherwise stderr is
 * taken to be systemd's journal, which reads a leading "<N>" as the
 * syslog priority of the line and strips it.  Messages carry feed text
 * (titles, URLs, server errors), so each is forced onto one line of
 * valid UTF-8 without control characters before it is written: a feed
 * must not forge log lines or drive the reader's terminal.
 */
/* isatty(), write(): POSIX. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "feedd/log.h"
#include "utf8.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Longer messages are cut, ending in "...". */
#define MSG_MAX		2048

struct level {
	const char	*name;		/* on a terminal */
	char		 prio;		/* syslog priority for the journal */
};

static const struct level levels[] = {
	[LOG_ERR] =	{ "error", '3' },
	[LOG_WARN] =	{ "warning", '4' },
	[LOG_INFO] =	{ "info", '6' },
	[LOG_DEBUG] =	{ "debug", '7' },
};

static int cur_level = LOG_INFO;
static int log_tty = -1;	/* unknown until the first line */

void
log_init(const char *progname, int level)
{
	/* Neither the journal nor a terminal needs the name repeated: the
	 * journal records it, and on a terminal the user just ran it. */
	(void)progname;
	log_tty = isatty(STDERR_FILENO);
	log_set_level(level);
}

void
log_set_level(int level)
{
	if (level < LOG_ERR)
		level = LOG_ERR;
	if (level > LOG_DEBUG)
		level = LOG_DEBUG;
	cur_level = level;
}

int
log_level_parse(const char *name)
{
	static const struct {
		const char	*name;
		int		 level;
	} names[] = {
		{ "error", LOG_ERR }, { "err", LOG_ERR },
		{ "warn", LOG_WARN }, { "warning", LOG_WARN },
		{ "info", LOG_INFO },
		{ "debug", LOG_DEBUG },
	};
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < nitems(names); i++)
		if (strcasecmp(name, names[i].name) == 0)
			return names[i].level;
	return -1;
}

/* Characters that move or reorder what a terminal shows: C1 controls
 * (U+0080-U+009F; U+009B is a CSI to some terminals), the line and
 * paragraph separators and the bidi embeddings, overrides and isolates
 * (U+2028-U+202E, U+2066-U+2069). */
static int
is_unsafe(const unsigned char *s, size_t len)
{
	if (len == 2)
		return s[0] == 0xc2 && s[1] <= 0x9f;
	if (len != 3 || s[0] != 0xe2)
		return 0;
	return (s[1] == 0x80 && s[2] >= 0xa8 && s[2] <= 0xae) ||
	    (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9);
}

/* Copies msg into out (room for at least 3 * strlen(msg) + 1 bytes) as
 * one safe line: white space controls become spaces, other controls and
 * unsafe characters go, ill-formed bytes become U+FFFD. */
static size_t
sanitize(char *out, const char *msg)
{
	const unsigned char *s = (const unsigned char *)msg;
	size_t n = strlen(msg), i = 0, o = 0, len;
	unsigned cp;

	while (i < n) {
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
			out[o++] = ' ';
			i++;
		} else if (s[i] < 0x20 || s[i] == 0x7f) {
			i++;
		} else if ((len = utf8_decode(s + i, n - i, &cp)) == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			if (!is_unsafe(s + i, len)) {
				memcpy(out + o, s + i, len);
				o += len;
			}
			i += len;
		}
	}
	out[o] = '\0';
	return o;
}

/* One write(2) per line, so that lines from the daemon and its hooks
 * sharing stderr do not interleave mid-line. */
static void
write_all(const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(STDERR_FILENO, buf, len)) == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= n;
	}
}

static void
vlog(int level, const char *fmt, va_list ap)
{
	char msg[MSG_MAX], line[3 * MSG_MAX + 32];
	size_t o;
	int n, saved = errno;

	if (log_tty == -1)
		log_tty = isatty(STDERR_FILENO);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (n < 0)
		snprintf(msg, sizeof(msg), "(unprintable message: %s)", fmt);
	if (log_tty)
		o = (size_t)snprintf(line, sizeof(line), "%s: ",
		    levels[level].name);
	else
		o = (size_t)snprintf(line, sizeof(line), "<%c>",
		    levels[level].prio);
	/* A sequence cut by the truncation turns into U+FFFD: harmless. */
	o += sanitize(line + o, msg);
	if (n >= (int)sizeof(msg)) {
		memcpy(line + o, "...", 3);
		o += 3;
	}
	line[o++] = '\n';
	write_all(line, o);
	/* Callers log and then look at errno (or log it with %m). */
	errno = saved;
}

/* The level test comes before any formatting: debug lines cost a
 * comparison when they are off. */
#define LOG_FN(fn, lvl)						\
void									\
fn(const char *fmt, ...)						\
{									\
	va_list ap;							\
									\
	if ((lvl) > cur_level)						\
		return;							\
	va_start(ap, fmt);						\
	vlog((lvl), fmt, ap);						\
	va_end(ap);							\
}

LOG_FN(log_err, LOG_ERR)
LOG_FN(log_warn, LOG_WARN)
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_debug, LOG_DEBUG)
