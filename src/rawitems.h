/*
 * An answer listing items, taken as the bytes feedd sent.  feedd writes
 * {"id":ID,"ok":true,"sizes":[N,...],"items":[ITEM,...],"more":BOOL},
 * each ITEM in jansson's compact ASCII-only form, which is the line
 * `feedctl --json` prints for it; sizes gives each ITEM's length.  So a
 * megabyte of stories is printed as it came, without reading it again:
 * each ITEM is only checked to be printable ASCII between braces (nothing
 * else may reach a terminal), and the answer itself, with its items left
 * out, is read by jansson.
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
	int	 more;		/* the answer was cut at its size budget */
};

/* 1 when line is such an answer to request id, with its items found; 0
 * when it is anything else (an error, an event, another request's
 * answer, text jansson would write otherwise), for the parser. */
int	 rawitems_find(struct rawitems *, char *line, size_t len,
	    int64_t id);
void	 rawitems_free(struct rawitems *);

#endif
