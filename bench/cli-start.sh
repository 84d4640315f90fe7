#!/usr/bin/env bash
# Issue 17's "CLI cold start to a show": a new process answering `show ID` against this project's glance-api on
# loopback, each run timed for wall seconds and CPU seconds (user + sys of every process it started, from bash's
# `time`; the figure to trust on a busy machine). Prints, with the load average before and after:
#   first run     bin/glance show with its start-up archive dropped first (the run that writes it again, or with
#                 JDK 25 starts the AOT cache's training in the background; the timed runs wait for that to end)
#   bin/glance    bin/glance show, RUNS times (median and each run)
#   java alone    the same JVM command bin/glance ends in, without the script (what bash and the JDK probe add)
#   --help        bin/glance --help (picocli's model of every command, no HTTP)
#   glanceclient  python-glanceclient's `glance image-show ID` (if `glance` is installed), RUNS times
# and the ratio bin/glance / 0.6 s (the target) and bin/glance / glanceclient.
#   bench/cli-start.sh [RUNS]     default 5; takes well under a minute on a quiet machine
# Environment: BENCH_TMPDIR, BENCH_JAVA_OPTS (glance-api's, default -Xmx256m), CLIENT_JAVA_OPTS (bin/glance's
# JAVA_OPTS), GLANCE_API_CMD.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$bench_root/bin/lib/find-jdk.sh"

runs=${1:-5}
bench_need curl curl
bench_workdir 268435456 glance-cli-start-bench
export HOME=$work/home   # python-glanceclient writes caches under HOME
mkdir -p "$HOME"
glance=("$bench_root/bin/glance")
export JAVA_OPTS=${CLIENT_JAVA_OPTS:-}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
line() { printf '  %-34s %s\n' "$1" "$2"; }
# timed CMD...: runs CMD (output dropped) and prints "wall_s cpu_s"; fails (showing its stderr) when CMD does
timed() {
  local TIMEFORMAT='%R %U %S' r u s rc=0
  { time "$@" >/dev/null 2>"$work/timed.err"; } 2>"$work/timed.time" || rc=$?
  read -r r u s <"$work/timed.time" || true
  [ "$rc" -eq 0 ] && [ -n "$r" ] || { bench_log "failed ($rc): $*"; cat "$work/timed.err" >&2; return 1; }
  echo "$r $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')"
}
declare -A W C   # W[key] = wall s of each run, C[key] = CPU s of each run
record() { local wall cpu; read -r wall cpu <<<"$2"; W[$1]+="$wall "; C[$1]+="$cpu "; }
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
report() { line "$2" "$(med "${W[$1]}") s wall, $(med "${C[$1]}") CPU s  (runs: ${W[$1]}/ ${C[$1]})"; }

echo "== bench/cli-start.sh: cold start to the answer of a show, $runs runs each (median) =="
echo "  $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); before: $(bench_load_note)"

port=$(bench_free_port)
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m} bench_start_glance "$port" "$work/data" "$work/store" "$work/glance-api.log"
base=http://127.0.0.1:$port
bench_wait_http "$base/versions" 600 "$GLANCE_PID" || { tail -n 50 "$work/glance-api.log" >&2; exit 1; }
id=$(curl -sS -X POST "$base/v2/images" -H 'Content-Type: application/json' \
  -d '{"name": "cold-start", "disk_format": "raw", "container_format": "bare", "os_distro": "cirros"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
head -c 1048576 /dev/urandom | curl -sS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' \
  --data-binary @- "$base/v2/images/$id/file"
"${glance[@]}" --url "$base" show "$id" >/dev/null   # builds glance-cli if needed

# The first run after a build: no start-up archive yet (bin/glance writes it at this run's exit).
rm -f "$bench_root"/glance-cli/target/glance-cli.jsa "$bench_root"/glance-cli/target/glance-cli.aot*
record first "$(timed "${glance[@]}" --url "$base" show "$id")"
# bin/glance trains its AOT cache in the background (about 6 CPU s): the timed runs neither compete with the training
# nor run before the cache is there.
for i in $(seq 1 600); do
  compgen -G "$bench_root/glance-cli/target/glance-cli.aot.*.tmp*" >/dev/null || break
  sleep 0.5
done
"${glance[@]}" --url "$base" show "$id" >/dev/null
archive="none (the JDK's own only)"
if [ -f "$bench_root/glance-cli/target/glance-cli.aot" ]; then
  archive="AOT cache glance-cli.aot"
elif [ -f "$bench_root/glance-cli/target/glance-cli.jsa" ]; then
  archive="dynamic CDS archive glance-cli.jsa"
fi

# The JVM command bin/glance runs, from bash's trace of it (its exec line, quoted as shell input) for "java alone".
java_cmd=$(bash -x "${glance[0]}" --url "$base" show "$id" 2>&1 >/dev/null | sed -n 's/^+ exec //p' | tail -n 1)
for i in $(seq 1 "$runs"); do
  record show "$(timed "${glance[@]}" --url "$base" show "$id")"
  [ -z "$java_cmd" ] || record java "$(timed eval "$java_cmd")"
  record help "$(timed "${glance[@]}" --help)"
done
pyglance=()
if command -v glance >/dev/null 2>&1; then
  pyglance=(env OS_IMAGE_URL="$base" OS_AUTH_TOKEN=none OS_IMAGE_API_VERSION=2 glance)
  "${pyglance[@]}" image-show "$id" >/dev/null
  for i in $(seq 1 "$runs"); do record py "$(timed "${pyglance[@]}" image-show "$id")"; done
fi

echo
report first "first run (archive dropped)"
line "start-up archive of the runs below" "$archive"
report show "bin/glance show"
[ -z "$java_cmd" ] || report java "java alone (bin/glance's command)"
report help "bin/glance --help"
[ ${#pyglance[@]} -eq 0 ] || report py "glanceclient image-show"
echo
line "bin/glance show / 0.6 s target" "$(ratio "$(med "${W[show]}")" 0.6)  (<= 1.00 reaches it)"
[ ${#pyglance[@]} -eq 0 ] || line "bin/glance show / glanceclient" \
  "wall $(ratio "$(med "${W[show]}")" "$(med "${W[py]}")"), CPU $(ratio "$(med "${C[show]}")" "$(med "${C[py]}")")"
echo "  after: $(bench_load_note)"
