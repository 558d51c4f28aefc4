package hifi.engine.train;

import hifi.engine.data.TrainingExample;
import hifi.engine.runtime.CounterRng;

import java.util.Arrays;
import java.util.List;

/**
 * Which examples form each batch of each epoch. The order of epoch {@code e} is a pure function of {@code (seed, e)}:
 * a Fisher–Yates shuffle driven by {@link CounterRng}, so a resumed run only needs the epoch and the position within
 * it. With length grouping (Hugging Face's {@code group_by_length}) the shuffled order is cut into mega-batches of
 * {@link #MEGA_BATCH_FACTOR} batches, each sorted by decreasing length (stable), so that a batch holds sequences of
 * similar length and {@link hifi.engine.data.Batch#collate dynamic padding} wastes little. The last batch may be smaller.
 */
public final class BatchPlan {
    /** Batches per length-sorted mega-batch (Hugging Face's {@code LengthGroupedSampler} uses 50). */
    public static final int MEGA_BATCH_FACTOR = 50;

    private final int[] lengths;
    private final int batchSize;
    private final long seed;
    private final boolean lengthGrouped;

    public BatchPlan(int[] lengths, int batchSize, long seed, boolean lengthGrouped) {
        if (lengths.length == 0) throw new IllegalArgumentException("BatchPlan: no training examples");
        if (batchSize <= 0) throw new IllegalArgumentException("BatchPlan: batch size must be > 0, got " + batchSize);
        this.lengths = lengths.clone();
        this.batchSize = batchSize;
        this.seed = seed;
        this.lengthGrouped = lengthGrouped;
    }

    /** A plan over {@code examples}' lengths. */
    public static BatchPlan of(List<TrainingExample> examples, int batchSize, long seed, boolean lengthGrouped) {
        return new BatchPlan(examples.stream().mapToInt(TrainingExample::length).toArray(), batchSize, seed, lengthGrouped);
    }

    public int batchesPerEpoch() {
        return (lengths.length + batchSize - 1) / batchSize;
    }

    /** The example indices of every batch of epoch {@code epoch}. */
    public int[][] epoch(int epoch) {
        int n = lengths.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long epochSeed = CounterRng.derive(seed, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) Long.remainderUnsigned(CounterRng.bits(epochSeed, i), i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (lengthGrouped) sortMegaBatches(order);
        int[][] batches = new int[batchesPerEpoch()][];
        for (int b = 0; b < batches.length; b++) batches[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
        return batches;
    }

    private void sortMegaBatches(int[] order) {
        int mega = MEGA_BATCH_FACTOR * batchSize;
        for (int from = 0; from < order.length; from += mega) {
            int to = Math.min(order.length, from + mega);
            Integer[] chunk = new Integer[to - from];
            for (int i = from; i < to; i++) chunk[i - from] = order[i];
            Arrays.sort(chunk, (a, b) -> Integer.compare(lengths[b], lengths[a]));
            for (int i = from; i < to; i++) order[i] = chunk[i - from];
        }
    }
}
