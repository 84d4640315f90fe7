# Sourced by the web-download benchmarks (import-conversion.sh, web-download.sh): create an image, start the phase
# sampler, run one web-download import to its end. Needs common.sh (bench_log) and python3.

# json_field NAME: the top-level field NAME of the JSON document on stdin
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin).get('$1'))"; }

# bench_new_qcow2_image API NAME: creates a queued qcow2/bare image and prints its id
bench_new_qcow2_image() {
  curl -sf -X POST -H 'Content-Type: application/json' "$1/v2/images" \
    -d "{\"name\":\"$2\",\"disk_format\":\"qcow2\",\"container_format\":\"bare\"}" | json_field id
}

# bench_start_phase_sampler PID DATA STORE ID BYTES OUT: starts lib/import-phases.py on glance-api PID's import of
# image ID (BYTES of qcow2) into OUT, waits until it samples, and sets SAMPLER to its pid
bench_start_phase_sampler() {
  rm -f "$6" "$6.ready"
  python3 "$bench_root/bench/lib/import-phases.py" "$@" &
  SAMPLER=$!
  while [ ! -e "$6.ready" ]; do sleep 0.05; done
}

# bench_stop_phase_sampler: ends the sampler started last; it writes its phases as it goes
bench_stop_phase_sampler() { kill -TERM "$SAMPLER"; wait "$SAMPLER" || true; }

# bench_web_download_import API ID URL LOG: imports URL into image ID by web-download and waits until the image is
# active; a failed import (the image back in queued) prints its tasks and the end of glance-api's LOG, and exits 1
bench_web_download_import() {
  local api=$1 id=$2 url=$3 log=$4 status
  curl -sf -X POST -H 'Content-Type: application/json' "$api/v2/images/$id/import" \
    -d "{\"method\":{\"name\":\"web-download\",\"uri\":\"$url\"}}" >/dev/null
  while :; do
    status=$(curl -sf "$api/v2/images/$id" | json_field status)
    case $status in
      active) return 0 ;;
      queued)
        bench_log "the import failed:"; curl -s "$api/v2/images/$id/tasks" >&2; tail -30 "$log" >&2
        exit 1 ;;
    esac
    sleep 0.2
  done
}
