/**
 * The no-grad statistics pass: {@link hifi.method.stats.HeadStatisticsAccumulator} listens to each layer's attention
 * context during a forward pass and reduces every example, on its own non-padding tokens, to per-head richness and
 * per-pair correlation, added up in sample order (independent of batching and thread count). Cross-layer pairs for
 * the global graph are optional.
 */
package hifi.method.stats;
