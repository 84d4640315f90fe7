# Sourced by bin/glance-registry: how its JVM waits for sockets. Sets io_opts (an array of flags that go before
# JAVA_OPTS, so that a -Djdk.pollerMode there wins).
#
# Every request runs on a virtual thread, and a virtual thread's socket read that finds nothing waits for a poller.
# The JDK's default on Linux (jdk.pollerMode=2) polls on virtual threads that a platform "MasterPoller" wakes: a
# request's bytes wake the MasterPoller, which wakes a carrier to run the sub-poller, which unparks the request's
# thread, often on the other carrier. With jdk.pollerMode=1 a platform poller thread waits on the sockets itself and
# unparks the request's thread directly. glance-registry counted 2.39 carrier and 0.93 MasterPoller wake-ups per call
# of one client against 1.92 carrier and 0.92 Read-Poller wake-ups with mode 1, and the CPU of a create and a list
# through glance-api at 1 client fell (bench/README, "Registry hop, session 10"). glance-api is left on the default:
# the same flag would change how its uploads and downloads wait, which no transfer benchmark has measured yet.
io_opts=()
if [[ "${JAVA_OPTS:-}" != *-Djdk.pollerMode=* ]]; then
  io_opts=(-Djdk.pollerMode=1)
fi
