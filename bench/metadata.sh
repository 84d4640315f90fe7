#!/usr/bin/env bash
# Metadata API benchmark: POST /v2/images, GET /v2/images/{id} and GET /v2/images?limit=25 at concurrency 1, 8 and 32.
#   bench/metadata.sh [--compare-glance] [--keystone] [--registry] [--creates N] [--shows N] [--lists N]
#                     [--concurrency 1,8,32]
# Starts glance-api on a free loopback port with a fresh data dir, runs bench/Bench.java against it, stops it.
# --registry puts a glance-registry (embedded H2) behind glance-api (data_api: registry) and measures that instead:
# every metadata call then crosses one more HTTP hop.
# --compare-glance also installs Debian's OpenStack Glance (Zed, python), runs it (without Keystone unless --keystone)
# on sqlite and its filesystem store on another loopback port, runs the same load, and prints the ratios.
# --keystone starts a throw-away Keystone (bin/lib/test-keystone.sh) and puts both servers behind it
# (auth_strategy: keystone; Zed with its keystone paste flavor): every request carries a project member's token, which
# each server validates with Keystone once and then takes from its token cache (the warm-up fills it).
# Environment: BENCH_TMPDIR (default /var/tmp), BENCH_JAVA_OPTS (default -Xmx256m), BENCH_WARMUP, GLANCE_API_CMD,
# GLANCE_API_EXTRA_ARGS, BENCH_GLANCE_WORKERS (workers of the Python glance-api, default 2 = its default on 2 cores).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/lib/common.sh"

compare=""
registry=""
keystone=""
creates=2000
shows=1000
lists=200
levels=1,8,32
while [ $# -gt 0 ]; do
  case $1 in
    --compare-glance) compare=1 ;;
    --registry) registry=1 ;;
    --keystone) keystone=1 ;;
    --creates) creates=$2; shift ;;
    --shows) shows=$2; shift ;;
    --lists) lists=$2; shift ;;
    --concurrency) levels=$2; shift ;;
    *) echo "usage: $0 [--compare-glance] [--keystone] [--registry] [--creates N] [--shows N] [--lists N]" \
         "[--concurrency 1,8,32]" >&2
       exit 2 ;;
  esac
  shift
done
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}

bench_need curl curl
bench_need python3 python3
. "$bench_root/bin/lib/find-jdk.sh"

tmp_base=${BENCH_TMPDIR:-/var/tmp}
mkdir -p "$tmp_base"
work=$(mktemp -d "$tmp_base/glance-bench-meta.XXXXXX")
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bench_stop_all
  [ -z "$keystone" ] || stop_test_keystone
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Compile the load generator once (the single-file launcher would recompile it for every run).
mkdir -p "$work/classes"
javac -d "$work/classes" "$here/Bench.java"
bench_args=(--creates "$creates" --shows "$shows" --lists "$lists" --concurrency "$levels" --tsv "$work/results.tsv")
# BENCH_WARMUP=CREATES,LISTS (and as many shows) at 8 clients before the measured phases, the same whichever server or
# path is measured; longer than Bench.java's own 200,50 because the JIT of a fresh JVM is much of the first minutes'
# CPU on 2 cores, and with --registry there are two JVMs to warm (bench/README, registry hop session 8). compare.sh
# uses the same default.
IFS=, read -r warm_creates warm_lists <<<"${BENCH_WARMUP:-4000,2000}"
bench_args+=(--warmup-creates "$warm_creates" --warmup-lists "$warm_lists")

# --- Keystone: the bootstrapped admin is each server's service user; the load runs as a member of project bench ---
if [ -n "$keystone" ]; then
  . "$bench_root/bin/lib/test-keystone.sh"
  if ! declare -F start_test_keystone_identity >/dev/null; then
    echo "--keystone needs bin/lib/test-keystone.sh's start_test_keystone_identity (comes with auth_strategy keystone)" >&2
    keystone=""
    exit 2
  fi
  start_test_keystone_identity >&2
  bench_token=$(/usr/bin/python3 - "$GLANCE_TEST_KEYSTONE_AUTH" "$GLANCE_TEST_KEYSTONE_ADMIN_KEY" <<'PY'
import json, sys, urllib.request
base, admin_password = sys.argv[1:]
def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **({"X-Auth-Token": token} if token else {})})
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return response.headers.get("X-Subject-Token"), (json.loads(text) if text else None)
def login(user, password, project):
    return call("POST", "/auth/tokens", {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}})[0]
admin = login("admin", admin_password, "admin")
_, project = call("POST", "/projects", {"project": {"name": "bench", "domain_id": "default"}}, admin)
_, user = call("POST", "/users", {"user": {"name": "bench", "domain_id": "default", "password": "bench-pw"}}, admin)
_, roles = call("GET", "/roles?name=member", token=admin)
call("PUT", "/projects/%s/users/%s/roles/%s" % (project["project"]["id"], user["user"]["id"], roles["roles"][0]["id"]),
     token=admin)
print(login("bench", "bench-pw", "bench"))
PY
  )
  keystone_base=${GLANCE_TEST_KEYSTONE_AUTH%/v3}
  authtoken_args="--auth_strategy keystone --keystone_authtoken.auth_url $keystone_base"
  authtoken_args+=" --keystone_authtoken.www_authenticate_uri $keystone_base --keystone_authtoken.username admin"
  authtoken_args+=" --keystone_authtoken.password $GLANCE_TEST_KEYSTONE_ADMIN_KEY"
  authtoken_args+=" --keystone_authtoken.project_name admin --keystone_authtoken.user_domain_name Default"
  authtoken_args+=" --keystone_authtoken.project_domain_name Default"
  GLANCE_API_EXTRA_ARGS="${GLANCE_API_EXTRA_ARGS:-} $authtoken_args"
  bench_args+=(--token "$bench_token")
