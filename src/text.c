/*
 * Plain text from HTML fragments: item titles, summaries, author names.
 *
 * Two stages.  prep_text() first repairs the bytes and decodes character
 * references itself, because libxml2 2.9 knows only the 253 HTML 4 entity
 * names, swallows the ';' of the ones it does not know, lacks the HTML5
 * windows-1252 reading of &#128;-&#159;, and on the first invalid UTF-8
 * byte silently re-reads the rest of the input as ISO-8859-1.  What it
 * hands on is valid UTF-8 free of control characters, in which every '&'
 * starts "&amp;", "&lt;" or "&#N;", so libxml2's own reference handling
 * has nothing left to get wrong.  libxml2's HTML parser, driven through
 * SAX without building a tree, then strips the tags; ob_finish() collapses
 * the white space.  Text without '<' (most titles) skips libxml2: there,
 * prep_text() decodes references straight into the text.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "feedd/text.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Input past this is ignored, to bound memory (prep_text() may grow text
 * five-fold: "&" becomes "&amp;") and keep clear of libxml2's int counts;
 * nothing legitimate in a feed comes near it. */
#define TEXT_MAX_IN	((size_t)64 * 1024 * 1024)

#define ENTITY_MAX	31	/* longest HTML5 entity name, without ';' */
#define LEGACY_MAX	6	/* longest of those allowed without ';' */
#define DEPTH_MAX	128	/* open elements before a fresh start */
#define BAD_UTF8	0x110000	/* utf8_next(): ill-formed */

/* What prep_text() reads, and so what it writes. */
enum prep_mode {
	PREP_TEXT,	/* no tags: decode references into the text itself */
	PREP_HTML,	/* for libxml2: decoded ASCII stays a reference */
	PREP_CDATA,	/* literal text for libxml2: escape '&' and '<' */
};

#define PARSE_OPTS	(HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC)

struct obuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 oom;		/* an allocation failed; stop adding */
};

struct entity {
	const char	*name;		/* without the ';' */
	int		 legacy;	/* also recognised without ';' */
	uint32_t	 cp1;
	uint32_t	 cp2;		/* 0, or a second code point */
};

/* The state of a parse, shared by the SAX and I/O callbacks. */
struct sax_state {
	struct obuf	*out;
	htmlParserCtxtPtr ctxt;
	const char	*in;		/* prepared input */
	size_t		 len;
	size_t		 start;		/* where in it this parse began */
	size_t		 off;		/* how far it has been handed out */
	size_t		 resume;	/* where to start afresh; 0: done */
	int		 skip;		/* in script/style/template */
};

static const struct entity *entity_find(const char *, size_t);

/* windows-1252 for U+0080-U+009F, as HTML5 reads &#128;-&#159;; 0 where
 * windows-1252 leaves the byte undefined, and the character is dropped. */
static const uint16_t cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* Elements whose content is never shown.  libxml2 2.9 parses script and
 * style as raw text, but still reports it through characters(). */
static const char *const hidden_elems[] = {
	"script", "style", "template",
};

/* Elements that separate words: blocks, line breaks, table cells, list
 * items.  Everything else, unknown elements included, is inline, as in a
 * browser: "<b>x</b>y" is "xy".  Sorted for bsearch(). */
static const char *const break_elems[] = {
	"address", "article", "aside", "blockquote", "br", "button",
	"caption", "center", "dd", "details", "dialog", "dir", "div", "dl",
	"dt", "fieldset", "figcaption", "figure", "footer", "form", "frame",
	"frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header",
	"hgroup", "hr", "iframe", "legend", "li", "main", "menu",
	"nav", "noframes", "ol", "option", "p", "pre", "section", "select",
	"summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
	"title", "tr", "ul",
};

/* Makes room for n more bytes plus a NUL. */
static int
ob_reserve(struct obuf *b, size_t n)
{
	size_t	 cap;
	char	*p;

	if (b->oom)
		return -1;
	if (b->cap - b->len > n)
		return 0;
	/* The first allocation fits the caller's estimate exactly. */
	cap = b->cap ? b->cap : n < 64 ? 64 : n + 1;
	while (cap - b->len <= n) {
		if (cap > SIZE_MAX / 2)
			goto fail;
		cap *= 2;
	}
	if ((p = realloc(b->s, cap)) == NULL)
		goto fail;
	b->s = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = 1;
	return -1;
}

static void
ob_add(struct obuf *b, const char *s, size_t n)
{
	if (ob_reserve(b, n) == 0) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
	}
}

static void
ob_addc(struct obuf *b, char c)
{
	ob_add(b, &c, 1);
}

static void
ob_add_utf8(struct obuf *b, uint32_t cp)
{
	char	 u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		ob_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		ob_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		ob_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		ob_add(b, u, 4);
	}
}

/* Hands the text over collapsed, as a string sized to fit. */
static char *
ob_finish(struct obuf *b)
{
	char	*p;

	if (ob_reserve(b, 0) == -1) {
		free(b->s);
		return NULL;
	}
	b->s[b->len] = '\0';
	text_collapse(b->s);
	b->len = strlen(b->s);
	/* Titles live long in memory; don't keep the slack of a page of
	 * markup that shrank to a few words. */
	if (b->cap - b->len > 64 && (p = realloc(b->s, b->len + 1)) != NULL)
		b->s = p;
	return b->s;
}

/* What goes out for code point cp: white space as a space, 0 for what is
 * dropped (controls; byte order marks, left over from concatenated files;
 * U+FFFE and U+FFFF, which libxml2 would drop), and U+0080-U+009F read as
 * windows-1252. */
static uint32_t
clean_cp(uint32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')
		return ' ';
	if (cp < 0x20 || cp == 0x7f || cp == 0xfeff || cp == 0xfffe ||
	    cp == 0xffff)
		return 0;
	if (cp >= 0x80 && cp < 0xa0)
		return cp1252[cp - 0x80];
	return cp;
}

/*
 * Decodes the UTF-8 sequence at s (n > 0 bytes left) and sets *used.  An
 * ill-formed sequence (overlong, surrogate, beyond U+10FFFF, truncated)
 * gives BAD_UTF8 and consumes its longest valid prefix, at least one byte:
 * replaced by one U+FFFD, as WHATWG's decoder does.
 */
static uint32_t
utf8_next(const unsigned char *s, size_t n, size_t *used)
{
	unsigned char	 lo = 0x80, hi = 0xbf;
	uint32_t	 cp;
	size_t		 need, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		cp = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;		/* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f;		/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		cp = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;		/* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f;		/* beyond U+10FFFF */
	} else {
		*used = 1;
		return s[0] < 0x80 ? s[0] : BAD_UTF8;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*used = i;
			return BAD_UTF8;
		}
		cp = cp << 6 | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*used = need + 1;
	return cp;
}

/* Adds a decoded reference.  With esc, ASCII goes back out as "&#N;" so
 * that a decoded '<', '>', '&' or quote cannot change what libxml2 takes
 * for markup, in text or inside a tag alike; libxml2 decodes it again. */
static void
emit_ref(struct obuf *b, uint32_t cp, int esc)
{
	char	 ref[8];
	int	 n;

	if ((cp = clean_cp(cp)) == 0)
		return;
	if (cp >= 0x80 || !esc) {
		ob_add_utf8(b, cp);
		return;
	}
	n = snprintf(ref, sizeof(ref), "&#%u;", (unsigned)cp);
	ob_add(b, ref, n);
}

static int
digit_val(char c, int hex)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (hex && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (hex && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* "&#233;", "&#xe9;" at s (n bytes left): returns the bytes used, or 0
 * when there are no digits.  As in HTML5 the ';' may be missing, and NUL,
 * surrogates and values past U+10FFFF become U+FFFD. */
static size_t
numeric_ref(struct obuf *b, const char *s, size_t n, int esc)
{
	uint32_t	 cp = 0;
	size_t		 i = 2, start;
	int		 hex = 0, d;

	if (i < n && (s[i] == 'x' || s[i] == 'X')) {
		hex = 1;
		i++;
	}
	for (start = i; i < n && (d = digit_val(s[i], hex)) >= 0; i++)
		if (cp <= 0x10ffff)	/* saturate: no overflow */
			cp = cp * (hex ? 16 : 10) + d;
	if (i == start)
		return 0;
	if (i < n && s[i] == ';')
		i++;
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	emit_ref(b, cp, esc);
	return i;
}

/* "&eacute;" at s (n bytes left): returns the bytes used, or 0 when no
 * entity is named.  HTML5 still takes a few legacy names without the ';',
 * the longest that fits: "&copy2024" is "&copy;2024", "&notit;" is
 * "&not;it;". */
static size_t
named_ref(struct obuf *b, const char *s, size_t n, int esc)
{
	const struct entity	*e;
	size_t			 len, k;

	for (len = 0; len < ENTITY_MAX && 1 + len < n && is_alnum(s[1 + len]);
	    len++)
		;
	if (len > 0 && 1 + len < n && s[1 + len] == ';' &&
	    (e = entity_find(s + 1, len)) != NULL)
		k = len + 1;
	else {
		for (k = len < LEGACY_MAX ? len : LEGACY_MAX; k >= 2; k--)
			if ((e = entity_find(s + 1, k)) != NULL && e->legacy)
				break;
		if (k < 2)
			return 0;
	}
	emit_ref(b, e->cp1, esc);
	if (e->cp2 != 0)
		emit_ref(b, e->cp2, esc);
	return k + 1;
}

/* The reference at s[0] == '&'; returns the bytes used.  An '&' that
 * starts none stays a literal '&': "&amp;" for libxml2 with esc. */
static size_t
prep_ref(struct obuf *b, const char *s, size_t n, int esc)
{
	size_t	 used;

	if (n > 1 && s[1] == '#')
		used = numeric_ref(b, s, n, esc);
	else
		used = named_ref(b, s, n, esc);
	if (used == 0) {
		if (esc)
			ob_add(b, "&amp;", 5);
		else
			ob_addc(b, '&');
		used = 1;
	}
	return used;
}

/* Length of the run at s of bytes that go through prep_text() unchanged:
 * printable ASCII but '&' and '<', and well-formed UTF-8 from U+00A0 on
 * that clean_cp() keeps. */
static size_t
plain_run(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 i = 0, used;

	while (i < n) {
		if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '&' && u[i] != '<')
			i++;
		else if (u[i] >= 0x80 &&
		    (cp = utf8_next(u + i, n - i, &used)) != BAD_UTF8 &&
		    cp >= 0xa0 && clean_cp(cp) == cp)
			i += used;
		else
			break;
	}
	return i;
}

static void	prep_text(struct obuf *, const char *, size_t,
		    enum prep_mode);

/*
 * The '<' at s[0].  libxml2 would keep "<![CDATA[x]]>" as literal text;
 * in a feed it is a section that should have been unwrapped by the XML
 * layer (HTML5 would even drop it), so its content is taken as plain text.
 */
static size_t
prep_lt(struct obuf *b, const char *s, size_t n)
{
	static const char	 open[] = "<![CDATA[";
	const size_t		 olen = sizeof(open) - 1;
	const char		*end;
	size_t			 len;

	if (n < olen || memcmp(s, open, olen) != 0) {
		ob_addc(b, '<');
		return 1;
	}
	len = n - olen;
	if ((end = memmem(s + olen, len, "]]>", 3)) != NULL)
		len = end - (s + olen);
	prep_text(b, s + olen, len, PREP_CDATA);
	return olen + len + (end != NULL ? 3 : 0);
}

/* The '&' or '<' at s[0] (n bytes left); returns the bytes used. */
static size_t
prep_special(struct obuf *b, const char *s, size_t n, enum prep_mode mode)
{
	if (s[0] == '&' && mode != PREP_CDATA)
		return prep_ref(b, s, n, mode == PREP_HTML);
	if (s[0] == '<' && mode == PREP_HTML)
		return prep_lt(b, s, n);
	if (mode == PREP_TEXT)
		ob_addc(b, s[0]);
	else if (s[0] == '&')
		ob_add(b, "&amp;", 5);
	else
		ob_add(b, "&lt;", 4);
	return 1;
}

/* Copies n bytes of s to b as valid UTF-8 without control characters,
 * decoding character references unless in a CDATA section (see the top of
 * the file and enum prep_mode). */
static void
prep_text(struct obuf *b, const char *s, size_t n, enum prep_mode mode)
{
	uint32_t	 cp;
	size_t		 i = 0, used;

	while (i < n && !b->oom) {
		if ((used = plain_run(s + i, n - i)) > 0) {
			ob_add(b, s + i, used);
			i += used;
		} else if (s[i] == '&' || s[i] == '<')
			i += prep_special(b, s + i, n - i, mode);
		else {
			cp = utf8_next((const unsigned char *)s + i, n - i,
			    &used);
			i += used;
			if (cp == BAD_UTF8)
				cp = 0xfffd;
			if ((cp = clean_cp(cp)) != 0)
				ob_add_utf8(b, cp);
		}
	}
}

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
in_list(const xmlChar *name, const char *const *list, size_t n)
{
	return bsearch(name, list, n, sizeof(*list), cmp_name) != NULL;
}

static int
is_hidden(const xmlChar *name)
{
	return in_list(name, hidden_elems, nitems(hidden_elems));
}

static int
is_break(const xmlChar *name)
{
	return in_list(name, break_elems, nitems(break_elems));
}

/* Each parse reads "<body>" then the input from st->start on.  Opening
 * the body ourselves keeps libxml2 from implying html, body and p elements
 * at the first text, which it does only after having passed on a bare '<':
 * "<<b>>" would come out as "< >". */
static const char	 body_tag[] = "<body>";
#define BODY_LEN	(sizeof(body_tag) - 1)

/*
 * Stops the parse in the start tag that made it DEPTH_MAX elements deep,
 * to be resumed after the tag by a fresh parse.  libxml2 2.9 searches its
 * whole stack of open elements for every end tag that matches none near
 * the top, so 500 kB of "<span>" then of "</div>" took 24 s; bounded, the
 * cost is linear.  Plain text does not depend on what encloses it, except
 * in a <template> that deep, whose rest then shows.
 */
static void
too_deep(struct sax_state *st)
{
	xmlParserInputPtr	 in = st->ctxt->input;
	size_t			 pos;

	/* libxml2 converts UTF-8 to UTF-8 byte for byte, so its count of
	 * characters read is one of bytes. */
	pos = in->consumed + (in->cur - in->base);
	if (in->cur[0] == '>')
		pos += 1;
	else if (in->cur[0] == '/' && in->cur[1] == '>')
		pos += 2;
	if (pos > BODY_LEN && st->start + pos - BODY_LEN <= st->len) {
		st->resume = st->start + pos - BODY_LEN;
		xmlStopParser(st->ctxt);
	}
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct sax_state	*st = ctx;

	(void)atts;
	if (is_hidden(name))
		st->skip++;
	else if (is_break(name))
		ob_addc(st->out, ' ');
	if (st->ctxt->nameNr > DEPTH_MAX && st->resume == 0)
		too_deep(st);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct sax_state	*st = ctx;

	/* After a stop libxml2 still closes what is open: not a break. */
	if (st->resume != 0)
		return;
	if (is_hidden(name)) {
		if (st->skip > 0)
			st->skip--;
	} else if (is_break(name))
		ob_addc(st->out, ' ');
}

/* Also serves as ignorableWhitespace(): libxml2 reports some blanks
 * between tags through it, and they still separate words. */
static void
on_text(void *ctx, const xmlChar *s, int len)
{
	struct sax_state	*st = ctx;

	if (st->skip == 0 && len > 0)
		ob_add(st->out, (const char *)s, len);
}

/* libxml2's read callback: "<body>", then the input from st->start. */
static int
on_read(void *ctx, char *buf, int n)
{
	struct sax_state	*st = ctx;
	const char		*src;
	size_t			 k, at;

	if (n <= 0)
		return 0;
	if (st->off < BODY_LEN) {
		src = body_tag + st->off;
		k = BODY_LEN - st->off;
	} else {
		at = st->start + st->off - BODY_LEN;
		src = st->in + at;
		k = st->len - at;
	}
	if (k > (size_t)n)
		k = n;
	memcpy(buf, src, k);
	st->off += k;
	return (int)k;
}

/* Parse errors are expected and of no interest. */
static void
on_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* Makes ctxt report to the handlers above. */
static void
set_sax(htmlParserCtxtPtr ctxt, struct sax_state *st)
{
	/* htmlNewParserCtxt() allocated a whole handler; refill it. */
	memset(ctxt->sax, 0, sizeof(*ctxt->sax));
	ctxt->sax->startElement = on_start;
	ctxt->sax->endElement = on_end;
	ctxt->sax->characters = on_text;
	ctxt->sax->ignorableWhitespace = on_text;
	/* Else libxml2 would hand our errors to a structured error handler
	 * that the thread set up for its own parsing (a feed's, say); it
	 * only looks at serror in a handler marked as SAX2. */
	ctxt->sax->serror = on_error;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->userData = st;
	st->ctxt = ctxt;
}

/* Parses the input from st->start on.  Returns -1 when out of memory. */
static int
parse_from(struct sax_state *st)
{
	htmlDocPtr	 doc;

	st->off = 0;
	st->resume = 0;
	st->skip = 0;
	/* "UTF-8" given, libxml2 neither guesses from the bytes nor switches
	 * to ISO-8859-1 on a bad one (prep_text() leaves none anyway); with
	 * IGNORE_ENC, a <meta charset> in the fragment is not obeyed. */
	doc = htmlCtxtReadIO(st->ctxt, on_read, NULL, st, NULL, "UTF-8",
	    PARSE_OPTS);
	if (doc != NULL)		/* only SAX: never, but be safe */
		xmlFreeDoc(doc);
	/* Not even "<body>" read: libxml2 could not set up the input. */
	if (st->off == 0 || st->ctxt->errNo == XML_ERR_NO_MEMORY)
		return -1;
	return 0;
}

/*
 * Runs libxml2's HTML parser over the n prepared bytes at in, appending
 * the character data to out.  Returns -1 when out of memory.  The pull
 * parser, because 2.9's push parser drops a trailing '<' ("a<") and, after
 * "</html>", all text.
 */
static int
strip_tags(const char *in, size_t n, struct obuf *out)
{
	struct sax_state	 st = { out, NULL, in, n, 0, 0, 0, 0 };
	int			 rc;

	/* Idempotent, and locked inside libxml2: safe from any thread. */
	xmlInitParser();
	if ((st.ctxt = htmlNewParserCtxt()) == NULL)
		return -1;
	if (st.ctxt->sax == NULL) {
		htmlFreeParserCtxt(st.ctxt);
		return -1;
	}
	set_sax(st.ctxt, &st);
	/* Too deep: parse the rest afresh, in a new body. */
	while ((rc = parse_from(&st)) == 0 && st.resume > st.start)
		st.start = st.resume;
	htmlFreeParserCtxt(st.ctxt);
	return rc;
}

int
text_has_markup(const char *s, size_t len)
{
	return s != NULL && (memchr(s, '<', len) != NULL ||
	    memchr(s, '&', len) != NULL);
}

/* The elements feedparser's sanitizer keeps, sorted for bsearch: a
 * start tag of any other name ("<T>", "<blink>") means a title with no
 * end tag is not HTML. */
static const char *const html_elements[] = {
	"a", "abbr", "acronym", "address", "area", "article", "aside",
	"audio", "b", "big", "blockquote", "br", "button", "canvas",
	"caption", "center", "cite", "code", "col", "colgroup", "command",
	"datagrid", "datalist", "dd", "del", "details", "dfn", "dialog",
	"dir", "div", "dl", "dt", "em", "event-source", "fieldset",
	"figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins",
	"kbd", "keygen", "label", "legend", "li", "m", "map", "menu",
	"meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup",
	"option", "output", "p", "pre", "progress", "q", "s", "samp",
	"section", "select", "small", "sound", "source", "spacer", "span",
	"strike", "strong", "sub", "sup", "table", "tbody", "td",
	"textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul",
	"var", "video",
};

static int
cmp_element(const void *key, const void *el)
{
	return strcmp(key, *(const char *const *)el);
}

static int
is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* The word at s (at most n bytes) into w (room for wn), lower-cased
 * when lower: its length, 0 when none or too long for w. */
static size_t
word_at(const char *s, size_t n, char *w, size_t wn, int lower)
{
	size_t k;

	for (k = 0; k < n && is_word((unsigned char)s[k]); k++) {
		if (k + 1 >= wn)
			return 0;
		w[k] = (char)(lower && s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 :
		    s[k]);
	}
	w[k] = '\0';
	return k;
}

int
text_looks_like_html(const char *s, size_t len)
{
	char w[32];
	size_t i, k;
	int refs = 0, odd = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '<') {
			k = (i + 1 < len && s[i + 1] == '/') ? i + 2 : i + 1;
			if (word_at(s + k, len - k, w, sizeof(w), 1) == 0)
				continue;	/* "a < b" */
			/* An end tag is markup, whatever it closes: a
			 * title is never shown with its <script>. */
			if (k == i + 2 && k + strlen(w) < len &&
			    s[k + strlen(w)] == '>')
				return 1;
			if (bsearch(w, html_elements, sizeof(html_elements) /
			    sizeof(html_elements[0]), sizeof(html_elements[0]),
			    cmp_element) == NULL)
				odd = 1;
		} else if (s[i] == '&') {
			k = (i + 1 < len && s[i + 1] == '#') ? i + 2 : i + 1;
			if (word_at(s + k, len - k, w, sizeof(w), 0) == 0 ||
			    k + strlen(w) >= len || s[k + strlen(w)] != ';')
				continue;	/* a bare '&' */
			if (k == i + 1 && htmlEntityLookup((const xmlChar *)
			    w) == NULL && strcmp(w, "apos") != 0)
				odd = 1;	/* "&T;": not HTML's */
			refs = 1;
		}
	}
	return refs && !odd;
}

