/*
 * Text normalisation and near-duplicate signatures for cross-feed story
 * matching.
 *
 * Two layers.  Normalisation (sim_normalize_*) makes a readable, stable
 * form of a title or summary: lower case, no punctuation, single spaces,
 * no aggregator suffix.  It keeps diacritics and other scripts as they
 * are.  Matching (sim_hash, sim_jaccard, sim_same_story) works on words
 * of that form, and compares them through a hash that also ignores
 * diacritics, so "Élections" (publisher) and "ELECTIONS" (wire copy
 * without accents) are one word without the normalised text losing them.
 *
 * Nothing here allocates but the returned strings and, for texts of more
 * than WSET_STACK words, the word sets of sim_jaccard() and
 * sim_same_story().
 */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feedd/simhash.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#define BAD_CP		0x110000	/* what an invalid UTF-8 byte decodes to */

#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL
#define BIGRAM_MUL	0x9e3779b97f4a7c15ULL	/* 2^64 / golden ratio */

#define SUFFIX_MAX	5	/* words in a " - Source" suffix */
#define KEEP_MIN	3	/* words a title keeps after prefix/suffix cut */
#define WSET_STACK	64	/* word sets this small live on the stack */

/* Character classes, as far as normalisation cares. */
enum {
	C_WORD,		/* letter, digit, mark: kept (case-folded) */
	C_SPACE,	/* white space: word break */
	C_PUNCT,	/* other punctuation and symbols: word break */
	C_DASH,		/* dashes: word break; " - " may start a suffix */
	C_PIPE,		/* '|': word break; " | " may start a suffix */
	C_COLON,	/* ':': word break; " :: " may start a suffix */
	C_DOT,		/* '.': dropped inside "U.S.", "3.5"; else break */
	C_COMMA,	/* ',': dropped inside "5,000"; else break */
	C_IGNORE	/* apostrophes, invisible format characters: dropped */
};

struct mark {
	size_t	 len;		/* output length where the marker was seen */
	size_t	 words;		/* words before it */
	int	 set;
};

struct norm {
	char		*out;
	size_t		 len;
	size_t		 words;
	int		 gap;		/* a word break is owed */
	int		 lastcjk;	/* last character out was Han or kana */
	uint32_t	 lastc;		/* last character out */
	struct mark	 last;		/* last suffix marker */
	struct mark	 kept;		/* last one that had words after it */
};

struct tok {
	const char	*p;
	size_t		 n;
	uint64_t	 fnv;	/* FNV-1a of the word as matching sees it */
};

struct wset {
	uint64_t	*v;		/* sorted, unique word hashes */
	size_t		 n;
	size_t		 ntok;		/* words, repeats included */
	uint64_t	 buf[WSET_STACK];
};

/* UTF-8 */

/* Decodes the character at *pp and steps past it.  Invalid and overlong
 * sequences, surrogates and values past U+10FFFF come back as BAD_CP with
 * one byte consumed; a NUL is never stepped over, as it is no
 * continuation byte. */
static uint32_t
utf8_next(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint32_t c = p[0], min;
	int i, n;

	if (c < 0x80) {
		*pp = p + 1;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3, c &= 0x07, min = 0x10000;
	} else
		goto bad;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*pp = p + n + 1;
	return c;
bad:
	*pp = p + 1;
	return BAD_CP;
}

/* Writes c as UTF-8 to o; returns the bytes written. */
static inline size_t
utf8_put(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static inline int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
}

static inline int
ascii_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Fullwidth ASCII (U+FF01-U+FF5E), common in CJK feeds, read as ASCII so
 * that its punctuation is punctuation. */
static uint32_t
unwiden(uint32_t c)
{
	return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
}

/* Case folding: Unicode simple case folding for the blocks below.  None
 * of these mappings makes the UTF-8 longer, which sizes the output. */

/* 1 when c is in [lo, hi] and has the parity that marks the upper-case
 * half of the pairs there. */
static int
upper_pair(uint32_t c, uint32_t lo, uint32_t hi)
{
	return c >= lo && c <= hi && (c & 1) == (lo & 1);
}