fi

echo "== glance metadata benchmark: $creates creates + $shows shows + $lists lists (GET /v2/images?limit=25) per" \
  "concurrency level =="
[ -z "$keystone" ] || echo "  behind Keystone $GLANCE_TEST_KEYSTONE_AUTH: every request carries a project member's token" \
  "(validated once, then from the server's token cache)"
echo "  $(nproc) cores; load generator: bench/Bench.java on $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "  one keep-alive HTTP/1.1 connection per worker; req/s = requests / wall time of the phase; latency per request"
echo "  (write request .. last byte of response); 'server cpu'/'client cpu' = cores used during the phase."
echo "  before: $(bench_load_note)"
echo "  The database grows as it goes: each level's lists see the images created by all earlier levels."

# --- this project's glance-api ---------------------------------------------------------------------------------------
echo
if [ -n "$registry" ]; then
  rport=$(bench_free_port)
  bench_start_registry "$rport" "$work/registry" "$java_opts"
  echo "-- glance-registry (H2) on port $rport, pid $REGISTRY_PID; glance-api uses it (data_api: registry)"
  GLANCE_API_EXTRA_ARGS="${GLANCE_API_EXTRA_ARGS:-} --data_api registry --registry_host 127.0.0.1"
  GLANCE_API_EXTRA_ARGS="$GLANCE_API_EXTRA_ARGS --registry_port $rport"
fi
gport=$(bench_free_port)
t0=$(bench_now_ns)
JAVA_OPTS=$java_opts bench_start_glance "$gport" "$work/glance/data" "$work/glance/store" "$work/glance/glance-api.log"
if ! bench_wait_http "http://127.0.0.1:$gport/versions" 600 "$GLANCE_PID"; then
  echo "glance-api did not start; its log:" >&2
  tail -n 50 "$work/glance/glance-api.log" >&2
  exit 1
fi
echo "-- glance-api (this project), JAVA_OPTS=$java_opts, pid $GLANCE_PID, started in $(bench_secs "$t0" "$(bench_now_ns)") s"
# With --registry the server CPU columns count glance-api and glance-registry together: the hop costs on both sides.
"$JAVA_HOME/bin/java" -cp "$work/classes" Bench --url "http://127.0.0.1:$gport" --label glance-java \
  --server-pid "$GLANCE_PID${registry:+,$REGISTRY_PID}" "${bench_args[@]}"
echo "  server memory: VmHWM $(bench_kib_to_mib "$(bench_status_kib "$GLANCE_PID" VmHWM)") MiB," \
  "VmRSS $(bench_kib_to_mib "$(bench_status_kib "$GLANCE_PID" VmRSS)") MiB"
if [ -n "$registry" ]; then
  echo "  glance-registry memory: VmHWM $(bench_kib_to_mib "$(bench_status_kib "$REGISTRY_PID" VmHWM)") MiB"
fi
bench_stop "$GLANCE_PID"
echo "  after: $(bench_load_note)"

[ -n "$compare" ] || exit 0

# --- OpenStack Glance (Debian's python glance-api, Zed) --------------------------------------------------------------
echo
echo "-- OpenStack Glance (Debian package, python) for comparison"
. "$here/lib/zed.sh"
start_openstack_glance() { bench_start_zed "$1" "$work/openstack-glance" "${keystone:+$keystone_base}"; }
oport=$(bench_free_port)
if start_openstack_glance "$oport"; then
  echo "-- OpenStack Glance $(dpkg-query -W -f '${Version}' python3-glance 2>/dev/null), sqlite, file store," \
    "workers=${BENCH_GLANCE_WORKERS:-2}, pid $OS_GLANCE_PID"
  "$JAVA_HOME/bin/java" -cp "$work/classes" Bench --url "http://127.0.0.1:$oport" --label openstack-glance \
    --server-pid "$OS_GLANCE_PID" "${bench_args[@]}"
  bench_stop "$OS_GLANCE_PID"
  echo "  after: $(bench_load_note)"
  echo
  echo "== ratio: glance-java / openstack-glance (req/s: higher is better for glance-java; p99: lower is better) =="
  awk -F'\t' '
    { key = $2 " " $3; if ($1 == "glance-java") { j[key] = $0; order[n++] = key } else o[key] = $0 }
    END {
      printf "  %-7s %5s %12s %12s %8s %12s %12s %8s\n", "op", "conc", "java req/s", "py req/s", "ratio", "java p99", "py p99", "ratio"
      for (i = 0; i < n; i++) {
        k = order[i]; if (!(k in o)) continue
        split(j[k], a, "\t"); split(o[k], b, "\t")
        printf "  %-7s %5d %12.1f %12.1f %8.2f %12.2f %12.2f %8.2f\n", a[2], a[3], a[6], b[6], (b[6] > 0 ? a[6] / b[6] : 0), a[8], b[8], (b[8] > 0 ? a[8] / b[8] : 0)
      }
    }' "$work/results.tsv"
else
  echo "  OpenStack Glance could not be started here; comparison skipped (see the messages above)"
fi
