package hifi.engine.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's model format: a directory laid out as HuggingFace lays out a BERT checkpoint, so HF users recognise it
 * and HF can load it.
 *
 * <pre>
 *   config.json             HF BertConfig (model_type "bert", hidden_size, num_hidden_layers, ...); converted models
 *                           add "has_pooler" / "has_mlm_head" when those weights are absent or present
 *   model.safetensors       fp32, HF tensor names (no "bert." prefix for the encoder), nn.Linear layout [out, in]
 *   vocab.txt               WordPiece vocabulary, one token per line, id = line number
 *   tokenizer_config.json   at least "do_lower_case" and "model_max_length"
 * </pre>
 *
 * The weights are memory-mapped by {@link #openWeights()}, which checks the CRC32C checksums {@link #write} records
 * ({@link TensorChecksums}).
 */
public final class ModelDirectory {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String VOCAB = "vocab.txt";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    /** Every file a complete model directory holds. */
    public static final List<String> FILES = List.of(CONFIG, WEIGHTS, VOCAB, TOKENIZER_CONFIG);

    private final Path root;

    private ModelDirectory(Path root) {
        this.root = root;
    }

    /** Opens {@code root}, checking that it is a directory holding all four files. */
    public static ModelDirectory open(Path root) {
        if (!Files.isDirectory(root)) throw new ModelFormatException(root, "not a model directory (does not exist or is not a directory)");
        for (String f : FILES) {
            if (!Files.isRegularFile(root.resolve(f))) {
                throw new ModelFormatException(root, "model directory is missing " + f + " (expected " + FILES + ")");
            }
        }
        return new ModelDirectory(root);
    }

    public Path root() {
        return root;
    }

    public Path configPath() {
        return root.resolve(CONFIG);
    }

    public Path weightsPath() {
        return root.resolve(WEIGHTS);
    }

    public Path vocabPath() {
        return root.resolve(VOCAB);
    }

    public Path tokenizerConfigPath() {
        return root.resolve(TOKENIZER_CONFIG);
    }

    /** The parsed {@code config.json}. */
    public Map<String, Object> config() throws IOException {
        return readJsonObject(configPath());
    }

    /** The parsed {@code tokenizer_config.json}. */
    public Map<String, Object> tokenizerConfig() throws IOException {
        return readJsonObject(tokenizerConfigPath());
    }

    /** {@code do_lower_case} from the tokenizer config (HF's default for BERT: true). */
    public boolean doLowerCase() throws IOException {
        Object v = tokenizerConfig().getOrDefault("do_lower_case", Boolean.TRUE);
        if (!(v instanceof Boolean b)) throw new ModelFormatException(tokenizerConfigPath(), "do_lower_case must be a boolean, got " + v);
        return b;
    }

    /** {@code model_max_length} from the tokenizer config (default 512). */
    public int modelMaxLength() throws IOException {
        Object v = tokenizerConfig().getOrDefault("model_max_length", 512L);
        if (!(v instanceof Long l) || l <= 0 || l > Integer.MAX_VALUE) {
            throw new ModelFormatException(tokenizerConfigPath(), "model_max_length must be a positive integer, got " + v);
        }
        return (int) (long) l;
    }

    /** The vocabulary, one token per line (a trailing newline does not add a token). */
    public List<String> vocab() throws IOException {
        return new ArrayList<>(Files.readAllLines(vocabPath(), StandardCharsets.UTF_8));
    }

    /**
     * Memory-maps {@code model.safetensors} and verifies its checksums ({@link SafetensorsFile#openVerified}); the
     * caller closes it.
     */
    public SafetensorsFile openWeights() throws IOException {
        return SafetensorsFile.openVerified(weightsPath());
    }

    /** Reads a JSON object file; malformed JSON is a {@link ModelFormatException} naming the file. */
    public static Map<String, Object> readJsonObject(Path file) throws IOException {
        try {
            return Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (Json.JsonException e) {
            throw new ModelFormatException(file, "not a valid JSON object: " + e.getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ModelFormatException(file, "not valid UTF-8");
        }
    }

    /**
     * Writes a complete model directory atomically: everything goes to a temporary sibling directory that is renamed
     * onto {@code destination} only when all four files are written. The weights record their checksums
     * ({@link SafetensorsWriter#withChecksums()}).
     *
     * @param replace whether an existing {@code destination} may be replaced
     */
    public static void write(Path destination, boolean replace, Map<String, Object> config, SafetensorsWriter weights,
                             List<String> vocab, Map<String, Object> tokenizerConfig) throws IOException {
        AtomicFiles.writeDirectory(destination, replace, tmp -> {
            Files.writeString(tmp.resolve(CONFIG), Json.pretty(config), StandardCharsets.UTF_8);
            weights.withChecksums().write(tmp.resolve(WEIGHTS));
            Files.writeString(tmp.resolve(VOCAB), String.join("\n", vocab) + "\n", StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(TOKENIZER_CONFIG), Json.pretty(tokenizerConfig), StandardCharsets.UTF_8);
        });
    }

    /** A tokenizer config with the two keys the engine reads, in HF's spelling. */
    public static Map<String, Object> tokenizerConfig(boolean doLowerCase, int modelMaxLength) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("do_lower_case", doLowerCase);
        m.put("model_max_length", (long) modelMaxLength);
        m.put("tokenizer_class", "BertTokenizer");
        return m;
    }
}
