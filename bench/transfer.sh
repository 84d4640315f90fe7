#!/usr/bin/env bash
# Image data transfer benchmark: disk baseline, nginx baseline, glance-api upload/download and glance-api memory.
#   bench/transfer.sh [SIZE_GIB]      (default 4; decimals allowed, e.g. 0.25 for a quick try)
# Prints numbers; it is not a test (exit status is non-zero only when a step could not run or data came back wrong).
# Environment: BENCH_TMPDIR (where the work dir goes, default /var/tmp; everything is on that one filesystem),
# BENCH_JAVA_OPTS (default -Xmx256m, handed to glance-api as JAVA_OPTS), BENCH_RUNS (download repetitions, default 2),
# GLANCE_API_CMD (command instead of bin/glance-api, e.g. another build), GLANCE_API_EXTRA_ARGS.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$here/lib/page-cache.sh"

size_gib=${1:-4}
runs=${BENCH_RUNS:-2}
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
gib=1073741824
size=$(awk -v g="$size_gib" 'BEGIN { printf "%.0f", g * 1073741824 }')
if ! [ "$size" -gt 0 ] 2>/dev/null; then
  echo "usage: $0 [SIZE_GIB]   (a positive number of GiB, default 4)" >&2
  exit 2
fi
upload_target=500   # MiB/s, for a 1 GiB image
download_target=0.95 # x nginx
rss_limit=300       # MiB, peak resident

bench_need curl curl
bench_need openssl openssl
bench_need python3 python3
bench_need nginx nginx
bench_need sha512sum coreutils
bench_need fincore util-linux-extra

bench_workdir $(( 3 * size + 4 * gib )) glance-bench
mkdir -p "$work/www" "$work/nginx/logs" "$work/glance"
src=$work/www/data.bin

# --- output helpers --------------------------------------------------------------------------------------------------
declare -A rate secs
row() { # row KEY LABEL BYTES SECONDS NOTE
  rate[$1]=$(bench_mibs "$3" "$4"); secs[$1]=$(awk -v s="$4" 'BEGIN { printf "%.3f", s }')
  printf '  %-52s %9s s %9s MiB/s  %s\n' "$2" "${secs[$1]}" "${rate[$1]}" "$5"
}
human() { awk -v b="$1" 'BEGIN { if (b >= 1073741824) printf "%g GiB", b / 1073741824; else printf "%g MiB", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.2f", a / b; else print "n/a" }'; }
time_cmd() { # time_cmd VAR CMD...: runs CMD, stores wall seconds in VAR
  local __var=$1 t0 t1 rc=0; shift
  t0=$(bench_now_ns); "$@" || rc=$?; t1=$(bench_now_ns)
  printf -v "$__var" '%s' "$(bench_secs "$t0" "$t1")"
  return "$rc"
}

fs_type=$(stat -f -c %T "$work")
fs_dev=$(df --output=source "$work" | tail -n 1)
echo "== glance transfer benchmark: $(human "$size") ($size bytes) =="
echo "  work dir $work ($fs_type on $fs_dev; source, copy, nginx root and glance's data/store dirs all live here)"
echo "  $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)," \
  "$(curl --version | head -n 1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | sed 's/.*: //')"
echo "  before: $(bench_load_note)"
echo "  MiB/s = bytes / 1048576 / wall seconds. curl figures use curl's time_total (connect to last byte / to the"
echo "  server's response for uploads); local figures are wall time of the command."

# --- (0) test data -------------------------------------------------------------------------------------------------
echo
echo "-- test data"
gen() { # gen FILE BYTES: AES-128-CTR keystream with a fixed key: incompressible, reproducible, ~1 GiB/s
  openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 \
    < /dev/zero 2>/dev/null | head -c "$2" > "$1" || true
  [ "$(stat -c %s "$1")" = "$2" ] || { echo "generating $1 failed" >&2; return 1; }
}
time_cmd t gen "$src" "$size"
row gen "generate $(human "$size") (openssl aes-128-ctr of /dev/zero)" "$size" "$t" "written to page cache, no fsync"

