/* The floor under feedd's store: a bare SQLite insert loop with feedd's
 * schema, indexes and pragmas, storing the items feedd stored.
 *
 *	store_bare [--runs N] SRC_DB DST_DB
 *
 * SRC_DB is a database feedd filled (tests/store_load after its first
 * pass); its items are read into memory first, untimed, exactly as feedd
 * stored them (key, canonical link, enclosure and category JSON, hash), so
 * both loops write the same bytes.  DST_DB is created afresh for each run
 * (any old file and its -wal/-shm are removed).
 *
 * The tables and indexes are feedd's, taken from SRC_DB (below); the
 * pragmas are src/store.c's.
 *
 * Timed: per feed, BEGIN IMMEDIATE, then per item one items row (with
 * its id and story, as feedd stored it) through a prepared statement,
 * COMMIT -- what a first poll must write at the very least.  Not timed:
 * opening, the schema, the feeds rows (inserted beforehand), closing and the checkpoint
 * at close.  The FTS table and its triggers are left out: feedd fills the
 * index later, in idle time, and its triggers fire on update and delete
 * only.
 *
 * Prints the best of the runs (by wall clock), and the schema objects it
 * created:
 *	bare: items N feeds N runs N seconds S cpu S schema NAME, NAME...
 * Links SQLite only. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

/* As src/store.c's configure_db(). */
static const char pragmas[] =
	"PRAGMA journal_mode = WAL;"
	"PRAGMA synchronous = NORMAL;"
	"PRAGMA foreign_keys = ON;"
	"PRAGMA temp_store = MEMORY;"
	"PRAGMA wal_autocheckpoint = 0;";

/* The items columns, as feedd stored them (id and story included: one
 * row per item is all a new story costs). */
#define ITEM_COLS	"id, feed, key, story, guid, title, link, canon_link," \
	" published, updated, author, summary, content, enclosures," \
	" categories, hash, simhash, first_seen"
#define N_COLS		18
#define COL_FEED	1

static const char insert_item[] =
	"INSERT INTO items (" ITEM_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	" ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

struct item {
	sqlite3_value *col[N_COLS];
	int64_t feed;
};

struct feed {
	int64_t id, added;
	char *url;
};

struct data {
	char *schema;		/* SRC_DB's CREATE statements, ';'-separated */
	char *names;		/* what they create, for the output */
	struct item *items;
	size_t n_items;
	struct feed *feeds;
	size_t n_feeds;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static int db_fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "store_bare: %s: %s\n", what,
	    db ? sqlite3_errmsg(db) : "out of memory");
	return -1;
}

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 1024;
	if ((v = realloc(v, *cap * size)) == NULL) {
		perror("store_bare");
		exit(1);
	}
	return v;
}

/* Reads SRC_DB's schema, feeds and items, in id order (feedd's insertion
 * order).  The schema is feedd's own: every table and index of feeds
 * and items (the UNIQUE (feed, key) index comes with its table), in
 * creation order, so that it cannot drift from src/store.c's migrations.
 * Not taken: the FTS table and the triggers (see above), cursors,
 * tombstones. */
static int load(const char *path, struct data *d)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return db_fail(db, path);
	if (sqlite3_prepare_v2(db, "SELECT group_concat(sql, ';'),"
	    " group_concat(name, ', ') FROM (SELECT sql, name FROM"
	    " sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index')"
	    " AND tbl_name IN ('feeds', 'items') ORDER BY rowid)",
	    -1, &q, NULL) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW ||
	    sqlite3_column_text(q, 0) == NULL)
		return db_fail(db, path);
	d->schema = strdup((const char *)sqlite3_column_text(q, 0));
	d->names = strdup((const char *)sqlite3_column_text(q, 1));
	sqlite3_finalize(q);
	if (sqlite3_prepare_v2(db, "SELECT id, url, added FROM feeds ORDER BY id",
	    -1, &q, NULL) != SQLITE_OK)
		return db_fail(db, path);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct feed *f;

		d->feeds = grow(d->feeds, &cap, d->n_feeds, sizeof(*d->feeds));
		f = &d->feeds[d->n_feeds++];
		f->id = sqlite3_column_int64(q, 0);
		f->url = strdup((const char *)sqlite3_column_text(q, 1));
		f->added = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return db_fail(db, path);

	cap = 0;
	if (sqlite3_prepare_v2(db, "SELECT " ITEM_COLS
	    " FROM items ORDER BY id",
	    -1, &q, NULL) != SQLITE_OK)
		return db_fail(db, path);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct item *it;

		d->items = grow(d->items, &cap, d->n_items, sizeof(*d->items));
		it = &d->items[d->n_items++];
		for (int i = 0; i < N_COLS; i++)
			if ((it->col[i] = sqlite3_value_dup(
			    sqlite3_column_value(q, i))) == NULL)
				return db_fail(NULL, path);
		it->feed = sqlite3_column_int64(q, COL_FEED);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return db_fail(db, path);
	sqlite3_close(db);
	if (d->n_items == 0) {
		fprintf(stderr, "store_bare: %s: no items\n", path);
		return -1;
	}
	return 0;
}

