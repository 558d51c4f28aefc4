package hifi.method.stability;

import hifi.method.scoring.HeadId;

import java.util.ArrayList;
import java.util.List;

/**
 * One task's selections over calibration sample sizes and seeds, {@code records[size][seed]} in the order of
 * {@code sizes} (ascending) and {@code seeds}, and the comparisons the stability report shows.
 *
 * <p>A seed names a draw order, and a smaller sample is a prefix of a larger one with the same seed
 * ({@link hifi.method.select.CalibrationSample}): {@link #againstLargest} compares nested samples, {@link #acrossSeeds}
 * samples drawn independently (which still share examples when the sample is a sizeable part of the training split).
 */
public record TaskStability(String task, List<Integer> sizes, List<Long> seeds, List<List<SelectionRecord>> records) {

    /** Two selections and their agreement. */
    public record Pair(int sizeA, long seedA, int sizeB, long seedB, RankingAgreement agreement) {
    }

    public TaskStability {
        sizes = List.copyOf(sizes);
        seeds = List.copyOf(seeds);
        records = records.stream().map(List::copyOf).toList();
        for (List<SelectionRecord> row : records) {
            if (row.size() != seeds.size()) throw new IllegalArgumentException("need one selection per seed: " + seeds.size() + ", got " + row.size());
        }
        if (records.size() != sizes.size()) throw new IllegalArgumentException("need selections for " + sizes.size() + " sample sizes, got " + records.size());
        for (int i = 1; i < sizes.size(); i++) {
            if (sizes.get(i) <= sizes.get(i - 1)) throw new IllegalArgumentException("sample sizes must ascend: " + sizes);
        }
    }

    public SelectionRecord record(int sizeIndex, int seedIndex) {
        return records.get(sizeIndex).get(seedIndex);
    }

    /** Every two seeds at one sample size (size index {@code s}): {@code n(n − 1)/2} pairs. */
    public List<Pair> acrossSeeds(int s) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            for (int j = i + 1; j < seeds.size(); j++) out.add(pair(s, i, s, j));
        }
        return out;
    }

    /** Each seed's selection at size index {@code s} against the same seed's at the largest size. */
    public List<Pair> againstLargest(int s) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) out.add(pair(s, i, sizes.size() - 1, i));
        return out;
    }

    /** The heads chosen at the largest sample size with the first seed: what {@link #overlaps} compares. */
    public List<HeadId> referenceHeads() {
        return record(sizes.size() - 1, 0).selected();
    }

    /** The Jaccard index of the {@link #referenceHeads} of every two tasks. */
    public static double[][] overlaps(List<TaskStability> tasks) {
        return Jaccard.matrix(tasks.stream().map(TaskStability::referenceHeads).toList());
    }

    /** The average of the pairs' agreements. */
    public static RankingAgreement average(List<Pair> pairs) {
        return RankingAgreement.average(pairs.stream().map(Pair::agreement).toList());
    }

    private Pair pair(int sizeA, int seedA, int sizeB, int seedB) {
        return new Pair(sizes.get(sizeA), seeds.get(seedA), sizes.get(sizeB), seeds.get(seedB),
                RankingAgreement.between(record(sizeA, seedA).scores(), record(sizeB, seedB).scores()));
    }
}
