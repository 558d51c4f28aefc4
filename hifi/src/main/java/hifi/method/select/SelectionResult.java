package hifi.method.select;

import hifi.method.scoring.HeadId;
import hifi.method.scoring.HeadScores;
import hifi.method.scoring.HeadStatistics;

import java.util.List;

/**
 * Everything one head selection produced, as written to {@code heads.json}.
 *
 * @param model          the model's description
 * @param task           the task label given by the caller (may be empty)
 * @param sampleIds      ids of the calibration examples, in draw order (first half, then second half)
 * @param statistics     the averages over the whole sample
 * @param scores         the ranker's scores and PageRank runs on the whole sample
 * @param selected       the chosen heads, by layer then head
 * @param halfScores     scores from the first and the second half of the sample
 * @param stabilityTau   Kendall τ-b per layer between the two halves' scores ({@code NaN} when undefined)
 */
public record SelectionResult(SelectionConfig config, String model, String task, int layers, int heads,
                              List<String> sampleIds, HeadStatistics statistics, HeadScores scores, List<HeadId> selected,
                              List<HeadScores> halfScores, double[] stabilityTau, Timings timings) {

    /** τ below this suggests a larger calibration sample (docs/method.md#10-stability). */
    public static final double STABLE_TAU = 0.8;

    /** Wall-clock seconds: forward passes (without the listener), statistics (inside the listener), PageRank. */
    public record Timings(double forwardSeconds, double statisticsSeconds, double pageRankSeconds, double totalSeconds) {
    }

    public SelectionResult {
        sampleIds = List.copyOf(sampleIds);
        selected = List.copyOf(selected);
        halfScores = List.copyOf(halfScores);
    }

    /** Mean of the defined per-layer τ values, {@code NaN} if none is defined. */
    public double meanStabilityTau() {
        double s = 0;
        int n = 0;
        for (double t : stabilityTau) {
            if (!Double.isNaN(t)) {
                s += t;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Layers whose τ is below {@link #STABLE_TAU} (or undefined). */
    public List<Integer> unstableLayers() {
        List<Integer> out = new java.util.ArrayList<>();
        for (int l = 0; l < stabilityTau.length; l++) if (!(stabilityTau[l] >= STABLE_TAU)) out.add(l);
        return out;
    }
}
