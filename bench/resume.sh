#!/usr/bin/env bash
# Issue 15's resume bench: the overhead of one resume (bytes and seconds) next to an uninterrupted upload of the same
# file. glance-api on loopback (fresh data dir), the Java client (bench/ResumeBench.java) uploading SIZE GiB of
# AES-CTR keystream through a counting TCP proxy: in one PUT, through a resumable (tus) session, and through a
# resumable session cut once at 50 %. Seconds are from the first request to the image being active (the resumable
# path stages the data and imports it, so it writes the image twice on this host's disk).
#   bench/resume.sh [SIZE_GIB]     default 4
# Environment: BENCH_TMPDIR, BENCH_JAVA_OPTS (glance-api's, default -Xmx256m), GLANCE_API_CMD.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"
. "$bench_root/bin/lib/find-jdk.sh"

size=${1:-4}
bytes=$(awk -v g="$size" 'BEGIN { printf "%.0f", g * 1073741824 }')
bench_need openssl openssl
bench_need curl curl
bench_workdir $(( 4 * bytes + 1073741824 )) glance-resume-bench
"$bench_root/bin/glance" help >/dev/null   # builds glance-cli (and glance-client into its lib/) when needed

echo "== bench/resume.sh: resume overhead, $size GiB =="
echo "  $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); before: $(bench_load_note)"
openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 \
  < /dev/zero 2>/dev/null | head -c "$bytes" > "$work/data.bin" || true
port=$(bench_free_port)
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m} bench_start_glance "$port" "$work/data" "$work/store" "$work/glance-api.log"
bench_wait_http "http://127.0.0.1:$port/versions" 600 "$GLANCE_PID" || { tail -n 50 "$work/glance-api.log" >&2; exit 1; }
"$JAVA_HOME/bin/java" -cp "$bench_root/glance-cli/target/lib/*" "$here/ResumeBench.java" \
  "http://127.0.0.1:$port" "$work/data.bin"
echo "  after: $(bench_load_note)"
