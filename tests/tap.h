/* Minimal TAP producer for the unit tests (read by automake's tap-driver). */
#ifndef FEEDD_TAP_H
#define FEEDD_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *file, int line, const char *what)
{
	tap_n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, what);
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return cond;
}

static inline int tap_is_str(const char *got, const char *want,
    const char *file, int line, const char *what)
{
	int same = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
	if (!tap_ok(same, file, line, what))
		printf("#   got:  %s%s%s\n#   want: %s%s%s\n",
		    got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
		    want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	return same;
}

static inline int tap_is_int(long long got, long long want,
    const char *file, int line, const char *what)
{
	if (!tap_ok(got == want, file, line, what))
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return got == want;
}

static inline void tap_skip(const char *what, const char *why)
{
	tap_n++;
	printf("ok %d - %s # SKIP %s\n", tap_n, what, why);
}

#define ok(c, what)		tap_ok(!!(c), __FILE__, __LINE__, (what))
#define skip(what, why)		tap_skip((what), (why))
#define is_str(g, w, what)	tap_is_str((g), (w), __FILE__, __LINE__, (what))
#define is_int(g, w, what)	tap_is_int((g), (w), __FILE__, __LINE__, (what))

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
