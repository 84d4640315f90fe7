#!/usr/bin/env bash
# One run, three servers: this project's glance-api, OpenStack Glance Zed (Debian's python3-glance, as
# bench/metadata.sh --compare-glance runs it) and nginx, on the same data, one after the other, plus the command-line
# baselines (md5sum, sha512sum, the shell pipeline tee >(md5sum) >(sha512sum) > file; sync, curl | sha512sum) and the
# cost of the two digests alone in a JVM. Prints every figure of issue 17's table as a ratio, and server CPU seconds
# per GiB (utime + stime of the server's process tree from /proc/PID/stat) and peak RSS. The metadata load also runs
# against a second glance-api with data_api: registry and a glance-registry behind it: registry / direct ratios.
#   bench/compare.sh [SIZE_GIB...]     default: 1 4 (decimals allowed: bench/compare.sh 0.25 for a quick try)
# Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (default -Xmx256m), BENCH_RUNS (rounds of warm
# downloads per size after one cold one per server, each round one download per server; the median counts; default 8:
# with 4 servers rotating, each one takes each place in the round twice), BENCH_META (creates,shows,lists per
# concurrency level; default 1000,500,1000), BENCH_WARMUP (creates,lists and as many shows at 8 clients before each
# server's measured metadata phases, not reported; default 4000,2000, the same for every server),
# BENCH_BIG_LIST (images for the list limit=1000 figure, this project only; default 100000, 0 skips it),
# BENCH_GLANCE_WORKERS (Zed's workers, default 2), BENCH_CLIENT_RUNS (rounds of the clients' up- and
# downloads and cold starts, the median counts; default 3), GLANCE_API_CMD, GLANCE_API_EXTRA_ARGS, BENCH_REMOTE (1: also
# bench/remote-stores.sh at the first size, Swift and S3 against their own CLIs; about 5 more minutes at 1 GiB).
# The machine may be shared: the load average is printed before and after each part; only a quiet run is a result.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$here/lib/zed.sh"
. "$here/lib/page-cache.sh"
. "$bench_root/bin/lib/find-jdk.sh"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 4)
runs=${BENCH_RUNS:-8}
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
IFS=, read -r meta_creates meta_shows meta_lists <<<"${BENCH_META:-1000,500,1000}"
# Every server's metadata load starts after the same warm-up (Bench.java's own is 200,50). The direct glance-api has
# served the transfers and the clients' runs by then, while the one with data_api: registry and its glance-registry are
# fresh JVMs: with only 200 creates the registry rows measured the JIT compiling two processes (about 45 % of the
# registry's CPU, bench/README "Registry hop, session 8") against a warm direct path.
IFS=, read -r warm_creates warm_lists <<<"${BENCH_WARMUP:-4000,2000}"
big_list=${BENCH_BIG_LIST:-100000}
gib=1073741824
tck=$(getconf CLK_TCK)

bench_need curl curl
bench_need openssl openssl
bench_need python3 python3
bench_need nginx nginx
bench_need sha512sum coreutils
bench_need fincore util-linux-extra
bench_need glance python3-glanceclient

total=0
for s in "${sizes[@]}"; do total=$(awk -v t="$total" -v s="$s" 'BEGIN { printf "%.0f", t + s * 1073741824 }'); done
bench_workdir $(( 3 * total + 2 * gib )) glance-compare
mkdir -p "$work/www" "$work/nginx/logs" "$work/classes" "$work/home"
export HOME=$work/home   # the python clients write caches under HOME
bench_glance_cli_ready   # bin/glance's start-up cache is trained before anything is measured

