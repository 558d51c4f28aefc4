/**
 * How stable HiFi's choice of heads is (docs/method.md#10-stability): the agreement of two rankings of the same heads
 * ({@link hifi.method.stability.RankingAgreement}: Kendall τ-b per layer and over all heads, top-1 agreement), the
 * overlap of two head sets ({@link hifi.method.stability.Jaccard}), and the study that repeats one task's selection
 * over calibration seeds and sample sizes ({@link hifi.method.stability.StabilityStudy}, what {@code hifi stability}
 * calls) with its results ({@link hifi.method.stability.TaskStability}).
 */
package hifi.method.stability;
