/**
 * Head selection end to end: the seeded calibration sample ({@link hifi.method.select.CalibrationSample}), the
 * pipeline ({@link hifi.method.select.HeadSelector}: forward with the statistics listener, ranking, selection,
 * half-sample stability), its outputs ({@link hifi.method.select.HeadsJson}, {@link hifi.method.select.HeadHeatmap})
 * and one selection run with its report ({@link hifi.method.select.SelectionRun}, what {@code hifi select} calls).
 * The model is seen through {@link hifi.method.select.HeadOutputModel}; {@link hifi.method.select.BertHeadOutputModel} is the engine's BERT.
 */
package hifi.method.select;
