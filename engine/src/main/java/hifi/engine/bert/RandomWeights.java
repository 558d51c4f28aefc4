package hifi.engine.bert;

import hifi.engine.nn.WeightSource;
import hifi.engine.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * HF's BERT initialisation as a {@link WeightSource}: Linear and Embedding weights {@code N(0, std)}, biases 0,
 * LayerNorm weight 1 and bias 0. Each tensor's values depend only on the seed and the tensor's name, so building the
 * model in a different order gives the same weights.
 */
public final class RandomWeights implements WeightSource {
    private final long seed;
    private final float std;

    public RandomWeights(long seed, float std) {
        this.seed = seed;
        this.std = std;
    }

    @Override
    public Tensor get(String name, int... shape) {
        if (name.contains("LayerNorm.") || name.endsWith(".bias")) {
            Tensor t = Tensor.zeros(shape);
            if (name.contains("LayerNorm.") && name.endsWith(".weight")) t.fill(1f);
            return t;
        }
        SplittableRandom r = new SplittableRandom(seed ^ name.hashCode() * 0x9E3779B97F4A7C15L);
        float[] d = new float[Math.toIntExact(Tensor.numel(shape))];
        for (int i = 0; i < d.length; i++) d[i] = (float) (r.nextGaussian() * std);
        return Tensor.of(d, shape);
    }
}
