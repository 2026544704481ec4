#!/bin/sh
# feedd started with a database path it cannot create (a directory on
# the path is a regular file): it exits 1 and says so plainly, not
# "database read-only: ...: Not a directory".  POSIX sh, TAP.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

: >"$T/plain"
for db in "$T/plain/x.db" "$T/plain/sub/x.db"; do
	rc=0
	"$FEEDD" --db "$db" --socket "$T/s.sock" >"$T/out" 2>&1 || rc=$?
	is "$rc" 1 "--db ${db#"$T"/}: exit 1"
	ok "--db ${db#"$T"/}: says the database cannot be created and why" \
	    grep -q "cannot create the database there: $T/plain is a regular file, not a directory" "$T/out"
	ok "--db ${db#"$T"/}: not called read-only" sh -c "! grep -q 'read-only' '$T/out'"
	[ "$_failed" -eq 0 ] || diag "$(cat "$T/out")"
done
ok "nothing listens" test ! -S "$T/s.sock"
done_testing
