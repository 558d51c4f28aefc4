package hifi.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * BERT's second stage: one word to sub-word token ids, by greedy longest match. The first piece is the longest
 * vocabulary entry the word starts with; each following piece is the longest entry that, written with the
 * continuation prefix ({@code ##}), continues it. A word that cannot be covered completely, or that is longer than
 * {@code maxInputCharsPerWord} code points, becomes the single unknown token. Thread-safe.
 *
 * <p>Example (bert-base-uncased): "unaffable" → {@code un ##aff ##able}.
 */
public final class WordPiece {
    /** The limit BERT uses: longer words become the unknown token. */
    public static final int DEFAULT_MAX_INPUT_CHARS_PER_WORD = 100;

    private final Vocab vocab;
    private final PrefixTrie wordStarts = new PrefixTrie();
    private final PrefixTrie continuations;
    private final int unkId;
    private final int maxInputCharsPerWord;

    /**
     * @param vocab                the vocabulary
     * @param unkToken             the token for unmatchable words, e.g. {@code [UNK]}; must be in the vocabulary
     * @param continuingPrefix     the prefix that marks a word-internal piece, e.g. {@code ##}
     * @param maxInputCharsPerWord longer words (in code points) become {@code unkToken}
     */
    public WordPiece(Vocab vocab, String unkToken, String continuingPrefix, int maxInputCharsPerWord) {
        if (maxInputCharsPerWord < 1) {
            throw new IllegalArgumentException("maxInputCharsPerWord must be positive, got " + maxInputCharsPerWord);
        }
        this.vocab = vocab;
        this.unkId = vocab.requireId(unkToken, "unknown");
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        this.continuations = continuingPrefix.isEmpty() ? wordStarts : new PrefixTrie();
        for (int id = 0; id < vocab.size(); id++) {
            String token = vocab.token(id);
            if (vocab.id(token) != id) continue; // a duplicate line: the later id is the one in use
            if (!continuingPrefix.isEmpty() && token.startsWith(continuingPrefix)) {
                continuations.add(token.substring(continuingPrefix.length()), id);
            }
            // Every entry, "##" ones included, may also start a word, exactly as a plain lookup of the
            // substring would find it.
            wordStarts.add(token, id);
        }
    }

    /** BERT's settings: {@code [UNK]}, {@code ##}, 100 code points. */
    public static WordPiece bert(Vocab vocab) {
        return new WordPiece(vocab, "[UNK]", "##", DEFAULT_MAX_INPUT_CHARS_PER_WORD);
    }

    /** The id of the unknown token. */
    public int unkId() {
        return unkId;
    }

    /** The token ids of one word (a word holds no whitespace). */
    public int[] ids(String word) {
        IntList out = new IntList(8);
        encode(word, out);
        return out.toArray();
    }

    /** The token strings of one word, e.g. {@code [un, ##aff, ##able]}. */
    public List<String> tokenize(String word) {
        int[] ids = ids(word);
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) tokens.add(vocab.token(id));
        return tokens;
    }

    /** Appends the ids of {@code word} to {@code out}. */
    void encode(String word, IntList out) {
        if (word.length() > maxInputCharsPerWord && word.codePointCount(0, word.length()) > maxInputCharsPerWord) {
            out.add(unkId);
            return;
        }
        int sizeBefore = out.size();
        int[] id = new int[1];
        for (int start = 0; start < word.length(); ) {
            PrefixTrie trie = start == 0 ? wordStarts : continuations;
            int end = trie.longestMatch(word, start, word.length(), id);
            if (end < 0) {
                out.truncate(sizeBefore);
                out.add(unkId);
                return;
            }
            out.add(id[0]);
            start = end;
        }
    }
}
