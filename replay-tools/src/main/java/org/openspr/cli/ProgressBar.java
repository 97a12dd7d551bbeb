package org.openspr.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar for long operator commands: count, percent, rate and ETA, redrawn in place on a
 * terminal and printed every few seconds as plain lines when output is not a terminal (CI logs, pipes).
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final String unit;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private long done;
    private long drawnAt = -1;

    public ProgressBar(PrintStream out, String label, long total, String unit) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.terminal = System.console() != null;
    }

    public synchronized void step(long count) {
        done += count;
        long now = System.nanoTime();
        long interval = terminal ? 100_000_000L : 5_000_000_000L;
        if (now - lastDrawNanos >= interval || done >= total) {
            lastDrawNanos = now;
            draw(now);
        }
    }

    public synchronized long done() {
        return done;
    }

    private void draw(long now) {
        if (drawnAt == done && !terminal) {
            return; // plain output: never print the same line twice
        }
        drawnAt = done;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format("%3d%% ", 100 * done / total));
        }
        line.append(done).append(total > 0 ? "/" + total : "").append(' ').append(unit)
                .append(String.format(", %.0f %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            line.append(", ETA ").append(format(Duration.ofSeconds((long) ((total - done) / rate))));
        }
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        draw(System.nanoTime());
        if (terminal) {
            out.println();
        }
    }

    private static String format(Duration duration) {
        return duration.toHours() > 0 ? String.format("%dh%02dm", duration.toHours(), duration.toMinutesPart())
                : String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
    }
}
