/* libcurl's global set-up, without the part feedd never uses. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* RTLD_DEFAULT */
#endif
#include <dlfcn.h>

#include <curl/curl.h>

#include "feedd/curlinit.h"

/* libssh2.h's LIBSSH2_INIT_NO_CRYPTO; libssh2 is not a build dependency. */
#define SSH2_INIT_NO_CRYPTO	0x0001

int
curlinit(void)
{
	int (*ssh2_init)(int);

	/*
	 * Debian's libcurl initialises libssh2, which initialises OpenSSL's
	 * libcrypto: 1.5 MiB of resident memory and a few milliseconds for
	 * SCP and SFTP, which feedd never speaks (HTTP and HTTPS only).
	 * libssh2 counts its initialisations and sets up crypto on the
	 * first only, so one without crypto before curl's leaves it out.
	 * A libcurl without libssh2 has no such symbol: nothing to do.
	 */
	*(void **)&ssh2_init = dlsym(RTLD_DEFAULT, "libssh2_init");
	if (ssh2_init != NULL)
		ssh2_init(SSH2_INIT_NO_CRYPTO);
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}
