/* OPML: read with libxml2's streaming reader (a million outlines never
 * become a tree), written by hand with strict escaping. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "buf.h"
#include "feedd/config.h"
#include "feedd/opml.h"
#include "utf8.h"

struct opml_parse {
	xmlTextReaderPtr rd;
	opml_fn		 fn;
	void		*arg;
	char		*err;
	size_t		 errlen;
	int		 failed;	/* err holds the first reason */
	long		 outlines;
	int		 feeds;
};

static void
fail(struct opml_parse *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->failed)
		return;
	p->failed = 1;
	n = snprintf(p->err, p->errlen, "line %d: ", line);
	if (n < 0 || (size_t)n >= p->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
}

/* libxml2's report of a malformed document: keep the first, with its
 * line, without the trailing newline. */
static void
on_xml_error(void *arg, xmlErrorPtr e)
{
	struct opml_parse *p = arg;
	char msg[256];
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && isspace((unsigned char)msg[n - 1]))
		msg[--n] = '\0';
	/* libxml2 names its function; the user needs the fix. */
	if (e->code == XML_ERR_NAME_REQUIRED || e->code ==
	    XML_ERR_ENTITYREF_SEMICOL_MISSING)
		fail(p, e->line, "malformed OPML: %s (a & in a title or URL "
		    "must be written &amp;)", msg);
	else if (e->code == XML_ERR_UNDECLARED_ENTITY)
		fail(p, e->line, "malformed OPML: %s (HTML's named "
		    "characters are not XML: write the character itself, or "
		    "its number, as &#233; for &eacute;)", msg);
	else
		fail(p, e->line, "malformed OPML: %s", msg);
}

/* s without surrounding white space, in place; NULL when empty. */
static char *
trim(char *s)
{
	char *e;

	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return *s ? s : NULL;
}

struct outline {
	xmlChar	*xml_url, *title, *text, *interval, *enabled, *own_title;
};

static void
take_attr(xmlChar **slot, xmlTextReaderPtr rd)
{
	if (*slot == NULL)
		*slot = xmlTextReaderValue(rd);
}

/* Whether the attribute the reader is on is in feedd's namespace. */
static int
is_ours(xmlTextReaderPtr rd)
{
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);

	return ns != NULL && strcmp(ns, OPML_NS) == 0;
}

/* The attributes wanted, matched without regard to case: files written
 * by hand say xmlurl or XMLURL. */
static void
read_outline(xmlTextReaderPtr rd, struct outline *o)
{
	const char *name;

	memset(o, 0, sizeof(*o));
	if (xmlTextReaderMoveToFirstAttribute(rd) != 1)
		return;
	do {
		name = (const char *)xmlTextReaderConstLocalName(rd);
		if (name == NULL)
			continue;
		if (strcasecmp(name, "xmlUrl") == 0)
			take_attr(&o->xml_url, rd);
		else if (strcasecmp(name, "title") == 0)
			take_attr(&o->title, rd);
		else if (strcasecmp(name, "text") == 0)
			take_attr(&o->text, rd);
		else if (strcasecmp(name, "interval") == 0 && is_ours(rd))
			take_attr(&o->interval, rd);
		else if (strcasecmp(name, "enabled") == 0 && is_ours(rd))
			take_attr(&o->enabled, rd);
		else if (strcasecmp(name, "own-title") == 0 && is_ours(rd))
			take_attr(&o->own_title, rd);
	} while (xmlTextReaderMoveToNextAttribute(rd) == 1);
	xmlTextReaderMoveToElement(rd);
}

static void
outline_free(struct outline *o)
{
	xmlFree(o->xml_url);
	xmlFree(o->title);
	xmlFree(o->text);
	xmlFree(o->interval);
	xmlFree(o->enabled);
	xmlFree(o->own_title);
}

