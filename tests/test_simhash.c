/*
 * Tests for the normalisation and near-duplicate signatures of simhash.c,
 * and the fixture set its story-matching thresholds were chosen on.
 *
 * The fixtures are pairs of items as different feeds carry them: the same
 * story re-published (other quotes, punctuation, case, an aggregator's
 * " - Source", a wire "UPDATE 2-" prefix, a truncated summary) and
 * different stories on one topic (same names and places, another event).
 * The test prints each pair's figures and the precision and recall of
 * sim_same_story() over the set, and asserts that no different-story pair
 * is merged (precision 100%) and that recall is at least 90%.
 *
 * SIM_BENCH=1 in the environment adds a timing of sim_normalize_title()
 * plus sim_hash() on typical titles (printed, not asserted).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedd/simhash.h"
#include "tap.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Fixture pairs: the same story (same = 1) or the same topic with a
 * different story (same = 0); summaries may be NULL. */
struct pair {
	int		 same;
	const char	*what;
	const char	*ta, *sa;	/* title, summary (may be NULL) */
	const char	*tb, *sb;
};

static const struct pair pairs[] = {
	/* Same story, re-published or aggregated. */
	{ 1, "curly quotes, Reuters suffix",
	  "Fed\xe2\x80\x99s Powell says \xe2\x80\x98no rush\xe2\x80\x99 to cut rates as inflation lingers",
	  "Federal Reserve Chair Jerome Powell said on Wednesday the central bank is in no rush to lower borrowing costs while inflation stays above its 2% target.",
	  "Fed's Powell says 'no rush' to cut rates as inflation lingers - Reuters",
	  "Federal Reserve Chair Jerome Powell said on Wednesday that the central bank is in \xe2\x80\x9cno rush\xe2\x80\x9d to lower borrowing costs while inflation stays above its 2% target." },
	{ 1, "title case, pipe suffix, summary is title + source",
	  "Wildfire Forces Thousands To Evacuate Near Los Angeles",
	  "Wildfire Forces Thousands To Evacuate Near Los Angeles",
	  "Wildfire forces thousands to evacuate near Los Angeles | The Guardian",
	  "Wildfire forces thousands to evacuate near Los Angeles. The Guardian" },
	{ 1, "ellipsis styles",
	  "Apple unveils iPhone 16 with camera button\xe2\x80\xa6 and a bet on AI",
	  "Apple on Monday showed off its iPhone 16 lineup, adding a dedicated camera button and betting that Apple Intelligence features will spur upgrades.",
	  "Apple unveils iPhone 16 with camera button... and a bet on AI",
	  "Apple on Monday showed off its iPhone 16 line-up, adding a dedicated camera button and betting that \"Apple Intelligence\" features will spur upgrades\xe2\x80\xa6" },
	{ 1, "Reuters UPDATE prefix",
	  "UPDATE 2-Oil prices climb after OPEC+ extends output cuts",
	  "Oil prices rose more than 1% on Monday after OPEC+ agreed to extend its voluntary output cuts into the second quarter, tightening supply.",
	  "Oil prices climb after OPEC+ extends output cuts",
	  "Oil prices rose more than 1% on Monday after OPEC+ agreed to extend voluntary output cuts into the second quarter." },
	{ 1, "one extra word, no summaries",
	  "Boeing CEO to step down amid safety crisis", NULL,
	  "Boeing CEO to step down amid deepening safety crisis", NULL },
	{ 1, "double curly quotes, em dash suffix",
	  "\xe2\x80\x9cWe will rebuild\xe2\x80\x9d: Lahaina residents return to burned town \xe2\x80\x94 AP News",
	  "Residents of Lahaina were allowed back into the burned town on Monday for the first time since the August wildfire destroyed more than 2,000 buildings.",
	  "\"We will rebuild\": Lahaina residents return to burned town",
	  "Residents of Lahaina were allowed back into the burned town Monday for the first time since the August wildfire destroyed more than 2000 buildings." },
	{ 1, "colon vs comma, hyphen vs en dash in score",
	  "Spain wins Women's World Cup: Carmona goal beats England 1-0",
	  "Olga Carmona's first-half strike gave Spain a 1-0 win over England in Sydney and the country's first Women's World Cup title.",
	  "Spain wins Women\xe2\x80\x99s World Cup, Carmona goal beats England 1\xe2\x80\x93" "0", NULL },
	{ 1, "Greek capitals without tonos, :: suffix",
	  "\xce\xa3\xce\x95\xce\x99\xce\xa3\xce\x9c\xce\x9f\xce\xa3 5,2 \xce\xa1\xce\x99\xce\xa7\xce\xa4\xce\x95\xce\xa1 \xce\x91\xce\x9d\xce\x9f\xce\x99\xce\xa7\xce\xa4\xce\x91 \xce\xa4\xce\x97\xce\xa3 \xce\x9a\xce\xa1\xce\x97\xce\xa4\xce\x97\xce\xa3", NULL,
	  "\xce\xa3\xce\xb5\xce\xb9\xcf\x83\xce\xbc\xcf\x8c\xcf\x82 5,2 \xce\xa1\xce\xaf\xcf\x87\xcf\x84\xce\xb5\xcf\x81 \xce\xb1\xce\xbd\xce\xbf\xce\xb9\xcf\x87\xcf\x84\xce\xac \xcf\x84\xce\xb7\xcf\x82 \xce\x9a\xcf\x81\xce\xae\xcf\x84\xce\xb7\xcf\x82 :: \xce\x9a\xce\xb1\xce\xb8\xce\xb7\xce\xbc\xce\xb5\xcf\x81\xce\xb9\xce\xbd\xce\xae", NULL },
	{ 1, "French accents dropped by wire copy, en dash suffix",
	  "\xc3\x89lections europ\xc3\xa9" "ennes : le RN arrive en t\xc3\xaate en France",
	  "Le Rassemblement national arrive largement en t\xc3\xaate des \xc3\xa9lections europ\xc3\xa9" "ennes en France, devant la liste de la majorit\xc3\xa9 pr\xc3\xa9sidentielle, selon les premi\xc3\xa8res estimations.",
	  "ELECTIONS EUROPEENNES: LE RN ARRIVE EN TETE EN FRANCE \xe2\x80\x93 Le Monde",
	  "Le Rassemblement national arrive largement en tete des elections europeennes en France, devant la liste de la majorite presidentielle, selon les premieres estimations." },
	{ 1, "four-word source suffix, summary ends in source",
	  "Microsoft to buy Activision Blizzard for $68.7 billion",
	  "Microsoft said on Tuesday it would acquire Activision Blizzard in an all-cash deal valued at $68.7 billion, its biggest acquisition ever.",
	  "Microsoft to buy Activision Blizzard for $68.7 billion - The Wall Street Journal",
	  "Microsoft said Tuesday it would acquire Activision Blizzard in an all-cash deal valued at $68.7 billion, its biggest acquisition ever. The Wall Street Journal" },
	{ 1, "Cyrillic capitals, guillemets vs straight quotes, pipe suffix",
	  "\xd0\x92 \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb5 \xd0\xbe\xd1\x82\xd0\xba\xd1\x80\xd1\x8b\xd0\xbb\xd0\xb0\xd1\x81\xd1\x8c \xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x8f \xd1\x81\xd1\x82\xd0\xb0\xd0\xbd\xd1\x86\xd0\xb8\xd1\x8f \xd0\xbc\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe \xc2\xab\xd0\xa0\xd0\xb8\xd0\xb6\xd1\x81\xd0\xba\xd0\xb0\xd1\x8f\xc2\xbb", NULL,
	  "\xd0\x92 \xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x95 \xd0\x9e\xd0\xa2\xd0\x9a\xd0\xa0\xd0\xab\xd0\x9b\xd0\x90\xd0\xa1\xd0\xac \xd0\x9d\xd0\x9e\xd0\x92\xd0\x90\xd0\xaf \xd0\xa1\xd0\xa2\xd0\x90\xd0\x9d\xd0\xa6\xd0\x98\xd0\xaf \xd0\x9c\xd0\x95\xd0\xa2\xd0\xa0\xd0\x9e \"\xd0\xa0\xd0\x98\xd0\x96\xd0\xa1\xd0\x9a\xd0\x90\xd0\xaf\" | \xd0\xa0\xd0\x98\xd0\x90 \xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8", NULL },
	{ 1, "BREAKING prefix, curly apostrophe",
	  "BREAKING: Supreme Court strikes down Biden\xe2\x80\x99s student loan forgiveness plan",
	  "The Supreme Court on Friday struck down President Joe Biden's plan to cancel up to $400 billion in student loan debt, ruling 6-3 that the administration overstepped its authority.",
	  "Supreme Court strikes down Biden's student loan forgiveness plan",
	  "The Supreme Court on Friday struck down President Joe Biden\xe2\x80\x99s plan to cancel up to $400 billion in student loan debt, ruling 6-3 that his administration overstepped its authority." },
	{ 1, "truncated summary, dotted source suffix",
	  "NASA's Artemis II crew will fly around the Moon in 2025",
	  "NASA named the four astronauts who will fly around the Moon on Artemis II, the first crewed lunar mission in more than 50 years, including the first woman assigned to a lunar mission.",
	  "NASA\xe2\x80\x99s Artemis II crew will fly around the moon in 2025 :: Space.com",
	  "NASA named the four astronauts who will fly around the Moon on Artemis II, the first crewed lunar mission in more than 50 years\xe2\x80\xa6" },
	{ 1, "headline rewritten by the partner (hard)",
	  "Tesla recalls 2 million vehicles over Autopilot safety concerns",
	  "Tesla is recalling more than 2 million vehicles in the United States to install new safeguards in its Autopilot driver-assistance system, the top U.S. auto safety regulator said on Wednesday.",
	  "Tesla recalls more than 2 million cars to fix Autopilot",
	  "Tesla is recalling more than 2 million vehicles in the U.S. to install new safeguards in its Autopilot driver-assistance system, the top US auto safety regulator said Wednesday." },
	{ 1, "headline rewritten, no summaries (expected miss)",
	  "Tesla recalls 2 million vehicles over Autopilot safety concerns", NULL,
	  "Tesla recalls more than 2 million cars to fix Autopilot", NULL },

	/* Same topic, names and places; a different story. */
	{ 0, "fire vs arrest (Oakland warehouse)",
	  "Fire destroys warehouse in Oakland",
	  "A three-alarm fire tore through a vacant warehouse in West Oakland early Sunday, sending smoke across the bay; no injuries were reported.",
	  "Oakland warehouse fire: owner arrested",
	  "Police arrested the owner of the West Oakland warehouse that burned on Sunday, saying he had ignored repeated fire code violations." },
	{ 0, "rate hike vs hold",
	  "Fed raises interest rates by a quarter point", NULL,
	  "Fed holds interest rates steady, signals cuts later this year", NULL },
	{ 0, "launch vs sales slump",
	  "Apple unveils iPhone 16 with new camera button", NULL,
	  "Apple iPhone 16 sales slump in China", NULL },
	{ 0, "CEO leaves vs successor named",
	  "Boeing CEO to step down amid safety crisis",
	  "Boeing chief executive Dave Calhoun will leave at the end of the year as the planemaker grapples with a safety crisis after a door panel blew off a 737 MAX in mid-air.",
	  "Boeing names new CEO to lead safety overhaul",
	  "Boeing named industry veteran Kelly Ortberg as its new chief executive on Thursday, tasking him with fixing the planemaker's safety culture and ending a costly strike." },
	{ 0, "daily live blog, identical titles",
	  "Russia-Ukraine war: live updates",
	  "Ukrainian drones struck an oil refinery in southern Russia overnight, officials said, as Kyiv pressed allies for more air defence systems.",
	  "Russia-Ukraine war: live updates",
	  "Russian missiles hit energy infrastructure in Kharkiv on Tuesday, leaving hundreds of thousands without power, Ukraine's president said." },
	{ 0, "OPEC+ cuts: prices up vs prices down",
	  "Oil prices climb after OPEC+ extends output cuts", NULL,
	  "Oil prices fall as OPEC+ output cuts fail to lift demand", NULL },
	{ 0, "World Cup win vs federation scandal",
	  "Spain beats England to win Women's World Cup", NULL,
	  "Spain football chief Rubiales suspended after Women's World Cup kiss", NULL },
	{ 0, "two earthquakes off Crete, only the magnitude differs",
	  "Magnitude 6.1 earthquake strikes off Crete", NULL,
	  "Magnitude 4.8 earthquake strikes off Crete", NULL },
	{ 0, "two Lakers-Celtics games",
	  "Lakers beat Celtics 114-105 behind LeBron James' 30 points", NULL,
	  "Lakers beat Celtics 121-118 in overtime", NULL },
	{ 0, "ruling vs agreeing to hear",
	  "Supreme Court strikes down Biden's student loan forgiveness plan", NULL,
	  "Supreme Court agrees to hear Biden student loan forgiveness case", NULL },
	{ 0, "crew named vs mission delayed",
	  "NASA's Artemis II crew will fly around the Moon in 2025", NULL,
	  "NASA delays Artemis II crewed Moon mission to 2026", NULL },
	{ 0, "deal announced vs deal blocked",
	  "Microsoft to buy Activision Blizzard for $68.7 billion", NULL,
	  "UK regulator blocks Microsoft's $68.7 billion Activision deal", NULL },
	{ 0, "residents return vs lawsuit",
	  "Lahaina residents return to burned town",
	  "Residents of Lahaina were allowed back into the burned town on Monday for the first time since the August wildfire.",
	  "Lahaina residents sue Hawaiian Electric over wildfire",
	  "A group of Lahaina residents filed suit against Hawaiian Electric on Thursday, alleging downed power lines sparked the wildfire that destroyed the town." },
	{ 0, "same template, opposite market moves on different days",
	  "Stocks rise as Fed holds rates steady",
	  "Wall Street closed higher on Wednesday after the Federal Reserve left interest rates unchanged and Chair Jerome Powell said cuts could come this year.",
	  "Stocks fall as Fed holds rates steady",
	  "U.S. stocks slipped on Thursday as investors worried the Federal Reserve would keep rates high for longer after a hot inflation report." },
	{ 0, "two recalls by the same maker",
	  "Tesla recalls 2 million vehicles over Autopilot safety concerns", NULL,
	  "Tesla recalls 120,000 vehicles over door latch safety concerns", NULL },
	{ 0, "reversal: one word of negation",
	  "Biden says he will not debate Trump", NULL,
	  "Biden says he will debate Trump", NULL },
	{ 0, "evacuation vs containment",
	  "Wildfire forces thousands to evacuate near Los Angeles", NULL,
	  "Wildfire near Los Angeles 50% contained as evacuation orders lifted", NULL },
};

