/* Byte-level repairs of feed XML before libxml2 reads it; see xmlfix.c. */
#ifndef FEEDD_XMLFIX_H
#define FEEDD_XMLFIX_H

#include <stddef.h>

#include "buf.h"

struct xmlfix {
	int	 state;		/* text, CDATA, comment, PI */
	int	 has_dtd;	/* a DOCTYPE may declare entities */
};

struct xmlfix_out {
	struct buf buf;		/* the repaired bytes, when changed */
	size_t	 run;		/* input consumed into buf so far */
	int	 changed;
};

/* Scans d[0..n): returns how many bytes are settled (the rest, a marker
 * or reference cut by the chunk's end, must come again with the next
 * chunk).  Repairs go to o->buf with the unchanged runs between them;
 * the caller appends d[o->run..settled) when o->changed. */
size_t	 xmlfix_scan(struct xmlfix *, const char *d, size_t n, int final,
	    struct xmlfix_out *o);

#endif
