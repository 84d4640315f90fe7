# Sourced by bin/test: starts a throw-away Varnish on a free loopback port with etc/varnish/glance.vcl, its backend
# rewritten to 127.0.0.1:$1 (the port the caching-proxy tests start glance-api on). Exports GLANCE_TEST_VARNISH_URL.
# Installs Debian's varnish when missing. Stop it with stop_test_varnish.

start_test_varnish() {
  local root=$1 backend_port=$2
  if ! command -v varnishd >/dev/null 2>&1 && [ ! -x /usr/sbin/varnishd ]; then
    echo "test-setup: installing varnish" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends varnish >/dev/null
  fi
  local base port varnishd
  varnishd=$(command -v varnishd || echo /usr/sbin/varnishd)
  base=$(mktemp -d /tmp/glance-test-varnish.XXXXXX)
  chmod 755 "$base"
  TEST_VARNISH_DIR=$base
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  sed "s/\.port = \"9292\";/.port = \"$backend_port\";/" "$root/etc/varnish/glance.vcl" >"$base/glance.vcl"
  # File storage (sparse) rather than memory: the tests cache a 256 MiB image, the bench a 1 GiB one.
  "$varnishd" -F -n "$base/work" -a "127.0.0.1:$port" -f "$base/glance.vcl" -T none \
    -s "file,$base/storage.bin,${GLANCE_TEST_VARNISH_STORAGE:-2G}" >"$base/varnishd.log" 2>&1 &
  TEST_VARNISH_PID=$!
  local i
  for i in $(seq 1 100); do
    # Any HTTP answer (the backend is not up yet: 503) means the child is serving.
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthcheck" || true)" != "000" ] && break
    kill -0 "$TEST_VARNISH_PID" 2>/dev/null || { cat "$base/varnishd.log" >&2; return 1; }
    sleep 0.1
  done
  export GLANCE_TEST_VARNISH_URL="http://127.0.0.1:$port"
  echo "test-setup: varnish on 127.0.0.1:$port -> glance-api on 127.0.0.1:$backend_port" >&2
}

stop_test_varnish() {
  if [ -n "${TEST_VARNISH_PID:-}" ]; then
    kill "$TEST_VARNISH_PID" 2>/dev/null && wait "$TEST_VARNISH_PID" 2>/dev/null || true
    TEST_VARNISH_PID=
  fi
  [ -n "${TEST_VARNISH_DIR:-}" ] && rm -rf "$TEST_VARNISH_DIR"
  return 0
}
