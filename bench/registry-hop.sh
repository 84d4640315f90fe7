#!/usr/bin/env bash
# CPU per registry call on each side of the hop (issue 17: through glance-registry, >= 0.7x the direct path).
#   bench/registry-hop.sh [COUNT=3000] [virtual]
# Starts a glance-registry (embedded H2, fresh data dir, JAVA_OPTS -Xmx256m) from this checkout's build and runs
# bench/RegistryHopCost.java against it in a JVM with glance-api's registry client: COUNT whole-image creates, shows
# and lists of 25, after a warm-up of the same size. glance-api's side is the calling thread's own CPU time
# (ThreadMXBean), which other work on the machine barely moves; the registry's side is its process's CPU. With
# `virtual` the calls run on a virtual thread as glance-api's do, and glance-api's side is the whole client JVM's CPU
# and its threads' voluntary context switches (wake-ups) per call.
# Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (default -Xmx256m).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
count=${1:-3000}
mode=${2:-}
case $mode in ''|virtual) ;; *) echo "usage: $0 [COUNT] [virtual]" >&2; exit 2 ;; esac
. "$bench_root/bin/lib/find-jdk.sh"
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
lib="$bench_root/glance-server/target/lib/*"
if ! ls "$bench_root"/glance-server/target/lib/glance-adapters-registry-*.jar >/dev/null 2>&1; then
  (cd "$bench_root" && ./mvnw -q -B -DskipTests package) >&2
fi
work=$(mktemp -d "${BENCH_TMPDIR:-/var/tmp}/glance-bench-hop.XXXXXX")
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
javac -cp "$lib" -d "$work/classes" "$here/RegistryHopCost.java"
rport=$(bench_free_port)
bench_start_registry "$rport" "$work/registry" "$java_opts"
echo "== registry hop: $count calls per operation, $(git -C "$bench_root" log -1 --format=%h 2>/dev/null || echo '?')," \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" $java_opts -cp "$work/classes:$lib" RegistryHopCost "http://127.0.0.1:$rport/" \
  "$REGISTRY_PID" "$count" $mode
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
