/* The search index's tokenizer: unicode61, with CJK text split into
 * characters (see ftstok.h).  A wrapper, not a tokenizer of its own:
 * case folding, diacritics and separators stay SQLite's. */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "feedd/ftstok.h"
#include "utf8.h"

typedef int (*token_fn)(void *, int, const char *, int, int, int);

/* unicode61, as FTS5 hands it out: one per connection. */
struct inner {
	fts5_tokenizer	 fn;
	void		*arg;
};

/* One per table: unicode61 twice, since a token's runs are tokenized
 * again while the whole text's call is still going on. */
struct tok {
	const struct inner *in;
	Fts5Tokenizer	*whole;
	Fts5Tokenizer	*runs;
};

struct call {
	struct tok	*t;
	void		*ctx;		/* FTS5's */
	token_fn	 emit;		/* FTS5's */
	int		 flags;
	const char	*text;		/* the whole text */
	int		 base;		/* where a run starts in it */
};

/* Scripts written without spaces between words, and Hangul, whose words
 * carry particles ("서울에서", in Seoul).  unicode61 has already dropped
 * what is punctuation or space among them. */
static int
is_cjk(unsigned cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) ||	/* radicals to ideographs */
	    (cp >= 0xA960 && cp <= 0xA97F) ||		/* Hangul jamo ext. A */
	    (cp >= 0xAC00 && cp <= 0xD7FF) ||		/* Hangul syllables */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||		/* compatibility */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF5F && cp <= 0xFFEF) ||		/* half-width kana... */
	    (cp >= 0x20000 && cp <= 0x3FFFF);		/* ideographs ext. B- */
}

/* A token of a run, at its place in the whole text. */
static int
on_run_token(void *arg, int tflags, const char *tok, int n, int start,
    int end)
{
	struct call *c = arg;

	return c->emit(c->ctx, tflags, tok, n, c->base + start, c->base + end);
}

/* Characters before a CJK one, tokenized on their own so that they are
 * folded as before. */
static int
flush_run(struct call *c, int from, int to)
{
	if (from == to)
		return SQLITE_OK;
	c->base = from;
	return c->t->in->fn.xTokenize(c->t->runs, c, c->flags, c->text + from,
	    to - from, on_run_token);
}

/* A token of the whole text: as it is, unless it holds CJK characters.
 * Those are at or above U+2E80, three bytes or more from 0xE2 on. */
static int
on_token(void *arg, int tflags, const char *tok, int n, int start, int end)
{
	struct call *c = arg;
	const unsigned char *s = (const unsigned char *)c->text;
	int i, len, run, rc, any = 0;
	unsigned cp;

	for (i = start; i < end && !any; i++)
		any = s[i] >= 0xE2;
	if (!any)
		return c->emit(c->ctx, tflags, tok, n, start, end);
	for (i = run = start; i < end; i += len) {
		/* Not UTF-8 (a query may be anything): part of the run. */
		if ((len = (int)utf8_decode(s + i, (size_t)(end - i), &cp)) == 0) {
			len = 1;
			continue;
		}
		if (!is_cjk(cp))
			continue;
		if ((rc = flush_run(c, run, i)) != SQLITE_OK)
			return rc;
		/* unicode61 folds none of these: the bytes are the token. */
		if ((rc = c->emit(c->ctx, 0, c->text + i, len, i, i + len)) !=
		    SQLITE_OK)
			return rc;
		run = i + len;
	}
	return flush_run(c, run, end);
}

static int
tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
    int n, token_fn emit)
{
	struct tok *t = (struct tok *)p;
	struct call c = { t, ctx, emit, flags, text, 0 };

	return t->in->fn.xTokenize(t->whole, &c, flags, text, n, on_token);
}

static void
tok_delete(Fts5Tokenizer *p)
{
	struct tok *t = (struct tok *)p;

	if (t == NULL)
		return;
	if (t->whole)
		t->in->fn.xDelete(t->whole);
	if (t->runs)
		t->in->fn.xDelete(t->runs);
	free(t);
}

/* tokenize='feedd ARGS...': ARGS are unicode61's. */
static int
tok_create(void *arg, const char **argv, int argc, Fts5Tokenizer **out)
{
	const struct inner *in = arg;
	struct tok *t;
	int rc;

	*out = NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return SQLITE_NOMEM;
	t->in = in;
	if ((rc = in->fn.xCreate(in->arg, argv, argc, &t->whole)) !=
	    SQLITE_OK ||
	    (rc = in->fn.xCreate(in->arg, argv, argc, &t->runs)) != SQLITE_OK) {
		tok_delete((Fts5Tokenizer *)t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

/* The documented way to reach FTS5's API from C: SELECT fts5(?) fills in
 * the pointer bound to it. */
static fts5_api *
fts5_of(sqlite3 *db)
{
	sqlite3_stmt *q;
	fts5_api *api = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &q, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(q, 1, &api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(q);
	sqlite3_finalize(q);
	return api;
}

int
ftstok_register(sqlite3 *db)
{
	fts5_tokenizer fn = { tok_create, tok_delete, tok_tokenize };
	struct inner *in;
	fts5_api *api;
	int rc;

	if ((api = fts5_of(db)) == NULL || api->iVersion < 2)
		return SQLITE_ERROR;
	if ((in = calloc(1, sizeof(*in))) == NULL)
		return SQLITE_NOMEM;
	if ((rc = api->xFindTokenizer(api, "unicode61", &in->arg, &in->fn)) !=
	    SQLITE_OK) {
		free(in);
		return rc;
	}
	/* FTS5 frees in with the connection, once it has taken it. */
	if ((rc = api->xCreateTokenizer(api, FTSTOK_NAME, in, &fn, free)) !=
	    SQLITE_OK)
		free(in);
	return rc;
}
