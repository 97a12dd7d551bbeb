package org.openspr.ingest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How fast this machine runs right now, by fixed workloads that owe nothing to this project's code, on one thread, per
 * second of that thread's CPU time: SHA-256 over 1 MiB of fixed bytes (computation), and reads that chase a random
 * cycle through 64 MiB (memory, which parsing and the broker lean on). The development machine is a shared virtual
 * machine whose speed moved by 1.8x within an hour (same code, same benchmark), so a benchmark prints these before and
 * after its rounds, and two runs compare by their rates over them as well as by the rates themselves.
 */
final class HostSpeed {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final byte[] DATA = new byte[1 << 20];

    static {
        new SplittableRandom(42).nextBytes(DATA);
    }

    private HostSpeed() {
    }

    /** Both measures, as one line to print. */
    static String describe() {
        return String.format("%.0f MiB/s SHA-256, %.1f M random memory reads/s (one thread, per CPU-second)",
                sha256MibPerCpuSecond(5), randomReadsMillionsPerCpuSecond(5));
    }

    /** The median of rounds of about half a CPU-second each, in millions of dependent reads per CPU-second. */
    static double randomReadsMillionsPerCpuSecond(int rounds) {
        int[] next = cycle(16 << 20, new SplittableRandom(7)); // 16 Mi ints: 64 MiB, beyond the caches
        double[] rates = new double[rounds];
        int at = 0;
        for (int r = -1; r < rounds; r++) {
            long start = CPU.getCurrentThreadCpuTime();
            long end = start;
            long reads = 0;
            while (end - start < 500_000_000L) {
                for (int i = 0; i < 100_000; i++) {
                    at = next[at]; // each read waits for the one before
                }
                reads += 100_000;
                end = CPU.getCurrentThreadCpuTime();
            }
            if (r >= 0) {
                rates[r] = reads / ((end - start) / 1e9) / 1e6;
            }
        }
        if (at < 0) {
            throw new IllegalStateException(); // never: uses the chase's result
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    /** A single random cycle through all slots (Sattolo's shuffle). */
    private static int[] cycle(int size, SplittableRandom random) {
        int[] next = new int[size];
        for (int i = 0; i < size; i++) {
            next[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        return next;
    }

    /** The median of rounds of about half a CPU-second each, in MiB hashed per CPU-second (one warm-up round first). */
    static double sha256MibPerCpuSecond(int rounds) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        double[] rates = new double[rounds];
        byte[] sink = new byte[32];
        for (int r = -1; r < rounds; r++) {
            long start = CPU.getCurrentThreadCpuTime();
            long end = start;
            int hashed = 0;
            while (end - start < 500_000_000L) {
                sha.update(DATA);
                sink = sha.digest(sink); // feeds into the next round's state: nothing for the JIT to drop
                sha.update(sink);
                hashed++;
                end = CPU.getCurrentThreadCpuTime();
            }
            if (r >= 0) {
                rates[r] = hashed / ((end - start) / 1e9);
            }
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }
}
