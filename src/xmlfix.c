/*
 * Byte-level repairs before libxml2 sees a feed, for what real feeds get
 * wrong and libxml2's recovery handles badly:
 *
 *  - a bare '&' ("Fish & Chips") becomes "&#38;" (libxml2 drops the text
 *    around it);
 *  - HTML's named references (&eacute;) become numeric ones: in attribute
 *    values libxml2 keeps only the first byte of an entity it did not
 *    define itself; an unknown name stays as text.  XML's own five are
 *    left alone (parse.c keeps libxml2 decoding them after an error);
 *  - "&#X41;" gets the lower-case x libxml2 wants;
 *  - "&gt;" in text becomes '>', which XML allows there, and "&lt;"
 *    the marked pair XMLFIX_LT (xmlfix.h): libxml2 spends on each
 *    reference what a hundred bytes of text cost, and splits the text
 *    around it, and feeds escape every tag of their HTML summaries
 *    ("&lt;p&gt;").  Not where '>' would close a "]]>", nor in a tag,
 *    nor in documents with a DTD.  Every DEL becomes XMLFIX_DEL, so that
 *    a marked pair is never the document's own;
 *  - <br>, <hr>, <img ...> and <wbr> left open in naked HTML get closed,
 *    so they do not swallow the end tags of the feed's own elements;
 *  - a '<' that opens no markup ("x < 3", "1<2", "<=") becomes the
 *    marked pair XMLFIX_LT: libxml2 stops at it, losing the rest of the
 *    feed;
 *  - in a description, content:encoded, summary or content whose HTML
 *    is naked, an element left open (<p>, <li>) is closed where the
 *    element around it ends, an end tag in another case (<P>..</p>)
 *    takes the start tag's, and a stray end tag is dropped: libxml2
 *    would shift every later end tag by one level, merging items;
 *  - a C0 control other than tab, LF and CR, which XML forbids
 *    everywhere, becomes a space, wherever it is: in a CDATA section or
 *    an attribute value libxml2 loses the rest of the feed over one.  A
 *    space, not nothing: it never joins bytes into "]]>" or "-->".
 *
 * Nothing else changes inside CDATA sections (but a DEL), comments and
 * processing instructions.  Only for encodings where these bytes are
 * always these characters (UTF-8, ISO-8859-x, windows-125x, KOI8-R...).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "xmlfix.h"

#define REF_MAX		40	/* longest reference looked at */
#define TAG_MAX		4096	/* longest void tag held back */

enum { FS_TEXT, FS_CDATA, FS_COMMENT, FS_PI };

static const char *const void_tags[] = { "br", "hr", "img", "wbr" };

/* One of the five named references XML itself defines. */
static int
xml_named(const char *name, size_t n)
{
	switch (n) {
	case 2:
		return (name[0] == 'l' || name[0] == 'g') && name[1] == 't';
	case 3:
		return memcmp(name, "amp", 3) == 0;
	case 4:
		return memcmp(name, "quot", 4) == 0 ||
		    memcmp(name, "apos", 4) == 0;
	}
	return 0;
}

/* The length of "&lt;", "&gt;", "&amp;", "&quot;" or "&apos;" at s,
 * else 0: nearly every reference in a feed, and all left alone. */
static size_t
xml_ref(const char *s, size_t n)
{
	if (n >= 4 && (s[1] == 'l' || s[1] == 'g') && s[2] == 't' &&
	    s[3] == ';')
		return 4;
	if (n >= 5 && memcmp(s + 1, "amp;", 4) == 0)
		return 5;
	if (n >= 6 && (memcmp(s + 1, "quot;", 5) == 0 ||
	    memcmp(s + 1, "apos;", 5) == 0))
		return 6;
	return 0;
}

static int
is_name_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-' || c == ':';
}

/* What may follow a '<' that opens markup: a name (any non-ASCII byte
 * may start one), '/', '!' or '?'. */
static int
opens_markup(unsigned char c)
{
	return isalpha(c) || c >= 0x80 || c == '_' || c == ':' || c == '/' ||
	    c == '!' || c == '?';
}

/* The length of a reference at s ("&...;"), 0 for a bare '&', -1 when
 * more bytes are needed to tell. */
