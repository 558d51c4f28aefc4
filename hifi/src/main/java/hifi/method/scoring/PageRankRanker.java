package hifi.method.scoring;

/**
 * HiFi's ranker: build the head graph from information richness and correlation ({@link GraphVariant}), per layer or
 * global ({@link GraphScope}), and score heads by {@link PageRank}.
 *
 * <p>{@code normaliseInformation} divides {@code I} by its per-layer maximum first. It changes nothing for per-layer
 * graphs ({@code M} and {@code p = I/ΣI} do not see a common factor), but in a global graph it stops layers with
 * large output norms from dominating.
 */
public final class PageRankRanker implements HeadRanker {
    private final GraphVariant variant;
    private final GraphScope scope;
    private final boolean normaliseInformation;
    private final PageRank pageRank;

    public PageRankRanker(GraphVariant variant, GraphScope scope, boolean normaliseInformation, PageRank pageRank) {
        this.variant = variant;
        this.scope = scope;
        this.normaliseInformation = normaliseInformation;
        this.pageRank = pageRank;
    }

    /** Variant B, per-layer graphs, default PageRank. */
    public static PageRankRanker defaults() {
        return new PageRankRanker(GraphVariant.B, GraphScope.LAYER, false, PageRank.defaults());
    }

    @Override
    public String name() {
        return "pagerank-" + variant + "-" + scope.label() + (normaliseInformation ? "-normalised" : "");
    }

    @Override
    public HeadScores rank(HeadStatistics statistics) {
        HeadStatistics s = normaliseInformation ? withLayerNormalisedInformation(statistics) : statistics;
        return GraphRanking.rank(s, scope, pageRank, (correlation, information) -> HeadGraph.of(correlation, information, variant));
    }

    private static HeadStatistics withLayerNormalisedInformation(HeadStatistics s) {
        double[][] info = new double[s.layers()][];
        for (int l = 0; l < info.length; l++) {
            double max = 0;
            for (double v : s.information()[l]) max = Math.max(max, v);
            info[l] = s.information()[l].clone();
            if (max > 0) for (int h = 0; h < info[l].length; h++) info[l][h] /= max;
        }
        return new HeadStatistics(s.samples(), info, s.correlation(), s.globalCorrelation());
    }
}
