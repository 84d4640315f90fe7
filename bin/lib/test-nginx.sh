# Sourced by bin/test: starts a throw-away nginx serving a temporary docroot on a free loopback port, for the HTTP
# store plugin's TCK and web-download (tests seed images by writing files into the docroot). Exports GLANCE_TEST_HTTP_BASE and
# GLANCE_TEST_HTTP_DOCROOT. Installs Debian's nginx when missing. Stop it with stop_test_nginx.

start_test_nginx() {
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "test-setup: installing nginx" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
  fi
  local base port nginx
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  base=$(mktemp -d /tmp/glance-test-nginx.XXXXXX)
  TEST_NGINX_DIR=$base
  mkdir -p "$base/docroot" "$base/logs" "$base/tmp"
  # nginx workers run as an unprivileged user when started by root: they must be able to read the docroot.
  chmod 755 "$base" "$base/docroot"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$base/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $base/nginx.pid;
error_log $base/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path $base/tmp/body;
    proxy_temp_path $base/tmp/proxy;
    fastcgi_temp_path $base/tmp/fastcgi;
    uwsgi_temp_path $base/tmp/uwsgi;
    scgi_temp_path $base/tmp/scgi;
    sendfile on;
    server {
        listen 127.0.0.1:$port;
        root $base/docroot;
        # ImportWebDownloadEndToEndTest: a redirect from this (allowed) host to the metadata service address,
        # which glance-api must check again and refuse.
        location = /redirect-to-metadata { return 302 http://169.254.169.254/latest/meta-data/; }
        # ImportRestartEndToEndTest: the docroot at 256 KiB/s, so that an import is still running when it is killed.
        location /slow/ { alias $base/docroot/; limit_rate 256k; }
    }
}
CONF
  "$nginx" -c "$base/nginx.conf" -p "$base" >"$base/logs/stdout.log" 2>&1 &
  TEST_NGINX_PID=$!
  local i
  for i in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    kill -0 "$TEST_NGINX_PID" 2>/dev/null || { cat "$base/logs/"*.log >&2; return 1; }
    sleep 0.1
  done
  export GLANCE_TEST_HTTP_BASE="http://127.0.0.1:$port"
  export GLANCE_TEST_HTTP_DOCROOT="$base/docroot"
  echo "test-setup: nginx on 127.0.0.1:$port (docroot $base/docroot)" >&2
}

stop_test_nginx() {
  if [ -n "${TEST_NGINX_PID:-}" ]; then
    # Its exit status after SIGTERM must not fail bin/test's EXIT trap (set -e), which still has services to stop.
    kill "$TEST_NGINX_PID" 2>/dev/null && wait "$TEST_NGINX_PID" 2>/dev/null || true
    TEST_NGINX_PID=
  fi
  [ -n "${TEST_NGINX_DIR:-}" ] && rm -rf "$TEST_NGINX_DIR"
  return 0
}
