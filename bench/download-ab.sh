#!/usr/bin/env bash
# Warm downloads from nginx (sendfile, and buffered: sendfile off, 2 x 1 MiB output buffers) and from two or more
# glance-api builds or JVM flag sets side by side, in rotating rounds, with download-perf.sh's counts per download: an A/B of a change to the download path on a machine that other
# work keeps busy, where the MiB/s of single runs move by 2x but the server's CPU and wake-ups per GiB hold.
#   BENCH_VARIANTS='main=/work/main:;mine=.:-Djdk.pollerMode=1' bench/download-ab.sh [SIZE_GIB] [ROUNDS]   (1 8)
# BENCH_VARIANTS: NAME=ROOT:JAVA_OPTS entries separated by ';', ROOT a built checkout (or a copy of its bin/,
# glance-server/target/ and plugins-dist/target/plugins/), JAVA_OPTS added after -Xmx256m. Each glance-api gets the
# image uploaded and BENCH_WARM_DOWNLOADS (default 2) unmeasured downloads, as compare.sh's warm-up leaves it; every
# served file is read into the page cache right before its download, so DAMON's pageout between rounds does not decide;
# with BENCH_CACHE=cold it is dropped from the page cache instead (the first download of a just-uploaded image).
# Per download: MiB/s, time to the first byte and in all (curl), the server's CPU s per GiB (perf task-clock, all
# threads), its context switches, sendfile, futex, epoll_wait/epoll_pwait and write calls per GiB, the JIT compiler
# threads' CPU s during the download (/proc), and the load average. Needs perf (linux-perf) and root or
# perf_event_paranoid <= 1. Environment: BENCH_TMPDIR (default /var/tmp).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$here/lib/page-cache.sh"

size=${1:-1}
rounds=${2:-8}
[ -n "${BENCH_VARIANTS:-}" ] || { echo "set BENCH_VARIANTS='NAME=ROOT:JAVA_OPTS;...' (see the head of $0)" >&2; exit 2; }
bench_need curl curl
bench_need openssl openssl
bench_need python3 python3
bench_need nginx nginx
bench_need perf linux-perf
bench_need fincore util-linux-extra

