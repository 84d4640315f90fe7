# Sourced by bin/glance-api and bin/glance-registry: the JVM settings both servers start with, so that glance-api on
# its own database and glance-api with a glance-registry behind it run their JVMs alike. Sets gc_opts (an array of
# flags that go before JAVA_OPTS) and exports MALLOC_ARENA_MAX.
#
# Native memory outside the Java heap. glibc gives every thread that mallocs an arena of its own (up to 8 per core)
# and keeps what was freed in it: C2's and C1's compilation arenas (NMT "Arena Chunk", a peak of 38 MiB while the Swift
# and S3 plugins' code was compiled) stayed resident in the compiler threads' arenas, 56-64 MiB of glibc arenas for
# 29 MiB in use. Two arenas (inherited by qemu-img too, which mallocs little), and a trim of what is free every 2 s
# (-XX:TrimNativeHeapInterval, malloc_trim on a JVM thread), return it.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

# The Java heap: the serial collector, a 128 MiB heap to start with and a fixed 64 MiB young generation whose survivor
# spaces (16 MiB each) hold the upload and download blocks in flight. G1 grew the -Xmx256m heap with the machine's load
# (152-208 MiB committed for a 25-40 MiB live set; it sizes the heap by the wall time of its pauses) and every region
# of it became resident: 301-332 MiB peaks in bench/remote-stores.sh, 319 MiB for glance-registry under
# bench/metadata.sh --registry, where G1's own threads were 9 % of the registry's CPU. The serial collector with a
# third of a 64 MiB heap as young generation had 3.7 MiB survivors: blocks in flight were promoted and the old
# generation grew to 145 MiB (367.8 MiB peak). Left out when JAVA_OPTS names a collector or a maximum heap below
# 128 MiB; its flags win.
max_heap_mib=$(awk '{
  for (i = 1; i <= NF; i++) if ($i ~ /^-Xmx[0-9]+[kKmMgG]?$/) {
    v = substr($i, 5); u = tolower(substr(v, length(v)))
    m = u == "g" ? v * 1024 : u == "m" ? v + 0 : u == "k" ? v / 1024 : v / 1048576
  } } END { if (m != "") print int(m) }' <<<"${JAVA_OPTS:-}")
gc_opts=()
if [[ "${JAVA_OPTS:-}" != *-XX:+Use*GC* ]] && { [ -z "$max_heap_mib" ] || [ "$max_heap_mib" -ge 128 ]; }; then
  gc_opts=(-XX:+UseSerialGC -Xms128m -Xmn64m -XX:SurvivorRatio=2)
fi
gc_opts+=(-XX:TrimNativeHeapInterval=2000)