static int
ref_length(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 2)
		return -1;
	if (s[1] == '#') {
		size_t first = 2;	/* where the digits start */
		if (n > 2 && (s[2] == 'x' || s[2] == 'X')) {
			first = 3;
			for (i = 3; i < n && isxdigit((unsigned char)s[i]); i++)
				;
		} else {
			for (i = 2; i < n && isdigit((unsigned char)s[i]); i++)
				;
		}
		if (i == n)
			return i < REF_MAX ? -1 : 0;
		return s[i] == ';' && i > first ? (int)i + 1 : 0;
	}
	if (!isalpha((unsigned char)s[1]) && s[1] != '_' && s[1] != ':')
		return 0;
	for (i = 2; i < n && i < REF_MAX && is_name_char((unsigned char)s[i]);
	    i++)
		;
	if (i == n)
		return i < REF_MAX ? -1 : 0;
	return s[i] == ';' ? (int)i + 1 : 0;
}

/* The run up to upto, then rep.  Called for nearly every "&lt;" and
 * "&gt;" of a feed's escaped HTML: one check for room, and rep's length
 * known where it is inlined. */
static inline void
emitn(struct xmlfix_out *o, const char *d, size_t upto, const char *rep,
    size_t len)
{
	struct buf *b = &o->buf;
	size_t run = upto - o->run;

	o->changed = 1;
	if (b->len + run + len + 1 > b->cap) {
		buf_add(b, d + o->run, run);
		buf_add(b, rep, len);
		return;
	}
	memcpy(b->s + b->len, d + o->run, run);
	memcpy(b->s + b->len + run, rep, len);
	b->len += run + len;
	b->s[b->len] = '\0';
}

static void
emit(struct xmlfix_out *o, const char *d, size_t upto, const char *rep)
{
	emitn(o, d, upto, rep, strlen(rep));
}

/* "&#N;" for code point cp (at most 11 bytes with the NUL). */
static void
char_ref(char *out, int cp)
{
	char digits[8];
	int n = 0;

	do
		digits[n++] = (char)('0' + cp % 10);
	while ((cp /= 10) > 0 && n < 7);
	*out++ = '&';
	*out++ = '#';
	while (n > 0)
		*out++ = digits[--n];
	*out++ = ';';
	*out = '\0';
}

/* The code point of the numeric reference "&#...;" at s, len bytes
 * long; past Unicode's last, 0x110000. */
static unsigned long
ref_code(const char *s, int len)
{
	int hex = s[2] == 'x' || s[2] == 'X', k;
	unsigned long cp = 0;

	for (k = hex ? 3 : 2; k < len - 1 && cp <= 0x10ffff; k++)
		cp = cp * (hex ? 16 : 10) + (isdigit((unsigned char)s[k]) ?
		    s[k] - '0' : (s[k] | 0x20) - 'a' + 10);
	return cp > 0x10ffff ? 0x110000 : cp;
}

/* The DEL at d + i, len bytes long (the byte, or a reference), marked. */
static void
mark_del(struct xmlfix_out *o, const char *d, size_t i, size_t len)
{
	emitn(o, d, i, XMLFIX_DEL, 2);
	o->run = i + len;
}

/* A byte XML forbids: DEL, or a C0 control but tab, LF and CR.  NUL
 * never comes here (parse.c drops it). */
static inline int
is_bad(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

/* The bad byte at d + i made harmless: DEL marked, a control a space. */
static void
fix_bad(struct xmlfix_out *o, const char *d, size_t i)
{
	if (d[i] == XMLFIX_MARK)
		mark_del(o, d, i, 1);
	else {
		emitn(o, d, i, " ", 1);
		o->run = i + 1;
	}
}

/* Rewrites the reference of length len at d + i. */
static void
fix_ref(struct xmlfix *fx, struct xmlfix_out *o, const char *d, size_t i,
    int len)
{
	const htmlEntityDesc *e;
	char name[REF_MAX + 1], rep[REF_MAX + 16];
	int cp;

	if (len == 0) {
		emit(o, d, i, "&#38;");
		o->run = i + 1;
		return;
	}
	if (d[i + 1] == '#') {
		if (ref_code(d + i, len) == 0x7f)
			mark_del(o, d, i, (size_t)len);
		else if (d[i + 2] == 'X') {
			emit(o, d, i, "&#x");
			o->run = i + 3;
		}
		return;
	}
	if (xml_named(d + i + 1, len - 2))
		return;
	memcpy(name, d + i + 1, len - 2);
	name[len - 2] = '\0';
	if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL) {
		cp = (int)e->value;
		char_ref(rep, cp);
	} else if (!fx->has_dtd) {
		memcpy(rep, "&#38;", 5);	/* as text */
		memcpy(rep + 5, name, len - 2);
		memcpy(rep + 5 + len - 2, ";", 2);
	} else
		return;	/* may be the document's own: libxml2 decides */
	emit(o, d, i, rep);
	o->run = i + len;
}

