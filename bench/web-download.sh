#!/usr/bin/env bash
# The download phase of a web-download import (from nginx into staging) against curl -o of the same file.
#   bench/web-download.sh [--size 1G] [--runs 2]
# Serves a qcow2 holding SIZE of random data from a throw-away nginx (bin/lib/test-nginx.sh), starts glance-api with
# no import plugin and web-download allowed to that nginx, then RUNS times, each after a sync: a web-download import (disk_format qcow2)
# watched by bench/lib/import-phases.py, whose "download" phase ends when the staged file is published (fetch, caps,
# format inspection, write into staging); the image is deleted after it went active; then curl -o of the same URL into the
# same file system, timed with `time` (user + system). Interleaved, so that both see the same load. Prints wall and CPU seconds per GiB of both.
# Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (-Xmx256m; e.g. add an async-profiler -agentpath).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$here/lib/web-import.sh"
. "$bench_root/bin/lib/test-nginx.sh"

size=1G
runs=2
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "usage: $0 [--size 1G] [--runs 2]" >&2; exit 2 ;;
  esac
  shift
done
bench_need curl curl
bench_need qemu-img qemu-utils
. "$bench_root/bin/lib/find-jdk.sh"
export JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}

bytes=$(numfmt --from=iec "$size")
bench_workdir $((4 * bytes + 1073741824)) glance-bench-webdl
cleanup_all() {
  local rc=$?
  trap - EXIT INT TERM
  bench_stop_all
  stop_test_nginx
  rm -rf "$work"
  exit "$rc"
}
trap cleanup_all EXIT

start_test_nginx
bench_log "making a qcow2 of $size random data..."
head -c "$bytes" /dev/urandom >"$work/source.raw"
qemu-img convert -f raw -O qcow2 "$work/source.raw" "$GLANCE_TEST_HTTP_DOCROOT/image.qcow2"
rm -f "$work/source.raw"
qcow2_bytes=$(stat -c %s "$GLANCE_TEST_HTTP_DOCROOT/image.qcow2")
url="$GLANCE_TEST_HTTP_BASE/image.qcow2"
nginx_port=${GLANCE_TEST_HTTP_BASE##*:}
gib() { awk -v s="$1" -v b="$qcow2_bytes" 'BEGIN { printf "%.2f", s * 1073741824 / b }'; }

port=$(bench_free_port)
GLANCE_API_EXTRA_ARGS="--image_import_opts.image_import_plugins no_op \
  --import_filtering_opts.allowed_hosts 127.0.0.1 --import_filtering_opts.allowed_ports $nginx_port \
  --image_size_cap 64G" \
  bench_start_glance "$port" "$work/data" "$work/store" "$work/glance.log"
api="http://127.0.0.1:$port"
bench_wait_http "$api/versions" 120 "$GLANCE_PID" || { tail -50 "$work/glance.log" >&2; exit 1; }

echo "web-download into staging: qcow2 of $qcow2_bytes bytes ($size of random data), per GiB of it"
TIMEFORMAT='%3R %3U %3S'
for run in $(seq 1 "$runs"); do
  # Dirty pages of what came before (the qcow2 just made, the last run's files) are written back first: a write
  # into the page cache beyond vm.dirty_ratio waits for writeback, which would be charged to whichever ran next.
  sync -f "$work"; sync -f "$GLANCE_TEST_HTTP_DOCROOT"
  id=$(bench_new_qcow2_image "$api" bench-webdl)
  bench_start_phase_sampler "$GLANCE_PID" "$work/data/staging" "$work/store" "$id" "$qcow2_bytes" "$work/phases"
  bench_web_download_import "$api" "$id" "$url" "$work/glance.log"
  bench_stop_phase_sampler
  # The phase line: "download <wall> s wall glance cpu <cpu> s ..."; the next line splits the CPU by thread.
  read -r wall cpu < <(awk '$1 == "download" { print $2, $7; exit }' "$work/phases")
  threads=$(awk '$1 == "download" { getline; sub(/^ +/, ""); print; exit }' "$work/phases")
  echo "  glance-api run $run: $(gib "$wall") s wall, $(gib "$cpu") CPU s per GiB  ($threads)"
  curl -sf -X DELETE "$api/v2/images/$id" >/dev/null
  sync -f "$work"
  { time curl -sf -o "$work/hand.qcow2" "$url"; } 2>"$work/hand.time"
  read -r wall user sys <"$work/hand.time"
  echo "  curl -o    run $run: $(gib "$wall") s wall, $(gib "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')") CPU s per GiB (user $user, system $sys)"
  rm -f "$work/hand.qcow2"
  echo "  $(bench_load_note)"
done