/* Normalisation */

static void
title_is(const char *in, const char *want, const char *what)
{
	char *got = sim_normalize_title(in);

	is_str(got, want, what);
	free(got);
}

static void
text_is(const char *in, const char *want, const char *what)
{
	char *got = sim_normalize_text(in);

	is_str(got, want, what);
	free(got);
}

static void
test_folding(void)
{
	title_is("Hello,   World!", "hello world", "ASCII case, punctuation");
	title_is("\t  a\xc2\xa0" "b \n c\xe3\x80\x80" "d  ", "a b c d",
	    "tab, NBSP, newline, ideographic space collapsed and trimmed");
	title_is("\xc3\x80\xc3\x89\xc3\x8e\xc3\x95\xc3\x9c\xc3\x87 \xc3\x9f",
	    "\xc3\xa0\xc3\xa9\xc3\xae\xc3\xb5\xc3\xbc\xc3\xa7 \xc3\x9f",
	    "Latin-1 lower-cased, diacritics kept");
	title_is("\xc5\x81\xc3\x93" "D\xc5\xb9 \xc4\xb0STANBUL \xc5\x92UVRE",
	    "\xc5\x82\xc3\xb3" "d\xc5\xba istanbul \xc5\x93uvre",
	    "Latin Extended-A: \xc5\x81 \xc5\xb9 \xc4\xb0 \xc5\x92");
	title_is("\xc8\x98TIRI \xe1\xba\xa0I",
	    "\xc8\x99tiri \xe1\xba\xa1i", "Extended-B and Additional");
	title_is("\xce\x91\xce\x98\xce\x97\xce\x9d\xce\x91 \xce\x8c\xce\xbb\xce\xbf\xcf\x82",
	    "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1 \xcf\x8c\xce\xbb\xce\xbf\xcf\x83",
	    "Greek capitals, tonos, final sigma");
	title_is("\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90 \xd0\x81\xd0\x96 \xd0\x87\xd0\x96\xd0\x90\xd0\x9a",
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 \xd1\x91\xd0\xb6 \xd1\x97\xd0\xb6\xd0\xb0\xd0\xba",
	    "Cyrillic, Russian and Ukrainian");
	title_is("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe5\x9c\xb0\xe9\x9c\x87\xe3\x80\x82 "
	    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd5\x80\xd5\xa1\xd5\xb5",
	    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe5\x9c\xb0\xe9\x9c\x87 "
	    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd5\x80\xd5\xa1\xd5\xb5",
	    "Han, Hebrew, Armenian unchanged; CJK full stop dropped");
	title_is("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\x91\xef\xbc\x81", "ab1",
	    "fullwidth ASCII read as ASCII");
}

