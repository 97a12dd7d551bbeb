package org.openspr.ingest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the ingest service's own threads: Jetty's request threads ({@code dw-}), the MLLP I/O thread and workers
 * ({@code spr-mllp-}), the publish lanes ({@code spr-ingest-publish-}) and their producers' I/O threads. Not the broker,
 * the registry, the load generator, GC or the JIT, which share the benchmark's two cores but would not share a
 * production ingest host's. A thread that ends between two snapshots takes its CPU with it; the service's threads
 * outlive a round.
 */
final class ServiceCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final String producerThreads;

    /** @param transactionalIdPrefix the service's lanes' transactional id prefix, which names their producers' threads */
    ServiceCpu(String transactionalIdPrefix) {
        this.producerThreads = "kafka-producer-network-thread | " + transactionalIdPrefix + "-";
    }

    /** CPU nanoseconds so far of each live service thread, by thread id. */
    Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && isService(info.getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** CPU nanoseconds the service's threads used between two snapshots (a thread new since {@code from} counts whole). */
    static long between(Map<Long, Long> from, Map<Long, Long> to) {
        long nanos = 0;
        for (Map.Entry<Long, Long> e : to.entrySet()) {
            nanos += e.getValue() - from.getOrDefault(e.getKey(), 0L);
        }
        return nanos;
    }

    private boolean isService(String name) {
        return name.startsWith("dw-") || name.startsWith("spr-mllp-") || name.startsWith("spr-ingest-publish-")
                || name.startsWith(producerThreads);
    }
}
