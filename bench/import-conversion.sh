#!/usr/bin/env bash
# web-download import with image_conversion (qcow2 -> raw) against doing the same by hand.
#   bench/import-conversion.sh [--size 1G|4G] [--hand-runs N] [--no-settle]
# Makes a qcow2 holding SIZE of random data (qemu-img convert of a random raw file; generation is not timed), serves
# it from a throw-away nginx (bin/lib/test-nginx.sh), starts glance-api with image_import_plugins=image_conversion
# (output_format raw) and web-download allowed to that nginx, then times, in this order,
#   by hand (N times): curl -o the qcow2 from the same nginx, then qemu-img convert -f qcow2 -O raw;
#   glance:  POST /v2/images/{id}/import (web-download) until the image is active (download into staging with format
#            inspection, qemu-img info + convert in windows with the digests of each window, the store's fsync);
#   by hand (N times) again. --hand-runs 0 times glance-api alone (to compare builds by CPU seconds and phases).
# Every leg starts from the same state: the previous hand-made files deleted, the served qcow2 read into the page
# cache, then lib/settle.sh's wait until writeback and the disk are idle (a deleted 4 GiB file is discarded for
# seconds after its unlink, on this VM's ext4 mounted with `discard`). --no-settle only syncs before each leg, as
# before, to see what the settling changes. Prints each leg, the glance time's ratio to the hand-made legs' median,
# and to each. Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (-Xmx256m), BENCH_SETTLE_DIRTY_MIB,
# BENCH_SETTLE_MAX_S (lib/settle.sh), BENCH_KEEP_LOG (a file to copy glance-api's log to), GLANCE_API_CMD (another
# build's bin/glance-api).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$here/lib/web-import.sh"
. "$here/lib/page-cache.sh"
. "$here/lib/settle.sh"
. "$bench_root/bin/lib/test-nginx.sh"

size=1G
hand_runs=1
settle=1
usage() { echo "usage: $0 [--size 1G|4G] [--hand-runs N] [--no-settle]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --size) [ $# -ge 2 ] || usage; size=$2; shift ;;
    --hand-runs) [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || usage; hand_runs=$2; shift ;;
    --no-settle) settle= ;;
    *) usage ;;
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

# leg_ended: notes the disk's and the page cache's counters where a leg (or the making of the qcow2) ended, for the
# next settle's account of what came after it.
leg_ended() { leg_end=$(bench_io_sample "$(bench_disk_stat "$work")"); }

