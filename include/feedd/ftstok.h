/* The search index's tokenizer: SQLite's unicode61, except that the
 * scripts written without spaces between words (Chinese, Japanese, and
 * Korean, whose words carry particles) are split into one token per
 * character.  FTS5 reads a query word that gives several tokens as a
 * phrase, so "東京" finds "東京都の天気" without a '*'. */
#ifndef FEEDD_FTSTOK_H
#define FEEDD_FTSTOK_H

#include <sqlite3.h>

/* The name an FTS5 table gives in tokenize='...'.  Its rules must not
 * change under an index: FTS5 deletes a row by tokenizing the text it
 * had again.  Other rules need another name and a migration. */
#define FTSTOK_NAME	"feedd"

/* Registers the tokenizer with db's FTS5; SQLITE_OK or an SQLite error
 * code.  Every connection that reads or writes the index needs it. */
int	 ftstok_register(sqlite3 *db);

#endif
