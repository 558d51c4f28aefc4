package hifi.engine.train;

import hifi.engine.runtime.CounterRng;

import java.util.Arrays;

/**
 * How a batch is cut into micro-batches, and the dropout seed of each: the one definition that the in-process
 * gradient accumulation ({@link LocalMicroBatches}) and every distributed {@link MicroBatchExecutor} share, so that
 * both compute the same micro-batches with the same masks.
 *
 * <p>A batch of {@code n} examples in {@code p} parts: {@code m = min(p, n)} contiguous parts, part {@code j} holding
 * positions {@code ⌊j·n/m⌋ .. ⌊(j+1)·n/m⌋ − 1} of the batch, so no part is empty and sizes differ by at most one.
 * Part {@code j}'s gradient enters the batch's with weight {@code size_j / n}, which makes the sum the gradient of the
 * batch's mean loss.
 */
public final class MicroBatches {
    private MicroBatches() {
    }

    /** The example indices of each part of {@code batch}, in order. */
    public static int[][] split(int[] batch, int parts) {
        if (parts <= 0) throw new IllegalArgumentException("micro-batches must be > 0, got " + parts);
        int n = batch.length, m = Math.min(parts, n);
        int[][] out = new int[m][];
        for (int j = 0; j < m; j++) out[j] = Arrays.copyOfRange(batch, (int) ((long) j * n / m), (int) ((long) (j + 1) * n / m));
        return out;
    }

    /** The weight of a part of {@code size} examples in a batch of {@code batchSize}: {@code size / batchSize}. */
    public static float weight(int size, int batchSize) {
        return (float) size / batchSize;
    }

    /**
     * The dropout seed of part {@code part} of the batch with micro-step counter {@code microStep}: derived from the
     * whole batch's seed {@code derive(seed, microStep)} and the part's position, so every part has its own masks.
     */
    public static long seed(long seed, long microStep, int part) {
        return CounterRng.derive(CounterRng.derive(seed, microStep), part);
    }
}