digests() { # digests FILE -> sets D_SHA512 D_MD5 (both hashes in one read, in parallel)
  local f=$work/digest.fifo
  mkfifo "$f"
  md5sum < "$f" > "$work/digest.md5" & local p=$!
  tee "$f" < "$1" | sha512sum > "$work/digest.sha512"
  wait "$p"
  rm -f "$f"
  D_SHA512=$(cut -d' ' -f1 "$work/digest.sha512"); D_MD5=$(cut -d' ' -f1 "$work/digest.md5")
}
time_cmd t digests "$src"
src_sha512=$D_SHA512; src_md5=$D_MD5
row digest "source digests: sha512 + md5 in one pass" "$size" "$t" "computed once; CPU-bound"
echo "  source sha512 ${src_sha512:0:32}...  md5 $src_md5"

small=""
if [ "$size" != "$gib" ]; then
  small=$work/www/data-1g.bin
  gen "$small" "$gib"
  digests "$small"
  small_sha512=$D_SHA512; small_md5=$D_MD5
  echo "  1 GiB file for the 1 GiB upload figures: same generator (md5 $small_md5)"
fi

# --- (a) disk baseline ---------------------------------------------------------------------------------------------
echo
echo "-- (a) disk baseline, same filesystem"
time_cmd t sh -c 'cat "$1" > /dev/null' _ "$src"
row read_cached "read: cat file > /dev/null" "$size" "$t" "file is in the page cache (just written)"
if time_cmd t dd if="$src" of=/dev/null bs=4M iflag=direct status=none 2>/dev/null; then
  row read_direct "read: dd iflag=direct bs=4M > /dev/null" "$size" "$t" "O_DIRECT: from the disk, bypasses the page cache"
else
  echo "  read: dd iflag=direct: not supported on this filesystem"
fi
copy=$work/copy.bin
settle() { sync -f "$work"; } # write back earlier steps' dirty pages first, outside the timings
settle
t0=$(bench_now_ns)
cat "$src" > "$copy"
t1=$(bench_now_ns)
sync "$copy"
t2=$(bench_now_ns)
row copy_nosync "copy: cat file > copy (until cat exits)" "$size" "$(bench_secs "$t0" "$t1")" "page cache only"
row copy_fsync "copy: cat file > copy + fsync (sync copy)" "$size" "$(bench_secs "$t0" "$t2")" "data on disk; compare with uploads"
rm -f "$copy"

