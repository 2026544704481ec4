/* The floor under feedd's fetching: libcurl's multi interface fetching
 * the corpus and throwing the bytes away, with feedd's default caps.
 *
 *	fetch_bare [--runs N] URL_PREFIX FILE...
 *
 * Fetches URL_PREFIX followed by the base name of each FILE (the bench
 * serves the corpus directory under URL_PREFIX), 64 transfers at once and
 * at most 4 connections to the host, keep-alive, as feedd does by
 * default.  No parsing, no storing: what any fetcher must pay at least.
 *
 * Prints the best of the runs (by wall clock):
 *	bare: files N bytes N runs N seconds S cpu S
 * Links libcurl only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <curl/curl.h>

#define TRANSFERS	64	/* feedd's max_transfers */
#define HOST_CONNS	4	/* feedd's max_host_connections */

struct run {
	char		**urls;
	int		  n;
	int		  next;		/* the next URL to start */
	curl_off_t	  bytes;
	int		  failed;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static int
start_next(CURLM *m, struct run *r)
{
	CURL *h;

	if (r->next == r->n)
		return 0;
	if ((h = curl_easy_init()) == NULL)
		return -1;
	curl_easy_setopt(h, CURLOPT_URL, r->urls[r->next++]);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
	if (curl_multi_add_handle(m, h) != CURLM_OK) {
		curl_easy_cleanup(h);
		return -1;
	}
	return 0;
}

/* Collects finished transfers, starting one more for each. */
static int
reap(CURLM *m, struct run *r, int *done)
{
	CURLMsg *msg;
	int left;
	curl_off_t got;

	while ((msg = curl_multi_info_read(m, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		if (msg->data.result != CURLE_OK)
			r->failed++;
		if (curl_easy_getinfo(msg->easy_handle,
		    CURLINFO_SIZE_DOWNLOAD_T, &got) == CURLE_OK)
			r->bytes += got;
		curl_multi_remove_handle(m, msg->easy_handle);
		curl_easy_cleanup(msg->easy_handle);
		(*done)++;
		if (start_next(m, r) == -1)
			return -1;
	}
	return 0;
}

static int
fetch_all(struct run *r)
{
	CURLM *m;
	int i, running = 1, done = 0, rc = 0;

	if ((m = curl_multi_init()) == NULL)
		return -1;
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)TRANSFERS);
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)HOST_CONNS);
	r->next = 0;
	r->bytes = 0;
	r->failed = 0;
	for (i = 0; i < TRANSFERS && rc == 0; i++)
		rc = start_next(m, r);
	while (rc == 0 && (running > 0 || done < r->n)) {
		if (curl_multi_perform(m, &running) != CURLM_OK ||
		    reap(m, r, &done) == -1) {
			rc = -1;
			break;
		}
		if (running > 0 &&
		    curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
			rc = -1;
	}
	curl_multi_cleanup(m);
	return rc;
}

int
main(int argc, char **argv)
{
	struct run r = { 0 };
	double best = -1, best_cpu = 0, t0, c0, t;
	int runs = 3, i, first = 1;
	const char *prefix, *base;

	if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
		runs = atoi(argv[2]);
		first = 3;
	}
	if (runs < 1 || argc - first < 2) {
		fprintf(stderr, "usage: fetch_bare [--runs N] URL_PREFIX FILE...\n");
		return 2;
	}
	prefix = argv[first];
	r.n = argc - first - 1;
	if ((r.urls = calloc(r.n, sizeof(*r.urls))) == NULL)
		return 1;
	for (i = 0; i < r.n; i++) {
		base = strrchr(argv[first + 1 + i], '/');
		base = base ? base + 1 : argv[first + 1 + i];
		if ((r.urls[i] = malloc(strlen(prefix) + strlen(base) + 1)) ==
		    NULL)
			return 1;
		strcpy(r.urls[i], prefix);
		strcat(r.urls[i], base);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (i = 0; i < runs; i++) {
		t0 = now();
		c0 = cpu();
		if (fetch_all(&r) == -1) {
			fprintf(stderr, "fetch_bare: libcurl failed\n");
			return 1;
		}
		if (r.failed > 0) {
			fprintf(stderr, "fetch_bare: %d of %d fetches failed\n",
			    r.failed, r.n);
			return 1;
		}
		t = now() - t0;
		if (best < 0 || t < best) {
			best = t;
			best_cpu = cpu() - c0;
		}
	}
	printf("bare: files %d bytes %lld runs %d seconds %.3f cpu %.3f\n",
	    r.n, (long long)r.bytes, runs, best, best_cpu);
	for (i = 0; i < r.n; i++)
		free(r.urls[i]);
	free(r.urls);
	curl_global_cleanup();
	return 0;
}