# --- helpers ---------------------------------------------------------------------------------------------------------
declare -A R C   # R[key] = MiB/s (or req/s, seconds), C[key] = server CPU seconds per GiB
bytes_of() { awk -v g="$1" 'BEGIN { printf "%.0f", g * 1073741824 }'; }
tree_pids() { local p=$1 c; echo "$p"; for c in $(pgrep -P "$p" 2>/dev/null); do tree_pids "$c"; done; }
tree_ticks() { # utime + stime of PID and its descendants, in clock ticks
  local p t=0 v
  for p in $(tree_pids "$1"); do
    v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
    t=$((t + v))
  done
  echo "$t"
}
tree_kib() { # sum of FIELD (VmHWM, VmRSS) over PID and its descendants
  local p t=0 v
  for p in $(tree_pids "$1"); do v=$(bench_status_kib "$p" "$2"); t=$((t + ${v:-0})); done
  echo "$t"
}
cpu_per_gib() { awk -v t="$1" -v k="$tck" -v b="$2" 'BEGIN { printf "%.2f", t / k / (b / 1073741824) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
best() { awk -v a="${1:-0}" -v b="$2" 'BEGIN { print (b > a ? b : a) }'; }
line() { printf '  %-58s %s\n' "$1" "$2"; }
curl_get() { curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "$1"; }
settle() { sync -f "$work"; }

# Downloads are compared on the same page-cache state (bench/lib/page-cache.sh): each server's file is first dropped
# from the cache for one cold download (what the first download of a just-uploaded image costs), then read into the
# cache, and the timed runs are warm. nginx and glance-api run in the same minutes, their runs interleaved, and the
# figure is the median (the spread is printed): on a shared machine a best-of-N favours the side with more runs.
declare -A S SC   # S[key] = MiB/s of each run, SC[key] = server CPU s/GiB of each run (space-separated)

# download_one KEY PID URL BYTES FILE: one curl -o /dev/null download of FILE's bytes; appends to S[KEY] and SC[KEY].
# Prints how much of FILE was in the page cache before it: DAMON pages out file pages idle for a minute, which on a
# busy machine (4 GiB downloads of a minute each) can be a warm run's file.
download_one() {
  local key=$1 pid=$2 url=$3 bytes=$4 file=$5 code got t c0 c1 rate cpu cached
  cached=$(bench_cache_pct "$file")
  c0=$(tree_ticks "$pid")
  read -r code got t < <(curl_get "$url")
  c1=$(tree_ticks "$pid")
  [ "$code" = 200 ] && [ "$got" = "$bytes" ] || { echo "download $url failed: HTTP $code, $got bytes" >&2; return 1; }
  rate=$(bench_mibs "$bytes" "$t"); cpu=$(cpu_per_gib $((c1 - c0)) "$bytes")
  S[$key]="${S[$key]:-} $rate"; SC[$key]="${SC[$key]:-} $cpu"
  printf '    %-30s %8s MiB/s  server CPU %s s/GiB  (cached before %s %%, load %s)\n' "$key" "$rate" "$cpu" "$cached" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

median() { # median [DECIMALS] < "v1 v2 ...": the middle value (the mean of the middle two for an even count)
  tr ' ' '\n' | awk 'NF' | sort -g | awk -v d="${1:-1}" '{ v[NR] = $1 } END {
    if (NR == 0) print "n/a"; else printf "%.*f\n", d, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { tr ' ' '\n' | awk 'NF' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }

# summarize KEY: R[KEY] = median MiB/s of its runs, RS[KEY] = their min-max, C[KEY] = median server CPU s/GiB
declare -A RS
summarize() {
  local key=$1
  R[$key]=$(median <<<"${S[$key]}"); RS[$key]=$(spread <<<"${S[$key]}"); C[$key]=$(median 2 <<<"${SC[$key]}")
  line "$key" "${R[$key]} MiB/s (median of $(wc -w <<<"${S[$key]}"), ${RS[$key]}), server CPU ${C[$key]} s/GiB"
}

cold_file() { bench_cache_drop "$1"; }   # cold_file FILE: the next download of FILE reads the disk
warm_file() { # warm_file FILE...: reads each into the page cache and prints how much of it is there
  local f
  for f in "$@"; do bench_cache_warm "$f"; done
  for f in "$@"; do printf '    page cache: %s%% of %s\n' "$(bench_cache_pct "$f")" "${f#"$work"/}"; done
}

# download_rounds SIZE BYTES SIDE...: the downloads of one size, every SIDE (KEY|PID|URL|FILE: FILE is what that
# server reads) on the same page-cache state and in the same minutes. Each side is cold once (its file dropped just
# before: R[KEY.cold]), then all files are read into the cache and BENCH_RUNS rounds follow, one warm download of each
# side per round, the order rotating every round so that no side always runs first or right after another; R[KEY] is
# the median. Single 4 GiB downloads on this machine move by 20-40 % between runs a minute apart, on every side: only
# many interleaved runs and medians compare the servers rather than the minutes they ran in.
download_rounds() {
  local s=$1 bytes=$2 spec k p u f i
  shift 2
  local -a order=() files
  local -A pid url file
  for spec in "$@"; do
    IFS='|' read -r k p u f <<<"$spec"
    order+=("$k"); pid[$k]=$p; url[$k]=$u; file[$k]=$f
  done
  for k in "${order[@]}"; do
    cold_file "${file[$k]}"
    download_one "$k.cold" "${pid[$k]}" "${url[$k]}" "$bytes" "${file[$k]}"
    R[$k.cold]=$(median <<<"${S[$k.cold]}")
  done
  mapfile -t files < <(printf '%s\n' "${file[@]}" | sort -u)   # both nginx configurations serve one file
  warm_file "${files[@]}"
  for i in $(seq 1 "$runs"); do
    for k in "${order[@]}"; do download_one "$k" "${pid[$k]}" "${url[$k]}" "$bytes" "${file[$k]}"; done
    order=("${order[@]:1}" "${order[0]}")
  done
  for k in "$@"; do summarize "${k%%|*}"; done
  R[nginx.$s]=$(best "${R[nginx.sendfile.$s]}" "${R[nginx.buffered.$s]}")
  R[nginx.$s.cold]=${R[nginx.sendfile.$s.cold]}
  line "cold (first read from disk) $s GiB: glance-api / nginx sendfile" \
    "${R[java.down.$s.cold]} / ${R[nginx.$s.cold]} MiB/s (one run each)"
}

create_image() { # create_image BASE NAME -> id
  curl -sS -X POST "$1/v2/images" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$2\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
image_field() { curl -sS "$1/v2/images/$2" | python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1]))' "$3"; }

# upload_one KEY PID BASE FILE BYTES SHA512 -> UPLOADED_ID; R[KEY] MiB/s, C[KEY] server CPU s/GiB
upload_one() {
  local key=$1 pid=$2 base=$3 file=$4 bytes=$5 sha=$6 id code t c0 c1
  id=$(create_image "$base" "compare-$key")
  bench_cache_warm "$file"   # the client reads the source from memory, whatever DAMON paged out since it was written
  settle
  c0=$(tree_ticks "$pid")
  read -r code t < <(curl -sS -o "$work/upload.out" -w '%{http_code} %{time_total}\n' -T "$file" -X PUT \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$id/file")
  c1=$(tree_ticks "$pid")
  [ "$code" = 204 ] || { echo "upload to $base failed: HTTP $code $(head -c 300 "$work/upload.out")" >&2; return 1; }
  [ "$(image_field "$base" "$id" os_hash_value)" = "$sha" ] || { echo "upload to $base: os_hash_value differs" >&2; return 1; }
  R[$key]=$(bench_mibs "$bytes" "$t"); C[$key]=$(cpu_per_gib $((c1 - c0)) "$bytes")
  line "$key" "${R[$key]} MiB/s, server CPU ${C[$key]} s/GiB (os_hash_value = source sha512)"
  UPLOADED_ID=$id
}

# warm_up BASE: one 64 MiB upload and two downloads, not measured, so that neither server's first transfer pays for
# its start (the JIT's compilations in the JVM, lazy imports in python).
warm_up() {
  local base=$1 id
  id=$(create_image "$base" "warm-up")
  curl -sS -o /dev/null -T "$work/warm.bin" -X PUT -H 'Content-Type: application/octet-stream' -H 'Expect:' \
    "$base/v2/images/$id/file"
  curl -sS -o /dev/null "$base/v2/images/$id/file"; curl -sS -o /dev/null "$base/v2/images/$id/file"
  curl -sS -o /dev/null -X DELETE "$base/v2/images/$id"
}

# metadata KEY URL PID: Bench.java at concurrency 1, 8, 32 -> R[KEY.op.conc] = req/s
metadata() {
  local key=$1 url=$2 pid=$3 tsv=$work/meta-$1.tsv
  "$JAVA_HOME/bin/java" -cp "$work/classes" Bench --url "$url" --label "$key" --server-pid "$pid" \
    --creates "$meta_creates" --shows "$meta_shows" --lists "$meta_lists" --concurrency 1,8,32 --tsv "$tsv" \
    --warmup-creates "$warm_creates" --warmup-lists "$warm_lists" \
    | sed 's/^/    /'
  while IFS=$'\t' read -r _ op conc _ _ rps _; do R[$key.$op.$conc]=$rps; done < "$tsv"
}

# clients KEY BASE PID FILE BYTES SHA512: curl, bin/glance and python-glanceclient up- and downloads of FILE against
# BASE, and each CLI's cold start to its answer of a show. BENCH_CLIENT_RUNS rounds (default 3), the order of the
# three clients rotating each round; each figure is the median of its rounds (the spread is printed): one run each
# moved bin/glance against curl by more than the 0.95 target's margin between two quiet runs.
client_runs=${BENCH_CLIENT_RUNS:-3}
declare -A CS   # CS[key] = the client figures of every round, space-separated
client_upload() { # client_upload WHO BASE FILE SHA512 -> seconds
  local who=$1 base=$2 file=$3 sha=$4 id t0 t1
  id=$(create_image "$base" "$who-up"); settle
  t0=$(bench_now_ns)
  case $who in
    curl) curl -sS -o /dev/null -T "$file" -X PUT -H 'Content-Type: application/octet-stream' -H 'Expect:' \
            "$base/v2/images/$id/file" ;;
    java) "$bench_root/bin/glance" --url "$base" upload "$id" "$file" >/dev/null ;;
    py) "${pyglance[@]}" image-upload --file "$file" "$id" >/dev/null ;;
  esac
  t1=$(bench_now_ns)
  [ "$(image_field "$base" "$id" os_hash_value)" = "$sha" ] || echo "  $who upload: os_hash_value differs" >&2
  echo "$id $(bench_secs "$t0" "$t1")"
}
client_download() { # client_download WHO BASE ID SHA512 -> seconds (each verifies the bytes as it goes)
  local who=$1 base=$2 id=$3 sha=$4 t0 t1 got
  t0=$(bench_now_ns)
  case $who in
    curl) got=$(curl -sS "$base/v2/images/$id/file" | sha512sum | cut -d' ' -f1)
          [ "$got" = "$sha" ] || echo "  curl | sha512sum: digest differs" >&2 ;;
    java) "$bench_root/bin/glance" --url "$base" download "$id" /dev/null >/dev/null ;;
    py) "${pyglance[@]}" image-download --file /dev/null "$id" >/dev/null ;;
  esac
  t1=$(bench_now_ns); bench_secs "$t0" "$t1"
}
clients() {
  local key=$1 base=$2 pid=$3 file=$4 bytes=$5 sha=$6 round who id secs t0 t1 order
  local pyglance=(glance --os-image-url "$base" --os-auth-token bench --os-image-api-version 2)
  local all=(curl java py)
  for ((round = 0; round < client_runs; round++)); do
    order=("${all[@]:round % 3}" "${all[@]:0:round % 3}")
    for who in "${order[@]}"; do
      read -r id secs < <(client_upload "$who" "$base" "$file" "$sha")
      CS[$key.up.$who]="${CS[$key.up.$who]:-} $(bench_mibs "$bytes" "$secs")"
    done
    for who in "${order[@]}"; do   # any uploaded image will do: the same bytes
      secs=$(client_download "$who" "$base" "$id" "$sha")
      CS[$key.down.$who]="${CS[$key.down.$who]:-} $(bench_mibs "$bytes" "$secs")"
    done
    for who in java py; do   # cold starts: a new process each, answering a show
      t0=$(bench_now_ns)
      if [ "$who" = java ]; then "$bench_root/bin/glance" --url "$base" show "$id" >/dev/null
      else "${pyglance[@]}" image-show "$id" >/dev/null; fi
      t1=$(bench_now_ns); CS[$key.start.$who]="${CS[$key.start.$who]:-} $(bench_secs "$t0" "$t1")"
    done
  done
  for who in curl java py; do
    R[$key.up.$who]=$(median <<<"${CS[$key.up.$who]}"); R[$key.down.$who]=$(median <<<"${CS[$key.down.$who]}")
  done
  for who in java py; do R[$key.start.$who]=$(median 3 <<<"${CS[$key.start.$who]}"); done
  line "clients against $key, upload MiB/s (median of $client_runs)" \
    "curl ${R[$key.up.curl]}, bin/glance ${R[$key.up.java]}, glanceclient ${R[$key.up.py]}"
  line "  each round" "curl${CS[$key.up.curl]}, bin/glance${CS[$key.up.java]}, glanceclient${CS[$key.up.py]}"
  line "clients against $key, download+verify MiB/s" \
    "curl|sha512sum ${R[$key.down.curl]}, bin/glance ${R[$key.down.java]}, glanceclient ${R[$key.down.py]}"
  line "  each round" "curl|sha512sum${CS[$key.down.curl]}, bin/glance${CS[$key.down.java]}, glanceclient${CS[$key.down.py]}"
  line "clients against $key, cold start to a show, s" "bin/glance ${R[$key.start.java]}, glanceclient ${R[$key.start.py]}"
}

