package hifi.method.select;

import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.CorrelationOnlyRanker;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.GraphVariant;
import hifi.method.scoring.HeadId;
import hifi.method.scoring.HeadRanker;
import hifi.method.scoring.HeadSelection;
import hifi.method.scoring.InformationOnlyRanker;
import hifi.method.scoring.PageRank;
import hifi.method.scoring.PageRankRanker;
import hifi.method.scoring.RichnessMeasure;

import java.util.List;

/**
 * Every switch of head selection (docs/method.md#3-the-selection-pipeline and the sections after it), with the
 * project's defaults in {@link #defaults()}.
 *
 * @param samples              calibration examples (256)
 * @param batchSize            examples per forward batch (32)
 * @param maxLength            token limit per example (128)
 * @param seed                 sampling seed
 * @param k                    heads per layer, or with {@code globalSelection} the budget is {@code k·L}
 * @param globalSelection      top {@code k·L} overall instead of top {@code k} per layer
 * @param lowest               take the lowest-ranked heads instead of the top ones (a negative control)
 * @param method               {@code hifi} (PageRank on the head graph), {@code info-only} or {@code corr-only}
 * @param variant              graph variant (B)
 * @param scope                graph scope (per layer)
 * @param normaliseInformation divide {@code I} by its per-layer maximum before building the graph
 * @param richness             information-richness measure (nuclear)
 * @param correlation          correlation measure (rv)
 * @param pageRank             damping, tolerance, iteration cap
 */
public record SelectionConfig(int samples, int batchSize, int maxLength, long seed, int k, boolean globalSelection,
                              boolean lowest, String method, GraphVariant variant, GraphScope scope, boolean normaliseInformation,
                              RichnessMeasure richness, CorrelationMeasure correlation, PageRank pageRank) {

    /** Default calibration seed. */
    public static final long DEFAULT_SEED = 42;

    public SelectionConfig {
        if (samples < 2) throw new IllegalArgumentException("--samples must be ≥ 2 (two halves for the stability check), got " + samples);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if (maxLength < 2) throw new IllegalArgumentException("max length must be ≥ 2, got " + maxLength);
        if (k < 1) throw new IllegalArgumentException("--k must be ≥ 1, got " + k);
        if (!method.equals("hifi") && !method.equals("info-only") && !method.equals("corr-only")) {
            throw new IllegalArgumentException("unknown selection method \"" + method + "\" (use hifi, info-only or corr-only)");
        }
    }

    public static SelectionConfig defaults() {
        return new SelectionConfig(256, 32, 128, DEFAULT_SEED, 1, false, false, "hifi", GraphVariant.B, GraphScope.LAYER, false,
                RichnessMeasure.defaultMeasure(), CorrelationMeasure.defaultMeasure(), PageRank.defaults());
    }

    /** Whether the statistics pass must measure correlations across layers. */
    public boolean needsCrossLayer() {
        return scope == GraphScope.GLOBAL && !method.equals("info-only");
    }

    public HeadRanker ranker() {
        return switch (method) {
            case "info-only" -> new InformationOnlyRanker();
            case "corr-only" -> new CorrelationOnlyRanker(scope, pageRank);
            default -> new PageRankRanker(variant, scope, normaliseInformation, pageRank);
        };
    }

    public SelectionConfig withSamples(int n) {
        return new SelectionConfig(n, batchSize, maxLength, seed, k, globalSelection, lowest, method, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withBatchSize(int b) {
        return new SelectionConfig(samples, b, maxLength, seed, k, globalSelection, lowest, method, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withMaxLength(int m) {
        return new SelectionConfig(samples, batchSize, m, seed, k, globalSelection, lowest, method, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withSeed(long s) {
        return new SelectionConfig(samples, batchSize, maxLength, s, k, globalSelection, lowest, method, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withK(int heads) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, heads, globalSelection, lowest, method, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withGlobalSelection(boolean g) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, g, lowest, method, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withLowest(boolean l) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, l, method, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    /** The heads this configuration picks from {@code scores} ({@code [layer][head]}): {@code k} per layer or {@code k·L} overall, top or lowest. */
    public List<HeadId> pick(double[][] scores) {
        int layers = scores.length, heads = scores.length == 0 ? 0 : scores[0].length;
        return globalSelection
                ? HeadSelection.global(scores, Math.min(k * layers, layers * heads), lowest)
                : HeadSelection.perLayer(scores, k, lowest);
    }

    public SelectionConfig withMethod(String m) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, lowest, m, variant, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withVariant(GraphVariant v) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, lowest, method, v, scope, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withScope(GraphScope s) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, lowest, method, variant, s, normaliseInformation, richness, correlation, pageRank);
    }

    public SelectionConfig withNormaliseInformation(boolean n) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, lowest, method, variant, scope, n, richness, correlation, pageRank);
    }

    public SelectionConfig withRichness(RichnessMeasure r) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, lowest, method, variant, scope, normaliseInformation, r, correlation, pageRank);
    }

    public SelectionConfig withCorrelation(CorrelationMeasure c) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, lowest, method, variant, scope, normaliseInformation, richness, c, pageRank);
    }

    public SelectionConfig withPageRank(PageRank p) {
        return new SelectionConfig(samples, batchSize, maxLength, seed, k, globalSelection, lowest, method, variant, scope, normaliseInformation, richness, correlation, p);
    }
}
