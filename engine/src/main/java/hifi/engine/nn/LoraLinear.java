package hifi.engine.nn;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear layer with a LoRA branch (Hu et al. 2021, as peft's {@code lora.Linear}):
 * {@code y = x·Wᵀ + b + s·(drop(x)·Aᵀ)·Bᵀ} with {@code A [r, in]}, {@code B [out, r]} and {@code s = alpha / r}.
 *
 * <p>The backward is written by hand from three GEMMs: with {@code u = drop(x)·Aᵀ} and {@code g = s·dy·B},
 * {@code dB += s·dyᵀ·u}, {@code dA += gᵀ·drop(x)} and {@code dx += drop'(g·A)} (added to the base layer's
 * {@code dy·W}). Only what is trainable is computed: the base weight and bias go through {@link Linear}'s masked
 * backward (so a frozen {@code W} costs nothing), {@code A} and {@code B} only when their gradients exist, and the input
 * gradient only when the caller asks for it. The dropout mask is a pure function of the pass's step seed and this
 * layer's site, so the backward regenerates {@code drop(x)} instead of keeping it, and {@code u} and {@code g}
 * ({@code [N, r]}) are recomputed rather than cached: both cost {@code 2·N·r·(in or out)} flops, a few percent of the
 * base layer's.
 */
public final class LoraLinear implements Projection {
    private final Linear base;
    private final Parameter a;
    private final Parameter b;
    private final float scaling;
    private final Dropout dropout;

    /**
     * @param a       {@code [r, in]}, named {@code <module>.lora_A.weight}
     * @param b       {@code [out, r]}, named {@code <module>.lora_B.weight}
     * @param scaling {@code alpha / r}
     * @param dropout the dropout on the branch's input (its own site)
     */
    public LoraLinear(Linear base, Parameter a, Parameter b, float scaling, Dropout dropout) {
        Tensor av = a.value(), bv = b.value();
        if (av.rank() != 2 || bv.rank() != 2 || av.dim(1) != base.in() || bv.dim(0) != base.out() || bv.dim(1) != av.dim(0)) {
            throw new IllegalArgumentException("LoraLinear " + base.weight().name() + ": A " + av + " and B " + bv
                    + " do not fit an [" + base.out() + ", " + base.in() + "] weight as [r, in] and [out, r]");
        }
        this.base = base;
        this.a = a;
        this.b = b;
        this.scaling = scaling;
        this.dropout = dropout;
    }

    public Linear base() {
        return base;
    }

    public Parameter loraA() {
        return a;
    }

    public Parameter loraB() {
        return b;
    }

    public int rank() {
        return a.value().dim(0);
    }

    public float scaling() {
        return scaling;
    }

    @Override
    public int in() {
        return base.in();
    }

    @Override
    public int out() {
        return base.out();
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(base.parameters());
        p.add(a);
        p.add(b);
        return p;
    }

    @Override
    public void forward(PassContext pass, Tensor x, Tensor y) {
        Backend be = pass.backend();
        base.forward(be, x, y);
        try (PassScope frame = be.openPass()) { // drop(x) and u are temporaries
            Tensor u = be.allocateOutput(x.rows(), rank());
            be.gemm(dropped(pass, x), false, a.value(), true, u, 1f, false, null);
            be.gemm(u, false, b.value(), true, y, scaling, true, null);
        }
    }

    @Override
    public void backwardInput(PassContext pass, Tensor dy, Tensor dx, boolean accumulate) {
        base.backwardInput(pass.backend(), dy, dx, accumulate);
        addBranchInputGradient(pass, dy, dx, 0, in());
    }

    @Override
    public void backwardInputColumns(PassContext pass, Tensor dy, Tensor dx, int start, int length) {
        base.backwardInputColumns(pass.backend(), dy, dx, start, length);
        addBranchInputGradient(pass, dy, dx, start, length);
    }

    /** {@code dx[:, start:start+length] += drop'(s·dy·B·A)[:, start:start+length]}. */
    private void addBranchInputGradient(PassContext pass, Tensor dy, Tensor dx, int start, int length) {
        Backend be = pass.backend();
        try (PassScope frame = be.openPass()) {
            Tensor g = be.allocateOutput(dy.rows(), rank());
            be.gemm(dy, false, b.value(), false, g, scaling, false, null);
            if (!dropout.active(pass)) {
                be.gemm(g, false, a.value().cols(start, length), false, dx.cols(start, length), 1f, true, null);
                return;
            }
            // The mask is indexed over the whole [N, in] input, so the branch's gradient is formed whole.
            Tensor t = be.allocateOutput(dy.rows(), in());
            be.gemm(g, false, a.value(), false, t, 1f, false, null);
            dropout.backward(pass, t, t);
            be.add(dx.cols(start, length), t.cols(start, length), dx.cols(start, length));
        }
    }

    @Override
    public void backwardParams(PassContext pass, Tensor x, Tensor dy, Gradients grads) {
        Backend be = pass.backend();
        base.backwardParams(be, x, dy, grads);
        Tensor dA = grads.whole(a.name()), dB = grads.whole(b.name());
        if (dA == null && dB == null) return;
        try (PassScope frame = be.openPass()) {
            Tensor xd = dropped(pass, x);
            if (dB != null) {
                Tensor u = be.allocateOutput(x.rows(), rank());
                be.gemm(xd, false, a.value(), true, u, 1f, false, null);
                be.gemmBackwardB(u, false, true, dy, scaling, dB, true);
            }
            if (dA != null) {
                Tensor g = be.allocateOutput(x.rows(), rank());
                be.gemm(dy, false, b.value(), false, g, scaling, false, null);
                be.linearBackwardWeight(g, xd, dA);
            }
        }
    }

    /** The branch's input after dropout: {@code x} itself when dropout is inactive, else a new tensor. */
    private Tensor dropped(PassContext pass, Tensor x) {
        if (!dropout.active(pass)) return x;
        Tensor d = pass.backend().allocateOutput(x.shape());
        dropout.forward(pass, x, d);
        return d;
    }
}