char *
text_from_html(const char *html, size_t len)
{
	struct obuf	 in = { 0 }, out = { 0 };

	if (html == NULL)
		len = 0;
	if (len > TEXT_MAX_IN)
		len = TEXT_MAX_IN;
	/* No tags (most titles): no need for libxml2 either. */
	if (html == NULL || memchr(html, '<', len) == NULL) {
		if (ob_reserve(&out, len) == 0)
			prep_text(&out, html, len, PREP_TEXT);
		return ob_finish(&out);
	}
	if (ob_reserve(&in, len) == 0)
		prep_text(&in, html, len, PREP_HTML);
	/* The text is rarely longer than its markup. */
	if (in.oom || ob_reserve(&out, in.len) == -1 ||
	    strip_tags(in.s, in.len, &out) == -1)
		out.oom = 1;
	free(in.s);
	return ob_finish(&out);
}

/* Length of the white space at s, 0 if none. */
static size_t
space_len(const unsigned char *s)
{
	/* Most bytes are neither space nor the lead byte of NBSP. */
	if (*s > ' ' && *s != 0xc2)
		return 0;
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	return 0;
}

char *
text_collapse(char *s)
{
	unsigned char	*r, *w;
	size_t		 n;
	int		 gap = 0;

	if (s == NULL)
		return NULL;
	/* Most strings need nothing: no space at either end, no run of
	 * spaces, no tab, newline or NBSP.  Words, then a single space
	 * if a word follows. */
	for (r = (unsigned char *)s; ; r++) {
		while (*r > ' ' && *r != 0xc2)
			r++;
		if (*r != ' ' || r == (unsigned char *)s || r[1] <= ' ' ||
		    r[1] == 0xc2)
			break;
	}
	if (*r == '\0')
		return s;
	for (r = w = (unsigned char *)s; *r != '\0'; ) {
		if ((n = space_len(r)) > 0) {
			r += n;
			/* Leading space is dropped, trailing never written. */
			gap = w != (unsigned char *)s;
			continue;
		}
		if (gap) {
			*w++ = ' ';
			gap = 0;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/*
 * The HTML5 named character references, from WHATWG's entities.json (as
 * Python's html.entities.html5 carries it), sorted by byte value for the
 * binary search below.
 */
static const struct entity entities[] = {
	{"AElig",1,0xC6,0}, {"AMP",1,0x26,0}, {"Aacute",1,0xC1,0},
	{"Abreve",0,0x102,0}, {"Acirc",1,0xC2,0}, {"Acy",0,0x410,0},
	{"Afr",0,0x1D504,0}, {"Agrave",1,0xC0,0}, {"Alpha",0,0x391,0},
	{"Amacr",0,0x100,0}, {"And",0,0x2A53,0}, {"Aogon",0,0x104,0},
	{"Aopf",0,0x1D538,0}, {"ApplyFunction",0,0x2061,0},
	{"Aring",1,0xC5,0}, {"Ascr",0,0x1D49C,0}, {"Assign",0,0x2254,0},
	{"Atilde",1,0xC3,0}, {"Auml",1,0xC4,0}, {"Backslash",0,0x2216,0},
	{"Barv",0,0x2AE7,0}, {"Barwed",0,0x2306,0}, {"Bcy",0,0x411,0},
	{"Because",0,0x2235,0}, {"Bernoullis",0,0x212C,0},
	{"Beta",0,0x392,0}, {"Bfr",0,0x1D505,0}, {"Bopf",0,0x1D539,0},
	{"Breve",0,0x2D8,0}, {"Bscr",0,0x212C,0}, {"Bumpeq",0,0x224E,0},
	{"CHcy",0,0x427,0}, {"COPY",1,0xA9,0}, {"Cacute",0,0x106,0},
	{"Cap",0,0x22D2,0}, {"CapitalDifferentialD",0,0x2145,0},
	{"Cayleys",0,0x212D,0}, {"Ccaron",0,0x10C,0},
	{"Ccedil",1,0xC7,0}, {"Ccirc",0,0x108,0}, {"Cconint",0,0x2230,0},
	{"Cdot",0,0x10A,0}, {"Cedilla",0,0xB8,0}, {"CenterDot",0,0xB7,0},
	{"Cfr",0,0x212D,0}, {"Chi",0,0x3A7,0}, {"CircleDot",0,0x2299,0},
	{"CircleMinus",0,0x2296,0}, {"CirclePlus",0,0x2295,0},
	{"CircleTimes",0,0x2297,0},
	{"ClockwiseContourIntegral",0,0x2232,0},
	{"CloseCurlyDoubleQuote",0,0x201D,0},
	{"CloseCurlyQuote",0,0x2019,0}, {"Colon",0,0x2237,0},
	{"Colone",0,0x2A74,0}, {"Congruent",0,0x2261,0},
	{"Conint",0,0x222F,0}, {"ContourIntegral",0,0x222E,0},
	{"Copf",0,0x2102,0}, {"Coproduct",0,0x2210,0},
	{"CounterClockwiseContourIntegral",0,0x2233,0},
	{"Cross",0,0x2A2F,0}, {"Cscr",0,0x1D49E,0}, {"Cup",0,0x22D3,0},
	{"CupCap",0,0x224D,0}, {"DD",0,0x2145,0},
	{"DDotrahd",0,0x2911,0}, {"DJcy",0,0x402,0}, {"DScy",0,0x405,0},
	{"DZcy",0,0x40F,0}, {"Dagger",0,0x2021,0}, {"Darr",0,0x21A1,0},
	{"Dashv",0,0x2AE4,0}, {"Dcaron",0,0x10E,0}, {"Dcy",0,0x414,0},
	{"Del",0,0x2207,0}, {"Delta",0,0x394,0}, {"Dfr",0,0x1D507,0},
	{"DiacriticalAcute",0,0xB4,0}, {"DiacriticalDot",0,0x2D9,0},
	{"DiacriticalDoubleAcute",0,0x2DD,0},
	{"DiacriticalGrave",0,0x60,0}, {"DiacriticalTilde",0,0x2DC,0},
	{"Diamond",0,0x22C4,0}, {"DifferentialD",0,0x2146,0},
	{"Dopf",0,0x1D53B,0}, {"Dot",0,0xA8,0}, {"DotDot",0,0x20DC,0},
	{"DotEqual",0,0x2250,0}, {"DoubleContourIntegral",0,0x222F,0},
	{"DoubleDot",0,0xA8,0}, {"DoubleDownArrow",0,0x21D3,0},
	{"DoubleLeftArrow",0,0x21D0,0},
	{"DoubleLeftRightArrow",0,0x21D4,0}, {"DoubleLeftTee",0,0x2AE4,0},
	{"DoubleLongLeftArrow",0,0x27F8,0},
	{"DoubleLongLeftRightArrow",0,0x27FA,0},
	{"DoubleLongRightArrow",0,0x27F9,0},
	{"DoubleRightArrow",0,0x21D2,0}, {"DoubleRightTee",0,0x22A8,0},
	{"DoubleUpArrow",0,0x21D1,0}, {"DoubleUpDownArrow",0,0x21D5,0},
	{"DoubleVerticalBar",0,0x2225,0}, {"DownArrow",0,0x2193,0},
	{"DownArrowBar",0,0x2913,0}, {"DownArrowUpArrow",0,0x21F5,0},
	{"DownBreve",0,0x311,0}, {"DownLeftRightVector",0,0x2950,0},
	{"DownLeftTeeVector",0,0x295E,0}, {"DownLeftVector",0,0x21BD,0},
	{"DownLeftVectorBar",0,0x2956,0},
	{"DownRightTeeVector",0,0x295F,0}, {"DownRightVector",0,0x21C1,0},
	{"DownRightVectorBar",0,0x2957,0}, {"DownTee",0,0x22A4,0},
	{"DownTeeArrow",0,0x21A7,0}, {"Downarrow",0,0x21D3,0},
	{"Dscr",0,0x1D49F,0}, {"Dstrok",0,0x110,0}, {"ENG",0,0x14A,0},
	{"ETH",1,0xD0,0}, {"Eacute",1,0xC9,0}, {"Ecaron",0,0x11A,0},
	{"Ecirc",1,0xCA,0}, {"Ecy",0,0x42D,0}, {"Edot",0,0x116,0},
	{"Efr",0,0x1D508,0}, {"Egrave",1,0xC8,0}, {"Element",0,0x2208,0},
	{"Emacr",0,0x112,0}, {"EmptySmallSquare",0,0x25FB,0},
	{"EmptyVerySmallSquare",0,0x25AB,0}, {"Eogon",0,0x118,0},
	{"Eopf",0,0x1D53C,0}, {"Epsilon",0,0x395,0},
	{"Equal",0,0x2A75,0}, {"EqualTilde",0,0x2242,0},
	{"Equilibrium",0,0x21CC,0}, {"Escr",0,0x2130,0},
	{"Esim",0,0x2A73,0}, {"Eta",0,0x397,0}, {"Euml",1,0xCB,0},
	{"Exists",0,0x2203,0}, {"ExponentialE",0,0x2147,0},
	{"Fcy",0,0x424,0}, {"Ffr",0,0x1D509,0},
	{"FilledSmallSquare",0,0x25FC,0},
	{"FilledVerySmallSquare",0,0x25AA,0}, {"Fopf",0,0x1D53D,0},
	{"ForAll",0,0x2200,0}, {"Fouriertrf",0,0x2131,0},
	{"Fscr",0,0x2131,0}, {"GJcy",0,0x403,0}, {"GT",1,0x3E,0},
	{"Gamma",0,0x393,0}, {"Gammad",0,0x3DC,0}, {"Gbreve",0,0x11E,0},
	{"Gcedil",0,0x122,0}, {"Gcirc",0,0x11C,0}, {"Gcy",0,0x413,0},
	{"Gdot",0,0x120,0}, {"Gfr",0,0x1D50A,0}, {"Gg",0,0x22D9,0},
	{"Gopf",0,0x1D53E,0}, {"GreaterEqual",0,0x2265,0},
	{"GreaterEqualLess",0,0x22DB,0}, {"GreaterFullEqual",0,0x2267,0},
	{"GreaterGreater",0,0x2AA2,0}, {"GreaterLess",0,0x2277,0},
	{"GreaterSlantEqual",0,0x2A7E,0}, {"GreaterTilde",0,0x2273,0},
	{"Gscr",0,0x1D4A2,0}, {"Gt",0,0x226B,0}, {"HARDcy",0,0x42A,0},
	{"Hacek",0,0x2C7,0}, {"Hat",0,0x5E,0}, {"Hcirc",0,0x124,0},
	{"Hfr",0,0x210C,0}, {"HilbertSpace",0,0x210B,0},
	{"Hopf",0,0x210D,0}, {"HorizontalLine",0,0x2500,0},
	{"Hscr",0,0x210B,0}, {"Hstrok",0,0x126,0},
	{"HumpDownHump",0,0x224E,0}, {"HumpEqual",0,0x224F,0},
	{"IEcy",0,0x415,0}, {"IJlig",0,0x132,0}, {"IOcy",0,0x401,0},
	{"Iacute",1,0xCD,0}, {"Icirc",1,0xCE,0}, {"Icy",0,0x418,0},
	{"Idot",0,0x130,0}, {"Ifr",0,0x2111,0}, {"Igrave",1,0xCC,0},
	{"Im",0,0x2111,0}, {"Imacr",0,0x12A,0},
	{"ImaginaryI",0,0x2148,0}, {"Implies",0,0x21D2,0},
	{"Int",0,0x222C,0}, {"Integral",0,0x222B,0},
	{"Intersection",0,0x22C2,0}, {"InvisibleComma",0,0x2063,0},
	{"InvisibleTimes",0,0x2062,0}, {"Iogon",0,0x12E,0},
	{"Iopf",0,0x1D540,0}, {"Iota",0,0x399,0}, {"Iscr",0,0x2110,0},
	{"Itilde",0,0x128,0}, {"Iukcy",0,0x406,0}, {"Iuml",1,0xCF,0},
	{"Jcirc",0,0x134,0}, {"Jcy",0,0x419,0}, {"Jfr",0,0x1D50D,0},
	{"Jopf",0,0x1D541,0}, {"Jscr",0,0x1D4A5,0}, {"Jsercy",0,0x408,0},
	{"Jukcy",0,0x404,0}, {"KHcy",0,0x425,0}, {"KJcy",0,0x40C,0},
	{"Kappa",0,0x39A,0}, {"Kcedil",0,0x136,0}, {"Kcy",0,0x41A,0},
	{"Kfr",0,0x1D50E,0}, {"Kopf",0,0x1D542,0}, {"Kscr",0,0x1D4A6,0},
	{"LJcy",0,0x409,0}, {"LT",1,0x3C,0}, {"Lacute",0,0x139,0},
	{"Lambda",0,0x39B,0}, {"Lang",0,0x27EA,0},
	{"Laplacetrf",0,0x2112,0}, {"Larr",0,0x219E,0},
	{"Lcaron",0,0x13D,0}, {"Lcedil",0,0x13B,0}, {"Lcy",0,0x41B,0},
	{"LeftAngleBracket",0,0x27E8,0}, {"LeftArrow",0,0x2190,0},
	{"LeftArrowBar",0,0x21E4,0}, {"LeftArrowRightArrow",0,0x21C6,0},
	{"LeftCeiling",0,0x2308,0}, {"LeftDoubleBracket",0,0x27E6,0},
	{"LeftDownTeeVector",0,0x2961,0}, {"LeftDownVector",0,0x21C3,0},
	{"LeftDownVectorBar",0,0x2959,0}, {"LeftFloor",0,0x230A,0},
	{"LeftRightArrow",0,0x2194,0}, {"LeftRightVector",0,0x294E,0},
	{"LeftTee",0,0x22A3,0}, {"LeftTeeArrow",0,0x21A4,0},
	{"LeftTeeVector",0,0x295A,0}, {"LeftTriangle",0,0x22B2,0},
	{"LeftTriangleBar",0,0x29CF,0}, {"LeftTriangleEqual",0,0x22B4,0},
	{"LeftUpDownVector",0,0x2951,0}, {"LeftUpTeeVector",0,0x2960,0},
	{"LeftUpVector",0,0x21BF,0}, {"LeftUpVectorBar",0,0x2958,0},
	{"LeftVector",0,0x21BC,0}, {"LeftVectorBar",0,0x2952,0},
	{"Leftarrow",0,0x21D0,0}, {"Leftrightarrow",0,0x21D4,0},
	{"LessEqualGreater",0,0x22DA,0}, {"LessFullEqual",0,0x2266,0},
	{"LessGreater",0,0x2276,0}, {"LessLess",0,0x2AA1,0},
	{"LessSlantEqual",0,0x2A7D,0}, {"LessTilde",0,0x2272,0},
	{"Lfr",0,0x1D50F,0}, {"Ll",0,0x22D8,0},
	{"Lleftarrow",0,0x21DA,0}, {"Lmidot",0,0x13F,0},
	{"LongLeftArrow",0,0x27F5,0}, {"LongLeftRightArrow",0,0x27F7,0},
	{"LongRightArrow",0,0x27F6,0}, {"Longleftarrow",0,0x27F8,0},
	{"Longleftrightarrow",0,0x27FA,0}, {"Longrightarrow",0,0x27F9,0},
	{"Lopf",0,0x1D543,0}, {"LowerLeftArrow",0,0x2199,0},
	{"LowerRightArrow",0,0x2198,0}, {"Lscr",0,0x2112,0},
	{"Lsh",0,0x21B0,0}, {"Lstrok",0,0x141,0}, {"Lt",0,0x226A,0},
	{"Map",0,0x2905,0}, {"Mcy",0,0x41C,0},
	{"MediumSpace",0,0x205F,0}, {"Mellintrf",0,0x2133,0},
	{"Mfr",0,0x1D510,0}, {"MinusPlus",0,0x2213,0},
	{"Mopf",0,0x1D544,0}, {"Mscr",0,0x2133,0}, {"Mu",0,0x39C,0},
	{"NJcy",0,0x40A,0}, {"Nacute",0,0x143,0}, {"Ncaron",0,0x147,0},
	{"Ncedil",0,0x145,0}, {"Ncy",0,0x41D,0},
	{"NegativeMediumSpace",0,0x200B,0},
	{"NegativeThickSpace",0,0x200B,0},
	{"NegativeThinSpace",0,0x200B,0},
	{"NegativeVeryThinSpace",0,0x200B,0},
	{"NestedGreaterGreater",0,0x226B,0}, {"NestedLessLess",0,0x226A,0},
	{"NewLine",0,0xA,0}, {"Nfr",0,0x1D511,0}, {"NoBreak",0,0x2060,0},
	{"NonBreakingSpace",0,0xA0,0}, {"Nopf",0,0x2115,0},
	{"Not",0,0x2AEC,0}, {"NotCongruent",0,0x2262,0},
	{"NotCupCap",0,0x226D,0}, {"NotDoubleVerticalBar",0,0x2226,0},
	{"NotElement",0,0x2209,0}, {"NotEqual",0,0x2260,0},
	{"NotEqualTilde",0,0x2242,0x338}, {"NotExists",0,0x2204,0},
	{"NotGreater",0,0x226F,0}, {"NotGreaterEqual",0,0x2271,0},
	{"NotGreaterFullEqual",0,0x2267,0x338},
	{"NotGreaterGreater",0,0x226B,0x338}, {"NotGreaterLess",0,0x2279,0},
	{"NotGreaterSlantEqual",0,0x2A7E,0x338},
	{"NotGreaterTilde",0,0x2275,0}, {"NotHumpDownHump",0,0x224E,0x338},
	{"NotHumpEqual",0,0x224F,0x338}, {"NotLeftTriangle",0,0x22EA,0},
	{"NotLeftTriangleBar",0,0x29CF,0x338},
	{"NotLeftTriangleEqual",0,0x22EC,0}, {"NotLess",0,0x226E,0},
	{"NotLessEqual",0,0x2270,0}, {"NotLessGreater",0,0x2278,0},
	{"NotLessLess",0,0x226A,0x338}, {"NotLessSlantEqual",0,0x2A7D,0x338},
	{"NotLessTilde",0,0x2274,0},
	{"NotNestedGreaterGreater",0,0x2AA2,0x338},
	{"NotNestedLessLess",0,0x2AA1,0x338}, {"NotPrecedes",0,0x2280,0},
	{"NotPrecedesEqual",0,0x2AAF,0x338},
	{"NotPrecedesSlantEqual",0,0x22E0,0},
	{"NotReverseElement",0,0x220C,0}, {"NotRightTriangle",0,0x22EB,0},
	{"NotRightTriangleBar",0,0x29D0,0x338},
	{"NotRightTriangleEqual",0,0x22ED,0},
	{"NotSquareSubset",0,0x228F,0x338},
	{"NotSquareSubsetEqual",0,0x22E2,0},
	{"NotSquareSuperset",0,0x2290,0x338},
	{"NotSquareSupersetEqual",0,0x22E3,0}, {"NotSubset",0,0x2282,0x20D2},
	{"NotSubsetEqual",0,0x2288,0}, {"NotSucceeds",0,0x2281,0},
	{"NotSucceedsEqual",0,0x2AB0,0x338},
	{"NotSucceedsSlantEqual",0,0x22E1,0},
	{"NotSucceedsTilde",0,0x227F,0x338}, {"NotSuperset",0,0x2283,0x20D2},
	{"NotSupersetEqual",0,0x2289,0}, {"NotTilde",0,0x2241,0},
	{"NotTildeEqual",0,0x2244,0}, {"NotTildeFullEqual",0,0x2247,0},
	{"NotTildeTilde",0,0x2249,0}, {"NotVerticalBar",0,0x2224,0},
	{"Nscr",0,0x1D4A9,0}, {"Ntilde",1,0xD1,0}, {"Nu",0,0x39D,0},
	{"OElig",0,0x152,0}, {"Oacute",1,0xD3,0}, {"Ocirc",1,0xD4,0},
	{"Ocy",0,0x41E,0}, {"Odblac",0,0x150,0}, {"Ofr",0,0x1D512,0},
	{"Ograve",1,0xD2,0}, {"Omacr",0,0x14C,0}, {"Omega",0,0x3A9,0},
	{"Omicron",0,0x39F,0}, {"Oopf",0,0x1D546,0},
	{"OpenCurlyDoubleQuote",0,0x201C,0}, {"OpenCurlyQuote",0,0x2018,0},
	{"Or",0,0x2A54,0}, {"Oscr",0,0x1D4AA,0}, {"Oslash",1,0xD8,0},
	{"Otilde",1,0xD5,0}, {"Otimes",0,0x2A37,0}, {"Ouml",1,0xD6,0},
	{"OverBar",0,0x203E,0}, {"OverBrace",0,0x23DE,0},
	{"OverBracket",0,0x23B4,0}, {"OverParenthesis",0,0x23DC,0},
	{"PartialD",0,0x2202,0}, {"Pcy",0,0x41F,0}, {"Pfr",0,0x1D513,0},
	{"Phi",0,0x3A6,0}, {"Pi",0,0x3A0,0}, {"PlusMinus",0,0xB1,0},
	{"Poincareplane",0,0x210C,0}, {"Popf",0,0x2119,0},
	{"Pr",0,0x2ABB,0}, {"Precedes",0,0x227A,0},
	{"PrecedesEqual",0,0x2AAF,0}, {"PrecedesSlantEqual",0,0x227C,0},
	{"PrecedesTilde",0,0x227E,0}, {"Prime",0,0x2033,0},
	{"Product",0,0x220F,0}, {"Proportion",0,0x2237,0},
	{"Proportional",0,0x221D,0}, {"Pscr",0,0x1D4AB,0},
	{"Psi",0,0x3A8,0}, {"QUOT",1,0x22,0}, {"Qfr",0,0x1D514,0},
	{"Qopf",0,0x211A,0}, {"Qscr",0,0x1D4AC,0}, {"RBarr",0,0x2910,0},
	{"REG",1,0xAE,0}, {"Racute",0,0x154,0}, {"Rang",0,0x27EB,0},
	{"Rarr",0,0x21A0,0}, {"Rarrtl",0,0x2916,0}, {"Rcaron",0,0x158,0},
	{"Rcedil",0,0x156,0}, {"Rcy",0,0x420,0}, {"Re",0,0x211C,0},
	{"ReverseElement",0,0x220B,0}, {"ReverseEquilibrium",0,0x21CB,0},
	{"ReverseUpEquilibrium",0,0x296F,0}, {"Rfr",0,0x211C,0},
	{"Rho",0,0x3A1,0}, {"RightAngleBracket",0,0x27E9,0},
	{"RightArrow",0,0x2192,0}, {"RightArrowBar",0,0x21E5,0},
	{"RightArrowLeftArrow",0,0x21C4,0}, {"RightCeiling",0,0x2309,0},
	{"RightDoubleBracket",0,0x27E7,0},
	{"RightDownTeeVector",0,0x295D,0}, {"RightDownVector",0,0x21C2,0},
	{"RightDownVectorBar",0,0x2955,0}, {"RightFloor",0,0x230B,0},
	{"RightTee",0,0x22A2,0}, {"RightTeeArrow",0,0x21A6,0},
	{"RightTeeVector",0,0x295B,0}, {"RightTriangle",0,0x22B3,0},
	{"RightTriangleBar",0,0x29D0,0}, {"RightTriangleEqual",0,0x22B5,0},
	{"RightUpDownVector",0,0x294F,0}, {"RightUpTeeVector",0,0x295C,0},
	{"RightUpVector",0,0x21BE,0}, {"RightUpVectorBar",0,0x2954,0},
	{"RightVector",0,0x21C0,0}, {"RightVectorBar",0,0x2953,0},
	{"Rightarrow",0,0x21D2,0}, {"Ropf",0,0x211D,0},
	{"RoundImplies",0,0x2970,0}, {"Rrightarrow",0,0x21DB,0},
	{"Rscr",0,0x211B,0}, {"Rsh",0,0x21B1,0},
	{"RuleDelayed",0,0x29F4,0}, {"SHCHcy",0,0x429,0},
	{"SHcy",0,0x428,0}, {"SOFTcy",0,0x42C,0}, {"Sacute",0,0x15A,0},
	{"Sc",0,0x2ABC,0}, {"Scaron",0,0x160,0}, {"Scedil",0,0x15E,0},
	{"Scirc",0,0x15C,0}, {"Scy",0,0x421,0}, {"Sfr",0,0x1D516,0},
	{"ShortDownArrow",0,0x2193,0}, {"ShortLeftArrow",0,0x2190,0},
	{"ShortRightArrow",0,0x2192,0}, {"ShortUpArrow",0,0x2191,0},
	{"Sigma",0,0x3A3,0}, {"SmallCircle",0,0x2218,0},
	{"Sopf",0,0x1D54A,0}, {"Sqrt",0,0x221A,0}, {"Square",0,0x25A1,0},
	{"SquareIntersection",0,0x2293,0}, {"SquareSubset",0,0x228F,0},
	{"SquareSubsetEqual",0,0x2291,0}, {"SquareSuperset",0,0x2290,0},
	{"SquareSupersetEqual",0,0x2292,0}, {"SquareUnion",0,0x2294,0},
	{"Sscr",0,0x1D4AE,0}, {"Star",0,0x22C6,0}, {"Sub",0,0x22D0,0},
	{"Subset",0,0x22D0,0}, {"SubsetEqual",0,0x2286,0},
	{"Succeeds",0,0x227B,0}, {"SucceedsEqual",0,0x2AB0,0},
	{"SucceedsSlantEqual",0,0x227D,0}, {"SucceedsTilde",0,0x227F,0},
	{"SuchThat",0,0x220B,0}, {"Sum",0,0x2211,0}, {"Sup",0,0x22D1,0},
	{"Superset",0,0x2283,0}, {"SupersetEqual",0,0x2287,0},
	{"Supset",0,0x22D1,0}, {"THORN",1,0xDE,0}, {"TRADE",0,0x2122,0},
	{"TSHcy",0,0x40B,0}, {"TScy",0,0x426,0}, {"Tab",0,0x9,0},
	{"Tau",0,0x3A4,0}, {"Tcaron",0,0x164,0}, {"Tcedil",0,0x162,0},
	{"Tcy",0,0x422,0}, {"Tfr",0,0x1D517,0}, {"Therefore",0,0x2234,0},
	{"Theta",0,0x398,0}, {"ThickSpace",0,0x205F,0x200A},
	{"ThinSpace",0,0x2009,0}, {"Tilde",0,0x223C,0},
	{"TildeEqual",0,0x2243,0}, {"TildeFullEqual",0,0x2245,0},
	{"TildeTilde",0,0x2248,0}, {"Topf",0,0x1D54B,0},
	{"TripleDot",0,0x20DB,0}, {"Tscr",0,0x1D4AF,0},
	{"Tstrok",0,0x166,0}, {"Uacute",1,0xDA,0}, {"Uarr",0,0x219F,0},
	{"Uarrocir",0,0x2949,0}, {"Ubrcy",0,0x40E,0},
	{"Ubreve",0,0x16C,0}, {"Ucirc",1,0xDB,0}, {"Ucy",0,0x423,0},
	{"Udblac",0,0x170,0}, {"Ufr",0,0x1D518,0}, {"Ugrave",1,0xD9,0},
	{"Umacr",0,0x16A,0}, {"UnderBar",0,0x5F,0},
	{"UnderBrace",0,0x23DF,0}, {"UnderBracket",0,0x23B5,0},
	{"UnderParenthesis",0,0x23DD,0}, {"Union",0,0x22C3,0},
	{"UnionPlus",0,0x228E,0}, {"Uogon",0,0x172,0},
	{"Uopf",0,0x1D54C,0}, {"UpArrow",0,0x2191,0},
	{"UpArrowBar",0,0x2912,0}, {"UpArrowDownArrow",0,0x21C5,0},
	{"UpDownArrow",0,0x2195,0}, {"UpEquilibrium",0,0x296E,0},
	{"UpTee",0,0x22A5,0}, {"UpTeeArrow",0,0x21A5,0},
	{"Uparrow",0,0x21D1,0}, {"Updownarrow",0,0x21D5,0},
	{"UpperLeftArrow",0,0x2196,0}, {"UpperRightArrow",0,0x2197,0},
	{"Upsi",0,0x3D2,0}, {"Upsilon",0,0x3A5,0}, {"Uring",0,0x16E,0},
	{"Uscr",0,0x1D4B0,0}, {"Utilde",0,0x168,0}, {"Uuml",1,0xDC,0},
	{"VDash",0,0x22AB,0}, {"Vbar",0,0x2AEB,0}, {"Vcy",0,0x412,0},
	{"Vdash",0,0x22A9,0}, {"Vdashl",0,0x2AE6,0}, {"Vee",0,0x22C1,0},
	{"Verbar",0,0x2016,0}, {"Vert",0,0x2016,0},
	{"VerticalBar",0,0x2223,0}, {"VerticalLine",0,0x7C,0},
	{"VerticalSeparator",0,0x2758,0}, {"VerticalTilde",0,0x2240,0},
	{"VeryThinSpace",0,0x200A,0}, {"Vfr",0,0x1D519,0},
	{"Vopf",0,0x1D54D,0}, {"Vscr",0,0x1D4B1,0},
	{"Vvdash",0,0x22AA,0}, {"Wcirc",0,0x174,0}, {"Wedge",0,0x22C0,0},
	{"Wfr",0,0x1D51A,0}, {"Wopf",0,0x1D54E,0}, {"Wscr",0,0x1D4B2,0},
	{"Xfr",0,0x1D51B,0}, {"Xi",0,0x39E,0}, {"Xopf",0,0x1D54F,0},
	{"Xscr",0,0x1D4B3,0}, {"YAcy",0,0x42F,0}, {"YIcy",0,0x407,0},
	{"YUcy",0,0x42E,0}, {"Yacute",1,0xDD,0}, {"Ycirc",0,0x176,0},
	{"Ycy",0,0x42B,0}, {"Yfr",0,0x1D51C,0}, {"Yopf",0,0x1D550,0},
	{"Yscr",0,0x1D4B4,0}, {"Yuml",0,0x178,0}, {"ZHcy",0,0x416,0},
	{"Zacute",0,0x179,0}, {"Zcaron",0,0x17D,0}, {"Zcy",0,0x417,0},
	{"Zdot",0,0x17B,0}, {"ZeroWidthSpace",0,0x200B,0},
	{"Zeta",0,0x396,0}, {"Zfr",0,0x2128,0}, {"Zopf",0,0x2124,0},
	{"Zscr",0,0x1D4B5,0}, {"aacute",1,0xE1,0}, {"abreve",0,0x103,0},
	{"ac",0,0x223E,0}, {"acE",0,0x223E,0x333}, {"acd",0,0x223F,0},
	{"acirc",1,0xE2,0}, {"acute",1,0xB4,0}, {"acy",0,0x430,0},
	{"aelig",1,0xE6,0}, {"af",0,0x2061,0}, {"afr",0,0x1D51E,0},
	{"agrave",1,0xE0,0}, {"alefsym",0,0x2135,0},
	{"aleph",0,0x2135,0}, {"alpha",0,0x3B1,0}, {"amacr",0,0x101,0},
	{"amalg",0,0x2A3F,0}, {"amp",1,0x26,0}, {"and",0,0x2227,0},
	{"andand",0,0x2A55,0}, {"andd",0,0x2A5C,0},
	{"andslope",0,0x2A58,0}, {"andv",0,0x2A5A,0}, {"ang",0,0x2220,0},
	{"ange",0,0x29A4,0}, {"angle",0,0x2220,0}, {"angmsd",0,0x2221,0},
	{"angmsdaa",0,0x29A8,0}, {"angmsdab",0,0x29A9,0},
	{"angmsdac",0,0x29AA,0}, {"angmsdad",0,0x29AB,0},
	{"angmsdae",0,0x29AC,0}, {"angmsdaf",0,0x29AD,0},
	{"angmsdag",0,0x29AE,0}, {"angmsdah",0,0x29AF,0},
	{"angrt",0,0x221F,0}, {"angrtvb",0,0x22BE,0},
	{"angrtvbd",0,0x299D,0}, {"angsph",0,0x2222,0},
	{"angst",0,0xC5,0}, {"angzarr",0,0x237C,0}, {"aogon",0,0x105,0},
	{"aopf",0,0x1D552,0}, {"ap",0,0x2248,0}, {"apE",0,0x2A70,0},
	{"apacir",0,0x2A6F,0}, {"ape",0,0x224A,0}, {"apid",0,0x224B,0},
	{"apos",0,0x27,0}, {"approx",0,0x2248,0},
	{"approxeq",0,0x224A,0}, {"aring",1,0xE5,0},
	{"ascr",0,0x1D4B6,0}, {"ast",0,0x2A,0}, {"asymp",0,0x2248,0},
	{"asympeq",0,0x224D,0}, {"atilde",1,0xE3,0}, {"auml",1,0xE4,0},
	{"awconint",0,0x2233,0}, {"awint",0,0x2A11,0},
	{"bNot",0,0x2AED,0}, {"backcong",0,0x224C,0},
	{"backepsilon",0,0x3F6,0}, {"backprime",0,0x2035,0},
	{"backsim",0,0x223D,0}, {"backsimeq",0,0x22CD,0},
	{"barvee",0,0x22BD,0}, {"barwed",0,0x2305,0},
	{"barwedge",0,0x2305,0}, {"bbrk",0,0x23B5,0},
	{"bbrktbrk",0,0x23B6,0}, {"bcong",0,0x224C,0}, {"bcy",0,0x431,0},
	{"bdquo",0,0x201E,0}, {"becaus",0,0x2235,0},
	{"because",0,0x2235,0}, {"bemptyv",0,0x29B0,0},
	{"bepsi",0,0x3F6,0}, {"bernou",0,0x212C,0}, {"beta",0,0x3B2,0},
	{"beth",0,0x2136,0}, {"between",0,0x226C,0}, {"bfr",0,0x1D51F,0},
	{"bigcap",0,0x22C2,0}, {"bigcirc",0,0x25EF,0},
	{"bigcup",0,0x22C3,0}, {"bigodot",0,0x2A00,0},
	{"bigoplus",0,0x2A01,0}, {"bigotimes",0,0x2A02,0},
	{"bigsqcup",0,0x2A06,0}, {"bigstar",0,0x2605,0},
	{"bigtriangledown",0,0x25BD,0}, {"bigtriangleup",0,0x25B3,0},
	{"biguplus",0,0x2A04,0}, {"bigvee",0,0x22C1,0},
	{"bigwedge",0,0x22C0,0}, {"bkarow",0,0x290D,0},
	{"blacklozenge",0,0x29EB,0}, {"blacksquare",0,0x25AA,0},
	{"blacktriangle",0,0x25B4,0}, {"blacktriangledown",0,0x25BE,0},
	{"blacktriangleleft",0,0x25C2,0},
	{"blacktriangleright",0,0x25B8,0}, {"blank",0,0x2423,0},
	{"blk12",0,0x2592,0}, {"blk14",0,0x2591,0}, {"blk34",0,0x2593,0},
	{"block",0,0x2588,0}, {"bne",0,0x3D,0x20E5},
	{"bnequiv",0,0x2261,0x20E5}, {"bnot",0,0x2310,0},
	{"bopf",0,0x1D553,0}, {"bot",0,0x22A5,0}, {"bottom",0,0x22A5,0},
	{"bowtie",0,0x22C8,0}, {"boxDL",0,0x2557,0},
	{"boxDR",0,0x2554,0}, {"boxDl",0,0x2556,0}, {"boxDr",0,0x2553,0},
	{"boxH",0,0x2550,0}, {"boxHD",0,0x2566,0}, {"boxHU",0,0x2569,0},
	{"boxHd",0,0x2564,0}, {"boxHu",0,0x2567,0}, {"boxUL",0,0x255D,0},
	{"boxUR",0,0x255A,0}, {"boxUl",0,0x255C,0}, {"boxUr",0,0x2559,0},
	{"boxV",0,0x2551,0}, {"boxVH",0,0x256C,0}, {"boxVL",0,0x2563,0},
	{"boxVR",0,0x2560,0}, {"boxVh",0,0x256B,0}, {"boxVl",0,0x2562,0},
	{"boxVr",0,0x255F,0}, {"boxbox",0,0x29C9,0},
	{"boxdL",0,0x2555,0}, {"boxdR",0,0x2552,0}, {"boxdl",0,0x2510,0},
	{"boxdr",0,0x250C,0}, {"boxh",0,0x2500,0}, {"boxhD",0,0x2565,0},
	{"boxhU",0,0x2568,0}, {"boxhd",0,0x252C,0}, {"boxhu",0,0x2534,0},
	{"boxminus",0,0x229F,0}, {"boxplus",0,0x229E,0},
	{"boxtimes",0,0x22A0,0}, {"boxuL",0,0x255B,0},
	{"boxuR",0,0x2558,0}, {"boxul",0,0x2518,0}, {"boxur",0,0x2514,0},
	{"boxv",0,0x2502,0}, {"boxvH",0,0x256A,0}, {"boxvL",0,0x2561,0},
	{"boxvR",0,0x255E,0}, {"boxvh",0,0x253C,0}, {"boxvl",0,0x2524,0},
	{"boxvr",0,0x251C,0}, {"bprime",0,0x2035,0}, {"breve",0,0x2D8,0},
	{"brvbar",1,0xA6,0}, {"bscr",0,0x1D4B7,0}, {"bsemi",0,0x204F,0},
	{"bsim",0,0x223D,0}, {"bsime",0,0x22CD,0}, {"bsol",0,0x5C,0},
	{"bsolb",0,0x29C5,0}, {"bsolhsub",0,0x27C8,0},
	{"bull",0,0x2022,0}, {"bullet",0,0x2022,0}, {"bump",0,0x224E,0},
	{"bumpE",0,0x2AAE,0}, {"bumpe",0,0x224F,0},
	{"bumpeq",0,0x224F,0}, {"cacute",0,0x107,0}, {"cap",0,0x2229,0},
	{"capand",0,0x2A44,0}, {"capbrcup",0,0x2A49,0},
	{"capcap",0,0x2A4B,0}, {"capcup",0,0x2A47,0},
	{"capdot",0,0x2A40,0}, {"caps",0,0x2229,0xFE00},
	{"caret",0,0x2041,0}, {"caron",0,0x2C7,0}, {"ccaps",0,0x2A4D,0},
	{"ccaron",0,0x10D,0}, {"ccedil",1,0xE7,0}, {"ccirc",0,0x109,0},
	{"ccups",0,0x2A4C,0}, {"ccupssm",0,0x2A50,0}, {"cdot",0,0x10B,0},
	{"cedil",1,0xB8,0}, {"cemptyv",0,0x29B2,0}, {"cent",1,0xA2,0},
	{"centerdot",0,0xB7,0}, {"cfr",0,0x1D520,0}, {"chcy",0,0x447,0},
	{"check",0,0x2713,0}, {"checkmark",0,0x2713,0},
	{"chi",0,0x3C7,0}, {"cir",0,0x25CB,0}, {"cirE",0,0x29C3,0},
	{"circ",0,0x2C6,0}, {"circeq",0,0x2257,0},
	{"circlearrowleft",0,0x21BA,0}, {"circlearrowright",0,0x21BB,0},
	{"circledR",0,0xAE,0}, {"circledS",0,0x24C8,0},
	{"circledast",0,0x229B,0}, {"circledcirc",0,0x229A,0},
	{"circleddash",0,0x229D,0}, {"cire",0,0x2257,0},
	{"cirfnint",0,0x2A10,0}, {"cirmid",0,0x2AEF,0},
	{"cirscir",0,0x29C2,0}, {"clubs",0,0x2663,0},
	{"clubsuit",0,0x2663,0}, {"colon",0,0x3A,0},
	{"colone",0,0x2254,0}, {"coloneq",0,0x2254,0},
	{"comma",0,0x2C,0}, {"commat",0,0x40,0}, {"comp",0,0x2201,0},
	{"compfn",0,0x2218,0}, {"complement",0,0x2201,0},
	{"complexes",0,0x2102,0}, {"cong",0,0x2245,0},
	{"congdot",0,0x2A6D,0}, {"conint",0,0x222E,0},
	{"copf",0,0x1D554,0}, {"coprod",0,0x2210,0}, {"copy",1,0xA9,0},
	{"copysr",0,0x2117,0}, {"crarr",0,0x21B5,0},
	{"cross",0,0x2717,0}, {"cscr",0,0x1D4B8,0}, {"csub",0,0x2ACF,0},
	{"csube",0,0x2AD1,0}, {"csup",0,0x2AD0,0}, {"csupe",0,0x2AD2,0},
	{"ctdot",0,0x22EF,0}, {"cudarrl",0,0x2938,0},
	{"cudarrr",0,0x2935,0}, {"cuepr",0,0x22DE,0},
	{"cuesc",0,0x22DF,0}, {"cularr",0,0x21B6,0},
	{"cularrp",0,0x293D,0}, {"cup",0,0x222A,0},
	{"cupbrcap",0,0x2A48,0}, {"cupcap",0,0x2A46,0},
	{"cupcup",0,0x2A4A,0}, {"cupdot",0,0x228D,0},
	{"cupor",0,0x2A45,0}, {"cups",0,0x222A,0xFE00},
	{"curarr",0,0x21B7,0}, {"curarrm",0,0x293C,0},
	{"curlyeqprec",0,0x22DE,0}, {"curlyeqsucc",0,0x22DF,0},
	{"curlyvee",0,0x22CE,0}, {"curlywedge",0,0x22CF,0},
	{"curren",1,0xA4,0}, {"curvearrowleft",0,0x21B6,0},
	{"curvearrowright",0,0x21B7,0}, {"cuvee",0,0x22CE,0},
	{"cuwed",0,0x22CF,0}, {"cwconint",0,0x2232,0},
	{"cwint",0,0x2231,0}, {"cylcty",0,0x232D,0}, {"dArr",0,0x21D3,0},
	{"dHar",0,0x2965,0}, {"dagger",0,0x2020,0},
	{"daleth",0,0x2138,0}, {"darr",0,0x2193,0}, {"dash",0,0x2010,0},
	{"dashv",0,0x22A3,0}, {"dbkarow",0,0x290F,0},
	{"dblac",0,0x2DD,0}, {"dcaron",0,0x10F,0}, {"dcy",0,0x434,0},
	{"dd",0,0x2146,0}, {"ddagger",0,0x2021,0}, {"ddarr",0,0x21CA,0},
	{"ddotseq",0,0x2A77,0}, {"deg",1,0xB0,0}, {"delta",0,0x3B4,0},
	{"demptyv",0,0x29B1,0}, {"dfisht",0,0x297F,0},
	{"dfr",0,0x1D521,0}, {"dharl",0,0x21C3,0}, {"dharr",0,0x21C2,0},
	{"diam",0,0x22C4,0}, {"diamond",0,0x22C4,0},
	{"diamondsuit",0,0x2666,0}, {"diams",0,0x2666,0},
	{"die",0,0xA8,0}, {"digamma",0,0x3DD,0}, {"disin",0,0x22F2,0},
	{"div",0,0xF7,0}, {"divide",1,0xF7,0},
	{"divideontimes",0,0x22C7,0}, {"divonx",0,0x22C7,0},
	{"djcy",0,0x452,0}, {"dlcorn",0,0x231E,0}, {"dlcrop",0,0x230D,0},
	{"dollar",0,0x24,0}, {"dopf",0,0x1D555,0}, {"dot",0,0x2D9,0},
	{"doteq",0,0x2250,0}, {"doteqdot",0,0x2251,0},
	{"dotminus",0,0x2238,0}, {"dotplus",0,0x2214,0},
	{"dotsquare",0,0x22A1,0}, {"doublebarwedge",0,0x2306,0},
	{"downarrow",0,0x2193,0}, {"downdownarrows",0,0x21CA,0},
	{"downharpoonleft",0,0x21C3,0}, {"downharpoonright",0,0x21C2,0},
	{"drbkarow",0,0x2910,0}, {"drcorn",0,0x231F,0},
	{"drcrop",0,0x230C,0}, {"dscr",0,0x1D4B9,0}, {"dscy",0,0x455,0},
	{"dsol",0,0x29F6,0}, {"dstrok",0,0x111,0}, {"dtdot",0,0x22F1,0},
	{"dtri",0,0x25BF,0}, {"dtrif",0,0x25BE,0}, {"duarr",0,0x21F5,0},
	{"duhar",0,0x296F,0}, {"dwangle",0,0x29A6,0}, {"dzcy",0,0x45F,0},
	{"dzigrarr",0,0x27FF,0}, {"eDDot",0,0x2A77,0},
	{"eDot",0,0x2251,0}, {"eacute",1,0xE9,0}, {"easter",0,0x2A6E,0},
	{"ecaron",0,0x11B,0}, {"ecir",0,0x2256,0}, {"ecirc",1,0xEA,0},
	{"ecolon",0,0x2255,0}, {"ecy",0,0x44D,0}, {"edot",0,0x117,0},
	{"ee",0,0x2147,0}, {"efDot",0,0x2252,0}, {"efr",0,0x1D522,0},
	{"eg",0,0x2A9A,0}, {"egrave",1,0xE8,0}, {"egs",0,0x2A96,0},
	{"egsdot",0,0x2A98,0}, {"el",0,0x2A99,0},
	{"elinters",0,0x23E7,0}, {"ell",0,0x2113,0}, {"els",0,0x2A95,0},
	{"elsdot",0,0x2A97,0}, {"emacr",0,0x113,0}, {"empty",0,0x2205,0},
	{"emptyset",0,0x2205,0}, {"emptyv",0,0x2205,0},
	{"emsp",0,0x2003,0}, {"emsp13",0,0x2004,0},
	{"emsp14",0,0x2005,0}, {"eng",0,0x14B,0}, {"ensp",0,0x2002,0},
	{"eogon",0,0x119,0}, {"eopf",0,0x1D556,0}, {"epar",0,0x22D5,0},
	{"eparsl",0,0x29E3,0}, {"eplus",0,0x2A71,0}, {"epsi",0,0x3B5,0},
	{"epsilon",0,0x3B5,0}, {"epsiv",0,0x3F5,0},
	{"eqcirc",0,0x2256,0}, {"eqcolon",0,0x2255,0},
	{"eqsim",0,0x2242,0}, {"eqslantgtr",0,0x2A96,0},
	{"eqslantless",0,0x2A95,0}, {"equals",0,0x3D,0},
	{"equest",0,0x225F,0}, {"equiv",0,0x2261,0},
	{"equivDD",0,0x2A78,0}, {"eqvparsl",0,0x29E5,0},
	{"erDot",0,0x2253,0}, {"erarr",0,0x2971,0}, {"escr",0,0x212F,0},
	{"esdot",0,0x2250,0}, {"esim",0,0x2242,0}, {"eta",0,0x3B7,0},
	{"eth",1,0xF0,0}, {"euml",1,0xEB,0}, {"euro",0,0x20AC,0},
	{"excl",0,0x21,0}, {"exist",0,0x2203,0},
	{"expectation",0,0x2130,0}, {"exponentiale",0,0x2147,0},
	{"fallingdotseq",0,0x2252,0}, {"fcy",0,0x444,0},
	{"female",0,0x2640,0}, {"ffilig",0,0xFB03,0},
	{"fflig",0,0xFB00,0}, {"ffllig",0,0xFB04,0}, {"ffr",0,0x1D523,0},
	{"filig",0,0xFB01,0}, {"fjlig",0,0x66,0x6A}, {"flat",0,0x266D,0},
	{"fllig",0,0xFB02,0}, {"fltns",0,0x25B1,0}, {"fnof",0,0x192,0},
	{"fopf",0,0x1D557,0}, {"forall",0,0x2200,0}, {"fork",0,0x22D4,0},
	{"forkv",0,0x2AD9,0}, {"fpartint",0,0x2A0D,0},
	{"frac12",1,0xBD,0}, {"frac13",0,0x2153,0}, {"frac14",1,0xBC,0},
	{"frac15",0,0x2155,0}, {"frac16",0,0x2159,0},
	{"frac18",0,0x215B,0}, {"frac23",0,0x2154,0},
	{"frac25",0,0x2156,0}, {"frac34",1,0xBE,0},
	{"frac35",0,0x2157,0}, {"frac38",0,0x215C,0},
	{"frac45",0,0x2158,0}, {"frac56",0,0x215A,0},
	{"frac58",0,0x215D,0}, {"frac78",0,0x215E,0},
	{"frasl",0,0x2044,0}, {"frown",0,0x2322,0}, {"fscr",0,0x1D4BB,0},
	{"gE",0,0x2267,0}, {"gEl",0,0x2A8C,0}, {"gacute",0,0x1F5,0},
	{"gamma",0,0x3B3,0}, {"gammad",0,0x3DD,0}, {"gap",0,0x2A86,0},
	{"gbreve",0,0x11F,0}, {"gcirc",0,0x11D,0}, {"gcy",0,0x433,0},
	{"gdot",0,0x121,0}, {"ge",0,0x2265,0}, {"gel",0,0x22DB,0},
	{"geq",0,0x2265,0}, {"geqq",0,0x2267,0}, {"geqslant",0,0x2A7E,0},
	{"ges",0,0x2A7E,0}, {"gescc",0,0x2AA9,0}, {"gesdot",0,0x2A80,0},
	{"gesdoto",0,0x2A82,0}, {"gesdotol",0,0x2A84,0},
	{"gesl",0,0x22DB,0xFE00}, {"gesles",0,0x2A94,0},
	{"gfr",0,0x1D524,0}, {"gg",0,0x226B,0}, {"ggg",0,0x22D9,0},
	{"gimel",0,0x2137,0}, {"gjcy",0,0x453,0}, {"gl",0,0x2277,0},
	{"glE",0,0x2A92,0}, {"gla",0,0x2AA5,0}, {"glj",0,0x2AA4,0},
	{"gnE",0,0x2269,0}, {"gnap",0,0x2A8A,0}, {"gnapprox",0,0x2A8A,0},
	{"gne",0,0x2A88,0}, {"gneq",0,0x2A88,0}, {"gneqq",0,0x2269,0},
	{"gnsim",0,0x22E7,0}, {"gopf",0,0x1D558,0}, {"grave",0,0x60,0},
	{"gscr",0,0x210A,0}, {"gsim",0,0x2273,0}, {"gsime",0,0x2A8E,0},
	{"gsiml",0,0x2A90,0}, {"gt",1,0x3E,0}, {"gtcc",0,0x2AA7,0},
	{"gtcir",0,0x2A7A,0}, {"gtdot",0,0x22D7,0},
	{"gtlPar",0,0x2995,0}, {"gtquest",0,0x2A7C,0},
	{"gtrapprox",0,0x2A86,0}, {"gtrarr",0,0x2978,0},
	{"gtrdot",0,0x22D7,0}, {"gtreqless",0,0x22DB,0},
	{"gtreqqless",0,0x2A8C,0}, {"gtrless",0,0x2277,0},
	{"gtrsim",0,0x2273,0}, {"gvertneqq",0,0x2269,0xFE00},
	{"gvnE",0,0x2269,0xFE00}, {"hArr",0,0x21D4,0},
	{"hairsp",0,0x200A,0}, {"half",0,0xBD,0}, {"hamilt",0,0x210B,0},
	{"hardcy",0,0x44A,0}, {"harr",0,0x2194,0},
	{"harrcir",0,0x2948,0}, {"harrw",0,0x21AD,0},
	{"hbar",0,0x210F,0}, {"hcirc",0,0x125,0}, {"hearts",0,0x2665,0},
	{"heartsuit",0,0x2665,0}, {"hellip",0,0x2026,0},
	{"hercon",0,0x22B9,0}, {"hfr",0,0x1D525,0},
	{"hksearow",0,0x2925,0}, {"hkswarow",0,0x2926,0},
	{"hoarr",0,0x21FF,0}, {"homtht",0,0x223B,0},
	{"hookleftarrow",0,0x21A9,0}, {"hookrightarrow",0,0x21AA,0},
	{"hopf",0,0x1D559,0}, {"horbar",0,0x2015,0},
	{"hscr",0,0x1D4BD,0}, {"hslash",0,0x210F,0},
	{"hstrok",0,0x127,0}, {"hybull",0,0x2043,0},
	{"hyphen",0,0x2010,0}, {"iacute",1,0xED,0}, {"ic",0,0x2063,0},
	{"icirc",1,0xEE,0}, {"icy",0,0x438,0}, {"iecy",0,0x435,0},
	{"iexcl",1,0xA1,0}, {"iff",0,0x21D4,0}, {"ifr",0,0x1D526,0},
	{"igrave",1,0xEC,0}, {"ii",0,0x2148,0}, {"iiiint",0,0x2A0C,0},
	{"iiint",0,0x222D,0}, {"iinfin",0,0x29DC,0},
	{"iiota",0,0x2129,0}, {"ijlig",0,0x133,0}, {"imacr",0,0x12B,0},
	{"image",0,0x2111,0}, {"imagline",0,0x2110,0},
	{"imagpart",0,0x2111,0}, {"imath",0,0x131,0},
	{"imof",0,0x22B7,0}, {"imped",0,0x1B5,0}, {"in",0,0x2208,0},
	{"incare",0,0x2105,0}, {"infin",0,0x221E,0},
	{"infintie",0,0x29DD,0}, {"inodot",0,0x131,0},
	{"int",0,0x222B,0}, {"intcal",0,0x22BA,0},
	{"integers",0,0x2124,0}, {"intercal",0,0x22BA,0},
	{"intlarhk",0,0x2A17,0}, {"intprod",0,0x2A3C,0},
	{"iocy",0,0x451,0}, {"iogon",0,0x12F,0}, {"iopf",0,0x1D55A,0},
	{"iota",0,0x3B9,0}, {"iprod",0,0x2A3C,0}, {"iquest",1,0xBF,0},
	{"iscr",0,0x1D4BE,0}, {"isin",0,0x2208,0}, {"isinE",0,0x22F9,0},
	{"isindot",0,0x22F5,0}, {"isins",0,0x22F4,0},
	{"isinsv",0,0x22F3,0}, {"isinv",0,0x2208,0}, {"it",0,0x2062,0},
	{"itilde",0,0x129,0}, {"iukcy",0,0x456,0}, {"iuml",1,0xEF,0},
	{"jcirc",0,0x135,0}, {"jcy",0,0x439,0}, {"jfr",0,0x1D527,0},
	{"jmath",0,0x237,0}, {"jopf",0,0x1D55B,0}, {"jscr",0,0x1D4BF,0},
	{"jsercy",0,0x458,0}, {"jukcy",0,0x454,0}, {"kappa",0,0x3BA,0},
	{"kappav",0,0x3F0,0}, {"kcedil",0,0x137,0}, {"kcy",0,0x43A,0},
	{"kfr",0,0x1D528,0}, {"kgreen",0,0x138,0}, {"khcy",0,0x445,0},
	{"kjcy",0,0x45C,0}, {"kopf",0,0x1D55C,0}, {"kscr",0,0x1D4C0,0},
	{"lAarr",0,0x21DA,0}, {"lArr",0,0x21D0,0}, {"lAtail",0,0x291B,0},
	{"lBarr",0,0x290E,0}, {"lE",0,0x2266,0}, {"lEg",0,0x2A8B,0},
	{"lHar",0,0x2962,0}, {"lacute",0,0x13A,0},
	{"laemptyv",0,0x29B4,0}, {"lagran",0,0x2112,0},
	{"lambda",0,0x3BB,0}, {"lang",0,0x27E8,0}, {"langd",0,0x2991,0},
	{"langle",0,0x27E8,0}, {"lap",0,0x2A85,0}, {"laquo",1,0xAB,0},
	{"larr",0,0x2190,0}, {"larrb",0,0x21E4,0},
	{"larrbfs",0,0x291F,0}, {"larrfs",0,0x291D,0},
	{"larrhk",0,0x21A9,0}, {"larrlp",0,0x21AB,0},
	{"larrpl",0,0x2939,0}, {"larrsim",0,0x2973,0},
	{"larrtl",0,0x21A2,0}, {"lat",0,0x2AAB,0}, {"latail",0,0x2919,0},
	{"late",0,0x2AAD,0}, {"lates",0,0x2AAD,0xFE00},
	{"lbarr",0,0x290C,0}, {"lbbrk",0,0x2772,0}, {"lbrace",0,0x7B,0},
	{"lbrack",0,0x5B,0}, {"lbrke",0,0x298B,0},
	{"lbrksld",0,0x298F,0}, {"lbrkslu",0,0x298D,0},
	{"lcaron",0,0x13E,0}, {"lcedil",0,0x13C,0}, {"lceil",0,0x2308,0},
	{"lcub",0,0x7B,0}, {"lcy",0,0x43B,0}, {"ldca",0,0x2936,0},
	{"ldquo",0,0x201C,0}, {"ldquor",0,0x201E,0},
	{"ldrdhar",0,0x2967,0}, {"ldrushar",0,0x294B,0},
	{"ldsh",0,0x21B2,0}, {"le",0,0x2264,0}, {"leftarrow",0,0x2190,0},
	{"leftarrowtail",0,0x21A2,0}, {"leftharpoondown",0,0x21BD,0},
	{"leftharpoonup",0,0x21BC,0}, {"leftleftarrows",0,0x21C7,0},
	{"leftrightarrow",0,0x2194,0}, {"leftrightarrows",0,0x21C6,0},
	{"leftrightharpoons",0,0x21CB,0},
	{"leftrightsquigarrow",0,0x21AD,0}, {"leftthreetimes",0,0x22CB,0},
	{"leg",0,0x22DA,0}, {"leq",0,0x2264,0}, {"leqq",0,0x2266,0},
	{"leqslant",0,0x2A7D,0}, {"les",0,0x2A7D,0},
	{"lescc",0,0x2AA8,0}, {"lesdot",0,0x2A7F,0},
	{"lesdoto",0,0x2A81,0}, {"lesdotor",0,0x2A83,0},
	{"lesg",0,0x22DA,0xFE00}, {"lesges",0,0x2A93,0},
	{"lessapprox",0,0x2A85,0}, {"lessdot",0,0x22D6,0},
	{"lesseqgtr",0,0x22DA,0}, {"lesseqqgtr",0,0x2A8B,0},
	{"lessgtr",0,0x2276,0}, {"lesssim",0,0x2272,0},
	{"lfisht",0,0x297C,0}, {"lfloor",0,0x230A,0},
	{"lfr",0,0x1D529,0}, {"lg",0,0x2276,0}, {"lgE",0,0x2A91,0},
	{"lhard",0,0x21BD,0}, {"lharu",0,0x21BC,0},
	{"lharul",0,0x296A,0}, {"lhblk",0,0x2584,0}, {"ljcy",0,0x459,0},
	{"ll",0,0x226A,0}, {"llarr",0,0x21C7,0}, {"llcorner",0,0x231E,0},
	{"llhard",0,0x296B,0}, {"lltri",0,0x25FA,0},
	{"lmidot",0,0x140,0}, {"lmoust",0,0x23B0,0},
	{"lmoustache",0,0x23B0,0}, {"lnE",0,0x2268,0},
	{"lnap",0,0x2A89,0}, {"lnapprox",0,0x2A89,0}, {"lne",0,0x2A87,0},
	{"lneq",0,0x2A87,0}, {"lneqq",0,0x2268,0}, {"lnsim",0,0x22E6,0},
	{"loang",0,0x27EC,0}, {"loarr",0,0x21FD,0}, {"lobrk",0,0x27E6,0},
	{"longleftarrow",0,0x27F5,0}, {"longleftrightarrow",0,0x27F7,0},
	{"longmapsto",0,0x27FC,0}, {"longrightarrow",0,0x27F6,0},
	{"looparrowleft",0,0x21AB,0}, {"looparrowright",0,0x21AC,0},
	{"lopar",0,0x2985,0}, {"lopf",0,0x1D55D,0},
	{"loplus",0,0x2A2D,0}, {"lotimes",0,0x2A34,0},
	{"lowast",0,0x2217,0}, {"lowbar",0,0x5F,0}, {"loz",0,0x25CA,0},
	{"lozenge",0,0x25CA,0}, {"lozf",0,0x29EB,0}, {"lpar",0,0x28,0},
	{"lparlt",0,0x2993,0}, {"lrarr",0,0x21C6,0},
	{"lrcorner",0,0x231F,0}, {"lrhar",0,0x21CB,0},
	{"lrhard",0,0x296D,0}, {"lrm",0,0x200E,0}, {"lrtri",0,0x22BF,0},
	{"lsaquo",0,0x2039,0}, {"lscr",0,0x1D4C1,0}, {"lsh",0,0x21B0,0},
	{"lsim",0,0x2272,0}, {"lsime",0,0x2A8D,0}, {"lsimg",0,0x2A8F,0},
	{"lsqb",0,0x5B,0}, {"lsquo",0,0x2018,0}, {"lsquor",0,0x201A,0},
	{"lstrok",0,0x142,0}, {"lt",1,0x3C,0}, {"ltcc",0,0x2AA6,0},
	{"ltcir",0,0x2A79,0}, {"ltdot",0,0x22D6,0},
	{"lthree",0,0x22CB,0}, {"ltimes",0,0x22C9,0},
	{"ltlarr",0,0x2976,0}, {"ltquest",0,0x2A7B,0},
	{"ltrPar",0,0x2996,0}, {"ltri",0,0x25C3,0}, {"ltrie",0,0x22B4,0},
	{"ltrif",0,0x25C2,0}, {"lurdshar",0,0x294A,0},
	{"luruhar",0,0x2966,0}, {"lvertneqq",0,0x2268,0xFE00},
	{"lvnE",0,0x2268,0xFE00}, {"mDDot",0,0x223A,0}, {"macr",1,0xAF,0},
	{"male",0,0x2642,0}, {"malt",0,0x2720,0}, {"maltese",0,0x2720,0},
	{"map",0,0x21A6,0}, {"mapsto",0,0x21A6,0},
	{"mapstodown",0,0x21A7,0}, {"mapstoleft",0,0x21A4,0},
	{"mapstoup",0,0x21A5,0}, {"marker",0,0x25AE,0},
	{"mcomma",0,0x2A29,0}, {"mcy",0,0x43C,0}, {"mdash",0,0x2014,0},
	{"measuredangle",0,0x2221,0}, {"mfr",0,0x1D52A,0},
	{"mho",0,0x2127,0}, {"micro",1,0xB5,0}, {"mid",0,0x2223,0},
	{"midast",0,0x2A,0}, {"midcir",0,0x2AF0,0}, {"middot",1,0xB7,0},
	{"minus",0,0x2212,0}, {"minusb",0,0x229F,0},
	{"minusd",0,0x2238,0}, {"minusdu",0,0x2A2A,0},
	{"mlcp",0,0x2ADB,0}, {"mldr",0,0x2026,0}, {"mnplus",0,0x2213,0},
	{"models",0,0x22A7,0}, {"mopf",0,0x1D55E,0}, {"mp",0,0x2213,0},
	{"mscr",0,0x1D4C2,0}, {"mstpos",0,0x223E,0}, {"mu",0,0x3BC,0},
	{"multimap",0,0x22B8,0}, {"mumap",0,0x22B8,0},
	{"nGg",0,0x22D9,0x338}, {"nGt",0,0x226B,0x20D2},
	{"nGtv",0,0x226B,0x338}, {"nLeftarrow",0,0x21CD,0},
	{"nLeftrightarrow",0,0x21CE,0}, {"nLl",0,0x22D8,0x338},
	{"nLt",0,0x226A,0x20D2}, {"nLtv",0,0x226A,0x338},
	{"nRightarrow",0,0x21CF,0}, {"nVDash",0,0x22AF,0},
	{"nVdash",0,0x22AE,0}, {"nabla",0,0x2207,0},
	{"nacute",0,0x144,0}, {"nang",0,0x2220,0x20D2}, {"nap",0,0x2249,0},
	{"napE",0,0x2A70,0x338}, {"napid",0,0x224B,0x338},
	{"napos",0,0x149,0}, {"napprox",0,0x2249,0},
	{"natur",0,0x266E,0}, {"natural",0,0x266E,0},
	{"naturals",0,0x2115,0}, {"nbsp",1,0xA0,0},
	{"nbump",0,0x224E,0x338}, {"nbumpe",0,0x224F,0x338},
	{"ncap",0,0x2A43,0}, {"ncaron",0,0x148,0}, {"ncedil",0,0x146,0},
	{"ncong",0,0x2247,0}, {"ncongdot",0,0x2A6D,0x338},
	{"ncup",0,0x2A42,0}, {"ncy",0,0x43D,0}, {"ndash",0,0x2013,0},
	{"ne",0,0x2260,0}, {"neArr",0,0x21D7,0}, {"nearhk",0,0x2924,0},
	{"nearr",0,0x2197,0}, {"nearrow",0,0x2197,0},
	{"nedot",0,0x2250,0x338}, {"nequiv",0,0x2262,0},
	{"nesear",0,0x2928,0}, {"nesim",0,0x2242,0x338},
	{"nexist",0,0x2204,0}, {"nexists",0,0x2204,0},
	{"nfr",0,0x1D52B,0}, {"ngE",0,0x2267,0x338}, {"nge",0,0x2271,0},
	{"ngeq",0,0x2271,0}, {"ngeqq",0,0x2267,0x338},
	{"ngeqslant",0,0x2A7E,0x338}, {"nges",0,0x2A7E,0x338},
	{"ngsim",0,0x2275,0}, {"ngt",0,0x226F,0}, {"ngtr",0,0x226F,0},
	{"nhArr",0,0x21CE,0}, {"nharr",0,0x21AE,0}, {"nhpar",0,0x2AF2,0},
	{"ni",0,0x220B,0}, {"nis",0,0x22FC,0}, {"nisd",0,0x22FA,0},
	{"niv",0,0x220B,0}, {"njcy",0,0x45A,0}, {"nlArr",0,0x21CD,0},
	{"nlE",0,0x2266,0x338}, {"nlarr",0,0x219A,0}, {"nldr",0,0x2025,0},
	{"nle",0,0x2270,0}, {"nleftarrow",0,0x219A,0},
	{"nleftrightarrow",0,0x21AE,0}, {"nleq",0,0x2270,0},
	{"nleqq",0,0x2266,0x338}, {"nleqslant",0,0x2A7D,0x338},
	{"nles",0,0x2A7D,0x338}, {"nless",0,0x226E,0},
	{"nlsim",0,0x2274,0}, {"nlt",0,0x226E,0}, {"nltri",0,0x22EA,0},
	{"nltrie",0,0x22EC,0}, {"nmid",0,0x2224,0}, {"nopf",0,0x1D55F,0},
	{"not",1,0xAC,0}, {"notin",0,0x2209,0}, {"notinE",0,0x22F9,0x338},
	{"notindot",0,0x22F5,0x338}, {"notinva",0,0x2209,0},
	{"notinvb",0,0x22F7,0}, {"notinvc",0,0x22F6,0},
	{"notni",0,0x220C,0}, {"notniva",0,0x220C,0},
	{"notnivb",0,0x22FE,0}, {"notnivc",0,0x22FD,0},
	{"npar",0,0x2226,0}, {"nparallel",0,0x2226,0},
	{"nparsl",0,0x2AFD,0x20E5}, {"npart",0,0x2202,0x338},
	{"npolint",0,0x2A14,0}, {"npr",0,0x2280,0},
	{"nprcue",0,0x22E0,0}, {"npre",0,0x2AAF,0x338},
	{"nprec",0,0x2280,0}, {"npreceq",0,0x2AAF,0x338},
	{"nrArr",0,0x21CF,0}, {"nrarr",0,0x219B,0},
	{"nrarrc",0,0x2933,0x338}, {"nrarrw",0,0x219D,0x338},
	{"nrightarrow",0,0x219B,0}, {"nrtri",0,0x22EB,0},
	{"nrtrie",0,0x22ED,0}, {"nsc",0,0x2281,0}, {"nsccue",0,0x22E1,0},
	{"nsce",0,0x2AB0,0x338}, {"nscr",0,0x1D4C3,0},
	{"nshortmid",0,0x2224,0}, {"nshortparallel",0,0x2226,0},
	{"nsim",0,0x2241,0}, {"nsime",0,0x2244,0}, {"nsimeq",0,0x2244,0},
	{"nsmid",0,0x2224,0}, {"nspar",0,0x2226,0},
	{"nsqsube",0,0x22E2,0}, {"nsqsupe",0,0x22E3,0},
	{"nsub",0,0x2284,0}, {"nsubE",0,0x2AC5,0x338},
	{"nsube",0,0x2288,0}, {"nsubset",0,0x2282,0x20D2},
	{"nsubseteq",0,0x2288,0}, {"nsubseteqq",0,0x2AC5,0x338},
	{"nsucc",0,0x2281,0}, {"nsucceq",0,0x2AB0,0x338},
	{"nsup",0,0x2285,0}, {"nsupE",0,0x2AC6,0x338},
	{"nsupe",0,0x2289,0}, {"nsupset",0,0x2283,0x20D2},
	{"nsupseteq",0,0x2289,0}, {"nsupseteqq",0,0x2AC6,0x338},
	{"ntgl",0,0x2279,0}, {"ntilde",1,0xF1,0}, {"ntlg",0,0x2278,0},
	{"ntriangleleft",0,0x22EA,0}, {"ntrianglelefteq",0,0x22EC,0},
	{"ntriangleright",0,0x22EB,0}, {"ntrianglerighteq",0,0x22ED,0},
	{"nu",0,0x3BD,0}, {"num",0,0x23,0}, {"numero",0,0x2116,0},
	{"numsp",0,0x2007,0}, {"nvDash",0,0x22AD,0},
	{"nvHarr",0,0x2904,0}, {"nvap",0,0x224D,0x20D2},
	{"nvdash",0,0x22AC,0}, {"nvge",0,0x2265,0x20D2},
	{"nvgt",0,0x3E,0x20D2}, {"nvinfin",0,0x29DE,0},
	{"nvlArr",0,0x2902,0}, {"nvle",0,0x2264,0x20D2},
	{"nvlt",0,0x3C,0x20D2}, {"nvltrie",0,0x22B4,0x20D2},
	{"nvrArr",0,0x2903,0}, {"nvrtrie",0,0x22B5,0x20D2},
	{"nvsim",0,0x223C,0x20D2}, {"nwArr",0,0x21D6,0},
	{"nwarhk",0,0x2923,0}, {"nwarr",0,0x2196,0},
	{"nwarrow",0,0x2196,0}, {"nwnear",0,0x2927,0}, {"oS",0,0x24C8,0},
	{"oacute",1,0xF3,0}, {"oast",0,0x229B,0}, {"ocir",0,0x229A,0},
	{"ocirc",1,0xF4,0}, {"ocy",0,0x43E,0}, {"odash",0,0x229D,0},
	{"odblac",0,0x151,0}, {"odiv",0,0x2A38,0}, {"odot",0,0x2299,0},
	{"odsold",0,0x29BC,0}, {"oelig",0,0x153,0}, {"ofcir",0,0x29BF,0},
	{"ofr",0,0x1D52C,0}, {"ogon",0,0x2DB,0}, {"ograve",1,0xF2,0},
	{"ogt",0,0x29C1,0}, {"ohbar",0,0x29B5,0}, {"ohm",0,0x3A9,0},
	{"oint",0,0x222E,0}, {"olarr",0,0x21BA,0}, {"olcir",0,0x29BE,0},
	{"olcross",0,0x29BB,0}, {"oline",0,0x203E,0}, {"olt",0,0x29C0,0},
	{"omacr",0,0x14D,0}, {"omega",0,0x3C9,0}, {"omicron",0,0x3BF,0},
	{"omid",0,0x29B6,0}, {"ominus",0,0x2296,0}, {"oopf",0,0x1D560,0},
	{"opar",0,0x29B7,0}, {"operp",0,0x29B9,0}, {"oplus",0,0x2295,0},
	{"or",0,0x2228,0}, {"orarr",0,0x21BB,0}, {"ord",0,0x2A5D,0},
	{"order",0,0x2134,0}, {"orderof",0,0x2134,0}, {"ordf",1,0xAA,0},
	{"ordm",1,0xBA,0}, {"origof",0,0x22B6,0}, {"oror",0,0x2A56,0},
	{"orslope",0,0x2A57,0}, {"orv",0,0x2A5B,0}, {"oscr",0,0x2134,0},
	{"oslash",1,0xF8,0}, {"osol",0,0x2298,0}, {"otilde",1,0xF5,0},
	{"otimes",0,0x2297,0}, {"otimesas",0,0x2A36,0},
	{"ouml",1,0xF6,0}, {"ovbar",0,0x233D,0}, {"par",0,0x2225,0},
	{"para",1,0xB6,0}, {"parallel",0,0x2225,0},
	{"parsim",0,0x2AF3,0}, {"parsl",0,0x2AFD,0}, {"part",0,0x2202,0},
	{"pcy",0,0x43F,0}, {"percnt",0,0x25,0}, {"period",0,0x2E,0},
	{"permil",0,0x2030,0}, {"perp",0,0x22A5,0},
	{"pertenk",0,0x2031,0}, {"pfr",0,0x1D52D,0}, {"phi",0,0x3C6,0},
	{"phiv",0,0x3D5,0}, {"phmmat",0,0x2133,0}, {"phone",0,0x260E,0},
	{"pi",0,0x3C0,0}, {"pitchfork",0,0x22D4,0}, {"piv",0,0x3D6,0},
	{"planck",0,0x210F,0}, {"planckh",0,0x210E,0},
	{"plankv",0,0x210F,0}, {"plus",0,0x2B,0},
	{"plusacir",0,0x2A23,0}, {"plusb",0,0x229E,0},
	{"pluscir",0,0x2A22,0}, {"plusdo",0,0x2214,0},
	{"plusdu",0,0x2A25,0}, {"pluse",0,0x2A72,0}, {"plusmn",1,0xB1,0},
	{"plussim",0,0x2A26,0}, {"plustwo",0,0x2A27,0}, {"pm",0,0xB1,0},
	{"pointint",0,0x2A15,0}, {"popf",0,0x1D561,0},
	{"pound",1,0xA3,0}, {"pr",0,0x227A,0}, {"prE",0,0x2AB3,0},
	{"prap",0,0x2AB7,0}, {"prcue",0,0x227C,0}, {"pre",0,0x2AAF,0},
	{"prec",0,0x227A,0}, {"precapprox",0,0x2AB7,0},
	{"preccurlyeq",0,0x227C,0}, {"preceq",0,0x2AAF,0},
	{"precnapprox",0,0x2AB9,0}, {"precneqq",0,0x2AB5,0},
	{"precnsim",0,0x22E8,0}, {"precsim",0,0x227E,0},
	{"prime",0,0x2032,0}, {"primes",0,0x2119,0}, {"prnE",0,0x2AB5,0},
	{"prnap",0,0x2AB9,0}, {"prnsim",0,0x22E8,0}, {"prod",0,0x220F,0},
	{"profalar",0,0x232E,0}, {"profline",0,0x2312,0},
	{"profsurf",0,0x2313,0}, {"prop",0,0x221D,0},
	{"propto",0,0x221D,0}, {"prsim",0,0x227E,0},
	{"prurel",0,0x22B0,0}, {"pscr",0,0x1D4C5,0}, {"psi",0,0x3C8,0},
	{"puncsp",0,0x2008,0}, {"qfr",0,0x1D52E,0}, {"qint",0,0x2A0C,0},
	{"qopf",0,0x1D562,0}, {"qprime",0,0x2057,0},
	{"qscr",0,0x1D4C6,0}, {"quaternions",0,0x210D,0},
	{"quatint",0,0x2A16,0}, {"quest",0,0x3F,0},
	{"questeq",0,0x225F,0}, {"quot",1,0x22,0}, {"rAarr",0,0x21DB,0},
	{"rArr",0,0x21D2,0}, {"rAtail",0,0x291C,0}, {"rBarr",0,0x290F,0},
	{"rHar",0,0x2964,0}, {"race",0,0x223D,0x331}, {"racute",0,0x155,0},
	{"radic",0,0x221A,0}, {"raemptyv",0,0x29B3,0},
	{"rang",0,0x27E9,0}, {"rangd",0,0x2992,0}, {"range",0,0x29A5,0},
	{"rangle",0,0x27E9,0}, {"raquo",1,0xBB,0}, {"rarr",0,0x2192,0},
	{"rarrap",0,0x2975,0}, {"rarrb",0,0x21E5,0},
	{"rarrbfs",0,0x2920,0}, {"rarrc",0,0x2933,0},
	{"rarrfs",0,0x291E,0}, {"rarrhk",0,0x21AA,0},
	{"rarrlp",0,0x21AC,0}, {"rarrpl",0,0x2945,0},
	{"rarrsim",0,0x2974,0}, {"rarrtl",0,0x21A3,0},
	{"rarrw",0,0x219D,0}, {"ratail",0,0x291A,0},
	{"ratio",0,0x2236,0}, {"rationals",0,0x211A,0},
	{"rbarr",0,0x290D,0}, {"rbbrk",0,0x2773,0}, {"rbrace",0,0x7D,0},
	{"rbrack",0,0x5D,0}, {"rbrke",0,0x298C,0},
	{"rbrksld",0,0x298E,0}, {"rbrkslu",0,0x2990,0},
	{"rcaron",0,0x159,0}, {"rcedil",0,0x157,0}, {"rceil",0,0x2309,0},
	{"rcub",0,0x7D,0}, {"rcy",0,0x440,0}, {"rdca",0,0x2937,0},
	{"rdldhar",0,0x2969,0}, {"rdquo",0,0x201D,0},
	{"rdquor",0,0x201D,0}, {"rdsh",0,0x21B3,0}, {"real",0,0x211C,0},
	{"realine",0,0x211B,0}, {"realpart",0,0x211C,0},
	{"reals",0,0x211D,0}, {"rect",0,0x25AD,0}, {"reg",1,0xAE,0},
	{"rfisht",0,0x297D,0}, {"rfloor",0,0x230B,0},
	{"rfr",0,0x1D52F,0}, {"rhard",0,0x21C1,0}, {"rharu",0,0x21C0,0},
	{"rharul",0,0x296C,0}, {"rho",0,0x3C1,0}, {"rhov",0,0x3F1,0},
	{"rightarrow",0,0x2192,0}, {"rightarrowtail",0,0x21A3,0},
	{"rightharpoondown",0,0x21C1,0}, {"rightharpoonup",0,0x21C0,0},
	{"rightleftarrows",0,0x21C4,0}, {"rightleftharpoons",0,0x21CC,0},
	{"rightrightarrows",0,0x21C9,0}, {"rightsquigarrow",0,0x219D,0},
	{"rightthreetimes",0,0x22CC,0}, {"ring",0,0x2DA,0},
	{"risingdotseq",0,0x2253,0}, {"rlarr",0,0x21C4,0},
	{"rlhar",0,0x21CC,0}, {"rlm",0,0x200F,0}, {"rmoust",0,0x23B1,0},
	{"rmoustache",0,0x23B1,0}, {"rnmid",0,0x2AEE,0},
	{"roang",0,0x27ED,0}, {"roarr",0,0x21FE,0}, {"robrk",0,0x27E7,0},
	{"ropar",0,0x2986,0}, {"ropf",0,0x1D563,0},
	{"roplus",0,0x2A2E,0}, {"rotimes",0,0x2A35,0}, {"rpar",0,0x29,0},
	{"rpargt",0,0x2994,0}, {"rppolint",0,0x2A12,0},
	{"rrarr",0,0x21C9,0}, {"rsaquo",0,0x203A,0},
	{"rscr",0,0x1D4C7,0}, {"rsh",0,0x21B1,0}, {"rsqb",0,0x5D,0},
	{"rsquo",0,0x2019,0}, {"rsquor",0,0x2019,0},
	{"rthree",0,0x22CC,0}, {"rtimes",0,0x22CA,0},
	{"rtri",0,0x25B9,0}, {"rtrie",0,0x22B5,0}, {"rtrif",0,0x25B8,0},
	{"rtriltri",0,0x29CE,0}, {"ruluhar",0,0x2968,0},
	{"rx",0,0x211E,0}, {"sacute",0,0x15B,0}, {"sbquo",0,0x201A,0},
	{"sc",0,0x227B,0}, {"scE",0,0x2AB4,0}, {"scap",0,0x2AB8,0},
	{"scaron",0,0x161,0}, {"sccue",0,0x227D,0}, {"sce",0,0x2AB0,0},
	{"scedil",0,0x15F,0}, {"scirc",0,0x15D,0}, {"scnE",0,0x2AB6,0},
	{"scnap",0,0x2ABA,0}, {"scnsim",0,0x22E9,0},
	{"scpolint",0,0x2A13,0}, {"scsim",0,0x227F,0}, {"scy",0,0x441,0},
	{"sdot",0,0x22C5,0}, {"sdotb",0,0x22A1,0}, {"sdote",0,0x2A66,0},
	{"seArr",0,0x21D8,0}, {"searhk",0,0x2925,0},
	{"searr",0,0x2198,0}, {"searrow",0,0x2198,0}, {"sect",1,0xA7,0},
	{"semi",0,0x3B,0}, {"seswar",0,0x2929,0},
	{"setminus",0,0x2216,0}, {"setmn",0,0x2216,0},
	{"sext",0,0x2736,0}, {"sfr",0,0x1D530,0}, {"sfrown",0,0x2322,0},
	{"sharp",0,0x266F,0}, {"shchcy",0,0x449,0}, {"shcy",0,0x448,0},
	{"shortmid",0,0x2223,0}, {"shortparallel",0,0x2225,0},
	{"shy",1,0xAD,0}, {"sigma",0,0x3C3,0}, {"sigmaf",0,0x3C2,0},
	{"sigmav",0,0x3C2,0}, {"sim",0,0x223C,0}, {"simdot",0,0x2A6A,0},
	{"sime",0,0x2243,0}, {"simeq",0,0x2243,0}, {"simg",0,0x2A9E,0},
	{"simgE",0,0x2AA0,0}, {"siml",0,0x2A9D,0}, {"simlE",0,0x2A9F,0},
	{"simne",0,0x2246,0}, {"simplus",0,0x2A24,0},
	{"simrarr",0,0x2972,0}, {"slarr",0,0x2190,0},
	{"smallsetminus",0,0x2216,0}, {"smashp",0,0x2A33,0},
	{"smeparsl",0,0x29E4,0}, {"smid",0,0x2223,0},
	{"smile",0,0x2323,0}, {"smt",0,0x2AAA,0}, {"smte",0,0x2AAC,0},
	{"smtes",0,0x2AAC,0xFE00}, {"softcy",0,0x44C,0}, {"sol",0,0x2F,0},
	{"solb",0,0x29C4,0}, {"solbar",0,0x233F,0}, {"sopf",0,0x1D564,0},
	{"spades",0,0x2660,0}, {"spadesuit",0,0x2660,0},
	{"spar",0,0x2225,0}, {"sqcap",0,0x2293,0},
	{"sqcaps",0,0x2293,0xFE00}, {"sqcup",0,0x2294,0},
	{"sqcups",0,0x2294,0xFE00}, {"sqsub",0,0x228F,0},
	{"sqsube",0,0x2291,0}, {"sqsubset",0,0x228F,0},
	{"sqsubseteq",0,0x2291,0}, {"sqsup",0,0x2290,0},
	{"sqsupe",0,0x2292,0}, {"sqsupset",0,0x2290,0},
	{"sqsupseteq",0,0x2292,0}, {"squ",0,0x25A1,0},
	{"square",0,0x25A1,0}, {"squarf",0,0x25AA,0},
	{"squf",0,0x25AA,0}, {"srarr",0,0x2192,0}, {"sscr",0,0x1D4C8,0},
	{"ssetmn",0,0x2216,0}, {"ssmile",0,0x2323,0},
	{"sstarf",0,0x22C6,0}, {"star",0,0x2606,0}, {"starf",0,0x2605,0},
	{"straightepsilon",0,0x3F5,0}, {"straightphi",0,0x3D5,0},
	{"strns",0,0xAF,0}, {"sub",0,0x2282,0}, {"subE",0,0x2AC5,0},
	{"subdot",0,0x2ABD,0}, {"sube",0,0x2286,0},
	{"subedot",0,0x2AC3,0}, {"submult",0,0x2AC1,0},
	{"subnE",0,0x2ACB,0}, {"subne",0,0x228A,0},
	{"subplus",0,0x2ABF,0}, {"subrarr",0,0x2979,0},
	{"subset",0,0x2282,0}, {"subseteq",0,0x2286,0},
	{"subseteqq",0,0x2AC5,0}, {"subsetneq",0,0x228A,0},
	{"subsetneqq",0,0x2ACB,0}, {"subsim",0,0x2AC7,0},
	{"subsub",0,0x2AD5,0}, {"subsup",0,0x2AD3,0},
	{"succ",0,0x227B,0}, {"succapprox",0,0x2AB8,0},
	{"succcurlyeq",0,0x227D,0}, {"succeq",0,0x2AB0,0},
	{"succnapprox",0,0x2ABA,0}, {"succneqq",0,0x2AB6,0},
	{"succnsim",0,0x22E9,0}, {"succsim",0,0x227F,0},
	{"sum",0,0x2211,0}, {"sung",0,0x266A,0}, {"sup",0,0x2283,0},
	{"sup1",1,0xB9,0}, {"sup2",1,0xB2,0}, {"sup3",1,0xB3,0},
	{"supE",0,0x2AC6,0}, {"supdot",0,0x2ABE,0},
	{"supdsub",0,0x2AD8,0}, {"supe",0,0x2287,0},
	{"supedot",0,0x2AC4,0}, {"suphsol",0,0x27C9,0},
	{"suphsub",0,0x2AD7,0}, {"suplarr",0,0x297B,0},
	{"supmult",0,0x2AC2,0}, {"supnE",0,0x2ACC,0},
	{"supne",0,0x228B,0}, {"supplus",0,0x2AC0,0},
	{"supset",0,0x2283,0}, {"supseteq",0,0x2287,0},
	{"supseteqq",0,0x2AC6,0}, {"supsetneq",0,0x228B,0},
	{"supsetneqq",0,0x2ACC,0}, {"supsim",0,0x2AC8,0},
	{"supsub",0,0x2AD4,0}, {"supsup",0,0x2AD6,0},
	{"swArr",0,0x21D9,0}, {"swarhk",0,0x2926,0},
	{"swarr",0,0x2199,0}, {"swarrow",0,0x2199,0},
	{"swnwar",0,0x292A,0}, {"szlig",1,0xDF,0}, {"target",0,0x2316,0},
	{"tau",0,0x3C4,0}, {"tbrk",0,0x23B4,0}, {"tcaron",0,0x165,0},
	{"tcedil",0,0x163,0}, {"tcy",0,0x442,0}, {"tdot",0,0x20DB,0},
	{"telrec",0,0x2315,0}, {"tfr",0,0x1D531,0},
	{"there4",0,0x2234,0}, {"therefore",0,0x2234,0},
	{"theta",0,0x3B8,0}, {"thetasym",0,0x3D1,0},
	{"thetav",0,0x3D1,0}, {"thickapprox",0,0x2248,0},
	{"thicksim",0,0x223C,0}, {"thinsp",0,0x2009,0},
	{"thkap",0,0x2248,0}, {"thksim",0,0x223C,0}, {"thorn",1,0xFE,0},
	{"tilde",0,0x2DC,0}, {"times",1,0xD7,0}, {"timesb",0,0x22A0,0},
	{"timesbar",0,0x2A31,0}, {"timesd",0,0x2A30,0},
	{"tint",0,0x222D,0}, {"toea",0,0x2928,0}, {"top",0,0x22A4,0},
	{"topbot",0,0x2336,0}, {"topcir",0,0x2AF1,0},
	{"topf",0,0x1D565,0}, {"topfork",0,0x2ADA,0},
	{"tosa",0,0x2929,0}, {"tprime",0,0x2034,0}, {"trade",0,0x2122,0},
	{"triangle",0,0x25B5,0}, {"triangledown",0,0x25BF,0},
	{"triangleleft",0,0x25C3,0}, {"trianglelefteq",0,0x22B4,0},
	{"triangleq",0,0x225C,0}, {"triangleright",0,0x25B9,0},
	{"trianglerighteq",0,0x22B5,0}, {"tridot",0,0x25EC,0},
	{"trie",0,0x225C,0}, {"triminus",0,0x2A3A,0},
	{"triplus",0,0x2A39,0}, {"trisb",0,0x29CD,0},
	{"tritime",0,0x2A3B,0}, {"trpezium",0,0x23E2,0},
	{"tscr",0,0x1D4C9,0}, {"tscy",0,0x446,0}, {"tshcy",0,0x45B,0},
	{"tstrok",0,0x167,0}, {"twixt",0,0x226C,0},
	{"twoheadleftarrow",0,0x219E,0}, {"twoheadrightarrow",0,0x21A0,0},
	{"uArr",0,0x21D1,0}, {"uHar",0,0x2963,0}, {"uacute",1,0xFA,0},
	{"uarr",0,0x2191,0}, {"ubrcy",0,0x45E,0}, {"ubreve",0,0x16D,0},
	{"ucirc",1,0xFB,0}, {"ucy",0,0x443,0}, {"udarr",0,0x21C5,0},
	{"udblac",0,0x171,0}, {"udhar",0,0x296E,0},
	{"ufisht",0,0x297E,0}, {"ufr",0,0x1D532,0}, {"ugrave",1,0xF9,0},
	{"uharl",0,0x21BF,0}, {"uharr",0,0x21BE,0}, {"uhblk",0,0x2580,0},
	{"ulcorn",0,0x231C,0}, {"ulcorner",0,0x231C,0},
	{"ulcrop",0,0x230F,0}, {"ultri",0,0x25F8,0}, {"umacr",0,0x16B,0},
	{"uml",1,0xA8,0}, {"uogon",0,0x173,0}, {"uopf",0,0x1D566,0},
	{"uparrow",0,0x2191,0}, {"updownarrow",0,0x2195,0},
	{"upharpoonleft",0,0x21BF,0}, {"upharpoonright",0,0x21BE,0},
	{"uplus",0,0x228E,0}, {"upsi",0,0x3C5,0}, {"upsih",0,0x3D2,0},
	{"upsilon",0,0x3C5,0}, {"upuparrows",0,0x21C8,0},
	{"urcorn",0,0x231D,0}, {"urcorner",0,0x231D,0},
	{"urcrop",0,0x230E,0}, {"uring",0,0x16F,0}, {"urtri",0,0x25F9,0},
	{"uscr",0,0x1D4CA,0}, {"utdot",0,0x22F0,0}, {"utilde",0,0x169,0},
	{"utri",0,0x25B5,0}, {"utrif",0,0x25B4,0}, {"uuarr",0,0x21C8,0},
	{"uuml",1,0xFC,0}, {"uwangle",0,0x29A7,0}, {"vArr",0,0x21D5,0},
	{"vBar",0,0x2AE8,0}, {"vBarv",0,0x2AE9,0}, {"vDash",0,0x22A8,0},
	{"vangrt",0,0x299C,0}, {"varepsilon",0,0x3F5,0},
	{"varkappa",0,0x3F0,0}, {"varnothing",0,0x2205,0},
	{"varphi",0,0x3D5,0}, {"varpi",0,0x3D6,0},
	{"varpropto",0,0x221D,0}, {"varr",0,0x2195,0},
	{"varrho",0,0x3F1,0}, {"varsigma",0,0x3C2,0},
	{"varsubsetneq",0,0x228A,0xFE00}, {"varsubsetneqq",0,0x2ACB,0xFE00},
	{"varsupsetneq",0,0x228B,0xFE00}, {"varsupsetneqq",0,0x2ACC,0xFE00},
	{"vartheta",0,0x3D1,0}, {"vartriangleleft",0,0x22B2,0},
	{"vartriangleright",0,0x22B3,0}, {"vcy",0,0x432,0},
	{"vdash",0,0x22A2,0}, {"vee",0,0x2228,0}, {"veebar",0,0x22BB,0},
	{"veeeq",0,0x225A,0}, {"vellip",0,0x22EE,0}, {"verbar",0,0x7C,0},
	{"vert",0,0x7C,0}, {"vfr",0,0x1D533,0}, {"vltri",0,0x22B2,0},
	{"vnsub",0,0x2282,0x20D2}, {"vnsup",0,0x2283,0x20D2},
	{"vopf",0,0x1D567,0}, {"vprop",0,0x221D,0}, {"vrtri",0,0x22B3,0},
	{"vscr",0,0x1D4CB,0}, {"vsubnE",0,0x2ACB,0xFE00},
	{"vsubne",0,0x228A,0xFE00}, {"vsupnE",0,0x2ACC,0xFE00},
	{"vsupne",0,0x228B,0xFE00}, {"vzigzag",0,0x299A,0},
	{"wcirc",0,0x175,0}, {"wedbar",0,0x2A5F,0}, {"wedge",0,0x2227,0},
	{"wedgeq",0,0x2259,0}, {"weierp",0,0x2118,0},
	{"wfr",0,0x1D534,0}, {"wopf",0,0x1D568,0}, {"wp",0,0x2118,0},
	{"wr",0,0x2240,0}, {"wreath",0,0x2240,0}, {"wscr",0,0x1D4CC,0},
	{"xcap",0,0x22C2,0}, {"xcirc",0,0x25EF,0}, {"xcup",0,0x22C3,0},
	{"xdtri",0,0x25BD,0}, {"xfr",0,0x1D535,0}, {"xhArr",0,0x27FA,0},
	{"xharr",0,0x27F7,0}, {"xi",0,0x3BE,0}, {"xlArr",0,0x27F8,0},
	{"xlarr",0,0x27F5,0}, {"xmap",0,0x27FC,0}, {"xnis",0,0x22FB,0},
	{"xodot",0,0x2A00,0}, {"xopf",0,0x1D569,0},
	{"xoplus",0,0x2A01,0}, {"xotime",0,0x2A02,0},
	{"xrArr",0,0x27F9,0}, {"xrarr",0,0x27F6,0}, {"xscr",0,0x1D4CD,0},
	{"xsqcup",0,0x2A06,0}, {"xuplus",0,0x2A04,0},
	{"xutri",0,0x25B3,0}, {"xvee",0,0x22C1,0}, {"xwedge",0,0x22C0,0},
	{"yacute",1,0xFD,0}, {"yacy",0,0x44F,0}, {"ycirc",0,0x177,0},
	{"ycy",0,0x44B,0}, {"yen",1,0xA5,0}, {"yfr",0,0x1D536,0},
	{"yicy",0,0x457,0}, {"yopf",0,0x1D56A,0}, {"yscr",0,0x1D4CE,0},
	{"yucy",0,0x44E,0}, {"yuml",1,0xFF,0}, {"zacute",0,0x17A,0},
	{"zcaron",0,0x17E,0}, {"zcy",0,0x437,0}, {"zdot",0,0x17C,0},
	{"zeetrf",0,0x2128,0}, {"zeta",0,0x3B6,0}, {"zfr",0,0x1D537,0},
	{"zhcy",0,0x436,0}, {"zigrarr",0,0x21DD,0}, {"zopf",0,0x1D56B,0},
	{"zscr",0,0x1D4CF,0}, {"zwj",0,0x200D,0}, {"zwnj",0,0x200C,0},
};

/* The entity named by the len bytes at name, or NULL. */
static const struct entity *
entity_find(const char *name, size_t len)
{
	size_t	 lo = 0, hi = nitems(entities), mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strncmp(name, entities[mid].name, len);
		if (c == 0 && entities[mid].name[len] != '\0')
			c = -1;	/* name is a prefix of the entry's */
		if (c == 0)
			return &entities[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Bump when a change here gives another text for some HTML. */
#define TEXT_RULES	1

const char *
text_version(void)
{
	static char v[64];

	if (v[0] == '\0')
		snprintf(v, sizeof(v), "%d libxml2 %s", TEXT_RULES,
		    xmlParserVersion);
	return v;
}