static uint32_t
fold_latin(uint32_t c)
{
	if (c == 0xb5)
		return 0x3bc;				/* micro sign */
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 0x20;
	if (c == 0x130)
		return 'i';	/* dotted I: "i", not i + U+0307, for matching */
	if (c == 0x178)
		return 0xff;
	if (c == 0x17f)
		return 's';				/* long s */
	if (c == 0x1c4 || c == 0x1c5)
		return 0x1c6;
	if (c == 0x1c7 || c == 0x1c8)
		return 0x1c9;
	if (c == 0x1ca || c == 0x1cb)
		return 0x1cc;
	if (c == 0x1f1 || c == 0x1f2)
		return 0x1f3;
	if (c == 0x1e9e)
		return 0xdf;				/* capital sharp s */
	if (upper_pair(c, 0x100, 0x137) || upper_pair(c, 0x139, 0x148) ||
	    upper_pair(c, 0x14a, 0x177) || upper_pair(c, 0x179, 0x17e) ||
	    upper_pair(c, 0x1cd, 0x1dc) || upper_pair(c, 0x1de, 0x1ef) ||
	    upper_pair(c, 0x1f8, 0x21f) || upper_pair(c, 0x222, 0x233) ||
	    upper_pair(c, 0x1e00, 0x1e95) || upper_pair(c, 0x1ea0, 0x1eff))
		return c + 1;
	return c;
}

static uint32_t
fold_greek(uint32_t c)
{
	switch (c) {
	case 0x37f: return 0x3f3;
	case 0x386: return 0x3ac;
	case 0x38c: return 0x3cc;
	case 0x3c2: return 0x3c3;	/* final sigma: the word-final form */
	case 0x3cf: return 0x3d7;
	case 0x3d0: return 0x3b2;
	case 0x3d1: return 0x3b8;
	case 0x3d5: return 0x3c6;
	case 0x3d6: return 0x3c0;
	case 0x3f0: return 0x3ba;
	case 0x3f1: return 0x3c1;
	case 0x3f4: return 0x3b8;
	case 0x3f5: return 0x3b5;
	case 0x3f9: return 0x3f2;
	}
	if (c >= 0x388 && c <= 0x38a)
		return c + 0x25;
	if (c == 0x38e || c == 0x38f)
		return c + 0x3f;
	if (c >= 0x391 && c <= 0x3ab && c != 0x3a2)
		return c + 0x20;
	if (c >= 0x3fd && c <= 0x3ff)
		return c - 0x82;
	if (upper_pair(c, 0x370, 0x373) || c == 0x376 ||
	    upper_pair(c, 0x3d8, 0x3ef) || c == 0x3f7 || c == 0x3fa)
		return c + 1;
	return c;
}

static uint32_t
fold_cyrillic(uint32_t c)
{
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	if (c >= 0x410 && c <= 0x42f)
		return c + 0x20;
	if (c == 0x4c0)
		return 0x4cf;
	if (upper_pair(c, 0x460, 0x481) || upper_pair(c, 0x48a, 0x4bf) ||
	    upper_pair(c, 0x4c1, 0x4ce) || upper_pair(c, 0x4d0, 0x52f))
		return c + 1;
	return c;
}

static inline uint32_t
fold_case(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
	if (c < 0x250 || (c >= 0x1e00 && c < 0x1f00))
		return fold_latin(c);
	if (c >= 0x370 && c < 0x400)
		return fold_greek(c);
	if (c >= 0x400 && c < 0x530)
		return fold_cyrillic(c);
	return c;
}

/* Classes */

#define W	C_WORD
#define S	C_SPACE
#define P	C_PUNCT
static const unsigned char ascii_classes[128] = {
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,		/* 0x00 */
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, P, P, P, P, P, P, C_IGNORE,				/* sp ! " # $ % & ' */
	P, P, P, P, C_COMMA, C_DASH, C_DOT, P,			/* ( ) * + , - . / */
	W, W, W, W, W, W, W, W, W, W, C_COLON, P, P, P, P, P,	/* 0-9 : ; < = > ? */
	P, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W,		/* @ A-O */
	W, W, W, W, W, W, W, W, W, W, W, P, P, P, P, P,		/* P-Z [ \ ] ^ _ */
	C_IGNORE, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W,	/* ` a-o */
	W, W, W, W, W, W, W, W, W, W, W, P, C_PIPE, P, P, S,	/* p-z { | } ~ DEL */
};
#undef W
#undef S
#undef P

static inline int
ascii_class(uint32_t c)
{
	return ascii_classes[c];
}

/* U+0080-U+07FF: Latin-1 punctuation, modifier letters, the punctuation
 * of Greek, Armenian, Hebrew and Arabic. */
