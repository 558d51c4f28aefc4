package hifi.engine.tokenizer;

import hifi.engine.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Variants of the MiniLM {@code tokenizer.json} for testing other settings against the HF oracle: another normaliser
 * configuration, another word-length limit, or a vocabulary of single characters.
 */
final class TokenizerJsonVariants {
    private TokenizerJsonVariants() {}

    static Map<String, Object> miniLm() {
        try {
            return Json.parseObject(Files.readString(Fixtures.miniLmTokenizerJson(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MiniLM's tokenizer with another normaliser and without truncation or padding. */
    static Map<String, Object> withNormalizer(NormalizerOptions o) {
        Map<String, Object> json = withoutTruncationOrPadding(miniLm());
        json.put("normalizer", normalizer(o));
        return json;
    }

    /** MiniLM's tokenizer with another max_input_chars_per_word, without truncation or padding. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withMaxInputChars(int maxChars) {
        Map<String, Object> json = withoutTruncationOrPadding(miniLm());
        ((Map<String, Object>) json.get("model")).put("max_input_chars_per_word", (long) maxChars);
        return json;
    }

    /**
     * A tokenizer whose vocabulary is the special tokens plus every given character, alone and as a {@code ##}
     * continuation: WordPiece then emits one token per character, so HF's tokens show exactly where its
     * pre-tokenizer split the words.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> characterVocabulary(Collection<Integer> codePoints, NormalizerOptions o) {
        Map<String, Object> json = withNormalizer(o);
        Map<String, Object> model = (Map<String, Object>) json.get("model");
        Map<String, Object> vocab = new LinkedHashMap<>();
        for (String special : BertSpecialTokens.DEFAULT.all()) vocab.put(special, (long) vocab.size());
        for (int cp : new TreeSet<>(codePoints)) {
            String c = Character.toString(cp);
            vocab.putIfAbsent(c, (long) vocab.size());
            vocab.putIfAbsent("##" + c, (long) vocab.size());
        }
        model.put("vocab", vocab);
        model.put("max_input_chars_per_word", 100_000L);
        json.put("added_tokens", ((List<Object>) json.get("added_tokens")).stream().map(t -> {
            Map<String, Object> token = new LinkedHashMap<>((Map<String, Object>) t);
            token.put("id", vocab.get((String) token.get("content")));
            return (Object) token;
        }).toList());
        json.put("post_processor", Map.of("type", "BertProcessing",
                "sep", List.of("[SEP]", vocab.get("[SEP]")), "cls", List.of("[CLS]", vocab.get("[CLS]"))));
        return json;
    }

    static Path write(Map<String, Object> json, Path dir, String name) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, Json.write(json), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Map<String, Object> normalizer(NormalizerOptions o) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("type", "BertNormalizer");
        n.put("clean_text", o.cleanText());
        n.put("handle_chinese_chars", o.handleChineseChars());
        n.put("strip_accents", o.stripAccents());
        n.put("lowercase", o.lowercase());
        return n;
    }

    private static Map<String, Object> withoutTruncationOrPadding(Map<String, Object> json) {
        json.put("truncation", null);
        json.put("padding", null);
        return json;
    }
}
