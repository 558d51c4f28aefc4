package hifi.glue.testing;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.param.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny random base model directory (2 layers, hidden 16, 4 heads, no task head) with a vocabulary of the special
 * tokens, the letters and their {@code ##} continuations, so any lower-case ASCII word tokenises without {@code [UNK]}.
 * Written in HF's layout by {@link ModelDirectory#write}, as the converter writes real models.
 */
public final class TinyModel {
    public static final int LAYERS = 2, HEADS = 4, HIDDEN = 16, POSITIONS = 64;

    private TinyModel() {
    }

    public static List<String> vocab() {
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (char c = 'a'; c <= 'z'; c++) v.add(String.valueOf(c));
        for (char c = 'a'; c <= 'z'; c++) v.add("##" + c);
        for (char c = '0'; c <= '9'; c++) v.add(String.valueOf(c));
        for (String p : List.of(".", ",", "'", "\"", "-", "(", ")", "!", "?", ":", ";", "$", "%", "&", "/")) v.add(p);
        return v;
    }

    public static BertConfig config() {
        return new BertConfig(vocab().size(), HIDDEN, LAYERS, HEADS, 32, "gelu", 0.1f, 0.1f, POSITIONS, 2, 1e-12f, 0,
                List.of("LABEL_0", "LABEL_1"), null);
    }

    /** Writes the model directory {@code dir} (which must not exist) and returns it. */
    public static Path write(Path dir) throws IOException {
        return write(dir, true);
    }

    /** Writes the model directory, without {@code pooler.*} if {@code pooler} is false (as ONNX sentence encoders come). */
    public static Path write(Path dir, boolean pooler) throws IOException {
        BertConfig config = config();
        BertForSequenceClassification model = BertForSequenceClassification.random(config, 3, new ReferenceBackend());
        SafetensorsWriter w = new SafetensorsWriter();
        for (Parameter p : model.parameters()) {
            if (p.name().startsWith("classifier.") || (!pooler && p.name().contains(".pooler."))) continue;
            w.putFloats(p.name().substring("bert.".length()), p.value().toArray(), p.value().shape());
        }
        ModelDirectory.write(dir, false, config.toJson(), w, vocab(), ModelDirectory.tokenizerConfig(true, POSITIONS));
        return dir;
    }
}
