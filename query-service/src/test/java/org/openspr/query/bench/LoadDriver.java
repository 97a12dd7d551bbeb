package org.openspr.query.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded closed-loop HTTP load driver for loopback benchmarks: {@code concurrency} threads, each with its own
 * connection, send GETs (the same one, or a round of several) back to back for a warm-up and then a measured period, recording every latency.
 */
public final class LoadDriver {
    /**
     * Requests per second, latency percentiles in milliseconds, how many answers were not 200, and the CPU time this whole
     * JVM (service, broker and client alike) spent per request while measuring: the figure that other load on the
     * machine disturbs least.
     */
    public record Result(int concurrency, long requests, double perSecond, double p50, double p99, long errors,
                         double cpuMsPerRequest) {
        @Override
        public String toString() {
            return String.format("c=%d %,d req  %,.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d  cpu %.2f ms/req", concurrency,
                    requests, perSecond, p50, p99, errors, cpuMsPerRequest);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private LoadDriver() {
    }

    public static Result run(URI uri, String token, int concurrency, Duration warmUp, Duration measured) throws InterruptedException {
        return run(List.of(uri), token, concurrency, warmUp, measured);
    }

    /** As {@link #run(URI, String, int, Duration, Duration)}, each thread going round the URIs from its own starting point. */
    public static Result run(List<URI> uris, String token, int concurrency, Duration warmUp, Duration measured)
            throws InterruptedException {
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            int first = t;
            Thread thread = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<HttpRequest> requests = uris.stream()
                        .map(uri -> HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build()).toList();
                int n = 0;
                int sentCount = first;
                try {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            break;
                        }
                        HttpRequest request = requests.get(sentCount++ % requests.size());
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - sent;
                        if (sent >= measureFrom && n < samples.length) {
                            samples[n++] = response.statusCode() == 200 ? took : -took;
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    samples[samples.length - 1] = n; // count in the last slot
                    done.countDown();
                }
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        java.util.concurrent.locks.LockSupport.parkNanos(measureFrom - System.nanoTime());
        long cpuBefore = processCpuNanos();
        done.await();
        long cpu = processCpuNanos() - cpuBefore;
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (long[] samples : latencies) {
            int n = (int) samples[samples.length - 1];
            for (int i = 0; i < n; i++) {
                if (samples[i] < 0) {
                    errors.incrementAndGet();
                }
                all.add(Math.abs(samples[i]));
            }
            total += n;
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double seconds = measured.toNanos() / 1e9;
        return new Result(concurrency, total, total / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors.get(),
                total == 0 ? Double.NaN : cpu / 1e6 / total);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
