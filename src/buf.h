/* Growable byte buffer, always NUL-terminated once anything was added. */
#ifndef FEEDD_BUF_H
#define FEEDD_BUF_H

#include <stddef.h>

struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

int	 buf_add(struct buf *, const char *, size_t);
int	 buf_addc(struct buf *, char);
int	 buf_adds(struct buf *, const char *);
/* Appends with &, <, >, " escaped, for serialising markup. */
int	 buf_add_escaped(struct buf *, const char *, size_t);
void	 buf_reset(struct buf *);
/* Hands the contents over as a malloc'd string (never NULL: "" when
 * empty, NULL only when out of memory) and empties the buffer. */
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

#endif
