package hifi.method.scoring;

import java.util.List;

/**
 * The output of a {@link HeadRanker}: one score per head (higher = more important) and, for graph rankers, one
 * record per PageRank run.
 *
 * @param scores {@code [L][H]}
 * @param runs   per graph (one per layer, or one global graph; empty for rankers without a graph)
 */
public record HeadScores(double[][] scores, List<GraphRun> runs) {

    /** One PageRank run: the graph's name ({@code layer 3}, {@code global}), its iteration count and convergence. */
    public record GraphRun(String graph, int iterations, boolean converged) {
    }

    public HeadScores {
        runs = List.copyOf(runs);
    }

    /** True when every PageRank run reached its tolerance (trivially true without runs). */
    public boolean allConverged() {
        return runs.stream().allMatch(GraphRun::converged);
    }
}
