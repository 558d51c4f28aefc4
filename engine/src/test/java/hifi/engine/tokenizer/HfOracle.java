package hifi.engine.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference: HuggingFace {@code tokenizers} (Rust, through DJL) loading the same {@code tokenizer.json}. Test
 * code only; the engine never depends on it. DJL's options override the truncation and padding written in the file.
 */
final class HfOracle implements AutoCloseable {
    private final HuggingFaceTokenizer hf;

    private HfOracle(HuggingFaceTokenizer hf) {
        this.hf = hf;
    }

    /** No truncation, no padding. */
    static HfOracle plain(Path tokenizerJson) {
        return open(tokenizerJson, Map.of("truncation", "false", "padding", "false"));
    }

    /** {@code longest_first} truncation to {@code maxLength}, no padding. */
    static HfOracle truncating(Path tokenizerJson, int maxLength) {
        return open(tokenizerJson, Map.of("truncation", "longest_first", "padding", "false",
                "maxLength", Integer.toString(maxLength)));
    }

    /** Padding to the longest row of a batch, with or without truncation ({@code maxLength} 0 = none). */
    static HfOracle paddingLongest(Path tokenizerJson, int maxLength) {
        Map<String, String> options = new HashMap<>(Map.of("padding", "longest"));
        if (maxLength > 0) {
            options.put("truncation", "longest_first");
            options.put("maxLength", Integer.toString(maxLength));
        } else {
            options.put("truncation", "false");
        }
        return open(tokenizerJson, options);
    }

    /** Truncation and padding both to {@code maxLength}. */
    static HfOracle fixedLength(Path tokenizerJson, int maxLength) {
        return open(tokenizerJson, Map.of("truncation", "longest_first", "padding", "max_length",
                "maxLength", Integer.toString(maxLength)));
    }

    private static HfOracle open(Path tokenizerJson, Map<String, String> options) {
        try (var in = Files.newInputStream(tokenizerJson)) {
            return new HfOracle(HuggingFaceTokenizer.newInstance(in, options));
        } catch (IOException e) {
            throw new UncheckedIOException("DJL cannot load " + tokenizerJson, e);
        }
    }

    /** A description of the options in force, for assertion messages. */
    String settings() {
        return "truncation=" + hf.getTruncation() + " padding=" + hf.getPadding() + " maxLength=" + hf.getMaxLength();
    }

    Encoding encode(String text) {
        return convert(hf.encode(text));
    }

    Encoding encode(String first, String second) {
        return convert(hf.encode(first, second));
    }

    List<String> tokens(String text) {
        return Arrays.asList(hf.encode(text, false, false).getTokens());
    }

    List<Encoding> encodeBatch(List<String> texts) {
        return Arrays.stream(hf.batchEncode(texts)).map(HfOracle::convert).toList();
    }

    List<Encoding> encodePairBatch(List<String> firsts, List<String> seconds) {
        return Arrays.stream(hf.batchEncode(new PairList<>(firsts, seconds))).map(HfOracle::convert).toList();
    }

    private static Encoding convert(ai.djl.huggingface.tokenizers.Encoding e) {
        return new Encoding(toInts(e.getIds()), toInts(e.getTypeIds()), toInts(e.getAttentionMask()));
    }

    private static int[] toInts(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public void close() {
        hf.close();
    }
}
