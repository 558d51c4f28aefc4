package hifi.engine.bert;

import hifi.engine.param.ParameterGroup;

import java.util.function.Predicate;

/**
 * BERT's named groups of whole tensors, by Hugging Face parameter name (with or without the {@code bert.} prefix), for
 * {@link hifi.engine.param.Trainable.Builder#group}. {@link ParameterGroup#ALL} is every parameter.
 */
public final class BertParameterGroups {
    /** {@code embeddings.*}: word, position and token-type tables and their LayerNorm. */
    public static final ParameterGroup EMBEDDINGS = group("EMBEDDINGS", n -> n.startsWith("embeddings."));
    /** Every {@code LayerNorm.weight} and {@code LayerNorm.bias}. */
    public static final ParameterGroup LAYER_NORMS = group("LAYER_NORMS", n -> n.contains("LayerNorm."));
    /** Every {@code *.bias} (BitFit). */
    public static final ParameterGroup BIASES = group("BIASES", n -> n.endsWith(".bias"));
    /** {@code intermediate.dense.*} and the layer's {@code output.dense.*} (not the attention output). */
    public static final ParameterGroup FFN = group("FFN",
            n -> n.contains(".intermediate.dense.") || (n.contains(".output.dense.") && !n.contains(".attention.")));
    /** {@code pooler.dense.*}. */
    public static final ParameterGroup POOLER = group("POOLER", n -> n.startsWith("pooler."));
    /** The LoRA factors, {@code *.lora_A.weight} and {@code *.lora_B.weight} (present only in a model built with LoRA). */
    public static final ParameterGroup LORA = group("LORA", n -> n.endsWith(".lora_A.weight") || n.endsWith(".lora_B.weight"));
    /** {@code classifier.*}. */
    public static final ParameterGroup CLASSIFIER = group("CLASSIFIER", n -> n.startsWith("classifier."));

    private static final String PREFIX = "bert.";

    private BertParameterGroups() {
    }

    /** One tensor by HF name, the {@code bert.} prefix optional. */
    public static ParameterGroup tensor(String name) {
        return new ParameterGroup(name, p -> p.equals(name) || withoutPrefix(p).equals(name) || (PREFIX + withoutPrefix(p)).equals(name));
    }

    /** A group whose test sees the name without the {@code bert.} prefix. */
    private static ParameterGroup group(String label, Predicate<String> unprefixed) {
        return new ParameterGroup(label, p -> unprefixed.test(withoutPrefix(p)));
    }

    private static String withoutPrefix(String name) {
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }
}
