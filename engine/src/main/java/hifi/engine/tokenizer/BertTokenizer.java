package hifi.engine.tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The BERT tokenizer: text (or a text pair) to the {@link Encoding} a BERT model takes, matching HuggingFace
 * {@code tokenizers} id for id. Pipeline: {@link BasicTokenizer} (special tokens, normalisation, whitespace and
 * punctuation split) → {@link WordPiece} per word → truncation ({@code longest_first}) → {@code [CLS] A [SEP]} or
 * {@code [CLS] A [SEP] B [SEP]} with segment ids → padding.
 *
 * <p>Immutable and thread-safe; {@link #withTruncation}, {@link #withoutTruncation} and {@link #withPadding} return
 * reconfigured copies that share the vocabulary.
 */
public final class BertTokenizer {
    /** Ids of the tokens the encoder inserts. */
    record SpecialIds(int cls, int sep, int pad) {}

    private final BasicTokenizer basic;
    private final WordPiece wordPiece;
    private final Vocab vocab;
    private final Map<String, Integer> specialTokenIds;
    private final SpecialIds specialIds;
    private final int maxLength;
    private final Padding padding;
    private final int modelMaxLength;

    BertTokenizer(BasicTokenizer basic, WordPiece wordPiece, Vocab vocab, Map<String, Integer> specialTokenIds,
                  SpecialIds specialIds, int maxLength, Padding padding, int modelMaxLength) {
        if (maxLength < 0) throw new IllegalArgumentException("max length must be >= 0 (0 = none), got " + maxLength);
        this.basic = basic;
        this.wordPiece = wordPiece;
        this.vocab = vocab;
        this.specialTokenIds = Map.copyOf(specialTokenIds);
        this.specialIds = specialIds;
        this.maxLength = maxLength;
        this.padding = padding;
        this.modelMaxLength = modelMaxLength;
    }

    /**
     * Loads a HuggingFace {@code tokenizer.json} (BertNormalizer, BertPreTokenizer, WordPiece, BERT post-processor),
     * including the truncation and padding it specifies.
     */
    public static BertTokenizer fromTokenizerJson(Path tokenizerJson) {
        return TokenizerFiles.readTokenizerJson(tokenizerJson);
    }

    /**
     * Loads the tokenizer of a model directory: {@code vocab.txt} with {@code tokenizer_config.json} (do_lower_case,
     * strip_accents, tokenize_chinese_chars, model_max_length, special tokens) when there is a {@code vocab.txt},
     * otherwise {@code tokenizer.json}. No truncation or padding is configured from {@code vocab.txt}; use
     * {@code withTruncation(modelMaxLength())} to cut at the model's limit.
     */
    public static BertTokenizer fromModelDirectory(Path dir) {
        return TokenizerFiles.readModelDirectory(dir);
    }

    /** A BERT tokenizer over {@code vocab.txt} with the standard special tokens and the given normalisation. */
    public static BertTokenizer fromVocabTxt(Path vocabTxt, NormalizerOptions options) {
        return TokenizerFiles.fromVocab(Vocab.readVocabTxt(vocabTxt), options, BertSpecialTokens.DEFAULT, 0);
    }

    /**
     * This tokenizer, truncating with {@code longest_first} so that encodings (special tokens included) have at most
     * {@code maxLength} positions.
     */
    public BertTokenizer withTruncation(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("truncation max length must be positive, got " + maxLength);
        }
        return reconfigured(maxLength, padding);
    }

    /** This tokenizer, never truncating. */
    public BertTokenizer withoutTruncation() {
        return reconfigured(0, padding);
    }

    /** This tokenizer, padding as given. */
    public BertTokenizer withPadding(Padding padding) {
        return reconfigured(maxLength, padding);
    }

    private BertTokenizer reconfigured(int maxLength, Padding padding) {
        return new BertTokenizer(basic, wordPiece, vocab, specialTokenIds, specialIds, maxLength, padding,
                modelMaxLength);
    }

    /** Truncation length (special tokens included), 0 when not truncating. */
    public int maxLength() {
        return maxLength;
    }

    /** The padding setting. */
    public Padding padding() {
        return padding;
    }

    /** The longest input the model accepts, from {@code tokenizer_config.json}; 0 when unknown. */
    public int modelMaxLength() {
        return modelMaxLength;
    }

    /** The vocabulary. */
    public Vocab vocab() {
        return vocab;
    }

    /** The first stage (special tokens, normalisation, word split). */
    public BasicTokenizer basicTokenizer() {
        return basic;
    }

    /** The second stage (words to sub-word ids). */
    public WordPiece wordPiece() {
        return wordPiece;
    }

    /** Id of {@code [CLS]}. */
    public int clsId() {
        return specialIds.cls();
    }

    /** Id of {@code [SEP]}. */
    public int sepId() {
        return specialIds.sep();
    }

    /** Id of {@code [PAD]}. */
    public int padId() {
        return specialIds.pad();
    }

    /** The token ids of {@code text} without {@code [CLS]}/{@code [SEP]}, truncation or padding. */
    public int[] tokenIds(String text) {
        return pieces(text).toArray();
    }

    /** The tokens of {@code text} without {@code [CLS]}/{@code [SEP]}, e.g. {@code [hello, ,, un, ##aff, ##able]}. */
    public List<String> tokenize(String text) {
        int[] ids = tokenIds(text);
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) tokens.add(vocab.token(id));
        return tokens;
    }

    /** Encodes one text: {@code [CLS] text [SEP]}, truncated and padded as configured. */
    public Encoding encode(String text) {
        return pad(single(text), padding.target(0));
    }

    /** Encodes a text pair: {@code [CLS] first [SEP] second [SEP]}, truncated and padded as configured. */
    public Encoding encode(String first, String second) {
        return pad(pair(first, second), padding.target(0));
    }

    /** Encodes texts one by one, then pads them together. */
    public BatchEncoding encodeBatch(List<String> texts) {
        List<Encoding> rows = new ArrayList<>(texts.size());
        for (String text : texts) rows.add(single(text));
        return padBatch(rows);
    }

    /** Encodes the pairs {@code (firsts[i], seconds[i])}, then pads them together. */
    public BatchEncoding encodePairBatch(List<String> firsts, List<String> seconds) {
        if (firsts.size() != seconds.size()) {
            throw new IllegalArgumentException("pair batch with " + firsts.size() + " first texts but "
                    + seconds.size() + " second texts");
        }
        List<Encoding> rows = new ArrayList<>(firsts.size());
        for (int i = 0; i < firsts.size(); i++) rows.add(pair(firsts.get(i), seconds.get(i)));
        return padBatch(rows);
    }

    private IntList pieces(String text) {
        IntList ids = new IntList(text.length() / 3 + 4);
        basic.tokenize(text, (word, special) -> {
            if (special) {
                ids.add(specialTokenIds.get(word));
            } else {
                wordPiece.encode(word, ids);
            }
        });
        return ids;
    }

    private Encoding single(String text) {
        IntList a = pieces(text);
        int keep = maxLength == 0 ? a.size() : Math.min(a.size(), budget(2));
        return assemble(a, keep, null, 0);
    }

    private Encoding pair(String first, String second) {
        IntList a = pieces(first);
        IntList b = pieces(second);
        if (maxLength == 0) return assemble(a, a.size(), b, b.size());
        int[] keep = Truncation.longestFirst(a.size(), b.size(), budget(3));
        return assemble(a, keep[0], b, keep[1]);
    }

    private int budget(int specialTokens) {
        if (maxLength < specialTokens) {
            throw new IllegalArgumentException("max length " + maxLength + " leaves no room for the "
                    + specialTokens + " special tokens");
        }
        return maxLength - specialTokens;
    }

    /** {@code [CLS] a[0, keepA) [SEP]} and, for a pair, {@code b[0, keepB) [SEP]} with type id 1. */
    private Encoding assemble(IntList a, int keepA, IntList b, int keepB) {
        int firstSegment = keepA + 2;
        int length = b == null ? firstSegment : firstSegment + keepB + 1;
        int[] ids = new int[length];
        int[] typeIds = new int[length];
        int[] mask = new int[length];
        Arrays.fill(mask, 1);
        ids[0] = specialIds.cls();
        for (int i = 0; i < keepA; i++) ids[1 + i] = a.get(i);
        ids[firstSegment - 1] = specialIds.sep();
        if (b != null) {
            for (int i = 0; i < keepB; i++) ids[firstSegment + i] = b.get(i);
            ids[length - 1] = specialIds.sep();
            Arrays.fill(typeIds, firstSegment, length, 1);
        }
        return new Encoding(ids, typeIds, mask);
    }

    private BatchEncoding padBatch(List<Encoding> rows) {
        int longest = 0;
        for (Encoding e : rows) longest = Math.max(longest, e.length());
        int target = padding.target(longest);
        List<Encoding> padded = new ArrayList<>(rows.size());
        for (Encoding e : rows) padded.add(pad(e, target));
        return new BatchEncoding(padded);
    }

    private Encoding pad(Encoding e, int target) {
        if (e.length() >= target) return e;
        int[] ids = Arrays.copyOf(e.ids(), target);
        Arrays.fill(ids, e.length(), target, specialIds.pad());
        return new Encoding(ids, Arrays.copyOf(e.typeIds(), target), Arrays.copyOf(e.attentionMask(), target));
    }
}
