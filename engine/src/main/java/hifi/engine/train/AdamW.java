package hifi.engine.train;

import hifi.engine.backend.Backend;
import hifi.engine.kernels.AdamWKernel;
import hifi.engine.param.Gradients;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * AdamW ({@code torch.optim.AdamW}: decoupled weight decay, bias correction) over exactly the trainable slices of a
 * {@link Gradients}: the first and second moments are one contiguous tensor each per slice, so the optimiser holds
 * exactly {@code 2} floats per trainable parameter and nothing for frozen ones.
 *
 * <p>Weight decay applies to trainable weight slices only, never to biases or LayerNorm parameters (the Hugging Face
 * Trainer convention); see {@link #decays(String)}.
 */
public final class AdamW {

    /** Hyperparameters; {@link #defaults(float)} gives β₁ 0.9, β₂ 0.999, ε 1e-8. */
    public record Settings(float beta1, float beta2, float eps, float weightDecay) {
        public Settings {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("AdamW: betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(eps > 0)) throw new IllegalArgumentException("AdamW: eps must be > 0, got " + eps);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("AdamW: weight decay must be ≥ 0, got " + weightDecay);
        }

        public static Settings defaults(float weightDecay) {
            return new Settings(0.9f, 0.999f, 1e-8f, weightDecay);
        }
    }

    private final Gradients grads;
    private final Settings settings;
    private final List<Tensor> m = new ArrayList<>();
    private final List<Tensor> v = new ArrayList<>();
    private final boolean[] decay;
    private long step;

    /** An optimiser whose moments are heap tensors (a CPU backend's). */
    public AdamW(Gradients grads, Settings settings) {
        this(grads, settings, Tensor::zeros);
    }

    /** An optimiser whose moments {@code be} allocates, zeroed, where it keeps the gradients (a device's memory). */
    public AdamW(Gradients grads, Settings settings, Backend be) {
        this(grads, settings, be::allocate);
    }

    private AdamW(Gradients grads, Settings settings, Function<int[], Tensor> zeros) {
        this.grads = grads;
        this.settings = settings;
        List<Gradients.Slice> slices = grads.slices();
        decay = new boolean[slices.size()];
        for (int i = 0; i < slices.size(); i++) {
            Gradients.Slice s = slices.get(i);
            m.add(zeros.apply(s.grad().shape()));
            v.add(zeros.apply(s.grad().shape()));
            decay[i] = decays(s.parameter().name());
        }
    }

    /** True for parameters that get weight decay: everything except {@code *.bias} and LayerNorm parameters. */
    public static boolean decays(String parameterName) {
        return !parameterName.endsWith(".bias") && !parameterName.contains("LayerNorm.");
    }

    public Settings settings() {
        return settings;
    }

    /** Updates applied so far ({@code t} of the bias correction). */
    public long stepCount() {
        return step;
    }

    /**
     * One update of every trainable slice from its gradient times {@code gradScale}, at learning rate {@code lr}.
     * The frozen parameters are never touched. The update runs on {@code be}.
     */
    public void step(Backend be, float lr, float gradScale) {
        step++;
        double bc1 = 1 - Math.pow(settings.beta1(), step), bc2 = 1 - Math.pow(settings.beta2(), step);
        float stepSize = (float) (lr / bc1), bc2Sqrt = (float) Math.sqrt(bc2);
        float decayFactor = 1f - lr * settings.weightDecay();
        List<Gradients.Slice> slices = grads.slices();
        for (int i = 0; i < slices.size(); i++) {
            Gradients.Slice s = slices.get(i);
            var constants = new AdamWKernel.Step(settings.beta1(), settings.beta2(), settings.eps(), decay[i] ? decayFactor : 1f,
                    stepSize, bc2Sqrt, gradScale);
            be.adamW(s.value(), s.grad(), m.get(i), v.get(i), constants);
        }
    }

    /** First moments, one per slice in {@link Gradients#slices()} order (live tensors, for checkpoints). */
    public List<Tensor> firstMoments() {
        return List.copyOf(m);
    }

    /** Second moments, one per slice (live tensors). */
    public List<Tensor> secondMoments() {
        return List.copyOf(v);
    }

    /** Whether slice {@code i} gets weight decay. */
    public boolean decaysSlice(int i) {
        return decay[i];
    }

    /** Restores the update count (the moments are restored by copying into {@link #firstMoments()} etc.). */
    public void restoreStepCount(long stepCount) {
        if (stepCount < 0) throw new IllegalArgumentException("AdamW: negative step count " + stepCount);
        step = stepCount;
    }

    /** Floats of optimiser state: {@code 2 ×} the trainable parameters. */
    public long stateFloats() {
        long n = 0;
        for (Tensor t : m) n += t.numel();
        for (Tensor t : v) n += t.numel();
        return n;
    }

    /** Bytes of optimiser state (float32). */
    public long stateBytes() {
        return 4 * stateFloats();
    }
}
