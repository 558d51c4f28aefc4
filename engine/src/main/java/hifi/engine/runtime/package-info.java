/**
 * What the kernels and the backends both run on, below either of them: the shared {@link hifi.engine.runtime.WorkerPool}
 * (a fixed, caller-chosen partition of the work, so results do not depend on scheduling), the counter-based
 * {@link hifi.engine.runtime.CounterRng} (dropout masks and data orders as pure functions of a seed),
 * {@link hifi.engine.runtime.RowLayout} (the rows of a strided tensor) and {@link hifi.engine.runtime.Activation}, the
 * names of the elementwise activations that every backend and kernel implements.
 *
 * <p>Layering: {@code tensor ← runtime ← kernels ← backend}; this package depends on {@code tensor} only.
 */
package hifi.engine.runtime;
