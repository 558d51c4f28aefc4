package hifi.convert.model;

import hifi.engine.io.ModelFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a reader found ({@link SourceModel}) into a checked {@link ConvertedModel}: names normalised
 * ({@link BertNames#canonical}), tied MLM decoder tensors verified and dropped, sizes taken from the source config or
 * inferred from shapes, then every expected tensor required with exactly the expected shape, nothing unexpected
 * allowed, and every value finite. Each failure names the source and the tensor.
 */
public final class BertAssembler {
    private BertAssembler() {
    }

    public static ConvertedModel assemble(SourceModel source) {
        Path file = source.tensors().source();
        StateDict tensors = canonicalise(source.tensors());
        dropTiedDecoder(file, tensors);
        BertDimensions dims = source.config() != null
                ? BertDimensions.fromConfig(source.configFile(), source.config())
                : infer(file, tensors, source.headsHint(), source.epsHint());
        boolean hasPooler = tensors.contains(BertNames.POOLER + ".weight") || tensors.contains(BertNames.POOLER + ".bias");
        boolean hasMlm = tensors.names().stream().anyMatch(n -> n.startsWith("cls.predictions."));
        Map<String, int[]> expected = expectedShapes(dims, hasPooler, hasMlm);
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            NamedTensor t = tensors.get(e.getKey());
            if (t == null) throw new ModelFormatException(file, e.getKey(), "missing tensor (expected shape " + Arrays.toString(e.getValue()) + ")");
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new ModelFormatException(file, e.getKey(), "shape " + Arrays.toString(t.shape()) + " does not match the config (expected "
                        + Arrays.toString(e.getValue()) + ")");
            }
        }
        for (String name : tensors.names()) {
            if (!expected.containsKey(name)) {
                throw new ModelFormatException(file, name, "unexpected tensor: not part of a BERT encoder, pooler or masked-LM head");
            }
        }
        for (NamedTensor t : tensors.tensors()) requireFinite(file, t);
        if (source.vocab().size() != dims.vocabSize()) {
            throw new ModelFormatException(file, BertNames.WORD_EMBEDDINGS, "the vocabulary has " + source.vocab().size()
                    + " tokens but the embedding table has " + dims.vocabSize() + " rows");
        }
        return new ConvertedModel(source.format(), dims, tensors, hasPooler, hasMlm, source.vocab(), source.doLowerCase(),
                source.modelMaxLength() > 0 ? source.modelMaxLength() : dims.maxPositions(), source.extraConfig());
    }

    private static StateDict canonicalise(StateDict in) {
        StateDict out = new StateDict(in.source());
        for (NamedTensor t : in.tensors()) {
            String name = BertNames.canonical(t.name());
            if (name == null) continue;
            if (out.contains(name)) {
                throw new ModelFormatException(in.source(), t.name(), "duplicate tensor: another source name also maps to " + name);
            }
            out.add(t.renamed(name));
        }
        return out;
    }

    /** BERT ties the MLM decoder to the word embeddings (and its bias to {@code cls.predictions.bias}). */
    private static void dropTiedDecoder(Path file, StateDict tensors) {
        NamedTensor decoder = tensors.remove(BertNames.MLM_DECODER_WEIGHT);
        NamedTensor words = tensors.get(BertNames.WORD_EMBEDDINGS);
        if (decoder != null && (words == null || !Arrays.equals(decoder.values(), words.values()))) {
            throw new ModelFormatException(file, BertNames.MLM_DECODER_WEIGHT, "is not tied to " + BertNames.WORD_EMBEDDINGS
                    + " (an untied decoder is not supported)");
        }
        NamedTensor decoderBias = tensors.remove(BertNames.MLM_DECODER_BIAS);
        if (decoderBias == null) return;
        NamedTensor bias = tensors.get(BertNames.MLM_BIAS);
        if (bias == null) {
            tensors.add(decoderBias.renamed(BertNames.MLM_BIAS));
        } else if (!Arrays.equals(decoderBias.values(), bias.values())) {
            throw new ModelFormatException(file, BertNames.MLM_DECODER_BIAS, "differs from " + BertNames.MLM_BIAS);
        }
    }

    /** Sizes from shapes, for sources without a config. */
    static BertDimensions infer(Path file, StateDict t, int headsHint, double epsHint) {
        int[] words = shapeOf(file, t, BertNames.WORD_EMBEDDINGS, 2);
        int layers = 0;
        for (String name : t.names()) {
            int i = BertNames.layerIndex(name);
            if (i == Integer.MAX_VALUE) throw new ModelFormatException(file, name, "layer index out of range");
            layers = Math.max(layers, i + 1);
        }
        if (layers == 0) throw new ModelFormatException(file, BertNames.layer(0) + "*", "no encoder layers found");
        int hidden = words[1];
        int heads = headsHint > 0 ? headsHint : defaultHeads(hidden);
        if (hidden % heads != 0) throw new ModelFormatException(file, "hidden size " + hidden + " is not a multiple of " + heads + " heads");
        return new BertDimensions(words[0], hidden, layers, heads,
                shapeOf(file, t, BertNames.layer(0) + "intermediate.dense.weight", 2)[0],
                shapeOf(file, t, BertNames.POSITION_EMBEDDINGS, 2)[0],
                shapeOf(file, t, BertNames.TOKEN_TYPE_EMBEDDINGS, 2)[0],
                epsHint > 0 ? epsHint : BertDimensions.DEFAULT_EPS);
    }

    /**
     * Heads when the source does not say: 12 for hidden size 384 (all-MiniLM-L6-v2, bge-small, e5-small, all with
     * 32-wide heads), otherwise head size 64 as in every Google BERT (base 12, large 16, the miniatures hidden/64).
     */
    public static int defaultHeads(int hidden) {
        if (hidden == 384) return 12;
        return Math.max(1, hidden / 64);
    }

    private static int[] shapeOf(Path file, StateDict t, String name, int rank) {
        NamedTensor x = t.get(name);
        if (x == null) throw new ModelFormatException(file, name, "missing tensor (needed to infer the model size)");
        if (x.shape().length != rank) throw new ModelFormatException(file, name, "expected a rank-" + rank + " tensor, got " + Arrays.toString(x.shape()));
        return x.shape();
    }

    /** Every tensor the model must hold, with its shape, in a stable order. */
    public static Map<String, int[]> expectedShapes(BertDimensions d, boolean pooler, boolean mlm) {
        Map<String, int[]> m = new LinkedHashMap<>();
        int h = d.hiddenSize();
        m.put(BertNames.WORD_EMBEDDINGS, new int[] {d.vocabSize(), h});
        m.put(BertNames.POSITION_EMBEDDINGS, new int[] {d.maxPositions(), h});
        m.put(BertNames.TOKEN_TYPE_EMBEDDINGS, new int[] {d.typeVocabSize(), h});
        layerNorm(m, BertNames.EMBEDDINGS_LAYER_NORM, h);
        for (int i = 0; i < d.numLayers(); i++) {
            String p = BertNames.layer(i);
            for (String q : List.of("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense")) {
                linear(m, p + q, h, h);
            }
            layerNorm(m, p + "attention.output.LayerNorm", h);
            linear(m, p + "intermediate.dense", d.intermediateSize(), h);
            linear(m, p + "output.dense", h, d.intermediateSize());
            layerNorm(m, p + "output.LayerNorm", h);
        }
        if (pooler) linear(m, BertNames.POOLER, h, h);
        if (mlm) {
            linear(m, BertNames.MLM_TRANSFORM, h, h);
            layerNorm(m, BertNames.MLM_LAYER_NORM, h);
            m.put(BertNames.MLM_BIAS, new int[] {d.vocabSize()});
        }
        return m;
    }

    private static void linear(Map<String, int[]> m, String prefix, int out, int in) {
        m.put(prefix + ".weight", new int[] {out, in});
        m.put(prefix + ".bias", new int[] {out});
    }

    private static void layerNorm(Map<String, int[]> m, String prefix, int h) {
        m.put(prefix + ".weight", new int[] {h});
        m.put(prefix + ".bias", new int[] {h});
    }

    private static void requireFinite(Path file, NamedTensor t) {
        float[] v = t.values();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelFormatException(file, t.name(), "value " + v[i] + " at flat index " + i + " is not finite");
            }
        }
    }

    /** Names in the order {@link #expectedShapes} lists them (for reports). */
    public static List<String> expectedNames(BertDimensions d, boolean pooler, boolean mlm) {
        return new ArrayList<>(expectedShapes(d, pooler, mlm).keySet());
    }
}
