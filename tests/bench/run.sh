#!/bin/bash
# Benchmark driver behind `make bench`: prints figures, never verdicts.
#
#	run.sh [section...]	(default: every section, in order)
#
# Run from the build directory.  top_srcdir comes from the environment or,
# failing that, from where this script lives.  Generated data is cached in
# bench-out/ under the build directory and reused while it is complete and
# made by the current generator.
#
# Each section is a function section_NAME printing "== NAME ==" and its
# figures; to add one, define the function and append NAME to SECTIONS.
#
# Knobs (environment): BENCH_FEEDS (1000), BENCH_ITEMS (50), BENCH_SEED (1),
# BENCH_OUT (./bench-out), PYTHON3; BENCH_RUNS (3: store passes, best
# kept; also the daemon's runs over the small corpus); BENCH_BIG_FEEDS
# (10000: the daemon's large corpus; 0 skips it); BENCH_BIG_RUNS
# (BENCH_RUNS: the daemon's runs over the large corpus; 0 skips it);
# BENCH_PERF (unset: set to 1 to profile feedd's first refresh of the small
# corpus with `perf record -g`, in a run of its own; "dwarf" for DWARF call
# graphs, which show inclusive time through libraries built without frame
# pointers, and a larger perf.data; "big" or "big-dwarf" for the large
# corpus instead, to see what grows faster than the feeds); NGINX (nginx).

# make runs this with $(SHELL), which may be a POSIX sh: switch to bash
# before the first bash-only line is parsed.
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi

set -euo pipefail

SECTIONS=(parse store daemon socket)

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=$PWD
out=${BENCH_OUT:-$builddir/bench-out}
feeds=${BENCH_FEEDS:-1000}
items=${BENCH_ITEMS:-50}
seed=${BENCH_SEED:-1}
python=${PYTHON3:-python3}
runs=${BENCH_RUNS:-3}
big_feeds=${BENCH_BIG_FEEDS:-10000}
big_runs=${BENCH_BIG_RUNS:-$runs}
nginx=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
bench_dir=$top_srcdir/tests/bench

die() {
	echo "run.sh: $*" >&2
	exit 1
}

case $runs$big_runs in
*[!0-9]*) die "BENCH_RUNS and BENCH_BIG_RUNS take a number" ;;
esac
[ "$runs" -ge 1 ] || die "BENCH_RUNS must be at least 1"

# need PROGRAM -> dies unless the build made it.
need() {
	[ -x "$builddir/$1" ] || die "$builddir/$1 not built (make $1)"
}

# field "LINE" KEY -> the word after KEY in a "key value key value" line.
field() {
	awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<<"$1"
}

# calc EXPR -> EXPR evaluated by awk (floating point), printed with %s.
calc() {
	awk "BEGIN { print ($*) }"
}

# best VAR LINE: sets VAR to LINE (a feedd-bench.py refresh line) when VAR
# is empty or LINE took less wall time.
best() {
	local cur=${!1}

	[ -n "$cur" ] && [ "$(calc "$(field "$2" wall) >= $(field "$cur" wall)")" = 1 ] ||
		printf -v "$1" '%s' "$2"
}

# corpus_dir [VERSION_TAG [FEEDS]] -> prints the directory holding that
# corpus, generating it first unless a complete one is cached.  The stamp
# that gen-corpus.py writes last names its arguments, so a half-written
# corpus (interrupted run) or one made with other settings is never reused;
# a newer generator, or a missing file, invalidates it too.
corpus_dir() {
	local tag=${1:-0}
	local feeds=${2:-$feeds}
	local dir=$out/corpus
	[ "$feeds" = 1000 ] || dir=$out/corpus-f$feeds
	[ "$tag" = 0 ] || dir=$dir-v$tag
	local gen=$top_srcdir/tests/bench/gen-corpus.py
	local want="feeds=$feeds items=$items seed=$seed version-tag=$tag "

	local -a have=("$dir"/feed-*.xml)

	if [ -f "$dir/.complete" ] && [ "$dir/.complete" -nt "$gen" ] &&
	    [[ $(<"$dir/.complete") == "$want"* ]] &&
	    [ "${#have[@]}" -eq "$feeds" ]; then
		echo "$dir"
		return
	fi
	rm -rf "$dir"
	"$python" "$gen" "$dir" --feeds "$feeds" --items "$items" \
	    --seed "$seed" --version-tag "$tag" >&2 ||
		die "corpus generation failed"
	echo "$dir"
}