static void
test_quotes(void)
{
	title_is("Biden\xe2\x80\x99s \xe2\x80\x98plan\xe2\x80\x99 "
	    "\xe2\x80\x9c" "fails\xe2\x80\x9d \xe2\x80\x9e" "heute\xe2\x80\x9c "
	    "\xc2\xab" "ceci\xc2\xbb `x\xc2\xb4 6\xe2\x80\xb2" "5 "
	    "it\xca\xbc" "s \"ok\" 'no'",
	    "bidens plan fails heute ceci x 65 its ok no",
	    "quotes of all styles; apostrophes join their word");
	title_is("Biden's plan", "bidens plan", "straight apostrophe");
}

static void
test_dashes(void)
{
	text_is("well-known \xe2\x80\x93 en \xe2\x80\x94 em \xe2\x80\x92 fig "
	    "\xe2\x88\x92 minus 1\xe2\x80\x93" "0", "well known en em fig minus 1 0",
	    "dashes break words");
	title_is("Oil prices climb \xe2\x88\x92 Reuters", "oil prices climb",
	    "any dash may start a suffix");
	title_is("Wait\xe2\x80\xa6 what... no.", "wait what no",
	    "ellipses dropped");
	title_is("U.S. GDP grew 3.5% to $5,000.", "us gdp grew 35 to 5000",
	    "dots in abbreviations and numbers, thousands separators");
	title_is("a,b 1, 2 x.y. end", "a b 1 2 xy end",
	    "comma between letters, dot at word end");
	title_is("soft\xc2\xadhyphen zero\xe2\x80\x8bwidth", "softhyphen zerowidth",
	    "invisible characters dropped");
	title_is("bad \xff\xfe bytes \xc3 here \xed\xa0\x80 x",
	    "bad bytes here x", "invalid UTF-8 is a word break");
	title_is("Live \xf0\x9f\x94\xb4 now \xe2\x84\xa2", "live now",
	    "emoji and symbols dropped");
}