start_test_nginx
bytes=$(numfmt --from=iec "$size")
bench_log "making a qcow2 of $size random data..."
head -c "$bytes" /dev/urandom >"$work/source.raw"
qemu-img convert -f raw -O qcow2 "$work/source.raw" "$GLANCE_TEST_HTTP_DOCROOT/image.qcow2"
rm -f "$work/source.raw"
qcow2_bytes=$(stat -c %s "$GLANCE_TEST_HTTP_DOCROOT/image.qcow2")
source_file=$GLANCE_TEST_HTTP_DOCROOT/image.qcow2
leg_ended
url="$GLANCE_TEST_HTTP_BASE/image.qcow2"
nginx_port=${GLANCE_TEST_HTTP_BASE##*:}

# prepare_leg LABEL: the same starting state for every leg. The hand-made files of the leg before are deleted, the
# served qcow2 is read into the page cache (nginx serves it from there in every leg; this guest's DAMON pages idle
# file pages out after about a minute), then the dirty pages go to disk and the script waits until the disk is idle.
prepare_leg() {
  rm -f "$work/hand.qcow2" "$work/hand.raw"
  bench_cache_warm "$source_file"
  if [ -n "$settle" ]; then
    bench_settle "$work" "before $1" "$leg_end" | tee -a "$work/settle" >&2
  else
    sync -f "$work"
    echo "  before $1: sync only (--no-settle)" | tee -a "$work/settle" >&2
  fi
}

hand_walls=() hand_syncs=() hand_lines=()
# hand_leg LABEL: curl -o + qemu-img convert, timed; appends to hand_walls, hand_syncs and hand_lines
hand_leg() {
  local start end wall curl_s cpu synced
  prepare_leg "$1"
  start=$(bench_now_ns)
  TIMEFORMAT='%3U %3S'
  { time {
    curl -sf -o "$work/hand.qcow2" "$url"
    curl_s=$(bench_secs "$start" "$(bench_now_ns)")
    qemu-img convert -f qcow2 -O raw "$work/hand.qcow2" "$work/hand.raw"
  }; } 2>"$work/hand.time"
  end=$(bench_now_ns)
  wall=$(bench_secs "$start" "$end")
  cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$work/hand.time")
  # Neither curl nor qemu-img convert (its default output cache mode is "unsafe") syncs what it wrote; the store must.
  sync "$work/hand.raw"
  synced=$(bench_secs "$start" "$(bench_now_ns)")
  leg_ended
  hand_walls+=("$wall") hand_syncs+=("$synced")
  hand_lines+=("$(printf '  %-34s %8s s (curl %s s), + sync %s s, CPU s %s  [%s]' "by hand, $1:" "$wall" "$curl_s" \
    "$synced" "$cpu" "$(bench_load_note)")")
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for i in $(seq 1 "$hand_runs"); do hand_leg "leg $i (before glance-api)"; done

port=$(bench_free_port)
GLANCE_API_EXTRA_ARGS="--image_import_opts.image_import_plugins image_conversion \
  --image_conversion.output_format raw --import_filtering_opts.allowed_hosts 127.0.0.1 \
  --import_filtering_opts.allowed_ports $nginx_port --image_size_cap 64G" \
  bench_start_glance "$port" "$work/data" "$work/store" "$work/glance.log"
api="http://127.0.0.1:$port"
bench_wait_http "$api/versions" 120 "$GLANCE_PID" || { tail -50 "$work/glance.log" >&2; exit 1; }

id=$(bench_new_qcow2_image "$api" bench-convert)
prepare_leg "glance-api"
bench_start_phase_sampler "$GLANCE_PID" "$work/data/staging" "$work/store" "$id" "$bytes" "$work/phases"
start=$(bench_now_ns)
bench_web_download_import "$api" "$id" "$url" "$work/glance.log"
end=$(bench_now_ns)
leg_ended
glance_s=$(bench_secs "$start" "$end")
glance_load=$(bench_load_note)
bench_stop_phase_sampler
image=$(curl -sf "$api/v2/images/$id")
# The task ends after the image is active: it deletes the staged qcow2 then (outside the timed part). Waited for, so
# that glance-api is not stopped in the middle of it.
task=unknown
for _ in $(seq 1 600); do
  task=$(curl -sf "$api/v2/images/$id/tasks" | python3 -c 'import json,sys; t=json.load(sys.stdin)["tasks"]; print(t[0]["status"] if t else "none")') || task=unknown
  case $task in success|failure) break ;; esac
  sleep 0.2
done
task_s=$(bench_secs "$end" "$(bench_now_ns)")
bench_stop_all
[ -z "${BENCH_KEEP_LOG:-}" ] || cp "$work/glance.log" "$BENCH_KEEP_LOG"
# glance-api's own CPU seconds (user + system, its children included) over the import, from the sampler's phases.
glance_cpu=$(awk '{ for (i = 1; i <= NF; i++) if ($i == "cpu") c += $(i + 1) } END { printf "%.2f", c }' "$work/phases")

for i in $(seq 1 "$hand_runs"); do hand_leg "leg $(( hand_runs + i )) (after glance-api)"; done

echo "web-download import with conversion to raw: $size of random data, qcow2 of $qcow2_bytes bytes"
echo "  image: $(echo "$image" | python3 -c 'import json,sys; i=json.load(sys.stdin); print("disk_format", i["disk_format"], "size", i["size"], "virtual_size", i["virtual_size"])')"
echo "  before each leg (the previous hand-made files deleted, the served qcow2 read, then writeback and the disk idle):"
sed 's/^/  /' "$work/settle"
echo "  legs in the order they ran (CPU s: user + system; glance-api's include qemu-img, the hand-made ones curl +"
echo "  qemu-img; nginx's CPU is in neither):"
[ "$hand_runs" -eq 0 ] || printf '%s\n' "${hand_lines[@]:0:hand_runs}"
printf '  %-34s %8s s, CPU s %s; import task %s %s s after active (the staged qcow2 deleted)  [%s]\n' \
  "glance-api (web-download, image_conversion, store write):" "$glance_s" "$glance_cpu" "$task" "$task_s" "$glance_load"
[ "$hand_runs" -eq 0 ] || printf '%s\n' "${hand_lines[@]:hand_runs}"
if [ "$hand_runs" -gt 0 ]; then
  hand_median=$(median "${hand_walls[@]}")
  hand_sync_median=$(median "${hand_syncs[@]}")
  echo "  by hand, median of ${#hand_walls[@]}: $hand_median s, + sync $hand_sync_median s"
  awk -v g="$glance_s" -v h="$hand_median" 'BEGIN { printf "  ratio glance / median by hand: %.2f\n", g / h }'
  awk -v g="$glance_s" -v h="$hand_sync_median" 'BEGIN { printf "  ratio glance / median by hand + sync: %.2f\n", g / h }'
  printf '  ratio glance / each by hand:'
  for w in "${hand_walls[@]}"; do awk -v g="$glance_s" -v h="$w" 'BEGIN { printf " %.2f", g / h }'; done
  echo
fi
echo "  glance-api's phases (sampled from /proc and the directories every 50 ms):"
cat "$work/phases"
echo "  $(bench_load_note)"
