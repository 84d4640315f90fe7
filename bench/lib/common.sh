# Sourced by the bench scripts: tool installs, free ports, starting/stopping glance-api, small helpers.
# Everything started here is recorded in BENCH_PIDS and stopped by bench_cleanup (the scripts trap EXIT).

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_PIDS=()

bench_log() { printf '%s\n' "$*" >&2; }

# bench_need CMD PACKAGE...: installs the Debian packages when CMD is missing (idempotent).
bench_need() {
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  bench_log "installing $* (for $cmd)..."
  if [ -z "${BENCH_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    BENCH_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# A TCP port that nothing listens on now (the kernel picks it).
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

bench_now_ns() { date +%s%N; }

# bench_glance_cli_ready: builds bin/glance when needed and waits until its JDK 25 AOT cache is written. bin/glance
# starts that training in the background (about 6 CPU s) on its first run after a build, which would otherwise share
# the cores with whatever the benchmark measures next (the first bin/glance upload, say). Without an AOT cache (JDK
# 21-24) this run's `--version` would write the dynamic CDS archive of its few classes, which later runs keep: an
# archive it wrote is dropped, for the next real command to write.
bench_glance_cli_ready() {
  local i target=$bench_root/glance-cli/target had_jsa=
  [ -f "$target/glance-cli.jsa" ] && had_jsa=1
  "$bench_root/bin/glance" --version >/dev/null
  for i in $(seq 1 600); do
    compgen -G "$target/glance-cli.aot.*.tmp*" >/dev/null || break
    sleep 0.5
  done
  [ "$i" -lt 600 ] || bench_log "bin/glance's AOT cache training still runs after 300 s; going on"
  [ -n "$had_jsa" ] || rm -f "$target/glance-cli.jsa"
}

# bench_secs START_NS END_NS -> seconds with 3 decimals
bench_secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

# bench_mibs BYTES SECONDS -> MiB/s
bench_mibs() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / 1048576 / s; else print "inf" }'; }

# bench_wait_http URL TIMEOUT_S PID: polls until URL answers 200; fails early when PID dies.
bench_wait_http() {
  local url=$1 timeout=$2 pid=$3 start code
  start=$(date +%s)
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)
    [ "$code" = 200 ] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      bench_log "process $pid exited before $url answered"
      return 1
    fi
    if [ $(( $(date +%s) - start )) -ge "$timeout" ]; then
      bench_log "$url did not answer 200 within ${timeout}s (last status: ${code:-none})"
      return 1
    fi
    sleep 0.2
  done
}

# bench_start_glance PORT DATA_DIR STORE_DIR LOG: starts glance-api in the background; sets GLANCE_PID.
# GLANCE_API_CMD overrides the command (default bin/glance-api of this checkout); JAVA_OPTS comes from the caller.
bench_start_glance() {
  local port=$1 data=$2 store=$3 log=$4
  local cmd=${GLANCE_API_CMD:-$bench_root/bin/glance-api}
  if [ -z "${GLANCE_API_CMD:-}" ] && { ! ls "$bench_root"/glance-server/target/glance-server-*.jar >/dev/null 2>&1 \
      || [ ! -d "$bench_root/plugins-dist/target/plugins" ]; }; then
    bench_log "building glance first (./mvnw -q -B -DskipTests package)..."
    (cd "$bench_root" && ./mvnw -q -B -DskipTests package) >&2 || { bench_log "build failed"; return 1; }
  fi
  mkdir -p "$data" "$store"
  # shellcheck disable=SC2086 # GLANCE_API_CMD may carry arguments
  $cmd --api_host 127.0.0.1 --api_port "$port" --data_dir "$data" --filesystem_store_datadir "$store" \
    ${GLANCE_API_EXTRA_ARGS:-} >"$log" 2>&1 &
  GLANCE_PID=$!
  BENCH_PIDS+=("$GLANCE_PID")
}

# bench_start_registry PORT DIR JAVA_OPTS: starts this checkout's glance-registry (embedded H2 in DIR, its log in
# DIR/glance-registry.log) on 127.0.0.1:PORT, sets REGISTRY_PID and waits for it; a registry that does not come up
# prints the end of its log and ends the script.
bench_start_registry() {
  local port=$1 dir=$2 opts=$3
  mkdir -p "$dir"
  JAVA_OPTS=$opts "$bench_root/bin/glance-registry" --registry_host 127.0.0.1 --registry_port "$port" \
    --data_dir "$dir" >"$dir/glance-registry.log" 2>&1 &
  REGISTRY_PID=$!
  BENCH_PIDS+=("$REGISTRY_PID")
  if ! bench_wait_http "http://127.0.0.1:$port/healthcheck" 600 "$REGISTRY_PID"; then
    echo "glance-registry did not start; its log:" >&2
    tail -n 50 "$dir/glance-registry.log" >&2
    exit 1
  fi
}

