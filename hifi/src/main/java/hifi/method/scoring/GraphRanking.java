package hifi.method.scoring;

import java.util.ArrayList;
import java.util.List;

/** Runs PageRank over the graphs of a scope (one per layer, or one over all heads) and collects the scores. */
final class GraphRanking {
    private GraphRanking() {
    }

    /** Builds one graph from a correlation matrix and the matching information vector. */
    @FunctionalInterface
    interface GraphBuilder {
        HeadGraph build(double[][] correlation, double[] information);
    }

    static HeadScores rank(HeadStatistics s, GraphScope scope, PageRank pageRank, GraphBuilder builder) {
        int layers = s.layers(), heads = s.heads();
        double[][] scores = new double[layers][heads];
        List<HeadScores.GraphRun> runs = new ArrayList<>();
        if (scope == GraphScope.LAYER) {
            for (int l = 0; l < layers; l++) {
                HeadGraph g = builder.build(s.correlation()[l], s.information()[l]);
                PageRank.Result r = pageRank.run(g.transition(), g.teleport());
                scores[l] = r.scores();
                runs.add(new HeadScores.GraphRun("layer " + l, r.iterations(), r.converged()));
            }
        } else {
            double[] info = new double[layers * heads];
            for (int l = 0; l < layers; l++) System.arraycopy(s.information()[l], 0, info, l * heads, heads);
            HeadGraph g = builder.build(s.requireGlobalCorrelation(), info);
            PageRank.Result r = pageRank.run(g.transition(), g.teleport());
            for (int l = 0; l < layers; l++) System.arraycopy(r.scores(), l * heads, scores[l], 0, heads);
            runs.add(new HeadScores.GraphRun("global", r.iterations(), r.converged()));
        }
        return new HeadScores(scores, runs);
    }
}
