package hifi.glue.model;

import hifi.engine.tokenizer.BertTokenizer;
import hifi.engine.tokenizer.Encoding;
import hifi.engine.tokenizer.Padding;
import hifi.glue.tasks.Example;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns task examples into unpadded BERT encodings: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}, cut to
 * {@code maxLength} tokens with {@code longest_first} truncation. Padding happens later, per batch
 * ({@link InferenceBatches}, the trainer's batch plan), to the longest sequence of that batch.
 */
public final class TaskEncoder {
    private final BertTokenizer tokenizer;
    private final int maxLength;

    /** @param maxLength the token limit, special tokens included; at most the model's position table */
    public TaskEncoder(BertTokenizer tokenizer, int maxLength) {
        if (maxLength < 3) throw new IllegalArgumentException("--max-length must be at least 3 ([CLS] x [SEP]), got " + maxLength);
        this.tokenizer = tokenizer.withTruncation(maxLength).withPadding(Padding.NONE);
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public int padId() {
        return tokenizer.padId();
    }

    public Encoding encode(Example e) {
        return e.isPair() ? tokenizer.encode(e.textA(), e.textB()) : tokenizer.encode(e.textA());
    }

    /** The encodings of {@code examples}, in order. */
    public List<Encoding> encodeAll(List<Example> examples) {
        List<Encoding> out = new ArrayList<>(examples.size());
        for (Example e : examples) out.add(encode(e));
        return out;
    }
}
