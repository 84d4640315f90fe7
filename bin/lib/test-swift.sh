# Sourced by bin/test: starts a throw-away single-node OpenStack Swift (tempauth, slo) on free loopback ports for the
# Swift store plugin's tests and exports GLANCE_TEST_SWIFT_AUTH (the tempauth v1.0 URL; user test:tester, key
# testing). Installs Debian's Swift and memcached when missing. Stop it with stop_test_swift.
# Runs without systemd: memcached and the four Swift servers are started directly with configs in a temp directory.

_test_swift_free_ports() {
  # Five distinct free loopback ports, from one interpreter (each start of Python costs up to a second).
  "$1" -c 'import socket
socks = [socket.socket() for _ in range(5)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

start_test_swift() {
  if ! command -v swift-proxy-server >/dev/null 2>&1 || ! command -v memcached >/dev/null 2>&1; then
    echo "test-setup: installing swift and memcached" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends swift swift-proxy \
      swift-account swift-container swift-object python3-swiftclient memcached >/dev/null
  fi
  local base
  base=$(mktemp -d /tmp/glance-test-swift.XXXXXX)
  chmod 755 "$base"
  TEST_SWIFT_DIR=$base
  TEST_SWIFT_PIDS=""
  # Swift keeps object metadata in user xattrs: the device directory must be on ext4/xfs (tmpfs has no user xattrs).
  mkdir -p "$base/node/d1" "$base/run" "$base/cache"
  if ! setfattr -n user.glance-test -v 1 "$base/node/d1" 2>/dev/null \
      && ! /usr/bin/python3 -c 'import os,sys; os.setxattr(sys.argv[1], "user.glance-test", b"1")' "$base/node/d1" 2>/dev/null; then
    echo "test-setup: $base has no user xattrs, which Swift needs; set TMPDIR to a directory on ext4 or xfs" >&2
    return 1
  fi
  chown -R swift:swift "$base/node" "$base/run" "$base/cache"
  local python memcached_port account_port container_port object_port proxy_port
  python=$(sed -n '1s/^#! *//p' "$(command -v swift-ring-builder)")  # the Python Swift is installed for
  read -r memcached_port account_port container_port object_port proxy_port < <(_test_swift_free_ports "$python")
  # One Python process builds the three one-device rings (swift-ring-builder would take nine, about 1 s each).
  "$python" - "$base" "$account_port" "$container_port" "$object_port" <<'PY' || return 1
import sys
from swift.common.ring import RingBuilder
base = sys.argv[1]
for kind, port in zip(("account", "container", "object"), sys.argv[2:]):
    builder = RingBuilder(10, 1, 1)
    builder.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1", "port": int(port), "device": "d1",
                     "weight": 1})
    builder.rebalance()
    builder.get_ring().save("%s/%s.ring.gz" % (base, kind))
PY
  local kind port
  for kind in account container object; do
    eval "port=\$${kind}_port"
    cat >"$base/$kind-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = 1
user = swift
swift_dir = $base
devices = $base/node
mount_check = false
disable_fallocate = true
log_facility = LOG_LOCAL2
log_level = WARNING
[pipeline:main]
pipeline = ${kind}-server
[app:${kind}-server]
use = egg:swift#$kind
EOF
    [ "$kind" = container ] && printf '[container-updater]\n[container-auditor]\n[container-replicator]\n[container-sync]\n' >>"$base/$kind-server.conf"
    [ "$kind" = account ] && printf '[account-replicator]\n[account-auditor]\n[account-reaper]\n' >>"$base/$kind-server.conf"
    [ "$kind" = object ] && printf '[object-replicator]\n[object-updater]\n[object-auditor]\n' >>"$base/$kind-server.conf"
  done
  chown -R swift:swift "$base"
  cat >"$base/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $proxy_port
workers = 1
user = swift
swift_dir = $base
log_facility = LOG_LOCAL1
log_level = WARNING
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempauth slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin
storage_url_scheme = http
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$memcached_port
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:slo]
use = egg:swift#slo
min_segment_size = 1
[filter:dlo]
use = egg:swift#dlo
EOF
  memcached -u memcache -l 127.0.0.1 -p "$memcached_port" -U 0 >"$base/memcached.log" 2>&1 &
  TEST_SWIFT_PIDS="$!"
  for kind in account container object proxy; do
    "swift-$kind-server" "$base/$kind-server.conf" >"$base/$kind.log" 2>&1 &
    TEST_SWIFT_PIDS="$TEST_SWIFT_PIDS $!"
  done
  # The servers take 5 s to start on an idle 2-core machine, far longer on a busy one.
  local auth="http://127.0.0.1:$proxy_port/auth/v1.0" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null -H 'X-Auth-User: test:tester' -H 'X-Auth-Key: testing' "$auth" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "test-setup: Swift did not answer at $auth within 120 s" >&2
      tail -n 20 "$base"/*.log >&2
      return 1
    fi
    sleep 0.2
  done
  export GLANCE_TEST_SWIFT_AUTH="$auth"
  echo "test-setup: Swift $(dpkg-query -W -f='${Version}' swift-proxy 2>/dev/null) at $auth (data in $base)" >&2
}

stop_test_swift() {
  local pid
  # "|| true": bin/test runs with set -e, and wait reports the server's signal exit (143).
  for pid in ${TEST_SWIFT_PIDS:-}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${TEST_SWIFT_PIDS:-}; do
    wait "$pid" 2>/dev/null || true
  done
  TEST_SWIFT_PIDS=""
  [ -n "${TEST_SWIFT_DIR:-}" ] && rm -rf "$TEST_SWIFT_DIR"
  return 0
}
