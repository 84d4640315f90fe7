#!/usr/bin/env bash
# The clients' part of issue 17, alone and quicker than compare.sh: this project's glance-api on loopback, then
#   upload of SIZE GiB:   curl -T (the reference) vs bin/glance upload (the Java client)
#   download + verify:    curl | sha512sum (the reference) vs bin/glance download (verifies os_hash_value, sha512)
#   cold start:           bin/glance show, a new JVM each time (start-up archive: JDK 25's AOT cache, trained before
#                         the runs, or the class-data sharing archive written by the first run)
#   the library alone:    GlanceClient upload and verified download in one warm JVM (bench/ClientTransferCost.java),
#                         i.e. the transfer without the CLI's JVM start, against the same curl medians
# each RUNS times (median printed), with the ratios the issue asks for (upload >= 0.95x curl, download >= 0.9x
# curl | sha512sum, show <= 0.6 s).
#   bench/client.sh [SIZE_GIB] [RUNS]     defaults: 1 3
# Environment: BENCH_TMPDIR, BENCH_JAVA_OPTS (glance-api's, default -Xmx256m), CLIENT_JAVA_OPTS (bin/glance's JAVA_OPTS,
# e.g. -XX:StartFlightRecording=filename=/tmp/client.jfr to profile), GLANCE_API_CMD.
# The machine may be shared: the load average is printed before and after; only a quiet run is a result.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$bench_root/bin/lib/find-jdk.sh"

