package dev.inspectorate.devstack.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/** HTTP load: closed loops (N clients, each sending as soon as its last answer came) and open loops (a fixed rate). */
final class Load {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Load() {}

    /**
     * What a run did. Latency in microseconds; {@code items} counts judgements (a batch request carries many).
     * In an open loop latency runs from when a request was due, not from when it was sent, so a stall is counted
     * against every request it delayed.
     */
    record Result(long ok, long failed, long items, double seconds, Histogram latency) {
        double itemsPerSecond() {
            return items / seconds;
        }

        double percentileMillis(double p) {
            return latency.getValueAtPercentile(p) / 1000.0;
        }
    }

    static Histogram histogram() {
        return new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    /**
     * {@code workers} clients, each sending {@code next.apply(worker, i)} and waiting for its answer, for
     * {@code duration}; the first {@code warmup} is not counted.
     */
    static Result closedLoop(int workers, Duration warmup, Duration duration, BiFunction<Integer, Long, HttpRequest> next,
            int itemsPerRequest, int expectedStatus) throws InterruptedException {
        Histogram latency = histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                for (long i = 0; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    boolean success = send(next.apply(worker, i), expectedStatus, null);
                    long done = System.nanoTime();
                    if (start >= measureFrom) {
                        (success ? ok : failed).incrementAndGet();
                        if (success) {
                            latency.recordValue(Math.max(1, (done - start) / 1000));
                        }
                    }
                }
            }, "load-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(ok.get(), failed.get(), ok.get() * itemsPerRequest, duration.toNanos() / 1e9, latency);
    }

    /**
     * Requests at a fixed rate for {@code duration}, each sent when due whatever the others are doing; waits for
     * the last answers. {@code onOk} sees every accepted answer (on the client's threads).
     */
    static Result openLoop(double perSecond, Duration duration, LongFunction<HttpRequest> next, int expectedStatus,
            Consumer<HttpResponse<String>> onOk) {
        Histogram latency = histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long interval = (long) (1e9 / perSecond);
        long count = (long) (duration.toNanos() / (double) interval);
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(HTTP.sendAsync(next.apply(i), HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
                long done = System.nanoTime();
                if (e == null && r.statusCode() == expectedStatus) {
                    ok.incrementAndGet();
                    latency.recordValue(Math.max(1, (done - due) / 1000));
                    onOk.accept(r);
                } else {
                    failed.incrementAndGet();
                    report(r, e);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.MINUTES).join();
        return new Result(ok.get(), failed.get(), ok.get(), (System.nanoTime() - start) / 1e9, latency);
    }

    /** One client sending the same request {@code warmup} times unmeasured, then {@code count} times. */
    static Result sequential(HttpRequest request, int warmup, int count, int expectedStatus) {
        Histogram latency = histogram();
        long ok = 0;
        long failed = 0;
        for (int i = 0; i < warmup; i++) {
            send(request, expectedStatus, null);
        }
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            if (send(request, expectedStatus, null)) {
                ok++;
                latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            } else {
                failed++;
            }
        }
        return new Result(ok, failed, ok, (System.nanoTime() - started) / 1e9, latency);
    }

    /** Sends one request; true when it got the expected status. */
    static boolean send(HttpRequest request, int expectedStatus, Consumer<HttpResponse<String>> onOk) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == expectedStatus) {
                if (onOk != null) {
                    onOk.accept(r);
                }
                return true;
            }
            report(r, null);
        } catch (java.io.IOException e) {
            report(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static final AtomicLong reported = new AtomicLong();

    /** The first few failures are printed: a benchmark that hides its errors measures nothing. */
    private static void report(HttpResponse<String> r, Throwable e) {
        if (reported.incrementAndGet() <= 5) {
            System.out.println("  request failed: " + (r != null
                    ? r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())) : e));
        }
    }
}
