package io.glance.http.observe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The process and its JVM, under the names Prometheus' own Java client uses ({@code process_*}, {@code jvm_*}), so
 * existing dashboards find them.
 */
public final class JvmMetrics implements MetricsSource {

    @Override
    public void writeTo(PrometheusText out) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            out.family("process_cpu_seconds_total", "counter", "CPU time the process used");
            out.sample("process_cpu_seconds_total", sun.getProcessCpuTime() / 1e9);
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            out.family("process_open_fds", "gauge", "Open file descriptors (sockets included)");
            out.sample("process_open_fds", unix.getOpenFileDescriptorCount());
            out.family("process_max_fds", "gauge", "The file descriptor limit");
            out.sample("process_max_fds", unix.getMaxFileDescriptorCount());
        }
        out.family("process_start_time_seconds", "gauge", "When the process started, seconds since the epoch");
        out.sample("process_start_time_seconds", ManagementFactory.getRuntimeMXBean().getStartTime() / 1e3);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.family("jvm_memory_bytes_used", "gauge", "Used bytes of a memory area");
        out.sample("jvm_memory_bytes_used", heap.getUsed(), "area", "heap");
        out.sample("jvm_memory_bytes_used", nonHeap.getUsed(), "area", "nonheap");
        out.family("jvm_memory_bytes_committed", "gauge", "Committed bytes of a memory area");
        out.sample("jvm_memory_bytes_committed", heap.getCommitted(), "area", "heap");
        out.sample("jvm_memory_bytes_committed", nonHeap.getCommitted(), "area", "nonheap");
        out.family("jvm_memory_bytes_max", "gauge", "Most bytes a memory area may grow to (-1: no limit)");
        out.sample("jvm_memory_bytes_max", heap.getMax(), "area", "heap");
        out.sample("jvm_memory_bytes_max", nonHeap.getMax(), "area", "nonheap");

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.family("jvm_threads_current", "gauge", "Live platform threads");
        out.sample("jvm_threads_current", threads.getThreadCount());
        out.family("jvm_threads_daemon", "gauge", "Live platform daemon threads");
        out.sample("jvm_threads_daemon", threads.getDaemonThreadCount());

        out.family("jvm_gc_collections_total", "counter", "Garbage collections, by collector");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.sample("jvm_gc_collections_total", Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
        }
        out.family("jvm_gc_collection_seconds_total", "counter", "Time spent in garbage collections, by collector");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.sample("jvm_gc_collection_seconds_total", Math.max(0, gc.getCollectionTime()) / 1e3, "gc",
                    gc.getName());
        }
    }
}
