# check.sh — what the shell tests share, sourced by them: a scratch folder
# removed on exit, and counted checks.
#   check WHAT COMMAND...   one check: passes when COMMAND succeeds
#   fail WHAT               a check that failed, said on stderr
#   report NAME             the tally; its status is the test's
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
checks=0
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
check() { checks=$((checks + 1)); _w=$1; shift; "$@" >/dev/null 2>&1 || fail "$_w"; }
report() {
    echo "$1: $checks checks, $fails failed"
    [ "$fails" -eq 0 ]
}
