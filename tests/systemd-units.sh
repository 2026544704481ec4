#!/bin/sh
# The systemd units: `systemd-analyze verify` on the system and per-user
# units, the sandbox of the system service (`systemd-analyze security`,
# exposure at most $EXPOSURE_MAX), and the paths the units and feedd must
# agree on.  Needs no running systemd.  Skipped without systemd-analyze.
# TAP; every command is bounded by timeout(1) when it is available.
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
EXPOSURE_MAX=2.0

n=0
failed=0
pass() { n=$((n + 1)); printf 'ok %d - %s\n' "$n" "$1"; }
fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	printf 'not ok %d - %s\n' "$n" "$1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/# /'
	return 0
}
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "1..0 # SKIP systemd-analyze not installed"
	exit 0
fi
if command -v timeout >/dev/null 2>&1; then
	T_O="timeout -k 5 60"
else
	T_O=
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/feedd-units.XXXXXX") || {
	echo "Bail out! mktemp"
	exit 1
}
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$T/system" "$T/user" "$T/runtime"
chmod 700 "$T/runtime"

# The units as make generated them (systemd/feedd.service from its .in),
# else generated here: the same substitution.
unit() {	# unit SUBDIR: the service unit of SUBDIR ("" or "user/")
	if [ -f "$builddir/systemd/$1feedd.service" ]; then
		cat "$builddir/systemd/$1feedd.service"
	else
		sed 's|@bindir[@]|/usr/bin|g' "$srcdir/systemd/$1feedd.service.in"
	fi
}
unit "" >"$T/system/feedd.service.orig"
unit user/ >"$T/user/feedd.service.orig"

for f in "$T/system/feedd.service.orig" "$T/user/feedd.service.orig"; do
	if grep -n '@[A-Za-z_]*@' "$f" >"$T/out"; then
		fail "no unsubstituted @VAR@ in ${f#"$T"/}" "$(cat "$T/out")"
	else
		pass "no unsubstituted @VAR@ in ${f#"$T"/}"
	fi
done

# verify wants ExecStart= to exist: point it at the built daemon.
feedd=$builddir/src/feedd
case $feedd in /*) ;; *) feedd=$(pwd)/$feedd ;; esac
if [ ! -x "$feedd" ]; then
	feedd=$(command -v true)
	diag "src/feedd not built: ExecStart= checked against $feedd"
fi
for d in system user; do
	sed "s|^ExecStart=[^ ]*|ExecStart=$feedd|" "$T/$d/feedd.service.orig" \
	    >"$T/$d/feedd.service"
done
cp "$srcdir/systemd/feedd.socket" "$T/system/feedd.socket"
cp "$srcdir/systemd/user/feedd.socket" "$T/user/feedd.socket"

# verify MODE DESCRIPTION: fails on a non-zero status and on any message
# about our units (unknown keys and bad values are only warnings).
verify() {
	_dir=$T/$1
	shift
	rc=0
	# shellcheck disable=SC2086 # T_O is a command prefix or nothing
	XDG_RUNTIME_DIR=$T/runtime $T_O systemd-analyze "$@" verify --man=no \
	    --recursive-errors=no "$_dir/feedd.service" "$_dir/feedd.socket" \
	    >"$T/out" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || grep -q 'feedd\.s' "$T/out"; then
		fail "systemd-analyze verify: ${_dir#"$T"/} units" \
		    "status $rc" "$(cat "$T/out")"
	else
		pass "systemd-analyze verify: ${_dir#"$T"/} units"
	fi
}
verify system
verify user --user

# exposure FILE [--user]: the "Overall exposure level" figure, or "".
exposure() {
	_f=$1
	shift
	# shellcheck disable=SC2086
	XDG_RUNTIME_DIR=$T/runtime $T_O systemd-analyze "$@" security \
	    --offline=yes "$_f" >"$T/sec" 2>&1
	sed -n 's/.*Overall exposure level for [^:]*: *\([0-9][0-9.]*\).*/\1/p' \
	    "$T/sec" | tail -n 1
}
x=$(exposure "$T/system/feedd.service")
if [ -z "$x" ]; then
	fail "system service: exposure level reported" "$(cat "$T/sec")"
elif awk -v x="$x" -v m="$EXPOSURE_MAX" 'BEGIN { exit !(x + 0 <= m + 0) }'
then
	pass "system service: exposure $x <= $EXPOSURE_MAX"
else
	fail "system service: exposure $x <= $EXPOSURE_MAX" \
	    "$(grep '✗' "$T/sec")"
fi
x=$(exposure "$T/user/feedd.service" --user)
diag "per-user service: exposure ${x:-unknown} (not checked)"

# The paths feedd derives must be those of the units.
key() {	# key NAME FILE: the value of the last NAME= line
	sed -n "s/^$1=//p" "$2" | tail -n 1
}
s=$T/system/feedd.service
listen=$(key ListenStream "$T/system/feedd.socket")
rdir=$(key Environment "$s" | sed -n 's/^RUNTIME_DIRECTORY=//p')
if [ "$listen" = "$rdir/feedd.sock" ]; then
	pass "system: ListenStream= is \$RUNTIME_DIRECTORY/feedd.sock"
else
	fail "system: ListenStream= is \$RUNTIME_DIRECTORY/feedd.sock" \
	    "ListenStream=$listen" "RUNTIME_DIRECTORY=$rdir"
fi
if grep -q '^RuntimeDirectory=' "$s"; then
	fail "system: no RuntimeDirectory= (it would remove the socket)"
else
	pass "system: no RuntimeDirectory= (it would remove the socket)"
fi
is_key() {	# is_key FILE NAME VALUE
	_v=$(key "$2" "$1")
	if [ "$_v" = "$3" ]; then
		pass "${1#"$T"/}: $2=$3"
	else
		fail "${1#"$T"/}: $2=$3" "got $2=$_v"
	fi
}
is_key "$s" Type notify
is_key "$s" DynamicUser yes
is_key "$s" StateDirectory feedd
is_key "$s" ConfigurationDirectory feedd
is_key "$s" Requires feedd.socket
is_key "$T/user/feedd.service" Type notify
is_key "$T/user/feedd.service" Requires feedd.socket
is_key "$T/user/feedd.socket" ListenStream '%t/feedd/feedd.sock'

# Every man page the units name is in the tree.
for m in $(sed -n 's/^Documentation=//p' "$s" "$T/system/feedd.socket" \
    "$T/user/feedd.service" "$T/user/feedd.socket" | tr ' ' '\n' |
    sed -n 's/^man:\(.*\)(\(.*\))$/\1.\2/p' | sort -u); do
	if [ -f "$srcdir/man/$m" ]; then
		pass "Documentation= man page man/$m exists"
	else
		fail "Documentation= man page man/$m exists"
	fi
done

printf '1..%d\n' "$n"
[ "$failed" -eq 0 ] || exit 1
exit 0
