package org.openspr.ingest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

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
        int[] at = {0};
        double rate = medianRate(rounds, () -> {
            int i = at[0];
            for (int n = 0; n < 100_000; n++) {
                i = next[i]; // each read waits for the one before
            }
            at[0] = i;
            return 100_000;
        });
        if (at[0] < 0) {
            throw new IllegalStateException(); // never: uses the chase's result
        }
        return rate / 1e6;
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

    /** The median of rounds of about half a CPU-second each, in MiB hashed per CPU-second. */
    static double sha256MibPerCpuSecond(int rounds) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        byte[][] sink = {new byte[32]};
        return medianRate(rounds, () -> {
            sha.update(DATA);
            sink[0] = sha.digest(sink[0]); // feeds into the next step's state: nothing for the JIT to drop
            sha.update(sink[0]);
            return 1;
        });
    }

    /**
     * The median, over rounds of about half a CPU-second of this thread each (after one warm-up round), of the units
     * of work done per CPU-second; {@code step} does some work and says how many units.
     */
    private static double medianRate(int rounds, LongSupplier step) {
        double[] rates = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            long start = CPU.getCurrentThreadCpuTime();
            long end = start;
            long units = 0;
            while (end - start < 500_000_000L) {
                units += step.getAsLong();
                end = CPU.getCurrentThreadCpuTime();
            }
            if (r >= 0) {
                rates[r] = units / ((end - start) / 1e9);
            }
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }
}