/* As feedd binds: text without a copy, integers as integers. */
static void bind(sqlite3_stmt *q, int i, sqlite3_value *v)
{
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		sqlite3_bind_int64(q, i, sqlite3_value_int64(v));
		break;
	case SQLITE_TEXT:
		sqlite3_bind_text(q, i, (const char *)sqlite3_value_text(v),
		    sqlite3_value_bytes(v), SQLITE_STATIC);
		break;
	case SQLITE_NULL:
		sqlite3_bind_null(q, i);
		break;
	default:
		sqlite3_bind_value(q, i, v);
	}
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 :
	    db_fail(db, sql);
}

static void remove_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char p[4096];

	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, sfx[i]);
		if (unlink(p) == -1 && errno != ENOENT)
			perror(p);
	}
}

/* One run into a fresh DST_DB; *wall and *cpu: the inserts only. */
static int run(const char *path, const struct data *d, double *wall,
    double *cpu)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *fq = NULL, *iq = NULL, *begin = NULL,
	    *commit = NULL;
	double w0, c0;
	size_t i;
	int rc = -1;

	remove_db(path);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_fail(db, path);
		goto out;
	}
	sqlite3_busy_timeout(db, 5000);
	if (exec(db, pragmas) || exec(db, "BEGIN IMMEDIATE") ||
	    exec(db, d->schema) || exec(db, "COMMIT"))
		goto out;
	/* The feeds, untimed. */
	if (sqlite3_prepare_v2(db, "INSERT INTO feeds (id, url, added,"
	    " next_poll) VALUES (?, ?, ?, ?)", -1, &fq, NULL) != SQLITE_OK ||
	    exec(db, "BEGIN IMMEDIATE"))
		goto fail;
	for (i = 0; i < d->n_feeds; i++) {
		sqlite3_reset(fq);
		sqlite3_bind_int64(fq, 1, d->feeds[i].id);
		sqlite3_bind_text(fq, 2, d->feeds[i].url, -1, SQLITE_STATIC);
		sqlite3_bind_int64(fq, 3, d->feeds[i].added);
		sqlite3_bind_int64(fq, 4, d->feeds[i].added);
		if (sqlite3_step(fq) != SQLITE_DONE)
			goto fail;
	}
	if (exec(db, "COMMIT"))
		goto out;
	/* Prepared as feedd prepares its statements. */
	if (sqlite3_prepare_v3(db, insert_item, -1, SQLITE_PREPARE_PERSISTENT,
	    &iq, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(db, "BEGIN IMMEDIATE", -1,
	    SQLITE_PREPARE_PERSISTENT, &begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT,
	    &commit, NULL) != SQLITE_OK)
		goto fail;

	w0 = now();
	c0 = cpu_now();
	for (i = 0; i < d->n_items; ) {
		int64_t feed = d->items[i].feed;

		sqlite3_reset(begin);
		if (sqlite3_step(begin) != SQLITE_DONE)
			goto fail;
		for (; i < d->n_items && d->items[i].feed == feed; i++) {
			const struct item *it = &d->items[i];

			sqlite3_reset(iq);
			sqlite3_clear_bindings(iq);
			for (int c = 0; c < N_COLS; c++)
				bind(iq, c + 1, it->col[c]);
			if (sqlite3_step(iq) != SQLITE_DONE)
				goto fail;
		}
		sqlite3_reset(commit);
		if (sqlite3_step(commit) != SQLITE_DONE)
			goto fail;
	}
	*wall = now() - w0;
	*cpu = cpu_now() - c0;
	rc = 0;
	goto out;
fail:
	db_fail(db, "inserting");
out:
	sqlite3_finalize(fq);
	sqlite3_finalize(iq);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	struct data d = { 0 };
	double best_wall = 0, best_cpu = 0;
	int runs = 3;

	if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
		runs = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc != 3 || runs < 1) {
		fprintf(stderr, "usage: store_bare [--runs N] SRC_DB DST_DB\n");
		return 2;
	}
	if (load(argv[1], &d) == -1)
		return 1;
	for (int r = 0; r < runs; r++) {
		double wall, cpu;

		if (run(argv[2], &d, &wall, &cpu) == -1)
			return 1;
		if (r == 0 || wall < best_wall) {
			best_wall = wall;
			best_cpu = cpu;
		}
	}
	printf("bare: items %zu feeds %zu runs %d seconds %.3f cpu %.3f"
	    " schema %s\n", d.n_items, d.n_feeds, runs, best_wall, best_cpu,
	    d.names);
	return 0;
}