/* A void HTML tag at d + i: its name's length, or 0. */
static size_t
void_tag(const char *d, size_t i, size_t n)
{
	size_t k, len;

	for (k = 0; k < sizeof(void_tags) / sizeof(void_tags[0]); k++) {
		len = strlen(void_tags[k]);
		if (n - i < len + 2)
			continue;
		if (strncasecmp(d + i + 1, void_tags[k], len) == 0 &&
		    (isspace((unsigned char)d[i + 1 + len]) ||
		    d[i + 1 + len] == '>' || d[i + 1 + len] == '/'))
			return len;
	}
	return 0;
}

/* Every DEL in d[from..to), a byte or a numeric reference, marked;
 * controls made spaces. */
static void
mark_dels(struct xmlfix_out *o, const char *d, size_t from, size_t to)
{
	size_t k;
	int len;

	for (k = from; k < to; k++) {
		if (is_bad((unsigned char)d[k]))
			fix_bad(o, d, k);
		else if (d[k] == '&' && k + 1 < to && d[k + 1] == '#' &&
		    (len = ref_length(d + k, to - k)) > 0 &&
		    ref_code(d + k, len) == 0x7f) {
			mark_del(o, d, k, (size_t)len);
			k += (size_t)len - 1;
		}
	}
}

/* Where the tag whose attributes start at d + i ends (its '>'), quoted
 * values skipped; n when that is not in d[..n). */
static size_t
tag_end(const char *d, size_t i, size_t n)
{
	const char *gt = memchr(d + i, '>', n - i);
	size_t j;
	char q = 0;

	if (gt == NULL)
		return n;
	/* Nearly always no quote before the first '>': done. */
	if (memchr(d + i, '"', (size_t)(gt - d) - i) == NULL &&
	    memchr(d + i, '\'', (size_t)(gt - d) - i) == NULL)
		return (size_t)(gt - d);
	for (j = i; j < n; j++) {
		if (q) {
			if (d[j] == q)
				q = 0;
		} else if (d[j] == '"' || d[j] == '\'')
			q = d[j];
		else if (d[j] == '>')
			return j;
	}
	return n;
}

/* Closes <br> and friends; -1 when the tag's end is not here yet.  The
 * scan steps over the tag: the DELs in it are marked here. */
static int
fix_void(struct xmlfix_out *o, const char *d, size_t i, size_t n, int final,
    size_t *next)
{
	size_t j = tag_end(d, i + 1, n - i > TAG_MAX ? i + TAG_MAX : n);

	if (j == n && !final && j - i < TAG_MAX)
		return -1;
	mark_dels(o, d, i, j);
	*next = j;
	if (j == n || j - i >= TAG_MAX || d[j - 1] == '/')
		return 0;
	emit(o, d, j, "/>");
	o->run = j + 1;
	*next = j + 1;
	return 0;
}

/* Where the next c is from i, n when none. */
static size_t
next_of(const char *d, size_t i, size_t n, int c)
{
	const char *q = memchr(d + i, c, n - i);

	return q ? (size_t)(q - d) : n;
}

/* Where the next bad byte (is_bad()) is from i, n when none.  Called
 * over every byte of the feed, so 16 at a time where SSE2 is (every
 * x86-64), else 8 at a time looking for any byte below 0x20 or DEL;
 * pretty-printed feeds have a LF or tab every line. */
static size_t
next_bad(const char *d, size_t i, size_t n)
{
#ifdef __SSE2__
	const __m128i top = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f),
	    tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'),
	    cr = _mm_set1_epi8('\r');

	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(d + i));
		__m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, top), x);
		__m128i ws = _mm_or_si128(_mm_cmpeq_epi8(x, tab),
		    _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(ws, low),
		    _mm_cmpeq_epi8(x, del)));

		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
	}
#else
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	uint64_t w, x;
	size_t k;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, d + i, 8);
		x = w ^ ones * 0x7f;	/* DEL now a NUL */
		/* A high bit where a byte may be below 0x20 or DEL. */
		if (!((((w - ones * 0x20) & ~w) | ((x - ones) & ~x)) & highs))
			continue;
		for (k = i; k < i + 8; k++)
			if (is_bad((unsigned char)d[k]))
				return k;
	}