static int
low_class(uint32_t c)
{
	switch (c) {
	case 0xa0:
		return C_SPACE;
	case 0xaa: case 0xb2: case 0xb3: case 0xb5: case 0xb9: case 0xba:
	case 0xbc: case 0xbd: case 0xbe:
		return C_WORD;			/* ª ² ³ µ ¹ º ¼ ½ ¾ */
	case 0xad: case 0xb4: case 0x5f3: case 0x5f4: case 0x640:
		return C_IGNORE;	/* soft hyphen, ´, geresh, tatweel */
	case 0xd7: case 0xf7: case 0x37e: case 0x387: case 0x589:
	case 0x5c0: case 0x5c3: case 0x5c6: case 0x60c: case 0x61b:
	case 0x61f: case 0x6d4:
		return C_PUNCT;
	case 0x58a: case 0x5be:
		return C_DASH;		/* Armenian hyphen, Hebrew maqaf */
	}
	if (c < 0xa0)
		return C_SPACE;				/* C1 controls */
	if (c < 0xc0)
		return C_PUNCT;
	if (c >= 0x2b0 && c <= 0x2ff)
		return C_IGNORE;	/* modifier letters: ʼ ʻ ˈ ˆ ˜ */
	if ((c >= 0x55a && c <= 0x55f) || (c >= 0x66a && c <= 0x66d))
		return C_PUNCT;
	return C_WORD;
}

/* U+2000-U+206F General Punctuation. */
static int
genpunct_class(uint32_t c)
{
	if (c <= 0x200a || c == 0x2028 || c == 0x2029 || c == 0x202f ||
	    c == 0x205f)
		return C_SPACE;
	if (c <= 0x200f || (c >= 0x202a && c <= 0x202e) || c >= 0x2060)
		return C_IGNORE;	/* zero-width, bidi controls */
	if (c <= 0x2015)
		return C_DASH;
	switch (c) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b:
	case 0x2032: case 0x2035:
		return C_IGNORE;		/* single quotes, primes */
	}
	return C_PUNCT;
}

static int
high_class(uint32_t c)
{
	if (c >= 0x2000 && c <= 0x206f)
		return genpunct_class(c);
	switch (c) {
	case 0x1680: case 0x3000:
		return C_SPACE;
	case 0x180e: case 0xfeff:
		return C_IGNORE;
	case 0x2212: case 0x2e3a: case 0x2e3b: case 0xfe58: case 0xfe63:
		return C_DASH;
	case 0x2116: case 0x2117: case 0x2120: case 0x2122:
	case 0x3030: case 0x30fb: case 0xfffc: case 0xfffd: case BAD_CP:
		return C_PUNCT;			/* № ℗ ℠ ™ 〰 ・ */
	}
	if ((c >= 0x20a0 && c <= 0x20cf) || (c >= 0x2190 && c <= 0x2bff) ||
	    (c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3001 && c <= 0x3003) ||
	    (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301f) ||
	    (c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe6b) ||
	    (c >= 0xff5f && c <= 0xff65) || (c >= 0x1f000 && c <= 0x1faff))
		return C_PUNCT;	/* currency, symbols, CJK punctuation, emoji */
	if ((c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xfff9 && c <= 0xfffb) ||
	    (c >= 0xe0000 && c <= 0xe01ef))
		return C_IGNORE;	/* variation selectors, tags */
	return C_WORD;
}

static inline int
cp_class(uint32_t c)
{
	if (c < 0x80)
		return ascii_class(c);
	if (c < 0x800)
		return low_class(c);
	return high_class(c);
}

/* Han and kana, written without spaces: each character is a word. */
static int
is_cjk(uint32_t c)
{
	if (c < 0x3005)
		return 0;			/* the common case, first */
	return c <= 0x3007 || (c >= 0x3040 && c <= 0x30ff) ||
	    (c >= 0x31f0 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0x20000 && c <= 0x3ffff);
}

/* Class of the character at p, end of string reading as white space. */
static int
peek_class(const unsigned char *p)
{
	if (*p == '\0')
		return C_SPACE;
	return cp_class(unwiden(utf8_next(&p)));
}

/* Normalisation */

static void
norm_put(struct norm *n, uint32_t c)
{
	int cjk = is_cjk(c);

	if (n->len == 0 || n->gap || cjk || n->lastcjk)
		n->words++;
	if (n->gap && n->len > 0)
		n->out[n->len++] = ' ';
	n->gap = 0;
	n->lastcjk = cjk;
	n->lastc = c;
	n->len += utf8_put(n->out + n->len, c);
}

/* Copies the ASCII letters and digits at p that continue a word. */
static const unsigned char *
norm_ascii_run(struct norm *n, const unsigned char *p)
{
	const unsigned char *start = p;

	/* | 0x20 lower-cases letters and leaves digits alone. */
	while (*p < 0x80 && ascii_class(*p) == C_WORD)
		n->out[n->len++] = (char)(*p++ | 0x20);
	if (p > start)
		n->lastc = p[-1] | 0x20;
	return p;
}

