/* The store's in-memory story index, through its static functions: the
 * store is compiled into this test (it is not linked from libfeedd.a).
 * Entries are sealed into runs from 256 on, not 131,072, so that most
 * indexes here have runs as well as chains. */
#define SEAL_MIN	256u
#include "../src/store.c"

#include "tap.h"

/* The walk the index did before its chains were walked in step, one band
 * after the other, and before older entries were sealed into runs (here
 * found by a scan of the entries, newest first): what
 * sindex_candidates() must still return. */
static int
band_by_band(struct store *s, uint64_t hash, int64_t now, int64_t *c)
{
	struct sindex *x = &s->idx;
	uint32_t i;
	int b, n = 0, cut;

	if (x->heads == NULL)
		return 0;
	for (b = 0; b < BANDS; b++) {
		uint32_t band = sim_band(hash, b);
		cut = 0;
		for (i = x->heads[band_key(x, hash, b)]; i && n < CANDIDATES;
		    i = x->v[i - 1].next[b]) {
			struct sentry *e = &x->v[i - 1];
			if ((int64_t)e->created < now - s->window) {
				cut = 1;
				break;
			}
			if (sim_band(e->hash, b) == band &&
			    sim_distance(e->hash, hash) <= NEAR &&
			    !seen_candidate(c, n, e->story))
				c[n++] = e->story;
		}
		for (i = x->sealed; !cut && i-- > 0 && n < CANDIDATES;) {
			struct sentry *e = &x->v[i];
			if (sim_band(e->hash, b) != band)
				continue;
			if ((int64_t)e->created < now - s->window)
				break;
			if (sim_distance(e->hash, hash) <= NEAR &&
			    !seen_candidate(c, n, e->story))
				c[n++] = e->story;
		}
	}
	return n;
}

static uint64_t seed = 0x2545f4914f6cdd1dULL;

static uint64_t
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

/* hash with k random bits flipped */
static uint64_t
near(uint64_t hash, int k)
{
	while (k-- > 0)
		hash ^= 1ULL << (rnd() % 64);
	return hash;
}

static int
same_candidates(struct store *s, uint64_t q, int64_t now)
{
	int64_t a[CANDIDATES], b[CANDIDATES];
	int na = band_by_band(s, q, now, a);
	int nb = sindex_candidates(s, q, now, b);

	return na == nb && memcmp(a, b, (size_t)na * sizeof(*a)) == 0;
}

static void
add(struct store *s, int64_t story, uint64_t hash, int64_t t)
{
	s->idx_mark = s->idx.n;		/* each its own transaction */
	sindex_add(s, story, hash, t);
}

static void
index_free(struct store *s)
{
	sindex_free(&s->idx);
}

/* Indexes of clustered titles (many share bands, many are near), a clock
 * that sometimes steps back, queries at times across the window's edge. */
static void
test_same_as_band_by_band(void)
{
	struct store s;
	uint64_t base[4], h;
	int64_t t;
	int trial, i, n, differ = 0, found = 0;

	memset(&s, 0, sizeof(s));
	s.window = 1000;
	for (trial = 0; trial < 400; trial++) {
		for (i = 0; i < 4; i++)
			base[i] = rnd();
		n = 1 + (int)(rnd() % 3000);
		t = 10000;
		for (i = 0; i < n; i++) {
			h = rnd() % 3 ? near(base[rnd() % 4], (int)(rnd() % 20)) :
			    rnd();
			t += (int64_t)(rnd() % 3) - (rnd() % 7 == 0 ? 5 : 0);
			add(&s, i + 1, h, t);
		}
		for (i = 0; i < 40; i++) {
			int64_t c[CANDIDATES];
			h = near(base[rnd() % 4], (int)(rnd() % 6));
			differ += !same_candidates(&s, h, t - (int64_t)(rnd() %
			    1500));
			found += sindex_candidates(&s, h, t, c) == CANDIDATES;
		}
		index_free(&s);
	}
	is_int(differ, 0, "candidates: those of the walk band by band, in "
	    "its order (16,000 queries)");
	ok(found > 1000, "candidates: the cap of 16 is reached often");
}

/* A story twice in a chain (as a rollback after a compaction once left
 * it) takes one place among the 16, not two. */