#endif
	for (; i < n; i++)
		if (is_bad((unsigned char)d[i]))
			return i;
	return n;
}

/* Where the next '&', '<' and bad byte are (n when none), cached so
 * that each is searched for once, however densely they alternate. */
struct next {
	size_t	 amp, lt, bad;
};

/* The next '&', '<' or bad byte from i. */
static size_t
next_special(const char *d, size_t i, size_t n, struct next *at)
{
	size_t first;

	if (at->amp < i)
		at->amp = next_of(d, i, n, '&');
	if (at->lt < i)
		at->lt = next_of(d, i, n, '<');
	if (at->bad < i)
		at->bad = next_bad(d, i, n);
	first = at->amp < at->lt ? at->amp : at->lt;
	return at->bad < first ? at->bad : first;
}

/* Could d[i..n) still become marker? */
static int
prefix_of(const char *d, size_t i, size_t n, const char *marker)
{
	size_t len = strlen(marker);

	return n - i < len && strncasecmp(d + i, marker, n - i) == 0;
}

/* In a CDATA section, comment or PI: skip to its end. */
static size_t
skip_section(struct xmlfix *fx, const char *d, size_t i, size_t n, int final)
{
	const char *end = fx->state == FS_CDATA ? "]]>" :
	    fx->state == FS_COMMENT ? "-->" : "?>";
	size_t len = strlen(end);
	const char *q = memmem(d + i, n - i, end, len);

	if (q != NULL) {
		fx->state = FS_TEXT;
		return q - d + len;
	}
	/* Keep a possible start of the end marker for the next chunk. */
	if (final || n - i < len)
		return final ? n : i;
	return n - (len - 1);
}

/* "<!", "<?" or '<' + a name, at d + i.  Returns where to go on, or
 * (size_t)-1 when more bytes are needed. */
static size_t
open_markup(struct xmlfix *fx, struct xmlfix_out *o, const char *d, size_t i,
    size_t n, int final)
{
	size_t next;
	int c;

	if (n - i < 2)
		return final ? n : (size_t)-1;
	c = d[i + 1] | 0x20;
	/* Most tags: nothing to do, decided by one byte, or two for those
	 * that start like br, hr, img or wbr (item, id, head...). */
	if (d[i + 1] != '!' && d[i + 1] != '?' && c != 'b' && c != 'h' &&
	    c != 'i' && c != 'w')
		return i + 1;
	if (n - i >= 5 && (d[i + 2] | 0x20) != (c == 'i' ? 'm' :
	    c == 'w' ? 'b' : 'r') && d[i + 1] != '!' && d[i + 1] != '?')
		return i + 1;
	if (!final && (prefix_of(d, i, n, "<![CDATA[") ||
	    prefix_of(d, i, n, "<!--") || prefix_of(d, i, n, "<!DOCTYPE") ||
	    n - i < 5))
		return (size_t)-1;
	if (n - i >= 9 && memcmp(d + i, "<![CDATA[", 9) == 0) {
		fx->state = FS_CDATA;
		return i + 9;
	}
	if (n - i >= 4 && memcmp(d + i, "<!--", 4) == 0) {
		fx->state = FS_COMMENT;
		return i + 4;
	}
	if (n - i >= 2 && d[i + 1] == '?') {
		fx->state = FS_PI;
		return i + 2;
	}
	if (n - i >= 9 && strncasecmp(d + i, "<!DOCTYPE", 9) == 0) {
		fx->has_dtd = 1;
		return i + 9;
	}
	if (void_tag(d, i, n)) {
		if (fix_void(o, d, i, n, final, &next) == -1)
			return (size_t)-1;
		/* Too long to be closed here: its end tag may follow, which
		 * the description's tracking would drop. */
		if (next - i >= TAG_MAX)
			fx->depth = 0;
		return next;
	}
	return i + 1;
}

/*
 * Is d + i in text, past the end of the tag opened at last_lt?  Only a
 * '<' earlier in this chunk tells (else: no); *closed caches a yes for
 * that '<' (-1: not known yet).  A '>' quoted in an attribute value
 * could pass for the tag's end, but "&gt;" is '>' there too.  And never
 * where "]]" comes before: "]]>" may not occur in text.
 */
static int
in_text(const char *d, size_t i, size_t last_lt, int *closed)
{
	if (last_lt == (size_t)-1 || (i >= 2 && d[i - 1] == ']' &&
	    d[i - 2] == ']'))
		return 0;
	if (*closed != 1)
		*closed = memchr(d + last_lt, '>', i - last_lt) != NULL;
	return *closed;
}

