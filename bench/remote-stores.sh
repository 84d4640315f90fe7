#!/usr/bin/env bash
# Uploads and downloads one image through glance-api (-Xmx256m) to a real Swift (Debian's swift, single node,
# tempauth) and a real S3-compatible server (s3proxy), both started here on loopback with the test suite's own
# scripts, and prints MiB/s for each transfer and the server's peak RSS. The downloads are verified bit for bit
# against the source's sha512.
#
# Usage: bench/remote-stores.sh [SIZE_GIB=6]
# Env:   BENCH_JAVA_OPTS (default -Xmx256m), BENCH_SWIFT_CHUNK_MIB (default 200, Glance's segment size),
#        BENCH_S3_PART_MIB (default 64; Glance's default of 10 MiB makes 600+ parts of a 6 GiB image)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/common.sh"
. "$bench_root/bin/lib/test-swift.sh"
. "$bench_root/bin/lib/test-s3proxy.sh"

size_gib=${1:-6}
bytes=$(( size_gib * 1024 * 1024 * 1024 ))
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
swift_chunk=${BENCH_SWIFT_CHUNK_MIB:-200}
s3_part=${BENCH_S3_PART_MIB:-64}
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
echo "== glance remote store benchmark: $size_gib GiB ($bytes bytes), glance-api with JAVA_OPTS=$java_opts =="
echo "  before: $(bench_load_note)"
echo "  work dir $work; Swift segments of $swift_chunk MiB (SLO), S3 parts of $s3_part MiB (multipart)"

source_file=$work/image.bin
# openssl ends on SIGPIPE when head has enough; that is the expected end, hence the subshell without pipefail.
(set +o pipefail; openssl enc -aes-128-ctr -nosalt -pass pass:glance-bench -in /dev/zero 2>/dev/null \
  | head -c "$bytes" >"$source_file")
source_sha=$(sha512sum "$source_file" | cut -d' ' -f1)
echo "  source sha512 ${source_sha:0:32}..."

start_test_swift
start_test_s3proxy "$bench_root"

port=$(bench_free_port)
GLANCE_API_EXTRA_ARGS="--enabled_backends fast:file,sw:swift,obj:s3 --default_backend fast
  --fast.filesystem_store_datadir $work/fast
  --sw.swift_store_auth_address $GLANCE_TEST_SWIFT_AUTH --sw.swift_store_user test:tester --sw.swift_store_key testing
  --sw.swift_store_container glance --sw.swift_store_create_container_on_put true
  --sw.swift_store_large_object_size $swift_chunk --sw.swift_store_large_object_chunk_size $swift_chunk
  --obj.s3_store_host $GLANCE_TEST_S3_ENDPOINT --obj.s3_store_access_key $GLANCE_TEST_S3_ACCESS_KEY
  --obj.s3_store_secret_key $GLANCE_TEST_S3_SECRET_KEY --obj.s3_store_bucket glance
  --obj.s3_store_create_bucket_on_put true --obj.s3_store_bucket_url_format path
  --obj.s3_store_large_object_size $s3_part --obj.s3_store_large_object_chunk_size $s3_part" \
  JAVA_OPTS=$java_opts bench_start_glance "$port" "$work/data" "$work/fast" "$work/glance-api.log"
bench_wait_http "http://127.0.0.1:$port/versions" 120 "$GLANCE_PID" || { cat "$work/glance-api.log" >&2; exit 1; }
base=http://127.0.0.1:$port
echo "  glance-api pid $GLANCE_PID on port $port; RSS after start $(bench_kib_to_mib "$(bench_status_kib "$GLANCE_PID" VmRSS)") MiB"

declare -A up down
for store in sw obj; do
  id=$(curl -sf -X POST "$base/v2/images" -H 'Content-Type: application/json' \
        -d "{\"name\":\"bench-$store\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  t0=$(bench_now_ns)
  code=$(curl -s -o "$work/upload.out" -w '%{http_code}' -X PUT -T "$source_file" -H 'Expect:' \
          -H 'Content-Type: application/octet-stream' -H "X-Image-Meta-Store: $store" "$base/v2/images/$id/file")
  t1=$(bench_now_ns)
  if [ "$code" != 204 ]; then
    echo "upload to $store failed with $code: $(cat "$work/upload.out")" >&2
    tail -20 "$work/glance-api.log" >&2
    exit 1
  fi
  server_sha=$(curl -sf "$base/v2/images/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["os_hash_value"])')
  [ "$server_sha" = "$source_sha" ] || { echo "server sha512 of $store upload differs from the source" >&2; exit 1; }
  up[$store]=$(bench_mibs "$bytes" "$(bench_secs "$t0" "$t1")")
  printf '  %-6s upload   %9s s  %8s MiB/s  (sized PUT, server os_hash_value = source sha512)\n' \
    "$store" "$(bench_secs "$t0" "$t1")" "${up[$store]}"

  t0=$(bench_now_ns)
  curl -sf "$base/v2/images/$id/file" -o /dev/null
  t1=$(bench_now_ns)
  down[$store]=$(bench_mibs "$bytes" "$(bench_secs "$t0" "$t1")")
  printf '  %-6s download %9s s  %8s MiB/s  (curl to /dev/null)\n' "$store" "$(bench_secs "$t0" "$t1")" "${down[$store]}"

  got_sha=$(curl -sf "$base/v2/images/$id/file" | sha512sum | cut -d' ' -f1)
  [ "$got_sha" = "$source_sha" ] || { echo "download from $store is not bit-identical" >&2; exit 1; }
  echo "  $store download verified: sha512 equals the source's"
done

hwm=$(bench_status_kib "$GLANCE_PID" VmHWM)
echo
echo "== summary ($size_gib GiB) =="
echo "  Swift (SLO) upload ${up[sw]} MiB/s, download ${down[sw]} MiB/s"
echo "  S3 (multipart) upload ${up[obj]} MiB/s, download ${down[obj]} MiB/s"
echo "  glance-api peak RSS (VmHWM) $(bench_kib_to_mib "$hwm") MiB with $java_opts"
echo "  after: $(bench_load_note)"