static void
test_story_twice(void)
{
	struct store s;
	uint64_t h = 0x0123456789abcdefULL;
	int64_t c[CANDIDATES];
	int i, n;

	memset(&s, 0, sizeof(s));
	s.window = 1000;
	for (i = 1; i <= 6; i++)
		add(&s, 200 + i, h ^ (1ULL << (i + 30)), 5000);
	for (i = 1; i <= 20; i++)
		add(&s, 100 + (i - 1) % 10 + 1, h ^ (1ULL << ((i - 1) % 10 +
		    17)), 5000);
	n = sindex_candidates(&s, h, 5000, c);
	is_int(n, 16, "story twice: 16 distinct candidates");
	ok(same_candidates(&s, h, 5000), "story twice: as band by band");
	index_free(&s);
}

/* A transaction whose first story compacts the full index, then rolls
 * back: its stories leave the index. */
static void
test_rollback_after_compaction(void)
{
	struct store s;
	uint32_t i;

	memset(&s, 0, sizeof(s));
	s.window = 1000;
	for (i = 0; i < 1024; i++)
		add(&s, 1 + i, 0x1111000000000000ULL + i *
		    0x9e3779b97f4a7c15ULL, 1000);
	is_int(s.idx.n, s.idx.cap, "rollback: the index is full");
	s.idx_mark = s.idx.n;		/* a poll at t = 5000 begins */
	sindex_add(&s, 1025, 0xabcdef0123456789ULL, 5000);
	sindex_add(&s, 1026, 0xabcdef0123456788ULL, 5000);
	is_int(s.idx.n, 2, "rollback: the stories past the window dropped");
	sindex_rollback(&s);
	is_int(s.idx.n, 0, "rollback: the poll's stories are gone");
	index_free(&s);
}

/* Sealed entries: a rollback takes back only what came after, a
 * compaction that drops some seals the rest again, and the candidates
 * stay those of the walk band by band throughout. */
static void
test_sealed(void)
{
	struct store s;
	uint64_t base[8];
	uint32_t i, sealed;
	int differ = 0, q;

	memset(&s, 0, sizeof(s));
	s.window = 500;
	for (i = 0; i < 8; i++)
		base[i] = rnd();
	for (i = 0; i < 1000; i++)
		add(&s, 1 + i, near(base[i % 8], (int)(rnd() % 16)), 1000 + i);
	ok(s.idx.sealed >= SEAL_MIN && s.idx.sealed < s.idx.n,
	    "sealed: runs and chains both hold entries");
	for (q = 0; q < 200; q++)
		differ += !same_candidates(&s, near(base[q % 8],
		    (int)(rnd() % 6)), 1999 - (int64_t)(rnd() % 700));
	is_int(differ, 0, "sealed: candidates as band by band");

	sealed = s.idx.sealed;
	s.idx_mark = s.idx.n;		/* a poll begins */
	sindex_add(&s, 2001, base[0], 2000);
	sindex_add(&s, 2002, base[1], 2000);
	sindex_rollback(&s);
	is_int(s.idx.n, 1000, "sealed: a rollback takes back its stories");
	is_int(s.idx.sealed, sealed, "sealed: and no sealed entry");
	for (q = 0, differ = 0; q < 200; q++)
		differ += !same_candidates(&s, near(base[q % 8],
		    (int)(rnd() % 6)), 1999);
	is_int(differ, 0, "sealed: candidates as band by band after it");

	while (s.idx.n < s.idx.cap)
		add(&s, 1 + s.idx.n, near(base[s.idx.n % 8], 3), 2000);
	is_int(s.idx.n, 1024, "sealed: the index is full");
	/* Compacts: the 600 stories of 1000-1599 leave, 424 stay. */
	add(&s, 5000, base[2], 2100);
	is_int(s.idx.n, 425, "sealed: the stories past the window dropped");
	is_int(s.idx.sealed, 424, "sealed: the others sealed again");
	for (q = 0, differ = 0; q < 200; q++)
		differ += !same_candidates(&s, near(base[q % 8],
		    (int)(rnd() % 6)), 2100);
	is_int(differ, 0, "sealed: candidates as band by band after that");
	index_free(&s);
}

int
main(void)
{
	test_same_as_band_by_band();
	test_story_twice();
	test_rollback_after_compaction();
	test_sealed();
	return tap_done();
}
