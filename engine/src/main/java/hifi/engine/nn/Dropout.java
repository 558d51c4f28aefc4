package hifi.engine.nn;

import hifi.engine.runtime.CounterRng;
import hifi.engine.tensor.Tensor;

/**
 * Inverted dropout with a counter-based mask: the mask is a pure function of a seed, so nothing is stored for the
 * backward. Each dropout site has a fixed {@code site} number; its seed for a step is
 * {@code CounterRng.derive(stepSeed, site)}. Inactive (eval mode, or {@code p == 0}) means identity.
 */
public final class Dropout {
    private final float p;
    private final long site;

    public Dropout(float p, long site) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        this.p = p;
        this.site = site;
    }

    /** True if this site drops anything in the pass's mode. */
    public boolean active(PassContext pass) {
        return pass.train() && p > 0f;
    }

    /** The mask seed of this site for one step. */
    public long seed(long stepSeed) {
        return CounterRng.derive(stepSeed, site);
    }

    /** {@code y = dropout(x)} when active, otherwise {@code y = x} ({@code y} may be {@code x}). */
    public void forward(PassContext pass, Tensor x, Tensor y) {
        if (active(pass)) pass.backend().dropout(x, y, p, seed(pass.stepSeed()));
        else if (x != y) pass.backend().copy(x, y);
    }

    /** {@code dx = dropout'(dy)} with the mask of the forward of {@code pass} ({@code dx} may be {@code dy}). */
    public void backward(PassContext pass, Tensor dy, Tensor dx) {
        if (active(pass)) pass.backend().dropoutBackward(dy, dx, p, seed(pass.stepSeed()));
        else if (dx != dy) pass.backend().copy(dy, dx);
    }
}
