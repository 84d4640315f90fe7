#!/usr/bin/env bash
# What a warm download costs each server, per GiB: glance-api (this checkout, -Xmx256m) against nginx with sendfile
# and without (2 x 1 MiB buffers), on one file of SIZE GiB in the page cache, curl -o /dev/null, in rotating rounds.
# For every download, `perf stat` of the server process (nginx: its worker) counts CPU time, context switches and the
# system calls a sendfile loop makes (sendfile, write, epoll_wait/epoll_pwait, futex, pread64); curl's own CPU comes
# from /usr/bin/time. Counts, unlike MiB/s, hardly depend on what else the machine runs: they show whether one server
# pays per byte or per wait for the socket what the other does not (issue 17's 4 GiB download).
#   bench/download-perf.sh [SIZE_GIB] [ROUNDS]     defaults: 4 3
# Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (default -Xmx256m, e.g. add -Djdk.pollerMode=1 to try
# another virtual-thread poller).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$here/lib/page-cache.sh"

size=${1:-4}
rounds=${2:-3}
bench_need curl curl
bench_need openssl openssl
bench_need python3 python3
bench_need nginx nginx
bench_need perf linux-perf
bench_need fincore util-linux-extra
[ -x /usr/bin/time ] || bench_need /usr/bin/time time

bytes=$(awk -v g="$size" 'BEGIN { printf "%.0f", g * 1073741824 }')
bench_workdir $((2 * bytes + 1073741824)) glance-download-perf
mkdir -p "$work/www" "$work/nginx/logs"
src=$work/www/data.bin
openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 \
  < /dev/zero 2>/dev/null | head -c "$bytes" > "$src" || true
[ "$(stat -c %s "$src")" = "$bytes" ] || { echo "generating $size GiB failed" >&2; exit 1; }

bench_start_nginx_pair "$work/nginx" "$work/www"
nport=$NGINX_SENDFILE_PORT nport2=$NGINX_BUFFERED_PORT nginx_pid=$NGINX_PID
nginx_worker=$(pgrep -P "$nginx_pid" | head -n 1)   # the worker serves the downloads, the master only waits

gport=$(bench_free_port)
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m} bench_start_glance "$gport" "$work/java/data" "$work/java/store" \
  "$work/java/glance-api.log"
bench_wait_http "http://127.0.0.1:$gport/versions" 600 "$GLANCE_PID" || { tail -n 50 "$work/java/glance-api.log" >&2; exit 1; }
jbase=http://127.0.0.1:$gport
id=$(curl -sS -X POST "$jbase/v2/images" -H 'Content-Type: application/json' \
  -d '{"name": "download-perf", "disk_format": "raw", "container_format": "bare"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
curl -sS -T "$src" -X PUT -H 'Content-Type: application/octet-stream' -H 'Expect:' "$jbase/v2/images/$id/file"
stored=$work/java/store/$id
# Not counted: two downloads for the JIT, then both files read into the page cache (the store writes with O_DIRECT).
curl -sS -o /dev/null "$jbase/v2/images/$id/file"; curl -sS -o /dev/null "$jbase/v2/images/$id/file"
bench_cache_warm "$src"; bench_cache_warm "$stored"

events=task-clock,context-switches,syscalls:sys_enter_sendfile64,syscalls:sys_enter_write
events+=,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_futex
events+=,syscalls:sys_enter_pread64

# measure LABEL PID URL FILE: one download of URL, counted in PID (all its threads) while it runs
measure() {
  local label=$1 pid=$2 url=$3 file=$4 stat=$work/perf.csv cached secs times perf_pid
  cached=$(bench_cache_pct "$file")
  perf stat -x, -e "$events" -p "$pid" -o "$stat" &
  perf_pid=$!
  sleep 0.5   # perf attaches to every thread of PID before the request arrives
  { /usr/bin/time -f '%U %S' -o "$work/curl.time" curl -sS -o /dev/null -w '%{time_total}' "$url" > "$work/curl.out"; }
  kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true
  secs=$(cat "$work/curl.out"); times=$(tail -n 1 "$work/curl.time")
  awk -F, -v l="$label" -v b="$bytes" -v t="$secs" -v ct="$times" -v c="$cached" -v ld="$(cut -d' ' -f1 /proc/loadavg)" '
    $3 != "" { v[$3] = $1 }
    END {
      g = b / 1073741824; split(ct, u, " ")
      printf "  %-15s %8.1f %9.3f %8.2f %7d %8d %7d %7d %7d %7d %6s%% %6s\n", l, b / 1048576 / t,
        v["task-clock"] / 1000 / g, (u[1] + u[2]) / g, v["context-switches"] / g, v["syscalls:sys_enter_sendfile64"] / g,
        v["syscalls:sys_enter_write"] / g, (v["syscalls:sys_enter_epoll_wait"] + v["syscalls:sys_enter_epoll_pwait"]) / g,
        v["syscalls:sys_enter_futex"] / g, v["syscalls:sys_enter_pread64"] / g, c, ld
    }' "$stat"
}

echo "== bench/download-perf.sh: $size GiB, $rounds rounds; glance-api pid $GLANCE_PID, nginx worker $nginx_worker"
echo "   $(bench_load_note)"
echo "   per GiB: server CPU s (perf task-clock, all threads), curl user+sys s, and the server's context switches and"
echo "   system calls; cached = the served file's share in the page cache before the download"
printf '  %-15s %8s %9s %8s %7s %8s %7s %7s %7s %7s %7s %6s\n' server MiB/s srv-cpu-s curl-s ctxsw sendfile write \
  epoll futex pread cached load
order=(glance-api nginx-sendfile nginx-buffered)
for r in $(seq 1 "$rounds"); do
  for k in "${order[@]}"; do
    case $k in
      glance-api) measure "$k" "$GLANCE_PID" "$jbase/v2/images/$id/file" "$stored" ;;
      nginx-sendfile) measure "$k" "$nginx_worker" "http://127.0.0.1:$nport/data.bin" "$src" ;;
      nginx-buffered) measure "$k" "$nginx_worker" "http://127.0.0.1:$nport2/data.bin" "$src" ;;
    esac
  done
  order=("${order[@]:1}" "${order[0]}")
done
echo "   after: $(bench_load_note)"
