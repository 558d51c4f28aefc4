package hifi.glue.cli;

import hifi.glue.progress.ClockTime;
import hifi.glue.progress.Progress;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The command line's {@link Progress}: a progress bar for long loops (head selection, training, evaluation) with the rate and the time left, written to
 * stderr. On a terminal it redraws one line in place with a carriage return (at most ten times a second); when
 * stderr is not a terminal (a log file, CI) it prints a plain line at every tenth of the way, and at least every
 * 30 seconds, so logs stay readable. No ANSI escape codes are used in either mode.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.create("train", totalSteps, "steps")) {
 *     for (...) { ...; bar.status("loss 0.412"); bar.advance(1); }
 * }
 * }</pre>
 */
public final class ProgressBar implements Progress {
    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_MAX_SILENCE_NANOS = 30_000_000_000L;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream err;
    private final boolean interactive;
    private final LongSupplier clock;
    private long start;
    /** Units that were already done when timing started (a resumed run); they do not count towards the rate. */
    private long baseline;
    private long done;
    private String status = "";
    private long lastDraw;
    private long drawnValue = -1;
    private int lastDecile;
    private int lastWidth;
    private boolean closed;

    /**
     * @param total       the number of units the work has, or 0 if unknown (no percentage, no ETA)
     * @param interactive redraw in place (a terminal) or print plain lines
     * @param clock       nanosecond clock ({@code System::nanoTime}; a fake one in tests)
     */
    public ProgressBar(String label, long total, String unit, PrintStream err, boolean interactive, LongSupplier clock) {
        this.label = label;
        this.total = Math.max(0, total);
        this.unit = unit;
        this.err = err;
        this.interactive = interactive;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start;
    }

    /** A bar on {@code System.err}, redrawing in place only if stderr is a terminal. */
    public static ProgressBar create(String label, long total, String unit) {
        return new ProgressBar(label, total, unit, System.err, isTerminal(), System::nanoTime);
    }

    /** Whether the process is attached to an interactive terminal that understands carriage returns. */
    public static boolean isTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal() && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * Starts from {@code value} units already done (work finished before a resume): the bar shows them, but the rate
     * and the ETA count only the work done from now on.
     */
    @Override
    public synchronized void resumeAt(long value) {
        done = value;
        baseline = value;
        drawnValue = value;
        start = clock.getAsLong();
        lastDraw = start;
        lastDecile = decile(value);
    }

    /** Records {@code n} more units of finished work. */
    @Override
    public synchronized void advance(long n) {
        set(done + n);
    }

    /** Sets the amount of finished work. */
    @Override
    public synchronized void set(long value) {
        done = value;
        maybeDraw();
    }

    /** A short text shown after the numbers (for example the running loss). */
    @Override
    public synchronized void status(String text) {
        status = text == null ? "" : text;
    }

    private void maybeDraw() {
        long now = clock.getAsLong();
        if (interactive) {
            if (now - lastDraw >= REDRAW_NANOS || (total > 0 && done >= total)) draw(now);
            return;
        }
        int decile = decile(done);
        if (decile > lastDecile || now - lastDraw >= PLAIN_MAX_SILENCE_NANOS) {
            lastDecile = decile;
            draw(now);
        }
    }

    /** Which tenth of the way {@code value} units are (0–10; 0 when the total is unknown). */
    private int decile(long value) {
        return total > 0 ? (int) Math.min(10, value * 10 / total) : 0;
    }

    private void draw(long now) {
        lastDraw = now;
        drawnValue = done;
        String line = render(done, now - start);
        if (interactive) {
            err.print('\r' + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** The text of the bar after {@code elapsedNanos} with {@code value} units done. */
    String render(long value, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? Math.max(0, value - baseline) / seconds : 0;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) value / total);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% %d/%d %s", Math.round(fraction * 100), value, total, unit));
        } else {
            sb.append(value).append(' ').append(unit);
        }
        sb.append(String.format(Locale.ROOT, " | %s %s/s | elapsed %s", formatRate(rate), unit, ClockTime.format(seconds)));
        if (total > 0 && value < total) {
            sb.append(" | ETA ").append(rate > 0 ? ClockTime.format((total - value) / rate) : "--:--");
        }
        if (!status.isEmpty()) sb.append(" | ").append(status);
        return sb.toString();
    }

    private static String formatRate(double rate) {
        return rate >= 100 ? String.format(Locale.ROOT, "%.0f", rate)
                : rate >= 1 ? String.format(Locale.ROOT, "%.1f", rate) : String.format(Locale.ROOT, "%.3f", rate);
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        long now = clock.getAsLong();
        if (done != drawnValue) draw(now);
        if (interactive) err.println();
        err.flush();
    }
}
