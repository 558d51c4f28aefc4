package hifi.engine.tokenizer;

import java.util.List;

/**
 * The spellings of BERT's special tokens.
 *
 * @param unk  stands for a word WordPiece cannot cover
 * @param cls  starts every encoding
 * @param sep  ends each text of an encoding
 * @param pad  fills padded positions
 * @param mask the masked-language-model blank
 */
public record BertSpecialTokens(String unk, String cls, String sep, String pad, String mask) {
    /** {@code [UNK] [CLS] [SEP] [PAD] [MASK]}. */
    public static final BertSpecialTokens DEFAULT = new BertSpecialTokens("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]");

    /** All five, in the order pad, unk, cls, sep, mask (their usual vocabulary order). */
    public List<String> all() {
        return List.of(pad, unk, cls, sep, mask);
    }
}