size=${1:-1}
runs=${2:-3}
bytes=$(awk -v g="$size" 'BEGIN { printf "%.0f", g * 1073741824 }')
bench_need curl curl
bench_need openssl openssl
bench_need sha512sum coreutils
bench_workdir $(( 3 * bytes + 1073741824 )) glance-client-bench
glance=("$bench_root/bin/glance")
export JAVA_OPTS=${CLIENT_JAVA_OPTS:-}
bench_glance_cli_ready   # bin/glance's start-up cache is trained before anything is measured

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
line() { printf '  %-44s %s\n' "$1" "$2"; }
create_image() {
  curl -sS -X POST "$base/v2/images" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$1\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
hash_of() { curl -sS "$base/v2/images/$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["os_hash_value"])'; }
# timed CMD...: runs CMD (output dropped) and prints "wall_s cpu_s", CPU = user + sys of everything it started
timed() {
  local TIMEFORMAT='%R %U %S' r u s
  read -r r u s < <({ time "$@" >/dev/null 2>"$work/timed.err"; } 2>&1) || true
  [ -n "$r" ] || { cat "$work/timed.err" >&2; return 1; }
  echo "$r $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')"
}
cpu_gib() { awk -v c="$1" -v b="$bytes" 'BEGIN { printf "%.2f", c / (b / 1073741824) }'; }

echo "== bench/client.sh: Java client vs curl, $size GiB, $runs runs each (median) =="
echo "  $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); before: $(bench_load_note)"
data=$work/data.bin
openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 \
  < /dev/zero 2>/dev/null | head -c "$bytes" > "$data" || true
sha=$(sha512sum "$data" | cut -d' ' -f1)

port=$(bench_free_port)
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m} bench_start_glance "$port" "$work/data" "$work/store" "$work/glance-api.log"
base=http://127.0.0.1:$port
bench_wait_http "$base/versions" 600 "$GLANCE_PID" || { tail -n 50 "$work/glance-api.log" >&2; exit 1; }
"${glance[@]}" --url "$base" index >/dev/null   # without an AOT cache, writes the dynamic CDS archive

# one warm-up round of each, not counted
id=$(create_image warm); curl -sS -o /dev/null -T "$data" -X PUT -H 'Content-Type: application/octet-stream' \
  -H 'Expect:' "$base/v2/images/$id/file"
ref=$id

curl_up() { curl -sS -o /dev/null -T "$data" -X PUT -H 'Content-Type: application/octet-stream' -H 'Expect:' \
  "$base/v2/images/$1/file"; }
curl_down() { curl -sS "$base/v2/images/$ref/file" | sha512sum | cut -d' ' -f1 > "$work/got"; }
declare -A W C   # W[key] = MiB/s of each run, C[key] = client CPU s/GiB of each run
record() { # record KEY "wall cpu"
  local wall cpu; read -r wall cpu <<<"$2"
  W[$1]+="$(bench_mibs "$bytes" "$wall") "; C[$1]+="$(cpu_gib "$cpu") "
}
for i in $(seq 1 "$runs"); do
  sync -f "$work"
  id=$(create_image "curl-$i"); record up.curl "$(timed curl_up "$id")"
  curl -sS -o /dev/null -X DELETE "$base/v2/images/$id"
  sync -f "$work"
  id=$(create_image "java-$i"); record up.java "$(timed "${glance[@]}" --url "$base" upload "$id" "$data")"
  [ "$(hash_of "$id")" = "$sha" ] || { echo "bin/glance upload: os_hash_value differs" >&2; exit 1; }
  curl -sS -o /dev/null -X DELETE "$base/v2/images/$id"
  record down.curl "$(timed curl_down)"
  [ "$(cat "$work/got")" = "$sha" ] || { echo "curl | sha512sum: digest differs" >&2; exit 1; }
  record down.java "$(timed "${glance[@]}" --url "$base" download "$ref" /dev/null)"
  read -r wall _ <<<"$(timed "${glance[@]}" --url "$base" show "$ref")"; W[show]+="$wall "
done

# The library in one JVM: one warm-up round, then RUNS uploads and downloads (to /dev/null, verified), each line
# "up|down wall_s cpu_s MiB/s cpu_s_per_gib" with the CPU of the whole JVM (every thread) during that transfer.
mkdir -p "$work/classes"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$bench_root/glance-cli/target/lib/*" "$here/ClientTransferCost.java"
"$JAVA_HOME/bin/java" ${CLIENT_JAVA_OPTS:-} -cp "$work/classes:$bench_root/glance-cli/target/lib/*" \
  ClientTransferCost "$base" "$data" "$runs" > "$work/library.txt"
while read -r what _ cpu mibs _; do
  W[lib.$what]+="$mibs "; C[lib.$what]+="$(cpu_gib "$cpu") "
done < "$work/library.txt"

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
echo
echo "  MiB/s = bytes / 1048576 / wall seconds of the command; CPU = user + sys of the client's processes per GiB"
for k in up.curl up.java lib.up down.curl down.java lib.down; do
  case $k in
    up.curl) label="upload, curl -T" ;; up.java) label="upload, bin/glance upload" ;;
    down.curl) label="download+verify, curl | sha512sum" ;; down.java) label="download+verify, bin/glance download" ;;
    lib.up) label="upload, GlanceClient.upload (warm JVM)" ;;
    lib.down) label="download+verify, GlanceClient (warm JVM)" ;;
  esac
  line "$label" "$(med "${W[$k]}") MiB/s, client CPU $(med "${C[$k]}") s/GiB  (runs: ${W[$k]}/ ${C[$k]})"
done
line "cold start to a show, bin/glance show" "$(med "${W[show]}") s  (runs: ${W[show]})"
echo
line "upload: bin/glance x curl" "$(ratio "$(med "${W[up.java]}")" "$(med "${W[up.curl]}")")  (target >= 0.95)"
line "download+verify: bin/glance x curl|sha512sum" \
  "$(ratio "$(med "${W[down.java]}")" "$(med "${W[down.curl]}")")  (target >= 0.9)"
line "cold show" "$(med "${W[show]}") s  (target <= 0.6)"
line "upload: library x curl" "$(ratio "$(med "${W[lib.up]}")" "$(med "${W[up.curl]}")")  (no JVM start)"
line "download+verify: library x curl|sha512sum" \
  "$(ratio "$(med "${W[lib.down]}")" "$(med "${W[down.curl]}")")  (no JVM start)"
echo "  after: $(bench_load_note)"
