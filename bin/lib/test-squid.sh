# Sourced by bin/test: starts a throw-away Squid on a free loopback port with etc/squid/glance.conf, its
# cache_peer rewritten to 127.0.0.1:$2 (the port the caching-proxy tests start glance-api on) and its cache, logs
# and pid file in a temporary folder. Exports GLANCE_TEST_SQUID_URL and GLANCE_TEST_SQUID_LOG (its access log).
# Installs Debian's squid when missing. Stop it with stop_test_squid.

start_test_squid() {
  local root=$1 backend_port=$2
  if ! command -v squid >/dev/null 2>&1 && [ ! -x /usr/sbin/squid ]; then
    echo "test-setup: installing squid" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends squid >/dev/null
  fi
  local base port squid
  squid=$(command -v squid || echo /usr/sbin/squid)
  base=$(mktemp -d /tmp/glance-test-squid.XXXXXX)
  TEST_SQUID_DIR=$base
  mkdir -p "$base/cache" "$base/logs"
  chmod 755 "$base"
  # Started by root, Squid works as its cache_effective_user (Debian: proxy).
  [ "$(id -u)" -ne 0 ] || chown -R proxy:proxy "$base/cache" "$base/logs"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  sed -e "s#^http_port 127.0.0.1:3128 #http_port 127.0.0.1:$port #" \
      -e "s#^cache_peer 127.0.0.1 parent 9292 #cache_peer 127.0.0.1 parent $backend_port #" \
      -e "s#^cache_dir ufs /var/spool/squid-glance [0-9]*#cache_dir ufs $base/cache 4096#" \
      -e "s#/var/log/squid/#$base/logs/#" \
      -e "s#/run/squid-glance.pid#$base/squid.pid#" \
      -e "s#^coredump_dir .*#coredump_dir $base/cache#" \
      "$root/etc/squid/glance.conf" >"$base/glance.conf"
  "$squid" -z -N -f "$base/glance.conf" >"$base/squid-z.log" 2>&1 || { cat "$base/squid-z.log" >&2; return 1; }
  "$squid" -N -f "$base/glance.conf" >"$base/squid.log" 2>&1 &
  TEST_SQUID_PID=$!
  local i
  for i in $(seq 1 100); do
    # A connect, not a request: a request now would reach the glance-api that is not started yet, and after a few
    # failed connections Squid declares its cache_peer dead and answers 502 for a while.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$TEST_SQUID_PID" 2>/dev/null || { cat "$base/squid.log" "$base/logs/"*.log >&2; return 1; }
    sleep 0.1
  done
  export GLANCE_TEST_SQUID_URL="http://127.0.0.1:$port"
  export GLANCE_TEST_SQUID_LOG="$base/logs/glance-access.log"
  echo "test-setup: squid on 127.0.0.1:$port -> glance-api on 127.0.0.1:$backend_port" >&2
}

stop_test_squid() {
  if [ -n "${TEST_SQUID_PID:-}" ]; then
    kill "$TEST_SQUID_PID" 2>/dev/null && wait "$TEST_SQUID_PID" 2>/dev/null || true
    TEST_SQUID_PID=
  fi
  [ -n "${TEST_SQUID_DIR:-}" ] && rm -rf "$TEST_SQUID_DIR"
  return 0
}
