/* Text normalisation and near-duplicate signatures, to find the same story
 * carried by several feeds: the publisher's own, a partner re-publishing it
 * with other quotes and punctuation, an aggregator appending " - Source".
 * Thread-safe; no global state.  Input is UTF-8 plain text (what
 * text_from_html() returns); invalid bytes are read as punctuation. */
#ifndef FEEDD_SIMHASH_H
#define FEEDD_SIMHASH_H

#include <stdint.h>

/* Normalised title: case-folded (ASCII, Latin-1, Latin Extended-A and the
 * common Extended-B/Additional letters, Greek, Cyrillic; other scripts
 * unchanged; diacritics are kept), quotes and apostrophes of all styles
 * dropped (so "Biden's" and "Biden’s" are both "bidens"), dashes, ellipses
 * and all other punctuation turned into word breaks, a '.' between two
 * letters or digits and a ',' between two digits dropped ("U.S." is "us",
 * "5,000" is "5000"), white space collapsed to single spaces and trimmed.
 * A leading "UPDATE:", "UPDATE 2-", "BREAKING:", "BREAKING NEWS:",
 * "DEVELOPING:" or "JUST IN:" and a trailing source suffix (" - Source",
 * " – Source", " — Source", " | Source", " :: Source", Source being 1-5
 * words) are removed, each only when at least 3 words are left.  NULL is
 * read as "".  Returns a malloc'd string, or NULL on allocation failure. */
char		*sim_normalize_title(const char *title);

/* Normalised summary text: the same folding, no prefix or suffix rule. */
char		*sim_normalize_text(const char *text);

/* 64-bit SimHash of a normalised string over word unigrams (weight 1; a
 * short list of English function words left out) and word bigrams (weight
 * 2).  Words are compared without their diacritics (Latin-1, Latin
 * Extended-A, Greek tonos, combining marks), so "Élections" and
 * "ELECTIONS" agree; each Han or kana character counts as a word.
 * Returns 0 for empty input. */
uint64_t	 sim_hash(const char *normalized);

/* Hamming distance of two hashes, 0-64. */
int		 sim_distance(uint64_t a, uint64_t b);

/* Words in a normalised string (Han and kana characters count one each). */
int		 sim_tokens(const char *normalized);

/* Index key of band i (0-3) of h: bits 16i..16i+15, with i in bits 16-17
 * so that keys of different bands never collide.  Two hashes within
 * distance 3 share at least one band key (pigeonhole).  i is taken mod 4. */
uint32_t	 sim_band(uint64_t h, int i);

/* Jaccard similarity (0..1) of the word sets of two normalised strings,
 * words compared as sim_hash() does.  0 when either has no words. */
double		 sim_jaccard(const char *a, const char *b);

/* 0 when sim_same_story() would say "different" for these titles
 * whatever the summaries: a cheap look that spares making them text. */
int		 sim_titles_may_match(const char *title_a, const char *title_b);

/* 1 when two items look like the same story by their text alone: titles
 * normalised by sim_normalize_title(), summaries by sim_normalize_text()
 * or NULL.  The thresholds and why are in simhash.c. */
int		 sim_same_story(const char *title_a, const char *summary_a,
		    const char *title_b, const char *summary_b);

#endif