section_parse() {
	local bench=$builddir/tests/bench/parse_bench
	local dir

	echo "== parse =="
	[ -x "$bench" ] || die "$bench not built (make tests/bench/parse_bench)"
	dir=$(corpus_dir 0)
	"$bench" "$dir"/feed-*.xml
}

# --- store ------------------------------------------------------------------

# min VAR VALUE: VAR = VALUE when VAR is empty or larger.
min() {
	if [ -z "${!1}" ] || [ "$(calc "$2 < ${!1}")" = 1 ]; then
		printf -v "$1" %s "$2"
	fi
}

# Each of BENCH_RUNS runs: store_load into a fresh database (new items) and
# again over the same files (unchanged items); store_split --parse-only,
# store_load's parse half alone; store_split DB twice, store_load's calls
# with parse and store timed apart.  The best of each figure is kept.  Then
# the bare SQLite loop over the items feedd stored.
section_store() {
	local work=$out/store dir n r l1 l2 lp s1 s2 b
	local new= unch= parse= parse_cpu= cpu_new= cpu_unch= wall_new= wall_unch=
	local -a files

	echo "== store =="
	need tests/store_load
	need tests/bench/store_split
	need tests/bench/store_bare
	dir=$(corpus_dir 0)
	files=("$dir"/feed-*.xml)
	n=$((feeds * items))
	rm -rf "$work"
	mkdir -p "$work"
	for ((r = 1; r <= runs; r++)); do
		rm -f "$work"/feedd.db "$work"/feedd.db-* "$work"/split.db "$work"/split.db-*
		l1=$("$builddir/tests/store_load" "$work/feedd.db" "${files[@]}") ||
			die "store_load failed (first pass)"
		l2=$("$builddir/tests/store_load" "$work/feedd.db" "${files[@]}") ||
			die "store_load failed (second pass)"
		lp=$("$builddir/tests/bench/store_split" --parse-only "${files[@]}") ||
			die "store_split --parse-only failed"
		s1=$("$builddir/tests/bench/store_split" "$work/split.db" "${files[@]}") ||
			die "store_split failed (first pass)"
		s2=$("$builddir/tests/bench/store_split" "$work/split.db" "${files[@]}") ||
			die "store_split failed (second pass)"
		[ "$(field "$l1" new)" = "$n" ] && [ "$(field "$s1" new)" = "$n" ] ||
			die "first pass stored too few items: $l1 / $s1"
		[ "$(field "$l2" unchanged)" = "$n" ] && [ "$(field "$s2" unchanged)" = "$n" ] ||
			die "second pass found too few unchanged items: $l2 / $s2"
		[ "$(field "$lp" items)" = "$n" ] ||
			die "store_split --parse-only parsed too few items: $lp"
		min new "$(field "$l1" seconds)"
		min unch "$(field "$l2" seconds)"
		min parse "$(field "$lp" seconds)"
		min parse_cpu "$(field "$lp" cpu)"
		min cpu_new "$(field "$s1" store_cpu)"
		min cpu_unch "$(field "$s2" store_cpu)"
		min wall_new "$(field "$s1" store_seconds)"
		min wall_unch "$(field "$s2" store_seconds)"
	done
	b=$("$builddir/tests/bench/store_bare" --runs "$runs" "$work/feedd.db" \
	    "$work/bare.db") || die "store_bare failed"
	[ "$(field "$b" items)" = "$n" ] || die "store_bare stored: $b"
	rm -f "$work"/bare.db "$work"/bare.db-* "$work"/split.db "$work"/split.db-*

	echo "store: $feeds feeds, $n items; best of $runs runs; the bare loop's schema is feedd's (read from its database): ${b##* schema }"
	awk -v n="$n" -v tn="$new" -v tu="$unch" -v tp="$parse" \
	    -v bs="$(field "$b" seconds)" -v bc="$(field "$b" cpu)" \
	    -v wn="$wall_new" -v wu="$wall_unch" \
	    -v cn="$cpu_new" -v cu="$cpu_unch" -v cp="$parse_cpu" 'BEGIN {
		printf "store: new %.0f items/s (feedd) vs %.0f items/s (bare loop, same indexes) = %.0f %%; unchanged %.0f items/s; second pass %.1f times faster\n",
		    n / wn, n / bs, 100 * bs / wn, n / wu, wn / wu
		print "store:   (store only, wall clock.  feedd: store_feed_add + store_ingest -- keys, canonical links, story matching, JSON, SQL -- timed in-process by store_split, which makes store_load'"'"'s calls with parsing and storing timed apart.  Bare loop: its INSERTs only, one items row per item, one transaction per feed, prepared statements)"
		printf "store: the same in CPU time: new %.0f items/s (feedd) vs %.0f items/s (bare loop) = %.0f %%; unchanged %.0f items/s; second pass %.1f times faster\n",
		    n / cn, n / bc, 100 * bc / cn, n / cu, cn / cu
		printf "store: store_load, parsing included (wall): new pass %.3f s = %.0f items/s, unchanged pass %.3f s = %.0f items/s, %.1f times faster\n",
		    tn, n / tn, tu, n / tu, tn / tu
		sn = tn - tp; su = tu - tp
		if (sn > 0 && su > 0)
			printf "store: store_load minus a parse-only pass (store_split --parse-only, %.3f s: %.0f items/s): new %.0f items/s, unchanged %.0f items/s (a cross-check; noisy where the machine is busy)\n",
			    tp, n / tp, n / sn, n / su
		else
			printf "store: store_load minus a parse-only pass (%.3f s): too noisy to subtract\n", tp
	}'
}

