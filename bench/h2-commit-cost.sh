#!/usr/bin/env bash
# What glance-api's embedded H2 settings cost per commit, and whether the file and the heap stay bounded over a long
# write run: bench/H2CommitCost.java through glance-api's own database layer, MODE "append" (REUSE_SPACE=FALSE and
# online compaction, what glance-api runs) and "reuse" (the URL before, H2 reusing space) alternated ROUNDS times.
#   bench/h2-commit-cost.sh [SECONDS=120] [ROUNDS=2]
# Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (default -Xmx256m, glance-api's heap in the tests).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
seconds=${1:-120}
rounds=${2:-2}
. "$bench_root/bin/lib/find-jdk.sh"
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
lib="$bench_root/glance-server/target/lib/*"
if ! ls "$bench_root"/glance-server/target/lib/glance-adapters-db-*.jar >/dev/null 2>&1; then
  (cd "$bench_root" && ./mvnw -q -B -DskipTests package) >&2
fi
work=$(mktemp -d "${BENCH_TMPDIR:-/var/tmp}/glance-bench-h2.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes"
javac -cp "$lib" -d "$work/classes" "$here/H2CommitCost.java"
for round in $(seq 1 "$rounds"); do
  for mode in append reuse; do
    rm -rf "$work/db"
    echo "== $mode, round $round, ${seconds} s, $(git -C "$bench_root" log -1 --format=%h 2>/dev/null || echo '?')," \
      "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$JAVA_HOME/bin/java" $java_opts -cp "$work/classes:$lib" H2CommitCost "$work/db" "$mode" "$seconds"
    echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
