package hifi.glue.run;

import hifi.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The wall time a run has taken over all the invocations ({@code train}, {@code train --resume}, a sweep) that worked
 * on it. An interrupted run resumes from its checkpoint in a later invocation; the time it had used is in
 * {@value #FILE} in its folder, which a daemon thread refreshes every {@value #PERIOD_SECONDS} s while the run trains (so a killed process loses at most that much of the
 * record) and which {@link #close()} writes a last time.
 */
public final class RunWallTime implements AutoCloseable {
    static final String FILE = "wall_seconds.txt";
    static final int PERIOD_SECONDS = 15;

    private final Path file;
    private final double before;
    private final long start;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService heartbeat;

    private RunWallTime(Path runDir, LongSupplier nanoClock) throws IOException {
        this.file = runDir.resolve(FILE);
        this.before = previous(file);
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-wall-time");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::saveQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts counting for the run in {@code runDir}, on top of what earlier invocations recorded there. */
    public static RunWallTime start(Path runDir, LongSupplier nanoClock) throws IOException {
        return new RunWallTime(runDir, nanoClock);
    }

    private static double previous(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return 0;
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number of seconds: \"" + text + "\"", e);
        }
    }

    /** Seconds used so far, this invocation included. */
    public double seconds() {
        return before + (nanoClock.getAsLong() - start) / 1e9;
    }

    private void save() throws IOException {
        AtomicFiles.writeString(file, String.format(Locale.ROOT, "%.3f%n", seconds()));
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException ignored) {
            // A missed refresh only loses up to one period of the record; the next one or close() writes it again.
        }
    }

    /** The run finished: its time now lives in {@code result.json}. */
    public void finished() throws IOException {
        heartbeat.shutdownNow();
        Files.deleteIfExists(file);
    }

    /** Stops the refreshes; unless {@link #finished()}, records the time used for the invocation that resumes the run. */
    @Override
    public void close() throws IOException {
        if (heartbeat.isShutdown()) return;
        heartbeat.shutdownNow();
        save();
    }
}
