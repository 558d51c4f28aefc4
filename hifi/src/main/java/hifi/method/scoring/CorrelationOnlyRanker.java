package hifi.method.scoring;

/**
 * The {@code corr-only} ablation: PageRank on the correlation graph alone ({@code M[i][j] = R_ij / Σ_k R_kj}) with a
 * uniform teleport, per layer or global. Close to ranking by correlation degree
 * (docs/method.md#71-why-information-goes-into-the-edges).
 */
public final class CorrelationOnlyRanker implements HeadRanker {
    private final GraphScope scope;
    private final PageRank pageRank;

    public CorrelationOnlyRanker(GraphScope scope, PageRank pageRank) {
        this.scope = scope;
        this.pageRank = pageRank;
    }

    @Override
    public String name() {
        return "corr-only-" + scope.label();
    }

    @Override
    public HeadScores rank(HeadStatistics statistics) {
        return GraphRanking.rank(statistics, scope, pageRank, (correlation, information) -> HeadGraph.correlationOnly(correlation));
    }
}
