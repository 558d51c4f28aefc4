package hifi.engine.nn;

import hifi.engine.tensor.Tensor;

/**
 * Where a model's parameters come from while it is built: a checkpoint (by HF name) or a random initialiser. A source
 * returns a tensor of exactly the requested shape or throws an error naming the tensor.
 */
@FunctionalInterface
public interface WeightSource {
    /** The tensor called {@code name}, of shape {@code shape}. */
    Tensor get(String name, int... shape);
}
