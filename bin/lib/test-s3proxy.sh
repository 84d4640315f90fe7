# Sourced by bin/test: starts a throw-away S3 server (s3proxy with its filesystem backend in a temporary directory) on
# a free loopback port for the S3 store plugin's TCK and end-to-end tests, and exports GLANCE_TEST_S3_ENDPOINT,
# GLANCE_TEST_S3_ACCESS_KEY and GLANCE_TEST_S3_SECRET_KEY. Fetches the s3proxy jar with the Maven wrapper when it is not
# in the local repository yet. Stop it with stop_test_s3proxy.

TEST_S3PROXY_VERSION=3.0.0

start_test_s3proxy() {
  local root=${1:?project root}
  local jar=$HOME/.m2/repository/org/gaul/s3proxy/$TEST_S3PROXY_VERSION/s3proxy-$TEST_S3PROXY_VERSION-jar-with-dependencies.jar
  if [ ! -f "$jar" ]; then
    echo "test-setup: fetching s3proxy $TEST_S3PROXY_VERSION" >&2
    "$root/mvnw" -q -B dependency:get -Dtransitive=false \
      "-Dartifact=org.gaul:s3proxy:$TEST_S3PROXY_VERSION:jar:jar-with-dependencies" >&2 || return 1
  fi
  local base port java
  base=$(mktemp -d /tmp/glance-test-s3proxy.XXXXXX)
  TEST_S3PROXY_DIR=$base
  mkdir -p "$base/data"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$base/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=glance-test
s3proxy.credential=glance-test-secret
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem-nio2
jclouds.identity=glance-test
jclouds.credential=glance-test-secret
jclouds.filesystem.basedir=$base/data
CONF
  java=$(. "$root/bin/lib/find-jdk.sh" && echo "$JAVA_HOME/bin/java") || return 1
  "$java" -Xmx256m -jar "$jar" --properties "$base/s3proxy.conf" >"$base/server.log" 2>&1 &
  TEST_S3PROXY_PID=$!
  local i
  for i in $(seq 1 150); do
    # Any HTTP answer (403 without credentials) means it is serving.
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    kill -0 "$TEST_S3PROXY_PID" 2>/dev/null || { cat "$base/server.log" >&2; return 1; }
    sleep 0.2
  done
  curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "s3proxy did not start" >&2; cat "$base/server.log" >&2; return 1; }
  export GLANCE_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
  export GLANCE_TEST_S3_ACCESS_KEY=glance-test
  export GLANCE_TEST_S3_SECRET_KEY=glance-test-secret
  echo "test-setup: s3proxy $TEST_S3PROXY_VERSION on 127.0.0.1:$port (data in $base/data)" >&2
}

stop_test_s3proxy() {
  if [ -n "${TEST_S3PROXY_PID:-}" ]; then
    # A JVM killed by SIGTERM exits with 143; that is the expected end here, not a failure of bin/test.
    kill "$TEST_S3PROXY_PID" 2>/dev/null && wait "$TEST_S3PROXY_PID" 2>/dev/null || true
    TEST_S3PROXY_PID=
  fi
  [ -n "${TEST_S3PROXY_DIR:-}" ] && rm -rf "$TEST_S3PROXY_DIR"
  return 0
}
