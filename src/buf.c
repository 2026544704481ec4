#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int
buf_grow(struct buf *b, size_t need)
{
	size_t cap;
	char *s;

	if (b->len + need + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1) {
		if (cap > ((size_t)-1) / 2)
			return -1;
		cap *= 2;
	}
	if ((s = realloc(b->s, cap)) == NULL)
		return -1;
	b->s = s;
	b->cap = cap;
	return 0;
}

/* buf_add() when the bytes do not fit. */
int
buf_add_grow(struct buf *b, const char *p, size_t n)
{
	if (buf_grow(b, n) == -1)
		return -1;
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_add_escaped(struct buf *b, const char *p, size_t n)
{
	size_t i, run = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: continue;
		}
		if (buf_add(b, p + run, i - run) == -1 || buf_adds(b, rep) == -1)
			return -1;
		run = i + 1;
	}
	return buf_add(b, p + run, n - run);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

char *
buf_take(struct buf *b)
{
	char *s;

	if (b->s == NULL)
		return strdup("");
	s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
