# Sourced by every project script (and ./mvnw): exports JAVA_HOME pointing at a JDK 21 or newer.
# Helidon 4 needs Java 21+, while many machines default to an older java; so look, in order, at
# $JAVA_HOME, the java on PATH, and the usual JDK folders, and take the first that is new enough.
# Every bin/glance run sources this file, so it answers with bash alone: the functions set variables rather than
# print into $(...) (a fork each), and the only process is readlink for a javac on PATH that is a symbolic link.

glance_java_major() {
  # Sets glance_major to the feature version of the java binary given as $1 (e.g. 17, 21, 25), or to nothing.
  # The JDK's `release` file (JAVA_VERSION="25.0.3", "1.8.0_392" for 8) answers without starting a JVM, which
  # costs 0.1-0.2 CPU s per candidate; a JDK without one is asked.
  local release=${1%/bin/java}/release line
  glance_major=
  if [ -r "$release" ]; then
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=*) glance_major=${line#JAVA_VERSION=\"}; glance_major=${glance_major#1.}
                        glance_major=${glance_major%%[!0-9]*}; break ;;
      esac
    done <"$release"
    if [ -n "$glance_major" ]; then
      return 0
    fi
  fi
  glance_major=$("$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
}

glance_javac_on_path() {
  # Sets glance_javac_home to the JDK folder of the first javac on PATH (through its symbolic links), or to nothing.
  # POSIX sh, not bash: ./mvnw sources this file with /bin/sh (dash on Debian).
  local dir rest=${PATH:-}: javac=
  while [ -n "$rest" ]; do
    dir=${rest%%:*}
    rest=${rest#*:}
    if [ -x "${dir:-.}/javac" ] && [ ! -d "${dir:-.}/javac" ]; then
      javac=${dir:-.}/javac
      break
    fi
  done
  glance_javac_home=
  [ -n "$javac" ] || return 0
  if [ -L "$javac" ]; then
    javac=$(readlink -f "$javac") || return 0
  fi
  glance_javac_home=${javac%/*}
  glance_javac_home=${glance_javac_home%/*}
}

glance_find_jdk() {
  # Sets GLANCE_JDK to the first JDK 21 or newer; fails when there is none.
  local candidate
  # "javac-on-path" is resolved only when reached: a usable JAVA_HOME answers without looking at PATH.
  for candidate in "${JAVA_HOME:-}" javac-on-path \
                   /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    if [ "$candidate" = javac-on-path ]; then
      glance_javac_on_path
      candidate=$glance_javac_home
    fi
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    glance_java_major "$candidate/bin/java"
    if [ -n "$glance_major" ] && [ "$glance_major" -ge 21 ]; then
      GLANCE_JDK=$candidate
      return 0
    fi
  done
  return 1
}

if ! glance_find_jdk; then
  unset glance_major glance_javac_home
  echo "No JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$GLANCE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
unset GLANCE_JDK glance_major glance_javac_home
