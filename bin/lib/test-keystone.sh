# Sourced by bin/test after test-swift.sh: starts a throw-away Keystone (v3, fernet tokens, sqlite) under uwsgi and a
# second Swift proxy that authenticates with it (authtoken + keystoneauth), sharing the rings, disks and memcached of
# the tempauth Swift. Keystone's catalog lists that proxy as the object-store endpoint, so a client that logs in with
# Keystone v3 finds Swift as a real deployment's clients do. Exports GLANCE_TEST_KEYSTONE_AUTH (the v3 URL),
# GLANCE_TEST_KEYSTONE_ADMIN_KEY (the password of the bootstrapped user admin, project admin, domain default: tests
# register catalog entries, users and projects) and GLANCE_TEST_KEYSTONE_CONFIG (see start_test_keystone_identity),
# GLANCE_TEST_KEYSTONE_USER (project:user) and GLANCE_TEST_KEYSTONE_KEY. Installs Debian's python3-keystone, uwsgi
# and keystonemiddleware when missing (not the keystone .deb, whose install scripts ask about databases).
# Stop it with stop_test_keystone.

start_test_keystone() {
  if [ -z "${TEST_SWIFT_DIR:-}" ]; then
    echo "test-setup: start_test_swift must run before start_test_keystone" >&2
    return 1
  fi
  start_test_keystone_identity || return 1
  start_test_keystone_swift_proxy
}

# Keystone alone (no Swift needed): exports GLANCE_TEST_KEYSTONE_AUTH, GLANCE_TEST_KEYSTONE_ADMIN_KEY (the password
# of the bootstrapped user admin in project admin, domain default) and GLANCE_TEST_KEYSTONE_CONFIG (its keystone.conf,
# so a test can run a second Keystone process over the same database and keys, and stop it).
start_test_keystone_identity() {
  if ! command -v keystone-manage >/dev/null 2>&1 || ! command -v uwsgi >/dev/null 2>&1 \
      || [ ! -e /usr/lib/uwsgi/plugins/python3_plugin.so ] || ! /usr/bin/python3 -c 'import keystonemiddleware' 2>/dev/null; then
    echo "test-setup: installing python3-keystone, uwsgi and keystonemiddleware" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-keystone uwsgi-core \
      uwsgi-plugin-python3 python3-keystonemiddleware >/dev/null
  fi
  local base keystone_port admin_password
  base=$(mktemp -d /tmp/glance-test-keystone.XXXXXX)
  chmod 755 "$base"
  TEST_KEYSTONE_DIR=$base
  TEST_KEYSTONE_PIDS=""
  keystone_port=$(test_keystone_free_port)
  admin_password="admin-$RANDOM$RANDOM"
  cat >"$base/keystone.conf" <<CONF
[DEFAULT]
log_file = $base/keystone.log
[database]
connection = sqlite:///$base/keystone.db
[token]
provider = fernet
[fernet_tokens]
key_repository = $base/fernet-keys
[fernet_receipts]
key_repository = $base/fernet-keys
[credential]
key_repository = $base/credential-keys
[identity]
# bcrypt's fewest rounds: every password login (Tempest logs in dozens of fresh users) costs milliseconds instead of
# a quarter second of CPU. A throw-away Keystone guards nothing.
password_hash_rounds = 4
CONF
  local manage="keystone-manage --config-file $base/keystone.conf"
  $manage db_sync >"$base/manage.log" 2>&1 || { cat "$base/manage.log" >&2; return 1; }
  # Back-to-back writes fail with "database is locked" in sqlite's default journal mode.
  /usr/bin/python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' \
    "$base/keystone.db"
  $manage fernet_setup --keystone-user root --keystone-group root >>"$base/manage.log" 2>&1 || return 1
  $manage credential_setup --keystone-user root --keystone-group root >>"$base/manage.log" 2>&1 || return 1
  $manage bootstrap --bootstrap-password "$admin_password" --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "http://127.0.0.1:$keystone_port/v3" \
    --bootstrap-public-url "http://127.0.0.1:$keystone_port/v3" \
    --bootstrap-internal-url "http://127.0.0.1:$keystone_port/v3" >>"$base/manage.log" 2>&1 \
    || { cat "$base/manage.log" >&2; return 1; }
  OS_KEYSTONE_CONFIG_FILES="$base/keystone.conf" uwsgi --plugin python3 --http11-socket "127.0.0.1:$keystone_port" \
    --wsgi-file "$(command -v keystone-wsgi-public)" --processes 1 --threads 4 --die-on-term \
    --env "OS_KEYSTONE_CONFIG_FILES=$base/keystone.conf" >"$base/uwsgi.log" 2>&1 &
  TEST_KEYSTONE_PIDS="$!"
  local i
  for i in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$keystone_port/v3" && break
    kill -0 "$TEST_KEYSTONE_PIDS" 2>/dev/null || { cat "$base/uwsgi.log" >&2; return 1; }
    sleep 0.2
  done
  chmod 644 "$base/keystone.conf"
  export GLANCE_TEST_KEYSTONE_AUTH="http://127.0.0.1:$keystone_port/v3"
  export GLANCE_TEST_KEYSTONE_ADMIN_KEY="$admin_password"
  export GLANCE_TEST_KEYSTONE_CONFIG="$base/keystone.conf"
  echo "test-setup: Keystone on 127.0.0.1:$keystone_port" >&2
}

