# Sourced by every project script (and ./mvnw): exports JAVA_HOME pointing at a JDK 21 or newer.
# Helidon 4 needs Java 21+, while many machines default to an older java; so look, in order, at
# $JAVA_HOME, the java on PATH, and the usual JDK folders, and take the first that is new enough.

glance_java_major() {
  # Prints the feature version of the java binary given as $1 (e.g. 17, 21, 25), or nothing.
  # The JDK's `release` file (JAVA_VERSION="25.0.3", "1.8.0_392" for 8) answers without starting a JVM, which
  # costs 0.1-0.2 CPU s per candidate and every bin/glance run sources this file; a JDK without one is asked.
  # Read with bash alone: each process forked here is paid by every cold bin/glance.
  local release=${1%/bin/java}/release line major=
  if [ -r "$release" ]; then
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=*) major=${line#JAVA_VERSION=\"}; major=${major#1.}; major=${major%%[!0-9]*}; break ;;
      esac
    done <"$release"
    if [ -n "$major" ]; then
      printf '%s\n' "$major"
      return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

glance_find_jdk() {
  local candidate major
  # "javac-on-path" is resolved only when reached: a usable JAVA_HOME answers without the readlink processes.
  for candidate in "${JAVA_HOME:-}" javac-on-path \
                   /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    if [ "$candidate" = javac-on-path ]; then
      candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")
    fi
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(glance_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! GLANCE_JDK=$(glance_find_jdk); then
  echo "No JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$GLANCE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
unset GLANCE_JDK
