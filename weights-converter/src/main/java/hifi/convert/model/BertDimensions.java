package hifi.convert.model;

import hifi.engine.io.ModelFormatException;

import java.nio.file.Path;
import java.util.Map;

/**
 * The sizes that define a BERT encoder, as HF's {@code config.json} names them. They come either from a source's own
 * config (and are then checked against the tensor shapes) or are inferred from the shapes.
 */
public record BertDimensions(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
                             int maxPositions, int typeVocabSize, double layerNormEps) {
    /** HF's default LayerNorm epsilon for BERT. */
    public static final double DEFAULT_EPS = 1e-12;

    public BertDimensions {
        if (hiddenSize <= 0 || numHeads <= 0 || hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a positive multiple of " + numHeads + " heads");
        }
    }

    /** Reads the sizes from a HF BERT {@code config.json} held in {@code config}. */
    public static BertDimensions fromConfig(Path file, Map<String, Object> config) {
        Object type = config.get("model_type");
        if (type != null && !"bert".equals(type)) {
            throw new ModelFormatException(file, "model_type \"" + type + "\" is not \"bert\"");
        }
        int hidden = intKey(file, config, "hidden_size");
        int heads = intKey(file, config, "num_attention_heads");
        if (heads <= 0 || hidden % heads != 0) {
            throw new ModelFormatException(file, "hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads);
        }
        Object eps = config.getOrDefault("layer_norm_eps", DEFAULT_EPS);
        if (!(eps instanceof Number epsNumber) || !(epsNumber.doubleValue() > 0)) {
            throw new ModelFormatException(file, "layer_norm_eps must be a positive number, got " + eps);
        }
        return new BertDimensions(intKey(file, config, "vocab_size"), hidden, intKey(file, config, "num_hidden_layers"), heads,
                intKey(file, config, "intermediate_size"), intKey(file, config, "max_position_embeddings"),
                intKey(file, config, "type_vocab_size"), epsNumber.doubleValue());
    }

    private static int intKey(Path file, Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (!(v instanceof Long l) || l <= 0 || l > Integer.MAX_VALUE) {
            throw new ModelFormatException(file, key + " must be a positive integer, got " + v);
        }
        return (int) (long) l;
    }

    /** Size of one attention head. */
    public int headSize() {
        return hiddenSize / numHeads;
    }
}