# bench_start_nginx_pair DIR DOCROOT: the nginx that download figures are compared with, one worker serving DOCROOT on
# two ports: NGINX_SENDFILE_PORT with sendfile (nginx's way with static files) and NGINX_BUFFERED_PORT with sendfile off
# and 2 x 1 MiB output buffers (every byte copied through user space, as a server that reads and writes does). Sets
# NGINX_PID (the master; the worker that serves is its child) and waits until it answers; an nginx that does not come
# up prints its logs and ends the script.
bench_start_nginx_pair() {
  local dir=$1 docroot=$2
  mkdir -p "$dir/logs"
  NGINX_SENDFILE_PORT=$(bench_free_port)
  NGINX_BUFFERED_PORT=$(bench_free_port)
  while [ "$NGINX_BUFFERED_PORT" = "$NGINX_SENDFILE_PORT" ]; do NGINX_BUFFERED_PORT=$(bench_free_port); done
  cat > "$dir/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  default_type application/octet-stream;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server { listen 127.0.0.1:$NGINX_SENDFILE_PORT; root $docroot; sendfile on; tcp_nopush on; }
  server { listen 127.0.0.1:$NGINX_BUFFERED_PORT; root $docroot; sendfile off; output_buffers 2 1m; }
}
EOF
  nginx -c "$dir/nginx.conf" -p "$dir" >"$dir/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  BENCH_PIDS+=("$NGINX_PID")
  echo ok > "$docroot/ping"
  if ! bench_wait_http "http://127.0.0.1:$NGINX_SENDFILE_PORT/ping" 20 "$NGINX_PID"; then
    cat "$dir/logs/"*.log >&2
    exit 1
  fi
}

# bench_stop PID: SIGTERM, up to 15 s for a clean exit, then SIGKILL.
bench_stop() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    bench_log "pid $pid did not stop on SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

bench_stop_all() {
  local i
  for (( i=${#BENCH_PIDS[@]}-1; i>=0; i-- )); do
    bench_stop "${BENCH_PIDS[i]}"
  done
  BENCH_PIDS=()
}

# bench_status_kib PID FIELD -> value of FIELD (VmRSS, VmHWM) in KiB from /proc/PID/status, or empty
bench_status_kib() {
  local key val _
  while read -r key val _; do
    if [ "$key" = "$2:" ]; then printf '%s\n' "$val"; return 0; fi
  done < "/proc/$1/status" 2>/dev/null
  return 0
}

bench_kib_to_mib() { awk -v k="$1" 'BEGIN { if (k == "") print "n/a"; else printf "%.1f", k / 1024 }'; }

# One line about how busy the machine is (other processes skew every figure on 2 cores).
bench_load_note() {
  local l1 l5 _
  read -r l1 l5 _ < /proc/loadavg
  printf 'load average %s (1 min), %s (5 min) on %s cores' "$l1" "$l5" "$(nproc)"
  awk -v l="$l1" -v n="$(nproc)" 'BEGIN { if (l > n / 2) printf ": BUSY, other work competes with the benchmark" }'
  echo
}

# Makes the run's scratch folder under ${BENCH_TMPDIR:-/var/tmp} as $work (mode 755, so nginx's workers can read it),
# after checking that NEED bytes are free there, and removes it with every process bench_start'ed when the script ends
# or is interrupted. Usage: bench_workdir NEED NAME
bench_workdir() {
  local need=$1 name=$2
  local tmp_base=${BENCH_TMPDIR:-/var/tmp}
  mkdir -p "$tmp_base"
  local avail
  avail=$(df --output=avail -B1 "$tmp_base" | tail -n 1 | tr -d ' ')
  if [ "$avail" -lt "$need" ]; then
    echo "not enough free space in $tmp_base: $(( avail / 1048576 )) MiB free, $(( need / 1048576 )) MiB needed" >&2
    exit 1
  fi
  work=$(mktemp -d "$tmp_base/$name.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  chmod 755 "$work"
}

bench_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bench_stop_all
  rm -rf "$work"
  exit "$rc"
}