static void
on_outline(struct opml_parse *p)
{
	struct outline o;
	struct opml_outline out;
	int line = xmlTextReaderGetParserLineNumber(p->rd);

	if (++p->outlines > OPML_MAX_OUTLINES) {
		fail(p, line, "more than %d outlines", OPML_MAX_OUTLINES);
		return;
	}
	read_outline(p->rd, &o);
	out.url = trim((char *)o.xml_url);
	if ((out.title = trim((char *)o.title)) == NULL)
		out.title = trim((char *)o.text);
	out.interval = trim((char *)o.interval);
	out.enabled = trim((char *)o.enabled);
	out.own_title = trim((char *)o.own_title);
	if (out.url) {
		p->feeds++;
		if (p->fn(p->arg, &out) != 0)
			fail(p, line, "stopped");
	}
	outline_free(&o);
}

static void
on_element(struct opml_parse *p)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(p->rd);
	int line = xmlTextReaderGetParserLineNumber(p->rd);

	if (name == NULL)
		return;
	if (xmlTextReaderDepth(p->rd) == 0) {
		if (strcmp(name, "opml") != 0)
			fail(p, line, "not an OPML document (its root is "
			    "<%.64s>)", name);
		return;
	}
	if (strcasecmp(name, "outline") == 0)
		on_outline(p);
}

/* ---- repairs before libxml2 reads the document ---- */

#define REF_MAX		40	/* longest named reference looked at */

static int
name_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-' || c == ':';
}

/* The length of the reference at d ("&name;", "&#233;", "&#xE9;"), 0
 * when the '&' starts none. */
static size_t
ref_len(const char *d, size_t n)
{
	size_t i, first;

	if (n > 2 && d[1] == '#') {
		if (d[2] == 'x' || d[2] == 'X')
			for (first = i = 3; i < n &&
			    isxdigit((unsigned char)d[i]); i++)
				;
		else
			for (first = i = 2; i < n &&
			    isdigit((unsigned char)d[i]); i++)
				;
		return i < n && d[i] == ';' && i > first ? i + 1 : 0;
	}
	if (n < 2 || (!isalpha((unsigned char)d[1]) && d[1] != '_'))
		return 0;
	for (i = 2; i < n && i < REF_MAX && name_char((unsigned char)d[i]);
	    i++)
		;
	return i < n && d[i] == ';' ? i + 1 : 0;
}

/* One of the five named references XML defines itself. */
static int
xml_named(const char *name, size_t n)
{
	return (n == 2 && (memcmp(name, "lt", 2) == 0 ||
	    memcmp(name, "gt", 2) == 0)) || (n == 3 &&
	    memcmp(name, "amp", 3) == 0) || (n == 4 &&
	    (memcmp(name, "quot", 4) == 0 || memcmp(name, "apos", 4) == 0));
}

struct repair {
	const char	*d;
	size_t		 n, run;	/* d[run..] not copied to out yet */
	struct buf	 out;		/* the repaired document, if any */
	int		 has_dtd;	/* it may declare entities */
	int		 oom;
};

/* d[run..at) then rep, in place of len bytes at at. */
static void
replace(struct repair *r, size_t at, size_t len, const char *rep)
{
	if (buf_add(&r->out, r->d + r->run, at - r->run) ||
	    buf_adds(&r->out, rep))
		r->oom = 1;
	r->run = at + len;
}

/* The '&' at i: a bare one becomes "&#38;", an HTML name its number,
 * "&#X" "&#x"; a name nobody knows is text, unless a DTD may declare
 * it.  Returns the bytes to step over. */
static size_t
fix_amp(struct repair *r, size_t i)
{
	const htmlEntityDesc *e;
	char name[REF_MAX + 1], rep[16];
	size_t len = ref_len(r->d + i, r->n - i);

	if (len == 0) {
		replace(r, i, 1, "&#38;");
		return 1;
	}
	if (r->d[i + 1] == '#') {
		if (r->d[i + 2] == 'X')
			replace(r, i, 3, "&#x");
		return len;
	}
	if (xml_named(r->d + i + 1, len - 2))
		return len;
	memcpy(name, r->d + i + 1, len - 2);
	name[len - 2] = '\0';
	if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL) {
		snprintf(rep, sizeof(rep), "&#%u;", e->value);
		replace(r, i, len, rep);
	} else if (!r->has_dtd)
		replace(r, i, 1, "&#38;");
	return len;
}

