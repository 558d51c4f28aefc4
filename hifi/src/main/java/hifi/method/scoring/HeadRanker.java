package hifi.method.scoring;

/** Turns head statistics into head scores: HiFi's PageRank, or one of the ablations. */
public interface HeadRanker {

    /** A short name for logs and {@code heads.json}, e.g. {@code pagerank-B-layer} or {@code info-only}. */
    String name();

    HeadScores rank(HeadStatistics statistics);
}
