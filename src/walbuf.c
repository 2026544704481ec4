/*
 * The default SQLite VFS with one change: what SQLite writes to a -wal
 * file reaches it a commit at a time, in one system call instead of two
 * a page.
 *
 * SQLite writes each WAL frame as two writes, its 24-byte header and its
 * page.  A first refresh of 1000 feeds made 56,000 of them, most of the
 * time feedd spent in the kernel.  Here contiguous writes gather in a
 * buffer that goes to the file
 *  - with the page of a commit frame (the one frame whose header gives
 *    the database's size), before that write returns: a commit is in
 *    the file (the kernel's cache: synchronous = NORMAL) before COMMIT
 *    returns, as without the buffer, so a crash after it loses nothing
 *    and a failure to write fails the commit;
 *  - before a write elsewhere in the file, and before any other use of
 *    it (read, sync, truncate, size, file control, close);
 *  - when full.
 * A write that follows a read goes straight through: SQLite reads a
 * frame back only to rewrite its header (checksums recomputed after a
 * page was written twice in one transaction), the last of which may be
 * a commit's with nothing after it.
 *
 * Database, journal and temporary files pass straight through.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "walbuf.h"

#define BUF_SIZE	(128 * 1024)	/* a first poll's commit fits */
#define FRAME_HDR	24

struct wfile {
	sqlite3_file	 base;
	sqlite3_file	*real;		/* the default VFS's, right after */
	char		*buf;		/* a WAL's bytes not written yet */
	size_t		 len;
	sqlite3_int64	 at;		/* the file offset of buf[0] */
	int		 commit;	/* the last write: a commit's header */
	int		 after_read;	/* the last call: a read */
};

static sqlite3_vfs walbuf_vfs;
static sqlite3_vfs *base_vfs;

#define REAL(f)		(((struct wfile *)(f))->real)
#define RM(f)		(REAL(f)->pMethods)

static int
flush(struct wfile *f)
{
	int rc;

	if (f->len == 0)
		return SQLITE_OK;
	rc = f->real->pMethods->xWrite(f->real, f->buf, (int)f->len, f->at);
	f->len = 0;
	return rc;
}

/* Is p the header of a commit frame?  Bytes 4-7: the database's size in
 * pages after the commit, 0 in any other frame. */
static int
commit_header(const unsigned char *p, int n)
{
	return n == FRAME_HDR && (p[4] | p[5] | p[6] | p[7]) != 0;
}

static int
wal_write(sqlite3_file *pf, const void *p, int n, sqlite3_int64 off)
{
	struct wfile *f = (struct wfile *)pf;
	int rc, page_of_commit = f->commit;

	f->commit = commit_header(p, n);
	if ((f->len && off != f->at + (sqlite3_int64)f->len) ||
	    f->len + (size_t)n > BUF_SIZE) {
		if ((rc = flush(f)) != SQLITE_OK)
			return rc;
	}
	/* (A read has flushed the buffer.) */
	if (f->after_read || n > BUF_SIZE) {
		f->after_read = 0;
		return f->real->pMethods->xWrite(f->real, p, n, off);
	}
	if (f->len == 0)
		f->at = off;
	memcpy(f->buf + f->len, p, (size_t)n);
	f->len += (size_t)n;
	return page_of_commit ? flush(f) : SQLITE_OK;
}

static int
wal_read(sqlite3_file *pf, void *p, int n, sqlite3_int64 off)
{
	struct wfile *f = (struct wfile *)pf;
	int rc;

	if ((rc = flush(f)) != SQLITE_OK)
		return rc;
	f->after_read = 1;
	return RM(pf)->xRead(REAL(pf), p, n, off);
}

static int
wal_truncate(sqlite3_file *pf, sqlite3_int64 size)
{
	int rc = flush((struct wfile *)pf);

	return rc != SQLITE_OK ? rc : RM(pf)->xTruncate(REAL(pf), size);
}

static int
wal_sync(sqlite3_file *pf, int flags)
{
	int rc = flush((struct wfile *)pf);

	return rc != SQLITE_OK ? rc : RM(pf)->xSync(REAL(pf), flags);
}

static int
wal_size(sqlite3_file *pf, sqlite3_int64 *size)
{
	int rc = flush((struct wfile *)pf);

	return rc != SQLITE_OK ? rc : RM(pf)->xFileSize(REAL(pf), size);
}

static int
wal_control(sqlite3_file *pf, int op, void *arg)
{
	int rc = flush((struct wfile *)pf);

	return rc != SQLITE_OK ? rc : RM(pf)->xFileControl(REAL(pf), op, arg);
}

/* Closes f: the real file too, whatever the flush gave. */
static int
any_close(sqlite3_file *pf)
{
	struct wfile *f = (struct wfile *)pf;
	int rc = flush(f), rc2 = RM(pf)->xClose(REAL(pf));

	free(f->buf);
	f->buf = NULL;
	return rc != SQLITE_OK ? rc : rc2;
}

/* ---- pass-through ---- */

static int
pt_read(sqlite3_file *pf, void *p, int n, sqlite3_int64 off)
{
	return RM(pf)->xRead(REAL(pf), p, n, off);
}

static int
pt_write(sqlite3_file *pf, const void *p, int n, sqlite3_int64 off)
{
	return RM(pf)->xWrite(REAL(pf), p, n, off);
}

static int
pt_truncate(sqlite3_file *pf, sqlite3_int64 size)
{
	return RM(pf)->xTruncate(REAL(pf), size);
}

static int
pt_sync(sqlite3_file *pf, int flags)
{
	return RM(pf)->xSync(REAL(pf), flags);
}