static void
test_suffix(void)
{
	title_is("Oil prices climb after OPEC deal - Reuters",
	    "oil prices climb after opec deal", "\" - Source\"");
	title_is("Oil prices climb \xe2\x80\x93 Financial Times",
	    "oil prices climb", "\" \xe2\x80\x93 Source\"");
	title_is("Oil prices climb \xe2\x80\x94 AP News",
	    "oil prices climb", "\" \xe2\x80\x94 Source\"");
	title_is("Oil prices climb | The Guardian", "oil prices climb",
	    "\" | Source\"");
	title_is("Oil prices climb :: Space.com", "oil prices climb",
	    "\" :: Source\"");
	title_is("Oil prices climb | Business | The Guardian",
	    "oil prices climb business", "only the last suffix");
	title_is("Oil prices climb - The Wall Street Journal Europe",
	    "oil prices climb", "five-word source");
	title_is("Oil prices climb - says one analyst in London today",
	    "oil prices climb says one analyst in london today",
	    "six words after the dash: no suffix");
	title_is("Oil climbs - Reuters", "oil climbs reuters",
	    "suffix kept when fewer than 3 words would be left");
	title_is("Oil prices climb - Reuters -", "oil prices climb",
	    "trailing dash ignored");
	title_is("Oil prices climb-Reuters", "oil prices climb reuters",
	    "unspaced hyphen is no suffix");
	title_is("Oil prices climb\xc2\xa0\xe2\x80\x93\xc2\xa0" "BBC",
	    "oil prices climb", "NBSP around the dash");
	text_is("Oil prices climb - Reuters", "oil prices climb reuters",
	    "summaries keep their tail");
	title_is("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe5\x9c\xb0\xe9\x9c\x87 - "
	    "\xe5\x85\xb1\xe5\x90\x8c\xe9\x80\x9a\xe4\xbf\xa1",
	    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe5\x9c\xb0\xe9\x9c\x87",
	    "Han characters count as words for the suffix rule");
}