bytes=$(awk -v g="$size" 'BEGIN { printf "%.0f", g * 1073741824 }')
IFS=';' read -ra variants <<< "$BENCH_VARIANTS"
bench_workdir $(((${#variants[@]} + 1) * bytes + 1073741824)) glance-download-ab
mkdir -p "$work/www"
src=$work/www/data.bin
openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 \
  < /dev/zero 2>/dev/null | head -c "$bytes" > "$src" || true
[ "$(stat -c %s "$src")" = "$bytes" ] || { echo "generating $size GiB failed" >&2; exit 1; }

bench_start_nginx_pair "$work/nginx" "$work/www"
worker=$(pgrep -P "$NGINX_PID" | head -n 1)   # the worker serves the downloads
names=(nginx nginx-buf)
pids=("$worker" "$worker")
urls=("http://127.0.0.1:$NGINX_SENDFILE_PORT/data.bin" "http://127.0.0.1:$NGINX_BUFFERED_PORT/data.bin")
files=("$src" "$src")
for v in "${variants[@]}"; do
  name=${v%%=*} rest=${v#*=}
  root=$(cd "${rest%%:*}" && pwd) opts=${rest#*:}
  port=$(bench_free_port)
  GLANCE_API_CMD="$root/bin/glance-api" JAVA_OPTS="-Xmx256m $opts" bench_start_glance "$port" "$work/$name/data" \
    "$work/$name/store" "$work/$name/glance-api.log"
  bench_wait_http "http://127.0.0.1:$port/versions" 600 "$GLANCE_PID" || { tail -n 50 "$work/$name/glance-api.log" >&2; exit 1; }
  base=http://127.0.0.1:$port
  id=$(curl -sS -X POST "$base/v2/images" -H 'Content-Type: application/json' \
    -d '{"name": "download-ab", "disk_format": "raw", "container_format": "bare"}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  curl -sS -T "$src" -X PUT -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$id/file"
  for _ in $(seq 1 "${BENCH_WARM_DOWNLOADS:-2}"); do curl -sS -o /dev/null "$base/v2/images/$id/file"; done
  names+=("$name") pids+=("$GLANCE_PID") urls+=("$base/v2/images/$id/file") files+=("$work/$name/store/$id")
  echo "   $name: $root, JAVA_OPTS -Xmx256m $opts, pid $GLANCE_PID"
done

# jit_ticks PID -> CPU ticks (user + system) of PID's JIT compiler threads so far
jit_ticks() {
  local task sum=0
  for task in /proc/"$1"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in
      C1*|C2*) sum=$((sum + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$sum"
}

events=task-clock,context-switches,syscalls:sys_enter_sendfile64,syscalls:sys_enter_futex
events+=,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_write,syscalls:sys_enter_pread64
cache=${BENCH_CACHE:-warm}
case $cache in warm|cold) ;; *) echo "BENCH_CACHE is warm or cold, not $cache" >&2; exit 2 ;; esac
echo "== bench/download-ab.sh: $size GiB, $rounds rounds, $cache; $(bench_load_note)"
printf '  %-12s %8s %7s %7s %8s %6s %8s %6s %6s %6s %6s %6s %6s\n' server MiB/s ttfb-s total-s srv-cpu ctxsw sendfile \
  futex epoll write pread jit-s load
order=($(seq 0 $((${#names[@]} - 1))))
: > "$work/rows"
for round in $(seq 1 "$rounds"); do
  for k in "${order[@]}"; do
    if [ "$cache" = cold ]; then bench_cache_drop "${files[k]}"; else bench_cache_warm "${files[k]}"; fi
    perf stat -x, -e "$events" -p "${pids[k]}" -o "$work/perf.csv" &
    perf_pid=$!
    sleep 0.5   # perf attaches to every thread before the request arrives
    jit0=$(jit_ticks "${pids[k]}")
    times=$(curl -sS -o /dev/null -w '%{time_starttransfer} %{time_total}' "${urls[k]}")
    jit1=$(jit_ticks "${pids[k]}")
    kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true
    awk -F, -v l="${names[k]}" -v b="$bytes" -v t="$times" -v j=$((jit1 - jit0)) -v hz="$(getconf CLK_TCK)" \
        -v ld="$(cut -d' ' -f1 /proc/loadavg)" -v r="$round" -v rows="$work/rows" '
      $3 != "" { v[$3] = $1 }
      END {
        g = b / 1073741824; split(t, s, " ")
        printf "  %-12s %8.1f %7.4f %7.3f %8.3f %6d %8d %6d %6d %6d %6d %6.2f %6s\n", l, b / 1048576 / s[2], s[1], s[2],
          v["task-clock"] / 1000 / g, v["context-switches"] / g, v["syscalls:sys_enter_sendfile64"] / g,
          v["syscalls:sys_enter_futex"] / g, (v["syscalls:sys_enter_epoll_wait"] + v["syscalls:sys_enter_epoll_pwait"]) / g,
          v["syscalls:sys_enter_write"] / g, v["syscalls:sys_enter_pread64"] / g, j / hz, ld
        printf "%s %s %.1f %.3f\n", r, l, b / 1048576 / s[2], v["task-clock"] / 1000 / g >> rows
      }' "$work/perf.csv"
  done
  order=("${order[@]:1}" "${order[0]}")
done
echo "   after: $(bench_load_note)"
# Medians per server: MiB/s, CPU s/GiB, and the ratio of its MiB/s to nginx buffered's in the same round (what a change
# is judged by on a busy machine: both saw the same minutes).
echo "   medians over $rounds rounds: MiB/s, server CPU s/GiB, MiB/s / nginx-buf's in the same round"
awk '
  { mib[$2, $1] = $3; cpu[$2] = cpu[$2] " " $4; speed[$2] = speed[$2] " " $3; seen[$2] = 1; last = $1 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    for (name in seen) {
      ratios = ""
      for (r = 1; r <= last; r++) if ((name, r) in mib && ("nginx-buf", r) in mib) ratios = ratios " " mib[name, r] / mib["nginx-buf", r]
      printf "  %-12s %8.1f %8.3f %6.2fx\n", name, median(speed[name]), median(cpu[name]), median(ratios)
    }
  }' "$work/rows"
