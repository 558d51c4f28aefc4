package hifi.engine.nn;

import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.List;

/**
 * A learned projection of {@code [N, in]} rows to {@code [N, out]}, as the attention and feed-forward blocks use it: a
 * plain {@link Linear}, or a {@link LoraLinear} (a frozen-able linear layer plus a low-rank update). Its backward is
 * split as {@link Linear}'s: input gradients ({@link #backwardInput}, {@link #backwardInputColumns}) apart from the
 * parameter gradients ({@link #backwardParams}), which skip every frozen parameter. Every method takes the
 * {@link PassContext} of the forward, since a LoRA branch's dropout depends on the mode and the step seed.
 */
public sealed interface Projection permits Linear, LoraLinear {
    int in();

    int out();

    /** Every parameter, the base weight and bias first. */
    List<Parameter> parameters();

    /** {@code y = f(x)}, overwriting {@code y}. */
    void forward(PassContext pass, Tensor x, Tensor y);

    /** {@code dx = ∂y/∂x · dy}, overwriting {@code dx} (or adding to it when {@code accumulate}). */
    void backwardInput(PassContext pass, Tensor dy, Tensor dx, boolean accumulate);

    /** The input gradient restricted to input columns {@code start .. start+length−1}, overwriting those columns of {@code dx}. */
    void backwardInputColumns(PassContext pass, Tensor dy, Tensor dx, int start, int length);

    /** Accumulates the gradients of the trainable parameters (or slices) from the forward's input {@code x}; frozen ones cost nothing. */
    void backwardParams(PassContext pass, Tensor x, Tensor dy, Gradients grads);

    /** True if any parameter (or slice of one) is trainable. */
    default boolean isTrainable(Gradients grads) {
        return grads.hasAny(parameters());
    }
}
