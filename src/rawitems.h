/*
 * An answer listing items, taken as the bytes feedd sent.  When the line
 * is {"id":ID,"ok":true,"items":[ITEM,...],...} with everything in the
 * form jansson writes compact and ASCII-only (src/jscan.h), each ITEM is
 * already the line `feedctl --json` prints for it: parsing a megabyte of
 * stories only to write it out again was most of feedctl's work.
 */
#ifndef FEEDCTL_RAWITEMS_H
#define FEEDCTL_RAWITEMS_H

#include <stddef.h>
#include <stdint.h>

struct rawitems {
	char	*line;
	size_t	 first;		/* where the first item starts */
	size_t	*ends;		/* item i: up to ends[i]; the next starts
				 * after the comma there */
	size_t	 n, cap;
};

/* 1 when line is such an answer to request id, with its items found; 0
 * when it is anything else (an error, an event, another request's
 * answer, text jansson would write otherwise), for the parser. */
int	 rawitems_find(struct rawitems *, char *line, size_t len,
	    int64_t id);
void	 rawitems_free(struct rawitems *);

#endif
