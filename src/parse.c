/*
 * Streaming feed parser.  libxml2's push parser calls the SAX2 handlers
 * below as bytes arrive; an item is built while its element is open and
 * handed to the caller when it closes.  Nothing keeps a tree.
 *
 * Security: no DTD is loaded, no external entity is ever resolved
 * (XML_PARSE_NONET, no XML_PARSE_NOENT, a loader that refuses everything),
 * and internal entities are expanded only when their text holds no further
 * reference, so entity expansion cannot nest (billion laughs).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "buf.h"
#include "feedd/date.h"
#include "feedd/parse.h"
#include "feedd/text.h"
#include "feedd/urlres.h"
#include "parse_internal.h"
#include "utf8.h"
#include "xmlfix.h"

#define HEAD_MAX	1024	/* bytes kept to sniff the encoding */
#define JSON_MAX	(16 << 20)
#define DEPTH_MAX	256	/* libxml2 refuses deeper documents anyway */
#define WARN_MAX	16
#define ENTITY_MAX	64	/* internal entities remembered per document */
#define ENTITY_LEN	4096
#define FIELD_MAX	(4 << 20) /* longest text kept for one field */

#define NS_CACHE	8

enum mode { MODE_DETECT, MODE_XML, MODE_JSON, MODE_FAILED };

/* Namespaces we know, whatever prefix the document gives them. */
enum ns {
	NS_NONE, NS_ATOM10, NS_ATOM03, NS_RSS10, NS_RSS090, NS_RDF, NS_DC,
	NS_DCTERMS, NS_CONTENT, NS_MEDIA, NS_ITUNES, NS_SY, NS_XHTML,
	NS_OTHER
};

/* What the text of a captured element becomes. */
enum field {
	F_NONE, F_TITLE, F_LINK, F_GUID, F_SUMMARY, F_CONTENT, F_PUBLISHED,
	F_UPDATED, F_AUTHOR, F_NAME, F_EMAIL, F_CATEGORY, F_TTL, F_SY_PERIOD,
	F_SY_FREQ, F_HOUR, F_DAY, F_DURATION
};

/* How captured text is to be read. */
enum ctype { CT_TEXT, CT_HTML, CT_XHTML, CT_MAYBE_HTML };

enum zone { Z_DOC, Z_FEED, Z_ITEM };

/* Element names we act on, matched case-insensitively. */
enum el {
	E_OTHER, E_ABSTRACT, E_AUTHOR, E_BODY, E_CATEGORY, E_CHANNEL,
	E_CONTENT, E_CONTRIBUTOR, E_CREATOR, E_DATE, E_DAY, E_DESCRIPTION,
	E_DIV, E_DURATION, E_EMAIL, E_ENCLOSURE, E_ENCODED, E_ENTRY, E_FEED,
	E_GROUP, E_GUID, E_HOUR, E_HTML, E_ID, E_IMAGE, E_ISSUED, E_ITEM,
	E_ITEMS, E_LASTBUILDDATE, E_LINK, E_MODIFIED, E_NAME, E_PUBDATE,
	E_PUBLISHED, E_RDF, E_RSS, E_SKIPDAYS, E_SKIPHOURS, E_SOURCE,
	E_SUBJECT, E_SUBTITLE, E_SUMMARY, E_TAGLINE, E_TEXTINPUT,
	E_THUMBNAIL, E_TITLE, E_TTL, E_UPDATED, E_UPDATEFREQUENCY,
	E_UPDATEPERIOD
};

#define EL_CACHE	64

struct ent {
	struct ent	*next;
	xmlEntity	 e;
	int		 doc;		/* declared by the document */
	xmlEntity	*general;	/* its twin for attribute values */
};

struct feed_parser {
	enum mode	 mode;
	xmlParserCtxtPtr xml;
	char		*base_url;
	char		*charset;	/* from Content-Type, or NULL */
	feed_item_fn	 fn;
	void		*arg;
	struct feed_info info;
	char		 error[256];
	char		*warnings[WARN_MAX];
	size_t		 n_warnings;

	char		 head[HEAD_MAX];
	size_t		 head_len;
	size_t		 head_skip;	/* BOM and blank lines not parsed */
	char		 enc[64];	/* the declared encoding, when forced */
	struct buf	 json;

	/* Element tracking. */
	int		 depth;
	int		 root_seen;
	int		 feedish;	/* saw channel, item, entry, feed */
	enum zone	 zone;
	int		 zone_depth;	/* depth of the feed/item element */
	int		 skip_depth;	/* > 0: ignoring this subtree */
	int		 author_depth;	/* > 0: inside an Atom author */
	char		*bases[DEPTH_MAX + 1];	/* xml:base in force per depth */

	/* Text capture of the current field. */
	enum field	 field;
	enum ctype	 ctype;
	int		 cap_depth;	/* > 0: capturing */
	int		 cap_children;
	int		 cap_ns;
	int		 strip_div;	/* xhtml: drop the wrapping div */
	int		 div_open;	/* ... which is open now */
	int		 guid_permalink;
	struct buf	 text;

	struct buf	 author_name, author_email;
	int		 in_skip_hours, in_skip_days;

	struct feed_item item;
	int		 item_link_rank;	/* which kind of link set it */
	int		 item_has_media;	/* enclosures from media:* */
	int		 feed_link_rank;

	struct ent	*entities;	/* HTML and internal entities handed out */
	int		 n_doc_entities;

	const xmlChar	*root_uri;	/* interned by libxml2's dictionary */
	const xmlChar	*ns_uri[NS_CACHE];
	enum ns		 ns_val[NS_CACHE];
	unsigned	 ns_next;
	const xmlChar	*el_name[EL_CACHE];	/* interned local names */
	unsigned char	 el_val[EL_CACHE];
	int		 filter;	/* repair bytes (ASCII encodings) */
	int		 mark_pending;	/* text ended on XMLFIX_MARK */
	struct buf	 unmarked;	/* text with marks, decoded */
	struct xmlfix	 fix;
	struct buf	 carry;		/* bytes held for lookahead */
	struct xmlfix_out out;		/* repaired bytes for libxml2 */
	int		 title_rank;	/* 1: media:title stand-in */
	int		 base64;	/* mode="base64" on the field */
	int		 link_enclosure; /* <link rel="enclosure">URL</link> */
	struct buf	 attr[4];	/* attribute values looked at */
	int		 drop_open;	/* an item open at the end is dropped */
	int		 finishing;	/* the last chunk is being parsed */
	int		 ill_formed;	/* an error before the document's end */
	int		 truncated;	/* the document ended with elements open */
	int		 open_dropped;	/* ... and an item open, dropped */
};

static xmlSAXHandler sax;
static int sax_ready;

