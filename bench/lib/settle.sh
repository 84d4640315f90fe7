# Sourced by the bench scripts: waits until the page cache's writeback and the disk under a folder are idle, so that
# each timed leg of a comparison starts from the same state instead of paying for what the leg before it left behind.
# On this VM's ext4 (mounted with `discard`) deleting a large file is not over when rm or unlink returns: the freed
# extents are discarded after the journal commits, and a write beyond vm.dirty_ratio waits for earlier dirty pages to
# be written back. Needs common.sh (bench_log).

# bench_disk_stat DIR -> the /sys/class/block/*/stat file of the block device holding DIR (empty when there is none,
# e.g. on tmpfs or overlayfs)
bench_disk_stat() {
  local source
  source=$(findmnt -no SOURCE -T "$1" 2>/dev/null) || return 0
  source=/sys/class/block/$(basename "$source")/stat
  [ -r "$source" ] && printf '%s\n' "$source"
  return 0
}

# bench_io_sample STAT -> "DIRTY_KIB WRITEBACK_KIB IN_FLIGHT IO_TICKS_MS SECTORS_WRITTEN SECTORS_DISCARDED" now
# (Documentation/block/stat.rst: fields 7, 9, 10 and 14; a kernel without discard fields reports 0 discarded)
bench_io_sample() {
  local dirty writeback
  read -r dirty writeback < <(awk '/^Dirty:/ { d = $2 } /^Writeback:/ { w = $2 } END { print d, w }' /proc/meminfo)
  if [ -n "$1" ]; then
    awk -v d="$dirty" -v w="$writeback" '{ print d, w, $9, $10, $7, (NF >= 14 ? $14 : 0) }' "$1"
  else
    echo "$dirty $writeback 0 0 0 0"
  fi
}

# bench_settle DIR LABEL [SINCE]: writes DIR's file system back (sync -f), then waits until, for one second in a row, the
# page cache holds at most BENCH_SETTLE_DIRTY_MIB (default 64) of dirty and writeback pages, the disk has no request
# in flight at each 0.25 s sample and was busy (io_ticks) at most 10 % of that second. Gives up after
# BENCH_SETTLE_MAX_S (default 180) seconds, saying so: other work on a shared machine may keep the disk busy. Prints
# one line on stdout: how long it waited and what the disk did since SINCE (a bench_io_sample line taken earlier, say
# before deleting files; default: now): written, discarded (the discards of a deleted 4 GiB file take about a second,
# and begin at once).
bench_settle() {
  local dir=$1 label=$2 stat start quiet_since=0 now elapsed first last
  local max_dirty_kib=$(( ${BENCH_SETTLE_DIRTY_MIB:-64} * 1024 )) max_s=${BENCH_SETTLE_MAX_S:-180}
  stat=$(bench_disk_stat "$dir")
  start=$(date +%s%N)
  first=${3:-$(bench_io_sample "$stat")}
  sync -f "$dir"
  local window=() dirty writeback inflight ticks written discarded verdict=settled
  while :; do
    last=$(bench_io_sample "$stat")
    read -r dirty writeback inflight ticks written discarded <<<"$last"
    now=$(date +%s%N)
    window+=("$now $ticks")
    # Keep one second of samples: the first one of the window tells how busy the disk was since.
    while [ "${#window[@]}" -gt 1 ] && [ $(( now - ${window[0]%% *} )) -gt 1000000000 ]; do window=("${window[@]:1}"); done
    if [ $(( dirty + writeback )) -le "$max_dirty_kib" ] && [ "$inflight" -eq 0 ] \
        && [ $(( (ticks - ${window[0]##* }) * 10 )) -le $(( (now - ${window[0]%% *}) / 1000000 )) ]; then
      [ "$quiet_since" -gt 0 ] || quiet_since=$now
      [ $(( now - quiet_since )) -lt 1000000000 ] || break
    else
      quiet_since=0
    fi
    if [ $(( (now - start) / 1000000000 )) -ge "$max_s" ]; then
      verdict="NOT settled (dirty+writeback $(( (dirty + writeback) / 1024 )) MiB, $inflight in flight)"
      break
    fi
    sleep 0.25
  done
  elapsed=$(awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  read -r dirty writeback _ _ written discarded <<<"$first"
  read -r _ _ _ _ w1 d1 <<<"$last"
  awk -v l="$label" -v v="$verdict" -v e="$elapsed" -v dk=$(( dirty + writeback )) -v w=$(( w1 - written )) \
      -v d=$(( d1 - discarded )) 'BEGIN {
    printf "  %s: %s in %s s (dirty+writeback %.0f MiB at the start; since the leg before ended the disk wrote %.2f GiB, discarded %.2f GiB)\n",
      l, v, e, dk / 1024, w * 512 / 1073741824, d * 512 / 1073741824 }'
}
