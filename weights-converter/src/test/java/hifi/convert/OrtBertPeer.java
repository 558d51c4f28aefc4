package hifi.convert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import hifi.engine.data.Batch;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The independent oracle for the engine's BERT forward: ONNX Runtime (Java) running an original HuggingFace ONNX
 * export (inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids}, int64 {@code [batch, seq]}; output
 * {@code last_hidden_state} {@code [batch, seq, hidden]}).
 *
 * <p>Graph optimisations are off ({@code NO_OPT}): the oracle evaluates the exported graph node by node, so no fused
 * kernel of ORT's stands between the export and the numbers we compare with.
 */
final class OrtBertPeer implements AutoCloseable {
    private static final String OUTPUT = "last_hidden_state";

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    private OrtBertPeer(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            options.setIntraOpNumThreads(2);
            options.setInterOpNumThreads(1);
            session = env.createSession(model, options);
        }
        assertEquals(Set.of(OUTPUT), session.getOutputNames(), "outputs of the ONNX export");
    }

    /** A session over the ONNX file that is the top-level class path resource {@code entry} (inside a Maven jar). */
    static OrtBertPeer fromResource(String entry) throws IOException, OrtException {
        try (InputStream in = OrtBertPeer.class.getResourceAsStream("/" + entry)) {
            assertNotNull(in, "no class path resource " + entry);
            return new OrtBertPeer(in.readAllBytes());
        }
    }

    /** ORT's {@code last_hidden_state} for {@code batch}, fed the batch's ids, mask and token types unchanged. */
    float[][][] lastHiddenState(Batch batch) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, asLongMatrix(batch.ids(), batch)));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, asLongMatrix(batch.attentionMask(), batch)));
            inputs.put("token_type_ids", OnnxTensor.createTensor(env, asLongMatrix(batch.tokenTypes(), batch)));
            assertEquals(session.getInputNames(), inputs.keySet(), "inputs of the ONNX export");
            try (OrtSession.Result result = session.run(inputs)) {
                return (float[][][]) result.get(OUTPUT).orElseThrow().getValue();
            }
        } finally {
            for (OnnxTensor t : inputs.values()) t.close();
        }
    }

    private static long[][] asLongMatrix(int[] flat, Batch batch) {
        long[][] m = new long[batch.batch()][batch.seqLen()];
        for (int i = 0; i < batch.batch(); i++) {
            for (int t = 0; t < batch.seqLen(); t++) m[i][t] = flat[i * batch.seqLen() + t];
        }
        return m;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
