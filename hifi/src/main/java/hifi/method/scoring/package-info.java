/**
 * HiFi's scoring (docs/method.md, sections 5–10 and 12): information-richness measures ({@link hifi.method.scoring.RichnessMeasure}:
 * {@code nuclear}, {@code entropy_rank}, {@code thresh_rank}, {@code topk_energy}) from singular values obtained as
 * square roots of Gram eigenvalues ({@link hifi.method.scoring.SymmetricEigenvalues}); correlation measures
 * ({@link hifi.method.scoring.CorrelationMeasure}: {@code rv}, {@code abs_cosine}, {@code cov_fro}) from centred Gram
 * block summaries; the head graph ({@link hifi.method.scoring.HeadGraph}, variants A/B/C) and our power-iteration
 * {@link hifi.method.scoring.PageRank}; rankers (HiFi's {@link hifi.method.scoring.PageRankRanker} per layer or
 * global, and the {@code info-only} / {@code corr-only} ablations); selection ({@link hifi.method.scoring.HeadSelection})
 * and Kendall's τ-b ({@link hifi.method.scoring.KendallTau}).
 */
package hifi.method.scoring;