/* A " - ", " | " or " :: " seen: remember where, and the last marker
 * before it that was followed by words, in case this one ends the title. */
static void
norm_mark(struct norm *n)
{
	if (n->last.set && n->words > n->last.words)
		n->kept = n->last;
	n->last.len = n->len;
	n->last.words = n->words;
	n->last.set = 1;
	n->gap = 1;
}

/* Cuts the last suffix marker and what follows when 1-SUFFIX_MAX words
 * follow it and KEEP_MIN precede it. */
static void
norm_cut_suffix(struct norm *n)
{
	struct mark m = n->last;
	size_t tail;

	if (m.set && m.words == n->words)
		m = n->kept;
	if (!m.set || m.words < KEEP_MIN)
		return;
	tail = n->words - m.words;
	if (tail >= 1 && tail <= SUFFIX_MAX) {
		n->len = m.len;
		n->words = m.words;
	}
}

/* Handles one character of class cls that is not C_WORD or C_IGNORE.
 * prev is the class of the character before it, ignored ones aside; p
 * points after it. */
static const unsigned char *
norm_sep(struct norm *n, int cls, int prev, const unsigned char *p)
{
	int spaced = prev == C_SPACE;

	switch (cls) {
	case C_DOT:
		if (prev == C_WORD && peek_class(p) == C_WORD)
			return p;			/* "U.S.", "3.5" */
		break;
	case C_COMMA:
		if (prev == C_WORD && n->lastc >= '0' && n->lastc <= '9' &&
		    *p >= '0' && *p <= '9')
			return p;			/* "5,000" */
		break;
	case C_DASH:
	case C_PIPE:
		if (spaced && peek_class(p) == C_SPACE) {
			norm_mark(n);
			return p;
		}
		break;
	case C_COLON:
		if (spaced && *p == ':' && peek_class(p + 1) == C_SPACE) {
			norm_mark(n);
			return p + 1;
		}
		break;
	}
	n->gap = 1;
	return p;
}