# --- (b) nginx baseline --------------------------------------------------------------------------------------------
echo
echo "-- (b) nginx on 127.0.0.1 (1 worker), curl -o /dev/null; two configs, the faster one is the reference"
bench_start_nginx_pair "$work/nginx" "$work/www"
nport=$NGINX_SENDFILE_PORT nport2=$NGINX_BUFFERED_PORT nginx_pid=$NGINX_PID
# Downloads below must return exactly SIZE bytes; curl's time_total is the figure.
curl_get() { # curl_get URL -> "code bytes seconds"
  curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "$1"
}
# Both servers' downloads start from the same page-cache state (bench/lib/page-cache.sh): one cold download with the
# file dropped from the cache (not in the best), then the file read into the cache and the timed runs.
bench_cache_drop "$src"
read -r code got t < <(curl_get "http://127.0.0.1:$nport/data.bin")
[ "$code" = 200 ] && [ "$got" = "$size" ] || { echo "nginx download failed: HTTP $code, $got bytes" >&2; exit 1; }
row nginx_cold "nginx (sendfile on), file dropped from the page cache" "$size" "$t" "cold: reads the disk; not in the best"
bench_cache_warm "$src"
echo "    page cache before the timed runs: $(bench_cache_pct "$src") % of the file"
nginx_best=0
for cfg in "sendfile:$nport:sendfile on" "buffered:$nport2:sendfile off, output_buffers 2 1m"; do
  name=${cfg%%:*}; rest=${cfg#*:}; port=${rest%%:*}; desc=${rest#*:}
  for i in $(seq 1 "$runs"); do
    read -r code got t < <(curl_get "http://127.0.0.1:$port/data.bin")
    [ "$code" = 200 ] && [ "$got" = "$size" ] || { echo "nginx download failed: HTTP $code, $got bytes" >&2; exit 1; }
    row "nginx_${name}_$i" "nginx ($desc) run $i" "$size" "$t" "curl to /dev/null"
    nginx_best=$(awk -v a="$nginx_best" -v b="${rate[nginx_${name}_$i]}" 'BEGIN { print (b > a ? b : a) }')
  done
done
bench_stop "$nginx_pid"

# --- (c) glance-api upload -----------------------------------------------------------------------------------------
echo
echo "-- (c) glance-api on 127.0.0.1, JAVA_OPTS=$java_opts, filesystem store in the work dir"
gport=$(bench_free_port)
t0=$(bench_now_ns)
JAVA_OPTS=$java_opts bench_start_glance "$gport" "$work/glance/data" "$work/glance/store" "$work/glance/glance-api.log"
if ! bench_wait_http "http://127.0.0.1:$gport/versions" 600 "$GLANCE_PID"; then
  echo "glance-api did not start; its log:" >&2
  tail -n 50 "$work/glance/glance-api.log" >&2
  exit 1
fi
t1=$(bench_now_ns)
base=http://127.0.0.1:$gport
echo "  started in $(bench_secs "$t0" "$t1") s (pid $GLANCE_PID, port $gport); RSS after start: $(bench_kib_to_mib "$(bench_status_kib "$GLANCE_PID" VmRSS)") MiB"

# RSS sampler: every 0.2 s, "phase rss_kib" lines; the phase file names what the script is doing.
echo startup > "$work/phase"
(
  while kill -0 "$GLANCE_PID" 2>/dev/null; do
    r=$(bench_status_kib "$GLANCE_PID" VmRSS)
    read -r p < "$work/phase" || p=?
    [ -n "$r" ] && echo "$p $r"
    sleep 0.2
  done
) >> "$work/rss.log" 2>/dev/null &
BENCH_PIDS+=("$!")
phase() { echo "$1" > "$work/phase"; }

create_image() { # create_image NAME -> image id
  local out
  out=$(curl -sS -X POST "$base/v2/images" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$1\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" -w '\n%{http_code}')
  [ "$(tail -n 1 <<<"$out")" = 201 ] || { echo "create failed: $out" >&2; return 1; }
  head -n -1 <<<"$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
check_image() { # check_image ID BYTES SHA512 MD5: status/size/hashes the server recorded
  curl -sS "$base/v2/images/$1" | python3 -c '
import json, sys
img = json.load(sys.stdin)
want = {"status": "active", "size": int(sys.argv[1]), "os_hash_value": sys.argv[2], "checksum": sys.argv[3]}
bad = ["%s=%r (want %r)" % (k, img.get(k), v) for k, v in want.items() if img.get(k) != v]
print("server metadata OK (active, size, os_hash_value = source sha512, checksum = source md5)" if not bad
      else "server metadata MISMATCH: " + ", ".join(bad))
sys.exit(1 if bad else 0)' "$2" "$3" "$4"
}
delete_image() { curl -sS -o /dev/null -X DELETE "$base/v2/images/$1" || true; }
upload() { # upload KEY LABEL FILE BYTES SHA512 MD5 chunked|sized [keep] -> uploaded id in UPLOADED_ID
  local key=$1 label=$2 file=$3 bytes=$4 sha=$5 md5=$6 mode=$7 keep=${8:-} id code t extra=()
  [ "$mode" = chunked ] && extra=(-H 'Transfer-Encoding: chunked')
  id=$(create_image "bench-$key")
  settle
  phase "$key"
  read -r code t < <(curl -sS -o "$work/upload.out" -w '%{http_code} %{time_total}\n' -T "$file" -X PUT \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' "${extra[@]}" "$base/v2/images/$id/file")
  phase idle
  if [ "$code" != 204 ]; then
    echo "upload failed: HTTP $code $(head -c 500 "$work/upload.out")" >&2
    return 1
  fi
  row "$key" "$label" "$bytes" "$t" "curl -T, PUT .. 204"
  echo "    $(check_image "$id" "$bytes" "$sha" "$md5")"
  UPLOADED_ID=$id
  [ -n "$keep" ] || delete_image "$id"
}
sz=$(human "$size")
upload up_sized "upload $sz sized (Content-Length)" "$src" "$size" "$src_sha512" "$src_md5" sized keep
image_id=$UPLOADED_ID
upload up_chunked "upload $sz chunked (Transfer-Encoding: chunked)" "$src" "$size" "$src_sha512" "$src_md5" chunked
if [ -n "$small" ]; then
  upload up1_sized "upload 1 GiB sized (Content-Length)" "$small" "$gib" "$small_sha512" "$small_md5" sized
  upload up1_chunked "upload 1 GiB chunked (Transfer-Encoding: chunked)" "$small" "$gib" "$small_sha512" "$small_md5" chunked
  rm -f "$small"
else
  rate[up1_sized]=${rate[up_sized]}; rate[up1_chunked]=${rate[up_chunked]}
fi

# --- (d) glance-api download ---------------------------------------------------------------------------------------
echo
echo "-- (d) glance-api download of the $sz image"
stored=$work/glance/store/$image_id
bench_cache_drop "$stored"   # the upload wrote it with O_DIRECT: not cached anyway, unless the store fell back
phase download_cold
read -r code got t < <(curl_get "$base/v2/images/$image_id/file")
phase idle
[ "$code" = 200 ] && [ "$got" = "$size" ] || { echo "glance download failed: HTTP $code, $got bytes" >&2; exit 1; }
row down_cold "glance download, file dropped from the page cache" "$size" "$t" "cold: reads the disk; not in the best"
bench_cache_warm "$stored"
echo "    page cache before the timed runs: $(bench_cache_pct "$stored") % of the stored file"
glance_best=0
for i in $(seq 1 "$runs"); do
  phase "download_$i"
  read -r code got t < <(curl_get "$base/v2/images/$image_id/file")
  phase idle
  [ "$code" = 200 ] && [ "$got" = "$size" ] || { echo "glance download failed: HTTP $code, $got bytes" >&2; exit 1; }
  row "down_$i" "glance download run $i" "$size" "$t" "curl to /dev/null"
  glance_best=$(awk -v a="$glance_best" -v b="${rate[down_$i]}" 'BEGIN { print (b > a ? b : a) }')
done
# Verification pass: the same download piped into sha512sum and (via a fifo) md5sum: CPU-bound, so timed apart.
phase download_verify
mkfifo "$work/dl.fifo"
md5sum < "$work/dl.fifo" > "$work/dl.md5" & md5_pid=$!
t0=$(bench_now_ns)
curl -sS -D "$work/dl.headers" "$base/v2/images/$image_id/file" | tee "$work/dl.fifo" | sha512sum > "$work/dl.sha512"
wait "$md5_pid"
t1=$(bench_now_ns)
phase idle
row down_verify "glance download + sha512sum + md5sum (verify pass)" "$size" "$(bench_secs "$t0" "$t1")" \
  "digest-bound; not the download figure"
dl_sha512=$(cut -d' ' -f1 "$work/dl.sha512"); dl_md5=$(cut -d' ' -f1 "$work/dl.md5")
content_md5=$(tr -d '\r' < "$work/dl.headers" | awk -F': *' 'tolower($1) == "content-md5" { print $2 }')
verify_ok=yes
if [ "$dl_sha512" = "$src_sha512" ] && [ "$dl_md5" = "$src_md5" ]; then
  echo "    download verified: sha512 and md5 equal the source's"
else
  verify_ok=no
  echo "    DOWNLOAD MISMATCH: sha512 ${dl_sha512:0:32}... md5 $dl_md5 (source md5 $src_md5)"
fi
echo "    Content-MD5 header: ${content_md5:-absent}$([ -n "$content_md5" ] && { [ "$content_md5" = "$src_md5" ] && echo ' (= source md5)' || echo ' (DIFFERS from source md5)'; })"

# --- (e) memory ------------------------------------------------------------------------------------------------------
echo
echo "-- (e) glance-api memory (pid $GLANCE_PID), from /proc/PID/status"
hwm=$(bench_status_kib "$GLANCE_PID" VmHWM)
rss_now=$(bench_status_kib "$GLANCE_PID" VmRSS)
echo "  VmHWM (peak resident since start): $(bench_kib_to_mib "$hwm") MiB; VmRSS now: $(bench_kib_to_mib "$rss_now") MiB"
echo "  sampled VmRSS every 0.2 s, max per phase (MiB):"
awk '{ if (!($1 in m) || $2 > m[$1]) m[$1] = $2; if (!($1 in o)) o[$1] = n++ } END {
  for (p in m) printf "%d %s %.1f\n", o[p], p, m[p] / 1024 }' "$work/rss.log" | sort -n | \
  while read -r _ p v; do printf '    %-18s %8s\n' "$p" "$v"; done
sampled_max=$(awk '$2 > m { m = $2 } END { printf "%.1f", m / 1024 }' "$work/rss.log")

# --- summary ---------------------------------------------------------------------------------------------------------
echo
echo "== summary ($sz run) =="
printf '  %-44s %9s MiB/s = %5s x target %s MiB/s\n' "upload 1 GiB sized" "${rate[up1_sized]}" \
  "$(ratio "${rate[up1_sized]}" "$upload_target")" "$upload_target"
printf '  %-44s %9s MiB/s = %5s x target %s MiB/s\n' "upload 1 GiB chunked" "${rate[up1_chunked]}" \
  "$(ratio "${rate[up1_chunked]}" "$upload_target")" "$upload_target"
if [ -n "$small" ]; then
  printf '  %-44s %9s MiB/s = %5s x target %s MiB/s\n' "upload $sz sized" "${rate[up_sized]}" \
    "$(ratio "${rate[up_sized]}" "$upload_target")" "$upload_target"
  printf '  %-44s %9s MiB/s = %5s x target %s MiB/s\n' "upload $sz chunked" "${rate[up_chunked]}" \
    "$(ratio "${rate[up_chunked]}" "$upload_target")" "$upload_target"
fi
printf '  %-44s %9s MiB/s = %5s x same-disk copy+fsync (%s MiB/s)\n' "upload $sz sized vs disk" "${rate[up_sized]}" \
  "$(ratio "${rate[up_sized]}" "${rate[copy_fsync]}")" "${rate[copy_fsync]}"
printf '  %-44s %9s MiB/s = %5s x nginx best (%s MiB/s); target >= %s\n' "download $sz (best of $runs)" "$glance_best" \
  "$(ratio "$glance_best" "$nginx_best")" "$nginx_best" "$download_target"
printf '  %-44s %9s MiB/s = %5s x nginx cold (%s MiB/s); one run each, disk-bound\n' "download $sz cold" \
  "${rate[down_cold]}" "$(ratio "${rate[down_cold]}" "${rate[nginx_cold]}")" "${rate[nginx_cold]}"
printf '  %-44s %9s MiB   = %5s x limit %s MiB (sampled VmRSS max %s MiB)\n' "peak RSS (VmHWM)" \
  "$(bench_kib_to_mib "$hwm")" "$(ratio "$(awk -v k="$hwm" 'BEGIN { print k / 1024 }')" "$rss_limit")" "$rss_limit" "$sampled_max"
echo "  download data verified against source sha512+md5: $verify_ok"
echo "  after: $(bench_load_note)"
[ "$verify_ok" = yes ]
