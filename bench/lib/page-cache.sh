# Sourced by the bench scripts: the page-cache state of a file a server is about to read, so that the two sides of a
# download comparison start alike. Two things make that state differ unless it is set: the filesystem store writes
# uploads with O_DIRECT (91418e1), so a just-uploaded image is not in the page cache while a file the script wrote with
# `head`/`tee` is; and this guest runs DAMON with a pageout scheme (/sys/kernel/mm/damon/admin: unmapped file pages
# idle for ~60 s are paged out, up to 128 MiB/s), so a file written or read a minute earlier is partly back on disk.

# A missing FILE (a store that names its files otherwise) is reported and skipped, not fatal: the run goes on with the
# cache state unset, as before these helpers.

# bench_cache_pct FILE -> percentage of FILE's bytes in the page cache (util-linux fincore), e.g. 100 or 37; "?" when
# FILE is missing
bench_cache_pct() {
  local res size
  [ -f "$1" ] || { echo "?"; return 0; }
  res=$(fincore -b -n -o RES "$1" 2>/dev/null | tr -d ' ') || res=
  size=$(stat -c %s "$1")
  awk -v r="${res:-0}" -v s="$size" 'BEGIN { p = s > 0 ? 100 * r / s : 100; printf "%d", (p > 100 ? 100 : p) }'
}

# bench_cache_drop FILE: writes FILE's dirty pages back and drops the file from the page cache (posix_fadvise
# DONTNEED through dd), so the next read comes from the disk.
bench_cache_drop() {
  [ -f "$1" ] || { bench_log "page cache: no file $1, its cache state is not set"; return 0; }
  sync "$1"
  dd if="$1" iflag=nocache count=0 status=none
}

# bench_cache_warm FILE: reads FILE once, so that all of it is in the page cache (the next read is memory only).
bench_cache_warm() {
  [ -f "$1" ] || { bench_log "page cache: no file $1, its cache state is not set"; return 0; }
  cat "$1" > /dev/null
}