/* Where the section opened at i ends (past end), n when it does not. */
static size_t
skip_to(const struct repair *r, size_t i, const char *end)
{
	const char *q = memmem(r->d + i, r->n - i, end, strlen(end));

	return q ? (size_t)(q - r->d) + strlen(end) : r->n;
}

/* Where the next c is from i, n when none. */
static size_t
next_of(const struct repair *r, size_t i, int c)
{
	const char *q = memchr(r->d + i, c, r->n - i);

	return q ? (size_t)(q - r->d) : r->n;
}

/* The '<' at i: comments, CDATA sections and processing instructions
 * are stepped over whole.  Returns where to go on. */
static size_t
markup(struct repair *r, size_t i)
{
	const char *d = r->d + i;
	size_t left = r->n - i;

	if (left >= 4 && memcmp(d, "<!--", 4) == 0)
		return skip_to(r, i + 4, "-->");
	if (left >= 9 && memcmp(d, "<![CDATA[", 9) == 0)
		return skip_to(r, i + 9, "]]>");
	if (left >= 2 && d[1] == '?')
		return skip_to(r, i + 2, "?>");
	if (left >= 9 && memcmp(d, "<!DOCTYPE", 9) == 0)
		r->has_dtd = 1;
	return i + 1;
}

/*
 * What other readers' exports hold and XML refuses, which would stop the
 * whole import: a bare '&' ("Fish & Chips") and HTML's named characters
 * (&eacute;, &nbsp;).  Only references change, never a line break: an
 * error still names the file's line.  Only in an encoding where these
 * are ASCII bytes: UTF-16 and UTF-32 (a byte order mark, or a NUL in the
 * first four bytes) and ISO-2022 (ESC, which XML has no use for) are
 * read as they are.  0, or -1 when out of memory; r->out holds the
 * repaired document when anything changed.
 */
static int
repair(struct repair *r)
{
	size_t i = 0, amp, lt;

	if (memchr(r->d, '\0', r->n < 4 ? r->n : 4) != NULL ||
	    (r->n >= 2 && (unsigned char)r->d[0] >= 0xfe) ||
	    memchr(r->d, '\033', r->n) != NULL)
		return 0;
	/* The next '&' and '<', each looked for again only once passed:
	 * a million outlines are a million '<'. */
	amp = next_of(r, 0, '&');
	lt = next_of(r, 0, '<');
	while (i < r->n && !r->oom) {
		if (amp < i)
			amp = next_of(r, i, '&');
		if (lt < i)
			lt = next_of(r, i, '<');
		if (amp == r->n && lt == r->n)
			break;
		if (amp < lt)
			i = amp + fix_amp(r, amp);
		else
			i = markup(r, lt);
	}
	if (r->out.s && !r->oom &&
	    buf_add(&r->out, r->d + r->run, r->n - r->run))
		r->oom = 1;
	return r->oom ? -1 : 0;
}

/* The document through libxml2's reader, outline by outline. */
static void
read_doc(struct opml_parse *p, const char *buf, size_t len)
{
	int r = 0, seen_root = 0;

	/* No NOENT, no DTDLOAD: entities stay unexpanded and nothing
	 * outside the buffer is ever read. */
	p->rd = xmlReaderForMemory(buf, (int)len, NULL, NULL, XML_PARSE_NONET);
	if (p->rd == NULL) {
		snprintf(p->err, p->errlen, "out of memory");
		p->failed = 1;
		return;
	}
	xmlTextReaderSetStructuredErrorHandler(p->rd, on_xml_error, p);
	while (!p->failed && (r = xmlTextReaderRead(p->rd)) == 1) {
		if (xmlTextReaderNodeType(p->rd) != XML_READER_TYPE_ELEMENT)
			continue;
		seen_root = 1;
		on_element(p);
	}
	if (!p->failed && r == -1)
		fail(p, xmlTextReaderGetParserLineNumber(p->rd),
		    "malformed OPML");
	if (!p->failed && !seen_root)
		fail(p, 1, "empty document");
	xmlFreeTextReader(p->rd);
}

