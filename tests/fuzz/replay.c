/*
 * Replays inputs through the libFuzzer harnesses without libFuzzer, for
 * `make check` (tests/fuzz-regress.sh): every harness is included here
 * with its entry point renamed fuzz_<target>, and built like the other
 * check programs (libfeedd.a; sanitizers when configured with them).
 *
 *   replay FILE...
 *
 * The target is the file name up to its first '-' ("canon-idn-leak" goes
 * to canon).  Exits 0 when every file ran; a harness check or a sanitizer
 * aborts the program.
 */
#define FUZZ_ENTRY(name)	fuzz_##name

#include "fuzz.h"

#include "fuzz_parse.c"
#include "fuzz_date.c"
#include "fuzz_canon.c"
#include "fuzz_opml.c"
#include "fuzz_protocol.c"
#include "fuzz_config.c"
#include "fuzz_text.c"

static const struct {
	const char	*name;
	int		(*fn)(const uint8_t *, size_t);
} replay_targets[] = {
	{ "parse", fuzz_parse },
	{ "date", fuzz_date },
	{ "canon", fuzz_canon },
	{ "opml", fuzz_opml },
	{ "protocol", fuzz_protocol },
	{ "config", fuzz_config },
	{ "text", fuzz_text },
};

/* The whole file in a buffer of exactly its size (as libFuzzer gives it,
 * so that a sanitizer sees any read past the end). */
static uint8_t *
replay_read(const char *path, size_t *size)
{
	uint8_t *buf = NULL, *p;
	size_t len = 0, cap = 0, n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			if ((p = realloc(buf, cap)) == NULL)
				goto fail;
			buf = p;
		}
		if ((n = fread(buf + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	/* Exact size; at least one byte so that malloc(0) cannot fail. */
	if ((p = malloc(len ? len : 1)) == NULL) {
		free(buf);
		return NULL;
	}
	memcpy(p, buf, len);
	free(buf);
	*size = len;
	return p;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *base, *dash;
	uint8_t *data;
	size_t size, i, n;
	int a, status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: replay FILE...\n");
		return 2;
	}
	for (a = 1; a < argc; a++) {
		base = strrchr(argv[a], '/');
		base = base ? base + 1 : argv[a];
		dash = strchr(base, '-');
		n = dash ? (size_t)(dash - base) : strlen(base);
		for (i = 0; i < sizeof(replay_targets) /
		    sizeof(replay_targets[0]); i++)
			if (strlen(replay_targets[i].name) == n &&
			    strncmp(base, replay_targets[i].name, n) == 0)
				break;
		if (i == sizeof(replay_targets) / sizeof(replay_targets[0])) {
			fprintf(stderr, "replay: %s: no target \"%.*s\"\n",
			    argv[a], (int)n, base);
			status = 2;
			continue;
		}
		if ((data = replay_read(argv[a], &size)) == NULL) {
			perror(argv[a]);
			status = 2;
			continue;
		}
		replay_targets[i].fn(data, size);
		free(data);
	}
	return status;
}
