#!/usr/bin/env bash
# Uploads and downloads one image through glance-api (-Xmx256m) to a real Swift (Debian's swift, single node,
# tempauth) and a real S3-compatible server (s3proxy), both started here on loopback with the test suite's own
# scripts, and in the same run moves the same file with each store's own command-line client against the same
# servers: `swift upload` / `swift download` (python3-swiftclient; same segment size as our driver, the client's
# default thread counts) and `s3cmd put` / `s3cmd get` (multipart chunk size equal to our part size). Prints for each
# of the four transfers our MiB/s, the CLI's MiB/s and the ratio (ours / CLI), glance-api's CPU seconds per GiB
# (utime + stime from /proc/PID/stat) beside the CLI's own (user + sys of the client process), and glance-api's
# peak RSS. Our downloads are verified bit for bit against the source's sha512.
#
# Usage: bench/remote-stores.sh [SIZE_GIB=1]
# Env:   BENCH_JAVA_OPTS (default -Xmx256m), BENCH_SWIFT_CHUNK_MIB (default 200, Glance's segment size),
#        BENCH_S3_PART_MIB (default 64), BENCH_REMOTE_RUNS (transfers of each kind, best one counts; default 1),
#        GLANCE_API_CMD (another glance-api to measure, e.g. another checkout's bin/glance-api), GLANCE_API_EXTRA_ARGS
#        (more glance-api options, e.g. --obj.s3_store_... to try a driver setting).
# The last lines, "RESULT<TAB>transfer<TAB>ours<TAB>cli<TAB>ratio<TAB>glance cpu s/GiB<TAB>cli cpu s/GiB", are what
# bench/compare.sh (BENCH_REMOTE=1) puts into its table.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$bench_root/bin/lib/test-swift.sh"
. "$bench_root/bin/lib/test-s3proxy.sh"

size_gib=${1:-1}
bytes=$(awk -v g="$size_gib" 'BEGIN { printf "%.0f", g * 1073741824 }')   # decimals allowed: 0.25 for a quick try
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
swift_chunk=${BENCH_SWIFT_CHUNK_MIB:-200}
s3_part=${BENCH_S3_PART_MIB:-64}
runs=${BENCH_REMOTE_RUNS:-1}
tck=$(getconf CLK_TCK)
work=$(mktemp -d /var/tmp/glance-bench-remote.XXXXXX)

