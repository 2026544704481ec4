/* Unit tests for walbuf.c, the VFS that writes a commit to the WAL in one
 * system call: what one connection commits through it, another reads at
 * once, and a writer killed right after COMMIT returned loses nothing --
 * also when SQLite rewrote frames of the transaction, when the
 * transaction was larger than the buffer, and after checkpoints. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "walbuf.h"
#include "tap.h"

#define DB	"test_walbuf.db"

static void
remove_db(void)
{
	unlink(DB);
	unlink(DB "-wal");
	unlink(DB "-shm");
}

/* A connection to DB in WAL mode, as the store sets it; vfs NULL: the
 * default one, as the sqlite3 shell or another program would read it. */
static sqlite3 *
open_db(const char *vfs)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(DB, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, vfs) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0",
	    NULL, NULL, NULL) != SQLITE_OK) {
		printf("# %s\n", db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static long long
one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static int
integrity_ok(sqlite3 *db)
{
	sqlite3_stmt *q;
	int good = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) ==
	    SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		good = strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
	sqlite3_finalize(q);
	return good;
}

/* n rows of about 600 bytes, ids from first, in one transaction. */
static int
add_rows(sqlite3 *db, int first, int n)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "WITH RECURSIVE c(i) AS (SELECT %d UNION"
	    " ALL SELECT i + 1 FROM c WHERE i < %d) INSERT INTO t SELECT i,"
	    " printf('%%d', i) || randomblob(300) FROM c", first,
	    first + n - 1);
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static void
test_other_connection(void)
{
	sqlite3 *w, *r;
	int i, seen = 1;

	remove_db();
	w = open_db(WALBUF_VFS);
	r = open_db(NULL);
	if (!ok(w && r, "two connections, one through walbuf")) {
		sqlite3_close(w);
		sqlite3_close(r);
		return;
	}
	sqlite3_exec(w, "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)",
	    NULL, NULL, NULL);
	for (i = 0; i < 20; i++) {
		add_rows(w, i * 50 + 1, 50);
		seen &= one_int(r, "SELECT count(*) FROM t") == (i + 1) * 50;
	}
	ok(seen, "every commit is read at once by another connection");
	add_rows(w, 1001, 2000);
	is_int(one_int(r, "SELECT count(*) FROM t"), 3000,
	    "a commit larger than the buffer too");
	ok(integrity_ok(r), "integrity_check, read through the default VFS");
	sqlite3_close(r);
	sqlite3_close(w);
}

/* In a child: commits, then dies by SIGKILL before closing anything. */
static void
write_then_die(int rewrite)
{
	sqlite3 *db = open_db(WALBUF_VFS);
	int i;

	if (db == NULL)
		_exit(2);
	sqlite3_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)",
	    NULL, NULL, NULL);
	for (i = 0; i < 10; i++) {
		if (add_rows(db, i * 100 + 1, 100) != SQLITE_OK)
			_exit(3);
		/* The next writer starts the WAL again from its start. */
		if (i == 4)
			sqlite3_exec(db, "PRAGMA wal_checkpoint(RESTART)", NULL,
			    NULL, NULL);
	}
	if (rewrite) {
		/* A cache of a few pages spills the transaction to the WAL
		 * before it commits, and the second update writes the same
		 * pages again: SQLite overwrites their frames, then reads
		 * each back to rewrite its checksum, the commit's last. */
		sqlite3_exec(db, "PRAGMA cache_size = 5; BEGIN;"
		    "UPDATE t SET v = randomblob(310);"
		    "UPDATE t SET v = 'second ' || id; COMMIT", NULL, NULL, NULL);
	}
	kill(getpid(), SIGKILL);
	_exit(4);
}

static void
test_killed_writer(int rewrite, const char *what)
{
	char name[160];
	sqlite3 *db;
	pid_t pid;
	int status = 0;

	remove_db();
	if ((pid = fork()) == 0)
		write_then_die(rewrite);
	waitpid(pid, &status, 0);
	snprintf(name, sizeof(name), "%s: the writer died by SIGKILL", what);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, name);
	if ((db = open_db(NULL)) == NULL)
		return;
	snprintf(name, sizeof(name), "%s: every committed row is there", what);
	is_int(one_int(db, "SELECT count(*) FROM t"), 1000, name);
	if (rewrite) {
		snprintf(name, sizeof(name), "%s: with the last update", what);
		is_int(one_int(db, "SELECT count(*) FROM t WHERE v = 'second '"
		    " || id"), 1000, name);
	}
	snprintf(name, sizeof(name), "%s: integrity_check", what);
	ok(integrity_ok(db), name);
	sqlite3_close(db);
}

int
main(void)
{
	if (!ok(walbuf_register() == SQLITE_OK && walbuf_register() ==
	    SQLITE_OK, "the VFS registers, twice"))
		return tap_done();
	test_other_connection();
	test_killed_writer(0, "killed after commits and a WAL restart");
	test_killed_writer(1, "killed after a commit with rewritten frames");
	remove_db();
	return tap_done();
}