static void
test_prefix(void)
{
	title_is("UPDATE 2-Oil prices climb after OPEC deal",
	    "oil prices climb after opec deal", "Reuters UPDATE 2-");
	title_is("BREAKING: Oil prices climb", "oil prices climb",
	    "BREAKING:");
	title_is("Breaking News \xe2\x80\x94 Oil prices climb",
	    "oil prices climb", "Breaking News \xe2\x80\x94");
	title_is("Updated: Oil prices climb", "oil prices climb",
	    "Updated:");
	title_is("Breaking: Fire", "breaking fire",
	    "prefix kept when fewer than 3 words would be left");
	title_is("Updates to the tax code", "updates to the tax code",
	    "no prefix inside a word");
	text_is("BREAKING: Oil prices climb", "breaking oil prices climb",
	    "summaries keep their prefix");
}

static void
test_edges(void)
{
	title_is(NULL, "", "NULL title is empty");
	title_is("", "", "empty title");
	title_is(" -- !!! ", "", "punctuation only");
	text_is(NULL, "", "NULL text is empty");
}

/* Signatures */

static uint64_t
hash_of(const char *title)
{
	char *n = sim_normalize_title(title);
	uint64_t h = sim_hash(n);

	free(n);
	return h;
}

static void
test_hash(void)
{
	uint64_t a, b;

	is_int(sim_hash(""), 0, "empty input hashes to 0");
	is_int(sim_hash(NULL), 0, "NULL hashes to 0");
	ok(sim_hash("the") != 0, "a lone stopword still hashes");
	a = hash_of("Fed\xe2\x80\x99s Powell says \xe2\x80\x98no rush\xe2\x80\x99");
	b = hash_of("FED'S POWELL SAYS \"NO RUSH\" - Reuters");
	is_int(sim_distance(a, b), 0, "formatting variants hash alike");
	a = hash_of("\xc3\x89lections europ\xc3\xa9" "ennes en France");
	b = hash_of("ELECTIONS EUROPEENNES EN FRANCE");
	is_int(sim_distance(a, b), 0, "diacritics ignored by the hash");
	ok(sim_hash("e\xcc\x81t\xc3\xa9") == sim_hash("\xc3\xa9t\xc3\xa9"),
	    "combining marks ignored by the hash (NFD = NFC)");
	a = sim_hash("the fed raises rates");
	b = sim_hash("fed raises rates");
	ok(a != b, "stopwords still count in bigrams");
	a = hash_of("Magnitude 6 earthquake strikes off Crete");
	b = hash_of("Lakers beat Celtics in overtime thriller");
	ok(sim_distance(a, b) > 16, "unrelated titles far apart");
	is_int(sim_distance(0, ~0ULL), 64, "distance of complements");
	is_int(sim_distance(0x8000000000000001ULL, 0), 2, "distance");
}

