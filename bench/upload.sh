#!/usr/bin/env bash
# Uploads alone: glance-api's upload MiB/s and its CPU per GiB, with the CPU of each of its thread groups.
#   bench/upload.sh [SIZE_GIB=1] [RUNS=3]
# Starts glance-api (-Xmx256m, fresh data dir), makes SIZE GiB of AES-CTR keystream, sends one unmeasured 64 MiB
# upload (JIT), then RUNS sized `curl -T` uploads of the file (each checked: os_hash_value = the source's sha512) and
# prints per upload curl's time_total as MiB/s, glance-api's CPU seconds per GiB (utime + stime of the process from
# /proc/PID/stat, the figure to trust on a busy machine) and the same split by thread (digest workers, the request's
# thread, the store writer, JIT, GC, the rest), with the load average. Not a test: it exits non-zero only when a step
# failed. Environment: BENCH_TMPDIR, BENCH_JAVA_OPTS, GLANCE_API_CMD, GLANCE_API_EXTRA_ARGS (see bench/README.md).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"

size_gib=${1:-1}
runs=${2:-3}
size=$(awk -v g="$size_gib" 'BEGIN { printf "%.0f", g * 1073741824 }')
if ! [ "$size" -gt 0 ] 2>/dev/null || ! [ "$runs" -gt 0 ] 2>/dev/null; then
  echo "usage: $0 [SIZE_GIB=1] [RUNS=3]" >&2
  exit 2
fi
bench_need curl curl
bench_need openssl openssl
bench_need python3 python3

bench_workdir $(( 2 * size + 1073741824 )) glance-upload
src=$work/data.bin
warm=$work/warm.bin
# openssl ends on SIGPIPE when head has enough
{ openssl enc -aes-128-ctr -nosalt -pass pass:glance-bench -pbkdf2 -in /dev/zero 2>/dev/null || true; } \
  | head -c "$size" > "$src"
head -c $(( 64 * 1048576 )) "$src" > "$warm"
src_sha512=$(sha512sum "$src" | cut -d' ' -f1)

port=$(bench_free_port)
base=http://127.0.0.1:$port
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m} bench_start_glance "$port" "$work/data" "$work/store" "$work/glance-api.log"
if ! bench_wait_http "$base/healthcheck" 600 "$GLANCE_PID"; then
  tail -n 50 "$work/glance-api.log" >&2
  exit 1
fi
hz=$(getconf CLK_TCK)

# cpu_ticks: utime + stime of glance-api; thread_ticks: "group ticks" lines, one per thread group.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$GLANCE_PID/stat"; }
thread_ticks() {
  local stat comm
  for stat in /proc/"$GLANCE_PID"/task/*/stat; do
    comm=$(sed -e 's/^[0-9]* (//' -e 's/) .*//' "$stat" 2>/dev/null) || continue
    case "$comm" in
      glance-upload-d*) comm=digests ;;
      glance-store-wr*) comm=store-writer ;;
      C1\ Compiler*|C2\ Compiler*) comm=jit ;;
      GC\ *|G1\ *|VM\ Thread) comm=gc+vm ;;
      ForkJoinPool-*|"") comm=request ;;  # virtual threads' carriers: Helidon runs each request on one
      *) comm=other ;;
    esac
    sed -e 's/^.*) //' "$stat" 2>/dev/null | awk -v g="$comm" '{ print g, $12 + $13 }'
  done | awk '{ t[$1] += $2 } END { for (g in t) print g, t[g] }'
}
# thread_switches: "group voluntary-switches" lines: how often each thread group went to sleep (a wait for a lock,
# a queue, the socket or the disk), each one a wake-up later; on a busy machine a truer count than any time.
thread_switches() {
  local status comm
  for status in /proc/"$GLANCE_PID"/task/*/status; do
    comm=$(sed -n 's/^Name:[[:space:]]*//p' "$status" 2>/dev/null) || continue
    case "$comm" in
      glance-upload-d*) comm=digests ;;
      glance-store-wr*) comm=store-writer ;;
      C1\ CompilerThre*|C2\ CompilerThre*) comm=jit ;;
      GC\ *|G1\ *|VM\ Thread) comm=gc+vm ;;
      ForkJoinPool-*|"") comm=request ;;
      *) comm=other ;;
    esac
    awk -v g="$comm" '/^voluntary_ctxt_switches/ { print g, $2 }' "$status" 2>/dev/null
  done | awk '{ t[$1] += $2 } END { for (g in t) print g, t[g] }'
}
upload() { # upload FILE -> "seconds" on stdout; checks the stored sha512 when CHECK is set
  local id code t
  id=$(curl -sS -X POST "$base/v2/images" -H 'Content-Type: application/json' \
    -d '{"name": "bench-upload", "disk_format": "raw", "container_format": "bare"}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  sync -f "$work"
  read -r code t < <(curl -sS -o "$work/upload.out" -w '%{http_code} %{time_total}\n' -T "$1" -X PUT \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$id/file")
  [ "$code" = 204 ] || { echo "upload failed: HTTP $code $(head -c 500 "$work/upload.out")" >&2; return 1; }
  if [ -n "${CHECK:-}" ]; then
    curl -sS "$base/v2/images/$id" | python3 -c 'import json, sys
img = json.load(sys.stdin)
sys.exit(0 if img.get("os_hash_value") == sys.argv[1] else "os_hash_value differs from the source")' "$src_sha512"
  fi
  curl -sS -o /dev/null -X DELETE "$base/v2/images/$id"
  echo "$t"
}

echo "== glance-api uploads: $size_gib GiB x $runs, $(nproc) cores; before: $(bench_load_note)"
upload "$warm" >/dev/null
printf '  %-4s %8s %8s %10s   %s\n' run MiB/s s "CPU s/GiB" "CPU s/GiB by thread group; load average"
for i in $(seq 1 "$runs"); do
  before=$(cpu_ticks); thread_ticks > "$work/threads.before"; thread_switches > "$work/switches.before"
  t=$(CHECK=1 upload "$src")
  after=$(cpu_ticks); thread_ticks > "$work/threads.after"; thread_switches > "$work/switches.after"
  # Threads that ended during the upload (the store writer's) show as the total less the living threads' share.
  split=$(awk -v hz="$hz" -v gib="$size_gib" -v total=$(( after - before )) 'NR == FNR { b[$1] = $2; next }
      { d = $2 - b[$1]; seen += d; if (d / hz / gib >= 0.01) printf "%s %.2f, ", $1, d / hz / gib }
      END { printf "ended threads %.2f, ", (total - seen) / hz / gib }' "$work/threads.before" "$work/threads.after")
  printf '  %-4s %8s %8.3f %10s   %s%s\n' "$i" "$(bench_mibs "$size" "$t")" "$t" \
    "$(awk -v a="$before" -v b="$after" -v hz="$hz" -v g="$size_gib" 'BEGIN { printf "%.2f", (b - a) / hz / g }')" \
    "$split" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '  %-4s %29s   %s\n' "" "sleeps per GiB" "$(awk -v gib="$size_gib" 'NR == FNR { b[$1] = $2; next }
      { d = $2 - b[$1]; if (d / gib >= 1) printf "%s %.0f, ", $1, d / gib }' \
      "$work/switches.before" "$work/switches.after")"
done
echo "  glance-api VmHWM $(bench_kib_to_mib "$(bench_status_kib "$GLANCE_PID" VmHWM)") MiB; after: $(bench_load_note)"