# --- daemon -----------------------------------------------------------------

# What the EXIT trap must stop; each process by the id it was started with.
d_work= d_nginx_conf= d_nginx_pid= d_feedd_pid= d_sock= d_graph=fp

nginx_stop() {
	local pid=$d_nginx_pid i

	[ -n "$pid" ] || return 0
	d_nginx_pid=
	kill -QUIT "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.05
	done
	kill -KILL "$pid" 2>/dev/null || true
}

nginx_start() {
	local i

	rm -f "$d_work/nginx.pid"
	"$nginx" -e "$d_work/nginx-error.log" -c "$d_nginx_conf" \
	    -p "$d_work/" || die "nginx did not start (see $d_work/nginx-error.log)"
	for ((i = 0; i < 100; i++)); do
		[ -s "$d_work/nginx.pid" ] && break
		sleep 0.05
	done
	d_nginx_pid=$(<"$d_work/nginx.pid")
}

feedd_stop() {
	local pid=$d_feedd_pid

	[ -n "$pid" ] || return 0
	d_feedd_pid=
	kill -TERM "$pid" 2>/dev/null || return 0
	# A crash at exit is not the benchmark's business, but say so.
	wait "$pid" 2>/dev/null || echo "daemon: feedd exited with status $? on SIGTERM (see $d_work/feedd-*.log)"
}

# feedd_start DB LOG: a fresh feedd on the private socket.
feedd_start() {
	"$builddir/src/feedd" -c "$d_work/feedd.conf" --db "$1" \
	    --socket "$d_sock" 2>>"$2" &
	d_feedd_pid=$!
	"$python" "$bench_dir/feedd-bench.py" ready "$d_sock" 10 ||
		die "feedd did not come up (see $2)"
}

daemon_cleanup() {
	feedd_stop
	nginx_stop
	[ -z "$d_sock" ] || rm -f "$d_sock"
	case $d_sock in /tmp/feedd-bench.*/feedd.sock) rmdir "${d_sock%/*}" 2>/dev/null || true ;; esac
}