echo "== bench/compare.sh: glance-api (this project) vs OpenStack Glance Zed vs nginx; sizes ${sizes[*]} GiB =="
echo "  $(nproc) cores; work dir $work ($(stat -f -c %T "$work")); $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "  MiB/s = bytes / 1048576 / seconds (curl's time_total for curl, wall time for the other commands);"
echo "  server CPU = utime + stime of the server's process tree (/proc/PID/stat) during that transfer, per GiB."
echo "  before: $(bench_load_note)"

# --- data and command-line baselines ---------------------------------------------------------------------------------
echo
echo "-- data (AES-128-CTR keystream: incompressible) and command-line baselines"
declare -A SHA
for s in "${sizes[@]}"; do
  b=$(bytes_of "$s")
  openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 \
    < /dev/zero 2>/dev/null | head -c "$b" > "$work/www/data-$s.bin" || true
  [ "$(stat -c %s "$work/www/data-$s.bin")" = "$b" ] || { echo "generating $s GiB failed" >&2; exit 1; }
  t0=$(bench_now_ns); md5sum "$work/www/data-$s.bin" >/dev/null; t1=$(bench_now_ns)
  R[md5sum.$s]=$(bench_mibs "$b" "$(bench_secs "$t0" "$t1")")
  t0=$(bench_now_ns); SHA[$s]=$(sha512sum "$work/www/data-$s.bin" | cut -d' ' -f1); t1=$(bench_now_ns)
  R[sha512sum.$s]=$(bench_mibs "$b" "$(bench_secs "$t0" "$t1")")
  settle
  t0=$(bench_now_ns)
  tee >(md5sum > "$work/pipe.md5") >(sha512sum > "$work/pipe.sha512") < "$work/www/data-$s.bin" > "$work/pipe.copy"
  sync "$work/pipe.copy"
  t1=$(bench_now_ns)
  R[pipeline.$s]=$(bench_mibs "$b" "$(bench_secs "$t0" "$t1")")
  rm -f "$work/pipe.copy"
  line "$s GiB: md5sum / sha512sum alone, MiB/s" "${R[md5sum.$s]} / ${R[sha512sum.$s]}"
  line "$s GiB: tee >(md5sum) >(sha512sum) > file; sync, MiB/s" "${R[pipeline.$s]}"
done
s1=${sizes[0]}
head -c $((64 * 1048576)) "$work/www/data-$s1.bin" > "$work/warm.bin"
read -r _ dcpu _ _ _ < <("$JAVA_HOME/bin/java" "$here/DigestCost.java" "$work/www/data-$s1.bin")
C[digests]=$(awk -v c="$dcpu" -v b="$(bytes_of "$s1")" 'BEGIN { printf "%.2f", c / (b / 1073741824) }')
line "md5 + sha512 alone in a JVM (bench/DigestCost.java)" "${C[digests]} CPU s/GiB"

# --- nginx -------------------------------------------------------------------------------------------------------------
echo
echo "-- nginx (1 worker): sendfile on, and sendfile off with 2 x 1 MiB output buffers; curl -o /dev/null"
echo "   (started here, measured with glance-api's downloads, interleaved with them)"
bench_start_nginx_pair "$work/nginx" "$work/www"
nport=$NGINX_SENDFILE_PORT nport2=$NGINX_BUFFERED_PORT nginx_pid=$NGINX_PID
# nginx keeps running: its downloads are interleaved with glance-api's and Zed's below (download_rounds)

# --- this project's glance-api ---------------------------------------------------------------------------------------
javac -d "$work/classes" "$here/Bench.java"
echo
echo "-- glance-api (this project), JAVA_OPTS=$java_opts, filesystem store; $(bench_load_note)"
gport=$(bench_free_port)
JAVA_OPTS=$java_opts bench_start_glance "$gport" "$work/java/data" "$work/java/store" "$work/java/glance-api.log"
bench_wait_http "http://127.0.0.1:$gport/versions" 600 "$GLANCE_PID" || { tail -n 50 "$work/java/glance-api.log" >&2; exit 1; }
jbase=http://127.0.0.1:$gport
warm_up "$jbase"

# Zed runs from here on too, so that its downloads take their turns in the same rounds as glance-api's and nginx's;
# its uploads, clients and metadata load still run alone (below).
echo
echo "-- OpenStack Glance $(dpkg-query -W -f '${Version}' python3-glance 2>/dev/null || echo '(not installed yet)')," \
  "sqlite, file store, ${BENCH_GLANCE_WORKERS:-2} workers; $(bench_load_note)"
zport=$(bench_free_port)
zed=yes
bench_start_zed "$zport" "$work/zed" || zed=""
zbase=http://127.0.0.1:$zport
if [ -n "$zed" ]; then warm_up "$zbase"; else echo "  OpenStack Glance could not be started here: its columns stay n/a"; fi

for s in "${sizes[@]}"; do
  echo
  echo "-- $s GiB: uploads one server at a time, then the downloads in rounds; $(bench_load_note)"
  upload_one "java.up.$s" "$GLANCE_PID" "$jbase" "$work/www/data-$s.bin" "$(bytes_of "$s")" "${SHA[$s]}"
  jid=$UPLOADED_ID
  sides=("java.down.$s|$GLANCE_PID|$jbase/v2/images/$jid/file|$work/java/store/$jid"
    "nginx.sendfile.$s|$nginx_pid|http://127.0.0.1:$nport/data-$s.bin|$work/www/data-$s.bin"
    "nginx.buffered.$s|$nginx_pid|http://127.0.0.1:$nport2/data-$s.bin|$work/www/data-$s.bin")
  if [ -n "$zed" ]; then
    upload_one "zed.up.$s" "$OS_GLANCE_PID" "$zbase" "$work/www/data-$s.bin" "$(bytes_of "$s")" "${SHA[$s]}"
    zid=$UPLOADED_ID
    sides+=("zed.down.$s|$OS_GLANCE_PID|$zbase/v2/images/$zid/file|$work/zed/store/$zid")
  fi
  download_rounds "$s" "$(bytes_of "$s")" "${sides[@]}"
  curl -sS -o /dev/null -X DELETE "$jbase/v2/images/$jid"
  [ -z "$zed" ] || curl -sS -o /dev/null -X DELETE "$zbase/v2/images/$zid"
done
bench_stop "$nginx_pid"
echo
echo "-- glance-api: memory, clients, metadata; $(bench_load_note)"
R[java.rss]=$(bench_kib_to_mib "$(bench_status_kib "$GLANCE_PID" VmHWM)")
line "peak RSS (VmHWM) while streaming" "${R[java.rss]} MiB"
clients java "$jbase" "$GLANCE_PID" "$work/www/data-$s1.bin" "$(bytes_of "$s1")" "${SHA[$s1]}"
metadata java "$jbase" "$GLANCE_PID"
if [ "$big_list" -gt 0 ]; then
  echo "  list limit=1000 over $big_list images ($big_list creates at 8 clients first, then 50 lists at 1 client):"
  "$JAVA_HOME/bin/java" -cp "$work/classes" Bench --url "$jbase" --label java-big --server-pid "$GLANCE_PID" \
    --creates "$big_list" --shows 1 --lists 0 --concurrency 8 --warmup-creates 8 --warmup-lists 0 | sed 's/^/    /'
  "$JAVA_HOME/bin/java" -cp "$work/classes" Bench --url "$jbase" --label java-big --server-pid "$GLANCE_PID" \
    --creates 1 --shows 1 --lists 50 --list-path '/v2/images?limit=1000' --concurrency 1 --warmup-creates 1 \
    --warmup-lists 5 --tsv "$work/big.tsv" | sed 's/^/    /'
  R[java.biglist.p50]=$(awk -F'\t' '$2 == "list" { print $7 }' "$work/big.tsv")
fi
bench_stop "$GLANCE_PID"
rm -rf "$work/java/store"

# --- the same metadata load through glance-registry (data_api: registry) ---------------------------------------------
echo
echo "-- glance-api with data_api: registry, a glance-registry (H2) behind it, same JAVA_OPTS; $(bench_load_note)"
mkdir -p "$work/registry"
rport=$(bench_free_port)
JAVA_OPTS=$java_opts "$bench_root/bin/glance-registry" --registry_host 127.0.0.1 --registry_port "$rport" \
  --data_dir "$work/registry/data" >"$work/registry/glance-registry.log" 2>&1 &
registry_pid=$!
BENCH_PIDS+=("$registry_pid")
if bench_wait_http "http://127.0.0.1:$rport/healthcheck" 600 "$registry_pid"; then
  gport=$(bench_free_port)
  via_registry="${GLANCE_API_EXTRA_ARGS:-} --data_api registry --registry_host 127.0.0.1 --registry_port $rport"
  JAVA_OPTS=$java_opts GLANCE_API_EXTRA_ARGS=$via_registry bench_start_glance "$gport" "$work/registry/api" \
    "$work/registry/store" "$work/registry/glance-api.log"
  if bench_wait_http "http://127.0.0.1:$gport/versions" 600 "$GLANCE_PID"; then
    metadata registry "http://127.0.0.1:$gport" "$GLANCE_PID"
  else
    echo "  glance-api with data_api: registry did not start; its rows stay n/a" >&2
  fi
  bench_stop "$GLANCE_PID"
else
  echo "  glance-registry did not start; its rows stay n/a" >&2
fi
bench_stop "$registry_pid"

# --- OpenStack Glance Zed ----------------------------------------------------------------------------------------------
echo
echo "-- OpenStack Glance Zed (started above): memory, clients, metadata; $(bench_load_note)"
if [ -n "$zed" ]; then
  R[zed.rss]=$(bench_kib_to_mib "$(tree_kib "$OS_GLANCE_PID" VmHWM)")
  line "peak RSS (sum of VmHWM over its $(tree_pids "$OS_GLANCE_PID" | wc -l) processes)" "${R[zed.rss]} MiB"
  clients zed "$zbase" "$OS_GLANCE_PID" "$work/www/data-$s1.bin" "$(bytes_of "$s1")" "${SHA[$s1]}"
  metadata zed "$zbase" "$OS_GLANCE_PID"
  bench_stop "$OS_GLANCE_PID"
fi

# --- optional: Swift and S3 through glance-api against their own command-line clients ----------------------------------
if [ -n "${BENCH_REMOTE:-}" ]; then
  echo
  echo "-- Swift and S3 (bench/remote-stores.sh $s1): glance-api against swift and s3cmd on the same servers"
  # its s3proxy jar is under the real HOME's ~/.m2, not the HOME this script gave the python clients
  HOME=$(getent passwd "$(id -un)" | cut -d: -f6) "$here/remote-stores.sh" "$s1" >"$work/remote.txt" 2>&1 || echo "  remote-stores.sh failed; its rows stay out" >&2
  grep -v '^RESULT' "$work/remote.txt" | sed 's/^/  /'
fi

# --- the table -------------------------------------------------------------------------------------------------------
echo
echo "== issue 17's table, this run (ratios: this project / the other; CPU: lower is better) =="
row() { printf '  %-44s %12s %12s %12s  %s\n' "$@"; }
row "figure" "Zed" "this" "nginx/limit" "ratios"
for s in "${sizes[@]}"; do
  row "download $s GiB, MiB/s" "${R[zed.down.$s]:-n/a}" "${R[java.down.$s]}" "${R[nginx.$s]}" \
    "x Zed $(ratio "${R[java.down.$s]}" "${R[zed.down.$s]:-}"), x nginx $(ratio "${R[java.down.$s]}" "${R[nginx.$s]}") (target >= 0.95)"
  row "  warm runs min-max, $s GiB, MiB/s" "${RS[zed.down.$s]:-n/a}" "${RS[java.down.$s]}" "" \
    "nginx sendfile ${R[nginx.sendfile.$s]} (${RS[nginx.sendfile.$s]}), buffered ${R[nginx.buffered.$s]} (${RS[nginx.buffered.$s]})"
  row "  cold (first read from disk), $s GiB, MiB/s" "${R[zed.down.$s.cold]:-n/a}" "${R[java.down.$s.cold]}" \
    "${R[nginx.$s.cold]}" "x nginx $(ratio "${R[java.down.$s.cold]}" "${R[nginx.$s.cold]}") (one run each; disk-bound)"
  row "server CPU s/GiB, download $s GiB" "${C[zed.down.$s]:-n/a}" "${C[java.down.$s]}" \
    "${C[nginx.sendfile.$s]}/${C[nginx.buffered.$s]}" "x Zed $(ratio "${C[java.down.$s]}" "${C[zed.down.$s]:-}") (target <= 1)"
done
for s in "${sizes[@]}"; do
  row "upload $s GiB, MiB/s" "${R[zed.up.$s]:-n/a}" "${R[java.up.$s]}" "${R[pipeline.$s]}" \
    "x Zed $(ratio "${R[java.up.$s]}" "${R[zed.up.$s]:-}") (>= 2), x pipeline $(ratio "${R[java.up.$s]}" "${R[pipeline.$s]}") (>= 0.9)"
  row "server CPU s/GiB, upload $s GiB" "${C[zed.up.$s]:-n/a}" "${C[java.up.$s]}" "${C[digests]}" \
    "x digests alone $(ratio "${C[java.up.$s]}" "${C[digests]}") (<= 1.3), x Zed $(ratio "${C[java.up.$s]}" "${C[zed.up.$s]:-}")"
  row "  md5sum / sha512sum alone, $s GiB, MiB/s" "" "" "${R[md5sum.$s]}/${R[sha512sum.$s]}" ""
done
for op in list show create; do
  for c in 1 8 32; do
    row "$op at $c clients, req/s" "${R[zed.$op.$c]:-n/a}" "${R[java.$op.$c]:-n/a}" "" \
      "x Zed $(ratio "${R[java.$op.$c]:-}" "${R[zed.$op.$c]:-}") (list/show >= 10)"
  done
done
for op in create list show; do
  for c in 1 8 32; do
    row "$op through glance-registry at $c clients, req/s" "" "${R[registry.$op.$c]:-n/a}" "${R[java.$op.$c]:-n/a}" \
      "x direct database $(ratio "${R[registry.$op.$c]:-}" "${R[java.$op.$c]:-}") (create/list >= 0.7)"
  done
done
row "list limit=1000 over $big_list images, p50 ms" "" "${R[java.biglist.p50]:-n/a}" "50" "(target <= 50 ms)"
row "peak RSS while streaming, MiB" "${R[zed.rss]:-n/a}" "${R[java.rss]}" "300" "x limit $(ratio "${R[java.rss]}" 300)"
row "client upload $s1 GiB vs our server, MiB/s" "${R[java.up.py]}" "${R[java.up.java]}" "${R[java.up.curl]}" \
  "bin/glance x curl $(ratio "${R[java.up.java]}" "${R[java.up.curl]}") (>= 0.95), x glanceclient $(ratio "${R[java.up.java]}" "${R[java.up.py]}") (>= 1.5)"
row "client download+verify $s1 GiB, MiB/s" "${R[java.down.py]}" "${R[java.down.java]}" "${R[java.down.curl]}" \
  "bin/glance x curl|sha512sum $(ratio "${R[java.down.java]}" "${R[java.down.curl]}") (>= 0.9), x glanceclient $(ratio "${R[java.down.java]}" "${R[java.down.py]}") (>= 1.5)"
row "CLI cold start to a show, s" "${R[java.start.py]}" "${R[java.start.java]}" "0.6" "(target <= 0.6 s)"
if [ -s "$work/remote.txt" ]; then
  while IFS=$'\t' read -r _ what ours cli r gcpu ccpu; do
    row "$what $s1 GiB, MiB/s" "" "$ours" "$cli" "x CLI $r (>= 1); CPU s/GiB glance-api $gcpu, CLI $ccpu"
  done < <(grep '^RESULT' "$work/remote.txt")
  echo "  (Swift/S3 rows: the nginx column is the store's own CLI, swift or s3cmd, against the same server)"
fi
echo "  (client rows: the Zed column is python-glanceclient, the nginx column curl, all against this project's server)"
echo "  (glance-registry rows: the nginx column is this project's glance-api on its own database, same run)"
echo "  after: $(bench_load_note)"
