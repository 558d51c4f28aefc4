package hifi.engine.nn;

import hifi.engine.runtime.CounterRng;
import hifi.engine.tensor.Tensor;

/**
 * A {@link WeightSource} that initialises LoRA factors as peft does and takes every other tensor from {@code base}:
 * {@code <module>.lora_A.weight} ({@code [r, in]}) Kaiming-uniform with {@code a = √5}, as
 * {@code torch.nn.init.kaiming_uniform_(A, a=math.sqrt(5))} draws it, i.e. uniform on {@code [−bound, bound]} with
 * {@code bound = √(6 / ((1 + a²) · fan_in)) = 1/√in}; {@code <module>.lora_B.weight} zeros, so the model starts as its
 * base. The values depend only on the seed and the tensor's name (the engine's counter-based generator), not on the
 * order the model is built in.
 */
public final class LoraInit implements WeightSource {
    /** The suffixes of the two factors' parameter names, as peft names them (after dropping the adapter name). */
    public static final String A_SUFFIX = ".lora_A.weight";
    public static final String B_SUFFIX = ".lora_B.weight";

    private final WeightSource base;
    private final long seed;

    public LoraInit(WeightSource base, long seed) {
        this.base = base;
        this.seed = seed;
    }

    /** The bound of Kaiming-uniform with negative slope {@code a} on {@code fanIn} inputs: {@code √(6 / ((1 + a²)·fanIn))}. */
    public static double kaimingUniformBound(double a, int fanIn) {
        return Math.sqrt(6.0 / ((1 + a * a) * fanIn));
    }

    @Override
    public Tensor get(String name, int... shape) {
        if (name.endsWith(B_SUFFIX)) return Tensor.zeros(shape);
        if (!name.endsWith(A_SUFFIX)) return base.get(name, shape);
        if (shape.length != 2) throw new IllegalArgumentException(name + ": a LoRA A factor is [r, in], asked for rank " + shape.length);
        float bound = (float) kaimingUniformBound(Math.sqrt(5), shape[1]);
        long stream = CounterRng.derive(seed, name.hashCode());
        float[] d = new float[Math.toIntExact(Tensor.numel(shape))];
        for (int i = 0; i < d.length; i++) d[i] = (2f * CounterRng.uniform(stream, i) - 1f) * bound;
        return Tensor.of(d, shape);
    }
}