# daemon_run LABEL CORPUS_DIR URL_PATH [PERF_DATA] -> sets r_first,
# r_second (feedd-bench.py refresh lines).  Feeds are imported while nginx
# is down, so that the daemon's first polls (import schedules every feed at
# once) fail at connect and store nothing; a new feedd process then makes
# the timed first refresh, which fetches and stores every feed, and the
# all-304 one.
daemon_run() {
	local label=$1 corpus=$2 path=$3 perf=${4:-}
	local db=$d_work/$label.db log=$d_work/feedd-$label.log nfeeds
	local -a perf_opt=()

	[ -z "$perf" ] || perf_opt=(--perf "$perf" --call-graph "$d_graph")
	nfeeds=$(find "$corpus" -maxdepth 1 -name 'feed-*.xml' | wc -l)
	nginx_stop
	rm -f "$db" "$db"-* "$log"
	feedd_start "$db" "$log"
	"$python" "$bench_dir/feedd-bench.py" import "$d_sock" \
	    "http://127.0.0.1:$d_port$path" "$corpus" >/dev/null ||
		die "import failed"
	"$python" "$bench_dir/feedd-bench.py" settle "$d_sock" "$nfeeds" 300 \
	    >/dev/null || die "feedd did not settle after the import"
	feedd_stop
	nginx_start
	feedd_start "$db" "$log"
	# feedd's retention purge runs 5 s after start, then hourly: let it
	# run on the empty store rather than in the middle of the refresh.
	sleep 6
	r_first=$("$python" "$bench_dir/feedd-bench.py" refresh "$d_sock" \
	    "$d_feedd_pid" --db "$db" "${perf_opt[@]}") ||
		die "first refresh failed"
	[ "$(field "$r_first" fetched)" = "$nfeeds" ] ||
		die "first refresh fetched $(field "$r_first" fetched) of $nfeeds feeds: $r_first"
	[ -z "$perf" ] || perf_opt=(--perf "${perf%.data}-304.data" --call-graph "$d_graph")
	r_second=$("$python" "$bench_dir/feedd-bench.py" refresh "$d_sock" \
	    "$d_feedd_pid" "${perf_opt[@]}") || die "second refresh failed"
	[ "$(field "$r_second" not_modified)" = "$nfeeds" ] ||
		echo "daemon: second refresh: only $(field "$r_second" not_modified) of $nfeeds feeds answered 304"
	feedd_stop
}

# daemon_report LABEL [targets]: prints r_first and r_second, with the
# targets beside them when asked (the large corpus has ratios instead).
daemon_report() {
	local l=$1 t=${2:-}

	awk -v l="$l" -v t="$t" -v a="$r_first" -v b="$r_second" '
	# CPU time and run-queue time come from different counters: a small
	# negative rest is rounding.
	function max0(x) { return x < 0 ? 0 : x }
	BEGIN {
		t1 = t ? " (target <= 1.0)" : ""; t2 = t ? " (target <= 0.15)" : ""
		t3 = t ? " (target <= 20 MB)" : ""
		na = split(a, x, " "); for (i = 1; i < na; i += 2) f[x[i]] = x[i + 1]
		nb = split(b, y, " "); for (i = 1; i < nb; i += 2) s[y[i]] = y[i + 1]
		printf "daemon %s: first refresh: %.3f s wall%s, %.2f CPU-s%s; %d fetched, %d failed, %d new items, %d new stories\n",
		    l, f["wall"], t1, f["cpu"], t1, f["fetched"], f["failed"], f["new_items"], f["new_stories"]
		printf "daemon %s:   wall = %.2f s on a CPU + %.2f s waiting for one (other processes) + %.2f s blocked or idle (network, disk)\n",
		    l, f["cpu"], f["runq"], max0(f["wall"] - f["cpu"] - f["runq"])
		printf "daemon %s: fts indexing after refresh: %.2f CPU-s (%.2f s until idle, checkpoint included); the index holds %d of %d items\n",
		    l, f["idle_cpu"], f["idle_wall"], f["fts_docs"], f["items"]
		printf "daemon %s: all-304 refresh: %.3f s wall%s, %.3f CPU-s; %d not modified\n",
		    l, s["wall"], t2, s["cpu"], s["not_modified"]
		printf "daemon %s:   wall = %.2f s on a CPU + %.2f s waiting for one (other processes) + %.2f s blocked or idle (network, disk)\n",
		    l, s["cpu"], s["runq"], max0(s["wall"] - s["cpu"] - s["runq"])
		printf "daemon %s: peak RSS (VmHWM) %.1f MiB%s; RSS before the first refresh %.1f MiB, at the end %.1f MiB (%.1f anonymous, %.1f file-backed: libraries and the WAL index, %.1f shmem)\n",
		    l, s["hwm_kb"] / 1024, t3, f["rss0_kb"] / 1024, s["rss_kb"] / 1024,
		    s["anon_kb"] / 1024, s["file_kb"] / 1024, s["shmem_kb"] / 1024
	}'
}

