/* feedctl: talks to feedd over its socket; `parse` works alone. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "feedctl.h"

static const struct feedctl_cmd *const commands[] = {
	&cmd_parse_entry,
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

void
ctl_err(const char *fmt, ...)
{
	va_list ap;

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

/* Decodes one UTF-8 sequence; returns its length, 0 when invalid. */
static int
utf8_decode(const unsigned char *s, unsigned *cp)
{
	int len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, *cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, *cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, *cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	return len;
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

void
ctl_print_safe(FILE *f, const char *s, int width)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	int n, cols = 0;

	while (*p) {
		if (width > 0 && cols >= width - 1 && p[1]) {
			fputs("\xe2\x80\xa6", f);	/* … */
			return;
		}
		if ((n = utf8_decode(p, &cp)) == 0) {
			fputs("\xef\xbf\xbd", f);
			p++;
		} else {
			if (is_unsafe(cp))
				fputc(cp == '\t' || cp == '\n' ? ' ' : '?', f);
			else
				fwrite(p, 1, n, f);
			p += n;
		}
		cols++;
	}
}

static void
usage_all(FILE *f)
{
	size_t i;

	fprintf(f, "usage: feedctl [--version] [--help] COMMAND [ARGS]\n\n"
	    "commands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->help);
	fprintf(f, "\n`feedctl help COMMAND` describes one command.\n");
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

static int
help(int argc, char **argv)
{
	const struct feedctl_cmd *c;

	if (argc < 2) {
		usage_all(stdout);
		return EXIT_OK;
	}
	if ((c = find(argv[1])) == NULL) {
		ctl_err("no such command: %s", argv[1]);
		return EXIT_USAGE;
	}
	printf("usage: feedctl %s %s\n\n%s\n", c->name, c->usage, c->help);
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	const struct feedctl_cmd *c;

	if (argc < 2) {
		usage_all(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("feedctl %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage_all(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0)
		return help(argc - 1, argv + 1);
	if ((c = find(argv[1])) == NULL) {
		ctl_err("unknown command \"%s\" (see feedctl --help)", argv[1]);
		return EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
