/*
 * Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c) and by replay.c,
 * which includes every harness into one ordinary program for `make check`.
 *
 * Each harness defines its entry point as FUZZ_ENTRY(name): alone, built
 * with -fsanitize=fuzzer, that is LLVMFuzzerTestOneInput; inside replay.c
 * it is fuzz_<name>.  Harness-local helpers carry the harness's name as a
 * prefix so that the files can share one translation unit.
 */
#ifndef FEEDD_FUZZ_H
#define FEEDD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY(name)	LLVMFuzzerTestOneInput
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#endif

/* Reading through a string makes ASan check every byte of it. */
static volatile size_t fuzz_sink;

static inline void
fuzz_touch(const char *s)
{
	if (s != NULL)
		fuzz_sink += strlen(s);
}

/* A property the code promises does not hold: report and crash, so that
 * libFuzzer saves the input. */
#define FUZZ_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__,	\
		    __LINE__, #cond);					\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

/* A NUL-terminated copy of the input (aborts when out of memory). */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
