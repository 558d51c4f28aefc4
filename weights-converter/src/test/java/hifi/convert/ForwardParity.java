package hifi.convert;

import ai.onnxruntime.OrtException;
import hifi.engine.backend.Backend;
import hifi.engine.bert.BertModel;
import hifi.engine.data.Batch;
import hifi.engine.tokenizer.BertTokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A real model converted by our converter straight from its langchain4j jar, next to ONNX Runtime running the jar's
 * original ONNX file: both get the same ids (from our tokenizer) and their {@code last_hidden_state} is compared.
 */
final class ForwardParity implements AutoCloseable {
    /** Real sentences, copied from the UCI sentiment data into the engine's test fixtures (see its README). */
    private static final String SENTENCES = "/tokenizer/uci-sentiment.txt";
    /** A fixed pooler seed: the exports have no pooler and the comparison never looks at it. */
    private static final long POOLER_SEED = 1;

    private final BertModel model;
    private final BertTokenizer tokenizer;
    private final OrtBertPeer ort;

    private ForwardParity(BertModel model, BertTokenizer tokenizer, OrtBertPeer ort) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.ort = ort;
    }

    /** Converts {@code jar} into {@code workDir} and opens ORT on the jar's {@code onnxEntry}. */
    static ForwardParity convert(Path jar, String onnxEntry, Path workDir) throws IOException, OrtException {
        Path dir = workDir.resolve("converted");
        Converter.convert(jar, dir, false);
        return new ForwardParity(BertModel.load(dir, POOLER_SEED), BertTokenizer.fromModelDirectory(dir),
                OrtBertPeer.fromResource(onnxEntry));
    }

    BertTokenizer tokenizer() {
        return tokenizer;
    }

    /** The sentences encoded by our tokenizer, padded to the longest with the pad id (mask 0). */
    Batch encode(List<String> sentences) {
        return Batch.pad(tokenizer.encodeBatch(sentences).ids(), null, tokenizer.padId(), null, null);
    }

    /**
     * The first {@code count} non-empty lines of the UCI sentiment fixture whose encodings (with [CLS] and [SEP]) all
     * have different lengths of at most {@code maxTokens}: a padded batch where every row has its own amount of padding.
     */
    List<String> sentencesOfDistinctLengths(int count, int maxTokens) throws IOException {
        List<String> picked = new ArrayList<>();
        Set<Integer> lengths = new HashSet<>();
        try (InputStream in = ForwardParity.class.getResourceAsStream(SENTENCES)) {
            assertNotNull(in, SENTENCES + " (engine test fixture) is not on the test class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null && picked.size() < count; line = r.readLine()) {
                int length = tokenizer.encode(line).length();
                if (!line.isBlank() && length <= maxTokens && lengths.add(length)) picked.add(line);
            }
        }
        assertEquals(count, picked.size(), "sentences of distinct lengths in " + SENTENCES);
        return picked;
    }

    /** The number of real tokens (attention mask 1) of each row of {@code batch}. */
    static int[] lengths(Batch batch) {
        int[] lengths = new int[batch.batch()];
        for (int i = 0; i < batch.tokens(); i++) lengths[i / batch.seqLen()] += batch.attentionMask()[i];
        return lengths;
    }

    /** The engine's last hidden state (encoder output, eval mode) as {@code [batch][seq][hidden]}. */
    float[][][] engine(Backend be, Batch batch) {
        float[] flat = model.infer(be, batch, null).sequence().toArray();
        int hidden = model.config().hiddenSize();
        float[][][] h = new float[batch.batch()][batch.seqLen()][hidden];
        for (int i = 0; i < batch.batch(); i++) {
            for (int t = 0; t < batch.seqLen(); t++) {
                System.arraycopy(flat, (i * batch.seqLen() + t) * hidden, h[i][t], 0, hidden);
            }
        }
        return h;
    }

    /** ONNX Runtime's last hidden state for the same batch. */
    float[][][] onnxRuntime(Batch batch) throws OrtException {
        return ort.lastHiddenState(batch);
    }

    /**
     * Largest absolute differences between two {@code [batch][seq][hidden]} states, over real tokens and over padding
     * positions separately.
     */
    record Diff(double realTokens, double padding, int paddingPositions) {
        static Diff between(float[][][] ours, float[][][] theirs, Batch batch) {
            double real = 0, pad = 0;
            int padPositions = 0;
            for (int i = 0; i < batch.batch(); i++) {
                for (int t = 0; t < batch.seqLen(); t++) {
                    assertEquals(theirs[i][t].length, ours[i][t].length, "hidden size at [" + i + "][" + t + "]");
                    double d = 0;
                    for (int k = 0; k < ours[i][t].length; k++) d = Math.max(d, Math.abs(ours[i][t][k] - theirs[i][t][k]));
                    if (batch.attentionMask()[i * batch.seqLen() + t] != 0) {
                        real = Math.max(real, d);
                    } else {
                        pad = Math.max(pad, d);
                        padPositions++;
                    }
                }
            }
            return new Diff(real, pad, padPositions);
        }
    }

    @Override
    public void close() throws OrtException {
        ort.close();
    }
}