static int
pt_size(sqlite3_file *pf, sqlite3_int64 *size)
{
	return RM(pf)->xFileSize(REAL(pf), size);
}

static int
pt_control(sqlite3_file *pf, int op, void *arg)
{
	return RM(pf)->xFileControl(REAL(pf), op, arg);
}

static int
pt_lock(sqlite3_file *pf, int lock)
{
	return RM(pf)->xLock(REAL(pf), lock);
}

static int
pt_unlock(sqlite3_file *pf, int lock)
{
	return RM(pf)->xUnlock(REAL(pf), lock);
}

static int
pt_reserved(sqlite3_file *pf, int *out)
{
	return RM(pf)->xCheckReservedLock(REAL(pf), out);
}

static int
pt_sector(sqlite3_file *pf)
{
	return RM(pf)->xSectorSize(REAL(pf));
}

static int
pt_device(sqlite3_file *pf)
{
	return RM(pf)->xDeviceCharacteristics(REAL(pf));
}

static int
pt_shm_map(sqlite3_file *pf, int i, int size, int extend, void volatile **pp)
{
	return RM(pf)->xShmMap(REAL(pf), i, size, extend, pp);
}

static int
pt_shm_lock(sqlite3_file *pf, int offset, int n, int flags)
{
	return RM(pf)->xShmLock(REAL(pf), offset, n, flags);
}

static void
pt_shm_barrier(sqlite3_file *pf)
{
	RM(pf)->xShmBarrier(REAL(pf));
}

static int
pt_shm_unmap(sqlite3_file *pf, int del)
{
	return RM(pf)->xShmUnmap(REAL(pf), del);
}

static int
pt_fetch(sqlite3_file *pf, sqlite3_int64 off, int n, void **pp)
{
	return RM(pf)->xFetch(REAL(pf), off, n, pp);
}

static int
pt_unfetch(sqlite3_file *pf, sqlite3_int64 off, void *p)
{
	return RM(pf)->xUnfetch(REAL(pf), off, p);
}

static const sqlite3_io_methods pass_methods = {
	3, any_close, pt_read, pt_write, pt_truncate, pt_sync, pt_size,
	pt_lock, pt_unlock, pt_reserved, pt_control, pt_sector, pt_device,
	pt_shm_map, pt_shm_lock, pt_shm_barrier, pt_shm_unmap, pt_fetch,
	pt_unfetch
};

static const sqlite3_io_methods wal_methods = {
	3, any_close, wal_read, wal_write, wal_truncate, wal_sync, wal_size,
	pt_lock, pt_unlock, pt_reserved, wal_control, pt_sector, pt_device,
	pt_shm_map, pt_shm_lock, pt_shm_barrier, pt_shm_unmap, pt_fetch,
	pt_unfetch
};

/* ---- the VFS ---- */

static int
vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *pf, int flags,
    int *out_flags)
{
	struct wfile *f = (struct wfile *)pf;
	int rc;

	(void)vfs;
	memset(f, 0, sizeof(*f));
	f->real = (sqlite3_file *)(f + 1);
	if ((flags & SQLITE_OPEN_WAL) && (f->buf = malloc(BUF_SIZE)) == NULL)
		return SQLITE_NOMEM;
	rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK || f->real->pMethods == NULL ||
	    f->real->pMethods->iVersion < 3) {
		if (rc == SQLITE_OK && f->real->pMethods)
			f->real->pMethods->xClose(f->real);
		free(f->buf);
		f->buf = NULL;
		return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
	}
	f->base.pMethods = f->buf ? &wal_methods : &pass_methods;
	return SQLITE_OK;
}

static int
vfs_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return base_vfs->xDelete(base_vfs, name, sync_dir);
}

static int
vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return base_vfs->xAccess(base_vfs, name, flags, out);
}

static int
vfs_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return base_vfs->xFullPathname(base_vfs, name, n, out);
}

static void *
vfs_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return base_vfs->xDlOpen(base_vfs, name);
}

static void
vfs_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	base_vfs->xDlError(base_vfs, n, msg);
}

static void (*
vfs_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return base_vfs->xDlSym(base_vfs, h, sym);
}

static void
vfs_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	base_vfs->xDlClose(base_vfs, h);
}

static int
vfs_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return base_vfs->xRandomness(base_vfs, n, out);
}

static int
vfs_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return base_vfs->xSleep(base_vfs, us);
}

static int
vfs_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return base_vfs->xCurrentTime(base_vfs, out);
}

static int
vfs_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return base_vfs->xGetLastError ?
	    base_vfs->xGetLastError(base_vfs, n, out) : 0;
}

static int
vfs_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return base_vfs->xCurrentTimeInt64(base_vfs, out);
}

int
walbuf_register(void)
{
	if (base_vfs != NULL)
		return SQLITE_OK;
	if ((base_vfs = sqlite3_vfs_find(NULL)) == NULL)
		return SQLITE_ERROR;
	walbuf_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct wfile) + base_vfs->szOsFile,
		.mxPathname = base_vfs->mxPathname,
		.zName = WALBUF_VFS,
		.xOpen = vfs_open,
		.xDelete = vfs_delete,
		.xAccess = vfs_access,
		.xFullPathname = vfs_full_path,
		.xDlOpen = vfs_dlopen,
		.xDlError = vfs_dlerror,
		.xDlSym = vfs_dlsym,
		.xDlClose = vfs_dlclose,
		.xRandomness = vfs_random,
		.xSleep = vfs_sleep,
		.xCurrentTime = vfs_time,
		.xGetLastError = vfs_last_error,
		.xCurrentTimeInt64 = vfs_time64,
	};
	return sqlite3_vfs_register(&walbuf_vfs, 0);
}