cleanup() {
  local status=$?
  set +e
  bench_stop_all
  stop_test_swift
  stop_test_s3proxy
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

bench_need openssl openssl
bench_need curl curl
bench_need swift python3-swiftclient
bench_need s3cmd s3cmd
echo "== glance remote store benchmark: $size_gib GiB ($bytes bytes), glance-api with JAVA_OPTS=$java_opts =="
echo "  before: $(bench_load_note)"
echo "  work dir $work; Swift segments of $swift_chunk MiB (SLO), S3 parts of $s3_part MiB (multipart);"
echo "  best of $runs per transfer; CLIs: $(swift --version 2>&1 | head -n 1), $(s3cmd --version 2>&1 | head -n 1)"

source_file=$work/image.bin
# openssl ends on SIGPIPE when head has enough; that is the expected end, hence the subshell without pipefail.
(set +o pipefail; openssl enc -aes-128-ctr -nosalt -pass pass:glance-bench -in /dev/zero 2>/dev/null \
  | head -c "$bytes" >"$source_file")
source_sha=$(sha512sum "$source_file" | cut -d' ' -f1)
head -c $((64 * 1048576)) "$source_file" >"$work/warm.bin"
echo "  source sha512 ${source_sha:0:32}..."

start_test_swift
start_test_s3proxy "$bench_root"

port=$(bench_free_port)
# Started here rather than with bench_start_glance, which adds --filesystem_store_datadir: with enabled_backends that
# option belongs to a store (fast.filesystem_store_datadir) and glance-api refuses it.
if [ -z "${GLANCE_API_CMD:-}" ] && { ! ls "$bench_root"/glance-server/target/glance-server-*.jar >/dev/null 2>&1 \
    || [ ! -d "$bench_root/plugins-dist/target/plugins" ]; }; then
  bench_log "building glance first (./mvnw -q -B -DskipTests package)..."
  (cd "$bench_root" && ./mvnw -q -B -DskipTests package) >&2
fi
mkdir -p "$work/data" "$work/fast"
# shellcheck disable=SC2086 # GLANCE_API_CMD and GLANCE_API_EXTRA_ARGS are lists of words
JAVA_OPTS=$java_opts ${GLANCE_API_CMD:-$bench_root/bin/glance-api} --api_host 127.0.0.1 --api_port "$port" \
  --data_dir "$work/data" --enabled_backends fast:file,sw:swift,obj:s3 --default_backend fast \
  --fast.filesystem_store_datadir "$work/fast" \
  --sw.swift_store_auth_address "$GLANCE_TEST_SWIFT_AUTH" --sw.swift_store_user test:tester \
  --sw.swift_store_key testing --sw.swift_store_container glance --sw.swift_store_create_container_on_put true \
  --sw.swift_store_large_object_size "$swift_chunk" --sw.swift_store_large_object_chunk_size "$swift_chunk" \
  --obj.s3_store_host "$GLANCE_TEST_S3_ENDPOINT" --obj.s3_store_access_key "$GLANCE_TEST_S3_ACCESS_KEY" \
  --obj.s3_store_secret_key "$GLANCE_TEST_S3_SECRET_KEY" --obj.s3_store_bucket glance \
  --obj.s3_store_create_bucket_on_put true --obj.s3_store_bucket_url_format path \
  --obj.s3_store_large_object_size "$s3_part" --obj.s3_store_large_object_chunk_size "$s3_part" \
  ${GLANCE_API_EXTRA_ARGS:-} >"$work/glance-api.log" 2>&1 &
GLANCE_PID=$!
BENCH_PIDS+=("$GLANCE_PID")
bench_wait_http "http://127.0.0.1:$port/versions" 600 "$GLANCE_PID" || { cat "$work/glance-api.log" >&2; exit 1; }
base=http://127.0.0.1:$port
echo "  glance-api pid $GLANCE_PID on port $port; RSS after start $(bench_kib_to_mib "$(bench_status_kib "$GLANCE_PID" VmRSS)") MiB"

# The clients, against the same two servers. (HOME only now: the s3proxy start above finds its jar under ~/.m2.)
mkdir -p "$work/home"
export HOME=$work/home   # the python clients may write caches under HOME
export ST_AUTH=$GLANCE_TEST_SWIFT_AUTH ST_USER=test:tester ST_KEY=testing
s3cfg=$work/s3cfg
cat >"$s3cfg" <<EOF
[default]
access_key = $GLANCE_TEST_S3_ACCESS_KEY
secret_key = $GLANCE_TEST_S3_SECRET_KEY
host_base = ${GLANCE_TEST_S3_ENDPOINT#http://}
host_bucket = ${GLANCE_TEST_S3_ENDPOINT#http://}
use_https = False
signature_v2 = False
multipart_chunk_size_mb = $s3_part
progress_meter = False
EOF
s3() { s3cmd -c "$s3cfg" "$@"; }
s3 mb s3://cli >/dev/null
swift post cli

# --- helpers ---------------------------------------------------------------------------------------------------------
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
per_gib() { awk -v c="$1" -v b="$bytes" 'BEGIN { printf "%.2f", c / (b / 1073741824) }'; }

# timed OUT CMD...: runs CMD with stdout to OUT and stderr to $work/cmd.err; sets WALL (s), CLIENT_CPU (user + sys s
# of CMD) and SERVER_CPU (glance-api's CPU s meanwhile). Fails the script, showing CMD's errors, when CMD fails.
timed() {
  local out=$1 TIMEFORMAT='%R %U %S' u s c0 c1
  shift
  c0=$(cpu_ticks "$GLANCE_PID")
  if ! { time "$@" >"$out" 2>"$work/cmd.err"; } 2>"$work/time.out"; then
    echo "failed: $*" >&2
    tail -n 20 "$work/cmd.err" >&2
    exit 1
  fi
  c1=$(cpu_ticks "$GLANCE_PID")
  read -r WALL u s <"$work/time.out"
  CLIENT_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
  SERVER_CPU=$(awk -v t=$((c1 - c0)) -v k="$tck" 'BEGIN { printf "%.2f", t / k }')
}

declare -A R C   # R[store.op.who] = best MiB/s, C[...] = CPU s/GiB in that run (glance-api's, or the CLI's own)
# keep KEY CPU_S: records this run's MiB/s and CPU s/GiB under KEY when it beats the best so far.
keep() {
  local rate
  rate=$(bench_mibs "$bytes" "$WALL")
  if awk -v a="$rate" -v b="${R[$1]:-0}" 'BEGIN { exit !(a > b) }'; then
    R[$1]=$rate
    C[$1]=$(per_gib "$2")
  fi
}
create_image() {
  curl -sf -X POST "$base/v2/images" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
glance_upload() { # glance_upload STORE FILE -> prints the image id; WALL etc. as timed sets them
  local id
  id=$(create_image "bench-$1")
  sync -f "$work"
  timed "$work/upload.code" curl -s -o "$work/upload.out" -w '%{http_code}' -X PUT -T "$2" -H 'Expect:' \
    -H 'Content-Type: application/octet-stream' -H "X-Image-Meta-Store: $1" "$base/v2/images/$id/file"
  if [ "$(cat "$work/upload.code")" != 204 ]; then
    echo "upload to $1 failed with $(cat "$work/upload.code"): $(cat "$work/upload.out")" >&2
    tail -20 "$work/glance-api.log" >&2
    exit 1
  fi
  UPLOADED=$id
}

# Not measured: the JVM compiles its hot paths during the first transfers of each driver.
for store in sw obj; do
  glance_upload "$store" "$work/warm.bin"
  curl -sf -o /dev/null "$base/v2/images/$UPLOADED/file"
  curl -sf -o /dev/null -X DELETE "$base/v2/images/$UPLOADED"
done

# --- the transfers ---------------------------------------------------------------------------------------------------
declare -A ID
for run in $(seq 1 "$runs"); do
  for store in sw obj; do
    glance_upload "$store" "$source_file"
    keep "$store.up.glance" "$SERVER_CPU"
    [ -n "${ID[$store]:-}" ] && curl -sf -o /dev/null -X DELETE "$base/v2/images/${ID[$store]}"
    ID[$store]=$UPLOADED
    server_sha=$(curl -sf "$base/v2/images/$UPLOADED" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["os_hash_value"])')
    [ "$server_sha" = "$source_sha" ] || { echo "server sha512 of the $store upload differs from the source" >&2; exit 1; }
    printf '  run %s %-3s glance upload    %8s s  %8s MiB/s  glance-api CPU %s s\n' "$run" "$store" "$WALL" \
      "$(bench_mibs "$bytes" "$WALL")" "$SERVER_CPU"

    timed /dev/null curl -sf -o /dev/null "$base/v2/images/$UPLOADED/file"
    keep "$store.down.glance" "$SERVER_CPU"
    printf '  run %s %-3s glance download  %8s s  %8s MiB/s  glance-api CPU %s s (curl to /dev/null)\n' "$run" \
      "$store" "$WALL" "$(bench_mibs "$bytes" "$WALL")" "$SERVER_CPU"

    sync -f "$work"
    if [ "$store" = sw ]; then
      timed /dev/null swift upload --use-slo --segment-size $((swift_chunk * 1048576)) --object-name "bench-$run" \
        cli "$source_file"
    else
      timed /dev/null s3 put --multipart-chunk-size-mb="$s3_part" "$source_file" "s3://cli/bench-$run"
    fi
    keep "$store.up.cli" "$CLIENT_CPU"
    printf '  run %s %-3s CLI upload       %8s s  %8s MiB/s  client CPU %s s\n' "$run" "$store" "$WALL" \
      "$(bench_mibs "$bytes" "$WALL")" "$CLIENT_CPU"

    if [ "$store" = sw ]; then
      timed /dev/null swift download cli "bench-$run" -o -
    else
      timed /dev/null s3 get "s3://cli/bench-$run" -
    fi
    keep "$store.down.cli" "$CLIENT_CPU"
    printf '  run %s %-3s CLI download     %8s s  %8s MiB/s  client CPU %s s (to /dev/null)\n' "$run" "$store" \
      "$WALL" "$(bench_mibs "$bytes" "$WALL")" "$CLIENT_CPU"
  done
done

for store in sw obj; do
  got_sha=$(curl -sf "$base/v2/images/${ID[$store]}/file" | sha512sum | cut -d' ' -f1)
  [ "$got_sha" = "$source_sha" ] || { echo "download from $store is not bit-identical" >&2; exit 1; }
  echo "  $store download through glance-api verified: sha512 equals the source's"
done

hwm=$(bench_status_kib "$GLANCE_PID" VmHWM)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "== summary ($size_gib GiB, best of $runs; ratio = glance-api / CLI, target >= 1) =="
printf '  %-28s %10s %10s %7s %18s %14s\n' transfer "ours MiB/s" "CLI MiB/s" ratio "glance CPU s/GiB" "CLI CPU s/GiB"
declare -A label=([sw.up]="swift upload (SLO)" [sw.down]="swift download" [obj.up]="s3cmd put (multipart)"
                  [obj.down]="s3cmd get")
results=()
for t in sw.up sw.down obj.up obj.down; do
  r=$(ratio "${R[$t.glance]}" "${R[$t.cli]}")
  printf '  %-28s %10s %10s %7s %18s %14s\n' "${label[$t]}" "${R[$t.glance]}" "${R[$t.cli]}" "$r" "${C[$t.glance]}" \
    "${C[$t.cli]}"
  results+=("$(printf 'RESULT\t%s\t%s\t%s\t%s\t%s\t%s' "${label[$t]}" "${R[$t.glance]}" "${R[$t.cli]}" "$r" \
    "${C[$t.glance]}" "${C[$t.cli]}")")
done
echo "  glance-api peak RSS (VmHWM) $(bench_kib_to_mib "$hwm") MiB with $java_opts"
echo "  CLIs: swift upload with --segment-threads 10 (its default), s3cmd sequential parts (its only mode)"
echo "  after: $(bench_load_note)"
printf '%s\n' "${results[@]}"
