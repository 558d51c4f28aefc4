package hifi.engine.bert;

import hifi.engine.nn.WeightSource;
import hifi.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Weights from a name → tensor map (a loaded checkpoint). A {@code bert.}-prefixed name is also found without the
 * prefix ({@code BertModel} checkpoints have none); HF's old {@code LayerNorm.gamma}/{@code beta} names are accepted.
 * Missing tensors and wrong shapes throw an error naming the tensor and {@code source}.
 */
public final class MapWeights implements WeightSource {
    private final Map<String, Tensor> tensors;
    private final String source;

    public MapWeights(Map<String, Tensor> tensors, String source) {
        this.tensors = tensors;
        this.source = source;
    }

    @Override
    public Tensor get(String name, int... shape) {
        Tensor t = find(name);
        if (t == null) throw new IllegalArgumentException(source + ": missing tensor \"" + name + "\"");
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(source + ": tensor \"" + name + "\" has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return t;
    }

    private Tensor find(String name) {
        for (String n : new String[] {name, name.startsWith("bert.") ? name.substring(5) : null}) {
            if (n == null) continue;
            Tensor t = tensors.get(n);
            if (t == null && n.endsWith("LayerNorm.weight")) t = tensors.get(n.replace("LayerNorm.weight", "LayerNorm.gamma"));
            if (t == null && n.endsWith("LayerNorm.bias")) t = tensors.get(n.replace("LayerNorm.bias", "LayerNorm.beta"));
            if (t != null) return t;
        }
        return null;
    }
}
