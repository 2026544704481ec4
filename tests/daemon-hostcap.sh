#!/bin/sh
# Politeness: [http] max_host_connections caps the requests one host sees
# at once, however many of its feeds are due; and feeds waiting for one
# of those connections do not time out meanwhile.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

N=20
export N
httpd_start
routes 'dict(("/f%d" % i, {"delay": 0.5, "body": rss(1, "f%d" % i)})
             for i in range(int(env["N"])))'
feedd_start '[http]
max_host_connections = 2'
cli "{\"cmd\":\"import\",\"feeds\":[$("$PY" -c 'import os
print(",".join("{\"url\":\"%s/f%d\"}" % (os.environ["BASE"], i)
               for i in range(int(os.environ["N"]))))')]}"
ok "$N feeds imported" check 'r["added"] == '$N
ok "first polls done" wait_polled 30
cli '{"cmd":"feeds"}'
ok "all $N read" check \
    'len(r["feeds"]) == '$N' and all(f["items"] == 1 for f in r["feeds"])'
is "$(wc -l <"$T/http.log" | tr -d ' ')" $N "one request per feed"
max=$("$PY" -c 'import json, sys
print(max(json.loads(l)["max_active"] for l in open(sys.argv[1])))' "$T/http.log")
diag "the server saw at most $max requests at once"
ok "first polls: at most 2 requests at once" test "$max" -le 2

cli -t 30 '{"cmd":"refresh","wait":true}'
ok "refresh: all $N fetched" check 'r["fetched"] + r["not_modified"] == '$N
is "$(wc -l <"$T/http.log" | tr -d ' ')" $((2 * N)) "one more request per feed"
ok "refresh: at most 2 requests at once" all_req 'e["max_active"] <= 2'

# Time spent waiting for one of the host's connections is not transfer
# time: with timeout = 3s, the last of 20 half-second requests over 2
# connections starts after 4.5 s, but each takes only 0.5 s.
feedd_stop
feedd_start '[http]
max_host_connections = 2
timeout = 3s'
cli -t 30 '{"cmd":"refresh","wait":true}'
ok "timeout 3s, queued behind the cap: all $N fetched, none failed" check \
    'r["fetched"] + r["not_modified"] == '$N' and r["failed"] == 0'
is "$(wc -l <"$T/http.log" | tr -d ' ')" $((3 * N)) \
    "timeout 3s, queued behind the cap: every feed asked"
ok "timeout 3s: at most 2 requests at once" all_req 'e["max_active"] <= 2'

done_testing
