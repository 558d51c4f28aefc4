package hifi.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trie-based {@link WordPiece} against the plain textbook loop it optimises: for each start, try the longest
 * remaining substring, then shorter ones (one code point at a time), looking each up in the vocabulary.
 */
class WordPieceTrieParityTest {
    private static final Vocab VOCAB = BertTokenizer.fromTokenizerJson(Fixtures.miniLmTokenizerJson()).vocab();

    static List<Integer> reference(String word, int maxChars) {
        int unk = VOCAB.id("[UNK]");
        if (word.codePointCount(0, word.length()) > maxChars) return List.of(unk);
        List<Integer> ids = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            int found = -1;
            while (start < end) {
                String piece = (start > 0 ? "##" : "") + word.substring(start, end);
                found = VOCAB.id(piece);
                if (found >= 0) break;
                end = word.offsetByCodePoints(end, -1);
            }
            if (found < 0) return List.of(unk);
            ids.add(found);
            start = end;
        }
        return ids;
    }

    @Test
    void sameIdsAsTheTextbookLoop() {
        WordPiece wordPiece = WordPiece.bert(VOCAB);
        BasicTokenizer basic = new BasicTokenizer(NormalizerOptions.uncased(), List.of());
        List<String> words = new ArrayList<>();
        for (String sentence : Fixtures.sentences()) words.addAll(basic.tokenize(sentence));
        // Random concatenations of vocabulary pieces and odd characters: long, deep matches and dead ends.
        SplittableRandom random = new SplittableRandom(42);
        String[] odd = {"é", "☃", "\uD835\uDC9C", "q", "##", "x"};
        for (int i = 0; i < 3000; i++) {
            StringBuilder w = new StringBuilder();
            int parts = 1 + random.nextInt(8);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(10) == 0) {
                    w.append(odd[random.nextInt(odd.length)]);
                } else {
                    w.append(VOCAB.token(random.nextInt(VOCAB.size())).replace("##", ""));
                }
            }
            words.add(w.toString());
        }
        for (String word : words) {
            int[] ids = wordPiece.ids(word);
            List<Integer> actual = new ArrayList<>();
            for (int id : ids) actual.add(id);
            assertEquals(reference(word, WordPiece.DEFAULT_MAX_INPUT_CHARS_PER_WORD), actual, word);
        }
    }
}