int
opml_parse(const char *buf, size_t len, opml_fn fn, void *arg, char *err,
    size_t errlen)
{
	struct opml_parse p = { NULL, fn, arg, err, errlen, 0, 0, 0 };
	struct repair fix = { buf, len, 0, { NULL, 0, 0 }, 0, 0 };
	size_t i;

	if (len > OPML_MAX_BYTES) {
		snprintf(err, errlen, "larger than %d MiB", OPML_MAX_BYTES >> 20);
		return -1;
	}
	/* buf need not be NUL-terminated: no strspn(). */
	for (i = 0; i < len && (buf[i] == ' ' || buf[i] == '\t' ||
	    buf[i] == '\r' || buf[i] == '\n'); i++)
		;
	if (i >= len) {
		snprintf(err, errlen, "line 1: empty file");
		return -1;
	}
	if (repair(&fix) == -1) {
		buf_free(&fix.out);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* As parse.c does: libxml2 frees its global tables (encoding
	 * handlers, the last error) at exit only once initialised. */
	xmlInitParser();
	if (fix.out.s)
		read_doc(&p, fix.out.s, fix.out.len);
	else
		read_doc(&p, buf, len);
	buf_free(&fix.out);
	return p.failed ? -1 : p.feeds;
}

/* Characters XML 1.0 can carry. */
static int
xml_char(unsigned cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    cp >= 0x10000;
}

/* s escaped for an attribute value or element content. */
static int
add_text(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	int n, r = 0;

	while (*p && r == 0) {
		if ((n = utf8_decode(p, strnlen((const char *)p, 4), &cp)) == 0) {
			r = buf_adds(b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (!xml_char(cp))
			;
		else if (cp == '&')
			r = buf_adds(b, "&amp;");
		else if (cp == '<')
			r = buf_adds(b, "&lt;");
		else if (cp == '>')
			r = buf_adds(b, "&gt;");
		else if (cp == '"')
			r = buf_adds(b, "&quot;");
		else if (cp < 0x20)	/* attribute normalisation eats them */
			r = buf_adds(b, cp == '\t' ? "&#9;" : cp == '\n' ?
			    "&#10;" : "&#13;");
		else
			r = buf_add(b, (const char *)p, n);
		p += n;
	}
	return r;
}

static int
add_outline(struct buf *b, const struct opml_feed *f)
{
	const char *title = f->title && *f->title ? f->title : f->url;
	char iv[32];

	if (buf_adds(b, "    <outline type=\"rss\" text=\"") ||
	    add_text(b, title) || buf_adds(b, "\" title=\"") ||
	    add_text(b, title) || buf_adds(b, "\" xmlUrl=\"") ||
	    add_text(b, f->url) || buf_adds(b, "\""))
		return -1;
	if (f->interval > 0 && (buf_adds(b, " feedd:interval=\"") ||
	    buf_adds(b, config_format_duration(f->interval, iv, sizeof(iv))) ||
	    buf_adds(b, "\"")))
		return -1;
	if (f->disabled && buf_adds(b, " feedd:enabled=\"false\""))
		return -1;
	if (f->own_title && buf_adds(b, " feedd:own-title=\"true\""))
		return -1;
	return buf_adds(b, "/>\n");
}

char *
opml_from_feeds(const struct opml_feed *feeds, size_t n, const char *title)
{
	struct buf b = { 0 };
	size_t i;
	int r;

	r = buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\" xmlns:feedd=\"" OPML_NS "\">\n"
	    "  <head>\n    <title>") ||
	    add_text(&b, title ? title : "feedd subscriptions") ||
	    buf_adds(&b, "</title>\n  </head>\n  <body>\n");
	for (i = 0; i < n && r == 0; i++)
		if (feeds[i].url)
			r = add_outline(&b, &feeds[i]);
	if (r == 0)
		r = buf_adds(&b, "  </body>\n</opml>\n");
	if (r != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}