/* Normalises s into a new string; *words gets its word count. */
static char *
normalize(const char *s, int suffix, size_t *words)
{
	const unsigned char *p = (const unsigned char *)s;
	struct norm n;
	uint32_t c;
	int cls, prev = C_SPACE;

	memset(&n, 0, sizeof(n));
	if ((n.out = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	while (*p != '\0') {
		if (*p < 0x80)			/* most titles: ASCII */
			c = *p++;
		else
			c = unwiden(utf8_next(&p));
		cls = cp_class(c);
		if (cls == C_IGNORE)
			continue;		/* "Biden’s" is "bidens" */
		if (cls == C_WORD) {
			norm_put(&n, fold_case(c));
			if (c < 0x80)
				p = norm_ascii_run(&n, p);
		} else
			p = norm_sep(&n, cls, prev, p);
		prev = cls;
	}
	if (suffix)
		norm_cut_suffix(&n);
	n.out[n.len] = '\0';
	*words = n.words;
	return n.out;
}

/* Wire and live-blog prefixes that say nothing about the story itself. */
static const char *const title_prefixes[] = {
	"breaking news", "breaking", "developing", "just in", "updated",
	"update",
};

/* Length of the prefix word w at s, case-insensitively, or 0. */
static size_t
prefix_word(const char *s, const char *w)
{
	size_t i;

	for (i = 0; w[i] != '\0'; i++)
		if (ascii_lower((unsigned char)s[i]) != w[i])
			return 0;
	/* The whole character: a non-ASCII byte is no index into
	 * ascii_classes[]. */
	if (peek_class((const unsigned char *)s + i) == C_WORD)
		return 0;				/* "updates" */
	return i;
}

/* After a prefix: the separator it needs (':', '-', '|', en or em dash),
 * or NULL. */
static const char *
prefix_sep(const char *s)
{
	while (ascii_space(*s))
		s++;
	if (*s == ':' || *s == '-' || *s == '|')
		return s + 1;
	if (strncmp(s, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(s, "\xe2\x80\x94", 3) == 0)
		return s + 3;
	return NULL;
}

/* Start of s past a "BREAKING:" or Reuters' "UPDATE 2-" prefix. */
static const char *
skip_prefix(const char *s)
{
	const char *q;
	size_t i, k;

	while (ascii_space(*s))
		s++;
	for (i = 0; i < nitems(title_prefixes); i++) {
		if ((k = prefix_word(s, title_prefixes[i])) == 0)
			continue;
		q = s + k;
		if (title_prefixes[i][0] == 'u') {	/* "UPDATE 2-" */
			while (ascii_space(*q))
				q++;
			while (*q >= '0' && *q <= '9')
				q++;
		}
		if ((q = prefix_sep(q)) != NULL)
			return q;
	}
	return s;
}

char *
sim_normalize_title(const char *title)
{
	const char *s = title != NULL ? title : "", *rest = skip_prefix(s);
	size_t words;
	char *r;

	if (rest != s) {
		r = normalize(rest, 1, &words);
		if (r == NULL || words >= KEEP_MIN)
			return r;
		free(r);		/* "Breaking: Fire": keep the prefix */
	}
	return normalize(s, 1, &words);
}

char *
sim_normalize_text(const char *text)
{
	size_t words;

	return normalize(text != NULL ? text : "", 0, &words);
}

/* Words and their hashes */

/* Base letters of U+00C0-U+017F, "" for the two signs there. */
static const char latin_base[192][3] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "y",
	"a", "a", "a", "a", "a", "a", "c", "c",		/* U+0100 */
	"c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e",
	"e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h",		/* U+0120 */
	"i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k",
	"k", "l", "l", "l", "l", "l", "l", "l",
	"l", "l", "l", "n", "n", "n", "n", "n",		/* U+0140 */
	"n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r",
	"r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t",		/* U+0160 */
	"u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y",
	"y", "z", "z", "z", "z", "z", "z", "s",
};

/* Letter without its diacritics, for matching: c itself, another
 * character, or 0 with *str set to an ASCII spelling.  Returns 0 and
 * sets *str to "" for combining marks, which are dropped. */
static uint32_t
strip_mark(uint32_t c, const char **str)
{
	*str = NULL;
	if (c >= 0xc0 && c < 0x180 && latin_base[c - 0xc0][0] != '\0') {
		*str = latin_base[c - 0xc0];
		return 0;
	}
	switch (c) {
	case 0x219: return 's';			/* Romanian comma below */
	case 0x21b: return 't';
	case 0x390: case 0x3af: case 0x3ca: return 0x3b9;	/* Greek */
	case 0x3ac: return 0x3b1;
	case 0x3ad: return 0x3b5;
	case 0x3ae: return 0x3b7;
	case 0x3b0: case 0x3cb: case 0x3cd: return 0x3c5;
	case 0x3cc: return 0x3bf;
	case 0x3ce: return 0x3c9;
	case 0x450: case 0x451: return 0x435;	/* ѐ ё: е */
	case 0x45d: return 0x438;
	}
	if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	    (c >= 0xfe20 && c <= 0xfe2f)) {
		*str = "";
		return 0;
	}
	return c;
}

static uint64_t
fnv_bytes(uint64_t h, const char *s, size_t n)
{
	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * FNV_PRIME;
	return h;
}

/* FNV-1a step for character c as matching sees it: case-folded, without
 * diacritics.  Folding here as well keeps hashes right for text that
 * skipped normalisation. */
static uint64_t
fnv_char(uint64_t h, uint32_t c)
{
	const char *str;
	char u[4];

	c = strip_mark(fold_case(c), &str);
	if (str != NULL)
		return fnv_bytes(h, str, strlen(str));
	return fnv_bytes(h, u, utf8_put(u, c));
}

/* Next word of s at *sp into t, with its hash; 0 at the end.  Words are
 * runs between white space, except that a Han or kana character is a word
 * by itself.  Hashing while scanning reads each byte once. */
static int
next_tok(const char **sp, struct tok *t)
{
	const unsigned char *p = (const unsigned char *)*sp, *q;
	uint64_t h = FNV_OFFSET;
	uint32_t c;

	while (ascii_space(*p))
		p++;
	if (*p == '\0')
		return 0;
	t->p = (const char *)p;
	for (;;) {
		if (*p < 0x80) {
			if (*p == '\0' || ascii_space(*p))
				break;
			h = (h ^ (unsigned)ascii_lower(*p++)) * FNV_PRIME;
			continue;
		}
		q = p;
		c = utf8_next(&p);
		if (is_cjk(c)) {
			if (q != (const unsigned char *)t->p)
				p = q;		/* it starts the next word */
			else
				h = fnv_char(h, c);
			break;
		}
		h = fnv_char(h, c);
	}
	t->n = (size_t)((const char *)p - t->p);
	t->fnv = h;
	*sp = (const char *)p;
	return 1;
}

/* MurmurHash3's finaliser: FNV-1a alone leaves the high bits of short
 * words poorly mixed, and SimHash uses every bit. */
static uint64_t
mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t
word_hash(const struct tok *t)
{
	return mix64(t->fnv);
}

/* English function words: as unigrams they match across any two titles
 * and say nothing about the story.  Sorted for bsearch(). */
static const char *const stopwords[] = {
	"a", "about", "after", "an", "and", "are", "as", "at", "be", "been",
	"but", "by", "for", "from", "has", "have", "he", "her", "his", "in",
	"into", "is", "it", "its", "of", "on", "or", "over", "she", "than",
	"that", "the", "their", "they", "this", "to", "was", "were", "will",
	"with",
};

/* bsearch() comparison of a word with a string of a sorted list. */
static int
word_cmp(const void *key, const void *elem)
{
	const struct tok *t = key;
	const unsigned char *w = *(const unsigned char *const *)elem;
	const unsigned char *p = (const unsigned char *)t->p;
	size_t i;

	for (i = 0; i < t->n && w[i] != '\0'; i++)
		if (p[i] != w[i])
			return p[i] - w[i];
	return (i < t->n) - (w[i] != '\0');
}

static int
is_stopword(const struct tok *t)
{
	/* Initials of the stopwords, to skip most other words at once. */
	const uint32_t initials = 1 << 0 | 1 << 1 | 1 << 5 | 1 << 7 |
	    1 << 8 | 1 << 14 | 1 << 18 | 1 << 19 | 1 << 22;
	unsigned c = (unsigned char)t->p[0] - 'a';

	if (t->n > 5 || c >= 26 || !(initials >> c & 1))
		return 0;
	return bsearch(t, stopwords, nitems(stopwords), sizeof(stopwords[0]),
	    word_cmp) != NULL;
}

/* SimHash */

/*
 * Bit-sliced counters: bit i of plane[p] is bit p of the weight summed for
 * hash bit i.  Adding a feature of weight 2^k is a ripple-carry add of its
 * hash into plane k and up, which stops as soon as nothing carries: a few
 * operations where a counter per bit would take 64 increments.
 */
struct simacc {
	uint64_t	plane[64];
	uint64_t	total;		/* weight of all features */
	int		nplanes;	/* planes that may be non-zero */
};

static void
acc_add(struct simacc *a, uint64_t h, int k)
{
	uint64_t carry = h, t;
	int p;

	/* No counter exceeds total < 2^64, so p stays below 64. */
	for (p = k; carry != 0; p++) {
		t = a->plane[p] & carry;
		a->plane[p] ^= carry;
		carry = t;
	}
	if (p > a->nplanes)
		a->nplanes = p;
	a->total += 1ULL << k;
}

/* Bit i is set when the features with it set outweigh those without:
 * counter i >= total / 2 + 1, compared plane by plane from the top. */
static uint64_t
acc_result(const struct simacc *a)
{
	uint64_t thr = a->total / 2 + 1, gt = 0, eq = ~0ULL, tb;
	int p = a->nplanes;

	while (p < 64 && thr >> p != 0)
		p++;
	while (p-- > 0) {
		tb = thr >> p & 1 ? ~0ULL : 0;
		gt |= eq & a->plane[p] & ~tb;
		eq &= ~(a->plane[p] ^ tb);
	}
	return gt | eq;
}

uint64_t
sim_hash(const char *normalized)
{
	const char *s = normalized != NULL ? normalized : "";
	struct simacc acc;
	struct tok t, first = { NULL, 0, 0 };
	uint64_t prev = 0;
	int ntok = 0;

	memset(&acc, 0, sizeof(acc));
	while (next_tok(&s, &t)) {
		if (!is_stopword(&t))
			acc_add(&acc, word_hash(&t), 0);
		/* A bigram's hash combines its words' FNV states, in order;
		 * mix64() makes it as good as hashing "prev word". */
		if (ntok++ > 0)
			acc_add(&acc, mix64(prev * BIGRAM_MUL + t.fnv), 1);
		else
			first = t;
		prev = t.fnv;
	}
	if (ntok == 0)
		return 0;
	if (acc.total == 0)		/* a lone stopword: better than 0 */
		return word_hash(&first);
	return acc_result(&acc);
}

int
sim_distance(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ b;

	/* SWAR popcount; compilers turn it into popcnt where there is one. */
	x -= x >> 1 & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + (x >> 2 & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (int)(x * 0x0101010101010101ULL >> 56);
}

int
sim_tokens(const char *normalized)
{
	const char *s = normalized != NULL ? normalized : "";
	struct tok t;
	int n = 0;

	while (n < INT_MAX && next_tok(&s, &t))
		n++;
	return n;
}

uint32_t
sim_band(uint64_t h, int i)
{
	unsigned b = (unsigned)i & 3;

	return (uint32_t)b << 16 | (uint32_t)(h >> (16 * b) & 0xffff);
}

/* Word sets */

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Insertion sort: for a title's or a summary's few dozen words it beats
 * qsort() and its calls through a pointer several times over. */
static void
sort_small(uint64_t *v, size_t n)
{
	size_t i, j;
	uint64_t x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Fills w with the sorted, unique word hashes of s.  -1 when out of
 * memory. */
static int
wset_init(struct wset *w, const char *s)
{
	size_t i, k, n = (size_t)sim_tokens(s);
	struct tok t;

	w->v = w->buf;
	w->n = 0;
	w->ntok = n;
	if (n > WSET_STACK && (w->v = malloc(n * sizeof(*w->v))) == NULL)
		return -1;
	while (w->n < n && next_tok(&s, &t))
		w->v[w->n++] = word_hash(&t);
	if (w->n <= WSET_STACK)
		sort_small(w->v, w->n);
	else
		qsort(w->v, w->n, sizeof(*w->v), u64_cmp);
	for (i = k = 0; i < w->n; i++)
		if (k == 0 || w->v[k - 1] != w->v[i])
			w->v[k++] = w->v[i];
	w->n = k;
	return 0;
}

static void
wset_free(struct wset *w)
{
	if (w->v != w->buf)
		free(w->v);
}

static int
wset_has(const struct wset *w, uint64_t h)
{
	return bsearch(&h, w->v, w->n, sizeof(h), u64_cmp) != NULL;
}

/* Words the two sets share. */
static size_t
wset_common(const struct wset *a, const struct wset *b)
{
	size_t i = 0, j = 0, n = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else
			n++, i++, j++;
	}
	return n;
}

static double
wset_jaccard(const struct wset *a, const struct wset *b)
{
	size_t common;

	if (a->n == 0 || b->n == 0)
		return 0;
	common = wset_common(a, b);
	return (double)common / (double)(a->n + b->n - common);
}

double
sim_jaccard(const char *a, const char *b)
{
	struct wset wa, wb;
	double r = 0;

	if (a == NULL || b == NULL || wset_init(&wa, a) == -1)
		return 0;
	if (wset_init(&wb, b) == 0) {
		r = wset_jaccard(&wa, &wb);
		wset_free(&wb);
	}
	wset_free(&wa);
	return r;
}

/*
 * Story matching.  The thresholds were set on the fixture pairs of
 * tests/test_simhash.c, which prints each pair's figures; the ranges
 * quoted are from there.
 *
 * Titles alone (when either summary is missing or carries no real text)
 * say "same" at a word Jaccard of TITLE_SAME.  Re-published titles
 * normalise to equal strings (1.0); one word added to an 8-word title gives
 * 8/9, to a 5-word one 5/6, two words to an 8-word one 0.8.  Different
 * stories on one topic went up to 0.75 ("Stocks rise/fall as Fed holds
 * rates steady").  SimHash distance is no help in deciding: one added word
 * moved a title's hash by 14 bits, more than it moved between two
 * different stories (12, 13); it serves to find candidates, not to judge.
 *
 * A summary carries real text when it has REAL_TOKENS words, REAL_NEW of
 * them not in its title: the title repeated with the source name (at most
 * SUFFIX_MAX words) appended is no evidence.  When both summaries do,
 * they speak first: a Jaccard of SUM_SAME or more is one text
 * re-published (0.81-1.0 on the fixtures, truncated copies included), and
 * then the titles need share only TITLE_WITH_SUM of their words, as
 * partners rewrite headlines; below SUM_DIFF the texts tell different
 * stories (0.05-0.21 on the fixtures), whatever the titles say, as a daily
 * live blog keeps its title.  In between, the titles decide alone.
 *
 * Two vetoes come before all that, as bags of words miss them: each title
 * has a number the other lacks (scores, magnitudes, tolls: "Magnitude
 * 6.1/4.8 earthquake strikes off Crete"), or one title is negated and the
 * other is not ("Biden says he will (not) debate Trump").
 */
#define TITLE_SAME	0.8
#define TITLE_WITH_SUM	0.3
#define SUM_SAME	0.6
#define SUM_DIFF	0.3
#define REAL_TOKENS	8
#define REAL_NEW	6

enum { SAY_NOTHING, SAY_SAME, SAY_DIFF };

/* Negations as normalisation leaves them ("don't" is "dont").  Sorted. */
static const char *const negations[] = {
	"arent", "cannot", "cant", "couldnt", "didnt", "doesnt", "dont",
	"hadnt", "hasnt", "havent", "isnt", "never", "no", "nor", "not",
	"shouldnt", "wasnt", "werent", "wont", "wouldnt",
};

static int
is_number(const struct tok *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->p[i] >= '0' && t->p[i] <= '9')
			return 1;
	return 0;
}

/* 1 when title s has a number word that the word set w lacks. */
static int
own_number(const char *s, const struct wset *w)
{
	struct tok t;

	while (next_tok(&s, &t))
		if (is_number(&t) && !wset_has(w, word_hash(&t)))
			return 1;
	return 0;
}

static int
negated(const char *s)
{
	struct tok t;

	while (next_tok(&s, &t))
		if (bsearch(&t, negations, nitems(negations),
		    sizeof(negations[0]), word_cmp) != NULL)
			return 1;
	return 0;
}

static int
titles_conflict(const char *a, const struct wset *wa, const char *b,
    const struct wset *wb)
{
	return (own_number(a, wb) && own_number(b, wa)) ||
	    negated(a) != negated(b);
}

/* A summary with words w, of a title with words title, carries real text. */
static int
real_text(const struct wset *w, const struct wset *title)
{
	return w->ntok >= REAL_TOKENS &&
	    w->n - wset_common(w, title) >= REAL_NEW;
}

/* SAY_SAME or SAY_DIFF when both summaries carry real text and their
 * words settle it; SAY_NOTHING otherwise, out of memory included. */
static int
summaries_say(const char *sa, const struct wset *ta, const char *sb,
    const struct wset *tb)
{
	struct wset wa, wb;
	double j;
	int r = SAY_NOTHING;

	if (sa == NULL || sb == NULL || wset_init(&wa, sa) == -1)
		return SAY_NOTHING;
	if (wset_init(&wb, sb) == 0) {
		if (real_text(&wa, ta) && real_text(&wb, tb)) {
			j = wset_jaccard(&wa, &wb);
			if (j >= SUM_SAME)
				r = SAY_SAME;
			else if (j < SUM_DIFF)
				r = SAY_DIFF;
		}
		wset_free(&wb);
	}
	wset_free(&wa);
	return r;
}

/* The decision, once both titles' word sets are built. */
static int
same_story(const char *ta, const struct wset *wta, const char *sa,
    const char *tb, const struct wset *wtb, const char *sb)
{
	double jt = wset_jaccard(wta, wtb);

	if (titles_conflict(ta, wta, tb, wtb))
		return 0;
	switch (summaries_say(sa, wta, sb, wtb)) {
	case SAY_SAME:
		return jt >= TITLE_WITH_SUM;
	case SAY_DIFF:
		return 0;
	}
	return jt >= TITLE_SAME && wta->n >= KEEP_MIN && wtb->n >= KEEP_MIN;
}

/* Summaries can only veto a pair or lower the bar for titles to
 * TITLE_WITH_SUM (TITLE_SAME is above it): below that, or where the
 * titles conflict, the answer is "different" whatever the summaries
 * say.  test_simhash checks this against sim_same_story(). */

int
sim_titles_may_match(const char *title_a, const char *title_b)
{
	struct wset wa, wb;
	int r = 1;	/* out of memory: sim_same_story() decides */

	if (title_a == NULL || title_b == NULL)
		return 0;
	if (wset_init(&wa, title_a) == -1)
		return 1;
	if (wset_init(&wb, title_b) == 0) {
		r = wset_jaccard(&wa, &wb) >= TITLE_WITH_SUM &&
		    !titles_conflict(title_a, &wa, title_b, &wb);
		wset_free(&wb);
	}
	wset_free(&wa);
	return r;
}

int
sim_same_story(const char *title_a, const char *summary_a,
    const char *title_b, const char *summary_b)
{
	struct wset wa, wb;
	int r = 0;

	/* Out of memory: say "different", as a wrong merge hides a story. */
	if (title_a == NULL || title_b == NULL || wset_init(&wa, title_a) == -1)
		return 0;
	if (wset_init(&wb, title_b) == 0) {
		r = same_story(title_a, &wa, summary_a, title_b, &wb,
		    summary_b);
		wset_free(&wb);
	}
	wset_free(&wa);
	return r;
}