static void
test_tokens(void)
{
	is_int(sim_tokens(""), 0, "no tokens");
	is_int(sim_tokens(NULL), 0, "NULL: no tokens");
	is_int(sim_tokens("oil prices climb"), 3, "three tokens");
	is_int(sim_tokens(" a  b "), 2, "extra spaces");
	is_int(sim_tokens("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7 abc"), 4,
	    "each Han or kana character is a token");
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static int
share_band(uint64_t a, uint64_t b)
{
	int i, j;

	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			if (sim_band(a, i) == sim_band(b, j))
				return 1;
	return 0;
}

static void
test_bands(void)
{
	uint64_t s = 88172645463325252ULL, h, g;
	int i, k, bad = 0, cross = 0;

	is_int(sim_band(0x1234567890abcdefULL, 0), 0x0cdef, "band 0");
	is_int(sim_band(0x1234567890abcdefULL, 3), 0x31234, "band 3");
	ok(sim_band(0, 0) != sim_band(0, 1), "equal bits, other band");
	for (i = 0; i < 10000; i++) {
		h = g = rnd(&s);
		for (k = 0; k < 3; k++)
			g ^= 1ULL << (rnd(&s) & 63);
		if (!share_band(h, g))
			bad++;
		for (k = 1; k < 4; k++)
			if (sim_band(h, 0) == sim_band(g, k))
				cross++;
	}
	is_int(bad, 0, "distance <= 3 always shares a band key");
	is_int(cross, 0, "keys of different bands never collide");
}

static void
test_jaccard(void)
{
	ok(sim_jaccard("a b c", "a b d") == 0.5, "jaccard 2/4");
	ok(sim_jaccard("a b c", "c b a") == 1.0, "order ignored");
	ok(sim_jaccard("a a b", "a b b") == 1.0, "sets, not bags");
	ok(sim_jaccard("", "") == 0.0, "empty: no evidence");
	ok(sim_jaccard(NULL, "a") == 0.0, "NULL");
	ok(sim_jaccard("caf\xc3\xa9 ol\xc3\xa9", "cafe ole") == 1.0,
	    "diacritics ignored");
	ok(sim_jaccard("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe5\x9c\xb0\xe9\x9c\x87",
	    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe5\xa4\xa7\xe5\x9c\xb0\xe9\x9c\x87") == 5.0 / 6,
	    "Han text compared character by character");
}

/* Long input: word sets past the on-stack size, hashing at length. */
static void
test_long(void)
{
	static const char unit[] = "Ab, C\xe2\x80\x99" "d. ";
	size_t i, k = sizeof(unit) - 1, n = 20000 * k;
	char *s = malloc(n + 1), *t;

	if (s == NULL)
		abort();
	for (i = 0; i < n; i++)
		s[i] = unit[i % k];
	s[n] = '\0';
	t = sim_normalize_text(s);
	ok(t != NULL && strncmp(t, "ab cd ab cd ", 12) == 0,
	    "long text normalises");
	is_int(sim_tokens(t), 40000, "long text tokens");
	ok(sim_jaccard(t, t) == 1.0, "long text jaccard");
	ok(sim_hash(t) != 0, "long text hash");
	free(t);
	free(s);
}

/* Decision */

static int
same_raw(const char *ta, const char *sa, const char *tb, const char *sb)
{
	char *nta = sim_normalize_title(ta), *ntb = sim_normalize_title(tb);
	char *nsa = sa != NULL ? sim_normalize_text(sa) : NULL;
	char *nsb = sb != NULL ? sim_normalize_text(sb) : NULL;
	int r;

	if (nta == NULL || ntb == NULL || (sa != NULL && nsa == NULL) ||
	    (sb != NULL && nsb == NULL))
		abort();
	r = sim_same_story(nta, nsa, ntb, nsb);
	free(nta);
	free(ntb);
	free(nsa);
	free(nsb);
	return r;
}

static void
test_decision(void)
{
	ok(same_raw("Oil prices climb after OPEC deal", NULL,
	    "Oil prices climb after OPEC deal - Reuters", NULL),
	    "title alone: equal after normalisation");
	ok(!same_raw("Oil climbs", NULL, "Oil climbs", NULL),
	    "title alone: too short to tell");
	ok(!same_raw(NULL, NULL, "x y z", NULL), "NULL title");
	ok(!same_raw("Magnitude 6.1 earthquake strikes off the coast of Crete, "
	    "no damage reported", NULL, "Magnitude 4.8 earthquake strikes off "
	    "the coast of Crete, no damage reported", NULL),
	    "titles with different numbers: different events");
	ok(same_raw("Magnitude 6.1 earthquake strikes off the coast of Crete",
	    NULL, "Magnitude 6.1 earthquake strikes off the coast of Crete "
	    "in 2024", NULL), "a number on one side only is no conflict");
	ok(!same_raw("Oil prices climb after OPEC deal",
	    "Crude futures rose 2% on Monday after producers agreed to extend "
	    "their output cuts into next quarter.",
	    "Oil prices climb after OPEC deal",
	    "Brent gained for a third day on Thursday as traders bet on "
	    "tighter supply and a weaker dollar in Asian trading."),
	    "equal titles, different real summaries");
	ok(same_raw("Oil prices climb after OPEC deal",
	    "Oil prices climb after OPEC deal - Reuters",
	    "Oil prices climb after OPEC deal",
	    "Brent gained for a third day on Thursday as traders bet on "
	    "tighter supply and a weaker dollar in Asian trading."),
	    "summary that repeats the title is no evidence");
	ok(sim_titles_may_match("oil prices climb after opec deal",
	    "oil prices climb after opec deal reuters"), "may match: one word "
	    "added");
	ok(sim_titles_may_match("oil prices climb after opec deal",
	    "oil prices rise after opec agreement"), "may match: a rewrite "
	    "that summaries could confirm");
	ok(!sim_titles_may_match("oil prices climb after opec deal",
	    "library extends its opening hours"), "ruled out: no word shared");
	ok(!sim_titles_may_match("magnitude 61 earthquake strikes crete",
	    "magnitude 48 earthquake strikes crete"), "ruled out: numbers "
	    "conflict");
	ok(!sim_titles_may_match(NULL, "x y z"), "ruled out: no title");
}

static void
show_pair(size_t i, const struct pair *p, const char *ta, const char *sa,
    const char *tb, const char *sb, int got)
{
	printf("# %2zu %c%c jt=%.2f dt=%2d", i + 1, p->same ? 'S' : 'D',
	    got == p->same ? ' ' : '!', sim_jaccard(ta, tb),
	    sim_distance(sim_hash(ta), sim_hash(tb)));
	if (sa != NULL && sb != NULL)
		printf(" sj=%.2f sd=%2d", sim_jaccard(sa, sb),
		    sim_distance(sim_hash(sa), sim_hash(sb)));
	else
		printf("              ");
	printf("  %s\n", p->what);
}

static void
test_fixtures(void)
{
	const struct pair *p;
	char *ta, *tb, *sa, *sb;
	int got, tp = 0, fp = 0, fn = 0, tn = 0, band = 0, nsame = 0;
	int may, lost = 0, spared = 0;
	double precision, recall;
	size_t i;

	printf("# pair, S same/D different story (! when misjudged), title "
	    "jaccard, title SimHash distance, summary jaccard/distance\n");
	for (i = 0; i < nitems(pairs); i++) {
		p = &pairs[i];
		ta = sim_normalize_title(p->ta);
		tb = sim_normalize_title(p->tb);
		sa = p->sa != NULL ? sim_normalize_text(p->sa) : NULL;
		sb = p->sb != NULL ? sim_normalize_text(p->sb) : NULL;
		got = sim_same_story(ta, sa, tb, sb);
		may = sim_titles_may_match(ta, tb);
		lost += got && !may;
		spared += !may;
		show_pair(i, p, ta, sa, tb, sb, got);
		if (!p->same)
			ok(!got, p->what);	/* every merge is a failure */
		else {
			nsame++;
			band += share_band(sim_hash(ta), sim_hash(tb));
		}
		tp += got && p->same;
		fp += got && !p->same;
		fn += !got && p->same;
		tn += !got && !p->same;
		free(ta);
		free(tb);
		free(sa);
		free(sb);
	}
	precision = tp + fp > 0 ? (double)tp / (tp + fp) : 1;
	recall = (double)tp / (tp + fn);
	printf("# %zu pairs: %d same-story, %d different; tp %d fp %d fn %d "
	    "tn %d\n", nitems(pairs), tp + fn, fp + tn, tp, fp, fn, tn);
	printf("# precision %.1f%%, recall %.1f%%\n", 100 * precision,
	    100 * recall);
	printf("# same-story pairs whose title hashes share a band key: "
	    "%d/%d\n", band, nsame);
	ok(nitems(pairs) >= 25 && tp + fn >= 12 && fp + tn >= 13,
	    "fixture set size");
	printf("# pairs ruled out by their titles alone: %d\n", spared);
	is_int(lost, 0, "sim_titles_may_match() rules out no pair that "
	    "sim_same_story() merges");
	ok(fp == 0, "precision 100%");
	ok(recall >= 0.9, "recall >= 90%");
}

/* Timing */

static volatile uint64_t bench_sink;	/* keeps the work from being elided */

static void
bench(void)
{
	static const char *const titles[] = {
		"Fed\xe2\x80\x99s Powell says \xe2\x80\x98no rush\xe2\x80\x99 to cut rates as inflation lingers - Reuters",
		"Wildfire forces thousands to evacuate near Los Angeles | The Guardian",
		"UPDATE 2-Oil prices climb after OPEC+ extends output cuts into 2025",
		("\xc3\x89lections europ\xc3\xa9" "ennes : le RN arrive en t\xc3\xaate en France \xe2\x80\x93 Le Monde"),
	};
	struct timespec t0, t1;
	size_t i, n = 400000, bytes = 0;
	char *s;
	double ns;

	for (i = 0; i < nitems(titles); i++)
		bytes += strlen(titles[i]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		if ((s = sim_normalize_title(titles[i % nitems(titles)])) == NULL)
			abort();
		bench_sink += sim_hash(s);
		free(s);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n;
	printf("# bench: %.0f ns per sim_normalize_title + sim_hash "
	    "(titles of %zu bytes on average)\n", ns, bytes / nitems(titles));
}

int
main(void)
{
	test_folding();
	test_quotes();
	test_dashes();
	test_suffix();
	test_prefix();
	test_edges();
	test_hash();
	test_tokens();
	test_bands();
	test_jaccard();
	test_long();
	test_decision();
	test_fixtures();
	if (getenv("SIM_BENCH") != NULL)
		bench();
	return tap_done();
}
