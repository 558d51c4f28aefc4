package hifi.engine.bert;

import hifi.engine.io.ModelFormatException;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.nn.WeightSource;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Weights read from a safetensors checkpoint by HF name. A {@code bert.}-prefixed name is also found without the prefix
 * ({@code BertModel} checkpoints and our model directories have none) and old {@code LayerNorm.gamma}/{@code beta}
 * names are accepted. The task head ({@code classifier.*}) and the pooler, when the checkpoint has none, are freshly
 * initialised from {@code fresh} — as HF does when it puts a new head on a pretrained encoder — and listed in
 * {@link #freshlyInitialised()}. Any other missing tensor, or a wrong shape, is an error naming the file and tensor.
 */
public final class CheckpointWeights implements WeightSource {
    private final SafetensorsFile file;
    private final WeightSource fresh;
    private final List<String> initialised = new ArrayList<>();

    public CheckpointWeights(SafetensorsFile file, WeightSource fresh) {
        this.file = file;
        this.fresh = fresh;
    }

    /** Names of the tensors that were not in the checkpoint and were initialised instead. */
    public List<String> freshlyInitialised() {
        return List.copyOf(initialised);
    }

    @Override
    public Tensor get(String name, int... shape) {
        String stored = find(name);
        if (stored == null) {
            String n = name.startsWith("bert.") ? name.substring(5) : name;
            if (n.startsWith("classifier.") || n.startsWith("pooler.")) {
                initialised.add(name);
                return fresh.get(name, shape);
            }
            throw new ModelFormatException(file.path(), name, "missing tensor (also looked for it without the bert. prefix)");
        }
        Tensor t = file.readTensor(stored);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new ModelFormatException(file.path(), stored, "shape " + Arrays.toString(t.shape()) + " does not match the config, expected "
                    + Arrays.toString(shape));
        }
        return t;
    }

    private String find(String name) {
        for (String n : new String[] {name, name.startsWith("bert.") ? name.substring(5) : null}) {
            if (n == null) continue;
            if (file.contains(n)) return n;
            String old = n.endsWith("LayerNorm.weight") ? n.replace("LayerNorm.weight", "LayerNorm.gamma")
                    : n.endsWith("LayerNorm.bias") ? n.replace("LayerNorm.bias", "LayerNorm.beta") : null;
            if (old != null && file.contains(old)) return old;
        }
        return null;
    }
}
