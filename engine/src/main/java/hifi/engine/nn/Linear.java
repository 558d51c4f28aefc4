package hifi.engine.nn;

import hifi.engine.backend.Backend;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.List;

/**
 * {@code nn.Linear}: {@code y = x·Wᵀ + b} with an HF {@code [out, in]} weight. Inputs are {@code [N, in]} (any row
 * stride), outputs {@code [N, out]}.
 *
 * <p>The backward is split as in llm.c: {@link #backwardInput} ({@code dx = dy·W}) and {@link #backwardParams}, which
 * runs one GEMM per trainable slice of the weight and nothing for a frozen one. A row slice {@code s..s+n−1} (a head of
 * a query/key/value weight) is {@code dW[s:s+n, :] += dy[:, s:s+n]ᵀ·x}; a column slice (a head of the attention
 * output) is {@code dW[:, s:s+n] += dyᵀ·x[:, s:s+n]}.
 *
 * <p>As a {@link Projection} it ignores the pass's mode: the {@link PassContext} overloads run on its backend.
 */
public final class Linear implements Projection {
    private final Parameter weight;
    private final Parameter bias;

    public Linear(Parameter weight, Parameter bias) {
        if (weight.value().rank() != 2 || bias.value().rank() != 1 || bias.value().dim(0) != weight.value().dim(0)) {
            throw new IllegalArgumentException("Linear " + weight.name() + ": weight " + weight.value() + " and bias "
                    + bias.value() + " do not form an [out, in] / [out] pair");
        }
        this.weight = weight;
        this.bias = bias;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public int in() {
        return weight.value().dim(1);
    }

    @Override
    public int out() {
        return weight.value().dim(0);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** {@code y = x·Wᵀ + b}; {@code y} is overwritten. */
    public void forward(Backend be, Tensor x, Tensor y) {
        be.linear(x, weight.value(), bias.value(), y);
    }

    /** {@code dx = dy·W}, overwriting {@code dx} (or adding to it when {@code accumulate}). */
    public void backwardInput(Backend be, Tensor dy, Tensor dx, boolean accumulate) {
        be.linearBackwardInput(dy, weight.value(), dx, accumulate);
    }

    /**
     * {@code dx[:, s:s+n] = dy·W[:, s:s+n]}: the input gradient restricted to some input columns (e.g. the heads whose
     * context gradient is needed), overwriting those columns of {@code dx}.
     */
    public void backwardInputColumns(Backend be, Tensor dy, Tensor dx, int start, int length) {
        be.linearBackwardInput(dy, weight.value().cols(start, length), dx.cols(start, length), false);
    }

    /** Accumulates the gradients of the trainable slices of the weight and the bias; frozen slices cost nothing. */
    public void backwardParams(Backend be, Tensor x, Tensor dy, Gradients grads) {
        for (Gradients.Slice s : grads.of(weight.name())) {
            int start = s.range().start(), n = s.range().length();
            if (s.range().dim() == 0) {
                be.linearBackwardWeight(dy.cols(start, n), x, s.grad());
            } else {
                be.linearBackwardWeight(dy, x.cols(start, n), s.grad());
            }
        }
        for (Gradients.Slice s : grads.of(bias.name())) {
            be.columnSums(dy.cols(s.range().start(), s.range().length()), s.grad());
        }
    }

    @Override
    public void forward(PassContext pass, Tensor x, Tensor y) {
        forward(pass.backend(), x, y);
    }

    @Override
    public void backwardInput(PassContext pass, Tensor dy, Tensor dx, boolean accumulate) {
        backwardInput(pass.backend(), dy, dx, accumulate);
    }

    @Override
    public void backwardInputColumns(PassContext pass, Tensor dy, Tensor dx, int start, int length) {
        backwardInputColumns(pass.backend(), dy, dx, start, length);
    }

    @Override
    public void backwardParams(PassContext pass, Tensor x, Tensor dy, Gradients grads) {
        backwardParams(pass.backend(), x, dy, grads);
    }

    /** True if any slice of the weight or bias is trainable. */
    @Override
    public boolean isTrainable(Gradients grads) {
        return grads.has(weight.name()) || grads.has(bias.name());
    }
}
