# Sourced by bin/test: starts a throw-away MariaDB server on a free loopback port for the repository contract tests
# and exports GLANCE_TEST_MARIADB_URL. Installs Debian's mariadb-server when missing. Stop it with stop_test_mariadb.
# Runs without systemd (CI machines have none): mariadbd is started directly with its own data directory.

start_test_mariadb() {
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    echo "test-setup: installing mariadb-server" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client >/dev/null
  fi
  local base
  base=$(mktemp -d /tmp/glance-test-mariadb.XXXXXX)
  chmod 755 "$base"
  TEST_MARIADB_DIR=$base
  local data=$base/data sock=$base/mariadb.sock port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$data" && chown mysql:mysql "$data" "$base"
  mariadb-install-db --no-defaults --user=mysql --datadir="$data" --auth-root-authentication-method=socket \
    --skip-test-db >"$base/install.log" 2>&1 || { cat "$base/install.log" >&2; return 1; }
  /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$data" --bind-address=127.0.0.1 --port="$port" \
    --socket="$sock" --pid-file="$base/mariadb.pid" --skip-name-resolve --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci >"$base/server.log" 2>&1 &
  TEST_MARIADB_PID=$!
  local i
  for i in $(seq 1 100); do
    mariadb --no-defaults --socket="$sock" -uroot -e "SELECT 1" >/dev/null 2>&1 && break
    kill -0 "$TEST_MARIADB_PID" 2>/dev/null || { cat "$base/server.log" >&2; return 1; }
    sleep 0.2
  done
  mariadb --no-defaults --socket="$sock" -uroot -e \
    "CREATE USER 'glance'@'127.0.0.1' IDENTIFIED BY 'glance'; GRANT ALL ON *.* TO 'glance'@'127.0.0.1';" || return 1
  export GLANCE_TEST_MARIADB_URL="jdbc:mariadb://127.0.0.1:$port/?user=glance&password=glance"
  echo "test-setup: MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port (data in $base)" >&2
}

stop_test_mariadb() {
  if [ -n "${TEST_MARIADB_PID:-}" ]; then
    kill "$TEST_MARIADB_PID" 2>/dev/null && wait "$TEST_MARIADB_PID" 2>/dev/null || true
  fi
  [ -n "${TEST_MARIADB_DIR:-}" ] && rm -rf "$TEST_MARIADB_DIR"
  return 0
}
