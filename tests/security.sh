#!/bin/sh
# Hostile documents through `feedctl parse`: entity expansion, external
# entities (files and network), huge and deep documents.  Every run has a
# time limit and, where the build allows it, a memory limit.
. "${top_srcdir:-.}/tests/lib.sh"

S=$FIXTURES/security
T=$TEST_TMP

# ---- limits ----

MEM_KB=500000
# Sanitizer builds reserve terabytes of address space: no ulimit -v then,
# nor under valgrind, whose own memory counts too.  (Not POSIX, but dash
# and bash have it; without it the probe fails.)
# shellcheck disable=SC3045
if [ -z "${FEEDD_WRAPPER:-}" ] &&
    (ulimit -v $MEM_KB && "$FEEDCTL" --version) >/dev/null 2>&1; then
	have_ulimit=1
else
	have_ulimit=0
	diag "ulimit -v unusable with this build: time limits only"
fi
command -v timeout >/dev/null 2>&1 || bail_out "timeout(1) is needed"

# limited SECONDS COMMAND...: run with a time and memory limit, like run.
limited() {
	_secs=$1
	shift
	RC=0
	if [ "$have_ulimit" = 1 ]; then
		# shellcheck disable=SC3045
		(ulimit -v $MEM_KB && exec timeout "$(scaled "$_secs")" "$@") \
		    >"$OUT" 2>"$ERR" || RC=$?
	else
		timeout "$(scaled "$_secs")" "$@" >"$OUT" 2>"$ERR" || RC=$?
	fi
	[ "$RC" = 124 ] && diag "timed out after $_secs s: $*"
	return 0
}

# Lines of /etc/passwd, to look for in the output.
grep -v '^[[:space:]]*$' /etc/passwd >"$T/passwd-lines" 2>/dev/null ||
	printf 'root:x:0:0:\n' >"$T/passwd-lines"

no_passwd() {	# NAME: nothing of /etc/passwd in $OUT
	if grep -q -F -f "$T/passwd-lines" "$OUT" || grep -q 'root:.*:0:' "$OUT"
	then
		fail "$1: no line of /etc/passwd in the output"
	else
		pass "$1: no line of /etc/passwd in the output"
	fi
}

items_are() {	# NAME COUNT: the readable summary says COUNT items
	ok "$1: $2 items" grep -Eq "\], $2 items?(,|\$)" "$OUT"
}

# ---- entity expansion ----

limited 10 "$FEEDCTL" parse "$S/billion-laughs.xml"
is "$RC" 0 "billion laughs: exit 0 within 10 s and $MEM_KB KB"
items_are "billion laughs" 2
ok "billion laughs: the item after it" grep -q 'Still here' "$OUT"
ok "billion laughs: small output" test "$(wc -c <"$OUT")" -lt 10000
limited 10 "$FEEDCTL" parse --json "$S/billion-laughs.xml"
is "$RC" 0 "billion laughs --json: exit 0"
ok "billion laughs --json: small output" test "$(wc -c <"$OUT")" -lt 10000

# One 4000-byte entity referenced 50000 times: 200 MB if expanded.
{
	printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "'
	awk 'BEGIN { while (n++ < 4000) printf "a" }'
	printf '">]>\n<rss version="2.0"><channel><title>q</title><item><title>'
	awk 'BEGIN { while (n++ < 50000) printf "&a;" }'
	printf '</title><link>http://q.example/1</link></item></channel></rss>\n'
} >"$T/quadratic.xml"
limited 10 "$FEEDCTL" parse --json "$T/quadratic.xml"
is "$RC" 0 "quadratic blowup: exit 0 within 10 s and $MEM_KB KB"
ok "quadratic blowup: the item" grep -q 'http://q.example/1' "$OUT"
ok "quadratic blowup: output bounded (< 20 MB)" \
    test "$(wc -c <"$OUT")" -lt 20000000

# ---- external entities ----

for f in xxe-file xxe-parameter; do
	limited 10 "$FEEDCTL" parse --json "$S/$f.xml"
	is "$RC" 0 "$f: exit 0 within 10 s"
	no_passwd "$f"
	ok "$f: both items" grep -q 'http://xxe.example/1.*Still here' "$OUT"
	limited 10 "$FEEDCTL" parse "$S/$f.xml"
	no_passwd "$f (readable)"
done

# Port 9 (discard) on loopback: refused or silent, never waited for.
start=$(date +%s)
limited 10 "$FEEDCTL" parse --json "$S/xxe-http.xml"
is "$RC" 0 "xxe-http (127.0.0.1:9): exit 0 within 10 s"
ok "xxe-http: quick (under 5 s)" test $(($(date +%s) - start)) -lt 5
ok "xxe-http: both items" grep -q 'http://xxe.example/1.*Still here' "$OUT"

# A listener on a free loopback port logs every connection; the parser
# must make none.
LISTENER=
test_cleanup() {
	[ -n "$LISTENER" ] && kill "$LISTENER" 2>/dev/null
	return 0
}
if have_python; then
	: >"$T/connections.log"
	"$PYTHON3" -c '
import os, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, addr = s.accept()
    c.settimeout(1)
    try:
        data = c.recv(200)
    except OSError:
        data = b""
    with open(sys.argv[2], "a") as log:
        log.write("connection from %s: %r\n" % (addr, data))
    c.close()
' "$T/port" "$T/connections.log" &
	LISTENER=$!
	tries=0
	while [ ! -s "$T/port" ] && [ $tries -lt 20 ]; do
		sleep 1
		tries=$((tries + 1))
	done
