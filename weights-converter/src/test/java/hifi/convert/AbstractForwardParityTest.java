package hifi.convert;

import ai.onnxruntime.OrtException;
import hifi.engine.backend.Backends;
import hifi.engine.data.Batch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real-weight forward parity: a model converted by our converter from its langchain4j jar;
 * the engine's {@code last_hidden_state} (encoder output, eval mode, before any pooler) against ONNX Runtime running
 * the jar's original ONNX file, on one padded batch of eight real sentences of different lengths, tokenised by our
 * tokenizer (the same ids go to both). Run with the SIMD (preferred and 256-bit) and the reference backend; measured differences are printed.
 *
 * <p>Real tokens: tolerance 1e-4 (the issue's). Both sides compute in fp32 with different summation orders; the hidden
 * states are LayerNorm outputs of magnitude up to ~6, and the measured differences stay around 2e-6.
 *
 * <p>Padding positions are compared too (HF, and so ORT, compute padded rows: they attend to the real tokens of their
 * sequence), against {@link #paddingTolerance()}. A few padded positions are badly conditioned: there the oracle does
 * not even agree with itself (ORT's {@code ALL_OPT} and {@code NO_OPT} graphs differ by up to 3.3e-5 for MiniLM and
 * 2.8e-4 for bge-small, against 2e-6 to 5e-6 on real tokens), nor do our SIMD and reference backends; all other
 * padded positions agree to ~1e-6.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractForwardParityTest {
    static final double TOLERANCE = 1e-4;
    static final int SENTENCES = 8;
    static final int MAX_TOKENS = 48;

    ForwardParity parity;
    Batch batch;
    float[][][] onnxRuntime;

    /** The langchain4j jar holding the model. */
    abstract Path jar();

    /** The ONNX file's name inside {@link #jar()}. */
    abstract String onnxEntry();

    /** Largest difference allowed at padding positions (see the class comment). */
    double paddingTolerance() {
        return TOLERANCE;
    }

    @BeforeAll
    void convertAndRunOnnxRuntime(@TempDir Path dir) throws IOException, OrtException {
        parity = ForwardParity.convert(jar(), onnxEntry(), dir);
        batch = parity.encode(parity.sentencesOfDistinctLengths(SENTENCES, MAX_TOKENS));
        onnxRuntime = parity.onnxRuntime(batch);
    }

    @AfterAll
    void close() throws OrtException {
        if (parity != null) parity.close();
    }

    /** The preferred SIMD species, 256-bit vectors (what an AVX2 machine gets) and the scalar reference. */
    @ParameterizedTest
    @ValueSource(strings = {"simd", "simd-256", "reference"})
    void paddedBatchOfRealSentencesMatchesOnnxRuntime(String backend) {
        int[] lengths = ForwardParity.lengths(batch);
        assertEquals(SENTENCES, Arrays.stream(lengths).distinct().count(), "sentences of distinct lengths " + Arrays.toString(lengths));
        ForwardParity.Diff diff = ForwardParity.Diff.between(parity.engine(Backends.byName(backend), batch), onnxRuntime, batch);
        System.out.printf("%s vs ONNX Runtime, %s backend, lengths %s (%d padding positions): "
                        + "max abs diff %.3g on real tokens, %.3g on padding%n",
                onnxEntry(), backend, Arrays.toString(lengths), diff.paddingPositions(), diff.realTokens(), diff.padding());
        assertTrue(diff.paddingPositions() > 0, "the batch has padding");
        assertTrue(diff.realTokens() <= TOLERANCE, "max abs diff on real tokens " + diff.realTokens());
        assertTrue(diff.padding() <= paddingTolerance(), "max abs diff on padding positions " + diff.padding());
    }
}
