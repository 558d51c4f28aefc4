package hifi.glue.model;

import hifi.engine.data.Batch;
import hifi.engine.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batches for inference: the examples sorted by length (longest first, ties in input order) and cut into batches, so
 * that each batch is padded only to its own longest sequence. Results are written back by the example indices each
 * batch carries, so the caller sees them in input order. The grouping changes no result: in eval mode every sequence
 * is computed independently of its batch mates (padding is masked).
 */
public final class InferenceBatches {
    private InferenceBatches() {
    }

    /** The example indices of each batch, longest sequences first. */
    public static List<int[]> plan(List<Encoding> encodings, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        Integer[] order = new Integer[encodings.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -encodings.get(i).length()).thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[] b = new int[to - from];
            for (int i = from; i < to; i++) b[i - from] = order[i];
            batches.add(b);
        }
        return batches;
    }

    /** The batch of {@code indices}, padded to its longest sequence with {@code padId}, without labels. */
    public static Batch collate(List<Encoding> encodings, int[] indices, int padId) {
        int[][] ids = new int[indices.length][], types = new int[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            Encoding e = encodings.get(indices[i]);
            ids[i] = e.ids();
            types[i] = e.typeIds();
        }
        return Batch.pad(ids, types, padId, null, null);
    }
}