# Other feed readers on the same corpus, when the machine has them.
daemon_others() {
	local base=http://127.0.0.1:$d_port/small corpus=$1 first_wall=$2
	local tf=$d_work/time.txt name t
	local TIMEFORMAT='%R %U %S'

	for name in newsboat sfeed; do
		case $name in
		newsboat) command -v newsboat >/dev/null || { echo "daemon: newsboat: not installed"; continue; } ;;
		sfeed) command -v sfeed_update >/dev/null || { echo "daemon: sfeed: not installed"; continue; } ;;
		esac
		rm -rf "$d_work/$name"
		mkdir -p "$d_work/$name"
		local f
		for f in "$corpus"/feed-*.xml; do
			f=${f##*/}
			case $name in
			newsboat) echo "$base/$f" ;;
			sfeed) echo "feed \"${f%.xml}\" \"$base/$f\"" ;;
			esac
		done >"$d_work/$name/list"
		if [ "$name" = newsboat ]; then
			{ time newsboat -u "$d_work/newsboat/list" \
			    -c "$d_work/newsboat/cache.db" -x reload \
			    >/dev/null 2>&1; } 2>"$tf" ||
				{ echo "daemon: newsboat: failed"; continue; }
		else
			{ echo 'sfeedpath="'"$d_work"'/sfeed/feeds"'
			  echo 'feeds() {'
			  cat "$d_work/sfeed/list"
			  echo '}'; } >"$d_work/sfeed/sfeedrc"
			{ time sfeed_update "$d_work/sfeed/sfeedrc" \
			    >/dev/null 2>&1; } 2>"$tf" ||
				{ echo "daemon: sfeed: failed"; continue; }
		fi
		t=$(<"$tf")
		awk -v name="$name" -v t="$t" -v fw="$first_wall" 'BEGIN {
			split(t, x, " ")
			printf "daemon: %s, first fetch of the same corpus: %.3f s wall (%.1f x feedd), %.2f CPU-s (its processes, children included)\n",
			    name, x[1], x[1] / fw, x[2] + x[3]
		}'
	done
}

# perf_top DATA OPTIONS...: the first 15 lines of a perf report, less the
# frames every sample passes through (the event loop, main, unresolved
# addresses in libraries without symbols).
perf_top() {
	local data=$1

	shift
	perf report -i "$data" "$@" --percent-limit 0.5 --stdio 2>/dev/null |
		grep -v '^#' | grep -v '^$' | sed 's/[ -]*$//' |
		grep -vE '\] (ev_run|ev_invoke_pending|main|_start|__libc_start_[a-z_]*( \(inlined\))?|on_io|0x[0-9a-f]+)$|\[unknown\]' |
		head -15 || true
}

# perf_report DATA: where the time went, by object and by symbol.
perf_report() {
	echo "daemon: time by object:"
	perf_top "$1" --no-children --sort dso -g none
	echo "daemon: top 15 symbols, self time:"
	perf_top "$1" --no-children --sort dso,sym -g none
	echo "daemon: top 15 symbols, with their callees (children; the event loop and main left out):"
	perf_top "$1" --children --sort dso,sym -g none
}

# host_check CORPUS: host_now = the wall time of a bare libxml2 pass over
# CORPUS now (host_runs: the passes it is the best of); host_min and
# host_max (the caller's) follow it.
host_check() {
	local out

	out=$("$builddir/tests/bench/parse_bench" --bare-only "$1"/feed-*.xml) ||
		die "parse_bench --bare-only failed"
	host_now=$(field "$out" bare_wall)
	host_runs=$(field "$out" runs)
	min host_min "$host_now"
	if [ -z "$host_max" ] || [ "$(calc "$host_now > $host_max")" = 1 ]; then
		host_max=$host_now
	fi
}

# floors_check: floors_now = the other two of the brief's floors, measured
# right after a small run: fetch_bare fetching the corpus from the bench's
# nginx (libcurl alone, feedd's caps, bodies thrown away) and store_bare
# inserting the items that run stored (SQLite alone, feedd's schema).
floors_check() {
	local f s

	f=$("$builddir/tests/bench/fetch_bare" --runs 3 \
	    "http://127.0.0.1:$d_port/small/" "$1"/feed-*.xml) ||
		die "fetch_bare failed"
	s=$("$builddir/tests/bench/store_bare" --runs 1 "$d_work/small.db" \
	    "$d_work/bare.db") || die "store_bare failed"
	rm -f "$d_work"/bare.db "$d_work"/bare.db-*
	floors_now="fetch $(field "$f" seconds) insert $(field "$s" seconds)"
}

