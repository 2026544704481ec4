#!/bin/sh
# Feeds on IDN hosts: feedd runs in the "C" locale, where libcurl 7.88
# cannot look up a non-ASCII name ("URL using bad/illegal format"), so a
# feed is kept, and fetched, under the punycode name.  curl resolves
# *.localhost to the loopback address itself, so no DNS is needed.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

httpd_start
routes '{
  "/f.xml": {"body": rss(2, "f")},
  "/g.xml": {"body": rss(2, "g")},
  "/h.xml": {"body": rss(2, "h")}
}'
U=http://bücher.localhost:$PORT
P=http://xn--bcher-kva.localhost:$PORT
export U P
LC_ALL=C feedd_start

cli '{"cmd":"add","url":"'"$U"'/f.xml"}'
ok "add with the Unicode host" check 'r["added"]'
ok "its first poll reaches the server" wait_nreq /f.xml 1
cli -t 15 '{"cmd":"refresh","feeds":["'"$U"'/f.xml"],"wait":true}'
ok "found by the Unicode spelling; the poll succeeds" check \
    'r["failed"] == 0 and r["fetched"] + r["not_modified"] == 1'
cli -t 15 '{"cmd":"refresh","feeds":["'"$P"'/f.xml"],"wait":true}'
ok "found by the punycode spelling too" check 'r["failed"] == 0'
cli '{"cmd":"feeds"}'
ok "kept under the punycode host, items stored, no error" check \
    '[(f["url"], f["items"], f["error"]) for f in r["feeds"]] ==
     [(os.environ["P"] + "/f.xml", 2, None)]'
cli '{"cmd":"add","url":"'"$P"'/f.xml"}'
cli '{"cmd":"feeds"}'
ok "adding the punycode spelling is no second feed" check \
    'len(r["feeds"]) == 1'

# A database from before: feeds stored under the Unicode host.  One takes
# the punycode spelling at start; one whose punycode spelling another
# feed has keeps its own, and is fetched all the same.
cli '{"cmd":"add","url":"'"$P"'/g.xml"}'
cli '{"cmd":"add","url":"'"$P"'/h.xml"}'
wait_nreq /g.xml 1 && wait_nreq /h.xml 1
feedd_stop
"$PY" - "$DB" <<PYEOF || bail_out "could not edit the database"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE feeds SET url = ? WHERE url = ?",
           ("$U/f.xml", "$P/f.xml"))
db.execute("UPDATE feeds SET url = ? WHERE url = ?",
           ("$U/g.xml", "$P/h.xml"))
db.commit()
PYEOF
LC_ALL=C feedd_start
cli '{"cmd":"feeds"}'
ok "at start the old feed takes the punycode host" check \
    'sorted(f["url"] for f in r["feeds"]) == sorted([
     os.environ["P"] + "/f.xml", os.environ["P"] + "/g.xml",
     os.environ["U"] + "/g.xml"])'
n=$(nreq /g.xml)
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "every feed polled without error" check \
    'r["failed"] == 0 and r["fetched"] + r["not_modified"] == 3'
is "$(nreq /g.xml)" "$((n + 2))" "the one under the Unicode host is fetched too"
is "$(grep -c 'bad/illegal' "$T/feedd.log")" 0 \
    "no \"bad/illegal format\" in the log"

done_testing
