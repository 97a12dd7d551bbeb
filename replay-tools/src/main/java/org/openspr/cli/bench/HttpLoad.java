package org.openspr.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Closed-loop HTTP load: {@code concurrency} workers each send the next request as soon as the previous answered.
 * Counts answers by success (the expected status) and records every latency.
 */
final class HttpLoad {
    /** What a run did: requests answered as expected, failures (with the first failure's text), wall time, latencies. */
    record Result(long ok, long failed, String firstFailure, double seconds, Latencies latencies) {
        double perSecond() {
            return ok / Math.max(seconds, 1e-9);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final int expectedStatus;

    HttpLoad(int expectedStatus) {
        this.expectedStatus = expectedStatus;
    }

    /** Sends each request once, spread over the workers. */
    Result sendAll(List<HttpRequest> requests, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return run(concurrency, Long.MAX_VALUE, worker -> {
            int i = next.getAndIncrement();
            return i < requests.size() ? requests.get(i) : null;
        });
    }

    /** Sends requests from {@code source} (by sequence number) until {@code duration} has passed. */
    Result sendFor(Duration duration, int concurrency, IntFunction<HttpRequest> source) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return run(concurrency, System.nanoTime() + duration.toNanos(), worker -> source.apply(next.getAndIncrement()));
    }

    private Result run(int concurrency, long deadline, IntFunction<HttpRequest> source) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        StringBuffer firstFailure = new StringBuffer();
        Latencies latencies = new Latencies();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                running.add(workers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        HttpRequest request = source.apply(worker);
                        if (request == null) {
                            return null;
                        }
                        long sent = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        latencies.add(System.nanoTime() - sent);
                        if (response.statusCode() == expectedStatus) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            synchronized (firstFailure) {
                                if (firstFailure.isEmpty()) {
                                    String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                                    firstFailure.append(response.statusCode()).append(' ').append(request.uri()).append(": ")
                                            .append(body, 0, Math.min(300, body.length()));
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }
        return new Result(ok.get(), failed.get(), firstFailure.toString(), (System.nanoTime() - start) / 1e9, latencies);
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    }
}
