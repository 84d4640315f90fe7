#!/usr/bin/env bash
# web-download import with image_conversion (qcow2 -> raw) against doing the same by hand.
#   bench/import-conversion.sh [--size 1G|4G]
# Makes a qcow2 holding SIZE of random data (qemu-img convert of a random raw file; generation is not timed), serves
# it from a throw-away nginx (bin/lib/test-nginx.sh), starts glance-api with image_import_plugins=image_conversion
# (output_format raw) and web-download allowed to that nginx, then times
#   glance:  POST /v2/images/{id}/import (web-download) until the image is active (download into staging with format
#            inspection and digests, qemu-img info + convert, write of the raw data to the filesystem store with md5
#            and sha512);
#   by hand: curl -o the qcow2 from the same nginx, then qemu-img convert -f qcow2 -O raw.
# Prints both times and their ratio. Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (-Xmx256m).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$here/lib/web-import.sh"
. "$bench_root/bin/lib/test-nginx.sh"

size=1G
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift ;;
    *) echo "usage: $0 [--size 1G|4G]" >&2; exit 2 ;;
  esac
  shift
done
bench_need curl curl
bench_need qemu-img qemu-utils
bench_need prlimit util-linux
. "$bench_root/bin/lib/find-jdk.sh"
export JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}

tmp_base=${BENCH_TMPDIR:-/var/tmp}
mkdir -p "$tmp_base"
work=$(mktemp -d "$tmp_base/glance-bench-convert.XXXXXX")
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bench_stop_all
  stop_test_nginx
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_test_nginx
bytes=$(numfmt --from=iec "$size")
bench_log "making a qcow2 of $size random data..."
head -c "$bytes" /dev/urandom >"$work/source.raw"
qemu-img convert -f raw -O qcow2 "$work/source.raw" "$GLANCE_TEST_HTTP_DOCROOT/image.qcow2"
rm -f "$work/source.raw"
qcow2_bytes=$(stat -c %s "$GLANCE_TEST_HTTP_DOCROOT/image.qcow2")
# The qcow2 just made (and the random file before it) is several GiB of dirty pages: written back now, so that the
# download into staging does not wait on that writeback (a write beyond vm.dirty_ratio does), as the hand-made run,
# which starts after a sync, does not.
sync -f "$GLANCE_TEST_HTTP_DOCROOT"; sync -f "$work"
url="$GLANCE_TEST_HTTP_BASE/image.qcow2"
nginx_port=${GLANCE_TEST_HTTP_BASE##*:}

port=$(bench_free_port)
GLANCE_API_EXTRA_ARGS="--image_import_opts.image_import_plugins image_conversion \
  --image_conversion.output_format raw --import_filtering_opts.allowed_hosts 127.0.0.1 \
  --import_filtering_opts.allowed_ports $nginx_port --image_size_cap 64G" \
  bench_start_glance "$port" "$work/data" "$work/store" "$work/glance.log"
api="http://127.0.0.1:$port"
bench_wait_http "$api/versions" 120 "$GLANCE_PID" || { tail -50 "$work/glance.log" >&2; exit 1; }

id=$(bench_new_qcow2_image "$api" bench-convert)
bench_start_phase_sampler "$GLANCE_PID" "$work/data/staging" "$work/store" "$id" "$bytes" "$work/phases"
start=$(bench_now_ns)
bench_web_download_import "$api" "$id" "$url" "$work/glance.log"
end=$(bench_now_ns)
glance_s=$(bench_secs "$start" "$end")
bench_stop_phase_sampler
image=$(curl -sf "$api/v2/images/$id")
bench_stop_all

# glance-api's own CPU seconds (user + system, its children included) over the import, from the sampler's phases.
glance_cpu=$(awk '{ for (i = 1; i <= NF; i++) if ($i == "cpu") c += $(i + 1) } END { printf "%.2f", c }' "$work/phases")
# The import's dirty pages go to disk first, so that the hand-made run does not pay for them.
sync -f "$work"
start=$(bench_now_ns)
TIMEFORMAT='%3U %3S'
{ time {
  curl -sf -o "$work/hand.qcow2" "$url"
  curl_s=$(bench_secs "$start" "$(bench_now_ns)")
  qemu-img convert -f qcow2 -O raw "$work/hand.qcow2" "$work/hand.raw"
}; } 2>"$work/hand.time"
end=$(bench_now_ns)
hand_s=$(bench_secs "$start" "$end")
hand_cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$work/hand.time")
# Neither curl nor qemu-img convert (its default output cache mode is "unsafe") syncs what it wrote; the store must.
sync "$work/hand.raw"
hand_sync_s=$(bench_secs "$start" "$(bench_now_ns)")

echo "web-download import with conversion to raw: $size of random data, qcow2 of $qcow2_bytes bytes"
echo "  image: $(echo "$image" | python3 -c 'import json,sys; i=json.load(sys.stdin); print("disk_format", i["disk_format"], "size", i["size"], "virtual_size", i["virtual_size"])')"
echo "  glance-api (web-download + image_conversion + store write): $glance_s s"
echo "  by hand (curl -o + qemu-img convert):                       $hand_s s (curl $curl_s s)"
echo "  by hand, then sync of the raw file (what the store promises): $hand_sync_s s"
awk -v g="$glance_s" -v h="$hand_s" 'BEGIN { printf "  ratio glance / by hand: %.2f\n", g / h }'
awk -v g="$glance_s" -v h="$hand_sync_s" 'BEGIN { printf "  ratio glance / by hand + sync: %.2f\n", g / h }'
echo "  CPU seconds (user + system): glance-api $glance_cpu (qemu-img included), by hand $hand_cpu (curl + qemu-img;" \
  "nginx's CPU is in neither)"
echo "  glance-api's phases (sampled from /proc and the directories every 50 ms):"
cat "$work/phases"
echo "  $(bench_load_note)"