# floors_report: the brief's three floors on this machine beside its own
# (0.06 + 0.12 + 0.23 s, measured on the machine the targets were set
# for), and the first refresh in multiples of them: the targets are
# absolute, but this host's speed moves by half from hour to hour.
floors_report() {
	awk -v fl="$floors_best" -v p="$host_best" -v a="$first1" 'BEGIN {
		n = split(fl, x, " "); for (i = 1; i < n; i += 2) v[x[i]] = x[i + 1]
		n = split(a, x, " "); for (i = 1; i < n; i += 2) f[x[i]] = x[i + 1]
		sum = v["fetch"] + p + v["insert"]
		printf "daemon: the brief'"'"'s floors on this machine, around the run reported below: fetch %.3f s (fetch_bare), parse %.3f s (bare libxml2), insert %.3f s (store_bare) = %.3f s; on the machine the targets were set for: 0.06 + 0.12 + 0.23 = 0.41 s\n",
		    v["fetch"], p, v["insert"], sum
		printf "daemon: first refresh = %.1fx these floors in CPU time, %.1fx in wall time (the 1.0 s targets are 2.4x the floors they were set beside)\n",
		    f["cpu"] / sum, f["wall"] / sum
	}'
}

section_daemon() {
	local small big big_loc first1 second1 first2 second2 perf_data r prev
	local host_now host_min host_max host_best host_runs
	local floors_now floors_best
	local feeds_small=$feeds

	echo "== daemon =="
	need src/feedd
	need tests/bench/parse_bench
	need tests/bench/fetch_bare
	need tests/bench/store_bare
	[ -x "$nginx" ] || die "nginx not found (set NGINX=)"
	d_work=$out/daemon
	rm -rf "$d_work"
	mkdir -p "$d_work/tmp"
	small=$(corpus_dir 0)
	big=
	[ "$big_feeds" -gt 0 ] && [ "$big_runs" -gt 0 ] &&
		big=$(corpus_dir 0 "$big_feeds")

	# A Unix socket path must fit in sun_path (108 bytes).
	d_sock=$d_work/feedd.sock
	[ ${#d_sock} -lt 100 ] ||
		d_sock=$(mktemp -d /tmp/feedd-bench.XXXXXX)/feedd.sock
	trap daemon_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	d_port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	echo "# feedd's defaults (the bench's own config is empty)" >"$d_work/feedd.conf"
	d_nginx_conf=$d_work/nginx.conf
	big_loc=
	[ -z "$big" ] || big_loc="location /big/ { alias $big/; }"
	cat >"$d_nginx_conf" <<-EOF_NGINX
	# Written by tests/bench/run.sh: the daemon benchmark's feed server.
	# The worker runs as whoever runs the benchmark (for root, instead of
	# nginx's default unprivileged user, which may not reach the corpus).
	user $(id -un) $(id -gn);
	worker_processes 1;
	pid $d_work/nginx.pid;
	error_log $d_work/nginx-error.log warn;
	events { worker_connections 1024; }
	http {
		access_log off;
		client_body_temp_path $d_work/tmp/client;
		proxy_temp_path $d_work/tmp/proxy;
		fastcgi_temp_path $d_work/tmp/fastcgi;
		uwsgi_temp_path $d_work/tmp/uwsgi;
		scgi_temp_path $d_work/tmp/scgi;
		types { application/xml xml; }
		default_type application/octet-stream;
		sendfile on;
		tcp_nopush on;
		keepalive_timeout 60s;
		keepalive_requests 100000;
		etag on;		# and Last-Modified from the files' mtimes
		if_modified_since exact;
		server {
			listen 127.0.0.1:$d_port;
			server_name localhost;
			location /small/ { alias $small/; }
			$big_loc
		}
	}
	EOF_NGINX

	echo "daemon: nginx on 127.0.0.1:$d_port (1 worker, keepalive, ETag and Last-Modified); feedd with its default settings (64 transfers, 4 per host: every feed is on one host here)"
	# The small corpus BENCH_RUNS times and the large one BENCH_BIG_RUNS
	# times (a fresh feedd and database each time), in turn, so that a
	# slow spell of the machine falls on both; each refresh keeps its run
	# with the least wall time, picked the same way for both corpora.
	# Before each small run, a bare libxml2 pass over the same corpus
	# says how fast the machine is just then: on a shared host the same
	# build's figures move by half from one minute to the next.
	first1= second1= first2= second2= host_min= host_max= host_best=
	for ((r = 1; r <= runs || (${#big} > 0 && r <= big_runs); r++)); do
		if ((r <= runs)); then
			host_check "$small"
			daemon_run small "$small" /small
			floors_check "$small"
			prev=$first1
			best first1 "$r_first"
			[ "$first1" = "$prev" ] || {
				host_best=$host_now
				floors_best=$floors_now
			}
			best second1 "$r_second"
		fi
		if [ -n "$big" ] && ((r <= big_runs)); then
			daemon_run big "$big" /big
			best first2 "$r_first"
			best second2 "$r_second"
		fi
	done
	r_first=$first1
	r_second=$second1
	echo "daemon: $feeds_small feeds: best of $runs run(s)${big:+; $big_feeds feeds: best of $big_runs run(s)}"
	echo "daemon: the machine's speed: a bare libxml2 SAX pass over the $feeds_small-feed corpus (parse_bench --bare-only, best of $host_runs, before each $feeds_small-feed run) took $host_min-$host_max s; $host_best s before the run reported below"
	floors_report
	daemon_report "$feeds_small" targets
	if [ -n "$big" ]; then
		r_first=$first2
		r_second=$second2
		daemon_report "$big_feeds"
		awk -v a1="$first1" -v b1="$second1" -v a2="$r_first" -v b2="$r_second" \
		    -v l="$big_feeds/$feeds_small" 'BEGIN {
			n = split(a1, x, " "); for (i = 1; i < n; i += 2) f1[x[i]] = x[i + 1]
			n = split(b1, x, " "); for (i = 1; i < n; i += 2) s1[x[i]] = x[i + 1]
			n = split(a2, x, " "); for (i = 1; i < n; i += 2) f2[x[i]] = x[i + 1]
			n = split(b2, x, " "); for (i = 1; i < n; i += 2) s2[x[i]] = x[i + 1]
			printf "daemon %s (target <= 11x each): first refresh %.1fx wall, %.1fx CPU; fts %.1fx CPU; all-304 %.1fx wall, %.1fx CPU; peak RSS %.1fx\n",
			    l, f2["wall"] / f1["wall"], f2["cpu"] / f1["cpu"],
			    (f1["idle_cpu"] > 0 ? f2["idle_cpu"] / f1["idle_cpu"] : 0),
			    s2["wall"] / s1["wall"],
			    (s1["cpu"] > 0 ? s2["cpu"] / s1["cpu"] : 0),
			    s2["hwm_kb"] / s1["hwm_kb"]
		}'
	fi
	nginx_stop
	nginx_start
	daemon_others "$small" "$(field "$first1" wall)"
	if [ -n "${BENCH_PERF:-}" ]; then
		command -v perf >/dev/null || die "BENCH_PERF: perf not installed"
		local p_dir=$small p_path=/small p_feeds=$feeds_small
		case $BENCH_PERF in
		*dwarf) d_graph=dwarf ;;
		esac
		case $BENCH_PERF in
		big*)
			[ -n "$big" ] || die "BENCH_PERF=$BENCH_PERF: the large corpus is off (BENCH_BIG_FEEDS, BENCH_BIG_RUNS)"
			p_dir=$big p_path=/big p_feeds=$big_feeds
			;;
		esac
		perf_data=$d_work/perf-first-refresh.data
		daemon_run perf "$p_dir" "$p_path" "$perf_data"
		echo "daemon: profile of a first refresh of $p_feeds feeds (perf record --call-graph $d_graph -p; figures of this run, perf attached: $(field "$r_first" wall) s wall, $(field "$r_first" cpu) CPU-s)"
		perf_report "$perf_data"
		echo "daemon: profile of the all-304 refresh that followed ($(field "$r_second" wall) s wall, $(field "$r_second" cpu) CPU-s)"
		perf_report "${perf_data%.data}-304.data"
		echo "daemon: (perf report -i FILE for call graphs: $d_work/perf-*.data)"
	fi
	daemon_cleanup
	trap - EXIT INT TERM
}

section_socket() {
	echo "== socket =="
	need src/feedd && need src/feedctl
	"$python" "$top_srcdir/tests/bench/socket_bench.py" --srcdir "$top_srcdir" \
	    --builddir "$builddir" --work "$out/socket" ||
	    die "socket benchmark failed"
}

main() {
	local s
	local -a run=("$@")

	[ $# -gt 0 ] || run=("${SECTIONS[@]}")
	for s in "${run[@]}"; do
		declare -F "section_$s" >/dev/null ||
			die "unknown section '$s' (have: ${SECTIONS[*]})"
	done
	for s in "${run[@]}"; do
		"section_$s"
	done
}

main "$@"
