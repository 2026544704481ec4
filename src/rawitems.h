/*
 * An answer listing items, taken as the bytes feedd sent.  When the line
 * is {"id":ID,"ok":true,"items":[ITEM,...],...} and jansson reads each
 * ITEM and writes it back byte for byte the same (compact, ASCII-only,
 * the form feedd writes), each ITEM is already the line `feedctl --json`
 * prints for it: printing a megabyte of stories as it came saves
 * building its text again.  The answer itself, with its items left
 * out, is read by jansson too.
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
