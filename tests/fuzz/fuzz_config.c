/*
 * libFuzzer harness: config_load() (include/feedd/config.h).
 *
 * config_load() reads a path and insists on a regular file nobody else may
 * write, so each input is written to one file, mode 0600, in a private
 * 0700 directory made on the first call (and removed at exit).  The load
 * runs over the embedded defaults.  It is all or nothing: after a failure
 * the struct must be exactly as it was and the message non-empty; after a
 * success the poll intervals must be ordered as the checks promise.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feedd/config.h"

static char config_dir[64];
static char config_file[96];
static int config_fd = -1;

static void
config_cleanup(void)
{
	if (config_fd >= 0) {
		close(config_fd);
		unlink(config_file);
		rmdir(config_dir);
		config_fd = -1;
	}
}

static void
config_setup(void)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || tmp[0] != '/' || strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(config_dir, sizeof(config_dir), "%s/feedd-fuzz.XXXXXX", tmp);
	if (mkdtemp(config_dir) == NULL || chmod(config_dir, 0700) != 0) {
		perror("fuzz_config: mkdtemp");
		abort();
	}
	snprintf(config_file, sizeof(config_file), "%s/feedd.conf",
	    config_dir);
	config_fd = open(config_file, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600);
	if (config_fd < 0 || fchmod(config_fd, 0600) != 0) {
		perror("fuzz_config: open");
		abort();
	}
	atexit(config_cleanup);
}

static void
config_write(const uint8_t *data, size_t size)
{
	size_t off = 0;
	ssize_t n;

	if (ftruncate(config_fd, 0) != 0)
		abort();
	while (off < size) {
		n = pwrite(config_fd, data + off, size - off, (off_t)off);
		if (n <= 0) {
			perror("fuzz_config: pwrite");
			abort();
		}
		off += (size_t)n;
	}
}

int
FUZZ_ENTRY(config)(const uint8_t *data, size_t size)
{
	struct config cfg, before;
	char err[512];
	int i;

	if (config_fd < 0)
		config_setup();
	config_write(data, size);
	config_defaults(&cfg);
	memcpy(&before, &cfg, sizeof(cfg));
	err[0] = '\0';
	if (config_load(&cfg, config_file, 1, err, sizeof(err)) != 0) {
		FUZZ_CHECK(err[0] != '\0', "failure without a message");
		FUZZ_CHECK(memcmp(&cfg, &before, sizeof(cfg)) == 0,
		    "a failed load (%s) changed the configuration", err);
	} else {
		FUZZ_CHECK(cfg.min_interval <= cfg.interval &&
		    cfg.interval <= cfg.max_interval,
		    "intervals out of order: %lld %lld %lld",
		    (long long)cfg.min_interval, (long long)cfg.interval,
		    (long long)cfg.max_interval);
		fuzz_touch(cfg.database);
		fuzz_touch(cfg.socket);
		fuzz_touch(cfg.socket_group);
		fuzz_touch(cfg.user_agent);
		fuzz_touch(cfg.proxy);
		fuzz_touch(cfg.path);
		for (i = 0; i < HOOK_ARGV_MAX && cfg.hook_argv[i] != NULL; i++)
			fuzz_touch(cfg.hook_argv[i]);
		FUZZ_CHECK(cfg.hook_argv[HOOK_ARGV_MAX] == NULL,
		    "hook argv not terminated");
	}
	fuzz_touch(err);
	config_free(&cfg);
	return 0;
}
