#!/usr/bin/env bash
# Whether the embedded H2 (the version glance-api bundles) gives back the space of deleted rows while it is open, the
# question behind "compact H2 periodically while glance-api runs". Prints the file size after each step of
# bench/H2OnlineCompaction.java, once with H2's defaults and once with its online settings RETENTION_TIME=0 and
# AUTO_COMPACT_FILL_RATE=100.  Usage: bench/h2-online-compaction.sh [ROWS]   (rows of 60 KB, default 200)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bin/lib/find-jdk.sh"
version=$(sed -n 's:.*<version.h2>\(.*\)</version.h2>.*:\1:p' "$root/pom.xml")
jar=$HOME/.m2/repository/com/h2database/h2/$version/h2-$version.jar
[ -f "$jar" ] || "$root/mvnw" -q -B dependency:get -Dtransitive=false "-Dartifact=com.h2database:h2:$version" >&2
rows=${1:-200}
for settings in "" ";RETENTION_TIME=0;AUTO_COMPACT_FILL_RATE=100"; do
  echo "H2 $version${settings:+ with $settings}:"
  "$JAVA_HOME/bin/java" -cp "$jar" "$root/bench/H2OnlineCompaction.java" "$rows" "$settings"
done