test_keystone_free_port() {
  /usr/bin/python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The Swift proxy that authenticates with that Keystone: user glance in project glance, and the proxy as the
# object-store endpoint of Keystone's catalog.
start_test_keystone_swift_proxy() {
  local base=$TEST_KEYSTONE_DIR proxy_port password i
  local keystone_port=${GLANCE_TEST_KEYSTONE_AUTH#http://127.0.0.1:}
  keystone_port=${keystone_port%/v3}
  local admin_password=$GLANCE_TEST_KEYSTONE_ADMIN_KEY
  proxy_port=$(test_keystone_free_port)
  password="glance-$RANDOM$RANDOM"
  # The project, user and catalog entry, through Keystone's own API with the bootstrapped admin.
  /usr/bin/python3 - "http://127.0.0.1:$keystone_port/v3" "$admin_password" "$password" "$proxy_port" <<'PY' || return 1
import json, sys, urllib.request
base, admin_password, password, proxy_port = sys.argv[1:]
def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **({"X-Auth-Token": token} if token else {})})
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return response.headers.get("X-Subject-Token"), (json.loads(text) if text else None)
token, _ = call("POST", "/auth/tokens", {"auth": {"identity": {"methods": ["password"], "password": {"user": {
    "name": "admin", "domain": {"id": "default"}, "password": admin_password}}},
    "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}})
_, project = call("POST", "/projects", {"project": {"name": "glance", "domain_id": "default"}}, token)
_, user = call("POST", "/users", {"user": {"name": "glance", "domain_id": "default", "password": password}}, token)
_, roles = call("GET", "/roles?name=member", token=token)
call("PUT", "/projects/%s/users/%s/roles/%s" % (project["project"]["id"], user["user"]["id"], roles["roles"][0]["id"]),
     token=token)
_, service = call("POST", "/services", {"service": {"type": "object-store", "name": "swift"}}, token)
for interface in ("public", "internal", "admin"):
    call("POST", "/endpoints", {"endpoint": {"service_id": service["service"]["id"], "interface": interface,
         "region_id": "RegionOne", "url": "http://127.0.0.1:%s/v1/AUTH_$(project_id)s" % proxy_port}}, token)
PY
  # The Keystone-protected proxy: the tempauth proxy's config with authtoken + keystoneauth in tempauth's place.
  local memcached
  memcached=$(sed -n 's/^memcache_servers = //p' "$TEST_SWIFT_DIR/proxy-server.conf")
  sed -e "s/^bind_port = .*/bind_port = $proxy_port/" -e "s/ tempauth / authtoken keystoneauth /" \
    "$TEST_SWIFT_DIR/proxy-server.conf" >"$base/proxy-server.conf"
  cat >>"$base/proxy-server.conf" <<CONF
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = http://127.0.0.1:$keystone_port
auth_url = http://127.0.0.1:$keystone_port
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = admin
username = admin
password = $admin_password
delay_auth_decision = True
memcached_servers = $memcached
[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member
CONF
  chmod 644 "$base/proxy-server.conf"
  swift-proxy-server "$base/proxy-server.conf" >"$base/proxy.log" 2>&1 &
  TEST_KEYSTONE_PIDS="$TEST_KEYSTONE_PIDS $!"
  for i in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$proxy_port/healthcheck" && break
    sleep 0.2
  done
  curl -sf -o /dev/null "http://127.0.0.1:$proxy_port/healthcheck" || { cat "$base/proxy.log" >&2; return 1; }
  export GLANCE_TEST_KEYSTONE_USER="glance:glance"
  export GLANCE_TEST_KEYSTONE_KEY="$password"
  echo "test-setup: Keystone-protected Swift proxy on 127.0.0.1:$proxy_port" >&2
}

stop_test_keystone() {
  local pid
  for pid in ${TEST_KEYSTONE_PIDS:-}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${TEST_KEYSTONE_PIDS:-}; do
    wait "$pid" 2>/dev/null || true
  done
  TEST_KEYSTONE_PIDS=""
  [ -n "${TEST_KEYSTONE_DIR:-}" ] && rm -rf "$TEST_KEYSTONE_DIR"
  TEST_KEYSTONE_DIR=""
}
