# Sourced by the bench scripts: runs Debian's OpenStack Glance (Zed, python) on loopback for comparisons.

# bench_start_zed PORT DIR [KEYSTONE_BASE]: installs Debian's glance-api if needed and starts it without Keystone
# (or, with KEYSTONE_BASE, behind keystonemiddleware with the test Keystone's admin as service user), on sqlite (WAL)
# and its filesystem store under DIR, BENCH_GLANCE_WORKERS workers (default 2 = its default on 2 cores).
# Sets OS_GLANCE_PID (the parent process; its workers are its children) and records it in BENCH_PIDS.
bench_start_zed() {
  local port=$1 dir=$2 keystone_base=${3:-}
  local pydir=/usr/lib/python3/dist-packages
  if [ ! -d "$pydir/glance" ] || ! command -v glance-manage >/dev/null 2>&1; then
    bench_log "installing Debian's glance-api (python3-glance, glance-common)..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq glance-api >&2 || return 1
  fi
  # Debian's modules run under Debian's python, not whatever python3 comes first in PATH.
  local py=/usr/bin/python3
  mkdir -p "$dir/store" "$dir/lock"
  # Glance's own paste pipelines; [paste_deploy] flavor empty selects "glance-api": no authtoken, an unauthenticated
  # (admin) context for every request; "keystone" puts keystonemiddleware's authtoken in front (its default in-process
  # token cache, token_cache_time 300 s).
  local paste=/etc/glance/glance-api-paste.ini
  [ -f "$paste" ] || { bench_log "$paste missing (package glance-common)"; return 1; }
  local flavor="" authtoken=""
  if [ -n "$keystone_base" ]; then
    flavor=keystone
    authtoken="[keystone_authtoken]
www_authenticate_uri = $keystone_base
auth_url = $keystone_base
auth_type = password
username = admin
password = $GLANCE_TEST_KEYSTONE_ADMIN_KEY
project_name = admin
user_domain_name = Default
project_domain_name = Default"
  fi
  cat > "$dir/glance-api.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port
workers = ${BENCH_GLANCE_WORKERS:-2}
log_file = $dir/glance-api.log
use_stderr = false
debug = false
lock_path = $dir/lock
enabled_import_methods = []
[database]
connection = sqlite:///$dir/glance.sqlite
[paste_deploy]
flavor = $flavor
config_file = $paste
$authtoken
[glance_store]
stores = file
default_store = file
filesystem_store_datadir = $dir/store/
[oslo_concurrency]
lock_path = $dir/lock
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
EOF
  "$py" -m glance.cmd.manage --config-file "$dir/glance-api.conf" db_sync >"$dir/db_sync.log" 2>&1 \
    || { tail -n 20 "$dir/db_sync.log" >&2; return 1; }
  # sqlite: WAL so that the workers' writes do not fail with "database is locked" as often
  "$py" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$dir/glance.sqlite"
  "$py" -m glance.cmd.api --config-file "$dir/glance-api.conf" >"$dir/stdout.log" 2>&1 &
  OS_GLANCE_PID=$!
  BENCH_PIDS+=("$OS_GLANCE_PID")
  # Under a load of 26 on 2 cores Zed's start (imports, then its workers) took over 120 s: wait as long as for ours.
  if ! bench_wait_http "http://127.0.0.1:$port/versions" 600 "$OS_GLANCE_PID"; then
    tail -n 30 "$dir/stdout.log" "$dir/glance-api.log" >&2 2>/dev/null || true
    return 1
  fi
}
