package hifi.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token ids, type ids and attention masks identical to HuggingFace {@code tokenizers} (through DJL) on the same
 * {@code tokenizer.json}: thousands of real sentences and pairs plus hand-picked hard cases, with and without
 * truncation and padding.
 */
class HfParityTest {
    private static final BertTokenizer TOKENIZER = BertTokenizer.fromTokenizerJson(Fixtures.miniLmTokenizerJson());
    private static final BertTokenizer PLAIN = TOKENIZER.withoutTruncation().withPadding(Padding.NONE);

    static List<String> singles() {
        List<String> all = new ArrayList<>(Fixtures.sentences());
        all.addAll(HardCases.texts());
        return all;
    }

    /** RTE pairs, neighbouring real sentences paired up (varied length ratios), and hard cases paired with text. */
    static List<Fixtures.Pair> pairs() {
        List<Fixtures.Pair> pairs = new ArrayList<>(Fixtures.rtePairs());
        List<String> sentences = Fixtures.sentences();
        for (int i = 0; i + 1 < sentences.size(); i += 2) {
            pairs.add(new Fixtures.Pair(sentences.get(i), sentences.get(i + 1)));
        }
        List<String> hard = HardCases.texts();
        for (int i = 0; i < hard.size(); i++) {
            pairs.add(new Fixtures.Pair(hard.get(i), hard.get((i * 7 + 3) % hard.size())));
            pairs.add(new Fixtures.Pair(sentences.get(i * 13), hard.get(i)));
        }
        return pairs;
    }

    @Test
    void fixturesAreLargeEnough() {
        assertTrue(Fixtures.sentences().size() >= 2000, "real sentences: " + Fixtures.sentences().size());
        assertTrue(Fixtures.rtePairs().size() >= 1000, "real pairs: " + Fixtures.rtePairs().size());
    }

    @Test
    void singlesWithoutTruncation() {
        try (HfOracle hf = HfOracle.plain(Fixtures.miniLmTokenizerJson())) {
            assertSingles(singles(), PLAIN::encode, hf);
        }
    }

    @Test
    void tokenStringsOfSingles() {
        try (HfOracle hf = HfOracle.plain(Fixtures.miniLmTokenizerJson())) {
            for (String text : singles()) assertEquals(hf.tokens(text), PLAIN.tokenize(text), () -> describe(text));
        }
    }

    @Test
    void pairsWithoutTruncation() {
        try (HfOracle hf = HfOracle.plain(Fixtures.miniLmTokenizerJson())) {
            assertPairs(pairs(), PLAIN::encode, hf);
        }
    }

    /** Other normaliser settings over the same vocabulary: ids still identical, singles and pairs. */
    @Test
    void otherNormalizerSettings(@TempDir Path dir) {
        for (NormalizerOptions options : List.of(NormalizerOptions.cased(), new NormalizerOptions(true, true, true,
                false), new NormalizerOptions(true, false, false, true))) {
            Path json = TokenizerJsonVariants.write(TokenizerJsonVariants.withNormalizer(options), dir, "variant.json");
            BertTokenizer ours = BertTokenizer.fromTokenizerJson(json);
            try (HfOracle hf = HfOracle.plain(json)) {
                assertSingles(singles(), ours::encode, hf);
                assertPairs(Fixtures.rtePairs(), ours::encode, hf);
            }
        }
    }

    @Test
    void longestFirstTruncation() {
        for (int maxLength : new int[] {3, 16, 17, 32}) {
            BertTokenizer ours = PLAIN.withTruncation(maxLength);
            try (HfOracle hf = HfOracle.truncating(Fixtures.miniLmTokenizerJson(), maxLength)) {
                assertSingles(singles(), ours::encode, hf);
                assertPairs(pairs(), ours::encode, hf);
            }
        }
    }

