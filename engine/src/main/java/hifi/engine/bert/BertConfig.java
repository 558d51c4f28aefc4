package hifi.engine.bert;

import hifi.engine.io.Json;
import hifi.engine.runtime.Activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT configuration with Hugging Face's {@code config.json} names. {@link #load(Path)} reads and validates one;
 * {@link #toJson()} writes the same keys back.
 *
 * @param problemType {@code "single_label_classification"}, {@code "regression"} or {@code null} (then derived from
 *                    {@code numLabels}: 1 label means regression, as HF does)
 * @param labels      the label names by index ({@code id2label}); its size is {@code num_labels}
 */
public record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                         String hiddenAct, float hiddenDropoutProb, float attentionProbsDropoutProb,
                         int maxPositionEmbeddings, int typeVocabSize, float layerNormEps, int padTokenId,
                         List<String> labels, String problemType) {

    /** Validates every value; {@link #fromJson} replaces the {@code BertConfig} prefix of a message by the file name. */
    public BertConfig {
        labels = List.copyOf(labels);
        String src = "BertConfig";
        positive(src, "vocab_size", vocabSize);
        positive(src, "hidden_size", hiddenSize);
        positive(src, "num_hidden_layers", numHiddenLayers);
        positive(src, "num_attention_heads", numAttentionHeads);
        positive(src, "intermediate_size", intermediateSize);
        positive(src, "max_position_embeddings", maxPositionEmbeddings);
        positive(src, "type_vocab_size", typeVocabSize);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException(src + ": hidden_size " + hiddenSize + " is not divisible by num_attention_heads "
                    + numAttentionHeads);
        }
        Activation.fromHf(hiddenAct);
        probability(src, "hidden_dropout_prob", hiddenDropoutProb);
        probability(src, "attention_probs_dropout_prob", attentionProbsDropoutProb);
        if (!(layerNormEps > 0f)) throw new IllegalArgumentException(src + ": layer_norm_eps must be > 0, got " + layerNormEps);
        if (labels.isEmpty()) throw new IllegalArgumentException(src + ": num_labels must be ≥ 1");
        if (problemType != null && !problemType.equals("single_label_classification") && !problemType.equals("regression")) {
            throw new IllegalArgumentException(src + ": problem_type \"" + problemType
                    + "\" is not supported (single_label_classification or regression)");
        }
        if ("regression".equals(problemType) && labels.size() != 1) {
            throw new IllegalArgumentException(src + ": problem_type regression needs num_labels 1, got " + labels.size());
        }
    }

    /** Head size {@code d_h = hidden / heads}. */
    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    public int numLabels() {
        return labels.size();
    }

    /** The activation of the FFN. */
    public Activation activation() {
        return Activation.fromHf(hiddenAct);
    }

    /** True for an MSE (regression) head: {@code problem_type == "regression"} or, when unset, one label. */
    public boolean isRegression() {
        return problemType == null ? labels.size() == 1 : problemType.equals("regression");
    }

    /** A copy with a fresh task head of {@code n} labels ({@code LABEL_i}); {@code n == 1} means regression. */
    public BertConfig withLabels(int n) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) names.add("LABEL_" + i);
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct,
                hiddenDropoutProb, attentionProbsDropoutProb, maxPositionEmbeddings, typeVocabSize, layerNormEps, padTokenId,
                names, n == 1 ? "regression" : "single_label_classification");
    }

    /** Reads {@code file} (an HF {@code config.json}); every error names the file and the key. */
    public static BertConfig load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(Json.parseObject(text), file.toString());
        } catch (Json.JsonException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Builds a config from parsed JSON; {@code source} names where it came from in error messages. */
    public static BertConfig fromJson(Map<String, Object> j, String source) {
        Object modelType = j.get("model_type");
        if (modelType != null && !"bert".equals(modelType)) {
            throw new IllegalArgumentException(source + ": model_type is \"" + modelType + "\", expected \"bert\"");
        }
        Object pet = j.get("position_embedding_type");
        if (pet != null && !"absolute".equals(pet)) {
            throw new IllegalArgumentException(source + ": position_embedding_type \"" + pet + "\" is not supported (absolute)");
        }
        Object classifierDropout = j.get("classifier_dropout");
        if (classifierDropout != null && (!(classifierDropout instanceof Number n)
                || n.floatValue() != floatKey(j, source, "hidden_dropout_prob"))) {
            throw new IllegalArgumentException(source + ": classifier_dropout " + classifierDropout
                    + " differs from hidden_dropout_prob; only null or the same value is supported (the head uses hidden_dropout_prob)");
        }
        try {
            return new BertConfig(
                    intKey(j, source, "vocab_size"), intKey(j, source, "hidden_size"), intKey(j, source, "num_hidden_layers"),
                    intKey(j, source, "num_attention_heads"), intKey(j, source, "intermediate_size"),
                    stringKey(j, source, "hidden_act"), floatKey(j, source, "hidden_dropout_prob"),
                    floatKey(j, source, "attention_probs_dropout_prob"), intKey(j, source, "max_position_embeddings"),
                    intKey(j, source, "type_vocab_size"), floatKey(j, source, "layer_norm_eps"),
                    j.containsKey("pad_token_id") && j.get("pad_token_id") != null ? intKey(j, source, "pad_token_id") : 0,
                    labels(j, source), j.get("problem_type") == null ? null : stringKey(j, source, "problem_type"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("BertConfig:")) {
                throw new IllegalArgumentException(source + e.getMessage().substring("BertConfig".length()), e);
            }
            if (e.getMessage() != null && e.getMessage().startsWith("unsupported hidden_act")) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The HF {@code config.json} object for this configuration. */
    public Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model_type", "bert");
        j.put("architectures", List.of("BertForSequenceClassification"));
        j.put("vocab_size", vocabSize);
        j.put("hidden_size", hiddenSize);
        j.put("num_hidden_layers", numHiddenLayers);
        j.put("num_attention_heads", numAttentionHeads);
        j.put("intermediate_size", intermediateSize);
        j.put("hidden_act", hiddenAct);
        j.put("hidden_dropout_prob", (double) hiddenDropoutProb);
        j.put("attention_probs_dropout_prob", (double) attentionProbsDropoutProb);
        j.put("max_position_embeddings", maxPositionEmbeddings);
        j.put("type_vocab_size", typeVocabSize);
        j.put("layer_norm_eps", (double) layerNormEps);
        j.put("pad_token_id", padTokenId);
        j.put("position_embedding_type", "absolute");
        Map<String, Object> id2label = new LinkedHashMap<>(), label2id = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
            label2id.put(labels.get(i), i);
        }
        j.put("id2label", id2label);
        j.put("label2id", label2id);
        if (problemType != null) j.put("problem_type", problemType);
        return j;
    }

    private static List<String> labels(Map<String, Object> j, String source) {
        Object id2label = j.get("id2label");
        Integer n = j.get("num_labels") == null ? null : intKey(j, source, "num_labels");
        if (id2label instanceof Map<?, ?> m && !m.isEmpty()) {
            String[] names = new String[m.size()];
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int i;
                try {
                    i = Integer.parseInt(e.getKey().toString());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(source + ": id2label key \"" + e.getKey() + "\" is not an integer");
                }
                if (i < 0 || i >= names.length || names[i] != null) {
                    throw new IllegalArgumentException(source + ": id2label keys must be 0.." + (names.length - 1) + ", got " + m.keySet());
                }
                names[i] = String.valueOf(e.getValue());
            }
            if (n != null && n != names.length) {
                throw new IllegalArgumentException(source + ": num_labels " + n + " disagrees with id2label of " + names.length + " entries");
            }
            return List.of(names);
        }
        int count = n == null ? 2 : n; // HF's PretrainedConfig default
        String[] names = new String[count];
        for (int i = 0; i < count; i++) names[i] = "LABEL_" + i;
        return List.of(names);
    }

    private static Object required(Map<String, Object> j, String source, String key) {
        if (!j.containsKey(key) || j.get(key) == null) throw new IllegalArgumentException(source + ": missing key \"" + key + "\"");
        return j.get(key);
    }

    private static int intKey(Map<String, Object> j, String source, String key) {
        Object v = required(j, source, key);
        if (!(v instanceof Long || v instanceof Integer) || ((Number) v).longValue() != ((Number) v).intValue()) {
            throw new IllegalArgumentException(source + ": key \"" + key + "\" must be an integer, got " + v);
        }
        return ((Number) v).intValue();
    }

    private static float floatKey(Map<String, Object> j, String source, String key) {
        Object v = required(j, source, key);
        if (!(v instanceof Number num)) throw new IllegalArgumentException(source + ": key \"" + key + "\" must be a number, got " + v);
        return num.floatValue();
    }

    private static String stringKey(Map<String, Object> j, String source, String key) {
        Object v = required(j, source, key);
        if (!(v instanceof String s)) throw new IllegalArgumentException(source + ": key \"" + key + "\" must be a string, got " + v);
        return s;
    }

    private static void positive(String src, String key, int v) {
        if (v <= 0) throw new IllegalArgumentException(src + ": " + key + " must be > 0, got " + v);
    }

    private static void probability(String src, String key, float p) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException(src + ": " + key + " must be in [0, 1), got " + p);
    }
}
