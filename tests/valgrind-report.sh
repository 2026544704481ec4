#!/bin/sh
# Sums up the logs of `make check-valgrind`, one per process (DIR/PID.log):
# how many feedd and feedctl processes ran, how many valgrind checked at
# their exit (a process killed with SIGKILL, as the crash test does, ends
# without a summary), their errors and definite and indirect leaks (both
# counted as errors: --errors-for-leak-kinds).  "Possibly lost" and
# "still reachable" are shown, not counted.  Prints the logs that have
# errors; exits 1 when there is any, or when no process was checked.
dir=${1:-valgrind-logs}
set -- "$dir"/*.log
[ -e "$1" ] || { echo "valgrind-report: no logs in $dir" >&2; exit 1; }

awk '
function flush() {
	if (file == "")
		return
	procs[prog]++
	if (summary) {
		checked[prog]++
		errors += err
		if (err > 0)
			bad[file] = err
	}
}
FNR == 1 { flush(); file = FILENAME; prog = "?"; summary = 0; err = 0 }
/== Command: / {
	prog = $3
	sub(/.*\//, "", prog)
}
/== ERROR SUMMARY: / { summary = 1; err = $4 + 0 }
/== +definitely lost: / { v = $4; gsub(/,/, "", v); definite += v }
/== +indirectly lost: / { v = $4; gsub(/,/, "", v); indirect += v }
/== +possibly lost: / { v = $4; gsub(/,/, "", v); possibly += v }
/== +still reachable: / { v = $4; gsub(/,/, "", v); reachable += v }
END {
	flush()
	line = ""
	for (p in procs) {
		line = line sprintf("%s%s: %d run, %d checked at exit",
		    line == "" ? "" : "; ", p, procs[p], checked[p])
		total += checked[p]
	}
	printf "valgrind: %s\n", line
	printf "valgrind: %d errors (leaks included), %d bytes definitely " \
	    "and %d indirectly lost\n", errors, definite, indirect
	printf "valgrind: not counted: %d bytes possibly lost, %d still " \
	    "reachable at exit\n", possibly, reachable
	for (f in bad)
		printf "valgrind: %d errors in %s\n", bad[f], f
	exit (errors > 0 || total == 0)
}' "$@" || {
	for f in "$@"; do
		grep -q 'ERROR SUMMARY: [1-9]' "$f" && cat "$f"
	done
	exit 1
}
