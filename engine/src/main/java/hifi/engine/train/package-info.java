/**
 * Fine-tuning: {@link hifi.engine.train.Trainer} (epochs over a seeded {@link hifi.engine.train.BatchPlan}, gradient
 * accumulation, clipping, evaluation, early stopping, resumable checkpoints), {@link hifi.engine.train.AdamW} and
 * {@link hifi.engine.train.LinearSchedule}.
 *
 * <p>The trainer works over the {@link hifi.engine.param.TrainableModel} contract and never depends on {@code nn} or
 * {@code bert}; it uses {@code param}, {@code data}, {@code io}, {@code backend}, {@code kernels}, {@code runtime}
 * and {@code tensor}.
 */
package hifi.engine.train;