/* Known namespace URIs; feeds in the wild omit or add trailing slashes. */
static enum ns
ns_of(const xmlChar *uri, const xmlChar *prefix)
{
	static const struct { const char *uri; enum ns ns; } tab[] = {
		{ "http://www.w3.org/2005/Atom", NS_ATOM10 },
		{ "http://purl.org/atom/ns#", NS_ATOM03 },
		{ "http://purl.org/rss/1.0/", NS_RSS10 },
		{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
		{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
		{ "http://purl.org/dc/elements/1.1/", NS_DC },
		{ "http://purl.org/dc/terms/", NS_DCTERMS },
		{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
		{ "http://search.yahoo.com/mrss/", NS_MEDIA },
		{ "http://search.yahoo.com/mrss", NS_MEDIA },
		{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
		{ "http://www.itunes.com/DTDs/Podcast-1.0.dtd", NS_ITUNES },
		{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY },
		{ "http://www.w3.org/1999/xhtml", NS_XHTML },
		{ "http://backend.userland.com/rss2", NS_NONE },
		{ "http://blogs.law.harvard.edu/tech/rss", NS_NONE },
		{ "http://purl.org/net/rss1.1#", NS_RSS10 },
		{ "http://channel.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	};
	static const struct { const char *prefix; enum ns ns; } pfx[] = {
		{ "dc", NS_DC }, { "dcterms", NS_DCTERMS },
		{ "content", NS_CONTENT }, { "media", NS_MEDIA },
		{ "itunes", NS_ITUNES }, { "sy", NS_SY }, { "rdf", NS_RDF },
		{ "atom", NS_ATOM10 }, { "xhtml", NS_XHTML },
	};
	size_t i;

	if (uri == NULL) {
		/* An undeclared prefix: go by the usual prefix names. */
		if (prefix == NULL)
			return NS_NONE;
		for (i = 0; i < sizeof(pfx) / sizeof(pfx[0]); i++)
			if (strcmp((const char *)prefix, pfx[i].prefix) == 0)
				return pfx[i].ns;
		return NS_OTHER;
	}
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcasecmp((const char *)uri, tab[i].uri) == 0)
			return tab[i].ns;
	return NS_OTHER;
}

/* libxml2 interns namespace URIs in its dictionary: the same URI comes
 * back as the same pointer, so a few remembered pointers spare the
 * string compares on nearly every element. */
static enum ns
ns_cached(struct feed_parser *p, const xmlChar *uri, const xmlChar *prefix)
{
	int i;

	if (uri == NULL)
		return ns_of(uri, prefix);
	for (i = 0; i < NS_CACHE; i++)
		if (p->ns_uri[i] == uri)
			return p->ns_val[i];
	i = p->ns_next++ % NS_CACHE;
	p->ns_uri[i] = uri;
	p->ns_val[i] = ns_of(uri, prefix);
	return p->ns_val[i];
}

/* An element's name folded to lower case, as feeds in the wild vary
 * the case of names (CDF is upper case). */
static enum el
el_of(const xmlChar *name)
{
	/* In strcmp() order: searched by halves. */
	static const struct { const char *name; enum el el; } tab[] = {
		{ "abstract", E_ABSTRACT }, { "author", E_AUTHOR },
		{ "body", E_BODY }, { "category", E_CATEGORY },
		{ "channel", E_CHANNEL }, { "content", E_CONTENT },
		{ "contributor", E_CONTRIBUTOR }, { "creator", E_CREATOR },
		{ "date", E_DATE }, { "day", E_DAY },
		{ "description", E_DESCRIPTION }, { "div", E_DIV },
		{ "duration", E_DURATION }, { "email", E_EMAIL },
		{ "enclosure", E_ENCLOSURE }, { "encoded", E_ENCODED },
		{ "entry", E_ENTRY }, { "feed", E_FEED }, { "group", E_GROUP },
		{ "guid", E_GUID }, { "hour", E_HOUR }, { "html", E_HTML },
		{ "id", E_ID }, { "image", E_IMAGE }, { "issued", E_ISSUED },
		{ "item", E_ITEM }, { "items", E_ITEMS },
		{ "lastbuilddate", E_LASTBUILDDATE }, { "link", E_LINK },
		{ "modified", E_MODIFIED }, { "name", E_NAME },
		{ "pubdate", E_PUBDATE }, { "published", E_PUBLISHED },
		{ "rdf", E_RDF }, { "rss", E_RSS }, { "skipdays", E_SKIPDAYS },
		{ "skiphours", E_SKIPHOURS }, { "source", E_SOURCE },
		{ "subject", E_SUBJECT }, { "subtitle", E_SUBTITLE },
		{ "summary", E_SUMMARY }, { "tagline", E_TAGLINE },
		{ "textinput", E_TEXTINPUT }, { "thumbnail", E_THUMBNAIL },
		{ "title", E_TITLE }, { "ttl", E_TTL }, { "updated", E_UPDATED },
		{ "updatefrequency", E_UPDATEFREQUENCY },
		{ "updateperiod", E_UPDATEPERIOD },
	};
	char low[64];
	size_t i, lo = 0, hi = sizeof(tab) / sizeof(tab[0]);
	int c;

	for (i = 0; i + 1 < sizeof(low) && name[i]; i++)
		low[i] = (char)tolower(name[i]);
	low[i] = '\0';
	/* The table is sorted: each parser looks up every name once. */
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if ((c = strcmp(low, tab[i].name)) == 0)
			return tab[i].el;
		if (c < 0)
			hi = i;
		else
			lo = i + 1;
	}
	return E_OTHER;
}

/* Local names are interned in libxml2's dictionary as well: a pointer
 * seen before needs no folding nor compares. */
static enum el
el_cached(struct feed_parser *p, const xmlChar *name)
{
	unsigned h = (unsigned)(((uint64_t)(uintptr_t)name *
	    0x9e3779b97f4a7c15ULL) >> 58);

	if (p->el_name[h] == name)
		return p->el_val[h];
	if (p->xml == NULL || xmlDictOwns(p->xml->dict, name) != 1)
		return el_of(name);
	p->el_name[h] = name;
	p->el_val[h] = el_of(name);
	return p->el_val[h];
}

static int
is_atom(enum ns ns)
{
	return ns == NS_ATOM10 || ns == NS_ATOM03;
}

/* Plain RSS/Atom element: no namespace, the document's own, or RSS 1.0. */
static int
is_core(struct feed_parser *p, enum ns ns)
{
	(void)p;
	return ns == NS_NONE || ns == NS_RSS10 || ns == NS_RSS090 ||
	    is_atom(ns);
}

/* ---- items and warnings ---- */

void
item_set(char **field, char *value)
{
	free(*field);
	*field = value;
}

int
item_add_enclosure(struct feed_item *it, const char *url, const char *type,
    int64_t length)
{
	struct feed_enclosure *e;

	if (url == NULL || *url == '\0' || it->n_enclosures >= 64)
		return 0;
	e = realloc(it->enclosures, (it->n_enclosures + 1) * sizeof(*e));
	if (e == NULL)
		return -1;
	it->enclosures = e;
	e += it->n_enclosures;
	e->url = strdup(url);
	e->type = type && *type ? strdup(type) : NULL;
	e->length = length;
	if (e->url == NULL)
		return -1;
	it->n_enclosures++;
	return 0;
}

int
item_add_category(struct feed_item *it, const char *term)
{
	char **c, *s;

	if (term == NULL || it->n_categories >= 64)
		return 0;
	if ((s = strdup(term)) == NULL)
		return -1;
	text_collapse(s);
	if (*s == '\0') {
		free(s);
		return 0;
	}
	c = realloc(it->categories, (it->n_categories + 1) * sizeof(*c));
	if (c == NULL) {
		free(s);
		return -1;
	}
	it->categories = c;
	c[it->n_categories++] = s;
	return 0;
}

/* An item with nothing in it, owning nothing. */
static void
item_empty(struct feed_item *it)
{
	memset(it, 0, sizeof(*it));
	it->published = it->updated = FEED_NO_DATE;
	it->duration = -1;
}

void
item_clear(struct feed_item *it)
{
	size_t i;

	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->image);
	for (i = 0; i < it->n_enclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	for (i = 0; i < it->n_categories; i++)
		free(it->categories[i]);
	free(it->categories);
	item_empty(it);
}

static int
dup_str(char **dst, const char *src)
{
	*dst = NULL;
	return src == NULL || (*dst = strdup(src)) != NULL ? 0 : -1;
}

struct feed_item *
feed_item_dup(const struct feed_item *it)
{
	struct feed_item *c;
	size_t i;
	int bad = 0;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	*c = *it;
	c->enclosures = NULL;
	c->categories = NULL;
	c->n_enclosures = c->n_categories = 0;
	bad |= dup_str(&c->guid, it->guid) | dup_str(&c->title, it->title) |
	    dup_str(&c->link, it->link) | dup_str(&c->author, it->author) |
	    dup_str(&c->summary, it->summary) |
	    dup_str(&c->content, it->content) | dup_str(&c->image, it->image);
	for (i = 0; i < it->n_enclosures && !bad; i++)
		bad |= item_add_enclosure(c, it->enclosures[i].url,
		    it->enclosures[i].type, it->enclosures[i].length);
	for (i = 0; i < it->n_categories && !bad; i++)
		bad |= item_add_category(c, it->categories[i]);
	if (bad) {
		feed_item_free(c);
		return NULL;
	}
	return c;
}

struct feed_item *
feed_item_take(struct feed_item *it)
{
	struct feed_item *c;

	if ((c = malloc(sizeof(*c))) == NULL)
		return NULL;
	*c = *it;
	item_empty(it);
	return c;
}

void
feed_item_free(struct feed_item *it)
{
	if (it == NULL)
		return;
	item_clear(it);
	free(it);
}

void
parser_emit(struct feed_parser *p, struct feed_item *it)
{
	if (p->fn)
		p->fn(p->arg, it);
	item_clear(it);
}

void
parser_warn(struct feed_parser *p, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	int n = 0;

	if (p->n_warnings >= WARN_MAX)
		return;
	if (line > 0)
		n = snprintf(msg, sizeof(msg), "line %d: ", line);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	va_end(ap);
	msg[strcspn(msg, "\n")] = '\0';
	p->warnings[p->n_warnings] = strdup(msg);
	if (p->warnings[p->n_warnings])
		p->n_warnings++;
}

struct feed_info *
parser_info(struct feed_parser *p)
{
	return &p->info;
}

const char *
parser_base(struct feed_parser *p)
{
	return p->base_url;
}

static void
fail(struct feed_parser *p, const char *why)
{
	if (p->mode == MODE_FAILED)
		return;
	snprintf(p->error, sizeof(p->error), "%s", why);
	p->mode = MODE_FAILED;
	if (p->xml)
		xmlStopParser(p->xml);
}

/* ---- entities ---- */

/* Hands libxml2 an entity it treats as predefined: its text is passed to
 * characters() as is and never parsed again, so nothing can nest. */
static xmlEntityPtr
entity_new(struct feed_parser *p, const xmlChar *name, const char *text)
{
	struct ent *en;

	if ((en = calloc(1, sizeof(*en))) == NULL)
		return NULL;
	en->e.type = XML_ENTITY_DECL;
	en->e.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	en->e.name = xmlStrdup(name);
	en->e.content = xmlStrdup((const xmlChar *)text);
	en->e.orig = xmlStrdup((const xmlChar *)text);
	en->e.length = (int)strlen(text);
	if (en->e.name == NULL || en->e.content == NULL || en->e.orig == NULL) {
		xmlFree((xmlChar *)en->e.name);
		xmlFree(en->e.content);
		xmlFree(en->e.orig);
		free(en);
		return NULL;
	}
	en->next = p->entities;
	p->entities = en;
	return &en->e;
}

static xmlEntityPtr
entity_find(struct feed_parser *p, const xmlChar *name)
{
	struct ent *en;

	for (en = p->entities; en; en = en->next)
		if (xmlStrEqual(en->e.name, name))
			return &en->e;
	return NULL;
}

/* In an attribute value libxml2 copies one byte of a "predefined"
 * entity; a general one it leaves as "&name;", which attr_value() then
 * resolves.  So the document's own entities get a general twin there. */
static xmlEntityPtr
attribute_twin(struct feed_parser *p, xmlEntityPtr e)
{
	struct ent *en = (struct ent *)((char *)e - offsetof(struct ent, e));
	xmlEntity *g;

	if (!en->doc || p->xml == NULL || p->xml->instate != XML_PARSER_START_TAG)
		return e;
	if (en->general)
		return en->general;
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return e;
	g->type = XML_ENTITY_DECL;
	g->etype = XML_INTERNAL_GENERAL_ENTITY;
	g->name = e->name;
	g->content = e->content;
	g->length = e->length;
	en->general = g;
	return g;
}

/* Feeds use HTML's named entities (&nbsp;, &eacute;) without declaring
 * them; resolve those to their characters. */
static xmlEntityPtr
sax_get_entity(void *ctx, const xmlChar *name)
{
	struct feed_parser *p = ctx;
	const htmlEntityDesc *d;
	xmlEntityPtr e;
	char u[8];

	if ((e = xmlGetPredefinedEntity(name)) != NULL)
		return e;
	if ((e = entity_find(p, name)) != NULL)
		return attribute_twin(p, e);
	if ((d = htmlEntityLookup(name)) == NULL) {
		/* Unknown: keep "&name;" as text rather than lose it. */
		char lit[64];
		if (xmlStrlen(name) > 50)
			return NULL;
		snprintf(lit, sizeof(lit), "&%s;", (const char *)name);
		return entity_new(p, name, lit);
	}
	u[utf8_encode(u, d->value)] = '\0';
	return entity_new(p, name, u);
}

/* Internal entities of the document's DTD: kept only when flat (no '&'
 * inside) and small; external ones are never looked at. */
static void
sax_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	struct feed_parser *p = ctx;

	(void)publicId;
	(void)systemId;
	if (type != XML_INTERNAL_GENERAL_ENTITY || content == NULL)
		return;
	if (p->n_doc_entities >= ENTITY_MAX || entity_find(p, name) ||
	    xmlStrchr(content, '&') || xmlStrlen(content) > ENTITY_LEN)
		return;
	if (entity_new(p, name, (const char *)content)) {
		p->entities->doc = 1;
		p->n_doc_entities++;
	}
}

static xmlParserInputPtr
sax_resolve_entity(void *ctx, const xmlChar *publicId, const xmlChar *systemId)
{
	(void)ctx;
	(void)publicId;
	(void)systemId;
	return NULL;
}

static xmlParserInputPtr
refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
sax_error(void *ctx, xmlErrorPtr err)
{
	struct feed_parser *p = ctx;

	if (err == NULL || err->level < XML_ERR_ERROR)
		return;
	/* A document cut short shows its error only at its end; one
	 * raised before leaves elements open in a complete document. */
	if (!p->finishing)
		p->ill_formed = 1;
	parser_warn(p, err->line, "%s", err->message ? err->message : "error");
}

/* ---- text capture ---- */

static char *
trim(char *s)
{
	size_t i = 0, n = strlen(s);

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	memmove(s, s + i, n - i);
	s[n - i] = '\0';
	return s;
}

/* The parser whose callbacks run now: parsing is synchronous, and the
 * attribute helpers below have no other way to reach its entities. */
static struct feed_parser *current;

/* Do this document's bytes carry xmlfix.c's marks? */
static int
marked(void)
{
	return current != NULL && current->filter;
}

/* A flat entity the document declared, appended to b. */
static size_t
decode_doc_entity(const char *name, size_t reflen, struct buf *b)
{
	struct ent *en;

	for (en = current ? current->entities : NULL; en; en = en->next) {
		if (!en->doc || strcmp((const char *)en->e.name, name) != 0)
			continue;
		buf_add(b, (const char *)en->e.content, en->e.length);
		return reflen;
	}
	return 0;
}

/* One character or entity reference at s ("&#38;", "&amp;", "&eacute;")
 * appended to b as UTF-8; returns the reference's length, or 0. */
static size_t
decode_ref(const char *s, const char *end, struct buf *b)
{
	char name[40], u[8];
	const char *q;
	const htmlEntityDesc *d;
	unsigned long cp;
	size_t n;

	if ((q = memchr(s, ';', end - s)) == NULL || q - s > 38 || q - s < 2)
		return 0;
	n = q - s - 1;
	memcpy(name, s + 1, n);
	name[n] = '\0';
	if (name[0] == '#') {
		char *e;
		cp = name[1] == 'x' || name[1] == 'X' ? strtoul(name + 2, &e, 16) :
		    strtoul(name + 1, &e, 10);
		if (*e || cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
			return 0;
	} else if (strcmp(name, "apos") == 0)
		cp = '\'';
	else if ((d = htmlEntityLookup((const xmlChar *)name)) != NULL)
		cp = d->value;
	else
		return decode_doc_entity(name, q - s + 1, b);
	/* Marked, as xmlfix.c marks it elsewhere: the value is unmarked
	 * last. */
	if (cp == XMLFIX_MARK && marked())
		buf_add(b, XMLFIX_DEL, 2);
	else
		buf_add(b, u, utf8_encode(u, (unsigned)cp));
	return q - s + 1;
}

/* s[0..n) with xmlfix.c's marked pairs turned back into the characters
 * they stand for, in place; returns the new length.  With cut, a mark
 * that ends s is the first half of a pair whose byte comes next: it is
 * dropped and *cut set, else *cut cleared. */
static size_t
unmark(char *s, size_t n, int *cut)
{
	char *r = memchr(s, XMLFIX_MARK, n), *w, *m, *end = s + n;
	int c;

	if (cut)
		*cut = 0;
	if (r == NULL)
		return n;
	for (w = r; r < end; r = m) {
		if (r + 1 == end && cut) {
			*cut = 1;
			break;
		}
		if (r + 1 < end && (c = xmlfix_unmark((unsigned char)r[1])) != -1) {
			*w++ = (char)c;
			r += 2;
		} else
			*w++ = *r++;
		if ((m = memchr(r, XMLFIX_MARK, end - r)) == NULL)
			m = end;
		memmove(w, r, m - r);
		w += m - r;
	}
	return w - s;
}

/* libxml2 hands SAX2 attribute values with references undecoded: the
 * value decoded into b, which keeps its memory for the next value.  A
 * document's entity may hold marks too: they go last. */
static char *
attr_value_buf(struct buf *b, const xmlChar *start, const xmlChar *stop)
{
	const char *s = (const char *)start, *end = (const char *)stop, *amp;
	size_t n;

	buf_reset(b);
	while ((amp = memchr(s, '&', end - s)) != NULL) {
		buf_add(b, s, amp - s);
		if ((n = decode_ref(amp, end, b)) > 0)
			s = amp + n;
		else {
			buf_addc(b, '&');
			s = amp + 1;
		}
	}
	if (buf_add(b, s, end - s) == -1)
		return NULL;
	if (marked()) {
		b->len = unmark(b->s, b->len, NULL);
		b->s[b->len] = '\0';
	}
	return b->s;
}

/* The same, malloc'd. */
static char *
attr_value(const xmlChar *start, const xmlChar *stop)
{
	struct buf b = { 0 };

	if (memchr(start, '&', stop - start) == NULL && (!marked() ||
	    memchr(start, XMLFIX_MARK, stop - start) == NULL))
		return strndup((const char *)start, stop - start);
	if (attr_value_buf(&b, start, stop) == NULL) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

static char *
attr_ns_dup(int n, const xmlChar **attrs, const char *name, const char *uri)
{
	int i;

	for (i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (a[2] && strcmp((const char *)a[2], uri) == 0 &&
		    strcmp((const char *)a[0], name) == 0)
			return attr_value(a[3], a[4]);
	}
	return NULL;
}

/* An attribute's value, white space collapsed, in one of the parser's
 * scratch buffers (valid until that buffer is used again): most values
 * are only looked at, so none is allocated. */
static const char *
attr_get(struct feed_parser *p, int slot, int n, const xmlChar **attrs,
    const char *name)
{
	int i;

	for (i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (a[2] == NULL && strcasecmp((const char *)a[0], name) == 0)
			return text_collapse(attr_value_buf(&p->attr[slot],
			    a[3], a[4]));
	}
	return NULL;
}

static const char *
base_here(struct feed_parser *p)
{
	int d = p->depth < DEPTH_MAX ? p->depth : DEPTH_MAX;

	for (; d >= 0; d--)
		if (p->bases[d])
			return p->bases[d];
	return p->base_url;
}

static char *
resolve(struct feed_parser *p, const char *ref)
{
	if (ref == NULL)
		return NULL;
	return url_resolve(base_here(p), ref);
}

static enum ctype
content_type_attr(struct feed_parser *p, int n, const xmlChar **attrs,
    enum ns ns, enum ctype dflt)
{
	const char *t = attr_get(p, 0, n, attrs, "type");
	enum ctype ct = dflt;

	if (t == NULL)
		return dflt;
	if (strcasecmp(t, "xhtml") == 0 ||
	    strcasecmp(t, "application/xhtml+xml") == 0)
		ct = CT_XHTML;
	else if (strcasecmp(t, "html") == 0 || strcasecmp(t, "text/html") == 0)
		ct = CT_HTML;
	else if (strcasecmp(t, "text") == 0 || strcasecmp(t, "text/plain") == 0)
		ct = CT_TEXT;
	(void)ns;
	return ct;
}

static void
capture(struct feed_parser *p, enum field f, enum ctype ct)
{
	p->field = f;
	p->ctype = ct;
	p->cap_depth = p->depth;
	p->cap_children = 0;
	p->strip_div = ct == CT_XHTML;
	p->div_open = 0;
	p->base64 = 0;
	buf_reset(&p->text);
}

/* Atom 0.3's mode="base64". */
static void
capture_mode(struct feed_parser *p, int n, const xmlChar **attrs)
{
	const char *m = attr_get(p, 0, n, attrs, "mode");
	const char *t = attr_get(p, 1, n, attrs, "type");

	p->base64 = m && strcmp(m, "base64") == 0;
	/* Atom 1.0: a media type that is neither text nor XML is base64. */
	if (t && strchr(t, '/') && strncasecmp(t, "text/", 5) != 0 &&
	    !strcasestr(t, "xml"))
		p->base64 = 1;
	if (p->base64 && p->ctype != CT_TEXT)
		p->ctype = CT_MAYBE_HTML;
}

static void
serialize_start(struct feed_parser *p, const xmlChar *name, int n,
    const xmlChar **attrs)
{
	char *v;
	int i;

	buf_addc(&p->text, '<');
	buf_adds(&p->text, (const char *)name);
	for (i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		buf_addc(&p->text, ' ');
		buf_adds(&p->text, (const char *)a[0]);
		buf_adds(&p->text, "=\"");
		v = attr_value(a[3], a[4]);
		if (v)
			buf_add_escaped(&p->text, v, strlen(v));
		free(v);
		buf_addc(&p->text, '"');
	}
	buf_addc(&p->text, '>');
}

/* ---- element start ---- */

static void
detect_format(struct feed_parser *p, enum el el, enum ns ns, const char *v)
{

	p->root_seen = 1;
	if (el == E_RSS) {
		p->info.format = FEED_RSS;
		if (v == NULL)
			return;
		if (strncmp(v, "2.", 2) == 0)
			p->info.format = FEED_RSS20;
		else if (strncmp(v, "0.91", 4) == 0)
			p->info.format = FEED_RSS091;
		else if (strncmp(v, "0.92", 4) == 0)
			p->info.format = FEED_RSS092;
		else if (strncmp(v, "0.93", 4) == 0)
			p->info.format = FEED_RSS093;
		else if (strncmp(v, "0.94", 4) == 0)
			p->info.format = FEED_RSS094;
		else if (strncmp(v, "0.90", 4) == 0)
			p->info.format = FEED_RSS090;
	} else if (el == E_RDF) {
		p->info.format = FEED_RSS10;
	} else if (el == E_FEED) {
		if (ns == NS_ATOM10)
			p->info.format = FEED_ATOM10;
		else if (ns == NS_ATOM03 || (v && strncmp(v, "0.3", 3) == 0))
			p->info.format = FEED_ATOM03;
		else
			p->info.format = FEED_ATOM;
	} else if (el == E_CHANNEL) {
		p->info.format = FEED_RSS;
	} else if (el == E_HTML) {
		fail(p, "an HTML page, not a feed");
	}
}

static void
detect_root(struct feed_parser *p, enum el el, enum ns ns, int n,
    const xmlChar **attrs, int nb_ns, const xmlChar **nss)
{
	const char *v = attr_get(p, 0, n, attrs, "version");
	int i;

	detect_format(p, el, ns, v);
	/* RSS 0.90 is an rdf:RDF whose default namespace says 0.90. */
	if (p->info.format == FEED_RSS10)
		for (i = 0; i < nb_ns; i++)
			if (nss[2 * i + 1] && ns_of(nss[2 * i + 1], NULL) ==
			    NS_RSS090)
				p->info.format = FEED_RSS090;
}


static int
feed_is_atom(struct feed_parser *p)
{
	return p->info.format == FEED_ATOM03 || p->info.format == FEED_ATOM10 ||
	    p->info.format == FEED_ATOM;
}

static void
start_link(struct feed_parser *p, int n, const xmlChar **attrs)
{
	const char *href = attr_get(p, 0, n, attrs, "href");
	const char *rel, *type, *len;
	int alternate, html;

	rel = attr_get(p, 1, n, attrs, "rel");
	if (href == NULL) {
		/* RSS: the link is the element's text. */
		capture(p, F_LINK, CT_TEXT);
		p->link_enclosure = rel && strcasecmp(rel, "enclosure") == 0;
		return;
	}
	type = attr_get(p, 2, n, attrs, "type");
	alternate = rel == NULL || *rel == '\0' || strcasecmp(rel, "alternate") == 0;
	html = type == NULL || *type == '\0' || strcasecmp(type, "text/html") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0;
	if (p->zone == Z_ITEM && rel && strcasecmp(rel, "enclosure") == 0) {
		char *url = resolve(p, href);
		len = attr_get(p, 3, n, attrs, "length");
		item_add_enclosure(&p->item, url, type,
		    len ? strtoll(len, NULL, 10) : -1);
		free(url);
	} else if (alternate && html) {
		char **dst = p->zone == Z_ITEM ? &p->item.link : &p->info.link;
		item_set(dst, resolve(p, href));
		if (p->zone == Z_ITEM)
			p->item_link_rank = 2;
		else
			p->feed_link_rank = 2;
	}
}

static void
start_enclosure(struct feed_parser *p, int n, const xmlChar **attrs, int media)
{
	const char *url = attr_get(p, 0, n, attrs, "url");
	const char *type = attr_get(p, 1, n, attrs, "type");
	const char *len = attr_get(p, 2, n, attrs, media ? "fileSize" : "length");
	char *abs;

	if (url == NULL && !media)
		url = attr_get(p, 0, n, attrs, "href");
	if (url && (abs = resolve(p, url)) != NULL) {
		/* media:content only stands in when there is no enclosure. */
		if (media && p->item.n_enclosures && !p->item_has_media)
			;
		else {
			if (!media && p->item_has_media) {
				size_t i;
				for (i = 0; i < p->item.n_enclosures; i++) {
					free(p->item.enclosures[i].url);
					free(p->item.enclosures[i].type);
				}
				p->item.n_enclosures = 0;
				p->item_has_media = 0;
			}
			if (media)
				p->item_has_media = 1;
			item_add_enclosure(&p->item, abs, type,
			    len ? strtoll(len, NULL, 10) : -1);
		}
		free(abs);
	}
}

static void
start_image(struct feed_parser *p, int n, const xmlChar **attrs)
{
	const char *url = attr_get(p, 0, n, attrs, "href");

	if (url == NULL)
		url = attr_get(p, 0, n, attrs, "url");
	if (url && p->item.image == NULL)
		p->item.image = resolve(p, url);
}

/* Elements inside an item (or the feed, for the shared ones). */
static void
start_field(struct feed_parser *p, enum el el, enum ns ns, int n,
    const xmlChar **attrs)
{
	int item = p->zone == Z_ITEM;
	int core = is_core(p, ns);
	const char *v;

	switch (el) {
	case E_TITLE:
		if (core) {
			capture(p, F_TITLE, content_type_attr(p, n, attrs, ns,
			    is_atom(ns) || feed_is_atom(p) ? CT_TEXT :
			    CT_MAYBE_HTML));
			capture_mode(p, n, attrs);
			p->title_rank = 2;
		} else if (ns == NS_DC) {
			/* dc:title only stands in for a missing title. */
			if ((item ? p->item.title : p->info.title) == NULL)
				capture(p, F_TITLE, CT_MAYBE_HTML);
		} else if (item && ns == NS_MEDIA) {
			/* media:title only stands in for a missing title. */
			if (p->item.title == NULL) {
				capture(p, F_TITLE, content_type_attr(p, n,
				    attrs, ns, CT_MAYBE_HTML));
				p->title_rank = 1;
			}
		}
		break;
	case E_LINK:
		if (core)
			start_link(p, n, attrs);
		break;
	case E_GUID:
	case E_ID:
		if (!core)
			break;
		/* As feedparser: an id stands in for a missing link too. */
		v = attr_get(p, 0, n, attrs, "isPermaLink");
		p->guid_permalink = v == NULL || strcasecmp(v, "false") != 0;
		capture(p, F_GUID, CT_TEXT);
		break;
	case E_DESCRIPTION:
	case E_SUMMARY:
	case E_SUBTITLE:
	case E_TAGLINE:
		if (core || (el == E_DESCRIPTION && ns == NS_DC)) {
			capture(p, F_SUMMARY, content_type_attr(p, n, attrs, ns,
			    CT_HTML));
			capture_mode(p, n, attrs);
		}
		break;
	case E_ABSTRACT:
		if (core)
			capture(p, F_SUMMARY, CT_HTML);	/* CDF */
		break;
	case E_ENCODED:
	case E_CONTENT:
	case E_BODY:
		if ((el == E_ENCODED && ns == NS_CONTENT) ||
		    (el == E_CONTENT && core) ||
		    (el == E_BODY && ns == NS_XHTML)) {
			capture(p, F_CONTENT, ns == NS_XHTML ? CT_XHTML :
			    content_type_attr(p, n, attrs, ns, CT_HTML));
			if (ns == NS_XHTML)
				p->strip_div = 0;
			capture_mode(p, n, attrs);
		} else if (el == E_CONTENT && item && ns == NS_MEDIA)
			start_enclosure(p, n, attrs, 1);
		break;
	case E_PUBDATE:
	case E_PUBLISHED:
	case E_ISSUED:
		if (core || (el == E_ISSUED && ns == NS_DCTERMS))
			capture(p, F_PUBLISHED, CT_TEXT);
		break;
	case E_UPDATED:
	case E_MODIFIED:
	case E_LASTBUILDDATE:
	case E_DATE:
		if ((core && el != E_DATE) ||
		    (el == E_DATE && ns == NS_DC) ||
		    (el == E_MODIFIED && ns == NS_DCTERMS))
			capture(p, F_UPDATED, CT_TEXT);
		break;
	case E_AUTHOR:
		if (core && (is_atom(ns) || feed_is_atom(p))) {
			p->author_depth = p->depth;
			buf_reset(&p->author_name);
			buf_reset(&p->author_email);
		} else if (core || ns == NS_DC || ns == NS_ITUNES)
			capture(p, F_AUTHOR, CT_TEXT);
		break;
	case E_CREATOR:
		if (ns == NS_DC)
			capture(p, F_AUTHOR, CT_TEXT);
		break;
	case E_CATEGORY:
		if (!core)
			break;
		if ((v = attr_get(p, 0, n, attrs, "term")) != NULL) {
			if (item)
				item_add_category(&p->item, v);
		} else
			capture(p, F_CATEGORY, CT_TEXT);
		break;
	case E_SUBJECT:
		if (ns == NS_DC)
			capture(p, F_CATEGORY, CT_TEXT);
		break;
	case E_ENCLOSURE:
		if (item && core)
			start_enclosure(p, n, attrs, 0);
		break;
	case E_THUMBNAIL:
	case E_IMAGE:
		if (item && ((el == E_THUMBNAIL && ns == NS_MEDIA) ||
		    (el == E_IMAGE && ns == NS_ITUNES)))
			start_image(p, n, attrs);
		break;
	case E_DURATION:
		if (item && ns == NS_ITUNES)
			capture(p, F_DURATION, CT_TEXT);
		break;
	case E_TTL:
		if (!item && core)
			capture(p, F_TTL, CT_TEXT);
		break;
	case E_UPDATEPERIOD:
		if (!item && ns == NS_SY)
			capture(p, F_SY_PERIOD, CT_TEXT);
		break;
	case E_UPDATEFREQUENCY:
		if (!item && ns == NS_SY)
			capture(p, F_SY_FREQ, CT_TEXT);
		break;
	case E_SKIPHOURS:
		if (!item && core)
			p->in_skip_hours = p->depth;
		break;
	case E_SKIPDAYS:
		if (!item && core)
			p->in_skip_days = p->depth;
		break;
	case E_HOUR:
		if (p->in_skip_hours)
			capture(p, F_HOUR, CT_TEXT);
		break;
	case E_DAY:
		if (p->in_skip_days)
			capture(p, F_DAY, CT_TEXT);
		break;
	case E_NAME:
		if (p->author_depth && core)
			capture(p, F_NAME, CT_TEXT);
		break;
	case E_EMAIL:
		if (p->author_depth && core)
			capture(p, F_EMAIL, CT_TEXT);
		break;
	default:
		break;
	}
}

/* Subtrees whose title/link belong to something else. */
static int
is_foreign_block(enum el el, enum ns ns)
{
	if (ns != NS_NONE && ns != NS_RSS10 && ns != NS_RSS090 &&
	    ns != NS_ATOM10 && ns != NS_ATOM03)
		return ns == NS_MEDIA || ns == NS_OTHER;
	return el == E_IMAGE || el == E_TEXTINPUT || el == E_SOURCE ||
	    el == E_CONTRIBUTOR || el == E_ITEMS;
}

static void
push_base(struct feed_parser *p, int n, const xmlChar **attrs)
{
	const char *v;
	char *b;
	int i;

	if (p->depth > DEPTH_MAX)
		return;
	for (i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (a[2] && strcmp((const char *)a[0], "base") == 0 &&
		    strcmp((const char *)a[2], (const char *)XML_XML_NAMESPACE) == 0)
			break;
	}
	if (i == n)
		return;
	v = (const char *)attrs[5 * i + 3];
	b = strndup(v, attrs[5 * i + 4] - attrs[5 * i + 3]);
	if (b == NULL)
		return;
	text_collapse(b);
	/* The parent's base, not this element's: read it before storing. */
	p->bases[p->depth] = url_resolve(base_here(p), b);
	free(b);
}

/* CDF puts the link and date of a channel or item in attributes. */
static void
cdf_attrs(struct feed_parser *p, int n, const xmlChar **attrs)
{
	const char *v;
	int64_t t;

	if ((v = attr_get(p, 0, n, attrs, "href")) != NULL) {
		char **dst = p->zone == Z_ITEM ? &p->item.link : &p->info.link;
		item_set(dst, resolve(p, v));
	}
	if ((v = attr_get(p, 0, n, attrs, "lastmod")) != NULL) {
		if (date_parse(v, &t) == 0) {
			if (p->zone == Z_ITEM)
				p->item.updated = t;
			else
				p->info.updated = t;
		}
	}
}

static int
only_space(const struct buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (!isspace((unsigned char)b->s[i]))
			return 0;
	return 1;
}

/* libxml2 2.9 stops expanding named references, &amp; included, once a
 * document is known not to be well-formed: in recover mode that loses
 * text for nothing (our entities never nest).  Every SAX event after an
 * error turns it back on; the warning was recorded already. */
static inline void
keep_references(struct feed_parser *p)
{
	p->xml->wellFormed = 1;
}

/* Text of the field being read, appended. */
static void
add_text(struct feed_parser *p, const char *s, size_t len)
{
	if (p->text.len + len > FIELD_MAX)
		return;
	if (p->ctype == CT_XHTML || (p->cap_children && p->field == F_CONTENT))
		buf_add_escaped(&p->text, s, len);
	else
		buf_add(&p->text, s, len);
}

/* Text, with xmlfix.c's marked pairs turned back into what they stand
 * for (in a copy: XHTML text is escaped as it is added).  libxml2 may
 * cut the text between a mark and its byte, never elsewhere: every DEL
 * a text can hold comes marked (a general entity holding a reference
 * stays "&name;", see sax_get_entity()). */
static void
sax_characters(void *ctx, const xmlChar *ch, int len)
{
	struct feed_parser *p = ctx;
	const char *s = (const char *)ch;
	struct buf *u = &p->unmarked;

	keep_references(p);
	if (p->cap_depth == 0 || p->mode == MODE_FAILED || len == 0)
		return;
	if (!p->filter || (!p->mark_pending &&
	    memchr(s, XMLFIX_MARK, len) == NULL)) {
		add_text(p, s, len);
		return;
	}
	buf_reset(u);
	if (p->mark_pending)
		buf_addc(u, XMLFIX_MARK);
	if (buf_add(u, s, len) == -1)
		return;
	add_text(p, u->s, unmark(u->s, u->len, &p->mark_pending));
}

static void
sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_ns, const xmlChar **nss, int n, int nb_def,
    const xmlChar **attrs)
{
	struct feed_parser *p = ctx;
	enum ns ns = ns_cached(p, uri, prefix);
	enum el el;

	(void)nb_def;
	current = p;
	keep_references(p);
	p->depth++;
	if (p->mode == MODE_FAILED)
		return;
	el = el_cached(p, localname);
	if (p->depth == 1)
		p->root_uri = uri;
	if (ns == NS_OTHER && uri && uri == p->root_uri)
		ns = NS_NONE;	/* the root's own namespace, whatever it is */
	if (p->cap_depth) {
		/* Markup inside a field: keep it, the field is HTML. */
		if (p->strip_div && p->depth == p->cap_depth + 1 &&
		    el == E_DIV && p->cap_children == 0 &&
		    only_space(&p->text)) {
			p->div_open = 1;
			p->cap_children = 1;
			return;
		}
		p->cap_children++;
		if (p->text.len < FIELD_MAX)
			serialize_start(p, localname, n, attrs);
		return;
	}
	push_base(p, n, attrs);
	if (!p->root_seen)
		detect_root(p, el, ns, n, attrs, nb_ns, nss);
	if (p->skip_depth)
		return;

	if (is_core(p, ns) && (el == E_ITEM || el == E_ENTRY)) {
		if (p->zone == Z_ITEM)
			return;	/* nested items: flatten into the outer one */
		p->feedish = 1;
		p->zone = Z_ITEM;
		p->zone_depth = p->depth;
		p->item_link_rank = 0;
		p->item_has_media = 0;
		p->title_rank = 0;
		p->item.guid = attr_ns_dup(n, attrs, "about",
		    "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
		cdf_attrs(p, n, attrs);
		return;
	}
	if (is_core(p, ns) && (el == E_CHANNEL || el == E_FEED) &&
	    p->zone == Z_DOC) {
		p->feedish = 1;
		p->zone = Z_FEED;
		p->zone_depth = p->depth;
		cdf_attrs(p, n, attrs);
		return;
	}
	if (p->zone == Z_DOC && p->depth == 1)
		return;
	if (p->author_depth == 0 && is_foreign_block(el, ns) &&
	    !(ns == NS_MEDIA && (el == E_GROUP || el == E_CONTENT ||
	    el == E_THUMBNAIL || el == E_TITLE))) {
		/* Unknown extensions and the channel's image, text input
		 * and source: their titles and links are not the feed's. */
		p->skip_depth = p->depth;
		return;
	}
	start_field(p, el, ns, n, attrs);
}

/* ---- element end ---- */

/* The captured text as a new string; the buffer keeps its memory for
 * the next field. */
static char *
text_copy(struct feed_parser *p)
{
	char *s = strndup(p->text.s ? p->text.s : "", p->text.len);

	buf_reset(&p->text);
	return s;
}

static char *
field_text(struct feed_parser *p)
{
	char *s = text_copy(p);

	if (s == NULL)
		return NULL;
	return text_collapse(s);
}

/* The captured text collapsed where it lies, for a field that is only
 * read: valid until the buffer is reset. */
static char *
text_here(struct feed_parser *p)
{
	static char empty[1];

	if (p->text.s == NULL)
		return empty;
	return text_collapse(p->text.s);
}

/* C0 controls (but white space), DEL and C1 controls have no place in a
 * plain-text title; text_from_html drops them from the others.  s comes
 * collapsed: it needs collapsing again only when something went. */
char *
parse_drop_controls(char *s)
{
	unsigned char *r, *w;

	if (s == NULL)
		return NULL;
	for (r = w = (unsigned char *)s; *r; r++) {
		if ((*r < 0x20 && *r != '\t' && *r != '\n' && *r != '\r') ||
		    *r == 0x7f)
			continue;
		if (r[0] == 0xc2 && r[1] >= 0x80 && r[1] <= 0x9f) {
			r++;
			continue;
		}
		*w++ = *r;
	}
	if (w == r)
		return s;
	*w = '\0';
	return text_collapse(s);
}

static char *
plain_title(struct feed_parser *p)
{
	char *s, *t;
	int html;

	/* Text without '<' or '&' is the same read as HTML or not.  An
	 * RSS title may be either: "Vector&lt;T&gt;" is text. */
	if (p->cap_children)
		html = 1;
	else if (p->ctype == CT_MAYBE_HTML)
		html = text_looks_like_html(p->text.s ? p->text.s : "",
		    p->text.len);
	else
		html = p->ctype != CT_TEXT && text_has_markup(p->text.s ?
		    p->text.s : "", p->text.len);
	if (!html)
		return parse_drop_controls(field_text(p));
	t = text_from_html(p->text.s ? p->text.s : "", p->text.len);
	buf_reset(&p->text);
	if (t == NULL)
		return NULL;
	s = text_collapse(t);
	return s;
}

static int
parse_int(const char *s, long *out)
{
	char *end;
	long v;

	while (isspace((unsigned char)*s))
		s++;
	v = strtol(s, &end, 10);
	if (end == s)
		return -1;
	*out = v;
	return 0;
}

static long
parse_duration(const char *s)
{
	long parts[3] = { 0, 0, 0 };
	int n = 0;
	char *end;

	while (n < 3) {
		long v = strtol(s, &end, 10);
		if (end == s || v < 0)
			return -1;
		parts[n++] = v;
		if (*end != ':')
			break;
		s = end + 1;
	}
	if (n == 1)
		return parts[0];
	if (n == 2)
		return parts[0] * 60 + parts[1];
	return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

static void
end_schedule_field(struct feed_parser *p, enum field f, const char *s)
{
	static const char *days[] = { "sunday", "monday", "tuesday",
	    "wednesday", "thursday", "friday", "saturday" };
	long v;
	int i;

	switch (f) {
	case F_TTL:
		if (parse_int(s, &v) == 0 && v > 0 && v < 1000000)
			p->info.ttl_minutes = (int)v;
		break;
	case F_SY_PERIOD:
		v = strcasecmp(s, "hourly") == 0 ? 3600 :
		    strcasecmp(s, "daily") == 0 ? 86400 :
		    strcasecmp(s, "weekly") == 0 ? 7 * 86400 :
		    strcasecmp(s, "monthly") == 0 ? 30 * 86400 :
		    strcasecmp(s, "yearly") == 0 ? 365 * 86400 : 0;
		if (v) {
			int freq = p->info.update_seconds && p->info.update_seconds < 0 ?
			    -p->info.update_seconds : 1;
			p->info.update_seconds = (int)(v / freq);
		}
		break;
	case F_SY_FREQ:
		if (parse_int(s, &v) == 0 && v > 0 && v < 100000) {
			if (p->info.update_seconds > 0)
				p->info.update_seconds /= (int)v;
			else
				p->info.update_seconds = -(int)v; /* period follows */
		}
		break;
	case F_HOUR:
		if (parse_int(s, &v) == 0 && v >= 0 && v <= 24)
			p->info.skip_hours |= 1u << (v % 24);
		break;
	case F_DAY:
		for (i = 0; i < 7; i++)
			if (strcasecmp(s, days[i]) == 0)
				p->info.skip_days |= 1u << i;
		break;
	default:
		break;
	}
}

static void
end_date(int64_t *dst, const char *s)
{
	int64_t t;

	if (*s && date_parse(s, &t) == 0)
		*dst = t;
}

/* Decodes the buffer in place; white space and junk are skipped. */
static void
base64_decode(struct buf *b)
{
	unsigned acc = 0;
	int bits = 0;
	size_t i, o = 0;
	const char *tab =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *c;

	for (i = 0; i < b->len; i++) {
		if (b->s[i] == '=')
			break;
		if (b->s[i] == '\0' || (c = strchr(tab, b->s[i])) == NULL)
			continue;
		acc = acc << 6 | (unsigned)(c - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b->s[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	b->len = o;
	if (b->s)
		b->s[o] = '\0';
}

static void
end_field(struct feed_parser *p)
{
	enum field f = p->field;
	int item = p->zone == Z_ITEM, own;
	char *s;

	p->cap_depth = 0;
	p->field = F_NONE;
	if (p->base64)
		base64_decode(&p->text);
	if (f == F_TITLE) {
		s = plain_title(p);
		if (item)
			item_set(&p->item.title, s);
		else if (p->zone == Z_FEED && !p->author_depth)
			item_set(&p->info.title, s);
		else
			free(s);
		return;
	}
	if (f == F_SUMMARY || f == F_CONTENT) {
		s = text_copy(p);
		if (s && p->ctype != CT_XHTML)
			s = trim(s);
		if (item && f == F_SUMMARY && p->item.summary == NULL)
			item_set(&p->item.summary, s);
		else if (item && f == F_CONTENT)
			item_set(&p->item.content, s);
		else
			free(s);
		return;
	}
	/* Only the guid and the author keep their text. */
	own = f == F_GUID || f == F_AUTHOR;
	if ((s = own ? field_text(p) : text_here(p)) == NULL)
		return;
	switch (f) {
	case F_LINK:
		if (item && p->link_enclosure) {
			char *url = resolve(p, s);
			item_add_enclosure(&p->item, url, NULL, -1);
			free(url);
		} else if (item && p->item_link_rank <= 1) {
			item_set(&p->item.link, resolve(p, s));
			p->item_link_rank = 1;
		} else if (p->zone == Z_FEED && p->feed_link_rank <= 1) {
			item_set(&p->info.link, resolve(p, s));
			p->feed_link_rank = 1;
		}
		break;
	case F_GUID:
		if (item) {
			if (p->guid_permalink && p->item_link_rank == 0 && *s) {
				item_set(&p->item.link, resolve(p, s));
			}
			item_set(&p->item.guid, s);
			s = NULL;
		} else if (p->zone == Z_FEED) {
			if (p->feed_link_rank == 0 && p->info.link == NULL && *s)
				p->info.link = resolve(p, s);
			item_set(&p->info.id, s);
			s = NULL;
		}
		break;
	case F_PUBLISHED:
		if (item)
			end_date(&p->item.published, s);
		break;
	case F_UPDATED:
		if (item)
			end_date(&p->item.updated, s);
		else if (p->zone == Z_FEED)
			end_date(&p->info.updated, s);
		break;
	case F_AUTHOR:
		if (item && *s) {
			item_set(&p->item.author, s);
			s = NULL;
		}
		break;
	case F_NAME:
		buf_adds(&p->author_name, s);
		break;
	case F_EMAIL:
		buf_adds(&p->author_email, s);
		break;
	case F_CATEGORY:
		if (item)
			item_add_category(&p->item, s);
		break;
	case F_DURATION:
		if (item)
			p->item.duration = parse_duration(s);
		break;
	default:
		end_schedule_field(p, f, s);
		break;
	}
	if (own)
		free(s);
	else
		buf_reset(&p->text);
}

static void
end_author(struct feed_parser *p)
{
	struct buf b = { 0 };
	const char *name = p->author_name.s, *email = p->author_email.s;

	p->author_depth = 0;
	if (p->zone != Z_ITEM)
		return;
	if (name && *name) {
		buf_adds(&b, name);
		if (email && *email) {
			buf_adds(&b, " (");
			buf_adds(&b, email);
			buf_addc(&b, ')');
		}
	} else if (email && *email)
		buf_adds(&b, email);
	if (b.len)
		item_set(&p->item.author, buf_take(&b));
	buf_free(&b);
}

static void
sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_parser *p = ctx;
	int d = p->depth--;

	(void)prefix;
	(void)uri;
	keep_references(p);
	if (p->mode == MODE_FAILED)
		return;
	if (p->cap_depth && d > p->cap_depth) {
		if (p->div_open && d == p->cap_depth + 1) {
			/* The wrapping div's end: the one at this depth. */
			p->div_open = 0;
			p->strip_div = 0;
			return;
		}
		if (p->text.len < FIELD_MAX) {
			buf_adds(&p->text, "</");
			buf_adds(&p->text, (const char *)localname);
			buf_addc(&p->text, '>');
		}
		return;
	}
	if (d <= DEPTH_MAX && p->bases[d]) {
		free(p->bases[d]);
		p->bases[d] = NULL;
	}
	if (p->cap_depth == d) {
		end_field(p);
		return;
	}
	if (p->skip_depth) {
		if (p->skip_depth == d)
			p->skip_depth = 0;
		return;
	}
	if (p->author_depth == d) {
		end_author(p);
		return;
	}
	if (p->in_skip_hours == d)
		p->in_skip_hours = 0;
	if (p->in_skip_days == d)
		p->in_skip_days = 0;
	if (p->zone == Z_ITEM && p->zone_depth == d) {
		p->zone = p->info.format == FEED_RSS10 ||
		    p->info.format == FEED_RSS090 || d > 1 ? Z_FEED : Z_DOC;
		parser_emit(p, &p->item);
		return;
	}
	if (p->zone == Z_FEED && p->zone_depth == d)
		p->zone = Z_DOC;
}


static void
sax_init(void)
{
	if (sax_ready)
		return;
	xmlInitParser();
	/* Nothing outside the document is ever read, whatever asks. */
	xmlSetExternalEntityLoader(refuse_loader);
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_characters;
	sax.cdataBlock = sax_characters;
	sax.getEntity = sax_get_entity;
	sax.entityDecl = sax_entity_decl;
	sax.resolveEntity = sax_resolve_entity;
	sax.serror = sax_error;
	sax_ready = 1;
}

/* ---- encoding and set-up ---- */

/* The charset parameter of a Content-Type, or NULL. */
static char *
charset_of(const char *ct)
{
	const char *p;
	size_t n;

	if (ct == NULL || (p = strcasestr(ct, "charset=")) == NULL)
		return NULL;
	p += 8;
	if (*p == '"' || *p == '\'')
		p++;
	n = strcspn(p, "\"'; \t");
	return n ? strndup(p, n) : NULL;
}

/* Enough bytes to choose between JSON and XML and to read the XML
 * declaration's encoding. */
static int
head_complete(const struct feed_parser *p)
{
	const char *h = p->head;
	size_t n = p->head_len;

	if (n >= HEAD_MAX)
		return 1;
	if (n < 4)
		return 0;
	if (memchr(h, '>', n))
		return 1;
	/* UTF-16/32 without BOM, or a document that starts without '<'. */
	return h[0] == 0 || h[1] == 0 ||
	    (h[0] != '<' && !isspace((unsigned char)h[0]) &&
	    (unsigned char)h[0] != 0xef);
}

static size_t
bom_length(const unsigned char *h, size_t n)
{
	if (n >= 3 && h[0] == 0xef && h[1] == 0xbb && h[2] == 0xbf)
		return 3;
	if (n >= 4 && ((h[0] == 0 && h[1] == 0 && h[2] == 0xfe && h[3] == 0xff) ||
	    (h[0] == 0xff && h[1] == 0xfe && h[2] == 0 && h[3] == 0)))
		return 4;
	if (n >= 2 && ((h[0] == 0xfe && h[1] == 0xff) ||
	    (h[0] == 0xff && h[1] == 0xfe)))
		return 2;
	return 0;
}

static int
looks_like_json(const struct feed_parser *p)
{
	size_t i = bom_length((const unsigned char *)p->head, p->head_len);

	while (i < p->head_len && isspace((unsigned char)p->head[i]))
		i++;
	return i < p->head_len && (p->head[i] == '{' || p->head[i] == '[');
}

/* The encoding named by the XML declaration, if the head is ASCII. */
static char *
declared_encoding(const struct feed_parser *p)
{
	char h[HEAD_MAX + 1], *s, *e, *end;
	char q;

	memcpy(h, p->head, p->head_len);
	h[p->head_len] = '\0';
	if ((s = strstr(h, "<?xml")) == NULL || (end = strstr(s, "?>")) == NULL)
		return NULL;
	*end = '\0';
	if ((e = strstr(s, "encoding")) == NULL)
		return NULL;
	e += 8;
	while (isspace((unsigned char)*e))
		e++;
	if (*e++ != '=')
		return NULL;
	while (isspace((unsigned char)*e))
		e++;
	if ((q = *e) != '"' && q != '\'')
		return NULL;
	s = ++e;
	if ((e = strchr(s, q)) == NULL)
		return NULL;
	return strndup(s, e - s);
}

static int
encoding_known(const char *name)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);

	if (h == NULL)
		return 0;
	xmlCharEncCloseFunc(h);
	return 1;
}

static int
is_wide(const char *enc)
{
	return strcasestr(enc, "16") || strcasestr(enc, "32") ||
	    strcasestr(enc, "ucs") || strcasestr(enc, "2022") ||
	    strcasestr(enc, "ebcdic") || strcasestr(enc, "utf-7");
}

/* An ASCII label tells no more than "ASCII-compatible", which the bytes
 * are anyway when it is true; when it is not (UTF-8 bytes are common
 * behind it), libxml2's ASCII decoder stops at the first byte past 127.
 * So it is passed over, as feedparser passes over a label that cannot
 * decode the bytes: the declaration, else UTF-8, reads them. */
static int
is_ascii_label(const char *name)
{
	static const char *const ascii[] = { "us-ascii", "ascii", "us",
	    "ansi_x3.4-1968", "ansi_x3.4-1986", "iso-ir-6", "iso646-us",
	    "iso_646.irv:1991", "cp367", "ibm367", "csascii" };
	size_t i;

	for (i = 0; i < sizeof(ascii) / sizeof(ascii[0]); i++)
		if (strcasecmp(name, ascii[i]) == 0)
			return 1;
	return 0;
}

/* UTF-16/32 told by a BOM, or by the NUL bytes of "<?" without one. */
static const char *
wide_encoding(const unsigned char *h, size_t n, size_t *skip)
{
	size_t bom = bom_length(h, n);

	*skip = 0;
	if (bom == 4 || bom == 2)
		*skip = bom;
	if (bom == 4)
		return h[0] == 0 ? "UTF-32BE" : "UTF-32LE";
	if (bom == 2)
		return h[0] == 0xfe ? "UTF-16BE" : "UTF-16LE";
	if (bom == 3 || n < 4 || (h[0] != 0 && h[1] != 0))
		return NULL;
	if (h[0] == 0 && h[1] == 0)
		return "UTF-32BE";
	if (h[2] == 0 && h[3] == 0)
		return "UTF-32LE";
	return h[0] == 0 ? "UTF-16BE" : "UTF-16LE";
}

/*
 * RFC 7303's order: a BOM first, then the HTTP charset, then the XML
 * declaration.  Returns the encoding libxml2 must use (it is then told to
 * ignore the declaration), or NULL for UTF-8; *skip is how many leading
 * bytes to drop (a BOM; blank lines before "<?xml", which libxml2 would
 * take as a misplaced declaration).  A declared name lives in p->enc.
 */
static const char *
choose_encoding(struct feed_parser *p, size_t *skip)
{
	const unsigned char *h = (const unsigned char *)p->head;
	const char *wide = wide_encoding(h, p->head_len, skip);
	int utf8_bom = bom_length(h, p->head_len) == 3;
	char *decl;

	if (wide)
		return wide;
	if (utf8_bom)
		*skip = 3;
	while (*skip < p->head_len && isspace(h[*skip]))
		(*skip)++;
	if (utf8_bom)
		return NULL;
	/* From here the bytes are ASCII-compatible, whatever is said. */
	if (p->charset && !is_ascii_label(p->charset) &&
	    encoding_known(p->charset) && !is_wide(p->charset))
		return p->charset;
	if (p->charset && !encoding_known(p->charset))
		parser_warn(p, 0, "unknown charset \"%s\" in Content-Type",
		    p->charset);
	if ((decl = declared_encoding(p)) == NULL)
		return NULL;
	if (!encoding_known(decl))
		parser_warn(p, 1, "unknown encoding \"%s\", reading as UTF-8",
		    decl);
	if (!encoding_known(decl) || is_wide(decl) || is_ascii_label(decl)) {
		/* Forced, so libxml2 does not act on the declaration. */
		free(decl);
		return "UTF-8";
	}
	snprintf(p->enc, sizeof(p->enc), "%s", decl);
	free(decl);
	return p->enc;
}

/* UTF-8 that libxml2 reads as its own: an encoder would only copy
 * every byte once more.  "<?xml" first makes libxml2 take the bytes for
 * UTF-8 itself; XML_PARSE_IGNORE_ENC still keeps the declaration out. */
static int
native_utf8(const struct feed_parser *p, const char *enc)
{
	const char *h = p->head + p->head_skip;

	return (strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0) &&
	    p->head_len - p->head_skip >= 5 && memcmp(h, "<?xml", 5) == 0;
}

static int
start_xml(struct feed_parser *p)
{
	const char *enc;
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING |
	    XML_PARSE_NOERROR | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT;

	sax_init();
	p->xml = xmlCreatePushParserCtxt(&sax, p, NULL, 0, NULL);
	if (p->xml == NULL) {
		fail(p, "out of memory");
		return -1;
	}
	enc = choose_encoding(p, &p->head_skip);
	p->filter = enc == NULL || !is_wide(enc);
	/* UTF-8 is forced too: a declaration must not override a BOM or
	 * the bytes themselves. */
	if (enc == NULL && p->head_skip >= 3 && p->head[0] == '\xef')
		enc = "UTF-8";
	if (enc && !native_utf8(p, enc)) {
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
		if (h)
			xmlSwitchToEncoding(p->xml, h);
	}
	if (enc)
		opts |= XML_PARSE_IGNORE_ENC;
	xmlCtxtUseOptions(p->xml, opts);
	p->mode = MODE_XML;
	return 0;
}

/* Feeds bytes to libxml2 through the repairs of xmlfix.c. */
static void
xml_chunk(struct feed_parser *p, const char *d, size_t n, int final)
{
	struct xmlfix_out *o = &p->out;
	size_t done;

	if (!p->filter) {
		xmlParseChunk(p->xml, d, (int)n, final);
		return;
	}
	if (p->carry.len || memchr(d, '\0', n)) {
		/* NUL is no character in any ASCII-compatible XML, and
		 * libxml2 would stop at it: drop it (rare, so a copy). */
		size_t i, k = p->carry.len;
		buf_add(&p->carry, d, n);
		if (p->carry.len > k &&
		    memchr(p->carry.s + k, '\0', p->carry.len - k) != NULL) {
			for (i = k; i < p->carry.len; i++)
				if (p->carry.s[i] != '\0')
					p->carry.s[k++] = p->carry.s[i];
			p->carry.len = k;
		}
		d = p->carry.s;
		n = p->carry.len;
	}
	buf_reset(&o->buf);
	o->run = 0;
	o->changed = 0;
	done = xmlfix_scan(&p->fix, d, n, final, o);
	if (o->changed) {
		buf_add(&o->buf, d + o->run, done - o->run);
		xmlParseChunk(p->xml, o->buf.s, (int)o->buf.len, 0);
	} else if (done)
		xmlParseChunk(p->xml, d, (int)done, 0);
	if (done < n) {
		/* Keep the undecided tail for the next chunk. */
		if (d == p->carry.s) {
			memmove(p->carry.s, d + done, n - done);
			p->carry.len = n - done;
		} else {
			buf_reset(&p->carry);
			buf_add(&p->carry, d + done, n - done);
		}
	} else
		buf_reset(&p->carry);
	if (final)
		xmlParseChunk(p->xml, NULL, 0, 1);
}

static int
push_body(struct feed_parser *p, const char *buf, size_t len)
{
	if (p->mode == MODE_JSON) {
		if (p->json.len + len > JSON_MAX) {
			fail(p, "JSON document too large");
			return -1;
		}
		return buf_add(&p->json, buf, len);
	}
	if (p->mode == MODE_XML && len > 0)
		xml_chunk(p, buf, len, 0);
	return p->mode == MODE_FAILED ? -1 : 0;
}

static int
leave_detect(struct feed_parser *p)
{
	if (looks_like_json(p)) {
		p->mode = MODE_JSON;
		p->head_skip = bom_length((const unsigned char *)p->head,
		    p->head_len) == 3 ? 3 : 0;
	}
	else if (start_xml(p) == -1)
		return -1;
	return push_body(p, p->head + p->head_skip,
	    p->head_len - p->head_skip);
}

int
feed_parser_push(struct feed_parser *p, const char *buf, size_t len)
{
	size_t n;

	if (p->mode == MODE_FAILED)
		return -1;
	if (p->mode != MODE_DETECT) {
		/* Large chunks are split: xmlParseChunk takes an int. */
		while (len > (1u << 30)) {
			if (push_body(p, buf, 1u << 30) == -1)
				return -1;
			buf += 1u << 30;
			len -= 1u << 30;
		}
		return push_body(p, buf, len);
	}
	n = HEAD_MAX - p->head_len;
	if (n > len)
		n = len;
	memcpy(p->head + p->head_len, buf, n);
	p->head_len += n;
	if (!head_complete(p))
		return 0;
	if (leave_detect(p) == -1)
		return -1;
	return feed_parser_push(p, buf + n, len - n);
}

static int
finish_json(struct feed_parser *p)
{
	char why[200] = "invalid JSON";

	if (jsonfeed_parse(p, p->json.s ? p->json.s : "", p->json.len,
	    why, sizeof(why)) == -1) {
		fail(p, why);
		return -1;
	}
	return 0;
}

int
feed_parser_finish(struct feed_parser *p)
{
	if (p->mode == MODE_DETECT) {
		if (p->head_len == 0) {
			fail(p, "empty document");
			return -1;
		}
		if (leave_detect(p) == -1)
			return -1;
	}
	if (p->mode == MODE_JSON)
		return finish_json(p);
	if (p->mode == MODE_FAILED)
		return -1;
	p->finishing = 1;
	xml_chunk(p, "", 0, 1);
	if (p->mode == MODE_FAILED)
		return -1;
	/* A document cut short: elements still open, and no error before
	 * its end.  Its last item, if it got anywhere, is handed over as it
	 * is (feedparser keeps it too), or dropped when the caller would
	 * rather wait for the whole item than keep a partial one.  Elements
	 * left open by an earlier error (a stray '<', unbalanced HTML) are
	 * no cut: the same bytes come at every poll, and the open item is
	 * handed over as far as libxml2 read it. */
	if (p->root_seen && p->depth > 0 && !p->ill_formed) {
		p->truncated = 1;
		parser_warn(p, xmlSAX2GetLineNumber(p->xml),
		    "the document ends with %d element%s open "
		    "(cut short?)%s", p->depth, p->depth == 1 ? "" : "s",
		    p->zone == Z_ITEM ? (p->drop_open ?
		    "; its last item, unfinished, is left out" :
		    "; its last item is unfinished") : "");
	}
	if (p->zone == Z_ITEM && (p->item.title || p->item.link ||
	    p->item.guid || p->item.summary || p->item.content)) {
		if (p->drop_open && p->truncated) {
			p->open_dropped = 1;
			item_clear(&p->item);
		} else
			parser_emit(p, &p->item);
	}
	if (!p->root_seen) {
		fail(p, "no XML element found");
		return -1;
	}
	if (!p->feedish && p->info.format == FEED_UNKNOWN) {
		fail(p, "no RSS, Atom or RDF element found");
		return -1;
	}
	return 0;
}

struct feed_parser *
feed_parser_new(const char *base_url, const char *content_type,
    feed_item_fn fn, void *arg)
{
	struct feed_parser *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->fn = fn;
	p->arg = arg;
	p->info.updated = FEED_NO_DATE;
	item_clear(&p->item);
	if (base_url && (p->base_url = strdup(base_url)) == NULL) {
		free(p);
		return NULL;
	}
	p->charset = charset_of(content_type);
	return p;
}

void
feed_parser_drop_open_items(struct feed_parser *p, int drop)
{
	p->drop_open = drop;
}

int
feed_parser_truncated(const struct feed_parser *p)
{
	return p->truncated;
}

int
feed_parser_open_dropped(const struct feed_parser *p)
{
	return p->open_dropped;
}

const struct feed_info *
feed_parser_info(const struct feed_parser *p)
{
	return &p->info;
}

const char *
feed_parser_error(const struct feed_parser *p)
{
	return p->error[0] ? p->error : NULL;
}

size_t
feed_parser_warning_count(const struct feed_parser *p)
{
	return p->n_warnings;
}

const char *
feed_parser_warning(const struct feed_parser *p, size_t i)
{
	return i < p->n_warnings ? p->warnings[i] : NULL;
}

void
feed_parser_free(struct feed_parser *p)
{
	struct ent *en, *next;
	size_t i;

	if (p == NULL)
		return;
	if (p->xml) {
		/* An <!ENTITY> makes libxml2 build a document to hold it;
		 * the context does not free it. */
		if (p->xml->myDoc)
			xmlFreeDoc(p->xml->myDoc);
		xmlFreeParserCtxt(p->xml);
	}
	for (en = p->entities; en; en = next) {
		next = en->next;
		xmlFree((xmlChar *)en->e.name);
		xmlFree(en->e.content);
		xmlFree(en->e.orig);
		free(en->general);
		free(en);
	}
	for (i = 0; i <= DEPTH_MAX; i++)
		free(p->bases[i]);
	for (i = 0; i < p->n_warnings; i++)
		free(p->warnings[i]);
	item_clear(&p->item);
	free(p->info.title);
	free(p->info.link);
	free(p->info.id);
	free(p->base_url);
	free(p->charset);
	buf_free(&p->json);
	buf_free(&p->carry);
	buf_free(&p->out.buf);
	buf_free(&p->text);
	buf_free(&p->unmarked);
	buf_free(&p->author_name);
	buf_free(&p->author_email);
	for (i = 0; i < sizeof(p->attr) / sizeof(p->attr[0]); i++)
		buf_free(&p->attr[i]);
	free(p);
}

const char *
feed_format_name(enum feed_format f)
{
	static const char *names[] = {
		[FEED_UNKNOWN] = "unknown", [FEED_RSS090] = "rss090",
		[FEED_RSS091] = "rss091", [FEED_RSS092] = "rss092",
		[FEED_RSS093] = "rss093", [FEED_RSS094] = "rss094",
		[FEED_RSS20] = "rss20", [FEED_RSS10] = "rss10",
		[FEED_RSS] = "rss", [FEED_ATOM03] = "atom03",
		[FEED_ATOM10] = "atom10", [FEED_ATOM] = "atom",
		[FEED_JSON10] = "json10", [FEED_JSON11] = "json11",
	};

	if ((unsigned)f >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[f];
}
