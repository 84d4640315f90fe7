#!/usr/bin/env bash
# Many compute nodes booting from the same image: CLIENTS parallel downloads of one image straight from glance-api,
# then through Varnish with etc/varnish/glance.vcl (after one download has filled its cache, so every measured
# download costs glance-api the answer to Varnish's authorisation HEAD). Prints the aggregate MiB/s and the CPU
# seconds glance-api (and Varnish) used.
#   bench/proxy.sh [SIZE_GIB] [CLIENTS]     (defaults 1 and 8; decimals allowed for SIZE_GIB, e.g. 0.25)
# Prints numbers; it is not a test (exit status is non-zero only when a step could not run or data came back wrong).
# Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (default -Xmx256m), GLANCE_API_CMD,
# GLANCE_API_EXTRA_ARGS (see bench/README.md).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$bench_root/bin/lib/test-varnish.sh"

size_gib=${1:-1}
clients=${2:-8}
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
size=$(awk -v g="$size_gib" 'BEGIN { printf "%.0f", g * 1073741824 }')
if ! [ "$size" -gt 0 ] 2>/dev/null || ! [ "$clients" -gt 0 ] 2>/dev/null; then
  echo "usage: $0 [SIZE_GIB] [CLIENTS]   (defaults 1 and 8)" >&2
  exit 2
fi
bench_need curl curl
bench_need openssl openssl
bench_need python3 python3
bench_need varnishd varnish
bench_need sha512sum coreutils

tmp_base=${BENCH_TMPDIR:-/var/tmp}
mkdir -p "$tmp_base"
work=$(mktemp -d "$tmp_base/glance-bench-proxy.XXXXXX")
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "${BENCH_KEEP_LOG:-}" ] || cp "$work/glance.log" "$BENCH_KEEP_LOG" 2>/dev/null || true
  stop_test_varnish
  bench_stop_all
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
chmod 755 "$work"

# CPU seconds (user + system) a process and its threads used so far, from /proc/PID/stat.
cpu_secs() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
# The Varnish worker (child) process: the one that serves.
varnish_child() { pgrep -P "$TEST_VARNISH_PID" | head -n 1; }

bench_log "test data: $size_gib GiB of AES-CTR keystream"
src=$work/data.bin
openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 \
  -in /dev/zero 2>/dev/null | head -c "$size" >"$src" || true   # openssl ends on SIGPIPE
[ "$(stat -c %s "$src")" = "$size" ] || { bench_log "generating $src failed"; exit 1; }
sum=$(sha512sum "$src" | cut -d' ' -f1)

port=$(bench_free_port)
JAVA_OPTS=$java_opts bench_start_glance "$port" "$work/glance" "$work/glance/images" "$work/glance.log"
bench_wait_http "http://127.0.0.1:$port/versions" 120 "$GLANCE_PID" || { cat "$work/glance.log" >&2; exit 1; }
GLANCE_TEST_VARNISH_STORAGE=${BENCH_VARNISH_STORAGE:-$(( size / 1048576 + 512 ))M} start_test_varnish "$bench_root" "$port"
varnish=$GLANCE_TEST_VARNISH_URL

id=$(curl -sf -X POST "http://127.0.0.1:$port/v2/images" -H 'Content-Type: application/json' \
  -d '{"name": "bench-proxy", "disk_format": "raw", "container_format": "bare"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
curl -sf -X PUT "http://127.0.0.1:$port/v2/images/$id/file" -H 'Content-Type: application/octet-stream' \
  -T "$src" >/dev/null

# run_clients BASE: CLIENTS downloads at once; prints "seconds bytes"; fails unless each got the whole image.
run_clients() {
  local base=$1 i start end total=0 n
  start=$(bench_now_ns)
  for i in $(seq 1 "$clients"); do
    curl -s -H 'X-Auth-Token: bench' -o /dev/null -w '%{size_download}\n' --stderr "$work/curl.$i" -S "$base/v2/images/$id/file" \
      >"$work/client.$i" &
  done
  wait
  end=$(bench_now_ns)
  for i in $(seq 1 "$clients"); do
    n=$(cat "$work/client.$i")
    [ "$n" = "$size" ] || { bench_log "client $i got $n bytes of $size"; cat "$work/curl.$i" >&2; grep -B2 -A12 "ended early\|Closed conn\|SEVERE\|Exception" "$work/glance.log" | head -n 60 >&2; return 1; }
    total=$(( total + n ))
  done
  echo "$(bench_secs "$start" "$end") $total"
}

check() { # check BASE: one download's sha512 against the source
  [ "$(curl -sf "$1/v2/images/$id/file" | sha512sum | cut -d' ' -f1)" = "$sum" ] \
    || { bench_log "data through $1 differs from the source"; exit 1; }
}

echo "bench/proxy.sh: $clients clients downloading one $size_gib GiB image at once; $(bench_load_note)"
check "http://127.0.0.1:$port"
g0=$(cpu_secs "$GLANCE_PID")
read -r direct_s direct_bytes < <(run_clients "http://127.0.0.1:$port")
g1=$(cpu_secs "$GLANCE_PID")

check "$varnish"   # the first download through Varnish fills its cache (not measured)
v0=$(cpu_secs "$(varnish_child)")
g2=$(cpu_secs "$GLANCE_PID")
read -r proxy_s proxy_bytes < <(run_clients "$varnish")
g3=$(cpu_secs "$GLANCE_PID")
v1=$(cpu_secs "$(varnish_child)")
check "$varnish"

printf '  %-34s %8s s %9s MiB/s aggregate  glance-api CPU %6s s\n' "straight from glance-api" "$direct_s" \
  "$(bench_mibs "$direct_bytes" "$direct_s")" "$(awk -v a="$g0" -v b="$g1" 'BEGIN { printf "%.2f", b - a }')"
printf '  %-34s %8s s %9s MiB/s aggregate  glance-api CPU %6s s  (varnishd %s s)\n' \
  "through Varnish (cache filled)" "$proxy_s" "$(bench_mibs "$proxy_bytes" "$proxy_s")" \
  "$(awk -v a="$g2" -v b="$g3" 'BEGIN { printf "%.2f", b - a }')" \
  "$(awk -v a="$v0" -v b="$v1" 'BEGIN { printf "%.2f", b - a }')"
echo "  $(bench_load_note)"
