package hifi.method.scoring;

import java.util.List;

/** The {@code info-only} ablation: a head's score is its information richness {@code I}; no graph. */
public final class InformationOnlyRanker implements HeadRanker {
    @Override
    public String name() {
        return "info-only";
    }

    @Override
    public HeadScores rank(HeadStatistics statistics) {
        double[][] scores = new double[statistics.layers()][];
        for (int l = 0; l < scores.length; l++) scores[l] = statistics.information()[l].clone();
        return new HeadScores(scores, List.of());
    }
}