/* ---- naked HTML in descriptions ---- */

/* Elements whose text is HTML, which feeds write naked as often as
 * escaped, and then leave a <p> or <li> open as HTML allows. */
static const char *const html_hosts[] = {
	"description", "summary", "content", "content:encoded"
};
/* End tags a description left open is followed by, in a feed cut
 * or written wrongly: they close it, as they are not HTML's. */
static const char *const feed_tags[] = {
	"item", "entry", "channel", "feed", "rss", "RDF"
};

/* Is the name (prefix:local) one of list's, by its local part? */
static int
local_is(const char *name, size_t len, const char *const *list, size_t n)
{
	const char *colon;
	size_t k;

	if (len < 3 || len > 40)
		return 0;
	if ((colon = memchr(name, ':', len)) != NULL) {
		len -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	for (k = 0; k < n; k++)
		if (list[k][0] == name[0] && strlen(list[k]) == len &&
		    memcmp(list[k], name, len) == 0)
			return 1;
	return 0;
}

/* Is the start tag at s (n bytes) one of html_hosts?  -1 when more
 * bytes are needed to tell.  Asked of every start tag outside them: by
 * its first byte, nearly all are not. */
static int
host_at(const char *s, size_t n)
{
	size_t k, len;
	int c;

	if (s[0] != 'd' && s[0] != 's' && s[0] != 'c')
		return 0;
	for (k = 0; k < sizeof(html_hosts) / sizeof(html_hosts[0]); k++) {
		len = strlen(html_hosts[k]);
		if (n <= len) {
			if (strncmp(s, html_hosts[k], n) == 0)
				return -1;
			continue;
		}
		c = (unsigned char)s[len];
		if (memcmp(s, html_hosts[k], len) == 0 && (c == '>' ||
		    c == '/' || isspace(c)))
			return 1;
	}
	return 0;
}

/* The length of the tag name at d + i. */
static size_t
name_len(const char *d, size_t i, size_t n)
{
	size_t j;

	for (j = i; j < n && (is_name_char((unsigned char)d[j]) ||
	    (unsigned char)d[j] >= 0x80); j++)
		;
	return j - i;
}

static const char *
open_name(const struct xmlfix *fx, int k)
{
	return fx->names + fx->off[k];
}

/* Tracks one more open element; past the bounds, nothing more is. */
static void
push_open(struct xmlfix *fx, const char *name, size_t len)
{
	size_t at = 0;

	if (fx->depth > 0)
		at = fx->off[fx->depth - 1] +
		    strlen(open_name(fx, fx->depth - 1)) + 1;
	if (fx->depth == XMLFIX_DEPTH || at + len + 1 > XMLFIX_NAMES) {
		fx->depth = 0;
		return;
	}
	memcpy(fx->names + at, name, len);
	fx->names[at + len] = '\0';
	fx->off[fx->depth++] = (unsigned short)at;
}

/* A start tag at d + i: in a description, or opening one, its element
 * is tracked unless it closes itself.  0, or -1 for more bytes. */
static int
track_start(struct xmlfix *fx, const char *d, size_t i, size_t n, int final)
{
	size_t len, end, lim;
	int host;

	if (fx->depth == 0 && (host = host_at(d + i + 1, n - i - 1)) != 1)
		return host == -1 && !final ? -1 : 0;
	/* Decided within TAG_MAX bytes, however the document is cut: a
	 * longer tag is not tracked, nor waited for. */
	lim = n - i > TAG_MAX ? i + TAG_MAX : n;
	if (i + 1 + (len = name_len(d, i + 1, lim)) == lim ||
	    (end = tag_end(d, i + 1 + len, lim)) == lim) {
		if (!final && lim == n)
			return -1;
		fx->depth = 0;		/* lost track */
		return 0;
	}
	if (d[end - 1] != '/')
		push_open(fx, d + i + 1, len);
	return 0;
}

/* "</name>" at d + i, in a description: it closes the elements left
 * open inside the one it names, with end tags in their own spelling
 * (<P> ... </p> too); one naming nothing open is dropped, as HTML does,
 * unless it is the feed's own (</item>: the description is closed).
 * Returns where to go on, or (size_t)-1 for more bytes. */
static size_t
track_end(struct xmlfix *fx, struct xmlfix_out *o, const char *d, size_t i,
    size_t n, int final)
{
	size_t len = name_len(d, i + 2, n), j = i + 2 + len, k;
	const char *name = d + i + 2, *top;
	int at;

	while (j < n && j - i < TAG_MAX && isspace((unsigned char)d[j]))
		j++;
	if (j == n && !final && j - i < TAG_MAX)
		return (size_t)-1;
	if (j == n || d[j] != '>' || len == 0) {
		fx->depth = 0;		/* not an end tag we know */
		return i + 1;
	}
	for (at = fx->depth - 1; at >= 0; at--) {
		top = open_name(fx, at);
		if (strlen(top) == len && strncasecmp(top, name, len) == 0)
			break;
	}
	if (at == fx->depth - 1 && memcmp(open_name(fx, at), name, len) == 0) {
		fx->depth--;		/* well-formed: nothing to do */
		return j + 1;
	}
	if (at < 0 && !local_is(name, len, feed_tags,
	    sizeof(feed_tags) / sizeof(feed_tags[0]))) {
		emitn(o, d, i, "", 0);
		o->run = j + 1;
		return j + 1;
	}
	emitn(o, d, i, "", 0);
	o->run = i;
	for (k = (size_t)fx->depth; k > (size_t)(at < 0 ? 0 : at); k--) {
		top = open_name(fx, (int)k - 1);
		emitn(o, d, i, "</", 2);
		emitn(o, d, i, top, strlen(top));
		emitn(o, d, i, ">", 1);
	}
	if (at < 0) {
		fx->depth = 0;		/* the feed's end tag goes on */
		return j + 1;
	}
	fx->depth = at;
	o->run = j + 1;
	return j + 1;
}

size_t
xmlfix_scan(struct xmlfix *fx, const char *d, size_t n, int final,
    struct xmlfix_out *o)
{
	size_t i = 0, next, last_lt = (size_t)-1;
	struct next at;
	int len, closed = -1, cdata;

	if (n == 0)
		return 0;
	at.amp = next_of(d, 0, n, '&');
	at.lt = next_of(d, 0, n, '<');
	at.bad = next_bad(d, 0, n);
	while (i < n) {
		if (fx->state != FS_TEXT) {
			cdata = fx->state == FS_CDATA;
			next = skip_section(fx, d, i, n, final);
			if (next == i && fx->state != FS_TEXT)
				return i;
			/* Comments and PIs never reach the text: their
			 * DELs stay. */
			for (; at.bad < next; at.bad = next_bad(d,
			    at.bad + 1, n))
				if (at.bad >= i && (cdata ||
				    d[at.bad] != XMLFIX_MARK))
					fix_bad(o, d, at.bad);
			i = next;
			continue;
		}
		if ((i = next_special(d, i, n, &at)) == n)
			break;
		if (is_bad((unsigned char)d[i])) {
			fix_bad(o, d, i++);
			continue;
		}
		if (d[i] == '<') {
			/* "x < 3", "1<2": text.  libxml2 stops reading the
			 * document there, losing every item after it. */
			if (i + 1 < n && !opens_markup((unsigned char)d[i + 1])) {
				emitn(o, d, i, XMLFIX_LT, 2);
				o->run = ++i;
				continue;
			}
			if (i + 1 == n && !final)
				return i;
			if (i + 1 < n && d[i + 1] == '/' && fx->depth > 0) {
				if ((next = track_end(fx, o, d, i, n, final)) ==
				    (size_t)-1)
					return i;
				i = next;
				continue;
			}
			if ((next = open_markup(fx, o, d, i, n, final)) ==
			    (size_t)-1)
				return i;
			if (next == i + 1 && i + 1 < n && d[i + 1] != '/' &&
			    d[i + 1] != '!' && d[i + 1] != '?' &&
			    track_start(fx, d, i, n, final) == -1)
				return i;
			last_lt = i;
			closed = -1;
			i = next;
			continue;
		}
		if ((next = xml_ref(d + i, n - i)) > 0) {
			if (next == 4 && !fx->has_dtd &&
			    in_text(d, i, last_lt, &closed)) {
				if (d[i + 1] == 'g')
					emitn(o, d, i, ">", 1);
				else
					emitn(o, d, i, XMLFIX_LT, 2);
				o->run = i + 4;
			}
			i += next;
			continue;
		}
		if ((len = ref_length(d + i, n - i)) == -1) {
			if (!final)
				return i;
			len = 0;
		}
		fix_ref(fx, o, d, i, len);
		i += len ? (size_t)len : 1;
	}
	return n;
}
