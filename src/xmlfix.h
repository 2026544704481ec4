/* Byte-level repairs of feed XML before libxml2 reads it; see xmlfix.c. */
#ifndef FEEDD_XMLFIX_H
#define FEEDD_XMLFIX_H

#include <stddef.h>

#include "buf.h"

/*
 * A "&lt;" in text reaches libxml2 as XMLFIX_LT, two bytes of plain text
 * that its fast path reads through, where a reference would cut the text
 * in three.  So that the pair means one thing, every DEL the document
 * holds (the byte, outside comments and PIs, or a numeric reference)
 * arrives as XMLFIX_DEL.  The parser turns XMLFIX_MARK and the byte after
 * it back into '<' or DEL (xmlfix_unmark()) in text, CDATA and attribute
 * values alike.
 */
#define XMLFIX_MARK	'\177'
#define XMLFIX_LT	"\177l"
#define XMLFIX_DEL	"\177d"

#define XMLFIX_DEPTH	32	/* HTML elements open in a description */
#define XMLFIX_NAMES	512	/* bytes of their names */

struct xmlfix {
	int	 state;		/* text, CDATA, comment, PI */
	int	 has_dtd;	/* a DOCTYPE may declare entities */
	/* In a description (or content:encoded, summary, content) whose
	 * HTML is not escaped: the elements open, the description first,
	 * their names NUL-terminated in names[], from off[k]. */
	int	 depth;
	unsigned short off[XMLFIX_DEPTH];
	char	 names[XMLFIX_NAMES];
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

/* The character a marked pair stands for, given the byte after
 * XMLFIX_MARK; -1 when that byte makes no pair (the DEL stays). */
static inline int
xmlfix_unmark(int next)
{
	return next == 'l' ? '<' : next == 'd' ? XMLFIX_MARK : -1;
}

#endif
