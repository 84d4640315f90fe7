#!/usr/bin/env bash
# glance-api through glance-registry (data_api: registry), two or more builds or JVM flag sets alternated in rounds:
# CPU and thread wake-ups per create and per list of 25, for each process of the hop. An A/B of a change to the hop on
# a machine other work keeps busy, where req/s and latencies of single runs swing but CPU and switches per request hold.
#   BENCH_VARIANTS='main=/work/main:;mine=.:' bench/registry-ab.sh [ROUNDS=3] [REQUESTS=2000] [CLIENTS=1]
# BENCH_VARIANTS: NAME=ROOT:JAVA_OPTS entries separated by ';', ROOT a built checkout (or a copy of its bin/,
# glance-server/target/ and plugins-dist/target/plugins/) whose bin/glance-registry and bin/glance-api run, JAVA_OPTS
# added after -Xmx256m for both. Each run starts both servers fresh, warms them as metadata.sh does (BENCH_WARMUP,
# default 4000 creates and 2000 shows and lists at 8 clients, bench/Bench.java), then measures REQUESTS creates and
# then REQUESTS lists at CLIENTS clients, each between two /proc snapshots of both processes
# (bench/lib/thread-switches.py: utime + stime, voluntary and nonvoluntary context switches by kind of thread).
# Environment: BENCH_TMPDIR (default /var/tmp).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
rounds=${1:-3}
requests=${2:-2000}
clients=${3:-1}
[ -n "${BENCH_VARIANTS:-}" ] || { echo "set BENCH_VARIANTS='NAME=ROOT:JAVA_OPTS;...' (see the head of $0)" >&2; exit 2; }
bench_need python3 python3
. "$bench_root/bin/lib/find-jdk.sh"
IFS=';' read -ra variants <<< "$BENCH_VARIANTS"
IFS=, read -r warm_creates warm_lists <<<"${BENCH_WARMUP:-4000,2000}"
switches=$here/lib/thread-switches.py

work=$(mktemp -d "${BENCH_TMPDIR:-/var/tmp}/glance-registry-ab.XXXXXX")
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bench_stop_all
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$work/classes"
javac -d "$work/classes" "$here/Bench.java"

# bench ARGS...: one Bench.java run against the glance-api on $gport (its output in $work/bench.out)
bench() {
  "$JAVA_HOME/bin/java" -cp "$work/classes" Bench --url "http://127.0.0.1:$gport" "$@" >"$work/bench.out" 2>&1 \
    || { cat "$work/bench.out" >&2; exit 1; }
}

echo "== registry-ab: $rounds rounds of ${#variants[@]} variants, $requests creates and lists at $clients client(s)," \
  "warm-up $warm_creates,$warm_lists, $(git -C "$bench_root" log -1 --format=%h 2>/dev/null || echo '?')"
for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    name=${variant%%=*}
    rest=${variant#*=}
    root=${rest%%:*}
    opts="-Xmx256m ${rest#*:}"
    root=$(cd "$root" && pwd)
    rm -rf "$work/run"
    mkdir -p "$work/run"
    rport=$(bench_free_port)
    bench_root=$root bench_start_registry "$rport" "$work/run/registry" "$opts"   # the variant's glance-registry
    gport=$(bench_free_port)
    GLANCE_API_CMD="$root/bin/glance-api" JAVA_OPTS=$opts \
      GLANCE_API_EXTRA_ARGS="--data_api registry --registry_host 127.0.0.1 --registry_port $rport" \
      bench_start_glance "$gport" "$work/run/data" "$work/run/store" "$work/run/glance-api.log"
    if ! bench_wait_http "http://127.0.0.1:$gport/versions" 600 "$GLANCE_PID"; then
      tail -n 30 "$work/run/glance-api.log" >&2
      exit 1
    fi
    bench --warmup-creates "$warm_creates" --warmup-lists "$warm_lists" --creates 10 --shows 10 --lists 10 \
      --concurrency "$clients"
    for op in create list; do
      if [ "$op" = create ]; then counts=(--creates "$requests" --lists 1); else counts=(--creates 1 --lists "$requests"); fi
      python3 "$switches" snap "$GLANCE_PID" >"$work/api0"
      python3 "$switches" snap "$REGISTRY_PID" >"$work/reg0"
      load0=$(cut -d' ' -f1 /proc/loadavg)
      # Bench.java's smallest warm-up and one show and one list or create beside the measured phase: 5 requests more
      bench --warmup-creates 1 --warmup-lists 1 --shows 1 "${counts[@]}" --concurrency "$clients"
      python3 "$switches" snap "$GLANCE_PID" >"$work/api1"
      python3 "$switches" snap "$REGISTRY_PID" >"$work/reg1"
      load1=$(cut -d' ' -f1 /proc/loadavg)
      read -r _ _ _ errors rps p50 _ < <(grep "^$op " "$work/bench.out")
      echo "$name round $round, $op x$requests at $clients, $(date -u +%H:%M:%S) load $load0-$load1:" \
        "$rps req/s, p50 $p50 ms, $errors errors"
      python3 "$switches" diff "$work/api0" "$work/api1" "$requests" "  glance-api     "
      python3 "$switches" diff "$work/reg0" "$work/reg1" "$requests" "  glance-registry"
    done
    bench_stop_all
  done
done
