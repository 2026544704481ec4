/* What parse.c shares with the JSON Feed reader; not for other modules. */
#ifndef FEEDD_PARSE_INTERNAL_H
#define FEEDD_PARSE_INTERNAL_H

#include "feedd/parse.h"

struct feed_parser;

/* Item fields are set by taking ownership of a malloc'd string. */
void	 item_set(char **field, char *value);
int	 item_add_enclosure(struct feed_item *, const char *url,
	    const char *type, int64_t length);
int	 item_add_category(struct feed_item *, const char *term);
void	 item_clear(struct feed_item *);

/* Hands a finished item to the caller and clears it. */
void	 parser_emit(struct feed_parser *, struct feed_item *);
void	 parser_warn(struct feed_parser *, int line, const char *fmt, ...);
struct feed_info *parser_info(struct feed_parser *);
const char *parser_base(struct feed_parser *);

/* Drops the C0 controls (but white space), DEL and C1 controls of a
 * plain-text title, in place; s comes collapsed.  NULL stays NULL. */
char	*parse_drop_controls(char *s);

/* Reads a whole JSON Feed document; returns 0, or -1 with the reason
 * in why. */
int	 jsonfeed_parse(struct feed_parser *, const char *buf, size_t len,
	    char *why, size_t whylen);

#endif
