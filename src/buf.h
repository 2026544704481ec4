/* Growable byte buffer, always NUL-terminated once anything was added. */
#ifndef FEEDD_BUF_H
#define FEEDD_BUF_H

#include <stddef.h>
#include <string.h>

struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

int	 buf_add_grow(struct buf *, const char *, size_t);
int	 buf_addc(struct buf *, char);
int	 buf_adds(struct buf *, const char *);
/* Appends with &, <, >, " escaped, for serialising markup. */
int	 buf_add_escaped(struct buf *, const char *, size_t);
void	 buf_reset(struct buf *);
/* Hands the contents over as a malloc'd string (never NULL: "" when
 * empty, NULL only when out of memory) and empties the buffer. */
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

/* Appends n bytes.  The parser appends millions of short pieces: when
 * they fit, no call but memcpy. */
static inline int
buf_add(struct buf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap)
		return buf_add_grow(b, p, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

#endif
