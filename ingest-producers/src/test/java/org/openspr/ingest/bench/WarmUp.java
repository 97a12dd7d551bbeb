package org.openspr.ingest.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * Untimed passes before a benchmark's rounds, until the JIT has settled: at least {@code minPasses} passes and
 * {@code minSeconds}, then on until one pass spends at most {@link #QUIET_SHARE} of its time compiling, or
 * {@code maxSeconds} have passed. On 2 cores one JVM holding a broker, Jetty, Jersey, HAPI and Avro still has C2
 * compiling a minute in (seen at a quarter of the process's CPU after 45 s), and that CPU would count in the rounds.
 */
final class WarmUp {
    /** A pass that spends at most this share of its wall time compiling counts as steady. */
    static final double QUIET_SHARE = 0.05;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private WarmUp() {
    }

    /** Milliseconds the JIT compilers have spent so far (summed over compiler threads), or -1 if the JVM does not say. */
    static long compileMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }

    /** Runs the passes and prints what the warm-up took, prefixed by {@code label}. */
    static void run(String label, int minPasses, int minSeconds, int maxSeconds, Callable<?> pass) throws Exception {
        long start = System.nanoTime();
        int passes = 0;
        double lastShare;
        while (true) {
            long passStart = System.nanoTime();
            long compileStart = compileMillis();
            pass.call();
            passes++;
            double passMillis = (System.nanoTime() - passStart) / 1e6;
            lastShare = compileStart < 0 ? 0 : (compileMillis() - compileStart) / passMillis;
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH %s warm-up pass %d: %.1f s, the JIT compiled for %.0f %% of it%n", label, passes, passMillis / 1e3,
                    lastShare * 100);
            boolean enough = passes >= minPasses && elapsed >= minSeconds;
            if (enough && (lastShare <= QUIET_SHARE || elapsed >= maxSeconds)) {
                break;
            }
        }
        System.out.printf("BENCH %s warm-up: %d passes in %.0f s; the JIT compiled for %.0f %% of the last pass%s%n", label, passes,
                (System.nanoTime() - start) / 1e9, lastShare * 100, lastShare <= QUIET_SHARE ? "" : " (not yet settled: stopped at the time limit)");
    }
}
