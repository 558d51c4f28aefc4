/**
 * GLUE metrics: accuracy, F1 of class 1, Matthews correlation, Pearson and Spearman correlation; each task's
 * official metrics ({@link hifi.glue.metrics.OfficialMetrics}) and the GLUE average
 * ({@link hifi.glue.metrics.GlueAverage}).
 */
package hifi.glue.metrics;