    /**
     * Budgets of one to five tokens for a pair. HF computes every overflowing window when it truncates, which is slow
     * for tiny budgets, so these use every tenth pair.
     */
    @Test
    void longestFirstTruncationAtTinyLengths() {
        List<Fixtures.Pair> pairs = pairs();
        List<Fixtures.Pair> some = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 10) some.add(pairs.get(i));
        for (int maxLength : new int[] {4, 5, 7}) {
            BertTokenizer ours = PLAIN.withTruncation(maxLength);
            try (HfOracle hf = HfOracle.truncating(Fixtures.miniLmTokenizerJson(), maxLength)) {
                assertSingles(singles(), ours::encode, hf);
                assertPairs(some, ours::encode, hf);
            }
        }
    }

    @Test
    void batchesPaddedToTheLongest() {
        for (int maxLength : new int[] {0, 24}) {
            BertTokenizer truncating = maxLength == 0 ? PLAIN : PLAIN.withTruncation(maxLength);
            BertTokenizer ours = truncating.withPadding(Padding.LONGEST);
            try (HfOracle hf = HfOracle.paddingLongest(Fixtures.miniLmTokenizerJson(), maxLength)) {
                List<String> texts = singles();
                for (int from = 0; from < texts.size(); from += 37) {
                    List<String> batch = texts.subList(from, Math.min(texts.size(), from + 37));
                    assertRows(hf.encodeBatch(batch), ours.encodeBatch(batch).encodings(), "batch at " + from
                            + " " + hf.settings());
                }
                List<Fixtures.Pair> pairs = pairs();
                for (int from = 0; from < pairs.size(); from += 29) {
                    List<Fixtures.Pair> batch = pairs.subList(from, Math.min(pairs.size(), from + 29));
                    List<String> firsts = batch.stream().map(Fixtures.Pair::first).toList();
                    List<String> seconds = batch.stream().map(Fixtures.Pair::second).toList();
                    assertRows(hf.encodePairBatch(firsts, seconds), ours.encodePairBatch(firsts, seconds).encodings(),
                            "pair batch at " + from + " " + hf.settings());
                }
            }
        }
    }

    @Test
    void fixedLengthPadding() {
        BertTokenizer ours = PLAIN.withTruncation(40).withPadding(Padding.toLength(40));
        try (HfOracle hf = HfOracle.fixedLength(Fixtures.miniLmTokenizerJson(), 40)) {
            assertSingles(singles(), ours::encode, hf);
            assertPairs(pairs(), ours::encode, hf);
        }
    }

    /**
     * The file's own truncation and padding (both 128) are honoured, as HF does when it loads the file. (DJL replaces
     * the file's padding with its own default, so the oracle is given the same settings explicitly.)
     */
    @Test
    void settingsWrittenInTokenizerJson() {
        assertEquals(128, TOKENIZER.maxLength());
        assertEquals(Padding.toLength(128), TOKENIZER.padding());
        try (HfOracle hf = HfOracle.fixedLength(Fixtures.miniLmTokenizerJson(), 128)) {
            assertSingles(singles(), TOKENIZER::encode, hf);
            assertPairs(pairs(), TOKENIZER::encode, hf);
        }
    }

    /** Each text encoded on its own by us, against HF's batch encoding of all of them (one native call). */
    private static void assertSingles(List<String> texts, Function<String, Encoding> ours, HfOracle hf) {
        List<Encoding> expected = hf.encodeBatch(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertSame(expected.get(i), ours.apply(texts.get(i)), describe(texts.get(i)) + " with " + hf.settings());
        }
    }

    private static void assertPairs(List<Fixtures.Pair> pairs, BiFunction<String, String, Encoding> ours,
                                    HfOracle hf) {
        List<Encoding> expected = hf.encodePairBatch(pairs.stream().map(Fixtures.Pair::first).toList(),
                pairs.stream().map(Fixtures.Pair::second).toList());
        for (int i = 0; i < pairs.size(); i++) {
            Fixtures.Pair p = pairs.get(i);
            assertSame(expected.get(i), ours.apply(p.first(), p.second()),
                    "pair " + describe(p.first()) + " / " + describe(p.second()) + " with " + hf.settings());
        }
    }

    private static void assertRows(List<Encoding> expected, List<Encoding> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) assertSame(expected.get(i), actual.get(i), what + ", row " + i);
    }

    static void assertSame(Encoding expected, Encoding actual, String what) {
        assertArrayEquals(expected.ids(), actual.ids(), () -> "ids of " + what);
        assertArrayEquals(expected.typeIds(), actual.typeIds(), () -> "type ids of " + what);
        assertArrayEquals(expected.attentionMask(), actual.attentionMask(), () -> "attention mask of " + what);
    }

    /** The text with non-ASCII and invisible characters as escapes, so failures are readable. */
    static String describe(String text) {
        StringBuilder sb = new StringBuilder("\"");
        text.codePoints().limit(200).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) sb.appendCodePoint(cp);
            else sb.append(String.format("\\u{%X}", cp));
        });
        return sb.append('"').toString();
    }
}