fi
if [ -s "$T/port" ]; then
	port=$(cat "$T/port")
	url="http://127.0.0.1:$port"
	cat >"$T/xxe-listener.xml" <<EOF
<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="$url/style.xsl"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "$url/rss-0.91.dtd" [
 <!ENTITY xxe SYSTEM "$url/entity">
 <!ENTITY % pxxe SYSTEM "$url/parameter">
 %pxxe;
]>
<rss version="0.91" xmlns:xi="http://www.w3.org/2001/XInclude">
  <channel>
    <title>Listener &xxe;</title>
    <item>
      <title>Fetch &xxe; &eacute;</title>
      <link>http://xxe.example/1</link>
      <xi:include href="$url/xinclude"/>
      <enclosure url="http://xxe.example/&xxe;" type="a/b"/>
    </item>
    <item><title>Still here</title></item>
  </channel>
</rss>
EOF
	limited 10 "$FEEDCTL" parse --json "$T/xxe-listener.xml"
	is "$RC" 0 "xxe to a loopback listener: exit 0 within 10 s"
	ok "xxe to a loopback listener: both items" \
	    grep -q 'http://xxe.example/1.*Still here' "$OUT"
	limited 10 "$FEEDCTL" parse "$T/xxe-listener.xml"
	sleep 1
	if [ -s "$T/connections.log" ]; then
		fail "xxe to a loopback listener: no connection" \
		    "$(cat "$T/connections.log")"
	else
		pass "xxe to a loopback listener: no connection"
	fi
	# The listener does log connections: the test above can fail.
	"$PYTHON3" -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), 5).close()' "$port"
	tries=0
	while [ ! -s "$T/connections.log" ] && [ $tries -lt 10 ]; do
		sleep 1
		tries=$((tries + 1))
	done
	ok "the listener logs a real connection" test -s "$T/connections.log"
else
	skip "xxe to a loopback listener" "no python3 listener"
fi

# ---- size and depth ----

# One text node of 1 MiB.
{
	printf '<rss version="2.0"><channel><title>big</title><item><title>'
	head -c 1048576 /dev/zero | tr '\0' x
	printf '</title><link>http://big.example/1</link></item></channel></rss>\n'
} >"$T/big-text.xml"
limited 10 "$FEEDCTL" parse --json "$T/big-text.xml"
is "$RC" 0 "1 MiB text node: exit 0"
if have_python; then
	cp "$OUT" "$T/big.json"
	is "$(jget "$T/big.json" 'len(d["items"][0]["title"])')" 1048576 \
	    "1 MiB text node: the whole title"
fi

# One attribute value of 1 MiB.
{
	printf '<rss version="2.0"><channel><title>big</title><item><title>a</title>'
	printf '<enclosure type="a/b" url="http://big.example/'
	head -c 1048576 /dev/zero | tr '\0' y
	printf '"/></item></channel></rss>\n'
} >"$T/big-attr.xml"
limited 10 "$FEEDCTL" parse "$T/big-attr.xml"
is "$RC" 0 "1 MiB attribute value: exit 0"
items_are "1 MiB attribute value" 1

# 5000 nested elements: in an item, and inside a captured HTML field.
nest() {	# N OPEN CLOSE
	awk -v n="$1" -v o="$2" -v c="$3" 'BEGIN {
		for (i = 0; i < n; i++) printf "%s", o
		for (i = 0; i < n; i++) printf "%s", c }'
}
{
	printf '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
	printf '<channel><title>deep</title>'
	printf '<item><title>before</title><link>http://deep.example/1</link></item>'
	printf '<item><title>deep</title>'
	nest 5000 '<div>' '</div>'
	printf '</item><item><title>html</title><content:encoded>'
	nest 5000 '<b>' '</b>'
	printf '</content:encoded></item>'
	printf '<item><title>after</title></item></channel></rss>\n'
} >"$T/deep.xml"
limited 10 "$FEEDCTL" parse "$T/deep.xml"
ok "5000 nested elements: no crash (exit 0 or 1)" test "$RC" -le 1
ok "5000 nested elements: the item before them" grep -q 'before' "$OUT"

# JSON nested 100000 deep.
{
	awk 'BEGIN { while (n++ < 100000) printf "[" }'
	awk 'BEGIN { while (n++ < 100000) printf "]" }'
} >"$T/deep.json"
limited 10 "$FEEDCTL" parse "$T/deep.json"
is "$RC" 1 "JSON nested 100000 deep: not a feed, no crash"
ok "JSON nested 100000 deep: says why" grep -q 'not a feed' "$ERR"

# 100000 tiny items, streamed.
awk 'BEGIN {
	print "<rss version=\"2.0\"><channel><title>many</title>"
	for (i = 1; i <= 100000; i++)
		printf "<item><title>t%d</title><link>http://many.example/%d</link></item>\n", i, i
	print "</channel></rss>" }' >"$T/many.xml"
limited 60 "$FEEDCTL" parse "$T/many.xml"
is "$RC" 0 "100000 items: exit 0 within 60 s and $MEM_KB KB"
items_are "100000 items" 100000
ok "100000 items: the last one" grep -q '^ *100000\. t100000$' "$OUT"
limited 60 "$FEEDCTL" parse --json - <"$T/many.xml"
is "$RC" 0 "100000 items --json from stdin: exit 0"
if have_python; then
	cp "$OUT" "$T/many.json"
	is "$(jget "$T/many.json" '[len(d["items"]), d["items"][-1]["link"]]')" \
	    '[100000, "http://many.example/100000"]' "100000 items --json: all there"
fi

done_testing
