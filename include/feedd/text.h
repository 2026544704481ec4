/* Plain text from the HTML found in feeds: item and feed titles, summaries,
 * author names. */
#ifndef FEEDD_TEXT_H
#define FEEDD_TEXT_H

#include <stddef.h>

/* Plain text of an HTML fragment: tags removed, entities (all HTML5 named
 * ones, numeric ones) decoded once, white space collapsed to single spaces
 * and trimmed, <script>/<style>/<template> content dropped, <br>, <p> and
 * the other block elements become a space; inline and unknown elements
 * join their neighbours ("<b>x</b>y" is "xy").  A '&' or '<' that starts
 * no reference or tag stays as text ("AT&T", "1 < 2"), a tag left open at
 * the end is dropped, and a <![CDATA[...]]> section counts as text.
 * Input is taken as UTF-8: invalid sequences become U+FFFD, and the output
 * holds no control characters (tab, CR, LF, FF become spaces; other C0
 * controls, NUL, DEL and BOMs are dropped; U+0080-U+009F are read as
 * windows-1252, as HTML5 does for &#128;-&#159;).  Input past 64 MiB is
 * ignored.  Returns a malloc'd UTF-8 string (never NULL on success; "" for
 * empty), or NULL on allocation failure.  Thread-safe. */
char	*text_from_html(const char *html, size_t len);

/* What text_from_html's output depends on: this file's rules and the
 * libxml2 that runs them ("1 libxml2 20914").  The search index keeps it,
 * and is built again when it changes: FTS5 forgets an item's words by the
 * text it was given, so the same HTML must give the same text. */
const char *text_version(void);

/* Collapses runs of white space (ASCII space, tab, CR, LF, and U+00A0 NBSP)
 * in place to one ASCII space and trims both ends; returns s. */
char	*text_collapse(char *s);

/* Whether a title that may or may not be HTML (RSS, JSON Feed) is,
 * nearly by feedparser's rule: it has an end tag ("</b>"), or it has a
 * reference ("&amp;", "&#233;") and every tag names an HTML element and
 * every named reference is HTML's.  "Vector<T>", "Why <blink> died"
 * and "Use <div>" are text; unlike feedparser, "<x>a</x>" is HTML. */
int	 text_looks_like_html(const char *s, size_t len);

/* True when s may contain markup or entities worth running through
 * text_from_html: has '<' or '&'. */
int	 text_has_markup(const char *s, size_t len);

#endif
