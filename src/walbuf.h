/* An SQLite VFS that writes each commit to the WAL in one system call;
 * see walbuf.c. */
#ifndef FEEDD_WALBUF_H
#define FEEDD_WALBUF_H

#define WALBUF_VFS	"feedd-walbuf"

/* Registers WALBUF_VFS (not as the default) on the first call; returns
 * an SQLite result code. */
int	 walbuf_register(void);

#endif
