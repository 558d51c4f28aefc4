package hifi.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hifi.engine.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from a model directory ({@code vocab.txt} + {@code tokenizer_config.json}) and refusing bad files. */
class TokenizerLoadingTest {
    private static final BertTokenizer FROM_JSON = BertTokenizer.fromTokenizerJson(Fixtures.miniLmTokenizerJson())
            .withoutTruncation().withPadding(Padding.NONE);

    @TempDir
    Path dir;

    /** The model-directory route gives the same encodings as tokenizer.json (itself checked against HF). */
    @Test
    void vocabTxtDirectoryMatchesTokenizerJson() throws IOException {
        writeVocabTxt(FROM_JSON.vocab(), dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"do_lower_case": true, "model_max_length": 512, "tokenize_chinese_chars": true,
                 "strip_accents": null, "unk_token": {"content": "[UNK]", "__type": "AddedToken"},
                 "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "mask_token": "[MASK]"}""");
        BertTokenizer fromDir = BertTokenizer.fromModelDirectory(dir);
        assertEquals(512, fromDir.modelMaxLength());
        assertEquals(0, fromDir.maxLength());
        assertEquals(Padding.NONE, fromDir.padding());
        assertEquals(FROM_JSON.vocab().size(), fromDir.vocab().size());
        for (String text : HfParityTest.singles()) {
            HfParityTest.assertSame(FROM_JSON.encode(text), fromDir.encode(text), HfParityTest.describe(text));
        }
        for (Fixtures.Pair p : Fixtures.rtePairs()) {
            HfParityTest.assertSame(FROM_JSON.withTruncation(64).encode(p.first(), p.second()),
                    fromDir.withTruncation(64).encode(p.first(), p.second()), HfParityTest.describe(p.first()));
        }
    }

    /** {@code do_lower_case: false} in tokenizer_config.json: the cased pipeline, checked against HF. */
    @Test
    void casedDirectoryMatchesHf() throws IOException {
        writeVocabTxt(FROM_JSON.vocab(), dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        BertTokenizer cased = BertTokenizer.fromModelDirectory(dir);
        assertEquals(NormalizerOptions.cased(), cased.basicTokenizer().options());
        Path json = TokenizerJsonVariants.write(TokenizerJsonVariants.withNormalizer(NormalizerOptions.cased()),
                dir, "cased.json");
        try (HfOracle hf = HfOracle.plain(json)) {
            for (String text : HardCases.texts()) {
                HfParityTest.assertSame(hf.encode(text), cased.encode(text), HfParityTest.describe(text));
            }
        }
    }

    /** Without tokenizer_config.json a directory with vocab.txt is uncased BERT. */
    @Test
    void vocabTxtAloneIsUncased() throws IOException {
        writeVocabTxt(FROM_JSON.vocab(), dir.resolve("vocab.txt"));
        BertTokenizer t = BertTokenizer.fromModelDirectory(dir);
        assertEquals(NormalizerOptions.uncased(), t.basicTokenizer().options());
        assertEquals(0, t.modelMaxLength());
        assertArrayEquals(FROM_JSON.encode("Héllo WORLD").ids(), t.encode("Héllo WORLD").ids());
    }

    @Test
    void directoryWithTokenizerJsonOnly() throws IOException {
        Files.copy(Fixtures.miniLmTokenizerJson(), dir.resolve("tokenizer.json"));
        BertTokenizer t = BertTokenizer.fromModelDirectory(dir);
        assertEquals(128, t.maxLength());
        assertArrayEquals(FROM_JSON.withTruncation(128).withPadding(Padding.toLength(128)).encode("Hi there").ids(),
                t.encode("Hi there").ids());
    }

    @Test
    void emptyDirectoryIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> BertTokenizer.fromModelDirectory(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("vocab.txt"), e.getMessage());
    }

    @Test
    void unsupportedTokenizerJsonSettingsAreRefusedByName() {
        assertRefused(json -> model(json).put("type", "BPE"), "model.type");
        assertRefused(json -> json.put("pre_tokenizer", Map.of("type", "Whitespace")), "pre_tokenizer.type");
        assertRefused(json -> json.put("normalizer", Map.of("type", "NFC")), "normalizer.type");
        assertRefused(json -> object(json, "truncation").put("direction", "Left"), "truncation.direction");
        assertRefused(json -> object(json, "truncation").put("strategy", "OnlyFirst"), "truncation.strategy");
        assertRefused(json -> object(json, "padding").put("pad_to_multiple_of", 8L), "padding.pad_to_multiple_of");
        assertRefused(json -> firstAddedToken(json).put("lstrip", true), "added_tokens[0].lstrip");
        assertRefused(json -> model(json).remove("vocab"), "model.vocab is missing");
        assertRefused(json -> object(json, "post_processor").put("single", List.of()), "post_processor.single");
        assertRefused(json -> model(json).put("unk_token", "<unk>"), "<unk>");
    }

    @Test
    void malformedJsonIsAnError() throws IOException {
        Path bad = dir.resolve("tokenizer.json");
        Files.writeString(bad, "{\"model\": ");
        assertThrows(Json.JsonException.class, () -> BertTokenizer.fromTokenizerJson(bad));
    }

    @Test
    void vocabularyWithGapsIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vocab.fromMap(Map.of("a", 0, "b", 2)));
        assertTrue(e.getMessage().contains("\"b\" has id 2"), e.getMessage());
    }

    private void assertRefused(Consumer<Map<String, Object>> edit, String expectedInMessage) {
        Map<String, Object> json = TokenizerJsonVariants.miniLm();
        edit.accept(json);
        Path file = TokenizerJsonVariants.write(json, dir, "bad.json");
        var e = assertThrows(IllegalArgumentException.class, () -> BertTokenizer.fromTokenizerJson(file));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        assertTrue(e.getMessage().contains("bad.json") || expectedInMessage.equals("<unk>"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String key) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) json.get(key));
        json.put(key, copy);
        return copy;
    }

    private static Map<String, Object> model(Map<String, Object> json) {
        return object(json, "model");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstAddedToken(Map<String, Object> json) {
        List<Object> tokens = new ArrayList<>((List<Object>) json.get("added_tokens"));
        Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) tokens.get(0));
        tokens.set(0, first);
        json.put("added_tokens", tokens);
        return first;
    }

    private static void writeVocabTxt(Vocab vocab, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int id = 0; id < vocab.size(); id++) sb.append(vocab.token(id)).append('\n');
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
