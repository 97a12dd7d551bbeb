package org.openspr.ingest.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Untimed passes before a benchmark's rounds, until the JIT has settled: at least {@code minPasses} passes and
 * {@code minSeconds}, then on until the JIT has spent at most {@link #QUIET_SHARE} of the last {@link #WINDOW_NANOS}
 * compiling, or {@code maxSeconds} have passed. On 2 cores one JVM holding a broker, Jetty, Jersey, HAPI and Avro still
 * has C2 compiling minutes in (a quarter of the process's CPU after 45 s; a tenth after two minutes of FHIR), and that
 * CPU would count in the rounds. Compile time is booked when a compilation ends, and one C2 compilation of a large
 * method can take seconds here, so the share is taken over a window of several passes, not one.
 */
final class WarmUp {
    /** Settled: at most this share of the window's wall time spent compiling (summed over the compiler threads). */
    static final double QUIET_SHARE = 0.10;
    static final long WINDOW_NANOS = 20_000_000_000L;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private WarmUp() {
    }

    /** Milliseconds the JIT compilers have spent so far (summed over compiler threads), or -1 if the JVM does not say. */
    static long compileMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }

    /** Runs the passes and prints each one and what the warm-up took, prefixed by {@code label}. */
    static void run(String label, int minPasses, int minSeconds, int maxSeconds, Callable<?> pass) throws Exception {
        long start = System.nanoTime();
        List<long[]> marks = new ArrayList<>(); // {time, compile millis} at the start of each pass in the window
        int passes = 0;
        double share;
        double window; // seconds the share was taken over
        double elapsed;
        while (true) {
            marks.add(new long[] {System.nanoTime(), compileMillis()});
            pass.call();
            passes++;
            long now = System.nanoTime();
            long compiled = compileMillis();
            while (marks.size() > 1 && now - marks.get(1)[0] >= WINDOW_NANOS) {
                marks.remove(0); // the next mark still spans a whole window
            }
            long[] from = marks.get(0);
            window = (now - from[0]) / 1e9;
            share = from[1] < 0 ? 0 : (compiled - from[1]) / (window * 1e3);
            elapsed = (now - start) / 1e9;
            System.out.printf("BENCH %s warm-up pass %d: %.1f s in, the JIT compiled for %.0f %% of the last %.0f s%n", label, passes,
                    elapsed, share * 100, window);
            boolean enough = passes >= minPasses && elapsed >= minSeconds;
            if (enough && (share <= QUIET_SHARE || elapsed >= maxSeconds)) {
                break;
            }
        }
        System.out.printf("BENCH %s warm-up: %d passes in %.0f s; the JIT compiled for %.0f %% of the last %.0f s%s%n", label, passes,
                elapsed, share * 100, window, share <= QUIET_SHARE ? "" : " (not yet settled: stopped at the time limit)");
    }
}
