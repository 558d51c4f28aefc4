/**
 * Planning a resident device pass without a device: {@link hifi.engine.plan.DevicePlanner} records the ops a training
 * step sends to its backend as graph tasks and counts the executions and the bus traffic that the resident design
 * needs ({@code docs/engine.md}, "A resident device pass"); {@link hifi.engine.plan.TrainingPlan} runs the trainer
 * over it. The package sits above {@code train}: it drives the real training loop.
 */
package hifi.engine.plan;
