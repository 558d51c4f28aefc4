/**
 * The GLUE runner: one fine-tuning run in a run folder ({@link hifi.glue.train.FineTuning}) from its settings
 * ({@link hifi.glue.train.TrainSettings}) — head choice, the engine's trainer, dev evaluation, the JSON-lines metrics
 * log, checkpoints and the adapter — and the sweep's executor ({@link hifi.glue.train.GlueRunExecutor}).
 */
package hifi.glue.train;
