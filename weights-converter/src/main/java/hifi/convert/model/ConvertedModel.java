package hifi.convert.model;

import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** A checked BERT checkpoint in HF names and layout, ready to be written as the engine's model directory. */
public record ConvertedModel(String sourceFormat, BertDimensions dims, StateDict tensors, boolean hasPooler,
                             boolean hasMlmHead, List<String> vocab, boolean doLowerCase, int modelMaxLength,
                             Map<String, Object> extraConfig) {

    /** HF's {@code config.json} for this model, plus {@code has_pooler}, {@code has_mlm_head} and the source format. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of(hasMlmHead ? "BertForMaskedLM" : "BertModel"));
        c.put("model_type", "bert");
        c.put("vocab_size", (long) dims.vocabSize());
        c.put("hidden_size", (long) dims.hiddenSize());
        c.put("num_hidden_layers", (long) dims.numLayers());
        c.put("num_attention_heads", (long) dims.numHeads());
        c.put("intermediate_size", (long) dims.intermediateSize());
        c.put("hidden_act", extraConfig.getOrDefault("hidden_act", "gelu"));
        c.put("hidden_dropout_prob", extraConfig.getOrDefault("hidden_dropout_prob", 0.1));
        c.put("attention_probs_dropout_prob", extraConfig.getOrDefault("attention_probs_dropout_prob", 0.1));
        c.put("max_position_embeddings", (long) dims.maxPositions());
        c.put("type_vocab_size", (long) dims.typeVocabSize());
        c.put("initializer_range", extraConfig.getOrDefault("initializer_range", 0.02));
        c.put("layer_norm_eps", dims.layerNormEps());
        c.put("pad_token_id", extraConfig.getOrDefault("pad_token_id", 0L));
        c.put("position_embedding_type", "absolute");
        c.put("classifier_dropout", extraConfig.get("classifier_dropout"));
        c.put("has_pooler", hasPooler);
        c.put("has_mlm_head", hasMlmHead);
        c.put("converted_from", sourceFormat);
        return c;
    }

    /** Writes the model directory atomically (temporary sibling, renamed when complete). */
    public void write(Path out, boolean replace) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        for (NamedTensor t : tensors.tensors()) w.putFloats(t.name(), t.values(), t.shape());
        ModelDirectory.write(out, replace, config(), w, vocab, ModelDirectory.tokenizerConfig(doLowerCase, modelMaxLength));
    }
}
